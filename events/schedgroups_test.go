package events_test

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/events"
	"github.com/watchsim/watchsim/events/schedule"
	"github.com/watchsim/watchsim/metrics"
	"pgregory.net/rapid"
)

// Rules that share a schedule share a timer; each must still fire exactly at the instants of its
// own schedule while it is ENABLED, whatever the others do: random rules over a few expressions
// (some alike) are put, disabled, enabled, replaced and deleted at random times, and each rule's
// queue must hold one event per instant t of its schedule with from < t ≤ to for each interval
// (from, to] it was scheduled, with the rule's ARN and the instant as the event's time.
func TestPropertyScheduleGroups(t *testing.T) {
	exprs := []string{"cron(0/5 * * * ? *)", "cron(0/5 * * * ? *)", "cron(*/10 * * * ? *)", "rate(5 minutes)", "rate(7 minutes)"}
	rapid.Check(t, func(t *rapid.T) {
		s, b := newService(t)
		start := b.Now()
		type ruleModel struct {
			name, arn, expr string
			created         time.Time
			from            time.Time // scheduled since (zero: not scheduled)
			want            []time.Time
			q               *bus.SQSQueue
			exists          bool
		}
		var rules []*ruleModel
		// settle adds the instants of m's schedule in (m.from, to] and moves from to to.
		settle := func(m *ruleModel, to time.Time) {
			if m.from.IsZero() {
				return
			}
			sc, err := schedule.Parse(m.expr)
			if err != nil {
				t.Fatal(err)
			}
			for at, ok := sc.NextFrom(m.created, m.from); ok && !at.After(to); at, ok = sc.NextFrom(m.created, at) {
				m.want = append(m.want, at)
			}
			m.from = to
		}
		for i := range rapid.IntRange(1, 6).Draw(t, "rules") {
			m := &ruleModel{name: fmt.Sprint("r", i), q: queue(t, b, fmt.Sprint("q", i))}
			rules = append(rules, m)
		}
		put := func(m *ruleModel, expr string) {
			now := b.Now()
			out, err := s.PutRule(ctx, &events.PutRuleInput{Name: m.name, ScheduleExpression: expr})
			if err != nil {
				t.Fatal(err)
			}
			if !m.exists {
				if _, err := s.PutTargets(ctx, &events.PutTargetsInput{Rule: m.name, Targets: []events.Target{{Id: "q", Arn: m.q.ARN()}}}); err != nil {
					t.Fatal(err)
				}
			}
			settle(m, now)
			if !m.exists || m.expr != expr {
				m.created = now // a replaced rule keeps its creation time only with the same expression
			}
			m.arn, m.expr, m.exists, m.from = out.RuleArn, expr, true, now
		}
		for range rapid.IntRange(1, 30).Draw(t, "steps") {
			m := rapid.SampledFrom(rules).Draw(t, "rule")
			switch rapid.IntRange(0, 5).Draw(t, "op") {
			case 0, 1:
				put(m, rapid.SampledFrom(exprs).Draw(t, "expr"))
			case 2:
				if m.exists {
					if _, err := s.DisableRule(ctx, &events.DisableRuleInput{Name: m.name}); err != nil {
						t.Fatal(err)
					}
					settle(m, b.Now())
					m.from = time.Time{}
				}
			case 3:
				if m.exists {
					if _, err := s.EnableRule(ctx, &events.EnableRuleInput{Name: m.name}); err != nil {
						t.Fatal(err)
					}
					if m.from.IsZero() {
						m.from = b.Now()
					}
				}
			case 4:
				if m.exists {
					if _, err := s.RemoveTargets(ctx, &events.RemoveTargetsInput{Rule: m.name, Ids: []string{"q"}}); err != nil {
						t.Fatal(err)
					}
					if _, err := s.DeleteRule(ctx, &events.DeleteRuleInput{Name: m.name}); err != nil {
						t.Fatal(err)
					}
					settle(m, b.Now())
					m.from, m.exists = time.Time{}, false
				}
			default:
				d := time.Duration(rapid.IntRange(0, 40).Draw(t, "minutes"))*time.Minute +
					time.Duration(rapid.IntRange(0, 59).Draw(t, "seconds"))*time.Second
				if err := b.Advance(d); err != nil {
					t.Fatal(err)
				}
			}
		}
		end := b.Now()
		for _, m := range rules {
			settle(m, end)
			var got []time.Time
			for _, msg := range drain(t, m.q) {
				env := envelope(t, msg.Body)
				at, err := time.Parse(time.RFC3339, env["time"].(string))
				if err != nil {
					t.Fatal(err)
				}
				if res, _ := env["resources"].([]any); env["detail-type"] != "Scheduled Event" || !at.After(start) ||
					len(res) != 1 || res[0] != m.arn {
					t.Fatalf("%s: %s", m.name, msg.Body)
				}
				got = append(got, at)
			}
			slices.SortFunc(got, time.Time.Compare)
			want := make([]time.Time, len(m.want))
			for i, w := range m.want {
				want[i] = w.Truncate(time.Second)
			}
			if !slices.EqualFunc(got, want, time.Time.Equal) {
				t.Fatalf("%s fired at\n%v\nwant\n%v", m.name, got, want)
			}
		}
	})
}

