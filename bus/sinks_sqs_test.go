package bus

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/watchsim/watchsim/internal/cputime"
	"pgregory.net/rapid"
)

// refQueue is the straightforward model of an SQS queue the fake must agree with: every message in
// one slice in send order, each receive rescanning it from the start, each delete searching it and
// closing the gap. It draws ids from its bus in the order the fake does.
type refQueue struct {
	b            *Bus
	fifo         bool
	visibility   time.Duration
	delay        time.Duration
	contentDedup bool
	msgs         []*refEntry
	dedup        map[string]sqsDedup
	seq          uint64
}

type refEntry struct {
	m                  SQSMessage
	invisible, delayed time.Time
	receipt            string
}

func (q *refQueue) send(p Payload) (string, error) {
	if len(p.Body) == 0 {
		return "", ClientError("MissingParameter", "")
	}
	now := q.b.Now()
	id := q.b.UUID()
	m := SQSMessage{MessageID: id, Body: string(p.Body), Attributes: p.Attributes, SentTimestamp: now}
	if q.fifo {
		if p.GroupID == "" {
			return "", ClientError("MissingParameter", "")
		}
		dedup := p.DedupID
		if dedup == "" {
			if !q.contentDedup {
				return "", ClientError("InvalidParameterValue", "")
			}
			h := sha256.Sum256(p.Body)
			dedup = hex.EncodeToString(h[:])
		}
		if d, ok := q.dedup[dedup]; ok && now.Sub(d.when) < sqsDedupWindow {
			return d.id, nil
		}
		q.dedup[dedup] = sqsDedup{id: id, when: now}
		q.seq++
		m.GroupID, m.SequenceNumber = p.GroupID, fmt.Sprintf("%020d", q.seq)
	} else if p.GroupID != "" {
		return "", ClientError("InvalidParameterValue", "")
	}
	e := &refEntry{m: m}
	if q.delay > 0 {
		e.delayed = now.Add(q.delay)
	}
	q.msgs = append(q.msgs, e)
	return id, nil
}

func (q *refQueue) receive(n int) []SQSMessage {
	now := q.b.Now()
	busy := map[string]bool{}
	if q.fifo {
		for _, e := range q.msgs {
			if now.Before(e.invisible) {
				busy[e.m.GroupID] = true
			}
		}
	}
	var out []SQSMessage
	for _, e := range q.msgs {
		if len(out) == n {
			break
		}
		if now.Before(e.invisible) || now.Before(e.delayed) || q.fifo && busy[e.m.GroupID] {
			continue
		}
		if e.m.MD5OfBody == "" {
			e.m.MD5OfBody = md5hex([]byte(e.m.Body))
		}
		e.m.ReceiveCount++
		e.invisible = now.Add(q.visibility)
		e.receipt = q.b.HexID(32) + strconv.Itoa(e.m.ReceiveCount)
		m := e.m
		m.ReceiptHandle = e.receipt
		out = append(out, m)
	}
	return out
}

func (q *refQueue) delete(h string) error {
	for i, e := range q.msgs {
		if e.receipt != "" && e.receipt == h {
			q.msgs = append(q.msgs[:i], q.msgs[i+1:]...)
			return nil
		}
	}
	return ClientError("ReceiptHandleIsInvalid", "")
}

// gauges returns visible, in flight, delayed and the age of the oldest message counted.
func (q *refQueue) gauges() [4]float64 {
	now := q.b.Now()
	var g [4]float64
	var oldest time.Time
	for _, e := range q.msgs {
		switch {
		case now.Before(e.delayed):
			g[2]++
		case now.Before(e.invisible):
			g[1]++
		default:
			g[0]++
		}
		if oldest.IsZero() && (q.fifo || e.m.ReceiveCount < sqsPoisonReceives) {
			oldest = e.m.SentTimestamp
		}
	}
	if !oldest.IsZero() {
		g[3] = float64(now.Sub(oldest) / time.Second)
	}
	return g
}

