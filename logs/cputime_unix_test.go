//go:build unix

package logs_test

import "syscall"

// processCPUTime returns the user+system CPU time this process has used, in nanoseconds. The
// benchmarks report it next to wall time because the benchmark machine is shared: on a loaded
// machine wall time per operation overstates the engine's cost.
func processCPUTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
