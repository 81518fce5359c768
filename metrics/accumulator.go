package metrics

import (
	"math"
	"sort"
)

// PercentileMethod selects how pNN is computed from the samples of a bucket. AWS does not
// document its interpolation ([derived]); the default is [NearestRank].
type PercentileMethod uint8

const (
	// NearestRank returns the smallest sample whose cumulative share of the samples is at least
	// p/100 (p0 is the minimum, p100 the maximum). It always returns a value that was published,
	// which is what CloudWatch's own examples show ("p99 is the maximum of the lowest 99 %").
	NearestRank PercentileMethod = iota
	// Linear interpolates between the two closest ranks (Hyndman–Fan type 7, the spreadsheet
	// PERCENTILE.INC definition).
	Linear
)

// String names the method.
func (m PercentileMethod) String() string {
	if m == Linear {
		return "Linear"
	}
	return "NearestRank"
}

// Accumulator holds the samples of one period of one metric (and one unit): the summary needed by the
// five basic statistics and, for the extended statistics, the sample values with their weights.
//
// An Accumulator is a plain value usable without a simulator: add samples, then ask [Accumulator.Value]. The
// extended statistics reorder Values/Counts in place.
type Accumulator struct {
	SampleCount, Sum, Minimum, Maximum float64
	// Values are the individual samples; Counts[i] is the weight of Values[i]. A nil Counts means
	// every weight is 1.
	Values []float64
	Counts []float64
	// NoRaw is set when a statistic set that is not equivalent to SampleCount copies of one value
	// was added: the extended statistics are then unavailable ([API] PutMetricData, StatisticValues).
	NoRaw  bool
	sorted bool
}

// Empty reports whether the bucket has no samples.
func (b *Accumulator) Empty() bool { return b.SampleCount == 0 }

func (b *Accumulator) summary(v, n float64) {
	if b.SampleCount == 0 {
		b.Minimum, b.Maximum = v, v
	} else {
		if v < b.Minimum {
			b.Minimum = v
		}
		if v > b.Maximum {
			b.Maximum = v
		}
	}
	b.SampleCount += n
	b.Sum += v * n
}

// Add adds one sample.
func (b *Accumulator) Add(v float64) {
	b.summary(v, 1)
	if b.Counts != nil {
		b.Counts = append(b.Counts, 1)
	}
	b.Values = append(b.Values, v)
	b.sorted = false
}

// AddCount adds a value that occurred count times (a Values/Counts member). Counts ≤ 0 add nothing.
func (b *Accumulator) AddCount(v, count float64) {
	if count <= 0 {
		return
	}
	if count == 1 {
		b.Add(v)
		return
	}
	b.summary(v, count)
	if b.Counts == nil {
		b.Counts = make([]float64, len(b.Values), cap(b.Values))
		for i := range b.Counts {
			b.Counts[i] = 1
		}
	}
	b.Values = append(b.Values, v)
	b.Counts = append(b.Counts, count)
	b.sorted = false
}

// AddSet adds a statistic set. When the set is equivalent to SampleCount copies of one value
// ((SampleCount = 1 and Min = Max = Sum) or (Min = Max and Sum = Min × SampleCount), [API]
// PutMetricData) it is added as that value with that weight and the extended statistics stay
// available; otherwise only the summary changes and the extended statistics become unavailable.
func (b *Accumulator) AddSet(sampleCount, sum, minimum, maximum float64) {
	if sampleCount <= 0 {
		return
	}
	if setIsUniform(sampleCount, sum, minimum, maximum) {
		b.AddCount(minimum, sampleCount)
		b.Sum += sum - minimum*sampleCount // keep the published Sum exactly
		return
	}
	if b.SampleCount == 0 {
		b.Minimum, b.Maximum = minimum, maximum
	} else {
		b.Minimum = math.Min(b.Minimum, minimum)
		b.Maximum = math.Max(b.Maximum, maximum)
	}
	b.SampleCount += sampleCount
	b.Sum += sum
	b.NoRaw = true
}

// setIsUniform reports whether a statistic set is equivalent to SampleCount copies of one value.
func setIsUniform(sampleCount, sum, minimum, maximum float64) bool {
	if minimum != maximum {
		return false
	}
	if sampleCount == 1 {
		return sum == minimum
	}
	return sum == minimum*sampleCount
}

