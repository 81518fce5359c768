package insights

import (
	"math"
	"slices"
)

// aggKind is an aggregation function of stats
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-Stats.html).
type aggKind uint8

const (
	aggNone aggKind = iota
	aggCountStar
	aggCount
	aggSum
	aggAvg
	aggMin
	aggMax
	aggPct
	aggStddev
	aggCountDistinct
	aggEarliest
	aggLatest
	aggSortsFirst
	aggSortsLast
)

// aggFunc returns the aggregation named lower, or nil.
func aggFunc(lower string) *funcSpec {
	mk := func(name string, k aggKind, min, max int) *funcSpec {
		return &funcSpec{name: name, min: min, max: max, agg: k, period: -1}
	}
	switch lower {
	case "count":
		return mk("count", aggCount, 0, 1)
	case "count_distinct":
		return mk("count_distinct", aggCountDistinct, 1, 1)
	case "sum":
		return mk("sum", aggSum, 1, 1)
	case "avg":
		return mk("avg", aggAvg, 1, 1)
	case "min":
		return mk("min", aggMin, 1, 1)
	case "max":
		return mk("max", aggMax, 1, 1)
	case "pct":
		return mk("pct", aggPct, 2, 2)
	case "stddev":
		return mk("stddev", aggStddev, 1, 1)
	case "earliest":
		return mk("earliest", aggEarliest, 1, 1)
	case "latest":
		return mk("latest", aggLatest, 1, 1)
	case "sortsfirst":
		return mk("sortsFirst", aggSortsFirst, 1, 1)
	case "sortslast":
		return mk("sortsLast", aggSortsLast, 1, 1)
	}
	return nil
}

// aggSpec is one aggregation call inside a stats command.
type aggSpec struct {
	kind aggKind
	arg  expr    // nil for count(*)
	p    float64 // pct's percentile
}

// acc accumulates one aggregation for one group.
type acc struct {
	n        int64
	sum      float64
	mean, m2 float64 // Welford's running mean and sum of squared deviations (stddev)
	best     value
	bestTs   int64
	has      bool
	vals     []float64           // pct
	set      map[string]struct{} // count_distinct
}

// add folds one record's argument value v (ts: the record's @timestamp) into a.
func (a *acc) add(s *aggSpec, v value, ts int64) {
	switch s.kind {
	case aggCountStar:
		a.n++
	case aggCount:
		if !v.isNull() {
			a.n++
		}
	case aggSum, aggAvg:
		if f, ok := v.number(); ok {
			a.n++
			a.sum += f
		}
	case aggStddev:
		if f, ok := v.number(); ok {
			a.n++
			d := f - a.mean
			a.mean += d / float64(a.n)
			a.m2 += d * (f - a.mean)
		}
	case aggPct:
		if f, ok := v.number(); ok {
			a.vals = append(a.vals, f)
		}
	case aggCountDistinct:
		if t, ok := v.text(); ok {
			if a.set == nil {
				a.set = make(map[string]struct{})
			}
			a.set[t] = struct{}{}
		}
	case aggMin, aggSortsFirst:
		if !v.isNull() && !v.isStructure() && (!a.has || naturalCompare(v, a.best) < 0) {
			a.best, a.has = v, true
		}
	case aggMax, aggSortsLast:
		if !v.isNull() && !v.isStructure() && (!a.has || naturalCompare(v, a.best) > 0) {
			a.best, a.has = v, true
		}
	case aggEarliest, aggLatest:
		if v.isNull() || v.isStructure() {
			return
		}
		better := !a.has
		if a.has {
			c := cmpInt(ts, a.bestTs)
			if s.kind == aggLatest {
				c = -c
			}
			// equal timestamps: the value that sorts first, so the result does not depend on the
			// order events arrive in ([derived])
			better = c < 0 || (c == 0 && naturalCompare(v, a.best) < 0)
		}
		if better {
			a.best, a.bestTs, a.has = v, ts, true
		}
	}
}

// result is the aggregation's value for the group. Sums, averages and the like over no number
// are absent ([derived]); counts are 0.
func (a *acc) result(s *aggSpec) value {
	switch s.kind {
	case aggCountStar, aggCount:
		return num(float64(a.n))
	case aggSum:
		if a.n == 0 {
			return null()
		}
		return numResult(a.sum)
	case aggAvg:
		if a.n == 0 {
			return null()
		}
		return numResult(a.sum / float64(a.n))
	case aggStddev:
		// sample standard deviation (n-1); one value gives 0 ([derived])
		if a.n == 0 {
			return null()
		}
		if a.n == 1 {
			return num(0)
		}
		return numResult(math.Sqrt(a.m2 / float64(a.n-1)))
	case aggPct:
		return percentile(a.vals, s.p)
	case aggCountDistinct:
		return num(float64(len(a.set)))
	}
	if !a.has {
		return null()
	}
	if a.best.k == kNum {
		a.best.s = "" // one spelling whatever the arrival order
	}
	return a.best
}

// percentile is the nearest-rank percentile ([derived]: AWS describes pct(f, p) as the value
// below which p percent of the values lie, without naming a method): the value at rank
// ceil(p/100 × n) of the sorted values, the smallest for p = 0.
func percentile(vals []float64, p float64) value {
	if len(vals) == 0 {
		return null()
	}
	slices.Sort(vals)
	k := int(math.Ceil(p / 100 * float64(len(vals))))
	k = max(1, min(k, len(vals)))
	return num(vals[k-1])
}

// aggRef reads an aggregation's result for the group being finished.
type aggRef struct{ i int }

func (e *aggRef) eval(c *runCtx, _ *record) value {
	return c.group.accs[e.i].result(&c.stats.aggs[e.i])
}

// group is one row of a stats command while it accumulates.
type group struct {
	keys []value
	accs []acc
}

// appendKey encodes v as part of a group key: values group by type and value (a number and a
// string that reads as it are different groups, [derived]); structures group as absent.
func appendKey(b []byte, v value) []byte {
	switch v.k {
	case kTime:
		return appendUint64(append(b, 't'), uint64(v.t))
	case kNum:
		f := v.f
		if f == 0 {
			f = 0 // -0 groups with 0
		}
		return appendUint64(append(b, 'n'), math.Float64bits(f))
	case kBool:
		return append(b, 'b', byte(v.f))
	case kStr:
		b = appendUint64(append(b, 's'), uint64(len(v.s)))
		return append(b, v.s...)
	}
	return append(b, 0)
}

func appendUint64(b []byte, u uint64) []byte {
	return append(b, byte(u>>56), byte(u>>48), byte(u>>40), byte(u>>32), byte(u>>24), byte(u>>16), byte(u>>8), byte(u))
}

// compareGroups orders stats output ([derived]: AWS does not document it): by the by-keys in
// order, timestamps (bin(…)) newest first, other values as sort orders them ascending, absent
// values last.
func compareGroups(a, b []value) int {
	for i := range a {
		desc := a[i].k == kTime || b[i].k == kTime
		if c := sortCompare(a[i], b[i], desc); c != 0 {
			return c
		}
	}
	return 0
}
