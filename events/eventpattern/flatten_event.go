package eventpattern

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
)

// arrayPos says that a leaf lies in element idx of the event array numbered id (arrays are
// numbered in document order within one event).
type arrayPos struct{ id, idx int32 }

// leaf is one scalar value of the event at a path some pattern uses.
type leaf struct {
	field    int32
	val      leafValue
	chainOff int32 // the arrays enclosing the leaf, outermost first: chains[chainOff:chainOff+chainLen]
	chainLen int32
}

// errStop ends flattening early: every field any pattern uses has been read.
var errStop = errors.New("stop")

// flattener reads one event, emitting a leaf for every scalar at a path of the trie and skipping
// everything else without decoding it. It stops as soon as every path has been read.
type flattener struct {
	src        []byte
	pos        int
	leaves     []leaf
	stack      []arrayPos // the array elements (objects or arrays) enclosing the current position
	arrays     int        // the arrays enclosing the current position (more than len(stack) inside a scalar element)
	chains     []arrayPos
	arena      []byte // unescaped strings
	nextArray  int32
	keyBuf     []byte
	done       []uint32 // per field: == gen once the field is complete
	doneCount  int
	nFields    int
	gen        uint32
	wholeEvent bool // read to the end even when every field is complete
	depth      int
	// direct fields are evaluated by sc as they are read instead of being stored as leaves
	direct []bool
	sc     *scratch
}

func (f *flattener) reset(src []byte, nFields int, whole bool) {
	f.src, f.pos = src, 0
	f.leaves = f.leaves[:0]
	f.stack = f.stack[:0]
	f.arrays = 0
	f.chains = f.chains[:0]
	if cap(f.arena) < len(src) {
		f.arena = make([]byte, 0, len(src)+64)
	}
	f.arena = f.arena[:0]
	f.nextArray = 0
	f.doneCount = 0
	f.nFields = nFields
	f.wholeEvent = whole
	f.depth = 0
	if len(f.done) < nFields {
		f.done = make([]uint32, nFields)
		f.gen = 0
	}
	f.gen++
	if f.gen == 0 {
		clear(f.done)
		f.gen = 1
	}
}

// errBadEvent reports an event that is not valid JSON (as far as it was read).
type errBadEvent struct{ msg string }

func (e *errBadEvent) Error() string { return "event is not valid JSON: " + e.msg }

func (f *flattener) bad(what string) error {
	return &errBadEvent{msg: fmt.Sprintf("%s at offset %d", what, f.pos)}
}

// run flattens the event whose root must be a JSON object.
func (f *flattener) run(root *trieNode) error {
	f.ws()
	if f.pos >= len(f.src) || f.src[f.pos] != '{' {
		return &errBadEvent{msg: "the event is not a JSON object"}
	}
	if f.nFields == 0 && !f.wholeEvent {
		return nil
	}
	err := f.value(root)
	if err == errStop {
		return nil
	}
	if err != nil {
		return err
	}
	f.ws()
	if f.pos != len(f.src) {
		return f.bad("unexpected data after the event")
	}
	return nil
}

// jsonSpace marks the four JSON whitespace bytes.
var jsonSpace = [256]bool{' ': true, '\t': true, '\n': true, '\r': true}

// skipClass marks the bytes the container skipper must look at.
var skipClass = [256]uint8{'"': 1, '{': 2, '[': 2, '}': 3, ']': 3}

func (f *flattener) ws() {
	p := f.pos
	for p < len(f.src) && jsonSpace[f.src[p]] {
		p++
	}
	f.pos = p
}

// complete marks every field at or below n as read, once no enclosing array can add more values.
func (f *flattener) complete(n *trieNode) error {
	if f.arrays > 0 || n == nil || !n.anyField {
		return nil
	}
	for _, id := range n.subtree {
		if f.done[id] != f.gen {
			f.done[id] = f.gen
			f.doneCount++
		}
	}
	if f.doneCount == f.nFields && !f.wholeEvent {
		return errStop
	}
	return nil
}

