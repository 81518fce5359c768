package query

import (
	"strconv"
	"strings"
)

// Query is a parsed advanced-query expression. It is immutable and safe for concurrent use: one
// Query may run over many item sets from many goroutines.
type Query struct {
	expr    string
	sel     []selItem
	where   *cond
	groupBy []*path
	orderBy []orderItem
	// aggregate: the query groups (GROUP BY or an aggregate function in SELECT)
	aggregate bool
	// orderByAgg: ORDER BY names an aggregate, so AWS does not paginate the result
	orderByAgg bool
	allPaths   []*path // every path object of the query, indexed by path.idx
	preds      []*cond // the WHERE predicates, indexed by cond.leaf
}

// MaxExpressionLength is the longest Expression SelectResourceConfig accepts (the API's length
// constraint, 1–4096; https://docs.aws.amazon.com/config/latest/APIReference/API_SelectResourceConfig.html).
// The service validates the length; [Parse] does not.
const MaxExpressionLength = 4096

// MaxGroupBy is the number of GROUP BY properties AWS allows ("For all other aggregations GROUP BY
// clauses may contain up to three properties", DG querying-AWS-resources, Limitations).
const MaxGroupBy = 3

// MinLikePrefix is the shortest literal part a LIKE pattern with a wildcard may have ("Wildcard
// matches must be at least three characters long").
const MinLikePrefix = 3

// reserved are the words that cannot stand for a property: the grammar's keywords and the SQL
// keywords AWS lists as unsupported (ALL, AS, DISTINCT, FROM, HAVING, JOIN, UNION, and NULL tests).
func reserved(s string) bool {
	switch strings.ToUpper(s) {
	case "SELECT", "WHERE", "GROUP", "BY", "ORDER", "ASC", "DESC", "AND", "OR", "NOT", "IN", "BETWEEN",
		"LIKE", "TRUE", "FALSE", "ALL", "AS", "DISTINCT", "FROM", "HAVING", "JOIN", "UNION", "IS", "NULL",
		"LIMIT", "OFFSET":
		return true
	}
	return false
}

// parser is a recursive-descent parser over the lexer's tokens with one token of look-ahead.
type parser struct {
	lx  lexer
	tok token
}

func (p *parser) advance() { p.tok = p.lx.next() }

// isKw reports whether the current token is the keyword kw (case-insensitive).
func (p *parser) isKw(kw string) bool {
	return p.tok.kind == tokIdent && strings.EqualFold(p.tok.text, kw)
}

// fail returns the error for the current token: a syntax error, or a not-simulated error for
// grammar AWS may accept that the simulator does not model.
func (p *parser) fail() error {
	switch {
	case p.tok.kind == tokDQuote:
		return notSimulated("double-quoted strings")
	case p.tok.kind == tokOp && (p.tok.text == "!=" || p.tok.text == "<>"):
		return notSimulated("the %s operator", p.tok.text)
	}
	return syntaxError(p.tok)
}

func (p *parser) expectKw(kw string) error {
	if !p.isKw(kw) {
		return p.fail()
	}
	p.advance()
	return nil
}

// Parse parses an advanced-query expression
// (https://docs.aws.amazon.com/config/latest/developerguide/query-components.html):
//
//	SELECT property|aggregate|* [, ...] [WHERE condition] [GROUP BY property [, ...]]
//	[ORDER BY property|aggregate [ASC|DESC] [, ...]]
//
// An expression AWS rejects gives an InvalidExpressionException *bus.Error; grammar whose AWS
// behaviour is not documented gives a *bus.NotSimulatedError. Keywords are case-insensitive,
// property names are not.
func Parse(expression string) (*Query, error) {
	p := &parser{lx: lexer{src: expression, line: 1}}
	p.advance()
	q := &Query{expr: expression}
	if err := p.expectKw("SELECT"); err != nil {
		return nil, err
	}
	for {
		it, err := p.selectItem()
		if err != nil {
			return nil, err
		}
		q.sel = append(q.sel, it)
		if p.tok.kind != tokComma {
			break
		}
		p.advance()
	}
	if p.isKw("WHERE") {
		p.advance()
		c, err := p.or()
		if err != nil {
			return nil, err
		}
		q.where = c
	}
	if p.isKw("GROUP") {
		p.advance()
		if err := p.expectKw("BY"); err != nil {
			return nil, err
		}
		for {
			pa, err := p.property()
			if err != nil {
				return nil, err
			}
			q.groupBy = append(q.groupBy, pa)
			if p.tok.kind != tokComma {
				break
			}
			p.advance()
		}
	}
	if p.isKw("ORDER") {
		p.advance()
		if err := p.expectKw("BY"); err != nil {
			return nil, err
		}
		for {
			o, err := p.orderItem()
			if err != nil {
				return nil, err
			}
			q.orderBy = append(q.orderBy, o)
			if p.tok.kind != tokComma {
				break
			}
			p.advance()
		}
	}
	if p.tok.kind != tokEOF {
		return nil, p.fail()
	}
	if err := q.check(); err != nil {
		return nil, err
	}
	return q, nil
}

