package metrics

// The per-call series memo of ingest. A PutMetricData batch usually names a handful of metrics
// many times over, interleaved (the datums of ten services, one after the other). Resolving each
// datum's identity in the store compares the strings of the recent-identity ring entry by entry;
// the memo instead files each series it resolved under a fingerprint of the datum's identity as
// the caller wrote it, so a repeat costs one fingerprint, one slot and one exact comparison.

// memoBits is log2 of the number of memo slots.
const memoBits = 6

// memoSlot is one series resolved during call gen: the identity as the datum wrote it (the
// caller's strings and dimension slice, only read while that call runs) and its unit series.
type memoSlot struct {
	gen        uint64
	fp         uint64
	name, unit string
	dims       []Dimension
	u          *unitSeries
}

// seriesMemo maps datum identities to unit series for the length of one ingest call (one
// namespace, one receive time). Its slots are valid only for the generation begin last returned,
// so nothing is cleared between calls and no stale series is ever answered.
type seriesMemo struct {
	gen   uint64
	last  int // the slot that answered the previous datum
	slots [1 << memoBits]memoSlot
}

// begin starts a new call: every slot filled before is from now on ignored.
func (m *seriesMemo) begin() { m.gen++ }

// lookup returns the unit series of d (in unit, of namespace), resolving it in st (which records
// recv as its last put) the first time the call meets that identity, or when another identity
// took its slot. Consecutive datums of one metric are answered by the previous datum's slot
// without a fingerprint. A hit is verified exactly: the fingerprint only picks the slot.
func (m *seriesMemo) lookup(st *metricStore, namespace string, d *MetricDatum, unit string, recv int64) *unitSeries {
	if sl := &m.slots[m.last]; sl.gen == m.gen && sl.matches(d.MetricName, unit, d.Dimensions) {
		return sl.u
	}
	fp := identityFingerprint(d.MetricName, unit, d.Dimensions)
	m.last = int(fp >> (64 - memoBits))
	sl := &m.slots[m.last]
	if sl.gen == m.gen && sl.fp == fp && sl.matches(d.MetricName, unit, d.Dimensions) {
		return sl.u
	}
	u := st.series(namespace, d.MetricName, d.Dimensions, unit, recv)
	*sl = memoSlot{gen: m.gen, fp: fp, name: d.MetricName, unit: unit, dims: d.Dimensions, u: u}
	return u
}

// matches reports whether the slot holds exactly this identity as written (dimension order
// included). Dimension values, which tell a batch's metrics apart most often, are compared first.
func (sl *memoSlot) matches(name, unit string, dims []Dimension) bool {
	if len(sl.dims) != len(dims) {
		return false
	}
	for i := range dims {
		if sl.dims[i].Value != dims[i].Value || sl.dims[i].Name != dims[i].Name {
			return false
		}
	}
	return sl.name == name && sl.unit == unit
}

// identityFingerprint mixes the lengths and last (up to) eight bytes of the metric name, the unit
// and every dimension name and value, in order. It reads no more than that, so it costs a few
// nanoseconds; identities that differ only further from their ends share a fingerprint, which
// costs a store lookup, never a wrong answer.
func identityFingerprint(name, unit string, dims []Dimension) uint64 {
	h := tailWord(name)*0x9e3779b97f4a7c15 ^ tailWord(unit)
	for i := range dims {
		h = (h ^ tailWord(dims[i].Name)) * 0xff51afd7ed558ccd
		h = (h ^ tailWord(dims[i].Value)) * 0xc4ceb9fe1a85ec53
	}
	h ^= h >> 32
	h *= 0xd6e8feb86659fd93
	return h ^ h>>29
}

// tailWord packs the last eight bytes of s with its length; a shorter s gives its first and last
// four bytes (overlapping), or for fewer than four its first, middle and last byte.
func tailWord(s string) uint64 {
	n := len(s)
	switch {
	case n >= 8:
		t := s[n-8:]
		w := uint64(t[0]) | uint64(t[1])<<8 | uint64(t[2])<<16 | uint64(t[3])<<24 |
			uint64(t[4])<<32 | uint64(t[5])<<40 | uint64(t[6])<<48 | uint64(t[7])<<56
		return w ^ uint64(n)*0x2545f4914f6cdd1d
	case n >= 4:
		h, t := s[:4], s[n-4:]
		return (uint64(h[0]) | uint64(h[1])<<8 | uint64(h[2])<<16 | uint64(h[3])<<24 |
			uint64(t[0])<<32 | uint64(t[1])<<40 | uint64(t[2])<<48 | uint64(t[3])<<56) ^ uint64(n)
	case n > 0:
		return uint64(s[0])<<16 | uint64(s[n/2])<<8 | uint64(s[n-1]) | uint64(n)<<24
	}
	return 0
}
