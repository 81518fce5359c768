package emf

import "strings"

// ErrorKind says which of CloudWatch Logs' two EMF health metrics an [Error] counts towards.
type ErrorKind uint8

// The kinds of [Error]. They are the two AWS/Logs metrics of the CloudWatch Logs User Guide,
// "Monitoring with CloudWatch metrics"
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CloudWatch-Logs-Monitoring-CloudWatch-Metrics.html):
// EMFParsingErrors "happen when logs are identified as embedded metric format but do not follow
// the correct format"; EMFValidationErrors "occur when metric definitions within embedded metric
// format logs do not adhere to the embedded metric format and MetricDatum specifications".
const (
	// ParsingError: the message was identified as EMF but is not valid JSON, or a member of _aws
	// has the wrong JSON type. Nothing is published from the event.
	ParsingError ErrorKind = iota + 1
	// ValidationError: the document parsed, but some part breaks a rule of the specification or
	// of MetricDatum. The parts it affects are not published; the rest is (see [Decode]).
	ValidationError
)

// String returns the kind's name ("parsing" or "validation").
func (k ErrorKind) String() string {
	switch k {
	case ParsingError:
		return "parsing"
	case ValidationError:
		return "validation"
	}
	return "unknown"
}

// MetricName returns the AWS/Logs metric the kind counts towards: "EMFParsingErrors" or
// "EMFValidationErrors".
func (k ErrorKind) MetricName() string {
	switch k {
	case ParsingError:
		return "EMFParsingErrors"
	case ValidationError:
		return "EMFValidationErrors"
	}
	return ""
}

// Error is why CloudWatch extracts nothing, or not everything, from an EMF log event. The event
// itself is still stored as a log event; only metric extraction is affected.
//
// A parsing error has one reason. A validation error has one reason per problem, in document
// order; each problem drops the part of the document it belongs to (see [Decode]), and the service
// adds len(Reasons) to EMFValidationErrors ([derived]: AWS counts "validation errors", not events).
type Error struct {
	Kind    ErrorKind
	Reasons []string
}

// Error joins the reasons: "emf: validation error: reason; reason".
func (e *Error) Error() string {
	return "emf: " + e.Kind.String() + " error: " + strings.Join(e.Reasons, "; ")
}

// problems collects the reasons of one validation error.
type problems struct{ reasons []string }

func (p *problems) add(path, msg string) { p.reasons = append(p.reasons, path+": "+msg) }

func (p *problems) err() error {
	if len(p.reasons) == 0 {
		return nil
	}
	return &Error{Kind: ValidationError, Reasons: p.reasons}
}

func parseError(msg string) error { return &Error{Kind: ParsingError, Reasons: []string{msg}} }
