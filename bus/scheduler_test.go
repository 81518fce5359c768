package bus

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// fired records one run of scheduled work.
type fired struct {
	ID  int
	At  time.Duration // offset from the start
	Seq int           // position in the global run order
}

// schedOp is one generated scheduler operation.
type schedOp struct {
	Kind   string // "schedule", "every", "stop", "reset", "advance"
	ID     int
	At     time.Duration
	Period time.Duration
	Child  time.Duration // >= 0: the work schedules a one-shot child this long after it runs
}

func genOps(t *rapid.T) []schedOp {
	n := rapid.IntRange(1, 40).Draw(t, "n")
	ops := make([]schedOp, 0, n)
	ids := 0
	for i := 0; i < n; i++ {
		kind := rapid.SampledFrom([]string{"schedule", "schedule", "every", "stop", "reset", "advance", "advance"}).Draw(t, "kind")
		op := schedOp{Kind: kind, Child: -1}
		switch kind {
		case "schedule", "every":
			ids++
			op.ID = ids
			op.At = time.Duration(rapid.IntRange(-2, 120).Draw(t, "at")) * time.Second
			if kind == "every" {
				op.Period = time.Duration(rapid.IntRange(1, 90).Draw(t, "period")) * time.Second
			}
			if rapid.Bool().Draw(t, "child") {
				op.Child = time.Duration(rapid.IntRange(0, 30).Draw(t, "childAt")) * time.Second
			}
		case "stop", "reset":
			if ids == 0 {
				continue
			}
			op.ID = rapid.IntRange(1, ids).Draw(t, "target")
			op.At = time.Duration(rapid.IntRange(0, 120).Draw(t, "resetAt")) * time.Second
		case "advance":
			op.At = time.Duration(rapid.IntRange(0, 200).Draw(t, "d")) * time.Second
		}
		ops = append(ops, op)
	}
	return ops
}

// runOps applies ops to a fresh bus. split > 0 divides every advance into steps of at most split.
func runOps(t interface{ Fatal(...any) }, ops []schedOp, split time.Duration) ([]fired, []string) {
	b := MustNew()
	start := b.Now()
	var log []fired
	var problems []string
	timers := map[int]*Timer{}
	expected := map[*Timer]time.Time{}
	var work func(id int, period time.Duration, child time.Duration, tm **Timer) func(context.Context)
	work = func(id int, period, child time.Duration, tm **Timer) func(context.Context) {
		return func(ctx context.Context) {
			now := b.Now()
			if want, ok := expected[*tm]; ok && !want.Equal(now) {
				problems = append(problems, fmt.Sprintf("timer %d ran at %v, due at %v", id, now.Sub(start), want.Sub(start)))
			}
			if period > 0 {
				expected[*tm] = now.Add(period)
			} else {
				delete(expected, *tm)
			}
			log = append(log, fired{ID: id, At: now.Sub(start), Seq: len(log)})
			if child >= 0 {
				var ct *Timer
				ct = b.Schedule(now.Add(child), work(-id, 0, -1, &ct))
				expected[ct] = now.Add(child)
			}
		}
	}
	for _, op := range ops {
		switch op.Kind {
		case "schedule", "every":
			tm := new(*Timer)
			at := b.Now().Add(op.At)
			if op.Kind == "schedule" {
				*tm = b.Schedule(at, work(op.ID, 0, op.Child, tm))
			} else {
				*tm = b.Every(at, op.Period, work(op.ID, op.Period, op.Child, tm))
			}
			if at.Before(b.Now()) {
				at = b.Now()
			}
			expected[*tm] = at
			timers[op.ID] = *tm
		case "stop":
			if tm := timers[op.ID]; tm != nil {
				_, pending := tm.When()
				if tm.Stop() != pending {
					problems = append(problems, "Stop result differs from When")
				}
				delete(expected, tm)
			}
		case "reset":
			if tm := timers[op.ID]; tm != nil {
				tm.Reset(b.Now().Add(op.At))
				expected[tm] = b.Now().Add(op.At)
			}
		case "advance":
			target := b.Now().Add(op.At)
			for split > 0 && b.Now().Add(split).Before(target) {
				if err := b.Advance(split); err != nil {
					t.Fatal(err)
				}
			}
			if err := b.AdvanceTo(target); err != nil {
				t.Fatal(err)
			}
			// Nothing due at or before now may remain.
			for tm, at := range expected {
				if !at.After(b.Now()) {
					problems = append(problems, fmt.Sprintf("timer due at %v still pending at %v (%v)", at.Sub(start), b.Now().Sub(start), tm.index))
				}
			}
		}
	}
	return log, problems
}

