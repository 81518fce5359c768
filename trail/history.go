package trail

import (
	"bytes"
	"encoding/binary"
	"hash/maphash"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/watchsim/watchsim/internal/uuidv4"
)

// history is Event history: events in time order (the bus clock never goes back), stored compactly
// (store.go), and per lookup attribute the positions of the events with each value, so a lookup by
// attribute reads only its own events. Everything it holds per event is pointer-free.
type history struct {
	events segList[histEvent]
	// base is the absolute position of events[0]: events older than the retention are dropped in
	// batches (once they are half of the history), and NextToken positions stay absolute across
	// that. The index positions are relative to events and rebuilt when it is cut.
	base int
	// delay is how long after it happens LookupEvents shows an event (WithLookupDelay).
	delay time.Duration
	// pin, when set, returns the absolute position of the oldest event a trail has still to write
	// to a log file: a cut never goes past it.
	pin func() int

	pieces chunkStore // per event whose ids are not both UUIDs: its eventID and requestID
	blobs  chunkStore // per skeleton: its blob
	skels  []skeleton
	byHash map[uint64]int32 // hash of a blob → the newest skeleton with that hash
	seed   maphash.Seed

	// lists[l] are the positions of the events with one attribute value; listOf[k][v] is the list
	// of value v of lookup attribute k (1–7: EventId, unique per event, has byID instead).
	lists     []posList
	listOf    [8]map[string]int32
	skelLists []int32 // the lists each skeleton's events join (skeleton.listsFrom to listsTo)
	// byID finds an event by EventId: one small open-addressing table per segBlock events (it
	// stays in cache while its block fills, where one table for all events would cost a cache miss
	// per event); a lookup probes every block's table, newest first.
	byID [][]uint32

	last    lastShape
	scratch []byte
}

// histEvent is a stored event: 44 bytes, no pointer. LookupEvents shows it from visible(unix) on.
type histEvent struct {
	lo, hi uint32   // eventTime, Unix seconds (low and high halves: no 8-byte alignment padding)
	skel   uint32   // its skeleton, with extIDs when its ids are in history.pieces
	ids    [32]byte // eventID and requestID as 16 bytes each; with extIDs, the reference and length of its pieces
}

// extIDs marks an event whose ids are not both UUIDs.
const extIDs = 1 << 31

func (e *histEvent) unix() int64 { return int64(uint64(e.hi)<<32 | uint64(e.lo)) }

func (e *histEvent) setUnix(u int64) { e.lo, e.hi = uint32(u), uint32(uint64(u)>>32) }

// skelID returns e's skeleton.
func (e *histEvent) skelID() uint32 { return e.skel &^ extIDs }

// idsOf returns the stored forms of e's eventID and requestID.
func (h *history) idsOf(e *histEvent) eventIDs {
	if e.skel&extIDs == 0 {
		return eventIDs{event: e.ids[:16], request: e.ids[16:], eventUUID: true, requestUUID: true}
	}
	return splitPieces(h.pieces.get(binary.LittleEndian.Uint64(e.ids[:8]), binary.LittleEndian.Uint32(e.ids[8:12])))
}

// setIDs stores the ids of e (eventID, and hs's requestID, both parsed in hs): in e when both are
// UUIDs, else as pieces.
func (h *history) setIDs(e *histEvent, eventID string, hs *holes) {
	if hs.eventUOK && hs.requestUOK {
		copy(e.ids[:16], hs.eventU[:])
		copy(e.ids[16:], hs.requestU[:])
		return
	}
	h.scratch = appendPieces(h.scratch[:0], eventID, hs.requestID)
	h.setPieces(e, h.scratch)
}

// setPieces stores pieces p for e.
func (h *history) setPieces(e *histEvent, p []byte) {
	e.skel |= extIDs
	binary.LittleEndian.PutUint64(e.ids[:8], h.pieces.put(p))
	binary.LittleEndian.PutUint32(e.ids[8:12], uint32(len(p)))
}

// skeleton is a stored skeleton (store.go).
type skeleton struct {
	blob      uint64 // reference in history.blobs
	n, jsonN  uint32 // blob length, JSON part length
	holes     [maxHoles]skelHole
	nholes    uint8
	next      int32  // an older skeleton whose blob has the same hash, -1 for none
	listsFrom uint32 // skelLists[listsFrom:listsTo]
	listsTo   uint32
}

