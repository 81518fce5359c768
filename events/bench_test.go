package events_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/events"
	"github.com/watchsim/watchsim/internal/cputime"
)

// The benchmarks of the performance targets; BENCHMARKS.md records their figures with
//
//	go test -run XXX -bench . -benchmem -count 3 ./events/
//
// Each reports its rate per wall second and per CPU second of the process (the machine is shared;
// CPU time includes GC and any stopped-timer work, so it is an upper bound on the cost).

// cpuClock measures the process's CPU time over a benchmark's timed region: stop and start pause
// it together with the benchmark timer.
type cpuClock struct {
	b          *testing.B
	start, sum time.Duration
}

func startCPU(b *testing.B) *cpuClock {
	b.ResetTimer()
	return &cpuClock{b: b, start: cputime.Process()}
}

func (c *cpuClock) stop() {
	c.b.StopTimer()
	c.sum += cputime.Process() - c.start
}

func (c *cpuClock) resume() {
	c.start = cputime.Process()
	c.b.StartTimer()
}

// report stops the clocks and records units per wall second and per CPU second under the names
// unit+"/s" and unit+"/cpu-s".
func (c *cpuClock) report(b *testing.B, units float64, unit string) {
	c.stop()
	cpu := c.sum
	b.ReportMetric(units/b.Elapsed().Seconds(), unit+"/s")
	if cpu > 0 {
		b.ReportMetric(units/cpu.Seconds(), unit+"/cpu-s")
	}
}

// benchPutEvents sends 10-entry PutEvents calls to a bus with 1,000 rules, each event matching
// exactly one rule, whose one target is an SQS queue (drained outside the timer).
func benchPutEvents(b *testing.B, target func(q *bus.SQSQueue) events.Target) {
	s, bs := newService(b, events.WithMaxRulesPerBus(1000))
	q := queue(b, bs, "q")
	for i := range 1000 {
		rule(b, s, fmt.Sprint("r", i), fmt.Sprintf(`{"source":["app"],"detail":{"n":[%d]}}`, i), target(q))
	}
	calls := make([]*events.PutEventsInput, 100)
	for c := range calls {
		in := &events.PutEventsInput{}
		for j := range 10 {
			in.Entries = append(in.Entries, events.PutEventsRequestEntry{Source: "app", DetailType: "Order Placed",
				Detail: fmt.Sprintf(`{"n":%d,"customer":"c-%d","total":12.5,"items":["a","b"]}`, (c*10+j*97)%1000, c)})
		}
		calls[c] = in
	}
	b.ReportAllocs()
	cpu := startCPU(b)
	for i := 0; i < b.N; i++ {
		if _, err := s.PutEvents(ctx, calls[i%len(calls)]); err != nil {
			b.Fatal(err)
		}
		if i%1000 == 999 {
			cpu.stop()
			drain(b, q)
			cpu.resume()
		}
	}
	cpu.report(b, float64(b.N*10), "events")
	if got := q.Len(); b.N%1000 != 0 && got == 0 {
		b.Fatal("nothing was delivered")
	}
}

func BenchmarkPutEvents1000Rules(b *testing.B) {
	benchPutEvents(b, func(q *bus.SQSQueue) events.Target { return events.Target{Id: "q", Arn: q.ARN()} })
}

func BenchmarkPutEvents1000RulesTransformer(b *testing.B) {
	benchPutEvents(b, func(q *bus.SQSQueue) events.Target {
		return events.Target{Id: "q", Arn: q.ARN(), InputTransformer: &events.InputTransformer{
			InputPathsMap: map[string]string{"c": "$.detail.customer", "t": "$.detail.total"},
			InputTemplate: `{"customer": <c>, "total": <t>, "rule": <aws.events.rule-name>}`}}
	})
}

// BenchmarkScheduledDay100Crons advances a day at a time over 100 cron(0/5 * * * ? *) rules with SQS
// targets (drained outside the timer): 28,800 firings delivered per day.
func BenchmarkScheduledDay100Crons(b *testing.B) {
	benchScheduledDay(b, func(int) string { return "cron(0/5 * * * ? *)" })
}

// BenchmarkScheduledDay100DistinctCrons is the same with 100 expressions that fire at the same
// instants but differ in text (their year ranges end in 2100 … 2199): one timer per rule instead
// of one for all.
func BenchmarkScheduledDay100DistinctCrons(b *testing.B) {
	benchScheduledDay(b, func(i int) string { return fmt.Sprintf("cron(0/5 * * * ? 2026-%d)", 2100+i) })
}

