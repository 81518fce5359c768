// Package cputime reads the CPU time the process has used, for benchmarks that report CPU time per
// operation next to wall time: on a shared machine wall time overstates the code's cost while the
// process waits for a core.
//
// # Index
//
//   - [Process]: user + system CPU time of the whole process, all threads, GC included (0 where the
//     platform does not report it).
package cputime
