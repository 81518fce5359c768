package bus

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/benbjohnson/clock"
)

func recv(c <-chan time.Time) (time.Time, bool) {
	select {
	case v := <-c:
		return v, true
	default:
		return time.Time{}, false
	}
}

func TestClockTimerStopReset(t *testing.T) {
	b := MustNew()
	c := b.Clock()
	start := b.Now()
	if c.Now() != start || c.Since(start) != 0 || c.Until(start.Add(time.Second)) != time.Second {
		t.Fatal("Now/Since/Until disagree with the bus")
	}
	tm := c.Timer(10 * time.Second)
	stopped := c.Timer(10 * time.Second)
	if !stopped.Stop() {
		t.Fatal("Stop of a pending timer returned false")
	}
	if stopped.Stop() {
		t.Fatal("second Stop returned true")
	}
	_ = b.Advance(9 * time.Second)
	if _, ok := recv(tm.C); ok {
		t.Fatal("timer fired early")
	}
	tm.Reset(5 * time.Second) // now due at 14 s
	_ = b.Advance(2 * time.Second)
	if _, ok := recv(tm.C); ok {
		t.Fatal("Reset timer fired at its old deadline")
	}
	_ = b.Advance(3 * time.Second)
	v, ok := recv(tm.C)
	if !ok || !v.Equal(start.Add(14*time.Second)) {
		t.Fatalf("Reset timer: fired=%v at %v, want %v", ok, v, start.Add(14*time.Second))
	}
	if tm.Reset(time.Second) {
		t.Fatal("Reset of a fired timer returned true")
	}
	_ = b.Advance(time.Second)
	if _, ok := recv(tm.C); !ok {
		t.Fatal("timer reset after firing did not fire again")
	}
	stopped.Reset(time.Second)
	_ = b.Advance(time.Second)
	if _, ok := recv(stopped.C); !ok {
		t.Fatal("timer reset after Stop did not fire")
	}
}

func TestClockTickerAndAfterFunc(t *testing.T) {
	b := MustNew()
	c := b.Clock()
	start := b.Now()
	tk := c.Ticker(time.Minute)
	var ticks []time.Duration
	var calls []time.Duration
	c.AfterFunc(90*time.Second, func() { calls = append(calls, b.Now().Sub(start)) })
	cancelled := c.AfterFunc(30*time.Second, func() { t.Error("stopped AfterFunc ran") })
	cancelled.Stop()
	for i := 0; i < 3; i++ {
		_ = b.Advance(time.Minute)
		if v, ok := recv(tk.C); ok {
			ticks = append(ticks, v.Sub(start))
		}
	}
	tk.Reset(10 * time.Second)
	_ = b.Advance(10 * time.Second)
	if v, ok := recv(tk.C); ok {
		ticks = append(ticks, v.Sub(start))
	}
	tk.Stop()
	_ = b.Advance(time.Hour)
	if _, ok := recv(tk.C); ok {
		t.Fatal("stopped ticker ticked")
	}
	want := []time.Duration{time.Minute, 2 * time.Minute, 3 * time.Minute, 190 * time.Second}
	if len(ticks) != len(want) {
		t.Fatalf("ticks = %v, want %v", ticks, want)
	}
	for i := range want {
		if ticks[i] != want[i] {
			t.Fatalf("ticks = %v, want %v", ticks, want)
		}
	}
	if len(calls) != 1 || calls[0] != 90*time.Second {
		t.Fatalf("AfterFunc calls = %v, want [1m30s]", calls)
	}
}

