package alarms

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/watchsim/watchsim/internal/optonce"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/metricslink"
	"github.com/watchsim/watchsim/metrics"
)

// metricsEngine is what the alarm service reads from the metrics service: the query engine
// *metrics.Service carries through internal/metricslink. Every method is called holding the bus
// state lock. QueryLocked evaluates MetricStat and metric-math queries over [start, end) with
// per-bucket values and sample counts; CompileStat is the single-metric fast path, which returns
// exactly what QueryLocked returns for the same MetricStat (a property test in package metrics and
// TestFastPathEqualsQueryLocked here check it).
type metricsEngine interface {
	QueryLocked(queries []metrics.MetricDataQuery, start, end time.Time) ([]metrics.MetricDataResult, error)
	ValidateQueries(queries []metrics.MetricDataQuery) error
	CompileStat(ms metrics.MetricStat) (metricslink.StatReader, error)
	AppendMetricKey(dst []byte, namespace, name string, dims []metrics.Dimension) []byte
}

// Scheduling selects how the service decides when to evaluate a metric alarm.
type Scheduling int

// Scheduling modes. Both give identical states, reasons, history, actions and events (a property test
// runs them side by side); Lazy is the default because it is far cheaper.
const (
	// Lazy evaluates an alarm only at the ticks where its result can change: after new data for its
	// metrics arrives, while data is inside its evaluation range, after SetAlarmState and on
	// configuration changes. An alarm with no data costs nothing while time advances.
	Lazy Scheduling = iota
	// EveryTick evaluates every metric alarm at every tick (every minute, every 10 s for
	// high-resolution alarms), as CloudWatch does.
	EveryTick
)

type options struct {
	cfg        Config
	scheduling Scheduling
	maxAlarms  int
	retention  time.Duration
	given      optonce.Set
}

// once refuses an option given twice (which of the two was meant is not ours to guess).
func (o *options) once(name string) error { return o.given.Once("alarms", name) }

// Option configures a [Service]. Options validate their arguments; [New] returns the first error,
// and an error for a nil Option or an option given twice.
type Option func(*options) error

// WithConfig sets the evaluator's [derived] choices (evaluation-range size, the undocumented partial
// case, low-sample percentile handling). Unknown PartialBreaching, LowSample or PercentileMethod
// values are an error. The service takes PercentileMethod from its metrics service, whatever c says.
func WithConfig(c Config) Option {
	return func(o *options) error {
		if err := o.once("WithConfig"); err != nil {
			return err
		}
		switch {
		case c.PartialBreaching < PartialEvaluate || c.PartialBreaching > PartialInsufficientData:
			return errors.New("alarms: WithConfig: unknown PartialBreaching")
		case c.LowSample < LowSampleRetain || c.LowSample > LowSampleAsMissing:
			return errors.New("alarms: WithConfig: unknown LowSample")
		case c.PercentileMethod != metrics.NearestRank && c.PercentileMethod != metrics.Linear:
			return errors.New("alarms: WithConfig: unknown PercentileMethod")
		}
		o.cfg = c
		return nil
	}
}

// WithScheduling selects [Lazy] (default) or [EveryTick] evaluation.
func WithScheduling(s Scheduling) Option {
	return func(o *options) error {
		if err := o.once("WithScheduling"); err != nil {
			return err
		}
		if s != Lazy && s != EveryTick {
			return errors.New("alarms: unknown Scheduling")
		}
		o.scheduling = s
		return nil
	}
}

// WithMaxAlarms limits the number of alarms; PutMetricAlarm and PutCompositeAlarm beyond it fail with
// LimitExceeded. The default is no limit: AWS documents no quota on alarms ([UG:cloudwatch_limits];
// the old 5,000-per-region figure is obsolete).
func WithMaxAlarms(n int) Option {
	return func(o *options) error {
		if err := o.once("WithMaxAlarms"); err != nil {
			return err
		}
		if n < 1 {
			return errors.New("alarms: WithMaxAlarms needs a positive limit")
		}
		o.maxAlarms = n
		return nil
	}
}

// WithHistoryRetention sets how long alarm history is kept (default [HistoryRetention], the two weeks
// the CloudWatch documentation states). Some AWS material cites 30 days; pass 30*24*time.Hour to
// follow it. The retention must be at least one day.
func WithHistoryRetention(d time.Duration) Option {
	return func(o *options) error {
		if err := o.once("WithHistoryRetention"); err != nil {
			return err
		}
		if d < 24*time.Hour {
			return errors.New("alarms: WithHistoryRetention needs at least one day")
		}
		o.retention = d
		return nil
	}
}

// retention returns the configured history retention.
func (o *options) historyRetention() time.Duration {
	if o.retention == 0 {
		return HistoryRetention
	}
	return o.retention
}

// Service is the simulated CloudWatch alarms API on one bus: metric alarms (single metric, metric
// math), composite alarms, evaluation on virtual time, actions, history and events.
// Create it with [New]. All methods are safe for concurrent use.
type Service struct {
	b    *bus.Bus
	m    metricsEngine
	opts options
	// noFastPath makes every alarm read through QueryLocked (tests compare the two paths).
	noFastPath bool

	// guarded by the bus state lock
	alarms   map[string]*alarm
	byMetric map[string][]*alarm
	parents  map[string]map[string]bool // child name → composite names referencing it
	// suppressed maps an ActionsSuppressor alarm name to the composites it suppresses.
	suppressed map[string]map[string]bool
	history    []historyEntry
	// deletedARNs holds the ARNs of deleted alarms: ListTagsForResource answers [] for them.
	deletedARNs map[string]bool
	due         map[int64][]*alarm
	spare       []*alarm // the list of the last tick run, reused for the next tick scheduled
	keyBuf      []byte   // scratch for metric keys
	// evaluation scratch shared by all alarms
	bucketScratch []Bucket
	valScratch    []metricslink.BucketValue
	timers        map[int64]*bus.Timer
	evals         int64

	unsub func()
}

