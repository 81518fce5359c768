package metrics_test

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/metrics"
	"github.com/watchsim/watchsim/metrics/metricstest"
	"pgregory.net/rapid"
)

func near(a, b float64) bool {
	return a == b || math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// Sum and SampleCount are conserved across any batching of PutMetricData and any period; Minimum
// and Maximum over the buckets equal those of the data.
func TestPropertyConservation(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		b := bus.MustNew()
		s, _ := metrics.New(b)
		b.Advance(3 * time.Hour)
		cfg := metricstest.SeriesConfig{
			Start: b.Now().Add(-2 * time.Hour), Span: time.Hour, MaxDatums: 60,
			Negative: rapid.Bool().Draw(t, "negative"), StatisticSets: rapid.Bool().Draw(t, "sets"),
			ValuesCounts: rapid.Bool().Draw(t, "vc"), HighRes: rapid.Bool().Draw(t, "highres"),
			Bursts: rapid.Bool().Draw(t, "bursts"), Gaps: rapid.Bool().Draw(t, "gaps"),
		}
		data := metricstest.Series(cfg).Draw(t, "data")
		for _, batch := range metricstest.Batches(t, data, 20) {
			if _, err := s.PutMetricData(context.Background(), &metrics.PutMetricDataInput{Namespace: "P", MetricData: batch}); err != nil {
				t.Fatal(err)
			}
		}
		periods := []int32{60, 120, 180, 300, 600, 900, 3600, 7200}
		if cfg.HighRes {
			periods = append(periods, 5, 10, 20, 30)
		}
		p := rapid.SampledFrom(periods).Draw(t, "period")
		out, err := s.GetMetricStatistics(context.Background(), &metrics.GetMetricStatisticsInput{
			Namespace: "P", MetricName: "m", StartTime: cfg.Start, EndTime: cfg.Start.Add(cfg.Span + 2*time.Hour/3), Period: p,
			Statistics: []string{"SampleCount", "Sum", "Minimum", "Maximum"},
		})
		if err != nil {
			t.Fatal(err)
		}
		wn, ws, wmin, wmax := metricstest.Totals(data)
		var n, sum float64
		mn, mx := math.Inf(1), math.Inf(-1)
		for _, d := range out.Datapoints {
			n += *d.SampleCount
			sum += *d.Sum
			mn = math.Min(mn, *d.Minimum)
			mx = math.Max(mx, *d.Maximum)
			if d.Timestamp.Unix()%int64(p) != cfg.Start.Unix()%int64(p) && p >= 60 && p <= 3600 && 3600%p == 0 {
				t.Fatalf("bucket %v not aligned to period %d", d.Timestamp, p)
			}
		}
		// tolerance relative to the total magnitude: summing in another order may round differently
		if n != wn || math.Abs(sum-ws) > 1e-9*math.Max(1, absMass(data)) {
			t.Fatalf("period %d: count %v sum %v, want %v %v", p, n, sum, wn, ws)
		}
		if wn > 0 && (mn != wmin || mx != wmax) {
			t.Fatalf("min/max %v %v want %v %v", mn, mx, wmin, wmax)
		}
	})
}

func absMass(data []bus.MetricDatum) float64 {
	m := 0.0
	for _, d := range data {
		switch {
		case d.Value != nil:
			m += math.Abs(*d.Value)
		case len(d.Values) > 0:
			for i, v := range d.Values {
				c := 1.0
				if len(d.Counts) > 0 {
					c = d.Counts[i]
				}
				m += math.Abs(v) * c
			}
		case d.StatisticValues != nil:
			m += math.Abs(d.StatisticValues.Sum) + math.Abs(d.StatisticValues.Maximum)*d.StatisticValues.SampleCount
		}
	}
	return m
}

