package metrics

import (
	"fmt"
	"strconv"
	"strings"
)

// The metric-math grammar ([UG:using-metric-math]), lowest precedence first:
//
//	expr    = or
//	or      = and { ("OR" | "||") and }
//	and     = cmp { ("AND" | "&&") cmp }
//	cmp     = add [ ("==" | "!=" | "<=" | ">=" | "<" | ">") add ]
//	add     = mul { ("+" | "-") mul }
//	mul     = unary { ("*" | "/") unary }
//	unary   = "-" unary | pow
//	pow     = primary [ "^" unary ]            (right-associative)
//	primary = number | string | id | KEYWORD | FUNC "(" [ expr { "," expr } ] ")"
//	        | "(" expr ")" | "[" expr { "," expr } "]"
//
// Ids start with a lowercase letter; function names and keywords (REPEAT, LINEAR, ASC, DESC, and
// SUM/AVG/MIN/MAX as SORT arguments) are uppercase.

// maxExpressionLength is the MetricDataQuery.Expression limit ([API]).
const maxExpressionLength = 2048

// maxMathDepth bounds nesting so hostile input cannot exhaust the stack.
const maxMathDepth = 200

type mnode interface{ pos() int }

type (
	numNode struct {
		at int
		v  float64
	}
	strNode struct {
		at int
		s  string
	}
	idNode struct {
		at   int
		name string
	}
	kwNode struct {
		at   int
		name string
	}
	unaryNode struct {
		at int
		x  mnode
	}
	binNode struct {
		at   int
		op   string
		l, r mnode
	}
	callNode struct {
		at   int
		fn   string
		args []mnode
	}
	arrNode struct {
		at    int
		elems []mnode
	}
)

func (n *numNode) pos() int   { return n.at }
func (n *strNode) pos() int   { return n.at }
func (n *idNode) pos() int    { return n.at }
func (n *kwNode) pos() int    { return n.at }
func (n *unaryNode) pos() int { return n.at }
func (n *binNode) pos() int   { return n.at }
func (n *callNode) pos() int  { return n.at }
func (n *arrNode) pos() int   { return n.at }

type tokKind uint8

const (
	tEOF tokKind = iota
	tNum
	tStr
	tIdent
	tOp
)

type token struct {
	kind tokKind
	text string
	num  float64
	at   int
}

// MathSyntaxError describes why an expression did not parse. The service wraps it in a
// ValidationError.
type MathSyntaxError struct {
	Pos int
	Msg string
}

// Error describes the problem and where it is.
func (e *MathSyntaxError) Error() string {
	return fmt.Sprintf("%s at position %d", e.Msg, e.Pos)
}

func lexMath(src string) ([]token, error) {
	var toks []token
	i := 0
	for i < len(src) {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c >= '0' && c <= '9' || (c == '.' && i+1 < len(src) && src[i+1] >= '0' && src[i+1] <= '9'):
			j := i
			for j < len(src) && (src[j] >= '0' && src[j] <= '9' || src[j] == '.') {
				j++
			}
			if j < len(src) && (src[j] == 'e' || src[j] == 'E') {
				k := j + 1
				if k < len(src) && (src[k] == '+' || src[k] == '-') {
					k++
				}
				if k < len(src) && src[k] >= '0' && src[k] <= '9' {
					for k < len(src) && src[k] >= '0' && src[k] <= '9' {
						k++
					}
					j = k
				}
			}
			v, err := strconv.ParseFloat(src[i:j], 64)
			if err != nil {
				return nil, &MathSyntaxError{i, "invalid number " + strconv.Quote(src[i:j])}
			}
			toks = append(toks, token{kind: tNum, text: src[i:j], num: v, at: i})
			i = j
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			j := i
			for j < len(src) && (src[j] == '_' || src[j] >= 'a' && src[j] <= 'z' || src[j] >= 'A' && src[j] <= 'Z' || src[j] >= '0' && src[j] <= '9') {
				j++
			}
			toks = append(toks, token{kind: tIdent, text: src[i:j], at: i})
			i = j
		case c == '"' || c == '\'':
			text, end, ok := scanQuoted(src, i)
			if !ok {
				return nil, &MathSyntaxError{i, "unterminated string"}
			}
			toks = append(toks, token{kind: tStr, text: text, at: i})
			i = end
		default:
			two := ""
			if i+1 < len(src) {
				two = src[i : i+2]
			}
			switch two {
			case "==", "!=", "<=", ">=", "&&", "||":
				toks = append(toks, token{kind: tOp, text: two, at: i})
				i += 2
				continue
			}
			switch c {
			case '+', '-', '*', '/', '^', '<', '>', '(', ')', '[', ']', ',':
				toks = append(toks, token{kind: tOp, text: string(c), at: i})
				i++
			default:
				return nil, &MathSyntaxError{i, "unexpected character " + strconv.QuoteRune(rune(c))}
			}
		}
	}
	toks = append(toks, token{kind: tEOF, at: len(src)})
	return toks, nil
}

