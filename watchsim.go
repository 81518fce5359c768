package watchsim

import (
	"errors"
	"time"

	"github.com/benbjohnson/clock"
	"github.com/watchsim/watchsim/alarms"
	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/config"
	"github.com/watchsim/watchsim/events"
	"github.com/watchsim/watchsim/logs"
	"github.com/watchsim/watchsim/metrics"
	"github.com/watchsim/watchsim/trail"
)

// Simulator is one simulated AWS account in one region: every service on one [bus.Bus].
//
// Concurrency: every method and every service is safe for concurrent use.
type Simulator struct {
	// Bus is the kernel every service shares: time, messages, the API dispatcher and delivery by ARN.
	Bus *bus.Bus
	// Metrics is CloudWatch metrics: PutMetricData, ListMetrics, GetMetricStatistics, GetMetricData,
	// dashboards.
	Metrics *metrics.Service
	// Alarms is CloudWatch alarms: metric, metric-math and composite alarms evaluated on simulation
	// time, with actions, history and EventBridge events.
	Alarms *alarms.Service
	// Logs is CloudWatch Logs: log groups and streams, PutLogEvents, GetLogEvents and
	// FilterLogEvents, metric filters (which publish to Metrics), subscription filters, Logs
	// Insights, export tasks and embedded metric format.
	Logs *logs.Service
	// Events is Amazon EventBridge: event buses, rules with patterns and schedules, targets
	// delivered by ARN with retries and dead-letter queues, PutEvents, archives and replays. The
	// events other services publish (alarm state changes, …) arrive on its default bus.
	Events *events.Service
	// Trail is AWS CloudTrail: every API call made through the bus recorded as CloudTrail records
	// it, Event history for LookupEvents, trails with selectors delivering log files and signed
	// digests to S3, records to CloudWatch Logs and notifications to SNS, and ValidateLogs.
	Trail *trail.Service
	// Config is AWS Config: the configuration recorder and delivery channel, configuration items
	// recorded from every resource change of the other services, history and inventory, managed and
	// custom Lambda rules evaluated on simulation time, the compliance APIs and their EventBridge
	// events, remediation by registered Go functions, and history files and snapshots in S3.
	Config *config.Service

	timeline *Timeline
}

// Option configures a Simulator. Options validate: [New] returns the first error.
type Option func(*settings) error

type settings struct {
	bus      []bus.Option
	metrics  []metrics.Option
	alarms   []alarms.Option
	logs     []logs.Option
	events   []events.Option
	trail    []trail.Option
	config   []config.Option
	timeline bool
}

// WithMetricsOptions passes options to the metrics service (percentile method, visibility delays, …).
func WithMetricsOptions(opts ...metrics.Option) Option {
	return func(s *settings) error {
		s.metrics = append(s.metrics, opts...)
		return nil
	}
}

// WithAlarmsOptions passes options to the alarms service (the [derived] evaluation choices,
// scheduling mode, alarm quota, …).
func WithAlarmsOptions(opts ...alarms.Option) Option {
	return func(s *settings) error {
		s.alarms = append(s.alarms, opts...)
		return nil
	}
}

// WithLogsOptions passes options to the CloudWatch Logs service (metric-filter timestamps, EMF,
// subscription batching, Logs Insights timing, …).
func WithLogsOptions(opts ...logs.Option) Option {
	return func(s *settings) error {
		s.logs = append(s.logs, opts...)
		return nil
	}
}

// WithEventsOptions passes options to the EventBridge service (rules quota, bus quota, PutEvents
// size limit).
func WithEventsOptions(opts ...events.Option) Option {
	return func(s *settings) error {
		s.events = append(s.events, opts...)
		return nil
	}
}

// WithTrailOptions passes options to the CloudTrail service (Event history delay, delivery period,
// signing key, trails quota).
func WithTrailOptions(opts ...trail.Option) Option {
	return func(s *settings) error {
		s.trail = append(s.trail, opts...)
		return nil
	}
}

// WithConfigOptions passes options to the AWS Config service (rules quota, evaluation delay).
func WithConfigOptions(opts ...config.Option) Option {
	return func(s *settings) error {
		s.config = append(s.config, opts...)
		return nil
	}
}

