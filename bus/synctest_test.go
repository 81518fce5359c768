//go:build go1.25

package bus

import (
	"context"
	"testing"
	"testing/synctest"
	"time"

	"github.com/benbjohnson/clock"
	"pgregory.net/rapid"
)

// TestRealTimeModeUnderSynctest drives a Bus in real-time mode with clock.New() inside a synctest
// bubble: the real clock is the bubble's fake clock, so scheduled work runs as the test sleeps,
// without any wall time passing.
func TestRealTimeModeUnderSynctest(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b, err := New(WithClock(clock.New()))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { b.Close() })
		start := b.Now()
		var runs []time.Duration
		b.Every(start.Add(time.Minute), time.Minute, func(ctx context.Context) {
			runs = append(runs, b.Now().Sub(start))
		})
		if err := b.Advance(time.Second); err != ErrRealTime {
			t.Fatalf("Advance in real-time mode = %v, want ErrRealTime", err)
		}
		time.Sleep(3*time.Minute + time.Second)
		synctest.Wait()
		b.Locked(func() {}) // the driver's work is done once it is blocked again
		if len(runs) != 3 || runs[0] != time.Minute || runs[2] != 3*time.Minute {
			t.Fatalf("runs = %v, want [1m 2m 3m]", runs)
		}
		if b.Clock().Now() != time.Now() {
			t.Fatal("Clock() in real-time mode is not the given clock")
		}
	})
}

// TestRapidSyncTest shows property tests on fake real time: rapid.SyncTest runs each case in its
// own bubble and keeps shrinking working.
func TestRapidSyncTest(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		period := time.Duration(rapid.IntRange(1, 60).Draw(rt, "period")) * time.Second
		wait := time.Duration(rapid.IntRange(0, 600).Draw(rt, "wait")) * time.Second
		rapid.SyncTest(rt, func(rt *rapid.T) {
			b, err := New(WithClock(clock.New()))
			if err != nil {
				rt.Fatal(err)
			}
			defer b.Close()
			n := 0
			b.Every(b.Now().Add(period), period, func(context.Context) { n++ })
			time.Sleep(wait)
			synctest.Wait()
			b.Locked(func() {})
			if want := int(wait / period); n != want {
				rt.Fatalf("ran %d times in %v with period %v, want %d", n, wait, period, want)
			}
		})
	})
}
