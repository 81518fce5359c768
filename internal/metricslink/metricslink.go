package metricslink

import "time"

// Link carries a service's engine. The zero Link carries none.
type Link struct{ engine any }

// linked is promoted to every type that embeds a Link.
func (l *Link) linked() any { return l.engine }

// linker is implemented by every type that embeds a Link.
type linker interface{ linked() any }

// Bind stores engine in l.
func Bind(l *Link, engine any) { l.engine = engine }

// Engine returns the engine bound to the Link that v embeds, or nil when v embeds none.
func Engine(v any) any {
	if l, ok := v.(linker); ok {
		return l.linked()
	}
	return nil
}

// BucketValue is one period read by a [StatReader]: the statistic's Value and the SampleCount
// behind it. OK is false when the period has no data or the statistic is not available for its
// data (the datapoint a GetMetricData query would leave out); Value and SampleCount are then 0.
type BucketValue struct {
	Value, SampleCount float64
	OK                 bool
}

// StatReader is a compiled read of one MetricStat: the validation and the metric lookup are done
// once, and each read aggregates straight from the store. It is used under the bus state lock and
// is not safe for concurrent use.
type StatReader interface {
	// Buckets computes the statistic over n consecutive periods, period i covering
	// [start+i·P, start+(i+1)·P), into dst[:0] (grown as needed) and returns it. It does not
	// allocate once dst has room, and returns exactly what the query engine returns for the same
	// MetricStat over [start, start+n·P).
	Buckets(start time.Time, n int, dst []BucketValue) []BucketValue
}
