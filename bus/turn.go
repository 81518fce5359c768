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
	done bool
	// queued counts enqueued work not yet taken, so that an empty turn is seen without the lock.
	queued atomic.Int32
	buf    [2]job
	// req is the request of the outermost Call that owns this turn (nil for other turns): the turn
	// answers Value(requestKey{}) with it, so that such a call needs no context of its own.
	req *Request
}

// callTurn is the turn of an outermost Call, with room for its request: one allocation.
type callTurn struct {
	turn
	r Request
}

// job is one piece of queued work: a message waiting in its topic's mailbox (in slot), or a func
// (a [Defer]red effect or a small message's delivery) as a funcJob.
type job struct {
	m    mail
	slot int32
}

// mail is the part of a topic's mailbox a turn needs, whatever the topic's message type.
type mail interface {
	deliver(ctx context.Context, slot int32)
	discard(slot int32)
}

// funcJob is queued work that is just a func.
type funcJob func(context.Context)

func (f funcJob) deliver(ctx context.Context, _ int32) { f(ctx) }
func (f funcJob) discard(int32)                        {}

func (j job) run(ctx context.Context) { j.m.deliver(ctx, j.slot) }

type turnKey struct{}

// Value returns the turn for turnKey{}, its request (if an outermost Call owns it) for requestKey{},
// and defers to the wrapped context otherwise.
func (t *turn) Value(key any) any {
	switch key.(type) {
	case turnKey:
		return t
	case requestKey:
		if t.req != nil {
			return t.req
		}
	}
	return t.Context.Value(key)
}

func newTurn(ctx context.Context, b *Bus) *turn {
	t := new(turn)
	t.init(ctx, b)
	return t
}

func newCallTurn(ctx context.Context, b *Bus) *turn {
	ct := new(callTurn)
	ct.init(ctx, b)
	ct.req = &ct.r
	return &ct.turn
}

func (t *turn) init(ctx context.Context, b *Bus) {
	if ctx == nil {
		ctx = context.Background()
	}
	t.Context, t.b = ctx, b
	t.q = t.buf[:0]
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
// must drain (with room for a request if call is set).
func (b *Bus) enter(ctx context.Context, call bool) (context.Context, *turn, bool) {
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
	var t *turn
	if call {
		t = newCallTurn(ctx, b)
	} else {
		t = newTurn(ctx, b)
	}
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
	// run takes the whole queue at once and gives the drained buffer back as the next queue: two
	// buffers alternate (spare is the other one).
	var batch, spare []job
	next := 0
	clean := false
	defer func() {
		if !clean { // a handler panicked: drop the rest of the queue and retire the turn
			discard(batch[next:])
			t.abandon()
		}
	}()
	for {
		// Take everything queued at once (one lock round trip per batch, not per job); what the
		// batch's jobs queue goes into the other buffer and forms the next batch, so FIFO holds.
		t.mu.Lock()
		if len(t.q) == 0 {
			t.done = finish
			t.mu.Unlock()
			clean = true
			return
		}
		batch, t.q = t.q, spare[:0]
		t.queued.Add(-int32(len(batch)))
		t.mu.Unlock()
		for next = 0; next < len(batch); {
			j := batch[next]
			batch[next] = job{}
			next++
			j.run(ctx)
		}
		spare = batch[:0]
	}
}

// abandon retires the turn without running what is queued on it, freeing the mailbox slots of the
// messages it will never deliver. Whoever owns a turn calls it when leaving by a panic (a turn that
// was drained is left as it was: finished, nothing queued).
func (t *turn) abandon() {
	t.mu.Lock()
	rest := t.q
	t.done, t.q = true, nil
	t.queued.Store(0)
	t.mu.Unlock()
	discard(rest)
}

// discard frees the mailbox slots of jobs that will never run.
func discard(jobs []job) {
	for _, j := range jobs {
		j.m.discard(j.slot)
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
