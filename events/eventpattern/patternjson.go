package eventpattern

import (
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/watchsim/watchsim/internal/jsonscan"
)

// jkind is the type of a parsed pattern JSON value.
type jkind uint8

const (
	jNull jkind = iota
	jTrue
	jFalse
	jNum
	jStr
	jArr
	jObj
)

// jval is a parsed pattern JSON value. Objects keep every member in document order, duplicates
// included, so the compiler can apply "the last duplicate key wins" the way event-ruler's streaming
// parser does; numbers keep their literal text.
type jval struct {
	kind jkind
	s    string  // string value, or the number's literal text
	arr  []*jval // array elements
	keys []string
	vals []*jval
}

// jsonParser is a strict RFC 8259 parser for patterns. Its error texts follow the wording of the
// Jackson parser AWS uses, without the location suffix.
type jsonParser struct {
	src   string
	pos   int
	depth int
}

// parsePatternJSON parses src as exactly one JSON value (surrounding whitespace allowed).
func parsePatternJSON(src string) (*jval, error) {
	p := &jsonParser{src: src}
	p.ws()
	if p.pos >= len(p.src) {
		return nil, fail("No content to map due to end-of-input")
	}
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	p.ws()
	if p.pos < len(p.src) {
		return nil, p.unexpected("expected end of input")
	}
	return v, nil
}

func (p *jsonParser) ws() { p.pos = jsonscan.SkipSpace(p.src, p.pos) }

func (p *jsonParser) unexpected(expect string) error {
	if p.pos >= len(p.src) {
		return fail("Unexpected end-of-input: " + expect)
	}
	r, _ := utf8.DecodeRuneInString(p.src[p.pos:])
	if r < 0x20 {
		return fail(fmt.Sprintf("Unexpected character ((CTRL-CHAR, code %d)): %s", r, expect))
	}
	return fail(fmt.Sprintf("Unexpected character ('%c' (code %d)): %s", r, r, expect))
}

func (p *jsonParser) value() (*jval, error) {
	if p.pos >= len(p.src) {
		return nil, p.unexpected("expected a value")
	}
	switch c := p.src[p.pos]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		return &jval{kind: jStr, s: s}, nil
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	default:
		for _, lit := range [...]struct {
			text string
			kind jkind
		}{{"true", jTrue}, {"false", jFalse}, {"null", jNull}} {
			if len(p.src)-p.pos >= len(lit.text) && p.src[p.pos:p.pos+len(lit.text)] == lit.text {
				end := p.pos + len(lit.text)
				if end < len(p.src) && isIdentByte(p.src[end]) {
					break
				}
				p.pos = end
				return &jval{kind: lit.kind, s: lit.text}, nil
			}
		}
		return nil, p.unexpected("expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')")
	}
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func (p *jsonParser) enter() error {
	p.depth++
	if p.depth > MaxEventDepth {
		return fail("Maximum nesting depth exceeded")
	}
	return nil
}

func (p *jsonParser) object() (*jval, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	p.pos++ // {
	v := &jval{kind: jObj}
	p.ws()
	if p.pos < len(p.src) && p.src[p.pos] == '}' {
		p.pos++
		p.depth--
		return v, nil
	}
	for {
		p.ws()
		if p.pos >= len(p.src) || p.src[p.pos] != '"' {
			return nil, p.unexpected("was expecting double-quote to start field name")
		}
		k, err := p.str()
		if err != nil {
			return nil, err
		}
		p.ws()
		if p.pos >= len(p.src) || p.src[p.pos] != ':' {
			return nil, p.unexpected("was expecting a colon to separate field name and value")
		}
		p.pos++
		p.ws()
		m, err := p.value()
		if err != nil {
			return nil, err
		}
		v.keys = append(v.keys, k)
		v.vals = append(v.vals, m)
		p.ws()
		if p.pos >= len(p.src) {
			return nil, p.unexpected("expected close marker for OBJECT")
		}
		switch p.src[p.pos] {
		case ',':
			p.pos++
		case '}':
			p.pos++
			p.depth--
			return v, nil
		default:
			return nil, p.unexpected("was expecting comma to separate Object entries")
		}
	}
}

func (p *jsonParser) array() (*jval, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	p.pos++ // [
	v := &jval{kind: jArr}
	p.ws()
	if p.pos < len(p.src) && p.src[p.pos] == ']' {
		p.pos++
		p.depth--
		return v, nil
	}
	for {
		p.ws()
		e, err := p.value()
		if err != nil {
			return nil, err
		}
		v.arr = append(v.arr, e)
		p.ws()
		if p.pos >= len(p.src) {
			return nil, p.unexpected("expected close marker for ARRAY")
		}
		switch p.src[p.pos] {
		case ',':
			p.pos++
		case ']':
			p.pos++
			p.depth--
			return v, nil
		default:
			return nil, p.unexpected("was expecting comma to separate Array entries")
		}
	}
}

// number scans a JSON number and keeps its literal text.
func (p *jsonParser) number() (*jval, error) {
	n := jsonscan.Number(p.src[p.pos:])
	if n <= 0 {
		return nil, fail("Invalid numeric value: " + numberSnippet(p.src[p.pos:]))
	}
	text := p.src[p.pos : p.pos+n]
	p.pos += n
	if p.pos < len(p.src) && isIdentByte(p.src[p.pos]) {
		return nil, fail("Invalid numeric value: " + numberSnippet(p.src[p.pos-n:]))
	}
	return &jval{kind: jNum, s: text}, nil
}

func numberSnippet(s string) string {
	end := 0
	for end < len(s) && end < 32 && (isIdentByte(s[end]) || s[end] == '.' || s[end] == '-' || s[end] == '+') {
		end++
	}
	if end == 0 && len(s) > 0 {
		end = 1
	}
	return s[:end]
}

// str scans a JSON string starting at the opening quote and returns its unescaped value.
func (p *jsonParser) str() (string, error) {
	start := p.pos + 1
	end, escaped, fault := jsonscan.String(p.src, p.pos)
	if fault == jsonscan.NoFault && !escaped {
		p.pos = end
		return p.src[start : end-1], nil
	}
	b, n, fault := jsonscan.AppendUnescaped(nil, p.src[start:])
	switch fault {
	case jsonscan.NoFault:
		p.pos = start + n
		return string(b), nil
	case jsonscan.FaultControl:
		p.pos = start + n
		return "", fail(fmt.Sprintf("Illegal unquoted character ((CTRL-CHAR, code %d)): has to be escaped using backslash to be included in string value", p.src[p.pos]))
	case jsonscan.FaultHex:
		return "", fail("Unexpected character in character escape sequence: expected a hex-digit for character escape sequence")
	case jsonscan.FaultEscape:
		e := p.src[start+n]
		return "", fail(fmt.Sprintf("Unrecognized character escape %s (code %d)", strconv.QuoteRune(rune(e)), e))
	}
	p.pos = len(p.src)
	return "", fail("Unexpected end-of-input: was expecting closing quote for a string value")
}
