package widgetimage

import (
	"errors"
	"math"
	"testing"

	"github.com/watchsim/watchsim/bus"
)

// FuzzWidgetImage: any MetricWidget document GetMetricWidgetImage accepts over some data is drawn
// as SVG and PNG without panicking; the errors are the service's (*bus.Error, not simulated) or the
// chart's refusal.
func FuzzWidgetImage(f *testing.F) {
	for _, c := range widgetCases {
		f.Add(c.doc)
	}
	for _, s := range []string{
		`{"metrics":[["App","Latency"]],"annotations":{"horizontal":[{"value":1e308},{"value":-1e308}]}}`,
		`{"metrics":[["App","Latency"]],"yAxis":{"left":{"min":-1e308,"max":1e308}},"width":1,"height":1}`,
		`{"metrics":[[{"expression":"m1/0"}],["App","Errors",{"id":"m1"}]],"view":"pie"}`,
		`{"metrics":[["App","Latency"]],"annotations":{"vertical":[{"value":"0001-01-01T00:00:00Z"},[{"value":"9999-12-31T23:59:59Z"},{"value":"2026-01-01T01:00:00Z"}]]}}`,
		`{"metrics":[["App","Requests"]],"start":"2025-12-31T00:00:00Z","end":"2026-01-01T02:00:00Z","timezone":"-2359","legend":{"position":"right"},"title":"` + "\u202e<&>" + `"}`,
	} {
		f.Add(s)
	}
	s, _ := filled(f, 180, wave)
	f.Fuzz(func(t *testing.T, doc string) {
		w, data, err := s.WidgetData(ctx, doc)
		if err != nil {
			var be *bus.Error
			var ns *bus.NotSimulatedError
			if !errors.As(err, &be) && !errors.As(err, &ns) {
				t.Fatalf("%q: error %T %v", doc, err, err)
			}
			return
		}
		for _, y := range []*float64{w.YAxis.Left.Min, w.YAxis.Left.Max, w.YAxis.Right.Min, w.YAxis.Right.Max} {
			if y != nil && math.IsInf(*y, 0) {
				t.Fatalf("%q: infinite axis bound accepted", doc)
			}
		}
		if _, err := SVG(w, data); err != nil {
			t.Fatalf("%q: an accepted widget is not drawn: %v", doc, err)
		}
		c, _ := FromWidget(w, data)
		if _, err := c.PNG(); err != nil {
			t.Fatalf("%q: PNG: %v", doc, err)
		}
	})
}