type mparser struct {
	toks  []token
	i     int
	depth int
	refs  []string
}

func (p *mparser) peek() token { return p.toks[p.i] }
func (p *mparser) next() token { t := p.toks[p.i]; p.i++; return t }

func (p *mparser) isOp(s string) bool {
	t := p.peek()
	if t.kind == tOp && t.text == s {
		return true
	}
	return t.kind == tIdent && t.text == s && (s == "AND" || s == "OR")
}

func (p *mparser) enter() error {
	p.depth++
	if p.depth > maxMathDepth {
		return &MathSyntaxError{p.peek().at, "expression is nested too deeply"}
	}
	return nil
}

func (p *mparser) expr() (mnode, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	return p.binary(0)
}

// precLevels is the number of binary precedence levels; precLevel lists the operators of one, from
// the loosest (OR) to the tightest (* and /).
const precLevels = 5

func precLevel(level int) []string {
	switch level {
	case 0:
		return []string{"OR", "||"}
	case 1:
		return []string{"AND", "&&"}
	case 2:
		return []string{"==", "!=", "<=", ">=", "<", ">"}
	case 3:
		return []string{"+", "-"}
	}
	return []string{"*", "/"}
}

func (p *mparser) binary(level int) (mnode, error) {
	if level == precLevels {
		return p.unary()
	}
	l, err := p.binary(level + 1)
	if err != nil {
		return nil, err
	}
	for {
		op := ""
		for _, o := range precLevel(level) {
			if p.isOp(o) {
				op = o
				break
			}
		}
		if op == "" {
			return l, nil
		}
		at := p.next().at
		r, err := p.binary(level + 1)
		if err != nil {
			return nil, err
		}
		switch op {
		case "||":
			op = "OR"
		case "&&":
			op = "AND"
		}
		l = &binNode{at: at, op: op, l: l, r: r}
		if level == 2 && p.peekCmp() {
			return nil, &MathSyntaxError{p.peek().at, "comparison operators cannot be chained"}
		}
	}
}

func (p *mparser) peekCmp() bool {
	for _, o := range precLevel(2) {
		if p.isOp(o) {
			return true
		}
	}
	return false
}

func (p *mparser) unary() (mnode, error) {
	if p.isOp("-") || p.isOp("+") {
		t := p.next()
		if err := p.enter(); err != nil {
			return nil, err
		}
		x, err := p.unary()
		p.depth--
		if err != nil {
			return nil, err
		}
		if t.text == "+" {
			return x, nil
		}
		return &unaryNode{at: t.at, x: x}, nil
	}
	return p.pow()
}

func (p *mparser) pow() (mnode, error) {
	base, err := p.primary()
	if err != nil {
		return nil, err
	}
	if p.isOp("^") {
		at := p.next().at
		if err := p.enter(); err != nil {
			return nil, err
		}
		exp, err := p.unary()
		p.depth--
		if err != nil {
			return nil, err
		}
		return &binNode{at: at, op: "^", l: base, r: exp}, nil
	}
	return base, nil
}

func (p *mparser) list(closer string) ([]mnode, error) {
	var out []mnode
	if p.isOp(closer) {
		p.next()
		return out, nil
	}
	for {
		e, err := p.expr()
		if err != nil {
			return nil, err
		}
		out = append(out, e)
		if p.isOp(",") {
			p.next()
			continue
		}
		if p.isOp(closer) {
			p.next()
			return out, nil
		}
		return nil, &MathSyntaxError{p.peek().at, "expected \",\" or \"" + closer + "\""}
	}
}

