package bus

import (
	"context"
	"fmt"
	"math"
	"time"
)

// Timer is work scheduled on a Bus with [Bus.Schedule] or [Bus.Every]. Its methods are safe for
// concurrent use, including from inside the work itself.
type Timer struct {
	b      *Bus
	when   int64 // due time in Unix nanoseconds (UTC), the heap key
	seq    uint64
	period time.Duration
	fn     func(ctx context.Context)
	index  int // position in the heap, -1 when not pending
}

// Schedule arranges for fn to run once at simulation time at (or at the current time if at is
// earlier). fn runs in the goroutine that advances time — [Bus.Advance], [Bus.AdvanceTo] or the
// real-time driver — in (time, sequence) order, with [Bus.Now] equal to its time, and without any
// lock of the Bus held. A nil fn panics.
func (b *Bus) Schedule(at time.Time, fn func(ctx context.Context)) *Timer {
	if fn == nil {
		panic("bus: Schedule with a nil func: pass the work to run")
	}
	t := &Timer{b: b, fn: fn, index: -1}
	b.mu.Lock()
	b.push(t, at)
	b.mu.Unlock()
	b.poke()
	return t
}

// After is Schedule(b.Now().Add(d), fn).
func (b *Bus) After(d time.Duration, fn func(ctx context.Context)) *Timer {
	return b.Schedule(b.Now().Add(d), fn)
}

// Every arranges for fn to run at first and then every period after it until the Timer is stopped.
// A period ≤ 0 or a nil fn panics.
func (b *Bus) Every(first time.Time, period time.Duration, fn func(ctx context.Context)) *Timer {
	if period <= 0 {
		panic(fmt.Sprintf("bus: Every with period %v: the period must be positive", period))
	}
	if fn == nil {
		panic("bus: Every with a nil func: pass the work to run")
	}
	t := &Timer{b: b, fn: fn, period: period, index: -1}
	b.mu.Lock()
	b.push(t, first)
	b.mu.Unlock()
	b.poke()
	return t
}

// Stop cancels the timer. It reports whether the timer was pending (false if it had already fired,
// for one-shot work, or had been stopped).
func (t *Timer) Stop() bool {
	b := t.b
	b.mu.Lock()
	defer b.mu.Unlock()
	if t.index < 0 {
		return false
	}
	b.heap.remove(t.index)
	return true
}

// Reset reschedules the timer to run at at (or now, if at is earlier), whether it was pending, had
// fired or had been stopped. A periodic timer keeps its period from the new time. Reset reports
// whether the timer was pending.
func (t *Timer) Reset(at time.Time) bool {
	b := t.b
	b.mu.Lock()
	was := t.index >= 0
	if was {
		b.heap.remove(t.index)
	}
	b.push(t, at)
	b.mu.Unlock()
	b.poke()
	return was
}

// When returns the time the timer will next run, and false if it is not pending. For work due after
// [MaxTime] it returns MaxTime plus one nanosecond: pending, but never reached.
func (t *Timer) When() (time.Time, bool) {
	t.b.mu.Lock()
	defer t.b.mu.Unlock()
	if t.index < 0 {
		return time.Time{}, false
	}
	if t.when == beyond {
		return MaxTime().Add(time.Nanosecond), true
	}
	return unixTime(t.when), true
}

// push schedules t at max(at, now) with a fresh sequence number. b.mu must be held. Work due after
// [MaxTime] is kept under the key beyond: it is pending but can never run, since no Advance can
// reach it.
func (b *Bus) push(t *Timer, at time.Time) {
	if b.shut.Load() {
		return
	}
	if at.Before(b.now) {
		at = b.now
	}
	b.seq++
	t.when, t.seq = timeKey(at), b.seq
	b.heap.push(t)
}

// beyond is the heap key of work due after MaxTime: one nanosecond later than any reachable time.
const beyond = math.MaxInt64

// MaxTime returns the latest simulation time a Bus can reach: 2262-04-11T23:47:16.854775806Z, the
// last instant whose Unix-nanosecond count the scheduler can order. Advance and AdvanceTo refuse a
// later target; work scheduled after it (directly, or by a periodic timer whose next run would be
// after it) stays pending and never runs.
func MaxTime() time.Time { return time.Unix(0, beyond-1).UTC() }

