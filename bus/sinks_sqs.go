package bus

import (
	"cmp"
	"context"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/watchsim/watchsim/internal/uuidv4"
)

// SQS defaults and limits (Amazon SQS Developer Guide, quotas).
const (
	SQSDefaultVisibilityTimeout = 30 * time.Second
	sqsDedupWindow              = 5 * time.Minute
	sqsMaxBody                  = 256 * 1024
)

// SQSQueue is a fake Amazon SQS queue registered on a Bus: messages delivered to its ARN can be
// received, and must be deleted, as with SQS. A name ending in ".fifo" makes a FIFO queue: each message
// needs a group id, messages of one group are received in order and one batch at a time, and
// duplicates within five minutes are dropped. Visibility timeouts run on simulation time.
//
// Draining a queue of n messages costs O(n): messages are kept in send order in one slice, a deleted
// message leaves a tombstone that is skipped and compacted away once tombstones outnumber the live
// messages, a delete finds its message among the first few or through a receipt index (then
// O(log n)), and a receive starts after the leading run of messages known not to be receivable
// before some instant (in flight or delayed). A receive on a FIFO queue still looks past the
// messages of groups in flight.
//
// A queued message holds no pointer, so a deep queue costs the garbage collector nothing to scan:
// its body is copied into chunks the queue owns (reused through a pool once their messages are
// deleted; a receive returns a copy), and what only some messages have — a formatted id, a receipt,
// attributes, a FIFO group — sits in a side table.
type SQSQueue struct {
	b    *Bus
	name string
	arn  string
	fifo bool

	mu           sync.Mutex
	visibility   time.Duration
	delay        time.Duration
	contentDedup bool
	msgs         []sqsEntry          // in send order; deleted entries are tombstones until compacted
	ext          []sqsExt            // side table; ext[0] is unused
	head         int                 // msgs[:head] are tombstones
	live         int                 // messages not deleted
	horizon      int64               // Unix ns: no message is delayed or in flight from then on
	serial       uint64              // serial of the last message sent
	scan         int                 // msgs[head:scan] hold no message receivable before scanUntil
	scanUntil    int64               // Unix ns
	receipts     map[string]uint64   // latest receipt handle → message serial, while indexed
	indexed      bool                // receipts is kept (from the first delete the probe missed until the queue empties)
	groups       map[string]sqsGroup // FIFO groups with messages in flight
	recv         uint64              // receive calls, to tell a receive's own batches apart
	bodies       sqsBodies
	dedup        map[string]sqsDedup
	seq          uint64
	met          sqsMetrics // AWS/SQS metrics (sqs_metrics.go)
}

// sqsEntry is one message. Times are Unix nanoseconds (simulation time is within 1970..2200).
type sqsEntry struct {
	serial    uint64
	uid       [2]uint64 // the random draws of the MessageId
	sent      int64
	invisible int64 // in flight until then (0: never received)
	delayed   int64 // not receivable before then (0: not delayed)
	body      sqsRef
	ext       uint32 // index in the queue's ext, 0: none
	receives  int32
	deleted   bool
}

// sqsExt is what some messages have besides an sqsEntry.
type sqsExt struct {
	id      string // MessageId, once formatted
	md5     string // MD5OfBody, computed at the first receive
	receipt string
	attrs   map[string]string
	group   string
	seq     uint64    // FIFO sequence number
	sent    time.Time // the exact SentTimestamp, when it is not the UTC time of entry.sent
	exact   bool      // sent is set
}

// sqsGroup is the in-flight batch of a FIFO message group.
type sqsGroup struct {
	until    int64  // the batch is in flight until then
	inflight int    // messages of the batch not yet deleted
	recv     uint64 // the receive that took the batch
}

type sqsDedup struct {
	id   string
	when time.Time
}

// SQSMessage is a message in an [SQSQueue].
type SQSMessage struct {
	MessageID     string
	ReceiptHandle string
	Body          string
	MD5OfBody     string
	Attributes    map[string]string
	// GroupID and SequenceNumber are set on FIFO queues.
	GroupID        string
	SequenceNumber string
	SentTimestamp  time.Time
	ReceiveCount   int
}

