package insights

import (
	"math"
	"strings"
)

// funcSpec describes a function of the query language: its arity, whether it aggregates (stats
// only), where it takes a period, and how it evaluates.
type funcSpec struct {
	name     string // as the AWS documentation spells it
	min, max int    // argument count; max < 0: any number
	agg      aggKind
	period   int // index of the period argument, or -1
	eval     func(c *runCtx, r *record, e *call) value
}

// funcStatus says what lookupFunc knows about a name.
type funcStatus uint8

const (
	funcUnknown      funcStatus = iota // not a Logs Insights function
	funcOK                             // simulated
	funcNotSimulated                   // documented, not simulated
)

// lookupFunc returns the function named name (case-insensitive). It builds the description on
// each call: the package keeps no tables at package level.
func lookupFunc(name string) (*funcSpec, funcStatus) {
	lower := strings.ToLower(name)
	if f := scalarFunc(lower); f != nil {
		return f, funcOK
	}
	if a := aggFunc(lower); a != nil {
		return a, funcOK
	}
	switch lower {
	case "parsedate", "formatdate", "strftime", "messagesize", "ispublicip", "isreservedip",
		"rate", "count_over_time", "countovertime", "sum_over_time", "sumovertime", "histogram":
		return nil, funcNotSimulated
	}
	return nil, funcUnknown
}

func fn(name string, min, max int, eval func(c *runCtx, r *record, e *call) value) *funcSpec {
	return &funcSpec{name: name, min: min, max: max, period: -1, eval: eval}
}

// scalarFunc returns the scalar function named lower, or nil. The functions and their
// meanings are those of "Boolean, comparison, numeric, datetime, and other functions" in the
// CloudWatch Logs User Guide
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-operations-functions.html).
func scalarFunc(lower string) *funcSpec {
	switch lower {
	// numeric
	case "abs":
		return fn("abs", 1, 1, num1(math.Abs))
	case "ceil":
		return fn("ceil", 1, 1, num1(math.Ceil))
	case "floor":
		return fn("floor", 1, 1, num1(math.Floor))
	case "log":
		return fn("log", 1, 1, num1(math.Log))
	case "sqrt":
		return fn("sqrt", 1, 1, num1(math.Sqrt))
	case "greatest":
		return fn("greatest", 1, -1, extremum(1))
	case "least":
		return fn("least", 1, -1, extremum(-1))
	case "round":
		return fn("round", 1, 2, evalRound)
	case "haversine":
		return fn("haversine", 4, 4, evalHaversine)
	case "tonumber", "todouble":
		return fn(lower, 1, 1, num1(func(f float64) float64 { return f }))
	case "toint":
		return fn("toInt", 1, 1, toInteger(math.MinInt32, math.MaxInt32))
	case "tolong":
		return fn("toLong", 1, 1, toInteger(math.MinInt64, math.MaxInt64))
	case "isnumeric":
		return fn("isNumeric", 1, 1, func(c *runCtx, r *record, e *call) value {
			_, ok := e.args[0].eval(c, r).number()
			return boolVal(ok)
		})
	// datetime
	case "bin":
		f := fn("bin", 1, 1, evalBin)
		f.period = 0
		return f
	case "datefloor":
		f := fn("datefloor", 2, 2, evalDateFloor)
		f.period = 1
		return f
	case "dateceil":
		f := fn("dateceil", 2, 2, evalDateCeil)
		f.period = 1
		return f
	case "frommillis":
		return fn("fromMillis", 1, 1, func(c *runCtx, r *record, e *call) value {
			f, ok := e.args[0].eval(c, r).number()
			if !ok || math.Abs(f) > 1e16 {
				return null()
			}
			return timeVal(int64(math.Floor(f)))
		})
	case "tomillis":
		return fn("toMillis", 1, 1, evalToMillis)
	case "now":
		return fn("now", 0, 0, func(c *runCtx, _ *record, _ *call) value {
			return num(float64(floorDiv(c.w.Now, 1000)))
		})
	case "querystarttime":
		return fn("queryStartTime", 0, 0, func(c *runCtx, _ *record, _ *call) value { return num(float64(c.w.Start)) })
	case "queryendtime":
		return fn("queryEndTime", 0, 0, func(c *runCtx, _ *record, _ *call) value { return num(float64(c.w.End)) })
	case "querytimerange":
		return fn("queryTimeRange", 0, 0, func(c *runCtx, _ *record, _ *call) value {
			return num(float64(c.w.End - c.w.Start))
		})
	// general
	case "ispresent":
		return fn("ispresent", 1, 1, func(c *runCtx, r *record, e *call) value {
			return boolVal(!e.args[0].eval(c, r).isNull())
		})
	case "coalesce":
		return fn("coalesce", 1, -1, func(c *runCtx, r *record, e *call) value {
			for _, a := range e.args {
				if v := a.eval(c, r); !v.isNull() {
					return v
				}
			}
			return null()
		})
	case "if":
		return fn("if", 3, 3, func(c *runCtx, r *record, e *call) value {
			if e.args[0].eval(c, r).truthy() {
				return e.args[1].eval(c, r)
			}
			return e.args[2].eval(c, r)
		})
	case "case":
		// case(c1, v1, …, [default]): at most 10 condition/value pairs
		return fn("case", 2, 21, func(c *runCtx, r *record, e *call) value {
			n := len(e.args)
			for i := 0; i+1 < n; i += 2 {
				if e.args[i].eval(c, r).truthy() {
					return e.args[i+1].eval(c, r)
				}
			}
			if n%2 == 1 {
				return e.args[n-1].eval(c, r)
			}
			return null()
		})
	}
	if f := stringFunc(lower); f != nil {
		return f
	}
	if f := ipFunc(lower); f != nil {
		return f
	}
	return jsonFunc(lower)
}