// visible returns when LookupEvents may show an event of time unix: (eventTime + delay).Unix(),
// the event time being whole seconds and the delay not negative.
func (h *history) visible(unix int64) int64 { return unix + int64(h.delay/time.Second) }

// init empties h (the hash seed stays, so do base, delay and pin).
func (h *history) init() {
	if h.seed == (maphash.Seed{}) {
		h.seed = maphash.MakeSeed()
	}
	h.events = segList[histEvent]{}
	h.pieces, h.blobs = newChunkStore(), newChunkStore()
	h.skels, h.skelLists, h.lists = nil, nil, nil
	h.byHash = map[uint64]int32{}
	for i := 1; i < len(h.listOf); i++ {
		h.listOf[i] = map[string]int32{}
	}
	h.byID = nil
	h.last.ok = false
}

// byGen reports whether a record with pieces hs has the last skeleton by its memo generation
// (memo.go): add does not ask for its JSON then. (Generations are unique within a Builder: every
// record a history stores comes from its Service's one Builder.)
func (h *history) byGen(hs *holes) bool { return hs.gen != 0 && h.last.ok && h.last.gen == hs.gen }

// add stores rec, with the per-call pieces hs, and returns its absolute position. Its JSON is js,
// or, when sc is not nil, the record sc built last, which Event history asks sc for only when the
// skeleton is not the last one by generation (memo.go): sc writes it then if it left it in its memo.
func (h *history) add(rec *Record, sc *scratch, js []byte, hs *holes) int {
	cut := rec.EventTime.Add(-HistoryRetention - h.delay).Unix()
	if n := h.events.n; n > 1024 && h.events.at(n/2).unix() < cut {
		h.prune(cut)
	}
	// Like calls come in runs: the last skeleton is compared in place first (its fields, then its
	// JSON), and the blob is written and hashed only when it differs.
	// A record of the last skeleton's memo generation has that skeleton (memo.go).
	// (After the cut above no skeleton is the last one: the JSON is asked for then.)
	var sk uint32
	byGen := h.byGen(hs)
	if !byGen && sc != nil {
		js = sc.recordJSON(hs)
	}
	if byGen ||
		h.last.same(hs, rec) && sameCut(h.blobs.get(h.skels[h.last.skel].blob, h.skels[h.last.skel].jsonN), js, hs) {
		sk = h.last.skel
	} else {
		h.scratch = appendCut(h.scratch[:0], js, hs)
		jsonN := len(h.scratch)
		h.scratch = appendMeta(h.scratch, hs, rec)
		sk = h.intern(h.scratch, uint32(jsonN))
		h.last.set(sk, hs, rec)
	}
	h.last.gen = hs.gen
	e := histEvent{skel: sk}
	e.setUnix(rec.EventTime.Unix())
	if !hs.parsed {
		hs.setIDs(rec.EventID, hs.requestID)
	}
	h.setIDs(&e, rec.EventID, hs)
	h.push(&e)
	return h.base + h.events.n - 1
}

// lastShape is what the skeleton stored last was made of besides its JSON: the fields appendMeta
// writes, kept as they are so that the next record is compared without writing its blob.
type lastShape struct {
	ok                              bool
	skel                            uint32
	gen                             uint64 // the memo generation of the last record stored, 0 for none
	holes                           [maxHoles]hole
	nholes                          int
	category                        Category
	name, source, user, accessKeyID string
	readOnly                        bool
	resources                       []Resource
}

// same reports whether a record with pieces hs and fields rec has the last skeleton's fields
// (its JSON is compared apart).
func (l *lastShape) same(hs *holes, rec *Record) bool {
	if !l.ok || l.nholes != hs.n || l.category != rec.Category || l.readOnly != rec.ReadOnly || l.name != rec.EventName ||
		l.source != rec.EventSource || l.user != rec.Username || l.accessKeyID != rec.AccessKeyID ||
		!slices.Equal(l.resources, rec.Resources) {
		return false
	}
	// Holes at the same places of the cut JSON: the same starts less the earlier holes' lengths.
	cutL, cutR := 0, 0
	for i := range hs.n {
		a, b := l.holes[i], hs.list[i]
		if a.kind != b.kind || int(a.start)-cutL != int(b.start)-cutR {
			return false
		}
		cutL += int(a.end - a.start)
		cutR += int(b.end - b.start)
	}
	return true
}

