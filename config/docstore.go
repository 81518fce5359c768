package config

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
)

// How the kept history stores configurations. Every recorded change keeps the state it replaces,
// so the history grows by one state per change, and on this runtime the cost of a change is
// dominated by the fresh memory it lands in. A replaced state therefore keeps only the bytes of
// its JSON that differ from the state that replaced it (a delta: the common prefix and suffix are
// read from the newer state), and the published configuration is encoded into a reused buffer,
// so that an unchanged republication allocates nothing. The buffer a state gives up when it
// becomes a delta holds the JSON of a later state, unless something built from the state shares
// its bytes (an alarm parsed by scanAlarm), so a change usually takes no fresh memory for its
// JSON at all.

// maxDeltaChain bounds the deltas read to rebuild a replaced state's JSON: after this many
// replaced states of a resource kept as deltas in a row, the next one is kept whole.
const maxDeltaChain = 16

// encoder is the reused encoder of published configurations (guarded by the state lock).
type encoder struct {
	buf    bytes.Buffer
	enc    *json.Encoder
	fast   []byte
	plans  plans
	byPlan bool     // the last encode went through the plans
	free   [][]byte // JSON buffers of states now kept as deltas, which nothing else reads (keep)
}

// maxFree bounds the buffers kept for reuse.
const maxFree = 8

// keep returns a copy of b (a state's JSON) in a buffer of a replaced state when one fits, so
// that a change does not take fresh memory for it.
func (e *encoder) keep(b []byte) []byte {
	for i := len(e.free) - 1; i >= 0; i-- {
		if f := e.free[i]; len(b) > 0 && cap(f) >= len(b) && cap(f) <= 2*len(b)+64 {
			e.free[i] = e.free[len(e.free)-1]
			e.free[len(e.free)-1] = nil
			e.free = e.free[:len(e.free)-1]
			return append(f[:0], b...)
		}
	}
	return bytes.Clone(b)
}

// release offers the JSON buffer of a state that became a delta for reuse.
func (e *encoder) release(b []byte) {
	if cap(b) == 0 {
		return
	}
	if len(e.free) == maxFree {
		copy(e.free, e.free[1:]) // drop the oldest
		e.free = e.free[:maxFree-1]
	}
	e.free = append(e.free, b)
}

// encode returns the JSON of a published configuration (what encoding/json writes; {} for nil), in a
// buffer that the next call reuses: the caller copies what it keeps.
func (e *encoder) encode(conf any) []byte {
	e.byPlan = false
	switch c := conf.(type) {
	case nil:
		return []byte("{}")
	case json.RawMessage:
		return c
	case []byte:
		return c
	}
	if b, ok := e.plans.encodeFast(e.fast[:0], conf); ok {
		e.fast, e.byPlan = b, true
		return b
	}
	if e.enc == nil {
		e.enc = json.NewEncoder(&e.buf) // escapes HTML as json.Marshal does
	}
	e.buf.Reset()
	if e.enc.Encode(conf) != nil {
		return []byte("{}")
	}
	b := e.buf.Bytes()
	return b[:len(b)-1] // Encode ends the value with a newline
}

// marshal returns the JSON of v as json.Marshal does (a fresh slice the caller keeps), through
// the plans when v's type has one.
func (e *encoder) marshal(v any) ([]byte, error) {
	if b, ok := e.plans.encodeFast(e.fast[:0], v); ok {
		e.fast = b
		return bytes.Clone(b), nil
	}
	return json.Marshal(v)
}

// marshalItemChange is marshal for the item change detail, written field by field
// (notifyencode.go) when it can be.
func (e *encoder) marshalItemChange(d *itemChangeDetail) ([]byte, error) {
	if b, ok := e.appendItemChange(e.fast[:0], d); ok {
		e.fast = b
		return bytes.Clone(b), nil
	}
	return e.marshal(d)
}

// render builds d's document JSON (docState.json) through the plans, which write what
// json.Marshal writes, so that notifying an item does not pay encoding/json for it.
func (e *encoder) render(d *docState) {
	if d == nil || d.c != nil && d.c.rendered {
		return
	}
	v := d.value()
	if v == nil || d.typ == typeLogGroup {
		return // json() takes the published JSON as it is
	}
	if b, ok := e.plans.encodeFast(e.fast[:0], v); ok {
		e.fast = b
		c := d.cache()
		c.out, c.rendered = bytes.Clone(b), true
	}
}

// full returns the state's whole JSON (rebuilt from the newer states when it is kept as a delta;
// the result is then a fresh slice that nothing else writes).
func (d *docState) full() []byte {
	if d.next == nil {
		return d.src
	}
	var chain [maxDeltaChain + 1]*docState
	path := chain[:0]
	x := d
	for ; x.next != nil; x = x.next {
		path = append(path, x)
	}
	rebuild := func(dst []byte, p *docState, b []byte) []byte {
		dst = append(dst, b[:p.pre]...)
		dst = append(dst, p.src...)
		return append(dst, b[len(b)-int(p.suf):]...)
	}
	if len(path) == 1 {
		return rebuild(make([]byte, 0, int(d.pre)+len(d.src)+int(d.suf)), d, x.src)
	}
	// the states between are built in turn in the two halves of one buffer, the last one copied out
	most := 0
	for _, p := range path {
		most = max(most, int(p.pre)+len(p.src)+int(p.suf))
	}
	buf := make([]byte, 2*most)
	halves := [2][]byte{buf[:0:most], buf[most : most : 2*most]}
	b := x.src
	for i := len(path) - 1; i > 0; i-- {
		b = rebuild(halves[i%2], path[i], b)
	}
	return rebuild(make([]byte, 0, int(d.pre)+len(d.src)+int(d.suf)), d, b)
}

// replacedBy turns d, a resource's current state that next (a whole state) replaces, into a
// delta against next, or keeps it whole when *chain deltas already precede it (or when the
// delta would not be smaller); *chain counts the resource's replaced states kept as deltas since
// the last whole one. It also sheds what d decoded and rendered. The JSON buffer a delta no
// longer needs goes to e for reuse, unless what d built from it shares its bytes (a parsed
// alarm's strings). Caller holds the state lock.
func (d *docState) replacedBy(next *docState, chain *uint8, e *encoder) {
	shared := d.c != nil && d.c.shared
	d.shed()
	if d.next != nil || next.next != nil {
		return // not a whole state: never happens, the current state is whole
	}
	a, b := d.src, next.src
	n := min(len(a), len(b))
	pre := 0
	for pre+8 <= n && binary.LittleEndian.Uint64(a[pre:]) == binary.LittleEndian.Uint64(b[pre:]) {
		pre += 8
	}
	for pre < n && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf+8 <= n-pre && binary.LittleEndian.Uint64(a[len(a)-suf-8:]) == binary.LittleEndian.Uint64(b[len(b)-suf-8:]) {
		suf += 8
	}
	for suf < n-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	mid := len(a) - pre - suf
	if int(*chain) >= maxDeltaChain || mid+16 >= len(a) {
		*chain = 0
		return
	}
	*chain++
	var src []byte
	if mid > 0 {
		src = append([]byte(nil), a[pre:pre+mid]...)
	}
	if !shared {
		e.release(d.src)
	}
	d.src, d.next, d.pre, d.suf = src, next, int32(pre), int32(suf)
}
