package widgetimage

import (
	"bytes"
	"context"
	"flag"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/metrics"
)

var update = flag.Bool("update", false, "rewrite the golden pictures in testdata/")

var ctx = context.Background()

// filled returns a metrics service (drawing with Renderer) holding minutes of data for the metrics
// App/Latency, App/Errors and App/Requests: value(metric, minute), or no datapoint when it returns NaN.
func filled(t interface {
	Helper()
	Fatal(...any)
}, minutes int, value func(m, i int) float64) (*metrics.Service, *bus.Bus) {
	t.Helper()
	b := bus.MustNew()
	s, err := metrics.New(b, metrics.WithWidgetRenderer(Renderer{}))
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"Latency", "Errors", "Requests"}
	for i := 0; i < minutes; i++ {
		var data []metrics.MetricDatum
		for m, n := range names {
			if v := value(m, i); !math.IsNaN(v) {
				data = append(data, metrics.MetricDatum{MetricName: n, Value: &v})
			}
		}
		if len(data) > 0 {
			if _, err := s.PutMetricData(ctx, &metrics.PutMetricDataInput{Namespace: "App", MetricData: data}); err != nil {
				t.Fatal(err)
			}
		}
		if err := b.Advance(time.Minute); err != nil {
			t.Fatal(err)
		}
	}
	return s, b
}

// wave is the test data: a latency wave, errors in bursts, requests growing; latency is missing
// for minutes 100–119.
func wave(m, i int) float64 {
	switch m {
	case 0:
		if i >= 100 && i < 120 {
			return math.NaN()
		}
		return 50 + 40*math.Sin(float64(i)/12)
	case 1:
		return float64((i / 7) % 4)
	}
	return 100 + float64(i)
}

// widgetCases are the golden widgets: every view, stacking, both axes, annotations, legend
// positions, time zone, fixed bounds.
var widgetCases = []struct{ name, doc string }{
	{"timeseries", `{"metrics":[["App","Latency",{"label":"p-latency"}],["App","Errors",{"yAxis":"right","color":"#d62728"}]],
		"period":60,"start":"-PT3H","title":"Latency and errors","timezone":"+0130",
		"yAxis":{"left":{"label":"ms","min":0},"right":{"label":"count"}},
		"annotations":{"horizontal":[{"value":80,"label":"SLO","fill":"above"},[{"value":10,"label":"band"},{"value":20}]],
		"vertical":[{"value":"2026-01-01T01:30:00Z","label":"deploy"},[{"value":"2026-01-01T02:00:00Z"},{"value":"2026-01-01T02:10:00Z","label":"window"}]]}}`},
	{"stacked", `{"metrics":[["App","Errors"],["App","Requests",{"stat":"Sum"}],[{"expression":"m1 * 10","label":"scaled"}]],
		"period":300,"start":"-PT3H","stacked":true,"legend":{"position":"right"},"title":"Stacked"}`},
	{"bar", `{"metrics":[["App","Latency"],["App","Errors"],["App","Requests"]],"view":"bar","period":60,"start":"-PT3H","setPeriodToTimeRange":true}`},
	{"pie", `{"metrics":[["App","Latency"],["App","Errors"],["App","Requests"]],"view":"pie","period":60,"start":"-PT3H","legend":{"position":"hidden"},"width":300,"height":300}`},
	{"singlevalue", `{"metrics":[["App","Latency"],["App","Requests",{"stat":"Maximum"}]],"view":"singleValue","period":60,"start":"-PT3H","width":400,"height":150}`},
}

