package metrics

import (
	"sort"
	"strings"

	"github.com/watchsim/watchsim/bus"
)

// Dimension is one name/value pair of a metric's identity (the AWS shape Dimension). It is the
// bus type, so datapoints from other services and alarm definitions use the same values.
type Dimension = bus.Dimension

// DimensionFilter is the AWS shape used by ListMetrics: a Name with an optional Value.
type DimensionFilter struct {
	Name  string  `json:"Name"`
	Value *string `json:"Value,omitempty"`
}

// Metric is the AWS shape Metric: the identity of a metric. Unit is not part of it ([UG:cloudwatch_concepts]).
type Metric struct {
	Namespace  string      `json:"Namespace,omitempty"`
	MetricName string      `json:"MetricName,omitempty"`
	Dimensions []Dimension `json:"Dimensions,omitempty"`
}

// SortedDimensions returns a copy of dims sorted by name then value, the order ListMetrics prints
// them in ([AWS-validated] test_multiple_dimensions_statistics).
func SortedDimensions(dims []Dimension) []Dimension {
	out := append([]Dimension(nil), dims...)
	sortDims(out)
	return out
}

func sortDims(d []Dimension) {
	if len(d) < 2 {
		return
	}
	if sort.SliceIsSorted(d, func(i, j int) bool { return dimLess(d[i], d[j]) }) {
		return
	}
	sort.Slice(d, func(i, j int) bool { return dimLess(d[i], d[j]) })
}

func dimLess(a, b Dimension) bool {
	if a.Name != b.Name {
		return a.Name < b.Name
	}
	return a.Value < b.Value
}

// metricKey returns the canonical identity key of a metric: namespace, name and the dimension set
// with order removed. Two metrics are the same metric exactly when their keys are equal.
func metricKey(namespace, name string, dims []Dimension) string {
	return string(appendKey(nil, namespace, name, dims))
}

// appendKey appends the identity key to buf without allocating when buf has room. Dimensions are
// visited in sorted order without modifying dims.
func appendKey(buf []byte, namespace, name string, dims []Dimension) []byte {
	buf = appendEsc(buf, namespace)
	buf = append(buf, 0)
	buf = appendEsc(buf, name)
	var idx [30]int8
	n := len(dims)
	if n > len(idx) {
		// Longer lists are refused by validation; sort a copy for the rare direct caller.
		s := SortedDimensions(dims)
		for _, d := range s {
			buf = append(buf, 0)
			buf = appendEsc(buf, d.Name)
			buf = append(buf, 1)
			buf = appendEsc(buf, d.Value)
		}
		return buf
	}
	for i := 0; i < n; i++ {
		idx[i] = int8(i)
	}
	// insertion sort of indices (n ≤ 30, usually already sorted)
	for i := 1; i < n; i++ {
		for j := i; j > 0 && dimLess(dims[idx[j]], dims[idx[j-1]]); j-- {
			idx[j], idx[j-1] = idx[j-1], idx[j]
		}
	}
	for i := 0; i < n; i++ {
		d := dims[idx[i]]
		buf = append(buf, 0)
		buf = appendEsc(buf, d.Name)
		buf = append(buf, 1)
		buf = appendEsc(buf, d.Value)
	}
	return buf
}

// appendEsc appends s, escaping the separator bytes 0, 1 and 2 so that keys are unambiguous.
// Validated names never contain control characters, so the escape path is only for direct callers.
func appendEsc(buf []byte, s string) []byte {
	if len(s) < 32 {
		// one pass over a short string (names and values usually are) beats three IndexByte calls
		clean := true
		for i := 0; i < len(s); i++ {
			if s[i] <= 2 {
				clean = false
				break
			}
		}
		if clean {
			return append(buf, s...)
		}
	} else if strings.IndexByte(s, 0) < 0 && strings.IndexByte(s, 1) < 0 && strings.IndexByte(s, 2) < 0 {
		return append(buf, s...)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= 2 {
			buf = append(buf, 2, c+'0')
			continue
		}
		buf = append(buf, c)
	}
	return buf
}

// dimsMatchFilters reports whether a metric's dimensions satisfy every ListMetrics filter: the
// metric must have each filtered name (and the value, when given); extra dimensions are allowed.
func dimsMatchFilters(dims []Dimension, filters []DimensionFilter) bool {
	for _, f := range filters {
		found := false
		for _, d := range dims {
			if d.Name == f.Name && (f.Value == nil || *f.Value == d.Value) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// unitList is the 27 values of the CloudWatch StandardUnit enum, comma-separated, in the order the
// AWS error message prints them (MetricDatum Unit, PutMetricData API reference:
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDatum.html).
// CloudWatch gives units no meaning and never converts between them.
const unitList = "Seconds, Microseconds, Milliseconds, Bytes, Kilobytes, Megabytes, Gigabytes, Terabytes, " +
	"Bits, Kilobits, Megabits, Gigabits, Terabits, Percent, Count, Bytes/Second, " +
	"Kilobytes/Second, Megabytes/Second, Gigabytes/Second, Terabytes/Second, Bits/Second, " +
	"Kilobits/Second, Megabits/Second, Gigabits/Second, Terabits/Second, Count/Second, None"

// UnitNone is the unit a datum without a Unit is stored with.
const UnitNone = "None"

// StandardUnits returns a fresh copy of the 27 StandardUnit values in AWS order.
func StandardUnits() []string { return strings.Split(unitList, ", ") }

// IsStandardUnit reports whether u is one of the 27 StandardUnit values (case-sensitive, as AWS).
func IsStandardUnit(u string) bool {
	switch u {
	case "Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes", "Gigabytes", "Terabytes",
		"Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent", "Count", "Bytes/Second",
		"Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second", "Bits/Second",
		"Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second", "None":
		return true
	}
	return false
}

// unitSetText is the "[ Seconds, …, None ]" list used in the Unit error message.
func unitSetText() string {
	return "[ " + unitList + " ]"
}
