package metrics

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/watchsim/watchsim/bus"
)

// FuzzParseExpression: the metric-math parser never panics, errors are *MathSyntaxError, and a
// parsed expression evaluates without panicking to a value or a *MathError / NotSimulated error.
func FuzzParseExpression(f *testing.F) {
	for _, s := range []string{
		"m1 + m2", "SUM(METRICS())", "IF(m1 > 10 AND m2 < 3, m1, 0)", "FILL(m1, REPEAT)", "FILL(METRICS(), LINEAR)",
		"SORT(METRICS(), AVG, DESC, 3)", "SLICE(METRICS(), 1, 2)", "-m1 ^ 2 / (m2 - 1)", "[METRICS(\"a\"), m1]",
		"RATE(m1) * 60", "TIME_SERIES(5)", "PERIOD(m1)", "DAY(m1) == 1 || HOUR(m1) >= 9", "SEARCH('{A,b} x', 'Sum')",
		"ANOMALY_DETECTION_BAND(m1, 2)", "1e-36 + m1", "((((m1))))", "m1 +", "FOO(", "\"", "m1 != != m2", "[", "IF(,)",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		x, err := ParseExpression(src)
		if err != nil {
			var se *MathSyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("%q: error %T", src, err)
			}
			return
		}
		e := &MathEnv{Start: 0, End: 600, Period: 60, MetricIDs: []string{"m1", "m2"}, Lookup: func(id string) (MathValue, error) {
			switch id {
			case "m1":
				return SeriesValue(&Series{Period: 60, Times: []int64{0, 60, 180}, Values: []float64{1, -2, 3}, Metric: true}), nil
			case "m2":
				return SeriesValue(&Series{Period: 60, Times: []int64{60, 120}, Values: []float64{0, 5}, Metric: true}), nil
			}
			return MathValue{}, &MathError{Msg: "unknown Id " + id}
		}}
		v, err := x.Eval(e)
		if err != nil {
			var me *MathError
			if !errors.As(err, &me) && !bus.IsNotSimulated(err) {
				t.Fatalf("%q: eval error %T %v", src, err, err)
			}
			return
		}
		for _, s := range v.Series {
			if len(s.Times) != len(s.Values) {
				t.Fatalf("%q: ragged series", src)
			}
			for i := 1; i < len(s.Times); i++ {
				if s.Times[i] <= s.Times[i-1] {
					t.Fatalf("%q: unordered series %v", src, s.Times)
				}
			}
			for _, f := range s.Values {
				if !finite(f) {
					t.Fatalf("%q: non-finite value", src)
				}
			}
		}
	})
}

// FuzzParseExtendedStatistic: the extended-statistic parser never panics, errors wrap
// ErrInvalidStatistic, and a parsed statistic evaluates on a bucket without panicking.
func FuzzParseExtendedStatistic(f *testing.F) {
	for _, s := range []string{"p99", "p99.9999999999", "p100", "p0", "tm90", "wm99", "tc10", "ts50", "TM(10%:90%)", "TM(:95%)",
		"TS(80%:)", "TC(80:500)", "PR(:300)", "WM(1:2)", "IQM", "p101", "TM()", "PR(10%:)", "TM(5:1)", "p1e2", "tm", "p.5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		st, err := ParseExtendedStatistic(s)
		if err != nil {
			if !errors.Is(err, ErrInvalidStatistic) {
				t.Fatalf("%q: %v", s, err)
			}
			return
		}
		if st.Name != s || !st.Extended() {
			t.Fatalf("%q: %+v", s, st)
		}
		var b Accumulator
		for _, v := range []float64{3, 1, 4, 1, 5, 9, 2, 6} {
			b.Add(v)
		}
		b.AddCount(7, 3)
		for _, m := range []PercentileMethod{NearestRank, Linear} {
			if v, ok := b.Value(st, m); ok && !finite(v) {
				t.Fatalf("%q: %v", s, v)
			}
		}
	})
}

// FuzzParseInsights: the Metrics Insights parser never panics and fails only with a
// ValidationError or a NotSimulated error.
func FuzzParseInsights(f *testing.F) {
	for _, s := range []string{
		`SELECT AVG(CPUUtilization) FROM "AWS/EC2"`, `SELECT MAX(x) FROM SCHEMA("ns", a, b) WHERE a = 'v' AND b != 'w' GROUP BY a, b ORDER BY MAX() DESC LIMIT 10`,
		`select count(m) from n`, `SELECT AVG(x) FROM n WHERE a LIKE 'x%'`, `SELECT`, `SELECT AVG(`, `SELECT SUM(x) FROM SCHEMA(`, `SELECT AVG(x) FROM n LIMIT -1`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := parseInsights(s)
		if err != nil {
			if bus.ErrorCode(err) != "ValidationError" && !bus.IsNotSimulated(err) {
				t.Fatalf("%q: %v", s, err)
			}
			return
		}
		if !insightsFunc(q.fn) || q.namespace == "" && !q.schema {
			t.Fatalf("%q: %+v", s, q)
		}
	})
}

// FuzzDashboardBody: the dashboard body validator never panics; it either refuses the body or
// lists problems with JSON paths.
func FuzzDashboardBody(f *testing.F) {
	for _, s := range []string{`{"widgets":[]}`, `{"widgets":[{"type":"text","properties":{"markdown":"x"}}]}`, `{"widgets":[{"type":"metric","width":99}]}`, `[]`, `{`, `{"widgets":{}}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		msgs, err := validateDashboardBody(body)
		if err != nil {
			if c := bus.ErrorCode(err); c != "InvalidParameterInput" && c != "MissingParameter" {
				t.Fatalf("%q: %v", body, err)
			}
			return
		}
		for _, m := range msgs {
			if m.Message == "" {
				t.Fatalf("%q: empty message", body)
			}
		}
	})
}

// FuzzPutMetricDataInputJSON: any JSON is refused or read into the input shape (doubles may be
// "NaN"/"Infinity"/"-Infinity", as in the AWS JSON protocol), and what is read marshals again and
// reads back to the same JSON.
func FuzzPutMetricDataInputJSON(f *testing.F) {
	for _, s := range []string{`{"Namespace":"n","MetricData":[{"MetricName":"m","Value":"NaN","Values":[1,"Infinity"],"Counts":[1,2]}]}`,
		`{"MetricData":[{"StatisticValues":{"SampleCount":1,"Sum":"-Infinity","Minimum":0,"Maximum":1}}]}`, `{}`, `{"MetricData":null}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var in PutMetricDataInput
		if json.Unmarshal([]byte(s), &in) != nil {
			return
		}
		b, err := json.Marshal(&in)
		if err != nil {
			t.Fatalf("%q read but does not marshal: %v", s, err)
		}
		var again PutMetricDataInput
		if err := json.Unmarshal(b, &again); err != nil {
			t.Fatalf("%s does not read back: %v", b, err)
		}
		if b2, _ := json.Marshal(&again); string(b) != string(b2) {
			t.Fatalf("round trip:\n%s\n%s", b, b2)
		}
	})
}
