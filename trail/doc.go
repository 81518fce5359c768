// Package trail is watchsim's AWS CloudTrail service: every API call made through a [bus.Bus]
// recorded as CloudTrail records it, Event history for LookupEvents, trails with event selectors
// delivering gzip log files and signed hourly digests to S3, records to CloudWatch Logs and
// notifications to SNS, "AWS API Call via CloudTrail" events for EventBridge, and a log-file
// validator that does what `aws cloudtrail validate-logs` does and catches what it misses.
// Operations, shapes, limits and error texts are those of the CloudTrail API reference
// (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/); member names are PascalCase, as
// there, and records use the lowerCamelCase of the record-contents page
// (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html).
//
// Create it with [New] (or use watchsim.New, which wires it first, as Simulator.Trail, so that it
// records the calls of every other service from the first one). Every method is safe for
// concurrent use; every operation goes through bus.Call, so CloudTrail's own calls are recorded
// too, a nil ctx and a closed bus are refused and a nil input is an empty one.
//
// # Records
//
//   - Built from bus.APICalls by [Builder]: eventVersion [EventVersion], userIdentity by identity
//     type from the caller's identity (bus.WithIdentity), eventTime to the second, requestParameters
//     and responseElements in lowerCamelCase with AWS's redactions and Java-style timestamps
//     ([JavaTimeLayout]), errorCode/errorMessage on failure, tlsDetails when the call came over the
//     wire, resources, readOnly, eventType, managementEvent, eventCategory.
//   - [Classify]: which calls are management events, which are data events (PutMetricData,
//     GetMetricData, GetMetricStatistics, ListMetrics, PutEvents, …) and which are not logged
//     (PutLogEvents). [MaxEventSize] and the field limits as the quotas page states them.
//   - Writing (record.go, encode.go, resources.go, quote.go, memo.go): the parameters are written
//     first; a call whose fields and written parameters are those of the last record its builder
//     buffer built in full is written from that record's memo with its own event time, requestID
//     and eventID, and Event history takes its stored skeleton by the memo's generation.
//
// # Trails
//
//   - [Service.CreateTrail], [Service.UpdateTrail], [Service.DeleteTrail], [Service.GetTrail],
//     [Service.DescribeTrails], [Service.ListTrails], [Service.StartLogging],
//     [Service.StopLogging], [Service.GetTrailStatus] (every Latest*Time and error field); tags
//     ([Service.AddTags], [Service.RemoveTags], [Service.ListTags], at most [MaxTags]); the name and
//     bucket naming rules with AWS's messages; [WithMaxTrails] (5 per region by default). The S3
//     bucket, SNS topic and log group are checked by ARN through the bus, so a missing bucket fails
//     as in AWS ([ErrS3BucketDoesNotExist]). Trail changes are published on bus.ResourceChanges
//     for AWS Config.
//   - Selectors: [Service.PutEventSelectors], [Service.GetEventSelectors] — basic ([EventSelector]:
//     ReadWriteType, IncludeManagementEvents, DataResources, ExcludeManagementEventSources) or
//     advanced ([AdvancedEventSelector], every field and operator; [ValidateAdvancedEventSelectors]),
//     never both. [Service.PutInsightSelectors] / [Service.GetInsightSelectors] store the selectors;
//     Insights events themselves are not simulated.
//
// # Event history
//
//   - [Service.LookupEvents]: management events of the last [HistoryRetention] regardless of
//     trails, newest first, by one of the eight lookup attributes (indexed: a lookup reads only its
//     own events), inclusive time range, MaxResults 1–50, tokens bound to their parameters.
//     [WithLookupDelay] makes events visible after a delivery delay (default: at once).
//   - Storage (history.go, store.go, poslist.go): an event is kept compact and pointer-free — the
//     record's JSON minus its per-call pieces (event time, requestID, eventID) is a skeleton stored
//     once for every call that shares it; the event is a 44-byte entry (time, skeleton, both ids as
//     16 bytes each when they are UUIDs, as the bus makes them); the indexes are run-encoded
//     position lists — and its JSON is rendered on demand, byte for byte, for LookupEvents and for
//     the log files of the trails that wait for it. A run of like calls costs about 57 bytes per
//     event.
//
// # Delivery
//
//   - Log files: every [WithDeliveryPeriod] (5 minutes) per logging trail with something to
//     deliver, gzip {"Records":[…]} under
//     [prefix/]AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_<region>_<time>_<16 chars>.json.gz,
//     an SNS notification per file, nothing while logging is stopped; delivery failures (bucket
//     deleted) appear in GetTrailStatus.
//   - CloudWatch Logs: one log event per record into the stream <account>_CloudTrail_<region> of
//     the trail's log group, delivered by ARN to the Logs service, so metric filters on
//     $.eventName or $.errorCode work.
//   - EventBridge: "AWS API Call via CloudTrail" on bus.Events for management write events, and for
//     read-only ones only where a rule is in ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS state —
//     with or without a trail, as in AWS.
//   - Digests: every [DigestPeriod] with log file validation on: the digest JSON, its key layout,
//     the previousDigestSignature chain, a [SignatureAlgorithm] signature and fingerprint in the S3
//     object's metadata; [Service.ListPublicKeys] with validity ranges and rotation every
//     [KeyRotation]. Keys are derived from the seed ([DeriveKey]: the primes drawn from a seeded
//     stream, because rsa.GenerateKey ignores its random source), or given ([WithSigningKey]).
//
// # Validation
//
//   - [Service.ValidateLogs] and the pure [ValidateLogs]: the digest-chain walk of
//     `aws cloudtrail validate-logs`, with its verdicts and report lines ([ValidationReport]);
//     Strict also reports what the CLI misses — a deleted newest digest and two consecutive deleted
//     digests (aws/aws-cli#7054). [StringToSign] is the documented signing string.
//
// # Not simulated
//
// CloudTrail Lake (event data stores, queries), channels, organization trails, Insights events and
// network activity events answer with a bus.NotSimulatedError ([Service.CreateEventDataStore],
// [Service.StartQuery], [Service.CreateChannel]); the operations exist so that code calling them
// gets that error rather than a missing method.
package trail
