package alarms

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/awserr"
)

// Composite-rule limits [API] PutCompositeAlarm; [UG:Create_Composite_Alarm].
const (
	MaxAlarmRuleLength   = 10240 // characters in AlarmRule
	MaxAlarmRuleElements = 500   // children, TRUE/FALSE and parentheses
	MaxAlarmRuleChildren = 100   // distinct alarms referenced
)

// Rule is a parsed composite-alarm AlarmRule:
//
//	rule    := orExpr
//	orExpr  := andExpr { "OR" andExpr }
//	andExpr := notExpr { "AND" notExpr }
//	notExpr := "NOT" notExpr | primary
//	primary := "(" rule ")" | "TRUE" | "FALSE" | STATE "(" ref ")"
//	         | "AT_LEAST" "(" INT ["%"] "," ["NOT"] STATE "," "(" ref { "," ref } ")" ")"
//	STATE   := "ALARM" | "OK" | "INSUFFICIENT_DATA"
//	ref     := alarm name or ARN, optionally double-quoted (quotes are required for names with spaces)
//
// AWS documents no precedence; watchsim uses NOT > AND > OR [derived]. Keywords are upper case;
// TRUE and FALSE are also accepted in any case (the AWS docs write "false"/"False" too).
// A Rule is immutable and safe for concurrent use.
type Rule struct {
	src  string
	root *ruleNode
	refs []string
}

type ruleOp uint8

const (
	opTrue ruleOp = iota
	opFalse
	opState
	opNot
	opAnd
	opOr
	opAtLeast
)

type ruleNode struct {
	op      ruleOp
	state   StateValue // opState, opAtLeast
	ref     string     // opState
	refs    []string   // opAtLeast
	negate  bool       // opAtLeast: NOT STATE
	count   int        // opAtLeast
	percent bool       // opAtLeast: count is a percentage
	kids    []*ruleNode
}

// ParseRule parses an AlarmRule. Syntax errors are ValidationError *bus.Error values with AWS's
// message form "Error in AlarmRule [Unsupported token '<tok>' at char <i>, must be: ')']" (0-based index).
func ParseRule(src string) (*Rule, error) {
	if n := utf8.RuneCountInString(src); n < 1 || n > MaxAlarmRuleLength {
		c := "Member must have length less than or equal to 10240"
		if n < 1 {
			c = "Member must have length greater than or equal to 1"
		}
		return nil, bus.ClientError("ValidationError", awserr.ValidationMessage(awserr.Violation{NoValue: true, Member: "alarmRule", Constraint: c}))
	}
	p := &ruleParser{src: src}
	p.next()
	root, err := p.or()
	if err != nil {
		return nil, err
	}
	if p.tok.kind != tkEOF {
		return nil, p.unsupported("")
	}
	if p.elements > MaxAlarmRuleElements {
		return nil, ruleError("The alarm rule exceeds the maximum of " + strconv.Itoa(MaxAlarmRuleElements) + " elements")
	}
	r := &Rule{src: src, root: root}
	seen := map[string]bool{}
	root.walk(func(n *ruleNode) {
		add := func(ref string) {
			if !seen[ref] {
				seen[ref] = true
				r.refs = append(r.refs, ref)
			}
		}
		if n.op == opState {
			add(n.ref)
		}
		for _, ref := range n.refs {
			add(ref)
		}
	})
	if len(r.refs) > MaxAlarmRuleChildren {
		return nil, ruleError("The alarm rule references more than " + strconv.Itoa(MaxAlarmRuleChildren) + " alarms")
	}
	return r, nil
}

func ruleError(detail string) error {
	return bus.ClientError("ValidationError", "Error in AlarmRule ["+detail+"]")
}

// Source returns the rule text as given.
func (r *Rule) Source() string { return r.src }

// Refs returns the distinct alarm references (names or ARNs, unquoted) in order of first appearance.
func (r *Rule) Refs() []string { return append([]string(nil), r.refs...) }

// Eval evaluates the rule against the children's states; state is called once per reference
// occurrence with the reference as written (name or ARN).
func (r *Rule) Eval(state func(ref string) StateValue) bool { return r.root.eval(state) }

// String returns a canonical, fully parenthesised form of the rule that parses back to an equal rule.
func (r *Rule) String() string {
	var b strings.Builder
	r.root.format(&b)
	return b.String()
}

func (n *ruleNode) walk(fn func(*ruleNode)) {
	fn(n)
	for _, k := range n.kids {
		k.walk(fn)
	}
}

func (n *ruleNode) eval(state func(string) StateValue) bool {
	switch n.op {
	case opTrue:
		return true
	case opFalse:
		return false
	case opState:
		return state(n.ref) == n.state
	case opNot:
		return !n.kids[0].eval(state)
	case opAnd:
		for _, k := range n.kids {
			if !k.eval(state) {
				return false
			}
		}
		return true
	case opOr:
		for _, k := range n.kids {
			if k.eval(state) {
				return true
			}
		}
		return false
	case opAtLeast:
		hits := 0
		for _, ref := range n.refs {
			if (state(ref) == n.state) != n.negate {
				hits++
			}
		}
		if n.percent {
			return hits*100 >= n.count*len(n.refs)
		}
		return hits >= n.count
	}
	return false
}