// value reads the value at f.pos; n is its trie node (nil: no pattern uses it).
func (f *flattener) value(n *trieNode) error {
	if n == nil || !n.anyField {
		if f.wholeEvent {
			return f.readSkip()
		}
		return f.skip()
	}
	if f.pos >= len(f.src) {
		return f.bad("unexpected end of input")
	}
	switch c := f.src[f.pos]; {
	case c == '{':
		return f.object(n)
	case c == '[':
		return f.array(n)
	case c == '"':
		b, err := f.str()
		if err != nil {
			return err
		}
		f.emit(n, leafValue{kind: leafString, b: b})
	case c == '-' || c >= '0' && c <= '9':
		k, key, st := scanNumKey(f.src[f.pos:])
		if k == 0 {
			return f.bad("invalid number")
		}
		// a field evaluated as it is read uses the key just computed (stored leaves parse again)
		f.sc.readKey, f.sc.readKeySt = key, st
		f.emit(n, leafValue{kind: leafNumber, b: f.src[f.pos : f.pos+k]})
		f.sc.readKeySt = keyUnknown
		f.pos += k
	case c == 't':
		if err := f.literal("true"); err != nil {
			return err
		}
		f.emit(n, leafValue{kind: leafTrue})
	case c == 'f':
		if err := f.literal("false"); err != nil {
			return err
		}
		f.emit(n, leafValue{kind: leafFalse})
	case c == 'n':
		if err := f.literal("null"); err != nil {
			return err
		}
		f.emit(n, leafValue{kind: leafNull})
	default:
		return f.bad("unexpected character")
	}
	return f.complete(n)
}

func (f *flattener) literal(lit string) error {
	if len(f.src)-f.pos < len(lit) || string(f.src[f.pos:f.pos+len(lit)]) != lit {
		return f.bad("invalid literal")
	}
	f.pos += len(lit)
	return nil
}

func (f *flattener) emit(n *trieNode, v leafValue) {
	if n.field < 0 {
		return
	}
	if f.direct[n.field] {
		f.sc.evalLeaf(f.sc.snap.fields[n.field], &v)
		return
	}
	l := leaf{field: n.field, val: v}
	if len(f.stack) > 0 {
		l.chainOff = int32(len(f.chains))
		l.chainLen = int32(len(f.stack))
		f.chains = append(f.chains, f.stack...)
	}
	f.leaves = append(f.leaves, l)
}

func (f *flattener) object(n *trieNode) error {
	f.depth++
	if f.depth > maxJSONDepth {
		return f.bad("nesting too deep")
	}
	f.pos++ // {
	f.ws()
	if f.pos < len(f.src) && f.src[f.pos] == '}' {
		f.pos++
		f.depth--
		return f.complete(n)
	}
	for {
		f.ws()
		if f.pos >= len(f.src) || f.src[f.pos] != '"' {
			return f.bad("expected a field name")
		}
		key, err := f.key()
		if err != nil {
			return err
		}
		f.ws()
		if f.pos >= len(f.src) || f.src[f.pos] != ':' {
			return f.bad("expected ':'")
		}
		f.pos++
		f.ws()
		if err := f.value(n.lookup(key)); err != nil {
			return err
		}
		f.ws()
		if f.pos >= len(f.src) {
			return f.bad("unexpected end of input")
		}
		switch f.src[f.pos] {
		case ',':
			f.pos++
		case '}':
			f.pos++
			f.depth--
			return f.complete(n)
		default:
			return f.bad("expected ',' or '}'")
		}
	}
}

