package bus

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/benbjohnson/clock"
)

// mustPanicWith runs f and fails unless it panics with a message containing want.
func mustPanicWith(t *testing.T, want string, f func()) {
	t.Helper()
	defer func() {
		t.Helper()
		r := recover()
		s, _ := r.(string)
		if !strings.Contains(s, want) {
			t.Fatalf("recover() = %v, want a panic mentioning %q", r, want)
		}
	}()
	f()
}

func noop(ctx context.Context, _ *noIn) (*noOut, error) { return &noOut{}, nil }

// TestLockedReentryPanics checks the promise of Bus.Locked: an operation called inside it panics with
// an explanation instead of deadlocking, whether it is given a background ctx or the ctx of the work
// that called Locked.
func TestLockedReentryPanics(t *testing.T) {
	b := MustNew()
	mustPanicWith(t, "called inside Bus.Locked", func() {
		b.Locked(func() { _, _ = Call(context.Background(), b, Operation{Name: "Op"}, nil, noop) })
	})
	// The lock was released by the panic: the Bus is still usable.
	if _, err := Call(context.Background(), b, Operation{Name: "After"}, nil, noop); err != nil {
		t.Fatal(err)
	}
	mustPanicWith(t, "Bus.Locked called inside Bus.Locked", func() {
		b.Locked(func() { b.Locked(func() {}) })
	})

	var got any
	b.After(time.Second, func(ctx context.Context) {
		defer func() { got = recover() }()
		b.Locked(func() { _, _ = Call(ctx, b, Operation{Name: "FromWork"}, nil, noop) })
	})
	if err := b.Advance(time.Second); err != nil {
		t.Fatal(err)
	}
	if s, _ := got.(string); !strings.Contains(s, "FromWork called inside Bus.Locked while the state lock it needs is held") {
		t.Fatalf("scheduled work: recover() = %v", got)
	}
}

// TestCallInsideCallWithOtherCtxPanics: the fn of a Call calling an operation with a ctx that does not
// come from the Call (so the ctx check cannot see it) panics too.
func TestCallInsideCallWithOtherCtxPanics(t *testing.T) {
	b := MustNew()
	mustPanicWith(t, "Inner called inside the fn of bus.Call while the state lock it needs is held", func() {
		_, _ = Call(context.Background(), b, Operation{Name: "Outer"}, nil, func(ctx context.Context, _ *noIn) (*noOut, error) {
			return Call(context.Background(), b, Operation{Name: "Inner"}, nil, noop)
		})
	})
}

