package metrics

import (
	"sort"

	"github.com/watchsim/watchsim/bus"
)

// The datapoint store.
//
// Layout: metric identity → one series per unit → chunks of one hour, kept sorted by start time.
// A raw sample costs 10 bytes in its chunk (a uint16 second offset and a float64 value); a sample
// whose weight is not 1 (Values/Counts, uniform statistic sets) adds 8 bytes for the weight, for
// every sample of that chunk. Statistic sets that are not N copies of one value are kept apart
// (they only feed the basic statistics). A query visits only the chunks that overlap its range, so
// its cost follows the data in range, not the data stored.

// chunkSpan is the time covered by one chunk, in seconds. Offsets fit a uint16.
const chunkSpan = 3600

type setEntry struct {
	off              uint16
	n, sum, min, max float64
}

type chunk struct {
	start int64 // Unix seconds, a multiple of chunkSpan
	off   []uint16
	val   []float64
	cnt   []float64 // nil while every weight is 1
	sets  []setEntry
	// rolled is the granularity (seconds) the offsets have been rolled up to: 0/1 raw seconds,
	// 60, 300 or 3600.
	rolled int64
}

func (c *chunk) add(off uint16, v, w float64) {
	if w != 1 && c.cnt == nil {
		c.cnt = make([]float64, len(c.val), cap(c.val))
		for i := range c.cnt {
			c.cnt[i] = 1
		}
	}
	c.off = append(c.off, off)
	c.val = append(c.val, v)
	if c.cnt != nil {
		c.cnt = append(c.cnt, w)
	}
}

// unitSeries is the data of one metric stored with one unit.
type unitSeries struct {
	unit   string
	chunks []*chunk
	last   *chunk
}

func (s *unitSeries) chunkFor(t int64) *chunk {
	start := t - mod(t, chunkSpan)
	if s.last != nil && s.last.start == start {
		return s.last
	}
	i := sort.Search(len(s.chunks), func(i int) bool { return s.chunks[i].start >= start })
	if i < len(s.chunks) && s.chunks[i].start == start {
		s.last = s.chunks[i]
		return s.last
	}
	c := &chunk{start: start}
	s.chunks = append(s.chunks, nil)
	copy(s.chunks[i+1:], s.chunks[i:])
	s.chunks[i] = c
	s.last = c
	return c
}

// metricEntry is one metric: its identity and its data per unit.
type metricEntry struct {
	metric Metric // dimensions sorted
	key    string
	units  []*unitSeries // sorted by unit
	// lastPut is the simulation time (Unix seconds) the metric last received data; ListMetrics
	// uses it for the 14-day and RecentlyActive rules.
	lastPut int64
	// firstPut is when the metric was created (for the optional ListMetrics delay).
	firstPut int64
}

func (m *metricEntry) touch(at int64) {
	if m.firstPut < 0 {
		m.firstPut = at
	}
	if at > m.lastPut {
		m.lastPut = at
	}
}

func (m *metricEntry) unit(u string) *unitSeries {
	for _, s := range m.units {
		if s.unit == u {
			return s
		}
	}
	s := &unitSeries{unit: u}
	m.units = append(m.units, s)
	sort.Slice(m.units, func(i, j int) bool { return m.units[i].unit < m.units[j].unit })
	return s
}

// Store is the in-memory datapoint store. It is not safe for concurrent use; the Service guards it
// with the bus state lock. The zero value is not usable; use [NewStore].
type Store struct {
	byKey   map[string]*metricEntry
	sorted  []*metricEntry // by key; rebuilt lazily
	dirty   bool
	keyBuf  []byte
	samples int64
	// cache of the last metric looked up (batches usually repeat a metric)
	lastKey []byte
	lastM   *metricEntry
}

// NewStore returns an empty store.
func NewStore() *Store { return &Store{byKey: make(map[string]*metricEntry)} }

// Samples returns the number of stored sample entries (raw values and statistic sets).
func (st *Store) Samples() int64 { return st.samples }

