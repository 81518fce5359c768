package metrics

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/metricslink"
	"github.com/watchsim/watchsim/internal/optonce"
)

// Source is the CloudTrail event source of the CloudWatch API.
const Source = "monitoring.amazonaws.com"

// Service is the simulated CloudWatch metrics API (PutMetricData, ListMetrics, GetMetricStatistics,
// GetMetricData and the dashboard operations) on one bus. Create it with [New].
type Service struct {
	link  // the engine the alarms service reads through (internal/metricslink)
	b     *bus.Bus
	cfg   config
	store *metricStore
	dash  map[string]*dashboard
	// rejected records batches from bus.MetricDataIn that failed validation (they are not stored).
	rejected []RejectedBatch
	unsub    func()
	rollup   *bus.Timer // the next roll-up pass (rollup.go); nil until data arrives
	rollupAt int64      // Unix time of the pending pass, or noRollup
	closed   bool
	scratch  scratch
}

// RejectedBatch is a batch that arrived on bus.MetricDataIn and failed PutMetricData validation.
// Nothing of it was stored (validation is atomic, as for PutMetricData).
type RejectedBatch struct {
	Data bus.MetricData
	Err  error
}

type config struct {
	percentile     PercentileMethod
	allowAWS       bool
	legacyRange    bool
	listDelay      time.Duration
	rollupInterval time.Duration
	lateRecent     time.Duration // delay for data stamped 3–24 h in the past
	lateOld        time.Duration // delay for data stamped ≥ 24 h in the past
	given          optonce.Set
	renderer       WidgetRenderer
}

// once refuses an option given twice (which of the two was meant is not ours to guess).
func (c *config) once(name string) error { return c.given.Once("metrics", name) }

// Option configures a Service. Options validate their arguments; New returns the first error, and
// an error for a nil Option or an option given twice.
type Option func(*config) error

// WithPercentileMethod sets how pNN is computed (default [NearestRank]). AWS does not document its
// percentile interpolation.
func WithPercentileMethod(m PercentileMethod) Option {
	return func(c *config) error {
		if err := c.once("WithPercentileMethod"); err != nil {
			return err
		}
		if m != NearestRank && m != Linear {
			return errors.New("metrics: unknown percentile method")
		}
		c.percentile = m
		return nil
	}
}

// WithAWSNamespaces lets PutMetricData write namespaces starting with "AWS/". By default they are
// refused (whether AWS refuses them is unverified: [API] PutMetricData only says not to use them). Data arriving on bus.MetricDataIn may
// always use them: simulated AWS services publish their metrics there.
func WithAWSNamespaces(allow bool) Option {
	return func(c *config) error {
		if err := c.once("WithAWSNamespaces"); err != nil {
			return err
		}
		c.allowAWS = allow
		return nil
	}
}

// WithLegacyValueRange also refuses values with 0 < |v| < 2^-359 or |v| > 2^359, the range the
// API documentation stated until 2019 ([API] PutMetricData, MetricDatum Value).
func WithLegacyValueRange(on bool) Option {
	return func(c *config) error {
		if err := c.once("WithLegacyValueRange"); err != nil {
			return err
		}
		c.legacyRange = on
		return nil
	}
}

// WithListMetricsDelay makes a new metric show up in ListMetrics only d after its first datapoint,
// as real CloudWatch can take up to 15 minutes ([UG:publishingMetrics]). Default 0 (immediately).
func WithListMetricsDelay(d time.Duration) Option {
	return func(c *config) error {
		if err := c.once("WithListMetricsDelay"); err != nil {
			return err
		}
		if d < 0 || d > 24*time.Hour {
			return errors.New("metrics: ListMetrics delay must be between 0 and 24h")
		}
		c.listDelay = d
		return nil
	}
}

// WithLateDataDelay makes late data readable only after a delay, as real CloudWatch can take up to
// 2 hours for datapoints stamped 3–24 hours in the past and 48 hours or more for older ones
// ([API] PutMetricData; [UG:publishingMetrics]). recent applies to timestamps 3–24 h before the
// time of the call, old to timestamps 24 h or more before it. Default 0, 0 (readable at once).
// Delayed datapoints are published on bus.MetricDataStored when they become readable.
func WithLateDataDelay(recent, old time.Duration) Option {
	return func(c *config) error {
		if err := c.once("WithLateDataDelay"); err != nil {
			return err
		}
		if recent < 0 || old < 0 || recent > 7*24*time.Hour || old > 7*24*time.Hour {
			return errors.New("metrics: late-data delays must be between 0 and 7 days")
		}
		c.lateRecent, c.lateOld = recent, old
		return nil
	}
}

