package metrics

import (
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/cputime"
)

// cpuMeter reports process CPU time per operation ("cpu-ns/op") next to the wall-clock ns/op.
type cpuMeter struct{ start time.Duration }

func startCPU(b *testing.B) *cpuMeter { b.ResetTimer(); return &cpuMeter{start: cputime.Process()} }

func (m *cpuMeter) report(b *testing.B) time.Duration {
	d := cputime.Process() - m.start
	if d > 0 {
		b.ReportMetric(float64(d.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
	return d
}

// BenchmarkPutMetricData measures batched ingest through the public operation (validation,
// bus.Call, identity lookup, storage). "datapoints/s" is the figure the issue targets (≥ 5 M/s).
func BenchmarkPutMetricData(b *testing.B) {
	for _, tc := range []struct {
		name      string
		perDatum  int // values per datum (1 = Value)
		datums    int
		metrics   int
		withCount bool
	}{
		{"Value/1000datums/10metrics", 1, 1000, 10, false},
		{"Value/1000datums/1metric", 1, 1000, 1, false},
		{"Values150/1000datums/10metrics", 150, 1000, 10, false},
		{"Values150Counts/1000datums/10metrics", 150, 1000, 10, true},
	} {
		b.Run(tc.name, func(b *testing.B) {
			bb := bus.MustNew()
			s, _ := New(bb)
			bb.Advance(24 * time.Hour)
			now := bb.Now()
			in := &PutMetricDataInput{Namespace: "Bench"}
			for i := 0; i < tc.datums; i++ {
				d := MetricDatum{MetricName: "Latency", Unit: "Milliseconds", Timestamp: now.Add(-time.Duration(i%3600) * time.Second),
					Dimensions: []Dimension{{Name: "Service", Value: "svc" + strconv.Itoa(i%tc.metrics)}, {Name: "Host", Value: "h1"}}}
				if tc.perDatum == 1 {
					v := float64(i)
					d.Value = &v
				} else {
					for j := 0; j < tc.perDatum; j++ {
						d.Values = append(d.Values, float64(j))
						if tc.withCount {
							d.Counts = append(d.Counts, float64(j%3+1))
						}
					}
				}
				in.MetricData = append(in.MetricData, d)
			}
			points := tc.datums * tc.perDatum
			b.ReportAllocs()
			cpu := startCPU(b)
			for i := 0; i < b.N; i++ {
				// Start over with an empty service every ~2 M stored points so the benchmark measures
				// steady ingest, not an ever-growing heap (a test never holds gigabytes of data).
				if i > 0 && i%max(1, 2_000_000/points) == 0 {
					b.StopTimer()
					s.Close()
					s, _ = New(bb)
					b.StartTimer()
				}
				if _, err := s.PutMetricData(ctx, in); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(points)*float64(b.N)/b.Elapsed().Seconds(), "datapoints/s")
			if d := cpu.report(b); d > 0 {
				b.ReportMetric(float64(points)*float64(b.N)/d.Seconds(), "datapoints/cpu-s")
			}
		})
	}
}

// BenchmarkStoreBytesPerDatapoint reports the retained heap per stored raw datapoint (1 M points of
// one metric over a day, as PutMetricData stores them).
func BenchmarkStoreBytesPerDatapoint(b *testing.B) {
	for _, weighted := range []bool{false, true} {
		name := "Value"
		if weighted {
			name = "Weighted"
		}
		b.Run(name, func(b *testing.B) {
			const n = 1_000_000
			var perPoint float64
			for i := 0; i < b.N; i++ {
				runtime.GC()
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				st := newMetricStore()
				dims := []Dimension{{Name: "Service", Value: "api"}}
				for k := 0; k < n; k++ {
					w := 1.0
					if weighted {
						w = float64(k%3 + 1)
					}
					st.Add("Bench", "Latency", dims, "Milliseconds", int64(k)*86400/n, float64(k%1000), w, 0)
				}
				runtime.GC()
				runtime.ReadMemStats(&after)
				perPoint = float64(after.HeapAlloc-before.HeapAlloc) / n
				runtime.KeepAlive(st)
			}
			b.ReportMetric(perPoint, "bytes/datapoint")
		})
	}
}

// BenchmarkServiceBytesPerDatapoint reports the retained heap of a whole Service (store, metric
// identities, index) per datapoint stored through PutMetricData, for realistic shapes of data: the
// figure a user can plan with. One op builds the service and stores everything.
func BenchmarkServiceBytesPerDatapoint(b *testing.B) {
	for _, tc := range []struct {
		name             string
		metrics, points  int           // points per metric
		step             time.Duration // between a metric's points
		highRes, weights bool
	}{
		{"1metric/1M-over-a-day", 1, 1_000_000, 86400 * time.Second / 1_000_000, false, false},
		{"1000metrics/every-minute/1day", 1000, 1440, time.Minute, false, false},
		{"10000metrics/every-5min/1day", 10000, 288, 5 * time.Minute, false, false},
		{"100metrics/high-res-every-second/1h", 100, 3600, time.Second, true, false},
		{"1000metrics/every-minute/1day/weighted", 1000, 1440, time.Minute, false, true},
	} {
		b.Run(tc.name, func(b *testing.B) {
			var perPoint float64
			for i := 0; i < b.N; i++ {
				bb := bus.MustNew()
				bb.Advance(48 * time.Hour)
				start := bb.Now().Add(-24 * time.Hour)
				runtime.GC()
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				s, _ := New(bb)
				in := &PutMetricDataInput{Namespace: "Bench"}
				flush := func() {
					if _, err := s.PutMetricData(ctx, in); err != nil {
						b.Fatal(err)
					}
					in.MetricData = in.MetricData[:0]
				}
				names := make([]string, tc.metrics)
				for m := range names {
					names[m] = "svc" + strconv.Itoa(m)
				}
				for k := 0; k < tc.points; k++ {
					ts := start.Add(time.Duration(k) * tc.step)
					for m := 0; m < tc.metrics; m++ {
						v := float64((k*7 + m) % 1000)
						d := MetricDatum{MetricName: "Latency", Timestamp: ts, Dimensions: []Dimension{{Name: "Service", Value: names[m]}}}
						if tc.weights {
							d.Values, d.Counts = []float64{v}, []float64{float64(k%3 + 1)}
						} else {
							d.Value = &v
						}
						if tc.highRes {
							d.StorageResolution = 1
						}
						in.MetricData = append(in.MetricData, d)
						if len(in.MetricData) == MaxMetricDatums {
							flush()
						}
					}
				}
				if len(in.MetricData) > 0 {
					flush()
				}
				in = nil
				runtime.GC()
				runtime.ReadMemStats(&after)
				perPoint = float64(after.HeapAlloc-before.HeapAlloc) / float64(tc.metrics*tc.points)
				runtime.KeepAlive(s)
			}
			b.ReportMetric(perPoint, "bytes/datapoint")
		})
	}
}

// loadDay stores n datapoints of one metric spread over the day before now (standard resolution).
func loadDay(tb testing.TB, s *Service, bb *bus.Bus, name string, n int) time.Time {
	start := bb.Now().Add(-24 * time.Hour).Truncate(time.Minute)
	perMinute := n / 1440
	var batch []MetricDatum
	flush := func() {
		if _, err := s.PutMetricData(ctx, &PutMetricDataInput{Namespace: "Bench", MetricData: batch}); err != nil {
			tb.Fatal(err)
		}
		batch = batch[:0]
	}
	for m := 0; m < 1440; m++ {
		left := perMinute
		for left > 0 {
			k := min(left, 150)
			vals := make([]float64, k)
			for j := range vals {
				vals[j] = float64((m*7919 + j*104729) % 1000)
			}
			batch = append(batch, MetricDatum{MetricName: name, Values: vals, Timestamp: start.Add(time.Duration(m) * time.Minute)})
			left -= k
			if len(batch) == 1000 {
				flush()
			}
		}
	}
	if len(batch) > 0 {
		flush()
	}
	return start
}

// BenchmarkGetMetricStatistics: the five statistics and p99 over 1 M datapoints of one metric,
// 1-minute period over one day (target ≤ 20 ms).
func BenchmarkGetMetricStatistics(b *testing.B) {
	bb := bus.MustNew()
	s, _ := New(bb)
	bb.Advance(48 * time.Hour)
	start := loadDay(b, s, bb, "Latency", 1_000_800)
	in := &GetMetricStatisticsInput{Namespace: "Bench", MetricName: "Latency", StartTime: start, EndTime: start.Add(24 * time.Hour), Period: 60,
		Statistics: []string{"SampleCount", "Average", "Sum", "Minimum", "Maximum"}, ExtendedStatistics: []string{"p99"}}
	b.ReportAllocs()
	cpu := startCPU(b)
	for i := 0; i < b.N; i++ {
		out, err := s.GetMetricStatistics(ctx, in)
		if err != nil || len(out.Datapoints) != 1440 {
			b.Fatal(err, len(out.Datapoints))
		}
	}
	cpu.report(b)
}

// BenchmarkGetMetricData: 100 MetricStat queries and 10 expressions over a day of 1-minute data
// (target ≤ 50 ms).
func BenchmarkGetMetricData(b *testing.B) {
	bb := bus.MustNew()
	s, _ := New(bb)
	bb.Advance(48 * time.Hour)
	start := bb.Now().Add(-24 * time.Hour).Truncate(time.Minute)
	var batch []MetricDatum
	for q := 0; q < 100; q++ {
		for m := 0; m < 1440; m++ {
			v := float64((q*31 + m*17) % 100)
			batch = append(batch, MetricDatum{MetricName: "M" + strconv.Itoa(q), Value: &v, Timestamp: start.Add(time.Duration(m) * time.Minute)})
			if len(batch) == 1000 {
				if _, err := s.PutMetricData(ctx, &PutMetricDataInput{Namespace: "Bench", MetricData: batch}); err != nil {
					b.Fatal(err)
				}
				batch = batch[:0]
			}
		}
	}
	if len(batch) > 0 {
		s.PutMetricData(ctx, &PutMetricDataInput{Namespace: "Bench", MetricData: batch})
	}
	var qs []MetricDataQuery
	stats := []string{"Average", "Sum", "Maximum", "p90"}
	for q := 0; q < 100; q++ {
		qs = append(qs, MetricDataQuery{Id: "m" + strconv.Itoa(q), MetricStat: &MetricStat{Metric: Metric{Namespace: "Bench", MetricName: "M" + strconv.Itoa(q)}, Period: 60, Stat: stats[q%len(stats)]}})
	}
	for i, e := range []string{"m0 + m1", "SUM(METRICS())", "RATE(m5)", "IF(m3 > 50, m3, 0)", "FILL(m7, 0)", "AVG(METRICS())",
		"MAX(METRICS())", "m1 / m2 * 100", "DIFF(m9)", "RUNNING_SUM(m10)"} {
		qs = append(qs, MetricDataQuery{Id: "e" + strconv.Itoa(i), Expression: e})
	}
	// All 110 results hold 158,400 values, more than the 100,800 one call returns: every query is
	// fully evaluated and the response is cut (PartialData; no NextToken with expressions).
	b.Run("AllReturned", func(b *testing.B) {
		in := &GetMetricDataInput{StartTime: start, EndTime: start.Add(24 * time.Hour), MetricDataQueries: qs}
		b.ReportAllocs()
		cpu := startCPU(b)
		for i := 0; i < b.N; i++ {
			out, err := s.GetMetricData(ctx, in)
			if err != nil || out.MetricDataResults[70].StatusCode != StatusPartialData || len(out.MetricDataResults) != 71 {
				b.Fatal(err, len(out.MetricDataResults))
			}
		}
		cpu.report(b)
	})
	b.Run("ExpressionsReturned", func(b *testing.B) {
		hidden := false
		q2 := append([]MetricDataQuery(nil), qs...)
		for i := 0; i < 100; i++ {
			q2[i].ReturnData = &hidden
		}
		in := &GetMetricDataInput{StartTime: start, EndTime: start.Add(24 * time.Hour), MetricDataQueries: q2}
		b.ReportAllocs()
		cpu := startCPU(b)
		for i := 0; i < b.N; i++ {
			out, err := s.GetMetricData(ctx, in)
			if err != nil || out.NextToken != "" || len(out.MetricDataResults) != 10 {
				b.Fatal(err, len(out.MetricDataResults))
			}
		}
		cpu.report(b)
	})
}

// BenchmarkIdentityLookup measures the metric identity lookup alone (10 metrics, 2 dimensions).
func BenchmarkIdentityLookup(b *testing.B) {
	st := newMetricStore()
	dims := make([][]Dimension, 10)
	for i := range dims {
		dims[i] = []Dimension{{Name: "Service", Value: "svc" + strconv.Itoa(i)}, {Name: "Host", Value: "h1"}}
		st.entry("Bench", "Latency", dims[i], true)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if st.entry("Bench", "Latency", dims[i%10], false) == nil {
			b.Fatal("missing")
		}
	}
}
