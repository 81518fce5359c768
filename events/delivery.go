package events

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/aws/smithy-go"
	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/events/transform"
	"github.com/watchsim/watchsim/internal/awserr"
)

// Delivery semantics ("Debugging event delivery" in the EventBridge User Guide,
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-event-delivery.html): a
// delivery that fails with a retriable error (throttling, a server error, an error the target
// returns) is retried with exponential backoff and jitter until the target's RetryPolicy runs out
// (MaximumRetryAttempts retries, or MaximumEventAgeInSeconds since EventBridge received the
// event, whichever comes first). Errors that retrying cannot fix — a missing target resource,
// missing permissions, an invalid request, an input transformation that yields invalid JSON —
// are not retried. Then the event goes to the target's dead-letter queue (or, without one, the
// bus's), with the RULE_ARN, TARGET_ARN, ERROR_CODE, ERROR_MESSAGE, EXHAUSTED_RETRY_CONDITION and
// RETRY_ATTEMPTS message attributes ("Using dead-letter queues to process undelivered events",
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html); without any
// dead-letter queue it is dropped.
//
// The backoff is [derived] (AWS documents only "exponential back off and jitter"): the n-th retry
// waits min(2^(n-1) s, 10 min) scaled by a factor drawn uniformly from [0.5, 1) with the bus's
// seeded source. With the defaults the 185 retries spread over about 23 hours, which matches AWS's
// "24 hours and up to 185 times". Each retry is one scheduled piece of work: a failing delivery
// costs work per attempt, never per minute.

// Dead-letter error codes (ERROR_CODE), from the list in the EventBridge User Guide.
const (
	ErrorCodeNoResource       = "NO_RESOURCE"
	ErrorCodeNoPermissions    = "NO_PERMISSIONS"
	ErrorCodeThrottling       = "THROTTLING"
	ErrorCodeErrorFromTarget  = "ERROR_FROM_TARGET"
	ErrorCodeInvalidParameter = "INVALID_PARAMETER"
	ErrorCodeInvalidJSON      = "INVALID_JSON"
	ErrorCodeUnknown          = "UNKNOWN"
)

// The EXHAUSTED_RETRY_CONDITION values.
const (
	ExhaustedMaximumRetryAttempts     = "MaximumRetryAttempts"
	ExhaustedMaximumEventAgeInSeconds = "MaximumEventAgeInSeconds"
)

const maxBackoff = 10 * time.Minute

// classify maps a delivery error to its dead-letter ERROR_CODE and whether EventBridge retries it.
func classify(err error) (code string, retry bool) {
	var dr transform.DropReason
	if errors.As(err, &dr) {
		return ErrorCodeInvalidJSON, false
	}
	if bus.IsNotSimulated(err) {
		return ErrorCodeUnknown, false
	}
	var api smithy.APIError
	if !errors.As(err, &api) {
		return ErrorCodeErrorFromTarget, true // a target's own failure, such as a fake function's error
	}
	c := api.ErrorCode()
	switch {
	case c == "ResourceNotFoundException" || c == "NotFound" || c == "NoSuchBucket" ||
		c == "AWS.SimpleQueueService.NonExistentQueue" || c == "QueueDoesNotExist":
		return ErrorCodeNoResource, false
	case strings.Contains(c, "AccessDenied") || c == "AuthorizationError" || c == "NotAuthorized":
		return ErrorCodeNoPermissions, false
	case strings.Contains(c, "Throttl") || c == "TooManyRequestsException" || c == "RequestLimitExceeded" ||
		c == "ProvisionedThroughputExceededException" || c == "KMSThrottlingException":
		return ErrorCodeThrottling, true
	case api.ErrorFault() == smithy.FaultServer:
		return ErrorCodeErrorFromTarget, true
	}
	return ErrorCodeInvalidParameter, false
}

// backoff returns the wait before retry n (1-based).
func (s *Service) backoff(n int) time.Duration {
	d := maxBackoff
	if n <= 10 {
		d = min(time.Duration(1<<(n-1))*time.Second, maxBackoff)
	}
	return time.Duration(float64(d) * (0.5 + 0.5*s.b.Float64()))
}

// deadLetter is one message for a dead-letter queue.
type deadLetter struct {
	queue string
	p     bus.Payload
	bus   string
	rule  string
}

// settle records the outcome of d's attempt under the state lock: counted, retried on the clock,
// or turned into a dead letter (appended to dead).
func (s *Service) settle(d *delivery, dead []deadLetter) []deadLetter {
	if d.err == nil {
		s.usage.invocation(s, d.bus, d.rule, "Invocations")
		return dead
	}
	code, retry := classify(d.err)
	exhausted := ""
	if retry {
		if d.retries >= d.t.retries {
			exhausted = ExhaustedMaximumRetryAttempts
		} else {
			wait := s.backoff(d.retries + 1)
			at := s.b.Now().Add(wait)
			if at.Sub(d.ev.ingested) > d.t.maxAge {
				exhausted = ExhaustedMaximumEventAgeInSeconds
			} else if !s.closed {
				next := *d
				if d.ev.scratch {
					ev := *d.ev
					ev.scratch = false
					next.ev = &ev
				}
				next.retries++
				next.err = nil
				s.usage.rule(s, d.bus, d.rule, "RetryInvocationAttempts", 1)
				s.b.Schedule(at, func(ctx context.Context) { s.retry(ctx, next) })
				return dead
			}
		}
	}
	s.usage.invocation(s, d.bus, d.rule, "Invocations")
	s.usage.invocation(s, d.bus, d.rule, "FailedInvocations")
	queue := d.busDLQ
	if c := d.t.shape.DeadLetterConfig; c != nil && c.Arn != "" {
		queue = c.Arn
	}
	if queue == "" {
		return dead
	}
	attrs := map[string]string{
		"RULE_ARN":       d.ruleARN,
		"TARGET_ARN":     d.t.shape.Arn,
		"ERROR_CODE":     code,
		"ERROR_MESSAGE":  awserr.ErrorMessage(d.err),
		"RETRY_ATTEMPTS": strconv.Itoa(d.retries),
	}
	if exhausted != "" {
		attrs["EXHAUSTED_RETRY_CONDITION"] = exhausted
	}
	return append(dead, deadLetter{queue: queue, p: bus.Payload{Body: d.ev.body, Attributes: attrs}, bus: d.bus, rule: d.rule})
}

// retry makes one more attempt (scheduled work: no lock held).
func (s *Service) retry(ctx context.Context, d delivery) {
	var closed bool
	s.b.Locked(func() { closed = s.closed })
	if closed {
		return
	}
	s.deliverAll(ctx, []delivery{d})
}

// sendDeadLetters delivers dead letters (no lock held) and counts the outcome.
func (s *Service) sendDeadLetters(ctx context.Context, dead []deadLetter) {
	if len(dead) == 0 {
		return
	}
	errs := make([]error, len(dead))
	for i, dl := range dead {
		errs[i] = s.b.Deliver(ctx, dl.queue, dl.p)
	}
	s.b.Locked(func() {
		for i, dl := range dead {
			if errs[i] == nil {
				s.usage.rule(s, dl.bus, dl.rule, "InvocationsSentToDLQ", 1)
			} else {
				s.usage.rule(s, dl.bus, dl.rule, "InvocationsFailedToBeSentToDLQ", 1)
			}
		}
	})
}