// TestWidgetGolden: each widget's SVG matches its golden file and is the same on a second run;
// the PNG GetMetricWidgetImage returns is byte-identical run to run, decodes and has the widget's
// size. go test -update rewrites the golden files.
func TestWidgetGolden(t *testing.T) {
	s1, _ := filled(t, 180, wave)
	s2, _ := filled(t, 180, wave)
	for _, c := range widgetCases {
		t.Run(c.name, func(t *testing.T) {
			var svgs, pngs [][]byte
			for _, s := range []*metrics.Service{s1, s2} {
				w, data, err := s.WidgetData(ctx, c.doc)
				if err != nil {
					t.Fatal(err)
				}
				svg, err := SVG(w, data)
				if err != nil {
					t.Fatal(err)
				}
				out, err := s.GetMetricWidgetImage(ctx, &metrics.GetMetricWidgetImageInput{MetricWidget: c.doc})
				if err != nil {
					t.Fatal(err)
				}
				img, err := png.Decode(bytes.NewReader(out.MetricWidgetImage))
				if err != nil {
					t.Fatal(err)
				}
				if b := img.Bounds(); b.Dx() != w.Width || b.Dy() != w.Height {
					t.Errorf("PNG is %v, widget %d×%d", b, w.Width, w.Height)
				}
				svgs, pngs = append(svgs, svg), append(pngs, out.MetricWidgetImage)
			}
			if !bytes.Equal(svgs[0], svgs[1]) || !bytes.Equal(pngs[0], pngs[1]) {
				t.Fatal("the same data drew different bytes")
			}
			path := filepath.Join("testdata", "widget-"+c.name+".svg")
			if *update {
				if err := os.WriteFile(path, svgs[0], 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (go test -update writes it)", err)
			}
			if !bytes.Equal(svgs[0], want) {
				t.Errorf("%s differs from the picture drawn (go test -update rewrites it after a deliberate change)", path)
			}
		})
	}
}

// TestChartRefuses: what cannot be drawn is an error, never a silent default.
func TestChartRefuses(t *testing.T) {
	start := bus.DefaultStart()
	ok := Chart{Start: start, End: start.Add(time.Hour)}
	for name, mod := range map[string]func(c *Chart){
		"width":      func(c *Chart) { c.Width = 2001 },
		"height":     func(c *Chart) { c.Height = -1 },
		"view":       func(c *Chart) { c.View = "gauge" },
		"legend":     func(c *Chart) { c.Legend = "top" },
		"range":      func(c *Chart) { c.End = c.Start },
		"slices":     func(c *Chart) { c.Series = []Series{{Times: []time.Time{start}}} },
		"colour":     func(c *Chart) { c.Series = []Series{{Color: "red"}} },
		"hline":      func(c *Chart) { c.Horizontal = []HLine{{Color: "#12345"}} },
		"vline":      func(c *Chart) { c.Vertical = []VLine{{Color: "#gggggg"}} },
		"lanes+data": func(c *Chart) { c.Lanes = []Lane{{Label: "a"}}; c.Series = []Series{{}} },
		"lanes+view": func(c *Chart) { c.Lanes = []Lane{{Label: "a"}}; c.View = "pie" },
	} {
		c := ok
		mod(&c)
		if _, err := c.SVG(); err == nil {
			t.Errorf("%s: SVG accepted", name)
		}
		if _, err := c.PNG(); err == nil {
			t.Errorf("%s: PNG accepted", name)
		}
	}
	if _, err := ok.SVG(); err != nil {
		t.Errorf("an empty chart: %v", err)
	}
}

// TestNoRendererNoDrawing: GetMetricWidgetImage without a renderer refuses as not simulated.
func TestNoRendererNoDrawing(t *testing.T) {
	s, err := metrics.New(bus.MustNew())
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.GetMetricWidgetImage(ctx, &metrics.GetMetricWidgetImageInput{MetricWidget: `{"metrics":[["A","B"]]}`})
	if !bus.IsNotSimulated(err) || !strings.Contains(err.Error(), "WithWidgetRenderer") {
		t.Fatalf("%v", err)
	}
}

// TestNilInputs: nil widgets, data and charts are errors, not panics.
func TestNilInputs(t *testing.T) {
	if _, err := FromWidget(nil, nil); err == nil {
		t.Error("FromWidget(nil, nil) succeeded")
	}
	if _, err := SVG(&metrics.MetricWidget{}, nil); err == nil {
		t.Error("SVG without data succeeded")
	}
	if _, err := (Renderer{}).RenderMetricWidget(nil, nil); err == nil {
		t.Error("RenderMetricWidget(nil, nil) succeeded")
	}
	var c *Chart
	if _, err := c.SVG(); err == nil {
		t.Error("nil Chart drew an SVG")
	}
	if _, err := c.PNG(); err == nil {
		t.Error("nil Chart drew a PNG")
	}
}
