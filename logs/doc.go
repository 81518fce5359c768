// Package logs is watchsim's Amazon CloudWatch Logs service: log groups and streams, PutLogEvents,
// GetLogEvents and FilterLogEvents, metric filters that publish to CloudWatch metrics over the bus,
// subscription filters that deliver to Lambda, Kinesis and Firehose by ARN, Logs Insights queries,
// export tasks to S3, embedded metric format and the AWS/Logs metrics — all on the simulation clock
// of a [bus.Bus]. Operations, shapes, limits and error texts are those of the CloudWatch Logs API
// reference (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/); member names
// are lowerCamelCase and timestamps epoch milliseconds, as there.
//
// Create it with [New] (or use watchsim.New, which wires it as Simulator.Logs). Every method is
// safe for concurrent use; every operation goes through bus.Call, so it is recorded, refuses a nil
// ctx and a closed bus, and treats a nil input as an empty one.
//
// # Log groups and streams
//
//   - [Service.CreateLogGroup], [Service.DeleteLogGroup], [Service.DescribeLogGroups],
//     [Service.ListLogGroups], [Service.PutLogGroupDeletionProtection]; classes STANDARD and
//     INFREQUENT_ACCESS ([ClassStandard], [ClassInfrequentAccess]).
//   - [Service.CreateLogStream], [Service.DeleteLogStream], [Service.DescribeLogStreams].
//   - Retention: [Service.PutRetentionPolicy] (the 22 values of the API), [Service.DeleteRetentionPolicy].
//     Expired events vanish from every read path at once and stop counting in storedBytes.
//   - Tags: [Service.TagResource], [Service.UntagResource], [Service.ListTagsForResource] and the
//     deprecated [Service.TagLogGroup], [Service.UntagLogGroup], [Service.ListTagsLogGroup] (one view).
//   - KMS: [Service.AssociateKmsKey], [Service.DisassociateKmsKey] (stored; nothing is encrypted).
//   - A log group's ARN is a delivery target: bus.Deliver to it writes a log event (how EventBridge
//     rules and CloudTrail trails write logs).
//
// # Events
//
//   - [Service.PutLogEvents] with every limit (10,000 events, 1,048,576 bytes with 26 bytes per
//     event, event size, chronological order, 24-hour span, 14 days back, 2 hours ahead, retention)
//     and rejectedLogEventsInfo; sequence tokens are ignored.
//   - [Service.GetLogEvents]: forward and backward tokens, the unchanged token at the end.
//   - [Service.FilterLogEvents]: the filter-pattern engine over interleaved streams; paging ends
//     without nextToken.
//
// # Filters and deliveries
//
//   - Metric filters: [Service.PutMetricFilter], [Service.DescribeMetricFilters],
//     [Service.DeleteMetricFilter], [Service.TestMetricFilter]. Each ingested event yields one sample
//     per filter on bus.MetricDataIn, stamped with the event's time ([WithMetricTimestamp]).
//   - Subscription filters: [Service.PutSubscriptionFilter], [Service.DescribeSubscriptionFilters],
//     [Service.DeleteSubscriptionFilter]; batches of gzip JSON (DATA_MESSAGE, CONTROL_MESSAGE) per
//     stream after [WithSubscriptionBatchDelay]; retries and the 10-minute disable as AWS documents.
//     [DecodeDelivery] reads a delivered payload back.
//   - Destinations: [Service.PutDestination], [Service.PutDestinationPolicy],
//     [Service.DescribeDestinations], [Service.DeleteDestination].
//   - Export: [Service.CreateExportTask], [Service.DescribeExportTasks], [Service.CancelExportTask]
//     into a bus S3 bucket, objects laid out as AWS lays them out.
//
// # Logs Insights
//
//   - [Service.StartQuery], [Service.GetQueryResults], [Service.StopQuery], [Service.DescribeQueries],
//     [Service.GetLogRecord], [Service.GetLogGroupFields]; the query language is the pure engine
//     [github.com/watchsim/watchsim/logs/insights] (parse, plan, run over an event iterator).
//     [WithQueryDuration] and [WithMaxConcurrentQueries] set the lifecycle.
//
// # Metrics about and from logs
//
//   - Embedded metric format ([WithEMF]): JSON events with an "_aws" object become metrics, decoded
//     by the pure [github.com/watchsim/watchsim/logs/emf].
//   - AWS/Logs ([UsageNamespace]): IncomingLogEvents, IncomingBytes, ForwardedLogEvents,
//     ForwardedBytes, DeliveryErrors, EMFValidationErrors, EMFParsingErrors, per minute with activity.
//
// # Not simulated
//
// These return a *bus.NotSimulatedError naming the feature, never a silent success:
// [Service.StartLiveTail]; log anomaly detection ([Service.CreateLogAnomalyDetector]); data
// protection ([Service.PutDataProtectionPolicy], unmask on reads); field indexes
// ([Service.PutIndexPolicy]); vended-log deliveries ([Service.PutDeliverySource],
// [Service.PutDeliveryDestination], [Service.CreateDelivery]); resource policies
// ([Service.PutResourcePolicy]); the DELIVERY log group class; log transformers
// (applyOnTransformedLogs) and fieldSelectionCriteria on filters; cross-account log groups;
// Logs Insights SQL and PPL, and the commands and functions listed in package insights.
// Operations of the Logs API not listed anywhere here do not exist on the Service.
//
// # Where AWS is silent
//
// Choices watchsim makes where the documentation says nothing (each tested): retention expiry is
// immediate on the simulation clock; storedBytes counts message bytes plus 26 per event; a metric
// filter's datapoint carries the event's timestamp; subscription batches wait one second and are
// split per stream and at 1 MB; a retryable delivery error is retried with doubling backoff for up
// to 24 hours, a non-retryable one (missing target, access denied) drops the batch and disables the
// filter for 10 minutes; a GetLogEvents token continues in its own direction whatever
// startFromHead says; Logs Insights queries run over the events present at StartQuery and return no
// rows while Running; export objects hold "<RFC 3339 timestamp> <message>" lines. docs/logs.md in
// the repository lists them with the error texts whose wording AWS has not published.
package logs
