package trail

import (
	"bytes"
	"encoding/binary"
	"time"

	"github.com/watchsim/watchsim/internal/uuidv4"
)

// How Event history keeps a record (90 days of calls: hundreds of thousands of records in a
// long test) without making the heap grow by kilobytes of pointerful objects per call:
//
//   - A record's JSON is cut into its skeleton — everything but the per-call pieces (the holes:
//     the event time, the requestID, the eventID) — and those pieces. Calls that differ only in
//     their pieces (the same operation, caller and parameters) share one stored skeleton.
//   - A skeleton is stored once, with what LookupEvents returns besides the JSON (event name,
//     source, user name, access key, resources, readOnly) and where its holes are, as one blob of
//     bytes in a chunk store; an event is a fixed-size entry: its time, its skeleton's number and
//     its pieces (the eventID and the requestID, 16 bytes each when they are UUIDs; other ids go
//     to another chunk store).
//   - Chunks are large []byte: the garbage collector never scans them, and a stored record never
//     moves. LookupEvents and log-file delivery render a record's JSON on demand, byte for byte
//     what the builder wrote.

// holeKind names a per-call piece of a record's JSON.
type holeKind uint8

const (
	holeTime      holeKind = iota // eventTime, and an assumed role's creationDate: the event time, quoted
	holeRequestID                 // the quoted requestID
	holeEventID                   // the quoted eventID
)

// maxHoles is the most pieces a record has (two times, the requestID and the eventID).
const maxHoles = 4

type hole struct {
	start, end uint32 // in the JSON the builder wrote
	kind       holeKind
}

// holes are the per-call pieces the builder marked while writing a record.
type holes struct {
	list      [maxHoles]hole
	n         int
	requestID string // the record's requestID (truncated as written)
	// the ids' 16 bytes when they are canonical UUIDs (parsed once, by setIDs)
	parsed               bool
	eventU, requestU     [16]byte
	eventUOK, requestUOK bool
	// gen is the memo generation of the record (memo.go), 0 for none: two records of the same
	// generation have the same skeleton.
	gen uint64
}

// setIDs notes a record's requestID (truncated as written) and eventID, parsed.
func (hs *holes) setIDs(eventID, requestID string) {
	hs.requestID = requestID
	hs.eventU, hs.eventUOK = uuidv4.Parse(eventID)
	hs.requestU, hs.requestUOK = uuidv4.Parse(requestID)
	hs.parsed = true
}

// appendParsedID writes id, ok when it parsed as a canonical UUID, as a JSON string: a canonical UUID has nothing to
// escape.
func appendParsedID(b []byte, id string, ok bool) []byte {
	if !ok {
		return appendString(b, id)
	}
	b = append(b, '"')
	b = append(b, id...)
	return append(b, '"')
}

// mark notes the piece b[start:end] of kind; a nil hs marks nothing. A piece beyond maxHoles (none
// is written) would stay in the skeleton, which is still exact.
func (hs *holes) mark(kind holeKind, start, end int) {
	if hs == nil || hs.n == maxHoles {
		return
	}
	hs.list[hs.n] = hole{start: uint32(start), end: uint32(end), kind: kind}
	hs.n++
}

// storeChunk is the size of a chunk of a chunkStore; larger values get a chunk of their own.
const storeChunk = 1 << 20

// chunkStore is an append-only byte store in large pointer-free chunks. A value is addressed by
// its reference (chunk number << 32 | offset) and its length.
type chunkStore struct {
	bufs [][]byte
	cur  int // the chunk small values go to; -1 before the first
}

func newChunkStore() chunkStore { return chunkStore{cur: -1} }

// put stores p and returns its reference.
func (c *chunkStore) put(p []byte) uint64 {
	if len(p) > storeChunk/4 {
		c.bufs = append(c.bufs, append(make([]byte, 0, len(p)), p...))
		return uint64(len(c.bufs)-1) << 32
	}
	if c.cur < 0 || cap(c.bufs[c.cur])-len(c.bufs[c.cur]) < len(p) {
		c.bufs = append(c.bufs, make([]byte, 0, storeChunk))
		c.cur = len(c.bufs) - 1
	}
	b := c.bufs[c.cur]
	off := len(b)
	c.bufs[c.cur] = append(b, p...)
	return uint64(c.cur)<<32 | uint64(off)
}

