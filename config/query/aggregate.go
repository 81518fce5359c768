package query

import "slices"

// group is one GROUP BY bucket (or the single bucket of an aggregate query without GROUP BY).
type group struct {
	vals  []any      // the GROUP BY values, one per GROUP BY property
	count int64      // COUNT(*)
	st    []aggState // one per SELECT item (unused for properties)
}

// aggState accumulates one aggregate function over the values of its property.
type aggState struct {
	n          int64 // values seen (COUNT(property))
	nNum       int64 // numeric values seen (SUM, AVG)
	sum        float64
	minF, maxF float64
	hasF       bool
	minS, maxS string
	hasS       bool
}

func (s *aggState) add(v any) {
	s.n++
	if f, ok := number(v); ok {
		s.nNum++
		s.sum += f
		if !s.hasF || f < s.minF {
			s.minF = f
		}
		if !s.hasF || f > s.maxF {
			s.maxF = f
		}
		s.hasF = true
		return
	}
	if str, ok := v.(string); ok {
		if !s.hasS || str < s.minS {
			s.minS = str
		}
		if !s.hasS || str > s.maxS {
			s.maxS = str
		}
		s.hasS = true
	}
}

// value returns the aggregate's result for a group: COUNT(*) the group's items; COUNT(p) the values
// of p (each array element counts); SUM the sum of the numeric values (0 when none); AVG their mean;
// MIN/MAX the extreme numeric value, or the extreme string when there is no number. AVG, MIN and MAX
// of nothing are null.
func (g *group) value(s selItem, i int) any {
	st := &g.st[i]
	switch s.agg {
	case aggCount:
		if s.p == nil {
			return g.count
		}
		return st.n
	case aggSum:
		return st.sum
	case aggAvg:
		if st.nNum == 0 {
			return nil
		}
		return st.sum / float64(st.nNum)
	case aggMin:
		switch {
		case st.hasF:
			return st.minF
		case st.hasS:
			return st.minS
		}
	case aggMax:
		switch {
		case st.hasF:
			return st.maxF
		case st.hasS:
			return st.maxS
		}
	}
	return nil
}

// appendKey appends a type-tagged encoding of a GROUP BY value (numbers by value, so 1 and 1.0
// are one group).
func appendKey(dst []byte, v any) []byte {
	switch t := v.(type) {
	case string:
		dst = append(dst, 's')
		dst = append(dst, t...)
	case bool:
		if t {
			dst = append(dst, 't')
		} else {
			dst = append(dst, 'f')
		}
	default:
		f, _ := number(v)
		if f == 0 {
			f = 0 // -0 and 0 are one group
		}
		dst = append(dst, 'n')
		dst = appendNumber(dst, f)
	}
	return append(dst, 0)
}

// distinctScalars keeps the first occurrence of each scalar value of vals (in place).
func distinctScalars(vals []any) []any {
	out := vals[:0]
	for _, v := range vals {
		if _, ok := keyOf(v); !ok {
			continue
		}
		dup := false
		for _, w := range out {
			if sameScalar(v, w) {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, v)
		}
	}
	return out
}

func sameScalar(a, b any) bool {
	ka, _ := keyOf(a)
	kb, _ := keyOf(b)
	return ka.kind == kb.kind && ka.cmp(kb) == 0
}

