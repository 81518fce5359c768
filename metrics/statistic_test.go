package metrics

import (
	"errors"
	"math"
	"testing"
	"time"
)

func TestParseExtendedStatisticValid(t *testing.T) {
	cases := []struct {
		in   string
		kind StatKind
		p    float64
		lo   Bound
		hi   Bound
	}{
		{"p99", StatPercentile, 99, Bound{}, Bound{}},
		{"p0", StatPercentile, 0, Bound{}, Bound{}},
		{"p100", StatPercentile, 100, Bound{}, Bound{}},
		{"p95.0123456789", StatPercentile, 95.0123456789, Bound{}, Bound{}},
		{"p99.9", StatPercentile, 99.9, Bound{}, Bound{}},
		{"tm99", StatTrimmedMean, 0, Bound{}, Bound{true, 99, true}},
		{"wm90", StatWinsorizedMean, 0, Bound{}, Bound{true, 90, true}},
		{"tc90", StatTrimmedCount, 0, Bound{}, Bound{true, 90, true}},
		{"ts90", StatTrimmedSum, 0, Bound{}, Bound{true, 90, true}},
		{"TM(10%:90%)", StatTrimmedMean, 0, Bound{true, 10, true}, Bound{true, 90, true}},
		{"TM(:95%)", StatTrimmedMean, 0, Bound{}, Bound{true, 95, true}},
		{"TS(80%:)", StatTrimmedSum, 0, Bound{true, 80, true}, Bound{}},
		{"TC(80:500)", StatTrimmedCount, 0, Bound{true, 80, false}, Bound{true, 500, false}},
		{"TC(:0.5)", StatTrimmedCount, 0, Bound{}, Bound{true, 0.5, false}},
		{"PR(:300)", StatPercentileRank, 0, Bound{}, Bound{true, 300, false}},
		{"PR(100:2000)", StatPercentileRank, 0, Bound{true, 100, false}, Bound{true, 2000, false}},
		{"WM(25%:75%)", StatWinsorizedMean, 0, Bound{true, 25, true}, Bound{true, 75, true}},
		{"IQM", StatTrimmedMean, 0, Bound{true, 25, true}, Bound{true, 75, true}},
	}
	for _, c := range cases {
		st, err := ParseExtendedStatistic(c.in)
		if err != nil {
			t.Errorf("%s: %v", c.in, err)
			continue
		}
		if st.Kind != c.kind || st.P != c.p || st.Lo != c.lo || st.Hi != c.hi || st.Name != c.in || !st.Extended() {
			t.Errorf("%s: got %+v", c.in, st)
		}
	}
}

func TestParseExtendedStatisticInvalid(t *testing.T) {
	for _, in := range []string{
		"", "p", "P99", "p100.1", "p101", "p99.12345678901", "p-1", "p.5", "p5.", "pp9", "p9x",
		"TM99", "tm", "tm0", "tm101", "Tm99", "tm(10%:90%)", "TM()", "TM(:)", "TM(10%:90%", "TM(90%:10%)",
		"TM(10:10)", "PR(10%:90%)", "XX(1:2)", "TM(1:2:3)", "TM(a:b)", "TM(101%:)", "IQR", "iqm", "Sum", "p 99",
		"TC(10%%:20%)", "p1e2",
	} {
		if st, err := ParseExtendedStatistic(in); err == nil {
			t.Errorf("%q: accepted as %+v", in, st)
		} else if !errors.Is(err, ErrInvalidStatistic) {
			t.Errorf("%q: error does not wrap ErrInvalidStatistic: %v", in, err)
		}
	}
}

func TestParseStatisticBasic(t *testing.T) {
	for _, n := range BasicStatistics() {
		st, err := ParseStatistic(n)
		if err != nil || st.Extended() || st.Name != n {
			t.Errorf("%s: %+v %v", n, st, err)
		}
	}
	if _, err := ParseStatistic("average"); err == nil {
		t.Error("statistic names are case-sensitive")
	}
}

