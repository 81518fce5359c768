package cputime

import (
	"runtime"
	"testing"
)

func TestProcessAdvancesWithWork(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" || runtime.GOOS == "js" {
		t.Skip("CPU time not read on this platform")
	}
	start := Process()
	x := 0
	for i := 0; Process()-start <= 0 && i < 1e9; i++ {
		x += i % 7
	}
	if Process() <= start {
		t.Fatalf("CPU time did not advance (%d)", x)
	}
}
