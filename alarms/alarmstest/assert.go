package alarmstest

import (
	"time"

	"github.com/watchsim/watchsim/alarms"
)

// TB is the part of testing.TB and *rapid.T the assertions use, so they work in plain tests and in
// rapid properties (where a failure shrinks to a minimal counterexample).
type TB interface {
	Helper()
	Fatalf(format string, args ...any)
}

// FiresWithin asserts that the alarm is in ALARM at some moment of [event, event+d]: it was already
// in ALARM at event, or it transitioned to ALARM no later than event+d.
func FiresWithin(t TB, trs []Transition, event time.Time, d time.Duration) {
	t.Helper()
	if _, ok := FirstStateWithin(trs, alarms.StateAlarm, event, d); !ok {
		t.Fatalf("alarm did not fire within %v of %s (transitions: %v)", d, event.UTC().Format(time.RFC3339), trs)
	}
}

// FirstStateWithin returns the first moment in [from, from+d] at which the alarm is in state s.
func FirstStateWithin(trs []Transition, s alarms.StateValue, from time.Time, d time.Duration) (time.Time, bool) {
	if StateAt(trs, from) == s {
		return from, true
	}
	limit := from.Add(d)
	for _, tr := range trs {
		if tr.Time.After(from) && !tr.Time.After(limit) && tr.To == s {
			return tr.Time, true
		}
	}
	return time.Time{}, false
}

// NeverFires asserts that the alarm never entered ALARM.
func NeverFires(t TB, trs []Transition) {
	t.Helper()
	for _, tr := range trs {
		if tr.To == alarms.StateAlarm {
			t.Fatalf("alarm fired at %s: %s (transitions: %v)", tr.Time.UTC().Format(time.RFC3339), tr.Reason, trs)
		}
	}
}

// NeverFlaps asserts that no state lasted less than minDwell: between any two consecutive
// transitions at least minDwell passed. Use it to check that an alarm is stable under noise.
func NeverFlaps(t TB, trs []Transition, minDwell time.Duration) {
	t.Helper()
	for i := 1; i < len(trs); i++ {
		if d := trs[i].Time.Sub(trs[i-1].Time); d < minDwell {
			t.Fatalf("alarm flapped: %v then %v only %v later (minimum dwell %v)", trs[i-1], trs[i], d, minDwell)
		}
	}
}

// AtMostTransitions asserts that the timeline has at most n transitions.
func AtMostTransitions(t TB, trs []Transition, n int) {
	t.Helper()
	if len(trs) > n {
		t.Fatalf("%d transitions, want at most %d: %v", len(trs), n, trs)
	}
}
