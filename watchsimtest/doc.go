// Package watchsimtest helps tests use a watchsim simulator: [New] builds one bound to a test, closes
// it when the test ends, and prints the simulator's timeline when the test fails.
//
// # Index
//
//   - [New]: a simulator with a timeline, closed by t.Cleanup, its timeline logged if t failed.
package watchsimtest
