// Package watchsim simulates the AWS monitoring and audit model — CloudWatch metrics and alarms,
// CloudWatch Logs, EventBridge, CloudTrail and AWS Config — in one Go process, on virtual time.
//
// [New] builds one simulated account and region on one [bus.Bus]: time stands still until
// [Simulator.Advance] moves it, and everything due — alarm evaluations, scheduled work, deliveries to
// targets — runs synchronously and deterministically in the caller's goroutine.
//
// # Index
//
//   - Building: [New], [WithStart], [WithAccount], [WithRegion], [WithSeed], [WithClock], [WithTimeline].
//   - Time: [Simulator.Now], [Simulator.Advance], [Simulator.AdvanceTo], [Simulator.Clock].
//   - Observing: [Simulator.Timeline], [Timeline], [Entry]; package watchsimtest for tests.
//   - The kernel: package bus (scheduler, messages, dispatcher, delivery by ARN, errors).
package watchsim
