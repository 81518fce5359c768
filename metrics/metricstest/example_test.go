package metricstest_test

import (
	"context"
	"fmt"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/metrics"
	"github.com/watchsim/watchsim/metrics/metricstest"
)

// Generated series go straight into PutMetricData; Totals gives the expected statistics and
// EquateDatapoints compares the answer. In a property, draw the series with Draw(t, …) inside
// rapid.Check instead of Example.
func ExampleSeries() {
	b := bus.MustNew()
	cw, _ := metrics.New(b)
	b.Advance(time.Hour)
	cfg := metricstest.SeriesConfig{Start: b.Now().Add(-time.Hour), Span: time.Hour, MaxDatums: 20, ValuesCounts: true, Bursts: true}
	data := metricstest.Series(cfg).Example(7)
	cw.PutMetricData(context.Background(), &metrics.PutMetricDataInput{Namespace: "App", MetricData: data})
	out, _ := cw.GetMetricStatistics(context.Background(), &metrics.GetMetricStatisticsInput{Namespace: "App", MetricName: "m",
		StartTime: cfg.Start, EndTime: cfg.Start.Add(cfg.Span), Period: 3600, Statistics: []string{"SampleCount", "Sum"}})
	n, sum, _, _ := metricstest.Totals(data)
	want := []metrics.Datapoint{{Timestamp: cfg.Start.Truncate(time.Minute), SampleCount: &n, Sum: &sum, Unit: "None"}}
	if len(data) == 0 {
		want = nil
	}
	fmt.Println(cmp.Equal(want, out.Datapoints, metricstest.EquateDatapoints(1e-9)))
	// Output: true
}
