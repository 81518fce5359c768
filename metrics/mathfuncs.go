package metrics

import (
	"math"
	"sort"
	"strings"
	"time"

	"github.com/watchsim/watchsim/bus"
)

// The metric-math function catalogue of [UG:using-metric-math]. Functions watchsim does not model
// (SEARCH, anomaly bands, …) are refused with bus.NotSimulated (see notSimulatedFunction).

func (ev *evaluator) call(c *callNode) (MathValue, error) {
	if feat, ok := notSimulatedFunction(c.fn); ok {
		return MathValue{}, bus.NotSimulated("monitoring", feat)
	}
	switch c.fn {
	case "METRICS":
		return ev.metricsFn(c)
	case "IF":
		return ev.ifFn(c)
	}
	args := make([]MathValue, 0, len(c.args))
	kws := make([]string, len(c.args))
	for i, a := range c.args {
		switch x := a.(type) {
		case *kwNode:
			kws[i] = x.name
			args = append(args, MathValue{})
			continue
		case *strNode:
			return MathValue{}, mathErrf("function %s does not take a string argument", c.fn)
		}
		v, err := ev.eval(a)
		if err != nil {
			return v, err
		}
		args = append(args, v)
	}
	need := func(min, max int) error {
		if len(args) < min || len(args) > max {
			return mathErrf("function %s takes %s", c.fn, argCountText(min, max))
		}
		for i, k := range kws {
			if k != "" && !keywordAllowed(c.fn, i, k) {
				return mathErrf("unexpected keyword %s in %s", k, c.fn)
			}
		}
		return nil
	}
	switch c.fn {
	case "ABS", "CEIL", "FLOOR", "LOG", "LOG10":
		if err := need(1, 1); err != nil {
			return MathValue{}, err
		}
		f := map[string]func(float64) float64{"ABS": math.Abs, "CEIL": math.Ceil, "FLOOR": math.Floor, "LOG": math.Log, "LOG10": math.Log10}[c.fn]
		return mapValue(args[0], func(_ int64, x float64) float64 { return f(x) }), nil
	case "AVG", "SUM", "MIN", "MAX", "STDDEV", "DATAPOINT_COUNT":
		if err := need(1, 1); err != nil {
			return MathValue{}, err
		}
		return aggregateFn(c.fn, args[0])
	case "METRIC_COUNT":
		if err := need(1, 1); err != nil {
			return MathValue{}, err
		}
		if args[0].Kind == KindScalar {
			return MathValue{}, mathErrf("METRIC_COUNT takes an array of time series")
		}
		return ScalarValue(float64(len(args[0].Series))), nil
	case "DIFF", "DIFF_TIME", "RATE", "RUNNING_SUM":
		if err := need(1, 1); err != nil {
			return MathValue{}, err
		}
		if args[0].Kind == KindScalar {
			return MathValue{}, mathErrf("function %s takes a time series", c.fn)
		}
		return perSeries(args[0], func(s *Series) *Series { return deltaFn(c.fn, s) }), nil
	case "FILL":
		if err := need(2, 2); err != nil {
			return MathValue{}, err
		}
		return ev.fillFn(args[0], args[1], kws[1])
	case "FIRST", "LAST":
		if err := need(1, 1); err != nil {
			return MathValue{}, err
		}
		a := args[0]
		if a.Kind == KindScalar {
			return MathValue{}, mathErrf("function %s takes an array of time series", c.fn)
		}
		if len(a.Series) == 0 {
			return ArrayValue(nil), nil
		}
		if c.fn == "FIRST" {
			return SeriesValue(a.Series[0]), nil
		}
		return SeriesValue(a.Series[len(a.Series)-1]), nil
	case "SORT":
		if err := need(3, 4); err != nil {
			return MathValue{}, err
		}
		return sortFn(args, kws)
	case "SLICE":
		if err := need(2, 3); err != nil {
			return MathValue{}, err
		}
		return sliceFn(args)
	case "REMOVE_EMPTY":
		if err := need(1, 1); err != nil {
			return MathValue{}, err
		}
		if args[0].Kind == KindScalar {
			return MathValue{}, mathErrf("REMOVE_EMPTY takes an array of time series")
		}
		var out []*Series
		for _, s := range args[0].Series {
			if len(s.Times) > 0 {
				out = append(out, s)
			}
		}
		return ArrayValue(out), nil
	case "TIME_SERIES":
		if err := need(1, 1); err != nil {
			return MathValue{}, err
		}
		if args[0].Kind != KindScalar {
			return MathValue{}, mathErrf("TIME_SERIES takes a scalar")
		}
		g := ev.grid(ev.env.Period)
		s := &Series{Period: ev.env.Period, Times: g, Values: make([]float64, len(g))}
		for i := range s.Values {
			s.Values[i] = args[0].Scalar
		}
		return SeriesValue(s), nil
	case "PERIOD":
		if err := need(1, 1); err != nil {
			return MathValue{}, err
		}
		a := args[0]
		if a.Kind != KindSeries || !a.Series[0].Metric {
			return MathValue{}, mathErrf("PERIOD takes the Id of a metric")
		}
		return ScalarValue(float64(a.Series[0].Period)), nil
	case "MINUTE", "HOUR", "DAY", "DATE", "MONTH", "YEAR", "EPOCH":
		if err := need(1, 1); err != nil {
			return MathValue{}, err
		}
		if args[0].Kind == KindScalar {
			return MathValue{}, mathErrf("function %s takes a time series", c.fn)
		}
		return perSeries(args[0], func(s *Series) *Series { return ev.timeFn(c.fn, s) }), nil
	}
	// A name outside the catalogue may be a newer AWS function or a typo; watchsim cannot tell, so
	// it refuses as not simulated rather than claim the input is invalid.
	return MathValue{}, bus.NotSimulatedf("monitoring", "metric math function %s (not in watchsim's function catalogue; AWS may also reject it as invalid)", c.fn)
}