// NewSQSQueue creates the queue name (1–80 letters, digits, hyphens and underscores, plus ".fifo" for
// a FIFO queue) and registers it at arn:partition:sqs:region:account:name.
func NewSQSQueue(b *Bus, name string) (*SQSQueue, error) {
	base, fifo := strings.CutSuffix(name, ".fifo")
	if !validSQSName(base) || len(name) > 80 {
		return nil, ClientError("InvalidParameterValue",
			"Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length")
	}
	q := &SQSQueue{b: b, name: name, arn: b.ARN("sqs", name), fifo: fifo, visibility: SQSDefaultVisibilityTimeout,
		dedup: map[string]sqsDedup{}, receipts: map[string]uint64{}}
	if fifo {
		q.groups = map[string]sqsGroup{}
	}
	if err := b.Register(q.arn, q); err != nil {
		return nil, err
	}
	q.met.init(q)
	return q, nil
}

// ARN returns the queue ARN.
func (q *SQSQueue) ARN() string { return q.arn }

// URL returns the queue URL.
func (q *SQSQueue) URL() string {
	return fmt.Sprintf("https://sqs.%s.amazonaws.com/%s/%s", q.b.region, q.b.account, q.name)
}

// FIFO reports whether the queue is a FIFO queue.
func (q *SQSQueue) FIFO() bool { return q.fifo }

// SetVisibilityTimeout sets the visibility timeout (0 to 12 hours; default 30 s).
func (q *SQSQueue) SetVisibilityTimeout(d time.Duration) error {
	if d < 0 || d > 12*time.Hour || d%time.Second != 0 {
		return ClientError("InvalidAttributeValue", "Invalid value for the parameter VisibilityTimeout.")
	}
	q.mu.Lock()
	q.visibility = d
	q.mu.Unlock()
	return nil
}

// SetDelaySeconds sets the queue's delivery delay (0 to 15 minutes, whole seconds; default 0): a
// message sent to the queue can be received only that long after it was sent, and counts meanwhile in
// ApproximateNumberOfMessagesDelayed.
func (q *SQSQueue) SetDelaySeconds(d time.Duration) error {
	if d < 0 || d > 15*time.Minute || d%time.Second != 0 {
		return ClientError("InvalidAttributeValue", "Invalid value for the parameter DelaySeconds.")
	}
	q.mu.Lock()
	q.delay = d
	q.mu.Unlock()
	return nil
}

// SetContentBasedDeduplication turns content-based deduplication on or off (FIFO queues only).
func (q *SQSQueue) SetContentBasedDeduplication(on bool) error {
	if !q.fifo {
		return ClientError("InvalidAttributeName", "Unknown Attribute ContentBasedDeduplication.")
	}
	q.mu.Lock()
	q.contentDedup = on
	q.mu.Unlock()
	return nil
}

// Deliver sends p to the queue (the Sink method). The message id is drawn now and formatted when
// someone first reads it.
func (q *SQSQueue) Deliver(_ context.Context, p Payload) error {
	_, err := q.send(p, false)
	return err
}

// Send sends p.Body as a message and returns its message id. On a FIFO queue p.GroupID is required,
// and p.DedupID unless content-based deduplication is on.
func (q *SQSQueue) Send(_ context.Context, p Payload) (string, error) {
	return q.send(p, true)
}

