package metrics

import (
	"hash/maphash"
	"slices"
	"sort"

	"github.com/watchsim/watchsim/bus"
)

// The datapoint store.
//
// Layout: metric identity → one series per unit → chunks of one hour, kept sorted by start time.
// A raw sample costs 10 bytes in its chunk (a uint16 second offset and a float64 value); a sample
// whose weight is not 1 (Values/Counts, uniform statistic sets) adds 8 bytes for the weight, for
// every sample of that chunk. Each chunk (one metric-hour) adds about 200 bytes of headers and slice
// headroom, so the retained heap per datapoint depends on how dense the data is: 10.9 B for a metric
// with many datapoints per hour, 13.4 B for one per minute, 26 B for one per five minutes, 21 B for
// one per minute with weights (BenchmarkServiceBytesPerDatapoint, whole Service, via PutMetricData). Statistic sets that are not N copies of one value are kept apart
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
	// blocks hold the raw samples. Only the last block grows; a full block (blockSize samples)
	// is never copied again, so ingest cost does not depend on how much the chunk already holds.
	blocks []*block
	sets   []setEntry
	// rolled is the granularity (seconds) the offsets have been rolled up to: 0/1 raw seconds,
	// 60, 300 or 3600.
	rolled int64
	// hint sizes the first block: the sample count of the chunk before it when this one was
	// created (a steady series gets a block of the right size at once; a sparse one stays small).
	hint int
}

// blockSize is the number of samples per full block.
const blockSize = 4096

type block struct {
	off []uint16
	val []float64
	cnt []float64 // nil while every weight in the block is 1
	// unsorted is set once an offset smaller than the previous one is appended (late or
	// out-of-order data). While it is clear a query binary-searches the block for its range.
	// Roll-up keeps sorted blocks sorted (it rounds offsets down, a monotone map).
	unsorted bool
}

// span returns the index range [i, j) of the samples a query of chunk-relative offsets [lo, hi)
// must visit: exactly the samples in range for a sorted block, every sample otherwise.
func (bl *block) span(lo, hi int64) (int, int) {
	if bl.unsorted {
		return 0, len(bl.off)
	}
	n := len(bl.off)
	if lo <= 0 && hi >= chunkSpan {
		return 0, n
	}
	return searchOff(bl.off, lo), searchOff(bl.off, hi)
}

// searchOff returns the first index whose offset is ≥ x in a sorted offset slice.
func searchOff(off []uint16, x int64) int {
	if x <= 0 {
		return 0
	}
	if x > 0xffff {
		return len(off)
	}
	v := uint16(x)
	i, j := 0, len(off)
	for i < j {
		h := int(uint(i+j) >> 1)
		if off[h] < v {
			i = h + 1
		} else {
			j = h
		}
	}
	return i
}

func (c *chunk) add(off uint16, v, w float64) {
	var bl *block
	if n := len(c.blocks); n > 0 && len(c.blocks[n-1].val) < blockSize {
		bl = c.blocks[n-1]
	} else {
		bl = &block{}
		if n > 0 { // later blocks are allocated at full size once
			bl.off = make([]uint16, 0, blockSize)
			bl.val = make([]float64, 0, blockSize)
		} else if c.hint > 0 {
			bl.off = make([]uint16, 0, c.hint)
			bl.val = make([]float64, 0, c.hint)
		}
		c.blocks = append(c.blocks, bl)
	}
	if w != 1 && bl.cnt == nil {
		bl.cnt = make([]float64, len(bl.val), cap(bl.val))
		for i := range bl.cnt {
			bl.cnt[i] = 1
		}
	}
	if !bl.unsorted {
		if n := len(bl.off); n > 0 && off < bl.off[n-1] {
			bl.unsorted = true
		}
	}
	bl.off = append(bl.off, off)
	bl.val = append(bl.val, v)
	if bl.cnt != nil {
		bl.cnt = append(bl.cnt, w)
	}
}

// rawLen returns the number of raw samples in the chunk.
func (c *chunk) rawLen() int {
	n := 0
	for _, bl := range c.blocks {
		n += len(bl.val)
	}
	return n
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
	if i > 0 {
		c.hint = min(s.chunks[i-1].rawLen(), blockSize)
	}
	s.chunks = append(s.chunks, nil)
	copy(s.chunks[i+1:], s.chunks[i:])
	s.chunks[i] = c
	s.last = c
	return c
}

// metricEntry is one metric: its identity and its data per unit. Entries are never removed from
// the store (roll-up drops old chunks, not metrics); statHandle caches them on that basis.
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

