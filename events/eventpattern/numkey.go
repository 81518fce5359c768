package eventpattern

import (
	"encoding/binary"
	"math/bits"

	"github.com/watchsim/watchsim/internal/jsonscan"
)

// keyState records whether a number leaf's exact key was computed while the event was read.
type keyState uint8

const (
	keyUnknown    keyState = iota // not computed: numberKey parses the text
	keyComparable                 // key holds the number's exact key
	keyTextOnly                   // the number is compared by its literal text only
)

// resolveNumKey returns a number's key from what scanNumKey found (st, k), or, when st is
// keyUnknown, by parsing its text.
func resolveNumKey(st keyState, k numKey, text []byte) (numKey, bool) {
	switch st {
	case keyComparable:
		return k, true
	case keyTextOnly:
		return numKey{}, false
	}
	return parseNumKeyBytes(text)
}

// scanNumKey reads the JSON number at the start of s and computes its exact key in the same pass
// (the event path: each byte of a number is looked at once; see resolveNumKey). n is the number's length, 0 when s
// does not start with a valid JSON number. For the common shape -?int(.frac)? with at most 19
// digits it returns the key and whether the number is comparable, with st set; for anything else
// (an exponent, more digits, a leading zero followed by a digit) it falls back to jsonscan.Number and
// leaves st as keyUnknown, so the key is computed by parseNumKeyBytes if a pattern needs it.
//
// The result equals jsonscan.Number's length and parseNumKeyBytes's key (TestScanNumKey).
func scanNumKey(s []byte) (n int, k numKey, st keyState) {
	i := 0
	neg := false
	if len(s) > 0 && s[0] == '-' {
		neg = true
		i = 1
	}
	if i >= len(s) || s[i]-'0' > 9 {
		return 0, k, keyUnknown
	}
	var m uint64
	nd := 0 // digits added to m (leading zeros of "0.000…" included)
	if s[i] == '0' {
		i++
		if i < len(s) && s[i]-'0' <= 9 {
			return jsonscan.Number(s), k, keyUnknown // invalid (leading zero): let scanNumber say so
		}
	} else {
		m, nd, i = addDigits(s, i, 0, 0)
	}
	exp := 0
	if i < len(s) && s[i] == '.' {
		i++
		start := i
		m, nd, i = addDigits(s, i, m, nd)
		if i == start {
			return 0, k, keyUnknown
		}
		exp = start - i
	}
	if i < len(s) && s[i]|0x20 == 'e' || nd > 19 {
		return jsonscan.Number(s), k, keyUnknown
	}
	if m == 0 {
		return i, numKey{}, keyComparable
	}
	for m%10 == 0 {
		m /= 10
		exp++
	}
	if m >= 1e17 { // more than maxComparableDigits significant digits
		return i, k, keyTextOnly
	}
	k.m = m
	k.e = int64(exp) << 1
	if neg {
		k.e |= 1
	}
	return i, k, keyComparable
}

// addDigits appends the run of decimal digits at s[i:] to m (nd digits so far) and returns the
// new value, digit count and position. Eight bytes are classified and converted at a time while
// eight remain; m is meaningless once nd exceeds 19 (the caller then falls back).
func addDigits(s []byte, i int, m uint64, nd int) (uint64, int, int) {
	for len(s)-i >= 8 && nd <= 19 {
		v := binary.LittleEndian.Uint64(s[i:]) ^ 0x3030303030303030 // digits become 0..9
		// a byte is not a digit if its high nibble is set or its low nibble is above 9
		bad := v&0xF0F0F0F0F0F0F0F0 | (v&0x0F0F0F0F0F0F0F0F+0x0606060606060606)&0x1010101010101010
		c := bits.TrailingZeros64(bad) >> 3 // leading digit bytes (8 when all are digits)
		if c == 0 {
			return m, nd, i
		}
		// keep the c digits, moved to the low-order end of an eight-digit number
		d := v << (64 - 8*uint(c))
		m = m*pow10u[c] + eightDigitValues(d)
		nd += c
		i += c
		if c < 8 {
			return m, nd, i
		}
	}
	for i < len(s) && s[i]-'0' <= 9 {
		m = m*10 + uint64(s[i]-'0')
		nd++
		i++
	}
	return m, nd, i
}

// eightDigitValues converts eight bytes holding the digit values 0..9 (the first digit in the
// lowest byte) to their number, with the SWAR steps of parseEightDigits.
func eightDigitValues(v uint64) uint64 {
	const mask = 0x000000FF000000FF
	const mul1 = 100 + 1000000<<32
	const mul2 = 1 + 10000<<32
	v = v*10 + v>>8
	return ((v&mask)*mul1 + (v>>16&mask)*mul2) >> 32
}
