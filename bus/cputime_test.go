//go:build unix

package bus

import (
	"syscall"
	"testing"
	"time"
)

// processCPU returns the CPU time (user + system, all threads) the process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// cpuMeter reports CPU time per operation beside wall time, because wall time on a shared machine
// includes waiting for a core. Call it after ResetTimer; it reports when the benchmark ends.
func cpuMeter(b *testing.B, unit string) {
	start := processCPU()
	b.Cleanup(func() {
		cpu := processCPU() - start
		if cpu > 0 && b.N > 0 {
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
			if unit != "" {
				b.ReportMetric(float64(b.N)/cpu.Seconds(), unit+"/cpu-s")
			}
		}
	})
}
