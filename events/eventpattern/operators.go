package eventpattern

import (
	"unicode"
	"unicode/utf8"
)

// leafKind is the JSON type of an event leaf.
type leafKind uint8

const (
	leafString leafKind = iota
	leafNumber
	leafTrue
	leafFalse
	leafNull
)

// leafValue is one scalar event value: the unescaped bytes of a string, or the literal text of a
// number (converted when a match value needs it).
type leafValue struct {
	kind leafKind
	b    []byte
}

// numberKey returns the exact key of a comparable number leaf.
func (v *leafValue) numberKey() (numKey, bool) { return parseNumKeyBytes(v.b) }

// ordinal returns the ord of a comparable number leaf.
func (v *leafValue) ordinal() (ord, bool) {
	k, ok := v.numberKey()
	if !ok {
		return ord{}, false
	}
	return keyOrd(k), true
}

// opKind is the kind of one compiled match value.
type opKind uint8

const (
	opExactString opKind = iota // "text"
	opExactNumber               // 300: numerically equal, or the same literal text
	opNull
	opTrue
	opFalse
	opIP        // an IP-shaped exact string: any spelling of that address
	opPrefix    // {"prefix":"x"}
	opSuffix    // {"suffix":"x"}
	opEIC       // {"equals-ignore-case":"x"}
	opPrefixEIC // {"prefix":{"equals-ignore-case":"x"}}
	opSuffixEIC // {"suffix":{"equals-ignore-case":"x"}}
	opWildcard  // {"wildcard":"x*y"}
	opNumeric   // {"numeric":[...]}
	opCIDR      // {"cidr":"10.0.0.0/8"}
	opExists    // {"exists":true}
	opAbsent    // {"exists":false}
	opABString  // {"anything-but":"x"} / ["x","y"]
	opABNumber  // {"anything-but":1} / [1,2]
	opABPrefix  // {"anything-but":{"prefix":...}}
	opABSuffix  // {"anything-but":{"suffix":...}}
	opABEIC     // {"anything-but":{"equals-ignore-case":...}}
	opABWildcard
)

// op is one compiled match value of a field: the pattern array of a field is a list of ops, ORed.
type op struct {
	kind opKind
	s    string // string operand; folded for the ignore-case kinds
	key  numKey
	// numOK reports whether an exact number is compared by value (otherwise by literal text only)
	numOK bool
	// numeric range
	lo, hi         ord
	hasLo, hasHi   bool
	loOpen, hiOpen bool
	ip             *ipRange
	wc             *wildcard
	set            []string // anything-but strings / prefixes / suffixes (folded for EIC)
	nums           []numKey
	wcs            []*wildcard
}

// foldCase lower-cases s rune by rune with simple case mapping (event-ruler compares each
// character with Java's per-character toLowerCase/toUpperCase). ASCII is handled without
// decoding.
func foldCase(dst, s []byte) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError && n == 1 {
			dst = append(dst, c)
			i++
			continue
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
		i += n
	}
	return dst
}

func foldString(s string) string { return string(foldCase(nil, []byte(s))) }

// test reports whether the leaf satisfies the op. It is the definition of every operator's
// semantics ("Content filtering in Amazon EventBridge event patterns", Amazon EventBridge User Guide); the compiled indexes must agree with it. opAbsent is not a leaf test
// and always reports false here.
func (o *op) test(v *leafValue, scratch []byte) bool {
	switch o.kind {
	case opExactString:
		return v.kind == leafString && string(v.b) == o.s
	case opExactNumber:
		if v.kind != leafNumber {
			return false
		}
		if o.numOK {
			if k, ok := v.numberKey(); ok && k == o.key {
				return true
			}
		}
		return string(v.b) == o.s
	case opNull:
		return v.kind == leafNull
	case opTrue:
		return v.kind == leafTrue
	case opFalse:
		return v.kind == leafFalse
	case opIP, opCIDR:
		if v.kind != leafString {
			return false
		}
		a, v4, ok := parseIP(v.b)
		return ok && o.ip.contains(a, v4)
	case opPrefix:
		return v.kind == leafString && len(v.b) >= len(o.s) && string(v.b[:len(o.s)]) == o.s
	case opSuffix:
		return v.kind == leafString && len(v.b) >= len(o.s) && string(v.b[len(v.b)-len(o.s):]) == o.s
	case opEIC:
		return v.kind == leafString && string(foldCase(scratch[:0], v.b)) == o.s
	case opPrefixEIC:
		if v.kind != leafString {
			return false
		}
		f := foldCase(scratch[:0], v.b)
		return len(f) >= len(o.s) && string(f[:len(o.s)]) == o.s
	case opSuffixEIC:
		if v.kind != leafString {
			return false
		}
		f := foldCase(scratch[:0], v.b)
		return len(f) >= len(o.s) && string(f[len(f)-len(o.s):]) == o.s
	case opWildcard:
		return v.kind == leafString && o.wc.match(v.b)
	case opNumeric:
		if v.kind != leafNumber {
			return false
		}
		x, ok := v.ordinal()
		return ok && o.inRange(x)
	case opExists:
		return true
	case opAbsent:
		return false
	case opABString:
		if v.kind != leafString {
			return true
		}
		for _, s := range o.set {
			if string(v.b) == s {
				return false
			}
		}
		return true
	case opABNumber:
		if v.kind != leafNumber {
			return true
		}
		k, ok := v.numberKey()
		if !ok {
			return true
		}
		for _, n := range o.nums {
			if k == n {
				return false
			}
		}
		return true
	case opABPrefix:
		if v.kind != leafString {
			return true
		}
		for _, s := range o.set {
			if len(v.b) >= len(s) && string(v.b[:len(s)]) == s {
				return false
			}
		}
		return true
	case opABSuffix:
		if v.kind != leafString {
			return true
		}
		for _, s := range o.set {
			if len(v.b) >= len(s) && string(v.b[len(v.b)-len(s):]) == s {
				return false
			}
		}
		return true
	case opABEIC:
		if v.kind != leafString {
			return true
		}
		f := foldCase(scratch[:0], v.b)
		for _, s := range o.set {
			if string(f) == s {
				return false
			}
		}
		return true
	case opABWildcard:
		if v.kind != leafString {
			return true
		}
		for _, w := range o.wcs {
			if w.match(v.b) {
				return false
			}
		}
		return true
	}
	return false
}

func (o *op) inRange(x ord) bool {
	if o.hasLo {
		if c := cmpOrd(x, o.lo); c < 0 || (o.loOpen && c == 0) {
			return false
		}
	}
	if o.hasHi {
		if c := cmpOrd(x, o.hi); c > 0 || (o.hiOpen && c == 0) {
			return false
		}
	}
	return true
}