func (p *mparser) primary() (mnode, error) {
	t := p.next()
	switch t.kind {
	case tNum:
		return &numNode{at: t.at, v: t.num}, nil
	case tStr:
		return &strNode{at: t.at, s: t.text}, nil
	case tIdent:
		if p.isOp("(") {
			if !isUpperName(t.text) {
				return nil, &MathSyntaxError{t.at, "function names are uppercase: " + t.text}
			}
			p.next()
			args, err := p.list(")")
			if err != nil {
				return nil, err
			}
			return &callNode{at: t.at, fn: t.text, args: args}, nil
		}
		if t.text == "AND" || t.text == "OR" {
			return nil, &MathSyntaxError{t.at, "unexpected operator " + t.text}
		}
		if t.text[0] >= 'a' && t.text[0] <= 'z' {
			p.refs = append(p.refs, t.text)
			return &idNode{at: t.at, name: t.text}, nil
		}
		if isUpperName(t.text) {
			return &kwNode{at: t.at, name: t.text}, nil
		}
		return nil, &MathSyntaxError{t.at, "unrecognized name " + t.text + " (Ids start with a lowercase letter)"}
	case tOp:
		switch t.text {
		case "(":
			e, err := p.expr()
			if err != nil {
				return nil, err
			}
			if !p.isOp(")") {
				return nil, &MathSyntaxError{p.peek().at, "expected \")\""}
			}
			p.next()
			return e, nil
		case "[":
			elems, err := p.list("]")
			if err != nil {
				return nil, err
			}
			if len(elems) == 0 {
				return nil, &MathSyntaxError{t.at, "empty array"}
			}
			return &arrNode{at: t.at, elems: elems}, nil
		}
	case tEOF:
		return nil, &MathSyntaxError{t.at, "unexpected end of expression"}
	}
	return nil, &MathSyntaxError{t.at, "unexpected " + strconv.Quote(t.text)}
}

func isUpperName(s string) bool {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// Expression is a parsed metric-math expression. Build one with [ParseExpression]; evaluate it
// with [Expression.Eval]. It is immutable and safe to share.
type Expression struct {
	src  string
	root mnode
	refs []string
}

// ParseExpression parses a metric-math expression. It checks syntax only; function names, argument
// shapes and references are checked when the expression is evaluated. Errors are *MathSyntaxError.
func ParseExpression(src string) (*Expression, error) {
	if strings.TrimSpace(src) == "" {
		return nil, &MathSyntaxError{0, "empty expression"}
	}
	if len(src) > maxExpressionLength {
		return nil, &MathSyntaxError{maxExpressionLength, "expression longer than 2048 characters"}
	}
	toks, err := lexMath(src)
	if err != nil {
		return nil, err
	}
	p := &mparser{toks: toks}
	root, err := p.expr()
	if err != nil {
		return nil, err
	}
	if p.peek().kind != tEOF {
		return nil, &MathSyntaxError{p.peek().at, "unexpected " + strconv.Quote(p.peek().text)}
	}
	seen := map[string]bool{}
	var refs []string
	for _, r := range p.refs {
		if !seen[r] {
			seen[r] = true
			refs = append(refs, r)
		}
	}
	return &Expression{src: src, root: root, refs: refs}, nil
}

// String returns the source text.
func (e *Expression) String() string { return e.src }

// References returns the Ids the expression names directly, in first-use order (METRICS() is not
// included: it refers to every MetricStat query).
func (e *Expression) References() []string { return append([]string(nil), e.refs...) }

// UsesMetricsFunction reports whether the expression calls METRICS().
func (e *Expression) UsesMetricsFunction() bool {
	found := false
	walkMath(e.root, func(n mnode) {
		if c, ok := n.(*callNode); ok && c.fn == "METRICS" {
			found = true
		}
	})
	return found
}

// Functions returns the names of the functions the expression calls.
func (e *Expression) Functions() []string {
	var out []string
	walkMath(e.root, func(n mnode) {
		if c, ok := n.(*callNode); ok {
			out = append(out, c.fn)
		}
	})
	return out
}

func walkMath(n mnode, f func(mnode)) {
	f(n)
	switch x := n.(type) {
	case *unaryNode:
		walkMath(x.x, f)
	case *binNode:
		walkMath(x.l, f)
		walkMath(x.r, f)
	case *callNode:
		for _, a := range x.args {
			walkMath(a, f)
		}
	case *arrNode:
		for _, a := range x.elems {
			walkMath(a, f)
		}
	}
}

// scanQuoted reads the string literal that starts with the quote at src[i] (a backslash escapes the
// next byte) and returns its text and the index after the closing quote; ok is false when the
// literal is not closed. The metric-math and Metrics Insights lexers share it.
func scanQuoted(src string, i int) (text string, end int, ok bool) {
	q := src[i]
	var sb strings.Builder
	j := i + 1
	for j < len(src) && src[j] != q {
		if src[j] == '\\' && j+1 < len(src) {
			j++
		}
		sb.WriteByte(src[j])
		j++
	}
	if j >= len(src) {
		return "", j, false
	}
	return sb.String(), j + 1, true
}
