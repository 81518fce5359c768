// Package alarmstest is a property-testing kit for CloudWatch alarm logic: rapid generators for
// alarm definitions and metric series with gaps, a pure evaluation timeline that needs no
// simulator, assertions such as "this alarm fires within 5 minutes of the outage" and "this alarm
// never flaps under this noise", and go-cmp options for alarm states and histories.
//
// The assertions take a [TB], which both *testing.T and *rapid.T satisfy: inside rapid.Check a
// failing assertion shrinks to a minimal counterexample (a shortest series, smallest values, fewest
// gaps) and rapid saves it under testdata/rapid/.
//
// # Timelines
//
//   - [Timeline] evaluates an alarm every minute (every 10 s for high-resolution periods) over raw samples.
//   - [Transition] is one state change; [StateAt] reads the state at a time.
//
// # Assertions
//
//   - [FiresWithin], [FirstStateWithin]: the alarm is in ALARM within a delay of an event.
//   - [NeverFires]: the alarm never enters ALARM.
//   - [NeverFlaps], [AtMostTransitions]: stability under noise.
//
// # Generators (pgregory.net/rapid)
//
//   - [Definition]: valid static-threshold alarm definitions for the pure evaluator.
//   - [PutMetricAlarmInput]: valid PutMetricAlarm inputs for the simulator.
//   - [Buckets]: evaluation ranges with missing periods.
//   - [Series] with [SeriesOptions]: regular raw series with gaps.
//
// # go-cmp options
//
//   - [IgnoreReasonText], [IgnoreTimestamps], [EquateTimesWithin], [StateOnly], [SortHistory].
package alarmstest
