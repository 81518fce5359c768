package alarms_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/watchsim/watchsim/alarms"
	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/metrics"
)

func bptr(v bool) *bool { return &v }

// TestMathAlarm: an error-rate alarm on 100*errors/requests evaluates the expression over the range.
func TestMathAlarm(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	fn, err := bus.NewLambdaFunction(e.b, "pager", func(context.Context, []byte) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	in := &alarms.PutMetricAlarmInput{AlarmName: "error-rate", EvaluationPeriods: 2, Threshold: f64(5),
		ComparisonOperator: alarms.GreaterThanThreshold, AlarmActions: []string{fn.ARN()},
		Metrics: []alarms.MetricDataQuery{
			{Id: "rate", Expression: "100*errors/requests", Label: "Error rate"},
			{Id: "errors", MetricStat: &alarms.MetricStat{Metric: alarms.Metric{Namespace: "App", MetricName: "Errors"}, Period: 60, Stat: "Sum"}, ReturnData: bptr(false)},
			{Id: "requests", MetricStat: &alarms.MetricStat{Metric: alarms.Metric{Namespace: "App", MetricName: "Requests"}, Period: 60, Stat: "Sum"}, ReturnData: bptr(false)},
		}}
	if _, err := e.s.PutMetricAlarm(ctx, in); err != nil {
		t.Fatal(err)
	}
	for m := 0; m < 4; m++ {
		errs := 1.0
		if m >= 2 {
			errs = 10 // 10% error rate
		}
		e.put(t, "Errors", e.b.Now(), errs)
		e.put(t, "Requests", e.b.Now(), 100)
		e.advance(t, time.Minute)
	}
	a := e.alarm(t, "error-rate")
	if a.StateValue != alarms.StateAlarm {
		t.Fatalf("state %s %q", a.StateValue, a.StateReason)
	}
	var rd map[string]any
	_ = json.Unmarshal([]byte(a.StateReasonData), &rd)
	if _, ok := rd["statistic"]; ok || rd["recentDatapoints"].([]any)[1] != 10.0 {
		t.Errorf("math reason data %s", a.StateReasonData)
	}
	inv := fn.Invocations()
	if len(inv) != 1 {
		t.Fatalf("%d lambda invocations", len(inv))
	}
	var payload struct {
		Source, AlarmArn, AccountID, Region string
		AlarmData                           struct {
			AlarmName     string
			State         struct{ Value string }
			PreviousState struct{ Value string }
			Configuration struct{ Metrics []map[string]any }
		}
	}
	if err := json.Unmarshal(inv[0].Payload, &payload); err != nil {
		t.Fatal(err)
	}
	if payload.Source != "aws.cloudwatch" || payload.AlarmData.AlarmName != "error-rate" || payload.AlarmData.State.Value != "ALARM" ||
		payload.AlarmData.PreviousState.Value != "OK" || len(payload.AlarmData.Configuration.Metrics) != 3 {
		t.Errorf("lambda payload %s", inv[0].Payload)
	}
	// A math alarm on a function watchsim does not simulate is refused, not accepted and ignored.
	bad := *in
	bad.AlarmName = "search"
	bad.Metrics = []alarms.MetricDataQuery{{Id: "s", Expression: "SEARCH('{App} Errors', 'Sum')", Period: 60}}
	if _, err := e.s.PutMetricAlarm(ctx, &bad); err == nil {
		t.Error("SEARCH alarm accepted")
	}
}

// TestPercentileLowSampleIgnore: with EvaluateLowSampleCountPercentile=ignore a p99 alarm keeps its
// state on a period with fewer than 1000 samples.
func TestPercentileLowSampleIgnore(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	in := &alarms.PutMetricAlarmInput{AlarmName: "p99", Namespace: "App", MetricName: "Latency", ExtendedStatistic: "p99",
		Period: 60, EvaluationPeriods: 1, Threshold: f64(100), ComparisonOperator: alarms.GreaterThanThreshold,
		EvaluateLowSampleCountPercentile: "ignore"}
	if _, err := e.s.PutMetricAlarm(ctx, in); err != nil {
		t.Fatal(err)
	}
	e.set(t, "p99", alarms.StateOK)
	e.put(t, "Latency", e.b.Now(), 500, 600, 700) // 3 samples < 1000
	e.advance(t, time.Minute)
	if a := e.alarm(t, "p99"); a.StateValue != alarms.StateOK {
		t.Errorf("low sample count changed the state: %s", a.StateValue)
	}
	in.EvaluateLowSampleCountPercentile = "evaluate"
	if _, err := e.s.PutMetricAlarm(ctx, in); err != nil {
		t.Fatal(err)
	}
	e.put(t, "Latency", e.b.Now(), 500, 600, 700)
	e.advance(t, time.Minute)
	if a := e.alarm(t, "p99"); a.StateValue != alarms.StateAlarm {
		t.Errorf("evaluate: %s", a.StateValue)
	}
	// Unit mismatch: data in Milliseconds, alarm in Seconds → no data.
	u := &alarms.PutMetricAlarmInput{AlarmName: "unit", Namespace: "App", MetricName: "Latency", Statistic: "Maximum", Unit: "Seconds",
		Period: 60, EvaluationPeriods: 1, Threshold: f64(1), ComparisonOperator: alarms.GreaterThanThreshold}
	if _, err := e.s.PutMetricAlarm(ctx, u); err != nil {
		t.Fatal(err)
	}
	v := 5000.0
	if _, err := e.ms.PutMetricData(ctx, &metrics.PutMetricDataInput{Namespace: "App", MetricData: []metrics.MetricDatum{{MetricName: "Latency", Value: &v, Unit: "Milliseconds"}}}); err != nil {
		t.Fatal(err)
	}
	e.advance(t, time.Minute)
	if a := e.alarm(t, "unit"); a.StateValue != alarms.StateInsufficientData {
		t.Errorf("unit mismatch: %s", a.StateValue)
	}
}

// TestAutoScalingActionRepeats: Auto Scaling actions are re-invoked every minute while the alarm
// stays in the state; other actions run once per transition.
func TestAutoScalingActionRepeats(t *testing.T) {
	e := newEnv(t)
	policy := "arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:1234:autoScalingGroupName/web:policyName/up"
	calls := 0
	if err := e.b.Register(policy, bus.SinkFunc(func(context.Context, bus.Payload) error { calls++; return nil })); err != nil {
		t.Fatal(err)
	}
	in := latencyAlarm("scale", policy)
	in.OKActions = nil
	in.EvaluationPeriods, in.DatapointsToAlarm = 1, nil
	if _, err := e.s.PutMetricAlarm(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	for m := 0; m < 5; m++ {
		e.put(t, "Latency", e.b.Now(), 500)
		e.advance(t, time.Minute)
	}
	// ALARM from minute 1; invoked at 1, 2, 3, 4, 5.
	if calls != 5 {
		t.Errorf("%d invocations in 5 minutes of ALARM", calls)
	}
	e.put(t, "Latency", e.b.Now(), 1)
	e.advance(t, 5*time.Minute)
	if calls != 5 {
		t.Errorf("invocations continued after leaving ALARM: %d", calls)
	}
}
