// Package bus is the kernel of watchsim: virtual time and its scheduler, typed messages, the API
// dispatcher every service operation goes through, account/region/ARN identity, seeded ids, delivery
// by ARN to sinks, and the AWS error type. It imports no service; every service imports it.
//
// # Index
//
// Building and identity:
//   - [New], [MustNew] with [WithStart], [WithAccount], [WithRegion], [WithSeed], [WithClock].
//   - [Bus.Account], [Bus.Region], [Bus.Partition], [Bus.ARN], [ParseARN], [ARN].
//   - Seeded ids and randomness: [Bus.UUID], [Bus.HexID], [Bus.Uint64], [Bus.Float64], [Bus.IntN].
//
// Time:
//   - [Bus.Now], [Bus.Advance], [Bus.AdvanceTo], [MaxTime]; real-time mode with [WithClock];
//     [Bus.Close] ends the simulation.
//   - Scheduled work: [Bus.Schedule], [Bus.After], [Bus.Every], [Timer] (Stop, Reset, When).
//   - [Bus.Clock]: a github.com/benbjohnson/clock Clock on simulation time for code under test.
//
// Messages:
//   - [Topic], [Publish], [Subscribe], [HasSubscribers], [Defer].
//   - The shared topics and types: [MetricDataIn], [MetricDataStored] ([MetricData], [MetricDatum]),
//     [AlarmStateChanges] ([AlarmStateChange]), [Events] ([Event]), [APICalls] ([APICall]),
//     [ResourceChanges] ([ResourceChange]), [Deliveries] ([Delivery]).
//
// Operations:
//   - [Call] with [Operation]; [RequestFrom], [Request]; [WithIdentity], [Identity], [Bus.IdentityFrom].
//   - State lock for scheduled work and handlers: [Bus.Locked].
//
// Delivery by ARN:
//   - [Bus.Deliver], [Payload], [Sink], [SinkFunc], [Bus.Register], [Bus.Unregister], [Bus.SinkFor].
//   - Fakes: [NewSNSTopic], [NewSQSQueue], [NewLambdaFunction], [NewKinesisStream], [NewFirehoseStream],
//     [NewS3Bucket]; [ReportDuration], [LambdaFunction.SetDuration], [LambdaFunction.SetReservedConcurrency],
//     [SQSQueue.SetDelaySeconds], [S3Bucket.PutMetricsConfiguration].
//
// Service metrics:
//   - [NewServiceMetric] ([ServiceMetric.Observe]), [NewSampler] ([Sampler.Wake], [SampleFunc],
//     [EveryMinute], [EveryFiveMinutes], [Daily]), [PublishMetricData], [ServiceMetricsSource].
//   - The fakes' namespaces: [SQSNamespace], [SNSNamespace], [LambdaNamespace], [KinesisNamespace],
//     [FirehoseNamespace], [S3Namespace].
//
// Errors:
//   - [Error] (satisfies smithy.APIError), [ClientError], [ClientErrorf], [ServerError], [ErrorCode];
//   - [NotSimulatedError], [NotSimulated], [NotSimulatedf], [IsNotSimulated].
//   - Misuse: [ErrNilContext], [ErrClosed], [ErrTimeRange], [ErrRealTime].
//
// # Time
//
// A virtual Bus (the default) stands still until Advance or AdvanceTo moves it. They run every piece
// of due work in (time, sequence) order in the caller's goroutine, with Now equal to the work's time,
// and return only when everything due up to the target has settled — including work and messages
// that the work itself scheduled or published. A jump with nothing due costs O(1), whatever its length.
// Moving backwards is an error, and so is moving past [MaxTime] (2262-04-11, the end of Unix
// nanoseconds); work due after MaxTime stays pending and never runs. With [WithClock] the Bus follows a clock instead: a goroutine started
// by New runs due work as that clock reaches it, until Close. Under testing/synctest,
// WithClock(clock.New()) gives fake time that advances when the bubble is idle.
//
// # Concurrency contract
//
// Every exported function and method is safe for concurrent use. The Bus has one state lock: [Call]
// holds it while an operation's fn runs, and [Bus.Locked] takes it for scheduled work and handlers
// that touch service state. The lock is never held while scheduled work, message handlers, deferred
// work, sinks or user callbacks run, so these may call any service method: a Lambda fake invoked by
// an alarm action may put metric data, and an SNS fan-out may deliver to a queue. Inside fn or Locked,
// code may only change state, publish, defer and schedule; calling another operation there — with the
// fn's ctx or any other — panics with an explanation instead of deadlocking.
//
// # Misuse
//
// One rule, in every service: an operation never panics on misuse. A nil *XxxInput is an empty input
// (as the AWS SDK for Go v2 sends it), answered as AWS answers it; a nil context.Context returns an
// error wrapping [ErrNilContext]; any operation after [Bus.Close] returns one wrapping [ErrClosed].
// Constructors and options return errors for bad arguments — a nil Option included. The kernel's
// own plumbing that returns no error (Subscribe, Schedule, Every, Defer with a nil func) panics with
// a message that names the misuse, as go-cmp does.
//
// Delivery is run-to-completion: a message published inside a Call, scheduled work or a handler is
// queued and delivered — to every subscriber at the time of publication, exactly once, in FIFO order —
// after the current piece of work returns and before the outermost call (or Advance step) returns.
// Advance calls are serialised; calling Advance from inside work the Bus runs deadlocks.
//
// # Service metrics, and resource kinds of your own
//
// A simulated resource reports its CloudWatch metrics through one path: a [ServiceMetric] for each
// counter or distribution and a [Sampler] for gauges. The kernel aggregates each minute's samples
// into one datum (SampleCount, Sum, Minimum, Maximum) stamped with the minute's start and publishes
// it on [MetricDataIn] when the minute ends; a Sampler runs at the end of each period while awake.
// Work is per observation and per active period; an idle resource costs nothing (one flush timer per
// Bus, pending only while there is data or an awake sampler), and nothing is metered while nothing
// subscribes to MetricDataIn. Data on MetricDataIn may use the AWS/ namespaces that user
// PutMetricData may not. The fakes report AWS/SQS, AWS/SNS, AWS/Lambda, AWS/Kinesis, AWS/Firehose
// and AWS/S3 as the AWS guides cited in sqs_metrics.go, sns_metrics.go, lambda_metrics.go,
// stream_metrics.go and s3_metrics.go describe them.
//
// A resource kind of your own is observed like a built-in one when its operations go through [Call]
// (CloudTrail records them), it publishes its creations and deletions on [ResourceChanges] (AWS
// Config records them), it reports metrics through [NewServiceMetric] and [NewSampler], and whatever
// other services should reach is a [Sink] registered by ARN. The example examples/fleet builds an
// EC2 fleet scaled by CloudWatch alarms that way.
//
// # Determinism
//
// The Bus starts at [DefaultStart] and draws every id from a generator seeded by [WithSeed]: the same
// seed and the same sequence of calls give the same ids, times and outputs. The package has no mutable
// package-level state and starts nothing at init.
package bus
