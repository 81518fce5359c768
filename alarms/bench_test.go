package alarms_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/watchsim/watchsim/alarms"
	"github.com/watchsim/watchsim/internal/cputime"
	"github.com/watchsim/watchsim/metrics"
)

// BenchmarkEvaluate measures the pure evaluator on a 5-bucket range (N=3, M=2, one gap).
func BenchmarkEvaluate(b *testing.B) {
	d := &alarms.Definition{Namespace: "App", Statistic: "Average", Period: 60, EvaluationPeriods: 3, DatapointsToAlarm: 2,
		Threshold: 10, ComparisonOperator: alarms.GreaterThanThreshold}
	t0 := time.Date(2026, 1, 1, 0, 5, 0, 0, time.UTC)
	bs := make([]alarms.Bucket, 5)
	for i := range bs {
		bs[i] = alarms.Bucket{Start: t0.Add(time.Duration(i-5) * time.Minute), Value: float64(i * 5), SampleCount: 1}
	}
	bs[2].Missing = true
	b.ReportAllocs()
	st := alarms.StateOK
	for b.Loop() {
		r := alarms.Evaluate(d, bs, st, t0)
		st = r.State
	}
}

// BenchmarkEvaluateWithReason adds building the StateReason text and StateReasonData JSON (done only on transitions).
func BenchmarkEvaluateWithReason(b *testing.B) {
	d := &alarms.Definition{Namespace: "App", Statistic: "Average", Period: 60, EvaluationPeriods: 3, DatapointsToAlarm: 2,
		Threshold: 10, ComparisonOperator: alarms.GreaterThanThreshold}
	t0 := time.Date(2026, 1, 1, 0, 5, 0, 0, time.UTC)
	bs := make([]alarms.Bucket, 5)
	for i := range bs {
		bs[i] = alarms.Bucket{Start: t0.Add(time.Duration(i-5) * time.Minute), Value: float64(i * 5), SampleCount: 1}
	}
	b.ReportAllocs()
	for b.Loop() {
		r := alarms.Evaluate(d, bs, alarms.StateOK, t0)
		_, _ = r.Reason(), r.ReasonData()
	}
}

// BenchmarkAdvance30DaysIdle: 10,000 alarms with no data; one op is Advance(30 days). The bus's
// clock ends in 2262 (about 2,900 such months after its 2026 start), so the alarms are rebuilt on a
// fresh bus every 2,000 ops, outside the timer; run it with -benchtime 2000x to skip the rebuilds.
func BenchmarkAdvance30DaysIdle(b *testing.B) {
	build := func() *env {
		e := newEnv(b)
		for i := 0; i < 10000; i++ {
			in := latencyAlarm("idle-" + strconv.Itoa(i))
			in.MetricName = "Latency" + strconv.Itoa(i)
			if _, err := e.s.PutMetricAlarm(context.Background(), in); err != nil {
				b.Fatal(err)
			}
		}
		return e
	}
	check := func(e *env) {
		if e.s.Evaluations() != 10000 { // one at creation each, none while idle
			b.Fatalf("%d evaluations", e.s.Evaluations())
		}
	}
	e := build()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i > 0 && i%2000 == 0 {
			b.StopTimer()
			check(e)
			e = build()
			b.StartTimer()
		}
		e.advance(b, 30*24*time.Hour)
	}
	b.StopTimer()
	check(e)
}

// BenchmarkOneDay1000Metrics: one op is one day of 1-minute data on 1,000 metrics (one PutMetricData
// of 1,000 datums per minute, then Advance(1 minute)) with one alarm per metric. The data is a
// healthy pattern with a 3-minute outage per metric every 4 hours. cpu-ns/op is the process CPU
// time (user + system, GC included; getrusage) per op, setup excluded.
func BenchmarkOneDay1000Metrics(b *testing.B) {
	const n, minutes = 1000, 1440
	e := newEnv(b)
	for i := 0; i < n; i++ {
		in := latencyAlarm("a" + strconv.Itoa(i))
		in.MetricName = "M" + strconv.Itoa(i)
		if _, err := e.s.PutMetricAlarm(context.Background(), in); err != nil {
			b.Fatal(err)
		}
	}
	data := make([]metrics.MetricDatum, n)
	vals := make([]float64, n)
	for i := range data {
		data[i].MetricName = "M" + strconv.Itoa(i)
		data[i].Value = &vals[i]
	}
	start := e.s.Evaluations()
	days := 0
	var cpu0 time.Duration
	for b.Loop() {
		if days == 0 {
			cpu0 = cputime.Process() // after setup: b.Loop resets the timer at its first call
		}
		for m := 0; m < minutes; m++ {
			now := e.b.Now()
			for i := range data {
				vals[i] = float64(50 + (m*7+i*13)%40)
				if (m+i*17)%240 < 3 {
					vals[i] = 500
				}
				data[i].Timestamp = now
			}
			if _, err := e.ms.PutMetricData(context.Background(), &metrics.PutMetricDataInput{Namespace: "App", MetricData: data}); err != nil {
				b.Fatal(err)
			}
			e.advance(b, time.Minute)
		}
		days++
	}
	if d := cputime.Process() - cpu0; d > 0 && days > 0 {
		b.ReportMetric(float64(d.Nanoseconds())/float64(days), "cpu-ns/op")
	}
	b.ReportMetric(float64(e.s.Evaluations()-start)/float64(days), "evaluations/op")
}
