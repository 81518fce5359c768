package metrics

import (
	"context"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
)

var ctx = context.Background()

func newSvc(t testing.TB, opts ...Option) (*Service, *bus.Bus) {
	t.Helper()
	b := bus.MustNew()
	s, err := New(b, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return s, b
}

func f(v float64) *float64 { return &v }

func put(t testing.TB, s *Service, ns string, data ...MetricDatum) {
	t.Helper()
	if _, err := s.PutMetricData(ctx, &PutMetricDataInput{Namespace: ns, MetricData: data}); err != nil {
		t.Fatal(err)
	}
}

func wantErr(t *testing.T, err error, code, msg string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %s", code)
	}
	if got := bus.ErrorCode(err); got != code {
		t.Fatalf("code %s want %s (%v)", got, code, err)
	}
	be, ok := err.(*bus.Error)
	if !ok {
		t.Fatalf("%T", err)
	}
	if msg != "" && be.Message != msg {
		t.Fatalf("message\n got %q\nwant %q", be.Message, msg)
	}
}

// TV-PMD-1
func TestPutMetricDataValidationVectors(t *testing.T) {
	s, b := newSvc(t)
	now := b.Now()
	set := &bus.StatisticSet{SampleCount: 2, Sum: 3, Minimum: 1, Maximum: 2}
	many := make([]float64, 151)
	cases := []struct {
		name string
		d    MetricDatum
		code string
		msg  string
	}{
		{"value+values", MetricDatum{MetricName: "m", Value: f(1.5), Values: []float64{1, 10}}, "InvalidParameterCombination",
			"The parameters MetricData.member.1.Value and MetricData.member.1.Values are mutually exclusive and you have specified both."},
		{"counts size", MetricDatum{MetricName: "m", Values: []float64{1, 10}, Counts: []float64{2, 4, 5}}, "InvalidParameterValue",
			"The parameters MetricData.member.1.Values and MetricData.member.1.Counts must be of the same size."},
		{"value+set", MetricDatum{MetricName: "m", Value: f(1.5), StatisticValues: set}, "InvalidParameterCombination",
			"The parameters MetricData.member.1.Value and MetricData.member.1.StatisticValues are mutually exclusive and you have specified both."},
		{"151 values", MetricDatum{MetricName: "m", Values: many}, "InvalidParameterValue",
			"The collection MetricData.member.1.Values must not have a size greater than 150."},
		{"too old", MetricDatum{MetricName: "m", Value: f(1), Timestamp: now.Add(-15 * 24 * time.Hour)}, "InvalidParameterValue",
			"The parameter MetricData.member.1.Timestamp must specify a time within the past two weeks."},
		{"future", MetricDatum{MetricName: "m", Value: f(1), Timestamp: now.Add(3 * time.Hour)}, "InvalidParameterValue", ""},
		{"unit", MetricDatum{MetricName: "m", Value: f(1), Unit: "Foo"}, "InvalidParameterValue",
			"The parameter MetricData.member.1.Unit must be a value in the set [ Seconds, Microseconds, Milliseconds, Bytes, Kilobytes, Megabytes, Gigabytes, Terabytes, Bits, Kilobits, Megabits, Gigabits, Terabits, Percent, Count, Bytes/Second, Kilobytes/Second, Megabytes/Second, Gigabytes/Second, Terabytes/Second, Bits/Second, Kilobits/Second, Megabits/Second, Gigabits/Second, Terabits/Second, Count/Second, None ]."},
		{"nan", MetricDatum{MetricName: "m", Value: f(math.NaN())}, "InvalidParameterValue", "The value NaN for parameter MetricData.member.1.Value is invalid."},
		{"inf", MetricDatum{MetricName: "m", Value: f(math.Inf(-1))}, "InvalidParameterValue", "The value -Infinity for parameter MetricData.member.1.Value is invalid."},
		{"huge", MetricDatum{MetricName: "m", Value: f(math.Ldexp(1, 361))}, "InvalidParameterValue", ""},
		{"set max", MetricDatum{MetricName: "m", StatisticValues: &bus.StatisticSet{SampleCount: 1, Sum: 1, Minimum: 1, Maximum: -1.79769e308}}, "InvalidParameterValue",
			"The value -1.79769E308 for parameter MetricData.member.1.StatisticValues.Maximum is invalid."},
		{"no value", MetricDatum{MetricName: "m"}, "InvalidParameterCombination",
			"At least one of the parameters MetricData.member.1.Value and MetricData.member.1.StatisticValues must be specified."},
		{"no name", MetricDatum{Value: f(1)}, "MissingParameter", "The parameter MetricData.member.1.MetricName is required."},
		{"31 dims", MetricDatum{MetricName: "m", Value: f(1), Dimensions: make([]Dimension, 31)}, "InvalidParameterValue",
			"The collection MetricData.member.1.Dimensions must not have a size greater than 30."},
		{"resolution", MetricDatum{MetricName: "m", Value: f(1), StorageResolution: 5}, "InvalidParameterValue", ""},
		{"dim value", MetricDatum{MetricName: "m", Value: f(1), Dimensions: []Dimension{{Name: "a", Value: "é"}}}, "InvalidParameterValue", ""},
		{"name not utf-8", MetricDatum{MetricName: "m\xff", Value: f(1)}, "InvalidParameterValue",
			"The value m\uFFFD for parameter MetricData.member.1.MetricName is invalid."},
		{"name utf-8 ok", MetricDatum{MetricName: "Latenz-é", Value: f(1)}, "", ""},
		{"dim value not utf-8", MetricDatum{MetricName: "m", Value: f(1), Dimensions: []Dimension{{Name: "a", Value: "x\xc3"}}}, "InvalidParameterValue",
			"The value x\uFFFD for parameter MetricData.member.1.Dimensions.member.1.Value is invalid."},
		{"dim name not utf-8", MetricDatum{MetricName: "m", Value: f(1), Dimensions: []Dimension{{Name: "\x80a", Value: "x"}}}, "InvalidParameterValue",
			"The value \uFFFDa for parameter MetricData.member.1.Dimensions.member.1.Name is invalid."},
		{"duplicate dim", MetricDatum{MetricName: "m", Value: f(1), Dimensions: []Dimension{{Name: "a", Value: "x"}, {Name: "b", Value: "y"}, {Name: "a", Value: "z"}}},
			"InvalidParameterValue", "No metric may specify the same dimension name twice."},
		{"distinct dims", MetricDatum{MetricName: "m", Value: f(1), Dimensions: []Dimension{{Name: "a", Value: "x"}, {Name: "A", Value: "x"}}}, "", ""},
		{"set min>max", MetricDatum{MetricName: "m", StatisticValues: &bus.StatisticSet{SampleCount: 2, Sum: 3, Minimum: 2, Maximum: 1}}, "InvalidParameterValue",
			"The parameter MetricData.member.1.StatisticValues.Maximum must be greater than MetricData.member.1.StatisticValues.Minimum."},
		{"set min=max", MetricDatum{MetricName: "m", StatisticValues: &bus.StatisticSet{SampleCount: 2, Sum: 4, Minimum: 2, Maximum: 2}}, "", ""},
		{"set sum=n*min", MetricDatum{MetricName: "m", StatisticValues: &bus.StatisticSet{SampleCount: 3, Sum: 3, Minimum: 1, Maximum: 5}}, "", ""},
		{"set sum=n*max", MetricDatum{MetricName: "m", StatisticValues: &bus.StatisticSet{SampleCount: 3, Sum: 15, Minimum: 1, Maximum: 5}}, "", ""},
		{"set sum rounding", MetricDatum{MetricName: "m", StatisticValues: &bus.StatisticSet{SampleCount: 3, Sum: 0.1 + 0.2 + 0.3, Minimum: 0.1, Maximum: 0.2}}, "", ""},
		{"set sum<n*min", MetricDatum{MetricName: "m", StatisticValues: &bus.StatisticSet{SampleCount: 3, Sum: 2.99, Minimum: 1, Maximum: 5}}, "InvalidParameterValue",
			"The parameter MetricData.member.1.StatisticValues.Sum must be between MetricData.member.1.StatisticValues.SampleCount * MetricData.member.1.StatisticValues.Minimum and MetricData.member.1.StatisticValues.SampleCount * MetricData.member.1.StatisticValues.Maximum."},
		{"set sum>n*max", MetricDatum{MetricName: "m", StatisticValues: &bus.StatisticSet{SampleCount: 3, Sum: 15.01, Minimum: 1, Maximum: 5}}, "InvalidParameterValue", ""},
		{"dim name colon", MetricDatum{MetricName: "m", Value: f(1), Dimensions: []Dimension{{Name: ":a", Value: "x"}}}, "InvalidParameterValue", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := s.PutMetricData(ctx, &PutMetricDataInput{Namespace: "App", MetricData: []MetricDatum{c.d}})
			if c.code == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			wantErr(t, err, c.code, c.msg)
		})
	}
	// Values together with StatisticValues is accepted ([field] aws-sdk-java-v2#3080)
	before := s.store.Samples()
	put(t, s, "App", MetricDatum{MetricName: "q", Values: []float64{1, 10}, StatisticValues: set})
	if n := s.store.Samples() - before; n != 2 {
		t.Errorf("stored %d samples", n)
	}
}

