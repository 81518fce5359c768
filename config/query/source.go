package query

// source is what a query runs over: the items (nil entries are free positions of a Set and are
// skipped) and, for a Set, one column per path of the query and, per WHERE predicate, which
// dictionary values satisfy it.
type source struct {
	docs []map[string]any
	cols []*column // indexed by path.idx; nil for a plain item slice
	pass [][]bool  // indexed by cond.leaf
}

// match reports whether item i satisfies the WHERE condition.
func (s *source) match(q *Query, i int) bool {
	if q.where == nil {
		return true
	}
	if s.cols == nil {
		return q.where.eval(s.docs[i])
	}
	return s.eval(q.where, i)
}

func (s *source) eval(c *cond, i int) bool {
	switch c.kind {
	case condAnd:
		for _, k := range c.kids {
			if !s.eval(k, i) {
				return false
			}
		}
		return true
	case condOr:
		for _, k := range c.kids {
			if s.eval(k, i) {
				return true
			}
		}
		return false
	case condNot:
		return !s.eval(c.kids[0], i)
	}
	col := s.cols[c.p.idx]
	code := col.code[i]
	if code&codeMulti == 0 {
		return s.pass[c.leaf][code]
	}
	sp := col.spans[code&^codeMulti]
	pass := s.pass[c.leaf]
	for _, k := range col.multi[sp.off : sp.off+sp.n] {
		if pass[k] {
			return true
		}
	}
	return false
}

// leaves appends the scalar values of item i at path p.
func (s *source) leaves(dst []any, i int, p *path) []any {
	if s.cols == nil {
		return leaves(dst, s.docs[i], p.segs)
	}
	c := s.cols[p.idx]
	var one [1]uint32
	for _, k := range c.values(i, &one) {
		dst = append(dst, c.dict[k-1])
	}
	return dst
}
