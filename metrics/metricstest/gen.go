package metricstest

import (
	"math"
	"sort"
	"strconv"
	"time"

	"github.com/watchsim/watchsim/bus"
	"pgregory.net/rapid"
)

// Value generates sample values: small integers, fractions and occasional large magnitudes, all
// within ±2^100 (well inside the accepted ±2^360), negative when negative is true.
func Value(negative bool) *rapid.Generator[float64] {
	return rapid.Custom(func(t *rapid.T) float64 {
		var v float64
		switch rapid.IntRange(0, 3).Draw(t, "shape") {
		case 0:
			v = float64(rapid.IntRange(0, 100).Draw(t, "small"))
		case 1:
			v = float64(rapid.IntRange(0, 1_000_000).Draw(t, "int")) / 1000
		case 2:
			v = rapid.Float64Range(0, 1e6).Draw(t, "float")
		default:
			v = math.Ldexp(1, rapid.IntRange(-20, 100).Draw(t, "exp"))
		}
		if negative && rapid.Bool().Draw(t, "neg") {
			v = -v
		}
		return v
	})
}

// NonNegativeValue generates values ≥ 0 (extended statistics stay available).
func NonNegativeValue() *rapid.Generator[float64] { return Value(false) }

// StatisticSet generates a consistent statistic set: SampleCount ≥ 1 copies of values between
// Minimum and Maximum.
func StatisticSet(negative bool) *rapid.Generator[bus.StatisticSet] {
	return rapid.Custom(func(t *rapid.T) bus.StatisticSet {
		n := rapid.IntRange(1, 50).Draw(t, "n")
		var s bus.StatisticSet
		for i := 0; i < n; i++ {
			v := float64(rapid.IntRange(-100, 1000).Draw(t, "v"))
			if !negative && v < 0 {
				v = -v
			}
			if i == 0 || v < s.Minimum {
				s.Minimum = v
			}
			if i == 0 || v > s.Maximum {
				s.Maximum = v
			}
			s.Sum += v
		}
		s.SampleCount = float64(n)
		return s
	})
}

// UniformStatisticSet generates a set equivalent to SampleCount copies of one value.
func UniformStatisticSet() *rapid.Generator[bus.StatisticSet] {
	return rapid.Custom(func(t *rapid.T) bus.StatisticSet {
		n := float64(rapid.IntRange(1, 50).Draw(t, "n"))
		v := float64(rapid.IntRange(0, 1000).Draw(t, "v"))
		return bus.StatisticSet{SampleCount: n, Sum: n * v, Minimum: v, Maximum: v}
	})
}

// Dimensions generates up to max dimensions with unique names.
func Dimensions(max int) *rapid.Generator[[]bus.Dimension] {
	return rapid.Custom(func(t *rapid.T) []bus.Dimension {
		n := rapid.IntRange(0, max).Draw(t, "ndims")
		names := rapid.SliceOfNDistinct(rapid.StringMatching(`[A-Za-z][A-Za-z0-9_.-]{0,8}`), n, n, rapid.ID[string]).Draw(t, "names")
		out := make([]bus.Dimension, n)
		for i, name := range names {
			out[i] = bus.Dimension{Name: name, Value: rapid.StringMatching(`[a-z0-9/-]{1,8}`).Draw(t, "value")}
		}
		return out
	})
}

// SeriesConfig shapes [Series].
type SeriesConfig struct {
	// MetricName and Dimensions identify the metric of every datum (default "m", none).
	MetricName string
	Dimensions []bus.Dimension
	// Start is the first possible timestamp; Span the length of the series (default 1 h).
	Start time.Time
	Span  time.Duration
	// MaxDatums bounds the number of datums (default 50).
	MaxDatums int
	// Negative allows negative values; StatisticSets allows StatisticValues datums (which make
	// extended statistics unavailable unless uniform); ValuesCounts allows Values/Counts datums.
	Negative, StatisticSets, ValuesCounts bool
	// HighRes stamps datums with StorageResolution 1 and second precision.
	HighRes bool
	// Bursts puts several datums on the same timestamp; Gaps leaves long stretches empty.
	Bursts, Gaps bool
	// Unit is the unit of every datum ("" = none).
	Unit string
}