// New creates the alarm service on b, reading metric data from m, the metrics service of the same
// bus. It subscribes to bus.MetricDataStored. Options validate their arguments; a nil Option is an
// error.
func New(b *bus.Bus, m *metrics.Service, opts ...Option) (*Service, error) {
	if b == nil || m == nil {
		return nil, errors.New("alarms: New needs a bus and a metrics service")
	}
	if b.Closed() {
		return nil, fmt.Errorf("alarms: New: %w", bus.ErrClosed)
	}
	eng, ok := metricslink.Engine(m).(metricsEngine)
	if !ok {
		return nil, errors.New("alarms: the metrics service was not built by metrics.New")
	}
	if m.Bus() != b {
		return nil, errors.New("alarms: the metrics service runs on another bus")
	}
	s := &Service{b: b, m: eng, alarms: map[string]*alarm{}, byMetric: map[string][]*alarm{},
		parents: map[string]map[string]bool{}, suppressed: map[string]map[string]bool{}, deletedARNs: map[string]bool{}, due: map[int64][]*alarm{}, timers: map[int64]*bus.Timer{}}
	for _, o := range opts {
		if o == nil {
			return nil, errors.New("alarms: nil Option")
		}
		if err := o(&s.opts); err != nil {
			return nil, err
		}
	}
	s.opts.cfg.PercentileMethod = m.PercentileMethod()
	s.unsub = bus.Subscribe(b, bus.MetricDataStored(), s.onMetricData)
	return s, nil
}

// Close detaches the service from its bus: it unsubscribes and cancels every scheduled evaluation.
// The alarms stay readable and operations still answer (nothing is evaluated any more); to end a
// simulation, close the Bus (or the watchsim.Simulator), after which every operation returns an error
// wrapping bus.ErrClosed. It is idempotent and returns nil (an error result, like the other services'
// Close, for io.Closer).
func (s *Service) Close() error {
	s.unsub()
	s.b.Locked(func() {
		for at, t := range s.timers {
			t.Stop()
			delete(s.timers, at)
		}
		s.due = map[int64][]*alarm{}
		for _, a := range s.alarms {
			a.next = 0
			if a.composite {
				s.stopSuppressionTimerLocked(a)
			}
		}
	})
	return nil
}

// Config returns the evaluator configuration the service uses: the one given with [WithConfig], with
// PercentileMethod taken from the metrics service when it exposes one (metrics.Service does). Pass it
// to the pure evaluator (or alarmstest.Timeline) to reproduce the service's results.
func (s *Service) Config() Config { return s.opts.cfg }

// Bus returns the bus the service runs on.
func (s *Service) Bus() *bus.Bus { return s.b }

// Evaluations returns how many metric-alarm evaluations the service has run (for benchmarks and for
// checking that idle alarms cost nothing).
func (s *Service) Evaluations() int64 {
	var n int64
	s.b.Locked(func() { n = s.evals })
	return n
}

// onMetricData schedules the alarms that watch the metrics just stored.
func (s *Service) onMetricData(ctx context.Context, md bus.MetricData) {
	now := s.b.Now()
	s.b.Locked(func() {
		if len(s.byMetric) == 0 {
			return // no metric alarm watches anything: no key to build per datum
		}
		for i := range md.MetricData {
			d := &md.MetricData[i]
			s.keyBuf = s.m.AppendMetricKey(s.keyBuf[:0], md.Namespace, d.MetricName, d.Dimensions)
			as := s.byMetric[string(s.keyBuf)]
			if len(as) == 0 {
				continue
			}
			for _, a := range as {
				s.scheduleLocked(ctx, a, nextTick(now, a.step()))
			}
		}
	})
}

// nextTick returns the first evaluation tick strictly after now.
func nextTick(now time.Time, step time.Duration) time.Time {
	return now.Truncate(step).Add(step)
}

// scheduleLocked arranges for a to be evaluated at at (unless it already is, earlier).
func (s *Service) scheduleLocked(ctx context.Context, a *alarm, at time.Time) {
	sec := at.Unix()
	if a.next != 0 && a.next <= sec {
		return
	}
	a.next = sec
	list, ok := s.due[sec]
	if !ok && s.spare != nil {
		list, s.spare = s.spare, nil
	}
	s.due[sec] = append(list, a)
	if _, ok := s.timers[sec]; !ok {
		s.timers[sec] = s.b.Schedule(at, func(ctx context.Context) { s.runTick(ctx, sec) })
	}
}

// runTick evaluates the alarms due at sec.
func (s *Service) runTick(ctx context.Context, sec int64) {
	s.b.Locked(func() {
		list := s.due[sec]
		delete(s.due, sec)
		delete(s.timers, sec)
		at := time.Unix(sec, 0).UTC()
		for _, a := range list {
			if a.deleted || a.next != sec {
				continue
			}
			a.next = 0
			s.evaluateLocked(ctx, a, at)
		}
		if cap(list) > cap(s.spare) {
			clear(list)
			s.spare = list[:0]
		}
	})
}