func argCountText(min, max int) string {
	if min == max {
		if min == 1 {
			return "1 argument"
		}
		return itoa(min) + " arguments"
	}
	return itoa(min) + " to " + itoa(max) + " arguments"
}

func itoa(i int) string {
	const digits = "0123456789"
	if i < 10 {
		return digits[i : i+1]
	}
	return itoa(i/10) + digits[i%10:i%10+1]
}

func keywordAllowed(fn string, i int, kw string) bool {
	switch fn {
	case "FILL":
		return i == 1 && (kw == "REPEAT" || kw == "LINEAR")
	case "SORT":
		if i == 1 {
			return kw == "AVG" || kw == "MIN" || kw == "MAX" || kw == "SUM"
		}
		return i == 2 && (kw == "ASC" || kw == "DESC")
	}
	return false
}

func perSeries(v MathValue, f func(*Series) *Series) MathValue {
	out := MathValue{Kind: v.Kind, Series: make([]*Series, len(v.Series))}
	for i, s := range v.Series {
		out.Series[i] = f(s)
	}
	return out
}

// seriesAggregate reduces the points of one series. AVG/SUM/MIN/MAX/STDDEV of an empty series has no
// value (NaN); DATAPOINT_COUNT is 0.
func seriesAggregate(fn string, vals []float64) float64 {
	if fn == "DATAPOINT_COUNT" {
		return float64(len(vals))
	}
	if len(vals) == 0 {
		return math.NaN()
	}
	switch fn {
	case "SUM", "AVG", "STDDEV":
		sum := 0.0
		for _, v := range vals {
			sum += v
		}
		if fn == "SUM" {
			return sum
		}
		mean := sum / float64(len(vals))
		if fn == "AVG" {
			return mean
		}
		// Population standard deviation ([derived]: AWS does not say which).
		ss := 0.0
		for _, v := range vals {
			ss += (v - mean) * (v - mean)
		}
		return math.Sqrt(ss / float64(len(vals)))
	case "MIN":
		m := vals[0]
		for _, v := range vals[1:] {
			m = math.Min(m, v)
		}
		return m
	case "MAX":
		m := vals[0]
		for _, v := range vals[1:] {
			m = math.Max(m, v)
		}
		return m
	}
	return math.NaN()
}

