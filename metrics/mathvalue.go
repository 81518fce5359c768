package metrics

import (
	"math"
	"slices"
	"sort"
)

// Series is one time series of metric math and of GetMetricData: parallel, ascending Times (Unix
// seconds, the bucket starts) and Values. Counts carries the per-bucket sample count of a
// MetricStat series (nil for computed series).
type Series struct {
	// Label is the series label (for a MetricStat, the query's Label or the generated one).
	Label string
	// Period is the spacing of the series grid in seconds.
	Period int64
	Times  []int64
	Values []float64
	Counts []float64
	// Metric is true for the direct result of a MetricStat query (PERIOD() requires it).
	Metric bool
}

// Len returns the number of points.
func (s *Series) Len() int { return len(s.Times) }

// MathKind is the type of a metric-math value ([UG:using-metric-math]).
type MathKind uint8

// The three metric-math value types.
const (
	KindScalar      MathKind = iota + 1 // S
	KindSeries                          // TS
	KindSeriesArray                     // TS[]
)

// String names the kind as the AWS documentation does.
func (k MathKind) String() string {
	switch k {
	case KindScalar:
		return "S"
	case KindSeries:
		return "TS"
	case KindSeriesArray:
		return "TS[]"
	}
	return "?"
}

// MathValue is the value of a metric-math expression or sub-expression.
type MathValue struct {
	Kind   MathKind
	Scalar float64
	// Series holds one series for KindSeries and any number for KindSeriesArray.
	Series []*Series
}

// ScalarValue returns a scalar MathValue.
func ScalarValue(v float64) MathValue { return MathValue{Kind: KindScalar, Scalar: v} }

// SeriesValue returns a TS MathValue.
func SeriesValue(s *Series) MathValue { return MathValue{Kind: KindSeries, Series: []*Series{s}} }

// ArrayValue returns a TS[] MathValue.
func ArrayValue(s []*Series) MathValue { return MathValue{Kind: KindSeriesArray, Series: s} }

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// mapSeries applies f to every point; points whose result is not finite are dropped.
func mapSeries(s *Series, f func(t int64, v float64) float64) *Series {
	out := &Series{Label: s.Label, Period: s.Period, Times: make([]int64, 0, len(s.Times)), Values: make([]float64, 0, len(s.Times))}
	for i, t := range s.Times {
		r := f(t, s.Values[i])
		if finite(r) {
			out.Times = append(out.Times, t)
			out.Values = append(out.Values, r)
		}
	}
	return out
}

// zipSeries combines two series over the union of their timestamps. fill is used for the side
// without a point; points where f is not finite are dropped.
func zipSeries(a, b *Series, fill float64, f func(x, y float64) float64) *Series {
	out := &Series{Label: a.Label, Period: a.Period, Times: make([]int64, 0, len(a.Times)), Values: make([]float64, 0, len(a.Times))}
	if out.Period == 0 {
		out.Period = b.Period
	}
	i, j := 0, 0
	for i < len(a.Times) || j < len(b.Times) {
		var t int64
		x, y := fill, fill
		switch {
		case j >= len(b.Times) || (i < len(a.Times) && a.Times[i] < b.Times[j]):
			t, x = a.Times[i], a.Values[i]
			i++
		case i >= len(a.Times) || b.Times[j] < a.Times[i]:
			t, y = b.Times[j], b.Values[j]
			j++
		default:
			t, x, y = a.Times[i], a.Values[i], b.Values[j]
			i++
			j++
		}
		r := f(x, y)
		if finite(r) {
			out.Times = append(out.Times, t)
			out.Values = append(out.Values, r)
		}
	}
	return out
}

// valueAt returns the value of s at t by binary search.
func valueAt(s *Series, t int64) (float64, bool) {
	i := sort.Search(len(s.Times), func(i int) bool { return s.Times[i] >= t })
	if i < len(s.Times) && s.Times[i] == t {
		return s.Values[i], true
	}
	return 0, false
}

// unionTimes returns the sorted union of the timestamps of ss. Series on the same grid (the common
// case) cost one comparison pass; others are merged pairwise, which stays linear in the grid size.
func unionTimes(ss []*Series) []int64 {
	if len(ss) == 0 {
		return nil
	}
	out := append([]int64(nil), ss[0].Times...)
	var buf []int64
	for _, s := range ss[1:] {
		if slices.Equal(out, s.Times) {
			continue
		}
		buf = mergeTimes(buf[:0], out, s.Times)
		out, buf = buf, out
	}
	return out
}

// mergeTimes appends the sorted union of the sorted slices a and b to dst.
func mergeTimes(dst, a, b []int64) []int64 {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			dst = append(dst, a[i])
			i++
		case b[j] < a[i]:
			dst = append(dst, b[j])
			j++
		default:
			dst = append(dst, a[i])
			i++
			j++
		}
	}
	dst = append(dst, a[i:]...)
	return append(dst, b[j:]...)
}
