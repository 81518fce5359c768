package bus

import (
	"context"
	"testing"
	"time"
)

// BenchmarkScheduleFire schedules and fires timers with about 10,000 pending: each operation
// schedules one timer 10 s ahead, and every 1,000 operations time advances 1 s, firing the ~1,000
// timers due.
func BenchmarkScheduleFire(b *testing.B) {
	bus := MustNew()
	n := 0
	fn := func(context.Context) { n++ }
	start := bus.Now()
	const ahead = 10 * time.Second
	for i := 0; i < 10000; i++ {
		bus.Schedule(start.Add(time.Duration(i)*time.Millisecond), fn)
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpuMeter(b, "timers")
	for i := 0; i < b.N; i++ {
		at := start.Add(ahead + time.Duration(i)*time.Millisecond)
		bus.Schedule(at, fn)
		if i%1000 == 999 {
			_ = bus.AdvanceTo(start.Add(time.Duration(i+1) * time.Millisecond))
		}
	}
	b.StopTimer()
	if n < b.N-1000 {
		b.Fatalf("fired %d of about %d", n, b.N)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "timers/s")
}

// BenchmarkAdvance30DaysIdle advances 30 days over 10,000 cancelled and 10,000 far-future timers.
// A fresh bus is built (untimed) every 1,000 operations, before the far-future timers come due.
func BenchmarkAdvance30DaysIdle(b *testing.B) {
	fn := func(context.Context) { b.Fatal("idle timer ran") }
	var bus *Bus
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if i%1000 == 0 {
			b.StopTimer()
			bus = MustNew()
			far := bus.Now().Add(100 * 365 * 24 * time.Hour)
			for j := 0; j < 10000; j++ {
				bus.Schedule(bus.Now().Add(time.Duration(j)*time.Minute), fn).Stop()
				bus.Schedule(far.Add(time.Duration(j)*time.Second), fn)
			}
			b.StartTimer()
		}
		if err := bus.Advance(30 * 24 * time.Hour); err != nil {
			b.Fatal(err)
		}
	}
}

// benchPublish runs publish(ctx, bus, topic) for b.N messages to one counting subscriber and checks
// that every message was delivered exactly once.
func benchPublish(b *testing.B, publish func(ctx context.Context, bus *Bus, t Topic[int])) {
	bus := MustNew()
	t := Topic[int]{Name: "bench"}
	sum := 0
	Subscribe(bus, t, func(_ context.Context, v int) { sum += v })
	b.ReportAllocs()
	b.ResetTimer()
	cpuMeter(b, "msgs")
	publish(context.Background(), bus, t)
	b.StopTimer()
	if sum != b.N {
		b.Fatalf("delivered %d of %d", sum, b.N)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
}

// BenchmarkPublishDeliver publishes b.N messages to one subscriber from outside the bus (each
// publication is its own outermost turn).
func BenchmarkPublishDeliver(b *testing.B) {
	benchPublish(b, func(ctx context.Context, bus *Bus, t Topic[int]) {
		for i := 0; i < b.N; i++ {
			Publish(ctx, bus, t, 1)
		}
	})
}

// BenchmarkPublishDeliverInTurn publishes from inside work the bus runs, the way services
// publish: 100 messages per piece of work, delivered when it returns.
func BenchmarkPublishDeliverInTurn(b *testing.B) {
	benchPublish(b, func(ctx context.Context, bus *Bus, t Topic[int]) {
		for i := 0; i < b.N; i += 100 {
			k := min(100, b.N-i)
			Defer(ctx, bus, func(ctx context.Context) {
				for j := 0; j < k; j++ {
					Publish(ctx, bus, t, 1)
				}
			})
		}
	})
}

// BenchmarkCall measures one no-op operation through the dispatcher with an APICalls subscriber.
func BenchmarkCall(b *testing.B) {
	bus := MustNew()
	Subscribe(bus, APICalls(), func(context.Context, APICall) {})
	ctx := context.Background()
	op := Operation{Source: "monitoring.amazonaws.com", Name: "Noop"}
	b.ReportAllocs()
	cpuMeter(b, "calls")
	for i := 0; i < b.N; i++ {
		_, _ = Call(ctx, bus, op, &noIn{}, func(context.Context, *noIn) (*noOut, error) { return nil, nil })
	}
}
