package schedule

import (
	"strings"
	"time"

	"github.com/watchsim/watchsim/internal/awserr"
)

// kind tells a rate schedule from a cron schedule.
type kind uint8

const (
	kindRate kind = iota + 1
	kindCron
)

// Schedule is a parsed EventBridge schedule expression: rate(value unit) or cron(fields). It is
// immutable and safe for concurrent use; the zero Schedule is not valid (use [Parse]).
type Schedule struct {
	expr   string
	kind   kind
	period int64 // rate: seconds between firings
	cron   cronSpec
}

// Parse parses an EventBridge ScheduleExpression, "rate(5 minutes)" or "cron(0/5 * * * ? *)".
//
// An expression EventBridge refuses gives a *bus.Error with code [ValidationExceptionCode] and
// message [InvalidMessage] (AWS names no reason). An expression whose meaning AWS does not
// document gives a *bus.NotSimulatedError naming the construct; nothing is accepted on a guess.
//
// The length limit of the ScheduleExpression parameter (256 characters) is PutRule's member
// validation, not checked here.
func Parse(expr string) (*Schedule, error) {
	switch {
	case strings.HasPrefix(expr, "rate(") && strings.HasSuffix(expr, ")"):
		p, err := parseRate(expr[len("rate(") : len(expr)-1])
		if err != nil {
			return nil, err
		}
		return &Schedule{expr: expr, kind: kindRate, period: p}, nil
	case strings.HasPrefix(expr, "cron(") && strings.HasSuffix(expr, ")"):
		s := &Schedule{expr: expr, kind: kindCron}
		if err := parseCron(expr[len("cron("):len(expr)-1], &s.cron); err != nil {
			return nil, err
		}
		return s, nil
	}
	return nil, invalid()
}

// String returns the expression exactly as it was given to [Parse] (DescribeRule and ListRules
// echo the input string unchanged).
func (s *Schedule) String() string { return s.expr }

// Next returns the first firing strictly after after, in UTC, and ok=false when there is none
// (a cron expression whose years are all past, or whose days never occur, such as 30 February).
//
// A cron schedule fires at second 0 of each matching minute. A rate schedule counts from an
// anchor; Next takes after itself as the anchor and returns after plus one period, which is the
// next firing both for a rule created at after and for a rule that last fired at after. Use
// [Schedule.NextFrom] to ask about any instant of a rate schedule anchored elsewhere.
func (s *Schedule) Next(after time.Time) (time.Time, bool) {
	if s.kind == kindRate {
		return addSeconds(after, s.period), true
	}
	return s.cron.next(after)
}

// NextFrom returns the first firing strictly after after, for a rule created at anchor: nothing
// fires at or before anchor. A rate schedule fires at anchor + k·period for k = 1, 2, … (the first
// one period after creation, at the anchor's second and nanosecond: [derived], AWS documents only
// that "a rate expression starts when you create the scheduled event rule"); a cron schedule
// fires at the matching minutes after both anchor and after.
func (s *Schedule) NextFrom(anchor, after time.Time) (time.Time, bool) {
	if after.Before(anchor) {
		after = anchor
	}
	if s.kind == kindCron {
		return s.cron.next(after)
	}
	return rateNext(anchor, after, s.period), true
}

// ValidationExceptionCode is the AWS error code PutRule returns for a schedule expression it refuses.
const ValidationExceptionCode = "ValidationException"

// InvalidMessage is AWS's message for every schedule expression it refuses, whatever is wrong with
// it: EventBridge gives no reason.
const InvalidMessage = "Parameter ScheduleExpression is not valid."

// notSimulatedService names the service in the NotSimulated errors of this package.
const notSimulatedService = "events"

// invalid returns the one error AWS gives for a bad schedule expression.
func invalid() error {
	return awserr.ClientError(ValidationExceptionCode, InvalidMessage)
}

// notSimulated refuses syntax that AWS may accept but whose meaning AWS does not document.
func notSimulated(feature string) error {
	return awserr.NotSimulated(notSimulatedService, "schedule expression "+feature)
}
