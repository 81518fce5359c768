package metrics

import (
	"bytes"
	"encoding/json"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/watchsim/watchsim/bus"
)

// The MetricWidget JSON of GetMetricWidgetImage, as the API reference documents it
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Metric-Widget-Structure.html):
// the overall structure, the metrics array with its rendering properties, the annotations and the
// yAxis properties. Every key the page documents is decoded; any other key is refused with the
// JSON-schema message "Should NOT have additional properties", never ignored.

// Limits and defaults of the metric widget ([API] CloudWatch-Metric-Widget-Structure).
const (
	MaxWidgetMetrics    = 100 // entries of the metrics array
	MaxWidgetPixels     = 2000
	DefaultWidgetWidth  = 600
	DefaultWidgetHeight = 400
	DefaultWidgetPeriod = 300
	DefaultWidgetStat   = "Average"
	DefaultWidgetStart  = "-PT3H"
	DefaultWidgetEnd    = "-PT0H"
	maxWidgetDimensions = 30 // [API] Metric: at most 30 dimensions
	// maxWidgetAnnotations bounds each annotation list [derived]: the widget structure reference
	// documents no limit; the bound and its schema-style message are watchsim's.
	maxWidgetAnnotations = 100
)

// The views of a metric widget.
const (
	ViewTimeSeries  = "timeSeries"
	ViewBar         = "bar"
	ViewPie         = "pie"
	ViewSingleValue = "singleValue"
)

// MetricWidget is a decoded and validated MetricWidget document. Build it with [ParseMetricWidget];
// absent settings hold their documented defaults.
type MetricWidget struct {
	Metrics     []WidgetMetric
	Annotations WidgetAnnotations
	// Start and End are as given ("-PT3H", "2018-04-25T12:00:00.000Z"); [MetricWidget.Range]
	// resolves them.
	Start, End string
	Width      int
	Height     int
	Period     int32
	Stat       string
	Stacked    bool
	View       string
	Title      string
	// Legend is the legend position: "bottom" (default), "right" or "hidden".
	Legend string
	YAxis  WidgetYAxes
	// Timezone is "+HHMM" or "-HHMM" (default "+0000"): the offset the time axis is labelled in.
	Timezone string
	// LiveData draws the minute in progress too (without it the range ends at the last whole minute).
	LiveData bool
	// SetPeriodToTimeRange aggregates bar, pie and singleValue views over the whole range (one
	// datapoint per series); the timeSeries view ignores it, as AWS documents.
	SetPeriodToTimeRange bool
	// Region is the widget's "region" (empty when not given); GetMetricWidgetImage refuses a region
	// other than the simulated one as not simulated.
	Region string
}

// WidgetMetric is one entry of the metrics array: a metric (Namespace, MetricName, Dimensions) or
// a metric-math Expression, with its rendering properties.
type WidgetMetric struct {
	Namespace  string
	MetricName string
	Dimensions []Dimension
	Expression string
	ID         string
	Label      string
	// Color is "#rrggbb", or empty for the palette colour.
	Color string
	// Stat and Period override the widget's; zero values mean "the widget's".
	Stat   string
	Period int32
	// Visible defaults to true: an invisible entry is computed (an expression may use it) but not drawn.
	Visible bool
	// YAxis is "left" (default) or "right".
	YAxis string
	// Region is the entry's "region" (empty when not given).
	Region string
}

// WidgetAnnotations are the horizontal and vertical annotations of a widget.
type WidgetAnnotations struct {
	Horizontal []HorizontalAnnotation
	Vertical   []VerticalAnnotation
}

// HorizontalAnnotation is a line at Value, or a band from Value to BandTo when Band is true.
type HorizontalAnnotation struct {
	Value float64
	Band  bool
	// BandTo is the other edge of a band.
	BandTo float64
	Label  string
	Color  string
	// Fill is "", "above" or "below" (lines only).
	Fill    string
	Visible bool
	YAxis   string
}

// VerticalAnnotation is a line at Value, or a band from Value to BandTo when Band is true.
type VerticalAnnotation struct {
	Value  time.Time
	Band   bool
	BandTo time.Time
	Label  string
	Color  string
	// Fill is "", "before" or "after" (lines only).
	Fill    string
	Visible bool
}

// WidgetYAxes are the left and right y axes.
type WidgetYAxes struct {
	Left, Right WidgetAxis
}

