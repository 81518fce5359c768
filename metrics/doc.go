// Package metrics simulates CloudWatch metrics: the datapoint store, statistics and extended
// statistics, metric math, and the API operations PutMetricData, ListMetrics, GetMetricStatistics,
// GetMetricData and the dashboard operations, on the virtual time of a [bus.Bus].
//
// The behaviour follows the AWS documentation and the project spec (metrics-alarms.md §1–§2);
// subtle rules cite their source in comments ([API] = the CloudWatch API reference, [UG:page] =
// the CloudWatch User Guide page).
//
// # Service
//
//   - [New], [Option]: [WithPercentileMethod], [WithAWSNamespaces], [WithLegacyValueRange],
//     [WithListMetricsDelay], [WithRollupInterval]
//   - Operations (each goes through bus.Call with Source "monitoring.amazonaws.com"):
//     [Service.PutMetricData], [Service.ListMetrics], [Service.GetMetricStatistics],
//     [Service.GetMetricData], [Service.PutDashboard], [Service.GetDashboard],
//     [Service.ListDashboards], [Service.DeleteDashboards]
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
// # For other services (alarms)
//
//   - [Service.QueryLocked] evaluates MetricStat and metric-math queries over [start, end) while the
//     caller already holds the bus state lock. It does not lock. Buckets start exactly at start (no
//     rounding, no data-age rule), only buckets with data are returned, timestamps ascend, results
//     come for the ReturnData queries in query order (several per expression that yields an array),
//     and MetricDataResult.SampleCounts carries the sample count behind each MetricStat value (nil
//     for expressions), for EvaluateLowSampleCountPercentile. Errors are *bus.Error
//     (ValidationError) or *bus.NotSimulatedError.
//   - Single-metric fast path: [Service.CompileStatLocked] validates one MetricStat (as QueryLocked
//     would) and returns a [StatHandle] that caches the metric lookup; [Service.StatBucketsLocked]
//     fills a caller-owned []BucketValue (Value, SampleCount, OK per bucket of the MetricStat
//     period from start) without labels or per-call allocation. It returns exactly what QueryLocked
//     returns for that MetricStat over the same range (same unit choice, percentile method,
//     extended-statistic availability, no rounding or data-age rule; late data is visible once
//     stored), which a property test checks. Like QueryLocked it does not lock: the caller holds the
//     bus state lock. The alarms service uses it for alarms on one metric; metric-math alarms use
//     QueryLocked.
//   - [ValidateQueries] validates MetricDataQueries without evaluating them (PutMetricAlarm Metrics).
//   - [ParseStatistic], [ParseExtendedStatistic], [AlarmExtendedStatisticAllowed], [IsBasicStatistic]
//     validate Statistic / ExtendedStatistic values.
//   - [ComputeStatistic] and [Accumulator.Value] compute one statistic over a bucket of samples.
//   - [MetricKey] is the canonical identity of a metric (namespace, name, order-free dimensions);
//     [AppendMetricKey] appends it to a buffer (allocation-free map lookups).
//
// # Pure core (no simulator needed)
//
//   - Statistics: [Statistic], [StatKind], [Bound], [Accumulator] ([Accumulator.Add], [Accumulator.AddCount],
//     [Accumulator.AddSet], [Accumulator.Merge], [Accumulator.Value], [Accumulator.ExtendedAvailable]), [SetIsUniform].
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
//   - Store: [Store], [NewStore], [Point]. A raw sample costs 10 bytes (a uint16 offset in an hour
//     chunk and a float64), 18 with a weight; queries touch only the chunks in range.
//   - Units and identity: [StandardUnits], [IsStandardUnit], [UnitNone], [Dimension],
//     [DimensionFilter], [Metric], [SortedDimensions].
//
// # Shapes
//
// [PutMetricDataInput], [MetricDatum], [StatisticSet], [ListMetricsInput], [ListMetricsOutput],
// [GetMetricStatisticsInput], [GetMetricStatisticsOutput], [Datapoint], [GetMetricDataInput],
// [GetMetricDataOutput], [MetricDataQuery], [MetricStat], [MetricDataResult], [MessageData],
// [LabelOptions], the dashboard shapes.
//
// # Not simulated (refused with bus.NotSimulated)
//
// Metrics Insights SELECT queries, SEARCH and the other functions above, EntityMetricData,
// cross-account observability (AccountId, IncludeLinkedAccounts, OwningAccount), time-based dynamic
// labels.
package metrics