func (q *SQSQueue) send(p Payload, wantID bool) (string, error) {
	if err := q.b.closedErr("SQSQueue.Send"); err != nil {
		return "", err
	}
	if len(p.Body) == 0 {
		return "", ClientError("MissingParameter", "The request must contain the parameter MessageBody.")
	}
	if len(p.Body) > sqsMaxBody {
		return "", ClientError("InvalidParameterValue",
			"One or more parameters are invalid. Reason: Message must be shorter than 262144 bytes.")
	}
	now := q.b.Now()
	// The two draws Bus.UUID makes, in the same order: the ids are the ones it would give.
	uid := [2]uint64{q.b.Uint64(), q.b.Uint64()}
	q.mu.Lock()
	defer q.mu.Unlock()
	on := q.met.touch(now)
	// MD5OfBody is computed when the message is first received: a queue nobody reads costs no hashing.
	e := sqsEntry{uid: uid, sent: now.UnixNano()}
	var x sqsExt
	if q.fifo {
		if p.GroupID == "" {
			return "", ClientError("MissingParameter", "The request must contain the parameter MessageGroupId.")
		}
		dedup := p.DedupID
		if dedup == "" {
			if !q.contentDedup {
				return "", ClientError("InvalidParameterValue", "The queue should either have ContentBasedDeduplication "+
					"enabled or MessageDeduplicationId provided explicitly")
			}
			h := sha256.Sum256(p.Body)
			dedup = hex.EncodeToString(h[:])
		}
		if d, ok := q.dedup[dedup]; ok && now.Sub(d.when) < sqsDedupWindow {
			if on {
				q.met.deduplicated.observeAt(now, 1)
			}
			return d.id, nil
		}
		x.id = formatUUID(uid)
		q.dedup[dedup] = sqsDedup{id: x.id, when: now}
		q.seq++
		x.group, x.seq = p.GroupID, q.seq
	} else if p.GroupID != "" {
		return "", ClientError("InvalidParameterValue",
			"Value "+p.GroupID+" for parameter MessageGroupId is invalid. Reason: The request include parameter "+
				"that is not valid for this queue type.")
	}
	if wantID && x.id == "" {
		x.id = formatUUID(uid)
	}
	x.attrs = p.Attributes
	if now != unixTime(e.sent) {
		x.sent, x.exact = now, true // a real clock's time, with its location and monotonic reading
	}
	if x.id != "" || x.attrs != nil || x.group != "" || x.exact {
		e.ext = q.addExt(x)
	}
	if q.delay > 0 {
		e.delayed = now.Add(q.delay).UnixNano()
		q.horizon = max(q.horizon, e.delayed)
	}
	e.body = q.bodies.put(p.Body)
	q.serial++
	e.serial = q.serial
	q.msgs = append(q.msgs, e)
	q.live++
	if on {
		q.met.sent.observeAt(now, 1)
		q.met.size.observeAt(now, float64(len(p.Body)))
	}
	return x.id, nil
}

// addExt adds x to the side table and returns its index. Caller holds q.mu.
func (q *SQSQueue) addExt(x sqsExt) uint32 {
	if len(q.ext) == 0 {
		q.ext = append(q.ext, sqsExt{})
	}
	q.ext = append(q.ext, x)
	return uint32(len(q.ext) - 1)
}

// extOf returns e's side-table entry, adding an empty one if it has none. Caller holds q.mu.
func (q *SQSQueue) extOf(e *sqsEntry) *sqsExt {
	if e.ext == 0 {
		e.ext = q.addExt(sqsExt{})
	}
	return &q.ext[e.ext]
}

// group returns the FIFO group of e (FIFO messages always have a side-table entry).
func (q *SQSQueue) group(e *sqsEntry) string { return q.ext[e.ext].group }

// sentAt returns e's SentTimestamp.
func (q *SQSQueue) sentAt(e *sqsEntry) time.Time {
	if e.ext != 0 && q.ext[e.ext].exact {
		return q.ext[e.ext].sent
	}
	return unixTime(e.sent)
}

// Receive returns up to n (1–10) visible messages and hides them for the visibility timeout. On a
// FIFO queue it returns messages in order and skips groups that have messages in flight.
func (q *SQSQueue) Receive(n int) ([]SQSMessage, error) {
	if n < 1 || n > 10 {
		return nil, ClientErrorf("InvalidParameterValue", "Value %d for parameter MaxNumberOfMessages is invalid. "+
			"Reason: Must be between 1 and 10, if provided.", n)
	}
	now := q.b.Now()
	ns := now.UnixNano()
	q.mu.Lock()
	defer q.mu.Unlock()
	on := q.met.touch(now)
	q.recv++
	if ns >= q.scanUntil || q.scan < q.head {
		q.scan, q.scanUntil = q.head, math.MaxInt64
	}
	// The scan cursor moves over the leading run of messages that are not receivable now and will
	// not be before scanUntil; the first message left receivable (a FIFO group in flight, or n
	// reached) ends the run.
	run := true
	skip := func(i int, until int64) {
		if run {
			q.scan, q.scanUntil = i+1, min(q.scanUntil, until)
		}
	}
	vis := int64(q.visibility)
	var out []SQSMessage
	for i := q.scan; i < len(q.msgs) && len(out) < n; i++ {
		e := &q.msgs[i]
		if e.deleted {
			skip(i, math.MaxInt64)
			continue
		}
		if avail := max(e.invisible, e.delayed); ns < avail {
			skip(i, avail)
			continue
		}
		if q.fifo && q.busy(q.group(e), ns) {
			run = false
			continue
		}
		x := q.extOf(e)
		body := q.bodies.get(e.body)
		if x.md5 == "" {
			x.md5 = md5hex(body)
		}
		if x.id == "" {
			x.id = formatUUID(e.uid)
		}
		e.receives++
		e.invisible = ns + vis
		q.horizon = max(q.horizon, e.invisible)
		if q.indexed && x.receipt != "" {
			delete(q.receipts, x.receipt)
		}
		x.receipt = q.b.HexID(32) + strconv.Itoa(int(e.receives))
		if q.indexed {
			q.receipts[x.receipt] = e.serial
		}
		if q.fifo {
			q.take(x.group, e.invisible)
		}
		if vis > 0 {
			skip(i, e.invisible)
		} else {
			run = false
		}
		m := SQSMessage{MessageID: x.id, ReceiptHandle: x.receipt, Body: string(body), MD5OfBody: x.md5,
			Attributes: x.attrs, SentTimestamp: q.sentAt(e), ReceiveCount: int(e.receives)}
		if q.fifo {
			m.GroupID, m.SequenceNumber = x.group, fmt.Sprintf("%020d", x.seq)
		}
		out = append(out, m)
	}
	if on {
		if len(out) == 0 {
			q.met.empty.observeAt(now, 1)
		} else {
			q.met.received.observeAt(now, float64(len(out)))
		}
	}
	return out, nil
}

