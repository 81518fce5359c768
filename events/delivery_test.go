package events_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/events"
)

// flaky is a sink that fails its first n deliveries with err, recording when each attempt came.
type flaky struct {
	b     *bus.Bus
	n     int
	err   error
	times []time.Time
	got   []string
}

func (f *flaky) Deliver(_ context.Context, p bus.Payload) error {
	f.times = append(f.times, f.b.Now())
	if len(f.times) <= f.n {
		return f.err
	}
	f.got = append(f.got, string(p.Body))
	return nil
}

func register(t *testing.T, b *bus.Bus, arn string, s bus.Sink) {
	t.Helper()
	if err := b.Register(arn, s); err != nil {
		t.Fatal(err)
	}
}

const fnARN = "arn:aws:lambda:us-east-1:123456789012:function:f"

func TestTargetFailsTwiceThenSucceeds(t *testing.T) {
	s, b := newService(t)
	f := &flaky{b: b, n: 2, err: bus.ServerError("ServiceException", "boom")}
	register(t, b, fnARN, f)
	rule(t, s, "r", `{"source":["a"]}`, events.Target{Id: "t", Arn: fnARN})
	start := b.Now()
	put(t, s, "a", "x", "{}")
	if len(f.times) != 1 || len(f.got) != 0 {
		t.Fatalf("first attempt: %d attempts, %d delivered", len(f.times), len(f.got))
	}
	if err := b.Advance(time.Hour); err != nil {
		t.Fatal(err)
	}
	if len(f.times) != 3 || len(f.got) != 1 {
		t.Fatalf("after an hour: %d attempts, %d delivered, want 3 and 1", len(f.times), len(f.got))
	}
	// Retry n waits between half and all of min(2^(n-1) s, 10 min).
	for n, at := range f.times[1:] {
		wait := at.Sub(f.times[n])
		full := time.Duration(1<<n) * time.Second
		if wait < full/2 || wait >= full {
			t.Errorf("retry %d waited %v, want in [%v, %v)", n+1, wait, full/2, full)
		}
	}
	if f.times[0] != start {
		t.Errorf("first attempt at %v, want %v", f.times[0], start)
	}
}

func TestRetriesExhaustedGoToTheDLQ(t *testing.T) {
	s, b := newService(t)
	dlq := queue(t, b, "dlq")
	f := &flaky{b: b, n: 1 << 30, err: bus.ServerError("ServiceException", "boom")}
	register(t, b, fnARN, f)
	arn := rule(t, s, "r", `{"source":["a"]}`, events.Target{Id: "t", Arn: fnARN,
		RetryPolicy:      &events.RetryPolicy{MaximumRetryAttempts: ptr[int32](3)},
		DeadLetterConfig: &events.DeadLetterConfig{Arn: dlq.ARN()}})
	id := put(t, s, "a", "x", `{"k":1}`)
	if err := b.Advance(24 * time.Hour); err != nil {
		t.Fatal(err)
	}
	if len(f.times) != 4 {
		t.Fatalf("%d attempts, want 1 + 3 retries", len(f.times))
	}
	ms := drain(t, dlq)
	if len(ms) != 1 {
		t.Fatalf("%d dead letters, want 1", len(ms))
	}
	want := map[string]string{"RULE_ARN": arn, "TARGET_ARN": fnARN, "ERROR_CODE": "ERROR_FROM_TARGET", "ERROR_MESSAGE": "boom",
		"EXHAUSTED_RETRY_CONDITION": "MaximumRetryAttempts", "RETRY_ATTEMPTS": "3"}
	for k, v := range want {
		if ms[0].Attributes[k] != v {
			t.Errorf("attribute %s = %q, want %q", k, ms[0].Attributes[k], v)
		}
	}
	if m := envelope(t, ms[0].Body); m["id"] != id {
		t.Errorf("dead letter body %s is not the event", ms[0].Body)
	}
}

func TestMaximumEventAge(t *testing.T) {
	s, b := newService(t)
	dlq := queue(t, b, "dlq")
	f := &flaky{b: b, n: 1 << 30, err: bus.ClientError("ThrottlingException", "slow down")}
	register(t, b, fnARN, f)
	rule(t, s, "r", `{"source":["a"]}`, events.Target{Id: "t", Arn: fnARN,
		RetryPolicy:      &events.RetryPolicy{MaximumEventAgeInSeconds: ptr[int32](60)},
		DeadLetterConfig: &events.DeadLetterConfig{Arn: dlq.ARN()}})
	start := b.Now()
	put(t, s, "a", "x", "{}")
	if err := b.Advance(time.Hour); err != nil {
		t.Fatal(err)
	}
	last := f.times[len(f.times)-1]
	if last.Sub(start) > time.Minute {
		t.Fatalf("an attempt %v after the event, past its 60 s age", last.Sub(start))
	}
	ms := drain(t, dlq)
	if len(ms) != 1 || ms[0].Attributes["EXHAUSTED_RETRY_CONDITION"] != "MaximumEventAgeInSeconds" || ms[0].Attributes["ERROR_CODE"] != "THROTTLING" {
		t.Fatalf("dead letters %+v", ms)
	}
}