// Merge adds every sample of o to b.
func (b *Accumulator) Merge(o *Accumulator) {
	if o.SampleCount == 0 {
		return
	}
	if b.SampleCount == 0 {
		b.Minimum, b.Maximum = o.Minimum, o.Maximum
	} else {
		b.Minimum = math.Min(b.Minimum, o.Minimum)
		b.Maximum = math.Max(b.Maximum, o.Maximum)
	}
	b.SampleCount += o.SampleCount
	b.Sum += o.Sum
	b.NoRaw = b.NoRaw || o.NoRaw
	if o.Counts != nil && b.Counts == nil {
		b.Counts = make([]float64, len(b.Values))
		for i := range b.Counts {
			b.Counts[i] = 1
		}
	}
	b.Values = append(b.Values, o.Values...)
	if b.Counts != nil {
		if o.Counts != nil {
			b.Counts = append(b.Counts, o.Counts...)
		} else {
			for range o.Values {
				b.Counts = append(b.Counts, 1)
			}
		}
	}
	b.sorted = false
}

// Reset empties the bucket, keeping its storage.
func (b *Accumulator) Reset() {
	*b = Accumulator{Values: b.Values[:0]}
}

// ExtendedAvailable reports whether the extended statistics can be computed: the bucket has
// samples, no value is negative ([UG:cloudwatch_concepts]) and no non-uniform statistic set was added.
func (b *Accumulator) ExtendedAvailable() bool {
	return b.SampleCount > 0 && !b.NoRaw && b.Minimum >= 0
}

// Value computes statistic s over the bucket with percentile method m. ok is false when the
// bucket is empty or the statistic is not available for its data (see [Accumulator.ExtendedAvailable]).
func (b *Accumulator) Value(s Statistic, m PercentileMethod) (v float64, ok bool) {
	if b.SampleCount == 0 {
		return 0, false
	}
	switch s.Kind {
	case StatSampleCount:
		return b.SampleCount, true
	case StatSum:
		return b.Sum, true
	case StatAverage:
		return b.Sum / b.SampleCount, true
	case StatMinimum:
		return b.Minimum, true
	case StatMaximum:
		return b.Maximum, true
	case 0:
		return 0, false
	}
	if !b.ExtendedAvailable() || len(b.Values) == 0 {
		return 0, false
	}
	if s.Kind == StatPercentile {
		return b.percentile(s.P, m), true
	}
	return b.ranged(s, m)
}

// total returns the total weight of Values.
func (b *Accumulator) total() float64 {
	if b.Counts == nil {
		return float64(len(b.Values))
	}
	t := 0.0
	for _, c := range b.Counts {
		t += c
	}
	return t
}

func (b *Accumulator) sortValues() {
	if b.sorted {
		return
	}
	if b.Counts == nil {
		sort.Float64s(b.Values)
	} else {
		sort.Sort(weighted{b.Values, b.Counts})
	}
	b.sorted = true
}

type weighted struct{ v, c []float64 }

func (w weighted) Len() int           { return len(w.v) }
func (w weighted) Less(i, j int) bool { return w.v[i] < w.v[j] }
func (w weighted) Swap(i, j int) {
	w.v[i], w.v[j] = w.v[j], w.v[i]
	w.c[i], w.c[j] = w.c[j], w.c[i]
}

// percentile computes pNN. Unweighted nearest-rank on an unsorted bucket uses selection, O(n).
func (b *Accumulator) percentile(p float64, m PercentileMethod) float64 {
	n := b.total()
	if m == NearestRank {
		rank := math.Ceil(p * n / 100) // 1-based rank of the answer
		if rank < 1 {
			rank = 1
		}
		if b.Counts == nil && !b.sorted {
			return selectK(b.Values, int(rank)-1)
		}
		b.sortValues()
		return b.atRank(rank)
	}
	b.sortValues()
	h := (n-1)*p/100 + 1 // Hyndman–Fan type 7, 1-based
	lo := math.Floor(h)
	vlo := b.atRank(lo)
	if h == lo {
		return vlo
	}
	vhi := b.atRank(lo + 1)
	return vlo + (h-lo)*(vhi-vlo)
}

// atRank returns the sample at 1-based rank r of the sorted bucket (r clamped to [1, n]).
func (b *Accumulator) atRank(r float64) float64 {
	if b.Counts == nil {
		i := int(r) - 1
		if i < 0 {
			i = 0
		}
		if i >= len(b.Values) {
			i = len(b.Values) - 1
		}
		return b.Values[i]
	}
	cum := 0.0
	for i, c := range b.Counts {
		cum += c
		if cum >= r {
			return b.Values[i]
		}
	}
	return b.Values[len(b.Values)-1]
}