// busy reports whether FIFO group g had messages in flight when the current receive started.
func (q *SQSQueue) busy(g string, ns int64) bool {
	st, ok := q.groups[g]
	return ok && st.recv != q.recv && st.inflight > 0 && ns < st.until
}

// take counts a message of group g received by the current receive, in flight until until.
func (q *SQSQueue) take(g string, until int64) {
	st := q.groups[g]
	if st.recv != q.recv {
		st = sqsGroup{recv: q.recv}
	}
	st.until = until
	st.inflight++
	q.groups[g] = st
}

// Delete deletes the message with the receipt handle of its latest receipt.
func (q *SQSQueue) Delete(receiptHandle string) error {
	now := q.b.Now()
	q.mu.Lock()
	defer q.mu.Unlock()
	on := q.met.touch(now)
	i, ok := q.find(receiptHandle)
	if !ok {
		return ClientErrorf("ReceiptHandleIsInvalid", "The input receipt handle \"%s\" is not a valid receipt handle.", receiptHandle)
	}
	e := &q.msgs[i]
	if q.fifo && now.UnixNano() < e.invisible {
		// In flight, so in its group's current batch: a group's next batch is taken only once
		// every message of the one before is deleted or visible again.
		g := q.group(e)
		if st := q.groups[g]; st.inflight <= 1 {
			delete(q.groups, g)
		} else {
			st.inflight--
			q.groups[g] = st
		}
	}
	q.bodies.release(e.body)
	if e.ext != 0 {
		q.ext[e.ext] = sqsExt{}
	}
	*e = sqsEntry{serial: e.serial, deleted: true}
	q.live--
	for q.head < len(q.msgs) && q.msgs[q.head].deleted {
		q.head++
	}
	q.compact()
	if on {
		q.met.deleted.observeAt(now, 1)
	}
	return nil
}

// sqsProbe is how many messages from the head a delete looks at before it turns to the index.
const sqsProbe = 16

// find returns the index of the live message whose latest receipt handle is h, and forgets the
// handle. The messages near the head are looked at first (deleting what was just received, the
// usual loop, needs no index); the first miss builds the receipt index, kept from then on until
// the queue is empty, so a message is indexed at most once per busy spell. Caller holds q.mu.
func (q *SQSQueue) find(h string) (int, bool) {
	if !q.indexed {
		for i := q.head; i < len(q.msgs) && i < q.head+sqsProbe; i++ {
			if e := &q.msgs[i]; !e.deleted && e.ext != 0 && q.ext[e.ext].receipt == h {
				return i, true
			}
		}
		for i := q.head; i < len(q.msgs); i++ {
			if e := &q.msgs[i]; !e.deleted && e.ext != 0 && q.ext[e.ext].receipt != "" {
				q.receipts[q.ext[e.ext].receipt] = e.serial
			}
		}
		q.indexed = true
	}
	serial, ok := q.receipts[h]
	if !ok {
		return 0, false
	}
	delete(q.receipts, h)
	i, found := slices.BinarySearchFunc(q.msgs[q.head:], serial, func(e sqsEntry, s uint64) int {
		return cmp.Compare(e.serial, s)
	})
	if i += q.head; !found || q.msgs[i].deleted {
		return 0, false // not reached while the index is kept exactly
	}
	return i, true
}

