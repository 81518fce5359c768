package metrics

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/watchsim/watchsim/bus"
)

// TestParseMetricWidgetDocExamples decodes the widget examples of the API reference page
// (CloudWatch-Metric-Widget-Structure) and checks the documented defaults.
func TestParseMetricWidgetDocExamples(t *testing.T) {
	w, err := ParseMetricWidget(`{"metrics":[["AWS/EC2","CPUUtilization","InstanceId","i-01234567890123456"]]}`)
	if err != nil {
		t.Fatal(err)
	}
	want := &MetricWidget{Width: 600, Height: 400, Period: 300, Stat: "Average", Start: "-PT3H", End: "-PT0H",
		View: "timeSeries", Legend: "bottom", Timezone: "+0000",
		YAxis: WidgetYAxes{Left: WidgetAxis{ShowUnits: true}, Right: WidgetAxis{ShowUnits: true}},
		Metrics: []WidgetMetric{{Namespace: "AWS/EC2", MetricName: "CPUUtilization",
			Dimensions: []Dimension{{Name: "InstanceId", Value: "i-01234567890123456"}}, Visible: true, YAxis: "left"}}}
	if d := cmp.Diff(want, w); d != "" {
		t.Errorf("defaults (-want +got):\n%s", d)
	}

	w, err = ParseMetricWidget(`{
	  "metrics": [
	    [ "AWS/EC2", "CPUUtilization", "AutoScalingGroupName", "my-asg", { "id": "m1", "stat": "p90", "label": "CPU p90", "color": "#ff0000", "yAxis": "right", "period": 60 } ],
	    [ ".", "NetworkIn", ".", "." , { "visible": false, "id": "m2" }],
	    [ "...", "other-asg", { "id": "m3" } ],
	    [ { "expression": "m1 * 2", "label": "double", "id": "e1", "period": 120 } ]
	  ],
	  "view": "timeSeries", "stacked": true, "title": "CPU", "width": 1200, "height": 200,
	  "start": "-P1D", "end": "2026-01-02T00:00:00.000Z", "period": 600, "stat": "Maximum", "timezone": "-0130",
	  "legend": { "position": "right" }, "liveData": false,
	  "yAxis": { "left": { "min": 0, "max": 100, "label": "Percent", "showUnits": false }, "right": { "min": 1 } },
	  "annotations": {
	    "horizontal": [ { "value": 80, "label": "high", "color": "#d62728", "fill": "above" },
	                    [ { "value": 10, "label": "band" }, { "value": 20 } ] ],
	    "vertical": [ { "value": "2026-01-01T12:00:00Z", "label": "deploy", "fill": "after" },
	                  [ { "value": "2026-01-01T13:00:00Z" }, { "value": "2026-01-01T14:00:00Z", "label": "window" } ] ]
	  }
	}`)
	if err != nil {
		t.Fatal(err)
	}
	if w.Metrics[1].Namespace != "AWS/EC2" || w.Metrics[1].MetricName != "NetworkIn" || w.Metrics[1].Dimensions[0].Value != "my-asg" || w.Metrics[1].Visible {
		t.Errorf(`"." shorthand: %+v`, w.Metrics[1])
	}
	if m := w.Metrics[2]; m.MetricName != "NetworkIn" || m.Dimensions[0] != (Dimension{Name: "AutoScalingGroupName", Value: "other-asg"}) {
		t.Errorf(`"..." shorthand: %+v`, m)
	}
	if m := w.Metrics[0]; m.Stat != "p90" || m.Color != "#ff0000" || m.YAxis != "right" || m.Period != 60 || m.Label != "CPU p90" {
		t.Errorf("rendering properties: %+v", m)
	}
	if w.Legend != "right" || !w.Stacked || w.Width != 1200 || w.Timezone != "-0130" || *w.YAxis.Left.Max != 100 || w.YAxis.Left.ShowUnits || !w.YAxis.Right.ShowUnits {
		t.Errorf("overall: %+v", w)
	}
	h := w.Annotations.Horizontal
	if len(h) != 2 || h[0].Fill != "above" || !h[1].Band || h[1].Value != 10 || h[1].BandTo != 20 || h[1].Label != "band" {
		t.Errorf("horizontal: %+v", h)
	}
	v := w.Annotations.Vertical
	if len(v) != 2 || v[0].Fill != "after" || !v[1].Band || v[1].Label != "window" || !v[1].BandTo.Equal(time.Date(2026, 1, 1, 14, 0, 0, 0, time.UTC)) {
		t.Errorf("vertical: %+v", v)
	}
	now := time.Date(2026, 1, 3, 0, 0, 0, 0, time.UTC)
	start, end, err := w.Range(now)
	if err != nil || !start.Equal(now.Add(-24*time.Hour)) || !end.Equal(time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("range %v %v %v", start, end, err)
	}
	qs := w.Queries()
	if qs[0].MetricStat.Stat != "p90" || qs[0].MetricStat.Period != 60 || qs[1].MetricStat.Stat != "Maximum" || qs[1].MetricStat.Period != 600 ||
		*qs[1].ReturnData || qs[3].Expression != "m1 * 2" || qs[3].Period != 120 || qs[3].Id != "e1" {
		t.Errorf("queries %+v", qs)
	}
}

