package query

import (
	"cmp"
	"encoding/json"
	"strings"
	"unicode/utf8"
)

// Match reports whether item satisfies the query's WHERE condition (true when there is none).
// item is a CI in the query-visible form described in the package documentation.
func (q *Query) Match(item map[string]any) bool {
	return q.where == nil || q.where.eval(item)
}

// eval evaluates the condition on one item. A condition on a path that crosses arrays holds when
// any element satisfies it; a missing property satisfies no comparison (so NOT of it holds).
func (c *cond) eval(item map[string]any) bool {
	switch c.kind {
	case condAnd:
		for _, k := range c.kids {
			if !k.eval(item) {
				return false
			}
		}
		return true
	case condOr:
		for _, k := range c.kids {
			if k.eval(item) {
				return true
			}
		}
		return false
	case condNot:
		return !c.kids[0].eval(item)
	}
	segs := c.p.segs
	v, ok := item[segs[0]]
	if !ok {
		return false
	}
	return c.anyLeaf(v, segs[1:])
}

// anyLeaf walks v along segs, fanning out over arrays, and tests every leaf it reaches.
func (c *cond) anyLeaf(v any, segs []string) bool {
	for {
		switch t := v.(type) {
		case map[string]any:
			if len(segs) == 0 {
				return false
			}
			var ok bool
			if v, ok = t[segs[0]]; !ok {
				return false
			}
			segs = segs[1:]
			continue
		case []any:
			for _, e := range t {
				if c.anyLeaf(e, segs) {
					return true
				}
			}
			return false
		}
		if len(segs) > 0 {
			return false
		}
		return c.test(v)
	}
}

// test applies the predicate to one scalar leaf.
func (c *cond) test(v any) bool {
	switch c.kind {
	case condCmp:
		r, ok := c.compare(v, &c.lits[0])
		if !ok {
			return false
		}
		switch c.op {
		case opEq:
			return r == 0
		case opLt:
			return r < 0
		case opLe:
			return r <= 0
		case opGt:
			return r > 0
		default:
			return r >= 0
		}
	case condIn:
		for i := range c.lits {
			if r, ok := c.compare(v, &c.lits[i]); ok && r == 0 {
				return true
			}
		}
		return false
	case condBetween:
		lo, ok1 := c.compare(v, &c.lits[0])
		hi, ok2 := c.compare(v, &c.lits[1])
		return ok1 && ok2 && lo >= 0 && hi <= 0
	case condLike:
		s, ok := v.(string)
		return ok && c.like.match(s)
	}
	return false
}

// number returns v as a float64 when it is a JSON number (float64 from encoding/json, json.Number
// with UseNumber, or a Go integer).
func number(v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	case int32:
		return float64(n), true
	case float32:
		return float64(n), true
	}
	return 0, false
}

// compare orders leaf v against literal l by v's type: numbers numerically (the literal must read as
// a number), booleans false < true (the literal must be a boolean or 'true'/'false'), date
// properties as instants, other strings byte-wise against the literal's text. ok is false when the
// two cannot be compared; such a comparison never holds.
func (c *cond) compare(v any, l *literal) (int, bool) {
	switch t := v.(type) {
	case string:
		if c.p.date {
			ms, ok := parseInstant(t)
			if !ok {
				return 0, false
			}
			return cmp.Compare(float64(ms), float64(l.ms)), true
		}
		return strings.Compare(t, l.text), true
	case bool:
		if !l.isB {
			return 0, false
		}
		switch {
		case t == l.b:
			return 0, true
		case !t:
			return -1, true
		}
		return 1, true
	}
	if f, ok := number(v); ok && l.isN {
		return cmp.Compare(f, l.num), true
	}
	return 0, false
}

// match reports whether s matches the pattern: the prefix, then exactly `singles` characters, or
// at least that many when the pattern has a '%'.
func (lp *likePattern) match(s string) bool {
	if !strings.HasPrefix(s, lp.prefix) {
		return false
	}
	rest := s[len(lp.prefix):]
	if lp.any && lp.singles == 0 {
		return true
	}
	n := utf8.RuneCountInString(rest)
	if lp.any {
		return n >= lp.singles
	}
	return n == lp.singles
}
