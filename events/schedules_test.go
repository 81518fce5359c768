package events_test

import (
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/events"
)

// The scenario: at 02:00 on the last weekday of the month the rule fires, its target fails
// twice, then the event lands in the DLQ — all on virtual time.
func TestLastWeekdayScheduleFailsTwiceThenDLQ(t *testing.T) {
	s, b := newService(t)
	dlq := queue(t, b, "dlq")
	f := &flaky{b: b, n: 1 << 30, err: bus.ServerError("ServiceException", "down")}
	register(t, b, fnARN, f)
	out, err := s.PutRule(ctx, &events.PutRuleInput{Name: "month-end", ScheduleExpression: "cron(0 2 LW * ? *)"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutTargets(ctx, &events.PutTargetsInput{Rule: "month-end", Targets: []events.Target{{Id: "t", Arn: fnARN,
		RetryPolicy:      &events.RetryPolicy{MaximumRetryAttempts: ptr[int32](1)},
		DeadLetterConfig: &events.DeadLetterConfig{Arn: dlq.ARN()}}}}); err != nil {
		t.Fatal(err)
	}
	if err := b.AdvanceTo(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	// January 2026 ends on Saturday the 31st: the last weekday is Friday the 30th. February ends on
	// Saturday the 28th: Friday the 27th.
	want := []time.Time{time.Date(2026, 1, 30, 2, 0, 0, 0, time.UTC), time.Date(2026, 2, 27, 2, 0, 0, 0, time.UTC)}
	if len(f.times) != 4 || !f.times[0].Equal(want[0]) || !f.times[2].Equal(want[1]) {
		t.Fatalf("attempts at %v, want two each at %v", f.times, want)
	}
	ms := drain(t, dlq)
	if len(ms) != 2 {
		t.Fatalf("%d dead letters, want 2", len(ms))
	}
	m := envelope(t, ms[0].Body)
	if m["detail-type"] != "Scheduled Event" || m["source"] != "aws.events" || m["time"] != "2026-01-30T02:00:00Z" ||
		m["resources"].([]any)[0] != out.RuleArn || ms[0].Attributes["RETRY_ATTEMPTS"] != "1" {
		t.Fatalf("dead letter %s %v", ms[0].Body, ms[0].Attributes)
	}
}

func TestScheduledEventEnvelope(t *testing.T) {
	s, b := newService(t)
	q := queue(t, b, "q")
	out, err := s.PutRule(ctx, &events.PutRuleInput{Name: "every5", ScheduleExpression: "cron(0/5 * * * ? *)"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutTargets(ctx, &events.PutTargetsInput{Rule: "every5", Targets: []events.Target{{Id: "q", Arn: q.ARN()}}}); err != nil {
		t.Fatal(err)
	}
	if err := b.Advance(5 * time.Minute); err != nil {
		t.Fatal(err)
	}
	ms := drain(t, q)
	if len(ms) != 1 {
		t.Fatalf("%d firings in the first 5 minutes, want 1", len(ms))
	}
	id := envelope(t, ms[0].Body)["id"].(string)
	want := `{"version":"0","id":"` + id + `","detail-type":"Scheduled Event","source":"aws.events","account":"123456789012",` +
		`"time":"2026-01-01T00:05:00Z","region":"us-east-1","resources":["` + out.RuleArn + `"],"detail":{}}`
	if ms[0].Body != want {
		t.Fatalf("scheduled event\n%s\nwant\n%s", ms[0].Body, want)
	}
	if err := b.Advance(time.Hour); err != nil {
		t.Fatal(err)
	}
	if n := len(drain(t, q)); n != 12 {
		t.Fatalf("%d firings in the next hour, want 12", n)
	}
}

// A rate counts from the rule's creation; disabling stops it, enabling resumes on the same grid.
func TestRateCountsFromCreation(t *testing.T) {
	s, b := newService(t)
	q := queue(t, b, "q")
	if err := b.Advance(90 * time.Second); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutRule(ctx, &events.PutRuleInput{Name: "r", ScheduleExpression: "rate(5 minutes)"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutTargets(ctx, &events.PutTargetsInput{Rule: "r", Targets: []events.Target{{Id: "q", Arn: q.ARN()}}}); err != nil {
		t.Fatal(err)
	}
	if err := b.Advance(11 * time.Minute); err != nil {
		t.Fatal(err)
	}
	ms := drain(t, q)
	if len(ms) != 2 || envelope(t, ms[0].Body)["time"] != "2026-01-01T00:06:30Z" || envelope(t, ms[1].Body)["time"] != "2026-01-01T00:11:30Z" {
		t.Fatalf("firings %v", ms)
	}
	if _, err := s.DisableRule(ctx, &events.DisableRuleInput{Name: "r"}); err != nil {
		t.Fatal(err)
	}
	if err := b.Advance(time.Hour); err != nil {
		t.Fatal(err)
	}
	if n := len(drain(t, q)); n != 0 {
		t.Fatalf("a DISABLED schedule fired %d times", n)
	}
	if _, err := s.EnableRule(ctx, &events.EnableRuleInput{Name: "r"}); err != nil {
		t.Fatal(err)
	}
	if err := b.Advance(5 * time.Minute); err != nil {
		t.Fatal(err)
	}
	ms = drain(t, q)
	if len(ms) != 1 || envelope(t, ms[0].Body)["time"] != "2026-01-01T01:16:30Z" {
		t.Fatalf("after enabling: %v", ms)
	}
	d, err := s.DescribeRule(ctx, &events.DescribeRuleInput{Name: "r"})
	if err != nil || d.ScheduleExpression != "rate(5 minutes)" {
		t.Fatalf("DescribeRule %+v %v", d, err)
	}
}
