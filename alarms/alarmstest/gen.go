package alarmstest

import (
	"time"

	"pgregory.net/rapid"

	"github.com/watchsim/watchsim/alarms"
)

// Definition generates valid single-metric alarm definitions with a static threshold in [-100, 100]:
// periods 60 s to 15 min (and 10/20/30 s), N in 1..10, M in 1..N, any static operator, any
// TreatMissingData, a basic or percentile statistic. Namespace is "Test" (never AWS/DynamoDB).
func Definition() *rapid.Generator[alarms.Definition] {
	return rapid.Custom(func(t *rapid.T) alarms.Definition {
		n := rapid.Int32Range(1, 10).Draw(t, "EvaluationPeriods")
		d := alarms.Definition{
			Namespace:         "Test",
			Statistic:         rapid.SampledFrom([]string{"Average", "Sum", "Minimum", "Maximum", "SampleCount", "p50", "p90", "p99"}).Draw(t, "Statistic"),
			Period:            rapid.SampledFrom([]int32{10, 20, 30, 60, 60, 60, 120, 300, 900}).Draw(t, "Period"),
			EvaluationPeriods: n,
			DatapointsToAlarm: rapid.Int32Range(1, n).Draw(t, "DatapointsToAlarm"),
			Threshold:         float64(rapid.IntRange(-100, 100).Draw(t, "Threshold")),
			ComparisonOperator: rapid.SampledFrom([]alarms.ComparisonOperator{alarms.GreaterThanOrEqualToThreshold, alarms.GreaterThanThreshold,
				alarms.LessThanThreshold, alarms.LessThanOrEqualToThreshold}).Draw(t, "ComparisonOperator"),
			TreatMissingData: rapid.SampledFrom([]alarms.TreatMissingData{"", alarms.TreatMissing, alarms.TreatIgnore, alarms.TreatBreaching, alarms.TreatNotBreaching}).Draw(t, "TreatMissingData"),
		}
		return d
	})
}

// PutMetricAlarmInput generates valid PutMetricAlarm inputs for a metric Test/<metric> with no
// dimensions, built from [Definition].
func PutMetricAlarmInput(name, metric string) *rapid.Generator[*alarms.PutMetricAlarmInput] {
	return rapid.Custom(func(t *rapid.T) *alarms.PutMetricAlarmInput {
		d := Definition().Draw(t, "Definition")
		in := &alarms.PutMetricAlarmInput{
			AlarmName: name, MetricName: metric, Namespace: d.Namespace, Period: d.Period,
			EvaluationPeriods: d.EvaluationPeriods, ComparisonOperator: d.ComparisonOperator,
			TreatMissingData: d.TreatMissingData, Threshold: &d.Threshold,
		}
		if d.DatapointsToAlarm != d.EvaluationPeriods {
			m := d.DatapointsToAlarm
			in.DatapointsToAlarm = &m
		}
		if d.Statistic[0] == 'p' {
			in.ExtendedStatistic = d.Statistic
		} else {
			in.Statistic = d.Statistic
		}
		return in
	})
}

// Buckets generates an evaluation range of k buckets of the given period ending at end, each
// missing with probability about 1/3, with integer values in [-100, 100] and 1..5 samples.
func Buckets(k int, period time.Duration, end time.Time) *rapid.Generator[[]alarms.Bucket] {
	return rapid.Custom(func(t *rapid.T) []alarms.Bucket {
		bs := make([]alarms.Bucket, k)
		for i := range bs {
			bs[i].Start = end.Add(-time.Duration(k-i) * period)
			if rapid.IntRange(0, 2).Draw(t, "gap") == 0 {
				bs[i].Missing = true
				continue
			}
			bs[i].Value = float64(rapid.IntRange(-100, 100).Draw(t, "value"))
			bs[i].SampleCount = float64(rapid.IntRange(1, 5).Draw(t, "samples"))
		}
		return bs
	})
}

// SeriesOptions shape the samples [Series] generates.
type SeriesOptions struct {
	// Start is the time of the first sample; Step the spacing; Count the number of steps.
	Start time.Time
	Step  time.Duration
	Count int
	// Value generates each value; nil means integers in [-100, 100].
	Value *rapid.Generator[float64]
	// MaxGaps is the largest number of gaps (runs of missing steps); each gap is 1..MaxGapLen steps long.
	MaxGaps, MaxGapLen int
}

// Series generates a regular series of samples with gaps: one sample per step, except inside up to
// MaxGaps runs of missing steps. Shrinking removes gaps and moves values towards 0.
func Series(o SeriesOptions) *rapid.Generator[[]alarms.Sample] {
	if o.Step <= 0 || o.Count < 0 {
		panic("alarmstest.Series: Step must be positive and Count non-negative")
	}
	val := o.Value
	if val == nil {
		val = rapid.Map(rapid.IntRange(-100, 100), func(i int) float64 { return float64(i) })
	}
	return rapid.Custom(func(t *rapid.T) []alarms.Sample {
		missing := make([]bool, o.Count)
		if o.MaxGaps > 0 && o.MaxGapLen > 0 && o.Count > 0 {
			gaps := rapid.IntRange(0, o.MaxGaps).Draw(t, "gaps")
			for g := 0; g < gaps; g++ {
				at := rapid.IntRange(0, o.Count-1).Draw(t, "gapAt")
				n := rapid.IntRange(1, o.MaxGapLen).Draw(t, "gapLen")
				for i := at; i < at+n && i < o.Count; i++ {
					missing[i] = true
				}
			}
		}
		var out []alarms.Sample
		for i := 0; i < o.Count; i++ {
			if missing[i] {
				continue
			}
			out = append(out, alarms.Sample{Time: o.Start.Add(time.Duration(i) * o.Step), Value: val.Draw(t, "v")})
		}
		return out
	})
}
