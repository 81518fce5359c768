package eventpattern

import "strings"

// trieNode is one step of the tree of field paths the patterns of a matcher use. Paths are split on
// '.', so the pattern keys "detail.a" and {"detail":{"a":…}} and the event keys "detail.a" and
// {"detail":{"a":…}} all lead to the same node (spec §2.1, dotted keys).
type trieNode struct {
	names    []string // child segment names (linear search when few)
	kids     []*trieNode
	byName   map[string]*trieNode // built when there are many children
	field    int32                // field id, or -1 when no pattern names this exact path
	subtree  []int32              // every field id at or below this node
	anyField bool
}

const trieMapThreshold = 8

func newTrieNode() *trieNode { return &trieNode{field: -1} }

func (n *trieNode) child(name []byte) *trieNode {
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

func (n *trieNode) add(name string) *trieNode {
	for i, s := range n.names {
		if s == name {
			return n.kids[i]
		}
	}
	c := newTrieNode()
	n.names = append(n.names, name)
	n.kids = append(n.kids, c)
	return c
}

// lookup finds the node for an event key below n, splitting a dotted key into its segments.
func (n *trieNode) lookup(key []byte) *trieNode {
	if c := n.child(key); c != nil {
		return c
	}
	if !containsDot(key) {
		return nil
	}
	cur := n
	for {
		i := indexDot(key)
		if i < 0 {
			return cur.child(key)
		}
		cur = cur.child(key[:i])
		if cur == nil {
			return nil
		}
		key = key[i+1:]
	}
}

func containsDot(b []byte) bool { return indexDot(b) >= 0 }

func indexDot(b []byte) int {
	for i, c := range b {
		if c == '.' {
			return i
		}
	}
	return -1
}

// buildTrie builds the path tree for the given field paths; field i gets id i.
func buildTrie(paths []string) *trieNode {
	root := newTrieNode()
	for id, p := range paths {
		n := root
		for _, seg := range strings.Split(p, ".") {
			n = n.add(seg)
		}
		n.field = int32(id)
	}
	var finish func(n *trieNode) []int32
	finish = func(n *trieNode) []int32 {
		var all []int32
		if n.field >= 0 {
			all = append(all, n.field)
		}
		for _, k := range n.kids {
			all = append(all, finish(k)...)
		}
		if len(n.names) > trieMapThreshold {
			n.byName = make(map[string]*trieNode, len(n.names))
			for i, s := range n.names {
				n.byName[s] = n.kids[i]
			}
		}
		n.subtree = all
		n.anyField = len(all) > 0
		return all
	}
	finish(root)
	return root
}
