package eventpattern

import (
	"fmt"

	"github.com/watchsim/watchsim/internal/jsonscan"
)

// MaxEventDepth is the deepest nesting of objects and arrays an event may have. event-ruler, the
// engine inside EventBridge, reads events with the Jackson parser, whose default nesting limit
// (StreamReadConstraints, since Jackson 2.15) is 1,000; AWS documents no other figure. The same
// limit applies to patterns.
const MaxEventDepth = 1000

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

// stopFlattening ends flattening early: every field any pattern uses has been read. A
// zero-size type, so returning it allocates nothing and nothing is built at package init.
type stopFlattening struct{}

func (stopFlattening) Error() string { return "stop" }

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
	if _, ok := err.(stopFlattening); ok {
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

func (f *flattener) ws() { f.pos = jsonscan.SkipSpace(f.src, f.pos) }

// complete marks every field at or below n as read, once no enclosing array can add more values.
func (f *flattener) complete(n *trieNode) error {
	if f.arrays > 0 || n == nil || !n.Value.anyField {
		return nil
	}
	for _, id := range n.Value.subtree {
		if f.done[id] != f.gen {
			f.done[id] = f.gen
			f.doneCount++
		}
	}
	if f.doneCount == f.nFields && !f.wholeEvent {
		return stopFlattening{}
	}
	return nil
}

// value reads the value at f.pos; n is its trie node (nil: no pattern uses it).
func (f *flattener) value(n *trieNode) error {
	if n == nil || !n.Value.anyField {
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
		if err := f.literal(jsonscan.KindTrue); err != nil {
			return err
		}
		f.emit(n, leafValue{kind: leafTrue})
	case c == 'f':
		if err := f.literal(jsonscan.KindFalse); err != nil {
			return err
		}
		f.emit(n, leafValue{kind: leafFalse})
	case c == 'n':
		if err := f.literal(jsonscan.KindNull); err != nil {
			return err
		}
		f.emit(n, leafValue{kind: leafNull})
	default:
		return f.bad("unexpected character")
	}
	return f.complete(n)
}

func (f *flattener) literal(want jsonscan.Kind) error {
	k, end := jsonscan.Literal(f.src, f.pos)
	if k != want {
		return f.bad("invalid literal")
	}
	f.pos = end
	return nil
}

func (f *flattener) emit(n *trieNode, v leafValue) {
	if !n.Value.named {
		return
	}
	if f.direct[n.Value.field] {
		f.sc.evalLeaf(f.sc.snap.fields[n.Value.field], &v)
		return
	}
	l := leaf{field: n.Value.field, val: v}
	if len(f.stack) > 0 {
		l.chainOff = int32(len(f.chains))
		l.chainLen = int32(len(f.stack))
		f.chains = append(f.chains, f.stack...)
	}
	f.leaves = append(f.leaves, l)
}

func (f *flattener) object(n *trieNode) error {
	f.depth++
	if f.depth > MaxEventDepth {
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
		if err := f.value(lookup(n, key)); err != nil {
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
	if f.depth > MaxEventDepth {
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
	if end := jsonscan.ShortString(f.src, f.pos); end >= 0 {
		f.pos = end
		return f.src[start : end-1], nil
	}
	end, escaped, fault := jsonscan.String(f.src, f.pos)
	if fault != jsonscan.NoFault {
		f.pos = end
		return nil, f.bad(fault.String())
	}
	f.pos = end
	if !escaped {
		return f.src[start : end-1], nil
	}
	f.keyBuf, _, _ = jsonscan.AppendUnescaped(f.keyBuf[:0], f.src[start:end])
	return f.keyBuf, nil
}

// str reads a string value; escaped strings are decoded into the arena.
func (f *flattener) str() ([]byte, error) {
	start := f.pos + 1
	if end := jsonscan.ShortString(f.src, f.pos); end >= 0 {
		f.pos = end
		return f.src[start : end-1], nil
	}
	end, escaped, fault := jsonscan.String(f.src, f.pos)
	if fault != jsonscan.NoFault {
		f.pos = end
		return nil, f.bad(fault.String())
	}
	f.pos = end
	if !escaped {
		return f.src[start : end-1], nil
	}
	// The arena is as large as the event, so this does not grow it; if it ever did, the leaves
	// read before keep the old array.
	off := len(f.arena)
	f.arena, _, _ = jsonscan.AppendUnescaped(f.arena, f.src[start:end])
	return f.arena[off:len(f.arena):len(f.arena)], nil
}

// skip passes over one value without decoding it. It checks bracket nesting and string syntax
// only: a matcher does not validate the parts of an event no pattern uses.
func (f *flattener) skip() error {
	end, fault := jsonscan.Skip(f.src, f.pos)
	f.pos = end
	if fault != jsonscan.NoFault {
		return f.bad(fault.String())
	}
	return nil
}

// readSkip passes over a value no pattern uses while validating it fully (used when the whole
// event must be read, as TestEventPattern does).
func (f *flattener) readSkip() error {
	end, fault := jsonscan.Validate(f.src, f.pos, f.depth, MaxEventDepth)
	f.pos = end
	if fault != jsonscan.NoFault {
		return f.bad(fault.String())
	}
	return nil
}