// A rule disabled and enabled again while its group is firing (here by the target of the rule
// before it, at its first firing) fires first at the group's next instant, as a rule enabled then
// would.
func TestScheduleGroupRuleReenabledWhileFiring(t *testing.T) {
	s, b := newService(t)
	q := queue(t, b, "q")
	const sink = "arn:aws:lambda:us-east-1:123456789012:function:toggle"
	toggled := 0
	register(t, b, sink, bus.SinkFunc(func(ctx context.Context, _ bus.Payload) error {
		if toggled++; toggled > 1 {
			return nil
		}
		if _, err := s.DisableRule(ctx, &events.DisableRuleInput{Name: "second"}); err != nil {
			return err
		}
		_, err := s.EnableRule(ctx, &events.EnableRuleInput{Name: "second"})
		return err
	}))
	for _, r := range []struct{ name, arn string }{{"first", sink}, {"second", q.ARN()}} {
		if _, err := s.PutRule(ctx, &events.PutRuleInput{Name: r.name, ScheduleExpression: "cron(0/5 * * * ? *)"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.PutTargets(ctx, &events.PutTargetsInput{Rule: r.name, Targets: []events.Target{{Id: "t", Arn: r.arn}}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Advance(5 * time.Minute); err != nil {
		t.Fatal(err)
	}
	if n := q.Len(); n != 0 {
		t.Fatalf("second delivered %d events at the instant it was re-enabled, want 0", n)
	}
	if err := b.Advance(5 * time.Minute); err != nil {
		t.Fatal(err)
	}
	ms := drain(t, q)
	if len(ms) != 1 || envelope(t, ms[0].Body)["time"] != "2026-01-01T00:10:00Z" {
		t.Fatalf("second after re-enabling: %v", ms)
	}
}

// A rule that leaves its group while the group fires (here: the first rule disables itself from its
// target) must not make the firing skip or repeat the rules after it.
func TestScheduleGroupRuleLeavesWhileFiring(t *testing.T) {
	s, b := newService(t)
	const sink = "arn:aws:lambda:us-east-1:123456789012:function:leave"
	register(t, b, sink, bus.SinkFunc(func(ctx context.Context, _ bus.Payload) error {
		_, err := s.DisableRule(ctx, &events.DisableRuleInput{Name: "a"})
		return err
	}))
	qb, qc := queue(t, b, "qb"), queue(t, b, "qc")
	for _, r := range []struct{ name, arn string }{{"a", sink}, {"b", qb.ARN()}, {"c", qc.ARN()}} {
		if _, err := s.PutRule(ctx, &events.PutRuleInput{Name: r.name, ScheduleExpression: "cron(0/5 * * * ? *)"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.PutTargets(ctx, &events.PutTargetsInput{Rule: r.name, Targets: []events.Target{{Id: "t", Arn: r.arn}}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Advance(10 * time.Minute); err != nil {
		t.Fatal(err)
	}
	if nb, nc := qb.Len(), qc.Len(); nb != 2 || nc != 2 {
		t.Fatalf("b and c delivered %d and %d events over two instants, want 2 each", nb, nc)
	}
}

// Disabling the rules of one big schedule group one by one costs each DisableRule the removal, not
// a copy of the group.
func TestScheduleGroupDisableCostIsNotQuadratic(t *testing.T) {
	const n = 20000
	s, b := newService(t, events.WithMaxRulesPerBus(n))
	for i := range n {
		if _, err := s.PutRule(ctx, &events.PutRuleInput{Name: fmt.Sprint("r", i), ScheduleExpression: "rate(1 day)"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Advance(24 * time.Hour); err != nil { // one firing: the group's slice is shared once
		t.Fatal(err)
	}
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	for i := range 1000 {
		if _, err := s.DisableRule(ctx, &events.DisableRuleInput{Name: fmt.Sprint("r", n-1-i)}); err != nil {
			t.Fatal(err)
		}
	}
	runtime.ReadMemStats(&m1)
	// A copy of the group is 8 bytes a rule (160 KB); a DisableRule without one costs a few KB.
	if per := (m1.TotalAlloc - m0.TotalAlloc) / 1000; per > 16<<10 {
		t.Fatalf("DisableRule allocated %d bytes on average in a group of %d rules: the group is copied", per, n)
	}
}

// A schedule whose last instant has passed fires once there and never again, and its rules can
// still be disabled, enabled and deleted.
func TestScheduleGroupLastFiring(t *testing.T) {
	s, b := newService(t)
	q := queue(t, b, "q")
	for _, name := range []string{"a", "b"} {
		if _, err := s.PutRule(ctx, &events.PutRuleInput{Name: name, ScheduleExpression: "cron(0 0 2 1 ? 2026)"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.PutTargets(ctx, &events.PutTargetsInput{Rule: name, Targets: []events.Target{{Id: "q", Arn: q.ARN()}}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Advance(72 * time.Hour); err != nil {
		t.Fatal(err)
	}
	ms := drain(t, q)
	if len(ms) != 2 || envelope(t, ms[0].Body)["time"] != "2026-01-02T00:00:00Z" || envelope(t, ms[1].Body)["time"] != "2026-01-02T00:00:00Z" {
		t.Fatalf("firings %v", ms)
	}
	if _, err := s.DisableRule(ctx, &events.DisableRuleInput{Name: "a"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.EnableRule(ctx, &events.EnableRuleInput{Name: "a"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RemoveTargets(ctx, &events.RemoveTargetsInput{Rule: "b", Ids: []string{"q"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeleteRule(ctx, &events.DeleteRuleInput{Name: "b"}); err != nil {
		t.Fatal(err)
	}
	if err := b.Advance(365 * 24 * time.Hour); err != nil {
		t.Fatal(err)
	}
	if n := q.Len(); n != 0 {
		t.Fatalf("%d firings after the schedule's last instant", n)
	}
}

// A scheduled event whose delivery is retried keeps its id and envelope, up to its dead letter,
// while later firings reuse the record its first attempt was built in.
func TestScheduledRetryKeepsItsEvent(t *testing.T) {
	s, b := newService(t)
	q, dlq := queue(t, b, "q"), queue(t, b, "dlq")
	var attempts []string
	register(t, b, fnARN, bus.SinkFunc(func(_ context.Context, p bus.Payload) error {
		attempts = append(attempts, string(p.Body))
		return bus.ServerError("ServiceException", "down")
	}))
	for _, r := range []events.Target{{Id: "t", Arn: fnARN, RetryPolicy: &events.RetryPolicy{MaximumRetryAttempts: ptr[int32](1)},
		DeadLetterConfig: &events.DeadLetterConfig{Arn: dlq.ARN()}}, {Id: "t", Arn: q.ARN()}} {
		name := map[bool]string{true: "flaky", false: "busy"}[r.Arn == fnARN]
		if _, err := s.PutRule(ctx, &events.PutRuleInput{Name: name, ScheduleExpression: "cron(* * * * ? *)"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.PutTargets(ctx, &events.PutTargetsInput{Rule: name, Targets: []events.Target{r}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Advance(3*time.Minute + 2*time.Second); err != nil {
		t.Fatal(err)
	}
	dead := drain(t, dlq)
	if len(attempts) != 6 || len(dead) != 3 {
		t.Fatalf("%d attempts, %d dead letters; want 6 and 3", len(attempts), len(dead))
	}
	for i, d := range dead {
		env := envelope(t, d.Body)
		if d.Body != attempts[2*i] || d.Body != attempts[2*i+1] || env["time"] != fmt.Sprintf("2026-01-01T00:0%d:00Z", i+1) {
			t.Fatalf("event %d: attempts\n%s\n%s\ndead letter\n%s", i, attempts[2*i], attempts[2*i+1], d.Body)
		}
	}
	if n := len(drain(t, q)); n != 3 {
		t.Fatalf("%d firings of the other rule, want 3", n)
	}
}

// Rules firing from one shared timer are counted as rules of their own: AWS/Events TriggeredRules
// and Invocations per rule and for the account, and the queue's AWS/SQS NumberOfMessagesSent.
func TestScheduleGroupMetrics(t *testing.T) {
	s, b := newService(t)
	m, err := metrics.New(b)
	if err != nil {
		t.Fatal(err)
	}
	q := queue(t, b, "q")
	for _, name := range []string{"a", "b"} {
		if _, err := s.PutRule(ctx, &events.PutRuleInput{Name: name, ScheduleExpression: "cron(0/5 * * * ? *)"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.PutTargets(ctx, &events.PutTargetsInput{Rule: name, Targets: []events.Target{{Id: "q", Arn: q.ARN()}}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Advance(16 * time.Minute); err != nil {
		t.Fatal(err)
	}
	rn := func(r string) metrics.Dimension { return metrics.Dimension{Name: "RuleName", Value: r} }
	for _, c := range []struct {
		metric string
		dims   []metrics.Dimension
		want   float64
	}{
		{"TriggeredRules", []metrics.Dimension{rn("a")}, 3},
		{"TriggeredRules", []metrics.Dimension{rn("b")}, 3},
		{"Invocations", []metrics.Dimension{rn("a")}, 3},
		{"Invocations", []metrics.Dimension{rn("b")}, 3},
		{"TriggeredRules", nil, 6},
		{"Invocations", nil, 6},
	} {
		if got, minutes := sum(t, m, c.metric, c.dims...); got != c.want || minutes != 3 {
			t.Errorf("%s %v: sum %v over %d minutes, want %v over 3", c.metric, c.dims, got, minutes, c.want)
		}
	}
	out, err := m.GetMetricStatistics(ctx, &metrics.GetMetricStatisticsInput{Namespace: bus.SQSNamespace, MetricName: "NumberOfMessagesSent",
		Dimensions: []metrics.Dimension{{Name: "QueueName", Value: "q"}}, StartTime: bus.DefaultStart(),
		EndTime: bus.DefaultStart().Add(time.Hour), Period: 3600, Statistics: []string{"Sum"}})
	if err != nil || len(out.Datapoints) != 1 || *out.Datapoints[0].Sum != 6 {
		t.Fatalf("NumberOfMessagesSent: %+v %v", out, err)
	}
	if n := len(drain(t, q)); n != 6 {
		t.Fatalf("%d messages, want 6", n)
	}
}
