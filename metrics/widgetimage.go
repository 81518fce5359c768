package metrics

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/watchsim/watchsim/bus"
)

// GetMetricWidgetImageInput is the input of GetMetricWidgetImage.
type GetMetricWidgetImageInput struct {
	// MetricWidget is the widget JSON ([ParseMetricWidget]).
	MetricWidget string `json:"MetricWidget"`
	// OutputFormat is "png" (the default) or "image/png"; AWS renders PNG only
	// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricWidgetImage.html).
	// Both return the same bytes here: the difference is the HTTP content type of AWS's response.
	OutputFormat string `json:"OutputFormat,omitempty"`
}

// GetMetricWidgetImageOutput is the output of GetMetricWidgetImage: the PNG image.
type GetMetricWidgetImageOutput struct {
	MetricWidgetImage []byte `json:"MetricWidgetImage"`
}

// WidgetRenderer draws a metric widget. The drawing lives outside this package so that programs
// which never draw do not link a plotting library: package metrics/widgetimage provides one
// (widgetimage.Renderer), installed with [WithWidgetRenderer].
type WidgetRenderer interface {
	// RenderMetricWidget returns the PNG image of w drawn over data.
	RenderMetricWidget(w *MetricWidget, data *WidgetData) ([]byte, error)
}

// WidgetData is what a widget shows: the GetMetricData results of [MetricWidget.Queries] over the
// widget's range, read through the same query path as GetMetricData (timestamps ascending), and
// how each is drawn.
type WidgetData struct {
	// Start and End are the widget's range resolved at Now (End cut to the start of the current
	// minute unless the widget has liveData).
	Start, End, Now time.Time
	Series          []WidgetSeries
}

// WidgetSeries is one drawn result: the MetricDataResult as GetMetricData returns it (with
// ScanBy TimestampAscending) and the rendering properties of the metrics entry it came from.
type WidgetSeries struct {
	Result MetricDataResult
	// Entry is the index of the metrics entry (an expression may yield several series).
	Entry int
	// Color is the entry's "#rrggbb", or empty for the palette colour.
	Color string
	// YAxis is "left" or "right".
	YAxis string
	// Period is the period in seconds of the entry (the widget's when the entry has none).
	Period int32
}

// WithWidgetRenderer installs the renderer GetMetricWidgetImage draws with (for example
// widgetimage.Renderer{} from package metrics/widgetimage). Without one, GetMetricWidgetImage
// validates the widget and reads its data, then refuses to draw with bus.NotSimulated.
func WithWidgetRenderer(r WidgetRenderer) Option {
	return func(c *config) error {
		if err := c.once("WithWidgetRenderer"); err != nil {
			return err
		}
		if r == nil {
			return errors.New("metrics: nil WidgetRenderer")
		}
		c.renderer = r
		return nil
	}
}

// GetMetricWidgetImage renders a metric widget as a PNG image ([API] GetMetricWidgetImage). The
// widget is validated as [ParseMetricWidget] documents; its data is read exactly as GetMetricData
// reads it (same validation, same buckets), so the picture and the numbers agree. Drawing needs a
// renderer ([WithWidgetRenderer]); it runs after the data is read, without the state lock held, so
// a picture's milliseconds of drawing hold up nothing else.
func (s *Service) GetMetricWidgetImage(ctx context.Context, in *GetMetricWidgetImageInput) (*GetMetricWidgetImageOutput, error) {
	op := bus.Operation{Source: Source, Name: "GetMetricWidgetImage", ReadOnly: true}
	var w *MetricWidget
	var data *WidgetData
	out, err := bus.Call(ctx, s.b, op, in, func(ctx context.Context, in *GetMetricWidgetImageInput) (*GetMetricWidgetImageOutput, error) {
		switch in.OutputFormat {
		case "", "png", "image/png":
		default:
			// [derived] The API reference documents png and image/png only, and no error text for
			// other values; this message is watchsim's.
			return nil, validationError("The value " + in.OutputFormat + " for parameter OutputFormat is invalid. It must be png or image/png.")
		}
		var err error
		if w, data, err = s.widgetDataLocked(in.MetricWidget); err != nil {
			return nil, err
		}
		if s.cfg.renderer == nil {
			return nil, bus.NotSimulated("monitoring", "GetMetricWidgetImage drawing without a renderer (metrics.WithWidgetRenderer(widgetimage.Renderer{}))")
		}
		return &GetMetricWidgetImageOutput{}, nil
	})
	if err != nil {
		return nil, err
	}
	if out.MetricWidgetImage, err = s.cfg.renderer.RenderMetricWidget(w, data); err != nil {
		return nil, err
	}
	return out, nil
}

