package bus

import (
	"cmp"
	"context"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"time"
	"unsafe"

	"github.com/benbjohnson/clock"
)

// Clock returns a github.com/benbjohnson/clock Clock that reads and waits on simulation time, so code
// under test that takes a clock.Clock runs on the simulator's time.
//
// On a virtual Bus, timers, tickers, After, Sleep and context deadlines fire while [Bus.Advance] runs,
// in order with the simulator's own work. Differences from package time, chosen for determinism:
// AfterFunc runs f synchronously in the advancing goroutine (not in a new goroutine), and channel
// sends never block (a tick nobody received is dropped, as time.Ticker drops them). Sleep and
// receiving from After block until another goroutine advances time: calling them from inside work the
// Bus runs would deadlock.
//
// On a real-time Bus ([WithClock]) Clock returns the clock given to WithClock.
func (b *Bus) Clock() clock.Clock {
	if b.real != nil {
		return b.real
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.view == nil {
		b.view = newClockView(b)
	}
	return b.view
}

// clockView implements clock.Clock on the Bus scheduler.
//
// clock.Clock returns the concrete types *clock.Timer and *clock.Ticker, whose Stop and Reset methods
// only know the real time package and *clock.Mock. The view therefore builds them on a private
// *clock.Mock that it never advances: Stop and Reset then update the timer's fields under the Mock's
// lock, and the view reads those fields (through layout mirrors, verified against the pinned module
// version when the view is built) at every scheduler step to keep one Bus timer per live clock timer.
type clockView struct {
	b       *Bus
	m       *clock.Mock
	ml      *mockLayout
	tracked map[unsafe.Pointer]*viewTimer
	nextID  uint64         // creation order of tracked timers, for a deterministic sync
	repush  []*viewTimer   // scratch for sync
	timerT  unsafe.Pointer // itab of *clock.internalTimer as clockTimer
	tickerT unsafe.Pointer // itab of *clock.internalTicker as clockTimer
}

type viewTimer struct {
	timer  *timerLayout  // one of timer,
	ticker *tickerLayout // ticker
	entry  *Timer
	id     uint64 // creation order
}

// Mirrors of github.com/benbjohnson/clock v1.3.5's unexported layouts.
type timerLayout struct {
	C       <-chan time.Time
	c       chan time.Time
	timer   *time.Timer
	next    time.Time
	mock    *clock.Mock
	fn      func()
	stopped bool
}

type tickerLayout struct {
	C       <-chan time.Time
	c       chan time.Time
	ticker  *time.Ticker
	next    time.Time
	mock    *clock.Mock
	d       time.Duration
	stopped bool
}

type mockLayout struct {
	mu     sync.Mutex
	now    time.Time
	timers []ifaceWords
}

type ifaceWords struct{ tab, data unsafe.Pointer }

// checkLayout panics unless mirror has exactly the fields of real, at the same offsets and sizes.
func checkLayout(real, mirror reflect.Type) {
	if real.NumField() != mirror.NumField() || real.Size() != mirror.Size() {
		panic(fmt.Sprintf("bus: %v does not have the layout of github.com/benbjohnson/clock v1.3.5; "+
			"watchsim's Clock() needs that exact version (go.mod pins it)", real))
	}
	for i := 0; i < real.NumField(); i++ {
		r, m := real.Field(i), mirror.Field(i)
		if r.Name != m.Name || r.Offset != m.Offset || r.Type.Size() != m.Type.Size() || r.Type.Kind() != m.Type.Kind() {
			panic(fmt.Sprintf("bus: field %s of %v differs from the layout of github.com/benbjohnson/clock v1.3.5; "+
				"watchsim's Clock() needs that exact version (go.mod pins it)", r.Name, real))
		}
	}
}

func newClockView(b *Bus) *clockView {
	checkLayout(reflect.TypeOf(clock.Timer{}), reflect.TypeOf(timerLayout{}))
	checkLayout(reflect.TypeOf(clock.Ticker{}), reflect.TypeOf(tickerLayout{}))
	checkLayout(reflect.TypeOf(clock.Mock{}), reflect.TypeOf(mockLayout{}))
	v := &clockView{b: b, m: clock.NewMock(), tracked: map[unsafe.Pointer]*viewTimer{}}
	v.ml = (*mockLayout)(unsafe.Pointer(v.m))
	// Learn the interface tables of the Mock's two timer kinds from a throwaway Mock.
	probe := clock.NewMock()
	pt, pk := probe.Timer(time.Hour), probe.Ticker(time.Hour)
	for _, w := range (*mockLayout)(unsafe.Pointer(probe)).timers {
		switch w.data {
		case unsafe.Pointer(pt):
			v.timerT = w.tab
		case unsafe.Pointer(pk):
			v.tickerT = w.tab
		}
	}
	v.ml.now = b.now
	return v
}

// setNow keeps the Mock's time equal to the Bus's, so that Reset computes deadlines from it. b.mu is held.
func (v *clockView) setNow(t time.Time) {
	v.ml.mu.Lock()
	v.ml.now = t
	v.ml.mu.Unlock()
}

// sync makes the Bus heap hold one entry per live clock timer at its deadline. b.mu is held.
func (v *clockView) sync(b *Bus) {
	v.ml.mu.Lock()
	defer v.ml.mu.Unlock()
	// Timers stopped and then Reset land in the Mock's list: adopt them.
	for i, w := range v.ml.timers {
		if _, ok := v.tracked[w.data]; !ok {
			vt := &viewTimer{}
			switch w.tab {
			case v.timerT:
				vt.timer = (*timerLayout)(w.data)
			case v.tickerT:
				vt.ticker = (*tickerLayout)(w.data)
			default:
				panic("bus: unknown timer kind in the clock view")
			}
			v.track(w.data, vt)
		}
		v.ml.timers[i] = ifaceWords{}
	}
	v.ml.timers = v.ml.timers[:0]
	for p, vt := range v.tracked {
		var next time.Time
		var stopped bool
		if vt.timer != nil {
			next, stopped = vt.timer.next, vt.timer.stopped
		} else {
			next, stopped = vt.ticker.next, vt.ticker.stopped
		}
		if stopped {
			if vt.entry.index >= 0 {
				b.heap.remove(vt.entry.index)
			}
			delete(v.tracked, p)
			continue
		}
		if vt.entry.index >= 0 && vt.entry.when == timeKey(next) {
			continue
		}
		if vt.entry.index >= 0 && next.Before(b.now) && vt.entry.when == b.now.UnixNano() {
			continue
		}
		if vt.entry.index >= 0 {
			b.heap.remove(vt.entry.index)
		}
		v.repush = append(v.repush, vt)
	}
	// Re-arm in creation order, not map order, so timers reset to the same instant run in the same
	// order on every run.
	slices.SortFunc(v.repush, func(a, c *viewTimer) int { return cmp.Compare(a.id, c.id) })
	for i, vt := range v.repush {
		if vt.timer != nil {
			b.push(vt.entry, vt.timer.next)
		} else {
			b.push(vt.entry, vt.ticker.next)
		}
		v.repush[i] = nil
	}
	v.repush = v.repush[:0]
}

func (v *clockView) track(p unsafe.Pointer, vt *viewTimer) {
	v.nextID++
	vt.id = v.nextID
	vt.entry = &Timer{b: v.b, index: -1, fn: func(context.Context) { v.fire(vt) }}
	v.tracked[p] = vt
}

// fire delivers one clock timer's tick, unless Stop or Reset changed it since the entry was set.
func (v *clockView) fire(vt *viewTimer) {
	now := v.b.Now()
	v.ml.mu.Lock()
	if vt.timer != nil {
		t := vt.timer
		if t.stopped || t.next.After(now) {
			v.ml.mu.Unlock()
			return
		}
		t.stopped = true
		fn, c := t.fn, t.c
		v.ml.mu.Unlock()
		if fn != nil {
			fn()
			return
		}
		select {
		case c <- now:
		default:
		}
		return
	}
	t := vt.ticker
	if t.stopped || t.next.After(now) {
		v.ml.mu.Unlock()
		return
	}
	t.next = now.Add(t.d)
	c := t.c
	v.ml.mu.Unlock()
	select {
	case c <- now:
	default:
	}
}

// newTimer builds a *clock.Timer on the private Mock and tracks it.
func (v *clockView) newTimer(d time.Duration, fn func()) *clock.Timer {
	t := new(clock.Timer)
	tl := (*timerLayout)(unsafe.Pointer(t))
	ch := make(chan time.Time, 1)
	b := v.b
	b.mu.Lock()
	v.ml.mu.Lock()
	tl.C, tl.c, tl.mock, tl.fn, tl.next = ch, ch, v.m, fn, v.ml.now.Add(d)
	if fn != nil {
		tl.C = nil // AfterFunc timers have no channel, as in package time
	}
	v.ml.mu.Unlock()
	vt := &viewTimer{timer: tl}
	v.track(unsafe.Pointer(t), vt)
	b.push(vt.entry, tl.next)
	b.mu.Unlock()
	return t
}

func (v *clockView) newTicker(d time.Duration) *clock.Ticker {
	if d <= 0 {
		panic("bus: non-positive interval for Clock().Ticker")
	}
	t := new(clock.Ticker)
	tl := (*tickerLayout)(unsafe.Pointer(t))
	ch := make(chan time.Time, 1)
	b := v.b
	b.mu.Lock()
	v.ml.mu.Lock()
	tl.C, tl.c, tl.mock, tl.d, tl.next = ch, ch, v.m, d, v.ml.now.Add(d)
	v.ml.mu.Unlock()
	vt := &viewTimer{ticker: tl}
	v.track(unsafe.Pointer(t), vt)
	b.push(vt.entry, tl.next)
	b.mu.Unlock()
	return t
}

// After returns a channel that receives the simulation time once d has passed.
func (v *clockView) After(d time.Duration) <-chan time.Time { return v.newTimer(d, nil).C }

// AfterFunc runs f in the advancing goroutine once d has passed.
func (v *clockView) AfterFunc(d time.Duration, f func()) *clock.Timer {
	if f == nil {
		panic("bus: Clock().AfterFunc with a nil func")
	}
	return v.newTimer(d, f)
}

// Now returns the simulation time.
func (v *clockView) Now() time.Time { return v.b.Now() }

// Since returns the simulation time elapsed since t.
func (v *clockView) Since(t time.Time) time.Duration { return v.b.Now().Sub(t) }

// Until returns the simulation time until t.
func (v *clockView) Until(t time.Time) time.Duration { return t.Sub(v.b.Now()) }

// Sleep blocks until another goroutine has advanced simulation time by d.
func (v *clockView) Sleep(d time.Duration) {
	// After Close no Advance can reach the deadline: return rather than block forever.
	if d <= 0 || v.b.Closed() {
		return
	}
	<-v.After(d)
}

// Tick returns the channel of a ticker that cannot be stopped.
func (v *clockView) Tick(d time.Duration) <-chan time.Time { return v.newTicker(d).C }

// Ticker returns a ticker on simulation time.
func (v *clockView) Ticker(d time.Duration) *clock.Ticker { return v.newTicker(d) }

// Timer returns a timer on simulation time.
func (v *clockView) Timer(d time.Duration) *clock.Timer { return v.newTimer(d, nil) }

// WithTimeout is WithDeadline(parent, Now()+d).
func (v *clockView) WithTimeout(parent context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	return v.WithDeadline(parent, v.Now().Add(d))
}

// WithDeadline returns a context that is cancelled when simulation time reaches d, when parent is
// cancelled, or when the returned CancelFunc is called.
func (v *clockView) WithDeadline(parent context.Context, d time.Time) (context.Context, context.CancelFunc) {
	if cur, ok := parent.Deadline(); ok && cur.Before(d) {
		return context.WithCancel(parent)
	}
	c := &deadlineCtx{Context: parent, deadline: d, done: make(chan struct{})}
	if !d.After(v.Now()) {
		c.cancel(context.DeadlineExceeded)
		return c, func() {}
	}
	c.mu.Lock()
	c.timer = v.AfterFunc(v.Until(d), func() { c.cancel(context.DeadlineExceeded) })
	c.stop = context.AfterFunc(parent, func() { c.cancel(parent.Err()) })
	c.mu.Unlock()
	return c, func() { c.cancel(context.Canceled) }
}

// deadlineCtx is a context with a deadline on simulation time.
type deadlineCtx struct {
	context.Context
	deadline time.Time
	done     chan struct{}
	mu       sync.Mutex
	err      error
	timer    *clock.Timer
	stop     func() bool
}

func (c *deadlineCtx) Deadline() (time.Time, bool) { return c.deadline, true }
func (c *deadlineCtx) Done() <-chan struct{}       { return c.done }
func (c *deadlineCtx) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

func (c *deadlineCtx) cancel(err error) {
	c.mu.Lock()
	if c.err != nil {
		c.mu.Unlock()
		return
	}
	c.err = err
	close(c.done)
	timer, stop := c.timer, c.stop
	c.mu.Unlock()
	if timer != nil {
		timer.Stop()
	}
	if stop != nil {
		stop()
	}
}

var _ clock.Clock = (*clockView)(nil)
