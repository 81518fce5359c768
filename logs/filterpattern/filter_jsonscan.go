package filterpattern

import (
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// The JSON matcher never builds a document tree: one pass over the message validates it as
// strict JSON (RFC 8259; top level an object or array) and, along the way, tests the values
// that the pattern's selectors reach. Selectors are merged into a trie; while scanning, the set
// of trie nodes matching the current path is carried down (at most a handful, because a pattern
// holds at most three wildcards). Subtrees no selector reaches are only validated.

type trieEdge struct {
	name  string
	child int32
}

type trieIndexEdge struct {
	index int
	child int32
}

type trieNode struct {
	fields   []trieEdge
	indexes  []trieIndexEdge
	anyField int32
	anyIndex int32
	leaves   []int
}

func newTrieNode() trieNode { return trieNode{anyField: -1, anyIndex: -1} }

// insert adds a selector to the trie and returns the node it ends at.
func (m *jsonMatcher) insert(steps []selStep) int32 {
	cur := int32(0)
	for _, st := range steps {
		n := &m.trie[cur]
		next := int32(-1)
		switch st.kind {
		case stepField:
			for _, e := range n.fields {
				if e.name == st.name {
					next = e.child
				}
			}
		case stepIndex:
			for _, e := range n.indexes {
				if e.index == st.index {
					next = e.child
				}
			}
		case stepAnyField:
			next = n.anyField
		case stepAnyIndex:
			next = n.anyIndex
		}
		if next < 0 {
			m.trie = append(m.trie, newTrieNode())
			next = int32(len(m.trie) - 1)
			n = &m.trie[cur]
			switch st.kind {
			case stepField:
				n.fields = append(n.fields, trieEdge{st.name, next})
			case stepIndex:
				n.indexes = append(n.indexes, trieIndexEdge{st.index, next})
			case stepAnyField:
				n.anyField = next
			case stepAnyIndex:
				n.anyIndex = next
			}
		}
		cur = next
	}
	return cur
}

// activeSet is the set of trie nodes that match the path of the value being scanned.
type activeSet struct {
	n   int
	ids [8]int32
}

func (a *activeSet) add(id int32) {
	if id >= 0 && a.n < len(a.ids) {
		a.ids[a.n] = id
		a.n++
	}
}

// maxJSONDepth bounds nesting; deeper documents do not match [derived].
const maxJSONDepth = 10000

type jsonKind uint8

const (
	jString jsonKind = iota
	jNumber
	jTrue
	jFalse
	jNull
	jObject
	jArray
)

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
	i := skipJSONSpace(msg, 0)
	if i >= len(msg) || (msg[i] != '{' && msg[i] != '[') {
		return false
	}
	var root activeSet
	root.add(0)
	i = sc.value(i, root)
	return i >= 0 && skipJSONSpace(msg, i) == len(msg)
}

func skipJSONSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	return i
}