func TestPutMetricDataAtomicAndAllMembers(t *testing.T) {
	s, b := newSvc(t)
	old := b.Now().Add(-20 * 24 * time.Hour)
	var data []MetricDatum
	for i := 0; i < 6; i++ {
		data = append(data, MetricDatum{MetricName: "m", Value: f(1), Timestamp: old})
	}
	data = append(data, MetricDatum{MetricName: "good", Value: f(1)})
	_, err := s.PutMetricData(ctx, &PutMetricDataInput{Namespace: "App", MetricData: data})
	var want []string
	for i := 1; i <= 6; i++ {
		want = append(want, "The parameter MetricData.member."+itoa(i)+".Timestamp must specify a time within the past two weeks.")
	}
	wantErr(t, err, "InvalidParameterValue", strings.Join(want, "\n"))
	if s.store.Samples() != 0 || s.store.MetricCount() != 0 {
		t.Error("a failed request stored data")
	}
	// namespace and count rules
	_, err = s.PutMetricData(ctx, &PutMetricDataInput{MetricData: data[6:]})
	wantErr(t, err, "MissingParameter", "The parameter Namespace is required.")
	_, err = s.PutMetricData(ctx, &PutMetricDataInput{Namespace: "AWS/EC2", MetricData: data[6:]})
	wantErr(t, err, "InvalidParameterValue", "")
	_, err = s.PutMetricData(ctx, &PutMetricDataInput{Namespace: ":x", MetricData: data[6:]})
	wantErr(t, err, "InvalidParameterValue", "")
	big := make([]MetricDatum, 1001)
	for i := range big {
		big[i] = MetricDatum{MetricName: "m", Value: f(1)}
	}
	_, err = s.PutMetricData(ctx, &PutMetricDataInput{Namespace: "App", MetricData: big})
	wantErr(t, err, "InvalidParameterValue", "The collection MetricData must not have a size greater than 1000.")
	_, err = s.PutMetricData(ctx, &PutMetricDataInput{Namespace: "App", EntityMetricData: []any{1}})
	if !bus.IsNotSimulated(err) {
		t.Errorf("EntityMetricData: %v", err)
	}
	s2, _ := newSvc(t, WithAWSNamespaces(true))
	put(t, s2, "AWS/EC2", MetricDatum{MetricName: "CPUUtilization", Value: f(1)})
}