// WidgetAxis is one y axis: fixed bounds (nil = automatic), a label and whether units are shown.
type WidgetAxis struct {
	Min, Max  *float64
	Label     string
	ShowUnits bool
}

// widgetProblems collects JSON-schema style problems with their data paths, as the dashboard
// validator reports them.
type widgetProblems []DashboardValidationMessage

func (p *widgetProblems) add(path, msg string) {
	*p = append(*p, DashboardValidationMessage{DataPath: path, Message: msg})
}

// err returns the InvalidParameterInput error listing every problem. AWS does not document the
// error of an invalid MetricWidget; [derived] it is worded as PutDashboard words an invalid body,
// since the widget is the same JSON schema.
func (p widgetProblems) err() error {
	if len(p) == 0 {
		return nil
	}
	type jm struct {
		DataPath string `json:"dataPath"`
		Message  string `json:"message"`
	}
	list := make([]jm, len(p))
	for i, m := range p {
		list[i] = jm(m)
	}
	js, _ := json.MarshalIndent(list, "", " ")
	return invalidInput("The metric widget is invalid, there are " + strconv.Itoa(len(p)) + " validation errors:\n" + string(js))
}

// ParseMetricWidget decodes and validates a MetricWidget document. Problems of the document are
// one *bus.Error with code InvalidParameterInput listing each problem with its JSON path; settings
// watchsim does not simulate (cross-account "accountId", another region, SEARCH expressions) are
// refused with bus.NotSimulated.
func ParseMetricWidget(doc string) (*MetricWidget, error) {
	if doc == "" {
		return nil, bus.ClientError("MissingParameter", "The parameter MetricWidget is required.")
	}
	dec := json.NewDecoder(strings.NewReader(doc))
	dec.UseNumber()
	var root map[string]json.RawMessage
	if err := dec.Decode(&root); err != nil || root == nil || dec.More() {
		return nil, invalidInput("The field MetricWidget must be a valid JSON object")
	}
	w := &MetricWidget{Width: DefaultWidgetWidth, Height: DefaultWidgetHeight, Period: DefaultWidgetPeriod,
		Stat: DefaultWidgetStat, Start: DefaultWidgetStart, End: DefaultWidgetEnd, View: ViewTimeSeries,
		Legend: "bottom", Timezone: "+0000", YAxis: WidgetYAxes{Left: WidgetAxis{ShowUnits: true}, Right: WidgetAxis{ShowUnits: true}}}
	var p widgetProblems
	var notSim error
	for _, k := range sortedKeys(root) {
		v := root[k]
		path := "/" + k
		switch k {
		case "metrics":
			w.Metrics, notSim = parseWidgetMetrics(v, &p, notSim)
		case "annotations":
			parseAnnotations(v, &w.Annotations, &p)
		case "start":
			w.Start = jsonString(v, path, &p)
		case "end":
			w.End = jsonString(v, path, &p)
		case "width":
			w.Width = jsonInt(v, path, 1, MaxWidgetPixels, &p)
		case "height":
			w.Height = jsonInt(v, path, 1, MaxWidgetPixels, &p)
		case "period":
			if n := jsonInt(v, path, 1, math.MaxInt32, &p); n != 0 {
				w.Period = int32(n)
				if !widgetPeriod(n) {
					p.add(path, "Should be 1, 5, 10, 30, 60 or a multiple of 60")
				}
			}
		case "stat":
			w.Stat = jsonString(v, path, &p)
			if _, err := ParseStatistic(w.Stat); err != nil {
				p.add(path, "Should be a valid statistic")
			}
		case "stacked":
			w.Stacked = jsonBool(v, path, &p)
		case "liveData":
			w.LiveData = jsonBool(v, path, &p)
		case "setPeriodToTimeRange":
			w.SetPeriodToTimeRange = jsonBool(v, path, &p)
		case "view":
			w.View = jsonEnum(v, path, &p, ViewTimeSeries, ViewBar, ViewPie, ViewSingleValue)
		case "title":
			w.Title = jsonString(v, path, &p)
		case "timezone":
			w.Timezone = jsonString(v, path, &p)
			if !validTimezone(w.Timezone) {
				p.add(path, "Should match format +HHMM or -HHMM")
			}
		case "legend":
			obj := jsonObject(v, path, &p)
			for _, lk := range sortedKeys(obj) {
				if lk != "position" {
					p.add(path+"/"+lk, "Should NOT have additional properties")
					continue
				}
				w.Legend = jsonEnum(obj[lk], path+"/position", &p, "bottom", "right", "hidden")
			}
		case "yAxis":
			obj := jsonObject(v, path, &p)
			for _, ak := range sortedKeys(obj) {
				switch ak {
				case "left":
					parseAxis(obj[ak], path+"/left", &w.YAxis.Left, &p)
				case "right":
					parseAxis(obj[ak], path+"/right", &w.YAxis.Right, &p)
				default:
					p.add(path+"/"+ak, "Should NOT have additional properties")
				}
			}
		case "region":
			w.Region = jsonString(v, path, &p)
		default:
			p.add(path, "Should NOT have additional properties")
		}
	}
	if _, ok := root["metrics"]; !ok {
		p.add("", "Should have required property 'metrics'")
	}
	if w.Start != "" {
		if _, err := parseWidgetTime(w.Start, time.Time{}); err != nil {
			p.add("/start", "Should be an ISO 8601 date-time or a negative ISO 8601 duration such as -PT3H")
		}
	}
	if w.End != "" {
		if _, err := parseWidgetTime(w.End, time.Time{}); err != nil {
			p.add("/end", "Should be an ISO 8601 date-time or a negative ISO 8601 duration such as -PT0H")
		}
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	if notSim != nil {
		return nil, notSim
	}
	return w, nil
}

func widgetPeriod(n int) bool {
	switch n {
	case 1, 5, 10, 30, 60:
		return true
	}
	return n > 60 && n%60 == 0
}

func sortedKeys(m map[string]json.RawMessage) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func jsonString(v json.RawMessage, path string, p *widgetProblems) string {
	var s string
	if json.Unmarshal(v, &s) != nil {
		p.add(path, "Should be string")
	}
	return s
}

func jsonBool(v json.RawMessage, path string, p *widgetProblems) bool {
	var b bool
	if json.Unmarshal(v, &b) != nil {
		p.add(path, "Should be boolean")
	}
	return b
}

func jsonNumber(v json.RawMessage, path string, p *widgetProblems) (float64, bool) {
	var n float64
	if json.Unmarshal(v, &n) != nil || bytes.HasPrefix(bytes.TrimSpace(v), []byte(`"`)) {
		p.add(path, "Should be number")
		return 0, false
	}
	return n, true
}

func jsonInt(v json.RawMessage, path string, lo, hi int, p *widgetProblems) int {
	n, ok := jsonNumber(v, path, p)
	if !ok {
		return 0
	}
	if n != math.Trunc(n) || n < float64(lo) || n > float64(hi) {
		p.add(path, "Should be an integer between "+strconv.Itoa(lo)+" and "+strconv.Itoa(hi))
		return 0
	}
	return int(n)
}

func jsonEnum(v json.RawMessage, path string, p *widgetProblems, allowed ...string) string {
	var s string
	if json.Unmarshal(v, &s) != nil {
		p.add(path, "Should be string")
		return allowed[0]
	}
	for _, a := range allowed {
		if s == a {
			return s
		}
	}
	p.add(path, "Should be equal to one of the allowed values: "+strings.Join(allowed, ", "))
	return allowed[0]
}

func jsonObject(v json.RawMessage, path string, p *widgetProblems) map[string]json.RawMessage {
	var m map[string]json.RawMessage
	if json.Unmarshal(v, &m) != nil || m == nil {
		p.add(path, "Should be object")
		return nil
	}
	return m
}

func jsonArray(v json.RawMessage, path string, p *widgetProblems) []json.RawMessage {
	var a []json.RawMessage
	if json.Unmarshal(v, &a) != nil || a == nil {
		p.add(path, "Should be array")
		return nil
	}
	return a
}

func validColor(c string) bool {
	if len(c) != 7 || c[0] != '#' {
		return false
	}
	for i := 1; i < 7; i++ {
		h := c[i]
		if !(h >= '0' && h <= '9' || h >= 'a' && h <= 'f' || h >= 'A' && h <= 'F') {
			return false
		}
	}
	return true
}

// parseWidgetMetrics decodes the metrics array: each entry is [Namespace, MetricName, DimName,
// DimValue, …, {rendering properties}] or [{expression, …}]. The console's shorthands are
// accepted ([field] the console's "Source" view writes them): "." repeats the string at the same
// position of the previous entry, and a leading "..." repeats the previous entry's strings except
// as many trailing ones as follow it.
func parseWidgetMetrics(v json.RawMessage, p *widgetProblems, notSim error) ([]WidgetMetric, error) {
	rows := jsonArray(v, "/metrics", p)
	if rows == nil {
		return nil, notSim
	}
	if len(rows) == 0 {
		p.add("/metrics", "Should NOT have fewer than 1 items")
	}
	if len(rows) > MaxWidgetMetrics {
		p.add("/metrics", "Should NOT have more than 100 items")
		return nil, notSim
	}
	out := make([]WidgetMetric, 0, len(rows))
	var prev []string
	ids := map[string]bool{}
	for i, row := range rows {
		path := "/metrics/" + strconv.Itoa(i)
		items := jsonArray(row, path, p)
		if items == nil {
			continue
		}
		m := WidgetMetric{Visible: true, YAxis: "left"}
		var strs []string
		var props map[string]json.RawMessage
		for j, it := range items {
			ip := path + "/" + strconv.Itoa(j)
			t := bytes.TrimSpace(it)
			if len(t) > 0 && t[0] == '{' {
				if j != len(items)-1 {
					p.add(ip, "Should be string")
					continue
				}
				props = jsonObject(it, ip, p)
				continue
			}
			var s string
			if json.Unmarshal(it, &s) != nil {
				p.add(ip, "Should be string")
				continue
			}
			strs = append(strs, s)
		}
		// shorthands
		if len(strs) > 0 && strs[0] == "..." {
			rest := strs[1:]
			if len(prev) < len(rest) {
				p.add(path+"/0", "Should follow an entry with at least as many items")
				continue
			}
			strs = append(append([]string{}, prev[:len(prev)-len(rest)]...), rest...)
		}
		for j, s := range strs {
			if s == "." {
				if j >= len(prev) {
					p.add(path+"/"+strconv.Itoa(j), "Should follow an entry with an item at this position")
					continue
				}
				strs[j] = prev[j]
			}
		}
		for _, k := range sortedKeys(props) {
			pv := props[k]
			pp := path + "/" + strconv.Itoa(len(items)-1) + "/" + k
			switch k {
			case "expression":
				m.Expression = jsonString(pv, pp, p)
			case "id":
				m.ID = jsonString(pv, pp, p)
			case "label":
				m.Label = jsonString(pv, pp, p)
			case "color":
				m.Color = jsonString(pv, pp, p)
				if !validColor(m.Color) {
					p.add(pp, `Should match pattern "^#([0-9a-fA-F]{6})$"`)
				}
			case "stat":
				m.Stat = jsonString(pv, pp, p)
				if _, err := ParseStatistic(m.Stat); err != nil {
					p.add(pp, "Should be a valid statistic")
				}
			case "period":
				n := jsonInt(pv, pp, 1, math.MaxInt32, p)
				if n != 0 && !widgetPeriod(n) {
					p.add(pp, "Should be 1, 5, 10, 30, 60 or a multiple of 60")
				}
				m.Period = int32(n)
			case "visible":
				m.Visible = jsonBool(pv, pp, p)
			case "yAxis":
				m.YAxis = jsonEnum(pv, pp, p, "left", "right")
			case "accountId":
				if notSim == nil {
					notSim = bus.NotSimulated("monitoring", "cross-account observability (MetricWidget accountId)")
				}
			case "region":
				m.Region = jsonString(pv, pp, p)
			default:
				p.add(pp, "Should NOT have additional properties")
			}
		}
		if m.ID != "" {
			if ids[m.ID] {
				p.add(path, "Should have a unique id: "+m.ID)
			}
			ids[m.ID] = true
		}
		switch {
		case m.Expression != "" && len(strs) > 0:
			p.add(path, "Should have either a metric or an expression, not both")
		case m.Expression != "":
			if props != nil {
				if _, ok := props["stat"]; ok {
					p.add(path, "Should NOT have property 'stat' with an expression")
				}
			}
			if strings.Contains(strings.ToUpper(m.Expression), "SEARCH(") && notSim == nil {
				notSim = bus.NotSimulated("monitoring", "SEARCH expressions in metric widgets")
			}
		case len(strs) < 2:
			p.add(path, "Should have a namespace and a metric name, or an expression")
		case len(strs)%2 != 0:
			p.add(path, "Should have a value for every dimension name")
		case (len(strs)-2)/2 > maxWidgetDimensions:
			p.add(path, "Should NOT have more than 30 dimensions")
		default:
			m.Namespace, m.MetricName = strs[0], strs[1]
			for d := 2; d+1 < len(strs); d += 2 {
				m.Dimensions = append(m.Dimensions, Dimension{Name: strs[d], Value: strs[d+1]})
			}
			prev = strs
		}
		out = append(out, m)
	}
	return out, notSim
}

func parseAxis(v json.RawMessage, path string, ax *WidgetAxis, p *widgetProblems) {
	obj := jsonObject(v, path, p)
	for _, k := range sortedKeys(obj) {
		kp := path + "/" + k
		switch k {
		case "min", "max":
			if n, ok := jsonNumber(obj[k], kp, p); ok {
				if k == "min" {
					ax.Min = &n
				} else {
					ax.Max = &n
				}
			}
		case "label":
			ax.Label = jsonString(obj[k], kp, p)
		case "showUnits":
			ax.ShowUnits = jsonBool(obj[k], kp, p)
		default:
			p.add(kp, "Should NOT have additional properties")
		}
	}
	if ax.Min != nil && ax.Max != nil && *ax.Min >= *ax.Max {
		p.add(path, "Should have min less than max")
	}
}

// parseAnnotations decodes {"horizontal": [...], "vertical": [...]}. An entry is an object, or an
// array of two objects for a band (the second giving the other edge).
func parseAnnotations(v json.RawMessage, a *WidgetAnnotations, p *widgetProblems) {
	obj := jsonObject(v, "/annotations", p)
	for _, k := range sortedKeys(obj) {
		path := "/annotations/" + k
		switch k {
		case "horizontal", "vertical":
		default:
			p.add(path, "Should NOT have additional properties")
			continue
		}
		list := jsonArray(obj[k], path, p)
		if len(list) > maxWidgetAnnotations {
			p.add(path, "Should NOT have more than 100 items")
			continue
		}
		for i, e := range list {
			ep := path + "/" + strconv.Itoa(i)
			var edges []map[string]json.RawMessage
			var paths []string
			if t := bytes.TrimSpace(e); len(t) > 0 && t[0] == '[' {
				arr := jsonArray(e, ep, p)
				if len(arr) != 2 {
					p.add(ep, "Should have exactly 2 items (a band)")
					continue
				}
				for j, x := range arr {
					paths = append(paths, ep+"/"+strconv.Itoa(j))
					edges = append(edges, jsonObject(x, paths[j], p))
				}
			} else {
				paths = []string{ep}
				edges = []map[string]json.RawMessage{jsonObject(e, ep, p)}
			}
			if k == "horizontal" {
				h := HorizontalAnnotation{Visible: true, YAxis: "left", Band: len(edges) == 2}
				for j, edge := range edges {
					parseAnnotationEdge(edge, paths[j], j, true, &h, nil, p)
				}
				a.Horizontal = append(a.Horizontal, h)
			} else {
				vv := VerticalAnnotation{Visible: true, Band: len(edges) == 2}
				for j, edge := range edges {
					parseAnnotationEdge(edge, paths[j], j, false, nil, &vv, p)
				}
				a.Vertical = append(a.Vertical, vv)
			}
		}
	}
}

// parseAnnotationEdge reads one annotation object; edge 1 of a band only gives the other value
// (and may repeat the label).
func parseAnnotationEdge(obj map[string]json.RawMessage, path string, edge int, horizontal bool, h *HorizontalAnnotation, v *VerticalAnnotation, p *widgetProblems) {
	if obj == nil {
		return
	}
	if _, ok := obj["value"]; !ok {
		p.add(path, "Should have required property 'value'")
	}
	for _, k := range sortedKeys(obj) {
		kp := path + "/" + k
		val := obj[k]
		switch {
		case k == "value" && horizontal:
			if n, ok := jsonNumber(val, kp, p); ok {
				if edge == 0 {
					h.Value = n
				} else {
					h.BandTo = n
				}
			}
		case k == "value":
			s := jsonString(val, kp, p)
			t, err := time.Parse(time.RFC3339Nano, s)
			if err != nil && s != "" {
				p.add(kp, "Should be an ISO 8601 date-time")
			}
			if edge == 0 {
				v.Value = t.UTC()
			} else {
				v.BandTo = t.UTC()
			}
		case k == "label":
			l := jsonString(val, kp, p)
			if edge == 0 || (horizontal && h.Label == "") || (!horizontal && v.Label == "") {
				if horizontal {
					h.Label = l
				} else {
					v.Label = l
				}
			}
		case k == "color" && edge == 0:
			c := jsonString(val, kp, p)
			if !validColor(c) {
				p.add(kp, `Should match pattern "^#([0-9a-fA-F]{6})$"`)
			}
			if horizontal {
				h.Color = c
			} else {
				v.Color = c
			}
		case k == "fill" && edge == 0 && horizontal:
			h.Fill = jsonEnum(val, kp, p, "above", "below", "none")
			if h.Fill == "none" {
				h.Fill = ""
			}
		case k == "fill" && edge == 0:
			v.Fill = jsonEnum(val, kp, p, "before", "after", "none")
			if v.Fill == "none" {
				v.Fill = ""
			}
		case k == "visible" && edge == 0:
			b := jsonBool(val, kp, p)
			if horizontal {
				h.Visible = b
			} else {
				v.Visible = b
			}
		case k == "yAxis" && edge == 0 && horizontal:
			h.YAxis = jsonEnum(val, kp, p, "left", "right")
		default:
			p.add(kp, "Should NOT have additional properties")
		}
	}
}

// parseWidgetTime resolves a widget start or end: an ISO 8601 date-time, or a negative ISO 8601
// duration relative to now (-PT3H, -P1D, -PT0H; weeks, days, hours, minutes and seconds — a
// month or a year has no fixed length and is refused).
func parseWidgetTime(s string, now time.Time) (time.Time, error) {
	if !strings.HasPrefix(s, "-P") {
		t, err := time.Parse(time.RFC3339Nano, s)
		return t.UTC(), err
	}
	rest := s[2:]
	var d time.Duration
	inTime := false
	seen := false
	for len(rest) > 0 {
		if rest[0] == 'T' {
			if inTime {
				return time.Time{}, strconv.ErrSyntax
			}
			inTime = true
			rest = rest[1:]
			continue
		}
		i := 0
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		if i == 0 || i == len(rest) || i > 9 {
			return time.Time{}, strconv.ErrSyntax
		}
		n, _ := strconv.ParseInt(rest[:i], 10, 64)
		var unit time.Duration
		switch u := rest[i]; {
		case !inTime && u == 'W':
			unit = 7 * 24 * time.Hour
		case !inTime && u == 'D':
			unit = 24 * time.Hour
		case inTime && u == 'H':
			unit = time.Hour
		case inTime && u == 'M':
			unit = time.Minute
		case inTime && u == 'S':
			unit = time.Second
		default:
			return time.Time{}, strconv.ErrSyntax
		}
		d += time.Duration(n) * unit
		if d > 500*24*time.Hour {
			return time.Time{}, strconv.ErrRange
		}
		seen = true
		rest = rest[i+1:]
	}
	if !seen {
		return time.Time{}, strconv.ErrSyntax
	}
	return now.Add(-d), nil
}

// Range resolves the widget's start and end against now (the simulation time of the call).
func (w *MetricWidget) Range(now time.Time) (start, end time.Time, err error) {
	start, err = parseWidgetTime(w.Start, now)
	if err != nil {
		return
	}
	end, err = parseWidgetTime(w.End, now)
	return
}

// Queries returns the GetMetricData queries the widget reads, one per metrics entry in order:
// MetricStat queries with the entry's (or the widget's) stat and period, expressions as given.
// Entries without an id get "m1", "m2", … (skipping ids the widget uses); invisible entries have
// ReturnData false.
func (w *MetricWidget) Queries() []MetricDataQuery {
	used := map[string]bool{}
	for _, m := range w.Metrics {
		used[m.ID] = true
	}
	out := make([]MetricDataQuery, len(w.Metrics))
	n := 0
	for i, m := range w.Metrics {
		id := m.ID
		for id == "" {
			n++
			if c := "m" + strconv.Itoa(n); !used[c] {
				id = c
			}
		}
		q := MetricDataQuery{Id: id, Label: m.Label}
		if !m.Visible {
			f := false
			q.ReturnData = &f
		}
		period := w.Period
		if m.Period != 0 {
			period = m.Period
		}
		if m.Expression != "" {
			q.Expression = m.Expression
			if m.Period != 0 {
				q.Period = m.Period
			}
		} else {
			stat := w.Stat
			if m.Stat != "" {
				stat = m.Stat
			}
			q.MetricStat = &MetricStat{Metric: Metric{Namespace: m.Namespace, MetricName: m.MetricName, Dimensions: m.Dimensions},
				Period: period, Stat: stat}
		}
		out[i] = q
	}
	return out
}
