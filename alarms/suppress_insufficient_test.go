package alarms_test

import (
	"context"
	"testing"
	"time"

	"github.com/watchsim/watchsim/alarms"
	"github.com/watchsim/watchsim/bus"
)

// TestSuppressorInsufficientData: a composite's actions are suppressed only while its
// ActionsSuppressor is in ALARM ([API] PutCompositeAlarm, ActionsSuppressor: "actions are
// suppressed ... when the suppressor alarm is in the ALARM state"). A suppressor in
// INSUFFICIENT_DATA suppresses nothing and starts nothing; only leaving ALARM starts an
// ExtensionPeriod.
func TestSuppressorInsufficientData(t *testing.T) {
	min := time.Minute
	t.Run("no WaitPeriod: actions run at once", func(t *testing.T) {
		e := newEnv(t)
		ctx := context.Background()
		topic, _ := bus.NewSNSTopic(e.b, "c")
		for _, n := range []string{"x", "s"} {
			e.putComposite(t, n, "FALSE")
		}
		if _, err := e.s.PutCompositeAlarm(ctx, &alarms.PutCompositeAlarmInput{AlarmName: "c", AlarmRule: "ALARM(x)",
			AlarmActions: []string{topic.ARN()}, OKActions: []string{topic.ARN()}, ActionsSuppressor: "s",
			ActionsSuppressorWaitPeriod: i32(0), ActionsSuppressorExtensionPeriod: i32(180)}); err != nil {
			t.Fatal(err)
		}
		e.set(t, "s", alarms.StateInsufficientData)
		n := len(topic.Messages())
		e.set(t, "x", alarms.StateAlarm)
		if got := newStates(topic, n); got != "ALARM" {
			t.Errorf("suppressor INSUFFICIENT_DATA suppressed the actions: %q", got)
		}
		if c := e.composite(t, "c"); c.ActionsSuppressedBy != "" {
			t.Errorf("suppressed by %q", c.ActionsSuppressedBy)
		}
	})
	t.Run("WaitPeriod runs out while the suppressor is INSUFFICIENT_DATA", func(t *testing.T) {
		e, topic, _ := suppressEnv(t, false)
		n := len(topic.Messages())
		e.set(t, "x", alarms.StateAlarm) // W = 2 min
		e.advance(t, min)
		e.set(t, "s", alarms.StateInsufficientData)
		if c := e.composite(t, "c"); c.ActionsSuppressedBy != alarms.SuppressedByWaitPeriod {
			t.Errorf("suppressor OK → INSUFFICIENT_DATA changed the suppression to %q", c.ActionsSuppressedBy)
		}
		e.advance(t, min)
		if got := newStates(topic, n); got != "ALARM" {
			t.Errorf("end of W with the suppressor INSUFFICIENT_DATA: %q", got)
		}
		if c := e.composite(t, "c"); c.ActionsSuppressedBy != "" {
			t.Errorf("still suppressed by %q", c.ActionsSuppressedBy)
		}
	})
	t.Run("INSUFFICIENT_DATA → OK starts no ExtensionPeriod", func(t *testing.T) {
		e, topic, _ := suppressEnv(t, false)
		e.set(t, "s", alarms.StateInsufficientData)
		e.set(t, "s", alarms.StateOK)
		if c := e.composite(t, "c"); c.ActionsSuppressedBy != "" {
			t.Errorf("suppressor INSUFFICIENT_DATA → OK started %q", c.ActionsSuppressedBy)
		}
		_ = topic
	})
	t.Run("ALARM → INSUFFICIENT_DATA starts the ExtensionPeriod", func(t *testing.T) {
		e, topic, _ := suppressEnv(t, true)
		n := len(topic.Messages())
		e.set(t, "x", alarms.StateAlarm) // suppressed by Alarm
		e.set(t, "s", alarms.StateInsufficientData)
		if c := e.composite(t, "c"); c.ActionsSuppressedBy != alarms.SuppressedByExtensionPeriod {
			t.Errorf("suppressor ALARM → INSUFFICIENT_DATA: %q", c.ActionsSuppressedBy)
		}
		e.advance(t, 2*min)
		e.set(t, "s", alarms.StateOK) // not from ALARM: the running E is unchanged
		e.advance(t, min)
		if got := newStates(topic, n); got != "ALARM" {
			t.Errorf("end of E (3 min after leaving ALARM): %q", got)
		}
	})
}