func TestListMetrics(t *testing.T) {
	s, b := newSvc(t)
	dims := []Dimension{{Name: "uri", Value: "/"}, {Name: "error", Value: "no"}, {Name: "status", Value: "200"}, {Name: "method", Value: "GET"}}
	put(t, s, "A", MetricDatum{MetricName: "req", Value: f(1), Dimensions: dims})
	put(t, s, "A", MetricDatum{MetricName: "req", Value: f(1), Dimensions: []Dimension{{Name: "method", Value: "GET"}}})
	put(t, s, "B", MetricDatum{MetricName: "other", Value: f(1)})
	list := func(in ListMetricsInput) []Metric {
		t.Helper()
		out, err := s.ListMetrics(ctx, &in)
		if err != nil {
			t.Fatal(err)
		}
		return out.Metrics
	}
	if got := list(ListMetricsInput{}); len(got) != 3 {
		t.Fatalf("%+v", got)
	}
	got := list(ListMetricsInput{Namespace: "A", Dimensions: []DimensionFilter{{Name: "status"}}})
	if len(got) != 1 {
		t.Fatalf("superset filter %+v", got)
	}
	var names []string
	for _, d := range got[0].Dimensions {
		names = append(names, d.Name)
	}
	if strings.Join(names, ",") != "error,method,status,uri" {
		t.Errorf("dimension order %v", names)
	}
	v := "GET"
	if got := list(ListMetricsInput{Dimensions: []DimensionFilter{{Name: "method", Value: &v}}}); len(got) != 2 {
		t.Errorf("value filter %+v", got)
	}
	if got := list(ListMetricsInput{MetricName: "other"}); len(got) != 1 || got[0].Namespace != "B" {
		t.Errorf("name filter %+v", got)
	}
	b.Advance(4 * time.Hour)
	put(t, s, "B", MetricDatum{MetricName: "fresh", Value: f(1)})
	if got := list(ListMetricsInput{RecentlyActive: "PT3H"}); len(got) != 1 || got[0].MetricName != "fresh" {
		t.Errorf("recently active %+v", got)
	}
	_, err := s.ListMetrics(ctx, &ListMetricsInput{RecentlyActive: "PT1H"})
	wantErr(t, err, "InvalidParameterValue", "")
	b.Advance(15 * 24 * time.Hour)
	if got := list(ListMetricsInput{}); len(got) != 0 {
		t.Errorf("14-day rule %+v", got)
	}
}

