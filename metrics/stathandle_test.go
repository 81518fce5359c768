package metrics_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/metricslink"
	"github.com/watchsim/watchsim/metrics"
	"github.com/watchsim/watchsim/metrics/metricstest"
)

// viaQuery returns what QueryLocked gives for one MetricStat over n buckets from start, laid out as
// StatBucketsLocked lays it out.
func viaQuery(t interface {
	Fatal(...any)
	Fatalf(string, ...any)
}, s *metrics.Service, ms metrics.MetricStat, start time.Time, n int) []metricslink.BucketValue {
	p := time.Duration(ms.Period) * time.Second
	res, err := engineOf(s).QueryLocked([]metrics.MetricDataQuery{{Id: "m", MetricStat: &ms}}, start, start.Add(time.Duration(n)*p))
	if err != nil {
		t.Fatal(err)
	}
	out := make([]metricslink.BucketValue, n)
	if len(res) != 1 {
		t.Fatalf("%d results", len(res))
	}
	r := res[0]
	for i, ts := range r.Timestamps {
		d := ts.Sub(start)
		if d%p != 0 || d < 0 || int(d/p) >= n {
			t.Fatalf("timestamp %v off the grid from %v", ts, start)
		}
		out[d/p] = metricslink.BucketValue{Value: r.Values[i], SampleCount: r.SampleCounts[i], OK: true}
	}
	return out
}

var fastStats = []string{"SampleCount", "Sum", "Average", "Minimum", "Maximum", "p0", "p50", "p90", "p99.9", "p100",
	"tm90", "TM(10%:90%)", "TM(5:50)", "wm99", "WM(:95%)", "tc90", "TC(10:)", "ts90", "TS(1%:99%)", "PR(:100)", "PR(10:1000)", "IQM"}

// The fast path returns exactly what QueryLocked returns for the same MetricStat, on generated
// series (gaps, bursts, statistic sets, Values/Counts, negative values, several units, high
// resolution), for basic and extended statistics, both percentile methods, late data and roll-up,
// with one handle reused as data arrives (including before the metric exists).
func TestPropertyStatBucketsMatchQueryLocked(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		method := rapid.SampledFrom([]metrics.PercentileMethod{metrics.NearestRank, metrics.Linear}).Draw(t, "method")
		opts := []metrics.Option{metrics.WithPercentileMethod(method)}
		late := rapid.Bool().Draw(t, "late")
		if late {
			opts = append(opts, metrics.WithLateDataDelay(20*time.Minute, 0))
		}
		b := bus.MustNew()
		s, err := metrics.New(b, opts...)
		if err != nil {
			t.Fatal(err)
		}
		b.Advance(6 * time.Hour)
		origin := b.Now().Add(-5 * time.Hour)
		dims := []bus.Dimension{{Name: "B", Value: "2"}, {Name: "A", Value: "1"}}
		var units []string
		for _, u := range []string{"", "Seconds", "Milliseconds", "Count"} {
			if rapid.Bool().Draw(t, "unit"+u) {
				units = append(units, u)
			}
		}
		var batches [][]bus.MetricDatum
		highRes := rapid.Bool().Draw(t, "highres")
		for _, u := range units {
			cfg := metricstest.SeriesConfig{Dimensions: dims, Start: origin, Span: 5 * time.Hour, MaxDatums: 40, Unit: u,
				Negative: rapid.Bool().Draw(t, "negative"), StatisticSets: rapid.Bool().Draw(t, "sets"),
				ValuesCounts: rapid.Bool().Draw(t, "vc"), HighRes: highRes,
				Bursts: rapid.Bool().Draw(t, "bursts"), Gaps: rapid.Bool().Draw(t, "gaps")}
			batches = append(batches, metricstest.Batches(t, metricstest.Series(cfg).Draw(t, "data"), 15)...)
		}
		// another metric of the same name (one dimension fewer) must not be read
		other := metricstest.Series(metricstest.SeriesConfig{Dimensions: dims[:1], Start: origin, Span: 5 * time.Hour, MaxDatums: 10}).Draw(t, "other")
		if len(other) > 0 {
			batches = append(batches, other)
		}
		if rapid.Bool().Draw(t, "shuffle") { // out-of-order arrival
			batches = rapid.Permutation(batches).Draw(t, "order")
		}
		periods := []int32{60, 120, 300, 600, 3600}
		if highRes {
			periods = append(periods, 1, 5, 10, 30)
		}
		ms := metrics.MetricStat{
			Metric: metrics.Metric{Namespace: "P", MetricName: "m", Dimensions: []bus.Dimension{dims[1], dims[0]}}, // other order
			Period: rapid.SampledFrom(periods).Draw(t, "period"),
			Stat:   rapid.SampledFrom(fastStats).Draw(t, "stat"),
			Unit:   rapid.SampledFrom([]string{"", "", "None", "Seconds", "Count", "Bytes"}).Draw(t, "unit"),
		}
		var h metricslink.StatReader
		b.Locked(func() { h, err = engineOf(s).CompileStat(ms) })
		if err != nil {
			t.Fatal(err)
		}
		p := time.Duration(ms.Period) * time.Second
		var dst []metricslink.BucketValue
		check := func(label string) {
			span := int(5*time.Hour/p) + 2
			n := rapid.IntRange(1, min(span, 40)).Draw(t, label+"n")
			first := rapid.IntRange(-2, span).Draw(t, label+"first")
			// start on a whole second, not necessarily on the period grid
			start := origin.Add(time.Duration(first)*p + time.Duration(rapid.IntRange(0, int(p/time.Second)-1).Draw(t, label+"shift"))*time.Second)
			var want, got []metricslink.BucketValue
			b.Locked(func() {
				want = viaQuery(t, s, ms, start, n)
				dst = h.Buckets(start, n, dst)
				got = dst
			})
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("%s: %s %s from %v ×%d (-QueryLocked +StatBucketsLocked):\n%s", label, ms.Stat, ms.Unit, start, n, diff)
			}
		}
		check("empty")
		for i, batch := range batches {
			if _, err := s.PutMetricData(context.Background(), &metrics.PutMetricDataInput{Namespace: "P", MetricData: batch}); err != nil {
				t.Fatal(err)
			}
			if rapid.IntRange(0, 3).Draw(t, "checkNow") == 0 {
				check("batch" + string(rune('a'+i%26)))
			}
		}
		check("stored")
		// late data becomes readable; roll-up coarsens timestamps older than 3 h
		b.Advance(time.Duration(rapid.IntRange(0, 150).Draw(t, "advance")) * time.Minute)
		check("later")
	})
}

