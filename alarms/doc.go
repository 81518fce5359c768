// Package alarms simulates CloudWatch metric and composite alarms on virtual time: the evaluation
// algorithm exactly as CloudWatch documents it (M-of-N, the evaluation range, the four
// TreatMissingData modes, the premature-alarm rule, percentile alarms with few samples), AWS reason
// texts and reason data, actions delivered by ARN, history, and the EventBridge alarm events.
//
// It has two layers. The pure evaluator needs no simulator: give it an alarm [Definition], the
// buckets of the evaluation range and the previous state, and it returns the new state with the
// StateReason and StateReasonData AWS would write. The [Service] runs alarms inside a simulator,
// reading metric data from the metrics service, on the bus's virtual clock. The companion package
// alarmstest is a property-testing kit built on the pure evaluator.
//
// Comments cite their source: [API] is the CloudWatch API reference
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/), [UG:page] the CloudWatch
// User Guide page https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/page.html,
// [field] a public report of AWS's behaviour, and [derived] a choice where AWS is silent (with why).
//
// # Pure evaluator
//
//   - [Evaluate], [Config.Evaluate]: one evaluation; [Result] with [Result.Reason] and [Result.ReasonData].
//   - [Definition], [DefinitionOf]: the part of an alarm the evaluator reads.
//   - [Bucket]: one period of the evaluation range; [Sample], [Config.BucketsFromSamples] and
//     [Config.EvaluateSamples] build buckets from raw datapoints.
//   - [Config]: the [derived] choices AWS does not document — [DefaultRangeSize] (K = N + max(⌊N/3⌋, 2)),
//     [PartialBreachingState], [LowSampleMode] — and the percentile definition raw samples are
//     aggregated with (Config.PercentileMethod, nearest rank by default).
//   - [EvaluationInterval], [RangeEnd], [RangeStarts]: the timing model (every minute, every 10 s for
//     high-resolution alarms; the newest bucket ends at the last whole minute).
//   - [Outcome]: which rule of the algorithm decided.
//
// # Composite rules
//
//   - [ParseRule], [Rule]: the AlarmRule language (ALARM/OK/INSUFFICIENT_DATA, TRUE, FALSE, AND, OR,
//     NOT, parentheses, AT_LEAST) with AWS's error messages and limits ([MaxAlarmRuleLength],
//     [MaxAlarmRuleElements], [MaxAlarmRuleChildren]).
//   - Cycles (a rule naming its own alarm, A → B → A) are accepted, as AWS accepts them; a composite
//     on a cycle is no longer evaluated (it keeps its state; SetAlarmState still sets it) and cannot
//     be deleted until a rule change breaks the cycle ([API] DeleteAlarms, PutCompositeAlarm).
//
// # Service
//
//   - [New] (a bus and the *metrics.Service on it), [Option] ([WithConfig], [WithScheduling],
//     [WithMaxAlarms], [WithHistoryRetention]); options validate their arguments and a nil Option is
//     an error. [Service.Config] is the evaluator configuration in effect (its PercentileMethod comes
//     from the metrics service), for reproducing the service with the pure evaluator or
//     alarmstest.Timeline.
//   - Reading metrics: through the metrics service's query engine (internal, not part of the API).
//     Alarms on one metric read a compiled MetricStat without per-evaluation query building or
//     allocation; metric-math alarms evaluate their queries. Both give identical results
//     (property-tested).
//   - Every operation follows the misuse rule of the project: a nil input is an empty input, a nil
//     context, or a call after the bus is closed, is an error; none panics.
//   - Operations: [Service.PutMetricAlarm], [Service.PutCompositeAlarm], [Service.DeleteAlarms],
//     [Service.DescribeAlarms], [Service.DescribeAlarmsForMetric], [Service.DescribeAlarmHistory],
//     [Service.SetAlarmState], [Service.EnableAlarmActions], [Service.DisableAlarmActions],
//     [Service.TagResource], [Service.UntagResource], [Service.ListTagsForResource],
//     [Service.PutAnomalyDetector] (not simulated).
//   - [Scheduling]: [Lazy] evaluation (only when the result can change) is proven identical to
//     [EveryTick] evaluation by a property test; idle alarms cost nothing while time advances.
//   - Effects of a transition: a StateUpdate history item, a [bus.AlarmStateChange] on
//     bus.AlarmStateChanges, a "CloudWatch Alarm State Change" event on bus.Events, and (if actions
//     are enabled and not suppressed) one delivery per action ARN through Bus.Deliver — the AWS SNS
//     alarm notification JSON for SNS topics, the Lambda alarm payload otherwise — each recorded as
//     an Action history item.
//
// # Shapes and enums
//
// AWS shapes: [PutMetricAlarmInput], [PutCompositeAlarmInput], [MetricAlarm], [CompositeAlarm],
// [AlarmHistoryItem], [MetricDataQuery], [MetricStat], [Metric], [Dimension], [Tag] and the other
// operation inputs and outputs. Enums: [StateValue], [ComparisonOperator], [TreatMissingData],
// [AlarmType], [HistoryItemType], [ActionsSuppressedBy], [ScanBy].
//
// # Formats
//
// Numbers in reasons print as CloudWatch (Java) prints them ("50.0", "1.0E8");
// [FormatReasonDataTime] and the layouts [ReasonDataTime], [ReasonTextTime], [CompositeReasonTime]
// format times. Every shape marshals with encoding/json; the input shapes write a non-finite double
// as the AWS JSON protocol does ("NaN", "Infinity").
//
// # Not simulated
//
// Anomaly detection (PutAnomalyDetector, ANOMALY_DETECTION_BAND alarms), PromQL alarms
// (EvaluationCriteria), WallClockWindow evaluation windows, log alarms, alarm mute rules and
// cross-account queries return the typed not-simulated error (bus.NotSimulated). Auto Scaling actions
// are re-delivered every minute while the state lasts, as AWS does ([UG:AlarmThatSendsEmail]).
package alarms
