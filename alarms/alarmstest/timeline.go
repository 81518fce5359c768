package alarmstest

import (
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/watchsim/watchsim/alarms"
)

// Transition is one state change of an alarm on a timeline.
type Transition struct {
	// Time is the evaluation time at which the state changed.
	Time     time.Time
	From, To alarms.StateValue
	// Reason is the StateReason AWS would write.
	Reason string
}

// String formats the transition for failure messages.
func (tr Transition) String() string {
	return fmt.Sprintf("%s %s -> %s", tr.Time.UTC().Format(time.RFC3339), tr.From, tr.To)
}

// Timeline evaluates def at every evaluation tick in [start, end] (every minute, or every 10 s for
// high-resolution periods; ticks on whole minutes / 10 s) over the raw samples, starting from
// INSUFFICIENT_DATA as a new alarm does, and returns the transitions. It is the simulator's
// evaluation loop without the simulator: no bus, no metric store, no clock. cfg may be nil.
func Timeline(cfg *alarms.Config, def alarms.Definition, samples []alarms.Sample, start, end time.Time) ([]Transition, error) {
	step := alarms.EvaluationInterval(def.Period)
	t := start.Truncate(step)
	if t.Before(start) {
		t = t.Add(step)
	}
	sorted := slices.Clone(samples)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Time.Before(sorted[j].Time) })
	span := time.Duration(cfg.K(&def)) * time.Duration(def.Period) * time.Second
	state := alarms.StateInsufficientData
	var out []Transition
	var bs []alarms.Bucket
	for ; !t.After(end); t = t.Add(step) {
		// Only the samples inside the evaluation range matter.
		rangeEnd := alarms.RangeEnd(def.Period, t)
		lo := sort.Search(len(sorted), func(i int) bool { return !sorted[i].Time.Before(rangeEnd.Add(-span)) })
		hi := sort.Search(len(sorted), func(i int) bool { return !sorted[i].Time.Before(rangeEnd) })
		var err error
		bs, err = cfg.BucketsFromSamples(bs, &def, sorted[lo:hi], t)
		if err != nil {
			return nil, err
		}
		r := cfg.Evaluate(&def, bs, state, t)
		if r.Changed() {
			out = append(out, Transition{Time: t, From: state, To: r.State, Reason: r.Reason()})
			state = r.State
		}
	}
	return out, nil
}

// StateAt returns the state at time t given the transitions of a timeline that started in
// INSUFFICIENT_DATA (a transition at exactly t counts).
func StateAt(trs []Transition, t time.Time) alarms.StateValue {
	s := alarms.StateInsufficientData
	for _, tr := range trs {
		if tr.Time.After(t) {
			break
		}
		s = tr.To
	}
	return s
}
