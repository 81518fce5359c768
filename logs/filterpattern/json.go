package filterpattern

import (
	"strconv"
	"strings"
)

// JSON patterns (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html,
// "Using filter patterns to match terms in JSON log events"). Grammar, our reconstruction:
//
//	pattern  := "{" expr "}"
//	expr     := and ( "||" and )*           precedence: () > && > ||
//	and      := atom ( "&&" atom )*
//	atom     := "(" expr ")" | selector op value
//	          | selector "IS" ( "NULL" | "TRUE" | "FALSE" ) | selector "NOT" "EXISTS"
//	op       := "=" | "!=" | "<" | "<=" | ">" | ">="
//	selector := "$" ( "." name | "." "*" | "[" int "]" | "[" "*" "]" | "."? "[" "'" key "'" "]" )*
//	value    := "quoted string" | bareword | number | %regex% | *
//
// Rules and the choices watchsim makes where AWS does not document the behaviour ([derived]):
//
//   - Only messages that are a whole JSON object or array match; any text around the JSON makes
//     the event non-matching (documented, and confirmed by practitioners with TestMetricFilter).
//   - Selector names are letters, digits, '-' and '_'; other keys use the bracket form
//     $.['cluster.name']. A quoted selector such as $."x" is "Invalid character(s) in term '$."'".
//   - A selector with a wildcard ([*] or .*) matches if any selected node satisfies the
//     condition. At most one wildcard per selector and three per pattern; at most two %regex%
//     per pattern ("Invalid filter pattern" otherwise).
//   - Comparisons never apply to objects or arrays: both {$.users = 1} and {$.users != 1} fail
//     when users is an array. A missing field fails every comparison, including != [derived];
//     test absence with NOT EXISTS.
//   - Numeric values (integers, decimals, signs, exponents: 1e-3, +1000, 55.5) compare
//     numerically, and only with JSON numbers [derived: a numeric comparison against a JSON string
//     such as "400" does not match].
//   - String values (quoted, barewords such as bar or 123.123.*) support = and != only, with
//     '*' as a wildcard at the start and/or end; a '*' in the middle is literal (2020 User Guide).
//     They test JSON strings only [derived: { $.status = 4* } and { $.status = "404" } do not
//     match "status": 404 — use { $.status >= 400 && $.status < 500 }; the strict reading is
//     chosen so that a test never passes on a match AWS might not make].
//   - = * (or = "*") is true when the selected value is a string or a number (the User Guide's
//     { $.latency = * } matches "latency": 50) [derived: not for null, booleans, objects or
//     arrays — use IS NULL, IS TRUE / IS FALSE or NOT EXISTS]. != * is refused as not
//     simulated.
//   - A %regex% value tests the same strings with the regex rules of compileFilterRegex.
//   - IS NULL / IS TRUE / IS FALSE test JSON null / true / false; NOT EXISTS is true when the
//     selector selects nothing. Keywords are upper case. IS NOT and a bare EXISTS are rejected
//     (the User Guide says they are not supported).
//   - Quoted strings end at the next unescaped '"'; a backslash escapes the next character.
//   - An event whose object repeats a key that a selector names never matches [derived: JSON
//     parsers disagree on duplicate keys (first wins, last wins or error), so watchsim takes the
//     reading that cannot produce a match AWS might not make]. Repeated keys no selector names
//     do not matter.
type jsonMatcher struct {
	expr    exprNode
	leaves  []jsonLeaf
	trie    *trieNode // root of the selectors' path trie
	regexes int
}

type cmpOp uint8

const (
	opEq cmpOp = iota
	opNe
	opLt
	opLe
	opGt
	opGe
)

type leafKind uint8

const (
	leafCompare leafKind = iota
	leafIsNull
	leafIsTrue
	leafIsFalse
	leafNotExists
)

type valueKind uint8

const (
	valString valueKind = iota
	valNumber
	valRegex
	valAny
)

// wildString is a string condition with optional '*' wildcards at either end.
type wildString struct {
	text           string
	prefix, suffix bool // a leading / trailing '*'
}

func newWildString(v string) wildString {
	w := wildString{}
	if len(v) > 0 && v[0] == '*' {
		w.prefix = true
		v = v[1:]
	}
	if len(v) > 0 && v[len(v)-1] == '*' {
		w.suffix = true
		v = v[:len(v)-1]
	}
	w.text = v
	return w
}

func (w *wildString) match(s string) bool {
	switch {
	case w.prefix && w.suffix:
		return strings.Contains(s, w.text)
	case w.prefix:
		return strings.HasSuffix(s, w.text)
	case w.suffix:
		return strings.HasPrefix(s, w.text)
	}
	return s == w.text
}

