package emf

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Limits of an EMF document. Where the EMF specification and the MetricDatum rules of
// PutMetricData differ, the smaller applies: EMFValidationErrors counts documents that "do not
// adhere to the embedded metric format and MetricDatum specifications"
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CloudWatch-Logs-Monitoring-CloudWatch-Metrics.html).
const (
	// MaxMetricsPerDirective: "This array MUST NOT contain more than 100 MetricDefinition
	// objects" (MetricDirective, Metrics).
	MaxMetricsPerDirective = 100
	// MaxDimensionsPerSet: "A DimensionSet MUST NOT contain more than 30 dimension keys."
	MaxDimensionsPerSet = 30
	// MaxValuesPerMetric: "Numeric array metric targets MUST NOT have more than 100 members."
	MaxValuesPerMetric = 100
	// MaxNamespaceLength: MetricDatum/PutMetricData's 255 (the EMF JSON schema allows 1024).
	MaxNamespaceLength = 255
	// MaxMetricNameLength: MetricDatum's 255 (the EMF JSON schema allows 1024).
	MaxMetricNameLength = 255
	// MaxDimensionKeyLength: the EMF JSON schema's DimensionReference maxLength (Dimension names
	// may have 255).
	MaxDimensionKeyLength = 250
	// MaxDimensionValueLength: "This value MUST NOT contain more than 1024 characters."
	MaxDimensionValueLength = 1024
	// MaxDepth is the nesting a document may have; deeper ones are parsing errors ([derived]: the
	// CloudWatch Logs JSON limit watchsim uses for filter patterns).
	MaxDepth = 10000
)

// Defaults of a MetricDefinition: "If a value is not provided, then a default value of NONE is
// assumed" (Unit; stored as MetricDatum's "None") and "a default value of 60 is assumed"
// (StorageResolution).
const (
	DefaultUnit                    = "None"
	DefaultStorageResolution int32 = 60
)

// maxMagnitude bounds metric values: MetricDatum accepts −2^360 … 2^360 and no NaN or ±Inf
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDatum.html).
const maxMagnitude = 0x1p360

// IsStandardUnit reports whether u is one of the 27 CloudWatch StandardUnit names that a
// MetricDefinition's Unit may hold (case-sensitive; the EMF JSON schema's MetricUnit pattern and
// MetricDatum's Unit enum list the same 27).
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

func asciiPrintable(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// namespaceProblem returns why ns is not a valid CloudWatch namespace, or "". Rules: 1–255
// ASCII printable characters, at least one not a space, not starting with ':' (PutMetricData's
// pattern [^:].*), and not the reserved "AWS/" prefix ([derived]: refused, as watchsim's
// PutMetricData does by default).
func namespaceProblem(ns string) string {
	switch {
	case ns == "":
		return "Namespace is empty"
	case len(ns) > MaxNamespaceLength:
		return "Namespace is longer than " + strconv.Itoa(MaxNamespaceLength) + " characters"
	case ns[0] == ':':
		return "Namespace " + strconv.Quote(ns) + " starts with ':'"
	case !asciiPrintable(ns):
		return "Namespace " + strconv.Quote(ns) + " has a character that is not printable ASCII"
	case strings.TrimSpace(ns) == "":
		return "Namespace is only whitespace"
	case strings.HasPrefix(ns, "AWS/"):
		return "Namespace " + strconv.Quote(ns) + " uses the prefix AWS/, which is reserved for AWS"
	}
	return ""
}

// metricNameProblem returns why name is not a valid metric name, or "".
func metricNameProblem(name string) string {
	switch {
	case name == "":
		return "Name is empty"
	case len(name) > MaxMetricNameLength:
		return "Name is longer than " + strconv.Itoa(MaxMetricNameLength) + " characters"
	case !utf8.ValidString(name):
		return "Name " + strconv.Quote(name) + " is not valid UTF-8"
	}
	return ""
}

// dimensionKeyProblem returns why key cannot name a dimension, or "" (the EMF schema's 1–250
// characters and the Dimension name rules: ASCII, no control characters, one non-whitespace
// character, no leading ':').
func dimensionKeyProblem(key string) string {
	switch {
	case key == "":
		return "dimension key is empty"
	case len(key) > MaxDimensionKeyLength:
		return "dimension key is longer than " + strconv.Itoa(MaxDimensionKeyLength) + " characters"
	case key[0] == ':':
		return "dimension key " + strconv.Quote(key) + " starts with ':'"
	case !asciiPrintable(key):
		return "dimension key " + strconv.Quote(key) + " has a character that is not printable ASCII"
	case strings.TrimSpace(key) == "":
		return "dimension key is only whitespace"
	}
	return ""
}

// dimensionValueProblem returns why v cannot be a dimension value, or "" (1–1024 characters, and
// the Dimension value rules: ASCII, no control characters, one non-whitespace character).
func dimensionValueProblem(key, v string) string {
	switch {
	case v == "":
		return "dimension " + strconv.Quote(key) + " has an empty value"
	case len(v) > MaxDimensionValueLength:
		return "dimension " + strconv.Quote(key) + " has a value longer than " + strconv.Itoa(MaxDimensionValueLength) + " characters"
	case !asciiPrintable(v):
		return "dimension " + strconv.Quote(key) + " has a value with a character that is not printable ASCII"
	case strings.TrimSpace(v) == "":
		return "dimension " + strconv.Quote(key) + " has a value that is only whitespace"
	}
	return ""
}

// validValue reports whether v is a value CloudWatch stores.
func validValue(v float64) bool { return math.Abs(v) <= maxMagnitude }