// TestHandlersAfterCallMayCall: work that runs after the fn returned — handlers, deferred work —
// is still inside the Call's frame but holds no lock, and must not be mistaken for re-entry even when
// another goroutine holds the lock at that moment.
func TestHandlersAfterCallMayCall(t *testing.T) {
	b := MustNew()
	topic := Topic[int]{Name: "t"}
	Subscribe(b, topic, func(ctx context.Context, _ int) {
		// Another goroutine takes the state lock and keeps it a moment, so the call below must wait.
		hold, release := make(chan struct{}), make(chan struct{})
		go b.Locked(func() { close(hold); <-release })
		<-hold
		go func() { time.Sleep(10 * time.Millisecond); close(release) }()
		if _, err := Call(ctx, b, Operation{Name: "FromHandler"}, nil, noop); err != nil {
			t.Error(err)
		}
	})
	_, err := Call(context.Background(), b, Operation{Name: "Outer"}, nil, func(ctx context.Context, _ *noIn) (*noOut, error) {
		Publish(ctx, b, topic, 1)
		return nil, nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestNilContextAndNilInput(t *testing.T) {
	b := MustNew()
	//lint:ignore SA1012 the nil context is the misuse under test
	_, err := Call(nil, b, Operation{Name: "PutThing"}, nil, noop) //nolint:staticcheck
	if !errors.Is(err, ErrNilContext) || !strings.HasPrefix(err.Error(), "PutThing: ") {
		t.Fatalf("nil ctx: err = %v, want PutThing: …%v", err, ErrNilContext)
	}
	type in struct{ N int }
	var seen *in
	if _, err := Call(context.Background(), b, Operation{Name: "Op"}, (*in)(nil), func(ctx context.Context, p *in) (*noOut, error) {
		seen = p
		return nil, nil
	}); err != nil {
		t.Fatal(err)
	}
	if seen == nil || seen.N != 0 {
		t.Fatalf("fn got %v for a nil input, want a zero input", seen)
	}
	//lint:ignore SA1012 the nil context is the misuse under test
	if err := b.Deliver(nil, "arn:aws:sqs:us-east-1:123456789012:q", Payload{}); !errors.Is(err, ErrNilContext) { //nolint:staticcheck
		t.Fatalf("Deliver(nil ctx) = %v", err)
	}
}

// TestAfterClose checks every kind of use after Close: operations, delivery, registration and
// advancing fail with ErrClosed; publication and scheduling do nothing; reads keep working.
func TestAfterClose(t *testing.T) {
	b := MustNew()
	q, err := NewSQSQueue(b, "q")
	if err != nil {
		t.Fatal(err)
	}
	ran := false
	b.After(time.Minute, func(context.Context) { ran = true })
	got := 0
	Subscribe(b, Topic[int]{Name: "n"}, func(_ context.Context, n int) { got += n })
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := Call(context.Background(), b, Operation{Name: "PutThing"}, nil, noop); !errors.Is(err, ErrClosed) || !strings.HasPrefix(err.Error(), "PutThing: ") {
		t.Fatalf("Call after Close = %v", err)
	}
	if err := b.Deliver(context.Background(), q.ARN(), Payload{Body: []byte("x")}); !errors.Is(err, ErrClosed) {
		t.Fatalf("Deliver after Close = %v", err)
	}
	if _, err := NewSQSQueue(b, "q2"); !errors.Is(err, ErrClosed) {
		t.Fatalf("NewSQSQueue after Close = %v", err)
	}
	if err := b.Advance(time.Hour); !errors.Is(err, ErrClosed) {
		t.Fatalf("Advance after Close = %v", err)
	}
	if err := b.AdvanceTo(b.Now().Add(time.Hour)); !errors.Is(err, ErrClosed) {
		t.Fatalf("AdvanceTo after Close = %v", err)
	}
	Publish(context.Background(), b, Topic[int]{Name: "n"}, 1)
	Defer(context.Background(), b, func(context.Context) { got += 10 })
	if got != 0 {
		t.Fatalf("Publish/Defer after Close ran work (%d)", got)
	}
	tm := b.After(time.Second, func(context.Context) { ran = true })
	if _, pending := tm.When(); pending || tm.Stop() || ran {
		t.Fatal("a timer scheduled after Close is pending, or work ran")
	}
	// The fakes refuse writes too; reads keep working.
	if _, err := q.Send(context.Background(), Payload{Body: []byte("x")}); !errors.Is(err, ErrClosed) {
		t.Fatalf("SQSQueue.Send after Close = %v", err)
	}
	if _, err := q.Receive(1); err != nil {
		t.Fatalf("Receive after Close = %v", err)
	}
	b.Clock().Sleep(time.Hour) // returns at once: nothing can advance a closed Bus
	if b.Now() != DefaultStart() || b.Close() != nil {
		t.Fatal("reads or a second Close failed after Close")
	}
}

// TestTimeRange checks both sides of the last representable instant, for one-shot and periodic work.
func TestTimeRange(t *testing.T) {
	b := MustNew()
	end := MaxTime()
	if want := time.Date(2262, 4, 11, 23, 47, 16, 854775806, time.UTC); !end.Equal(want) {
		t.Fatalf("MaxTime() = %s, want %s", end, want)
	}
	var runs []string
	at := func(name string) func(context.Context) {
		return func(context.Context) { runs = append(runs, name+" "+b.Now().Format(time.RFC3339Nano)) }
	}
	b.Schedule(end, at("last"))
	never := b.Schedule(end.Add(time.Nanosecond), at("beyond"))
	// A periodic timer whose next run would overflow the key stops short of it instead of wrapping.
	b.Every(end.Add(-90*time.Minute), time.Hour, at("every"))
	if w, ok := never.When(); !ok || !w.Equal(end.Add(time.Nanosecond)) {
		t.Fatalf("beyond.When() = %s, %v", w, ok)
	}
	if err := b.AdvanceTo(end.Add(time.Nanosecond)); !errors.Is(err, ErrTimeRange) {
		t.Fatalf("AdvanceTo(MaxTime+1ns) = %v, want ErrTimeRange", err)
	}
	if err := b.AdvanceTo(time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC)); !errors.Is(err, ErrTimeRange) {
		t.Fatalf("AdvanceTo(3000) = %v, want ErrTimeRange", err)
	}
	if err := b.AdvanceTo(end.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := b.Advance(time.Duration(1<<63 - 1)); !errors.Is(err, ErrTimeRange) {
		t.Fatalf("Advance(max Duration) = %v, want ErrTimeRange", err)
	}
	if err := b.AdvanceTo(end); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"every " + end.Add(-90*time.Minute).Format(time.RFC3339Nano),
		"every " + end.Add(-30*time.Minute).Format(time.RFC3339Nano),
		"last " + end.Format(time.RFC3339Nano),
	}
	if strings.Join(runs, "\n") != strings.Join(want, "\n") {
		t.Fatalf("runs:\n%s\nwant:\n%s", strings.Join(runs, "\n"), strings.Join(want, "\n"))
	}
	if _, ok := never.When(); !ok {
		t.Fatal("work beyond MaxTime is no longer pending")
	}
	if !b.Now().Equal(end) {
		t.Fatalf("Now() = %s", b.Now())
	}
}

// TestRealTimeStopsAtMaxTime: a real-time Bus whose clock runs past MaxTime runs the work due up to
// MaxTime and then stands still — no wrapped keys, no busy loop — and New refuses a clock already past it.
func TestRealTimeStopsAtMaxTime(t *testing.T) {
	m := clock.NewMock()
	m.Set(MaxTime().Add(-time.Hour))
	b := MustNew(WithClock(m))
	defer b.Close()
	var mu sync.Mutex
	runs := 0
	b.Every(b.Now(), 30*time.Minute, func(context.Context) { mu.Lock(); runs++; mu.Unlock() })
	count := func() int { mu.Lock(); defer mu.Unlock(); return runs }
	waitFor := func(want int) {
		t.Helper()
		for i := 0; i < 2000 && count() < want; i++ {
			time.Sleep(time.Millisecond)
		}
	}
	waitFor(1)
	m.Add(30 * time.Minute)
	waitFor(2)
	for i := 0; i < 4; i++ {
		m.Add(30 * time.Minute)
	}
	time.Sleep(50 * time.Millisecond)
	if n := count(); n != 3 {
		t.Fatalf("%d runs, want 3 (at MaxTime−1h, −30m and MaxTime itself; the next would be after it)", n)
	}
	if now := b.Now(); !now.Equal(MaxTime()) {
		t.Fatalf("Now() = %s, want MaxTime", now)
	}
	late := clock.NewMock()
	late.Set(MaxTime().Add(time.Hour))
	if _, err := New(WithClock(late)); !errors.Is(err, ErrTimeRange) {
		t.Fatalf("New with a clock past MaxTime: %v", err)
	}
}

// TestFakesAfterClose: every fake's write path refuses after Close.
func TestFakesAfterClose(t *testing.T) {
	b := MustNew()
	tp, _ := NewSNSTopic(b, "t")
	fn, _ := NewLambdaFunction(b, "f", func(context.Context, []byte) error { return nil })
	ks, _ := NewKinesisStream(b, "k")
	s3, _ := NewS3Bucket(b, "bucket")
	_ = b.Close()
	ctx := context.Background()
	p := Payload{Body: []byte("x"), Key: "k"}
	_, errSNS := tp.Publish(ctx, p)
	for name, err := range map[string]error{"SNSTopic.Publish": errSNS, "LambdaFunction.Deliver": fn.Deliver(ctx, p),
		"Stream.Deliver": ks.Deliver(ctx, p), "S3Bucket.Put": s3.Put("k", []byte("x"), nil)} {
		if !errors.Is(err, ErrClosed) {
			t.Errorf("%s after Close = %v", name, err)
		}
	}
	if len(fn.Invocations()) != 0 {
		t.Error("the Lambda function ran after Close")
	}
}

// TestCallPlumbingMisusePanics: a nil *Bus or a nil fn is a bug in service code, reported by name.
func TestCallPlumbingMisusePanics(t *testing.T) {
	mustPanicWith(t, "Call of Op with a nil *Bus or a nil fn", func() {
		_, _ = Call[noIn, noOut](context.Background(), nil, Operation{Name: "Op"}, nil, noop)
	})
	mustPanicWith(t, "Call of Op with a nil *Bus or a nil fn", func() {
		_, _ = Call[noIn, noOut](context.Background(), MustNew(), Operation{Name: "Op"}, nil, nil)
	})
}