// WithStart sets the simulation start time (default 2026-01-01T00:00:00Z).
func WithStart(t time.Time) Option { return busOption(bus.WithStart(t)) }

// WithAccount sets the 12-digit account id (default 123456789012).
func WithAccount(id string) Option { return busOption(bus.WithAccount(id)) }

// WithRegion sets the region (default us-east-1).
func WithRegion(region string) Option { return busOption(bus.WithRegion(region)) }

// WithSeed sets the seed of every id and random choice (default 1).
func WithSeed(seed uint64) Option { return busOption(bus.WithSeed(seed)) }

// WithClock runs the simulator in real time on c (see [bus.WithClock]); with clock.New() inside a
// testing/synctest bubble that is the bubble's fake time.
func WithClock(c clock.Clock) Option { return busOption(bus.WithClock(c)) }

// WithTimeline records a readable timeline of what happens (API calls, alarm transitions, events,
// resource changes), available from [Simulator.Timeline].
func WithTimeline() Option {
	return func(s *settings) error {
		s.timeline = true
		return nil
	}
}

func busOption(o bus.Option) Option {
	return func(s *settings) error {
		s.bus = append(s.bus, o)
		return nil
	}
}

// New builds a simulator: a virtual clock stopped at its start time, account 123456789012 in
// us-east-1, seed 1, unless options say otherwise.
func New(opts ...Option) (*Simulator, error) {
	var st settings
	for _, o := range opts {
		if o == nil {
			return nil, errors.New("watchsim: nil Option")
		}
		if err := o(&st); err != nil {
			return nil, err
		}
	}
	b, err := bus.New(st.bus...)
	if err != nil {
		return nil, err
	}
	s := &Simulator{Bus: b}
	if st.timeline {
		s.timeline = NewTimeline(b)
	}
	if err := s.start(&st); err != nil {
		_ = s.Close()
		return nil, err
	}
	return s, nil
}

// start builds the services in dependency order; on error the ones built so far stay set, for
// Close to stop.
func (s *Simulator) start(st *settings) (err error) {
	b := s.Bus
	// CloudTrail first: it records the calls every other service makes, from the first one.
	if s.Trail, err = trail.New(b, st.trail...); err != nil {
		return err
	}
	// AWS Config next: it learns of every resource from its creation (the default event bus, made
	// by events.New, included), to discover them when recording starts.
	if s.Config, err = config.New(b, st.config...); err != nil {
		return err
	}
	if s.Metrics, err = metrics.New(b, st.metrics...); err != nil {
		return err
	}
	if s.Alarms, err = alarms.New(b, s.Metrics, st.alarms...); err != nil {
		return err
	}
	if s.Logs, err = logs.New(b, st.logs...); err != nil {
		return err
	}
	if s.Events, err = events.New(b, st.events...); err != nil {
		return err
	}
	return nil
}

// Now returns the simulation time.
func (s *Simulator) Now() time.Time { return s.Bus.Now() }

// Advance moves simulation time forward by d and runs everything due (see [bus.Bus.Advance]).
func (s *Simulator) Advance(d time.Duration) error { return s.Bus.Advance(d) }

// AdvanceTo moves simulation time forward to t and runs everything due.
func (s *Simulator) AdvanceTo(t time.Time) error { return s.Bus.AdvanceTo(t) }

// Clock returns a clock.Clock on simulation time for code under test.
func (s *Simulator) Clock() clock.Clock { return s.Bus.Clock() }

// Timeline returns the recorded timeline, or nil without [WithTimeline].
func (s *Simulator) Timeline() *Timeline { return s.timeline }

// Close stops the services and the bus (and its real-time driver, if any). It is idempotent.
func (s *Simulator) Close() error {
	if s.Config != nil {
		_ = s.Config.Close()
	}
	if s.Events != nil {
		_ = s.Events.Close()
	}
	if s.Logs != nil {
		_ = s.Logs.Close()
	}
	if s.Alarms != nil {
		_ = s.Alarms.Close()
	}
	if s.Metrics != nil {
		_ = s.Metrics.Close()
	}
	if s.Trail != nil {
		_ = s.Trail.Close()
	}
	return s.Bus.Close()
}