// TestParseMetricWidgetErrors is the validation table: every documented constraint, the
// undocumented keys (refused, never ignored) and the not-simulated settings.
func TestParseMetricWidgetErrors(t *testing.T) {
	m := `"metrics":[["A","B"]]`
	for _, c := range []struct {
		doc, code, path, msg string
	}{
		{``, "MissingParameter", "", "The parameter MetricWidget is required."},
		{`not json`, "InvalidParameterInput", "", "must be a valid JSON object"},
		{`[1]`, "InvalidParameterInput", "", "must be a valid JSON object"},
		{`{} {}`, "InvalidParameterInput", "", "must be a valid JSON object"},
		{`{}`, "InvalidParameterInput", "", "Should have required property 'metrics'"},
		{`{"metrics":{}}`, "InvalidParameterInput", "/metrics", "Should be array"},
		{`{"metrics":[]}`, "InvalidParameterInput", "/metrics", "Should NOT have fewer than 1 items"},
		{`{"metrics":[` + strings.Repeat(`["A","B"],`, 100) + `["A","B"]]}`, "InvalidParameterInput", "/metrics", "Should NOT have more than 100 items"},
		{`{"metrics":["A"]}`, "InvalidParameterInput", "/metrics/0", "Should be array"},
		{`{"metrics":[["A"]]}`, "InvalidParameterInput", "/metrics/0", "Should have a namespace and a metric name, or an expression"},
		{`{"metrics":[["A","B","D"]]}`, "InvalidParameterInput", "/metrics/0", "Should have a value for every dimension name"},
		{`{"metrics":[["A",1]]}`, "InvalidParameterInput", "/metrics/0/1", "Should be string"},
		{`{"metrics":[[{"id":"a"},"A","B"]]}`, "InvalidParameterInput", "/metrics/0/0", "Should be string"},
		{`{"metrics":[["A","B",{"colour":"#000000"}]]}`, "InvalidParameterInput", "/metrics/0/2/colour", "Should NOT have additional properties"},
		{`{"metrics":[["A","B",{"color":"red"}]]}`, "InvalidParameterInput", "/metrics/0/2/color", `Should match pattern "^#([0-9a-fA-F]{6})$"`},
		{`{"metrics":[["A","B",{"stat":"p101"}]]}`, "InvalidParameterInput", "/metrics/0/2/stat", "Should be a valid statistic"},
		{`{"metrics":[["A","B",{"period":20}]]}`, "InvalidParameterInput", "/metrics/0/2/period", "Should be 1, 5, 10, 30, 60 or a multiple of 60"},
		{`{"metrics":[["A","B",{"period":1.5}]]}`, "InvalidParameterInput", "/metrics/0/2/period", "Should be an integer between 1 and 2147483647"},
		{`{"metrics":[["A","B",{"yAxis":"middle"}]]}`, "InvalidParameterInput", "/metrics/0/2/yAxis", "Should be equal to one of the allowed values: left, right"},
		{`{"metrics":[["A","B",{"visible":"yes"}]]}`, "InvalidParameterInput", "/metrics/0/2/visible", "Should be boolean"},
		{`{"metrics":[["A","B",{"id":"x"}],["A","C",{"id":"x"}]]}`, "InvalidParameterInput", "/metrics/1", "Should have a unique id: x"},
		{`{"metrics":[["A","B",{"expression":"m1"}]]}`, "InvalidParameterInput", "/metrics/0", "Should have either a metric or an expression, not both"},
		{`{"metrics":[[{"expression":"m1","stat":"Sum"}]]}`, "InvalidParameterInput", "/metrics/0", "Should NOT have property 'stat' with an expression"},
		{`{"metrics":[["...","x"]]}`, "InvalidParameterInput", "/metrics/0/0", "Should follow an entry with at least as many items"},
		{`{"metrics":[[".","B"]]}`, "InvalidParameterInput", "/metrics/0/0", "Should follow an entry with an item at this position"},
		{`{` + m + `,"width":0}`, "InvalidParameterInput", "/width", "Should be an integer between 1 and 2000"},
		{`{` + m + `,"width":2001}`, "InvalidParameterInput", "/width", "Should be an integer between 1 and 2000"},
		{`{` + m + `,"height":"400"}`, "InvalidParameterInput", "/height", "Should be number"},
		{`{` + m + `,"period":45}`, "InvalidParameterInput", "/period", "Should be 1, 5, 10, 30, 60 or a multiple of 60"},
		{`{` + m + `,"stat":"Mean"}`, "InvalidParameterInput", "/stat", "Should be a valid statistic"},
		{`{` + m + `,"view":"gauge"}`, "InvalidParameterInput", "/view", "Should be equal to one of the allowed values: timeSeries, bar, pie, singleValue"},
		{`{` + m + `,"stacked":1}`, "InvalidParameterInput", "/stacked", "Should be boolean"},
		{`{` + m + `,"title":7}`, "InvalidParameterInput", "/title", "Should be string"},
		{`{` + m + `,"timezone":"UTC"}`, "InvalidParameterInput", "/timezone", "Should match format +HHMM or -HHMM"},
		{`{` + m + `,"legend":{"position":"top"}}`, "InvalidParameterInput", "/legend/position", "Should be equal to one of the allowed values: bottom, right, hidden"},
		{`{` + m + `,"legend":{"visible":false}}`, "InvalidParameterInput", "/legend/visible", "Should NOT have additional properties"},
		{`{` + m + `,"yAxis":{"left":{"min":5,"max":1}}}`, "InvalidParameterInput", "/yAxis/left", "Should have min less than max"},
		{`{` + m + `,"yAxis":{"left":{"logarithmic":true}}}`, "InvalidParameterInput", "/yAxis/left/logarithmic", "Should NOT have additional properties"},
		{`{` + m + `,"yAxis":{"top":{}}}`, "InvalidParameterInput", "/yAxis/top", "Should NOT have additional properties"},
		{`{` + m + `,"start":"yesterday"}`, "InvalidParameterInput", "/start", "Should be an ISO 8601 date-time or a negative ISO 8601 duration such as -PT3H"},
		{`{` + m + `,"start":"-P1M"}`, "InvalidParameterInput", "/start", "Should be an ISO 8601 date-time or a negative ISO 8601 duration such as -PT3H"},
		{`{` + m + `,"end":"-PT"}`, "InvalidParameterInput", "/end", "Should be an ISO 8601 date-time or a negative ISO 8601 duration such as -PT0H"},
		{`{` + m + `,"annotations":{"alarms":["arn:aws:cloudwatch:us-east-1:123456789012:alarm:a"]}}`, "InvalidParameterInput", "/annotations/alarms", "Should NOT have additional properties"},
		{`{` + m + `,"annotations":{"horizontal":[{"label":"x"}]}}`, "InvalidParameterInput", "/annotations/horizontal/0", "Should have required property 'value'"},
		{`{` + m + `,"annotations":{"horizontal":[{"value":"x"}]}}`, "InvalidParameterInput", "/annotations/horizontal/0/value", "Should be number"},
		{`{` + m + `,"annotations":{"horizontal":[{"value":1,"fill":"before"}]}}`, "InvalidParameterInput", "/annotations/horizontal/0/fill", "Should be equal to one of the allowed values: above, below, none"},
		{`{` + m + `,"annotations":{"horizontal":[[{"value":1}]]}}`, "InvalidParameterInput", "/annotations/horizontal/0", "Should have exactly 2 items (a band)"},
		{`{` + m + `,"annotations":{"vertical":[{"value":"noon"}]}}`, "InvalidParameterInput", "/annotations/vertical/0/value", "Should be an ISO 8601 date-time"},
		{`{` + m + `,"annotations":{"vertical":[{"value":"2026-01-01T00:00:00Z","yAxis":"left"}]}}`, "InvalidParameterInput", "/annotations/vertical/0/yAxis", "Should NOT have additional properties"},
		{`{` + m + `,"sparkline":true}`, "InvalidParameterInput", "/sparkline", "Should NOT have additional properties"},
		{`{` + m + `,"type":"metric"}`, "InvalidParameterInput", "/type", "Should NOT have additional properties"},
		{`{"metrics":[["A","B",{"accountId":"111122223333"}]]}`, "NotSimulated", "", "cross-account"},
		{`{"metrics":[[{"expression":"SEARCH('{AWS/EC2} CPU', 'Average')"}]]}`, "NotSimulated", "", "SEARCH"},
	} {
		_, err := ParseMetricWidget(c.doc)
		if err == nil {
			t.Errorf("%s: no error", c.doc)
			continue
		}
		if got := bus.ErrorCode(err); got != c.code {
			t.Errorf("%s: code %s, want %s (%v)", c.doc, got, c.code, err)
			continue
		}
		want := c.msg
		if c.path != "" {
			want = `"dataPath": "` + c.path + `",` + "\n  \"message\": \"" + strings.ReplaceAll(c.msg, `"`, `\"`) + `"`
		}
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%s:\n got %v\nwant it to contain %s", c.doc, err, want)
		}
	}
}