// fakeGauges returns the fake's gauges as refQueue.gauges does, and whether it reported any (an
// empty queue with no recorded action reports nothing).
func fakeGauges(q *SQSQueue) ([4]float64, bool) {
	var g [4]float64
	data, ok := q.sampleGauges(q.b.Now())
	for _, d := range data {
		i := map[string]int{"ApproximateNumberOfMessagesVisible": 0, "ApproximateNumberOfMessagesNotVisible": 1,
			"ApproximateNumberOfMessagesDelayed": 2, "ApproximateAgeOfOldestMessage": 3}[d.MetricName]
		g[i] = *d.Value
	}
	return g, ok
}

// TestSQSQueueMatchesModel runs random sends, receives, deletes (with current, stale and bogus
// receipt handles), visibility and delay changes and time steps on the fake and on refQueue, on
// buses with the same seed, and requires the same results: messages with every field, ids,
// receipt handles, errors, lengths and the gauges.
func TestSQSQueueMatchesModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		fifo := rapid.Bool().Draw(t, "fifo")
		name := "q"
		if fifo {
			name = "q.fifo"
		}
		fb, rb := MustNew(WithSeed(7)), MustNew(WithSeed(7))
		defer fb.Close()
		defer rb.Close()
		if rapid.Bool().Draw(t, "metrics") {
			Subscribe(fb, MetricDataIn(), func(context.Context, MetricData) {})
		}
		q, err := NewSQSQueue(fb, name)
		if err != nil {
			t.Fatal(err)
		}
		ref := &refQueue{b: rb, fifo: fifo, visibility: SQSDefaultVisibilityTimeout, dedup: map[string]sqsDedup{}}
		var handles []string
		ctx := context.Background()
		for step := range rapid.IntRange(1, 200).Draw(t, "steps") {
			switch rapid.IntRange(0, 9).Draw(t, "op") {
			case 0, 1, 2:
				// Small bodies, and bodies that fill a chunk in a few messages or get one of their own.
				size := rapid.SampledFrom([]int{1, 7, 9000, 17000}).Draw(t, "size")
				body := []byte(strings.Repeat(fmt.Sprint(step%10), size))
				body[0] = rapid.SampledFrom([]byte("abc")).Draw(t, "first")
				p := Payload{Body: body}
				if rapid.IntRange(0, 9).Draw(t, "attrs") == 0 {
					p.Attributes = map[string]string{"k": "v"}
				}
				if fifo {
					p.GroupID = rapid.SampledFrom([]string{"", "g1", "g2", "g3"}).Draw(t, "group")
					p.DedupID = rapid.SampledFrom([]string{"", fmt.Sprint("d", step), "same"}).Draw(t, "dedup")
				}
				var fid string
				var ferr error
				if rapid.Bool().Draw(t, "deliver") {
					ferr = q.Deliver(ctx, p)
				} else {
					fid, ferr = q.Send(ctx, p)
				}
				rid, rerr := ref.send(p)
				if ErrorCode(ferr) != ErrorCode(rerr) || fid != "" && fid != rid {
					t.Fatalf("send: fake %q %v, model %q %v", fid, ferr, rid, rerr)
				}
			case 3, 4:
				n := rapid.IntRange(1, 10).Draw(t, "n")
				got, err := q.Receive(n)
				if err != nil {
					t.Fatal(err)
				}
				want := ref.receive(n)
				if d := cmp.Diff(want, got); d != "" {
					t.Fatalf("Receive(%d) (-model +fake):\n%s", n, d)
				}
				for _, m := range got {
					handles = append(handles, m.ReceiptHandle)
				}
			case 5, 6:
				h := "bogus"
				if len(handles) > 0 {
					h = rapid.SampledFrom(handles).Draw(t, "handle")
				}
				if f, r := ErrorCode(q.Delete(h)), ErrorCode(ref.delete(h)); f != r {
					t.Fatalf("Delete: fake %q, model %q", f, r)
				}
			case 7:
				d := time.Duration(rapid.IntRange(0, 40).Draw(t, "advance")) * time.Second
				if err := fb.Advance(d); err != nil {
					t.Fatal(err)
				}
				if err := rb.Advance(d); err != nil {
					t.Fatal(err)
				}
			case 8:
				v := time.Duration(rapid.SampledFrom([]int{0, 5, 30}).Draw(t, "visibility")) * time.Second
				if err := q.SetVisibilityTimeout(v); err != nil {
					t.Fatal(err)
				}
				ref.visibility = v
				d := time.Duration(rapid.SampledFrom([]int{0, 0, 10}).Draw(t, "delay")) * time.Second
				if err := q.SetDelaySeconds(d); err != nil {
					t.Fatal(err)
				}
				ref.delay = d
				if fifo {
					on := rapid.Bool().Draw(t, "contentDedup")
					if err := q.SetContentBasedDeduplication(on); err != nil {
						t.Fatal(err)
					}
					ref.contentDedup = on
				}
			case 9:
				f, ok := fakeGauges(q)
				if !ok && len(ref.msgs) > 0 {
					t.Fatalf("a queue of %d messages reported nothing", len(ref.msgs))
				}
				if r := ref.gauges(); ok && f != r {
					t.Fatalf("gauges: fake %v, model %v", f, r)
				}
			}
			if q.Len() != len(ref.msgs) {
				t.Fatalf("Len = %d, model %d", q.Len(), len(ref.msgs))
			}
		}
	})
}