// WithRollupInterval sets the tick of the retention and roll-up pass on the simulation clock
// (default 1 h): aged data is rolled up at the first tick after it crosses a boundary. The pass is
// scheduled only for ticks where some data crosses one, so an idle simulator runs none. Roll-up coarsens timestamps of aged data (3 h → minutes, 15 days → 5 minutes,
// 63 days → hours) and drops data older than 455 days.
func WithRollupInterval(d time.Duration) Option {
	return func(c *config) error {
		if err := c.once("WithRollupInterval"); err != nil {
			return err
		}
		if d < time.Minute {
			return errors.New("metrics: roll-up interval must be at least one minute")
		}
		c.rollupInterval = d
		return nil
	}
}

// New creates the metrics service on b: it subscribes to bus.MetricDataIn; the retention/roll-up
// pass is scheduled on the simulation clock once data arrives.
func New(b *bus.Bus, opts ...Option) (*Service, error) {
	if b == nil {
		return nil, errors.New("metrics: nil bus")
	}
	if b.Closed() {
		return nil, fmt.Errorf("metrics: New: %w", bus.ErrClosed)
	}
	s := &Service{b: b, store: newMetricStore(), dash: map[string]*dashboard{}}
	s.cfg.rollupInterval = time.Hour
	for _, o := range opts {
		if o == nil {
			return nil, errors.New("metrics: nil Option")
		}
		if err := o(&s.cfg); err != nil {
			return nil, err
		}
	}
	metricslink.Bind(&s.link, engine{s})
	s.unsub = bus.Subscribe(b, bus.MetricDataIn(), s.onMetricDataIn)
	s.rollupAt = noRollup
	return s, nil
}

// Close detaches the service from its bus: it unsubscribes from bus.MetricDataIn and stops the
// roll-up timer. The data stays readable and operations still answer; to end a simulation, close the
// Bus (or the watchsim.Simulator), after which every operation returns an error wrapping bus.ErrClosed.
// It is idempotent and returns nil (an error result, like the other services' Close, for io.Closer).
func (s *Service) Close() error {
	if s.unsub != nil {
		s.unsub()
		s.unsub = nil
	}
	s.b.Locked(func() {
		s.closed = true
		if s.rollup != nil {
			s.rollup.Stop()
			s.rollup = nil
		}
		s.rollupAt = noRollup
	})
	return nil
}

// Bus returns the bus the service runs on.
func (s *Service) Bus() *bus.Bus { return s.b }

// PercentileMethod returns the configured percentile definition.
func (s *Service) PercentileMethod() PercentileMethod { return s.cfg.percentile }

// RejectedInput returns the batches from bus.MetricDataIn that failed validation.
func (s *Service) RejectedInput() []RejectedBatch {
	var out []RejectedBatch
	s.b.Locked(func() { out = append(out, s.rejected...) })
	return out
}

// onMetricDataIn stores datapoints other services publish. They get PutMetricData's validation,
// except that AWS/ namespaces are allowed.
func (s *Service) onMetricDataIn(ctx context.Context, md bus.MetricData) {
	s.b.Locked(func() {
		now := s.b.Now()
		err := validateNamespace(md.Namespace, true)
		if err == nil {
			err = s.validateDatums(md.MetricData, now)
		}
		if err != nil {
			s.rejected = append(s.rejected, RejectedBatch{Data: md, Err: err})
			return
		}
		data := s.deferLate(md.Namespace, md.MetricData, now, md.Source)
		stored := s.ingest(md.Namespace, data, now, true)
		bus.Publish(ctx, s.b, bus.MetricDataStored(), bus.MetricData{Namespace: md.Namespace, MetricData: stored, Source: md.Source})
	})
}

