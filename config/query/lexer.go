package query

import (
	"strings"
)

// tokKind is the kind of a lexical token of an advanced-query expression.
type tokKind uint8

const (
	tokEOF    tokKind = iota
	tokIdent          // a property path or keyword: letters, digits, '_' and '.'
	tokString         // a single-quoted string literal ('' is an escaped quote)
	tokNumber         // a decimal number literal
	tokComma
	tokLParen
	tokRParen
	tokStar
	tokOp      // = != <> < <= > >=
	tokDQuote  // a double-quoted string (refused: not simulated)
	tokInvalid // a character the grammar does not know
)

// token is one lexical token with its position (line from 1, column from 0, as AWS's parser
// reports them).
type token struct {
	kind tokKind
	text string // the source text (for tokString: the unquoted value)
	line int
	col  int
	off  int
}

// lexer splits an expression into tokens.
type lexer struct {
	src  string
	pos  int
	line int
	lpos int // offset of the current line's first byte
}

func isIdentStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isIdentByte(c byte) bool {
	return isIdentStart(c) || c >= '0' && c <= '9'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// next returns the next token.
func (l *lexer) next() token {
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		if c == '\n' {
			l.pos++
			l.line++
			l.lpos = l.pos
			continue
		}
		if c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' {
			l.pos++
			continue
		}
		break
	}
	t := token{line: l.line, col: l.pos - l.lpos, off: l.pos}
	if l.pos >= len(l.src) {
		t.kind = tokEOF
		return t
	}
	start := l.pos
	c := l.src[l.pos]
	switch {
	case isIdentStart(c):
		// a dotted path: segments of identifier bytes joined by single dots
		for l.pos < len(l.src) {
			for l.pos < len(l.src) && isIdentByte(l.src[l.pos]) {
				l.pos++
			}
			if l.pos+1 < len(l.src) && l.src[l.pos] == '.' && isIdentStart(l.src[l.pos+1]) {
				l.pos++
				continue
			}
			break
		}
		t.kind, t.text = tokIdent, l.src[start:l.pos]
	case isDigit(c) || (c == '-' || c == '.') && l.pos+1 < len(l.src) && (isDigit(l.src[l.pos+1]) || l.src[l.pos+1] == '.'):
		l.pos++
		for l.pos < len(l.src) && (isDigit(l.src[l.pos]) || l.src[l.pos] == '.') {
			l.pos++
		}
		if l.pos < len(l.src) && (l.src[l.pos] == 'e' || l.src[l.pos] == 'E') {
			p := l.pos + 1
			if p < len(l.src) && (l.src[p] == '+' || l.src[p] == '-') {
				p++
			}
			if p < len(l.src) && isDigit(l.src[p]) {
				for p < len(l.src) && isDigit(l.src[p]) {
					p++
				}
				l.pos = p
			}
		}
		t.kind, t.text = tokNumber, l.src[start:l.pos]
	case c == '\'':
		var b strings.Builder
		l.pos++
		for {
			if l.pos >= len(l.src) {
				// unterminated: the error points at the opening quote
				t.kind, t.text = tokInvalid, l.src[start:]
				return t
			}
			ch := l.src[l.pos]
			if ch == '\'' {
				if l.pos+1 < len(l.src) && l.src[l.pos+1] == '\'' {
					b.WriteByte('\'')
					l.pos += 2
					continue
				}
				l.pos++
				break
			}
			if ch == '\n' {
				l.line++
				l.lpos = l.pos + 1
			}
			b.WriteByte(ch)
			l.pos++
		}
		t.kind, t.text = tokString, b.String()
	case c == '"':
		t.kind, t.text = tokDQuote, `"`
		l.pos++
	case c == ',':
		t.kind, t.text = tokComma, ","
		l.pos++
	case c == '(':
		t.kind, t.text = tokLParen, "("
		l.pos++
	case c == ')':
		t.kind, t.text = tokRParen, ")"
		l.pos++
	case c == '*':
		t.kind, t.text = tokStar, "*"
		l.pos++
	case c == '=':
		t.kind, t.text = tokOp, "="
		l.pos++
	case c == '<':
		l.pos++
		if l.pos < len(l.src) && (l.src[l.pos] == '=' || l.src[l.pos] == '>') {
			l.pos++
		}
		t.kind, t.text = tokOp, l.src[start:l.pos]
	case c == '>':
		l.pos++
		if l.pos < len(l.src) && l.src[l.pos] == '=' {
			l.pos++
		}
		t.kind, t.text = tokOp, l.src[start:l.pos]
	case c == '!' && l.pos+1 < len(l.src) && l.src[l.pos+1] == '=':
		l.pos += 2
		t.kind, t.text = tokOp, "!="
	default:
		t.kind, t.text = tokInvalid, l.src[start:start+1]
		l.pos++
	}
	return t
}
