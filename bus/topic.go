package bus

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
)

// Topic names a stream of messages of type T on a Bus. A Topic value is an immutable key — the
// subscriptions live in each Bus — so topics may be package-level variables. Two topics with the same
// Name must have the same T; subscribing or publishing with a different T panics.
type Topic[T any] struct {
	// Name identifies the topic within a Bus.
	Name string
}

type subscription[T any] struct {
	fn     func(ctx context.Context, msg T)
	active atomic.Bool
}

// Subscribe registers fn for every message published on t from now on, and returns a function that
// cancels the subscription (messages already published are still delivered to fn).
//
// fn runs without any lock of the Bus held, in the goroutine of the outermost call that led to the
// publication, after the code that published has returned (run-to-completion). It may call any
// service method and publish more messages; those are delivered after fn returns, in order. A nil
// fn panics.
func Subscribe[T any](b *Bus, t Topic[T], fn func(ctx context.Context, msg T)) (unsubscribe func()) {
	if fn == nil {
		panic("bus: Subscribe with a nil func: pass the handler")
	}
	s := &subscription[T]{fn: fn}
	s.active.Store(true)
	b.mu.Lock()
	old := subscribersLocked(b, t)
	next := make([]*subscription[T], len(old), len(old)+1)
	copy(next, old)
	b.subs[t.Name] = append(next, s)
	b.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			s.active.Store(false)
			b.mu.Lock()
			defer b.mu.Unlock()
			cur := subscribersLocked(b, t)
			next := make([]*subscription[T], 0, len(cur))
			for _, c := range cur {
				if c != s {
					next = append(next, c)
				}
			}
			b.subs[t.Name] = next
		})
	}
}

func subscribersLocked[T any](b *Bus, t Topic[T]) []*subscription[T] {
	v, ok := b.subs[t.Name]
	if !ok {
		return nil
	}
	s, ok := v.([]*subscription[T])
	if !ok {
		panic(fmt.Sprintf("bus: topic %q is used with two message types (%T and %T)", t.Name, v, s))
	}
	return s
}

// HasSubscribers reports whether anything subscribes to t, so that a publisher can skip building a
// costly message nobody reads.
func HasSubscribers[T any](b *Bus, t Topic[T]) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(subscribersLocked(b, t)) > 0
}

// Publish sends msg to every current subscriber of t. Inside a [Call], scheduled work, a handler or
// deferred work — any ctx that comes from the Bus — delivery is queued and happens, in FIFO order,
// after the current piece of work returns and before the outermost call returns. With any other ctx
// Publish delivers at once, in the caller's goroutine, before it returns.
func Publish[T any](ctx context.Context, b *Bus, t Topic[T], msg T) {
	b.mu.Lock()
	subs := subscribersLocked(b, t)
	b.mu.Unlock()
	if len(subs) == 0 {
		return
	}
	b.post(ctx, func(ctx context.Context) {
		for _, s := range subs {
			if s.active.Load() {
				s.fn(ctx, msg)
			}
		}
	})
}

// Defer queues fn to run, without any lock of the Bus held, after the current piece of work returns —
// in the same turn as messages published from it, in FIFO order with them. Service code uses it for
// effects that may run user code (deliveries to sinks) from inside a [Call]. With a ctx that does not
// come from the Bus, fn runs at once.
func Defer(ctx context.Context, b *Bus, fn func(ctx context.Context)) {
	if fn == nil {
		panic("bus: Defer with a nil func")
	}
	b.post(ctx, fn)
}

// turn is one run-to-completion episode: the queue of deliveries and deferred work started by one
// outermost call, Advance step or publication.
type turn struct {
	b    *Bus
	mu   sync.Mutex
	q    []func(context.Context)
	head int
	done bool
}

type turnKey struct{}

func turnFrom(ctx context.Context, b *Bus) *turn {
	if ctx == nil {
		return nil
	}
	t, _ := ctx.Value(turnKey{}).(*turn)
	if t == nil || t.b != b {
		return nil
	}
	return t
}

// enter returns a ctx that carries a live turn: the caller's, or a new one that the caller owns and
// must drain.
func (b *Bus) enter(ctx context.Context) (context.Context, *turn, bool) {
	if ctx == nil {
		ctx = context.Background()
	}
	if t := turnFrom(ctx, b); t != nil {
		t.mu.Lock()
		alive := !t.done
		t.mu.Unlock()
		if alive {
			return ctx, t, false
		}
	}
	t := &turn{b: b}
	return context.WithValue(ctx, turnKey{}, t), t, true
}

// enqueue appends fn unless the turn has finished.
func (t *turn) enqueue(fn func(context.Context)) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.done {
		return false
	}
	t.q = append(t.q, fn)
	return true
}

// drain runs queued work until the queue is empty, then marks the turn finished.
func (t *turn) drain(ctx context.Context) {
	defer func() {
		t.mu.Lock()
		t.done, t.q, t.head = true, nil, 0
		t.mu.Unlock()
	}()
	for {
		t.mu.Lock()
		if t.head == len(t.q) {
			t.done, t.q, t.head = true, nil, 0
			t.mu.Unlock()
			return
		}
		fn := t.q[t.head]
		t.q[t.head] = nil
		t.head++
		t.mu.Unlock()
		fn(ctx)
	}
}

// post queues fn on the turn of ctx, or runs it as a new outermost turn.
func (b *Bus) post(ctx context.Context, fn func(context.Context)) {
	if t := turnFrom(ctx, b); t != nil && t.enqueue(fn) {
		return
	}
	b.runTurn(ctx, fn)
}

// runTurn runs fn as the first work of a new turn and drains it.
func (b *Bus) runTurn(ctx context.Context, fn func(context.Context)) {
	if ctx == nil {
		ctx = context.Background()
	}
	t := &turn{b: b, q: make([]func(context.Context), 1, 4)}
	t.q[0] = fn
	t.drain(context.WithValue(ctx, turnKey{}, t))
}
