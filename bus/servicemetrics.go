package bus

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"
)

// Service metrics: the one path by which a simulated resource reports the metrics AWS publishes for
// it (AWS/SQS, AWS/Lambda, AWS/EC2 of a custom simulator, …). A resource owns a [ServiceMetric] for
// each counter or distribution it reports and a [Sampler] for its gauges; the kernel aggregates
// the samples of each minute into one StatisticSet datum and publishes the minute's data on
// [MetricDataIn] once the minute ends. Data on MetricDataIn may use the reserved "AWS/" namespaces
// that user PutMetricData may not.
//
// Cost model: work is done per observation (a lock and a few additions) and per minute that had
// activity (one publication for every resource active in it). A resource with no activity costs
// nothing: there is no timer per resource, only one flush timer per Bus, pending only while some
// minute has data or some sampler is awake. Nothing is metered while nothing subscribes to
// MetricDataIn (no metrics service on the Bus).

// ServiceMetricsSource is the [MetricData.Source] of the data the kernel publishes for service metrics.
const ServiceMetricsSource = "bus:service-metrics"

// MetricPeriod is the reporting cadence of a [Sampler].
type MetricPeriod int

// The cadences of a Sampler: every minute (SQS queue depth, EC2 detailed monitoring), every five
// minutes (EC2 basic monitoring), or once a day at 00:00 UTC (S3 storage metrics).
const (
	EveryMinute MetricPeriod = iota + 1
	EveryFiveMinutes
	Daily
)

func (p MetricPeriod) seconds() int64 {
	switch p {
	case EveryFiveMinutes:
		return 300
	case Daily:
		return 86400
	}
	return 60
}

// ServiceMetric accumulates the samples of one metric of one resource — a namespace, a metric name,
// dimensions and a unit — and reports, for every minute that had samples, one datum with their
// SampleCount, Sum, Minimum and Maximum, stamped with the minute's start. Create it with
// [NewServiceMetric]; it is safe for concurrent use.
type ServiceMetric struct {
	m         *metering
	namespace string
	name      string
	unit      string
	dims      []Dimension

	// guarded by m.mu
	minute int64 // start (Unix seconds) of the minute set belongs to
	set    StatisticSet
	queued bool // in m.dirty
}

// NewServiceMetric returns the metric name of namespace with the given unit (a CloudWatch unit such as
// "Count", "Bytes", "Seconds", "Milliseconds" or "Percent") and dimensions. The namespace and name
// must not be empty.
func NewServiceMetric(b *Bus, namespace, name, unit string, dims ...Dimension) (*ServiceMetric, error) {
	if b == nil {
		return nil, errors.New("bus: NewServiceMetric: nil *Bus")
	}
	if namespace == "" || name == "" {
		return nil, errors.New("bus: NewServiceMetric: the namespace and the metric name must not be empty")
	}
	if err := b.closedErr("NewServiceMetric"); err != nil {
		return nil, err
	}
	return mustServiceMetric(b, namespace, name, unit, dims...), nil
}

// mustServiceMetric is NewServiceMetric for the fakes' constant arguments (a fake that exists may
// make metrics after Close; they record nothing then).
func mustServiceMetric(b *Bus, namespace, name, unit string, dims ...Dimension) *ServiceMetric {
	return &ServiceMetric{m: b.metering(), namespace: namespace, name: name, unit: unit,
		dims: append([]Dimension(nil), dims...)}
}

// Name returns the metric name.
func (s *ServiceMetric) Name() string { return s.name }

// Observe records one sample v at the current simulation time: Observe(1) per message for a count,
// Observe(size) per request for a size, Observe(0) or Observe(1) per invocation for a rate such as
// Lambda's Errors (whose Sum is the count and Average the rate).
func (s *ServiceMetric) Observe(v float64) {
	if !s.m.on() {
		return
	}
	s.observeAt(s.m.b.Now(), v)
}

// observeAt is Observe at now, for callers that already read the clock; it does not check on().
func (s *ServiceMetric) observeAt(now time.Time, v float64) {
	m := s.m
	minute := floorTo(now.Unix(), 60)
	m.mu.Lock()
	if s.minute != minute || s.set.SampleCount == 0 {
		if s.set.SampleCount > 0 {
			// Data of an earlier minute whose flush has not run yet (work due at the same instant
			// ran first): keep it for that flush.
			m.ready = append(m.ready, s.datum())
		}
		s.minute, s.set = minute, StatisticSet{SampleCount: 1, Sum: v, Minimum: v, Maximum: v}
		if !s.queued {
			s.queued = true
			m.dirty = append(m.dirty, s)
		}
		m.wantLocked(minute + 60)
	} else {
		s.set.SampleCount++
		s.set.Sum += v
		s.set.Minimum = min(s.set.Minimum, v)
		s.set.Maximum = max(s.set.Maximum, v)
	}
	m.mu.Unlock()
}

