package trail

import (
	"bytes"
	"reflect"

	"github.com/watchsim/watchsim/bus"
)

// Most calls are like the one before them: the same operation by the same caller with the same
// parameters (a test's loop, a poller, an alarm put again). Their records differ only in their
// per-call pieces (the event time, the requestID, the eventID). A builder's scratch remembers the
// last management record it built in full — its JSON with the pieces cut out, where they go, its
// LookupEvents resources — under everything the record is made of besides the pieces (the call's
// fields and its parameters as written). A call that matches is written from the memo: its
// parameters are still encoded (to be compared), nothing else is.
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

// recordJSON returns the JSON of the record sc built last, with its pieces marked in hs, writing it
// from the memo if build left it there (lazy).
func (sc *scratch) recordJSON(hs *holes) []byte {
	if sc.lazy {
		sc.json = sc.memo.write(sc.json[:0], sc.timeJSON, hs.requestID, sc.lazyEventID, hs)
		sc.lazy = false
	}
	return sc.json
}
