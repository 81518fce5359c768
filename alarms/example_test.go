package alarms_test

import (
	"context"
	"fmt"
	"time"

	"github.com/watchsim/watchsim/alarms"
	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/metrics"
)

// The pure evaluator reproduces the documented table cells: here TV-MISS-A row A5, "- - X - -" with
// N = M = 3 and TreatMissingData=missing, goes to ALARM under the premature-alarm rule.
func ExampleEvaluate() {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	def := &alarms.Definition{Namespace: "App", Statistic: "Average", Period: 60, EvaluationPeriods: 3,
		Threshold: 10, ComparisonOperator: alarms.GreaterThanThreshold, TreatMissingData: alarms.TreatMissing}
	buckets := []alarms.Bucket{
		{Start: now.Add(-5 * time.Minute), Missing: true},
		{Start: now.Add(-4 * time.Minute), Missing: true},
		{Start: now.Add(-3 * time.Minute), Value: 42, SampleCount: 1},
		{Start: now.Add(-2 * time.Minute), Missing: true},
		{Start: now.Add(-1 * time.Minute), Missing: true},
	}
	r := alarms.Evaluate(def, buckets, alarms.StateOK, now)
	fmt.Println(r.State, r.Outcome)
	fmt.Println(r.Reason())
	// Output:
	// ALARM Premature
	// Threshold Crossed: 1 out of the last 3 datapoints [42.0 (01/01/26 11:57:00)] was greater than the threshold (10.0) (minimum 3 datapoints for OK -> ALARM transition).
}

func ExampleParseRule() {
	rule, err := alarms.ParseRule(`ALARM("api-errors") AND NOT ALARM(maintenance)`)
	if err != nil {
		panic(err)
	}
	states := map[string]alarms.StateValue{"api-errors": alarms.StateAlarm, "maintenance": alarms.StateOK}
	fmt.Println(rule.Refs(), rule.Eval(func(ref string) alarms.StateValue { return states[ref] }))

	_, err = alarms.ParseRule(`ALARM(a) AND (OK(b)`)
	fmt.Println(err)
	// Output:
	// [api-errors maintenance] true
	// ValidationError: Error in AlarmRule [Unexpected end of rule at char 19, must be: ')']
}

// A latency alarm on a simulator: data goes in through the metrics service, time advances, the alarm
// fires and notifies its SNS topic.
func ExampleService() {
	ctx := context.Background()
	b := bus.MustNew()
	ms, _ := metrics.New(b)
	s, _ := alarms.New(b, ms)
	topic, _ := bus.NewSNSTopic(b, "oncall")

	threshold := 500.0
	_, err := s.PutMetricAlarm(ctx, &alarms.PutMetricAlarmInput{
		AlarmName: "api-latency", Namespace: "App", MetricName: "Latency", ExtendedStatistic: "p99",
		Period: 60, EvaluationPeriods: 1, Threshold: &threshold, ComparisonOperator: alarms.GreaterThanThreshold,
		AlarmActions: []string{topic.ARN()},
	})
	if err != nil {
		panic(err)
	}
	for minute := 0; minute < 5; minute++ {
		v := 120.0
		if minute >= 3 {
			v = 2000 // outage
		}
		_, _ = ms.PutMetricData(ctx, &metrics.PutMetricDataInput{Namespace: "App",
			MetricData: []metrics.MetricDatum{{MetricName: "Latency", Value: &v}}})
		_ = b.Advance(time.Minute)
	}
	out, _ := s.DescribeAlarms(ctx, &alarms.DescribeAlarmsInput{AlarmNames: []string{"api-latency"}})
	a := out.MetricAlarms[0]
	fmt.Println(a.StateValue, a.StateTransitionedTimestamp.Format(time.TimeOnly))
	fmt.Println(len(topic.Messages()), topic.Messages()[0].Subject)
	// Output:
	// ALARM 00:04:00
	// 1 ALARM: "api-latency" in US East (N. Virginia)
}