func quoteRef(b *strings.Builder, ref string) {
	b.WriteByte('"')
	b.WriteString(ref)
	b.WriteByte('"')
}

func (n *ruleNode) format(b *strings.Builder) {
	switch n.op {
	case opTrue:
		b.WriteString("TRUE")
	case opFalse:
		b.WriteString("FALSE")
	case opState:
		b.WriteString(string(n.state))
		b.WriteByte('(')
		quoteRef(b, n.ref)
		b.WriteByte(')')
	case opNot:
		b.WriteString("NOT ")
		n.kids[0].format(b)
	case opAnd, opOr:
		sep := " AND "
		if n.op == opOr {
			sep = " OR "
		}
		b.WriteByte('(')
		for i, k := range n.kids {
			if i > 0 {
				b.WriteString(sep)
			}
			k.format(b)
		}
		b.WriteByte(')')
	case opAtLeast:
		b.WriteString("AT_LEAST(")
		b.WriteString(strconv.Itoa(n.count))
		if n.percent {
			b.WriteByte('%')
		}
		b.WriteString(", ")
		if n.negate {
			b.WriteString("NOT ")
		}
		b.WriteString(string(n.state))
		b.WriteString(", (")
		for i, ref := range n.refs {
			if i > 0 {
				b.WriteString(", ")
			}
			quoteRef(b, ref)
		}
		b.WriteString("))")
	}
}

// ---- lexer and parser ----

type tokKind uint8

const (
	tkEOF tokKind = iota
	tkLParen
	tkRParen
	tkComma
	tkWord
	tkQuoted
	tkBad // unterminated quote
)

type ruleToken struct {
	kind tokKind
	text string // word text, or unquoted string
	pos  int    // byte offset
	raw  string // the token as written
}

type ruleParser struct {
	src      string
	i        int
	tok      ruleToken
	elements int
}

func isRuleSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func (p *ruleParser) next() {
	for p.i < len(p.src) && isRuleSpace(p.src[p.i]) {
		p.i++
	}
	start := p.i
	if p.i >= len(p.src) {
		p.tok = ruleToken{kind: tkEOF, pos: start}
		return
	}
	switch c := p.src[p.i]; c {
	case '(':
		p.i++
		p.tok = ruleToken{kind: tkLParen, pos: start, raw: "("}
	case ')':
		p.i++
		p.tok = ruleToken{kind: tkRParen, pos: start, raw: ")"}
	case ',':
		p.i++
		p.tok = ruleToken{kind: tkComma, pos: start, raw: ","}
	case '"':
		end := strings.IndexByte(p.src[p.i+1:], '"')
		if end < 0 {
			p.i = len(p.src)
			p.tok = ruleToken{kind: tkBad, pos: start, raw: p.src[start:]}
			return
		}
		p.i += end + 2
		p.tok = ruleToken{kind: tkQuoted, pos: start, text: p.src[start+1 : p.i-1], raw: p.src[start:p.i]}
	default:
		for p.i < len(p.src) {
			c := p.src[p.i]
			if isRuleSpace(c) || c == '(' || c == ')' || c == ',' || c == '"' {
				break
			}
			p.i++
		}
		p.tok = ruleToken{kind: tkWord, pos: start, text: p.src[start:p.i], raw: p.src[start:p.i]}
	}
}

// charIndex converts a byte offset to the 0-based character index AWS reports.
func (p *ruleParser) charIndex(pos int) int { return utf8.RuneCountInString(p.src[:pos]) }

// unsupported reports the current token; mustBe is the single token that would have been accepted, if any.
func (p *ruleParser) unsupported(mustBe string) error {
	if p.tok.kind == tkEOF {
		msg := "Unexpected end of rule at char " + strconv.Itoa(p.charIndex(p.tok.pos))
		if mustBe != "" {
			msg += ", must be: '" + mustBe + "'"
		}
		return ruleError(msg)
	}
	msg := "Unsupported token '" + p.tok.raw + "' at char " + strconv.Itoa(p.charIndex(p.tok.pos))
	if mustBe != "" {
		msg += ", must be: '" + mustBe + "'"
	}
	return ruleError(msg)
}

func (p *ruleParser) isWord(w string) bool { return p.tok.kind == tkWord && p.tok.text == w }

func (p *ruleParser) expect(k tokKind, lit string) error {
	if p.tok.kind != k {
		return p.unsupported(lit)
	}
	p.next()
	return nil
}

