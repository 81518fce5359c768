package query

import "sync"

// Set is a mutable collection of query-visible items keyed by the service's resource key (for
// example resourceType + "/" + resourceId), kept in the order keys were first put. Queries run over
// a Set through [Set.Select], [Set.Rows] and [Set.Count]; a Set answers exactly what the same
// queries answer over [Set.Items], but much faster when queries repeat: the first query that reads
// a property builds a column for it (each item's value, dictionary-encoded), and later queries scan
// the columns instead of the maps. [Set.Put] and [Set.Delete] cost a map update and a note of the
// changed position; the next query brings the built columns up to date for the changed positions
// only, so recording pays nothing for columns and a query pays for what changed since the last one.
// It is safe for concurrent use; queries run under a read lock.
type Set struct {
	mu    sync.RWMutex
	slot  map[string]int32 // key → position in docs
	keys  []string         // position → key ("" for a free position)
	docs  []Doc            // position → item (nil for a free position)
	holes int

	colMu   sync.Mutex         // guards cols, dirty and isDirty (taken with mu held, read or write)
	cols    map[string]*column // property path → column
	dirty   []int32            // positions changed since the columns were last brought up to date
	isDirty []bool             // position → listed in dirty
}

// Doc is an item of a [Set] that is read on demand rather than held as a map: a service keeps its
// items in its own form and converts only what a query reads. The methods must agree with Map(),
// the item's query-visible form (see the package doc): Leaves(dst, p) appends exactly what a
// query reads at the property path p (its segments) of Map() — the scalar values, crossing arrays
// element by element, in order ([Leaves] of Map()) — and Member(k) is Map()[k]. They run under the Set's locks (and must not call the
// Set), and an item must not change once put (put a new Doc instead).
type Doc interface {
	Leaves(dst []any, segs []string) []any
	// Member returns Map()[key] (what a rendered row reads).
	Member(key string) (any, bool)
	Map() map[string]any
}

// mapDoc is an item put as a ready map.
type mapDoc map[string]any

func (m mapDoc) Leaves(dst []any, segs []string) []any { return leaves(dst, map[string]any(m), segs) }
func (m mapDoc) Member(key string) (any, bool)         { v, ok := m[key]; return v, ok }
func (m mapDoc) Map() map[string]any                   { return m }

// Leaves appends the scalar values of v (a decoded JSON value) at the property path segs, crossing
// arrays: what a query reads there. It is the reference a [Doc] agrees with.
func Leaves(dst []any, v any, segs []string) []any { return leaves(dst, v, segs) }

// NewSet returns an empty Set.
func NewSet() *Set {
	return &Set{slot: map[string]int32{}, cols: map[string]*column{}}
}

// Put adds or replaces the item of key. A replaced item keeps its position. doc must not be
// modified afterwards (put a new map instead). A nil doc deletes the item.
func (s *Set) Put(key string, doc map[string]any) {
	if doc == nil {
		s.Delete(key)
		return
	}
	s.PutDoc(key, mapDoc(doc))
}

