package alarms_test

import (
	"context"
	"testing"
	"time"

	"github.com/watchsim/watchsim/alarms"
)

// TestHistoryRetentionKeepsWindow: over three days of transitions with one day of retention,
// DescribeAlarmHistory returns exactly the entries of the last day that a service keeping
// everything returns, whatever compaction the service has done underneath (expired entries are
// dropped in batches, not with one copy of the history per new entry).
func TestHistoryRetentionKeepsWindow(t *testing.T) {
	run := func(retention time.Duration) (*env, []alarms.AlarmHistoryItem) {
		e := newEnv(t, alarms.WithHistoryRetention(retention))
		ctx := context.Background()
		th := 1.0
		if _, err := e.s.PutMetricAlarm(ctx, &alarms.PutMetricAlarmInput{AlarmName: "a", Namespace: "App", MetricName: "m",
			Statistic: "Sum", Period: 60, EvaluationPeriods: 1, Threshold: &th, ComparisonOperator: "GreaterThanThreshold"}); err != nil {
			t.Fatal(err)
		}
		states := []alarms.StateValue{"ALARM", "OK"}
		for i := 0; i < 3*24*6; i++ { // a state change every 10 minutes for 3 days
			if _, err := e.s.SetAlarmState(ctx, &alarms.SetAlarmStateInput{AlarmName: "a", StateValue: states[i%2], StateReason: "test"}); err != nil {
				t.Fatal(err)
			}
			e.advance(t, 10*time.Minute)
		}
		var got []alarms.AlarmHistoryItem
		token := ""
		for {
			out, err := e.s.DescribeAlarmHistory(ctx, &alarms.DescribeAlarmHistoryInput{AlarmName: "a", NextToken: token})
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, out.AlarmHistoryItems...)
			if token = out.NextToken; token == "" {
				return e, got
			}
		}
	}
	e, kept := run(24 * time.Hour)
	_, all := run(100 * 24 * time.Hour)
	cut := e.b.Now().Add(-24 * time.Hour)
	var want []alarms.AlarmHistoryItem
	for _, it := range all {
		if !it.Timestamp.Before(cut) {
			want = append(want, it)
		}
	}
	if len(kept) != len(want) || len(want) < 100 {
		t.Fatalf("%d entries within one day of retention, want %d", len(kept), len(want))
	}
	for i := range want {
		if !kept[i].Timestamp.Equal(want[i].Timestamp) || kept[i].HistorySummary != want[i].HistorySummary {
			t.Fatalf("entry %d: %+v, want %+v", i, kept[i], want[i])
		}
	}
}