// property reads a property path.
func (p *parser) property() (*path, error) {
	if p.tok.kind != tokIdent || reserved(p.tok.text) {
		return nil, p.fail()
	}
	pa := newPath(p.tok.text)
	p.advance()
	if p.tok.kind == tokLParen {
		// a function call where a property is expected (aggregates belong in SELECT and ORDER BY)
		return nil, p.fail()
	}
	return pa, nil
}

// aggregateCall reads FUNC(arg) after the function name; the current token is '('.
func (p *parser) aggregateCall(f aggFunc) (selItem, error) {
	p.advance() // (
	it := selItem{agg: f}
	switch {
	case p.tok.kind == tokStar:
		if f != aggCount {
			return it, invalid("%s(*) is not supported: only COUNT accepts *", aggNames[f])
		}
		p.advance()
	case p.tok.kind == tokIdent && !reserved(p.tok.text):
		name := p.tok.text
		p.advance()
		if p.tok.kind == tokLParen {
			return it, invalid("aggregate functions cannot take other functions as arguments: %s(%s(...))", aggNames[f], name)
		}
		it.p = newPath(name)
	default:
		return it, p.fail()
	}
	if p.tok.kind == tokComma {
		return it, invalid("aggregate functions can accept only a single argument or property: %s", aggNames[f])
	}
	if p.tok.kind != tokRParen {
		return it, p.fail()
	}
	p.advance()
	arg := "*"
	if it.p != nil {
		arg = it.p.text
	}
	it.name = aggNames[f] + "(" + arg + ")"
	return it, nil
}

func (p *parser) selectItem() (selItem, error) {
	if p.tok.kind == tokStar {
		p.advance()
		return selItem{name: "*", star: true}, nil
	}
	if p.tok.kind == tokIdent && !reserved(p.tok.text) {
		if f := aggByName(p.tok.text); f != aggNone {
			save, saveLx := p.tok, p.lx
			p.advance()
			if p.tok.kind == tokLParen {
				return p.aggregateCall(f)
			}
			p.tok, p.lx = save, saveLx
		}
	}
	pa, err := p.property()
	if err != nil {
		return selItem{}, err
	}
	return selItem{name: pa.text, p: pa}, nil
}

func (p *parser) orderItem() (orderItem, error) {
	o := orderItem{agg: -1}
	if p.tok.kind == tokIdent && !reserved(p.tok.text) {
		if f := aggByName(p.tok.text); f != aggNone {
			save, saveLx := p.tok, p.lx
			p.advance()
			if p.tok.kind == tokLParen {
				it, err := p.aggregateCall(f)
				if err != nil {
					return o, err
				}
				o.name = it.name
				o.agg = -2 // resolved against the SELECT list by check
				return o, p.direction(&o)
			}
			p.tok, p.lx = save, saveLx
		}
	}
	pa, err := p.property()
	if err != nil {
		return o, err
	}
	o.name, o.p = pa.text, pa
	return o, p.direction(&o)
}

func (p *parser) direction(o *orderItem) error {
	switch {
	case p.isKw("ASC"):
		p.advance()
	case p.isKw("DESC"):
		o.desc = true
		p.advance()
	}
	return nil
}

// or := and {OR and}
func (p *parser) or() (*cond, error) {
	c, err := p.and()
	if err != nil {
		return nil, err
	}
	if !p.isKw("OR") {
		return c, nil
	}
	n := &cond{kind: condOr, kids: []*cond{c}}
	for p.isKw("OR") {
		p.advance()
		k, err := p.and()
		if err != nil {
			return nil, err
		}
		n.kids = append(n.kids, k)
	}
	return n, nil
}

// and := not {AND not}
func (p *parser) and() (*cond, error) {
	c, err := p.not()
	if err != nil {
		return nil, err
	}
	if !p.isKw("AND") {
		return c, nil
	}
	n := &cond{kind: condAnd, kids: []*cond{c}}
	for p.isKw("AND") {
		p.advance()
		k, err := p.not()
		if err != nil {
			return nil, err
		}
		n.kids = append(n.kids, k)
	}
	return n, nil
}

// not := NOT not | '(' or ')' | predicate
func (p *parser) not() (*cond, error) {
	if p.isKw("NOT") {
		p.advance()
		k, err := p.not()
		if err != nil {
			return nil, err
		}
		return &cond{kind: condNot, kids: []*cond{k}}, nil
	}
	if p.tok.kind == tokLParen {
		p.advance()
		c, err := p.or()
		if err != nil {
			return nil, err
		}
		if p.tok.kind != tokRParen {
			return nil, p.fail()
		}
		p.advance()
		return c, nil
	}
	return p.predicate()
}