// TestSchedulerProperties checks, on random programs of schedule/every/stop/reset/advance with work
// that schedules more work: nothing runs early, late or twice; runs are in time order; cancelled work
// never runs; cascades settle within the Advance that reaches them; and Advance(a); Advance(b)
// behaves exactly like Advance(a+b).
func TestSchedulerProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ops := genOps(t)
		whole, problems := runOps(t, ops, 0)
		for _, p := range problems {
			t.Fatal(p)
		}
		for i := 1; i < len(whole); i++ {
			if whole[i].At < whole[i-1].At {
				t.Fatalf("run %d at %v before run %d at %v", i, whole[i].At, i-1, whole[i-1].At)
			}
		}
		split := time.Duration(rapid.IntRange(1, 50).Draw(t, "split")) * time.Second
		parts, problems := runOps(t, ops, split)
		for _, p := range problems {
			t.Fatal(p)
		}
		if d := cmp.Diff(whole, parts); d != "" {
			t.Fatalf("Advance in steps of %v differs from one Advance (-whole +steps):\n%s", split, d)
		}
	})
}

func TestSameTimeRunsInScheduleOrder(t *testing.T) {
	b := MustNew()
	var got []int
	at := b.Now().Add(time.Minute)
	for i := 0; i < 5; i++ {
		b.Schedule(at, func(context.Context) { got = append(got, i) })
	}
	if err := b.Advance(time.Minute); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]int{0, 1, 2, 3, 4}, got); d != "" {
		t.Fatal(d)
	}
}

func TestAdvanceErrors(t *testing.T) {
	b := MustNew()
	if err := b.Advance(-time.Second); err == nil {
		t.Fatal("negative Advance accepted")
	}
	if err := b.AdvanceTo(b.Now().Add(-time.Nanosecond)); err == nil {
		t.Fatal("AdvanceTo the past accepted")
	}
	if err := b.AdvanceTo(b.Now()); err != nil {
		t.Fatalf("AdvanceTo(now): %v", err)
	}
	b.Close()
	if err := b.Advance(time.Second); err != ErrClosed {
		t.Fatalf("Advance after Close = %v, want ErrClosed", err)
	}
}

func TestStopAndResetFromInsideWork(t *testing.T) {
	b := MustNew()
	n := 0
	var tick *Timer
	tick = b.Every(b.Now().Add(time.Minute), time.Minute, func(context.Context) {
		n++
		if n == 3 {
			tick.Stop()
		}
	})
	if err := b.Advance(time.Hour); err != nil {
		t.Fatal(err)
	}
	if n != 3 {
		t.Fatalf("periodic work ran %d times, want 3 (stopped from inside)", n)
	}
	if _, pending := tick.When(); pending {
		t.Fatal("stopped timer still pending")
	}
	tick.Reset(b.Now().Add(time.Second))
	if err := b.Advance(90 * time.Second); err != nil {
		t.Fatal(err)
	}
	if n != 5 { // +1s and +61s
		t.Fatalf("after Reset ran %d times, want 5", n)
	}
}

func TestPastScheduleRunsAtNow(t *testing.T) {
	b := MustNew()
	var at time.Time
	b.Schedule(b.Now().Add(-time.Hour), func(context.Context) { at = b.Now() })
	start := b.Now()
	if err := b.Advance(0); err != nil {
		t.Fatal(err)
	}
	if !at.Equal(start) {
		t.Fatalf("work scheduled in the past ran at %v, want now (%v)", at, start)
	}
}

func TestMisusePanics(t *testing.T) {
	b := MustNew()
	for name, f := range map[string]func(){
		"nil Schedule":  func() { b.Schedule(b.Now(), nil) },
		"zero period":   func() { b.Every(b.Now(), 0, func(context.Context) {}) },
		"nil Subscribe": func() { Subscribe[int](b, Topic[int]{Name: "x"}, nil) },
		"topic type clash": func() {
			Subscribe(b, Topic[int]{Name: "clash"}, func(context.Context, int) {})
			Subscribe(b, Topic[string]{Name: "clash"}, func(context.Context, string) {})
		},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s did not panic", name)
				}
			}()
			f()
		}()
	}
}

// TestPeriodicReArmOrder pins the (time, sequence) order of a periodic timer against one-shot work due
// at the same instant: re-arming takes a fresh sequence number, so one-shot work scheduled before the
// re-arm runs first, and one-shot work scheduled after it (here, by the periodic work itself) runs
// after the periodic run — unless the periodic timer is re-armed again in between.
func TestPeriodicReArmOrder(t *testing.T) {
	b := MustNew()
	t0 := b.Now()
	var got []string
	log := func(s string) func(context.Context) {
		return func(context.Context) { got = append(got, s+" "+b.Now().Sub(t0).String()) }
	}
	b.Schedule(t0.Add(time.Hour), log("early-one-shot"))
	n := 0
	b.Every(t0, time.Hour, func(ctx context.Context) {
		got = append(got, "every "+b.Now().Sub(t0).String())
		if n == 0 {
			b.Schedule(t0.Add(time.Hour), log("late-one-shot"))
			b.Schedule(t0.Add(2*time.Hour), log("late-two"))
		}
		n++
	})
	if err := b.Advance(2 * time.Hour); err != nil {
		t.Fatal(err)
	}
	want := []string{"every 0s", "early-one-shot 1h0m0s", "every 1h0m0s", "late-one-shot 1h0m0s",
		// late-two was scheduled at 0s, before the re-arm at 1h took its sequence number.
		"late-two 2h0m0s", "every 2h0m0s"}
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("order (-want +got):\n%s", d)
	}
}
