package alarms_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/watchsim/watchsim/alarms"
	"github.com/watchsim/watchsim/bus"
)

func (e *env) composite(t testing.TB, name string) alarms.CompositeAlarm {
	t.Helper()
	out, err := e.s.DescribeAlarms(context.Background(), &alarms.DescribeAlarmsInput{AlarmNames: []string{name},
		AlarmTypes: []alarms.AlarmType{alarms.CompositeAlarmType}})
	if err != nil || len(out.CompositeAlarms) != 1 {
		t.Fatalf("describe %s: %v", name, err)
	}
	return out.CompositeAlarms[0]
}

func (e *env) set(t testing.TB, name string, st alarms.StateValue) {
	t.Helper()
	if _, err := e.s.SetAlarmState(context.Background(), &alarms.SetAlarmStateInput{AlarmName: name, StateValue: st, StateReason: "test"}); err != nil {
		t.Fatal(err)
	}
}

type triggering struct {
	TriggeringAlarms []struct {
		Arn   string
		State struct{ Value, Timestamp string }
	}
}

func triggers(t testing.TB, data string) string {
	t.Helper()
	var tr triggering
	if err := json.Unmarshal([]byte(data), &tr); err != nil {
		t.Fatalf("reason data %q: %v", data, err)
	}
	var out []string
	for _, a := range tr.TriggeringAlarms {
		out = append(out, a.Arn[strings.LastIndex(a.Arn, ":")+1:]+":"+a.State.Value)
	}
	return strings.Join(out, ",")
}

