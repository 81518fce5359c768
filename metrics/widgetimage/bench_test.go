package widgetimage

import (
	"testing"

	"github.com/watchsim/watchsim/internal/cputime"
	"github.com/watchsim/watchsim/metrics"
)

// cpuPerOp reports the process CPU time per operation ("cpu-ms/op") beside the wall time, which
// overstates the cost on a machine shared with other work.
func cpuPerOp(b *testing.B, f func()) {
	c0 := cputime.Process()
	n := 0
	for b.Loop() {
		f()
		n++
	}
	if d := cputime.Process() - c0; d > 0 && n > 0 {
		b.ReportMetric(float64(d.Microseconds())/1000/float64(n), "cpu-ms/op")
	}
}

// The benchmark: a widget of three metrics over one day at one-minute periods (1,440
// datapoints each; one gap of 20) drawn as PNG (target ≤ 50 ms) and as SVG (target ≤ 10 ms).
// Render: the drawing alone, from the data read once. GetMetricWidgetImage: the whole operation
// (validation, the GetMetricData read, the PNG).
const benchWidget = `{"metrics":[["App","Latency"],["App","Errors",{"yAxis":"right"}],["App","Requests"]],"period":60,"start":"-P1D",
	"title":"One day","annotations":{"horizontal":[{"value":80,"label":"SLO"}]}}`

func BenchmarkWidget1Day3Metrics(b *testing.B) {
	s, _ := filled(b, 1440, wave)
	w, data, err := s.WidgetData(ctx, benchWidget)
	if err != nil {
		b.Fatal(err)
	}
	for _, sr := range data.Series {
		if n := len(sr.Result.Values); n < 1400 {
			b.Fatalf("%s: %d datapoints", sr.Result.Label, n)
		}
	}
	c, err := FromWidget(w, data)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("render/PNG", func(b *testing.B) {
		cpuPerOp(b, func() {
			if _, err := c.PNG(); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("render/SVG", func(b *testing.B) {
		cpuPerOp(b, func() {
			if _, err := c.SVG(); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("GetMetricWidgetImage/PNG", func(b *testing.B) {
		in := &metrics.GetMetricWidgetImageInput{MetricWidget: benchWidget}
		cpuPerOp(b, func() {
			if _, err := s.GetMetricWidgetImage(ctx, in); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("WidgetData+SVG", func(b *testing.B) {
		cpuPerOp(b, func() {
			w, data, err := s.WidgetData(ctx, benchWidget)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := SVG(w, data); err != nil {
				b.Fatal(err)
			}
		})
	})
}