// aggregateFn: TS → S over all points of the series; TS[] → TS point-wise across the series on the
// union of their timestamps. For AVG across an array a missing value counts as 0 ([UG:using-metric-math]);
// SUM is the same either way; MIN, MAX and STDDEV use the series that have a point there.
func aggregateFn(fn string, v MathValue) (MathValue, error) {
	switch v.Kind {
	case KindScalar:
		return MathValue{}, mathErrf("function %s takes a time series or an array of time series", fn)
	case KindSeries:
		return ScalarValue(seriesAggregate(fn, v.Series[0].Values)), nil
	}
	times := unionTimes(v.Series)
	out := &Series{Times: make([]int64, 0, len(times)), Values: make([]float64, 0, len(times))}
	if len(v.Series) > 0 {
		out.Period = v.Series[0].Period
	}
	idx := make([]int, len(v.Series))
	vals := make([]float64, 0, len(v.Series))
	for _, t := range times {
		vals = vals[:0]
		for k, s := range v.Series {
			for idx[k] < len(s.Times) && s.Times[idx[k]] < t {
				idx[k]++
			}
			if idx[k] < len(s.Times) && s.Times[idx[k]] == t {
				vals = append(vals, s.Values[idx[k]])
			}
		}
		var r float64
		if fn == "AVG" {
			sum := 0.0
			for _, x := range vals {
				sum += x
			}
			r = sum / float64(len(v.Series))
		} else {
			r = seriesAggregate(fn, vals)
		}
		if finite(r) {
			out.Times = append(out.Times, t)
			out.Values = append(out.Values, r)
		}
	}
	return SeriesValue(out), nil
}

// deltaFn implements DIFF, DIFF_TIME, RATE (per point against the previous point of the series; the
// first point has no predecessor and no output) and RUNNING_SUM.
func deltaFn(fn string, s *Series) *Series {
	out := &Series{Label: s.Label, Period: s.Period}
	sum := 0.0
	for i, t := range s.Times {
		v := s.Values[i]
		if fn == "RUNNING_SUM" {
			sum += v
			out.Times = append(out.Times, t)
			out.Values = append(out.Values, sum)
			continue
		}
		if i == 0 {
			continue
		}
		dt := float64(t - s.Times[i-1])
		var r float64
		switch fn {
		case "DIFF":
			r = v - s.Values[i-1]
		case "DIFF_TIME":
			r = dt
		case "RATE":
			r = (v - s.Values[i-1]) / dt
		}
		if finite(r) {
			out.Times = append(out.Times, t)
			out.Values = append(out.Values, r)
		}
	}
	return out
}