// A missing target resource is not retried: the event goes straight to the DLQ.
func TestMissingTargetIsNotRetried(t *testing.T) {
	s, b := newService(t)
	dlq := queue(t, b, "dlq")
	rule(t, s, "r", `{"source":["a"]}`, events.Target{Id: "t", Arn: "arn:aws:sqs:us-east-1:123456789012:gone",
		DeadLetterConfig: &events.DeadLetterConfig{Arn: dlq.ARN()}})
	put(t, s, "a", "x", "{}")
	ms := drain(t, dlq)
	if len(ms) != 1 || ms[0].Attributes["ERROR_CODE"] != "NO_RESOURCE" || ms[0].Attributes["RETRY_ATTEMPTS"] != "0" {
		t.Fatalf("dead letters %+v", ms)
	}
	if _, ok := ms[0].Attributes["EXHAUSTED_RETRY_CONDITION"]; ok {
		t.Error("a non-retried failure names an exhausted retry condition")
	}
	if err := b.Advance(48 * time.Hour); err != nil {
		t.Fatal(err)
	}
	if n := len(drain(t, dlq)); n != 0 {
		t.Fatalf("%d more dead letters after two days", n)
	}
}

// Without a target DLQ the bus's DLQ takes the event; without either it is dropped.
func TestBusDeadLetterQueue(t *testing.T) {
	s, b := newService(t)
	dlq := queue(t, b, "busdlq")
	if _, err := s.UpdateEventBus(ctx, &events.UpdateEventBusInput{DeadLetterConfig: &events.DeadLetterConfig{Arn: dlq.ARN()}}); err != nil {
		t.Fatal(err)
	}
	rule(t, s, "r", `{"source":["a"]}`, events.Target{Id: "t", Arn: "arn:aws:sns:us-east-1:123456789012:gone"})
	put(t, s, "a", "x", "{}")
	if ms := drain(t, dlq); len(ms) != 1 || ms[0].Attributes["ERROR_CODE"] != "NO_RESOURCE" {
		t.Fatalf("bus dead letters %+v", ms)
	}
}

// An input transformer whose output is not JSON delivers nothing (as AWS drops it), and the event
// goes to the DLQ as INVALID_JSON.
func TestInvalidTransformedJSONIsNotDelivered(t *testing.T) {
	s, b := newService(t)
	q, dlq := queue(t, b, "q"), queue(t, b, "dlq")
	rule(t, s, "r", `{"source":["a"]}`, events.Target{Id: "t", Arn: q.ARN(),
		InputTransformer: &events.InputTransformer{InputPathsMap: map[string]string{"p": "$.detail.payload"}, InputTemplate: `{"payload": "<p>"}`},
		DeadLetterConfig: &events.DeadLetterConfig{Arn: dlq.ARN()}})
	put(t, s, "a", "x", `{"payload":{"k":"v"}}`)
	if n := len(drain(t, q)); n != 0 {
		t.Fatalf("%d deliveries of invalid JSON", n)
	}
	if ms := drain(t, dlq); len(ms) != 1 || ms[0].Attributes["ERROR_CODE"] != "INVALID_JSON" {
		t.Fatalf("dead letters %+v", ms)
	}
}

func TestInputSettingsShapeTheDelivery(t *testing.T) {
	s, b := newService(t)
	qs := []*bus.SQSQueue{queue(t, b, "q0"), queue(t, b, "q1"), queue(t, b, "q2")}
	arn := rule(t, s, "r", `{"source":["a"]}`,
		events.Target{Id: "const", Arn: qs[0].ARN(), Input: `{"custom-value":"somecustominput"}`},
		events.Target{Id: "path", Arn: qs[1].ARN(), InputPath: "$.detail.payload.sf_id"},
		events.Target{Id: "tmpl", Arn: qs[2].ARN(), InputTransformer: &events.InputTransformer{
			InputPathsMap: map[string]string{"dt": "$.detail-type"},
			InputTemplate: `{"detailType": <dt>, "rule": <aws.events.rule-arn>}`}})
	put(t, s, "a", "core.update", `{"payload":{"sf_id":"baz"}}`)
	want := []string{`{"custom-value":"somecustominput"}`, `"baz"`, `{"detailType":"core.update","rule":"` + arn + `"}`}
	for i, q := range qs {
		ms := drain(t, q)
		if len(ms) != 1 || ms[0].Body != want[i] {
			t.Errorf("target %d got %+v, want %s", i, ms, want[i])
		}
	}
}