// timeKey is the heap key of t: its Unix nanoseconds, or beyond if t is after MaxTime.
func timeKey(t time.Time) int64 {
	if t.After(MaxTime()) {
		return beyond
	}
	return t.UnixNano()
}

// minTime returns the earlier of a and c.
func minTime(a, c time.Time) time.Time {
	if c.Before(a) {
		return c
	}
	return a
}

// nextKey is the key of a periodic timer's next run, saturating at beyond.
func nextKey(when int64, period time.Duration) int64 {
	if when >= beyond-int64(period) {
		return beyond
	}
	return when + int64(period)
}

// unixTime converts a heap key back to a UTC time.
func unixTime(ns int64) time.Time { return time.Unix(0, ns).UTC() }

// poke wakes the real-time driver so that it recomputes its next deadline.
func (b *Bus) poke() {
	if b.wake != nil {
		select {
		case b.wake <- struct{}{}:
		default:
		}
	}
}

// Now returns the current simulation time. In a virtual Bus it moves only in Advance/AdvanceTo; while
// scheduled work runs it equals that work's time.
func (b *Bus) Now() time.Time {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.real != nil {
		if t := minTime(b.real.Now(), MaxTime()); t.After(b.now) {
			b.now = t
		}
	}
	return b.now
}

// Advance moves simulation time forward by d, running every piece of work due up to the new time —
// including work and messages that work itself schedules or publishes — in (time, sequence) order in
// the caller's goroutine, and returns when all of it has settled. A negative d is an error; so is
// calling it on a real-time or closed Bus. A long jump with nothing due costs O(1).
//
// Advance calls from different goroutines are serialised. Calling Advance from inside scheduled
// work or a handler deadlocks: schedule more work instead.
func (b *Bus) Advance(d time.Duration) error {
	if d < 0 {
		return fmt.Errorf("bus: Advance(%v): time cannot move backwards", d)
	}
	return b.advance(func(now time.Time) (time.Time, error) { return now.Add(d), nil })
}

// AdvanceTo moves simulation time forward to t, exactly as [Bus.Advance] does. A t before the current
// time is an error; t equal to it runs the work that is due now.
func (b *Bus) AdvanceTo(t time.Time) error {
	return b.advance(func(now time.Time) (time.Time, error) {
		if t.Before(now) {
			return time.Time{}, fmt.Errorf("bus: AdvanceTo(%s): time cannot move backwards from %s",
				t.UTC().Format(time.RFC3339Nano), now.Format(time.RFC3339Nano))
		}
		return t.UTC(), nil
	})
}

func (b *Bus) advance(target func(now time.Time) (time.Time, error)) error {
	if b.real != nil {
		return ErrRealTime
	}
	b.advMu.Lock()
	defer b.advMu.Unlock()
	if b.Closed() {
		return ErrClosed // unwrapped, as Advance and AdvanceTo have always returned it
	}
	b.mu.Lock()
	now := b.now
	b.mu.Unlock()
	to, err := target(now)
	if err != nil {
		return err
	}
	if to.After(MaxTime()) {
		return fmt.Errorf("%w: %s is after %s", ErrTimeRange, to.Format(time.RFC3339Nano), MaxTime().Format(time.RFC3339Nano))
	}
	b.runUntil(to)
	return nil
}

// runUntil runs due work up to and including target, then sets the time to target (if later).
// All the work of one runUntil shares one turn, drained after each piece. b.advMu must be held.
func (b *Bus) runUntil(target time.Time) {
	limit := target.UnixNano()
	t := newTurn(background(), b)
	// Normally a no-op (the turn was drained and finished below); after a panic in scheduled work it
	// retires the turn, so that later publications with its ctx start turns of their own, and frees
	// what was queued on it.
	defer t.abandon()
	for {
		b.mu.Lock()
		if b.view != nil {
			b.view.sync(b)
		}
		if len(b.heap) == 0 || b.heap[0].when > limit {
			if target.After(b.now) {
				b.now = target
			}
			if b.view != nil {
				b.view.setNow(b.now)
			}
			b.mu.Unlock()
			// Work another goroutine queued on this turn (through a ctx it kept) after the last
			// drain is delivered here, before the turn is finished.
			t.drain(t)
			return
		}
		tm := b.heap[0].t
		if tm.when > b.now.UnixNano() {
			b.now = unixTime(tm.when)
		}
		if tm.period > 0 {
			b.seq++
			tm.when, tm.seq = nextKey(tm.when, tm.period), b.seq
			b.heap.fix(0)
		} else {
			b.heap.pop()
		}
		if b.view != nil {
			b.view.setNow(b.now)
		}
		fn := tm.fn
		b.mu.Unlock()
		fn(t)
		t.run(t, false)
	}
}

