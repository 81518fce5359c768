// Package watchsimtest helps tests use a watchsim simulator: [New] builds one bound to a test, closes
// it when the test ends, and prints the simulator's timeline when the test fails; the pictures of
// its alarms can be written beside it.
//
// # Index
//
//   - [New]: a simulator with a timeline, closed by t.Cleanup, its timeline logged if t failed.
//   - Alarm pictures: package watchsimtest/pictures (pictures.OnFailure(t, sim, "MyAlarm") after
//     New) writes, when the test fails, the picture of each named alarm beside the timeline: its
//     metric, threshold, state bands, missing datapoints and actions, as SVG and PNG. It is a
//     separate package so that tests which never draw do not link the plotting library.
package watchsimtest