// get returns the n bytes stored at ref (not to be changed).
func (c *chunkStore) get(ref uint64, n uint32) []byte {
	off := uint32(ref)
	return c.bufs[ref>>32][off : off+n : off+n]
}

// skeleton blob layout: the JSON with the holes cut out, then
//
//	uvarint hole count, per hole: uvarint offset in the cut JSON, kind byte
//	category, event name, event source, user name, access key id: uvarint length + bytes
//	readOnly byte
//	uvarint resource count, per resource: type and name, uvarint length + bytes
//
// Two records with equal blobs render the same JSON (with their own pieces) and have the same
// LookupEvents fields.

// appendCut writes js without its pieces.
func appendCut(dst, js []byte, hs *holes) []byte {
	p := 0
	for _, h := range hs.list[:hs.n] {
		dst = append(dst, js[p:h.start]...)
		p = int(h.end)
	}
	return append(dst, js[p:]...)
}

// cutLen is the length of js without its pieces.
func cutLen(js []byte, hs *holes) int {
	n := len(js)
	for _, h := range hs.list[:hs.n] {
		n -= int(h.end - h.start)
	}
	return n
}

// sameCut reports whether cut is js without its pieces.
func sameCut(cut, js []byte, hs *holes) bool {
	if len(cut) != cutLen(js, hs) {
		return false
	}
	p, off := 0, 0
	for _, h := range hs.list[:hs.n] {
		seg := js[p:h.start]
		if !bytes.Equal(cut[off:off+len(seg)], seg) {
			return false
		}
		off += len(seg)
		p = int(h.end)
	}
	return bytes.Equal(cut[off:], js[p:])
}

// appendMeta writes the tail of the skeleton blob: the holes and the LookupEvents fields.
func appendMeta(dst []byte, hs *holes, rec *Record) []byte {
	dst = binary.AppendUvarint(dst, uint64(hs.n))
	cut := 0
	for _, h := range hs.list[:hs.n] {
		// The hole's place in the cut JSON: its start less what the earlier holes took out.
		dst = binary.AppendUvarint(dst, uint64(int(h.start)-cut))
		dst = append(dst, byte(h.kind))
		cut += int(h.end - h.start)
	}
	dst = appendStr(dst, string(rec.Category))
	dst = appendStr(dst, rec.EventName)
	dst = appendStr(dst, rec.EventSource)
	dst = appendStr(dst, rec.Username)
	dst = appendStr(dst, rec.AccessKeyID)
	if rec.ReadOnly {
		dst = append(dst, 1)
	} else {
		dst = append(dst, 0)
	}
	dst = binary.AppendUvarint(dst, uint64(len(rec.Resources)))
	for _, r := range rec.Resources {
		dst = appendStr(dst, r.ResourceType)
		dst = appendStr(dst, r.ResourceName)
	}
	return dst
}

func appendStr(dst []byte, s string) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(s)))
	return append(dst, s...)
}

// skelHole is a hole of a stored skeleton.
type skelHole struct {
	at   uint32 // offset in the skeleton's JSON part
	kind holeKind
}

// skelMeta is a skeleton's decoded tail: its holes and its LookupEvents fields.
type skelMeta struct {
	holes                                     []skelHole
	category, name, source, user, accessKeyID string
	readOnly                                  bool
	resources                                 []Resource
}

// blobReader reads the tail of a skeleton blob (which this package wrote: no error cases).
type blobReader struct{ b []byte }

func (r *blobReader) uvarint() int {
	v, n := binary.Uvarint(r.b)
	r.b = r.b[n:]
	return int(v)
}

