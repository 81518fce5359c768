// Package metricstest helps test code built on package metrics: rapid generators for datapoint
// series and go-cmp options for comparing datapoints.
//
// # Generators (pgregory.net/rapid)
//
//   - [Value], [NonNegativeValue]: sample values in the range PutMetricData accepts.
//   - [StatisticSet], [UniformStatisticSet]: consistent statistic sets (Min ≤ Sum/N ≤ Max), and sets
//     equivalent to N copies of one value.
//   - [Dimensions]: valid dimension lists (unique names, ASCII).
//   - [Datum]: one MetricDatum using Value, Values/Counts or StatisticValues.
//   - [Series]: a time-ordered series of datums shaped by [SeriesConfig]: gaps, bursts (many datums
//     in the same second), statistic sets, negative values, high resolution.
//   - [Batches]: splits a slice into random consecutive batches (PutMetricData requests).
//
// # Expectations
//
//   - [Totals]: SampleCount, Sum, Minimum, Maximum of a list of datums, computed independently of
//     package metrics, for conservation properties.
//
// # go-cmp options
//
//   - [EquateDatapoints]: compares []metrics.Datapoint ignoring order, floats within a relative
//     tolerance and times by instant.
//   - [EquateResults]: compares []metrics.MetricDataResult the same way (ignores SampleCounts).
//   - [ApproxFloat]: floats equal within a relative tolerance (NaN equals NaN).
package metricstest
