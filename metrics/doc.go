// Package metrics simulates CloudWatch metrics: the datapoint store, statistics and extended
// statistics, metric math, and the API operations PutMetricData, ListMetrics, GetMetricStatistics,
// GetMetricData, GetMetricWidgetImage and the dashboard operations, on the virtual time of a [bus.Bus].
//
// The behaviour follows the AWS documentation; subtle rules cite their source in comments ([API] =
// the CloudWatch API reference, https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/;
// [UG:page] = the CloudWatch User Guide page
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/page.html; [field] = a public
// report of AWS's behaviour; [derived] = a choice where AWS is silent, with the reason).
//
// # Service
//
//   - [New], [Option]: [WithPercentileMethod], [WithAWSNamespaces], [WithLegacyValueRange],
//     [WithListMetricsDelay], [WithLateDataDelay], [WithRollupInterval]. Options validate their
//     arguments; a nil Option is an error.
//   - Misuse: a nil input is an empty input; a nil context, or a call after the bus is closed, is
//     an error. No operation panics.
//   - Operations (each goes through bus.Call with Source "monitoring.amazonaws.com"):
//     [Service.PutMetricData], [Service.ListMetrics], [Service.GetMetricStatistics],
//     [Service.GetMetricData], [Service.PutDashboard], [Service.GetDashboard],
//     [Service.ListDashboards], [Service.DeleteDashboards], [Service.GetMetricWidgetImage]
//   - Metric widgets: [ParseMetricWidget] decodes and validates the MetricWidget JSON as the API
//     reference documents it (CloudWatch-Metric-Widget-Structure), with AWS's error codes and
//     JSON-schema style messages; undocumented keys are refused, never ignored. The widget's data
//     is read through GetMetricData's path ([Service.WidgetData]); the drawing is a
//     [WidgetRenderer] installed with [WithWidgetRenderer] (package metrics/widgetimage), so that
//     programs which never draw do not link a plotting library. Without one, GetMetricWidgetImage
//     validates and reads, then refuses with bus.NotSimulated.
//   - Bus integration: datapoints published on bus.MetricDataIn are validated like PutMetricData
//     (AWS/ namespaces allowed) and stored; invalid batches are kept in [Service.RejectedInput].
//     After every store the service publishes the stored datums (timestamps filled in) on
//     bus.MetricDataStored. The published datums may share memory with the request (always for
//     Value pointers and Values slices, and for the whole batch when every datum has a Timestamp):
//     subscribers run before the call returns and must copy what they keep.
//   - Retention and roll-up run on the simulation clock every hour: data older than 3 h is kept at
//     minute granularity, older than 15 days at 5 minutes, older than 63 days at one hour, and data
//     older than 455 days is dropped. Queries apply the AWS data-age rule ([PeriodSupported]).
//
// # Statistics and identities
//
//   - [ParseStatistic], [ParseExtendedStatistic], [IsBasicStatistic], [BasicStatistics] validate
//     Statistic / ExtendedStatistic values; errors wrap [ErrInvalidStatistic].
//   - [ComputeStatistic] and [Accumulator.Value] compute one statistic over a bucket of samples.
//   - The alarms service reads this service through an internal query engine (package
//     internal/metricslink): the same queries as GetMetricData over an exact range, and a compiled
//     single-metric read that returns exactly the same values (property-tested). It is not part of
//     this package's API.
//
// # Pure core (no simulator needed)
//
//   - Statistics: [Statistic], [StatKind], [Bound], [Accumulator] ([Accumulator.Add], [Accumulator.AddCount],
//     [Accumulator.AddSet], [Accumulator.Merge], [Accumulator.Value], [Accumulator.ExtendedAvailable]).
//   - Percentile definition: [PercentileMethod] — [NearestRank] (default: the smallest sample whose
//     cumulative share is ≥ p; AWS does not document its interpolation) or [Linear] (type 7).
//     Ranged statistics with % bounds trim by rank: the samples with rank r in
//     (⌊a·n/100⌋, ⌈b·n/100⌉] are kept; absolute bounds keep a < v ≤ b.
//     Extended statistics are unavailable when any value is negative or a statistic set that is not
//     N copies of one value was added.
//   - Periods: [ValidPeriod], [RoundStart], [PeriodSupported] and the retention constants.
//   - Metric math: [ParseExpression], [Expression] ([Expression.Eval], [Expression.References]),
//     [MathEnv], [MathValue], [Series], [MathKind], [MathError], [MathSyntaxError]. Functions:
//     ABS CEIL FLOOR LOG LOG10 AVG SUM MIN MAX STDDEV (population) DATAPOINT_COUNT METRIC_COUNT
//     METRICS DIFF DIFF_TIME RATE RUNNING_SUM FILL (constant, series, REPEAT, LINEAR) FIRST LAST
//     SORT SLICE REMOVE_EMPTY TIME_SERIES PERIOD MINUTE HOUR DAY DATE MONTH YEAR EPOCH IF, the
//     arithmetic, comparison and logical operators. SEARCH, ANOMALY_DETECTION_BAND,
//     INSIGHT_RULE_METRIC, SERVICE_QUOTA, LAMBDA and DB_PERF_INSIGHTS return bus.NotSimulated, and so
//     does any other function name (a newer AWS function or a typo: watchsim cannot tell).
//   - The store (internal): each metric is kept as one-hour chunks of blocks of up to 4,096 samples;
//     a raw sample costs 10 bytes in its block (a uint16 offset and a float64), 18 with a weight.
//     Each metric-hour also costs about 200 bytes (chunk, block headers, slice headroom), so measured
//     through PutMetricData for a whole Service (BenchmarkServiceBytesPerDatapoint) a datapoint costs
//     10.9 bytes when a metric gets many per hour, 13.4 with one per minute, 26 with one per five
//     minutes, 21 with weights. Queries touch only the chunks in range.
//   - Units and identity: [StandardUnits], [IsStandardUnit], [UnitNone], [Dimension],
//     [DimensionFilter], [Metric], [SortedDimensions].
//
// # Shapes
//
// [PutMetricDataInput], [MetricDatum], [StatisticSet], [ListMetricsInput], [ListMetricsOutput],
// [GetMetricStatisticsInput], [GetMetricStatisticsOutput], [Datapoint], [GetMetricDataInput],
// [GetMetricDataOutput], [MetricDataQuery], [MetricStat], [MetricDataResult], [MessageData],
// [LabelOptions], the dashboard shapes, [GetMetricWidgetImageInput], [GetMetricWidgetImageOutput],
// [MetricWidget] and its parts, [WidgetData], [WidgetSeries].
//
// # Not simulated (refused with bus.NotSimulated)
//
// SEARCH and the other functions above, Metrics Insights queries beyond the simulated subset
// (SELECT AVG/COUNT/MAX/MIN/SUM FROM a namespace or SCHEMA, WHERE with = and != joined by AND,
// GROUP BY, ORDER BY, LIMIT; LIKE, IN and OR are refused), EntityMetricData, cross-account
// observability (AccountId, IncludeLinkedAccounts, OwningAccount), time-based dynamic labels.
package metrics