func (r *blobReader) str() string {
	n := r.uvarint()
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

// decodeSkeleton reads the tail of a blob whose JSON part is jsonN bytes long.
func decodeSkeleton(blob []byte, jsonN uint32) skelMeta {
	r := blobReader{blob[jsonN:]}
	var m skelMeta
	m.holes = make([]skelHole, r.uvarint())
	for i := range m.holes {
		m.holes[i].at = uint32(r.uvarint())
		m.holes[i].kind = holeKind(r.b[0])
		r.b = r.b[1:]
	}
	m.category, m.name, m.source, m.user, m.accessKeyID = r.str(), r.str(), r.str(), r.str(), r.str()
	m.readOnly = r.b[0] == 1
	r.b = r.b[1:]
	if n := r.uvarint(); n > 0 {
		m.resources = make([]Resource, n)
		for i := range m.resources {
			m.resources[i] = Resource{ResourceType: r.str(), ResourceName: r.str()}
		}
	}
	return m
}

// An event's pieces are its eventID and requestID. When both are UUIDs in the canonical lower-case
// form (as the bus writes them) the event entry holds their 32 bytes; else they are stored in a
// chunk store, each as 16 bytes when it is a UUID or as its length and bytes, after a flag byte
// (bit 0 for a 16-byte eventID, bit 1 for a 16-byte requestID).

// appendPieces writes an event's pieces.
func appendPieces(dst []byte, eventID, requestID string) []byte {
	at := len(dst)
	dst = append(dst, 0)
	var flag byte
	dst, flag = appendID(dst, eventID, 1)
	dst[at] |= flag
	dst, flag = appendID(dst, requestID, 2)
	dst[at] |= flag
	return dst
}

// appendID writes one id of the pieces; flag is returned when it is stored as 16 bytes.
func appendID(dst []byte, id string, flag byte) ([]byte, byte) {
	if u, ok := uuidv4.Parse(id); ok {
		return append(dst, u[:]...), flag
	}
	return appendStr(dst, id), 0
}

// eventIDs are the stored forms of an event's eventID and requestID: 16 bytes for a UUID (the
// flag set), else the id's bytes.
type eventIDs struct {
	event, request         []byte
	eventUUID, requestUUID bool
}

// splitPieces returns the ids of stored pieces.
func splitPieces(p []byte) eventIDs {
	flag := p[0]
	p = p[1:]
	var ids eventIDs
	ids.eventUUID, ids.requestUUID = flag&1 != 0, flag&2 != 0
	ids.event, p = storedID(p, ids.eventUUID)
	ids.request, _ = storedID(p, ids.requestUUID)
	return ids
}

func storedID(p []byte, uuid bool) (id, rest []byte) {
	if uuid {
		return p[:16], p[16:]
	}
	n, k := binary.Uvarint(p)
	return p[k : k+int(n)], p[k+int(n):]
}

// appendStoredID writes a stored id as the JSON string of the id.
func appendStoredID(dst, id []byte, uuid bool) []byte {
	if !uuid {
		return appendQuoted(dst, id)
	}
	dst = append(dst, '"')
	dst = uuidv4.AppendBytes(dst, (*[16]byte)(id))
	return append(dst, '"')
}

// renderJSON writes the record whose skeleton's JSON part is js, with holes hs, event time unix
// and ids.
func renderJSON(dst, js []byte, hs []skelHole, unix int64, ids eventIDs) []byte {
	at := uint32(0)
	for _, h := range hs {
		dst = append(dst, js[at:h.at]...)
		at = h.at
		switch h.kind {
		case holeTime:
			dst = appendTime(dst, time.Unix(unix, 0).UTC())
		case holeRequestID:
			dst = appendStoredID(dst, ids.request, ids.requestUUID)
		case holeEventID:
			dst = appendStoredID(dst, ids.event, ids.eventUUID)
		}
	}
	return append(dst, js[at:]...)
}

// segBlock is the number of elements of a full block of a segList.
const segBlock = 1 << 12

// segList is an append-only list in blocks: the first block grows (small lists stay small), then
// blocks of segBlock elements are added, so appending never copies more than one block and the
// list never needs one large allocation.
type segList[T any] struct {
	blocks [][]T
	n      int
}

// push appends v and returns where it is (valid until the next push: the first block moves while
// it grows).
func (l *segList[T]) push(v T) *T {
	k := 0
	if l.n < segBlock {
		if l.blocks == nil {
			l.blocks = [][]T{nil}
		}
	} else {
		if l.n%segBlock == 0 {
			l.blocks = append(l.blocks, make([]T, 0, segBlock))
		}
		k = len(l.blocks) - 1
	}
	b := append(l.blocks[k], v)
	l.blocks[k] = b
	l.n++
	return &b[len(b)-1]
}

// at returns a pointer to element i.
func (l *segList[T]) at(i int) *T { return &l.blocks[i/segBlock][i%segBlock] }
