package insights

import (
	"strings"
	"unicode/utf8"
)

// tokKind is the kind of a lexical token of the Logs Insights query language.
type tokKind uint8

const (
	tEOF      tokKind = iota
	tIdent            // a field or function name or a keyword (text: the name, backticks removed)
	tString           // "…" or '…' (text: the decoded value)
	tNumber           // 12, 1.5, 2e3
	tDuration         // 5m, 1h, 100ms: a number with a unit
	tRegex            // /…/ (text: the pattern)
	tOp               // = != < <= > >= =~ + - * / ^ % :
	tPipe             // |
	tComma            // ,
	tLParen           // (
	tRParen           // )
	tLBrack           // [
	tRBrack           // ]
	tDot              // . (member access after ')' or ']')
)

// token is one lexical token: its kind, its text and its byte range in the query.
type token struct {
	kind       tokKind
	text       string
	start, end int
	quoted     bool     // an identifier written with backticks somewhere
	segs       []string // an identifier's dot-separated parts (a backticked part is one part)
}

// isKeyword reports whether an identifier token is the keyword kw (case-insensitive).
func (t token) isKeyword(kw string) bool {
	return t.kind == tIdent && !t.quoted && strings.EqualFold(t.text, kw)
}

func isIdentStart(c byte) bool {
	return c == '_' || c == '@' || c == '$' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80
}

func isIdentByte(c byte) bool { return isIdentStart(c) || (c >= '0' && c <= '9') || c == '.' }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isLetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }

// lex splits a query into tokens. A '/' starts a regular expression where an operand is
// expected (after an operator, '(', ',', '[', 'like', 'and', …) and is division after an operand.
// '#' starts a comment that runs to the end of the line.
func lex(q string) ([]token, error) {
	var toks []token
	operandBefore := func() bool {
		if len(toks) == 0 {
			return false
		}
		t := toks[len(toks)-1]
		switch t.kind {
		case tNumber, tString, tDuration, tRegex, tRParen, tRBrack:
			return true
		case tIdent:
			if len(toks) >= 2 && toks[len(toks)-2].isKeyword("parse") {
				return false // parse field /regex/
			}
			if t.quoted {
				return true
			}
			for _, kw := range [...]string{"like", "and", "or", "not", "in", "filter", "where", "parse", "by"} {
				if strings.EqualFold(t.text, kw) {
					return false
				}
			}
			return true
		}
		return false
	}
	i := 0
	for i < len(q) {
		c := q[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			i++
			continue
		case c == '#':
			for i < len(q) && q[i] != '\n' {
				i++
			}
			continue
		}
		start := i
		switch {
		case c == '|':
			toks = append(toks, token{kind: tPipe, text: "|", start: i, end: i + 1})
			i++
		case c == ',':
			toks = append(toks, token{kind: tComma, text: ",", start: i, end: i + 1})
			i++
		case c == '(':
			toks = append(toks, token{kind: tLParen, text: "(", start: i, end: i + 1})
			i++
		case c == ')':
			toks = append(toks, token{kind: tRParen, text: ")", start: i, end: i + 1})
			i++
		case c == '[':
			toks = append(toks, token{kind: tLBrack, text: "[", start: i, end: i + 1})
			i++
		case c == ']':
			toks = append(toks, token{kind: tRBrack, text: "]", start: i, end: i + 1})
			i++
		case c == '"' || c == '\'':
			s, n, ok := lexString(q[i:])
			if !ok {
				return nil, malformed(q, i, len(q), "unterminated string literal")
			}
			toks = append(toks, token{kind: tString, text: s, start: i, end: i + n})
			i += n
		case c == '/' && !operandBefore():
			s, n, ok := lexRegex(q[i:])
			if !ok {
				return nil, malformed(q, i, len(q), "unterminated regular expression")
			}
			toks = append(toks, token{kind: tRegex, text: s, start: i, end: i + n})
			i += n
		case isDigit(c) || (c == '.' && i+1 < len(q) && isDigit(q[i+1])):
			j := lexNumber(q, i)
			kind := tNumber
			if j < len(q) && isLetter(q[j]) {
				for j < len(q) && isLetter(q[j]) {
					j++
				}
				kind = tDuration
			}
			if j < len(q) && (isIdentByte(q[j]) && q[j] != '.') {
				return nil, malformed(q, start, j+1, "token recognition error at: '"+q[start:j+1]+"'")
			}
			toks = append(toks, token{kind: kind, text: q[start:j], start: start, end: j})
			i = j
		case c == '.':
			toks = append(toks, token{kind: tDot, text: ".", start: i, end: i + 1})
			i++
		case isIdentStart(c) || c == '`':
			name, segs, n, quoted, ok := lexIdent(q[i:])
			if !ok {
				return nil, malformed(q, i, len(q), "unterminated quoted field name")
			}
			toks = append(toks, token{kind: tIdent, text: name, start: i, end: i + n, quoted: quoted, segs: segs})
			i += n
		default:
			op := ""
			switch c {
			case '=':
				op = "="
				if i+1 < len(q) && q[i+1] == '~' {
					op = "=~"
				}
			case '!':
				if i+1 < len(q) && q[i+1] == '=' {
					op = "!="
				}
			case '<', '>':
				op = string(c)
				if i+1 < len(q) && q[i+1] == '=' {
					op += "="
				}
			case '+', '-', '*', '/', '^', '%', ':':
				op = string(c)
			}
			if op == "" {
				_, size := utf8.DecodeRuneInString(q[i:])
				return nil, malformed(q, i, i+size, "token recognition error at: '"+q[i:i+size]+"'")
			}
			toks = append(toks, token{kind: tOp, text: op, start: i, end: i + len(op)})
			i += len(op)
		}
	}
	toks = append(toks, token{kind: tEOF, start: len(q), end: len(q)})
	return toks, nil
}

