package emf

import "github.com/watchsim/watchsim/internal/jsonscan"

// The readers below walk a message that jsonscan.Validate has already accepted, so they check
// nothing: every string is terminated and well escaped, every ':' and ',' is where it belongs.

// readString returns the value of the JSON string whose opening quote is s[i], and the index
// after it. The value is a substring of s unless the string holds escapes.
func readString(s string, i int) (string, int) {
	if end := jsonscan.ShortString(s, i); end >= 0 {
		return s[i+1 : end-1], end
	}
	end, escaped, _ := jsonscan.String(s, i)
	if !escaped {
		return s[i+1 : end-1], end
	}
	b, _, _ := jsonscan.AppendUnescaped(make([]byte, 0, end-i), s[i+1:])
	return string(b), end
}

// span is where a JSON value lies in the message: s[start:end].
type span struct{ start, end int }

// kind returns the JSON type of the value.
func (v span) kind(s string) jsonscan.Kind { return jsonscan.KindOf(s[v.start]) }

// objIter walks the members of a valid JSON object.
type objIter struct {
	s string
	i int // the next key's opening quote, or the closing brace
}

// members starts a walk over the object whose opening brace is s[i].
func members(s string, i int) objIter { return objIter{s, jsonscan.SkipSpace(s, i+1)} }

// next returns the next member's name and value, or ok false after the last one.
func (it *objIter) next() (name string, v span, ok bool) {
	s := it.s
	if s[it.i] == '}' {
		return "", span{}, false
	}
	name, j := readString(s, it.i)
	j = jsonscan.SkipSpace(s, jsonscan.SkipSpace(s, j)+1) // past ':'
	end, _ := jsonscan.Skip(s, j)
	it.i = jsonscan.SkipSpace(s, end)
	if s[it.i] == ',' {
		it.i = jsonscan.SkipSpace(s, it.i+1)
	}
	return name, span{j, end}, true
}

// skip passes over the next member without reading its name (there must be one).
func (it *objIter) skip() {
	s := it.s
	end, _ := jsonscan.Skip(s, it.i) // the name
	j := jsonscan.SkipSpace(s, jsonscan.SkipSpace(s, end)+1)
	end, _ = jsonscan.Skip(s, j) // the value
	it.i = jsonscan.SkipSpace(s, end)
	if s[it.i] == ',' {
		it.i = jsonscan.SkipSpace(s, it.i+1)
	}
}

// arrIter walks the elements of a valid JSON array.
type arrIter struct {
	s string
	i int // the next element, or the closing bracket
}

// elements starts a walk over the array whose opening bracket is s[i].
func elements(s string, i int) arrIter { return arrIter{s, jsonscan.SkipSpace(s, i+1)} }

// next returns the next element, or ok false after the last one.
func (it *arrIter) next() (v span, ok bool) {
	s := it.s
	if s[it.i] == ']' {
		return span{}, false
	}
	start := it.i
	end, _ := jsonscan.Skip(s, start)
	it.i = jsonscan.SkipSpace(s, end)
	if s[it.i] == ',' {
		it.i = jsonscan.SkipSpace(s, it.i+1)
	}
	return span{start, end}, true
}

// kindName names a JSON type in a reason ("a string", "an object", …).
func kindName(k jsonscan.Kind) string {
	switch k {
	case jsonscan.KindString:
		return "a string"
	case jsonscan.KindNumber:
		return "a number"
	case jsonscan.KindTrue, jsonscan.KindFalse:
		return "a boolean"
	case jsonscan.KindNull:
		return "null"
	case jsonscan.KindObject:
		return "an object"
	case jsonscan.KindArray:
		return "an array"
	}
	return "not a JSON value"
}