// TestCompositeTV1 is TV-COMPOSITE-1 ([AWS-validated] test_trigger_composite_alarm).
func TestCompositeTV1(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	topic, _ := bus.NewSNSTopic(e.b, "c")
	for _, n := range []string{"a1", "a2"} {
		if _, err := e.s.PutMetricAlarm(ctx, latencyAlarm(n)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.s.PutCompositeAlarm(ctx, &alarms.PutCompositeAlarmInput{AlarmName: "c", AlarmRule: `ALARM("a1") OR ALARM("a2")`,
		AlarmActions: []string{topic.ARN()}, OKActions: []string{topic.ARN()}}); err != nil {
		t.Fatal(err)
	}
	c := e.composite(t, "c")
	if c.StateValue != alarms.StateOK || c.StateReason != c.AlarmArn+" was created and its alarm rule evaluates to OK" ||
		triggers(t, c.StateReasonData) != "a1:INSUFFICIENT_DATA,a2:INSUFFICIENT_DATA" {
		t.Fatalf("after creation: %s %q %s", c.StateValue, c.StateReason, c.StateReasonData)
	}
	steps := []struct {
		child    string
		st       alarms.StateValue
		want     alarms.StateValue
		triggers string
	}{
		{"a1", alarms.StateAlarm, alarms.StateAlarm, "a1:ALARM"},
		{"a1", alarms.StateOK, alarms.StateOK, "a1:OK"},
		{"a2", alarms.StateAlarm, alarms.StateAlarm, "a2:ALARM"},
		{"a2", alarms.StateOK, alarms.StateOK, "a2:OK"},
		{"a1", alarms.StateAlarm, alarms.StateAlarm, "a1:ALARM"},
		{"a2", alarms.StateAlarm, alarms.StateAlarm, "a1:ALARM"}, // no change: reason stays
	}
	for i, s := range steps {
		e.set(t, s.child, s.st)
		c := e.composite(t, "c")
		if c.StateValue != s.want || triggers(t, c.StateReasonData) != s.triggers {
			t.Errorf("step %d (%s→%s): %s %s", i, s.child, s.st, c.StateValue, c.StateReasonData)
		}
	}
	if c := e.composite(t, "c"); !strings.HasPrefix(c.StateReason, "arn:aws:cloudwatch:us-east-1:123456789012:alarm:a1 transitioned to ALARM at Thursday 1 January, 2026 00:00:00 UTC") {
		t.Errorf("reason %q", c.StateReason)
	}
	// Creation→OK, then ALARM, OK, ALARM, OK, ALARM: six transitions, six notifications.
	if n := len(topic.Messages()); n != 6 {
		t.Errorf("%d SNS messages", n)
	}
	var body map[string]any
	_ = json.Unmarshal([]byte(topic.Messages()[1].Message), &body)
	if body["AlarmRule"] != `ALARM("a1") OR ALARM("a2")` || body["TriggeringChildren"] == nil || body["Trigger"] != nil {
		t.Errorf("composite SNS body %s", topic.Messages()[1].Message)
	}
}

func TestCompositeCycleAndErrors(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	if _, err := e.s.PutCompositeAlarm(ctx, &alarms.PutCompositeAlarmInput{AlarmName: "x", AlarmRule: `ALARM(missing)`}); err == nil ||
		!strings.Contains(err.Error(), "Could not find alarm missing") {
		t.Errorf("unknown child: %v", err)
	}
	if _, err := e.s.PutCompositeAlarm(ctx, &alarms.PutCompositeAlarmInput{AlarmName: "a", AlarmRule: `FALSE`}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.s.PutCompositeAlarm(ctx, &alarms.PutCompositeAlarmInput{AlarmName: "b", AlarmRule: `NOT ALARM(a)`}); err != nil {
		t.Fatal(err)
	}
	// Close the cycle a → b → a: accepted; evaluation stops at the cycle instead of looping.
	if _, err := e.s.PutCompositeAlarm(ctx, &alarms.PutCompositeAlarmInput{AlarmName: "a", AlarmRule: `ALARM(b)`}); err != nil {
		t.Fatal(err)
	}
	// a is on the cycle now, so it is not evaluated: it keeps OK (from FALSE) and b keeps ALARM.
	if a, b := e.composite(t, "a"), e.composite(t, "b"); a.StateValue != alarms.StateOK || b.StateValue != alarms.StateAlarm {
		t.Errorf("cycle: a=%s b=%s", a.StateValue, b.StateValue)
	}
	// Alarms in a cycle cannot be deleted until the rule is changed.
	if _, err := e.s.DeleteAlarms(ctx, &alarms.DeleteAlarmsInput{AlarmNames: []string{"a"}}); err == nil {
		t.Error("deleted an alarm in a cycle")
	}
	if _, err := e.s.DeleteAlarms(ctx, &alarms.DeleteAlarmsInput{AlarmNames: []string{"a", "b"}}); err == nil {
		t.Error("deleted two composites in one call")
	}
	if _, err := e.s.PutCompositeAlarm(ctx, &alarms.PutCompositeAlarmInput{AlarmName: "a", AlarmRule: `FALSE`}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.s.DeleteAlarms(ctx, &alarms.DeleteAlarmsInput{AlarmNames: []string{"b"}}); err != nil {
		t.Error(err)
	}
	if _, err := e.s.PutMetricAlarm(ctx, latencyAlarm("a")); err == nil {
		t.Error("metric alarm with a composite's name accepted")
	}
}

// suppressEnv builds TV-SUPPRESS: composite c = ALARM(x) with suppressor s; x and s are composite
// alarms with rule FALSE whose states the test forces (forced composite states persist).
func suppressEnv(t *testing.T, suppressorAlarm bool) (*env, *bus.SNSTopic, time.Time) {
	e := newEnv(t)
	ctx := context.Background()
	topic, _ := bus.NewSNSTopic(e.b, "c")
	for _, n := range []string{"x", "s"} {
		if _, err := e.s.PutCompositeAlarm(ctx, &alarms.PutCompositeAlarmInput{AlarmName: n, AlarmRule: "FALSE"}); err != nil {
			t.Fatal(err)
		}
	}
	if suppressorAlarm {
		e.set(t, "s", alarms.StateAlarm)
	}
	if _, err := e.s.PutCompositeAlarm(ctx, &alarms.PutCompositeAlarmInput{AlarmName: "c", AlarmRule: "ALARM(x)",
		AlarmActions: []string{topic.ARN()}, OKActions: []string{topic.ARN()}, ActionsSuppressor: "s",
		ActionsSuppressorWaitPeriod: i32(120), ActionsSuppressorExtensionPeriod: i32(180)}); err != nil {
		t.Fatal(err)
	}
	e.advance(t, 10*time.Minute) // let the creation transition's WaitPeriod pass
	return e, topic, e.b.Now()
}

func newStates(topic *bus.SNSTopic, since int) string {
	var out []string
	for _, m := range topic.Messages()[since:] {
		var body struct{ NewStateValue string }
		_ = json.Unmarshal([]byte(m.Message), &body)
		out = append(out, body.NewStateValue)
	}
	return strings.Join(out, ",")
}

// TestSuppressorTV is TV-SUPPRESS ([UG:Create_Composite_Alarm] examples; W = 2 min, E = 3 min).
func TestSuppressorTV(t *testing.T) {
	min := time.Minute
	t.Run("S1", func(t *testing.T) {
		e, topic, _ := suppressEnv(t, false)
		n := len(topic.Messages())
		e.set(t, "x", alarms.StateAlarm)
		if c := e.composite(t, "c"); c.ActionsSuppressedBy != alarms.SuppressedByWaitPeriod || c.ActionsSuppressedReason != "Actions suppressed by WaitPeriod" {
			t.Errorf("suppressed by %q %q", c.ActionsSuppressedBy, c.ActionsSuppressedReason)
		}
		e.advance(t, min)
		if got := newStates(topic, n); got != "" {
			t.Errorf("during W: %s", got)
		}
		e.advance(t, min)
		if got := newStates(topic, n); got != "ALARM" {
			t.Errorf("at end of W: %q", got)
		}
		if c := e.composite(t, "c"); c.ActionsSuppressedBy != "" {
			t.Errorf("still suppressed by %s", c.ActionsSuppressedBy)
		}
	})
	t.Run("S2", func(t *testing.T) {
		e, topic, _ := suppressEnv(t, false)
		n := len(topic.Messages())
		e.set(t, "x", alarms.StateAlarm)
		e.advance(t, min)
		e.set(t, "s", alarms.StateAlarm)
		e.advance(t, 30*min)
		if got := newStates(topic, n); got != "" || e.composite(t, "c").ActionsSuppressedBy != alarms.SuppressedByAlarm {
			t.Errorf("suppressor in ALARM: %q %s", got, e.composite(t, "c").ActionsSuppressedBy)
		}
	})
	t.Run("S3", func(t *testing.T) {
		e, topic, _ := suppressEnv(t, false)
		n := len(topic.Messages())
		e.set(t, "x", alarms.StateAlarm)
		e.advance(t, min)
		e.set(t, "x", alarms.StateOK)
		e.advance(t, min) // the first W would have ended here
		if got := newStates(topic, n); got != "" {
			t.Errorf("first W not discarded: %q", got)
		}
		e.advance(t, min)
		if got := newStates(topic, n); got != "OK" {
			t.Errorf("end of new W: %q (ALARM actions must never run)", got)
		}
	})
	t.Run("S4", func(t *testing.T) {
		e, topic, _ := suppressEnv(t, true)
		n := len(topic.Messages())
		e.set(t, "x", alarms.StateAlarm)
		e.advance(t, 10*min)
		if got := newStates(topic, n); got != "" || e.composite(t, "c").ActionsSuppressedBy != alarms.SuppressedByAlarm {
			t.Errorf("S4: %q", got)
		}
	})
	t.Run("S5", func(t *testing.T) {
		e, topic, _ := suppressEnv(t, false)
		n := len(topic.Messages())
		e.set(t, "x", alarms.StateAlarm)
		e.advance(t, min)
		e.set(t, "s", alarms.StateAlarm)
		e.advance(t, 3*min)
		e.set(t, "s", alarms.StateOK)
		if c := e.composite(t, "c"); c.ActionsSuppressedBy != alarms.SuppressedByExtensionPeriod {
			t.Errorf("after suppressor OK: %s", c.ActionsSuppressedBy)
		}
		e.advance(t, 2*min)
		if got := newStates(topic, n); got != "" {
			t.Errorf("during E: %q", got)
		}
		e.advance(t, min)
		if got := newStates(topic, n); got != "ALARM" {
			t.Errorf("end of E: %q", got)
		}
	})
	t.Run("S6", func(t *testing.T) {
		e, topic, _ := suppressEnv(t, false)
		n := len(topic.Messages())
		e.set(t, "x", alarms.StateAlarm)
		e.advance(t, min)
		e.set(t, "s", alarms.StateAlarm)
		e.advance(t, 3*min)
		e.set(t, "s", alarms.StateOK) // E = [t6, t9]
		e.advance(t, min)
		e.set(t, "x", alarms.StateOK) // t7: E discarded, W = [t7, t9]
		e.advance(t, min)
		if got := newStates(topic, n); got != "" {
			t.Errorf("during W: %q", got)
		}
		e.advance(t, min)
		if got := newStates(topic, n); got != "OK" {
			t.Errorf("end of W: %q", got)
		}
	})
}
