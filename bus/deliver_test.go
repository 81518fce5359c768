package bus

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestDeliverToUnregisteredARN(t *testing.T) {
	b := MustNew()
	cases := []struct{ arn, code string }{
		{"arn:aws:sns:us-east-1:123456789012:nope", "NotFound"},
		{"arn:aws:sqs:us-east-1:123456789012:nope", "AWS.SimpleQueueService.NonExistentQueue"},
		{"arn:aws:lambda:us-east-1:123456789012:function:nope", "ResourceNotFoundException"},
		{"arn:aws:kinesis:us-east-1:123456789012:stream/nope", "ResourceNotFoundException"},
		{"arn:aws:firehose:us-east-1:123456789012:deliverystream/nope", "ResourceNotFoundException"},
		{"arn:aws:s3:::nope-bucket", "NoSuchBucket"},
		{"not-an-arn", "InvalidParameterValue"},
	}
	for _, c := range cases {
		err := b.Deliver(context.Background(), c.arn, Payload{Body: []byte("x")})
		if got := ErrorCode(err); got != c.code {
			t.Errorf("Deliver(%s) code = %q (%v), want %q", c.arn, got, err, c.code)
		}
	}
}

func TestSNSFanOut(t *testing.T) {
	b := MustNew()
	topic, err := NewSNSTopic(b, "alerts")
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := NewSQSQueue(b, "raw")
	wrapped, _ := NewSQSQueue(b, "wrapped")
	var lambdaEvent map[string]any
	fn, _ := NewLambdaFunction(b, "handler", func(ctx context.Context, p []byte) error {
		return json.Unmarshal(p, &lambdaEvent)
	})
	failing, _ := NewLambdaFunction(b, "failing", func(context.Context, []byte) error { return errors.New("boom") })
	for _, s := range []struct {
		arn string
		raw bool
	}{{raw.ARN(), true}, {wrapped.ARN(), false}, {fn.ARN(), false}, {failing.ARN(), false}, {"arn:aws:sqs:us-east-1:123456789012:gone", true}} {
		if _, err := topic.Subscribe(s.arn, s.raw); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Deliver(context.Background(), topic.ARN(), Payload{Body: []byte(`{"alarm":"x"}`), Subject: "ALARM"}); err != nil {
		t.Fatalf("publish failed although SNS accepts it: %v", err)
	}
	if m := topic.Messages(); len(m) != 1 || m[0].Message != `{"alarm":"x"}` || m[0].Subject != "ALARM" {
		t.Fatalf("messages = %+v", m)
	}
	rm, _ := raw.Receive(10)
	if len(rm) != 1 || rm[0].Body != `{"alarm":"x"}` {
		t.Fatalf("raw queue got %+v", rm)
	}
	wm, _ := wrapped.Receive(10)
	var env map[string]any
	if len(wm) != 1 || json.Unmarshal([]byte(wm[0].Body), &env) != nil || env["Type"] != "Notification" ||
		env["TopicArn"] != topic.ARN() || env["Message"] != `{"alarm":"x"}` || env["Subject"] != "ALARM" {
		t.Fatalf("wrapped queue got %+v", wm)
	}
	recs, _ := lambdaEvent["Records"].([]any)
	if len(recs) != 1 || recs[0].(map[string]any)["EventSource"] != "aws:sns" {
		t.Fatalf("lambda event = %v", lambdaEvent)
	}
	if f := topic.Failures(); len(f) != 2 {
		t.Fatalf("failures = %+v, want the failing lambda and the missing queue", f)
	}
}

func TestSQSVisibilityAndFIFO(t *testing.T) {
	b := MustNew()
	q, _ := NewSQSQueue(b, "work.fifo")
	ctx := context.Background()
	if _, err := q.Send(ctx, Payload{Body: []byte("a")}); ErrorCode(err) != "MissingParameter" {
		t.Fatalf("FIFO send without group: %v", err)
	}
	if _, err := q.Send(ctx, Payload{Body: []byte("a"), GroupID: "g"}); ErrorCode(err) != "InvalidParameterValue" {
		t.Fatalf("FIFO send without dedup id: %v", err)
	}
	for i, g := range []string{"g1", "g1", "g2", "g1"} {
		if _, err := q.Send(ctx, Payload{Body: []byte(fmt.Sprint(i)), GroupID: g, DedupID: fmt.Sprint("d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	id1, _ := q.Send(ctx, Payload{Body: []byte("dup"), GroupID: "g3", DedupID: "same"})
	id2, _ := q.Send(ctx, Payload{Body: []byte("dup"), GroupID: "g3", DedupID: "same"})
	if id1 != id2 || q.Len() != 5 {
		t.Fatalf("duplicate within 5 minutes was enqueued (ids %s %s, len %d)", id1, id2, q.Len())
	}
	first, _ := q.Receive(2)
	if len(first) != 2 || first[0].Body != "0" || first[1].Body != "1" {
		t.Fatalf("first receive = %+v", first)
	}
	// g1 is in flight: only g2 and g3 are available.
	second, _ := q.Receive(10)
	var bodies []string
	for _, m := range second {
		bodies = append(bodies, m.Body)
	}
	if d := cmp.Diff([]string{"2", "dup"}, bodies); d != "" {
		t.Fatalf("second receive (-want +got):\n%s", d)
	}
	if err := q.Delete(first[0].ReceiptHandle); err != nil {
		t.Fatal(err)
	}
	if err := q.Delete("bogus"); ErrorCode(err) != "ReceiptHandleIsInvalid" {
		t.Fatalf("Delete(bogus) = %v", err)
	}
	// After the 30 s visibility timeout the undeleted messages come back, in order.
	if err := b.Advance(31 * time.Second); err != nil {
		t.Fatal(err)
	}
	again, _ := q.Receive(10)
	if len(again) == 0 || again[0].Body != "1" || again[0].ReceiveCount != 2 {
		t.Fatalf("after the timeout = %+v", again)
	}
	if _, err := q.Receive(11); ErrorCode(err) != "InvalidParameterValue" {
		t.Fatal("Receive(11) accepted")
	}
}

func TestS3AndStreams(t *testing.T) {
	b := MustNew()
	s3, err := NewS3Bucket(b, "trail-logs")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := NewS3Bucket(b, "Bad_Name"); ErrorCode(err) != "InvalidBucketName" {
		t.Fatalf("bad bucket name: %v", err)
	}
	ctx := context.Background()
	for _, k := range []string{"AWSLogs/2/b", "AWSLogs/1/a", "other"} {
		if err := b.Deliver(ctx, s3.ARN(), Payload{Key: k, Body: []byte(k), Attributes: map[string]string{"X-Kind": "log"}}); err != nil {
			t.Fatal(err)
		}
	}
	var keys []string
	for _, o := range s3.List("AWSLogs/") {
		keys = append(keys, o.Key)
	}
	if d := cmp.Diff([]string{"AWSLogs/1/a", "AWSLogs/2/b"}, keys); d != "" {
		t.Fatal(d)
	}
	o, err := s3.Get("other")
	if err != nil || string(o.Body) != "other" || o.Metadata["x-kind"] != "log" {
		t.Fatalf("Get = %+v, %v", o, err)
	}
	s3.Delete("other")
	if _, err := s3.Get("other"); ErrorCode(err) != "NoSuchKey" {
		t.Fatalf("Get after Delete = %v", err)
	}
	k, _ := NewKinesisStream(b, "events")
	_ = b.Deliver(ctx, k.ARN(), Payload{Body: []byte("r1"), Key: "p"})
	_ = b.Deliver(ctx, k.ARN(), Payload{Body: []byte("r2")})
	if r := k.Records(); len(r) != 2 || r[0].PartitionKey != "p" || r[1].SequenceNumber <= r[0].SequenceNumber {
		t.Fatalf("records = %+v", r)
	}
	if k.ARN() != "arn:aws:kinesis:us-east-1:123456789012:stream/events" {
		t.Fatal(k.ARN())
	}
	if err := b.Register(k.ARN(), SinkFunc(func(context.Context, Payload) error { return nil })); err == nil {
		t.Fatal("duplicate Register accepted")
	}
}

func TestARN(t *testing.T) {
	b := MustNew(WithRegion("cn-north-1"), WithAccount("111122223333"))
	if got := b.ARN("cloudwatch", "alarm:High"); got != "arn:aws-cn:cloudwatch:cn-north-1:111122223333:alarm:High" {
		t.Fatal(got)
	}
	a, err := ParseARN("arn:aws:logs:us-east-1:123456789012:log-group:/app:*")
	if err != nil || a.Service != "logs" || a.Resource != "log-group:/app:*" || a.String() != "arn:aws:logs:us-east-1:123456789012:log-group:/app:*" {
		t.Fatalf("ParseARN = %+v, %v", a, err)
	}
	for _, bad := range []string{"", "arn:aws:sns", "foo:aws:sns:r:a:x", "arn::sns:r:a:x", "arn:aws:sns:r:a:"} {
		if _, err := ParseARN(bad); err == nil {
			t.Errorf("ParseARN(%q) accepted", bad)
		}
	}
}

func TestOptionsValidate(t *testing.T) {
	for name, o := range map[string]Option{
		"account":   WithAccount("12345"),
		"region":    WithRegion("Mars"),
		"zero time": WithStart(time.Time{}),
		"nil clock": WithClock(nil),
	} {
		if _, err := New(o); err == nil {
			t.Errorf("%s: New accepted an invalid option", name)
		}
	}
	if _, err := New(WithSeed(1), WithSeed(2)); err == nil {
		t.Error("duplicate option accepted")
	}
}

// TestDeterminism checks that the same seed and the same calls give the same ids and records.
func TestDeterminism(t *testing.T) {
	run := func(seed uint64) []string {
		b := MustNew(WithSeed(seed))
		var out []string
		Subscribe(b, APICalls(), func(_ context.Context, c APICall) {
			out = append(out, c.RequestID+" "+c.EventID+" "+c.EventTime.String())
		})
		q, _ := NewSQSQueue(b, "q")
		b.Every(b.Now(), time.Hour, func(ctx context.Context) {
			Call(ctx, b, Operation{Name: "Tick"}, nil, func(context.Context, *noIn) (*noOut, error) { return nil, nil })
			_ = b.Deliver(ctx, q.ARN(), Payload{Body: []byte("x")})
		})
		_ = b.Advance(5 * time.Hour)
		msgs, _ := q.Receive(10)
		for _, m := range msgs {
			out = append(out, m.MessageID+" "+m.ReceiptHandle)
		}
		return append(out, b.UUID(), b.HexID(9))
	}
	if d := cmp.Diff(run(7), run(7)); d != "" {
		t.Fatalf("same seed, different output:\n%s", d)
	}
	if cmp.Equal(run(7), run(8)) {
		t.Fatal("different seeds gave the same ids")
	}
}

// TestDeliveriesTopic: every delivery by ARN is published on Deliveries once its sink answered —
// fan-out deliveries too, failures with their code, a missing target included.
func TestDeliveriesTopic(t *testing.T) {
	b := MustNew()
	q, _ := NewSQSQueue(b, "q")
	topic, _ := NewSNSTopic(b, "t")
	if _, err := topic.Subscribe(q.ARN(), false); err != nil {
		t.Fatal(err)
	}
	bk, err := NewS3Bucket(b, "audit-bucket")
	if err != nil {
		t.Fatal(err)
	}
	var got []Delivery
	stop := Subscribe(b, Deliveries(), func(_ context.Context, d Delivery) { got = append(got, d) })
	ctx := context.Background()
	_ = b.Advance(time.Minute)
	_ = b.Deliver(ctx, topic.ARN(), Payload{Body: []byte("hello")})
	_ = b.Deliver(ctx, bk.ARN(), Payload{Key: "a/b.json", Body: []byte("{}")})
	_ = b.Deliver(ctx, "arn:aws:sqs:us-east-1:123456789012:nope", Payload{Body: []byte("x")})
	_ = b.Deliver(ctx, q.ARN(), Payload{})
	at := b.Now()
	want := []Delivery{
		{Time: at, ARN: q.ARN()}, // the topic's fan-out answers first
		{Time: at, ARN: topic.ARN()},
		{Time: at, ARN: bk.ARN(), Key: "a/b.json"},
		{Time: at, ARN: "arn:aws:sqs:us-east-1:123456789012:nope", ErrorCode: "AWS.SimpleQueueService.NonExistentQueue"},
		{Time: at, ARN: q.ARN(), ErrorCode: "MissingParameter"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("deliveries (-want +got):\n%s", diff)
	}
	stop()
	_ = b.Deliver(ctx, bk.ARN(), Payload{Key: "c", Body: []byte("{}")})
	if len(got) != len(want) {
		t.Fatal("published after the last subscriber left")
	}
}
