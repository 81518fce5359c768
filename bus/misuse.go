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

// misuse wraps a misuse sentinel with the operation's name, so the message says which call was wrong
// and errors.Is still finds the sentinel.
func misuse(op Operation, err error) error {
	return fmt.Errorf("%s: %w", op.Name, err)
}

// isClosed reports whether Close has been called.
func (b *Bus) isClosed() bool { return b.shut.Load() }

// lockState takes the state lock for what. The uncontended path is one TryLock. When the lock is
// held, lockState checks — only then, so the hot path pays nothing — whether it is held by the
// calling goroutine itself (inside the fn of a Call or inside Locked): waiting would deadlock, so it
// panics with an explanation instead.
func (b *Bus) lockState(what string) {
	if b.stateMu.TryLock() {
		return
	}
	if holder := stateLockFrame(); holder != "" {
		panic("bus: " + what + " called while this goroutine holds the state lock (inside " + holder +
			"); the lock is not re-entrant: publish a message, use bus.Defer or schedule work to act after it is released")
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
