package alarmstest_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/watchsim/watchsim/alarms"
	"github.com/watchsim/watchsim/alarms/alarmstest"
	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/metrics"
)

// fakeTB records Fatalf instead of stopping the test.
type fakeTB struct{ failed []string }

func (f *fakeTB) Helper() {}
func (f *fakeTB) Fatalf(format string, args ...any) {
	f.failed = append(f.failed, fmt.Sprintf(format, args...))
}

var t0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func at(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }

func TestAssertions(t *testing.T) {
	trs := []alarmstest.Transition{
		{Time: at(1), From: alarms.StateInsufficientData, To: alarms.StateOK},
		{Time: at(10), From: alarms.StateOK, To: alarms.StateAlarm},
		{Time: at(11), From: alarms.StateAlarm, To: alarms.StateOK},
	}
	cases := []struct {
		name string
		run  func(alarmstest.TB)
		fail bool
	}{
		{"fires within 5m of 6", func(tb alarmstest.TB) { alarmstest.FiresWithin(tb, trs, at(6), 5*time.Minute) }, false},
		{"not within 3m of 6", func(tb alarmstest.TB) { alarmstest.FiresWithin(tb, trs, at(6), 3*time.Minute) }, true},
		{"already in alarm at 10:30", func(tb alarmstest.TB) { alarmstest.FiresWithin(tb, trs, at(10).Add(30*time.Second), 0) }, false},
		{"never fires", func(tb alarmstest.TB) { alarmstest.NeverFires(tb, trs) }, true},
		{"never fires before 10", func(tb alarmstest.TB) { alarmstest.NeverFires(tb, trs[:1]) }, false},
		{"flaps within 2m", func(tb alarmstest.TB) { alarmstest.NeverFlaps(tb, trs, 2*time.Minute) }, true},
		{"no flap at 1m dwell", func(tb alarmstest.TB) { alarmstest.NeverFlaps(tb, trs, time.Minute) }, false},
		{"at most 2", func(tb alarmstest.TB) { alarmstest.AtMostTransitions(tb, trs, 2) }, true},
	}
	for _, c := range cases {
		var f fakeTB
		c.run(&f)
		if (len(f.failed) > 0) != c.fail {
			t.Errorf("%s: failures %v, want fail=%v", c.name, f.failed, c.fail)
		}
	}
	if alarmstest.StateAt(trs, at(10)) != alarms.StateAlarm || alarmstest.StateAt(trs, at(0)) != alarms.StateInsufficientData {
		t.Error("StateAt")
	}
}

func TestCmpOptions(t *testing.T) {
	a := alarms.MetricAlarm{AlarmName: "x", StateValue: alarms.StateOK, StateReason: "one", StateUpdatedTimestamp: at(1), Period: 60}
	b := alarms.MetricAlarm{AlarmName: "x", StateValue: alarms.StateOK, StateReason: "two", StateUpdatedTimestamp: at(2), Period: 300}
	if cmp.Equal(a, b) || !cmp.Equal(a, b, alarmstest.StateOnly()) {
		t.Error("StateOnly")
	}
	b.Period = 60
	if cmp.Equal(a, b, alarmstest.IgnoreReasonText()) || !cmp.Equal(a, b, alarmstest.IgnoreReasonText(), alarmstest.IgnoreTimestamps()) {
		t.Error("IgnoreReasonText/IgnoreTimestamps")
	}
	b.StateReason = "one"
	if !cmp.Equal(a, b, alarmstest.EquateTimesWithin(time.Minute)) || cmp.Equal(a, b, alarmstest.EquateTimesWithin(time.Second)) {
		t.Error("EquateTimesWithin")
	}
	b.StateValue = alarms.StateAlarm
	if cmp.Equal(a, b, alarmstest.StateOnly()) {
		t.Error("StateOnly must compare states")
	}
	h1 := []alarms.AlarmHistoryItem{{AlarmName: "b", Timestamp: at(1)}, {AlarmName: "a", Timestamp: at(1)}}
	h2 := []alarms.AlarmHistoryItem{{AlarmName: "a", Timestamp: at(1)}, {AlarmName: "b", Timestamp: at(1)}}
	if cmp.Equal(h1, h2) || !cmp.Equal(h1, h2, alarmstest.SortHistory()) {
		t.Error("SortHistory")
	}
}

func TestGenerators(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := alarmstest.Definition().Draw(t, "def")
		if d.DatapointsToAlarm < 1 || d.DatapointsToAlarm > d.EvaluationPeriods || d.ComparisonOperator.IsBand() {
			t.Fatalf("bad definition %+v", d)
		}
		in := alarmstest.PutMetricAlarmInput("a", "m").Draw(t, "in")
		b := bus.MustNew()
		ms, _ := metrics.New(b)
		svc, _ := alarms.New(b, ms)
		if _, err := svc.PutMetricAlarm(context.Background(), in); err != nil {
			t.Fatalf("generated input rejected: %v", err)
		}
		s := alarmstest.Series(alarmstest.SeriesOptions{Start: t0, Step: time.Minute, Count: 50, MaxGaps: 3, MaxGapLen: 5}).Draw(t, "s")
		if len(s) > 50 || len(s) < 50-15 {
			t.Fatalf("%d samples", len(s))
		}
		for i := 1; i < len(s); i++ {
			if !s[i].Time.After(s[i-1].Time) {
				t.Fatal("series not increasing")
			}
		}
		bs := alarmstest.Buckets(5, time.Minute, t0).Draw(t, "b")
		if len(bs) != 5 || !bs[4].Start.Equal(t0.Add(-time.Minute)) {
			t.Fatalf("buckets %+v", bs)
		}
	})
}
