package metrics

import (
	"slices"
	"time"

	"github.com/watchsim/watchsim/internal/metricslink"
)

// The single-metric fast path for alarm evaluation.
//
// An alarm on one metric (MetricName + Statistic or ExtendedStatistic) reads the same MetricStat at
// every tick. Going through queryLocked for that costs query validation, label generation and
// result building on every evaluation; a statHandle does the validation and the metric lookup once,
// and statBuckets aggregates straight from the store into a caller-owned slice.

// bucketValue is one period of a statHandle read.
type bucketValue = metricslink.BucketValue

// statHandle is a validated single-metric MetricStat, bound to the Service that compiled it: the
// metricslink.StatReader the alarms service reads. A handle holds no lock and stays valid for the
// life of the service; it is not safe for concurrent use (like the store, it is used under the bus
// state lock).
type statHandle struct {
	s      *Service
	ms     MetricStat // private copy (dimensions cloned)
	stat   Statistic
	period int64
	// entry caches the metric once it exists (metric entries are never removed from the store).
	entry *metricEntry
	// missAt is the store's metric count at the last failed lookup: while it is unchanged no new
	// metric was created, so the lookup cannot succeed yet.
	missAt int
}

// Buckets implements metricslink.StatReader (see statBuckets).
func (h *statHandle) Buckets(start time.Time, n int, dst []bucketValue) []bucketValue {
	return h.s.statBuckets(h, start, n, dst)
}

// compileStat validates ms exactly as queryLocked validates a MetricDataQuery holding it (the
// same *bus.Error values, or the not-simulated error) and returns a handle for statBuckets. The
// caller must hold the bus state lock; it does not lock.
func (s *Service) compileStat(ms MetricStat) (*statHandle, error) {
	ms.Metric.Dimensions = slices.Clone(ms.Metric.Dimensions)
	qs, _, err := compileQueries([]MetricDataQuery{{Id: "m", MetricStat: &ms}})
	if err != nil {
		return nil, err
	}
	return &statHandle{s: s, ms: ms, stat: qs[0].stat, period: qs[0].period, missAt: -1}, nil
}

// statBuckets computes the handle's statistic over n consecutive buckets, bucket i covering
// [start+i·P, start+(i+1)·P) where P is the MetricStat period, and returns them in dst[:0] (grown
// as needed). The caller must hold the bus state lock; it does not lock and does not allocate once
// dst has room.
//
// It returns exactly what queryLocked returns for the single query {MetricStat: ms} over
// [start, start+n·P): bucket i is OK with Value and SampleCount if and only if queryLocked returns
// the timestamp start+i·P with that value and sample count. In particular: start is used as given
// (whole seconds; no StartTime rounding and no data-age rule, as queryLocked); a MetricStat Unit
// selects that unit, and without one the alphabetically first unit with data in the range is read
// (the MultipleUnits message queryLocked attaches is not reported); the service's
// PercentileMethod applies; extended statistics are unavailable for buckets with a negative value
// or a non-uniform statistic set; data delayed by WithLateDataDelay is not visible until it is
// stored, and rolled-up data is read at its rolled-up timestamps, as for every query.
func (s *Service) statBuckets(h *statHandle, start time.Time, n int, dst []bucketValue) []bucketValue {
	dst = dst[:0]
	if n <= 0 {
		return dst
	}
	dst = slices.Grow(dst, n)[:n]
	clear(dst)
	m := h.lookup()
	if m == nil {
		return dst
	}
	st := start.Unix()
	end := st + int64(n)*h.period
	u := h.unitSeries(m, st, end)
	if u == nil {
		return dst
	}
	br := bucketRange{start: st, end: end, period: h.period}
	buckets := s.scratch.bucketsFor(n)
	u.collect(br, buckets, h.stat.Extended(), &s.scratch)
	for i := range buckets {
		b := &buckets[i]
		if b.SampleCount == 0 {
			continue
		}
		if v, ok := b.Value(h.stat, s.cfg.percentile); ok {
			dst[i] = bucketValue{Value: v, SampleCount: b.SampleCount, OK: true}
		}
	}
	return dst
}

// lookup returns the handle's metric, or nil while it does not exist.
func (h *statHandle) lookup() *metricEntry {
	if h.entry != nil {
		return h.entry
	}
	st := h.s.store
	if h.missAt == st.count {
		return nil
	}
	m := st.entry(h.ms.Metric.Namespace, h.ms.Metric.MetricName, h.ms.Metric.Dimensions, false)
	if m == nil {
		h.missAt = st.count
		return nil
	}
	h.entry = m
	return m
}

// unitSeries picks the series QueryLocked reads (see run.metricSeries): the given unit, or the
// alphabetically first unit with data in [start, end). With a single unit the data check is skipped:
// a unit without data in the range yields no buckets either way.
func (h *statHandle) unitSeries(m *metricEntry, start, end int64) *unitSeries {
	if h.ms.Unit != "" {
		for _, x := range m.units {
			if x.unit == h.ms.Unit {
				return x
			}
		}
		return nil
	}
	if len(m.units) == 1 {
		return m.units[0]
	}
	for _, x := range m.units {
		if x.hasData(start, end) {
			return x
		}
	}
	return nil
}
