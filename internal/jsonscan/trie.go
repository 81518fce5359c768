package jsonscan

// Node is one step of a path trie: the tree of the JSON paths an engine reads, which a scanner
// walks beside the document so that it descends only where some path leads and skips the rest.
// Edges are object member names, array indexes, "any member" and "any element"; P is the engine's
// payload (the event-pattern engine keeps field ids there, the Logs engine the selectors that end
// at the node).
//
// Build the trie with the Add methods, call [Node.Seal] on the root once, then share it: a sealed
// trie is only read, so any number of goroutines may walk it.
type Node[P any] struct {
	// Value is the engine's payload.
	Value P

	names    []string
	kids     []*Node[P]
	byName   map[string]*Node[P] // built by Seal when there are many names
	indexes  []int
	idxKids  []*Node[P]
	anyName  *Node[P]
	anyIndex *Node[P]
}

// mapThreshold is the number of member names above which Seal builds a map: linear search over a
// few short strings is faster than hashing.
const mapThreshold = 8

// AddName returns the child of n for the member name, adding it if needed.
func (n *Node[P]) AddName(name string) *Node[P] {
	for i, s := range n.names {
		if s == name {
			return n.kids[i]
		}
	}
	c := &Node[P]{}
	n.names = append(n.names, name)
	n.kids = append(n.kids, c)
	return c
}

// AddIndex returns the child of n for array index i, adding it if needed.
func (n *Node[P]) AddIndex(i int) *Node[P] {
	for k, x := range n.indexes {
		if x == i {
			return n.idxKids[k]
		}
	}
	c := &Node[P]{}
	n.indexes = append(n.indexes, i)
	n.idxKids = append(n.idxKids, c)
	return c
}

// AddAnyName returns the child of n that every member name leads to, adding it if needed.
func (n *Node[P]) AddAnyName() *Node[P] {
	if n.anyName == nil {
		n.anyName = &Node[P]{}
	}
	return n.anyName
}

// AddAnyIndex returns the child of n that every array element leads to, adding it if needed.
func (n *Node[P]) AddAnyIndex() *Node[P] {
	if n.anyIndex == nil {
		n.anyIndex = &Node[P]{}
	}
	return n.anyIndex
}

// Seal prepares the trie below n for reading (it indexes wide nodes by name). Call it once, after
// the last Add.
func (n *Node[P]) Seal() {
	n.Walk(func(m *Node[P]) {
		if len(m.names) > mapThreshold {
			m.byName = make(map[string]*Node[P], len(m.names))
			for i, s := range m.names {
				m.byName[s] = m.kids[i]
			}
		}
	})
}

// Walk calls fn for n and every node below it, parents before children, children in the order
// they were added (names, then indexes, then any name, then any index).
func (n *Node[P]) Walk(fn func(*Node[P])) {
	fn(n)
	for _, k := range n.kids {
		k.Walk(fn)
	}
	for _, k := range n.idxKids {
		k.Walk(fn)
	}
	if n.anyName != nil {
		n.anyName.Walk(fn)
	}
	if n.anyIndex != nil {
		n.anyIndex.Walk(fn)
	}
}

// Name returns the child of n for the member name, or nil.
func (n *Node[P]) Name(name string) *Node[P] {
	if n.byName != nil {
		return n.byName[name]
	}
	for i, s := range n.names {
		if s == name {
			return n.kids[i]
		}
	}
	return nil
}

// NameBytes is [Node.Name] for a name held in a byte slice (it does not allocate).
func (n *Node[P]) NameBytes(name []byte) *Node[P] {
	if n.byName != nil {
		return n.byName[string(name)]
	}
	for i, s := range n.names {
		if s == string(name) {
			return n.kids[i]
		}
	}
	return nil
}

// Index returns the child of n for array index i, or nil.
func (n *Node[P]) Index(i int) *Node[P] {
	for k, x := range n.indexes {
		if x == i {
			return n.idxKids[k]
		}
	}
	return nil
}

// AnyName returns the child every member name leads to, or nil.
func (n *Node[P]) AnyName() *Node[P] { return n.anyName }

// AnyIndex returns the child every array element leads to, or nil.
func (n *Node[P]) AnyIndex() *Node[P] { return n.anyIndex }

// HasIndexes reports whether some edge of n is an array index or "any element".
func (n *Node[P]) HasIndexes() bool { return len(n.indexes) > 0 || n.anyIndex != nil }