// TestParseMetricWidgetReportsEveryProblem: problems are not cut at the first one.
func TestParseMetricWidgetReportsEveryProblem(t *testing.T) {
	_, err := ParseMetricWidget(`{"metrics":[["A"]],"width":0,"view":"x","foo":1}`)
	if err == nil || !strings.Contains(err.Error(), "there are 4 validation errors") {
		t.Fatalf("%v", err)
	}
}

func TestParseWidgetTime(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for s, want := range map[string]time.Time{
		"-PT3H":                     now.Add(-3 * time.Hour),
		"-PT0H":                     now,
		"-P1D":                      now.Add(-24 * time.Hour),
		"-P1W":                      now.Add(-7 * 24 * time.Hour),
		"-P1DT2H30M15S":             now.Add(-(26*time.Hour + 30*time.Minute + 15*time.Second)),
		"-PT90M":                    now.Add(-90 * time.Minute),
		"2018-04-25T12:00:00.000Z":  time.Date(2018, 4, 25, 12, 0, 0, 0, time.UTC),
		"2018-04-25T14:00:00+02:00": time.Date(2018, 4, 25, 12, 0, 0, 0, time.UTC),
	} {
		got, err := parseWidgetTime(s, now)
		if err != nil || !got.Equal(want) {
			t.Errorf("%s: %v %v, want %v", s, got, err, want)
		}
	}
	for _, s := range []string{"PT3H", "-P", "-PT", "-P1H", "-PT1D", "-P1Y", "-P1M", "-PTT1H", "-PT1", "-PT9999999999H", "-P501D", "2018-04-25"} {
		if _, err := parseWidgetTime(s, now); err == nil {
			t.Errorf("%s: accepted", s)
		}
	}
}