// set makes the skeleton sk, of a record with pieces hs and fields rec, the last one.
func (l *lastShape) set(sk uint32, hs *holes, rec *Record) {
	*l = lastShape{ok: true, skel: sk, holes: hs.list, nholes: hs.n, category: rec.Category, name: rec.EventName,
		source: rec.EventSource, user: rec.Username, accessKeyID: rec.AccessKeyID, readOnly: rec.ReadOnly,
		resources: append(l.resources[:0], rec.Resources...)}
}

// push appends e and indexes it.
func (h *history) push(e *histEvent) {
	pos := int32(h.events.n)
	h.events.push(*e)
	s := &h.skels[e.skelID()]
	for _, l := range h.skelLists[s.listsFrom:s.listsTo] {
		h.lists[l].add(pos)
	}
	if ids := h.idsOf(e); ids.eventUUID || len(ids.event) > 0 {
		h.putID(pos, ids.event, ids.eventUUID)
	}
}

// intern returns the skeleton of blob (JSON part jsonN bytes), storing it if it is new.
func (h *history) intern(blob []byte, jsonN uint32) uint32 {
	hv := maphash.Bytes(h.seed, blob)
	head, ok := h.byHash[hv]
	if ok {
		for id := head; id >= 0; id = h.skels[id].next {
			s := &h.skels[id]
			if s.jsonN == jsonN && s.n == uint32(len(blob)) && bytes.Equal(h.blobs.get(s.blob, s.n), blob) {
				return uint32(id)
			}
		}
	} else {
		head = -1
	}
	s := skeleton{blob: h.blobs.put(blob), n: uint32(len(blob)), jsonN: jsonN, next: head}
	m := decodeSkeleton(blob, jsonN)
	s.nholes = uint8(copy(s.holes[:], m.holes))
	s.listsFrom = uint32(len(h.skelLists))
	join := func(k int, v string) {
		if v == "" {
			return
		}
		l, ok := h.listOf[k][v]
		if !ok {
			l = int32(len(h.lists))
			h.lists = append(h.lists, posList{})
			h.listOf[k][v] = l
		}
		if !slices.Contains(h.skelLists[s.listsFrom:], l) {
			h.skelLists = append(h.skelLists, l)
		}
	}
	join(1, m.name)
	join(2, strconv.FormatBool(m.readOnly))
	join(3, m.user)
	for _, r := range m.resources {
		join(4, r.ResourceType)
		join(5, r.ResourceName)
	}
	join(6, m.source)
	join(7, m.accessKeyID)
	s.listsTo = uint32(len(h.skelLists))
	id := int32(len(h.skels))
	h.skels = append(h.skels, s)
	h.byHash[hv] = id
	return uint32(id)
}

// eventID returns the stored form of the EventId of the event at relative position pos.
func (h *history) eventID(pos int32) (id []byte, uuid bool) {
	ids := h.idsOf(h.events.at(int(pos)))
	return ids.event, ids.eventUUID
}

// sameID reports whether the event at pos has the EventId whose stored form is id.
func (h *history) sameID(pos int32, id []byte, uuid bool) bool {
	got, gotUUID := h.eventID(pos)
	return gotUUID == uuid && bytes.Equal(got, id)
}

// An EventId table slot holds the hash's tag (its low idTagBits bits; the high bits pick the
// first slot) and the event's position in the block plus one, 0 being a free slot. Inserting reads
// no event unless two tags are equal.
const (
	idSlots   = 2 * segBlock // a block's table is at most half full
	idPosBits = 13           // segBlock+1 fits
	idTagBits = 32 - idPosBits
)

// putID makes id (a stored form) find the event at pos (a repeated id finds the newer event).
func (h *history) putID(pos int32, id []byte, uuid bool) {
	k, local := int(pos)/segBlock, uint32(pos)%segBlock
	for len(h.byID) <= k { // (a block whose events had no id has an empty table)
		h.byID = append(h.byID, make([]uint32, idSlots))
	}
	t := h.byID[k]
	hv := maphash.Bytes(h.seed, id)
	tag := uint32(hv) & (1<<idTagBits - 1)
	for i := hv >> 32 % idSlots; ; i = (i + 1) % idSlots {
		v := t[i]
		if v == 0 {
			t[i] = tag<<idPosBits | (local + 1)
			return
		}
		if v>>idPosBits == tag && h.sameID(int32(k*segBlock)+int32(v&(1<<idPosBits-1))-1, id, uuid) {
			t[i] = tag<<idPosBits | (local + 1)
			return
		}
	}
}

