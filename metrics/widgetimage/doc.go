// Package widgetimage draws CloudWatch metric widgets and alarm pictures with gonum/plot, as SVG
// and PNG. It is a separate package so that programs which never draw do not link a plotting
// library: package metrics defines GetMetricWidgetImage and the MetricWidget JSON, and this
// package supplies the drawing.
//
// # Index
//
//   - GetMetricWidgetImage: [Renderer] implements metrics.WidgetRenderer; install it with
//     metrics.WithWidgetRenderer(widgetimage.Renderer{}) (or watchsim.WithMetricsOptions(…)).
//   - Widgets as SVG: [SVG] draws what metrics.Service.WidgetData read; [FromWidget] gives the [Chart].
//   - Pictures of anything: [Chart] ([Chart.SVG], [Chart.PNG]) with [Series], [HLine], [VLine],
//     [StateBand], [Marker] ([MissingData], [Action]), [Lane] and [Axis]. The alarm pictures of
//     package watchsimtest/pictures are Charts (a composite alarm's children are Lanes).
//
// # Drawing rules ([derived] where the CloudWatch console is the only reference)
//
//   - timeSeries: one line per series, broken where a datapoint is missing (a gap longer than 1.5
//     periods), a dot for an isolated datapoint; stacked: cumulative areas (a series without a
//     datapoint at a time adds 0 there). bar and pie: the latest datapoint of each series
//     (setPeriodToTimeRange gives one datapoint for the whole range). singleValue: the latest value.
//   - Colours: the widget's, else the d3 category10 order. Right-axis series are scaled onto the
//     plot and get their own axis. Horizontal annotations count in the automatic y range.
//   - Lanes: one row per lane on a categorical y axis, its states as strips.
//   - Alarm states are shaded over the full height (ALARM red, OK green, INSUFFICIENT_DATA grey)
//     with a stronger strip along the top; missing datapoints are grey crosses on the time axis;
//     actions are purple diamonds along the top with their label.
//   - Output is deterministic: the same Chart gives byte-identical SVG and PNG (golden files in
//     testdata/).
package widgetimage
