package bus

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"unsafe"
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

// topicState is what a Bus holds for one topic: the subscribers (replaced, never mutated, on every
// Subscribe and unsubscribe) and the mailbox that keeps published messages until their turn delivers
// them (kept across those replacements).
type topicState[T any] struct {
	subs []*subscription[T]
	box  *mailbox[T]
}

// Subscribe registers fn for every message published on t from now on, and returns a function that
// cancels the subscription: from then on fn gets nothing, not even messages published before but
// not yet delivered.
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
	old := topicLocked(b, t)
	next := make([]*subscription[T], len(old.subs), len(old.subs)+1)
	copy(next, old.subs)
	b.setTopic(t.Name, &topicState[T]{subs: append(next, s), box: old.box})
	b.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			s.active.Store(false)
			b.mu.Lock()
			cur := topicLocked(b, t)
			next := make([]*subscription[T], 0, len(cur.subs))
			for _, c := range cur.subs {
				if c != s {
					next = append(next, c)
				}
			}
			b.setTopic(t.Name, &topicState[T]{subs: next, box: cur.box})
			b.mu.Unlock()
		})
	}
}

// topicLocked returns the state of t, creating its mailbox on first use. b.mu must be held.
func topicLocked[T any](b *Bus, t Topic[T]) *topicState[T] {
	v, ok := (*b.subs.Load())[t.Name]
	if !ok {
		return &topicState[T]{box: new(mailbox[T])}
	}
	s, ok := v.(*topicState[T])
	if !ok {
		// Release b.mu (every caller holds it without defer) so that the panic leaves the Bus usable.
		b.mu.Unlock()
		panic(typeClash(t.Name, v, s))
	}
	return s
}

// HasSubscribers reports whether anything subscribes to t, so that a publisher can skip building a
// costly message nobody reads.
func HasSubscribers[T any](b *Bus, t Topic[T]) bool {
	s := topicOf(b, t)
	return s != nil && len(s.subs) > 0
}

// topicOf reads the state of t from the lock-free snapshot: nil if nothing ever subscribed.
func topicOf[T any](b *Bus, t Topic[T]) *topicState[T] {
	v, ok := (*b.subs.Load())[t.Name]
	if !ok {
		return nil
	}
	s, ok := v.(*topicState[T])
	if !ok {
		panic(typeClash(t.Name, v, s))
	}
	return s
}

func typeClash(name string, have, want any) string {
	return fmt.Sprintf("bus: topic %q is used with two message types (%T and %T)", name, have, want)
}

// setTopic replaces the state of one topic in a new snapshot. b.mu must be held.
func (b *Bus) setTopic(name string, state any) {
	old := *b.subs.Load()
	next := make(map[string]any, len(old)+1)
	for k, v := range old {
		next[k] = v
	}
	next[name] = state
	b.subs.Store(&next)
}

// Publish sends msg to every current subscriber of t. Inside a [Call], scheduled work, a handler or
// deferred work — any ctx that comes from the Bus — delivery is queued and happens, in FIFO order,
// after the current piece of work returns and before the outermost call returns. With any other ctx
// Publish delivers at once, in the caller's goroutine, before it returns.
//
// A queued message larger than a few words waits in the topic's mailbox, a slice reused from one
// publication to the next, so publishing it allocates nothing once the mailbox has grown to the
// number of messages in flight.
func Publish[T any](ctx context.Context, b *Bus, t Topic[T], msg T) {
	s := topicOf(b, t)
	if s == nil || len(s.subs) == 0 || b.Closed() {
		return
	}
	if unsafe.Sizeof(msg) <= smallMessage {
		// A small message costs less in a closure of its own than two trips through the mailbox lock.
		subs := s.subs
		b.post(ctx, job{m: funcJob(func(ctx context.Context) { deliverTo(ctx, subs, msg) })})
		return
	}
	b.post(ctx, job{m: s.box, slot: s.box.put(msg, s.subs)})
}

// smallMessage is the size up to which a message travels in a closure rather than in its topic's
// mailbox: allocating a small closure is cheaper than the mailbox's two lock round trips, while
// copying a large message into a fresh object (under the collector's write barriers) is dearer.
const smallMessage = 64

func deliverTo[T any](ctx context.Context, subs []*subscription[T], msg T) {
	for _, s := range subs {
		if s.active.Load() {
			s.fn(ctx, msg)
		}
	}
}

// deliverNow delivers msg to the subscribers of t at once. Only for a publisher that knows the
// message would be the next thing its turn runs (see Call).
func deliverNow[T any](ctx context.Context, b *Bus, t Topic[T], msg T) {
	if s := topicOf(b, t); s != nil && !b.Closed() {
		deliverTo(ctx, s.subs, msg)
	}
}

// Defer queues fn to run, without any lock of the Bus held, after the current piece of work returns —
// in the same turn as messages published from it, in FIFO order with them. Service code uses it for
// effects that may run user code (deliveries to sinks) from inside a [Call]. With a ctx that does not
// come from the Bus, fn runs at once.
func Defer(ctx context.Context, b *Bus, fn func(ctx context.Context)) {
	if fn == nil {
		panic("bus: Defer with a nil func")
	}
	if b.Closed() {
		return
	}
	b.post(ctx, job{m: funcJob(fn)})
}

// mailbox holds the messages of one topic that are queued on some turn: a job names its slot.
// Slots are reused through a free list. Its lock is held only to copy a message in or out.
type mailbox[T any] struct {
	mu    sync.Mutex
	slots []letter[T]
	free  []int32
}

// letter is a queued message with the subscribers it goes to (those of the moment it was published).
type letter[T any] struct {
	msg  T
	subs []*subscription[T]
}

// mailboxKeep is the number of slots a mailbox keeps when it empties; a burst that grew it beyond
// that gives the memory back.
const mailboxKeep = 1024

func (m *mailbox[T]) put(msg T, subs []*subscription[T]) int32 {
	m.mu.Lock()
	var i int32
	if n := len(m.free); n > 0 {
		i = m.free[n-1]
		m.free = m.free[:n-1]
	} else {
		i = int32(len(m.slots))
		m.slots = append(m.slots, letter[T]{})
	}
	l := &m.slots[i]
	l.msg, l.subs = msg, subs
	m.mu.Unlock()
	return i
}

// take removes the letter in slot and frees the slot.
func (m *mailbox[T]) take(slot int32) letter[T] {
	m.mu.Lock()
	l := m.slots[slot]
	m.slots[slot] = letter[T]{}
	m.free = append(m.free, slot)
	if len(m.free) == len(m.slots) && len(m.slots) > mailboxKeep {
		m.slots, m.free = nil, nil
	}
	m.mu.Unlock()
	return l
}

// deliver hands the letter in slot to its subscribers that are still subscribed.
func (m *mailbox[T]) deliver(ctx context.Context, slot int32) {
	l := m.take(slot)
	deliverTo(ctx, l.subs, l.msg)
}

// discard drops the letter in slot undelivered (its turn was abandoned).
func (m *mailbox[T]) discard(slot int32) { m.take(slot) }