func TestListMetricsPaging(t *testing.T) {
	s, _ := newSvc(t)
	var data []MetricDatum
	for i := 0; i < 1000; i++ {
		data = append(data, MetricDatum{MetricName: "m", Value: f(1), Dimensions: []Dimension{{Name: "i", Value: itoa(i)}}})
	}
	put(t, s, "P", data...)
	put(t, s, "P", MetricDatum{MetricName: "z", Value: f(1)})
	seen := map[string]bool{}
	tok := ""
	pages := 0
	for {
		out, err := s.ListMetrics(ctx, &ListMetricsInput{NextToken: tok})
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, m := range out.Metrics {
			k := metricKey(m.Namespace, m.MetricName, m.Dimensions)
			if seen[k] {
				t.Fatal("duplicate across pages")
			}
			seen[k] = true
		}
		if out.NextToken == "" {
			break
		}
		if len(out.Metrics) != 500 {
			t.Fatalf("page of %d", len(out.Metrics))
		}
		tok = out.NextToken
	}
	if len(seen) != 1001 || pages != 3 {
		t.Errorf("%d metrics in %d pages", len(seen), pages)
	}
}

func TestListMetricsDelay(t *testing.T) {
	s, b := newSvc(t, WithListMetricsDelay(15*time.Minute))
	put(t, s, "A", MetricDatum{MetricName: "m", Value: f(1)})
	out, _ := s.ListMetrics(ctx, &ListMetricsInput{})
	if len(out.Metrics) != 0 {
		t.Error("listed before the delay")
	}
	b.Advance(15 * time.Minute)
	out, _ = s.ListMetrics(ctx, &ListMetricsInput{})
	if len(out.Metrics) != 1 {
		t.Error("not listed after the delay")
	}
}

func TestMetricDataInAndStored(t *testing.T) {
	s, b := newSvc(t)
	var stored []bus.MetricData
	bus.Subscribe(b, bus.MetricDataStored(), func(ctx context.Context, md bus.MetricData) { stored = append(stored, md) })
	b.Locked(func() {}) // no-op
	// publish from outside: use Advance with a scheduled publisher
	b.After(time.Second, func(ctx context.Context) {
		bus.Publish(ctx, b, bus.MetricDataIn(), bus.MetricData{Namespace: "AWS/Logs", Source: "test", MetricData: []MetricDatum{{MetricName: "IncomingLogEvents", Value: f(3)}}})
		bus.Publish(ctx, b, bus.MetricDataIn(), bus.MetricData{Namespace: "AWS/Logs", Source: "bad", MetricData: []MetricDatum{{MetricName: "x", Value: f(math.NaN())}}})
	})
	if err := b.Advance(time.Minute); err != nil {
		t.Fatal(err)
	}
	if len(stored) != 1 || stored[0].Source != "test" || stored[0].MetricData[0].Timestamp.IsZero() {
		t.Fatalf("stored %+v", stored)
	}
	if rej := s.RejectedInput(); len(rej) != 1 || rej[0].Data.Source != "bad" {
		t.Errorf("rejected %+v", rej)
	}
	put(t, s, "App", MetricDatum{MetricName: "m", Value: f(1)})
	if len(stored) != 2 || stored[1].Source != "PutMetricData" {
		t.Errorf("PutMetricData did not publish: %+v", stored)
	}
	out := gms(t, s, GetMetricStatisticsInput{Namespace: "AWS/Logs", MetricName: "IncomingLogEvents", StartTime: b.Now().Add(-time.Hour), EndTime: b.Now().Add(time.Minute), Period: 60, Statistics: []string{"Sum"}})
	if len(out.Datapoints) != 1 || *out.Datapoints[0].Sum != 3 {
		t.Errorf("%+v", out)
	}
}

