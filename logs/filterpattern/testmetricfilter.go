package filterpattern

import (
	"strings"

	"github.com/watchsim/watchsim/internal/awserr"
)

// MetricFilterMatchRecord is one element of TestMetricFilter's matches: a log event message that
// matched the pattern, its number and the values extracted from it
// (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_MetricFilterMatchRecord.html).
type MetricFilterMatchRecord struct {
	// EventNumber is the 1-based position of the message in the request. The current AWS CLI
	// example ("test-metric-filter", AWS CLI Command Reference) numbers matches from 1; the 2014
	// API examples counted from 0. [derived] watchsim follows the current example.
	EventNumber int64
	// EventMessage is the message.
	EventMessage string
	// ExtractedValues maps "$name" / "$N" to field values for space-delimited patterns; it is
	// empty for other patterns (see [Match.ExtractedValues]).
	ExtractedValues map[string]string
}

// Limits of TestMetricFilter's logEventMessages.
const (
	MinTestMetricFilterMessages = 1
	MaxTestMetricFilterMessages = 50
)

// TestMetricFilter is the TestMetricFilter operation: it tests a filter pattern on 1–50 log
// event messages and returns a record for each message that matches, in request order.
// Non-matching messages are absent. Errors are *bus.Error values with the code
// InvalidParameterException: the pattern errors of [Compile], and AWS's request validation
// messages for a message list that is empty, longer than 50, or holds an empty message.
// Patterns whose behaviour watchsim does not simulate return a *bus.NotSimulatedError.
func TestMetricFilter(filterPattern string, logEventMessages []string) ([]MetricFilterMatchRecord, error) {
	switch {
	case len(logEventMessages) < MinTestMetricFilterMessages:
		return nil, awserr.Validation(InvalidParameterException, "[]", "logEventMessages",
			"Member must have length greater than or equal to 1")
	case len(logEventMessages) > MaxTestMetricFilterMessages:
		return nil, awserr.Validation(InvalidParameterException, "["+strings.Join(logEventMessages, ", ")+"]", "logEventMessages",
			"Member must have length less than or equal to 50")
	}
	for _, msg := range logEventMessages {
		if msg == "" {
			return nil, awserr.Validation(InvalidParameterException, "["+strings.Join(logEventMessages, ", ")+"]", "logEventMessages",
				"Member must satisfy constraint: [Member must have length greater than or equal to 1]")
		}
	}
	p, err := Compile(filterPattern)
	if err != nil {
		return nil, err
	}
	var out []MetricFilterMatchRecord
	for i, msg := range logEventMessages {
		m, ok := p.Match(msg)
		if !ok {
			continue
		}
		out = append(out, MetricFilterMatchRecord{
			EventNumber:     int64(i + 1),
			EventMessage:    msg,
			ExtractedValues: m.ExtractedValues(),
		})
	}
	return out, nil
}
