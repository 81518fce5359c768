package bus

import (
	"context"
	"sync"
	"sync/atomic"
)

// turn is one run-to-completion episode: the queue of deliveries and deferred work started by one
// outermost call, Advance step or publication. A turn is itself the context.Context its work runs
// with: it wraps the caller's context and answers Value(turnKey{}) with itself.
type turn struct {
	context.Context
	b    *Bus
	mu   sync.Mutex
	q    []job
	head int
	done bool
	// queued counts enqueued work not yet taken, so that an empty turn is seen without the lock.
	queued atomic.Int32
	buf    [2]job
	// req is the request of the outermost Call that owns this turn (hasReq set): the turn answers
	// Value(requestKey{}) with it, so that such a call needs no context of its own.
	req    Request
	hasReq bool
}

// job is one piece of queued work: a deferred func, or a message waiting in its topic's mailbox.
type job struct {
	fn   func(context.Context)
	box  mail
	slot int32
}

// mail is the part of a topic's mailbox a turn needs, whatever the topic's message type.
type mail interface {
	deliver(ctx context.Context, slot int32)
	discard(slot int32)
}

func (j job) run(ctx context.Context) {
	if j.box != nil {
		j.box.deliver(ctx, j.slot)
		return
	}
	j.fn(ctx)
}

type turnKey struct{}

// Value returns the turn for turnKey{}, its request (if an outermost Call owns it) for requestKey{},
// and defers to the wrapped context otherwise.
func (t *turn) Value(key any) any {
	switch key.(type) {
	case turnKey:
		return t
	case requestKey:
		if t.hasReq {
			return &t.req
		}
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

// enqueue appends j unless the turn has finished.
func (t *turn) enqueue(j job) bool {
	t.mu.Lock()
	if t.done {
		t.mu.Unlock()
		return false
	}
	t.q = append(t.q, j)
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
			rest := t.q[t.head:]
			t.done, t.q, t.head = true, nil, 0
			t.queued.Store(0)
			t.mu.Unlock()
			for _, j := range rest {
				if j.box != nil {
					j.box.discard(j.slot) // free the message's mailbox slot
				}
			}
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
		j := t.q[t.head]
		t.q[t.head] = job{}
		t.head++
		t.queued.Add(-1)
		t.mu.Unlock()
		j.run(ctx)
	}
}

// post queues j on the turn of ctx, or runs it as a new outermost turn. The caller has checked that
// the Bus is open (a message is in its mailbox by now, and must be delivered or discarded).
func (b *Bus) post(ctx context.Context, j job) {
	if t := turnFrom(ctx, b); t != nil && t.enqueue(j) {
		return
	}
	t := newTurn(ctx, b)
	t.q = append(t.q, j)
	t.queued.Store(1)
	t.drain(t)
}
