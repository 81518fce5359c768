package insights

import "strconv"

// node is a parsed expression with its place in the query.
type node struct {
	e          expr
	start, end int    // byte range of its text (a column is named by its text)
	tok        token  // its first token, for error locations
	field      string // a plain field name, when the expression is just that
	agg        bool   // it contains an aggregation (stats)
}

// Operator precedence, loosest first ([derived] where the documentation is silent): or, and,
// not, comparisons (= != < <= > >= like =~ in), + -, * / %, ^ (right-associative), unary minus.
func (p *parser) parseExpr() (node, error) { return p.parseOr() }

func (p *parser) parseOr() (node, error) {
	l, err := p.parseAnd()
	if err != nil {
		return l, err
	}
	for p.peek().isKeyword("or") {
		p.next()
		r, err := p.parseAnd()
		if err != nil {
			return r, err
		}
		l = joined(l, r, &logic{and: false, l: l.e, r: r.e})
	}
	return l, nil
}

func (p *parser) parseAnd() (node, error) {
	l, err := p.parseNot()
	if err != nil {
		return l, err
	}
	for p.peek().isKeyword("and") {
		p.next()
		r, err := p.parseNot()
		if err != nil {
			return r, err
		}
		l = joined(l, r, &logic{and: true, l: l.e, r: r.e})
	}
	return l, nil
}

func (p *parser) parseNot() (node, error) {
	if t := p.peek(); t.isKeyword("not") {
		p.next()
		x, err := p.parseNot()
		if err != nil {
			return x, err
		}
		return node{e: &notExpr{x.e}, start: t.start, end: x.end, tok: t, agg: x.agg}, nil
	}
	return p.parseCmp()
}

// joined is the node of a binary operation on l and r.
func joined(l, r node, e expr) node {
	return node{e: e, start: l.start, end: r.end, tok: l.tok, agg: l.agg || r.agg}
}

func (p *parser) parseCmp() (node, error) {
	l, err := p.parseAdd()
	if err != nil {
		return l, err
	}
	t := p.peek()
	not := false
	if t.isKeyword("not") && (p.peekAt(1).isKeyword("like") || p.peekAt(1).isKeyword("in")) {
		p.next()
		not = true
		t = p.peek()
	}
	switch {
	case t.kind == tOp && (t.text == "=" || t.text == "!=" || t.text == "<" || t.text == "<=" || t.text == ">" || t.text == ">="):
		p.next()
		r, err := p.parseAdd()
		if err != nil {
			return r, err
		}
		return joined(l, r, &cmpExpr{op: t.text, l: l.e, r: r.e}), nil
	case t.isKeyword("like") || (t.kind == tOp && t.text == "=~"):
		p.next()
		m := p.next()
		var mt matcher
		switch m.kind {
		case tString:
			mt.sub = m.text
		case tRegex:
			re, err := p.compileRegex(m)
			if err != nil {
				return l, err
			}
			if lit, complete := re.LiteralPrefix(); complete {
				mt.sub = lit // a regex that is plain text matches as a substring search
			} else {
				mt.re = re
			}
		default:
			return l, p.unexpected(m, "a string or a regular expression")
		}
		return node{e: &likeExpr{x: l.e, m: mt, not: not}, start: l.start, end: m.end, tok: l.tok, agg: l.agg}, nil
	case t.isKeyword("in"):
		p.next()
		if _, err := p.expect(tLBrack, "'['"); err != nil {
			return l, err
		}
		in := &inExpr{x: l.e, not: not}
		for p.peek().kind != tRBrack {
			m, err := p.parseAdd()
			if err != nil {
				return m, err
			}
			in.list = append(in.list, m.e)
			if p.peek().kind != tComma {
				break
			}
			p.next()
		}
		end, err := p.expect(tRBrack, "']'")
		if err != nil {
			return l, err
		}
		return node{e: in, start: l.start, end: end.end, tok: l.tok, agg: l.agg}, nil
	}
	if not {
		return l, p.unexpected(t, "LIKE or IN")
	}
	return l, nil
}

