package metricstest

import (
	"math"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/watchsim/watchsim/metrics"
)

// ApproxFloat treats two float64 as equal when they differ by at most frac relative to the larger
// magnitude (or are both NaN).
func ApproxFloat(frac float64) cmp.Option {
	return cmp.Comparer(func(a, b float64) bool {
		if math.IsNaN(a) || math.IsNaN(b) {
			return math.IsNaN(a) && math.IsNaN(b)
		}
		if a == b {
			return true
		}
		return math.Abs(a-b) <= frac*math.Max(math.Abs(a), math.Abs(b))
	})
}

func equateTimes() cmp.Option {
	return cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })
}

// EquateDatapoints compares []metrics.Datapoint regardless of order (AWS does not promise one),
// with floats (also behind pointers and in ExtendedStatistics) equal within frac and times compared
// as instants.
func EquateDatapoints(frac float64) cmp.Option {
	return cmp.Options{
		cmpopts.SortSlices(func(a, b metrics.Datapoint) bool {
			if !a.Timestamp.Equal(b.Timestamp) {
				return a.Timestamp.Before(b.Timestamp)
			}
			return a.Unit < b.Unit
		}),
		ApproxFloat(frac),
		equateTimes(),
		cmpopts.EquateEmpty(),
	}
}

// EquateResults compares []metrics.MetricDataResult with floats equal within frac, times as
// instants, nil and empty slices alike, and SampleCounts ignored.
func EquateResults(frac float64) cmp.Option {
	return cmp.Options{
		ApproxFloat(frac),
		equateTimes(),
		cmpopts.EquateEmpty(),
		cmpopts.IgnoreFields(metrics.MetricDataResult{}, "SampleCounts"),
	}
}
