package bus

import (
	"context"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
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
type SQSQueue struct {
	b    *Bus
	name string
	arn  string
	fifo bool

	mu           sync.Mutex
	visibility   time.Duration
	delay        time.Duration
	contentDedup bool
	msgs         []*sqsEntry
	dedup        map[string]sqsDedup
	seq          uint64
	met          sqsMetrics // AWS/SQS metrics (sqs_metrics.go)
}

type sqsEntry struct {
	m         SQSMessage
	invisible time.Time // in flight until then
	delayed   time.Time // delayed (not yet receivable) until then
	receipt   string
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
		dedup: map[string]sqsDedup{}}
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

// Deliver sends p to the queue (the Sink method).
func (q *SQSQueue) Deliver(ctx context.Context, p Payload) error {
	_, err := q.Send(ctx, p)
	return err
}

// Send sends p.Body as a message and returns its message id. On a FIFO queue p.GroupID is required,
// and p.DedupID unless content-based deduplication is on.
func (q *SQSQueue) Send(_ context.Context, p Payload) (string, error) {
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
	id := q.b.UUID()
	q.mu.Lock()
	defer q.mu.Unlock()
	on := q.met.touch(now)
	// MD5OfBody is computed when the message is first received: a queue nobody reads costs no hashing.
	m := SQSMessage{MessageID: id, Body: string(p.Body), Attributes: p.Attributes, SentTimestamp: now}
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
		q.dedup[dedup] = sqsDedup{id: id, when: now}
		q.seq++
		m.GroupID, m.SequenceNumber = p.GroupID, fmt.Sprintf("%020d", q.seq)
	} else if p.GroupID != "" {
		return "", ClientError("InvalidParameterValue",
			"Value "+p.GroupID+" for parameter MessageGroupId is invalid. Reason: The request include parameter "+
				"that is not valid for this queue type.")
	}
	e := &sqsEntry{m: m}
	if q.delay > 0 {
		e.delayed = now.Add(q.delay)
	}
	q.msgs = append(q.msgs, e)
	if on {
		q.met.sent.observeAt(now, 1)
		q.met.size.observeAt(now, float64(len(p.Body)))
	}
	return id, nil
}

// Receive returns up to max (1–10) visible messages and hides them for the visibility timeout. On a
// FIFO queue it returns messages in order and skips groups that have messages in flight.
func (q *SQSQueue) Receive(max int) ([]SQSMessage, error) {
	if max < 1 || max > 10 {
		return nil, ClientErrorf("InvalidParameterValue", "Value %d for parameter MaxNumberOfMessages is invalid. "+
			"Reason: Must be between 1 and 10, if provided.", max)
	}
	now := q.b.Now()
	q.mu.Lock()
	defer q.mu.Unlock()
	on := q.met.touch(now)
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
		if len(out) == max {
			break
		}
		if now.Before(e.invisible) || now.Before(e.delayed) {
			continue
		}
		if q.fifo && busy[e.m.GroupID] {
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
	if on {
		if len(out) == 0 {
			q.met.empty.observeAt(now, 1)
		} else {
			q.met.received.observeAt(now, float64(len(out)))
		}
	}
	return out, nil
}

// Delete deletes the message with the receipt handle of its latest receipt.
func (q *SQSQueue) Delete(receiptHandle string) error {
	now := q.b.Now()
	q.mu.Lock()
	defer q.mu.Unlock()
	on := q.met.touch(now)
	for i, e := range q.msgs {
		if e.receipt != "" && e.receipt == receiptHandle {
			q.msgs = append(q.msgs[:i], q.msgs[i+1:]...)
			if on {
				q.met.deleted.observeAt(now, 1)
			}
			return nil
		}
	}
	return ClientErrorf("ReceiptHandleIsInvalid", "The input receipt handle \"%s\" is not a valid receipt handle.", receiptHandle)
}

// Len returns the number of messages in the queue, visible or in flight.
func (q *SQSQueue) Len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.msgs)
}

func md5hex(b []byte) string {
	h := md5.Sum(b)
	return hex.EncodeToString(h[:])
}