func (p *parser) parseAdd() (node, error) {
	l, err := p.parseMul()
	if err != nil {
		return l, err
	}
	for t := p.peek(); t.kind == tOp && (t.text == "+" || t.text == "-"); t = p.peek() {
		p.next()
		r, err := p.parseMul()
		if err != nil {
			return r, err
		}
		l = joined(l, r, &arith{op: t.text[0], l: l.e, r: r.e})
	}
	return l, nil
}

func (p *parser) parseMul() (node, error) {
	l, err := p.parsePow()
	if err != nil {
		return l, err
	}
	for t := p.peek(); t.kind == tOp && (t.text == "*" || t.text == "/" || t.text == "%"); t = p.peek() {
		p.next()
		r, err := p.parsePow()
		if err != nil {
			return r, err
		}
		l = joined(l, r, &arith{op: t.text[0], l: l.e, r: r.e})
	}
	return l, nil
}

func (p *parser) parsePow() (node, error) {
	l, err := p.parseUnary()
	if err != nil {
		return l, err
	}
	if t := p.peek(); t.kind == tOp && t.text == "^" {
		p.next()
		r, err := p.parsePow()
		if err != nil {
			return r, err
		}
		l = joined(l, r, &arith{op: '^', l: l.e, r: r.e})
	}
	return l, nil
}

func (p *parser) parseUnary() (node, error) {
	if t := p.peek(); t.kind == tOp && t.text == "-" {
		p.next()
		x, err := p.parseUnary()
		if err != nil {
			return x, err
		}
		if lit, ok := x.e.(*literal); ok && lit.v.k == kNum {
			return node{e: &literal{num(-lit.v.f)}, start: t.start, end: x.end, tok: t}, nil
		}
		return node{e: &negExpr{x.e}, start: t.start, end: x.end, tok: t, agg: x.agg}, nil
	}
	return p.parsePostfix()
}

// parsePostfix: primary followed by .name or [index].
func (p *parser) parsePostfix() (node, error) {
	n, err := p.parsePrimary()
	if err != nil {
		return n, err
	}
	for {
		t := p.peek()
		switch {
		case t.kind == tDot:
			p.next()
			m, err := p.expect(tIdent, "a member name")
			if err != nil {
				return n, err
			}
			var e = n.e
			for _, s := range m.segs {
				e = &member{x: e, key: s}
			}
			n = node{e: e, start: n.start, end: m.end, tok: n.tok, agg: n.agg}
		case t.kind == tLBrack && t.start == n.end: // no space: list[0]
			p.next()
			i, err := p.parseExpr()
			if err != nil {
				return i, err
			}
			end, err := p.expect(tRBrack, "']'")
			if err != nil {
				return n, err
			}
			n = node{e: &index{x: n.e, i: i.e}, start: n.start, end: end.end, tok: n.tok, agg: n.agg || i.agg}
		default:
			return n, nil
		}
	}
}

func (p *parser) parsePrimary() (node, error) {
	t := p.next()
	switch t.kind {
	case tNumber:
		f, err := strconv.ParseFloat(t.text, 64)
		if err != nil {
			return node{}, p.errAt(t, "invalid number: "+t.text)
		}
		return node{e: &literal{num(f)}, start: t.start, end: t.end, tok: t}, nil
	case tString:
		return node{e: &literal{str(t.text)}, start: t.start, end: t.end, tok: t}, nil
	case tLParen:
		n, err := p.parseExpr()
		if err != nil {
			return n, err
		}
		end, err := p.expect(tRParen, "')'")
		if err != nil {
			return n, err
		}
		return node{e: n.e, start: t.start, end: end.end, tok: t, agg: n.agg}, nil
	case tIdent:
		if nt := p.peek(); nt.kind == tLParen && nt.start == t.end && !t.quoted {
			return p.parseCall(t)
		}
		return node{e: p.resolve(t.text, t.segs), start: t.start, end: t.end, tok: t, field: t.text}, nil
	case tDuration:
		return node{}, p.errAt(t, "a time period such as "+t.text+" is only allowed in bin, datefloor and dateceil")
	case tRegex:
		return node{}, p.errAt(t, "a regular expression is only allowed after like or =~, in parse and in regexReplace")
	}
	return node{}, p.unexpected(t, "an expression")
}

