package filterpattern

import (
	"strconv"

	"github.com/watchsim/watchsim/internal/jsonscan"
)

// The JSON matcher never builds a document tree: one pass over the message validates it as
// strict JSON (RFC 8259; top level an object or array) and, along the way, tests the values
// that the pattern's selectors reach. Selectors are merged into a path trie (internal/jsonscan);
// while scanning, the set of trie nodes matching the current path is carried down (at most a
// handful, because a pattern holds at most three wildcards). Subtrees no selector reaches are
// only validated, by jsonscan.Validate.

// trieNode is a node of the selectors' path trie; its payload lists the leaves (conditions)
// whose selector ends there.
type trieNode = jsonscan.Node[[]int]

// insertSelector adds a selector to the trie below root and returns the node it ends at.
func insertSelector(root *trieNode, steps []selStep) *trieNode {
	cur := root
	for _, st := range steps {
		switch st.kind {
		case stepField:
			cur = cur.AddName(st.name)
		case stepIndex:
			cur = cur.AddIndex(st.index)
		case stepAnyField:
			cur = cur.AddAnyName()
		case stepAnyIndex:
			cur = cur.AddAnyIndex()
		}
	}
	return cur
}

// activeSet is the set of trie nodes that match the path of the value being scanned.
type activeSet struct {
	n   int
	ids [8]*trieNode
}

func (a *activeSet) add(n *trieNode) {
	if n != nil && a.n < len(a.ids) {
		a.ids[a.n] = n
		a.n++
	}
}

// MaxJSONDepth is the deepest nesting of objects and arrays a JSON log event may have; a deeper
// event does not match. [derived] CloudWatch Logs documents no limit; 10,000 keeps hostile input
// from exhausting the stack while accepting any realistic event.
const MaxJSONDepth = 10000

type jsonScanner struct {
	s     string
	m     *jsonMatcher
	hit   leafBits // comparison results (any-of)
	seen  leafBits // leaves whose selector selected at least one node
	depth int
	// duplicate is set when an object repeats a key that a selector names.
	duplicate bool
}

func (m *jsonMatcher) matches(msg string) bool {
	sc := jsonScanner{s: msg, m: m}
	if !sc.scan() {
		return false
	}
	for li := range m.leaves {
		if m.leaves[li].kind == leafNotExists && !sc.seen.has(li) {
			sc.hit.set(li)
		}
	}
	if sc.duplicate {
		return false
	}
	return m.expr.eval(&sc.hit)
}

// scan validates the message as a JSON object or array and tests the leaves on the way.
func (sc *jsonScanner) scan() bool {
	msg := sc.s
	i := jsonscan.SkipSpace(msg, 0)
	if i >= len(msg) || (msg[i] != '{' && msg[i] != '[') {
		return false
	}
	var root activeSet
	root.add(sc.m.trie)
	i = sc.value(i, root)
	return i >= 0 && jsonscan.SkipSpace(msg, i) == len(msg)
}

// visit tests the leaves of the active nodes against a value.
func (sc *jsonScanner) visit(act *activeSet, kind jsonscan.Kind, raw string, escaped bool) {
	for k := 0; k < act.n; k++ {
		for _, li := range act.ids[k].Value {
			sc.seen.set(li)
			if sc.hit.has(li) {
				continue
			}
			if sc.m.leaves[li].test(kind, raw, escaped) {
				sc.hit.set(li)
			}
		}
	}
}

// test evaluates one leaf on one selected node. raw is a number's literal text or a string's
// content: without the quotes, or, when escaped is true, the still-escaped body with its
// closing quote.
func (l *jsonLeaf) test(kind jsonscan.Kind, raw string, escaped bool) bool {
	switch l.kind {
	case leafIsNull:
		return kind == jsonscan.KindNull
	case leafIsTrue:
		return kind == jsonscan.KindTrue
	case leafIsFalse:
		return kind == jsonscan.KindFalse
	case leafNotExists:
		return false
	}
	c := &l.cond
	if kind == jsonscan.KindObject || kind == jsonscan.KindArray {
		return false
	}
	switch c.kind {
	case valAny:
		return kind == jsonscan.KindString || kind == jsonscan.KindNumber
	case valNumber:
		if kind != jsonscan.KindNumber {
			return false
		}
		f, err := strconv.ParseFloat(raw, 64)
		if err != nil {
			return false
		}
		return compareNumbers(c.op, f, c.num)
	}
	if kind != jsonscan.KindString {
		return false // string, wildcard and regex values test JSON strings only
	}
	if escaped {
		b, _, _ := jsonscan.AppendUnescaped(nil, raw)
		raw = string(b)
	}
	return c.matchString(raw)
}