// ranged computes TM, WM, TC, TS and PR. Percentage bounds trim by rank: TM(a%:b%) keeps the samples
// whose 1-based rank r satisfies floor(a·n/100) < r ≤ ceil(b·n/100); a weighted sample keeps the part
// of its weight inside that rank range. Absolute bounds keep values v with a < v ≤ b
// ([UG:Statistics-definitions]: lower exclusive, upper inclusive).
func (b *Accumulator) ranged(s Statistic, m PercentileMethod) (float64, bool) {
	_ = m
	b.sortValues()
	n := b.total()
	loRank, hiRank := 0.0, n
	loVal, hiVal := math.Inf(-1), math.Inf(1)
	if s.Lo.Set {
		if s.Lo.Percent {
			loRank = math.Floor(s.Lo.Value * n / 100)
		} else {
			loVal = s.Lo.Value
		}
	}
	if s.Hi.Set {
		if s.Hi.Percent {
			hiRank = math.Ceil(s.Hi.Value * n / 100)
		} else {
			hiVal = s.Hi.Value
		}
	}
	var inW, inSum float64
	first, last := math.NaN(), math.NaN()
	cum := 0.0
	for i, v := range b.Values {
		w := 1.0
		if b.Counts != nil {
			w = b.Counts[i]
		}
		start := cum
		cum += w
		// rank overlap of (start, cum] with (loRank, hiRank]
		ov := math.Min(cum, hiRank) - math.Max(start, loRank)
		if ov <= 0 || v <= loVal || v > hiVal {
			continue
		}
		if math.IsNaN(first) {
			first = v
		}
		last = v
		inW += ov
		inSum += v * ov
	}
	switch s.Kind {
	case StatTrimmedCount:
		return inW, true
	case StatPercentileRank:
		return inW / n * 100, true
	case StatTrimmedSum:
		return inSum, true
	case StatTrimmedMean:
		if inW == 0 {
			return 0, false
		}
		return inSum / inW, true
	case StatWinsorizedMean:
		if inW == 0 {
			return 0, false
		}
		// Samples below the kept range are replaced by the lowest kept value (or the absolute lower
		// bound), those above by the highest kept value (or the absolute upper bound).
		lowRep, highRep := first, last
		if s.Lo.Set && !s.Lo.Percent {
			lowRep = s.Lo.Value
		}
		if s.Hi.Set && !s.Hi.Percent {
			highRep = s.Hi.Value
		}
		below, above := 0.0, 0.0
		cum = 0
		for i, v := range b.Values {
			w := 1.0
			if b.Counts != nil {
				w = b.Counts[i]
			}
			start := cum
			cum += w
			if v <= loVal {
				below += w
				continue
			}
			if v > hiVal {
				above += w
				continue
			}
			below += math.Max(0, math.Min(cum, loRank)-start)
			above += math.Max(0, cum-math.Max(start, hiRank))
		}
		return (inSum + below*lowRep + above*highRep) / n, true
	}
	return 0, false
}

// selectK returns the k-th smallest (0-based) element of v, reordering v (Hoare quickselect with
// median-of-three pivots; deterministic).
func selectK(v []float64, k int) float64 {
	lo, hi := 0, len(v)-1
	for lo < hi {
		mid := lo + (hi-lo)/2
		if v[mid] < v[lo] {
			v[mid], v[lo] = v[lo], v[mid]
		}
		if v[hi] < v[lo] {
			v[hi], v[lo] = v[lo], v[hi]
		}
		if v[hi] < v[mid] {
			v[hi], v[mid] = v[mid], v[hi]
		}
		pivot := v[mid]
		i, j := lo, hi
		for i <= j {
			for v[i] < pivot {
				i++
			}
			for v[j] > pivot {
				j--
			}
			if i <= j {
				v[i], v[j] = v[j], v[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return v[k]
		}
	}
	return v[k]
}

// ComputeStatistic computes one statistic over a series of plain samples (weight 1 each). It is the
// pure entry point for callers that have samples rather than a stored metric. ok is false when the
// statistic is unavailable (no samples, negative values for extended statistics).
func ComputeStatistic(s Statistic, samples []float64, m PercentileMethod) (float64, bool) {
	var b Accumulator
	b.Values = make([]float64, 0, len(samples))
	for _, v := range samples {
		b.Add(v)
	}
	return b.Value(s, m)
}