func (s *ServiceMetric) datum() meteredDatum {
	set := s.set
	return meteredDatum{namespace: s.namespace, d: MetricDatum{MetricName: s.name, Dimensions: s.dims,
		Timestamp: time.Unix(s.minute, 0).UTC(), StatisticValues: &set, Unit: s.unit}}
}

// SampleFunc reports a resource's gauges for the period that starts at start and ends now: it
// returns the datums to publish (their timestamps default to start) and whether the resource is
// still active. A resource that is no longer active is not sampled again until [Sampler.Wake].
// It runs without any lock of the Bus held.
type SampleFunc func(start time.Time) (data []MetricDatum, active bool)

// Sampler samples a resource's gauges (SQS queue depth, EC2 CPU utilisation, S3 bucket size, …) at
// the end of every period while the resource is active. A resource calls Wake on activity; the
// sampler then runs at each period end until its SampleFunc says the resource went idle. A sampler
// that is not awake costs nothing.
type Sampler struct {
	m         *metering
	namespace string
	period    MetricPeriod
	fn        SampleFunc
	// state holds samplerAwake (set under m.mu, read without it on the hot path) and samplerPoked
	// (woken while awake since the last sample: keeps it awake) in one word, so that going to sleep
	// and being poked cannot cross.
	state atomic.Uint32
}

// NewSampler returns a sampler of namespace with the given cadence. It is asleep until [Sampler.Wake].
func NewSampler(b *Bus, namespace string, period MetricPeriod, fn SampleFunc) (*Sampler, error) {
	if b == nil {
		return nil, errors.New("bus: NewSampler: nil *Bus")
	}
	if namespace == "" {
		return nil, errors.New("bus: NewSampler: the namespace must not be empty")
	}
	if period < EveryMinute || period > Daily {
		return nil, errors.New("bus: NewSampler: the period must be EveryMinute, EveryFiveMinutes or Daily")
	}
	if fn == nil {
		return nil, errors.New("bus: NewSampler: nil SampleFunc")
	}
	if err := b.closedErr("NewSampler"); err != nil {
		return nil, err
	}
	return &Sampler{m: b.metering(), namespace: namespace, period: period, fn: fn}, nil
}

// Wake makes the sampler run at the end of the current period and every period after it, until its
// SampleFunc reports the resource idle. Waking an awake sampler does nothing.
func (s *Sampler) Wake() {
	if !s.m.on() {
		return
	}
	s.wakeAt(s.m.b.Now())
}

// wakeAt is Wake at now; it does not check whether metering is on.
func (s *Sampler) wakeAt(now time.Time) {
	for st := s.state.Load(); st&samplerAwake != 0; st = s.state.Load() {
		if st&samplerPoked != 0 || s.state.CompareAndSwap(st, st|samplerPoked) {
			return
		}
	}
	m := s.m
	m.mu.Lock()
	if s.state.Load()&samplerAwake == 0 {
		s.state.Or(samplerAwake)
		m.samplers = append(m.samplers, s)
		p := s.period.seconds()
		m.wantLocked(floorTo(now.Unix(), p) + p)
	}
	m.mu.Unlock()
}

// Awake reports whether the sampler will run at the end of the current period.
func (s *Sampler) Awake() bool { return s.state.Load()&samplerAwake != 0 }

// The bits of Sampler.state.
const (
	samplerAwake uint32 = 1 << iota
	samplerPoked
)

type meteredDatum struct {
	namespace string
	d         MetricDatum
}

// metering is a Bus's service-metrics state: the metrics with data in an unpublished minute, the
// awake samplers, and the one flush timer.
type metering struct {
	b     *Bus
	onFor atomic.Pointer[onCache] // on() for the current subscriber map

	mu       sync.Mutex
	dirty    []*ServiceMetric
	ready    []meteredDatum
	samplers []*Sampler
	due      []*Sampler // flush's scratch list of the samplers due (flush runs one at a time)
	timer    *Timer
	next     int64 // Unix seconds of the pending flush; 0 when none
}

// metering returns the Bus's service-metrics state, creating it on first use.
func (b *Bus) metering() *metering {
	if m := b.meter.Load(); m != nil {
		return m
	}
	b.meter.CompareAndSwap(nil, &metering{b: b})
	return b.meter.Load()
}

// onCache is the answer of on() for one (copy-on-write) subscriber map of the Bus.
type onCache struct {
	subs *map[string]any
	on   bool
}

// on reports whether anything stores metric data (a metrics service subscribes to MetricDataIn).
// The answer is cached per subscriber map: two atomic loads on the hot path.
func (m *metering) on() bool {
	subs := m.b.subs.Load()
	if c := m.onFor.Load(); c != nil && c.subs == subs {
		return c.on
	}
	s, _ := (*subs)[MetricDataIn().Name].(*topicState[MetricData])
	on := s != nil && len(s.subs) > 0
	m.onFor.Store(&onCache{subs: subs, on: on})
	return on
}

