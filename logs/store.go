package logs

import (
	"slices"
	"sort"
	"unsafe"
)

// The event store of one log stream.
//
// Events are kept in arrival order in two parallel columns — the timestamp (8 bytes) and a
// reference into the stream's message chunks (8 bytes) — so an event costs 16 bytes plus its
// message. Messages are copied into append-only byte chunks that are never written again once an
// event is stored, so a message is read as a string without copying (unsafe.String over the
// chunk). Ingestion time and the group-wide sequence number are kept once per PutLogEvents batch.
//
// Reads need the events in key order, (timestamp, sequence). Within a stream the sequence grows
// with arrival, so key order is (timestamp, arrival index); as long as every event arrives no
// earlier than the one before it (the common case) arrival order is key order and nothing else is
// kept. Otherwise the permutation is rebuilt lazily on the next read.

const (
	refLenBits   = 21 // message length < 2 MiB (events are at most 1 MiB)
	refOffBits   = 23 // offset in a chunk < 8 MiB
	maxChunkSize = 4 << 20
	minChunkSize = 4 << 10
	// eventOverhead is the 26 bytes AWS adds to each event's message size for the batch and event
	// size limits (PutLogEvents API reference), also used for storedBytes.
	eventOverhead = 26
)

type batchInfo struct {
	start  int   // arrival index of the batch's first event
	ingest int64 // ingestion time, epoch ms
	seq    uint64
}

type eventStore struct {
	ts      []int64
	ref     []uint64
	batches []batchInfo
	chunks  [][]byte
	lastTS  int64
	minTS   int64
	sorted  bool
	order   []int32 // arrival indices in key order when !sorted; nil = to rebuild
	bytes   int64   // Σ (message bytes + 26)
}

func newEventStore() eventStore { return eventStore{sorted: true} }

func (st *eventStore) len() int { return len(st.ts) }

// beginBatch records the ingestion time and the sequence number of the first event of a batch of
// events about to be appended.
func (st *eventStore) beginBatch(ingest int64, seq uint64) {
	st.batches = append(st.batches, batchInfo{start: len(st.ts), ingest: ingest, seq: seq})
}

// reserve makes room for n more events, doubling the columns' capacity when they grow (append
// alone grows large slices by a quarter, which copies the columns far more often).
func (st *eventStore) reserve(n int) {
	if need := len(st.ts) + n; need > cap(st.ts) {
		c := max(need, 2*cap(st.ts), 1024)
		st.ts = slices.Grow(st.ts, c-len(st.ts))
		st.ref = slices.Grow(st.ref, c-len(st.ref))
	}
}

// append stores one event; the caller has begun its batch.
func (st *eventStore) append(ts int64, msg string) {
	c := len(st.chunks) - 1
	if c < 0 || cap(st.chunks[c])-len(st.chunks[c]) < len(msg) {
		size := minChunkSize
		if c >= 0 {
			size = min(2*cap(st.chunks[c]), maxChunkSize)
		}
		for size < len(msg) {
			size *= 2
		}
		st.chunks = append(st.chunks, make([]byte, 0, size))
		c++
	}
	off := len(st.chunks[c])
	st.chunks[c] = append(st.chunks[c], msg...)
	st.ref = append(st.ref, uint64(c)<<(refOffBits+refLenBits)|uint64(off)<<refLenBits|uint64(len(msg)))
	if len(st.ts) == 0 || ts < st.minTS {
		st.minTS = ts
	}
	if len(st.ts) > 0 && ts < st.lastTS {
		st.sorted = false
	}
	st.order = nil
	st.lastTS = ts
	st.ts = append(st.ts, ts)
	st.bytes += int64(len(msg)) + eventOverhead
}

// message returns the message of the event at arrival index i, without copying. The string stays
// valid and unchanged for ever: chunk bytes are never written again once stored (expiry copies the
// surviving messages to new chunks and leaves the old ones to the garbage collector), so read
// paths hand these strings to callers as they are.
func (st *eventStore) message(i int) string {
	r := st.ref[i]
	n := int(r & (1<<refLenBits - 1))
	if n == 0 {
		return ""
	}
	off := int(r >> refLenBits & (1<<refOffBits - 1))
	c := st.chunks[r>>(refOffBits+refLenBits)]
	return unsafe.String(&c[off], n)
}

// batchOf returns the batch of the event at arrival index i.
func (st *eventStore) batchOf(i int) *batchInfo {
	k := sort.Search(len(st.batches), func(k int) bool { return st.batches[k].start > i }) - 1
	return &st.batches[k]
}

// ingestion returns the ingestion time of the event at arrival index i.
func (st *eventStore) ingestion(i int) int64 { return st.batchOf(i).ingest }

// seq returns the group-wide sequence number of the event at arrival index i.
func (st *eventStore) seq(i int) uint64 {
	b := st.batchOf(i)
	return b.seq + uint64(i-b.start)
}

// at returns the arrival index of the k-th event in key order.
func (st *eventStore) at(k int) int {
	if st.sorted {
		return k
	}
	if st.order == nil {
		st.order = make([]int32, len(st.ts))
		for i := range st.order {
			st.order[i] = int32(i)
		}
		slices.SortStableFunc(st.order, func(a, b int32) int {
			switch x, y := st.ts[a], st.ts[b]; {
			case x < y:
				return -1
			case x > y:
				return 1
			}
			return int(a - b)
		})
	}
	return int(st.order[k])
}

// lowerBound returns the first position in key order whose event has timestamp ≥ ts.
func (st *eventStore) lowerBound(ts int64) int {
	return sort.Search(len(st.ts), func(k int) bool { return st.ts[st.at(k)] >= ts })
}

// searchKey returns the first position in key order whose event's key is ≥ (ts, seq).
func (st *eventStore) searchKey(ts int64, seq uint64) int {
	return sort.Search(len(st.ts), func(k int) bool {
		i := st.at(k)
		if st.ts[i] != ts {
			return st.ts[i] > ts
		}
		return st.seq(i) >= seq
	})
}

// expire removes every event with a timestamp before cutoff and returns how many stored bytes
// that freed. Surviving messages are copied to fresh chunks so the memory is released.
func (st *eventStore) expire(cutoff int64) int64 {
	if len(st.ts) == 0 || st.minTS >= cutoff {
		return 0
	}
	old := *st
	*st = newEventStore()
	for i := range old.ts {
		if old.ts[i] < cutoff {
			continue
		}
		b := old.batchOf(i)
		if len(st.batches) == 0 || st.batches[len(st.batches)-1].ingest != b.ingest || old.seq(i) != st.nextSeq() {
			st.beginBatch(b.ingest, old.seq(i))
		}
		st.append(old.ts[i], old.message(i))
	}
	return old.bytes - st.bytes
}

// nextSeq is the sequence number the next event of the last batch would have.
func (st *eventStore) nextSeq() uint64 {
	if len(st.batches) == 0 {
		return 0
	}
	b := st.batches[len(st.batches)-1]
	return b.seq + uint64(len(st.ts)-b.start)
}

// memBytes is what the store holds in memory: the columns, the batches and the chunks' capacity.
func (st *eventStore) memBytes() int64 {
	n := int64(cap(st.ts))*8 + int64(cap(st.ref))*8 + int64(cap(st.batches))*int64(unsafe.Sizeof(batchInfo{}))
	for _, c := range st.chunks {
		n += int64(cap(c))
	}
	return n
}
