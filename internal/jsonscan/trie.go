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

	names    []nameEdge[P]
	byName   map[string]*Node[P] // built by Seal when there are many names
	indexes  []indexEdge[P]
	anyName  *Node[P]
	anyIndex *Node[P]
	slab     *slab[P] // where the nodes of this trie are allocated, shared by all of them
}

// nameEdge leads from a node to its child for one member name.
type nameEdge[P any] struct {
	name string
	kid  *Node[P]
}

// indexEdge leads from a node to its child for one array index.
type indexEdge[P any] struct {
	index int
	kid   *Node[P]
}

// slab hands out the nodes of one trie from blocks, so that building a trie costs one allocation
// per slabSize nodes rather than one per node.
type slab[P any] struct {
	free  []Node[P]
	first [slabSize]Node[P] // the first block, allocated with the slab
}

const slabSize = 8

// newNode returns a new node of n's trie.
func (n *Node[P]) newNode() *Node[P] {
	if n.slab == nil {
		n.slab = &slab[P]{}
		n.slab.free = n.slab.first[:]
	}
	sl := n.slab
	if len(sl.free) == 0 {
		sl.free = make([]Node[P], slabSize)
	}
	c := &sl.free[0]
	sl.free = sl.free[1:]
	c.slab = sl
	return c
}

// mapThreshold is the number of member names above which Seal builds a map: linear search over a
// few short strings is faster than hashing.
const mapThreshold = 8

// AddName returns the child of n for the member name, adding it if needed.
func (n *Node[P]) AddName(name string) *Node[P] {
	for _, e := range n.names {
		if e.name == name {
			return e.kid
		}
	}
	c := n.newNode()
	n.names = append(n.names, nameEdge[P]{name, c})
	return c
}

// AddIndex returns the child of n for array index i, adding it if needed.
func (n *Node[P]) AddIndex(i int) *Node[P] {
	for _, e := range n.indexes {
		if e.index == i {
			return e.kid
		}
	}
	c := n.newNode()
	n.indexes = append(n.indexes, indexEdge[P]{i, c})
	return c
}

// AddAnyName returns the child of n that every member name leads to, adding it if needed.
func (n *Node[P]) AddAnyName() *Node[P] {
	if n.anyName == nil {
		n.anyName = n.newNode()
	}
	return n.anyName
}

// AddAnyIndex returns the child of n that every array element leads to, adding it if needed.
func (n *Node[P]) AddAnyIndex() *Node[P] {
	if n.anyIndex == nil {
		n.anyIndex = n.newNode()
	}
	return n.anyIndex
}

// Seal prepares the trie below n for reading (it indexes wide nodes by name). Call it once, after
// the last Add.
func (n *Node[P]) Seal() {
	n.Walk(func(m *Node[P]) {
		if len(m.names) > mapThreshold {
			m.byName = make(map[string]*Node[P], len(m.names))
			for _, e := range m.names {
				m.byName[e.name] = e.kid
			}
		}
	})
}

// Walk calls fn for n and every node below it, parents before children, children in the order
// they were added (names, then indexes, then any name, then any index).
func (n *Node[P]) Walk(fn func(*Node[P])) {
	fn(n)
	for _, e := range n.names {
		e.kid.Walk(fn)
	}
	for _, e := range n.indexes {
		e.kid.Walk(fn)
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
	for i := range n.names {
		if n.names[i].name == name {
			return n.names[i].kid
		}
	}
	return nil
}

// NameBytes is [Node.Name] for a name held in a byte slice (it does not allocate).
func (n *Node[P]) NameBytes(name []byte) *Node[P] {
	if n.byName != nil {
		return n.byName[string(name)]
	}
	for i := range n.names {
		if n.names[i].name == string(name) {
			return n.names[i].kid
		}
	}
	return nil
}

// Index returns the child of n for array index i, or nil.
func (n *Node[P]) Index(i int) *Node[P] {
	for k := range n.indexes {
		if n.indexes[k].index == i {
			return n.indexes[k].kid
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
