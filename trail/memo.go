package trail

import (
	"bytes"
	"math"
	"reflect"

	"github.com/watchsim/watchsim/bus"
)

// Most calls are like the one before them: the same operation by the same caller with the same
// parameters (a test's loop, a poller, an alarm put again). Their records differ only in their
// per-call pieces (the event time, the requestID, the eventID). A builder's scratch remembers the
// last management record it built in full — its JSON with the pieces cut out, where they go, its
// LookupEvents resources — under everything the record is made of besides the pieces (the call's
// fields and its parameters). A call that matches is written from the memo: its parameters are
// compared — member by member when its input and output are flat, else as written —, nothing else
// is written.
//
// Each memo has a generation, unique within its Builder. A record written from a memo carries the
// memo's generation, so Event history knows, without comparing them, that two records with the
// same generation have the same skeleton.

// memoKey is what a record is made of besides its parameters and its per-call pieces.
type memoKey struct {
	source, name, region, recipient, errorCode, errorMessage string
	readOnly                                                 bool
	id                                                       bus.Identity
	// the type of the request parameters, whose Go fields give the LookupEvents resources
	reqType reflect.Type
}

// recordMemo is the last record a scratch built in full (management events without a redaction
// policy only).
type recordMemo struct {
	ok     bool
	key    memoKey
	params []byte // requestParameters then responseElements, as written
	reqN   int    // the length of the requestParameters part
	cut    []byte // the record's JSON without its pieces
	holes  [maxHoles]skelHole
	nholes int
	res    []Resource
	gen    uint64
	// the request's and the response's members when they are flat (flatValues), else not kept
	req, resp flatValues
}

// flatValues are the written members of a flat input or output — a pointer to a struct whose
// written members are all strings, bools and numbers, which the encoder writes from their values
// alone — kept so that the next call's are compared with them without being written. Strings are
// kept as strings (compared by content); numbers by their bits (so -0 and 0 differ, as written).
type flatValues struct {
	kept bool
	t    reflect.Type // the pointer type, nil for a nil value
	fs   []field
	strs []string
	nums []uint64
}

// flatFields returns the struct a flat value v points to and its members, from sc's top-level type
// of slot (which encodeParams has just set from v); ok is false for any other v.
func flatFields(v any, sc *scratch, slot int) (rv reflect.Value, fs []field, ok bool) {
	top := &sc.types.top[slot]
	if top.t == nil || reflect.TypeOf(v) != top.t || !top.flat {
		return rv, nil, false
	}
	rv = reflect.ValueOf(v)
	if rv.IsNil() {
		return rv, nil, false
	}
	return rv.Elem(), top.fs, true
}

// keep notes v's members (v nil, or flat with encodeParams having just written it from slot).
func (f *flatValues) keep(v any, sc *scratch, slot int) {
	f.kept, f.t, f.fs = false, nil, nil
	if v == nil {
		f.kept = true
		return
	}
	rv, fs, ok := flatFields(v, sc, slot)
	if !ok {
		return
	}
	f.kept, f.t, f.fs = true, reflect.TypeOf(v), fs
	f.strs, f.nums = f.strs[:0], f.nums[:0]
	for _, fd := range fs {
		fv := rv.Field(fd.index)
		if fd.kind == reflect.String {
			f.strs = append(f.strs, fv.String())
		} else {
			f.nums = append(f.nums, numBits(fv, fd.kind))
		}
	}
}

// same reports whether v has the kept members (and so is written as the kept value was).
func (f *flatValues) same(v any) bool {
	if !f.kept {
		return false
	}
	if f.t == nil || v == nil {
		return v == nil && f.t == nil
	}
	if reflect.TypeOf(v) != f.t {
		return false
	}
	rv := reflect.ValueOf(v)
	if rv.IsNil() {
		return false
	}
	rv = rv.Elem()
	si, ni := 0, 0
	for _, fd := range f.fs {
		fv := rv.Field(fd.index)
		if fd.kind == reflect.String {
			if fv.String() != f.strs[si] {
				return false
			}
			si++
		} else {
			if numBits(fv, fd.kind) != f.nums[ni] {
				return false
			}
			ni++
		}
	}
	return true
}

