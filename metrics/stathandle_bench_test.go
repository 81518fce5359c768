package metrics

import (
	"strconv"
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
)

// BenchmarkAlarmRead compares the two ways the alarms service reads one evaluation range (5
// buckets of 60 s, the default range of an alarm with 3 evaluation periods) of a single metric:
// QueryLocked with a one-MetricStat query, and the fast path StatBucketsLocked with a compiled
// handle. The store holds 100 metrics with a day of 1-minute data; each op reads the next metric at
// the next minute.
func BenchmarkAlarmRead(b *testing.B) {
	const metrics, minutes = 100, 1440
	bb := bus.MustNew()
	s, _ := New(bb)
	bb.Advance(48 * time.Hour)
	t0 := bb.Now().Add(-24 * time.Hour).Truncate(time.Hour)
	for m := 0; m < minutes; m++ {
		in := &PutMetricDataInput{Namespace: "Bench"}
		for i := 0; i < metrics; i++ {
			v := float64(50 + (m*7+i*13)%40)
			in.MetricData = append(in.MetricData, MetricDatum{MetricName: "M" + strconv.Itoa(i), Value: &v,
				Timestamp: t0.Add(time.Duration(m) * time.Minute)})
		}
		if _, err := s.PutMetricData(ctx, in); err != nil {
			b.Fatal(err)
		}
	}
	for _, stat := range []string{"Average", "p99"} {
		stats := make([]MetricStat, metrics)
		for i := range stats {
			stats[i] = MetricStat{Metric: Metric{Namespace: "Bench", MetricName: "M" + strconv.Itoa(i)}, Period: 60, Stat: stat}
		}
		b.Run("QueryLocked/"+stat, func(b *testing.B) {
			qs := make([][]MetricDataQuery, metrics)
			for i := range qs {
				qs[i] = []MetricDataQuery{{Id: "m", MetricStat: &stats[i]}}
			}
			b.ReportAllocs()
			cpu := startCPU(b)
			n := 0
			bb.Locked(func() {
				for i := 0; i < b.N; i++ {
					start := t0.Add(time.Duration(i%(minutes-5)) * time.Minute)
					res, err := s.queryLocked(qs[i%metrics], start, start.Add(5*time.Minute))
					if err != nil {
						b.Fatal(err)
					}
					n += len(res[0].Values)
				}
			})
			cpu.report(b)
			if n == 0 {
				b.Fatal("no values read")
			}
		})
		b.Run("StatBucketsLocked/"+stat, func(b *testing.B) {
			hs := make([]*statHandle, metrics)
			bb.Locked(func() {
				for i := range hs {
					var err error
					if hs[i], err = s.compileStat(stats[i]); err != nil {
						b.Fatal(err)
					}
				}
			})
			var dst []bucketValue
			b.ReportAllocs()
			cpu := startCPU(b)
			n := 0
			bb.Locked(func() {
				for i := 0; i < b.N; i++ {
					start := t0.Add(time.Duration(i%(minutes-5)) * time.Minute)
					dst = s.statBuckets(hs[i%metrics], start, 5, dst)
					for _, v := range dst {
						if v.OK {
							n++
						}
					}
				}
			})
			cpu.report(b)
			if n == 0 {
				b.Fatal("no values read")
			}
		})
	}
}
