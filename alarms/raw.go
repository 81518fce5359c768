package alarms

import (
	"slices"
	"sort"
	"time"

	"github.com/watchsim/watchsim/metrics"
)

// Sample is one raw datapoint of a metric: a value at a time (weight 1).
type Sample struct {
	Time  time.Time
	Value float64
}

// EvaluationInterval returns how often an alarm with this period is evaluated: every minute for
// periods of 60 s or more, every 10 s for high-resolution periods ([UG:AlarmThatSendsEmail]).
func EvaluationInterval(period int32) time.Duration {
	if period < 60 {
		return 10 * time.Second
	}
	return time.Minute
}

// RangeEnd returns the end of the newest bucket of an evaluation at now: the last whole minute
// (or whole 10 s for high-resolution alarms) at or before now ([derived] from the StateReasonData
// examples of [UG:cloudwatch-and-eventbridge]: an evaluation at queryDate 11:26:05 with P = 60
// reads 11:23–11:25).
func RangeEnd(period int32, now time.Time) time.Time {
	return now.Truncate(EvaluationInterval(period))
}

// RangeStarts fills dst with the start times of the K buckets of an evaluation at now, oldest first.
func RangeStarts(dst []time.Time, period int32, k int, now time.Time) []time.Time {
	end := RangeEnd(period, now)
	p := time.Duration(period) * time.Second
	dst = dst[:0]
	for i := k; i >= 1; i-- {
		dst = append(dst, end.Add(-time.Duration(i)*p))
	}
	return dst
}

// BucketsFromSamples computes the evaluation range of def at now from raw samples (any order) with
// the statistic of def (basic or extended; percentiles by c.PercentileMethod, nearest rank by
// default), the way the simulator's metric store does for single-metric alarms. It is the raw-datapoint entry point of the pure
// evaluator: pass the result to [Config.Evaluate]. dst is reused if it has capacity.
func (c *Config) BucketsFromSamples(dst []Bucket, def *Definition, samples []Sample, now time.Time) ([]Bucket, error) {
	stat, err := metrics.ParseStatistic(def.Statistic)
	if err != nil {
		return nil, err
	}
	sorted := samples
	if !sort.SliceIsSorted(samples, func(i, j int) bool { return samples[i].Time.Before(samples[j].Time) }) {
		sorted = slices.Clone(samples)
		sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Time.Before(sorted[j].Time) })
	}
	k := c.K(def)
	p := time.Duration(def.Period) * time.Second
	end := RangeEnd(def.Period, now)
	dst = dst[:0]
	var vals []float64
	for i := k; i >= 1; i-- {
		start := end.Add(-time.Duration(i) * p)
		stop := start.Add(p)
		lo := sort.Search(len(sorted), func(j int) bool { return !sorted[j].Time.Before(start) })
		hi := sort.Search(len(sorted), func(j int) bool { return !sorted[j].Time.Before(stop) })
		b := Bucket{Start: start, Missing: true}
		if hi > lo {
			vals = vals[:0]
			for _, s := range sorted[lo:hi] {
				vals = append(vals, s.Value)
			}
			if v, ok := metrics.ComputeStatistic(stat, vals, c.percentileMethod()); ok {
				b = Bucket{Start: start, Value: v, SampleCount: float64(len(vals))}
			}
		}
		dst = append(dst, b)
	}
	return dst, nil
}

func (c *Config) percentileMethod() metrics.PercentileMethod {
	if c == nil {
		return metrics.NearestRank
	}
	return c.PercentileMethod
}

// EvaluateSamples is [Config.Evaluate] on the range [Config.BucketsFromSamples] builds from samples.
// The returned buckets back the Result's Reason and ReasonData.
func (c *Config) EvaluateSamples(def *Definition, samples []Sample, prev StateValue, now time.Time) (Result, []Bucket, error) {
	bs, err := c.BucketsFromSamples(nil, def, samples, now)
	if err != nil {
		return Result{}, nil, err
	}
	return c.Evaluate(def, bs, prev, now), bs, nil
}