// metricStore is the in-memory datapoint store. It is not safe for concurrent use; the Service guards it
// with the bus state lock. The zero value is not usable; use newMetricStore.
//
// Metrics are indexed by an order-free 64-bit hash of their identity (checked against the stored
// identity on every hit), so ingest does not build a key string per datum.
type metricStore struct {
	seed   maphash.Seed
	index  map[uint64][]*metricEntry
	recent [16]recentEntry // metrics looked up lately, compared by value before hashing
	// memo resolves the repeated identities of one ingest call (seriesmemo.go).
	memo seriesMemo
	// nsName and nsHash cache the hash of the namespace last hashed (a batch has one namespace).
	nsName string
	nsHash uint64
	nsSet  bool
	next   int
	// ringMisses counts consecutive lookups the recent ring did not answer. Past ringSkipAfter
	// (a batch spanning many metrics) the ring is consulted only every ringProbeEvery lookups, until
	// it answers again.
	ringMisses  int
	lastCreated *metricEntry
	count       int
	sorted      []*metricEntry // by key; rebuilt lazily
	dirty       bool
	samples     int64
}

// newMetricStore returns an empty store.
func newMetricStore() *metricStore {
	return &metricStore{seed: maphash.MakeSeed(), index: make(map[uint64][]*metricEntry)}
}

// Samples returns the number of stored sample entries (raw values and statistic sets).
func (st *metricStore) Samples() int64 { return st.samples }

// MetricCount returns the number of distinct metrics.
func (st *metricStore) MetricCount() int { return st.count }

func mix64(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 33
	return x
}

// identityHash hashes namespace, name and the dimension set; dimension order does not matter.
func (st *metricStore) identityHash(namespace, name string, dims []Dimension) uint64 {
	if !st.nsSet || namespace != st.nsName {
		st.nsName, st.nsHash, st.nsSet = namespace, maphash.String(st.seed, namespace), true
	}
	h := st.nsHash*0x9e3779b97f4a7c15 ^ mix64(maphash.String(st.seed, name))
	var ds uint64
	for _, d := range dims {
		ds += mix64(maphash.String(st.seed, d.Name) ^ mix64(maphash.String(st.seed, d.Value)+0x632be59bd9b4e019))
	}
	return mix64(h ^ ds)
}

func hasDuplicateNames(dims []Dimension) bool {
	for i := 1; i < len(dims); i++ {
		for j := 0; j < i; j++ {
			if dims[i].Name == dims[j].Name {
				return true
			}
		}
	}
	return false
}