// TestSQSDrainIsLinear checks the two things that make draining n messages O(n): a receive does
// not rescan the messages in flight before it, and tombstones never outnumber live messages by
// more than a constant, so a delete moves nothing.
func TestSQSDrainIsLinear(t *testing.T) {
	b := MustNew()
	defer b.Close()
	q, _ := NewSQSQueue(b, "big")
	ctx := context.Background()
	const n = 10000
	for i := range n {
		if err := q.Deliver(ctx, Payload{Body: []byte(strconv.Itoa(i))}); err != nil {
			t.Fatal(err)
		}
	}
	// Receiving without deleting: each receive starts where the one before stopped.
	var handles []string
	for len(handles) < n/2 {
		ms, _ := q.Receive(10)
		if len(ms) != 10 || q.scan != len(handles)+10 {
			t.Fatalf("after %d received: %d messages, scan at %d", len(handles), len(ms), q.scan)
		}
		for _, m := range ms {
			handles = append(handles, m.ReceiptHandle)
		}
	}
	for _, h := range handles {
		if err := q.Delete(h); err != nil {
			t.Fatal(err)
		}
		if len(q.msgs)-q.head > 2*q.live+64 {
			t.Fatalf("%d slots for %d live messages", len(q.msgs)-q.head, q.live)
		}
	}
	// Draining the rest, in the usual receive-then-delete loop.
	got := 0
	for {
		ms, _ := q.Receive(10)
		if len(ms) == 0 {
			break
		}
		if q.scan-q.head > 10 {
			t.Fatalf("receive scanned from %d, head at %d", q.scan, q.head)
		}
		for _, m := range ms {
			if m.Body != strconv.Itoa(n/2+got) {
				t.Fatalf("message %d = %q", n/2+got, m.Body)
			}
			got++
			if err := q.Delete(m.ReceiptHandle); err != nil {
				t.Fatal(err)
			}
		}
	}
	if got != n/2 || q.Len() != 0 || len(q.msgs) != 0 {
		t.Fatalf("drained %d, Len %d, %d slots", got, q.Len(), len(q.msgs))
	}
}

// TestSQSMessageIDsAreBusUUIDs: the ids a queue formats lazily are the ones Bus.UUID gives for the
// same draws.
func TestSQSMessageIDsAreBusUUIDs(t *testing.T) {
	fb, rb := MustNew(WithSeed(3)), MustNew(WithSeed(3))
	defer fb.Close()
	defer rb.Close()
	q, _ := NewSQSQueue(fb, "ids")
	for range 100 {
		if err := q.Deliver(context.Background(), Payload{Body: []byte("x")}); err != nil {
			t.Fatal(err)
		}
		want := rb.UUID()
		ms, _ := q.Receive(1)
		rb.HexID(32) // the receipt handle's draws
		if len(ms) != 1 || ms[0].MessageID != want {
			t.Fatalf("MessageId %v, want %s", ms, want)
		}
		if err := q.Delete(ms[0].ReceiptHandle); err != nil {
			t.Fatal(err)
		}
	}
}