// fillFn implements FILL over the input series' period grid inside the request range. REPEAT
// carries the last real value forward; LINEAR interpolates between the surrounding real values.
// Leading gaps (before the first real value) stay empty for both, and LINEAR leaves trailing gaps
// empty too ([derived]: AWS does not document the edges).
func (ev *evaluator) fillFn(target, with MathValue, kw string) (MathValue, error) {
	if target.Kind == KindScalar {
		return MathValue{}, mathErrf("FILL takes a time series or an array of time series")
	}
	if kw == "" && with.Kind == KindSeriesArray {
		return MathValue{}, mathErrf("the FILL value must be a scalar, a time series, REPEAT or LINEAR")
	}
	fill := func(s *Series) *Series {
		g := ev.grid(s.Period)
		out := &Series{Label: s.Label, Period: s.Period, Times: make([]int64, 0, len(g)), Values: make([]float64, 0, len(g))}
		j := 0
		for gi, t := range g {
			for j < len(s.Times) && s.Times[j] < t {
				j++
			}
			if j < len(s.Times) && s.Times[j] == t {
				out.Times = append(out.Times, t)
				out.Values = append(out.Values, s.Values[j])
				continue
			}
			var v float64
			ok := true
			switch {
			case kw == "REPEAT":
				if j == 0 {
					ok = false
				} else {
					v = s.Values[j-1]
				}
			case kw == "LINEAR":
				if j == 0 || j >= len(s.Times) {
					ok = false
				} else {
					t0, t1 := s.Times[j-1], s.Times[j]
					v0, v1 := s.Values[j-1], s.Values[j]
					v = v0 + (v1-v0)*float64(t-t0)/float64(t1-t0)
				}
			case with.Kind == KindScalar:
				v = with.Scalar
			default:
				v, ok = valueAt(with.Series[0], t)
			}
			_ = gi
			if ok && finite(v) {
				out.Times = append(out.Times, t)
				out.Values = append(out.Values, v)
			}
		}
		// Points off the grid (other periods) are kept as they were.
		if len(out.Times) < len(s.Times) {
			return mergeOffGrid(out, s)
		}
		return out
	}
	return perSeries(target, fill), nil
}

// mergeOffGrid adds the points of s missing from out (points that do not fall on the grid).
func mergeOffGrid(out, s *Series) *Series {
	return zipSeries(out, s, math.NaN(), func(x, y float64) float64 {
		if math.IsNaN(x) {
			return y
		}
		return x
	})
}

func sortFn(args []MathValue, kws []string) (MathValue, error) {
	a := args[0]
	if a.Kind == KindScalar || kws[1] == "" || kws[2] == "" {
		return MathValue{}, mathErrf("SORT takes (array, AVG|MIN|MAX|SUM, ASC|DESC [, limit])")
	}
	type keyed struct {
		s   *Series
		key float64
	}
	ks := make([]keyed, len(a.Series))
	for i, s := range a.Series {
		k := seriesAggregate(kws[1], s.Values)
		if math.IsNaN(k) {
			k = math.Inf(-1) // empty series sort as the smallest
		}
		ks[i] = keyed{s, k}
	}
	desc := kws[2] == "DESC"
	sort.SliceStable(ks, func(i, j int) bool {
		if desc {
			return ks[i].key > ks[j].key
		}
		return ks[i].key < ks[j].key
	})
	n := len(ks)
	if len(args) == 4 {
		if args[3].Kind != KindScalar || args[3].Scalar < 0 || args[3].Scalar != math.Trunc(args[3].Scalar) {
			return MathValue{}, mathErrf("the SORT limit must be a non-negative integer")
		}
		if l := int(args[3].Scalar); l < n {
			n = l
		}
	}
	out := make([]*Series, n)
	for i := range out {
		out[i] = ks[i].s
	}
	return ArrayValue(out), nil
}

func sliceFn(args []MathValue) (MathValue, error) {
	a := args[0]
	if a.Kind == KindScalar {
		return MathValue{}, mathErrf("SLICE takes an array of time series")
	}
	n := len(a.Series)
	idx := func(v MathValue) (int, error) {
		if v.Kind != KindScalar || v.Scalar < 0 || v.Scalar != math.Trunc(v.Scalar) {
			return 0, mathErrf("SLICE indexes must be non-negative integers")
		}
		if v.Scalar > float64(n) {
			return n, nil
		}
		return int(v.Scalar), nil
	}
	start, err := idx(args[1])
	if err != nil {
		return MathValue{}, err
	}
	end := n
	if len(args) == 3 {
		if end, err = idx(args[2]); err != nil {
			return MathValue{}, err
		}
	}
	if end < start {
		end = start
	}
	return ArrayValue(append([]*Series(nil), a.Series[start:end]...)), nil
}