// CompileStatLocked refuses what QueryLocked refuses, with the same error.
func TestCompileStatLockedErrors(t *testing.T) {
	b := bus.MustNew()
	s, _ := metrics.New(b)
	good := metrics.MetricStat{Metric: metrics.Metric{Namespace: "N", MetricName: "m"}, Period: 60, Stat: "Average"}
	cases := map[string]func(*metrics.MetricStat){
		"stat":      func(m *metrics.MetricStat) { m.Stat = "Mean" },
		"period":    func(m *metrics.MetricStat) { m.Period = 45 },
		"unit":      func(m *metrics.MetricStat) { m.Unit = "Parsecs" },
		"namespace": func(m *metrics.MetricStat) { m.Metric.Namespace = "" },
		"name":      func(m *metrics.MetricStat) { m.Metric.MetricName = "" },
		"dims":      func(m *metrics.MetricStat) { m.Metric.Dimensions = []bus.Dimension{{Name: "", Value: "x"}} },
	}
	for name, mut := range cases {
		ms := good
		mut(&ms)
		b.Locked(func() {
			h, err := engineOf(s).CompileStat(ms)
			_, qerr := engineOf(s).QueryLocked([]metrics.MetricDataQuery{{Id: "m", MetricStat: &ms}}, time.Unix(0, 0), time.Unix(60, 0))
			if h != nil || err == nil || qerr == nil || err.Error() != qerr.Error() {
				t.Errorf("%s: handle %v err %v, QueryLocked err %v", name, h, err, qerr)
			}
		})
	}
	b.Locked(func() {
		h, err := engineOf(s).CompileStat(good)
		if err != nil {
			t.Fatal(err)
		}
		if got := h.Buckets(time.Unix(0, 0), 0, nil); len(got) != 0 {
			t.Errorf("n=0 gave %v", got)
		}
	})
}
