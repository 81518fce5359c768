// Package events is watchsim's Amazon EventBridge service: event buses, rules with event patterns
// and schedules, targets delivered by ARN with input transformation, retries and dead-letter
// queues, PutEvents, archives and replays, and the AWS/Events metrics — all on the simulation
// clock of a [bus.Bus]. Operations, shapes, limits and error texts are those of the EventBridge API
// reference (https://docs.aws.amazon.com/eventbridge/latest/APIReference/); member names are
// PascalCase, as there.
//
// Create it with [New] (or use watchsim.New, which wires it as Simulator.Events). Every method is
// safe for concurrent use; every operation goes through bus.Call, so it is recorded, refuses a nil
// ctx and a closed bus, and treats a nil input as an empty one. Events that other simulated
// services publish on bus.Events (the alarms' "CloudWatch Alarm State Change", …) arrive on the
// default bus and are routed like any other.
//
// # Event buses
//
//   - [Service.CreateEventBus], [Service.DeleteEventBus], [Service.DescribeEventBus],
//     [Service.ListEventBuses], [Service.UpdateEventBus]; the bus "default" exists from the start
//     ([DefaultBusName]). Dead-letter queue and KMS key stored; partner buses are not simulated.
//   - Resource policies: [Service.PutPermission], [Service.RemovePermission] (kept and returned, never
//     enforced: one account is simulated).
//   - Tags: [Service.TagResource], [Service.UntagResource], [Service.ListTagsForResource] (rules and buses).
//   - A bus's ARN is a delivery target: a rule of another bus forwards events to it, but an event
//     forwarded once is not forwarded to a third bus.
//
// # Events
//
//   - [Service.PutEvents]: up to 10 entries, the size limit as AWS computes it ([WithMaxEntrySize]:
//     1 MiB, or [ClassicMaxEntrySize]), per-entry InvalidArgument / MalformedDetail /
//     NotAuthorizedForSourceException, the envelope in AWS's member order.
//   - [Service.TestEventPattern], with the engine every rule uses
//     ([github.com/watchsim/watchsim/events/eventpattern]).
//
// # Rules and targets
//
//   - [Service.PutRule] (create or replace), [Service.DescribeRule], [Service.DeleteRule],
//     [Service.ListRules], [Service.EnableRule], [Service.DisableRule],
//     [Service.ListRuleNamesByTarget]; states [StateEnabled], [StateDisabled] and
//     [StateEnabledWithAllCloudTrailManagementEvt]; [WithMaxRulesPerBus]. One compiled matcher per
//     bus, updated as rules change; routing reuses its buffers and does not allocate per match.
//   - Schedules (default bus only): rate and cron expressions parsed by
//     [github.com/watchsim/watchsim/events/schedule]; one bus timer per group of enabled rules that
//     fire at the same instants (same cron expression, or same rate and creation time), set to their
//     next firing; "Scheduled Event" envelopes rendered from a per-rule template.
//   - [Service.PutTargets], [Service.RemoveTargets], [Service.ListTargetsByRule]: at most 5 per rule;
//     Input, InputPath and InputTransformer compiled by
//     [github.com/watchsim/watchsim/events/transform]; SqsParameters (FIFO MessageGroupId),
//     KinesisParameters (PartitionKeyPath), [RetryPolicy], [DeadLetterConfig]. Parameter blocks of
//     target types watchsim does not deliver to are refused as not simulated.
//   - Delivery: after the call's work, by ARN through the bus; retriable failures are retried with
//     exponential backoff and seeded jitter until the RetryPolicy runs out, then sent to the
//     target's (or the bus's) dead-letter queue with the documented attributes; see the
//     [ErrorCodeNoResource] family for ERROR_CODE values.
//
// # Archives and replays
//
//   - [Service.CreateArchive], [Service.DescribeArchive], [Service.UpdateArchive],
//     [Service.DeleteArchive], [Service.ListArchives]: pattern, retention on the clock, EventCount and
//     SizeBytes; replayed events are never archived.
//   - [Service.StartReplay], [Service.CancelReplay], [Service.DescribeReplay], [Service.ListReplays]:
//     one minute of event time per minute, "replay-name" in the envelope, at most
//     [MaxActiveReplays] active.
//
// # Metrics and changes
//
//   - The AWS/Events metrics ([UsageNamespace]) go to CloudWatch per minute of activity.
//   - Every bus, rule and archive change is published on bus.ResourceChanges
//     (AWS::Events::EventBus, AWS::Events::Rule, AWS::Events::Archive).
//
// # Not simulated
//
// API destinations and connections, global endpoints, partner event sources, EventBridge Pipes and
// Scheduler: the operations that exist here ([Service.CreateApiDestination],
// [Service.CreateConnection], [Service.CreateEndpoint], [Service.CreatePartnerEventSource],
// [Service.PutPartnerEvents], [Service.ListEventSources]) return a NotSimulated error naming the gap.
//
// The design notes, with every [derived] choice, are in docs/events.md.
package events
