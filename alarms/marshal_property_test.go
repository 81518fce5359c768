package alarms_test

import (
	"context"
	"encoding/json"
	"math"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/watchsim/watchsim/alarms"
	"github.com/watchsim/watchsim/alarms/alarmstest"
	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/metrics"
)

// awkwardFloat draws ordinary values, values at and past AWS's ±2^360 range, and NaN/±Inf.
func awkwardFloat() *rapid.Generator[float64] {
	return rapid.OneOf(
		rapid.Float64Range(-1000, 1000),
		rapid.Float64(),
		rapid.SampledFrom([]float64{math.NaN(), math.Inf(1), math.Inf(-1), math.Ldexp(1, 360), -math.Ldexp(1, 361), math.MaxFloat64, 5e-324}),
	)
}

// awkwardString draws short names, including ones that are not UTF-8 or hold control characters.
func awkwardString() *rapid.Generator[string] {
	return rapid.OneOf(rapid.SampledFrom([]string{"Latency", "é", "a\xff", "\x00", "a b", `"q"`}), rapid.StringN(1, 8, -1))
}

// TestOutputsAlwaysMarshal: whatever the inputs — NaN and infinite thresholds and values, names that
// are not UTF-8 — every output the metrics and alarms services return, and every API-call record
// the bus publishes for their calls (accepted or refused), marshals with encoding/json.
func TestOutputsAlwaysMarshal(t *testing.T) {
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
		var bad []string
		bus.Subscribe(b, bus.APICalls(), func(_ context.Context, c bus.APICall) {
			if _, err := json.Marshal(c); err != nil {
				bad = append(bad, c.EventName+": "+err.Error())
			}
		})
		check := func(what string) func(out any, err error) {
			return func(out any, _ error) {
				if _, err := json.Marshal(out); err != nil {
					rt.Fatalf("%s output: %v", what, err)
				}
			}
		}
		for i := range rapid.IntRange(1, 6).Draw(rt, "steps") {
			switch rapid.IntRange(0, 4).Draw(rt, "op") {
			case 0:
				in := alarmstest.PutMetricAlarmInput("a"+string(rune('0'+i%3)), "M").Draw(rt, "alarm")
				th := awkwardFloat().Draw(rt, "threshold")
				in.Threshold = &th
				in.AlarmDescription = awkwardString().Draw(rt, "description")
				check("PutMetricAlarm")(as.PutMetricAlarm(ctx, in))
			case 1:
				v := awkwardFloat().Draw(rt, "value")
				d := metrics.MetricDatum{MetricName: rapid.SampledFrom([]string{"M", "a\xff"}).Draw(rt, "metric"), Value: &v}
				if rapid.Bool().Draw(rt, "set") {
					d.Value = nil
					d.StatisticValues = &metrics.StatisticSet{SampleCount: awkwardFloat().Draw(rt, "n"), Sum: awkwardFloat().Draw(rt, "sum"),
						Minimum: awkwardFloat().Draw(rt, "min"), Maximum: awkwardFloat().Draw(rt, "max")}
				}
				check("PutMetricData")(ms.PutMetricData(ctx, &metrics.PutMetricDataInput{Namespace: "Test", MetricData: []metrics.MetricDatum{d}}))
			case 2:
				check("PutCompositeAlarm")(as.PutCompositeAlarm(ctx, &alarms.PutCompositeAlarmInput{AlarmName: awkwardString().Draw(rt, "composite"),
					AlarmRule: rapid.SampledFrom([]string{"ALARM(a0)", "TRUE", "NOT ALARM(a1) AND OK(a2)"}).Draw(rt, "rule")}))
			case 3:
				check("SetAlarmState")(as.SetAlarmState(ctx, &alarms.SetAlarmStateInput{AlarmName: "a0", StateValue: alarms.StateAlarm,
					StateReason: awkwardString().Draw(rt, "reason")}))
			case 4:
				b.Advance(time.Duration(rapid.IntRange(1, 600).Draw(rt, "seconds")) * time.Second)
			}
		}
		b.Advance(10 * time.Minute)
		check("DescribeAlarms")(as.DescribeAlarms(ctx, &alarms.DescribeAlarmsInput{AlarmTypes: []alarms.AlarmType{alarms.MetricAlarmType, alarms.CompositeAlarmType}}))
		check("DescribeAlarmHistory")(as.DescribeAlarmHistory(ctx, &alarms.DescribeAlarmHistoryInput{}))
		check("DescribeAlarmsForMetric")(as.DescribeAlarmsForMetric(ctx, &alarms.DescribeAlarmsForMetricInput{Namespace: "Test", MetricName: "M"}))
		check("ListMetrics")(ms.ListMetrics(ctx, &metrics.ListMetricsInput{}))
		now := b.Now()
		check("GetMetricStatistics")(ms.GetMetricStatistics(ctx, &metrics.GetMetricStatisticsInput{Namespace: "Test", MetricName: "M",
			StartTime: now.Add(-time.Hour), EndTime: now, Period: 60, Statistics: []string{"Average", "Sum", "SampleCount", "Minimum", "Maximum"},
			ExtendedStatistics: []string{"p99"}}))
		check("GetMetricData")(ms.GetMetricData(ctx, &metrics.GetMetricDataInput{StartTime: now.Add(-time.Hour), EndTime: now,
			MetricDataQueries: []metrics.MetricDataQuery{
				{Id: "m", MetricStat: &metrics.MetricStat{Metric: metrics.Metric{Namespace: "Test", MetricName: "M"}, Period: 60, Stat: "Sum"}},
				{Id: "e", Expression: "m * m * m * 1e300"}}}))
		if len(bad) > 0 {
			rt.Fatalf("API-call records that do not marshal: %v", bad)
		}
	})
}

// FuzzPutMetricAlarmInputJSON: any JSON is refused or read into the input shape, and what is read
// marshals again and reads back to the same JSON.
func FuzzPutMetricAlarmInputJSON(f *testing.F) {
	for _, s := range []string{`{"AlarmName":"a","Threshold":"NaN"}`, `{"Threshold":1.5,"Period":60}`, `{"Threshold":"Infinity"}`, `{}`, `[]`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var in alarms.PutMetricAlarmInput
		if json.Unmarshal([]byte(s), &in) != nil {
			return
		}
		b, err := json.Marshal(&in)
		if err != nil {
			t.Fatalf("%q read but does not marshal: %v", s, err)
		}
		var again alarms.PutMetricAlarmInput
		if err := json.Unmarshal(b, &again); err != nil {
			t.Fatalf("%s does not read back: %v", b, err)
		}
		b2, _ := json.Marshal(&again)
		if string(b) != string(b2) {
			t.Fatalf("round trip:\n%s\n%s", b, b2)
		}
	})
}
