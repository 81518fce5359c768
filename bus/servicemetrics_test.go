package bus

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"testing"
	"time"

	"github.com/benbjohnson/clock"

	"pgregory.net/rapid"
)

// collected is every datum published on MetricDataIn, with its namespace.
type collected struct {
	ns string
	d  MetricDatum
}

// collect subscribes to MetricDataIn (which turns metering on) and returns what arrives.
func collect(b *Bus) *[]collected {
	var got []collected
	Subscribe(b, MetricDataIn(), func(_ context.Context, md MetricData) {
		for _, d := range md.MetricData {
			got = append(got, collected{ns: md.Namespace, d: d})
		}
	})
	return &got
}

func dimNames(d MetricDatum) string {
	var names []string
	for _, x := range d.Dimensions {
		names = append(names, x.Name)
	}
	sort.Strings(names)
	return strings.Join(names, ",")
}

func valueOf(d MetricDatum) float64 {
	if d.Value != nil {
		return *d.Value
	}
	return d.StatisticValues.Sum
}

// sumOf returns the Sum of every datum of ns/name.
func sumOf(got []collected, ns, name string) float64 {
	s := 0.0
	for _, c := range got {
		if c.ns == ns && c.d.MetricName == name {
			s += valueOf(c.d)
		}
	}
	return s
}

// serviceMetricTable is every service metric the fakes publish, with its dimensions and unit, as
// the AWS documentation pages cited in sqs_metrics.go, sns_metrics.go, lambda_metrics.go and
// stream_metrics.go / s3_metrics.go list them.
var serviceMetricTable = []struct {
	ns, name, dims, unit string
}{
	{"AWS/SQS", "NumberOfMessagesSent", "QueueName", "Count"},
	{"AWS/SQS", "SentMessageSize", "QueueName", "Bytes"},
	{"AWS/SQS", "NumberOfMessagesReceived", "QueueName", "Count"},
	{"AWS/SQS", "NumberOfEmptyReceives", "QueueName", "Count"},
	{"AWS/SQS", "NumberOfMessagesDeleted", "QueueName", "Count"},
	{"AWS/SQS", "NumberOfDeduplicatedSentMessages", "QueueName", "Count"},
	{"AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", "Count"},
	{"AWS/SQS", "ApproximateNumberOfMessagesNotVisible", "QueueName", "Count"},
	{"AWS/SQS", "ApproximateNumberOfMessagesDelayed", "QueueName", "Count"},
	{"AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", "Seconds"},
	{"AWS/SNS", "NumberOfMessagesPublished", "TopicName", "Count"},
	{"AWS/SNS", "PublishSize", "TopicName", "Bytes"},
	{"AWS/SNS", "NumberOfNotificationsDelivered", "TopicName", "Count"},
	{"AWS/SNS", "NumberOfNotificationsFailed", "TopicName", "Count"},
	{"AWS/Lambda", "Invocations", "FunctionName", "Count"},
	{"AWS/Lambda", "Errors", "FunctionName", "Count"},
	{"AWS/Lambda", "Throttles", "FunctionName", "Count"},
	{"AWS/Lambda", "Duration", "FunctionName", "Milliseconds"},
	{"AWS/Lambda", "ConcurrentExecutions", "FunctionName", "Count"},
	{"AWS/Kinesis", "IncomingRecords", "StreamName", "Count"},
	{"AWS/Kinesis", "IncomingBytes", "StreamName", "Bytes"},
	{"AWS/Kinesis", "PutRecord.Success", "StreamName", "Count"},
	{"AWS/Kinesis", "PutRecord.Bytes", "StreamName", "Bytes"},
	{"AWS/Firehose", "IncomingRecords", "DeliveryStreamName", "Count"},
	{"AWS/Firehose", "IncomingBytes", "DeliveryStreamName", "Bytes"},
	{"AWS/Firehose", "IncomingPutRequests", "DeliveryStreamName", "Count"},
	{"AWS/Firehose", "PutRecord.Requests", "DeliveryStreamName", "Count"},
	{"AWS/Firehose", "PutRecord.Bytes", "DeliveryStreamName", "Bytes"},
	{"AWS/S3", "BucketSizeBytes", "BucketName,StorageType", "Bytes"},
	{"AWS/S3", "NumberOfObjects", "BucketName,StorageType", "Count"},
	{"AWS/S3", "AllRequests", "BucketName,FilterId", "Count"},
	{"AWS/S3", "GetRequests", "BucketName,FilterId", "Count"},
	{"AWS/S3", "PutRequests", "BucketName,FilterId", "Count"},
	{"AWS/S3", "DeleteRequests", "BucketName,FilterId", "Count"},
	{"AWS/S3", "ListRequests", "BucketName,FilterId", "Count"},
	{"AWS/S3", "BytesDownloaded", "BucketName,FilterId", "Bytes"},
	{"AWS/S3", "BytesUploaded", "BucketName,FilterId", "Bytes"},
	{"AWS/S3", "4xxErrors", "BucketName,FilterId", "Count"},
}

