package metrics

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/watchsim/watchsim/bus"
)

// ser builds a 60 s series from "30 20 - 0" ("-" = no point), starting at t=0.
func ser(spec string) *Series {
	s := &Series{Period: 60, Metric: true}
	for i, f := range strings.Fields(spec) {
		if f == "-" {
			continue
		}
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			panic(err)
		}
		s.Times = append(s.Times, int64(i*60))
		s.Values = append(s.Values, v)
	}
	return s
}

// show renders a series over n slots as "30 20 - 0".
func show(s *Series, n int) string {
	out := make([]string, n)
	for i := range out {
		out[i] = "-"
	}
	for i, t := range s.Times {
		if t%60 == 0 && t/60 < int64(n) {
			out[t/60] = strconv.FormatFloat(s.Values[i], 'f', -1, 64)
		}
	}
	return strings.Join(out, " ")
}

func env(n int, metrics map[string]string) *MathEnv {
	e := &MathEnv{Start: 0, End: int64(n * 60), Period: 60}
	ids := make([]string, 0, len(metrics))
	for id := range metrics {
		ids = append(ids, id)
	}
	sortStrings(ids)
	e.MetricIDs = ids
	e.Lookup = func(id string) (MathValue, error) {
		spec, ok := metrics[id]
		if !ok {
			return MathValue{}, &MathError{Msg: "unknown Id " + id}
		}
		s := ser(spec)
		s.Label = id
		return SeriesValue(s), nil
	}
	return e
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func evalTS(t *testing.T, expr string, e *MathEnv) MathValue {
	t.Helper()
	x, err := ParseExpression(expr)
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	v, err := x.Eval(e)
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

func TestMathVectors(t *testing.T) {
	cmp := map[string]string{"metric1": "30 20 0 0", "metric2": "20 - 20 -"}
	ifm := map[string]string{"m1": "1 1 0 0 -", "m2": "30 - 0 0 30", "m3": "0 0 20 - 20"}
	cases := []struct {
		name, expr string
		data       map[string]string
		n          int
		want       string
	}{
		// TV-MATH-CMP
		{"CMP-1", "metric1 < metric2", cmp, 4, "0 0 1 0"},
		{"CMP-2", "metric1 >= 30", cmp, 4, "1 0 0 0"},
		{"CMP-3", "metric1 > 15 AND metric2 > 15", cmp, 4, "1 0 0 0"},
		{"CMP-3b", "metric1 > 15 && metric2 > 15", cmp, 4, "1 0 0 0"},
		// TV-MATH-IF
		{"IF-1", "IF(m1,m2,m3)", ifm, 5, "30 0 20 - -"},
		{"IF-2", "IF(m1,5,m3)", ifm, 5, "5 5 20 - -"},
		{"IF-3", "IF(m1,m2,5)", ifm, 5, "30 0 5 5 -"},
		{"IF-no-false", "IF(m1,m2)", ifm, 5, "30 0 - - -"},
		{"IF-scalar-cond", "IF(1, m2, m3)", ifm, 5, "30 - 0 0 30"},
		{"IF-scalar-false", "IF(0, m2, m3)", ifm, 5, "0 0 20 - 20"},
		{"IF-cmp", "IF(m2 > 10, 1, 0)", ifm, 5, "1 - 0 0 1"},
		// arithmetic: missing counts as 0; division by zero drops the point
		{"add", "a + b", map[string]string{"a": "1 2 - 4", "b": "10 - 30 40"}, 4, "11 2 30 44"},
		{"div", "a / b", map[string]string{"a": "1 2 - 4", "b": "2 - 30 0"}, 4, "0.5 - 0 -"},
		{"scalar", "a * 2 + 1", map[string]string{"a": "1 2 - 4"}, 4, "3 5 - 9"},
		{"unary", "-a", map[string]string{"a": "1 - 3"}, 3, "-1 - -3"},
		{"pow", "a ^ 2", map[string]string{"a": "1 2 3"}, 3, "1 4 9"},
		{"prec", "a + 2 * 3 ^ 2", map[string]string{"a": "1"}, 1, "19"},
		{"paren", "(a + 2) * 3", map[string]string{"a": "1"}, 1, "9"},
		{"ne", "a != 2", map[string]string{"a": "1 2 3"}, 3, "1 0 1"},
		{"or", "a > 2 OR a < 2", map[string]string{"a": "1 2 3"}, 3, "1 0 1"},
		{"abs", "ABS(a)", map[string]string{"a": "-1 2 -3"}, 3, "1 2 3"},
		{"ceil", "CEIL(a)", map[string]string{"a": "1.2 -1.5"}, 2, "2 -1"},
		{"floor", "FLOOR(a)", map[string]string{"a": "1.2 -1.5"}, 2, "1 -2"},
		{"log10", "LOG10(a)", map[string]string{"a": "100 1000 0"}, 3, "2 3 -"},
		{"log", "LOG(a)", map[string]string{"a": "1"}, 1, "0"},
		{"diff", "DIFF(a)", map[string]string{"a": "1 4 - 10"}, 4, "- 3 - 6"},
		{"diff_time", "DIFF_TIME(a)", map[string]string{"a": "1 4 - 10"}, 4, "- 60 - 120"},
		{"rate", "RATE(a)", map[string]string{"a": "0 60 - 180"}, 4, "- 1 - 1"},
		{"running_sum", "RUNNING_SUM(a)", map[string]string{"a": "1 2 - 3"}, 4, "1 3 - 6"},
		{"fill-const", "FILL(a, 0)", map[string]string{"a": "- 2 - 3 -"}, 5, "0 2 0 3 0"},
		{"fill-repeat", "FILL(a, REPEAT)", map[string]string{"a": "- 2 - 3 -"}, 5, "- 2 2 3 3"},
		{"fill-linear", "FILL(a, LINEAR)", map[string]string{"a": "- 2 - - 8 -"}, 6, "- 2 4 6 8 -"},
		{"fill-series", "FILL(a, b)", map[string]string{"a": "- 2 -", "b": "7 7 -"}, 3, "7 2 -"},
		{"sum-array", "SUM(METRICS())", map[string]string{"a": "1 2 -", "b": "10 - -"}, 3, "11 2 -"},
		{"avg-array", "AVG(METRICS())", map[string]string{"a": "1 2 -", "b": "10 - -"}, 3, "5.5 1 -"},
		{"max-array", "MAX([a, b])", map[string]string{"a": "1 2 -", "b": "10 - -"}, 3, "10 2 -"},
		{"min-array", "MIN([a, b])", map[string]string{"a": "1 2 -", "b": "10 - -"}, 3, "1 2 -"},
		{"stddev-array", "STDDEV([a, b])", map[string]string{"a": "1 2", "b": "3 2"}, 2, "1 0"},
		{"count-array", "DATAPOINT_COUNT(METRICS())", map[string]string{"a": "1 2 -", "b": "10 - -"}, 3, "2 1 -"},
		{"scalar-agg", "a - AVG(a)", map[string]string{"a": "1 2 3"}, 3, "-1 0 1"},
		{"scalar-max", "a / MAX(a) * 100", map[string]string{"a": "1 2 4"}, 3, "25 50 100"},
		{"scalar-sum", "a * 0 + SUM(a)", map[string]string{"a": "1 2 4"}, 3, "7 7 7"},
		{"scalar-stddev", "a * 0 + STDDEV(a)", map[string]string{"a": "2 4 4 4 5 5 7 9"}, 8, "2 2 2 2 2 2 2 2"},
		{"scalar-count", "a * 0 + DATAPOINT_COUNT(a)", map[string]string{"a": "2 - 4"}, 3, "2 - 2"},
		{"metric-count", "a * 0 + METRIC_COUNT(METRICS())", map[string]string{"a": "2 - 4", "b": "1"}, 3, "2 - 2"},
		{"first", "FIRST(METRICS())", map[string]string{"a": "1", "b": "2"}, 1, "1"},
		{"last", "LAST(METRICS())", map[string]string{"a": "1", "b": "2"}, 1, "2"},
		{"metrics-filter", "SUM(METRICS(\"err\"))", map[string]string{"err4xx": "1", "err5xx": "2", "ok": "100"}, 1, "3"},
		{"metrics-concat", "SUM([METRICS(\"4xx\"), METRICS(\"5xx\")])", map[string]string{"e4xx": "1", "e5xx": "2", "ok": "100"}, 1, "3"},
		{"sort-desc", "FIRST(SORT(METRICS(), SUM, DESC))", map[string]string{"a": "1 1", "b": "5 5", "c": "3"}, 2, "5 5"},
		{"sort-asc", "FIRST(SORT(METRICS(), MAX, ASC))", map[string]string{"a": "1 1", "b": "5 5", "c": "3"}, 2, "1 1"},
		{"sort-limit", "SUM(SORT(METRICS(), AVG, DESC, 2))", map[string]string{"a": "1", "b": "5", "c": "3"}, 1, "8"},
		{"slice", "SUM(SLICE(METRICS(), 1, 3))", map[string]string{"a": "1", "b": "5", "c": "3", "d": "100"}, 1, "8"},
		{"slice-open", "SUM(SLICE(METRICS(), 2))", map[string]string{"a": "1", "b": "5", "c": "3", "d": "100"}, 1, "103"},
		{"remove-empty", "METRIC_COUNT(REMOVE_EMPTY(METRICS())) + a * 0", map[string]string{"a": "1", "b": "-"}, 1, "1"},
		{"time-series", "TIME_SERIES(7)", nil, 3, "7 7 7"},
		{"period", "a * 0 + PERIOD(a)", map[string]string{"a": "1 2"}, 2, "60 60"},
		{"minute", "MINUTE(a)", map[string]string{"a": "-"}, 3, "0 1 2"},
		{"epoch", "EPOCH(a)", map[string]string{"a": "-"}, 2, "0 60"},
		{"day", "DAY(a)", map[string]string{"a": "-"}, 1, "4"}, // 1970-01-01 was a Thursday
		{"date-month-year", "DATE(a) + MONTH(a) * 100 + YEAR(a) * 10000", map[string]string{"a": "-"}, 1, "19700101"},
		{"array-op", "SUM(METRICS() * 2)", map[string]string{"a": "1", "b": "2"}, 1, "6"},
		{"array-ts-op", "SUM(METRICS() + a)", map[string]string{"a": "1", "b": "2"}, 1, "5"},
		{"sci", "a * 1e-1", map[string]string{"a": "10"}, 1, "1"},
	}
	for _, c := range cases {
		v := evalTS(t, c.expr, env(c.n, c.data))
		if v.Kind == KindScalar {
			t.Errorf("%s: %s gave a scalar", c.name, c.expr)
			continue
		}
		if v.Kind == KindSeriesArray && len(v.Series) != 1 {
			t.Errorf("%s: %s gave %d series", c.name, c.expr, len(v.Series))
			continue
		}
		if got := show(v.Series[0], c.n); got != c.want {
			t.Errorf("%s: %s = %s want %s", c.name, c.expr, got, c.want)
		}
	}
}

func TestMathScalarResults(t *testing.T) {
	e := env(3, map[string]string{"a": "1 2 6"})
	for expr, want := range map[string]float64{"AVG(a)": 3, "MAX(a) - MIN(a)": 5, "2 ^ 3": 8, "-2 ^ 2": -4, "1 + 2 * 3": 7, "SUM(a) / 0": math.NaN()} {
		v := evalTS(t, expr, e)
		if v.Kind != KindScalar || !(v.Scalar == want || math.IsNaN(want) && math.IsNaN(v.Scalar)) {
			t.Errorf("%s = %+v", expr, v)
		}
	}
}

func TestMathErrors(t *testing.T) {
	e := env(3, map[string]string{"a": "1 2 6", "b": "1"})
	syntax := []string{"", "a +", "(a", "a b", "1 < 2 < 3", "a[1]", "[]", "a $ b", "'unterminated", "FOO(", "abs(a)", "AND", "a,b", "1..2"}
	for _, s := range syntax {
		if _, err := ParseExpression(s); err == nil {
			t.Errorf("%q parsed", s)
		} else {
			var se *MathSyntaxError
			if !errors.As(err, &se) {
				t.Errorf("%q: %T", s, err)
			}
		}
	}
	eval := []string{"A + 1", "c + 1", "ABS()", "ABS(a, a)", "FILL(a, UP)", "SORT(METRICS(), SUM)", "PERIOD(a + 1)",
		"METRICS() + METRICS()", "TIME_SERIES(a)", "FIRST(1)", "SLICE(METRICS(), -1)", "REPEAT", "\"x\"", "DIFF(1)",
		"SORT(METRICS(), SUM, DESC, 1.5)", "METRICS(a)", "IF(a)", "IF(a, METRICS(), 1)", "ABS(\"x\")", "SORT(METRICS(), ASC, SUM)"}
	for _, s := range eval {
		x, err := ParseExpression(s)
		if err != nil {
			t.Errorf("%q: parse error %v", s, err)
			continue
		}
		if _, err := x.Eval(e); err == nil {
			t.Errorf("%q evaluated", s)
		} else {
			var me *MathError
			if !errors.As(err, &me) {
				t.Errorf("%q: %T %v", s, err, err)
			}
		}
	}
	for _, s := range []string{"FOO(a)", "SEARCH('{AWS/EC2,InstanceId} CPUUtilization', 'Average')", "ANOMALY_DETECTION_BAND(a, 2)", "INSIGHT_RULE_METRIC('r', 'Sum')", "SERVICE_QUOTA(a)", "LAMBDA('f')", "DB_PERF_INSIGHTS('RDS', 'db-1', 'db.load.avg')"} {
		x, err := ParseExpression(s)
		if err != nil {
			t.Errorf("%q: %v", s, err)
			continue
		}
		if _, err := x.Eval(e); !bus.IsNotSimulated(err) {
			t.Errorf("%q: want NotSimulated, got %v", s, err)
		}
	}
}

func TestExpressionReferences(t *testing.T) {
	x, err := ParseExpression("m1 + IF(m2 > 3, m1, e1) + SUM(METRICS())")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(x.References(), ","); got != "m1,m2,e1" {
		t.Errorf("refs %s", got)
	}
	if !x.UsesMetricsFunction() {
		t.Error("METRICS() not seen")
	}
	if x.String() == "" || len(x.Functions()) != 3 {
		t.Errorf("functions %v", x.Functions())
	}
}

func TestMathDepthLimit(t *testing.T) {
	if _, err := ParseExpression(strings.Repeat("(", 5000) + "1" + strings.Repeat(")", 5000)); err == nil {
		t.Error("deep nesting accepted")
	}
	if _, err := ParseExpression(strings.Repeat("-", 3000) + "1"); err == nil {
		t.Error("deep unary accepted")
	}
}