// MetricCount returns the number of distinct metrics.
func (st *Store) MetricCount() int { return len(st.byKey) }

func (st *Store) entry(namespace, name string, dims []Dimension, create bool) *metricEntry {
	st.keyBuf = appendKey(st.keyBuf[:0], namespace, name, dims)
	if st.lastM != nil && string(st.lastKey) == string(st.keyBuf) {
		return st.lastM
	}
	m := st.byKey[string(st.keyBuf)]
	if m == nil {
		if !create {
			return nil
		}
		key := string(st.keyBuf)
		m = &metricEntry{key: key, metric: Metric{Namespace: namespace, MetricName: name, Dimensions: SortedDimensions(dims)}, firstPut: -1}
		st.byKey[key] = m
		st.dirty = true
	}
	st.lastKey = append(st.lastKey[:0], st.keyBuf...)
	st.lastM = m
	return m
}

// Point is one sample to store: a value with a weight (1 for a plain Value, Counts[i] for
// Values/Counts, SampleCount for a uniform statistic set).
type Point struct {
	Time   int64 // Unix seconds (already truncated to the storage resolution)
	Value  float64
	Weight float64
}

// Add stores one weighted value for a metric. receivedAt is the simulation time (Unix seconds).
func (st *Store) Add(namespace, name string, dims []Dimension, unit string, t int64, v, weight float64, receivedAt int64) {
	m := st.entry(namespace, name, dims, true)
	m.touch(receivedAt)
	c := m.unit(unit).chunkFor(t)
	c.add(uint16(t-c.start), v, weight)
	st.samples++
}

// AddSet stores a statistic set. A set equivalent to SampleCount copies of one value is stored as
// that value with that weight, so the extended statistics stay available for it.
func (st *Store) AddSet(namespace, name string, dims []Dimension, unit string, t int64, set StatisticSet, receivedAt int64) {
	if SetIsUniform(set.SampleCount, set.Sum, set.Minimum, set.Maximum) {
		st.Add(namespace, name, dims, unit, t, set.Minimum, set.SampleCount, receivedAt)
		return
	}
	m := st.entry(namespace, name, dims, true)
	m.touch(receivedAt)
	c := m.unit(unit).chunkFor(t)
	c.sets = append(c.sets, setEntry{off: uint16(t - c.start), n: set.SampleCount, sum: set.Sum, min: set.Minimum, max: set.Maximum})
	st.samples++
}

// StatisticSet is the AWS shape StatisticSet.
type StatisticSet = bus.StatisticSet

// metrics returns the metrics sorted by key.
func (st *Store) metrics() []*metricEntry {
	if st.dirty || len(st.sorted) != len(st.byKey) {
		st.sorted = st.sorted[:0]
		for _, m := range st.byKey {
			st.sorted = append(st.sorted, m)
		}
		sort.Slice(st.sorted, func(i, j int) bool { return st.sorted[i].key < st.sorted[j].key })
		st.dirty = false
	}
	return st.sorted
}

// bucketRange describes the buckets of a query: bucket i covers [start+i·period, start+(i+1)·period).
type bucketRange struct {
	start, end, period int64
}

func (r bucketRange) count() int {
	if r.end <= r.start {
		return 0
	}
	return int((r.end - r.start + r.period - 1) / r.period)
}

