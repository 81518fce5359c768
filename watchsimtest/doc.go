// Package watchsimtest helps tests use a watchsim simulator: [New] builds one bound to a test, closes
// it when the test ends, and prints the simulator's timeline when the test fails; the pictures of
// its alarms can be written beside it.
//
// # Index
//
//   - [New]: a simulator with a timeline, closed by t.Cleanup, its timeline logged if t failed.
//   - Alarm pictures: [AlarmChart] draws an alarm as the CloudWatch console shows it (its metric,
//     threshold, state bands from its history, missing datapoints, actions; a composite alarm's
//     children as lanes) with package metrics/widgetimage; [WriteAlarmPicture] writes it as SVG and
//     PNG; [PicturesOnFailure] writes it when a test fails and logs the paths beside the timeline
//     (kept in $WATCHSIM_PICTURES, [PicturesEnv], or with go test -artifacts).
package watchsimtest
