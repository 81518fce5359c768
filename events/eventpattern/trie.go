package eventpattern

import (
	"strings"

	"github.com/watchsim/watchsim/internal/jsonscan"
)

// trieNode is one step of the tree of field paths the patterns of a matcher use (the shared path
// trie of internal/jsonscan with this engine's payload). Paths are split on '.', so the pattern keys
// "detail.a" and {"detail":{"a":…}} and the event keys "detail.a" and {"detail":{"a":…}} all lead
// to the same node: a dotted key and nested objects name the same field ("Event patterns" in the
// Amazon EventBridge User Guide matches on the event's structure, and event-ruler joins path
// steps with '.').
type trieNode = jsonscan.Node[fieldSet]

// fieldSet is what a trie node knows of the fields at and below it.
type fieldSet struct {
	named    bool    // some pattern names this exact path: field is its id
	field    int32   // the field id of this path when named
	subtree  []int32 // every field id at or below this node
	anyField bool    // subtree is not empty
}

// lookup finds the node for an event key below n, splitting a dotted key into its segments.
func lookup(n *trieNode, key []byte) *trieNode {
	if c := n.NameBytes(key); c != nil {
		return c
	}
	i := indexDot(key)
	if i < 0 {
		return nil
	}
	cur := n
	for {
		cur = cur.NameBytes(key[:i])
		if cur == nil {
			return nil
		}
		key = key[i+1:]
		if i = indexDot(key); i < 0 {
			return cur.NameBytes(key)
		}
	}
}

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
	root := &trieNode{}
	for id, p := range paths {
		n := root
		n.Value.subtree = append(n.Value.subtree, int32(id))
		for seg := range strings.SplitSeq(p, ".") {
			n = n.AddName(seg)
			n.Value.subtree = append(n.Value.subtree, int32(id))
		}
		n.Value.named, n.Value.field = true, int32(id)
	}
	root.Walk(func(n *trieNode) { n.Value.anyField = len(n.Value.subtree) > 0 })
	root.Seal()
	return root
}