// condition is the right-hand side of a comparison, shared by JSON and space-delimited patterns.
type condition struct {
	op   cmpOp
	kind valueKind
	str  wildString
	num  float64
	text string // the value as written (numbers: their literal text)
	re   *filterRegex
}

// matchString evaluates a string-typed condition (string, regex or any) against s.
func (c *condition) matchString(s string) bool {
	var eq bool
	switch c.kind {
	case valRegex:
		eq = c.re.MatchString(s)
	case valAny:
		eq = true
	default:
		eq = c.str.match(s)
	}
	if c.op == opNe {
		return !eq
	}
	return eq
}

func compareNumbers(op cmpOp, a, b float64) bool {
	switch op {
	case opEq:
		return a == b
	case opNe:
		return a != b
	case opLt:
		return a < b
	case opLe:
		return a <= b
	case opGt:
		return a > b
	case opGe:
		return a >= b
	}
	return false
}

type jsonLeaf struct {
	kind leafKind
	cond condition
	node *trieNode // trie node the selector ends at
}

type exprKind uint8

const (
	exprLeaf exprKind = iota
	exprAnd
	exprOr
)

type exprNode struct {
	kind exprKind
	leaf int
	kids []exprNode
}

func (e *exprNode) eval(hit *leafBits) bool {
	switch e.kind {
	case exprLeaf:
		return hit.has(e.leaf)
	case exprAnd:
		for i := range e.kids {
			if !e.kids[i].eval(hit) {
				return false
			}
		}
		return true
	default:
		for i := range e.kids {
			if e.kids[i].eval(hit) {
				return true
			}
		}
		return false
	}
}

// maxJSONLeaves bounds the conditions of one pattern: a 1024-character pattern holds at most
// about 205 ("$=1||" is five characters).
const maxJSONLeaves = 256

type leafBits [maxJSONLeaves / 64]uint64

func (b *leafBits) set(i int)      { b[i>>6] |= 1 << (uint(i) & 63) }
func (b *leafBits) has(i int) bool { return b[i>>6]&(1<<(uint(i)&63)) != 0 }

type stepKind uint8

const (
	stepField stepKind = iota
	stepAnyField
	stepIndex
	stepAnyIndex
)

type selStep struct {
	kind  stepKind
	name  string
	index int
}

// jsonParser is a recursive-descent parser over the text between the braces.
type jsonParser struct {
	s         string
	i         int
	m         *jsonMatcher
	wildcards int
	steps     []selStep // scratch space for selectors
}

func parseJSONPattern(body string) (*jsonMatcher, error) {
	conds := strings.Count(body, "$")
	m := &jsonMatcher{leaves: make([]jsonLeaf, 0, conds), trie: &trieNode{}}
	p := &jsonParser{s: body, m: m}
	p.ws()
	if p.i == len(p.s) {
		return nil, invalidPattern()
	}
	e, err := p.or()
	if err != nil {
		return nil, err
	}
	p.ws()
	if p.i != len(p.s) {
		return nil, p.unexpected()
	}
	if p.wildcards > 3 || m.regexes > 2 || len(m.leaves) > maxJSONLeaves {
		return nil, invalidPattern()
	}
	m.expr = e
	m.trie.Seal()
	return m, nil
}

func (p *jsonParser) ws() {
	for p.i < len(p.s) && isSpaceByte(p.s[p.i]) {
		p.i++
	}
}

// unexpected reports the character at p.i in AWS's "Invalid character(s)" form when it is a
// special character, and as a malformed pattern otherwise.
func (p *jsonParser) unexpected() error {
	if p.i >= len(p.s) || isTermByteAt(p.s, p.i) {
		return invalidPattern()
	}
	return invalidChars(invalidRun(p.s, p.i))
}

func (p *jsonParser) or() (exprNode, error) {
	first, err := p.and()
	if err != nil {
		return exprNode{}, err
	}
	kids := []exprNode{first}
	for {
		p.ws()
		if !strings.HasPrefix(p.s[p.i:], "||") {
			break
		}
		p.i += 2
		k, err := p.and()
		if err != nil {
			return exprNode{}, err
		}
		kids = append(kids, k)
	}
	if len(kids) == 1 {
		return first, nil
	}
	return exprNode{kind: exprOr, kids: kids}, nil
}

func (p *jsonParser) and() (exprNode, error) {
	first, err := p.atom()
	if err != nil {
		return exprNode{}, err
	}
	kids := []exprNode{first}
	for {
		p.ws()
		if !strings.HasPrefix(p.s[p.i:], "&&") {
			break
		}
		p.i += 2
		k, err := p.atom()
		if err != nil {
			return exprNode{}, err
		}
		kids = append(kids, k)
	}
	if len(kids) == 1 {
		return first, nil
	}
	return exprNode{kind: exprAnd, kids: kids}, nil
}