func TestRetentionDropsOldData(t *testing.T) {
	s, b := newSvc(t)
	put(t, s, "A", MetricDatum{MetricName: "m", Value: f(1)})
	b.Advance(456 * 24 * time.Hour)
	var n int64
	b.Locked(func() { n = s.store.Samples() })
	if n != 0 {
		t.Errorf("%d samples left after 456 days", n)
	}
}

func TestOptionsValidate(t *testing.T) {
	b := bus.MustNew()
	for i, o := range []Option{nil, WithPercentileMethod(9), WithListMetricsDelay(-1), WithListMetricsDelay(25 * time.Hour),
		WithRollupInterval(time.Second), WithLateDataDelay(-1, 0), WithLateDataDelay(0, 8*24*time.Hour)} {
		if _, err := New(b, WithAWSNamespaces(true), o); err == nil {
			t.Errorf("bad option %d accepted", i)
		}
	}
	// The edges are accepted.
	for i, o := range []Option{WithPercentileMethod(Linear), WithListMetricsDelay(0), WithListMetricsDelay(24 * time.Hour),
		WithRollupInterval(time.Minute), WithLateDataDelay(7*24*time.Hour, 7*24*time.Hour), WithLegacyValueRange(true)} {
		s, err := New(b, o)
		if err != nil {
			t.Errorf("option %d refused: %v", i, err)
			continue
		}
		s.Close()
	}
	if _, err := New(nil); err == nil {
		t.Error("nil bus accepted")
	}
}

func TestLateDataDelay(t *testing.T) {
	s, b := newSvc(t, WithLateDataDelay(2*time.Hour, 48*time.Hour))
	b.Advance(72 * time.Hour)
	now := b.Now()
	var stored int
	bus.Subscribe(b, bus.MetricDataStored(), func(ctx context.Context, md bus.MetricData) { stored += len(md.MetricData) })
	put(t, s, "L", MetricDatum{MetricName: "m", Value: f(1), Timestamp: now.Add(-5 * time.Hour)},
		MetricDatum{MetricName: "m", Value: f(2), Timestamp: now.Add(-30 * time.Hour)},
		MetricDatum{MetricName: "m", Value: f(4), Timestamp: now.Add(-time.Hour)})
	sum := func() float64 {
		out := gms(t, s, GetMetricStatisticsInput{Namespace: "L", MetricName: "m", StartTime: now.Add(-36 * time.Hour), EndTime: now, Period: 3600, Statistics: []string{"Sum"}})
		total := 0.0
		for _, d := range out.Datapoints {
			total += *d.Sum
		}
		return total
	}
	if got := sum(); got != 4 || stored != 1 {
		t.Fatalf("at once: %v (stored %d)", got, stored)
	}
	b.Advance(2 * time.Hour)
	if got := sum(); got != 5 || stored != 2 {
		t.Fatalf("after 2 h: %v (stored %d)", got, stored)
	}
	b.Advance(46 * time.Hour)
	out := gms(t, s, GetMetricStatisticsInput{Namespace: "L", MetricName: "m", StartTime: now.Add(-36 * time.Hour), EndTime: now, Period: 3600, Statistics: []string{"Sum"}})
	total := 0.0
	for _, d := range out.Datapoints {
		total += *d.Sum
	}
	if total != 7 || stored != 3 {
		t.Fatalf("after 48 h: %v (stored %d)", total, stored)
	}
}