// WidgetData parses a MetricWidget document and reads its data as GetMetricWidgetImage does,
// without drawing: for renderers of other formats (widgetimage draws SVG from it) and for tests
// that check a picture against the numbers. It is not an AWS operation: CloudTrail does not record
// it. A nil ctx is an error wrapping bus.ErrNilContext, a closed bus one wrapping bus.ErrClosed.
func (s *Service) WidgetData(ctx context.Context, widget string) (*MetricWidget, *WidgetData, error) {
	switch {
	case ctx == nil:
		return nil, nil, fmt.Errorf("metrics.WidgetData: %w", bus.ErrNilContext)
	case s.b.Closed():
		return nil, nil, fmt.Errorf("metrics.WidgetData: %w", bus.ErrClosed)
	}
	var w *MetricWidget
	var data *WidgetData
	err := ctx.Err()
	if err == nil {
		s.b.Locked(func() { w, data, err = s.widgetDataLocked(widget) })
	}
	return w, data, err
}

// widgetDataLocked validates a widget and runs its queries through getMetricDataLocked.
func (s *Service) widgetDataLocked(doc string) (*MetricWidget, *WidgetData, error) {
	w, err := ParseMetricWidget(doc)
	if err != nil {
		return nil, nil, err
	}
	regions := []string{w.Region}
	for _, m := range w.Metrics {
		regions = append(regions, m.Region)
	}
	for _, r := range regions {
		if r != "" && r != s.b.Region() {
			return nil, nil, bus.NotSimulated("monitoring", "cross-region metric widgets (region "+r+")")
		}
	}
	now := s.b.Now()
	start, end, err := w.Range(now)
	if err != nil {
		return nil, nil, invalidInput("The metric widget is invalid: " + err.Error())
	}
	if !start.Before(end) {
		return nil, nil, invalidInput("The metric widget is invalid: start must be before end.")
	}
	// [derived] Without liveData the widget leaves out the minute in progress, whose data AWS has
	// not finished aggregating ([UG] "Use live data"); with it, the range ends where it says.
	if cut := now.Truncate(time.Minute); !w.LiveData && end.After(cut) {
		end = cut
		if !start.Before(end) {
			return nil, nil, invalidInput("The metric widget is invalid: the range ends in the current minute; set liveData to draw it.")
		}
	}
	qs := w.Queries()
	if p := w.rangePeriod(start, end, now); p != 0 { // every query, over the whole range
		for i := range qs {
			if qs[i].MetricStat != nil {
				qs[i].MetricStat.Period = p
			} else {
				qs[i].Period = p
			}
		}
	}
	out, err := s.getMetricDataLocked(&GetMetricDataInput{MetricDataQueries: qs, StartTime: start, EndTime: end, ScanBy: "TimestampAscending"})
	if err != nil {
		return nil, nil, err
	}
	// [derived] A widget is drawn from one GetMetricData page: a widget whose data does not fit in
	// it is refused rather than drawn with series missing or cut short.
	partial := out.NextToken != ""
	for _, r := range out.MetricDataResults {
		partial = partial || r.StatusCode == StatusPartialData
	}
	if partial {
		return nil, nil, invalidInput("The metric widget is invalid: it reads more datapoints than one GetMetricData call returns; " +
			"narrow its time range or raise its period.")
	}
	p := w.rangePeriod(start, end, now)
	data := &WidgetData{Start: start, End: end, Now: now}
	entry := make(map[string]int, len(qs))
	for i, q := range qs {
		entry[q.Id] = i
	}
	for _, r := range out.MetricDataResults {
		i := entry[r.Id]
		m := w.Metrics[i]
		period := w.Period
		if m.Period != 0 {
			period = m.Period
		}
		if p != 0 {
			period = p
		}
		data.Series = append(data.Series, WidgetSeries{Result: r, Entry: i, Color: m.Color, YAxis: m.YAxis, Period: period})
	}
	return w, data, nil
}

// rangePeriod is the period of setPeriodToTimeRange for the bar, pie and singleValue views (0
// otherwise): one bucket from the rounded start to the end, in whole units of the coarsest period
// the data's age allows (60 s, 300 s past 15 days, 3600 s past 63 days, [API] GetMetricData).
func (w *MetricWidget) rangePeriod(start, end, now time.Time) int32 {
	if !w.SetPeriodToTimeRange || w.View == ViewTimeSeries {
		return 0
	}
	unit := int64(60)
	switch age := now.Sub(start); {
	case age > FiveMinRetention:
		unit = 3600
	case age > MinuteRetention:
		unit = 300
	}
	span := end.Unix() - RoundStart(start, now, unit).Unix()
	p := (span + unit - 1) / unit * unit
	if p > math.MaxInt32 {
		p = math.MaxInt32 / unit * unit
	}
	return int32(max(p, unit))
}
