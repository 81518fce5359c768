package metrics

import (
	"errors"
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
)

// FuzzParseMetricWidget: the widget decoder never panics; an error is a *bus.Error or a
// *bus.NotSimulatedError; an accepted widget keeps the documented limits, resolves its range and
// yields one GetMetricData query per metrics entry.
func FuzzParseMetricWidget(f *testing.F) {
	for _, s := range []string{
		`{"metrics":[["AWS/EC2","CPUUtilization","InstanceId","i-0123"]]}`,
		`{"metrics":[["A","B",{"id":"m1","stat":"p99","color":"#00ff00","yAxis":"right","visible":false,"period":60,"label":"x"}],[".","C"],["...","D"]]}`,
		`{"metrics":[[{"expression":"m1*2","id":"e1"}],["A","B",{"id":"m1"}]],"view":"pie","stacked":true,"legend":{"position":"hidden"}}`,
		`{"metrics":[["A","B"]],"annotations":{"horizontal":[{"value":1,"fill":"above"},[{"value":1},{"value":2}]],"vertical":[{"value":"2026-01-01T00:00:00Z"}]}}`,
		`{"metrics":[["A","B"]],"start":"-P1DT2H","end":"2026-01-01T00:00:00.000Z","timezone":"+0530","width":1,"height":2000}`,
		`{"metrics":[["A","B"]],"yAxis":{"left":{"min":0,"max":1,"label":"l","showUnits":false},"right":{}}}`,
		`{"metrics":[["A","B",{"accountId":"1"}]]}`, `{"metrics":[]}`, `{}`, `[]`, `{"metrics":[["...",".","."]]}`,
		`{"metrics":[["A","B"]],"period":1e400}`, `{"metrics":[["A","B"]],"width":-0}`, `{"metrics":[["A","B"]],"start":"-PT999999999H"}`,
	} {
		f.Add(s)
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, doc string) {
		w, err := ParseMetricWidget(doc)
		if err != nil {
			var be *bus.Error
			var ns *bus.NotSimulatedError
			if !errors.As(err, &be) && !errors.As(err, &ns) {
				t.Fatalf("%q: error %T %v", doc, err, err)
			}
			return
		}
		if len(w.Metrics) < 1 || len(w.Metrics) > MaxWidgetMetrics || w.Width < 1 || w.Width > MaxWidgetPixels ||
			w.Height < 1 || w.Height > MaxWidgetPixels || !widgetPeriod(int(w.Period)) {
			t.Fatalf("%q: accepted out of limits: %+v", doc, w)
		}
		if _, _, err := w.Range(now); err != nil {
			t.Fatalf("%q: accepted range does not resolve: %v", doc, err)
		}
		qs := w.Queries()
		if len(qs) != len(w.Metrics) {
			t.Fatalf("%q: %d queries for %d entries", doc, len(qs), len(w.Metrics))
		}
		_ = validateQueries(qs) // may refuse (bad expression), must not panic
	})
}