func drawBucket(t *rapid.T, label string) (metrics.Accumulator, func(*metrics.Accumulator)) {
	type op struct {
		kind int
		v, c float64
		set  bus.StatisticSet
	}
	n := rapid.IntRange(0, 30).Draw(t, label+"n")
	ops := make([]op, n)
	for i := range ops {
		k := rapid.IntRange(0, 3).Draw(t, label+"kind")
		// quarter-integers keep every sum exact, so merge order cannot change Sum by rounding
		o := op{kind: k, v: float64(rapid.IntRange(-4000, 4_000_000).Draw(t, label+"v")) / 4, c: float64(rapid.IntRange(1, 5).Draw(t, label+"c"))}
		switch k {
		case 2:
			o.set = metricstest.UniformStatisticSet().Draw(t, label+"u")
		case 3:
			o.set = metricstest.StatisticSet(true).Draw(t, label+"s")
		}
		ops[i] = o
	}
	apply := func(b *metrics.Accumulator) {
		for _, o := range ops {
			switch o.kind {
			case 0:
				b.Add(o.v)
			case 1:
				b.AddCount(o.v, o.c)
			default:
				b.AddSet(o.set.SampleCount, o.set.Sum, o.set.Minimum, o.set.Maximum)
			}
		}
	}
	var b metrics.Accumulator
	apply(&b)
	return b, apply
}

var propStats = []string{"SampleCount", "Sum", "Average", "Minimum", "Maximum", "p0", "p10", "p50", "p90", "p99", "p100",
	"tm90", "IQM", "TM(10%:90%)", "WM(5%:95%)", "TC(:100)", "TS(10:1000)", "PR(:50)", "tc99", "ts50"}

// The statistics of merged buckets equal the statistics of one bucket holding the union.
func TestPropertyMergedBuckets(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, applyA := drawBucket(t, "a")
		bb, applyB := drawBucket(t, "b")
		var union metrics.Accumulator
		applyA(&union)
		applyB(&union)
		a.Merge(&bb)
		method := rapid.SampledFrom([]metrics.PercentileMethod{metrics.NearestRank, metrics.Linear}).Draw(t, "method")
		for _, name := range propStats {
			st, err := metrics.ParseStatistic(name)
			if err != nil {
				t.Fatal(err)
			}
			v1, ok1 := a.Value(st, method)
			v2, ok2 := union.Value(st, method)
			if ok1 != ok2 || (ok1 && !near(v1, v2)) {
				t.Fatalf("%s: merged %v/%v union %v/%v", name, v1, ok1, v2, ok2)
			}
		}
	})
}

// Percentiles are monotone in p, lie between Minimum and Maximum, and p0/p100 are the extremes.
func TestPropertyPercentilesMonotone(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		vals := rapid.SliceOfN(metricstest.NonNegativeValue(), 1, 200).Draw(t, "values")
		method := rapid.SampledFrom([]metrics.PercentileMethod{metrics.NearestRank, metrics.Linear}).Draw(t, "method")
		ps := rapid.SliceOfN(rapid.Float64Range(0, 100), 2, 10).Draw(t, "ps")
		mn, mx := vals[0], vals[0]
		for _, v := range vals {
			mn, mx = math.Min(mn, v), math.Max(mx, v)
		}
		prevP, prevV := -1.0, math.Inf(-1)
		sortFloats(ps)
		for _, p := range ps {
			st := metrics.Statistic{Kind: metrics.StatPercentile, P: p, Name: "p"}
			v, ok := metrics.ComputeStatistic(st, vals, method)
			if !ok || v < mn || v > mx {
				t.Fatalf("p%v = %v (ok %v) outside [%v, %v]", p, v, ok, mn, mx)
			}
			if p >= prevP && v < prevV {
				t.Fatalf("p%v = %v < p%v = %v", p, v, prevP, prevV)
			}
			prevP, prevV = p, v
		}
		p0, _ := metrics.ComputeStatistic(metrics.Statistic{Kind: metrics.StatPercentile, P: 0}, vals, method)
		p100, _ := metrics.ComputeStatistic(metrics.Statistic{Kind: metrics.StatPercentile, P: 100}, vals, method)
		if p0 != mn || p100 != mx {
			t.Fatalf("p0 %v p100 %v, min %v max %v", p0, p100, mn, mx)
		}
	})
}

