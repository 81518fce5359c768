package metrics

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/javafmt"
)

// Limits of PutMetricData ([API] PutMetricData; [UG:cloudwatch_limits]).
const (
	MaxMetricDatums   = 1000 // MetricDatum per request
	MaxValuesPerDatum = 150  // Values per datum
	MaxDimensions     = 30   // Dimensions per metric
	MaxNameLength     = 255  // Namespace, MetricName, dimension name
	MaxDimValueLength = 1024 // dimension value
)

// Value range: current docs allow −2^360 … 2^360 and refuse NaN/±Inf; the pre-2019 docs required
// magnitudes in 2^-359 … 2^359 ([API] PutMetricData, MetricDatum Value; zero always allowed).
const (
	maxMagnitude       = 0x1p360
	legacyMaxMagnitude = 0x1p359
	legacyMinMagnitude = 0x1p-359
)

// problems collects the per-member error sentences of one request. AWS reports every bad member,
// one sentence per member joined by newlines ([field] cloud-custodian#2559, awslabs/amazon-kinesis-producer#188);
// the code is that of the first problem.
type problems struct {
	code string
	msgs []string
}

func (p *problems) add(code, msg string) {
	if p.code == "" {
		p.code = code
	}
	p.msgs = append(p.msgs, msg)
}

func (p *problems) err() error {
	if len(p.msgs) == 0 {
		return nil
	}
	return bus.ClientError(p.code, strings.Join(p.msgs, "\n"))
}