func (p *jsonParser) atom() (exprNode, error) {
	p.ws()
	if p.i == len(p.s) {
		return exprNode{}, invalidPattern()
	}
	if p.s[p.i] == '(' {
		p.i++
		e, err := p.or()
		if err != nil {
			return exprNode{}, err
		}
		p.ws()
		if p.i == len(p.s) || p.s[p.i] != ')' {
			return exprNode{}, p.unexpected()
		}
		p.i++
		return e, nil
	}
	if p.s[p.i] != '$' {
		return exprNode{}, p.unexpected()
	}
	steps, wild, err := parseSelector(p.s, &p.i, p.steps[:0])
	if err != nil {
		return exprNode{}, err
	}
	p.steps = steps
	if wild > 1 {
		return exprNode{}, invalidPattern()
	}
	p.wildcards += wild
	leaf := jsonLeaf{node: insertSelector(p.m.trie, steps)}
	p.ws()
	rest := p.s[p.i:]
	switch {
	case hasKeyword(rest, "IS"):
		p.i += 2
		p.ws()
		rest = p.s[p.i:]
		switch {
		case hasKeyword(rest, "NULL"):
			leaf.kind, p.i = leafIsNull, p.i+4
		case hasKeyword(rest, "TRUE"):
			leaf.kind, p.i = leafIsTrue, p.i+4
		case hasKeyword(rest, "FALSE"):
			leaf.kind, p.i = leafIsFalse, p.i+5
		default:
			return exprNode{}, invalidPattern() // includes the unsupported IS NOT
		}
	case hasKeyword(rest, "NOT"):
		p.i += 3
		p.ws()
		if !hasKeyword(p.s[p.i:], "EXISTS") {
			return exprNode{}, invalidPattern()
		}
		leaf.kind, p.i = leafNotExists, p.i+6
	default:
		c, err := parseCondition(p.s, &p.i, &p.m.regexes)
		if err != nil {
			return exprNode{}, err
		}
		leaf.kind, leaf.cond = leafCompare, c
	}
	p.m.leaves = append(p.m.leaves, leaf)
	idx := len(p.m.leaves) - 1
	if len(p.m.leaves) <= maxJSONLeaves {
		leaf.node.Value = append(leaf.node.Value, idx)
	}
	return exprNode{kind: exprLeaf, leaf: idx}, nil
}

// hasKeyword reports whether s starts with the upper-case keyword kw followed by a non-word
// character or the end.
func hasKeyword(s, kw string) bool {
	return strings.HasPrefix(s, kw) && (len(s) == len(kw) || !isWordByte(s[len(kw)]))
}

func isSelectorNameByte(b byte) bool { return isWordByte(b) || b == '-' }

// parseSelector parses a selector starting at s[*pos] == '$'. It appends the steps to steps and
// returns them with the number of wildcard steps.
func parseSelector(s string, pos *int, steps []selStep) ([]selStep, int, error) {
	start := *pos
	i := start + 1
	wild := 0
	bad := func(at int) error {
		j := at
		for j < len(s) && !isSpaceByte(s[j]) && !isWordByte(s[j]) {
			j++
		}
		if j == at && j < len(s) {
			j = at + 1
		}
		if j == start+1 || j <= start {
			return invalidPattern()
		}
		return invalidChars(s[start:j])
	}
	for i < len(s) {
		switch s[i] {
		case '.':
			i++
			switch {
			case i < len(s) && s[i] == '*':
				steps = append(steps, selStep{kind: stepAnyField})
				wild++
				i++
			case i < len(s) && s[i] == '[':
				// $.['key'] — the bracket is parsed by the next iteration
				if i+1 >= len(s) || s[i+1] != '\'' {
					return nil, 0, bad(i)
				}
			case i < len(s) && isSelectorNameByte(s[i]):
				j := i
				for j < len(s) && isSelectorNameByte(s[j]) {
					j++
				}
				steps = append(steps, selStep{kind: stepField, name: s[i:j]})
				i = j
			default:
				return nil, 0, bad(i)
			}
		case '[':
			i++
			switch {
			case i < len(s) && s[i] == '*':
				if i+1 >= len(s) || s[i+1] != ']' {
					return nil, 0, bad(i)
				}
				steps = append(steps, selStep{kind: stepAnyIndex})
				wild++
				i += 2
			case i < len(s) && s[i] == '\'':
				end := strings.IndexByte(s[i+1:], '\'')
				if end < 0 || i+1+end+1 >= len(s) || s[i+1+end+1] != ']' {
					return nil, 0, bad(i)
				}
				steps = append(steps, selStep{kind: stepField, name: s[i+1 : i+1+end]})
				i += end + 3
			case i < len(s) && s[i] >= '0' && s[i] <= '9':
				j := i
				for j < len(s) && s[j] >= '0' && s[j] <= '9' {
					j++
				}
				n, err := strconv.Atoi(s[i:j])
				if err != nil || j >= len(s) || s[j] != ']' {
					return nil, 0, bad(j)
				}
				steps = append(steps, selStep{kind: stepIndex, index: n})
				i = j + 1
			default:
				return nil, 0, bad(i)
			}
		default:
			b := s[i]
			if isSpaceByte(b) || strings.IndexByte("=!<>)&|", b) >= 0 {
				*pos = i
				return steps, wild, nil
			}
			return nil, 0, bad(i)
		}
	}
	*pos = i
	return steps, wild, nil
}

