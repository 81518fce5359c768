// Package usage is the per-minute activity meter behind the metrics a simulated service publishes
// about itself (AWS/Logs, AWS/Events, …): counts are added to the minute in which the activity
// happens, and each minute that had activity is published on bus.MetricDataIn once it ends. A
// minute without activity costs nothing — no timer runs for an idle service, so advancing the clock
// over idle time stays O(1).
//
// # Index
//
//   - The meter: [Minutes] ([Minutes.Add], [Minutes.Take], [Minutes.Stop]).
//   - Publishing: [Publish] splits datums into the 1,000-datum batches bus.MetricDataIn accepts.
package usage
