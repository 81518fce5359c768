package bus

import "time"

// The AWS/SQS metrics of an [SQSQueue], as the Amazon SQS Developer Guide lists them
// (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html):
// one dimension, QueueName; one-minute granularity.
//
// Counters, one sample per request that did the thing:
//   - NumberOfMessagesSent (Count): 1 per message added to the queue;
//   - SentMessageSize (Bytes): the size of each message added;
//   - NumberOfMessagesReceived (Count): the number of messages one ReceiveMessage returned, when
//     it returned some;
//   - NumberOfEmptyReceives (Count): 1 per ReceiveMessage that returned no message;
//   - NumberOfMessagesDeleted (Count): 1 per message deleted;
//   - NumberOfDeduplicatedSentMessages (Count, FIFO queues): 1 per send dropped as a duplicate.
//
// Gauges, sampled at the end of every minute while the queue is active:
//   - ApproximateNumberOfMessagesVisible (Count): reported while the queue is active;
//   - ApproximateNumberOfMessagesNotVisible (Count): reported while messages are in flight;
//   - ApproximateNumberOfMessagesDelayed (Count): reported while delayed messages exist;
//   - ApproximateAgeOfOldestMessage (Seconds): reported while the queue holds a message; on a
//     standard queue a message received three times or more without being deleted is left out, as
//     the guide describes.
//
// Inactive queues: CloudWatch considers a queue active for up to six hours after any action
// accessed it, and while it contains messages (the guide: "All metrics emit non-negative values
// only when the queue is active"; SQS stops sending metrics for a queue inactive for more than six
// hours). An inactive queue reports nothing and costs nothing.

// SQSNamespace is the CloudWatch namespace of the SQS metrics.
const SQSNamespace = "AWS/SQS"

// sqsInactiveAfter is how long after its last action an empty queue stays active.
const sqsInactiveAfter = 6 * time.Hour

// sqsPoisonReceives is the receive count from which a standard queue's message no longer counts
// for ApproximateAgeOfOldestMessage.
const sqsPoisonReceives = 3

type sqsMetrics struct {
	sent, size, received, empty, deleted, deduplicated *ServiceMetric
	sampler                                            *Sampler
	dims                                               []Dimension
	lastAction                                         time.Time // guarded by the queue's mu
}

func (m *sqsMetrics) init(q *SQSQueue) {
	b := q.b
	m.dims = []Dimension{{Name: "QueueName", Value: q.name}}
	m.sent = mustServiceMetric(b, SQSNamespace, "NumberOfMessagesSent", "Count", m.dims...)
	m.size = mustServiceMetric(b, SQSNamespace, "SentMessageSize", "Bytes", m.dims...)
	m.received = mustServiceMetric(b, SQSNamespace, "NumberOfMessagesReceived", "Count", m.dims...)
	m.empty = mustServiceMetric(b, SQSNamespace, "NumberOfEmptyReceives", "Count", m.dims...)
	m.deleted = mustServiceMetric(b, SQSNamespace, "NumberOfMessagesDeleted", "Count", m.dims...)
	m.deduplicated = mustServiceMetric(b, SQSNamespace, "NumberOfDeduplicatedSentMessages", "Count", m.dims...)
	m.sampler = &Sampler{m: b.metering(), namespace: SQSNamespace, period: EveryMinute, fn: q.sampleGauges}
}

// touch records an action on the queue at now and reports whether metrics are on. The queue's mu
// must be held.
func (m *sqsMetrics) touch(now time.Time) bool {
	if !m.sampler.m.on() {
		return false
	}
	m.lastAction = now
	m.sampler.wakeAt(now)
	return true
}

// sampleGauges is the queue's SampleFunc: its depth and the age of its oldest message at the end of
// the minute that started at start.
func (q *SQSQueue) sampleGauges(start time.Time) ([]MetricDatum, bool) {
	now := q.b.Now()
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.live == 0 && now.Sub(q.met.lastAction) > sqsInactiveAfter {
		return nil, false
	}
	var visible, inflight, delayed int
	var oldest time.Time
	ns := now.UnixNano()
	if ns >= q.horizon {
		// Nothing is delayed or in flight: every message is visible, and only the oldest one
		// counted needs finding. A queue nobody reads costs O(1) a minute, not O(messages).
		visible = q.live
		for i := q.head; i < len(q.msgs); i++ {
			if e := &q.msgs[i]; !e.deleted && (q.fifo || e.receives < sqsPoisonReceives) {
				oldest = q.sentAt(e)
				break
			}
		}
	} else {
		var horizon int64
		for i := q.head; i < len(q.msgs); i++ {
			e := &q.msgs[i]
			if e.deleted {
				continue
			}
			switch {
			case ns < e.delayed:
				delayed++
			case ns < e.invisible:
				inflight++
			default:
				visible++
			}
			if until := max(e.delayed, e.invisible); until > ns {
				horizon = max(horizon, until)
			}
			if oldest.IsZero() && (q.fifo || e.receives < sqsPoisonReceives) {
				oldest = q.sentAt(e)
			}
		}
		q.horizon = horizon // the latest deadline still ahead (deleted messages' ones are gone)
	}
	// One allocation for the datums and one for their values.
	n := 1
	for _, c := range []bool{inflight > 0, delayed > 0, !oldest.IsZero()} {
		if c {
			n++
		}
	}
	out, vals := make([]MetricDatum, 0, n), make([]float64, 0, n)
	gauge := func(name, unit string, v float64) {
		vals = append(vals, v)
		out = append(out, MetricDatum{MetricName: name, Dimensions: q.met.dims, Timestamp: start, Value: &vals[len(vals)-1], Unit: unit})
	}
	gauge("ApproximateNumberOfMessagesVisible", "Count", float64(visible))
	if inflight > 0 {
		gauge("ApproximateNumberOfMessagesNotVisible", "Count", float64(inflight))
	}
	if delayed > 0 {
		gauge("ApproximateNumberOfMessagesDelayed", "Count", float64(delayed))
	}
	if !oldest.IsZero() {
		gauge("ApproximateAgeOfOldestMessage", "Seconds", float64(now.Sub(oldest)/time.Second))
	}
	return out, true
}

// Name returns the queue name.
func (q *SQSQueue) Name() string { return q.name }
