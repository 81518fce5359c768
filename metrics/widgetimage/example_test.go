package widgetimage_test

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"time"

	"github.com/watchsim/watchsim"
	"github.com/watchsim/watchsim/metrics"
	"github.com/watchsim/watchsim/metrics/widgetimage"
)

// GetMetricWidgetImage draws once a renderer is installed: here an hour of latency with a
// threshold annotation, as the PNG AWS would return.
func Example() {
	sim, err := watchsim.New(watchsim.WithMetricsOptions(metrics.WithWidgetRenderer(widgetimage.Renderer{})))
	if err != nil {
		panic(err)
	}
	defer sim.Close()
	ctx := context.Background()
	for i := 0; i < 60; i++ {
		v := 40 + float64(i%20)*3
		if _, err := sim.Metrics.PutMetricData(ctx, &metrics.PutMetricDataInput{Namespace: "App",
			MetricData: []metrics.MetricDatum{{MetricName: "Latency", Value: &v}}}); err != nil {
			panic(err)
		}
		if err := sim.Advance(time.Minute); err != nil {
			panic(err)
		}
	}
	out, err := sim.Metrics.GetMetricWidgetImage(ctx, &metrics.GetMetricWidgetImageInput{MetricWidget: `{
		"metrics": [["App", "Latency", {"stat": "p90"}]], "period": 60, "start": "-PT1H",
		"width": 800, "height": 300, "title": "Latency p90",
		"annotations": {"horizontal": [{"value": 80, "label": "SLO", "fill": "above"}]}}`})
	if err != nil {
		panic(err)
	}
	img, err := png.Decode(bytes.NewReader(out.MetricWidgetImage))
	if err != nil {
		panic(err)
	}
	fmt.Println("PNG", img.Bounds().Dx(), "×", img.Bounds().Dy())
	// Output: PNG 800 × 300
}