func (p *ruleParser) or() (*ruleNode, error) {
	left, err := p.and()
	if err != nil {
		return nil, err
	}
	if !p.isWord("OR") {
		return left, nil
	}
	n := &ruleNode{op: opOr, kids: []*ruleNode{left}}
	for p.isWord("OR") {
		p.next()
		right, err := p.and()
		if err != nil {
			return nil, err
		}
		n.kids = append(n.kids, right)
	}
	return n, nil
}

func (p *ruleParser) and() (*ruleNode, error) {
	left, err := p.not()
	if err != nil {
		return nil, err
	}
	if !p.isWord("AND") {
		return left, nil
	}
	n := &ruleNode{op: opAnd, kids: []*ruleNode{left}}
	for p.isWord("AND") {
		p.next()
		right, err := p.not()
		if err != nil {
			return nil, err
		}
		n.kids = append(n.kids, right)
	}
	return n, nil
}

func (p *ruleParser) not() (*ruleNode, error) {
	// Iterative over NOT chains so a long "NOT NOT …" costs no recursion.
	negations := 0
	for p.isWord("NOT") {
		negations++
		p.next()
	}
	n, err := p.primary()
	if err != nil {
		return nil, err
	}
	for ; negations > 0; negations-- {
		n = &ruleNode{op: opNot, kids: []*ruleNode{n}}
	}
	return n, nil
}

func stateKeyword(w string) (StateValue, bool) {
	switch w {
	case "ALARM", "OK", "INSUFFICIENT_DATA":
		return StateValue(w), true
	}
	return "", false
}

func (p *ruleParser) ref() (string, error) {
	if p.tok.kind != tkWord && p.tok.kind != tkQuoted {
		return "", p.unsupported("")
	}
	ref := p.tok.text
	if ref == "" {
		return "", p.unsupported("")
	}
	p.elements++
	p.next()
	return ref, nil
}

func (p *ruleParser) primary() (*ruleNode, error) {
	switch p.tok.kind {
	case tkLParen:
		p.elements++
		if p.elements > MaxAlarmRuleElements {
			return nil, ruleError("The alarm rule exceeds the maximum of " + strconv.Itoa(MaxAlarmRuleElements) + " elements")
		}
		p.next()
		n, err := p.or()
		if err != nil {
			return nil, err
		}
		return n, p.expect(tkRParen, ")")
	case tkWord:
		w := p.tok.text
		switch {
		case strings.EqualFold(w, "TRUE"):
			p.elements++
			p.next()
			return &ruleNode{op: opTrue}, nil
		case strings.EqualFold(w, "FALSE"):
			p.elements++
			p.next()
			return &ruleNode{op: opFalse}, nil
		case w == "AT_LEAST":
			return p.atLeast()
		}
		if st, ok := stateKeyword(w); ok {
			p.next()
			if err := p.expect(tkLParen, "("); err != nil {
				return nil, err
			}
			ref, err := p.ref()
			if err != nil {
				return nil, err
			}
			return &ruleNode{op: opState, state: st, ref: ref}, p.expect(tkRParen, ")")
		}
	}
	return nil, p.unsupported("")
}

func (p *ruleParser) atLeast() (*ruleNode, error) {
	p.next()
	if err := p.expect(tkLParen, "("); err != nil {
		return nil, err
	}
	if p.tok.kind != tkWord {
		return nil, p.unsupported("")
	}
	n := &ruleNode{op: opAtLeast}
	num := p.tok.text
	if strings.HasSuffix(num, "%") {
		n.percent, num = true, num[:len(num)-1]
	}
	c, err := strconv.Atoi(num)
	if err != nil || num == "" || num[0] == '+' || num[0] == '-' {
		return nil, p.unsupported("")
	}
	n.count = c
	countTok := p.tok
	p.next()
	if err := p.expect(tkComma, ","); err != nil {
		return nil, err
	}
	if p.isWord("NOT") {
		n.negate = true
		p.next()
	}
	st, ok := stateKeyword(p.tok.text)
	if p.tok.kind != tkWord || !ok {
		return nil, p.unsupported("")
	}
	n.state = st
	p.next()
	if err := p.expect(tkComma, ","); err != nil {
		return nil, err
	}
	if err := p.expect(tkLParen, "("); err != nil {
		return nil, err
	}
	for {
		ref, err := p.ref()
		if err != nil {
			return nil, err
		}
		n.refs = append(n.refs, ref)
		if p.tok.kind != tkComma {
			break
		}
		p.next()
	}
	if err := p.expect(tkRParen, ")"); err != nil {
		return nil, err
	}
	if err := p.expect(tkRParen, ")"); err != nil {
		return nil, err
	}
	// Bounds as CDK enforces them (aws-cdk alarm-rule.ts): count 1..operands, percentage 1..100 [derived].
	if n.percent && (n.count < 1 || n.count > 100) || !n.percent && (n.count < 1 || n.count > len(n.refs)) {
		return nil, ruleError("Invalid AT_LEAST threshold '" + countTok.raw + "' at char " + strconv.Itoa(p.charIndex(countTok.pos)))
	}
	return n, nil
}
