package metrics

import (
	"testing"

	"pgregory.net/rapid"
)

// A query over a sorted block binary-searches it for its range; the result must equal a full scan
// of the same samples (the unsorted path), bucket by bucket and exactly (same sample order).
func TestPropertySortedBlockScanEqualsFullScan(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		u := &unitSeries{unit: UnitNone}
		n := rapid.IntRange(0, 300).Draw(t, "n")
		base := int64(rapid.IntRange(0, 3).Draw(t, "hour")) * chunkSpan
		ordered := rapid.Bool().Draw(t, "ordered")
		off := 0
		for i := 0; i < n; i++ {
			if ordered {
				off = min(off+rapid.IntRange(0, 60).Draw(t, "step"), chunkSpan*3-1)
			} else {
				off = rapid.IntRange(0, chunkSpan*3-1).Draw(t, "off")
			}
			ts := base + int64(off)
			c := u.chunkFor(ts)
			w := 1.0
			if rapid.IntRange(0, 9).Draw(t, "weighted") == 0 {
				w = float64(rapid.IntRange(2, 5).Draw(t, "w"))
			}
			c.add(uint16(ts-c.start), float64(rapid.IntRange(-50, 1000).Draw(t, "v")), w)
		}
		if rapid.Bool().Draw(t, "rolled") {
			g := uint16(rapid.SampledFrom([]int{60, 300, 3600}).Draw(t, "g"))
			for _, c := range u.chunks {
				for _, bl := range c.blocks {
					for i, o := range bl.off {
						bl.off[i] = o - o%g
					}
				}
			}
		}
		period := int64(rapid.SampledFrom([]int{1, 10, 60, 300, 3600}).Draw(t, "period"))
		start := base + int64(rapid.IntRange(-3600, chunkSpan*3).Draw(t, "start"))
		r := bucketRange{start: start, end: start + period*int64(rapid.IntRange(1, 50).Draw(t, "buckets")), period: period}
		values := rapid.Bool().Draw(t, "values")
		var sc scratch
		got := make([]Accumulator, r.count())
		u.collect(r, got, values, &sc)
		got = cloneBuckets(got)
		for _, c := range u.chunks {
			for _, bl := range c.blocks {
				bl.unsorted = true
			}
		}
		want := make([]Accumulator, r.count())
		u.collect(r, want, values, &sc)
		for i := range want {
			g, w := got[i], want[i]
			if g.SampleCount != w.SampleCount || g.Sum != w.Sum || g.Minimum != w.Minimum || g.Maximum != w.Maximum ||
				len(g.Values) != len(w.Values) || len(g.Counts) != len(w.Counts) {
				t.Fatalf("bucket %d: binary search %+v, full scan %+v", i, g, w)
			}
			for k := range w.Values {
				if g.Values[k] != w.Values[k] || (w.Counts != nil && g.Counts[k] != w.Counts[k]) {
					t.Fatalf("bucket %d sample %d differs", i, k)
				}
			}
		}
	})
}

func cloneBuckets(bs []Accumulator) []Accumulator {
	out := make([]Accumulator, len(bs))
	for i, b := range bs {
		out[i] = b
		out[i].Values = append([]float64(nil), b.Values...)
		if b.Counts != nil {
			out[i].Counts = append([]float64(nil), b.Counts...)
		}
	}
	return out
}

func TestSearchOff(t *testing.T) {
	off := []uint16{0, 0, 5, 5, 5, 60, 3599}
	for _, c := range []struct {
		x    int64
		want int
	}{{-10, 0}, {0, 0}, {1, 2}, {5, 2}, {6, 5}, {60, 5}, {61, 6}, {3599, 6}, {3600, 7}, {70000, 7}} {
		if got := searchOff(off, c.x); got != c.want {
			t.Errorf("searchOff(%d) = %d, want %d", c.x, got, c.want)
		}
	}
}

// firstChunkEndingAfter (last-two-chunks shortcut, then binary search) equals a plain search.
func TestPropertyFirstChunkEndingAfter(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		u := &unitSeries{}
		for _, h := range rapid.SliceOfNDistinct(rapid.IntRange(0, 50), 0, 20, rapid.ID[int]).Draw(t, "hours") {
			u.chunkFor(int64(h) * chunkSpan)
		}
		x := int64(rapid.IntRange(-chunkSpan, 52*chunkSpan).Draw(t, "t"))
		want := len(u.chunks)
		for i, c := range u.chunks {
			if c.start+chunkSpan > x {
				want = i
				break
			}
		}
		if got := u.firstChunkEndingAfter(x); got != want {
			t.Fatalf("firstChunkEndingAfter(%d) = %d, want %d", x, got, want)
		}
	})
}