// lexNumber returns the end of the decimal number starting at q[i].
func lexNumber(q string, i int) int {
	j := i
	for j < len(q) && isDigit(q[j]) {
		j++
	}
	if j+1 < len(q) && q[j] == '.' && isDigit(q[j+1]) {
		j++
		for j < len(q) && isDigit(q[j]) {
			j++
		}
	}
	if j < len(q) && (q[j] == 'e' || q[j] == 'E') {
		k := j + 1
		if k < len(q) && (q[k] == '+' || q[k] == '-') {
			k++
		}
		if k < len(q) && isDigit(q[k]) {
			for k < len(q) && isDigit(q[k]) {
				k++
			}
			j = k
		}
	}
	return j
}

// lexString decodes a quoted string at the start of s. Escapes: \\ \" \' \n \t \r; a
// backslash before any other character keeps both ([derived]).
func lexString(s string) (string, int, bool) {
	quote := s[0]
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case c == quote:
			return b.String(), i + 1, true
		case c == '\\' && i+1 < len(s):
			i++
			switch s[i] {
			case '\\', '"', '\'':
				b.WriteByte(s[i])
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			default:
				b.WriteByte('\\')
				b.WriteByte(s[i])
			}
		default:
			b.WriteByte(c)
		}
	}
	return "", 0, false
}

// lexRegex reads /…/ at the start of s; "\/" stands for '/', other escapes pass to the regex.
func lexRegex(s string) (string, int, bool) {
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '/':
			return b.String(), i + 1, true
		case c == '\\' && i+1 < len(s):
			if s[i+1] == '/' {
				b.WriteByte('/')
			} else {
				b.WriteByte('\\')
				b.WriteByte(s[i+1])
			}
			i++
		default:
			b.WriteByte(c)
		}
	}
	return "", 0, false
}

// lexIdent reads a field name: letters, digits, '_', '@', '$' and '.', with any part in
// backticks (`foo-bar`, @`aws.tag`, m.`a.b`). A backticked part is kept whole; the returned
// name has the backticks removed, segs holds the parts between unquoted dots and quoted
// reports whether there were backticks.
func lexIdent(s string) (name string, segs []string, n int, quoted, ok bool) {
	var b, seg strings.Builder
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c == '`':
			j := strings.IndexByte(s[i+1:], '`')
			if j < 0 {
				return "", nil, 0, false, false
			}
			b.WriteString(s[i+1 : i+1+j])
			seg.WriteString(s[i+1 : i+1+j])
			quoted = true
			i += j + 2
		case c == '.':
			b.WriteByte(c)
			segs = append(segs, seg.String())
			seg.Reset()
			i++
		case isIdentByte(c):
			b.WriteByte(c)
			seg.WriteByte(c)
			i++
		default:
			return b.String(), append(segs, seg.String()), i, quoted, true
		}
	}
	return b.String(), append(segs, seg.String()), i, quoted, true
}
