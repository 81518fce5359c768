package metricstest_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/metrics"
	"github.com/watchsim/watchsim/metrics/metricstest"
	"pgregory.net/rapid"
)

// Every generated series is accepted by PutMetricData and its totals match what the service
// reports over one period covering it.
func TestSeriesAcceptedAndTotalsMatch(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		b := bus.MustNew()
		s, _ := metrics.New(b)
		b.Advance(time.Hour)
		cfg := metricstest.SeriesConfig{
			MetricName: "gen", Dimensions: metricstest.Dimensions(3).Draw(t, "dims"), Start: b.Now().Add(-time.Hour), Span: time.Hour,
			Negative: true, StatisticSets: true, ValuesCounts: true, HighRes: rapid.Bool().Draw(t, "hr"), Bursts: true, Gaps: true, Unit: "Count",
		}
		data := metricstest.Series(cfg).Draw(t, "series")
		for _, batch := range metricstest.Batches(t, data, 7) {
			if _, err := s.PutMetricData(context.Background(), &metrics.PutMetricDataInput{Namespace: "G", MetricData: batch}); err != nil {
				t.Fatal(err)
			}
		}
		out, err := s.GetMetricStatistics(context.Background(), &metrics.GetMetricStatisticsInput{Namespace: "G", MetricName: "gen", Dimensions: cfg.Dimensions,
			StartTime: cfg.Start, EndTime: cfg.Start.Add(cfg.Span), Period: 3600, Statistics: []string{"SampleCount", "Minimum", "Maximum"}})
		if err != nil {
			t.Fatal(err)
		}
		n, _, mn, mx := metricstest.Totals(data)
		var want []metrics.Datapoint
		if n > 0 {
			want = []metrics.Datapoint{{Timestamp: cfg.Start.Truncate(time.Minute), SampleCount: &n, Minimum: &mn, Maximum: &mx, Unit: "Count"}}
		}
		if diff := cmp.Diff(want, out.Datapoints, metricstest.EquateDatapoints(1e-12)); diff != "" {
			t.Fatal(diff)
		}
	})
}

func TestCmpOptions(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	one, onePlus := 1.0, 1.0+1e-13
	a := []metrics.Datapoint{{Timestamp: t0, Sum: &one, Unit: "None"}, {Timestamp: t0, Sum: &one, Unit: "Count"}}
	b := []metrics.Datapoint{{Timestamp: t0.In(time.FixedZone("x", 3600)), Sum: &one, Unit: "Count"}, {Timestamp: t0, Sum: &onePlus, Unit: "None"}}
	if diff := cmp.Diff(a, b, metricstest.EquateDatapoints(1e-9)); diff != "" {
		t.Errorf("equal datapoints differ: %s", diff)
	}
	two := 2.0
	b[0].Sum = &two
	if cmp.Equal(a, b, metricstest.EquateDatapoints(1e-9)) {
		t.Error("different datapoints equal")
	}
	r1 := []metrics.MetricDataResult{{Id: "m", Values: []float64{1}, Timestamps: []time.Time{t0}, SampleCounts: []float64{3}}}
	r2 := []metrics.MetricDataResult{{Id: "m", Values: []float64{1 + 1e-14}, Timestamps: []time.Time{t0}}}
	if !cmp.Equal(r1, r2, metricstest.EquateResults(1e-9)) {
		t.Error("results differ")
	}
}
