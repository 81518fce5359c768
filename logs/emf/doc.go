// Package emf is the CloudWatch embedded metric format (EMF) decoder of watchsim: the pure core
// that turns one CloudWatch Logs event message into the metric datapoints CloudWatch extracts
// from it, or says why it extracts none. It holds no state and needs no clock; the CloudWatch
// Logs service (package logs) calls it on every ingested event, publishes the datums, and counts
// the errors in AWS/Logs EMFParsingErrors and EMFValidationErrors. It depends only on the
// standard library and watchsim's JSON reader.
//
// The format is AWS's "Specification: Embedded metric format" in the CloudWatch User Guide
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html),
// with the MetricDatum rules of PutMetricData
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDatum.html) that
// EMFValidationErrors also names.
//
// # Decoding
//
//   - [Decode] returns the [Datum] values of one message (one per metric definition and
//     dimension set), (nil, nil) for a message that is not EMF, and an *[Error] when CloudWatch
//     counts a parsing or validation error; a validation error drops only the part it concerns.
//   - [IsEMF] is the identification step alone: plain text and ordinary JSON lines are refused
//     without allocating.
//   - [Datum] (Namespace, MetricName, [Dimension] pairs, Values, Unit, StorageResolution,
//     Timestamp) is what the service publishes as one MetricDatum.
//
// # Errors
//
//   - [Error] has a [ErrorKind] — [ParsingError] or [ValidationError], with
//     [ErrorKind.MetricName] giving the AWS/Logs metric — and one reason per problem.
//
// # Rules and limits
//
//   - [MaxMetricsPerDirective] (100), [MaxDimensionsPerSet] (30), [MaxValuesPerMetric] (100),
//     [MaxNamespaceLength] (255), [MaxMetricNameLength] (255), [MaxDimensionKeyLength] (250),
//     [MaxDimensionValueLength] (1024), [MaxDepth].
//   - [DefaultUnit] ("None"), [DefaultStorageResolution] (60), [IsStandardUnit] (the 27 units).
//
// # The document in brief
//
//	{"_aws": {"Timestamp": 1574109732004,
//	          "CloudWatchMetrics": [{"Namespace": "lambda-function-metrics",
//	                                 "Dimensions": [["functionVersion"]],
//	                                 "Metrics": [{"Name": "time", "Unit": "Milliseconds", "StorageResolution": 60}]}]},
//	 "functionVersion": "$LATEST", "time": 100}
//
// Dimension keys and metric names are references to members of the root object (never nested:
// "A.a" names the member "A.a"); a dimension target is a string, a metric target a number or an
// array of at most 100 numbers, each a sample of the metric.
//
// What is a parsing error and what a validation error: a message identified as EMF that is not
// one valid JSON object, or whose _aws has a member of the wrong JSON type (_aws not an object,
// Timestamp not a number, CloudWatchMetrics, Dimensions, a DimensionSet or Metrics not an array,
// a directive or definition not an object, Namespace, a dimension key, Name or Unit not a string,
// StorageResolution not a number) is a parsing error, and nothing is published. Everything else
// the rules refuse — a missing required member, a limit, a bad namespace, name, unit, resolution,
// dimension or target — is a validation error.
//
// # Where AWS is silent
//
// These behaviours are not documented by AWS (or the documentation contradicts itself); watchsim
// makes the choice shown and tests it:
//
//   - Identification: a message is EMF when, after whitespace, it starts with '{' and its root
//     object has an "_aws" member. One that starts with '{' and holds the text "_aws" in quotes
//     but is not valid JSON (a truncated document), or has data after the object, is a parsing
//     error. Nothing before the '{' is skipped (no Lambda text-format prefix). A root member
//     spelled with escapes ("\u005faws") is not recognised.
//   - Partial publication: AWS says "all metrics set with an invalid namespace will be dropped";
//     watchsim drops per document (Timestamp, CloudWatchMetrics), per directive (Namespace,
//     Metrics, more than 100 definitions), per dimension set and per metric, and publishes the
//     rest. EMFValidationErrors counts one per problem ([Error.Reasons]).
//   - Dimensions: a directive without Dimensions, with an empty Dimensions array, or whose sets
//     all have problems publishes its metrics once without dimensions (the specification's own
//     entity example omits Dimensions; aws-otel's EMF exporter relies on it; an empty dimension
//     value was seen to give an undimensioned metric, aws-powertools/powertools-lambda-python#5526).
//     A set naming a key twice is refused. Duplicate sets publish duplicate datums.
//   - Timestamp is required although the specification's entity example omits it (the JSON
//     schema and "MUST contain" say so); it must be an integral number (1.5e12 passes). Whether
//     it lies within CloudWatch's two-weeks-past/two-hours-future window is the metrics
//     service's check, not this package's (it needs the current time).
//   - Null members count as absent (a null Unit is "None", a null Namespace is missing).
//   - Limits: where the EMF schema and MetricDatum differ the stricter applies: Namespace and
//     Name at most 255 characters (the schema says 1024), dimension keys 250. Namespaces and
//     dimension keys and values follow PutMetricData's rules (printable ASCII, one
//     non-whitespace character, no leading ':' for names); a namespace starting "AWS/" is
//     refused. An invalid Unit (the specification says "SHOULD") or StorageResolution other
//     than 1 or 60 drops the metric. An empty metric array is refused. Values must be within
//     ±2^360 (1e400 is refused).
//   - A metric target that is an object (the {"Values": […], "Counts": […]} histogram shape some
//     agents write) is refused: the specification allows numbers and arrays of numbers only.
//   - A root member named twice: the last one counts. Unknown members anywhere are ignored.
package emf
