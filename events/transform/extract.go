package transform

import (
	"github.com/watchsim/watchsim/internal/jsonscan"
)

// term is the payload of a node of the path trie: the variables whose path ends at the node, and
// whether any path goes further (so the walker knows whether to descend).
type term struct {
	vars []int
	kids bool
}

// trie is the compiled set of paths one shaper reads from each event: the paths of the
// variables its template uses, the envelope fields aws.events.event needs, or the InputPath.
// Apply reads every variable in one pass over the event, descending only where some path leads.
type trie struct {
	root  *jsonscan.Node[term]
	empty bool // no path: nothing to read
}

// newTrie returns an empty trie.
func newTrie() trie { return trie{root: &jsonscan.Node[term]{}, empty: true} }

// add files path p for variable v. A path that never matches is not filed.
func (t *trie) add(p path, v int) {
	if p.never {
		return
	}
	t.empty = false
	n := t.root
	for _, s := range p.steps {
		n.Value.kids = true
		switch s.kind {
		case stepName:
			n = n.AddName(s.name)
		case stepIndex:
			n = n.AddIndex(s.index)
		case stepAnyName:
			n = n.AddAnyName()
		case stepAnyIndex:
			n = n.AddAnyIndex()
		}
	}
	n.Value.vars = append(n.Value.vars, v)
}

// hit is one value a variable's path reached: the event bytes [start, end).
type hit struct {
	v, start, end int
}

// maxDepth bounds how deep the walker follows the trie (the paths' own depth bounds it already;
// this guards against hostile paths of thousands of steps).
const maxDepth = 1000

// walker reads one event along a trie and records the hits in document order.
type walker struct {
	s    []byte
	hits []hit
	key  []byte // scratch for unescaped member names
	bad  bool   // the event is malformed where a path led
}

// walk reads the value at s[i] (i at its first byte) under node n and returns the index after it.
func (w *walker) walk(i int, n *jsonscan.Node[term], depth int) int {
	s := w.s
	if i >= len(s) {
		w.bad = true
		return i
	}
	var end int
	switch {
	case n.Value.kids && depth < maxDepth && s[i] == '{':
		end = w.object(i, n, depth)
	case n.Value.kids && depth < maxDepth && s[i] == '[':
		end = w.array(i, n, depth)
	default:
		e, f := jsonscan.Skip(s, i)
		if f != jsonscan.NoFault || e == i {
			w.bad = true
			return len(s)
		}
		end = e
	}
	for _, v := range n.Value.vars {
		w.hits = append(w.hits, hit{v: v, start: i, end: end})
	}
	return end
}

// object reads the object at s[i] under n.
func (w *walker) object(i int, n *jsonscan.Node[term], depth int) int {
	s := w.s
	i = jsonscan.SkipSpace(s, i+1)
	if i < len(s) && s[i] == '}' {
		return i + 1
	}
	for {
		if i >= len(s) || s[i] != '"' {
			w.bad = true
			return len(s)
		}
		kend := jsonscan.ShortString(s, i)
		escaped := false
		if kend < 0 {
			var f jsonscan.Fault
			kend, escaped, f = jsonscan.String(s, i)
			if f != jsonscan.NoFault {
				w.bad = true
				return len(s)
			}
		}
		key := s[i+1 : kend-1]
		if escaped {
			w.key, _, _ = jsonscan.AppendUnescaped(w.key[:0], s[i+1:kend])
			key = w.key
		}
		i = jsonscan.SkipSpace(s, kend)
		if i >= len(s) || s[i] != ':' {
			w.bad = true
			return len(s)
		}
		i = jsonscan.SkipSpace(s, i+1)
		named := n.NameBytes(key)
		anyName := n.AnyName()
		var end int
		switch {
		case named == nil && anyName == nil:
			e, f := jsonscan.Skip(s, i)
			if f != jsonscan.NoFault || e == i {
				w.bad = true
				return len(s)
			}
			end = e
		case anyName == nil:
			end = w.walk(i, named, depth+1)
		case named == nil:
			end = w.walk(i, anyName, depth+1)
		default:
			end = w.walk(i, named, depth+1)
			w.walk(i, anyName, depth+1)
		}
		i = jsonscan.SkipSpace(s, end)
		if i >= len(s) {
			w.bad = true
			return len(s)
		}
		switch s[i] {
		case ',':
			i = jsonscan.SkipSpace(s, i+1)
		case '}':
			return i + 1
		default:
			w.bad = true
			return len(s)
		}
	}
}

// array reads the array at s[i] under n.
func (w *walker) array(i int, n *jsonscan.Node[term], depth int) int {
	s := w.s
	i = jsonscan.SkipSpace(s, i+1)
	if i < len(s) && s[i] == ']' {
		return i + 1
	}
	anyIndex := n.AnyIndex()
	for k := 0; ; k++ {
		indexed := n.Index(k)
		var end int
		switch {
		case indexed == nil && anyIndex == nil:
			e, f := jsonscan.Skip(s, i)
			if f != jsonscan.NoFault || e == i {
				w.bad = true
				return len(s)
			}
			end = e
		case anyIndex == nil:
			end = w.walk(i, indexed, depth+1)
		case indexed == nil:
			end = w.walk(i, anyIndex, depth+1)
		default:
			end = w.walk(i, indexed, depth+1)
			w.walk(i, anyIndex, depth+1)
		}
		i = jsonscan.SkipSpace(s, end)
		if i >= len(s) {
			w.bad = true
			return len(s)
		}
		switch s[i] {
		case ',':
			i = jsonscan.SkipSpace(s, i+1)
		case ']':
			return i + 1
		default:
			w.bad = true
			return len(s)
		}
	}
}

// extract reads event along t and fills w.hits. It reports false when the event is malformed
// (the service hands Apply valid events; a malformed one is dropped rather than half-read).
func (t *trie) extract(w *walker, event []byte) bool {
	w.s = event
	w.hits = w.hits[:0]
	w.bad = false
	if t.empty {
		return true
	}
	i := jsonscan.SkipSpace(event, 0)
	end := w.walk(i, t.root, 0)
	if w.bad || jsonscan.SkipSpace(event, end) != len(event) {
		return false
	}
	return true
}
