//go:build !unix

package filterpattern

// processCPUTime is not measured on this platform.
func processCPUTime() int64 { return 0 }