// wantLocked makes sure a flush runs at Unix second at or earlier. m.mu must be held.
func (m *metering) wantLocked(at int64) {
	if m.next != 0 && m.next <= at {
		return
	}
	m.next = at
	t := time.Unix(at, 0).UTC()
	if m.timer == nil {
		m.timer = m.b.Schedule(t, m.flush)
		return
	}
	m.timer.Reset(t)
}

// flush publishes every minute that ended and runs the samplers whose period ended.
func (m *metering) flush(ctx context.Context) {
	now := m.b.Now().Unix()
	m.mu.Lock()
	// The samplers due are those of the instant the flush was scheduled for: on a real clock it may
	// run a second or more after it, and a period's sample must not be skipped for that.
	at := m.next
	if at == 0 || at > now {
		at = now
	}
	m.next = 0
	due := m.due[:0]
	for _, s := range m.samplers {
		if at%s.period.seconds() == 0 {
			due = append(due, s)
		}
	}
	var out nsBatches
	out.grow(len(m.ready) + len(m.dirty) + 4*len(due))
	for _, r := range m.ready {
		out.add(r.namespace, r.d)
	}
	m.ready = nil
	keep := m.dirty[:0]
	for _, s := range m.dirty {
		if s.minute+60 <= now {
			d := s.datum()
			out.add(d.namespace, d.d)
			s.set, s.queued = StatisticSet{}, false
			continue
		}
		keep = append(keep, s)
	}
	clear(m.dirty[len(keep):])
	m.dirty = keep
	m.mu.Unlock()

	var idle map[*Sampler]bool
	for _, s := range due {
		p := s.period.seconds()
		start := time.Unix(at-p, 0).UTC()
		s.state.And(^samplerPoked)
		data, active := s.fn(start)
		for _, d := range data {
			if d.Timestamp.IsZero() {
				d.Timestamp = start
			}
			out.add(s.namespace, d)
		}
		if !active {
			if idle == nil {
				idle = map[*Sampler]bool{}
			}
			idle[s] = true
		}
	}

	clear(due)
	m.mu.Lock()
	m.due = due[:0]
	if len(idle) > 0 {
		awake := m.samplers[:0]
		for _, s := range m.samplers {
			// Asleep only if not poked since the sample: the swap fails when a wake came in between.
			if idle[s] && s.state.CompareAndSwap(samplerAwake, 0) {
				continue
			}
			awake = append(awake, s)
		}
		clear(m.samplers[len(awake):])
		m.samplers = awake
	}
	for _, s := range m.dirty {
		m.wantLocked(s.minute + 60)
	}
	for _, s := range m.samplers {
		p := s.period.seconds()
		m.wantLocked(floorTo(now, p) + p)
	}
	m.mu.Unlock()
	for _, bt := range out {
		PublishMetricData(ctx, m.b, bt.ns, bt.data, ServiceMetricsSource)
	}
}

// nsBatches is one flush's data grouped by namespace, in first-seen order (a flush has few
// namespaces, so a linear search is the cheapest lookup).
type nsBatches []nsBatch

type nsBatch struct {
	ns   string
	data []MetricDatum
}

// grow reserves room for n datums in the first batch, which usually gets them all.
func (o *nsBatches) grow(n int) {
	if n > 0 {
		*o = append(*o, nsBatch{data: make([]MetricDatum, 0, n)})
	}
}

func (o *nsBatches) add(ns string, d MetricDatum) {
	bs := *o
	for i := range bs {
		if bs[i].ns == ns || (bs[i].ns == "" && len(bs[i].data) == 0) {
			bs[i].ns = ns
			bs[i].data = append(bs[i].data, d)
			return
		}
	}
	*o = append(bs, nsBatch{ns: ns, data: []MetricDatum{d}})
}

// PublishMetricData publishes data under namespace on [MetricDataIn], in batches of at most 1,000
// datums (the most one MetricData message carries). source names the publisher ([MetricData.Source]).
// It is the kernel end of every service-originated datapoint: the service metrics of the fakes and of
// custom simulators, and the AWS/Logs and AWS/Events metrics of those services.
func PublishMetricData(ctx context.Context, b *Bus, namespace string, data []MetricDatum, source string) {
	for len(data) > 0 {
		n := min(len(data), 1000)
		Publish(ctx, b, MetricDataIn(), MetricData{Namespace: namespace, MetricData: data[:n:n], Source: source})
		data = data[n:]
	}
}

// floorTo rounds the Unix time t down to a multiple of p seconds.
func floorTo(t, p int64) int64 { return t - ((t%p)+p)%p }