func TestClockSleepAndDeadline(t *testing.T) {
	b := MustNew()
	c := b.Clock()
	ctx, cancel := c.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	if dl, ok := ctx.Deadline(); !ok || !dl.Equal(b.Now().Add(time.Hour)) {
		t.Fatal("wrong deadline")
	}
	woke := make(chan time.Time)
	var armed sync.WaitGroup
	armed.Add(1)
	go func() {
		ch := c.After(30 * time.Minute)
		armed.Done()
		woke <- <-ch
	}()
	armed.Wait()
	_ = b.Advance(30 * time.Minute)
	if v := <-woke; !v.Equal(b.Now()) {
		t.Fatalf("After fired at %v, want %v", v, b.Now())
	}
	if ctx.Err() != nil {
		t.Fatal("deadline expired early")
	}
	_ = b.Advance(30 * time.Minute)
	<-ctx.Done()
	if !errors.Is(ctx.Err(), context.DeadlineExceeded) {
		t.Fatalf("Err = %v", ctx.Err())
	}
	parent, pcancel := context.WithCancel(context.Background())
	child, ccancel := c.WithDeadline(parent, b.Now().Add(time.Hour))
	defer ccancel()
	pcancel()
	<-child.Done()
	if !errors.Is(child.Err(), context.Canceled) {
		t.Fatalf("child of a cancelled parent: %v", child.Err())
	}
	past, pc := c.WithDeadline(context.Background(), b.Now())
	defer pc()
	if past.Err() == nil {
		t.Fatal("a deadline in the past is not expired")
	}
}

// TestConcurrentUse runs callers, publishers and an advancing goroutine at once; run with -race.
func TestConcurrentUse(t *testing.T) {
	b := MustNew()
	topic := Topic[int]{Name: "race"}
	var mu sync.Mutex
	got := 0
	Subscribe(b, topic, func(ctx context.Context, n int) {
		mu.Lock()
		got += n
		mu.Unlock()
	})
	q, _ := NewSQSQueue(b, "race")
	state := 0
	var wg sync.WaitGroup
	const workers, each = 4, 200
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				_, _ = Call(context.Background(), b, Operation{Name: "Inc"}, &i, func(ctx context.Context, _ *int) (*int, error) {
					state++
					Publish(ctx, b, topic, 1)
					Defer(ctx, b, func(ctx context.Context) { _ = b.Deliver(ctx, q.ARN(), Payload{Body: []byte("x")}) })
					return &state, nil
				})
				b.After(time.Duration(i)*time.Second, func(ctx context.Context) { Publish(ctx, b, topic, 1) })
				Publish(context.Background(), b, topic, 1)
				_, _ = b.Clock().Now(), b.UUID()
			}
		}()
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < 100; i++ {
			_ = b.Advance(time.Second)
		}
	}()
	wg.Wait()
	<-done
	_ = b.Advance(time.Hour)
	b.Locked(func() {
		if state != workers*each {
			t.Errorf("state = %d, want %d", state, workers*each)
		}
	})
	if got != 3*workers*each {
		t.Errorf("delivered %d messages, want %d (none lost, none twice)", got, 3*workers*each)
	}
	if q.Len() != workers*each {
		t.Errorf("queue has %d messages, want %d", q.Len(), workers*each)
	}
}

// TestClockViewResetOrderIsDeterministic: live clock timers reset to the same instant run in the same
// order on every run (creation order), not in the order of a map walk.
func TestClockViewResetOrderIsDeterministic(t *testing.T) {
	run := func() string {
		b := MustNew()
		c := b.Clock()
		var order []byte
		timers := make([]*clock.Timer, 8)
		for i := range timers {
			i := i
			timers[i] = c.AfterFunc(10*time.Second, func() { order = append(order, byte('0'+i)) })
		}
		for i := len(timers) - 1; i >= 0; i-- {
			timers[i].Reset(5 * time.Second)
		}
		if err := b.Advance(5 * time.Second); err != nil {
			t.Fatal(err)
		}
		return string(order)
	}
	first := run()
	if len(first) != 8 {
		t.Fatalf("fired %q, want 8 timers", first)
	}
	for i := 0; i < 30; i++ {
		if got := run(); got != first {
			t.Fatalf("run %d fired in order %q, first run %q", i, got, first)
		}
	}
}
