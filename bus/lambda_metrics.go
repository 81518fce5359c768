package bus

import (
	"context"
	"errors"
	"time"

	"github.com/watchsim/watchsim/internal/awserr"
)

// The AWS/Lambda metrics of a [LambdaFunction], as the AWS Lambda Developer Guide lists them
// (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html): dimension
// FunctionName; one-minute granularity; reported only in minutes with invocations.
//   - Invocations (Count): 1 per invocation, successful or not; a throttled request is not one.
//   - Errors (Count): per invocation, 1 if the function returned an error and 0 otherwise — the
//     guide's "binary indicators": Sum is the error count, Average the error rate.
//   - Throttles (Count): 1 per request refused because the reserved concurrency was in use.
//   - Duration (Milliseconds): per invocation, the duration the function reported with
//     [ReportDuration], else the one declared with [LambdaFunction.SetDuration] (default 0).
//   - ConcurrentExecutions (Count): per invocation, the number of invocations in flight including
//     it (an invocation occupies [start, start+Duration) of simulation time), for every function, as
//     "Monitoring concurrency" in the Lambda Developer Guide says
//     (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-concurrency.html; editions before said
//     only functions with a reserved concurrency).

// LambdaNamespace is the CloudWatch namespace of the Lambda metrics.
const LambdaNamespace = "AWS/Lambda"

type lambdaMetrics struct {
	invocations, errors, throttles, duration, concurrent *ServiceMetric
}

func (m *lambdaMetrics) init(f *LambdaFunction) {
	dim := Dimension{Name: "FunctionName", Value: f.name}
	m.invocations = mustServiceMetric(f.b, LambdaNamespace, "Invocations", "Count", dim)
	m.errors = mustServiceMetric(f.b, LambdaNamespace, "Errors", "Count", dim)
	m.throttles = mustServiceMetric(f.b, LambdaNamespace, "Throttles", "Count", dim)
	m.duration = mustServiceMetric(f.b, LambdaNamespace, "Duration", "Milliseconds", dim)
	m.concurrent = mustServiceMetric(f.b, LambdaNamespace, "ConcurrentExecutions", "Count", dim)
}

// lambdaRun is the execution model of a fake function, guarded by its mu.
type lambdaRun struct {
	declared time.Duration
	reserved int         // reserved concurrency; -1 when none
	ends     []time.Time // end times of the invocations that may still be in flight
}

// inFlight drops the invocations that ended by now and returns how many are still running.
func (r *lambdaRun) inFlight(now time.Time) int {
	keep := r.ends[:0]
	for _, e := range r.ends {
		if e.After(now) {
			keep = append(keep, e)
		}
	}
	r.ends = keep
	return len(keep)
}

type durationKey struct{}

type durationReport struct {
	d   time.Duration
	set bool
}

// ReportDuration lets a fake Lambda function's handler report how long the invocation ctx belongs
// to took (its Duration metric, and how long it counts as in flight). It reports false, and does
// nothing, when ctx is not the context of an invocation. A negative d counts as 0.
func ReportDuration(ctx context.Context, d time.Duration) bool {
	if ctx == nil {
		return false
	}
	r, ok := ctx.Value(durationKey{}).(*durationReport)
	if !ok {
		return false
	}
	r.d, r.set = max(d, 0), true
	return true
}

// SetDuration declares how long each invocation takes when the handler does not report it with
// [ReportDuration]: between 0 and 15 minutes (the Lambda timeout limit).
func (f *LambdaFunction) SetDuration(d time.Duration) error {
	if d < 0 || d > 15*time.Minute {
		return errors.New("bus: LambdaFunction.SetDuration: the duration must be between 0 and 15 minutes")
	}
	f.mu.Lock()
	f.run.declared = d
	f.mu.Unlock()
	return nil
}

// SetReservedConcurrency reserves n concurrent executions for the function (0 throttles every
// invocation, as in Lambda); a negative n removes the reservation (the default).
func (f *LambdaFunction) SetReservedConcurrency(n int) {
	f.mu.Lock()
	f.run.reserved = max(n, -1)
	f.mu.Unlock()
}

// Name returns the function name.
func (f *LambdaFunction) Name() string { return f.name }

// admit refuses an invocation at now that would exceed the reserved concurrency.
func (f *LambdaFunction) admit(now time.Time) error {
	f.mu.Lock()
	throttled := f.run.reserved >= 0 && f.run.inFlight(now) >= f.run.reserved
	f.mu.Unlock()
	if !throttled {
		return nil
	}
	if f.met.throttles.m.on() {
		f.met.throttles.observeAt(now, 1)
	}
	return ClientError("TooManyRequestsException", "Rate Exceeded.").WithStatus(awserr.StatusTooManyRequests)
}

// finish accounts for an invocation that started at start.
func (f *LambdaFunction) finish(start time.Time, rep *durationReport, err error) {
	f.mu.Lock()
	d := f.run.declared
	if rep.set {
		d = rep.d
	}
	running := f.run.inFlight(start) + 1
	if d > 0 {
		f.run.ends = append(f.run.ends, start.Add(d))
	}
	f.mu.Unlock()
	if !f.met.invocations.m.on() {
		return
	}
	f.met.invocations.observeAt(start, 1)
	failed := 0.0
	if err != nil {
		failed = 1
	}
	f.met.errors.observeAt(start, failed)
	f.met.duration.observeAt(start, float64(d)/float64(time.Millisecond))
	f.met.concurrent.observeAt(start, float64(running))
}
