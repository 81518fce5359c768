package eventpattern

// Micro-benchmarks of single patterns over 2,000 CityLots events (flattening dominates).

import (
	"syscall"
	"testing"
	"time"
)

func BenchmarkFlattenExact1(b *testing.B) {
	evs := cityLotsEvents(2000, 1)
	m := mustMatcher()
	m.AddPattern("x", `{"properties":{"STREET":["24TH"]}}`)
	var dst []string
	b.ResetTimer()
	c := cpuTime()
	for i := 0; i < b.N; i++ {
		dst, _ = m.AppendMatches(dst[:0], evs[i%len(evs)])
	}
	b.ReportMetric(float64((cpuTime()-c).Nanoseconds())/float64(b.N), "cpu-ns/op")
}
func BenchmarkFlattenAbsent(b *testing.B) {
	evs := cityLotsEvents(2000, 1)
	m := mustMatcher()
	m.AddPattern("x", `{"geometry":{"FOO":["x"]}}`)
	var dst []string
	b.ResetTimer()
	c := cpuTime()
	for i := 0; i < b.N; i++ {
		dst, _ = m.AppendMatches(dst[:0], evs[i%len(evs)])
	}
	b.ReportMetric(float64((cpuTime()-c).Nanoseconds())/float64(b.N), "cpu-ns/op")
}
func BenchmarkFlattenNumeric(b *testing.B) {
	evs := cityLotsEvents(2000, 1)
	m := mustMatcher()
	m.AddPattern("x", `{"geometry":{"coordinates":[-122.462852294185280]}}`)
	var dst []string
	b.ResetTimer()
	c := cpuTime()
	for i := 0; i < b.N; i++ {
		dst, _ = m.AppendMatches(dst[:0], evs[i%len(evs)])
	}
	b.ReportMetric(float64((cpuTime()-c).Nanoseconds())/float64(b.N), "cpu-ns/op")
}

// cpuTime returns the CPU time (user + system) the process has used. Benchmarks report events per
// CPU-second besides events per wall-second, because the benchmark machine is shared: wall time
// includes time the process waited for a core.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
