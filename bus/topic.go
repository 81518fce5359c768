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
	b.setSubs(t.Name, append(next, s))
	b.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			s.active.Store(false)
			b.mu.Lock()
			cur := subscribersLocked(b, t)
			next := make([]*subscription[T], 0, len(cur))
			for _, c := range cur {
				if c != s {
					next = append(next, c)
				}
			}
			b.setSubs(t.Name, next)
			b.mu.Unlock()
		})
	}
}

func subscribersLocked[T any](b *Bus, t Topic[T]) []*subscription[T] {
	v, ok := (*b.subs.Load())[t.Name]
	if !ok {
		return nil
	}
	s, ok := v.([]*subscription[T])
	if !ok {
		// Release b.mu (every caller holds it without defer) so that the panic leaves the Bus usable.
		b.mu.Unlock()
		panic(fmt.Sprintf("bus: topic %q is used with two message types (%T and %T)", t.Name, v, s))
	}
	return s
}

// HasSubscribers reports whether anything subscribes to t, so that a publisher can skip building a
// costly message nobody reads.
func HasSubscribers[T any](b *Bus, t Topic[T]) bool {
	return len(subscribersOf(b, t)) > 0
}

// subscribersOf reads the current subscribers of t from the lock-free snapshot.
func subscribersOf[T any](b *Bus, t Topic[T]) []*subscription[T] {
	v, ok := (*b.subs.Load())[t.Name]
	if !ok {
		return nil
	}
	s, ok := v.([]*subscription[T])
	if !ok {
		panic(fmt.Sprintf("bus: topic %q is used with two message types (%T and %T)", t.Name, v, s))
	}
	return s
}

// setSubs replaces the subscriber list of one topic in a new snapshot. b.mu must be held.
func (b *Bus) setSubs(name string, list any) {
	old := *b.subs.Load()
	next := make(map[string]any, len(old)+1)
	for k, v := range old {
		next[k] = v
	}
	next[name] = list
	b.subs.Store(&next)
}

// Publish sends msg to every current subscriber of t. Inside a [Call], scheduled work, a handler or
// deferred work — any ctx that comes from the Bus — delivery is queued and happens, in FIFO order,
// after the current piece of work returns and before the outermost call returns. With any other ctx
// Publish delivers at once, in the caller's goroutine, before it returns.
func Publish[T any](ctx context.Context, b *Bus, t Topic[T], msg T) {
	subs := subscribersOf(b, t)
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
// outermost call, Advance step or publication. A turn is itself the context.Context its work runs
// with: it wraps the caller's context and answers Value(turnKey{}) with itself.
type turn struct {
	context.Context
	b    *Bus
	mu   sync.Mutex
	q    []func(context.Context)
	head int
	done bool
	// queued counts enqueued work not yet taken, so that an empty turn is seen without the lock.
	queued atomic.Int32
	buf    [4]func(context.Context)
}

type turnKey struct{}

// Value returns the turn for turnKey{} and defers to the wrapped context otherwise.
func (t *turn) Value(key any) any {
	if _, ok := key.(turnKey); ok {
		return t
	}
	return t.Context.Value(key)
}

func newTurn(ctx context.Context, b *Bus) *turn {
	if ctx == nil {
		ctx = context.Background()
	}
	t := &turn{Context: ctx, b: b}
	t.q = t.buf[:0]
	return t
}

func turnFrom(ctx context.Context, b *Bus) *turn {
	if ctx == nil {
		return nil
	}
	if t, ok := ctx.(*turn); ok && t.b == b {
		return t
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
	t := newTurn(ctx, b)
	return t, t, true
}

// enqueue appends fn unless the turn has finished.
func (t *turn) enqueue(fn func(context.Context)) bool {
	t.mu.Lock()
	if t.done {
		t.mu.Unlock()
		return false
	}
	t.q = append(t.q, fn)
	t.queued.Add(1)
	t.mu.Unlock()
	return true
}

// drain runs queued work until the queue is empty. If finish is set it then marks the turn finished,
// so that later publications with its ctx start turns of their own.
func (t *turn) drain(ctx context.Context) { t.run(ctx, true) }

func (t *turn) run(ctx context.Context, finish bool) {
	if !finish && t.queued.Load() == 0 {
		return // nothing queued: the common case between scheduled pieces of work
	}
	clean := false
	defer func() {
		if !clean { // a handler panicked: drop the rest of the queue and retire the turn
			t.mu.Lock()
			t.done, t.q, t.head = true, nil, 0
			t.queued.Store(0)
			t.mu.Unlock()
		}
	}()
	for {
		t.mu.Lock()
		if t.head == len(t.q) {
			t.q, t.head = t.q[:0], 0
			t.done = finish
			t.mu.Unlock()
			clean = true
			return
		}
		fn := t.q[t.head]
		t.q[t.head] = nil
		t.head++
		t.queued.Add(-1)
		t.mu.Unlock()
		fn(ctx)
	}
}

// post queues fn on the turn of ctx, or runs it as a new outermost turn.
func (b *Bus) post(ctx context.Context, fn func(context.Context)) {
	if b.Closed() {
		return
	}
	if t := turnFrom(ctx, b); t != nil && t.enqueue(fn) {
		return
	}
	t := newTurn(ctx, b)
	t.q = append(t.q, fn)
	t.queued.Store(1)
	t.drain(t)
}
