package query

import (
	"cmp"
	"slices"
	"strings"
)

// topLevelScalars are the properties SELECT * returns ("The SELECT all columns shorthand (that is
// SELECT *) selects only the top-level, scalar properties of a CI", DG querying-AWS-resources).
func topLevelScalars() [10]string {
	return [10]string{"accountId", "awsRegion", "arn", "availabilityZone", "configurationItemCaptureTime",
		"resourceCreationTime", "resourceId", "resourceName", "resourceType", "version"}
}

// sortKey is one ORDER BY value of a row. Across types the order is boolean < number < string;
// a row without the property sorts last in either direction.
type sortKey struct {
	kind uint8 // 0 bool, 1 number, 2 string, 3 missing
	f    float64
	s    string
}

const keyMissing = 3

func keyOf(v any) (sortKey, bool) {
	switch t := v.(type) {
	case bool:
		f := 0.0
		if t {
			f = 1
		}
		return sortKey{kind: 0, f: f}, true
	case string:
		return sortKey{kind: 2, s: t}, true
	}
	if f, ok := number(v); ok {
		return sortKey{kind: 1, f: f}, true
	}
	return sortKey{}, false
}

func (a sortKey) cmp(b sortKey) int {
	if a.kind != b.kind {
		return int(a.kind) - int(b.kind)
	}
	if a.kind == 2 {
		return strings.Compare(a.s, b.s)
	}
	return cmp.Compare(a.f, b.f)
}

// leaves appends the scalar values (strings, numbers, booleans) found at segs under v, fanning out
// over arrays. The values are the item's own interface values: nothing is allocated for them.
func leaves(dst []any, v any, segs []string) []any {
	for {
		switch t := v.(type) {
		case map[string]any:
			if len(segs) == 0 {
				return dst
			}
			var ok bool
			if v, ok = t[segs[0]]; !ok {
				return dst
			}
			segs = segs[1:]
			continue
		case []any:
			for _, e := range t {
				dst = leaves(dst, e, segs)
			}
			return dst
		case nil:
			return dst
		}
		if len(segs) > 0 {
			return dst
		}
		return append(dst, v)
	}
}

// pick returns the ORDER BY key of one row for a possibly multi-valued property: the smallest value
// ascending, the largest descending.
func pick(vals []any, desc bool) sortKey {
	best := sortKey{kind: keyMissing}
	for _, v := range vals {
		k, ok := keyOf(v)
		if !ok {
			continue
		}
		if best.kind == keyMissing || (!desc && k.cmp(best) < 0) || (desc && k.cmp(best) > 0) {
			best = k
		}
	}
	return best
}

// compareKeys orders two rows by their ORDER BY keys.
func (q *Query) compareKeys(a, b []sortKey) int {
	for i, o := range q.orderBy {
		ka, kb := a[i], b[i]
		if ka.kind == keyMissing || kb.kind == keyMissing {
			if ka.kind != kb.kind {
				if ka.kind == keyMissing {
					return 1
				}
				return -1
			}
			continue
		}
		c := ka.cmp(kb)
		if o.desc {
			c = -c
		}
		if c != 0 {
			return c
		}
	}
	return 0
}

// outcome is the ordered result of a query over one item set, before paging.
type outcome struct {
	q      *Query
	src    *source
	rows   []int32  // non-aggregate: indices of the matching items, in result order
	groups []*group // aggregate: the groups, in result order
	more   bool     // rows holds only the first rows: more rows exist
}

func (o *outcome) len() int {
	if o.q.aggregate {
		return len(o.groups)
	}
	return len(o.rows)
}

// row renders row i as the JSON string SelectResourceConfig returns.
func (o *outcome) row(i int, buf []byte) string {
	var r obj
	if o.q.aggregate {
		o.q.groupRow(&r, o.groups[i])
	} else {
		o.q.itemRow(&r, o.src.item(int(o.rows[i])))
	}
	return string(appendJSON(buf[:0], &r))
}