// findID returns the relative position of the newest event with EventId id.
func (h *history) findID(s string) (int32, bool) {
	id, uuid := []byte(s), false
	if u, ok := uuidv4.Parse(s); ok {
		id, uuid = u[:], true
	}
	hv := maphash.Bytes(h.seed, id)
	tag := uint32(hv) & (1<<idTagBits - 1)
	for k := len(h.byID) - 1; k >= 0; k-- {
		t := h.byID[k]
		for i := hv >> 32 % idSlots; t[i] != 0; i = (i + 1) % idSlots {
			v := t[i]
			if p := int32(k*segBlock) + int32(v&(1<<idPosBits-1)) - 1; v>>idPosBits == tag && h.sameID(p, id, uuid) {
				return p, true
			}
		}
	}
	return 0, false
}

// list returns the positions of the events whose attribute k has value v, nil for none.
func (h *history) list(k int, v string) *posList {
	if k == 0 {
		if p, ok := h.findID(v); ok {
			var l posList
			l.add(p)
			return &l
		}
		return nil
	}
	if l, ok := h.listOf[k][v]; ok {
		return &h.lists[l]
	}
	return nil
}

// prune drops the events older than cut (no lookup can show them any more) and not pinned, and
// rebuilds the stores and indexes over the rest: O(kept) work once per halving, O(1) amortised
// per event. It does nothing when that would keep more than half.
func (h *history) prune(cut int64) {
	i := sort.Search(h.events.n, func(i int) bool { return h.events.at(i).unix() >= cut })
	if h.pin != nil {
		i = max(min(i, h.pin()-h.base), 0)
	}
	if i < h.events.n/2 {
		return
	}
	old := *h
	h.init()
	h.base = old.base + i
	remap := make([]int32, len(old.skels))
	for j := range remap {
		remap[j] = -1
	}
	for j := i; j < old.events.n; j++ {
		e := *old.events.at(j)
		sk := e.skelID()
		if remap[sk] < 0 {
			s := &old.skels[sk]
			remap[sk] = int32(h.intern(old.blobs.get(s.blob, s.n), s.jsonN))
		}
		ext := e.skel & extIDs
		e.skel = uint32(remap[sk])
		if ext != 0 {
			h.setPieces(&e, old.pieces.get(binary.LittleEndian.Uint64(e.ids[:8]), binary.LittleEndian.Uint32(e.ids[8:12])))
		}
		h.push(&e)
	}
}

// at returns the event at absolute position pos, or nil when it was dropped.
func (h *history) at(pos int) *histEvent {
	if pos < h.base || pos >= h.base+h.events.n {
		return nil
	}
	return h.events.at(pos - h.base)
}

// render appends the JSON of e.
func (h *history) render(dst []byte, e *histEvent) []byte {
	s := &h.skels[e.skelID()]
	return renderJSON(dst, h.blobs.get(s.blob, s.jsonN), s.holes[:s.nholes], e.unix(), h.idsOf(e))
}

// eventMemo carries what the events of one lookup share: the last skeleton's decoded fields and
// a buffer the records are rendered in.
type eventMemo struct {
	skel uint32
	meta *skelMeta
	buf  []byte
}

// event returns e as LookupEvents returns it.
func (h *history) event(e *histEvent, memo *eventMemo) Event {
	s := &h.skels[e.skelID()]
	if memo.meta == nil || memo.skel != e.skelID() {
		m := decodeSkeleton(h.blobs.get(s.blob, s.n), s.jsonN)
		memo.skel, memo.meta = e.skelID(), &m
	}
	m := memo.meta
	var idBuf [36]byte
	ids := h.idsOf(e)
	id := ids.event
	if ids.eventUUID {
		id = uuidv4.AppendBytes(idBuf[:0], (*[16]byte)(id))
	}
	res := make([]Resource, len(m.resources))
	copy(res, m.resources)
	memo.buf = h.render(memo.buf[:0], e)
	return Event{EventID: string(id), EventName: m.name, ReadOnly: strconv.FormatBool(m.readOnly), AccessKeyID: m.accessKeyID,
		EventTime: time.Unix(e.unix(), 0).UTC(), EventSource: m.source, Username: m.user, Resources: res, CloudTrailEvent: string(memo.buf)}
}
