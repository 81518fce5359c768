package watchsimtest

import (
	"testing"

	"github.com/watchsim/watchsim"
)

// New returns a simulator for t with a timeline recorded. It registers Close with t.Cleanup and, if t
// has failed by then, logs the timeline (time, source, what happened). Invalid options fail t at once.
func New(t testing.TB, opts ...watchsim.Option) *watchsim.Simulator {
	t.Helper()
	sim, err := watchsim.New(append([]watchsim.Option{watchsim.WithTimeline()}, opts...)...)
	if err != nil {
		t.Fatalf("watchsimtest.New: %v", err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("watchsim timeline (until %s):\n%s", sim.Now().Format("2006-01-02T15:04:05Z"), sim.Timeline())
		}
		_ = sim.Close()
	})
	return sim
}
