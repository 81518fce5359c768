package metrics

import (
	"fmt"
	"math"
)

// MathEnv is what an expression is evaluated against: the request range, the default period and a
// way to resolve Ids. It is a plain value; the service fills it, and tests can fill it by hand.
type MathEnv struct {
	// Start and End are the request range in Unix seconds, [Start, End).
	Start, End int64
	// Period is the grid period for TIME_SERIES and for series without their own period.
	Period int64
	// Lookup resolves an Id to the value of that query.
	Lookup func(id string) (MathValue, error)
	// MetricIDs are the Ids of the MetricStat queries of the request in request order (METRICS()).
	MetricIDs []string
}

// MathError is an evaluation error of a well-formed expression (a wrong argument type, an unknown
// function or Id). The service reports it as a ValidationError.
type MathError struct{ Msg string }

// Error returns the message.
func (e *MathError) Error() string { return e.Msg }

func mathErrf(format string, args ...any) error { return &MathError{Msg: fmt.Sprintf(format, args...)} }

// notSimulatedFunction names the feature of a metric-math function AWS documents that watchsim does
// not model; such functions are refused with bus.NotSimulated, never approximated.
func notSimulatedFunction(fn string) (feature string, ok bool) {
	switch fn {
	case "SEARCH", "ANOMALY_DETECTION_BAND", "SERVICE_QUOTA", "DB_PERF_INSIGHTS":
		return "metric math function " + fn, true
	case "INSIGHT_RULE_METRIC":
		return "metric math function INSIGHT_RULE_METRIC (Contributor Insights)", true
	case "LAMBDA":
		return "metric math function LAMBDA (Lambda data sources)", true
	}
	return "", false
}

// Eval evaluates the expression. The result is S, TS or TS[]; callers that need a series (the
// final value of a GetMetricData expression) must reject S themselves. Errors are *MathError for
// invalid input and *bus.NotSimulatedError for functions watchsim does not model.
func (e *Expression) Eval(env *MathEnv) (MathValue, error) {
	ev := &evaluator{env: env}
	return ev.eval(e.root)
}

type evaluator struct{ env *MathEnv }

func (ev *evaluator) eval(n mnode) (MathValue, error) {
	switch x := n.(type) {
	case *numNode:
		return ScalarValue(x.v), nil
	case *strNode:
		return MathValue{}, mathErrf("a string is only allowed as a function argument")
	case *kwNode:
		return MathValue{}, mathErrf("unexpected keyword %s", x.name)
	case *idNode:
		if ev.env.Lookup == nil {
			return MathValue{}, mathErrf("unknown Id %s", x.name)
		}
		return ev.env.Lookup(x.name)
	case *unaryNode:
		v, err := ev.eval(x.x)
		if err != nil {
			return v, err
		}
		return mapValue(v, func(_ int64, f float64) float64 { return -f }), nil
	case *binNode:
		l, err := ev.eval(x.l)
		if err != nil {
			return l, err
		}
		r, err := ev.eval(x.r)
		if err != nil {
			return r, err
		}
		return binaryOp(x.op, l, r)
	case *arrNode:
		var out []*Series
		for _, el := range x.elems {
			v, err := ev.eval(el)
			if err != nil {
				return v, err
			}
			if v.Kind == KindScalar {
				return v, mathErrf("an array may only contain time series")
			}
			out = append(out, v.Series...)
		}
		return ArrayValue(out), nil
	case *callNode:
		return ev.call(x)
	}
	return MathValue{}, mathErrf("invalid expression")
}

// mapValue applies f element-wise to S, TS or TS[].
func mapValue(v MathValue, f func(t int64, x float64) float64) MathValue {
	if v.Kind == KindScalar {
		return ScalarValue(f(0, v.Scalar))
	}
	out := MathValue{Kind: v.Kind, Series: make([]*Series, len(v.Series))}
	for i, s := range v.Series {
		out.Series[i] = mapSeries(s, f)
	}
	return out
}

func arith(op string) func(x, y float64) float64 {
	switch op {
	case "+":
		return func(x, y float64) float64 { return x + y }
	case "-":
		return func(x, y float64) float64 { return x - y }
	case "*":
		return func(x, y float64) float64 { return x * y }
	case "/":
		// A point where division by zero would happen is dropped ([UG:using-metric-math]).
		return func(x, y float64) float64 {
			if y == 0 {
				return math.NaN()
			}
			return x / y
		}
	case "^":
		return math.Pow
	case "==":
		return func(x, y float64) float64 { return b2f(x == y) }
	case "!=":
		return func(x, y float64) float64 { return b2f(x != y) }
	case "<":
		return func(x, y float64) float64 { return b2f(x < y) }
	case "<=":
		return func(x, y float64) float64 { return b2f(x <= y) }
	case ">":
		return func(x, y float64) float64 { return b2f(x > y) }
	case ">=":
		return func(x, y float64) float64 { return b2f(x >= y) }
	case "AND":
		return func(x, y float64) float64 { return b2f(x != 0 && y != 0) }
	case "OR":
		return func(x, y float64) float64 { return b2f(x != 0 || y != 0) }
	}
	return nil
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// binaryOp applies an operator. TS∘TS aligns on the union of timestamps with a missing side
// counting as 0 (arithmetic and comparisons alike, [UG:using-metric-math]); TS∘S applies to every
// point of the series; TS[]∘TS and TS[]∘S apply per series of the array.
func binaryOp(op string, l, r MathValue) (MathValue, error) {
	f := arith(op)
	if f == nil {
		return MathValue{}, mathErrf("unknown operator %s", op)
	}
	switch {
	case l.Kind == KindScalar && r.Kind == KindScalar:
		return ScalarValue(f(l.Scalar, r.Scalar)), nil
	case l.Kind == KindSeriesArray && r.Kind == KindSeriesArray:
		if len(l.Series) == 1 {
			return binaryOp(op, SeriesValue(l.Series[0]), r)
		}
		if len(r.Series) == 1 {
			return binaryOp(op, l, SeriesValue(r.Series[0]))
		}
		return MathValue{}, mathErrf("operator %s is not defined between two arrays of time series", op)
	case r.Kind == KindScalar:
		y := r.Scalar
		return mapValue(l, func(_ int64, x float64) float64 { return f(x, y) }), nil
	case l.Kind == KindScalar:
		x := l.Scalar
		return mapValue(r, func(_ int64, y float64) float64 { return f(x, y) }), nil
	case l.Kind == KindSeries && r.Kind == KindSeries:
		return SeriesValue(zipSeries(l.Series[0], r.Series[0], 0, f)), nil
	case l.Kind == KindSeriesArray: // TS[] ∘ TS
		out := make([]*Series, len(l.Series))
		for i, s := range l.Series {
			out[i] = zipSeries(s, r.Series[0], 0, f)
		}
		return ArrayValue(out), nil
	default: // TS ∘ TS[]
		out := make([]*Series, len(r.Series))
		for i, s := range r.Series {
			z := zipSeries(l.Series[0], s, 0, f)
			z.Label = s.Label
			out[i] = z
		}
		return ArrayValue(out), nil
	}
}

// grid returns the timestamps start + i·p inside [Start, End).
func (ev *evaluator) grid(p int64) []int64 {
	if p <= 0 {
		p = ev.env.Period
	}
	if p <= 0 {
		p = 60
	}
	var out []int64
	for t := ev.env.Start; t < ev.env.End; t += p {
		out = append(out, t)
		if len(out) > 1_000_000 {
			break
		}
	}
	return out
}
