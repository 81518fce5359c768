package events

import (
	"syscall"
	"time"
)

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