func sortFloats(a []float64) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// A metric's identity does not depend on the order of its dimensions.
func TestPropertyIdentityOrderFree(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		dims := metricstest.Dimensions(30).Draw(t, "dims")
		perm := rapid.Permutation(dims).Draw(t, "perm")
		b := bus.MustNew()
		s, _ := metrics.New(b)
		if string(engineOf(s).AppendMetricKey(nil, "ns", "m", dims)) != string(engineOf(s).AppendMetricKey(nil, "ns", "m", perm)) {
			t.Fatal("key depends on order")
		}
		v := 1.0
		for _, d := range [][]bus.Dimension{dims, perm} {
			if _, err := s.PutMetricData(context.Background(), &metrics.PutMetricDataInput{Namespace: "ns", MetricData: []metrics.MetricDatum{{MetricName: "m", Dimensions: d, Value: &v}}}); err != nil {
				t.Fatal(err)
			}
		}
		out, _ := s.ListMetrics(context.Background(), &metrics.ListMetricsInput{})
		if len(out.Metrics) != 1 {
			t.Fatalf("%d metrics", len(out.Metrics))
		}
		if len(dims) > 0 {
			// a strict subset is another metric
			st, err := s.GetMetricStatistics(context.Background(), &metrics.GetMetricStatisticsInput{Namespace: "ns", MetricName: "m", Dimensions: perm[1:],
				StartTime: b.Now().Add(-time.Minute), EndTime: b.Now().Add(time.Minute), Period: 60, Statistics: []string{"Sum"}})
			if err != nil || len(st.Datapoints) != 0 {
				t.Fatalf("subset matched: %+v %v", st, err)
			}
		}
		st, _ := s.GetMetricStatistics(context.Background(), &metrics.GetMetricStatisticsInput{Namespace: "ns", MetricName: "m", Dimensions: perm,
			StartTime: b.Now().Add(-time.Minute), EndTime: b.Now().Add(time.Minute), Period: 60, Statistics: []string{"Sum"}})
		want := []metrics.Datapoint{{Timestamp: b.Now().Truncate(time.Minute), Sum: &[]float64{2}[0], Unit: "None"}}
		if diff := cmp.Diff(want, st.Datapoints, metricstest.EquateDatapoints(1e-12)); diff != "" {
			t.Fatal(diff)
		}
	})
}

// GetMetricData with a MetricStat agrees with GetMetricStatistics on the same metric and period.
func TestPropertyGetMetricDataAgreesWithStatistics(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		b := bus.MustNew()
		s, _ := metrics.New(b)
		b.Advance(2 * time.Hour)
		cfg := metricstest.SeriesConfig{Start: b.Now().Add(-time.Hour), Span: time.Hour, ValuesCounts: true, Bursts: true, Gaps: true}
		data := metricstest.Series(cfg).Draw(t, "data")
		if len(data) > 0 {
			s.PutMetricData(context.Background(), &metrics.PutMetricDataInput{Namespace: "P", MetricData: data})
		}
		stat := rapid.SampledFrom([]string{"Sum", "Average", "p90", "Maximum", "IQM"}).Draw(t, "stat")
		p := rapid.SampledFrom([]int32{60, 300, 600}).Draw(t, "period")
		in := metrics.GetMetricStatisticsInput{Namespace: "P", MetricName: "m", StartTime: cfg.Start, EndTime: cfg.Start.Add(cfg.Span), Period: p}
		if metrics.IsBasicStatistic(stat) {
			in.Statistics = []string{stat}
		} else {
			in.ExtendedStatistics = []string{stat}
		}
		gs, err := s.GetMetricStatistics(context.Background(), &in)
		if err != nil {
			t.Fatal(err)
		}
		gd, err := s.GetMetricData(context.Background(), &metrics.GetMetricDataInput{StartTime: in.StartTime, EndTime: in.EndTime, ScanBy: "TimestampAscending",
			MetricDataQueries: []metrics.MetricDataQuery{{Id: "m", MetricStat: &metrics.MetricStat{Metric: metrics.Metric{Namespace: "P", MetricName: "m"}, Period: p, Stat: stat}}}})
		if err != nil {
			t.Fatal(err)
		}
		r := gd.MetricDataResults[0]
		if len(r.Values) != len(gs.Datapoints) {
			t.Fatalf("%d values vs %d datapoints", len(r.Values), len(gs.Datapoints))
		}
		for i, d := range gs.Datapoints {
			var v float64
			switch stat {
			case "Sum":
				v = *d.Sum
			case "Average":
				v = *d.Average
			case "Maximum":
				v = *d.Maximum
			default:
				v = d.ExtendedStatistics[stat]
			}
			if !r.Timestamps[i].Equal(d.Timestamp) || !near(r.Values[i], v) {
				t.Fatalf("%d: %v %v vs %v %v", i, r.Timestamps[i], r.Values[i], d.Timestamp, v)
			}
		}
	})
}
