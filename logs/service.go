package logs

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/watchsim/watchsim/internal/optonce"

	"github.com/watchsim/watchsim/bus"
)

// Source is the CloudTrail event source of the CloudWatch Logs API.
const Source = "logs.amazonaws.com"

// MetricTimestamp selects which time a metric-filter datapoint carries.
type MetricTimestamp int

// Metric-filter datapoint timestamps. AWS does not document which one it uses; the event's own
// timestamp is the default because it is what makes a replayed log drive an alarm at the right
// minute (and CloudWatch accepts datapoints up to two weeks old, as PutLogEvents accepts events up
// to 14 days old).
const (
	// EventTime stamps each datapoint with the log event's timestamp (default).
	EventTime MetricTimestamp = iota
	// IngestionTime stamps each datapoint with the time the event was ingested.
	IngestionTime
)

// EMFMode selects which log events are read as CloudWatch embedded metric format.
type EMFMode int

// EMF modes. CloudWatch extracts metrics from EMF events that arrive with the HTTP header
// x-amzn-logs-format: json/emf (the CloudWatch agent and AWS Lambda send it;
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Generation_PutLogEvents.html).
// The header is not part of the PutLogEvents shape, so watchsim decides per service.
const (
	// EMFAuto reads every event whose message is a JSON object with an "_aws" member as EMF (what
	// CloudWatch does for Lambda and agent-shipped logs; default).
	EMFAuto EMFMode = iota
	// EMFOff never extracts metrics from log events.
	EMFOff
)

type options struct {
	metricTime    MetricTimestamp
	emf           EMFMode
	batchDelay    time.Duration
	maxQueries    int
	queryDuration time.Duration
	exportTime    time.Duration
	given         optonce.Set
}

// once refuses an option given twice (which of the two was meant is not ours to guess).
func (o *options) once(name string) error { return o.given.Once("logs", name) }

// Option configures a [Service]. Options validate their arguments; [New] returns the first error,
// and an error for a nil Option or an option given twice.
type Option func(*options) error

// WithMetricTimestamp selects the timestamp of metric-filter datapoints (default [EventTime]).
func WithMetricTimestamp(m MetricTimestamp) Option {
	return func(o *options) error {
		if err := o.once("WithMetricTimestamp"); err != nil {
			return err
		}
		if m != EventTime && m != IngestionTime {
			return errors.New("logs: unknown MetricTimestamp")
		}
		o.metricTime = m
		return nil
	}
}

// WithEMF selects which events are read as embedded metric format (default [EMFAuto]).
func WithEMF(m EMFMode) Option {
	return func(o *options) error {
		if err := o.once("WithEMF"); err != nil {
			return err
		}
		if m != EMFAuto && m != EMFOff {
			return errors.New("logs: unknown EMFMode")
		}
		o.emf = m
		return nil
	}
}

// WithSubscriptionBatchDelay sets how long matching events wait on the simulation clock before a
// subscription filter delivers them as one batch (default 1 s). AWS delivers "in near real time"
// without documenting its batching; a delay of 0 delivers at the end of the PutLogEvents call.
func WithSubscriptionBatchDelay(d time.Duration) Option {
	return func(o *options) error {
		if err := o.once("WithSubscriptionBatchDelay"); err != nil {
			return err
		}
		if d < 0 || d > time.Hour {
			return errors.New("logs: subscription batch delay must be between 0 and 1h")
		}
		o.batchDelay = d
		return nil
	}
}

// WithMaxConcurrentQueries sets how many Logs Insights queries may be Scheduled or Running at once
// (default 100, the quota in the StartQuery API reference). StartQuery beyond it fails with
// LimitExceededException.
func WithMaxConcurrentQueries(n int) Option {
	return func(o *options) error {
		if err := o.once("WithMaxConcurrentQueries"); err != nil {
			return err
		}
		if n < 1 {
			return errors.New("logs: WithMaxConcurrentQueries needs a positive limit")
		}
		o.maxQueries = n
		return nil
	}
}