// Datum generates one datum for cfg at time ts.
func Datum(cfg SeriesConfig, ts time.Time) *rapid.Generator[bus.MetricDatum] {
	return rapid.Custom(func(t *rapid.T) bus.MetricDatum {
		d := bus.MetricDatum{MetricName: cfg.MetricName, Dimensions: cfg.Dimensions, Timestamp: ts, Unit: cfg.Unit}
		if d.MetricName == "" {
			d.MetricName = "m"
		}
		if cfg.HighRes {
			d.StorageResolution = 1
		}
		kinds := []int{0}
		if cfg.ValuesCounts {
			kinds = append(kinds, 1)
		}
		if cfg.StatisticSets {
			kinds = append(kinds, 2, 3)
		}
		switch rapid.SampledFrom(kinds).Draw(t, "kind") {
		case 0:
			v := Value(cfg.Negative).Draw(t, "value")
			d.Value = &v
		case 1:
			n := rapid.IntRange(1, 10).Draw(t, "nvalues")
			for i := 0; i < n; i++ {
				d.Values = append(d.Values, Value(cfg.Negative).Draw(t, "v"))
			}
			if rapid.Bool().Draw(t, "counts") {
				for i := 0; i < n; i++ {
					d.Counts = append(d.Counts, float64(rapid.IntRange(1, 20).Draw(t, "c")))
				}
			}
		case 2:
			s := StatisticSet(cfg.Negative).Draw(t, "set")
			d.StatisticValues = &s
		default:
			s := UniformStatisticSet().Draw(t, "uniform")
			d.StatisticValues = &s
		}
		return d
	})
}

// Series generates a time-ordered list of datums for one metric.
func Series(cfg SeriesConfig) *rapid.Generator[[]bus.MetricDatum] {
	return rapid.Custom(func(t *rapid.T) []bus.MetricDatum {
		span := cfg.Span
		if span <= 0 {
			span = time.Hour
		}
		max := cfg.MaxDatums
		if max <= 0 {
			max = 50
		}
		n := rapid.IntRange(0, max).Draw(t, "n")
		secs := int(span / time.Second)
		if secs < 1 {
			secs = 1
		}
		var offs []int
		for len(offs) < n {
			o := rapid.IntRange(0, secs-1).Draw(t, "offset")
			if cfg.Gaps && rapid.Bool().Draw(t, "gap") {
				o = o / 2 // cluster in the first half, leaving the second half sparse
			}
			offs = append(offs, o)
			if cfg.Bursts && len(offs) < n && rapid.IntRange(0, 3).Draw(t, "burst") == 0 {
				k := rapid.IntRange(1, 5).Draw(t, "burstlen")
				for j := 0; j < k && len(offs) < n; j++ {
					offs = append(offs, o)
				}
			}
		}
		sort.Ints(offs)
		out := make([]bus.MetricDatum, 0, n)
		for i, o := range offs {
			out = append(out, Datum(cfg, cfg.Start.Add(time.Duration(o)*time.Second)).Draw(t, "datum"+strconv.Itoa(i)))
		}
		return out
	})
}

// Batches splits items into consecutive non-empty batches of at most max items each (random sizes).
func Batches[T any](t *rapid.T, items []T, max int) [][]T {
	var out [][]T
	for len(items) > 0 {
		n := rapid.IntRange(1, max).Draw(t, "batch")
		if n > len(items) {
			n = len(items)
		}
		out = append(out, items[:n])
		items = items[n:]
	}
	return out
}

// Totals computes SampleCount, Sum, Minimum and Maximum over datums the way the CloudWatch docs
// define them (a Values/Counts datum contributes Σcounts samples; a statistic set contributes its
// fields). When a datum has both Values and StatisticValues, the Values count.
func Totals(data []bus.MetricDatum) (count, sum, minimum, maximum float64) {
	first := true
	see := func(lo, hi float64) {
		if first || lo < minimum {
			minimum = lo
		}
		if first || hi > maximum {
			maximum = hi
		}
		first = false
	}
	for _, d := range data {
		switch {
		case d.Value != nil:
			count++
			sum += *d.Value
			see(*d.Value, *d.Value)
		case len(d.Values) > 0:
			for i, v := range d.Values {
				c := 1.0
				if len(d.Counts) > 0 {
					c = d.Counts[i]
				}
				if c == 0 {
					continue
				}
				count += c
				sum += v * c
				see(v, v)
			}
		case d.StatisticValues != nil:
			s := d.StatisticValues
			count += s.SampleCount
			sum += s.Sum
			see(s.Minimum, s.Maximum)
		}
	}
	return
}