func TestFIFOAndKinesisParameters(t *testing.T) {
	s, b := newService(t)
	fifo := queue(t, b, "f.fifo")
	stream, err := bus.NewKinesisStream(b, "st")
	if err != nil {
		t.Fatal(err)
	}
	rule(t, s, "r", `{"source":["a"]}`,
		events.Target{Id: "f", Arn: fifo.ARN(), SqsParameters: &events.SqsParameters{MessageGroupId: "g1"}},
		events.Target{Id: "k", Arn: stream.ARN(), RoleArn: "arn:aws:iam::123456789012:role/r", KinesisParameters: &events.KinesisParameters{PartitionKeyPath: "$.detail.user"}})
	put(t, s, "a", "x", `{"user":"alice"}`)
	if ms := drain(t, fifo); len(ms) != 1 || ms[0].GroupID != "g1" {
		t.Fatalf("FIFO messages %+v", ms)
	}
	if rs := stream.Records(); len(rs) != 1 || rs[0].PartitionKey != "alice" {
		t.Fatalf("Kinesis records %+v", rs)
	}
}

func TestCrossBusRouting(t *testing.T) {
	s, b := newService(t)
	for _, n := range []string{"second", "third"} {
		if _, err := s.CreateEventBus(ctx, &events.CreateEventBusInput{Name: n}); err != nil {
			t.Fatal(err)
		}
	}
	q2, q3 := queue(t, b, "q2"), queue(t, b, "q3")
	busARN := func(n string) string { return "arn:aws:events:us-east-1:123456789012:event-bus/" + n }
	rule(t, s, "fwd", `{"source":["a"]}`, events.Target{Id: "bus", Arn: busARN("second")})
	for _, in := range []*events.PutRuleInput{
		{Name: "onsecond", EventPattern: `{"source":["a"]}`, EventBusName: "second"},
		{Name: "hop", EventPattern: `{"source":["a"]}`, EventBusName: "second"},
		{Name: "onthird", EventPattern: `{"source":["a"]}`, EventBusName: "third"},
	} {
		if _, err := s.PutRule(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	mustTargets := func(rule, bus string, ts ...events.Target) {
		if _, err := s.PutTargets(ctx, &events.PutTargetsInput{Rule: rule, EventBusName: bus, Targets: ts}); err != nil {
			t.Fatal(err)
		}
	}
	mustTargets("onsecond", "second", events.Target{Id: "q", Arn: q2.ARN()})
	mustTargets("hop", "second", events.Target{Id: "bus", Arn: busARN("third")})
	mustTargets("onthird", "third", events.Target{Id: "q", Arn: q3.ARN()})
	id := put(t, s, "a", "x", "{}")
	ms := drain(t, q2)
	if len(ms) != 1 || envelope(t, ms[0].Body)["id"] != id {
		t.Fatalf("second bus got %+v", ms)
	}
	if n := len(drain(t, q3)); n != 0 {
		t.Fatalf("an event forwarded to a third bus (%d messages)", n)
	}
	// Sent to the second bus directly, it does reach the third.
	if _, err := s.PutEvents(ctx, &events.PutEventsInput{Entries: []events.PutEventsRequestEntry{{Source: "a", DetailType: "x", Detail: "{}", EventBusName: "second"}}}); err != nil {
		t.Fatal(err)
	}
	if n := len(drain(t, q3)); n != 1 {
		t.Fatalf("third bus got %d, want 1", n)
	}
	if _, err := s.DeleteEventBus(ctx, &events.DeleteEventBusInput{Name: "default"}); bus.ErrorCode(err) != "ValidationException" || !strings.Contains(err.Error(), "Cannot delete event bus default.") {
		t.Fatalf("deleting default: %v", err)
	}
	if _, err := s.CreateEventBus(ctx, &events.CreateEventBusInput{Name: "second"}); bus.ErrorCode(err) != "ResourceAlreadyExistsException" {
		t.Fatalf("duplicate bus: %v", err)
	}
	if _, err := s.CreateEventBus(ctx, &events.CreateEventBusInput{Name: "p", EventSourceName: "aws.partner/x/y"}); !bus.IsNotSimulated(err) {
		t.Fatalf("partner bus: %v", err)
	}
}
