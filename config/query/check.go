package query

import "strings"

// check applies the rules that span clauses: aggregation limits, ORDER BY references and
// mismatched identifiers (DG querying-AWS-resources, Limitations:
// https://docs.aws.amazon.com/config/latest/developerguide/querying-AWS-resources.html#query-limitations).
func (q *Query) check() error {
	hasAgg := false
	for _, s := range q.sel {
		if s.agg != aggNone {
			hasAgg = true
		}
	}
	q.aggregate = hasAgg || len(q.groupBy) > 0
	if len(q.groupBy) > MaxGroupBy {
		return invalid("GROUP BY clauses may contain up to three properties")
	}
	if q.aggregate {
		for _, s := range q.sel {
			switch {
			case s.star:
				return notSimulated("SELECT * in an aggregate query")
			case s.agg == aggNone && !q.grouped(s.p.text):
				return notSimulated("selecting %s, which is not a GROUP BY property, in an aggregate query", s.p.text)
			}
		}
	}
	for i := range q.orderBy {
		o := &q.orderBy[i]
		if o.agg == -2 {
			o.agg = -1
			for j, s := range q.sel {
				if s.agg != aggNone && s.name == o.name {
					o.agg = j
					break
				}
			}
			if o.agg < 0 {
				return notSimulated("ORDER BY %s, an aggregate that is not in the SELECT list", o.name)
			}
			q.orderByAgg = true
			continue
		}
		if q.aggregate && !q.grouped(o.p.text) {
			return notSimulated("ORDER BY %s, which is not a GROUP BY property, in an aggregate query", o.p.text)
		}
	}
	if q.orderByAgg && len(q.groupBy) > 1 {
		return invalid("GROUP BY with an ORDER BY clause referencing aggregate functions may contain only a single property")
	}
	if err := q.checkIdentifiers(); err != nil {
		return err
	}
	q.allPaths = q.paths()
	for i, p := range q.allPaths {
		p.idx = i
	}
	var walk func(c *cond)
	walk = func(c *cond) {
		if c.p != nil {
			c.leaf = len(q.preds)
			q.preds = append(q.preds, c)
		}
		for _, k := range c.kids {
			walk(k)
		}
	}
	if q.where != nil {
		walk(q.where)
	}
	return nil
}

func (q *Query) grouped(p string) bool {
	for _, g := range q.groupBy {
		if g.text == p {
			return true
		}
	}
	return false
}

// paths returns every property path the query mentions.
func (q *Query) paths() []*path {
	var ps []*path
	for _, s := range q.sel {
		if s.p != nil {
			ps = append(ps, s.p)
		}
	}
	var walk func(c *cond)
	walk = func(c *cond) {
		if c.p != nil {
			ps = append(ps, c.p)
		}
		for _, k := range c.kids {
			walk(k)
		}
	}
	if q.where != nil {
		walk(q.where)
	}
	ps = append(ps, q.groupBy...)
	for _, o := range q.orderBy {
		if o.p != nil {
			ps = append(ps, o.p)
		}
	}
	return ps
}

// checkIdentifiers refuses a query that names two properties differing only in case, or where
// one is a case variant of a prefix of the other (the DG's example:
// configuration.dbclusterIdentifier with configuration.dBClusterIdentifier).
func (q *Query) checkIdentifiers() error {
	ps := q.paths()
	for i := range ps {
		for j := i + 1; j < len(ps); j++ {
			a, b := ps[i].segs, ps[j].segs
			for k := 0; k < len(a) && k < len(b); k++ {
				if a[k] == b[k] {
					continue
				}
				if strings.EqualFold(a[k], b[k]) {
					return invalid("mismatched identifiers: %s and %s differ only in case", ps[i].text, ps[j].text)
				}
				break
			}
		}
	}
	return nil
}