// WithQueryDuration sets how long a Logs Insights query stays Running on the simulation clock
// before it is Complete (default 0: Complete as soon as time or the caller looks). A duration of
// 60 minutes or more makes every query end as Timeout, as AWS ends queries that run that long.
func WithQueryDuration(d time.Duration) Option {
	return func(o *options) error {
		if err := o.once("WithQueryDuration"); err != nil {
			return err
		}
		if d < 0 || d > 24*time.Hour {
			return errors.New("logs: query duration must be between 0 and 24h")
		}
		o.queryDuration = d
		return nil
	}
}

// WithExportDuration sets how long an export task stays RUNNING on the simulation clock before its
// objects are written and it is COMPLETED (default 1 minute).
func WithExportDuration(d time.Duration) Option {
	return func(o *options) error {
		if err := o.once("WithExportDuration"); err != nil {
			return err
		}
		if d < 0 || d > 24*time.Hour {
			return errors.New("logs: export duration must be between 0 and 24h")
		}
		o.exportTime = d
		return nil
	}
}

// Service is the simulated Amazon CloudWatch Logs API on one bus: log groups and streams,
// PutLogEvents, GetLogEvents and FilterLogEvents, metric and subscription filters, destinations,
// Logs Insights queries, export tasks, embedded metric format and the AWS/Logs metrics.
// Create it with [New]. All methods are safe for concurrent use.
type Service struct {
	b    *bus.Bus
	opts options

	// guarded by the bus state lock
	groups      map[string]*group
	groupNum    uint64 // numbers groups, for event ids
	destination map[string]*destination
	queries     map[string]*query
	queryOrder  []*query
	exports     map[string]*exportTask
	exportOrder []*exportTask
	usage       usage
	closed      bool
}

// New creates the CloudWatch Logs service on b. Options validate their arguments; a nil Option is
// an error, and so is a closed Bus.
func New(b *bus.Bus, opts ...Option) (*Service, error) {
	if b == nil {
		return nil, errors.New("logs: New needs a bus")
	}
	if b.Closed() {
		return nil, fmt.Errorf("logs: New: %w", bus.ErrClosed)
	}
	s := &Service{b: b, groups: map[string]*group{}, destination: map[string]*destination{},
		queries: map[string]*query{}, exports: map[string]*exportTask{}}
	s.opts.batchDelay = time.Second
	s.opts.maxQueries = 100
	s.opts.exportTime = time.Minute
	for _, o := range opts {
		if o == nil {
			return nil, errors.New("logs: nil Option")
		}
		if err := o(&s.opts); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// Bus returns the bus the service runs on.
func (s *Service) Bus() *bus.Bus { return s.b }

// Close detaches the service from its bus: the sinks it registered for log groups and destinations
// are removed and pending deliveries are dropped. Operations after Close of the bus fail with
// bus.ErrClosed; Close of the service alone leaves its state readable. It is idempotent.
func (s *Service) Close() error {
	var arns []string
	s.b.Locked(func() {
		if s.closed {
			return
		}
		s.closed = true
		for _, g := range s.groups {
			arns = append(arns, g.arn, g.arnStar)
			for _, f := range g.subs {
				if f.flush != nil {
					f.flush.Stop()
				}
			}
		}
		s.usage.stop()
	})
	for _, a := range arns {
		s.b.Unregister(a)
	}
	return nil
}

// op describes a Logs operation for bus.Call.
func op(name string, readOnly bool) bus.Operation {
	return bus.Operation{Source: Source, Name: name, ReadOnly: readOnly}
}

// nowMillis returns the simulation time in epoch milliseconds.
func (s *Service) nowMillis() int64 { return s.b.Now().UnixMilli() }

// publishChange announces a resource change on bus.ResourceChanges, if anyone listens.
func (s *Service) publishChange(ctx context.Context, ct bus.ChangeType, rtype, id, name, arn string, tags map[string]string, conf any) {
	if !bus.HasSubscribers(s.b, bus.ResourceChanges()) {
		return
	}
	if ct == bus.ResourceDeleted {
		conf = nil
	}
	bus.Publish(ctx, s.b, bus.ResourceChanges(), bus.ResourceChange{ChangeType: ct, ResourceType: rtype, ResourceID: id,
		ResourceName: name, ARN: arn, Time: s.b.Now(), Tags: copyTags(tags), Configuration: conf})
}

func copyTags(t map[string]string) map[string]string {
	if len(t) == 0 {
		return nil
	}
	c := make(map[string]string, len(t))
	for k, v := range t {
		c[k] = v
	}
	return c
}