// fakeRenderer records what GetMetricWidgetImage hands to the renderer.
type fakeRenderer struct {
	w    *MetricWidget
	data *WidgetData
}

func (f *fakeRenderer) RenderMetricWidget(w *MetricWidget, data *WidgetData) ([]byte, error) {
	f.w, f.data = w, data
	return []byte("\x89PNG"), nil
}

// TestGetMetricWidgetImageReadsLikeGetMetricData: the renderer gets exactly what GetMetricData
// returns for the widget's queries over the widget's range (ascending).
func TestGetMetricWidgetImageReadsLikeGetMetricData(t *testing.T) {
	r := &fakeRenderer{}
	s, b := newSvc(t, WithWidgetRenderer(r))
	for i := 0; i < 240; i++ {
		if i%7 != 3 {
			put(t, s, "App", MetricDatum{MetricName: "Latency", Value: f(float64(i % 50))})
			put(t, s, "App", MetricDatum{MetricName: "Errors", Value: f(float64(i % 3))})
		}
		if err := b.Advance(time.Minute); err != nil {
			t.Fatal(err)
		}
	}
	widget := `{"metrics":[["App","Latency",{"stat":"p90","color":"#123456"}],["App","Errors",{"yAxis":"right","id":"err"}],
		[{"expression":"err * 100","label":"pct"}]],"period":60,"start":"-PT2H"}`
	out, err := s.GetMetricWidgetImage(ctx, &GetMetricWidgetImageInput{MetricWidget: widget, OutputFormat: "image/png"})
	if err != nil || string(out.MetricWidgetImage) != "\x89PNG" {
		t.Fatalf("%v %v", out, err)
	}
	now := b.Now()
	gmd, err := s.GetMetricData(ctx, &GetMetricDataInput{MetricDataQueries: r.w.Queries(), StartTime: now.Add(-2 * time.Hour), EndTime: now, ScanBy: "TimestampAscending"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.data.Series) != 3 || len(gmd.MetricDataResults) != 3 {
		t.Fatalf("%d series, %d results", len(r.data.Series), len(gmd.MetricDataResults))
	}
	for i, res := range gmd.MetricDataResults {
		if d := cmp.Diff(res, r.data.Series[i].Result); d != "" {
			t.Errorf("series %d differs from GetMetricData (-gmd +widget):\n%s", i, d)
		}
		if len(res.Values) < 100 {
			t.Errorf("series %d: only %d values", i, len(res.Values))
		}
	}
	if r.data.Series[0].Color != "#123456" || r.data.Series[1].YAxis != "right" || r.data.Series[2].Entry != 2 || r.data.Series[0].Period != 60 {
		t.Errorf("rendering properties %+v", r.data.Series)
	}
}

func TestGetMetricWidgetImageErrors(t *testing.T) {
	s, _ := newSvc(t)
	_, err := s.GetMetricWidgetImage(ctx, &GetMetricWidgetImageInput{})
	wantErr(t, err, "MissingParameter", "The parameter MetricWidget is required.")
	_, err = s.GetMetricWidgetImage(ctx, &GetMetricWidgetImageInput{MetricWidget: `{"metrics":[["A","B"]]}`, OutputFormat: "svg"})
	wantErr(t, err, "ValidationError", "The value svg for parameter OutputFormat is invalid. It must be png or image/png.")
	_, err = s.GetMetricWidgetImage(ctx, &GetMetricWidgetImageInput{MetricWidget: `{"metrics":[["A","B"]]}`})
	if !bus.IsNotSimulated(err) || !strings.Contains(err.Error(), "WithWidgetRenderer") {
		t.Errorf("no renderer: %v", err)
	}
	for _, doc := range []string{`{"metrics":[["A","B"]],"region":"eu-west-1"}`, `{"metrics":[["A","B",{"region":"eu-west-1"}]]}`} {
		_, err = s.GetMetricWidgetImage(ctx, &GetMetricWidgetImageInput{MetricWidget: doc})
		if !bus.IsNotSimulated(err) || !strings.Contains(err.Error(), "cross-region") {
			t.Errorf("%s: %v", doc, err)
		}
	}
	r := &fakeRenderer{}
	s, _ = newSvc(t, WithWidgetRenderer(r))
	if _, err := s.GetMetricWidgetImage(ctx, &GetMetricWidgetImageInput{MetricWidget: `{"metrics":[["A","B"]],"region":"us-east-1"}`}); err != nil {
		t.Errorf("own region: %v", err)
	}
	_, err = s.GetMetricWidgetImage(ctx, &GetMetricWidgetImageInput{MetricWidget: `{"metrics":[["A","B"]],"start":"-PT1H","end":"-PT2H"}`})
	wantErr(t, err, "InvalidParameterInput", "The metric widget is invalid: start must be before end.")
	// errors of the query path are GetMetricData's
	_, err = s.GetMetricWidgetImage(ctx, &GetMetricWidgetImageInput{MetricWidget: `{"metrics":[[{"expression":"nope(","id":"e1"}]]}`})
	wantErr(t, err, "ValidationError", "")
	if _, err := New(bus.MustNew(), WithWidgetRenderer(nil)); err == nil {
		t.Error("nil renderer accepted")
	}
	if _, err := New(bus.MustNew(), WithWidgetRenderer(r), WithWidgetRenderer(r)); err == nil {
		t.Error("renderer given twice accepted")
	}
	if _, _, err := s.WidgetData(ctx, `{"metrics":[["A","B"]]}`); err != nil {
		t.Errorf("WidgetData: %v", err)
	}
	//lint:ignore SA1012 the misuse rule: a nil context is an error, not a panic
	if _, _, err := s.WidgetData(nil, `{"metrics":[["A","B"]]}`); !errors.Is(err, bus.ErrNilContext) {
		t.Errorf("WidgetData(nil ctx): %v", err)
	}
	s2, b2 := newSvc(t)
	_ = b2.Close()
	if _, _, err := s2.WidgetData(ctx, `{"metrics":[["A","B"]]}`); !errors.Is(err, bus.ErrClosed) {
		t.Errorf("WidgetData after Close: %v", err)
	}
}

// TestWidgetSetPeriodToTimeRange: bar, pie and singleValue views with setPeriodToTimeRange read
// one datapoint per series over the whole range; timeSeries ignores the setting.
func TestWidgetSetPeriodToTimeRange(t *testing.T) {
	r := &fakeRenderer{}
	s, b := newSvc(t, WithWidgetRenderer(r))
	sum := 0.0
	for i := 0; i < 200; i++ {
		put(t, s, "App", MetricDatum{MetricName: "V", Value: f(float64(i))})
		if i >= 20 { // the last 180 minutes are in the range
			sum += float64(i)
		}
		if err := b.Advance(time.Minute); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		view   string
		points int
		period int32
	}{{"bar", 1, 10800}, {"pie", 1, 10800}, {"singleValue", 1, 10800}, {"timeSeries", 36, 300}} {
		doc := `{"metrics":[["App","V",{"stat":"Sum"}]],"setPeriodToTimeRange":true,"view":"` + c.view + `"}`
		if _, err := s.GetMetricWidgetImage(ctx, &GetMetricWidgetImageInput{MetricWidget: doc}); err != nil {
			t.Fatalf("%s: %v", c.view, err)
		}
		sr := r.data.Series[0]
		if len(sr.Result.Values) != c.points || sr.Period != c.period {
			t.Errorf("%s: %d points, period %d; want %d, %d", c.view, len(sr.Result.Values), sr.Period, c.points, c.period)
		}
		if c.points == 1 && sr.Result.Values[0] != sum {
			t.Errorf("%s: value %v, want the range's sum %v", c.view, sr.Result.Values[0], sum)
		}
	}
}

// TestWidgetLiveData: without liveData the range ends at the start of the current minute (its
// datapoint is left out); with it, the minute in progress is drawn.
func TestWidgetLiveData(t *testing.T) {
	r := &fakeRenderer{}
	s, b := newSvc(t, WithWidgetRenderer(r))
	for i := 0; i < 10; i++ {
		put(t, s, "App", MetricDatum{MetricName: "V", Value: f(1)})
		if err := b.Advance(time.Minute); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Advance(30 * time.Second); err != nil {
		t.Fatal(err)
	}
	put(t, s, "App", MetricDatum{MetricName: "V", Value: f(7)})
	now := b.Now()
	for _, live := range []bool{false, true} {
		doc := `{"metrics":[["App","V"]],"period":60,"start":"-PT30M","liveData":` + strconv.FormatBool(live) + `}`
		if _, err := s.GetMetricWidgetImage(ctx, &GetMetricWidgetImageInput{MetricWidget: doc}); err != nil {
			t.Fatal(err)
		}
		vals := r.data.Series[0].Result.Values
		wantEnd := now.Truncate(time.Minute)
		if live {
			wantEnd = now
		}
		if !r.data.End.Equal(wantEnd) || len(vals) == 0 || (vals[len(vals)-1] == 7) != live {
			t.Errorf("liveData %v: end %v (want %v), values %v", live, r.data.End, wantEnd, vals)
		}
	}
	_, err := s.GetMetricWidgetImage(ctx, &GetMetricWidgetImageInput{MetricWidget: `{"metrics":[["App","V"]],"start":"-PT10S"}`})
	wantErr(t, err, "InvalidParameterInput", "The metric widget is invalid: the range ends in the current minute; set liveData to draw it.")
}

// TestWidgetTooMuchDataRefused: a widget whose data does not fit in one GetMetricData page (30
// metrics a minute over three days: 129,600 datapoints) is refused, never drawn with series missing.
func TestWidgetTooMuchDataRefused(t *testing.T) {
	r := &fakeRenderer{}
	s, b := newSvc(t, WithWidgetRenderer(r))
	if err := b.Advance(3 * 24 * time.Hour); err != nil {
		t.Fatal(err)
	}
	now := b.Now()
	var metrics []string
	for m := 0; m < 30; m++ {
		metrics = append(metrics, fmt.Sprintf(`["App","V%d"]`, m))
	}
	for min := 1; min <= 3*24*60; min++ {
		at := now.Add(-time.Duration(min) * time.Minute)
		data := make([]MetricDatum, 30)
		for m := range data {
			data[m] = MetricDatum{MetricName: fmt.Sprint("V", m), Value: f(1), Timestamp: at}
		}
		put(t, s, "App", data...)
	}
	doc := `{"metrics":[` + strings.Join(metrics, ",") + `],"period":60,"start":"-P3D"}`
	_, err := s.GetMetricWidgetImage(ctx, &GetMetricWidgetImageInput{MetricWidget: doc})
	if bus.ErrorCode(err) != "InvalidParameterInput" {
		t.Fatalf("err = %v, want InvalidParameterInput", err)
	}
	// The same widget over six hours fits and is drawn whole.
	doc = `{"metrics":[` + strings.Join(metrics, ",") + `],"period":60,"start":"-PT6H"}`
	if _, err := s.GetMetricWidgetImage(ctx, &GetMetricWidgetImageInput{MetricWidget: doc}); err != nil {
		t.Fatal(err)
	}
	if len(r.data.Series) != 30 {
		t.Fatalf("%d series drawn", len(r.data.Series))
	}
}

// lockingRenderer takes the bus's state lock while it draws, which only a renderer called without
// the lock held can do.
type lockingRenderer struct{ b *bus.Bus }

func (r lockingRenderer) RenderMetricWidget(*MetricWidget, *WidgetData) ([]byte, error) {
	r.b.Locked(func() {})
	return []byte("\x89PNG"), nil
}

// TestWidgetDrawnWithoutTheLock: GetMetricWidgetImage draws after reading, with the state lock released.
func TestWidgetDrawnWithoutTheLock(t *testing.T) {
	b := bus.MustNew()
	defer b.Close()
	s, err := New(b, WithWidgetRenderer(lockingRenderer{b}))
	if err != nil {
		t.Fatal(err)
	}
	put(t, s, "App", MetricDatum{MetricName: "V", Value: f(1)})
	out, err := s.GetMetricWidgetImage(ctx, &GetMetricWidgetImageInput{MetricWidget: `{"metrics":[["App","V"]]}`})
	if err != nil || string(out.MetricWidgetImage) != "\x89PNG" {
		t.Fatalf("%v, %v", out, err)
	}
}