func num1(op func(float64) float64) func(c *runCtx, r *record, e *call) value {
	return func(c *runCtx, r *record, e *call) value {
		f, ok := e.args[0].eval(c, r).number()
		if !ok {
			return null()
		}
		return numResult(op(f))
	}
}

// extremum is greatest (sign 1) and least (sign -1) over the arguments that are numbers.
func extremum(sign int) func(c *runCtx, r *record, e *call) value {
	return func(c *runCtx, r *record, e *call) value {
		best, found := 0.0, false
		for _, a := range e.args {
			f, ok := a.eval(c, r).number()
			if ok && (!found || cmpFloat(f, best) == sign) {
				best, found = f, true
			}
		}
		if !found {
			return null()
		}
		return num(best)
	}
}

// evalRound rounds half away from zero to d decimal places (default 0).
func evalRound(c *runCtx, r *record, e *call) value {
	f, ok := e.args[0].eval(c, r).number()
	if !ok {
		return null()
	}
	d := 0.0
	if len(e.args) == 2 {
		if d, ok = e.args[1].eval(c, r).number(); !ok {
			return null()
		}
		d = math.Trunc(d)
	}
	if d > 15 || d < -15 {
		return num(f)
	}
	p := math.Pow(10, d)
	return numResult(math.Round(f*p) / p)
}

// evalHaversine is the great-circle distance in kilometres between two points given in
// degrees (mean Earth radius 6371 km, [derived]).
func evalHaversine(c *runCtx, r *record, e *call) value {
	var v [4]float64
	for i := range v {
		f, ok := e.args[i].eval(c, r).number()
		if !ok {
			return null()
		}
		v[i] = f * math.Pi / 180
	}
	dLat, dLon := v[2]-v[0], v[3]-v[1]
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(v[0])*math.Cos(v[2])*math.Sin(dLon/2)*math.Sin(dLon/2)
	return numResult(2 * 6371 * math.Asin(math.Min(1, math.Sqrt(h))))
}

// toInteger truncates toward zero; values outside [lo, hi] are absent ([derived]).
func toInteger(lo, hi float64) func(c *runCtx, r *record, e *call) value {
	return func(c *runCtx, r *record, e *call) value {
		f, ok := e.args[0].eval(c, r).number()
		if !ok || f < lo || f > hi {
			return null()
		}
		return num(math.Trunc(f))
	}
}

// timestampOf reads a value as a timestamp: a timestamp, or a number of epoch milliseconds.
func timestampOf(v value) (int64, bool) {
	switch v.k {
	case kTime:
		return v.t, true
	case kNum:
		if math.Abs(v.f) > 1e16 {
			return 0, false
		}
		return int64(math.Floor(v.f)), true
	case kStr:
		if ms, ok := parseISOTimestamp(v.s); ok {
			return ms, true
		}
		if f, ok := parseNumber(v.s); ok && math.Abs(f) <= 1e16 {
			return int64(math.Floor(f)), true
		}
	}
	return 0, false
}

func evalBin(c *runCtx, r *record, e *call) value {
	ms, ok := timestampOf(e.args[0].eval(c, r))
	if !ok {
		return null()
	}
	return timeVal(e.per.floor(ms))
}

func evalDateFloor(c *runCtx, r *record, e *call) value { return evalBin(c, r, e) }

func evalDateCeil(c *runCtx, r *record, e *call) value {
	ms, ok := timestampOf(e.args[0].eval(c, r))
	if !ok {
		return null()
	}
	return timeVal(e.per.ceil(ms))
}

func evalToMillis(c *runCtx, r *record, e *call) value {
	ms, ok := timestampOf(e.args[0].eval(c, r))
	if !ok {
		return null()
	}
	return num(float64(ms))
}
