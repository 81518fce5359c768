// The GetMetricStatistics tests: spec vectors, limits, units, extended statistics and periods.

package metrics

import (
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
)

// gms calls GetMetricStatistics and fails the test on an error.
func gms(t *testing.T, s *Service, in GetMetricStatisticsInput) *GetMetricStatisticsOutput {
	t.Helper()
	out, err := s.GetMetricStatistics(ctx, &in)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestGetMetricStatisticsVectors(t *testing.T) {
	s, b := newSvc(t)
	now := b.Now()
	// TV-STAT-1: raw + statistic set
	put(t, s, "T", MetricDatum{MetricName: "s1", Value: f(11), Unit: "Seconds", Timestamp: now},
		MetricDatum{MetricName: "s1", StatisticValues: &bus.StatisticSet{SampleCount: 10, Sum: 55, Minimum: 1, Maximum: 10}, Unit: "Seconds", Timestamp: now})
	// TV-STAT-2: Values/Counts
	put(t, s, "T", MetricDatum{MetricName: "s2", Values: []float64{1, 10}, Counts: []float64{2, 4}, Unit: "Count", Timestamp: now})
	// TV-STAT-3
	var ten []MetricDatum
	for i := 0; i < 10; i++ {
		ten = append(ten, MetricDatum{MetricName: "s3", Value: f(float64(i)), Timestamp: now.Add(time.Duration(i) * time.Second)})
	}
	put(t, s, "T", ten...)
	all := []string{"SampleCount", "Sum", "Average", "Minimum", "Maximum"}
	in := GetMetricStatisticsInput{Namespace: "T", StartTime: now, EndTime: now.Add(time.Minute), Period: 60, Statistics: all}
	check := func(name string, unit string, n, sum, mn, mx, avg float64) {
		t.Helper()
		in.MetricName = name
		out := gms(t, s, in)
		if len(out.Datapoints) != 1 || out.Label != name {
			t.Fatalf("%s: %+v", name, out)
		}
		d := out.Datapoints[0]
		if *d.SampleCount != n || *d.Sum != sum || *d.Minimum != mn || *d.Maximum != mx || *d.Average != avg || d.Unit != unit || !d.Timestamp.Equal(now) {
			t.Errorf("%s: %+v n=%v sum=%v min=%v max=%v avg=%v", name, d, *d.SampleCount, *d.Sum, *d.Minimum, *d.Maximum, *d.Average)
		}
	}
	check("s1", "Seconds", 11, 66, 1, 11, 6)
	check("s2", "Count", 6, 42, 1, 10, 7)
	check("s3", "None", 10, 45, 0, 9, 4.5)

	// TV-STAT-4: 2,4,5 at 12:00:00/01/02 → one datapoint stamped 12:00:00
	s4, b4 := newSvc(t)
	b4.AdvanceTo(time.Date(2026, 1, 1, 12, 5, 0, 0, time.UTC))
	t0 := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	put(t, s4, "T", MetricDatum{MetricName: "m", Value: f(2), Timestamp: t0}, MetricDatum{MetricName: "m", Value: f(4), Timestamp: t0.Add(time.Second)}, MetricDatum{MetricName: "m", Value: f(5), Timestamp: t0.Add(2 * time.Second)})
	out := gms(t, s4, GetMetricStatisticsInput{Namespace: "T", MetricName: "m", StartTime: t0, EndTime: t0.Add(time.Minute), Period: 60, Statistics: all})
	if len(out.Datapoints) != 1 || *out.Datapoints[0].Average != 3.6666666666666665 || !out.Datapoints[0].Timestamp.Equal(t0) {
		t.Errorf("TV-STAT-4 %+v", out.Datapoints)
	}
}

// TV-GMS-1
func TestGetMetricStatisticsLimits(t *testing.T) {
	s, b := newSvc(t)
	now := b.Now()
	_, err := s.GetMetricStatistics(ctx, &GetMetricStatisticsInput{Namespace: "x", MetricName: "metric_name", StartTime: now, EndTime: now.Add(24 * time.Hour), Period: 1, Statistics: []string{"Sum"}})
	wantErr(t, err, "InvalidParameterCombination", "You have requested up to 86400 datapoints, which exceeds the limit of 1440. You may reduce the datapoints requested by increasing Period, or decreasing the time range.")
	_, err = s.GetMetricStatistics(ctx, &GetMetricStatisticsInput{Namespace: "x", MetricName: "metric_name", StartTime: now, EndTime: now, Period: 60, Statistics: []string{"Sum"}})
	wantErr(t, err, "InvalidParameterValue", "The parameter StartTime must be less than the parameter EndTime.")
	out := gms(t, s, GetMetricStatisticsInput{Namespace: "unknown", MetricName: "metric_name", StartTime: now.Add(-24 * time.Hour), EndTime: now, Period: 60, Statistics: []string{"Sum"}})
	if out.Label != "metric_name" || out.Datapoints == nil || len(out.Datapoints) != 0 {
		t.Errorf("%+v", out)
	}
	_, err = s.GetMetricStatistics(ctx, &GetMetricStatisticsInput{Namespace: "x", MetricName: "m", StartTime: now, EndTime: now.Add(time.Hour), Period: 60, ExtendedStatistics: []string{"p101"}})
	wantErr(t, err, "InvalidParameterValue", "The value p101 for parameter ExtendedStatistics is not supported.")
	_, err = s.GetMetricStatistics(ctx, &GetMetricStatisticsInput{Namespace: "x", MetricName: "m", StartTime: now, EndTime: now.Add(time.Hour), Period: 45, Statistics: []string{"Sum"}})
	wantErr(t, err, "InvalidParameterValue", "")
	_, err = s.GetMetricStatistics(ctx, &GetMetricStatisticsInput{Namespace: "x", MetricName: "m", StartTime: now, EndTime: now.Add(time.Hour), Period: 60, Statistics: []string{"Median"}})
	wantErr(t, err, "InvalidParameterValue", "")
}

// TV-GMS-2
func TestGetMetricStatisticsUnits(t *testing.T) {
	s, b := newSvc(t)
	now := b.Now()
	put(t, s, "T", MetricDatum{MetricName: "m", Value: f(1), Unit: "Seconds"}, MetricDatum{MetricName: "m", Value: f(5), Unit: "Count"}, MetricDatum{MetricName: "m", Value: f(10)})
	in := GetMetricStatisticsInput{Namespace: "T", MetricName: "m", StartTime: now, EndTime: now.Add(time.Minute), Period: 60, Statistics: []string{"Average"}}
	out := gms(t, s, in)
	got := map[string]float64{}
	for _, d := range out.Datapoints {
		got[d.Unit] = *d.Average
	}
	if len(out.Datapoints) != 3 || got["None"] != 10 || got["Count"] != 5 || got["Seconds"] != 1 {
		t.Errorf("%+v", got)
	}
	in.Unit = "Count"
	if out := gms(t, s, in); len(out.Datapoints) != 1 || *out.Datapoints[0].Average != 5 {
		t.Errorf("unit filter %+v", out)
	}
	in.Unit = "Bytes"
	if out := gms(t, s, in); len(out.Datapoints) != 0 {
		t.Errorf("unit without data %+v", out)
	}
}

func TestGetMetricStatisticsExtendedAndPeriods(t *testing.T) {
	s, b := newSvc(t)
	b.Advance(time.Hour)
	start := b.Now().Add(-30 * time.Minute)
	var data []MetricDatum
	for i := 0; i < 100; i++ {
		data = append(data, MetricDatum{MetricName: "lat", Value: f(float64(i + 1)), Timestamp: start.Add(time.Duration(i) * 6 * time.Second), StorageResolution: 1})
	}
	put(t, s, "T", data...) // 10 per minute over 10 minutes
	out := gms(t, s, GetMetricStatisticsInput{Namespace: "T", MetricName: "lat", StartTime: start, EndTime: start.Add(10 * time.Minute), Period: 600,
		ExtendedStatistics: []string{"p50", "p99", "tm90", "IQM", "PR(:50)"}})
	if len(out.Datapoints) != 1 {
		t.Fatalf("%+v", out)
	}
	e := out.Datapoints[0].ExtendedStatistics
	if e["p50"] != 50 || e["p99"] != 99 || e["tm90"] != 45.5 || e["IQM"] != 50.5 || e["PR(:50)"] != 50 || out.Datapoints[0].Sum != nil {
		t.Errorf("%+v", e)
	}
	// high-resolution periods
	out = gms(t, s, GetMetricStatisticsInput{Namespace: "T", MetricName: "lat", StartTime: start, EndTime: start.Add(time.Minute), Period: 30, Statistics: []string{"SampleCount"}})
	if len(out.Datapoints) != 2 || *out.Datapoints[0].SampleCount != 5 {
		t.Errorf("30 s: %+v", out.Datapoints)
	}
	// data-age rule: start older than 3 h with period 30 gives nothing
	b.Advance(4 * time.Hour)
	out = gms(t, s, GetMetricStatisticsInput{Namespace: "T", MetricName: "lat", StartTime: start, EndTime: start.Add(time.Minute), Period: 30, Statistics: []string{"SampleCount"}})
	if len(out.Datapoints) != 0 {
		t.Errorf("too fine a period for old data: %+v", out.Datapoints)
	}
	out = gms(t, s, GetMetricStatisticsInput{Namespace: "T", MetricName: "lat", StartTime: start, EndTime: start.Add(10 * time.Minute), Period: 60, Statistics: []string{"SampleCount"}})
	if len(out.Datapoints) != 10 {
		t.Errorf("rolled up minute data: %d datapoints", len(out.Datapoints))
	}
	// negative value makes percentiles unavailable but keeps the datapoint
	put(t, s, "T", MetricDatum{MetricName: "neg", Values: []float64{-1, 5}})
	out = gms(t, s, GetMetricStatisticsInput{Namespace: "T", MetricName: "neg", StartTime: b.Now().Add(-time.Minute), EndTime: b.Now().Add(time.Minute), Period: 60, Statistics: []string{"Sum"}, ExtendedStatistics: []string{"p50"}})
	if len(out.Datapoints) != 1 || *out.Datapoints[0].Sum != 4 || out.Datapoints[0].ExtendedStatistics != nil {
		t.Errorf("negative: %+v", out.Datapoints)
	}
}

func TestStandardResolutionTruncatesToMinute(t *testing.T) {
	s, b := newSvc(t)
	b.Advance(10 * time.Minute)
	t0 := b.Now().Add(-5 * time.Minute)
	put(t, s, "T", MetricDatum{MetricName: "m", Value: f(1), Timestamp: t0.Add(15 * time.Second)}, MetricDatum{MetricName: "m", Value: f(2), Timestamp: t0.Add(45 * time.Second)})
	out := gms(t, s, GetMetricStatisticsInput{Namespace: "T", MetricName: "m", StartTime: t0, EndTime: t0.Add(time.Minute), Period: 10, Statistics: []string{"Sum"}})
	if len(out.Datapoints) != 1 || *out.Datapoints[0].Sum != 3 || !out.Datapoints[0].Timestamp.Equal(t0) {
		t.Errorf("%+v", out.Datapoints)
	}
}