// PutDoc adds or replaces the item of key with one read through its [Doc] methods when a query
// needs it: the first query on a property converts each item's value there and nothing else. A nil
// doc deletes the item.
func (s *Set) PutDoc(key string, doc Doc) {
	if doc == nil {
		s.Delete(key)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	i, ok := s.slot[key]
	if !ok {
		i = int32(len(s.docs))
		s.slot[key] = i
		s.keys = append(s.keys, key)
		s.docs = append(s.docs, doc)
	} else {
		s.docs[i] = doc
	}
	s.markDirty(i)
}

// settle brings the built columns up to date. Every read calls it first (with s.mu held for
// reading and s.colMu held): the first read after changes does the work, the others wait for it
// on colMu, so no read overlaps these writes.
func (s *Set) settle() { s.refresh() }

// markDirty notes that position i changed; s.mu is held for writing.
func (s *Set) markDirty(i int32) {
	if len(s.cols) == 0 {
		return // no column to bring up to date
	}
	for len(s.isDirty) <= int(i) {
		s.isDirty = append(s.isDirty, false)
	}
	if !s.isDirty[i] {
		s.isDirty[i] = true
		s.dirty = append(s.dirty, i)
	}
}

// refresh brings every built column up to date for the changed positions; s.colMu is held.
func (s *Set) refresh() {
	for _, i := range s.dirty {
		s.isDirty[i] = false
		for _, c := range s.cols {
			c.set(int(i), s.docs[i])
		}
	}
	s.dirty = s.dirty[:0]
}

// Delete removes the item of key (nothing when there is none).
func (s *Set) Delete(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, ok := s.slot[key]
	if !ok {
		return
	}
	delete(s.slot, key)
	s.keys[i], s.docs[i] = "", nil
	s.holes++
	s.markDirty(i)
	if s.holes > 1024 && s.holes > len(s.docs)/2 {
		s.compact()
	}
}

// compact drops the free positions (keeping the order) and the columns, which the next queries
// rebuild. s.mu is held for writing.
func (s *Set) compact() {
	n := 0
	for i, d := range s.docs {
		if d == nil {
			continue // a free position
		}
		s.docs[n], s.keys[n] = d, s.keys[i]
		s.slot[s.keys[n]] = int32(n)
		n++
	}
	clear(s.docs[n:])
	s.docs, s.keys, s.holes = s.docs[:n], s.keys[:n], 0
	s.cols, s.dirty, s.isDirty = map[string]*column{}, nil, nil
}

// Len returns the number of items.
func (s *Set) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.slot)
}

// Get returns the item of key in its query-visible form.
func (s *Set) Get(key string) (map[string]any, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	i, ok := s.slot[key]
	if !ok || s.docs[i] == nil {
		return nil, ok
	}
	return s.docs[i].Map(), true
}

// Items returns the items in the Set's order, in their query-visible form.
func (s *Set) Items() []map[string]any {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]map[string]any, 0, len(s.slot))
	for _, d := range s.docs {
		if d != nil {
			out = append(out, d.Map())
		}
	}
	return out
}

// Select is [Query.Select] over the Set's items.
func (s *Set) Select(q *Query, limit int32, nextToken string) (*Page, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return q.selectFrom(s.source(q), limit, nextToken)
}

// Rows is [Query.Rows] over the Set's items.
func (s *Set) Rows(q *Query) []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return q.rowsFrom(s.source(q))
}

// Count is [Query.Count] over the Set's items.
func (s *Set) Count(q *Query) int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return q.run(s.source(q), -1).len()
}

// source returns the columns q reads, building missing ones, and the per-query tables of which
// dictionary values satisfy each WHERE predicate. s.mu is held for reading.
func (s *Set) source(q *Query) *source {
	src := &source{cols: make([]*column, len(q.allPaths)), pass: make([][]bool, len(q.preds))}
	s.colMu.Lock()
	// the first query after changes loads items and updates the columns; queries holding the read
	// lock at the same time wait here, so none reads a column or an item while it is written
	s.settle()
	src.set = s.docs
	for i, p := range q.allPaths {
		c, ok := s.cols[p.text]
		if !ok {
			if len(s.cols) >= maxColumns {
				// bound the memory of ad-hoc paths: start over; the columns in use stay valid
				// (nothing is dirty: refresh ran above)
				s.cols = map[string]*column{}
			}
			c = newColumn(p.segs)
			for j, d := range s.docs {
				c.set(j, d)
			}
			s.cols[p.text] = c
		}
		src.cols[i] = c
	}
	s.colMu.Unlock()
	// columns are written only inside colMu, by the first query after changes (above), and never while
	// another query holding the read lock reads them: reading them now is safe
	for i, pr := range q.preds {
		c := src.cols[pr.p.idx]
		pass := make([]bool, len(c.dict)+1)
		for k, v := range c.dict {
			pass[k+1] = pr.test(v)
		}
		src.pass[i] = pass
	}
	return src
}

// maxColumns bounds the columns a Set keeps (one per distinct property path queried).
const maxColumns = 256

// codeMulti marks a code that stands for several values: code &^ codeMulti indexes column.spans,
// which locate the values' codes in column.multi.
const codeMulti = 1 << 31

