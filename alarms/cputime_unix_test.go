//go:build unix

package alarms_test

import (
	"syscall"
	"time"
)

// processCPU returns the user+system CPU time the process has used (all threads, GC included).
// Benchmarks report it per operation because wall time on a shared machine includes waiting for a
// core.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