// parseCall parses name(args) for a scalar function or, inside stats, an aggregation.
func (p *parser) parseCall(name token) (node, error) {
	spec, status := lookupFunc(name.text)
	switch status {
	case funcNotSimulated:
		return node{}, notSimulated("Logs Insights function '" + name.text + "'")
	case funcUnknown:
		return node{}, p.errAt(name, "Unknown function: "+name.text)
	}
	p.next() // (
	if spec.agg != aggNone {
		return p.parseAgg(name, spec)
	}
	c := &call{fn: spec}
	n := node{e: c, start: name.start, tok: name}
	argc := 0
	for p.peek().kind != tRParen {
		if argc == spec.period {
			t := p.next()
			per, ok := parsePeriod(t.text)
			if (t.kind != tDuration && t.kind != tNumber) || !ok {
				return n, p.errAt(t, "invalid time period: "+p.q[t.start:t.end])
			}
			c.per = per
		} else if t := p.peek(); t.kind == tRegex && spec.name == "regexReplace" && argc == 1 {
			p.next()
			re, err := p.compileRegex(t)
			if err != nil {
				return n, err
			}
			c.re = re
			c.args = append(c.args, &literal{null()})
		} else {
			a, err := p.parseExpr()
			if err != nil {
				return a, err
			}
			n.agg = n.agg || a.agg
			c.args = append(c.args, a.e)
		}
		argc++
		if p.peek().kind != tComma {
			break
		}
		p.next()
	}
	end, err := p.expect(tRParen, "')' or ','")
	if err != nil {
		return n, err
	}
	n.end = end.end
	if argc < spec.min || (spec.max >= 0 && argc > spec.max) {
		return n, p.errAt(name, "wrong number of arguments to "+spec.name+": "+strconv.Itoa(argc))
	}
	if spec.name == "bin" {
		// bin(period) reads @timestamp
		c.args = []expr{p.resolve("@timestamp", []string{"@timestamp"})}
	}
	return n, nil
}

// parseAgg parses the arguments of an aggregation inside stats.
func (p *parser) parseAgg(name token, spec *funcSpec) (node, error) {
	if p.inStats == nil {
		return node{}, p.errAt(name, "the aggregation function "+spec.name+" can only be used in stats")
	}
	if p.inAgg {
		return node{}, p.errAt(name, "aggregation functions cannot be nested: "+spec.name)
	}
	aggs := p.inStats
	s := aggSpec{kind: spec.agg}
	n := node{start: name.start, tok: name, agg: true}
	if spec.agg == aggCount && (p.peek().kind == tRParen || (p.peek().kind == tOp && p.peek().text == "*")) {
		if p.peek().kind == tOp {
			p.next()
		}
		s.kind = aggCountStar
	} else {
		p.inAgg = true
		a, err := p.parseExpr()
		p.inAgg = false
		if err != nil {
			return a, err
		}
		s.arg = a.e
		if spec.agg == aggPct {
			if _, err := p.expect(tComma, "','"); err != nil {
				return n, err
			}
			t := p.next()
			f, err := strconv.ParseFloat(t.text, 64)
			if t.kind != tNumber || err != nil || f < 0 || f > 100 {
				return n, p.errAt(t, "pct takes a percentile from 0 to 100")
			}
			s.p = f
		}
	}
	end, err := p.expect(tRParen, "')'")
	if err != nil {
		return n, err
	}
	n.end = end.end
	*aggs = append(*aggs, s)
	i := len(*aggs) - 1
	n.e = &aggRef{i: i}
	return n, nil
}
