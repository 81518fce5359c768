package filterpattern

import (
	"sort"
	"strconv"
	"strings"

	"github.com/watchsim/watchsim/internal/awserr"
)

// MetricTransformation is the metricTransformations element of PutMetricFilter: which metric a
// metric filter publishes, and the value and dimensions it publishes for each log event
// (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_MetricTransformation.html).
type MetricTransformation struct {
	// MetricName is the CloudWatch metric name.
	MetricName string
	// MetricNamespace is the CloudWatch namespace.
	MetricNamespace string
	// MetricValue is published for each matching event: a number ("1", "2.5"), a JSON field
	// ("$.latency") or a space-delimited field ("$size", "$7").
	MetricValue string
	// DefaultValue, when set, is published for each ingested event that does not match.
	DefaultValue *float64
	// Dimensions maps dimension names to field references ("$.eventType", "$server"). At most 3;
	// only JSON and space-delimited patterns; not together with DefaultValue.
	Dimensions map[string]string
	// Unit is the CloudWatch StandardUnit; "" means None.
	Unit string
}

// MetricObservation is what one log event contributes to a metric filter's metric.
type MetricObservation struct {
	// Value is the published value.
	Value float64
	// Dimensions are the resolved dimensions (nil when the transformation has none, and for
	// default values).
	Dimensions map[string]string
	// Matched is true when the event matched the pattern, false when Value is the DefaultValue.
	Matched bool
}

// MetricFilterEvaluator applies one metric filter (pattern + transformation) to log events.
// Create it with [NewMetricFilterEvaluator] or [CompileMetricFilter]; it is immutable and safe
// for concurrent use.
type MetricFilterEvaluator struct {
	pattern  *Pattern
	t        MetricTransformation
	literal  bool
	constant float64
}

// CompileMetricFilter compiles filterPattern and validates t against it, as PutMetricFilter does.
func CompileMetricFilter(filterPattern string, t MetricTransformation) (*MetricFilterEvaluator, error) {
	p, err := Compile(filterPattern)
	if err != nil {
		return nil, err
	}
	return NewMetricFilterEvaluator(p, t)
}

// NewMetricFilterEvaluator validates t against the compiled pattern p (see
// [ValidateMetricTransformation]) and returns the evaluator.
func NewMetricFilterEvaluator(p *Pattern, t MetricTransformation) (*MetricFilterEvaluator, error) {
	if err := ValidateMetricTransformation(p, t); err != nil {
		return nil, err
	}
	e := &MetricFilterEvaluator{pattern: p, t: t}
	if isDecimalNumber(t.MetricValue) {
		e.literal = true
		e.constant, _ = strconv.ParseFloat(t.MetricValue, 64)
	}
	return e, nil
}

// Pattern returns the compiled filter pattern.
func (e *MetricFilterEvaluator) Pattern() *Pattern { return e.pattern }

// Transformation returns the metric transformation.
func (e *MetricFilterEvaluator) Transformation() MetricTransformation { return e.t }

// Evaluate returns the observation one ingested log event produces, and false when it produces
// none. The emission model ("Creating metrics from log events using filters" in the CloudWatch
// Logs User Guide and the MetricTransformation reference of the CloudWatch Logs API): a matching
// event publishes MetricValue with the resolved dimensions; a non-matching event publishes DefaultValue when one is set, without
// dimensions; otherwise nothing. When MetricValue or a dimension refers to a field that is
// missing or (for the value) not numeric, the event publishes nothing [derived; AWS does not
// document it].
func (e *MetricFilterEvaluator) Evaluate(message string) (MetricObservation, bool) {
	if e.literal && len(e.t.Dimensions) == 0 {
		if e.pattern.Matches(message) {
			return MetricObservation{Value: e.constant, Matched: true}, true
		}
		return e.defaultObservation()
	}
	m, ok := e.pattern.Match(message)
	if !ok {
		return e.defaultObservation()
	}
	obs := MetricObservation{Value: e.constant, Matched: true}
	if !e.literal {
		v, ok := ResolveMetricValue(m, e.t.MetricValue)
		if !ok {
			return MetricObservation{}, false
		}
		obs.Value = v
	}
	if len(e.t.Dimensions) > 0 {
		dims, ok := ResolveDimensions(m, e.t.Dimensions)
		if !ok {
			return MetricObservation{}, false
		}
		obs.Dimensions = dims
	}
	return obs, true
}

func (e *MetricFilterEvaluator) defaultObservation() (MetricObservation, bool) {
	if e.t.DefaultValue == nil {
		return MetricObservation{}, false
	}
	return MetricObservation{Value: *e.t.DefaultValue}, true
}