// aggregateItems groups the matching items. An item joins one group per combination of its
// distinct values of the GROUP BY properties (a multi-valued property puts it in several groups);
// an item without a value for a GROUP BY property joins none. Groups come in the order their first
// item appears, then ORDER BY sorts them (stably).
func (q *Query) aggregateItems(src *source) []*group {
	index := map[string]int32{}
	strIndex := map[string]int32{}
	var groups []*group
	newGroup := func(vals []any) *group {
		g := &group{vals: vals, st: make([]aggState, len(q.sel))}
		groups = append(groups, g)
		return g
	}
	if len(q.groupBy) == 0 {
		newGroup(nil)
	}
	ng := len(q.groupBy)
	byProp := make([][]any, ng)
	argVals := make([][]any, len(q.sel))
	var key []byte
	combo := make([]int, ng)
	var codeGroup []int32
	var codes []uint32
	var one [1]uint32
	if ng == 1 && src.cols != nil {
		codeGroup = make([]int32, len(src.cols[q.groupBy[0].idx].dict)+1)
		for i := range codeGroup {
			codeGroup[i] = -1
		}
	}
	for it := range src.len() {
		if !src.has(it) || !src.match(q, it) {
			continue
		}
		if codeGroup != nil {
			// a Set's single GROUP BY column maps each dictionary code straight to its group
			col := src.cols[q.groupBy[0].idx]
			codes = distinctCodes(col.values(it, &one), codes[:0])
			if len(codes) == 0 {
				continue
			}
			q.argValues(src, it, argVals)
			for _, k := range codes {
				gi := codeGroup[k]
				if gi < 0 {
					gi = int32(len(groups))
					codeGroup[k] = gi
					newGroup([]any{col.dict[k-1]})
				}
				q.addTo(groups[gi], argVals)
			}
			continue
		}
		empty := false
		for j, p := range q.groupBy {
			byProp[j] = distinctScalars(src.leaves(byProp[j][:0], it, p))
			if len(byProp[j]) == 0 {
				empty = true
				break
			}
		}
		if empty {
			continue
		}
		q.argValues(src, it, argVals)
		clear(combo)
		for {
			var g *group
			str, isStr := "", false
			if ng == 1 {
				str, isStr = byProp[0][combo[0]].(string)
			}
			switch {
			case ng == 0:
				g = groups[0]
			case isStr:
				// one string GROUP BY value: its own map, no key to build
				if gi, ok := strIndex[str]; ok {
					g = groups[gi]
				} else {
					strIndex[str] = int32(len(groups))
					g = newGroup([]any{str})
				}
			default:
				key = key[:0]
				for j := range q.groupBy {
					key = appendKey(key, byProp[j][combo[j]])
				}
				if gi, ok := index[string(key)]; ok {
					g = groups[gi]
				} else {
					vals := make([]any, ng)
					for j := range vals {
						vals[j] = byProp[j][combo[j]]
					}
					index[string(key)] = int32(len(groups))
					g = newGroup(vals)
				}
			}
			q.addTo(g, argVals)
			// next combination of the multi-valued GROUP BY properties
			j := ng - 1
			for ; j >= 0; j-- {
				combo[j]++
				if combo[j] < len(byProp[j]) {
					break
				}
				combo[j] = 0
			}
			if j < 0 {
				break
			}
		}
	}
	if len(q.orderBy) > 0 && len(groups) > 1 {
		n := len(q.orderBy)
		keys := make(map[*group][]sortKey, len(groups))
		for _, g := range groups {
			ks := make([]sortKey, n)
			for j, o := range q.orderBy {
				ks[j] = q.groupSortKey(g, o)
			}
			keys[g] = ks
		}
		slices.SortStableFunc(groups, func(a, b *group) int { return q.compareKeys(keys[a], keys[b]) })
	}
	return groups
}

// argValues reads each aggregate's argument values of item it.
func (q *Query) argValues(src *source, it int, argVals [][]any) {
	for i, s := range q.sel {
		if s.agg != aggNone && s.p != nil {
			argVals[i] = src.leaves(argVals[i][:0], it, s.p)
		}
	}
}

// addTo counts one item into g.
func (q *Query) addTo(g *group, argVals [][]any) {
	g.count++
	for i, s := range q.sel {
		if s.agg != aggNone && s.p != nil {
			for _, v := range argVals[i] {
				g.st[i].add(v)
			}
		}
	}
}

// distinctCodes appends the distinct codes of codes to dst, in first-seen order.
func distinctCodes(codes, dst []uint32) []uint32 {
	for _, k := range codes {
		if !slices.Contains(dst, k) {
			dst = append(dst, k)
		}
	}
	return dst
}

func (q *Query) groupSortKey(g *group, o orderItem) sortKey {
	var v any
	if o.agg >= 0 {
		v = g.value(q.sel[o.agg], o.agg)
	} else {
		for j, p := range q.groupBy {
			if p.text == o.p.text {
				v = g.vals[j]
			}
		}
	}
	if k, ok := keyOf(v); ok {
		return k
	}
	return sortKey{kind: keyMissing}
}

// groupRow builds the row of one group: GROUP BY values nested as in the CI, aggregates under
// their names.
func (q *Query) groupRow(r *obj, g *group) {
	for i, s := range q.sel {
		if s.agg != aggNone {
			r.set(s.name, g.value(s, i))
			continue
		}
		for j, p := range q.groupBy {
			if p.text == s.p.text {
				r.set(p.segs[0], nest(p.segs, g.vals[j]))
			}
		}
	}
}