// collect aggregates the series' samples in [r.start, r.end) into buckets (len = r.count()).
// With values false only the summaries are filled (enough for the basic statistics); with values
// true the buckets also get the samples, laid out in one backing array.
func (s *unitSeries) collect(r bucketRange, buckets []Bucket, values bool) {
	lo := sort.Search(len(s.chunks), func(i int) bool { return s.chunks[i].start+chunkSpan > r.start })
	var counts []int32
	if values {
		counts = make([]int32, len(buckets))
	}
	weighted := false
	// pass 1: summaries (and sample counts per bucket)
	for ci := lo; ci < len(s.chunks) && s.chunks[ci].start < r.end; ci++ {
		c := s.chunks[ci]
		if c.cnt != nil {
			weighted = true
		}
		for i, o := range c.off {
			t := c.start + int64(o)
			if t < r.start || t >= r.end {
				continue
			}
			bi := (t - r.start) / r.period
			b := &buckets[bi]
			v := c.val[i]
			w := 1.0
			if c.cnt != nil {
				w = c.cnt[i]
			}
			if b.SampleCount == 0 {
				b.Minimum, b.Maximum = v, v
			} else {
				if v < b.Minimum {
					b.Minimum = v
				}
				if v > b.Maximum {
					b.Maximum = v
				}
			}
			b.SampleCount += w
			b.Sum += v * w
			if counts != nil {
				counts[bi]++
			}
		}
		for _, e := range c.sets {
			t := c.start + int64(e.off)
			if t < r.start || t >= r.end {
				continue
			}
			buckets[(t-r.start)/r.period].AddSet(e.n, e.sum, e.min, e.max)
		}
	}
	if !values {
		return
	}
	// pass 2: lay the samples out per bucket in one backing array
	total := 0
	for _, n := range counts {
		total += int(n)
	}
	vals := make([]float64, total)
	var cnts []float64
	if weighted {
		cnts = make([]float64, total)
	}
	pos := 0
	for i := range buckets {
		n := int(counts[i])
		buckets[i].Values = vals[pos : pos : pos+n]
		if weighted {
			buckets[i].Counts = cnts[pos : pos : pos+n]
		}
		pos += n
	}
	for ci := lo; ci < len(s.chunks) && s.chunks[ci].start < r.end; ci++ {
		c := s.chunks[ci]
		for i, o := range c.off {
			t := c.start + int64(o)
			if t < r.start || t >= r.end {
				continue
			}
			b := &buckets[(t-r.start)/r.period]
			b.Values = append(b.Values, c.val[i])
			if weighted {
				w := 1.0
				if c.cnt != nil {
					w = c.cnt[i]
				}
				b.Counts = append(b.Counts, w)
			}
		}
	}
}

// hasData reports whether the series has any sample in [start, end).
func (s *unitSeries) hasData(start, end int64) bool {
	lo := sort.Search(len(s.chunks), func(i int) bool { return s.chunks[i].start+chunkSpan > start })
	for ci := lo; ci < len(s.chunks) && s.chunks[ci].start < end; ci++ {
		c := s.chunks[ci]
		for _, o := range c.off {
			if t := c.start + int64(o); t >= start && t < end {
				return true
			}
		}
		for _, e := range c.sets {
			if t := c.start + int64(e.off); t >= start && t < end {
				return true
			}
		}
	}
	return false
}

// rollUp coarsens the timestamps of data that has aged out of a retention tier (spec §1.5): older
// than 3 h → whole minutes, older than 15 days → 5 minutes, older than 63 days → hours; and drops
// chunks older than 455 days. now is Unix seconds.
func (st *Store) rollUp(now int64) {
	for _, m := range st.metrics() {
		for _, u := range m.units {
			keep := u.chunks[:0]
			for _, c := range u.chunks {
				end := c.start + chunkSpan
				age := now - end
				if age > int64(HourRetention.Seconds()) {
					st.samples -= int64(len(c.val) + len(c.sets))
					continue
				}
				var g int64
				switch {
				case age > int64(FiveMinRetention.Seconds()):
					g = 3600
				case age > int64(MinuteRetention.Seconds()):
					g = 300
				case age > int64(HighResRetention.Seconds()):
					g = 60
				}
				if g > c.rolled {
					for i, o := range c.off {
						c.off[i] = o - o%uint16(g%65536)
					}
					for i := range c.sets {
						c.sets[i].off -= c.sets[i].off % uint16(g%65536)
					}
					c.rolled = g
				}
				keep = append(keep, c)
			}
			for i := len(keep); i < len(u.chunks); i++ {
				u.chunks[i] = nil
			}
			u.chunks = keep
			u.last = nil
		}
	}
}