func asciiPrintable(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// validateNamespace checks the Namespace rules ([API] PutMetricData; [UG:cloudwatch_concepts]). allowAWS permits the reserved "AWS/"
// prefix (data from simulated AWS services).
func validateNamespace(ns string, allowAWS bool) error {
	switch {
	case ns == "":
		return bus.ClientError("MissingParameter", "The parameter Namespace is required.")
	case len(ns) > MaxNameLength:
		return bus.ClientError("InvalidParameterValue", "The parameter Namespace must be shorter than 256 characters.")
	case ns[0] == ':' || !asciiPrintable(ns) || strings.TrimSpace(ns) == "":
		return bus.ClientErrorf("InvalidParameterValue", "The value %s for parameter Namespace is invalid.", printable(ns))
	case !allowAWS && strings.HasPrefix(ns, "AWS/"):
		// Whether AWS refuses this is [unverified] ([API] PutMetricData only says not to use it);
		// refused by default, see WithAWSNamespaces.
		return bus.ClientError("InvalidParameterValue", "The value AWS/ for parameter Namespace is invalid because it is reserved for use by AWS.")
	}
	return nil
}

// validateDimensions checks one Dimensions list; prefix is the parameter path of the list
// ("MetricData.member.1.Dimensions").
func validateDimensions(p *problems, prefix string, dims []Dimension) {
	if len(dims) > MaxDimensions {
		p.add("InvalidParameterValue", "The collection "+prefix+" must not have a size greater than 30.")
		return
	}
	for j, d := range dims {
		mp := prefix + ".member." + strconv.Itoa(j+1)
		switch {
		case d.Name == "":
			p.add("MissingParameter", "The parameter "+mp+".Name is required.")
		case len(d.Name) > MaxNameLength || d.Name[0] == ':' || !asciiPrintable(d.Name) || strings.TrimSpace(d.Name) == "":
			p.add("InvalidParameterValue", "The value "+printable(d.Name)+" for parameter "+mp+".Name is invalid.")
		}
		switch {
		case d.Value == "":
			p.add("MissingParameter", "The parameter "+mp+".Value is required.")
		case len(d.Value) > MaxDimValueLength || !asciiPrintable(d.Value) || strings.TrimSpace(d.Value) == "":
			p.add("InvalidParameterValue", "The value "+printable(d.Value)+" for parameter "+mp+".Value is invalid.")
		}
	}
}

// badValue reports whether v is outside the accepted range.
func (s *Service) badValue(v float64) bool {
	a := math.Abs(v)
	if !(a <= maxMagnitude) { // NaN, ±Inf, too large
		return true
	}
	return s.cfg.legacyRange && v != 0 && (a > legacyMaxMagnitude || a < legacyMinMagnitude)
}

// checkValue reports a value outside the accepted range.
func (s *Service) checkValue(p *problems, param string, v float64) {
	if s.badValue(v) {
		p.add("InvalidParameterValue", "The value "+javafmt.Double(v)+" for parameter "+param+" is invalid.")
	}
}

// validateDatums checks every datum of a PutMetricData request (or a bus.MetricDataIn batch)
// against the rules of [API] PutMetricData and MetricDatum and reports every bad member.
func (s *Service) validateDatums(data []MetricDatum, now time.Time) error {
	var p problems
	if len(data) > MaxMetricDatums {
		p.add("InvalidParameterValue", "The collection MetricData must not have a size greater than 1000.")
		return p.err()
	}
	oldest, newest := now.Add(-14*24*time.Hour), now.Add(2*time.Hour)
	for i := range data {
		d := &data[i]
		if s.datumLooksValid(d, oldest, newest) {
			continue
		}
		m := "MetricData.member." + strconv.Itoa(i+1)
		switch {
		case d.MetricName == "":
			p.add("MissingParameter", "The parameter "+m+".MetricName is required.")
		case len(d.MetricName) > MaxNameLength:
			p.add("InvalidParameterValue", "The parameter "+m+".MetricName must be shorter than 256 characters.")
		case !utf8.ValidString(d.MetricName):
			// [derived] MetricName is a UTF-8 string (PutMetricData API reference, MetricDatum); bytes
			// that are not UTF-8 cannot reach AWS, so they are refused with AWS's wording for a bad
			// value (printed with U+FFFD for the bad bytes).
			p.add("InvalidParameterValue", "The value "+printable(d.MetricName)+" for parameter "+m+".MetricName is invalid.")
		}
		validateDimensions(&p, m+".Dimensions", d.Dimensions)
		if len(d.Dimensions) <= MaxDimensions && duplicateDimension(d.Dimensions) {
			// [field] AWS's answer to a datum naming one dimension twice: InvalidParameterValue, one
			// sentence per datum (jdamick/dropwizard-metrics-cloudwatch#3).
			p.add("InvalidParameterValue", "No metric may specify the same dimension name twice.")
		}
		if d.Value != nil && len(d.Values) > 0 {
			p.add("InvalidParameterCombination", "The parameters "+m+".Value and "+m+".Values are mutually exclusive and you have specified both.")
		}
		if d.Value != nil && d.StatisticValues != nil {
			p.add("InvalidParameterCombination", "The parameters "+m+".Value and "+m+".StatisticValues are mutually exclusive and you have specified both.")
		}
		if d.Value == nil && len(d.Values) == 0 && d.StatisticValues == nil {
			// [field] AdRoll/goamz#301 wording (2014); the current wording is [unverified].
			p.add("InvalidParameterCombination", "At least one of the parameters "+m+".Value and "+m+".StatisticValues must be specified.")
		}
		if len(d.Counts) > 0 && len(d.Counts) != len(d.Values) {
			p.add("InvalidParameterValue", "The parameters "+m+".Values and "+m+".Counts must be of the same size.")
		}
		if len(d.Values) > MaxValuesPerDatum {
			p.add("InvalidParameterValue", "The collection "+m+".Values must not have a size greater than 150.")
		}
		if d.Value != nil {
			s.checkValue(&p, m+".Value", *d.Value)
		}
		for j, v := range d.Values {
			if s.badValue(v) {
				s.checkValue(&p, m+".Values.member."+strconv.Itoa(j+1), v)
			}
		}
		for j, c := range d.Counts {
			if !(c >= 0 && c <= maxMagnitude) {
				p.add("InvalidParameterValue", "The value "+javafmt.Double(c)+" for parameter "+m+".Counts.member."+strconv.Itoa(j+1)+" is invalid.")
			}
		}
		if sv := d.StatisticValues; sv != nil {
			s.checkValue(&p, m+".StatisticValues.SampleCount", sv.SampleCount)
			s.checkValue(&p, m+".StatisticValues.Sum", sv.Sum)
			s.checkValue(&p, m+".StatisticValues.Minimum", sv.Minimum)
			s.checkValue(&p, m+".StatisticValues.Maximum", sv.Maximum)
			if sv.SampleCount < 0 {
				p.add("InvalidParameterValue", "The value "+javafmt.Double(sv.SampleCount)+" for parameter "+m+".StatisticValues.SampleCount is invalid.")
			}
			switch {
			case s.badValue(sv.SampleCount) || s.badValue(sv.Sum) || s.badValue(sv.Minimum) || s.badValue(sv.Maximum) || sv.SampleCount < 0:
				// reported above; the relations are checked on valid members only
			case sv.Minimum > sv.Maximum:
				// [field] awslabs/amazon-kinesis-producer#188 (AWS's sentence, one per datum).
				p.add("InvalidParameterValue", "The parameter "+m+".StatisticValues.Maximum must be greater than "+m+".StatisticValues.Minimum.")
			case !sumInRange(sv):
				// [derived] n samples between Minimum and Maximum sum to between n·Minimum and
				// n·Maximum; AWS's wording for this case is unverified.
				p.add("InvalidParameterValue", "The parameter "+m+".StatisticValues.Sum must be between "+m+
					".StatisticValues.SampleCount * "+m+".StatisticValues.Minimum and "+m+".StatisticValues.SampleCount * "+m+".StatisticValues.Maximum.")
			}
		}
		if d.Unit != "" && !IsStandardUnit(d.Unit) {
			p.add("InvalidParameterValue", "The parameter "+m+".Unit must be a value in the set "+unitSetText()+".")
		}
		if r := d.StorageResolution; r != 0 && r != 1 && r != 60 {
			p.add("InvalidParameterValue", "The value "+strconv.Itoa(int(r))+" for parameter "+m+".StorageResolution is invalid.")
		}
		if !d.Timestamp.IsZero() {
			switch {
			case d.Timestamp.Before(oldest):
				p.add("InvalidParameterValue", "The parameter "+m+".Timestamp must specify a time within the past two weeks.")
			case d.Timestamp.After(newest):
				// wording [unverified]: [API] PutMetricData states the two-hour limit, not the message
				p.add("InvalidParameterValue", "The parameter "+m+".Timestamp must specify a time no more than two hours in the future.")
			}
		}
	}
	return p.err()
}

// datumLooksValid is the allocation-free fast path of validateDatums for the common valid datum;
// anything unusual falls through to the full check, which reports the problems.
func (s *Service) datumLooksValid(d *MetricDatum, oldest, newest time.Time) bool {
	if d.MetricName == "" || len(d.MetricName) > MaxNameLength || len(d.Dimensions) > MaxDimensions ||
		!utf8.ValidString(d.MetricName) || duplicateDimension(d.Dimensions) {
		return false
	}
	for _, dm := range d.Dimensions {
		if dm.Name == "" || len(dm.Name) > MaxNameLength || dm.Name[0] == ':' || !asciiPrintable(dm.Name) || blank(dm.Name) ||
			dm.Value == "" || len(dm.Value) > MaxDimValueLength || !asciiPrintable(dm.Value) || blank(dm.Value) {
			return false
		}
	}
	switch {
	case d.Value != nil:
		if len(d.Values) > 0 || d.StatisticValues != nil || s.badValue(*d.Value) {
			return false
		}
	case len(d.Values) > 0:
		if len(d.Values) > MaxValuesPerDatum || (len(d.Counts) > 0 && len(d.Counts) != len(d.Values)) {
			return false
		}
		for _, v := range d.Values {
			if s.badValue(v) {
				return false
			}
		}
		for _, c := range d.Counts {
			if !(c >= 0 && c <= maxMagnitude) {
				return false
			}
		}
		if sv := d.StatisticValues; sv != nil && !s.setLooksValid(sv) {
			return false
		}
	case d.StatisticValues != nil:
		if !s.setLooksValid(d.StatisticValues) {
			return false
		}
	default:
		return false
	}
	if d.Unit != "" && !IsStandardUnit(d.Unit) {
		return false
	}
	if r := d.StorageResolution; r != 0 && r != 1 && r != 60 {
		return false
	}
	if !d.Timestamp.IsZero() && (d.Timestamp.Before(oldest) || d.Timestamp.After(newest)) {
		return false
	}
	return true
}

// blank reports whether s has no non-whitespace character.
func blank(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\r', '\v', '\f':
		default:
			return false
		}
	}
	return true
}