// parseCondition parses "op value" at s[*pos]; regexes counts %regex% values.
func parseCondition(s string, pos *int, regexes *int) (condition, error) {
	i := *pos
	var c condition
	switch {
	case strings.HasPrefix(s[i:], "!="):
		c.op, i = opNe, i+2
	case strings.HasPrefix(s[i:], "<="):
		c.op, i = opLe, i+2
	case strings.HasPrefix(s[i:], ">="):
		c.op, i = opGe, i+2
	case strings.HasPrefix(s[i:], "="):
		c.op, i = opEq, i+1
	case strings.HasPrefix(s[i:], "<"):
		c.op, i = opLt, i+1
	case strings.HasPrefix(s[i:], ">"):
		c.op, i = opGt, i+1
	default:
		*pos = i
		if i >= len(s) || isTermByteAt(s, i) {
			return c, invalidPattern()
		}
		return c, invalidChars(invalidRun(s, i))
	}
	for i < len(s) && isSpaceByte(s[i]) {
		i++
	}
	if i == len(s) {
		return c, invalidPattern()
	}
	switch b := s[i]; {
	case b == '"':
		j := i + 1
		var sb strings.Builder
		for j < len(s) && s[j] != '"' {
			if s[j] == '\\' && j+1 < len(s) {
				j++
			}
			sb.WriteByte(s[j])
			j++
		}
		if j >= len(s) {
			return c, invalidPattern()
		}
		v := sb.String()
		c.text = v
		if v == "*" {
			c.kind = valAny
		} else {
			c.kind, c.str = valString, newWildString(v)
		}
		i = j + 1
	case b == '%':
		end := strings.IndexByte(s[i+1:], '%')
		if end < 0 {
			return c, invalidChars(invalidRun(s, i))
		}
		re, err := compileFilterRegex(s[i+1 : i+1+end])
		if err != nil {
			return c, err
		}
		c.kind, c.re, c.text = valRegex, re, s[i:i+end+2]
		*regexes++
		i += end + 2
	default:
		j := i
		for j < len(s) && isBarewordByte(s[j]) {
			j++
		}
		if j == i {
			return c, invalidChars(invalidRun(s, i))
		}
		v := s[i:j]
		c.text = v
		switch {
		case v == "*":
			c.kind = valAny
		case isDecimalNumber(v):
			c.kind = valNumber
			c.num, _ = strconv.ParseFloat(v, 64)
		default:
			c.kind, c.str = valString, newWildString(v)
		}
		i = j
	}
	// The value must be followed by whitespace, the end, or an operator/closer.
	if i < len(s) && !isSpaceByte(s[i]) && strings.IndexByte(")&|,", s[i]) < 0 {
		*pos = i
		if isTermByteAt(s, i) {
			return c, invalidPattern()
		}
		return c, invalidChars(invalidRun(s, i))
	}
	if c.kind != valNumber && c.op != opEq && c.op != opNe {
		return c, invalidPattern() // strings and regexes support only = and !=
	}
	if c.kind == valAny && c.op == opNe {
		return c, notSimulatedFilter("the comparison != * in a filter pattern (undocumented; use NOT EXISTS)")
	}
	*pos = i
	return c, nil
}

// isBarewordByte reports whether b may appear in an unquoted comparison value.
func isBarewordByte(b byte) bool {
	return isWordByte(b) || b >= 0x80 || strings.IndexByte(".*+-/:@#~^?;", b) >= 0
}

// isDecimalNumber reports whether s is [+-]?(digits[.digits?]|.digits)([eE][+-]?digits)?.
func isDecimalNumber(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(s)
}