// timeFn implements MINUTE … EPOCH: a non-sparse series over the input's period grid whose values
// come from each timestamp (UTC). DAY is the day of the week, Monday = 1 … Sunday = 7 ([blog]).
func (ev *evaluator) timeFn(fn string, s *Series) *Series {
	g := ev.grid(s.Period)
	out := &Series{Label: s.Label, Period: s.Period, Times: g, Values: make([]float64, len(g))}
	for i, t := range g {
		tm := time.Unix(t, 0).UTC()
		var v int
		switch fn {
		case "MINUTE":
			v = tm.Minute()
		case "HOUR":
			v = tm.Hour()
		case "DAY":
			v = int(tm.Weekday())
			if v == 0 {
				v = 7
			}
		case "DATE":
			v = tm.Day()
		case "MONTH":
			v = int(tm.Month())
		case "YEAR":
			v = tm.Year()
		case "EPOCH":
			out.Values[i] = float64(t)
			continue
		}
		out.Values[i] = float64(v)
	}
	return out
}

// metricsFn implements METRICS() and METRICS("substring"): the MetricStat queries of the request,
// optionally only those whose Id contains the string.
func (ev *evaluator) metricsFn(c *callNode) (MathValue, error) {
	filter := ""
	switch len(c.args) {
	case 0:
	case 1:
		s, ok := c.args[0].(*strNode)
		if !ok {
			return MathValue{}, mathErrf("METRICS takes an optional string")
		}
		filter = s.s
	default:
		return MathValue{}, mathErrf("METRICS takes an optional string")
	}
	var out []*Series
	for _, id := range ev.env.MetricIDs {
		if !strings.Contains(id, filter) {
			continue
		}
		v, err := ev.env.Lookup(id)
		if err != nil {
			return v, err
		}
		out = append(out, v.Series...)
	}
	return ArrayValue(out), nil
}

// ifFn implements IF(cond, a [, b]) ([UG:using-metric-math]): per timestamp of cond, a non-zero
// condition takes a (0 when a is a series without a point there), a zero condition takes b (dropped
// when b is omitted or has no point); a timestamp without a cond point is dropped. A scalar
// condition picks a whole branch.
func (ev *evaluator) ifFn(c *callNode) (MathValue, error) {
	if len(c.args) < 2 || len(c.args) > 3 {
		return MathValue{}, mathErrf("function IF takes 2 to 3 arguments")
	}
	vals := make([]MathValue, len(c.args))
	for i, a := range c.args {
		v, err := ev.eval(a)
		if err != nil {
			return v, err
		}
		if v.Kind == KindSeriesArray && len(v.Series) == 1 {
			v = SeriesValue(v.Series[0])
		}
		vals[i] = v
	}
	cond, a := vals[0], vals[1]
	var b *MathValue
	if len(vals) == 3 {
		b = &vals[2]
	}
	if cond.Kind == KindScalar {
		if cond.Scalar != 0 {
			return a, nil
		}
		if b == nil {
			if a.Kind == KindScalar {
				return MathValue{}, mathErrf("IF with a scalar condition needs time series branches")
			}
			return SeriesValue(&Series{}), nil
		}
		return *b, nil
	}
	if a.Kind == KindSeriesArray || (b != nil && b.Kind == KindSeriesArray) {
		return MathValue{}, mathErrf("the branches of IF must be scalars or time series")
	}
	branch := func(v MathValue, t int64, zero bool) (float64, bool) {
		if v.Kind == KindScalar {
			return v.Scalar, true
		}
		x, ok := valueAt(v.Series[0], t)
		if !ok && zero {
			return 0, true
		}
		return x, ok
	}
	return perSeries(cond, func(cs *Series) *Series {
		out := &Series{Label: cs.Label, Period: cs.Period}
		for i, t := range cs.Times {
			var v float64
			ok := false
			if cs.Values[i] != 0 {
				v, ok = branch(a, t, true)
			} else if b != nil {
				v, ok = branch(*b, t, false)
			}
			if ok && finite(v) {
				out.Times = append(out.Times, t)
				out.Values = append(out.Values, v)
			}
		}
		return out
	}), nil
}