func TestRollUpTiers(t *testing.T) {
	s, b := newSvc(t)
	b.Advance(time.Hour)
	t0 := b.Now().Truncate(time.Hour).Add(-time.Hour)
	var data []MetricDatum
	for i := 0; i < 10; i++ {
		data = append(data, MetricDatum{MetricName: "m", Value: f(float64(i)), Timestamp: t0.Add(time.Duration(i)*time.Minute + 7*time.Second), StorageResolution: 1})
	}
	put(t, s, "R", data...)
	count := func(p int32) []float64 {
		t.Helper()
		out := gms(t, s, GetMetricStatisticsInput{Namespace: "R", MetricName: "m", StartTime: t0, EndTime: t0.Add(time.Hour), Period: p, Statistics: []string{"SampleCount"}})
		var n []float64
		for _, d := range out.Datapoints {
			n = append(n, *d.SampleCount)
		}
		return n
	}
	if got := count(5); len(got) != 10 {
		t.Errorf("fresh 1 s data at 5 s: %v", got)
	}
	b.Advance(16 * 24 * time.Hour)
	if got := count(60); len(got) != 0 {
		t.Errorf("60 s after 16 days: %v", got)
	}
	if got := count(300); len(got) != 2 || got[0] != 5 || got[1] != 5 {
		t.Errorf("300 s after 16 days: %v", got)
	}
	b.Advance(48 * 24 * time.Hour)
	if got := count(300); len(got) != 0 {
		t.Errorf("300 s after 64 days: %v", got)
	}
	if got := count(3600); len(got) != 1 || got[0] != 10 {
		t.Errorf("3600 s after 64 days: %v", got)
	}
	// the offsets really were coarsened: a 1-hour chunk holds them at its start
	b.Locked(func() {
		m := s.store.entry("R", "m", nil, false)
		for _, bl := range m.units[0].chunks[0].blocks {
			for _, o := range bl.off {
				if o != 0 {
					t.Errorf("offset %d not rolled up to the hour", o)
				}
			}
		}
	})
}

// TestPutMetricDataDuplicateDimensionPerDatum: AWS reports the duplicate dimension once per datum,
// one sentence each ([field] jdamick/dropwizard-metrics-cloudwatch#3), and stores nothing.
func TestPutMetricDataDuplicateDimensionPerDatum(t *testing.T) {
	s, _ := newSvc(t)
	dup := []Dimension{{Name: "h", Value: "1"}, {Name: "h", Value: "2"}}
	_, err := s.PutMetricData(ctx, &PutMetricDataInput{Namespace: "App", MetricData: []MetricDatum{
		{MetricName: "a", Value: f(1), Dimensions: dup}, {MetricName: "ok", Value: f(1)}, {MetricName: "b", Value: f(1), Dimensions: dup}}})
	wantErr(t, err, "InvalidParameterValue", "No metric may specify the same dimension name twice.\nNo metric may specify the same dimension name twice.")
	if s.store.Samples() != 0 {
		t.Errorf("stored %d samples", s.store.Samples())
	}
}

// TestStandardUnitsAgree: the unit switch, the list and the message text name the same 27 units.
func TestStandardUnitsAgree(t *testing.T) {
	units := StandardUnits()
	if len(units) != 27 || unitSetText() != "[ "+strings.Join(units, ", ")+" ]" {
		t.Fatalf("%d units, text %q", len(units), unitSetText())
	}
	for _, u := range units {
		if !IsStandardUnit(u) {
			t.Errorf("%q not standard", u)
		}
	}
	for _, u := range []string{"", "seconds", "Seconds ", "Count/Minute", "Percent/Second"} {
		if IsStandardUnit(u) {
			t.Errorf("%q standard", u)
		}
	}
}

// TestNilInputs: every operation treats a nil input as an empty input (bus.Call hands it a fresh
// one) and answers with AWS's error for the empty input, never a panic.
func TestNilInputs(t *testing.T) {
	s, _ := newSvc(t)
	var errs []error
	_, err := s.PutMetricData(ctx, nil)
	errs = append(errs, err)
	_, err = s.GetMetricStatistics(ctx, nil)
	errs = append(errs, err)
	_, err = s.GetMetricData(ctx, nil)
	errs = append(errs, err)
	_, err = s.PutDashboard(ctx, nil)
	errs = append(errs, err)
	_, err = s.GetDashboard(ctx, nil)
	errs = append(errs, err)
	_, err = s.DeleteDashboards(ctx, nil)
	errs = append(errs, err)
	for i, err := range errs {
		if bus.ErrorCode(err) == "" {
			t.Errorf("operation %d: %v, want an AWS error for the empty input", i, err)
		}
	}
	if _, err := s.ListMetrics(ctx, nil); err != nil {
		t.Errorf("ListMetrics(nil): %v", err)
	}
	if _, err := s.ListDashboards(ctx, nil); err != nil {
		t.Errorf("ListDashboards(nil): %v", err)
	}
}