// setLooksValid reports whether a statistic set passes every check of validateDatums.
func (s *Service) setLooksValid(sv *StatisticSet) bool {
	return !s.badValue(sv.SampleCount) && !s.badValue(sv.Sum) && !s.badValue(sv.Minimum) && !s.badValue(sv.Maximum) &&
		sv.SampleCount >= 0 && sv.Minimum <= sv.Maximum && sumInRange(sv)
}

// sumInRange reports whether Sum lies in [SampleCount·Minimum, SampleCount·Maximum], with a relative
// tolerance of 1e-9 for the rounding of a client that summed the samples in floating point.
func sumInRange(sv *StatisticSet) bool {
	lo, hi := sv.SampleCount*sv.Minimum, sv.SampleCount*sv.Maximum
	tol := 1e-9 * max(math.Abs(lo), math.Abs(hi), math.Abs(sv.Sum))
	return sv.Sum >= lo-tol && sv.Sum <= hi+tol
}

// duplicateDimension reports whether two dimensions of one datum have the same name.
func duplicateDimension(dims []Dimension) bool {
	for i := 1; i < len(dims); i++ {
		for j := 0; j < i; j++ {
			if dims[i].Name == dims[j].Name {
				return true
			}
		}
	}
	return false
}

// printable returns s for an error message: bytes that are not UTF-8 become U+FFFD (AWS receives
// text, so it never echoes such bytes).
func printable(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}
