package emf

import (
	"strconv"
	"strings"

	"github.com/watchsim/watchsim/internal/jsonscan"
)

// awsKey is the root member that makes a JSON log event an EMF document.
const awsKey = "_aws"

// member is a member of the root object: its name and its value.
type member struct {
	name string
	v    span
}

// root is the root object's members, in document order.
type root struct{ list []member }

// lookup returns the value of the root member called name. When the document repeats the name,
// the last one counts ([derived], as encoding/json and most JSON readers do).
func (r *root) lookup(name string) (span, bool) {
	for i := len(r.list) - 1; i >= 0; i-- {
		if r.list[i].name == name {
			return r.list[i].v, true
		}
	}
	return span{}, false
}

// identify is the shared first step of [Decode] and [IsEMF]. It returns emf false when the
// message is not EMF (a plain log line or ordinary JSON), a parsing error when it is identified
// as EMF but is not one valid JSON object, and otherwise the validated object's start.
//
// A message is identified as EMF when, after JSON whitespace, it starts with '{' and holds the
// text "_aws" in quotes anywhere; the fast reject (no allocation, one substring search) decides
// almost every plain line. [derived] CloudWatch no longer needs the x-amzn-logs-format header to
// find EMF ("Any EMF logs that can reach CloudWatch Logs will now be parsed", 2023) and does not
// say how it recognises one; watchsim counts a message that looks like one and is not valid JSON
// (a truncated document, say) as a parsing error, and a valid JSON object whose root has no
// "_aws" member as no EMF at all.
func identify(s string) (start int, emf bool, err error) {
	i := jsonscan.SkipSpace(s, 0)
	if i >= len(s) || s[i] != '{' || !mentionsAWS(s[i:]) {
		return 0, false, nil
	}
	end, f := jsonscan.Validate(s, i, 0, MaxDepth)
	if f != jsonscan.NoFault {
		return 0, true, parseError("the message is not valid JSON: " + f.String() + " at offset " + strconv.Itoa(end))
	}
	// "The LogEvent message MUST be a valid JSON object with no additional data at the beginning
	// or end of the LogEvent message string" (Root node).
	if j := jsonscan.SkipSpace(s, end); j != len(s) {
		return 0, true, parseError("the message has data after the JSON object at offset " + strconv.Itoa(j))
	}
	return i, true, nil
}

// mentionsAWS reports whether s holds the text "_aws" in quotes. It searches for `_aws"` (its
// first byte is rare in log lines, where '"' is everywhere, so the vectorised byte search skips
// far) and then looks at the byte before.
func mentionsAWS(s string) bool {
	for {
		k := strings.Index(s, awsKey+`"`)
		if k < 0 {
			return false
		}
		if k > 0 && s[k-1] == '"' {
			return true
		}
		s = s[k+1:]
	}
}

// IsEMF reports whether CloudWatch Logs treats message as an embedded metric format document:
// exactly when [Decode] returns something other than (nil, nil) or a document that declares no
// metric. Plain text and ordinary JSON lines without "_aws" are answered without allocating.
func IsEMF(message string) bool {
	start, emf, err := identify(message)
	if !emf || err != nil {
		return emf
	}
	return hasAWS(message, start)
}

// hasAWS reports whether the valid object at s[start] has a member "_aws" (written without
// escapes: a name with escapes cannot be "_aws" here, and is not unescaped).
func hasAWS(s string, start int) bool {
	it := members(s, start)
	for {
		if s[it.i] == '}' {
			return false
		}
		if end := jsonscan.ShortString(s, it.i); end == it.i+len(awsKey)+2 && s[it.i+1:end-1] == awsKey {
			return true
		}
		it.skip()
	}
}

// Decode extracts the metrics of one CloudWatch Logs event message, as CloudWatch does at ingest
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html).
//
// It returns (nil, nil) when the message is not EMF: not a JSON object, or one without a root
// "_aws" member. Such an event is an ordinary log event and counts towards no EMF metric.
//
// Otherwise it returns the datums CloudWatch publishes, in document order (directive by
// directive; within one, metric definition by metric definition; within one, dimension set by
// dimension set), and an *[Error] when CloudWatch counts one:
//
//   - A parsing error (not valid JSON, or a member of _aws of the wrong JSON type) publishes
//     nothing: Decode returns nil datums.
//   - A validation error drops the part of the document the problem belongs to, and the rest is
//     published: "Certain validation errors can lead to multiple metrics within an EMF log not
//     being published. For example, all metrics set with an invalid namespace will be dropped"
//     (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CloudWatch-Logs-Monitoring-CloudWatch-Metrics.html).
//     A problem with Timestamp or CloudWatchMetrics drops the whole document; one with a
//     directive's Namespace or Metrics array drops that directive; one with a metric definition
//     or its target drops that metric; one with a dimension set drops that set (a metric whose
//     sets are all dropped is published without dimensions). So Decode may return datums and an
//     error together.
//
// Decode holds no state and is safe for concurrent use.
func Decode(message string) ([]Datum, error) {
	start, emf, err := identify(message)
	if !emf || err != nil {
		return nil, err
	}
	if !hasAWS(message, start) {
		return nil, nil
	}
	r := root{list: make([]member, 0, 16)}
	it := members(message, start)
	for {
		name, v, ok := it.next()
		if !ok {
			break
		}
		r.list = append(r.list, member{name, v})
	}
	aws, ok := r.lookup(awsKey)
	if !ok {
		return nil, nil
	}
	doc, err := parseMetadata(message, aws)
	if err != nil {
		return nil, err
	}
	return doc.extract(message, &r)
}