// ResolveMetricValue returns the numeric value metricValue denotes for a matched event: the
// number itself for a numeric literal, or the referenced field parsed as a decimal number
// (a JSON number, or a JSON string or delimited field holding a decimal number [derived]).
func ResolveMetricValue(m *Match, metricValue string) (float64, bool) {
	s := metricValue
	if !isDecimalNumber(s) {
		var ok bool
		if s, ok = m.Field(metricValue); !ok {
			return 0, false
		}
		s = strings.TrimSpace(s)
		if !isDecimalNumber(s) {
			return 0, false
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}

// ResolveDimensions resolves every dimension's field reference for a matched event. It returns
// false when any referenced field is missing [derived].
func ResolveDimensions(m *Match, dims map[string]string) (map[string]string, bool) {
	out := make(map[string]string, len(dims))
	for name, ref := range dims {
		v, ok := m.Field(ref)
		if !ok {
			return nil, false
		}
		out[name] = v
	}
	return out, true
}

// ValidateMetricTransformation checks a metric transformation against its filter pattern as
// PutMetricFilter does. Recorded AWS messages:
//
//   - dimensions with an unstructured or empty pattern: "The specified filter pattern does not
//     support dimensions";
//   - dimensions together with a default value: "Invalid metric transformation: dimensions and
//     default value are mutually exclusive properties".
//
// Also rejected, with messages AWS has not been recorded giving ([derived]): more than 3
// dimensions; a metricValue that is not a number, "$.path", "$name" or "$N"; a field reference
// that does not fit the pattern kind ("$.path" needs a JSON pattern, "$name"/"$N" a
// space-delimited one, and "$name" must be one of its field names); a dimension value that is
// not such a field reference. Length limits of the API shapes (metricValue ≤ 100, dimension
// names and values ≤ 255) and the StandardUnit enumeration of unit are checked too (the order
// of the units in that message follows the API model; AWS's rendering is not recorded).
func ValidateMetricTransformation(p *Pattern, t MetricTransformation) error {
	if l := awsLength(t.MetricValue); l == 0 || l > 100 {
		rule := "Member must have length less than or equal to 100"
		if l == 0 {
			rule = "Member must have length greater than or equal to 1"
		}
		return awserr.Validation(InvalidParameterException, t.MetricValue, "metricTransformations.1.member.metricValue", rule)
	}
	if t.Unit != "" && !isStandardUnit(t.Unit) {
		return awserr.Validation(InvalidParameterException, t.Unit, "metricTransformations.1.member.unit",
			"Member must satisfy enum value set: ["+standardUnits+"]")
	}
	if len(t.Dimensions) > 0 {
		if !p.SupportsDimensions() {
			return invalidParameter("The specified filter pattern does not support dimensions")
		}
		if t.DefaultValue != nil {
			return invalidParameter("Invalid metric transformation: dimensions and default value are mutually exclusive properties")
		}
		if len(t.Dimensions) > 3 {
			return awserr.Validation(InvalidParameterException, renderMap(t.Dimensions), "metricTransformations.1.member.dimensions",
				"Member must have length less than or equal to 3")
		}
		for _, name := range sortedKeys(t.Dimensions) {
			ref := t.Dimensions[name]
			if awsLength(name) < 1 || awsLength(name) > 255 || awsLength(ref) < 1 || awsLength(ref) > 255 {
				return invalidParameter("Invalid metric transformation: dimension '" + name + "' must have a name and value of 1 to 255 characters")
			}
			if !fieldRefFits(p, ref) {
				return invalidParameter("Invalid metric transformation: dimension '" + name + "' value '" + ref +
					"' is not a field of the filter pattern")
			}
		}
	}
	if isDecimalNumber(t.MetricValue) {
		return nil
	}
	if !fieldRefFits(p, t.MetricValue) {
		return invalidParameter("Invalid metric transformation: metricValue '" + t.MetricValue +
			"' must be a number or a field of the filter pattern")
	}
	return nil
}

// fieldRefFits reports whether ref is a field reference usable with pattern p.
func fieldRefFits(p *Pattern, ref string) bool {
	if len(ref) < 2 || ref[0] != '$' {
		return false
	}
	switch p.kind {
	case PatternJSON:
		_, ok := parseFieldRef(ref)
		return ok
	case PatternDelimited:
		name := ref[1:]
		if name[0] >= '1' && name[0] <= '9' {
			for i := 0; i < len(name); i++ {
				if name[i] < '0' || name[i] > '9' {
					return false
				}
			}
			return true
		}
		for _, n := range p.FieldNames() {
			if n == name {
				return true
			}
		}
	}
	return false
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// renderMap renders a map the way AWS's validation messages print it ({k=v, k2=v2}), sorted.
func renderMap(m map[string]string) string {
	var b strings.Builder
	b.WriteByte('{')
	for i, k := range sortedKeys(m) {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(k + "=" + m[k])
	}
	b.WriteByte('}')
	return b.String()
}

// standardUnits is the StandardUnit enumeration of the CloudWatch Logs API model, in model order.
const standardUnits = "Seconds, Microseconds, Milliseconds, Bytes, Kilobytes, Megabytes, Gigabytes, Terabytes, " +
	"Bits, Kilobits, Megabits, Gigabits, Terabits, Percent, Count, Bytes/Second, Kilobytes/Second, " +
	"Megabytes/Second, Gigabytes/Second, Terabytes/Second, Bits/Second, Kilobits/Second, Megabits/Second, " +
	"Gigabits/Second, Terabits/Second, Count/Second, None"

func isStandardUnit(u string) bool {
	for _, s := range strings.Split(standardUnits, ", ") {
		if s == u {
			return true
		}
	}
	return false
}