func (f *flattener) array(n *trieNode) error {
	f.depth++
	if f.depth > maxJSONDepth {
		return f.bad("nesting too deep")
	}
	f.pos++ // [
	id := f.nextArray
	f.nextArray++
	top := len(f.stack)
	f.arrays++
	f.ws()
	if f.pos < len(f.src) && f.src[f.pos] == ']' {
		f.pos++
	} else {
		for idx := int32(0); ; idx++ {
			f.ws()
			// Only an object or array element is a member of this array for array-consistent
			// matching; a scalar element is compatible with every sibling element, as in
			// event-ruler (Event.traverseArray records membership for START_OBJECT and
			// START_ARRAY elements only).
			f.stack = f.stack[:top]
			if f.pos < len(f.src) && (f.src[f.pos] == '{' || f.src[f.pos] == '[') {
				f.stack = append(f.stack, arrayPos{id: id, idx: idx})
			}
			if err := f.value(n); err != nil {
				return err
			}
			f.ws()
			if f.pos >= len(f.src) {
				return f.bad("unexpected end of input")
			}
			if f.src[f.pos] == ',' {
				f.pos++
				continue
			}
			if f.src[f.pos] == ']' {
				f.pos++
				break
			}
			return f.bad("expected ',' or ']'")
		}
	}
	f.stack = f.stack[:top]
	f.arrays--
	f.depth--
	return f.complete(n)
}

// key reads an object key; the result is valid until the next key is read.
func (f *flattener) key() ([]byte, error) {
	start := f.pos + 1
	for i := start; i < len(f.src); i++ {
		c := f.src[i]
		if c == '"' {
			f.pos = i + 1
			return f.src[start:i], nil
		}
		if c == '\\' {
			b, n, err := unescapeJSONString(f.src[start:])
			if err != nil {
				return nil, f.bad(err.Error())
			}
			f.keyBuf = append(f.keyBuf[:0], b...)
			f.pos = start + n
			return f.keyBuf, nil
		}
		if c < 0x20 {
			return nil, f.bad("control character in string")
		}
	}
	return nil, f.bad("unterminated string")
}

// str reads a string value; escaped strings are decoded into the arena.
func (f *flattener) str() ([]byte, error) {
	start := f.pos + 1
	for i := start; i < len(f.src); i++ {
		c := f.src[i]
		if c == '"' {
			f.pos = i + 1
			return f.src[start:i], nil
		}
		if c == '\\' {
			b, n, err := unescapeJSONString(f.src[start:])
			if err != nil {
				return nil, f.bad(err.Error())
			}
			off := len(f.arena)
			if cap(f.arena)-off >= len(b) {
				f.arena = append(f.arena, b...)
				b = f.arena[off:len(f.arena):len(f.arena)]
			}
			f.pos = start + n
			return b, nil
		}
		if c < 0x20 {
			return nil, f.bad("control character in string")
		}
	}
	return nil, f.bad("unterminated string")
}

// skip passes over one value without decoding it. It checks bracket nesting and string syntax
// only: a matcher does not validate the parts of an event no pattern uses.
func (f *flattener) skip() error {
	src := f.src
	p := f.pos
	if p >= len(src) {
		return f.bad("unexpected end of input")
	}
	switch src[p] {
	case '"':
		return f.skipString()
	case '{', '[':
		depth := 0
		for p < len(src) {
			// jump over bytes that cannot open or close anything, eight at a time
			for p+8 <= len(src) {
				m := specialMask(binary.LittleEndian.Uint64(src[p:]))
				if m == 0 {
					p += 8
					continue
				}
				p += bits.TrailingZeros64(m) / 8
				break
			}
			if p >= len(src) {
				break
			}
			switch skipClass[src[p]] {
			case 0:
				p++
				continue
			case 1:
				f.pos = p
				if err := f.skipString(); err != nil {
					return err
				}
				p = f.pos
				continue
			case 2:
				depth++
			case 3:
				depth--
				if depth == 0 {
					f.pos = p + 1
					return nil
				}
			}
			p++
		}
		f.pos = p
		return f.bad("unexpected end of input")
	default:
		for p < len(src) {
			switch src[p] {
			case ',', '}', ']', ' ', '\t', '\n', '\r':
				f.pos = p
				return nil
			}
			p++
		}
		f.pos = p
		return nil
	}
}