// value scans the JSON value at s[i] (no leading space) and returns the index after it, or -1.
func (sc *jsonScanner) value(i int, act activeSet) int {
	s := sc.s
	if act.n == 0 {
		end, f := jsonscan.Validate(s, i, sc.depth, MaxJSONDepth)
		if f != jsonscan.NoFault {
			return -1
		}
		return end
	}
	if i >= len(s) {
		return -1
	}
	switch k := jsonscan.KindOf(s[i]); k {
	case jsonscan.KindObject:
		sc.visit(&act, k, "", false)
		return sc.object(i, act)
	case jsonscan.KindArray:
		sc.visit(&act, k, "", false)
		return sc.array(i, act)
	case jsonscan.KindString:
		end, esc := jsonscan.ShortString(s, i), false
		if end < 0 {
			var f jsonscan.Fault
			if end, esc, f = jsonscan.String(s, i); f != jsonscan.NoFault {
				return -1
			}
		}
		if esc {
			sc.visit(&act, k, s[i+1:end], true)
		} else {
			sc.visit(&act, k, s[i+1:end-1], false)
		}
		return end
	case jsonscan.KindNumber:
		n := jsonscan.Number(s[i:])
		if n == 0 {
			return -1
		}
		sc.visit(&act, k, s[i:i+n], false)
		return i + n
	case jsonscan.KindTrue, jsonscan.KindFalse, jsonscan.KindNull:
		lit, end := jsonscan.Literal(s, i)
		if lit != k {
			return -1
		}
		sc.visit(&act, k, "", false)
		return end
	}
	return -1
}

func (sc *jsonScanner) object(i int, act activeSet) int {
	s := sc.s
	sc.depth++
	if sc.depth > MaxJSONDepth {
		return -1
	}
	i = jsonscan.SkipSpace(s, i+1)
	if i < len(s) && s[i] == '}' {
		sc.depth--
		return i + 1
	}
	var takenBuf [16]*trieNode // trie edges a key of this object has taken, to detect duplicate keys
	taken := takenBuf[:0]
	var keyBuf []byte
	for {
		if i >= len(s) || s[i] != '"' {
			return -1
		}
		end, esc := jsonscan.ShortString(s, i), false
		if end < 0 {
			var f jsonscan.Fault
			if end, esc, f = jsonscan.String(s, i); f != jsonscan.NoFault {
				return -1
			}
		}
		key := s[i+1 : end-1]
		if esc {
			keyBuf, _, _ = jsonscan.AppendUnescaped(keyBuf[:0], s[i+1:end])
		}
		i = jsonscan.SkipSpace(s, end)
		if i >= len(s) || s[i] != ':' {
			return -1
		}
		i = jsonscan.SkipSpace(s, i+1)
		var child activeSet
		for k := 0; k < act.n; k++ {
			n := act.ids[k]
			var c *trieNode
			if esc {
				c = n.NameBytes(keyBuf)
			} else {
				c = n.Name(key)
			}
			if c != nil {
				for _, t := range taken {
					if t == c {
						sc.duplicate = true
					}
				}
				taken = append(taken, c)
				child.add(c)
			}
			child.add(n.AnyName())
		}
		i = sc.value(i, child)
		if i < 0 {
			return -1
		}
		i = jsonscan.SkipSpace(s, i)
		if i >= len(s) {
			return -1
		}
		if s[i] == '}' {
			sc.depth--
			return i + 1
		}
		if s[i] != ',' {
			return -1
		}
		i = jsonscan.SkipSpace(s, i+1)
	}
}

func (sc *jsonScanner) array(i int, act activeSet) int {
	s := sc.s
	sc.depth++
	if sc.depth > MaxJSONDepth {
		return -1
	}
	i = jsonscan.SkipSpace(s, i+1)
	if i < len(s) && s[i] == ']' {
		sc.depth--
		return i + 1
	}
	for idx := 0; ; idx++ {
		var child activeSet
		for k := 0; k < act.n; k++ {
			n := act.ids[k]
			child.add(n.Index(idx))
			child.add(n.AnyIndex())
		}
		i = sc.value(i, child)
		if i < 0 {
			return -1
		}
		i = jsonscan.SkipSpace(s, i)
		if i >= len(s) {
			return -1
		}
		if s[i] == ']' {
			sc.depth--
			return i + 1
		}
		if s[i] != ',' {
			return -1
		}
		i = jsonscan.SkipSpace(s, i+1)
	}
}