// exerciseAll drives every fake so that each metric of serviceMetricTable is published.
func exerciseAll(t *testing.T, b *Bus) {
	t.Helper()
	ctx := context.Background()
	q := mustQ(t, b, "orders")
	must(t, q.SetVisibilityTimeout(10*time.Minute))
	fifo := mustQ(t, b, "orders.fifo")
	if err := fifo.SetContentBasedDeduplication(true); err != nil {
		t.Fatal(err)
	}
	delayed := mustQ(t, b, "later")
	if err := delayed.SetDelaySeconds(5 * time.Minute); err != nil {
		t.Fatal(err)
	}
	must(t, deliver(b, q, "one"))
	must(t, deliver(b, q, "two"))
	must(t, deliver(b, delayed, "later"))
	for range 2 {
		if _, err := fifo.Send(ctx, Payload{Body: []byte("same"), GroupID: "g"}); err != nil {
			t.Fatal(err)
		}
	}
	ms, err := q.Receive(1)
	must(t, err)
	must(t, q.Delete(ms[0].ReceiptHandle))
	if _, err := delayed.Receive(1); err != nil { // empty: the message is delayed
		t.Fatal(err)
	}
	if _, err := q.Receive(1); err != nil { // in flight from now on
		t.Fatal(err)
	}

	topic, err := NewSNSTopic(b, "alerts")
	must(t, err)
	_, err = topic.Subscribe(q.ARN(), true)
	must(t, err)
	_, err = topic.Subscribe(b.ARN("sqs", "gone"), true)
	must(t, err)
	_, err = topic.Publish(ctx, Payload{Body: []byte("hello")})
	must(t, err)

	fn, err := NewLambdaFunction(b, "worker", func(ctx context.Context, p []byte) error {
		ReportDuration(ctx, 250*time.Millisecond)
		if string(p) == "fail" {
			return errors.New("boom")
		}
		return nil
	})
	must(t, err)
	fn.SetReservedConcurrency(1)
	must(t, fn.Deliver(ctx, Payload{Body: []byte("ok")}))
	if err := fn.Deliver(ctx, Payload{Body: []byte("ok")}); ErrorCode(err) != "TooManyRequestsException" {
		t.Fatalf("second concurrent invocation: %v, want TooManyRequestsException", err)
	}
	must(t, b.Advance(time.Second))
	if err := fn.Deliver(ctx, Payload{Body: []byte("fail")}); err == nil {
		t.Fatal("the failing invocation returned no error")
	}
	exerciseStreams(t, b)
	must(t, b.Advance(2*time.Minute))
}

func mustQ(t *testing.T, b *Bus, name string) *SQSQueue {
	t.Helper()
	q, err := NewSQSQueue(b, name)
	must(t, err)
	return q
}

