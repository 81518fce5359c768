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
	docs  []map[string]any // position → item (nil for a free position)
	holes int

	colMu   sync.Mutex         // guards cols, dirty, isDirty and settling (taken with mu held, read or write)
	cols    map[string]*column // property path → column
	dirty   []int32            // positions changed since the columns were last brought up to date
	isDirty []bool             // position → listed in dirty

	loaders []func() (map[string]any, bool) // position → loader of an item not yet loaded
	pending []int32                         // positions with a loader
}

// NewSet returns an empty Set.
func NewSet() *Set {
	return &Set{slot: map[string]int32{}, cols: map[string]*column{}}
}

// Put adds or replaces the item of key. A replaced item keeps its position. doc must not be
// modified afterwards (put a new map instead).
func (s *Set) Put(key string, doc map[string]any) {
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
	if int(i) < len(s.loaders) {
		s.loaders[i] = nil
	}
	s.markDirty(i)
}

// PutFunc adds or replaces the item of key with one that load returns when a query, [Set.Items],
// [Set.Get] or [Set.Len] first needs it, so that recording a CI costs no conversion; load's ok
// false (an item advanced query does not see, as [Visible] reports it) removes the key then. load
// runs once, under the Set's locks: it must not call the Set.
func (s *Set) PutFunc(key string, load func() (doc map[string]any, ok bool)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, ok := s.slot[key]
	if !ok {
		i = int32(len(s.docs))
		s.slot[key] = i
		s.keys = append(s.keys, key)
		s.docs = append(s.docs, nil)
	}
	for len(s.loaders) <= int(i) {
		s.loaders = append(s.loaders, nil)
	}
	if s.loaders[i] == nil {
		s.pending = append(s.pending, i)
	}
	s.loaders[i] = load
	s.markDirty(i)
}

// settle loads the items put with PutFunc and brings the built columns up to date. Every read
// calls it first (with s.mu held for reading): the first read after changes does the work, the
// others wait for it on colMu, so no read overlaps these writes.
func (s *Set) settle() {
	for _, i := range s.pending {
		load := s.loaders[i]
		if load == nil {
			continue // replaced by Put or deleted since
		}
		s.loaders[i] = nil
		doc, ok := load()
		if ok && doc != nil {
			s.docs[i] = doc
			continue
		}
		delete(s.slot, s.keys[i])
		s.keys[i], s.docs[i] = "", nil
		s.holes++
	}
	s.pending = s.pending[:0]
	s.refresh()
}

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
	if int(i) < len(s.loaders) {
		s.loaders[i] = nil
	}
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
	var pending []int32
	for i, d := range s.docs {
		var load func() (map[string]any, bool)
		if i < len(s.loaders) {
			load = s.loaders[i]
		}
		if d == nil && load == nil {
			continue // a free position
		}
		s.docs[n], s.keys[n] = d, s.keys[i]
		s.slot[s.keys[n]] = int32(n)
		if n < len(s.loaders) {
			s.loaders[n] = load
		}
		if load != nil {
			pending = append(pending, int32(n))
		}
		n++
	}
	clear(s.docs[n:])
	if len(s.loaders) > n {
		clear(s.loaders[n:])
		s.loaders = s.loaders[:n]
	}
	s.docs, s.keys, s.holes, s.pending = s.docs[:n], s.keys[:n], 0, pending
	s.cols, s.dirty, s.isDirty = map[string]*column{}, nil, nil
}

// Len returns the number of items.
func (s *Set) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	s.colMu.Lock()
	s.settle()
	s.colMu.Unlock()
	return len(s.slot)
}

// Get returns the item of key.
func (s *Set) Get(key string) (map[string]any, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	s.colMu.Lock()
	s.settle()
	s.colMu.Unlock()
	i, ok := s.slot[key]
	if !ok {
		return nil, false
	}
	return s.docs[i], true
}

// Items returns the items in the Set's order.
func (s *Set) Items() []map[string]any {
	s.mu.RLock()
	defer s.mu.RUnlock()
	s.colMu.Lock()
	s.settle()
	s.colMu.Unlock()
	out := make([]map[string]any, 0, len(s.slot))
	for _, d := range s.docs {
		if d != nil {
			out = append(out, d)
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
	src.docs = s.docs
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
func (c *column) set(i int, doc map[string]any) {
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

func (c *column) encode(doc map[string]any) uint32 {
	if doc == nil {
		return 0
	}
	vals := leaves(c.scratch[:0], doc, c.segs)
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