func mustStat(t testing.TB, s string) Statistic {
	t.Helper()
	st, err := ParseStatistic(s)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func approx(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

// TV-STAT-1..4 on the pure Accumulator.
func TestBucketBasicVectors(t *testing.T) {
	type want struct{ n, sum, min, max, avg float64 }
	check := func(name string, b *Accumulator, w want) {
		t.Helper()
		got := func(s string) float64 { v, _ := b.Value(mustStat(t, s), NearestRank); return v }
		if got("SampleCount") != w.n || got("Sum") != w.sum || got("Minimum") != w.min || got("Maximum") != w.max || !approx(got("Average"), w.avg) {
			t.Errorf("%s: n=%v sum=%v min=%v max=%v avg=%v", name, got("SampleCount"), got("Sum"), got("Minimum"), got("Maximum"), got("Average"))
		}
	}
	var b1 Accumulator // TV-STAT-1
	b1.Add(11)
	b1.AddSet(10, 55, 1, 10)
	check("TV-STAT-1", &b1, want{11, 66, 1, 11, 6})
	var b2 Accumulator // TV-STAT-2
	b2.AddCount(1, 2)
	b2.AddCount(10, 4)
	check("TV-STAT-2", &b2, want{6, 42, 1, 10, 7})
	var b3 Accumulator // TV-STAT-3
	for i := 0; i < 10; i++ {
		b3.Add(float64(i))
	}
	check("TV-STAT-3", &b3, want{10, 45, 0, 9, 4.5})
	var b4 Accumulator // TV-STAT-4
	for _, v := range []float64{2, 4, 5} {
		b4.Add(v)
	}
	check("TV-STAT-4", &b4, want{3, 11, 2, 5, 3.6666666666666665})
	if v, _ := b4.Value(mustStat(t, "Average"), NearestRank); v != 3.6666666666666665 {
		t.Errorf("TV-STAT-4 average %v", v)
	}
}

func TestExtendedStatistics(t *testing.T) {
	vals := func() []float64 { // 1..100
		var out []float64
		for i := 100; i >= 1; i-- {
			out = append(out, float64(i))
		}
		return out
	}
	cases := []struct {
		stat string
		m    PercentileMethod
		want float64
	}{
		{"p50", NearestRank, 50}, {"p99", NearestRank, 99}, {"p100", NearestRank, 100}, {"p0", NearestRank, 1},
		{"p99.5", NearestRank, 100}, {"p1", NearestRank, 1}, {"p10.5", NearestRank, 11},
		{"p50", Linear, 50.5}, {"p0", Linear, 1}, {"p100", Linear, 100},
		{"tm90", NearestRank, 45.5}, {"TM(10%:90%)", NearestRank, 50.5}, {"IQM", NearestRank, 50.5},
		{"tc90", NearestRank, 90}, {"ts90", NearestRank, 4095}, {"TC(80:90)", NearestRank, 10},
		{"TS(80:90)", NearestRank, 855}, {"TC(:0.5)", NearestRank, 0}, {"PR(:30)", NearestRank, 30},
		{"PR(50:60)", NearestRank, 10}, {"TM(50:)", NearestRank, 75.5},
		{"WM(10%:90%)", NearestRank, 50.5}, {"wm90", NearestRank, (4095 + 10*90) / 100.0},
		{"WM(10:20)", NearestRank, (10*10 + 155 + 80*20) / 100.0},
	}
	for _, c := range cases {
		var b Accumulator
		for _, v := range vals() {
			b.Add(v)
		}
		got, ok := b.Value(mustStat(t, c.stat), c.m)
		if !ok || !approx(got, c.want) {
			t.Errorf("%s (%v): got %v ok=%v want %v", c.stat, c.m, got, ok, c.want)
		}
	}
}

func TestExtendedAvailability(t *testing.T) {
	p99 := mustStat(t, "p99")
	var neg Accumulator
	neg.Add(5)
	neg.Add(-1)
	if _, ok := neg.Value(p99, NearestRank); ok {
		t.Error("percentile available with a negative value")
	}
	if v, ok := neg.Value(mustStat(t, "Sum"), NearestRank); !ok || v != 4 {
		t.Error("Sum unavailable with a negative value")
	}
	var set Accumulator
	set.AddSet(10, 55, 1, 10) // not uniform
	if _, ok := set.Value(p99, NearestRank); ok {
		t.Error("percentile available for a non-uniform statistic set")
	}
	var uni Accumulator
	uni.AddSet(4, 20, 5, 5) // four copies of 5
	uni.Add(7)
	if v, ok := uni.Value(mustStat(t, "p50"), NearestRank); !ok || v != 5 {
		t.Errorf("uniform set: %v %v", v, ok)
	}
	if v, ok := uni.Value(p99, NearestRank); !ok || v != 7 {
		t.Errorf("uniform set p99: %v %v", v, ok)
	}
	var one Accumulator
	one.AddSet(1, 3, 3, 3)
	if v, ok := one.Value(p99, NearestRank); !ok || v != 3 {
		t.Errorf("single set: %v %v", v, ok)
	}
	var empty Accumulator
	if _, ok := empty.Value(mustStat(t, "Sum"), NearestRank); ok {
		t.Error("empty bucket has a Sum")
	}
}

func TestWeightedPercentiles(t *testing.T) {
	var b Accumulator
	b.AddCount(1, 2)
	b.AddCount(10, 4) // TV-STAT-2 data: 1,1,10,10,10,10
	for _, c := range []struct {
		s    string
		want float64
	}{{"p33", 1}, {"p34", 10}, {"p0", 1}, {"p100", 10}, {"TC(:5)", 2}, {"PR(5:10)", 100 * 4 / 6.0}, {"TM(50%:)", 10}} {
		if got, ok := b.Value(mustStat(t, c.s), NearestRank); !ok || !approx(got, c.want) {
			t.Errorf("%s: %v %v", c.s, got, ok)
		}
	}
}

func TestComputeStatistic(t *testing.T) {
	v, ok := ComputeStatistic(mustStat(t, "p90"), []float64{5, 1, 3, 2, 4, 6, 7, 8, 9, 10}, NearestRank)
	if !ok || v != 9 {
		t.Errorf("p90 = %v", v)
	}
	if _, ok := ComputeStatistic(mustStat(t, "p90"), nil, NearestRank); ok {
		t.Error("p90 of nothing")
	}
}

func TestSelectK(t *testing.T) {
	for n := 1; n < 40; n++ {
		for k := 0; k < n; k++ {
			v := make([]float64, n)
			for i := range v {
				v[i] = float64((i * 7919) % n)
			}
			if got := selectK(v, k); got != float64(k) {
				t.Fatalf("n=%d k=%d got %v", n, k, got)
			}
		}
	}
}

// TestZeroCountAddsNothing: a Values member with Count 0 occurred zero times: it changes no
// statistic, not even Minimum or Maximum ([API] MetricDatum Counts).
func TestZeroCountAddsNothing(t *testing.T) {
	var b Accumulator
	b.Add(5)
	b.AddCount(100, 0)
	b.AddCount(-3, 0)
	if b.SampleCount != 1 || b.Minimum != 5 || b.Maximum != 5 || b.Sum != 5 || len(b.Values) != 1 {
		t.Errorf("after zero counts: %+v", b)
	}
	var empty Accumulator
	empty.AddCount(7, 0)
	empty.Add(2)
	if empty.Minimum != 2 || empty.Maximum != 2 {
		t.Errorf("zero count into an empty bucket: %+v", empty)
	}
	// The same through PutMetricData: Values [1, 100] with Counts [1, 0].
	s, b2 := newSvc(t)
	put(t, s, "App", MetricDatum{MetricName: "z", Values: []float64{1, 100}, Counts: []float64{1, 0}, Timestamp: b2.Now()})
	out := gms(t, s, GetMetricStatisticsInput{Namespace: "App", MetricName: "z", StartTime: b2.Now().Add(-time.Minute),
		EndTime: b2.Now().Add(time.Minute), Period: 60, Statistics: []string{"Maximum", "SampleCount"}})
	if len(out.Datapoints) != 1 || *out.Datapoints[0].Maximum != 1 || *out.Datapoints[0].SampleCount != 1 {
		t.Errorf("datapoints %+v", out.Datapoints)
	}
}

// TestAtRankClamps: ranks outside [1, n] read the first or the last sample.
func TestAtRankClamps(t *testing.T) {
	b := Accumulator{Values: []float64{1, 2, 3}, sorted: true}
	for r, want := range map[float64]float64{0: 1, 1: 1, 3: 3, 4: 3, 10: 3} {
		if got := b.atRank(r); got != want {
			t.Errorf("atRank(%v) = %v, want %v", r, got, want)
		}
	}
}