// column is one property of every item: code[i] is 0 when item i has no scalar value there,
// 1 + the index in dict of its value when it has one, and codeMulti | a span index when the path
// crosses arrays and reaches several (each array element's value, duplicates kept, in order).
type column struct {
	segs    []string
	code    []uint32
	dict    []any
	idx     map[dictKey]uint32
	spans   []span
	multi   []uint32
	garbage int   // codes in multi no item refers to any more
	scratch []any // leaves buffer for encode
}

// span locates one item's codes in column.multi.
type span struct{ off, n uint32 }

// dictKey identifies a scalar value as comparisons see it (numbers by value).
type dictKey struct {
	kind uint8
	s    string
	f    float64
}

func newColumn(segs []string) *column {
	return &column{segs: segs, idx: map[dictKey]uint32{}}
}

// set records the value of item i (nil: no item).
func (c *column) set(i int, doc Doc) {
	for len(c.code) <= i {
		c.code = append(c.code, 0)
	}
	if old := c.code[i]; old&codeMulti != 0 {
		c.garbage += int(c.spans[old&^codeMulti].n)
	}
	c.code[i] = c.encode(doc)
	if c.garbage > 4096 && c.garbage > len(c.multi)/2 {
		c.compactMulti()
	}
}

// values returns the codes of item i's values (nil when it has none).
func (c *column) values(i int, one *[1]uint32) []uint32 {
	code := c.code[i]
	switch {
	case code == 0:
		return nil
	case code&codeMulti != 0:
		sp := c.spans[code&^codeMulti]
		return c.multi[sp.off : sp.off+sp.n]
	}
	one[0] = code
	return one[:]
}

func (c *column) dictCode(v any) uint32 {
	k, _ := keyOf(v)
	if k.kind == 1 && k.f == 0 {
		k.f = 0 // -0 and 0 are one value
	}
	dk := dictKey{kind: k.kind, s: k.s, f: k.f}
	code, ok := c.idx[dk]
	if !ok {
		c.dict = append(c.dict, v)
		code = uint32(len(c.dict))
		c.idx[dk] = code
	}
	return code
}

func (c *column) encode(doc Doc) uint32 {
	if doc == nil {
		return 0
	}
	vals := doc.Leaves(c.scratch[:0], c.segs)
	c.scratch = vals[:0]
	switch len(vals) {
	case 0:
		return 0
	case 1:
		return c.dictCode(vals[0])
	}
	sp := span{off: uint32(len(c.multi)), n: uint32(len(vals))}
	for _, v := range vals {
		c.multi = append(c.multi, c.dictCode(v))
	}
	c.spans = append(c.spans, sp)
	return codeMulti | uint32(len(c.spans)-1)
}

// compactMulti drops the codes and spans of replaced items.
func (c *column) compactMulti() {
	var multi []uint32
	var spans []span
	for i, code := range c.code {
		if code&codeMulti == 0 {
			continue
		}
		sp := c.spans[code&^codeMulti]
		spans = append(spans, span{off: uint32(len(multi)), n: sp.n})
		multi = append(multi, c.multi[sp.off:sp.off+sp.n]...)
		c.code[i] = codeMulti | uint32(len(spans)-1)
	}
	c.multi, c.spans, c.garbage = multi, spans, 0
}

// source is what a query runs over: an item slice (docs), or a Set's items (set: nil entries are
// free positions and are skipped) with one column per path of the query and, per WHERE
// predicate, which dictionary values satisfy it.
type source struct {
	docs []map[string]any
	set  []Doc
	cols []*column // indexed by path.idx; nil for a plain item slice
	pass [][]bool  // indexed by cond.leaf
}

// len returns the number of positions.
func (s *source) len() int {
	if s.cols == nil {
		return len(s.docs)
	}
	return len(s.set)
}

// has reports whether position i holds an item.
func (s *source) has(i int) bool {
	if s.cols == nil {
		return s.docs[i] != nil
	}
	return s.set[i] != nil
}

// item returns the item at position i, read member by member for the rows rendered.
func (s *source) item(i int) Doc {
	if s.cols == nil {
		return mapDoc(s.docs[i])
	}
	return s.set[i]
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