// BenchmarkSQSDrain sends n messages and then drains them with Receive(10) and Delete: the cost per
// message stays flat as n grows (it grew with n while deletes closed the gap and receives rescanned).
func BenchmarkSQSDrain(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		b.Run(fmt.Sprint("n=", n), func(b *testing.B) {
			bs := MustNew()
			defer bs.Close()
			q, _ := NewSQSQueue(bs, "drain")
			p := Payload{Body: []byte(`{"version":"0","id":"7f0b8a8e-0c4b-4f65-9a0e-2f5b0a3a6f11","detail":{}}`)}
			ctx := context.Background()
			b.ReportAllocs()
			cpu := time.Duration(0)
			for range b.N {
				b.StopTimer()
				for range n {
					if err := q.Deliver(ctx, p); err != nil {
						b.Fatal(err)
					}
				}
				b.StartTimer()
				c0 := cputime.Process()
				for {
					ms, _ := q.Receive(10)
					if len(ms) == 0 {
						break
					}
					for _, m := range ms {
						if err := q.Delete(m.ReceiptHandle); err != nil {
							b.Fatal(err)
						}
					}
				}
				cpu += cputime.Process() - c0
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/msg")
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N*n), "cpu-ns/msg")
		})
	}
}

// BenchmarkSQSUnreadDay is a day of AWS/SQS metering (one gauge sample a minute) over a queue of
// 100,000 messages nobody reads: what a rule target or alarm action queue costs a long test.
func BenchmarkSQSUnreadDay(b *testing.B) {
	bs := MustNew()
	defer bs.Close()
	Subscribe(bs, MetricDataIn(), func(context.Context, MetricData) {})
	q, _ := NewSQSQueue(bs, "unread")
	p := Payload{Body: []byte(`{"version":"0","detail":{}}`)}
	for range 100000 {
		if err := q.Deliver(context.Background(), p); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	c0 := cputime.Process()
	for b.Loop() {
		if err := bs.Advance(24 * time.Hour); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((cputime.Process()-c0).Nanoseconds())/float64(b.N), "cpu-ns/day")
}

// A queue reuses the chunks of deleted messages' bodies; what Receive returned, and what the
// sender still holds, never changes.
func TestSQSBodiesOutliveTheirChunks(t *testing.T) {
	b := MustNew()
	defer b.Close()
	q, _ := NewSQSQueue(b, "reuse")
	ctx := context.Background()
	var got []SQSMessage
	for round := range 3 {
		sent := make([][]byte, 200)
		for i := range sent {
			sent[i] = []byte(strings.Repeat(strconv.Itoa(round), 1000) + strconv.Itoa(i))
			if err := q.Deliver(ctx, Payload{Body: sent[i]}); err != nil {
				t.Fatal(err)
			}
			sent[i][0] = 'x' // the sender's buffer is its own again
		}
		for {
			ms, _ := q.Receive(10)
			if len(ms) == 0 {
				break
			}
			for _, m := range ms {
				if err := q.Delete(m.ReceiptHandle); err != nil {
					t.Fatal(err)
				}
			}
			got = append(got, ms...)
		}
	}
	for k, m := range got {
		round, i := k/200, k%200
		if want := strings.Repeat(strconv.Itoa(round), 1000) + strconv.Itoa(i); m.Body != want || m.MD5OfBody != md5hex([]byte(want)) {
			t.Fatalf("message %d of round %d now reads %.20q… (MD5 %s)", i, round, m.Body, m.MD5OfBody)
		}
	}
	if n := len(q.bodies.chunks); n > 2 {
		t.Fatalf("%d body chunks kept for an empty queue", n)
	}
}
