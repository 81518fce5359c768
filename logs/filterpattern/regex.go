package filterpattern

import (
	"strings"

	"github.com/watchsim/watchsim/internal/jsonscan"
)

// compileFilterRegex checks the body of a %regex% term against the CloudWatch Logs rules and
// compiles it (regexengine.go) with the semantics of its translation to Go's RE2 syntax
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/regex-expressions.html):
//
//   - allowed characters: ASCII letters and digits, the symbols : _ # = @ / ; , - and the space
//     (the documented example %^starting|^initializing|^shutting down% contains one), and the
//     operators ^ $ ? [ ] { } | \ * + . — anything else, including ( ) and multi-byte characters,
//     is rejected with "Invalid character(s) in term '<c>'";
//   - escapes: \d \D \w \W \s \S, \xhh (exactly two hex digits; the documented way to match an
//     unsupported symbol) and a backslash before a non-alphanumeric character; any other
//     backslash escape is rejected as "Invalid filter pattern" [derived];
//   - \s is tab, space or newline as the User Guide defines whitespace (Go's \s would also
//     accept \f and \r); inside a character class \S keeps Go's meaning;
//   - {,n} means {0,n} (the guide allows either bound to be omitted);
//   - the match is a search (unanchored) and ^ / $ anchor to the whole string tested; '.' does
//     not match a newline [derived: the behaviour of Java and RE2 defaults].
//
// A body that RE2 would not compile (for example an unclosed class) or an empty body is
// "Invalid filter pattern".
func compileFilterRegex(body string) (*filterRegex, error) {
	src, err := translateFilterRegex(body)
	if err != nil {
		return nil, err
	}
	f, ok := newFilterRegex(src)
	if !ok {
		return nil, invalidPattern()
	}
	return f, nil
}

// translateFilterRegex checks body against the whitelist and returns its Go-syntax
// translation (see compileFilterRegex); the engine of regexengine.go parses that
// translation, and the tests compare the engine with Go's regexp on it.
func translateFilterRegex(body string) (string, error) {
	if body == "" {
		return "", invalidPattern()
	}
	for i := 0; i < len(body); i++ {
		if !regexByteAllowed(body[i]) {
			return "", invalidChars(invalidRegexRun(body, i))
		}
	}
	var b strings.Builder
	b.Grow(len(body) + 8)
	inClass := false
	classStart := 0 // index in body just after '[' or '[^'
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case c == '\\':
			if i+1 == len(body) {
				return "", invalidPattern()
			}
			i++
			e := body[i]
			switch e {
			case 'd', 'D', 'w', 'W':
				b.WriteByte('\\')
				b.WriteByte(e)
			case 's':
				if inClass {
					b.WriteString(`\t\n `)
				} else {
					b.WriteString(`[\t\n ]`)
				}
			case 'S':
				if inClass {
					b.WriteString(`\S`)
				} else {
					b.WriteString(`[^\t\n ]`)
				}
			case 'x':
				if i+2 >= len(body) || !jsonscan.IsHex(body[i+1]) || !jsonscan.IsHex(body[i+2]) {
					return "", invalidPattern()
				}
				b.WriteString(`\x{`)
				b.WriteString(body[i+1 : i+3])
				b.WriteByte('}')
				i += 2
			default:
				if isWordByte(e) {
					return "", invalidPattern()
				}
				b.WriteByte('\\')
				b.WriteByte(e)
			}
		case inClass:
			switch {
			case c == ']' && i > classStart:
				inClass = false
				b.WriteByte(c)
			case c == '[':
				b.WriteString(`\[`) // no POSIX classes or nested classes
			default:
				b.WriteByte(c)
			}
		case c == '[':
			inClass = true
			b.WriteByte(c)
			classStart = i + 1
			if i+1 < len(body) && body[i+1] == '^' {
				b.WriteByte('^')
				i++
				classStart = i + 1
			}
		case c == '{' && i+1 < len(body) && body[i+1] == ',':
			b.WriteString("{0")
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}

// regexByteAllowed reports whether b may appear inside %…%.
func regexByteAllowed(b byte) bool {
	if isWordByte(b) {
		return true
	}
	return strings.IndexByte(":#=@/;,- ^$?[]{}|\\*+.", b) >= 0
}

// invalidRegexRun returns the run of disallowed characters starting at i (whole UTF-8 sequences).
func invalidRegexRun(s string, i int) string {
	j := i
	for j < len(s) && !regexByteAllowed(s[j]) {
		_, size := decodeRune(s, j)
		j += size
	}
	return s[i:j]
}
