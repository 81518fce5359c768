//go:build !unix

package insights

// processCPUTime is not measured on this platform.
func processCPUTime() int64 { return 0 }