// drive is the real-time driver: it runs due work as the clock reaches it until Close.
func (b *Bus) drive() {
	defer close(b.stopped)
	for {
		b.advMu.Lock()
		// A clock past MaxTime runs the work up to MaxTime and no further: time stops there.
		b.runUntil(minTime(b.real.Now(), MaxTime()))
		b.advMu.Unlock()

		b.mu.Lock()
		var wait <-chan time.Time
		var tm interface{ Stop() bool }
		if len(b.heap) > 0 && b.heap[0].when != beyond {
			ct := b.real.Timer(unixTime(b.heap[0].when).Sub(b.real.Now()))
			wait, tm = ct.C, ct
		}
		b.mu.Unlock()
		select {
		case <-b.done:
			if tm != nil {
				tm.Stop()
			}
			return
		case <-b.wake:
		case <-wait:
		}
		if tm != nil {
			tm.Stop()
		}
	}
}

// timerHeap is a 4-ary min-heap of timers ordered by (when, seq). The keys are kept inline so that
// sifting compares without dereferencing timers.
type timerHeap []heapEntry

type heapEntry struct {
	when int64
	seq  uint64
	t    *Timer
}

func (e *heapEntry) less(o *heapEntry) bool {
	return e.when < o.when || (e.when == o.when && e.seq < o.seq)
}

func (h *timerHeap) push(t *Timer) {
	*h = append(*h, heapEntry{when: t.when, seq: t.seq, t: t})
	h.up(len(*h) - 1)
}

// remove takes the entry at i out of the heap.
func (h *timerHeap) remove(i int) {
	old := *h
	n := len(old) - 1
	t := old[i].t
	if i != n {
		old[i] = old[n]
		old[i].t.index = i
	}
	old[n] = heapEntry{}
	*h = old[:n]
	if i != n {
		h.fix(i)
	}
	t.index = -1
}

// pop removes the minimum. It sinks the hole at the root to a leaf along the smallest children and
// then sifts the last entry up from there ("bottom-up" deletion): the last entry belongs near the
// bottom, so this saves most of the comparisons a top-down sift would make against it.
func (h *timerHeap) pop() {
	old := *h
	n := len(old) - 1
	top := old[0].t
	last := old[n]
	old[n] = heapEntry{}
	old = old[:n]
	*h = old
	top.index = -1
	if n == 0 {
		return
	}
	i := 0
	for {
		c := 4*i + 1
		if c >= n {
			break
		}
		m := c
		end := min(c+4, n)
		for k := c + 1; k < end; k++ {
			if old[k].less(&old[m]) {
				m = k
			}
		}
		old[i] = old[m]
		old[i].t.index = i
		i = m
	}
	old[i] = last
	last.t.index = i
	old.up(i)
}

// fix restores the heap after the timer at i changed its key.
func (h timerHeap) fix(i int) {
	e := &h[i]
	e.when, e.seq = e.t.when, e.t.seq
	if !h.down(i) {
		h.up(i)
	}
}

func (h timerHeap) up(j int) {
	e := h[j]
	for j > 0 {
		i := (j - 1) / 4
		if !e.less(&h[i]) {
			break
		}
		h[j] = h[i]
		h[j].t.index = j
		j = i
	}
	h[j] = e
	e.t.index = j
}

func (h timerHeap) down(i0 int) bool {
	n := len(h)
	i := i0
	e := h[i]
	for {
		c := 4*i + 1
		if c >= n {
			break
		}
		m := c
		end := c + 4
		if end > n {
			end = n
		}
		for k := c + 1; k < end; k++ {
			if h[k].less(&h[m]) {
				m = k
			}
		}
		if !h[m].less(&e) {
			break
		}
		h[i] = h[m]
		h[i].t.index = i
		i = m
	}
	h[i] = e
	e.t.index = i
	return i > i0
}

func (h *timerHeap) clear() {
	for _, e := range *h {
		e.t.index = -1
	}
	*h = nil
}
