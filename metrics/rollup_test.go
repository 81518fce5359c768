package metrics

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
	"pgregory.net/rapid"
)

// dumpStore renders every sample of the store with its rolled-up offset, for comparisons.
func dumpStore(st *metricStore) string {
	var b strings.Builder
	for _, m := range st.metrics() {
		for _, u := range m.units {
			for _, c := range u.chunks {
				fmt.Fprintf(&b, "%s %s %d rolled=%d:", m.key, u.unit, c.start, c.rolled)
				for _, bl := range c.blocks {
					for i, o := range bl.off {
						w := 1.0
						if bl.cnt != nil {
							w = bl.cnt[i]
						}
						fmt.Fprintf(&b, " %d=%g×%g", o, bl.val[i], w)
					}
				}
				for _, s := range c.sets {
					fmt.Fprintf(&b, " set%d=%g/%g", s.off, s.n, s.sum)
				}
				b.WriteByte('\n')
			}
		}
	}
	return b.String()
}

// TestLazyRollupMatchesEveryTick: the roll-up pass scheduled only when a chunk crosses a retention
// boundary leaves the store exactly as a pass at every roll-up tick (the former design) does, after
// any sequence of puts and jumps over the 3-hour, 15-day, 63-day and 455-day boundaries.
func TestLazyRollupMatchesEveryTick(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		interval := rapid.SampledFrom([]time.Duration{97 * time.Minute, time.Hour}).Draw(t, "interval")
		build := func() (*bus.Bus, *Service) {
			b := bus.MustNew()
			s, err := New(b, WithRollupInterval(interval))
			if err != nil {
				t.Fatal(err)
			}
			return b, s
		}
		lazyBus, lazy := build()
		eagerBus, eager := build()
		// The former design: a pass at every tick, from the first tick after the start.
		first := eagerBus.Now().Truncate(interval).Add(interval)
		eagerBus.Every(first, interval, func(context.Context) {
			eagerBus.Locked(func() { eager.store.rollUp(eagerBus.Now().Unix()) })
		})
		steps := rapid.IntRange(1, 12).Draw(t, "steps")
		for i := 0; i < steps; i++ {
			if rapid.Bool().Draw(t, "put") {
				back := time.Duration(rapid.Int64Range(-2*3600, 14*24*3600-1).Draw(t, "back")) * time.Second
				v := float64(rapid.IntRange(0, 100).Draw(t, "v"))
				in := &PutMetricDataInput{Namespace: "App", MetricData: []MetricDatum{{
					MetricName: rapid.SampledFrom([]string{"A", "B"}).Draw(t, "name"), Value: &v,
					StorageResolution: int32(rapid.SampledFrom([]int{1, 60}).Draw(t, "res")),
					Timestamp:         lazyBus.Now().Add(-back),
				}}}
				_, err1 := lazy.PutMetricData(context.Background(), in)
				_, err2 := eager.PutMetricData(context.Background(), in)
				if (err1 == nil) != (err2 == nil) {
					t.Fatalf("put: %v vs %v", err1, err2)
				}
			}
			d := time.Duration(rapid.SampledFrom([]int64{1, 59, 60, 3 * 3600, 3*3600 + 1, 15 * 86400, 63 * 86400, 455 * 86400}).Draw(t, "jump")) *
				time.Second * time.Duration(rapid.IntRange(1, 3).Draw(t, "times"))
			if next, ok := nextCrossing(eager.store, eagerBus.Now()); ok && rapid.Bool().Draw(t, "to-crossing") {
				// Land just after the first tick at which the every-tick design acts, where a late
				// or missing lazy pass would show.
				at := next.Truncate(interval).Add(interval)
				at = at.Add(time.Duration(rapid.IntRange(0, 1).Draw(t, "past")) * time.Second)
				d = at.Sub(eagerBus.Now())
			}
			if err := lazyBus.Advance(d); err != nil {
				t.Fatal(err)
			}
			if err := eagerBus.Advance(d); err != nil {
				t.Fatal(err)
			}
			if l, e := dumpStore(lazy.store), dumpStore(eager.store); l != e {
				t.Fatalf("after step %d at %s:\nlazy:\n%s\nevery tick:\n%s", i, lazyBus.Now(), l, e)
			}
			if lazy.store.samples != eager.store.samples {
				t.Fatalf("samples %d vs %d", lazy.store.samples, eager.store.samples)
			}
		}
	})
}

// nextCrossing computes, independently of the code under test, the earliest instant ≥ now at which
// a chunk of st reaches a retention boundary (3 h, 15, 63 or 455 days after its end).
func nextCrossing(st *metricStore, now time.Time) (time.Time, bool) {
	best, ok := int64(0), false
	for _, m := range st.metrics() {
		for _, u := range m.units {
			for _, c := range u.chunks {
				for _, b := range []time.Duration{3 * time.Hour, 15 * 24 * time.Hour, 63 * 24 * time.Hour, 455 * 24 * time.Hour} {
					x := c.start + chunkSpan + int64(b/time.Second)
					if x >= now.Unix() && (!ok || x < best) {
						best, ok = x, true
					}
				}
			}
		}
	}
	return time.Unix(best, 0).UTC(), ok
}

// TestIdleServiceSchedulesNothing: with no data, nothing is scheduled, so a long jump runs no work.
func TestIdleServiceSchedulesNothing(t *testing.T) {
	b := bus.MustNew()
	s, err := New(b)
	if err != nil {
		t.Fatal(err)
	}
	if s.rollup != nil {
		t.Fatal("a roll-up pass is scheduled for an empty store")
	}
	v := 1.0
	if _, err := s.PutMetricData(context.Background(), &PutMetricDataInput{Namespace: "App", MetricData: []MetricDatum{{MetricName: "M", Value: &v}}}); err != nil {
		t.Fatal(err)
	}
	at, ok := s.rollup.When()
	// Data at 00:00 sits in the chunk ending 01:00; it crosses the 3-hour boundary at 04:00, and the
	// first hourly tick strictly after that is 05:00.
	if want := b.Now().Add(5 * time.Hour); !ok || !at.Equal(want) {
		t.Fatalf("pass at %s (%v), want %s", at, ok, want)
	}
	// After the data is dropped (455 days after its chunk ends), nothing is pending any more.
	if err := b.Advance(460 * 24 * time.Hour); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.rollup.When(); ok || s.store.samples != 0 {
		t.Fatalf("pending after the data expired (samples %d)", s.store.samples)
	}
}