// visit tests the leaves of the active nodes against a value.
func (sc *jsonScanner) visit(act *activeSet, kind jsonKind, raw string, escaped bool) {
	for k := 0; k < act.n; k++ {
		for _, li := range sc.m.trie[act.ids[k]].leaves {
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

// test evaluates one leaf on one selected node. raw is a string's content (between the quotes,
// still escaped when escaped is true) or a number's literal text.
func (l *jsonLeaf) test(kind jsonKind, raw string, escaped bool) bool {
	switch l.kind {
	case leafIsNull:
		return kind == jNull
	case leafIsTrue:
		return kind == jTrue
	case leafIsFalse:
		return kind == jFalse
	case leafNotExists:
		return false
	}
	c := &l.cond
	if kind == jObject || kind == jArray {
		return false
	}
	switch c.kind {
	case valAny:
		return kind == jString || kind == jNumber
	case valNumber:
		if kind != jNumber {
			return false
		}
		f, err := strconv.ParseFloat(raw, 64)
		if err != nil {
			return false
		}
		return compareNumbers(c.op, f, c.num)
	}
	if kind != jString {
		return false // string, wildcard and regex values test JSON strings only
	}
	if escaped {
		raw = unescapeJSONString(raw)
	}
	return c.matchString(raw)
}

// value scans the JSON value at s[i] (no leading space) and returns the index after it, or -1.
func (sc *jsonScanner) value(i int, act activeSet) int {
	s := sc.s
	if i >= len(s) {
		return -1
	}
	switch c := s[i]; {
	case c == '{':
		if act.n > 0 {
			sc.visit(&act, jObject, "", false)
		}
		return sc.object(i, act)
	case c == '[':
		if act.n > 0 {
			sc.visit(&act, jArray, "", false)
		}
		return sc.array(i, act)
	case c == '"':
		end, esc := scanJSONString(s, i)
		if end < 0 {
			return -1
		}
		if act.n > 0 {
			sc.visit(&act, jString, s[i+1:end-1], esc)
		}
		return end
	case c == '-' || (c >= '0' && c <= '9'):
		end := scanJSONNumber(s, i)
		if end < 0 {
			return -1
		}
		if act.n > 0 {
			sc.visit(&act, jNumber, s[i:end], false)
		}
		return end
	case c == 't':
		if strings.HasPrefix(s[i:], "true") {
			if act.n > 0 {
				sc.visit(&act, jTrue, "", false)
			}
			return i + 4
		}
	case c == 'f':
		if strings.HasPrefix(s[i:], "false") {
			if act.n > 0 {
				sc.visit(&act, jFalse, "", false)
			}
			return i + 5
		}
	case c == 'n':
		if strings.HasPrefix(s[i:], "null") {
			if act.n > 0 {
				sc.visit(&act, jNull, "", false)
			}
			return i + 4
		}
	}
	return -1
}

func (sc *jsonScanner) object(i int, act activeSet) int {
	s := sc.s
	sc.depth++
	if sc.depth > maxJSONDepth {
		return -1
	}
	i = skipJSONSpace(s, i+1)
	if i < len(s) && s[i] == '}' {
		sc.depth--
		return i + 1
	}
	var takenBuf [16]int32 // trie edges a key of this object has taken, to detect duplicate keys
	taken := takenBuf[:0]
	for {
		if i >= len(s) || s[i] != '"' {
			return -1
		}
		end, esc := scanJSONString(s, i)
		if end < 0 {
			return -1
		}
		key := s[i+1 : end-1]
		i = skipJSONSpace(s, end)
		if i >= len(s) || s[i] != ':' {
			return -1
		}
		i = skipJSONSpace(s, i+1)
		var child activeSet
		if act.n > 0 {
			if esc {
				key = unescapeJSONString(key)
			}
			for k := 0; k < act.n; k++ {
				n := &sc.m.trie[act.ids[k]]
				for _, e := range n.fields {
					if e.name == key {
						for _, t := range taken {
							if t == e.child {
								sc.duplicate = true
							}
						}
						taken = append(taken, e.child)
						child.add(e.child)
					}
				}
				child.add(n.anyField)
			}
		}
		i = sc.value(i, child)
		if i < 0 {
			return -1
		}
		i = skipJSONSpace(s, i)
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
		i = skipJSONSpace(s, i+1)
	}
}

func (sc *jsonScanner) array(i int, act activeSet) int {
	s := sc.s
	sc.depth++
	if sc.depth > maxJSONDepth {
		return -1
	}
	i = skipJSONSpace(s, i+1)
	if i < len(s) && s[i] == ']' {
		sc.depth--
		return i + 1
	}
	for idx := 0; ; idx++ {
		var child activeSet
		for k := 0; k < act.n; k++ {
			n := &sc.m.trie[act.ids[k]]
			for _, e := range n.indexes {
				if e.index == idx {
					child.add(e.child)
				}
			}
			child.add(n.anyIndex)
		}
		i = sc.value(i, child)
		if i < 0 {
			return -1
		}
		i = skipJSONSpace(s, i)
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
		i = skipJSONSpace(s, i+1)
	}
}

// jsonStringStop[b] is 1 for the bytes that end the fast path inside a JSON string: control
// characters, '"' and '\\'. A constant string, so the table is immutable.
const jsonStringStop = "\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"

const (
	swarOnes      = 0x0101010101010101
	swarHigh      = 0x8080808080808080
	swarQuote     = '"' * swarOnes
	swarBackslash = '\\' * swarOnes
)

// hasZeroByte reports whether any byte of x is zero.
func hasZeroByte(x uint64) bool { return (x-swarOnes)&^x&swarHigh != 0 }

// hasLessThan0x20 reports whether any byte of x is below 0x20.
func hasLessThan0x20(x uint64) bool { return (x-0x20*swarOnes)&^x&swarHigh != 0 }

// scanJSONString scans the string starting at s[i] == '"'. It returns the index after the
// closing quote (or -1) and whether the string contains escape sequences.
func scanJSONString(s string, i int) (int, bool) {
	esc := false
	j := i + 1
	for {
		// Skip eight ordinary bytes at a time: a block is ordinary when none of its bytes is
		// below 0x20, '"' or '\\' (the exact SWAR "has a zero byte" test on three variants).
		for j+8 <= len(s) {
			x := uint64(s[j]) | uint64(s[j+1])<<8 | uint64(s[j+2])<<16 | uint64(s[j+3])<<24 |
				uint64(s[j+4])<<32 | uint64(s[j+5])<<40 | uint64(s[j+6])<<48 | uint64(s[j+7])<<56
			if hasZeroByte(x^swarQuote) || hasZeroByte(x^swarBackslash) || hasLessThan0x20(x) {
				break
			}
			j += 8
		}
		for j < len(s) && jsonStringStop[s[j]] == 0 {
			j++
		}
		if j >= len(s) {
			return -1, false
		}
		switch s[j] {
		case '"':
			return j + 1, esc
		case '\\':
			esc = true
			if j+1 >= len(s) {
				return -1, false
			}
			switch s[j+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				j += 2
			case 'u':
				if j+6 > len(s) || !isHex(s[j+2]) || !isHex(s[j+3]) || !isHex(s[j+4]) || !isHex(s[j+5]) {
					return -1, false
				}
				j += 6
			default:
				return -1, false
			}
		default: // control character
			return -1, false
		}
	}
}

// scanJSONNumber scans -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? at s[i].
func scanJSONNumber(s string, i int) int {
	if s[i] == '-' {
		i++
	}
	if i >= len(s) {
		return -1
	}
	if s[i] == '0' {
		i++
	} else if s[i] >= '1' && s[i] <= '9' {
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	} else {
		return -1
	}
	if i < len(s) && s[i] == '.' {
		i++
		d := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == d {
			return -1
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		d := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == d {
			return -1
		}
	}
	return i
}

// unescapeJSONString decodes the escapes of an already validated JSON string body.
func unescapeJSONString(raw string) string {
	var b strings.Builder
	b.Grow(len(raw))
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		i++
		switch raw[i] {
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			r := rune(hexVal(raw[i+1 : i+5]))
			i += 4
			if utf16.IsSurrogate(r) && i+7 <= len(raw) && raw[i+1] == '\\' && raw[i+2] == 'u' {
				r2 := rune(hexVal(raw[i+3 : i+7]))
				if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
					r = d
					i += 6
				}
			}
			b.WriteRune(r)
		default:
			b.WriteByte(raw[i])
		}
	}
	return b.String()
}

func hexVal(h string) int {
	v := 0
	for i := 0; i < len(h); i++ {
		c := h[i]
		switch {
		case c >= '0' && c <= '9':
			v = v*16 + int(c-'0')
		case c >= 'a' && c <= 'f':
			v = v*16 + int(c-'a'+10)
		default:
			v = v*16 + int(c-'A'+10)
		}
	}
	return v
}