// compact drops the tombstones once they outnumber the live messages (amortised O(1) per delete),
// and the side-table entries of deleted messages with them. Caller holds q.mu.
func (q *SQSQueue) compact() {
	if q.live == 0 {
		// Delete zeroed the side entries of the deleted messages: nothing to clear.
		q.msgs, q.ext, q.head, q.scan, q.scanUntil = q.msgs[:0], q.ext[:0], 0, 0, 0
		if len(q.groups) > 0 {
			clear(q.groups)
		}
		if q.indexed {
			clear(q.receipts)
			q.indexed = false
		}
		return
	}
	if n := len(q.msgs); n < 64 || n-q.live <= q.live {
		return
	}
	live := q.msgs[:0]
	ext := make([]sqsExt, 1, len(q.ext)/2+1) // side entries are added in receive order: not in place
	for _, e := range q.msgs[q.head:] {
		if e.deleted {
			continue
		}
		if e.ext != 0 {
			ext = append(ext, q.ext[e.ext])
			e.ext = uint32(len(ext) - 1)
		}
		live = append(live, e)
	}
	clear(q.msgs[len(live):])
	q.msgs, q.ext, q.head, q.scan, q.scanUntil = live, ext, 0, 0, 0
}

// Len returns the number of messages in the queue, visible or in flight.
func (q *SQSQueue) Len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.live
}

// sqsChunkSize is the size of the chunks message bodies are copied into; a body over a quarter of
// it gets a chunk of its own.
const sqsChunkSize = 64 << 10

// sqsRef locates a message body: chunk number, offset and length.
type sqsRef struct{ chunk, off, n uint32 }

// sqsBodies holds a queue's message bodies in chunks. The last chunk is the one being filled; a
// chunk whose messages are all deleted goes to a pool for reuse (which the garbage collector
// empties: a drained queue keeps nothing for long), and the emptied ones at the front leave the
// table.
type sqsBodies struct {
	chunks []sqsChunk // chunk number base+i
	base   uint32
	free   sync.Pool // of *[]byte, each of capacity sqsChunkSize
}

type sqsChunk struct {
	buf  []byte
	live int // messages in it
}

func (bs *sqsBodies) put(body []byte) sqsRef {
	n := len(body)
	if n > sqsChunkSize/4 {
		bs.chunks = append(bs.chunks, sqsChunk{buf: append([]byte(nil), body...), live: 1})
		return sqsRef{chunk: bs.base + uint32(len(bs.chunks)-1), n: uint32(n)}
	}
	last := len(bs.chunks) - 1
	if last < 0 || cap(bs.chunks[last].buf)-len(bs.chunks[last].buf) < n {
		var buf []byte
		if p, ok := bs.free.Get().(*[]byte); ok {
			buf = (*p)[:0]
		} else {
			buf = make([]byte, 0, sqsChunkSize)
		}
		bs.chunks = append(bs.chunks, sqsChunk{buf: buf})
		last++
	}
	c := &bs.chunks[last]
	off := len(c.buf)
	c.buf = append(c.buf, body...)
	c.live++
	return sqsRef{chunk: bs.base + uint32(last), off: uint32(off), n: uint32(n)}
}

func (bs *sqsBodies) get(r sqsRef) []byte {
	return bs.chunks[r.chunk-bs.base].buf[r.off : r.off+r.n : r.off+r.n]
}

// release forgets the body at r.
func (bs *sqsBodies) release(r sqsRef) {
	i := int(r.chunk - bs.base)
	c := &bs.chunks[i]
	if c.live--; c.live > 0 {
		return
	}
	std := cap(c.buf) == sqsChunkSize
	if i == len(bs.chunks)-1 && std {
		c.buf = c.buf[:0] // the chunk being filled starts over
		return
	}
	if std {
		buf := c.buf[:0]
		bs.free.Put(&buf)
	}
	c.buf = nil
	for len(bs.chunks) > 1 && bs.chunks[0].buf == nil {
		bs.chunks = bs.chunks[1:]
		bs.base++
	}
}

func md5hex(b []byte) string {
	h := md5.Sum(b)
	return hex.EncodeToString(h[:])
}

// formatUUID formats the two draws of a version 4 UUID as [Bus.UUID] does.
func formatUUID(uid [2]uint64) string { return uuidv4.String(uid[0], uid[1]) }
