package metrics_test

import (
	"context"
	"fmt"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/metrics"
)

func ExampleService_GetMetricStatistics() {
	ctx := context.Background()
	b := bus.MustNew()
	cw, _ := metrics.New(b)
	now := b.Now()
	v := func(x float64) *float64 { return &x }
	cw.PutMetricData(ctx, &metrics.PutMetricDataInput{Namespace: "Shop", MetricData: []metrics.MetricDatum{
		{MetricName: "Latency", Unit: "Milliseconds", Values: []float64{12, 15, 200}, Counts: []float64{50, 45, 5}},
		{MetricName: "Latency", Unit: "Milliseconds", Value: v(18)},
	}})
	out, _ := cw.GetMetricStatistics(ctx, &metrics.GetMetricStatisticsInput{
		Namespace: "Shop", MetricName: "Latency", StartTime: now, EndTime: now.Add(time.Minute), Period: 60,
		Statistics: []string{"SampleCount", "Maximum"}, ExtendedStatistics: []string{"p50", "p99"},
	})
	d := out.Datapoints[0]
	fmt.Println(*d.SampleCount, *d.Maximum, d.ExtendedStatistics["p50"], d.ExtendedStatistics["p99"], d.Unit)
	// Output: 101 200 15 200 Milliseconds
}

func ExampleService_GetMetricData() {
	ctx := context.Background()
	b := bus.MustNew()
	cw, _ := metrics.New(b)
	start := b.Now()
	for i := 0; i < 3; i++ {
		cw.PutMetricData(ctx, &metrics.PutMetricDataInput{Namespace: "Shop", MetricData: []metrics.MetricDatum{
			{MetricName: "Requests", Values: []float64{1}, Counts: []float64{float64(100 * (i + 1))}},
			{MetricName: "Errors", Values: []float64{1}, Counts: []float64{float64(i + 1)}},
		}})
		b.Advance(time.Minute)
	}
	hidden := false
	stat := func(name string) *metrics.MetricStat {
		return &metrics.MetricStat{Metric: metrics.Metric{Namespace: "Shop", MetricName: name}, Period: 60, Stat: "Sum"}
	}
	out, _ := cw.GetMetricData(ctx, &metrics.GetMetricDataInput{
		StartTime: start, EndTime: b.Now(), ScanBy: "TimestampAscending",
		MetricDataQueries: []metrics.MetricDataQuery{
			{Id: "req", MetricStat: stat("Requests"), ReturnData: &hidden},
			{Id: "err", MetricStat: stat("Errors"), ReturnData: &hidden},
			{Id: "rate", Expression: "100 * err / req", Label: "Error %"},
		},
	})
	r := out.MetricDataResults[0]
	fmt.Println(r.Label, r.Values)
	// Output: Error % [1 1 1]
}

func ExampleParseExpression() {
	x, _ := metrics.ParseExpression("IF(m1 > 10, m1, 0)")
	m1 := &metrics.Series{Period: 60, Times: []int64{0, 60, 120}, Values: []float64{5, 15, 25}, Metric: true}
	v, _ := x.Eval(&metrics.MathEnv{Start: 0, End: 180, Period: 60, Lookup: func(id string) (metrics.MathValue, error) {
		return metrics.SeriesValue(m1), nil
	}})
	fmt.Println(v.Series[0].Values)
	// Output: [0 15 25]
}

func ExampleComputeStatistic() {
	p90, _ := metrics.ParseExtendedStatistic("p90")
	v, ok := metrics.ComputeStatistic(p90, []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, metrics.NearestRank)
	fmt.Println(v, ok)
	// Output: 9 true
}
