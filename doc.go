// Package watchsim simulates the AWS monitoring and audit model — CloudWatch metrics and alarms,
// CloudWatch Logs, EventBridge, CloudTrail and AWS Config — in one Go process, on virtual time.
//
// [New] builds one simulated account and region on one [bus.Bus]: time stands still until
// [Simulator.Advance] moves it, and everything due — alarm evaluations, scheduled work, deliveries to
// targets — runs synchronously and deterministically in the caller's goroutine.
//
// # Index
//
//   - Building: [New], [WithStart], [WithAccount], [WithRegion], [WithSeed], [WithClock], [WithTimeline],
//     [WithMetricsOptions], [WithAlarmsOptions], [WithLogsOptions], [WithEventsOptions],
//     [WithTrailOptions], [WithConfigOptions]; a nil Option is an error.
//   - Time: [Simulator.Now], [Simulator.Advance], [Simulator.AdvanceTo], [Simulator.Clock].
//   - Observing: [Simulator.Timeline], [Timeline], [Entry]; package watchsimtest for tests.
//   - The kernel: package bus (scheduler, messages, dispatcher, delivery by ARN, errors).
//
// # Misuse
//
// Every operation of every service answers misuse the same way: a nil input is an empty input, a nil
// context.Context returns an error wrapping bus.ErrNilContext, and any call after [Simulator.Close]
// returns one wrapping bus.ErrClosed. Nothing panics on them.
package watchsim