// itemRow builds the row of one item: the selected properties, nested as in the CI.
func (q *Query) itemRow(r *obj, item Doc) {
	for _, s := range q.sel {
		if s.star {
			for _, k := range topLevelScalars() {
				if v, ok := item.Member(k); ok {
					r.set(k, v)
				}
			}
			continue
		}
		v, ok := item.Member(s.p.segs[0])
		if !ok {
			continue
		}
		if pv, ok := project(v, s.p.segs[1:]); ok {
			r.set(s.p.segs[0], pv)
		}
	}
}

// run filters, groups and orders. When the query neither groups nor orders, the scan stops once
// `need` rows are found (need < 0: all rows).
func (q *Query) run(src *source, need int) *outcome {
	o := &outcome{q: q, src: src}
	if q.aggregate {
		o.groups = q.aggregateItems(src)
		return o
	}
	early := need >= 0 && len(q.orderBy) == 0
	for i := range src.len() {
		if !src.has(i) || !src.match(q, i) {
			continue
		}
		if early && len(o.rows) == need {
			o.more = true
			break
		}
		o.rows = append(o.rows, int32(i))
	}
	if len(q.orderBy) == 0 || len(o.rows) < 2 {
		return o
	}
	n := len(q.orderBy)
	keys := make([]sortKey, len(o.rows)*n)
	var scratch []any
	for r, idx := range o.rows {
		for j, ob := range q.orderBy {
			scratch = src.leaves(scratch[:0], int(idx), ob.p)
			keys[r*n+j] = pick(scratch, ob.desc)
		}
	}
	// position r sorts before position s when its keys do, or on equal keys when it comes first
	less := func(r, s int32) bool {
		c := q.compareKeys(keys[int(r)*n:int(r)*n+n], keys[int(s)*n:int(s)*n+n])
		return c < 0 || c == 0 && r < s
	}
	var perm []int32
	if need >= 0 && need < len(o.rows) {
		// only the first `need` rows are rendered: keep them in a bounded max-heap
		o.more = true
		perm = topK(int32(len(o.rows)), need, less)
	} else {
		perm = make([]int32, len(o.rows))
		for i := range perm {
			perm[i] = int32(i)
		}
	}
	slices.SortFunc(perm, func(a, b int32) int {
		if less(a, b) {
			return -1
		}
		if less(b, a) {
			return 1
		}
		return 0
	})
	sorted := make([]int32, len(perm))
	for i, p := range perm {
		sorted[i] = o.rows[p]
	}
	o.rows = sorted
	return o
}

// topK returns the k least of the positions 0..n-1 under less (unordered), keeping a max-heap of
// the best k seen: O(n log k), and close to n comparisons when most positions lose at once.
func topK(n int32, k int, less func(a, b int32) bool) []int32 {
	h := make([]int32, 0, k)
	down := func(i int) {
		for {
			l := 2*i + 1
			if l >= len(h) {
				return
			}
			m := l
			if r := l + 1; r < len(h) && less(h[l], h[r]) {
				m = r
			}
			if !less(h[i], h[m]) {
				return
			}
			h[i], h[m] = h[m], h[i]
			i = m
		}
	}
	for p := range n {
		if len(h) < k {
			h = append(h, p)
			for i := len(h) - 1; i > 0; {
				parent := (i - 1) / 2
				if !less(h[parent], h[i]) {
					break
				}
				h[parent], h[i] = h[i], h[parent]
				i = parent
			}
			continue
		}
		if k > 0 && less(p, h[0]) {
			h[0] = p
			down(0)
		}
	}
	return h
}

// Rows returns every result row of the query over items, in result order, as the JSON strings
// SelectResourceConfig returns (no paging). items are CIs in the query-visible form.
func (q *Query) Rows(items []map[string]any) []string {
	return q.rowsFrom(&source{docs: items})
}

func (q *Query) rowsFrom(src *source) []string {
	o := q.run(src, -1)
	out := make([]string, o.len())
	var buf []byte
	for i := range out {
		out[i] = o.row(i, buf)
	}
	return out
}

// Count returns the number of result rows of the query over items (without rendering them).
func (q *Query) Count(items []map[string]any) int {
	return q.run(&source{docs: items}, -1).len()
}
