package bus

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
)

// ErrNilContext is wrapped by the error every operation returns when it is called with a nil
// context.Context. Pass context.Background() (or a test's t.Context()) instead.
var ErrNilContext = errors.New("bus: nil context.Context: pass context.Background() or t.Context()")

// misuse wraps a misuse sentinel with the name of what was called, so the message says which call was
// wrong and errors.Is still finds the sentinel.
func misuse(what string, err error) error {
	return fmt.Errorf("%s: %w", what, err)
}

// closedErr returns misuse(what, ErrClosed) after Close, and nil before.
func (b *Bus) closedErr(what string) error {
	if b.Closed() {
		return misuse(what, ErrClosed)
	}
	return nil
}

// Closed reports whether [Bus.Close] has been called. Services refuse to be built on a closed Bus.
func (b *Bus) Closed() bool { return b.shut.Load() }

// lockState takes the state lock for what. The uncontended path is one TryLock. When the lock is
// held, lockState checks — only then, so the hot path pays nothing — whether the calling goroutine is
// inside a function that holds a state lock (the fn of a Call or Locked). If the lock is its own,
// waiting would deadlock; if it belongs to another Bus, the contract "no operation inside fn or
// Locked" is broken all the same. The frames do not say which Bus they belong to, so both panic with
// one explanation. An operation inside fn or Locked that finds the lock free is not detected.
func (b *Bus) lockState(what string) {
	if b.stateMu.TryLock() {
		return
	}
	if holder := stateLockFrame(); holder != "" {
		panic("bus: " + what + " called inside " + holder + " while the state lock it needs is held; " +
			"calling an operation there is not allowed (with the same Bus it would deadlock; with another Bus " +
			"it breaks the same contract): publish a message, use bus.Defer or schedule work to act after fn returns")
	}
	b.stateMu.Lock()
}

// The functions whose frames hold the state lock: Locked's body and the closure of Call that runs fn.
const (
	lockedFrame = "github.com/watchsim/watchsim/bus.(*Bus).Locked"
	callFrame   = "github.com/watchsim/watchsim/bus.Call["
)

// stateLockFrame reports, for the caller of lockState, which function on the goroutine's stack
// holds a state lock ("" if none). It skips itself, lockState and lockState's caller.
func stateLockFrame() string {
	pcs := make([]uintptr, 256)
	n := runtime.Callers(4, pcs)
	for n == len(pcs) {
		pcs = make([]uintptr, 2*len(pcs))
		n = runtime.Callers(4, pcs)
	}
	frames := runtime.CallersFrames(pcs[:n])
	for {
		f, more := frames.Next()
		switch {
		case f.Function == lockedFrame:
			return "Bus.Locked"
		case strings.HasPrefix(f.Function, callFrame) && strings.HasSuffix(f.Function, ".func1"):
			return "the fn of bus.Call"
		}
		if !more {
			return ""
		}
	}
}
