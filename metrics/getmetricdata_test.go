package metrics

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
)

func ms(name, stat string, period int32, unit string) *MetricStat {
	return &MetricStat{Metric: Metric{Namespace: "N", MetricName: name}, Stat: stat, Period: period, Unit: unit}
}

func gmd(t *testing.T, s *Service, in GetMetricDataInput) *GetMetricDataOutput {
	t.Helper()
	out, err := s.GetMetricData(ctx, &in)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TV-GMD-LABEL
func TestGetMetricDataLabels(t *testing.T) {
	s, b := newSvc(t)
	b.Advance(time.Hour)
	t0 := b.Now().Add(-10 * time.Minute).Truncate(time.Minute)
	for _, v := range []float64{0, 2, 7, 100} {
		put(t, s, "N", MetricDatum{MetricName: "metric1", Value: f(v), Unit: "Seconds", Timestamp: t0})
	}
	cases := []struct {
		a, b   *MetricStat
		la, lb string
		va, vb []float64
	}{
		{ms("metric1", "Sum", 60, "Seconds"), ms("metric1", "Minimum", 30, "Seconds"), "metric1 Sum 60", "metric1 Minimum 30", []float64{109}, []float64{0}},
		{ms("metric1", "Sum", 60, "Seconds"), ms("metric1", "Minimum", 60, "Seconds"), "metric1 Sum", "metric1 Minimum", []float64{109}, []float64{0}},
		{ms("metric1", "Sum", 60, "Seconds"), ms("metric1", "Sum", 30, "Seconds"), "metric1 60", "metric1 30", []float64{109}, []float64{109}},
		{ms("metric1", "Sum", 60, "Seconds"), ms("metric1", "Minimum", 30, "Milliseconds"), "metric1 Sum 60", "metric1 Minimum 30", []float64{109}, []float64{}},
		{ms("metric1", "Sum", 60, "Seconds"), ms("metric1", "Sum", 60, "Milliseconds"), "metric1", "metric1", []float64{109}, []float64{}},
	}
	for i, c := range cases {
		out := gmd(t, s, GetMetricDataInput{StartTime: t0, EndTime: t0.Add(time.Minute), MetricDataQueries: []MetricDataQuery{{Id: "a", MetricStat: c.a}, {Id: "b", MetricStat: c.b}}})
		r := out.MetricDataResults
		if len(r) != 2 || r[0].Label != c.la || r[1].Label != c.lb || !reflect.DeepEqual(r[0].Values, c.va) || !reflect.DeepEqual(r[1].Values, c.vb) {
			t.Errorf("case %d: %+v", i, r)
		}
		if r[0].StatusCode != StatusComplete || r[1].Timestamps == nil {
			t.Errorf("case %d status %+v", i, r)
		}
	}
}

// TV-GMD-UNITS
func TestGetMetricDataMultipleUnits(t *testing.T) {
	s, b := newSvc(t)
	b.Advance(time.Hour)
	t0 := b.Now().Add(-10 * time.Minute).Truncate(time.Minute)
	q := []MetricDataQuery{{Id: "m", MetricStat: ms("m", "Sum", 60, "")}}
	in := GetMetricDataInput{StartTime: t0, EndTime: t0.Add(time.Minute), MetricDataQueries: q}
	pair := func() {
		put(t, s, "N", MetricDatum{MetricName: "m", Value: f(60000), Unit: "Milliseconds", Timestamp: t0}, MetricDatum{MetricName: "m", Value: f(60), Unit: "Seconds", Timestamp: t0})
	}
	pair()
	r := gmd(t, s, in).MetricDataResults[0]
	want := []MessageData{{Code: "MultipleUnits", Value: "Multiple units returned: '[Milliseconds, Seconds]'"}}
	if !reflect.DeepEqual(r.Values, []float64{60000}) || !reflect.DeepEqual(r.Messages, want) {
		t.Errorf("1: %+v", r)
	}
	pair()
	if r := gmd(t, s, in).MetricDataResults[0]; !reflect.DeepEqual(r.Values, []float64{120000}) {
		t.Errorf("2: %+v", r)
	}
	put(t, s, "N", MetricDatum{MetricName: "m", Value: f(5), Unit: "Count", Timestamp: t0})
	r = gmd(t, s, in).MetricDataResults[0]
	if !reflect.DeepEqual(r.Values, []float64{5}) || r.Messages[0].Value != "Multiple units returned: '[Count, Milliseconds, Seconds]'" {
		t.Errorf("3: %+v", r)
	}
}

func TestGetMetricDataOrderingMathAndNoData(t *testing.T) {
	s, b := newSvc(t)
	b.Advance(time.Hour)
	t0 := b.Now().Add(-5 * time.Minute).Truncate(time.Minute)
	for i := 0; i < 3; i++ {
		put(t, s, "N", MetricDatum{MetricName: "req", Value: f(float64(10 * (i + 1))), Timestamp: t0.Add(time.Duration(i) * time.Minute)},
			MetricDatum{MetricName: "err", Value: f(float64(i + 1)), Timestamp: t0.Add(time.Duration(i) * time.Minute)})
	}
	no := false
	in := GetMetricDataInput{StartTime: t0, EndTime: t0.Add(5 * time.Minute), MetricDataQueries: []MetricDataQuery{
		{Id: "r", MetricStat: ms("req", "Sum", 60, ""), ReturnData: &no},
		{Id: "e", MetricStat: ms("err", "Sum", 60, ""), ReturnData: &no},
		{Id: "rate", Expression: "100 * e / r", Label: "Error rate"},
		{Id: "none", MetricStat: ms("missing", "Average", 60, "")},
	}}
	out := gmd(t, s, in)
	if len(out.MetricDataResults) != 2 {
		t.Fatalf("%+v", out)
	}
	rate := out.MetricDataResults[0]
	if rate.Id != "rate" || rate.Label != "Error rate" || !reflect.DeepEqual(rate.Values, []float64{10, 10, 10}) || !rate.Timestamps[0].Equal(t0.Add(2*time.Minute)) {
		t.Errorf("default descending order: %+v", rate)
	}
	none := out.MetricDataResults[1]
	if none.Label != "missing" || len(none.Values) != 0 || none.Values == nil || none.StatusCode != StatusComplete {
		t.Errorf("no data: %+v", none)
	}
	in.ScanBy = "TimestampAscending"
	if r := gmd(t, s, in).MetricDataResults[0]; !r.Timestamps[0].Equal(t0) {
		t.Errorf("ascending: %+v", r)
	}
	in.ScanBy = "Sideways"
	_, err := s.GetMetricData(ctx, &in)
	wantErr(t, err, "ValidationError", "")
	// array result: one result per series
	in.ScanBy = ""
	in.MetricDataQueries = []MetricDataQuery{{Id: "r", MetricStat: ms("req", "Sum", 60, "")}, {Id: "e", MetricStat: ms("err", "Sum", 60, "")}, {Id: "x", Expression: "METRICS() * 2"}}
	out = gmd(t, s, in)
	if len(out.MetricDataResults) != 4 || out.MetricDataResults[2].Id != "x" || out.MetricDataResults[3].Id != "x" || out.MetricDataResults[2].Label != "req" {
		t.Errorf("array: %+v", out.MetricDataResults)
	}
	// a scalar result is refused
	in.MetricDataQueries = []MetricDataQuery{{Id: "r", MetricStat: ms("req", "Sum", 60, "")}, {Id: "x", Expression: "AVG(r)"}}
	_, err = s.GetMetricData(ctx, &in)
	wantErr(t, err, "ValidationError", "")
	// dynamic labels
	in.MetricDataQueries = []MetricDataQuery{{Id: "r", MetricStat: ms("req", "Sum", 60, ""), Label: "${PROP('MetricName')} max ${MAX} last ${LAST} n=${DATAPOINT_COUNT} ${UNKNOWN}"}}
	if r := gmd(t, s, in).MetricDataResults[0]; r.Label != "req max 30 last 30 n=3 ${UNKNOWN}" {
		t.Errorf("dynamic label %q", r.Label)
	}
	in.MetricDataQueries[0].Label = "${LAST_TIME}"
	if _, err := s.GetMetricData(ctx, &in); !bus.IsNotSimulated(err) {
		t.Errorf("time-based dynamic label: %v", err)
	}
}

func TestGetMetricDataValidation(t *testing.T) {
	s, b := newSvc(t)
	now := b.Now()
	bad := [][]MetricDataQuery{
		{{Id: "M1", MetricStat: ms("m", "Sum", 60, "")}},
		{{Id: "m1", MetricStat: ms("m", "Sum", 60, "")}, {Id: "m1", MetricStat: ms("m", "Sum", 60, "")}},
		{{Id: "m1"}},
		{{Id: "m1", MetricStat: ms("m", "Sum", 60, ""), Expression: "1"}},
		{{Id: "m1", MetricStat: ms("m", "Median", 60, "")}},
		{{Id: "m1", MetricStat: ms("m", "Sum", 45, "")}},
		{{Id: "m1", MetricStat: ms("m", "Sum", 60, "Parsecs")}},
		{{Id: "e1", Expression: "m2 + 1"}},
		{{Id: "e1", Expression: "e2 + 1"}, {Id: "e2", Expression: "e1 * 2"}},
		{{Id: "e1", Expression: "1 +"}},
	}
	for i, q := range bad {
		_, err := s.GetMetricData(ctx, &GetMetricDataInput{StartTime: now.Add(-time.Hour), EndTime: now, MetricDataQueries: q})
		if bus.ErrorCode(err) != "ValidationError" {
			t.Errorf("case %d: %v", i, err)
		}
	}
	_, err := s.GetMetricData(ctx, &GetMetricDataInput{StartTime: now.Add(-time.Hour), EndTime: now, MetricDataQueries: []MetricDataQuery{{Id: "m1", MetricStat: ms("m", "Median", 60, "")}}})
	wantErr(t, err, "ValidationError", "The value for parameter MetricDataQueries.member.1.MetricStat.Stat is not a valid statistic.")
	_, err = s.GetMetricData(ctx, &GetMetricDataInput{StartTime: now, EndTime: now, MetricDataQueries: []MetricDataQuery{{Id: "m1", MetricStat: ms("m", "Sum", 60, "")}}})
	wantErr(t, err, "ValidationError", "The parameter StartTime must be less than the parameter EndTime.")
	_, err = s.GetMetricData(ctx, &GetMetricDataInput{StartTime: now.Add(-time.Hour), EndTime: now, MetricDataQueries: []MetricDataQuery{{Id: "q", Expression: "SEARCH('{AWS/EC2} CPU', 'Average')"}}})
	if !bus.IsNotSimulated(err) {
		t.Errorf("search: %v", err)
	}
	many := make([]MetricDataQuery, 501)
	for i := range many {
		many[i] = MetricDataQuery{Id: "m" + itoa(i), MetricStat: ms("m", "Sum", 60, "")}
	}
	_, err = s.GetMetricData(ctx, &GetMetricDataInput{StartTime: now.Add(-time.Hour), EndTime: now, MetricDataQueries: many})
	wantErr(t, err, "ValidationError", "The collection MetricDataQueries must not have a size greater than 500.")
}

func TestGetMetricDataPagination(t *testing.T) {
	s, b := newSvc(t)
	b.Advance(2 * time.Hour)
	t0 := b.Now().Add(-100 * time.Minute).Truncate(time.Minute)
	var data []MetricDatum
	for i := 0; i < 100; i++ {
		data = append(data, MetricDatum{MetricName: "a", Value: f(float64(i)), Timestamp: t0.Add(time.Duration(i) * time.Minute)},
			MetricDatum{MetricName: "b", Value: f(float64(i)), Timestamp: t0.Add(time.Duration(i) * time.Minute)})
	}
	put(t, s, "N", data...)
	in := GetMetricDataInput{StartTime: t0, EndTime: t0.Add(100 * time.Minute), MaxDatapoints: 70, ScanBy: "TimestampAscending",
		MetricDataQueries: []MetricDataQuery{{Id: "a", MetricStat: ms("a", "Sum", 60, "")}, {Id: "b", MetricStat: ms("b", "Sum", 60, "")}}}
	got := map[string][]float64{}
	pages := 0
	for {
		out := gmd(t, s, in)
		pages++
		n := 0
		for _, r := range out.MetricDataResults {
			got[r.Id] = append(got[r.Id], r.Values...)
			n += len(r.Values)
			if out.NextToken != "" && r.StatusCode == StatusPartialData && len(r.Values) == 0 {
				t.Fatal("empty partial result")
			}
		}
		if n > 70 {
			t.Fatalf("page with %d values", n)
		}
		if out.NextToken == "" {
			break
		}
		in.NextToken = out.NextToken
	}
	if pages != 3 || len(got["a"]) != 100 || len(got["b"]) != 100 || got["b"][99] != 99 || got["a"][70] != 70 {
		t.Errorf("pages=%d a=%d b=%d", pages, len(got["a"]), len(got["b"]))
	}
	in.NextToken = "garbage"
	_, err := s.GetMetricData(ctx, &in)
	wantErr(t, err, "InvalidNextToken", "")
	// with an expression the response is cut without a NextToken
	in.NextToken = ""
	in.MetricDataQueries = append(in.MetricDataQueries, MetricDataQuery{Id: "e", Expression: "a + b"})
	out := gmd(t, s, in)
	if out.NextToken != "" || out.MetricDataResults[len(out.MetricDataResults)-1].StatusCode != StatusPartialData {
		t.Errorf("math paging: %q %+v", out.NextToken, out.MetricDataResults[len(out.MetricDataResults)-1].StatusCode)
	}
}

func TestQueryLocked(t *testing.T) {
	s, b := newSvc(t)
	b.Advance(time.Hour)
	t0 := b.Now().Add(-10 * time.Minute).Truncate(time.Minute)
	for i := 0; i < 5; i++ {
		put(t, s, "N", MetricDatum{MetricName: "lat", Values: []float64{1, 2, 3, float64(100 * i)}, Timestamp: t0.Add(time.Duration(i) * time.Minute)})
	}
	no := false
	q := []MetricDataQuery{
		{Id: "m1", MetricStat: ms("lat", "p99", 60, ""), ReturnData: &no},
		{Id: "e1", Expression: "m1 * 2"},
		{Id: "m2", MetricStat: ms("lat", "SampleCount", 120, "")},
	}
	var res []MetricDataResult
	var err error
	b.Locked(func() { res, err = s.queryLocked(q, t0.Add(30*time.Second), t0.Add(5*time.Minute+30*time.Second)) })
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 || res[0].Id != "e1" || res[1].Id != "m2" {
		t.Fatalf("%+v", res)
	}
	// buckets start exactly at start (no rounding): [t0+30s, t0+90s) holds minute 1's data
	if !res[0].Timestamps[0].Equal(t0.Add(30*time.Second)) || res[0].Values[0] != 200 || len(res[0].Values) != 5-1 {
		t.Errorf("e1 %+v", res[0])
	}
	if res[0].SampleCounts != nil {
		t.Error("expression with sample counts")
	}
	if !reflect.DeepEqual(res[1].SampleCounts, []float64{8, 8}) || !reflect.DeepEqual(res[1].Values, []float64{8, 8}) {
		t.Errorf("m2 %+v", res[1])
	}
	b.Locked(func() { _, err = s.queryLocked([]MetricDataQuery{{Id: "x", Expression: "y"}}, t0, t0.Add(time.Minute)) })
	if bus.ErrorCode(err) != "ValidationError" {
		t.Errorf("%v", err)
	}
	if err := validateQueries(q); err != nil {
		t.Error(err)
	}
}

func TestMetricsInsights(t *testing.T) {
	s, b := newSvc(t, WithAWSNamespaces(true))
	b.Advance(time.Hour)
	t0 := b.Now().Add(-10 * time.Minute).Truncate(time.Minute)
	cpu := func(v float64, dims ...Dimension) MetricDatum {
		return MetricDatum{MetricName: "CPUUtilization", Value: f(v), Dimensions: dims, Timestamp: t0}
	}
	id := func(v string) Dimension { return Dimension{Name: "InstanceId", Value: v} }
	put(t, s, "AWS/EC2", cpu(10, id("i-1")), cpu(20, id("i-2")), cpu(30, id("i-2")), cpu(90, id("i-3")), cpu(50), cpu(70, id("i-1"), Dimension{Name: "AutoScalingGroupName", Value: "g"}))
	run := func(q string) []MetricDataResult {
		t.Helper()
		out, err := s.GetMetricData(ctx, &GetMetricDataInput{StartTime: t0, EndTime: t0.Add(time.Minute), MetricDataQueries: []MetricDataQuery{{Id: "q", Expression: q, Period: 60}}})
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return out.MetricDataResults
	}
	vals := func(rs []MetricDataResult) string {
		var parts []string
		for _, r := range rs {
			parts = append(parts, r.Label+"="+fmtNum(r.Values[0]))
		}
		return strings.Join(parts, ",")
	}
	cases := map[string]string{
		`SELECT AVG(CPUUtilization) FROM "AWS/EC2"`:                                                                     "q=45",
		`select sum(CPUUtilization) from SCHEMA("AWS/EC2")`:                                                             "q=50",
		`SELECT COUNT(CPUUtilization) FROM SCHEMA("AWS/EC2", InstanceId)`:                                               "q=4",
		`SELECT MAX(CPUUtilization) FROM SCHEMA("AWS/EC2", InstanceId) GROUP BY InstanceId ORDER BY MAX() DESC LIMIT 2`: "i-3=90,i-2=30",
		`SELECT MIN(CPUUtilization) FROM "AWS/EC2" WHERE InstanceId != 'i-1' GROUP BY InstanceId ORDER BY MIN() ASC`:    "i-2=20,i-3=90",
		`SELECT AVG(CPUUtilization) FROM "AWS/EC2" WHERE InstanceId = 'i-1' AND AutoScalingGroupName = 'g'`:             "q=70",
		`SELECT AVG(Other) FROM "AWS/EC2"`:                                                                              "",
	}
	for q, want := range cases {
		rs := run(q)
		got := ""
		if len(rs) > 0 && len(rs[0].Values) > 0 {
			got = vals(rs)
		}
		if got != want {
			t.Errorf("%s: %s want %s", q, got, want)
		}
	}
	// an expression can use the query's result
	out, err := s.GetMetricData(ctx, &GetMetricDataInput{StartTime: t0, EndTime: t0.Add(time.Minute), MetricDataQueries: []MetricDataQuery{
		{Id: "q", Expression: `SELECT AVG(CPUUtilization) FROM "AWS/EC2"`, Period: 60, ReturnData: new(bool)}, {Id: "e", Expression: "q * 2"}}})
	if err != nil || len(out.MetricDataResults) != 1 || out.MetricDataResults[0].Values[0] != 90 {
		t.Errorf("%+v %v", out, err)
	}
	for _, bad := range []string{`SELECT AVG(CPUUtilization)`, `SELECT MEDIAN(x) FROM n`, `SELECT AVG(x) FROM n LIMIT 0`, `SELECT AVG(x) FROM "n`, `SELECT AVG(x) FROM n WHERE a = b`} {
		_, err := s.GetMetricData(ctx, &GetMetricDataInput{StartTime: t0, EndTime: t0.Add(time.Minute), MetricDataQueries: []MetricDataQuery{{Id: "q", Expression: bad}}})
		wantErr(t, err, "ValidationError", "")
	}
	for _, ns := range []string{`SELECT AVG(x) FROM n WHERE a LIKE 'b%'`, `SELECT AVG(x) FROM n WHERE a = 'b' OR a = 'c'`} {
		_, err := s.GetMetricData(ctx, &GetMetricDataInput{StartTime: t0, EndTime: t0.Add(time.Minute), MetricDataQueries: []MetricDataQuery{{Id: "q", Expression: ns}}})
		if !bus.IsNotSimulated(err) {
			t.Errorf("%s: %v", ns, err)
		}
	}
	_, err = s.GetMetricData(ctx, &GetMetricDataInput{StartTime: t0, EndTime: t0.Add(time.Minute), MetricDataQueries: []MetricDataQuery{
		{Id: "a", Expression: `SELECT AVG(x) FROM n`}, {Id: "b", Expression: `SELECT AVG(y) FROM n`}}})
	wantErr(t, err, "ValidationError", "Only one Metrics Insights query is allowed per GetMetricData call.")
}
