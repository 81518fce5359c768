package watchsimtest_test

import (
	"strings"
	"testing"
	"time"

	"github.com/watchsim/watchsim"
	"github.com/watchsim/watchsim/watchsimtest"
)

// fakeT records what New does with a testing.TB.
type fakeT struct {
	testing.TB
	failed   bool
	logs     []string
	cleanups []func()
}

func (f *fakeT) Helper()           {}
func (f *fakeT) Failed() bool      { return f.failed }
func (f *fakeT) Cleanup(fn func()) { f.cleanups = append(f.cleanups, fn) }
func (f *fakeT) Logf(format string, a ...any) {
	f.logs = append(f.logs, format)
	for _, v := range a {
		if s, ok := v.(interface{ String() string }); ok {
			f.logs = append(f.logs, s.String())
		}
	}
}
func (f *fakeT) Fatalf(format string, a ...any) { f.failed = true }

func (f *fakeT) finish() {
	for i := len(f.cleanups) - 1; i >= 0; i-- {
		f.cleanups[i]()
	}
}

func TestTimelineOnFailure(t *testing.T) {
	for _, failed := range []bool{false, true} {
		ft := &fakeT{TB: t}
		sim := watchsimtest.New(ft)
		sim.Timeline().Note("test", "something happened")
		if err := sim.Advance(time.Minute); err != nil {
			t.Fatal(err)
		}
		ft.failed = failed
		ft.finish()
		logged := strings.Join(ft.logs, "\n")
		if failed != strings.Contains(logged, "something happened") {
			t.Errorf("failed=%v: timeline logged = %v:\n%s", failed, !failed, logged)
		}
		if err := sim.Advance(time.Minute); err == nil {
			t.Errorf("failed=%v: simulator not closed by cleanup", failed)
		}
	}
}

func TestInvalidOptionFailsTheTest(t *testing.T) {
	ft := &fakeT{TB: t}
	func() {
		defer func() { _ = recover() }() // Fatalf on the fake does not stop the goroutine; New may go on
		watchsimtest.New(ft, watchsim.WithAccount("bad"))
	}()
	if !ft.failed {
		t.Fatal("an invalid option did not fail the test")
	}
}