// ingest stores validated datums and, when report is true, returns them with their timestamps
// filled in (for bus.MetricDataStored). When every datum already has a timestamp the returned slice
// is data itself (no copy: subscribers handle the batch before the call returns and must copy what
// they keep, as they must for the Value pointers anyway).
func (s *Service) ingest(namespace string, data []MetricDatum, now time.Time, report bool) []MetricDatum {
	recv := now.Unix()
	var out []MetricDatum
	if report {
		for i := range data {
			if data[i].Timestamp.IsZero() {
				out = make([]MetricDatum, len(data))
				break
			}
		}
	}
	memo := &s.store.memo
	memo.begin()
	minT := int64(noRollup)
	for i := range data {
		d := &data[i]
		ts := d.Timestamp
		if ts.IsZero() {
			ts = now
		}
		unit := d.Unit
		if unit == "" {
			unit = UnitNone
		}
		// Storage granularity: 1 s for high resolution, 1 min for standard ([UG:publishingMetrics]).
		t := ts.Unix()
		if d.StorageResolution != 1 {
			t -= mod(t, 60)
		}
		minT = min(minT, t)
		switch {
		case d.Value != nil:
			u := memo.lookup(s.store, namespace, d, unit, recv)
			c := u.chunkFor(t)
			c.add(uint16(t-c.start), *d.Value, 1)
			s.store.samples++
		case len(d.Values) > 0:
			u := memo.lookup(s.store, namespace, d, unit, recv)
			c := u.chunkFor(t)
			off := uint16(t - c.start)
			for j, v := range d.Values {
				w := 1.0
				if len(d.Counts) > 0 {
					w = d.Counts[j]
				}
				if w == 0 {
					continue
				}
				c.add(off, v, w)
				s.store.samples++
			}
			// Values together with StatisticValues is accepted by AWS ([field] aws-sdk-java-v2#3080);
			// the Values are what is stored then.
		case d.StatisticValues != nil:
			s.store.AddSet(namespace, d.MetricName, d.Dimensions, unit, t, *d.StatisticValues, recv)
		}
		if out != nil {
			out[i] = *d
			out[i].Timestamp = ts
		}
	}
	if minT != noRollup {
		s.noteDataLocked(minT)
	}
	if report && out == nil {
		return data
	}
	return out
}

// PutMetricData stores datapoints ([API] PutMetricData). Validation is atomic: one bad datum fails
// the whole request, every bad member is reported, and nothing is stored. Timestamps default to the
// simulation time of the call and must lie in [now − 14 days, now + 2 hours].
func (s *Service) PutMetricData(ctx context.Context, in *PutMetricDataInput) (*PutMetricDataOutput, error) {
	op := bus.Operation{Source: Source, Name: "PutMetricData"}
	return bus.Call(ctx, s.b, op, in, func(ctx context.Context, in *PutMetricDataInput) (*PutMetricDataOutput, error) {
		if len(in.EntityMetricData) > 0 {
			return nil, bus.NotSimulated("monitoring", "PutMetricData EntityMetricData")
		}
		if err := validateNamespace(in.Namespace, s.cfg.allowAWS); err != nil {
			return nil, err
		}
		if len(in.MetricData) == 0 {
			return nil, bus.ClientError("MissingParameter", "The parameter MetricData is required.")
		}
		now := s.b.Now()
		if err := s.validateDatums(in.MetricData, now); err != nil {
			return nil, err
		}
		report := bus.HasSubscribers(s.b, bus.MetricDataStored())
		data := s.deferLate(in.Namespace, in.MetricData, now, "PutMetricData")
		stored := s.ingest(in.Namespace, data, now, report)
		if report {
			bus.Publish(ctx, s.b, bus.MetricDataStored(), bus.MetricData{Namespace: in.Namespace, MetricData: stored, Source: "PutMetricData"})
		}
		return &PutMetricDataOutput{}, nil
	})
}

// deferLate returns the datums to store now and schedules the late ones (WithLateDataDelay) to be
// stored when they become readable. Called holding the state lock.
func (s *Service) deferLate(namespace string, data []MetricDatum, now time.Time, source string) []MetricDatum {
	if s.cfg.lateRecent == 0 && s.cfg.lateOld == 0 {
		return data
	}
	var keep, recent, old []MetricDatum
	for _, d := range data {
		ts := d.Timestamp
		switch {
		case ts.IsZero() || !ts.Before(now.Add(-3*time.Hour)):
			keep = append(keep, d)
		case ts.Before(now.Add(-24*time.Hour)) && s.cfg.lateOld > 0:
			old = append(old, d)
		case !ts.Before(now.Add(-24*time.Hour)) && s.cfg.lateRecent > 0:
			recent = append(recent, d)
		default:
			keep = append(keep, d)
		}
	}
	recv := now
	for _, batch := range []struct {
		data  []MetricDatum
		delay time.Duration
	}{{recent, s.cfg.lateRecent}, {old, s.cfg.lateOld}} {
		if len(batch.data) == 0 {
			continue
		}
		pending := batch.data
		s.b.Schedule(recv.Add(batch.delay), func(ctx context.Context) {
			s.b.Locked(func() {
				// lastPut stays the time the data was received
				stored := s.ingest(namespace, pending, recv, true)
				bus.Publish(ctx, s.b, bus.MetricDataStored(), bus.MetricData{Namespace: namespace, MetricData: stored, Source: source})
			})
		})
	}
	return keep
}