// predicate := property (op literal | [NOT] IN (literal, ...) | [NOT] BETWEEN literal AND literal |
// [NOT] LIKE 'pattern')
func (p *parser) predicate() (*cond, error) {
	pa, err := p.property()
	if err != nil {
		return nil, err
	}
	negate := false
	if p.isKw("NOT") {
		negate = true
		p.advance()
		if !p.isKw("IN") && !p.isKw("BETWEEN") && !p.isKw("LIKE") {
			return nil, p.fail()
		}
	}
	c := &cond{p: pa}
	switch {
	case p.tok.kind == tokOp && !negate:
		switch p.tok.text {
		case "=":
			c.op = opEq
		case "<":
			c.op = opLt
		case "<=":
			c.op = opLe
		case ">":
			c.op = opGt
		case ">=":
			c.op = opGe
		default:
			return nil, p.fail()
		}
		c.kind = condCmp
		p.advance()
		l, err := p.literal(pa)
		if err != nil {
			return nil, err
		}
		c.lits = []literal{l}
	case p.isKw("IN"):
		c.kind = condIn
		p.advance()
		if p.tok.kind != tokLParen {
			return nil, p.fail()
		}
		p.advance()
		for {
			l, err := p.literal(pa)
			if err != nil {
				return nil, err
			}
			c.lits = append(c.lits, l)
			if p.tok.kind != tokComma {
				break
			}
			p.advance()
		}
		if p.tok.kind != tokRParen {
			return nil, p.fail()
		}
		p.advance()
	case p.isKw("BETWEEN"):
		c.kind = condBetween
		p.advance()
		lo, err := p.literal(pa)
		if err != nil {
			return nil, err
		}
		if err := p.expectKw("AND"); err != nil {
			return nil, err
		}
		hi, err := p.literal(pa)
		if err != nil {
			return nil, err
		}
		c.lits = []literal{lo, hi}
	case p.isKw("LIKE"):
		c.kind = condLike
		p.advance()
		if p.tok.kind != tokString {
			if p.tok.kind == tokIdent && !reserved(p.tok.text) {
				return nil, invalid("wildcards are supported only for property values, not for property keys")
			}
			return nil, p.fail()
		}
		lp, err := compileLike(p.tok.text)
		if err != nil {
			return nil, err
		}
		c.like = lp
		c.lits = []literal{{kind: litString, text: p.tok.text}}
		p.advance()
	default:
		return nil, p.fail()
	}
	if negate {
		return &cond{kind: condNot, kids: []*cond{c}}, nil
	}
	return c, nil
}

// literal reads a literal compared with property pa.
func (p *parser) literal(pa *path) (literal, error) {
	var l literal
	switch {
	case p.tok.kind == tokString:
		l = literal{kind: litString, text: p.tok.text}
		if f, err := strconv.ParseFloat(strings.TrimSpace(l.text), 64); err == nil && l.text != "" {
			l.num, l.isN = f, true
		}
		if l.text == "true" || l.text == "false" {
			l.b, l.isB = l.text == "true", true
		}
	case p.tok.kind == tokNumber:
		f, err := strconv.ParseFloat(p.tok.text, 64)
		if err != nil {
			return l, p.fail()
		}
		l = literal{kind: litNumber, text: p.tok.text, num: f, isN: true}
	case p.isKw("TRUE") || p.isKw("FALSE"):
		v := p.isKw("TRUE")
		l = literal{kind: litBool, text: strconv.FormatBool(v), b: v, isB: true}
	default:
		return l, p.fail()
	}
	if pa.date {
		ms, ok := parseInstant(l.text)
		if !ok || l.kind != litString {
			return l, invalid("%s is a date property: '%s' is not a date", pa.text, l.text)
		}
		l.ms = ms
	}
	p.advance()
	return l, nil
}

// compileLike checks a LIKE pattern against AWS's wildcard rules and compiles it: wildcards ('%'
// and '_') only as a suffix, after a literal part of at least three characters.
func compileLike(s string) (likePattern, error) {
	i := strings.IndexAny(s, "%_")
	if i < 0 {
		return likePattern{prefix: s}, nil
	}
	lp := likePattern{prefix: s[:i]}
	for _, c := range s[i:] {
		switch c {
		case '%':
			lp.any = true
		case '_':
			lp.singles++
		default:
			return lp, invalid("only suffix wildcards are supported: '%s'", s)
		}
	}
	if n := len([]rune(lp.prefix)); n < MinLikePrefix {
		return lp, invalid("wildcard matches must be at least three characters long: '%s'", s)
	}
	return lp, nil
}
