package widgetimage

import (
	"errors"
	"time"

	"github.com/watchsim/watchsim/metrics"
)

// Renderer draws metric widgets for GetMetricWidgetImage: install it with
// metrics.WithWidgetRenderer(widgetimage.Renderer{}).
type Renderer struct{}

// RenderMetricWidget implements metrics.WidgetRenderer: the PNG of the widget over its data.
func (Renderer) RenderMetricWidget(w *metrics.MetricWidget, data *metrics.WidgetData) ([]byte, error) {
	c, err := FromWidget(w, data)
	if err != nil {
		return nil, err
	}
	return c.PNG()
}

// SVG draws a widget over its data (from metrics.Service.WidgetData) as SVG: the picture
// GetMetricWidgetImage draws as PNG, in a form fit for golden files.
func SVG(w *metrics.MetricWidget, data *metrics.WidgetData) ([]byte, error) {
	c, err := FromWidget(w, data)
	if err != nil {
		return nil, err
	}
	return c.SVG()
}

// FromWidget builds the chart of a widget: one series per result in data (labels, colours and
// axes from the widget's metrics entries, periods for the gaps), the widget's annotations, axes,
// legend, title, view, stacking, size and time zone.
func FromWidget(w *metrics.MetricWidget, data *metrics.WidgetData) (*Chart, error) {
	if w == nil || data == nil {
		return nil, errors.New("widgetimage: FromWidget needs a widget and its data")
	}
	c := &Chart{Title: w.Title, Width: w.Width, Height: w.Height, Start: data.Start, End: data.End,
		Legend: w.Legend, View: w.View, Stacked: w.Stacked, Location: zone(w.Timezone),
		Left: axis(w.YAxis.Left), Right: axis(w.YAxis.Right)}
	for _, s := range data.Series {
		c.Series = append(c.Series, Series{Label: s.Result.Label, Color: s.Color, Right: s.YAxis == "right",
			Times: s.Result.Timestamps, Values: s.Result.Values, Period: time.Duration(s.Period) * time.Second})
	}
	for _, h := range w.Annotations.Horizontal {
		if h.Visible {
			c.Horizontal = append(c.Horizontal, HLine{Value: h.Value, To: h.BandTo, Band: h.Band, Label: h.Label,
				Color: h.Color, Fill: h.Fill, Right: h.YAxis == "right"})
		}
	}
	for _, v := range w.Annotations.Vertical {
		if v.Visible {
			c.Vertical = append(c.Vertical, VLine{At: v.Value, To: v.BandTo, Band: v.Band, Label: v.Label, Color: v.Color, Fill: v.Fill})
		}
	}
	if err := c.check(); err != nil {
		return nil, err
	}
	return c, nil
}

func axis(a metrics.WidgetAxis) Axis { return Axis{Min: a.Min, Max: a.Max, Label: a.Label} }

// zone turns "+HHMM"/"-HHMM" into a fixed zone (UTC for "+0000" or anything else).
func zone(tz string) *time.Location {
	if len(tz) != 5 || tz == "+0000" {
		return time.UTC
	}
	h := int(tz[1]-'0')*10 + int(tz[2]-'0')
	m := int(tz[3]-'0')*10 + int(tz[4]-'0')
	off := (h*60 + m) * 60
	if tz[0] == '-' {
		off = -off
	}
	return time.FixedZone(tz, off)
}
