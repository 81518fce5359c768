package emf

import "time"

// Dimension is one name/value pair of a [Datum]: a key of a DimensionSet and the string value of
// the root member it names.
type Dimension struct {
	Name  string
	Value string
}

// Datum is one metric datapoint that CloudWatch extracts from an EMF log event: one metric
// definition of one MetricDirective, under one of the directive's dimension sets (a directive
// with two dimension sets gives two datums per metric; "Every DimensionSet used creates a new
// metric in CloudWatch",
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html).
//
// Values holds the metric's samples in document order: one for a numeric target, one per element
// for an array target (at most [MaxValuesPerMetric]). Each value is one sample with count 1, as
// in a PutMetricData MetricDatum whose Values array has no Counts; duplicates are kept, not
// folded into counts. The service publishes a datum as one MetricDatum with these Values.
//
// The datums of one directive share their Dimensions and Values slices (one slice per dimension
// set, one per metric); treat them as read-only. Strings are usually substrings of the message.
type Datum struct {
	Namespace  string
	MetricName string
	// Dimensions are the pairs of one dimension set, in the set's order; empty for a metric
	// published without dimensions.
	Dimensions []Dimension
	Values     []float64
	// Unit is a StandardUnit name; [DefaultUnit] when the definition gives none.
	Unit string
	// StorageResolution is 1 (high resolution) or 60 ([DefaultStorageResolution]).
	StorageResolution int32
	// Timestamp is _aws.Timestamp (milliseconds since the epoch) in UTC.
	Timestamp time.Time
}