func deliver(b *Bus, q *SQSQueue, body string) error {
	return b.Deliver(context.Background(), q.ARN(), Payload{Body: []byte(body)})
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestServiceMetricTable(t *testing.T) {
	b := MustNew()
	got := collect(b)
	exerciseAll(t, b)
	must(t, b.Advance(24*time.Hour)) // the daily S3 storage metrics
	seen := map[string]bool{}
	for _, c := range *got {
		key := c.ns + " " + c.d.MetricName
		i := slices.IndexFunc(serviceMetricTable, func(r struct{ ns, name, dims, unit string }) bool {
			return r.ns == c.ns && r.name == c.d.MetricName
		})
		if i < 0 {
			t.Errorf("published %s, which the table does not list", key)
			continue
		}
		row := serviceMetricTable[i]
		if dn := dimNames(c.d); dn != row.dims {
			t.Errorf("%s: dimensions %s, want %s", key, dn, row.dims)
		}
		if c.d.Unit != row.unit {
			t.Errorf("%s: unit %q, want %q", key, c.d.Unit, row.unit)
		}
		if row.ns == "AWS/S3" && (row.name == "BucketSizeBytes" || row.name == "NumberOfObjects") {
			if c.d.Timestamp.Unix()%86400 != 0 {
				t.Errorf("%s: timestamp %s is not a day's start", key, c.d.Timestamp)
			}
		} else if c.d.Timestamp.Unix()%60 != 0 {
			t.Errorf("%s: timestamp %s is not a minute's start", key, c.d.Timestamp)
		}
		seen[key] = true
	}
	for _, r := range serviceMetricTable {
		if !seen[r.ns+" "+r.name] {
			t.Errorf("%s %s was never published", r.ns, r.name)
		}
	}
}

func TestServiceMetricsValues(t *testing.T) {
	b := MustNew()
	got := collect(b)
	exerciseAll(t, b)
	for _, c := range []struct {
		ns, name string
		want     float64
	}{
		{"AWS/SQS", "NumberOfMessagesSent", 1 + 2 + 1 + 1}, // orders (2 + SNS), later, orders.fifo once
		{"AWS/SQS", "NumberOfDeduplicatedSentMessages", 1},
		{"AWS/SQS", "NumberOfMessagesReceived", 2},
		{"AWS/SQS", "NumberOfMessagesDeleted", 1},
		{"AWS/SQS", "NumberOfEmptyReceives", 1},
		{"AWS/SNS", "NumberOfMessagesPublished", 1},
		{"AWS/SNS", "PublishSize", 5},
		{"AWS/SNS", "NumberOfNotificationsDelivered", 1},
		{"AWS/SNS", "NumberOfNotificationsFailed", 1},
		{"AWS/Lambda", "Invocations", 2},
		{"AWS/Lambda", "Errors", 1},
		{"AWS/Lambda", "Throttles", 1},
		{"AWS/Lambda", "Duration", 500},
	} {
		if s := sumOf(*got, c.ns, c.name); s != c.want {
			t.Errorf("%s %s: sum %v, want %v", c.ns, c.name, s, c.want)
		}
	}
	// Errors is a binary indicator per invocation: SampleCount 2, Sum 1.
	for _, c := range *got {
		if c.d.MetricName == "Errors" && c.d.StatisticValues.SampleCount != 2 {
			t.Errorf("Errors SampleCount %v, want 2 (one sample per invocation)", c.d.StatisticValues.SampleCount)
		}
	}
}

func TestServiceMetricMinutes(t *testing.T) {
	b := MustNew()
	got := collect(b)
	m, err := NewServiceMetric(b, "Custom/X", "Requests", "Count", Dimension{Name: "Host", Value: "a"})
	must(t, err)
	must(t, b.Advance(10*time.Second))
	m.Observe(1)
	m.Observe(3)
	must(t, b.Advance(time.Minute)) // 00:01:10
	m.Observe(5)
	if len(*got) != 1 {
		t.Fatalf("after the first minute: %d datums, want 1", len(*got))
	}
	must(t, b.Advance(time.Hour))
	if len(*got) != 2 {
		t.Fatalf("%d datums, want 2", len(*got))
	}
	first, second := (*got)[0].d, (*got)[1].d
	if sv := *first.StatisticValues; sv != (StatisticSet{SampleCount: 2, Sum: 4, Minimum: 1, Maximum: 3}) {
		t.Errorf("first minute %+v", sv)
	}
	if !first.Timestamp.Equal(DefaultStart()) || !second.Timestamp.Equal(DefaultStart().Add(time.Minute)) {
		t.Errorf("timestamps %s, %s", first.Timestamp, second.Timestamp)
	}
	if _, err := NewServiceMetric(b, "", "x", "Count"); err == nil {
		t.Error("empty namespace accepted")
	}
	if _, err := NewServiceMetric(nil, "X", "x", "Count"); err == nil {
		t.Error("nil bus accepted")
	}
	if _, err := NewSampler(nil, "X", EveryMinute, func(time.Time) ([]MetricDatum, bool) { return nil, false }); err == nil {
		t.Error("nil bus accepted by NewSampler")
	}
	if _, err := NewSampler(b, "", EveryMinute, func(time.Time) ([]MetricDatum, bool) { return nil, false }); err == nil {
		t.Error("empty namespace accepted by NewSampler")
	}
	if _, err := NewSampler(b, "X", 0, func(time.Time) ([]MetricDatum, bool) { return nil, false }); err == nil {
		t.Error("period 0 accepted")
	}
	if _, err := NewSampler(b, "X", EveryMinute, nil); err == nil {
		t.Error("nil SampleFunc accepted")
	}
}

func TestServiceMetricsOffWithoutMetrics(t *testing.T) {
	b := MustNew()
	q := mustQ(t, b, "q")
	must(t, deliver(b, q, "x"))
	if m := b.meter.Load(); m != nil && (m.timer != nil || len(m.dirty) > 0) {
		t.Fatal("metering ran on a bus with no MetricDataIn subscriber")
	}
}

// TestSQSInactiveQueue checks the six-hour rule: an empty queue reports its gauges for six hours
// after its last action, then nothing; a queue holding messages keeps reporting.
func TestSQSInactiveQueue(t *testing.T) {
	b := MustNew()
	got := collect(b)
	q := mustQ(t, b, "q")
	must(t, deliver(b, q, "x"))
	ms, err := q.Receive(1)
	must(t, err)
	must(t, q.Delete(ms[0].ReceiptHandle))
	must(t, b.Advance(24*time.Hour))
	var visible []time.Time
	for _, c := range *got {
		if c.d.MetricName == "ApproximateNumberOfMessagesVisible" {
			visible = append(visible, c.d.Timestamp)
		}
	}
	// Samples at the end of minutes 0..359: the one taken at 06:00 (for minute 05:59) is the last
	// one within six hours of the action at 00:00.
	if len(visible) != 360 || !visible[359].Equal(DefaultStart().Add(359*time.Minute)) {
		t.Fatalf("%d Visible samples (last %v), want 360 ending at 05:59", len(visible), visible[len(visible)-1])
	}
	if q.met.sampler.Awake() {
		t.Error("the sampler of an inactive queue is still awake")
	}
	// A queue with a message stays active, and its age grows.
	*got = nil
	must(t, deliver(b, q, "stuck"))
	must(t, b.Advance(8*time.Hour))
	var ages []float64
	for _, c := range *got {
		if c.d.MetricName == "ApproximateAgeOfOldestMessage" {
			ages = append(ages, *c.d.Value)
		}
	}
	if len(ages) != 480 || ages[0] != 60 || ages[479] != 8*3600 {
		t.Fatalf("%d age samples from %v to %v, want 480 from 60 to 28800", len(ages), ages[0], ages[len(ages)-1])
	}
}

func TestSQSAgeLeavesOutPoisonPills(t *testing.T) {
	b := MustNew()
	got := collect(b)
	q := mustQ(t, b, "q")
	must(t, q.SetVisibilityTimeout(0))
	must(t, deliver(b, q, "poison"))
	must(t, b.Advance(10*time.Minute))
	must(t, deliver(b, q, "fresh"))
	for range 3 {
		ms, err := q.Receive(1)
		must(t, err)
		if ms[0].Body != "poison" {
			t.Fatalf("received %q first", ms[0].Body)
		}
	}
	*got = nil
	must(t, b.Advance(time.Minute))
	for _, c := range *got {
		if c.d.MetricName == "ApproximateAgeOfOldestMessage" && *c.d.Value != 60 {
			t.Fatalf("age %v, want 60: the message received three times counts no more", *c.d.Value)
		}
	}
}

// TestIdleResourcesCostNothing: 10,000 queues, topics and functions that never see activity leave
// no timer pending, whatever the time advanced.
func TestIdleResourcesCostNothing(t *testing.T) {
	b := MustNew()
	got := collect(b)
	for i := range 10000 {
		mustQ(t, b, fmt.Sprintf("q%d", i))
	}
	must(t, b.Advance(30*24*time.Hour))
	if len(*got) != 0 {
		t.Fatalf("%d datums from idle queues", len(*got))
	}
	b.mu.Lock()
	pending := len(b.heap)
	b.mu.Unlock()
	if pending != 0 {
		t.Fatalf("%d timers pending over idle resources", pending)
	}
}

// TestConservation: whatever the sequence of sends, receives and deletes, the sums of
// NumberOfMessagesSent, NumberOfMessagesReceived and NumberOfMessagesDeleted equal the messages
// sent, received and deleted.
func TestConservation(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		b := MustNew()
		got := collect(b)
		q, err := NewSQSQueue(b, "q")
		if err != nil {
			rt.Fatal(err)
		}
		vis := rapid.IntRange(0, 120).Draw(rt, "visibility")
		if err := q.SetVisibilityTimeout(time.Duration(vis) * time.Second); err != nil {
			rt.Fatal(err)
		}
		var sent, received, deleted int
		var handles []string
		for i, n := 0, rapid.IntRange(1, 80).Draw(rt, "ops"); i < n; i++ {
			switch rapid.IntRange(0, 3).Draw(rt, "op") {
			case 0:
				if _, err := q.Send(context.Background(), Payload{Body: []byte("m")}); err != nil {
					rt.Fatal(err)
				}
				sent++
			case 1:
				ms, err := q.Receive(rapid.IntRange(1, 10).Draw(rt, "max"))
				if err != nil {
					rt.Fatal(err)
				}
				received += len(ms)
				for _, m := range ms {
					handles = append(handles, m.ReceiptHandle)
				}
			case 2:
				if len(handles) > 0 {
					h := handles[0]
					handles = handles[1:]
					if q.Delete(h) == nil {
						deleted++
					}
				}
			case 3:
				if err := b.Advance(time.Duration(rapid.IntRange(0, 600).Draw(rt, "wait")) * time.Second); err != nil {
					rt.Fatal(err)
				}
			}
		}
		if err := b.Advance(time.Hour); err != nil {
			rt.Fatal(err)
		}
		for _, c := range []struct {
			name string
			want int
		}{{"NumberOfMessagesSent", sent}, {"NumberOfMessagesReceived", received}, {"NumberOfMessagesDeleted", deleted}} {
			if s := sumOf(*got, SQSNamespace, c.name); s != float64(c.want) {
				rt.Fatalf("%s: sum %v, want %d", c.name, s, c.want)
			}
		}
	})
}