// specialMask has the top bit of each byte of w set that may be '"', '[', ']', '{' or '}'; the
// lowest set bit marks the first such byte exactly (higher bits may be false positives). Setting
// bit 5 maps '[' to '{' and ']' to '}'; '"' also matches the control character 0x02, which only
// costs a slow step.
func specialMask(w uint64) uint64 {
	const ones, highs, lower = 0x0101010101010101, 0x8080808080808080, 0x2020202020202020
	x := w | lower
	a := x ^ (0x7B * ones)
	b := x ^ (0x7D * ones)
	c := x ^ (0x22 * ones)
	return ((a-ones)&^a | (b-ones)&^b | (c-ones)&^c) & highs
}

// skipString passes over a string starting at its opening quote.
func (f *flattener) skipString() error {
	src := f.src
	i := f.pos + 1
	for {
		k := bytes.IndexByte(src[i:], '"')
		if k < 0 {
			f.pos = len(src)
			return f.bad("unterminated string")
		}
		q := i + k
		// the quote is escaped if an odd number of backslashes precede it
		bs := 0
		for j := q - 1; j > f.pos && src[j] == '\\'; j-- {
			bs++
		}
		if bs%2 == 0 {
			f.pos = q + 1
			return nil
		}
		i = q + 1
	}
}

// readSkip passes over a value no pattern uses while validating it fully (used when the whole
// event must be read, as TestEventPattern does).
func (f *flattener) readSkip() error {
	save := f.stack
	f.stack = f.stack[:len(f.stack):len(f.stack)]
	dummy := &trieNode{field: -1, anyField: true}
	err := f.valueValidate(dummy)
	f.stack = save
	return err
}

// valueValidate reads a value completely, emitting nothing.
func (f *flattener) valueValidate(n *trieNode) error {
	if f.pos >= len(f.src) {
		return f.bad("unexpected end of input")
	}
	switch c := f.src[f.pos]; {
	case c == '{':
		f.depth++
		if f.depth > maxJSONDepth {
			return f.bad("nesting too deep")
		}
		f.pos++
		f.ws()
		if f.pos < len(f.src) && f.src[f.pos] == '}' {
			f.pos++
			f.depth--
			return nil
		}
		for {
			f.ws()
			if f.pos >= len(f.src) || f.src[f.pos] != '"' {
				return f.bad("expected a field name")
			}
			if _, err := f.key(); err != nil {
				return err
			}
			f.ws()
			if f.pos >= len(f.src) || f.src[f.pos] != ':' {
				return f.bad("expected ':'")
			}
			f.pos++
			f.ws()
			if err := f.valueValidate(n); err != nil {
				return err
			}
			f.ws()
			if f.pos >= len(f.src) {
				return f.bad("unexpected end of input")
			}
			if f.src[f.pos] == ',' {
				f.pos++
				continue
			}
			if f.src[f.pos] == '}' {
				f.pos++
				f.depth--
				return nil
			}
			return f.bad("expected ',' or '}'")
		}
	case c == '[':
		f.depth++
		if f.depth > maxJSONDepth {
			return f.bad("nesting too deep")
		}
		f.pos++
		f.ws()
		if f.pos < len(f.src) && f.src[f.pos] == ']' {
			f.pos++
			f.depth--
			return nil
		}
		for {
			f.ws()
			if err := f.valueValidate(n); err != nil {
				return err
			}
			f.ws()
			if f.pos >= len(f.src) {
				return f.bad("unexpected end of input")
			}
			if f.src[f.pos] == ',' {
				f.pos++
				continue
			}
			if f.src[f.pos] == ']' {
				f.pos++
				f.depth--
				return nil
			}
			return f.bad("expected ',' or ']'")
		}
	case c == '"':
		_, err := f.key()
		return err
	case c == '-' || c >= '0' && c <= '9':
		k := scanNumber(f.src[f.pos:])
		if k == 0 {
			return f.bad("invalid number")
		}
		f.pos += k
		return nil
	case c == 't':
		return f.literal("true")
	case c == 'f':
		return f.literal("false")
	case c == 'n':
		return f.literal("null")
	}
	return f.bad("unexpected character")
}
