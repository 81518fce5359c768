package filterpattern

import (
	"math/bits"
	"strings"
)

// substring is a compiled case-sensitive substring search for one term or quoted phrase. Its
// result is exactly strings.Contains(msg, s); what Compile chooses is only how to look.
//
// Scanning for the term's first byte (what strings.Index does) is fast when that byte is rare
// and slow when it is common: `timeout` starts with a byte found every few bytes of log text.
// So Compile picks, by a static table of how common each byte is in log text (byteRank), the
// term's rarest byte (b1, at offset i1 in the term) and a second one (b2 at i2), and the
// search tests candidate start positions k where msg[k+i1] == b1 and msg[k+i2] == b2 before
// comparing the whole term:
//
//   - scanRare: when b1 is rare in log text, strings.IndexByte (vectorised) jumps to the next
//     b1; a line that turns out to hold b1 often switches to scanPairs;
//   - scanPairs: when b1 is common, eight start positions at a time: the bytes at k+i1..k+i1+7
//     and k+i2..k+i2+7 are loaded as two words and compared with b1 and b2 in every byte lane
//     at once (the classic "has zero byte" word arithmetic), so a common b1 costs no call per
//     occurrence.
//
// Terms of one byte use strings.IndexByte; the empty term is in every message.
type substring struct {
	s      string
	i1, i2 int  // offsets in s of the two filter bytes (i1 != i2 when len(s) >= 2)
	b1, b2 byte // s[i1], s[i2]
	mode   uint8
}

const (
	searchEmpty = iota // "" occurs in every message
	searchByte         // one byte: strings.IndexByte
	searchRare         // rarest byte by strings.IndexByte, then the pair, then the term
	searchPairs        // two bytes in eight lanes at once
)

// rareRank is the byteRank below which a filter byte is scanned for with strings.IndexByte.
const rareRank = 160

// newSubstring compiles the search for s.
func newSubstring(s string) substring {
	t := substring{s: s}
	switch len(s) {
	case 0:
		t.mode = searchEmpty
		return t
	case 1:
		t.mode, t.b1 = searchByte, s[0]
		return t
	}
	// The rarest byte; on a tie the later one (a term's first bytes are often a common
	// prefix such as a digit or a lower-case letter run).
	for i := 1; i < len(s); i++ {
		if byteRank[s[i]] <= byteRank[s[t.i1]] {
			t.i1 = i
		}
	}
	// The second: the rarest byte at another offset, preferring a byte value other than b1
	// (a second copy of b1 filters less); on a tie the one farthest from i1.
	t.i2 = -1
	for i := 0; i < len(s); i++ {
		if i == t.i1 {
			continue
		}
		if t.i2 < 0 || pairBetter(s, t.i1, i, t.i2) {
			t.i2 = i
		}
	}
	t.b1, t.b2 = s[t.i1], s[t.i2]
	t.mode = searchPairs
	if int(byteRank[t.b1]) < rareRank {
		t.mode = searchRare
	}
	return t
}

// pairBetter reports whether offset i of s is a better second filter byte than offset j,
// given the first at offset i1.
func pairBetter(s string, i1, i, j int) bool {
	di, dj := s[i] != s[i1], s[j] != s[i1]
	if di != dj {
		return di
	}
	ri, rj := byteRank[s[i]], byteRank[s[j]]
	if ri != rj {
		return ri < rj
	}
	return absDiff(i, i1) > absDiff(j, i1)
}

func absDiff(a, b int) int {
	if a > b {
		return a - b
	}
	return b - a
}

// in reports whether t's term occurs in msg: strings.Contains(msg, t.s).
func (t *substring) in(msg string) bool { return t.index(msg) >= 0 }

// index returns the position of the first occurrence of t's term in msg, or -1:
// strings.Index(msg, t.s).
func (t *substring) index(msg string) int {
	switch t.mode {
	case searchEmpty:
		return 0
	case searchByte:
		return strings.IndexByte(msg, t.b1)
	case searchRare:
		return t.scanRare(msg)
	}
	return t.scanPairs(msg, 0)
}

// scanRare looks for t.b1 with strings.IndexByte. After more false candidates than the
// bytes scanned justify (the byte is common in this message after all) it continues with
// scanPairs.
func (t *substring) scanRare(msg string) int {
	n := len(t.s)
	last := len(msg) - n // the last start position
	if last < 0 {
		return -1
	}
	i1, i2 := t.i1, t.i2
	// k is the next start position to try; msg[i1+k:] is where b1 is searched.
	hay := msg[i1 : last+i1+1]
	fails := 0
	for k := 0; k <= last; {
		j := strings.IndexByte(hay[k:], t.b1)
		if j < 0 {
			return -1
		}
		k += j
		if msg[k+i2] == t.b2 && msg[k:k+n] == t.s {
			return k
		}
		k++
		fails++
		if fails > 4+k>>4 {
			return t.scanPairs(msg, k)
		}
	}
	return -1
}

// The "has zero byte" word arithmetic: for x, (x-lanes1) &^ x & lanes80 has the top bit set
// in every byte lane of x that is zero (and possibly in a lane just above a zero lane, which
// the caller's comparison rejects). It never misses a zero lane.
const (
	lanes1  = 0x0101010101010101
	lanes80 = 0x8080808080808080
)

// scanPairs tests start positions from k on, sixteen at a time.
func (t *substring) scanPairs(msg string, k int) int {
	last := len(msg) - len(t.s)
	if last < k {
		return -1
	}
	if last < 15 { // fewer than sixteen start positions in all
		for ; k <= last; k++ {
			if msg[k+t.i1] == t.b1 && msg[k+t.i2] == t.b2 && msg[k:k+len(t.s)] == t.s {
				return k
			}
		}
		return -1
	}
	p1, p2 := lanes1*uint64(t.b1), lanes1*uint64(t.b2)
	a, b := msg[t.i1:], msg[t.i2:] // a[k] is msg[k+i1], b[k] is msg[k+i2]
	for {
		if k > last-15 {
			if k > last {
				return -1
			}
			// The last block overlaps the one before: positions tested twice are harmless.
			k = last - 15
		}
		// A lane of v is zero where both bytes match: the start position is a candidate.
		v0 := (load64(a[k:k+8]) ^ p1) | (load64(b[k:k+8]) ^ p2)
		v1 := (load64(a[k+8:k+16]) ^ p1) | (load64(b[k+8:k+16]) ^ p2)
		m0 := (v0 - lanes1) &^ v0 & lanes80
		m1 := (v1 - lanes1) &^ v1 & lanes80
		if m0|m1 != 0 {
			if c := t.verify(msg, k, m0, m1); c >= 0 {
				return c
			}
		}
		k += 16
	}
}

// verify compares the term at the start positions k+j flagged in lane j of m0 (j < 8) and of
// m1 (j >= 8).
func (t *substring) verify(msg string, k int, m0, m1 uint64) int {
	n := len(t.s)
	for ; m0 != 0; m0 &= m0 - 1 {
		c := k + bits.TrailingZeros64(m0)>>3
		if msg[c:c+n] == t.s {
			return c
		}
	}
	for ; m1 != 0; m1 &= m1 - 1 {
		c := k + 8 + bits.TrailingZeros64(m1)>>3
		if msg[c:c+n] == t.s {
			return c
		}
	}
	return -1
}

// load64 returns the first eight bytes of s as a little-endian word (the compiler merges
// the byte loads into one).
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}
