package bus

import (
	"testing"

	"github.com/watchsim/watchsim/internal/cputime"
)

// cpuMeter reports CPU time per operation beside wall time, because wall time on a shared machine
// includes waiting for a core. Call it after ResetTimer; it reports when the benchmark ends.
func cpuMeter(b *testing.B, unit string) {
	start := cputime.Process()
	b.Cleanup(func() {
		cpu := cputime.Process() - start
		if cpu > 0 && b.N > 0 {
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
			if unit != "" {
				b.ReportMetric(float64(b.N)/cpu.Seconds(), unit+"/cpu-s")
			}
		}
	})
}
