package events_test

import (
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/events"
	"github.com/watchsim/watchsim/metrics"
)

// sum reads the Sum of an AWS/Events metric over the first day, per minute.
func sum(t *testing.T, m *metrics.Service, name string, dims ...metrics.Dimension) (total float64, minutes int) {
	t.Helper()
	out, err := m.GetMetricStatistics(ctx, &metrics.GetMetricStatisticsInput{Namespace: events.UsageNamespace, MetricName: name,
		Dimensions: dims, StartTime: bus.DefaultStart(), EndTime: bus.DefaultStart().Add(24 * time.Hour), Period: 60, Statistics: []string{"Sum"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range out.Datapoints {
		total += *d.Sum
	}
	return total, len(out.Datapoints)
}

// The AWS/Events metrics reach CloudWatch per minute of activity.
func TestUsageMetrics(t *testing.T) {
	s, b := newService(t)
	m, err := metrics.New(b)
	if err != nil {
		t.Fatal(err)
	}
	q, dlq := queue(t, b, "q"), queue(t, b, "dlq")
	rule(t, s, "ok", `{"source":["a"]}`, events.Target{Id: "q", Arn: q.ARN()})
	rule(t, s, "bad", `{"source":["a"]}`, events.Target{Id: "gone", Arn: "arn:aws:sqs:us-east-1:123456789012:gone",
		DeadLetterConfig: &events.DeadLetterConfig{Arn: dlq.ARN()}})
	for range 3 {
		put(t, s, "a", "x", "{}")
	}
	if _, err := s.PutRule(ctx, &events.PutRuleInput{Name: "sched", ScheduleExpression: "rate(1 minute)"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeleteRule(ctx, &events.DeleteRuleInput{Name: "sched"}); err != nil {
		t.Fatal(err)
	}
	if err := b.Advance(10 * time.Minute); err != nil {
		t.Fatal(err)
	}
	rn := func(r string) metrics.Dimension { return metrics.Dimension{Name: "RuleName", Value: r} }
	for _, c := range []struct {
		metric string
		dims   []metrics.Dimension
		want   float64
	}{
		{"Invocations", []metrics.Dimension{rn("ok")}, 3},
		{"Invocations", []metrics.Dimension{rn("bad")}, 3},
		{"FailedInvocations", []metrics.Dimension{rn("bad")}, 3},
		{"InvocationsSentToDLQ", []metrics.Dimension{rn("bad")}, 3},
		{"TriggeredRules", []metrics.Dimension{rn("ok")}, 3},
		{"TriggeredRules", []metrics.Dimension{rn("sched")}, 0}, // deleted before it fired
		{"MatchedEvents", nil, 3},
		{"Invocations", nil, 6},
	} {
		got, minutes := sum(t, m, c.metric, c.dims...)
		if got != c.want || (c.want > 0 && minutes != 1) {
			t.Errorf("%s %v: sum %v over %d minutes, want %v in one minute", c.metric, c.dims, got, minutes, c.want)
		}
	}
}