// sameIdentity reports whether entry m is the metric (namespace, name, dims).
func sameIdentity(m *metricEntry, namespace, name string, dims []Dimension) bool {
	if m.metric.Namespace != namespace || m.metric.MetricName != name || len(m.metric.Dimensions) != len(dims) {
		return false
	}
	if hasDuplicateNames(dims) {
		return m.key == metricKey(namespace, name, dims)
	}
	for _, d := range dims {
		found := false
		for _, e := range m.metric.Dimensions {
			if e.Name == d.Name {
				found = e.Value == d.Value
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// recentEntry remembers one lookup: the identity as the caller wrote it (dimension order included;
// the slice is a private copy) and its metric.
type recentEntry struct {
	namespace, name string
	dims            []Dimension
	m               *metricEntry
}

const (
	ringSkipAfter  = 64
	ringProbeEvery = 8
)

func (st *metricStore) entry(namespace, name string, dims []Dimension, create bool) *metricEntry {
	if st.ringMisses < ringSkipAfter || st.ringMisses%ringProbeEvery == 0 {
		for i := range st.recent {
			r := &st.recent[i]
			if r.m != nil && r.name == name && r.namespace == namespace && slices.Equal(r.dims, dims) {
				st.ringMisses = 0
				return r.m
			}
		}
	}
	st.ringMisses++
	h := st.identityHash(namespace, name, dims)
	for _, m := range st.index[h] {
		if sameIdentity(m, namespace, name, dims) {
			st.remember(namespace, name, dims, m)
			return m
		}
	}
	if !create {
		return nil
	}
	defer func() { st.remember(namespace, name, dims, st.lastCreated) }()
	m := &metricEntry{key: metricKey(namespace, name, dims), metric: Metric{Namespace: namespace, MetricName: name, Dimensions: SortedDimensions(dims)}, firstPut: -1}
	st.index[h] = append(st.index[h], m)
	st.count++
	st.dirty = true
	st.lastCreated = m
	return m
}

// remember puts a lookup in the recent ring (round robin), reusing the slot's dimension buffer.
func (st *metricStore) remember(namespace, name string, dims []Dimension, m *metricEntry) {
	r := &st.recent[st.next]
	st.next = (st.next + 1) % len(st.recent)
	r.namespace, r.name, r.m = namespace, name, m
	r.dims = append(r.dims[:0], dims...)
}

// point is one sample to store: a value with a weight (1 for a plain Value, Counts[i] for
// Values/Counts, SampleCount for a uniform statistic set).
type point struct {
	Time   int64 // Unix seconds (already truncated to the storage resolution)
	Value  float64
	Weight float64
}

// series returns the unit series of a metric, creating both as needed, and records receivedAt.
func (st *metricStore) series(namespace, name string, dims []Dimension, unit string, receivedAt int64) *unitSeries {
	m := st.entry(namespace, name, dims, true)
	m.touch(receivedAt)
	return m.unit(unit)
}

// Add stores one weighted value for a metric. receivedAt is the simulation time (Unix seconds).
func (st *metricStore) Add(namespace, name string, dims []Dimension, unit string, t int64, v, weight float64, receivedAt int64) {
	st.series(namespace, name, dims, unit, receivedAt).chunkFor(t).add(uint16(mod(t, chunkSpan)), v, weight)
	st.samples++
}

// AddPoints stores several weighted values of one metric.
func (st *metricStore) AddPoints(namespace, name string, dims []Dimension, unit string, pts []point, receivedAt int64) {
	u := st.series(namespace, name, dims, unit, receivedAt)
	for _, p := range pts {
		u.chunkFor(p.Time).add(uint16(mod(p.Time, chunkSpan)), p.Value, p.Weight)
	}
	st.samples += int64(len(pts))
}

// AddSet stores a statistic set. A set equivalent to SampleCount copies of one value is stored as
// that value with that weight, so the extended statistics stay available for it.
func (st *metricStore) AddSet(namespace, name string, dims []Dimension, unit string, t int64, set StatisticSet, receivedAt int64) {
	if setIsUniform(set.SampleCount, set.Sum, set.Minimum, set.Maximum) {
		st.Add(namespace, name, dims, unit, t, set.Minimum, set.SampleCount, receivedAt)
		return
	}
	c := st.series(namespace, name, dims, unit, receivedAt).chunkFor(t)
	c.sets = append(c.sets, setEntry{off: uint16(t - c.start), n: set.SampleCount, sum: set.Sum, min: set.Minimum, max: set.Maximum})
	st.samples++
}

// StatisticSet is the AWS shape StatisticSet.
type StatisticSet = bus.StatisticSet

// metrics returns the metrics sorted by key.
func (st *metricStore) metrics() []*metricEntry {
	if st.dirty || len(st.sorted) != st.count {
		st.sorted = st.sorted[:0]
		for _, ms := range st.index {
			st.sorted = append(st.sorted, ms...)
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

// scratch is reusable query memory (used under the bus state lock), so a query does not allocate
// in proportion to the data it reads.
type scratch struct {
	buckets []Accumulator
	vals    []float64
	cnts    []float64
	counts  []int32
	tbl     [chunkSpan]int32
}

// bucketsFor returns n zeroed buckets.
func (sc *scratch) bucketsFor(n int) []Accumulator {
	if cap(sc.buckets) < n {
		sc.buckets = make([]Accumulator, n)
	}
	b := sc.buckets[:n]
	clear(b)
	return b
}

// chunkIndex maps the offsets of one chunk to bucket indexes. For a dense chunk that lies wholly in
// the range it precomputes a table (one division per second of the chunk instead of one per
// sample); otherwise it divides per sample and reports samples outside the range.
type chunkIndex struct {
	rel, period, n int64
	useTbl         bool
	tbl            *[chunkSpan]int32
}

func (sc *scratch) index(c *chunk, r bucketRange, samples int) chunkIndex {
	ci := chunkIndex{rel: c.start - r.start, period: r.period, n: r.end - r.start, tbl: &sc.tbl}
	if ci.rel >= 0 && ci.rel+chunkSpan <= ci.n && samples >= 2048 {
		ci.useTbl = true
		for o := int64(0); o < chunkSpan; o++ {
			sc.tbl[o] = int32((ci.rel + o) / r.period)
		}
	}
	return ci
}

func (ci *chunkIndex) of(o uint16) (int, bool) {
	if ci.useTbl {
		return int(ci.tbl[o]), true
	}
	d := ci.rel + int64(o)
	if d < 0 || d >= ci.n {
		return 0, false
	}
	return int(d / ci.period), true
}

// collect aggregates the series' samples in [r.start, r.end) into buckets (len = r.count()).
// With values false only the summaries are filled (enough for the basic statistics); with values
// true the buckets also get the samples, laid out in one backing array of sc (valid until sc is
// used again).
func (s *unitSeries) collect(r bucketRange, buckets []Accumulator, values bool, sc *scratch) {
	lo := s.firstChunkEndingAfter(r.start)
	var counts []int32
	if values {
		if cap(sc.counts) < len(buckets) {
			sc.counts = make([]int32, len(buckets))
		}
		counts = sc.counts[:len(buckets)]
		clear(counts)
	}
	weighted := false
	// pass 1: summaries (and sample counts per bucket)
	for ci := lo; ci < len(s.chunks) && s.chunks[ci].start < r.end; ci++ {
		c := s.chunks[ci]
		idx := sc.index(c, r, c.rawLen())
		lo, hi := r.start-c.start, r.end-c.start
		for _, bl := range c.blocks {
			if bl.cnt != nil {
				weighted = true
			}
			i0, i1 := bl.span(lo, hi)
			for i := i0; i < i1; i++ {
				o := bl.off[i]
				bi, ok := idx.of(o)
				if !ok {
					continue
				}
				b := &buckets[bi]
				v := bl.val[i]
				w := 1.0
				if bl.cnt != nil {
					w = bl.cnt[i]
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
		}
		for _, e := range c.sets {
			if bi, ok := idx.of(e.off); ok {
				buckets[bi].AddSet(e.n, e.sum, e.min, e.max)
			}
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
	if cap(sc.vals) < total {
		sc.vals = make([]float64, total)
	}
	vals := sc.vals[:total]
	var cnts []float64
	if weighted {
		if cap(sc.cnts) < total {
			sc.cnts = make([]float64, total)
		}
		cnts = sc.cnts[:total]
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
		idx := sc.index(c, r, c.rawLen())
		lo, hi := r.start-c.start, r.end-c.start
		for _, bl := range c.blocks {
			i0, i1 := bl.span(lo, hi)
			for i := i0; i < i1; i++ {
				o := bl.off[i]
				bi, ok := idx.of(o)
				if !ok {
					continue
				}
				b := &buckets[bi]
				b.Values = append(b.Values, bl.val[i])
				if weighted {
					w := 1.0
					if bl.cnt != nil {
						w = bl.cnt[i]
					}
					b.Counts = append(b.Counts, w)
				}
			}
		}
	}
}

// firstChunkEndingAfter returns the index of the first chunk that ends after t (len(chunks) if
// none). Reads of recent data (alarm evaluations) start in one of the last two chunks: those are
// checked before the binary search.
func (s *unitSeries) firstChunkEndingAfter(t int64) int {
	n := len(s.chunks)
	if n == 0 || s.chunks[n-1].start+chunkSpan <= t {
		return n
	}
	if n == 1 || s.chunks[n-2].start+chunkSpan <= t {
		return n - 1
	}
	return sort.Search(n, func(i int) bool { return s.chunks[i].start+chunkSpan > t })
}

// hasData reports whether the series has any sample in [start, end).
func (s *unitSeries) hasData(start, end int64) bool {
	lo := s.firstChunkEndingAfter(start)
	for ci := lo; ci < len(s.chunks) && s.chunks[ci].start < end; ci++ {
		c := s.chunks[ci]
		if c.start >= start && c.start+chunkSpan <= end && (c.rawLen() > 0 || len(c.sets) > 0) {
			return true
		}
		for _, bl := range c.blocks {
			for _, o := range bl.off {
				if t := c.start + int64(o); t >= start && t < end {
					return true
				}
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

// rollUp coarsens the timestamps of data that has aged out of a retention tier ([API] GetMetricStatistics;
// [UG:cloudwatch_concepts], "Metrics retention"): older
// than 3 h → whole minutes, older than 15 days → 5 minutes, older than 63 days → hours; and drops
// chunks older than 455 days. now is Unix seconds.
//
// It returns the earliest Unix time at which a remaining chunk crosses its next retention boundary
// (noRollup if none), so the service schedules the next pass for then.
func (st *metricStore) rollUp(now int64) (next int64) {
	next = noRollup
	for _, m := range st.metrics() {
		for _, u := range m.units {
			keep := u.chunks[:0]
			for _, c := range u.chunks {
				end := c.start + chunkSpan
				age := now - end
				if age > int64(HourRetention.Seconds()) {
					st.samples -= int64(c.rawLen() + len(c.sets))
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
					for _, bl := range c.blocks {
						for i, o := range bl.off {
							bl.off[i] = o - o%uint16(g%65536)
						}
					}
					for i := range c.sets {
						c.sets[i].off -= c.sets[i].off % uint16(g%65536)
					}
					c.rolled = g
				}
				keep = append(keep, c)
				next = min(next, nextBoundary(end, now))
			}
			for i := len(keep); i < len(u.chunks); i++ {
				u.chunks[i] = nil
			}
			u.chunks = keep
			u.last = nil
		}
	}
	return next
}