func benchScheduledDay(b *testing.B, expr func(int) string) {
	s, bs := newService(b)
	q := queue(b, bs, "q")
	for i := range 100 {
		name := fmt.Sprint("c", i)
		if _, err := s.PutRule(ctx, &events.PutRuleInput{Name: name, ScheduleExpression: expr(i)}); err != nil {
			b.Fatal(err)
		}
		if _, err := s.PutTargets(ctx, &events.PutTargetsInput{Rule: name, Targets: []events.Target{{Id: "q", Arn: q.ARN()}}}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	cpu := startCPU(b)
	for i := 0; i < b.N; i++ {
		if err := bs.Advance(24 * time.Hour); err != nil {
			b.Fatal(err)
		}
		cpu.stop()
		if n := q.Len(); n != 28800 {
			b.Fatalf("%d firings in a day, want 28,800", n)
		}
		discard(b, q)
		cpu.resume()
	}
	cpu.report(b, float64(b.N*28800), "firings")
}

// discard receives and deletes every visible message of q, keeping none (drain without the garbage).
func discard(b *testing.B, q *bus.SQSQueue) {
	for {
		ms, err := q.Receive(10)
		if err != nil {
			b.Fatal(err)
		}
		if len(ms) == 0 {
			return
		}
		for _, m := range ms {
			if err := q.Delete(m.ReceiptHandle); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkYear10000Rules advances a year over 10,000 daily rules whose target (a sink that keeps
// nothing) nobody reads: the cost is per firing, not per idle minute.
func BenchmarkYear10000Rules(b *testing.B) {
	var n atomic.Int64
	var cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, bs := newService(b, events.WithMaxRulesPerBus(10000))
		const sink = "arn:aws:lambda:us-east-1:123456789012:function:discard"
		if err := bs.Register(sink, bus.SinkFunc(func(context.Context, bus.Payload) error { n.Add(1); return nil })); err != nil {
			b.Fatal(err)
		}
		for r := range 10000 {
			name := fmt.Sprint("d", r)
			if _, err := s.PutRule(ctx, &events.PutRuleInput{Name: name, ScheduleExpression: fmt.Sprintf("cron(%d %d * * ? *)", r%60, r/60%24)}); err != nil {
				b.Fatal(err)
			}
			if _, err := s.PutTargets(ctx, &events.PutTargetsInput{Rule: name, Targets: []events.Target{{Id: "t", Arn: sink}}}); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		c0 := cputime.Process()
		if err := bs.Advance(365 * 24 * time.Hour); err != nil {
			b.Fatal(err)
		}
		cpu += cputime.Process() - c0
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n.Load()), "ns/firing")
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(n.Load()), "cpu-ns/firing")
}

// BenchmarkRetriesToExhaustion: 10,000 deliveries that always fail with a retriable error, with
// the default policy (185 retries within 24 hours), each ending in a DLQ.
func BenchmarkRetriesToExhaustion(b *testing.B) {
	var attempts atomic.Int64
	var cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, bs := newService(b)
		dlq := queue(b, bs, "dlq")
		if err := bs.Register(fnARN, bus.SinkFunc(func(context.Context, bus.Payload) error {
			attempts.Add(1)
			return bus.ServerError("ServiceException", "down")
		})); err != nil {
			b.Fatal(err)
		}
		rule(b, s, "r", `{"source":["a"]}`, events.Target{Id: "t", Arn: fnARN, DeadLetterConfig: &events.DeadLetterConfig{Arn: dlq.ARN()}})
		in := &events.PutEventsInput{}
		for range 10 {
			in.Entries = append(in.Entries, events.PutEventsRequestEntry{Source: "a", DetailType: "d", Detail: "{}"})
		}
		b.StartTimer()
		c0 := cputime.Process()
		for range 1000 {
			if _, err := s.PutEvents(ctx, in); err != nil {
				b.Fatal(err)
			}
		}
		if err := bs.Advance(48 * time.Hour); err != nil {
			b.Fatal(err)
		}
		cpu += cputime.Process() - c0
		b.StopTimer()
		if n := dlq.Len(); n != 10000 {
			b.Fatalf("%d dead letters, want 10,000", n)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(attempts.Load()), "ns/attempt")
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(attempts.Load()), "cpu-ns/attempt")
}
