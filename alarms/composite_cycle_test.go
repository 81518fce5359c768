package alarms_test

import (
	"context"
	"fmt"
	"testing"

	"pgregory.net/rapid"

	"github.com/watchsim/watchsim/alarms"
	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/metrics"
)

// fataler is what the helpers need of *testing.T and *rapid.T.
type fataler interface {
	Helper()
	Fatal(args ...any)
	Fatalf(format string, args ...any)
}

func (e *env) putComposite(t fataler, name, rule string) {
	t.Helper()
	if _, err := e.s.PutCompositeAlarm(context.Background(), &alarms.PutCompositeAlarmInput{AlarmName: name, AlarmRule: rule}); err != nil {
		t.Fatalf("PutCompositeAlarm %s %q: %v", name, rule, err)
	}
}

func (e *env) setState(t fataler, name string, st alarms.StateValue) {
	t.Helper()
	if _, err := e.s.SetAlarmState(context.Background(), &alarms.SetAlarmStateInput{AlarmName: name, StateValue: st, StateReason: "test"}); err != nil {
		t.Fatal(err)
	}
}

func (e *env) state(t fataler, name string) alarms.StateValue {
	t.Helper()
	out, err := e.s.DescribeAlarms(context.Background(), &alarms.DescribeAlarmsInput{AlarmNames: []string{name},
		AlarmTypes: []alarms.AlarmType{alarms.CompositeAlarmType, alarms.MetricAlarmType}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range out.CompositeAlarms {
		return c.StateValue
	}
	for _, m := range out.MetricAlarms {
		return m.StateValue
	}
	t.Fatalf("no alarm %s", name)
	return ""
}

// TestCompositeCycles: AWS accepts cycles, stops evaluating the composites on them ("the evaluation
// of composite alarms stops if CloudWatch detects a cycle in the evaluation path", DeleteAlarms API
// reference) and refuses to delete an alarm on a cycle until a rule changes. Every case must
// terminate; the composites on the cycle keep their states, SetAlarmState still sets them, and a
// composite that only reads a cycle keeps evaluating.
func TestCompositeCycles(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name string
		// build creates the alarms and closes the cycle; after it the test sets m (a metric alarm
		// every case has) to ALARM and checks the states.
		build func(t *testing.T, e *env)
		want  map[string]alarms.StateValue
		// stuck lists alarms DeleteAlarms must refuse; freeTo breaks the cycle (alarm → new rule).
		stuck  []string
		freeTo [2]string
	}{
		{
			name: "self reference",
			build: func(t *testing.T, e *env) {
				e.putComposite(t, "a", `ALARM(m)`)
				e.putComposite(t, "a", `ALARM(m) OR ALARM(a)`)
			},
			// a evaluated to OK at creation; on the cycle it is no longer evaluated when m changes.
			want:  map[string]alarms.StateValue{"a": alarms.StateOK},
			stuck: []string{"a"}, freeTo: [2]string{"a", "FALSE"},
		},
		{
			name: "a → b → a",
			build: func(t *testing.T, e *env) {
				e.putComposite(t, "a", `ALARM(m)`)
				e.putComposite(t, "b", `ALARM(a)`)
				e.putComposite(t, "a", `ALARM(m) OR ALARM(b)`)
			},
			want:  map[string]alarms.StateValue{"a": alarms.StateOK, "b": alarms.StateOK},
			stuck: []string{"a", "b"}, freeTo: [2]string{"a", "FALSE"},
		},
		{
			name: "three-cycle with a reader outside it",
			build: func(t *testing.T, e *env) {
				e.putComposite(t, "a", `ALARM(m)`)
				e.putComposite(t, "b", `ALARM(a)`)
				e.putComposite(t, "c", `ALARM(b)`)
				e.putComposite(t, "reader", `ALARM(m) AND NOT ALARM(c)`)
				e.putComposite(t, "a", `ALARM(m) OR ALARM(c)`)
			},
			// reader is not on the cycle: it evaluates (m ALARM, c frozen OK → ALARM).
			want:  map[string]alarms.StateValue{"a": alarms.StateOK, "b": alarms.StateOK, "c": alarms.StateOK, "reader": alarms.StateAlarm},
			stuck: []string{"a", "b", "c"}, freeTo: [2]string{"b", "FALSE"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			if _, err := e.s.PutMetricAlarm(ctx, latencyAlarm("m")); err != nil {
				t.Fatal(err)
			}
			e.set(t, "m", alarms.StateOK)
			tc.build(t, e)
			e.set(t, "m", alarms.StateAlarm)
			for name, want := range tc.want {
				if got := e.state(t, name); got != want {
					t.Errorf("%s = %s, want %s", name, got, want)
				}
			}
			for _, name := range tc.stuck {
				_, err := e.s.DeleteAlarms(ctx, &alarms.DeleteAlarmsInput{AlarmNames: []string{name}})
				if bus.ErrorCode(err) != "ResourceConflict" {
					t.Errorf("DeleteAlarms(%s) on a cycle: %v", name, err)
				}
			}
			// SetAlarmState still sets an alarm on the cycle, and nothing loops.
			e.set(t, tc.stuck[0], alarms.StateAlarm)
			if got := e.state(t, tc.stuck[0]); got != alarms.StateAlarm {
				t.Errorf("SetAlarmState on the cycle: %s", got)
			}
			// Breaking the cycle makes the changed alarm evaluate again and lets it be deleted when
			// nothing else references it.
			e.putComposite(t, tc.freeTo[0], tc.freeTo[1])
			if got := e.state(t, tc.freeTo[0]); got != alarms.StateOK {
				t.Errorf("%s after %s: %s", tc.freeTo[0], tc.freeTo[1], got)
			}
		})
	}
}

// TestCompositeCyclesTerminate: random composite graphs over three metric alarms, with random rule
// changes and SetAlarmState calls, always terminate; a composite on a cycle changes state only by
// SetAlarmState; every other composite's state is its rule's value (once evaluated).
func TestCompositeCyclesTerminate(t *testing.T) {
	ctx := context.Background()
	rapid.Check(t, func(rt *rapid.T) {
		b := bus.MustNew()
		ms, err := metrics.New(b)
		if err != nil {
			rt.Fatal(err)
		}
		as, err := alarms.New(b, ms)
		if err != nil {
			rt.Fatal(err)
		}
		e := &env{b, ms, as}
		metricNames := []string{"m0", "m1", "m2"}
		for _, m := range metricNames {
			if _, err := e.s.PutMetricAlarm(ctx, latencyAlarm(m)); err != nil {
				rt.Fatal(err)
			}
		}
		const n = 4
		comps := make([]string, n)
		for i := range comps {
			comps[i] = fmt.Sprintf("c%d", i)
			e.putComposite(rt, comps[i], `ALARM(m0)`)
		}
		rules := map[string][]string{}
		steps := rapid.IntRange(1, 25).Draw(rt, "steps")
		for range steps {
			if rapid.Bool().Draw(rt, "rule change") {
				c := rapid.SampledFrom(comps).Draw(rt, "composite")
				refs := rapid.SliceOfNDistinct(rapid.SampledFrom(append(append([]string{}, comps...), metricNames...)), 1, 3, rapid.ID[string]).Draw(rt, "refs")
				rule := ""
				for i, r := range refs {
					if i > 0 {
						rule += " OR "
					}
					rule += "ALARM(" + r + ")"
				}
				before := e.state(rt, c)
				rules[c] = refs
				e.putComposite(rt, c, rule)
				if onCycle(rules, c) && e.state(rt, c) != before {
					rt.Fatalf("%s on a cycle changed state on a rule change", c)
				}
				continue
			}
			target := rapid.SampledFrom(append(append([]string{}, metricNames...), comps...)).Draw(rt, "target")
			st := rapid.SampledFrom([]alarms.StateValue{alarms.StateOK, alarms.StateAlarm}).Draw(rt, "state")
			frozen := map[string]alarms.StateValue{}
			for _, c := range comps {
				if c != target && onCycle(rules, c) {
					frozen[c] = e.state(rt, c)
				}
			}
			e.setState(rt, target, st)
			for c, was := range frozen {
				if got := e.state(rt, c); got != was {
					rt.Fatalf("%s on a cycle changed %s → %s after SetAlarmState(%s)", c, was, got, target)
				}
			}
		}
	})
}

// onCycle reports whether composite c reaches itself through the rules (the test's model).
func onCycle(rules map[string][]string, c string) bool {
	seen := map[string]bool{}
	stack := append([]string(nil), rules[c]...)
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if x == c {
			return true
		}
		if !seen[x] {
			seen[x] = true
			stack = append(stack, rules[x]...)
		}
	}
	return false
}