// numBits returns a bool's or a number's value as 64 bits (a float's IEEE bits).
func numBits(v reflect.Value, k reflect.Kind) uint64 {
	switch k {
	case reflect.Bool:
		if v.Bool() {
			return 1
		}
		return 0
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return uint64(v.Int())
	case reflect.Float32, reflect.Float64:
		return math.Float64bits(v.Float())
	}
	return v.Uint()
}

// sameFlat reports whether call, whose memo key is the memo's, writes the memo's record: its input
// and output (unless they are not written: read-only calls and failures) have the kept members.
func (m *recordMemo) sameFlat(call *bus.APICall) bool {
	return m.req.same(call.RequestParameters) && (call.ErrorCode != "" || call.ReadOnly || m.resp.same(call.ResponseElements))
}

// keyOf returns the memo key of call.
func keyOf(call *bus.APICall) memoKey {
	return memoKey{source: call.EventSource, name: call.EventName, region: call.AWSRegion, recipient: call.RecipientAccountID,
		errorCode: call.ErrorCode, errorMessage: call.ErrorMessage, readOnly: call.ReadOnly, id: call.Identity,
		reqType: reflect.TypeOf(call.RequestParameters)}
}

// matches reports whether a call with key k and parameters params (reqN bytes of them the
// request's) writes the memo's record.
func (m *recordMemo) matches(k *memoKey, params []byte, reqN int) bool {
	return m.ok && m.reqN == reqN && *k == m.key && bytes.Equal(m.params, params)
}

// write writes the memo's record with the pieces of a call, marking them in hs: eventTime (and
// an assumed role's creationDate) timeJSON, then requestID and eventID (parsed in hs).
func (m *recordMemo) write(b []byte, timeJSON []byte, requestID, eventID string, hs *holes) []byte {
	at := uint32(0)
	for _, h := range m.holes[:m.nholes] {
		b = append(b, m.cut[at:h.at]...)
		at = h.at
		start := len(b)
		switch h.kind {
		case holeTime:
			b = append(b, timeJSON...)
		case holeRequestID:
			b = appendParsedID(b, requestID, hs.requestUOK)
		case holeEventID:
			b = appendParsedID(b, eventID, hs.eventUOK)
		}
		hs.mark(h.kind, start, len(b))
	}
	return append(b, m.cut[at:]...)
}

// save makes the record js, with pieces hs, key k, parameters params (reqN bytes of the request's)
// and resources res the memo, under a new generation of bd.
func (m *recordMemo) save(bd *Builder, k *memoKey, params []byte, reqN int, js []byte, hs *holes, res []Resource) {
	m.ok, m.key, m.reqN = true, *k, reqN
	m.params = append(m.params[:0], params...)
	m.cut = appendCut(m.cut[:0], js, hs)
	m.nholes = hs.n
	cut := uint32(0)
	for i, h := range hs.list[:hs.n] {
		m.holes[i] = skelHole{at: h.start - cut, kind: h.kind}
		cut += h.end - h.start
	}
	m.res = append(m.res[:0], res...)
	m.gen = bd.gens.Add(1)
	hs.gen = m.gen
}

// keepFlat notes call's input and output members when they are flat (encodeParams has just written
// them, from slots 0 and 1).
func (m *recordMemo) keepFlat(call *bus.APICall, sc *scratch) {
	m.req.keep(call.RequestParameters, sc, 0)
	if call.ErrorCode != "" || call.ReadOnly {
		m.resp = flatValues{strs: m.resp.strs[:0], nums: m.resp.nums[:0]} // not written: never compared
		return
	}
	m.resp.keep(call.ResponseElements, sc, 1)
}

// recordJSON returns the JSON of the record sc built last, with its pieces marked in hs, writing it
// from the memo if build left it there (lazy).
func (sc *scratch) recordJSON(hs *holes) []byte {
	if sc.lazy {
		sc.json = sc.memo.write(sc.json[:0], sc.timeJSON, hs.requestID, sc.lazyEventID, hs)
		sc.lazy = false
	}
	return sc.json
}