func TestReportDurationOutsideInvocation(t *testing.T) {
	if ReportDuration(context.Background(), time.Second) {
		t.Error("ReportDuration outside an invocation reported true")
	}
	//lint:ignore SA1012 the nil context is the misuse under test
	if ReportDuration(nil, time.Second) {
		t.Error("ReportDuration(nil) reported true")
	}
	b := MustNew()
	fn, err := NewLambdaFunction(b, "f", func(context.Context, []byte) error { return nil })
	must(t, err)
	if fn.SetDuration(-time.Second) == nil || fn.SetDuration(16*time.Minute) == nil {
		t.Error("an out-of-range duration was accepted")
	}
}

// TestServiceMetricsConcurrent sends, receives and advances from several goroutines (run it with
// -race): no datum is lost and the sums still match.
func TestServiceMetricsConcurrent(t *testing.T) {
	b := MustNew()
	var mu sync.Mutex
	sent := 0.0
	Subscribe(b, MetricDataIn(), func(_ context.Context, md MetricData) {
		mu.Lock()
		defer mu.Unlock()
		for _, d := range md.MetricData {
			if d.MetricName == "NumberOfMessagesSent" {
				sent += d.StatisticValues.Sum
			}
		}
	})
	q := mustQ(t, b, "q")
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 500 {
				if _, err := q.Send(context.Background(), Payload{Body: []byte("x")}); err != nil {
					t.Error(err)
					return
				}
				if _, err := q.Receive(1); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for range 50 {
			if err := b.Advance(7 * time.Second); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	wg.Wait()
	must(t, b.Advance(time.Hour))
	mu.Lock()
	defer mu.Unlock()
	if sent != 2000 {
		t.Fatalf("NumberOfMessagesSent sums to %v, want 2000", sent)
	}
}

// TestServiceMetricsAfterClose: observing and waking on a closed bus neither panics nor publishes.
func TestServiceMetricsAfterClose(t *testing.T) {
	b := MustNew()
	got := collect(b)
	m, err := NewServiceMetric(b, "Custom/X", "N", "Count")
	must(t, err)
	s, err := NewSampler(b, "Custom/X", EveryMinute, func(time.Time) ([]MetricDatum, bool) {
		v := 1.0
		return []MetricDatum{{MetricName: "G", Value: &v}}, true
	})
	must(t, err)
	must(t, b.Close())
	m.Observe(1)
	s.Wake()
	if err := b.Advance(time.Hour); err == nil {
		t.Fatal("Advance on a closed bus succeeded")
	}
	if len(*got) != 0 {
		t.Fatalf("%d datums published after Close", len(*got))
	}
	if _, err := NewServiceMetric(b, "Custom/X", "N2", "Count"); !errors.Is(err, ErrClosed) {
		t.Errorf("NewServiceMetric after Close: %v, want ErrClosed", err)
	}
	if _, err := NewSampler(b, "Custom/X", EveryMinute, func(time.Time) ([]MetricDatum, bool) { return nil, false }); !errors.Is(err, ErrClosed) {
		t.Errorf("NewSampler after Close: %v, want ErrClosed", err)
	}
}

// TestLambdaConcurrentExecutionsForEveryFunction: ConcurrentExecutions is published for a function
// without a reserved concurrency too ("Monitoring concurrency", Lambda Developer Guide).
func TestLambdaConcurrentExecutionsForEveryFunction(t *testing.T) {
	b := MustNew()
	got := collect(b)
	fn, err := NewLambdaFunction(b, "plain", func(ctx context.Context, p []byte) error {
		ReportDuration(ctx, time.Second)
		return nil
	})
	must(t, err)
	must(t, fn.Deliver(context.Background(), Payload{Body: []byte("a")}))
	must(t, fn.Deliver(context.Background(), Payload{Body: []byte("b")}))
	must(t, b.Advance(2*time.Minute))
	max := 0.0
	for _, c := range *got {
		if c.ns == LambdaNamespace && c.d.MetricName == "ConcurrentExecutions" {
			for _, v := range c.d.Values {
				max = math.Max(max, v)
			}
			if c.d.StatisticValues != nil {
				max = math.Max(max, c.d.StatisticValues.Maximum)
			}
		}
	}
	if max != 2 {
		t.Fatalf("ConcurrentExecutions maximum %v, want 2 (two overlapping invocations)", max)
	}
}

// TestSamplerWakeWhileFlushing: wakes from another goroutine while Advance flushes (the race
// detector checks the state word), and a sampler woken between two flushes is sampled at the next.
func TestSamplerWakeWhileFlushing(t *testing.T) {
	b := MustNew()
	_ = collect(b) // metering on
	var samples atomic.Int64
	s, err := NewSampler(b, "Custom/X", EveryMinute, func(time.Time) ([]MetricDatum, bool) {
		samples.Add(1)
		return nil, false // idle: goes to sleep unless poked
	})
	must(t, err)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < 20000; i++ {
			s.Wake()
		}
	}()
	for i := 0; i < 200; i++ {
		must(t, b.Advance(time.Minute))
	}
	<-done
	s.Wake()
	before := samples.Load()
	must(t, b.Advance(time.Minute))
	if samples.Load() != before+1 {
		t.Fatalf("a sampler woken after the last flush was not sampled at the next one (%d → %d)", before, samples.Load())
	}
}

// TestLateFlushStillSamples: on a real clock the metering flush can run after the second it was
// scheduled for; the samplers due at that second still sample, for the period that ended then.
func TestLateFlushStillSamples(t *testing.T) {
	m := clock.NewMock()
	t0 := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	m.Set(t0)
	b := MustNew(WithClock(m))
	defer b.Close()
	var mu sync.Mutex
	var starts []time.Time
	Subscribe(b, MetricDataIn(), func(_ context.Context, md MetricData) {
		mu.Lock()
		defer mu.Unlock()
		for _, d := range md.MetricData {
			starts = append(starts, d.Timestamp)
		}
	})
	s, err := NewSampler(b, "Test/Late", EveryMinute, func(start time.Time) ([]MetricDatum, bool) {
		one := 1.0
		return []MetricDatum{{MetricName: "Gauge", Value: &one, Unit: "Count"}}, true
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Wake()
	m.Add(61500 * time.Millisecond) // the flush due at 12:01:00 runs at 12:01:01.5
	var got []time.Time
	for i := 0; i < 2000; i++ {
		mu.Lock()
		got = slices.Clone(starts)
		mu.Unlock()
		if len(got) > 0 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	if len(got) != 1 || !got[0].Equal(t0) {
		t.Fatalf("samples %v, want one for the minute starting %s", got, t0.Format(time.TimeOnly))
	}
}
