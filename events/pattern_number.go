package events

import (
	"math"
	"strconv"
)

// maxComparableDigits is the number of significant decimal digits up to which a JSON number is
// compared by value. event-ruler (v1.8+) compares numbers as IEEE-754 doubles and treats a number
// a double cannot hold (its example: 20+ significant digits, such as long ids) as text only; 17
// digits is the most a double distinguishes. Trailing zeros are not significant, so
// -122.462852294185280 (17 digits) compares equal to -122.46285229418528.
const maxComparableDigits = 17

// numKey is the exact value of a comparable JSON number: (-1)^neg × m × 10^e, with m free of
// trailing zeros (0 is {0, 0, false}). Equal values have equal keys, so 300, 300.0 and 3.0e2 are
// one key; it is computed in one pass without floating point.
type numKey struct {
	m uint64
	e int64 // exponent << 1, plus 1 when negative
}

// bloom returns the bit of the key in a 1,024-bit filter.
func (k numKey) bloom() uint64 { return ((k.m + uint64(k.e)) * 0x9E3779B97F4A7C15) >> 54 }

// parseNumKey returns the key of a JSON number's text and whether the number is comparable: at
// most maxComparableDigits significant digits and inside the range of a double. Other numbers are
// matched by their literal text only, the way event-ruler treats numbers a double cannot hold.
func parseNumKey[T string | []byte](text T) (numKey, bool) {
	return parseNumKeyBytes([]byte(text))
}

// parseNumKeyBytes is parseNumKey on bytes (the hot path for event values).
func parseNumKeyBytes(text []byte) (numKey, bool) {
	var k numKey
	i := 0
	neg := false
	if i < len(text) && text[i] == '-' {
		neg = true
		i++
	}
	digits := 0
	zeros := 0 // trailing zeros not yet added to m
	exp := 0
	frac := false
	for ; i < len(text); i++ {
		c := text[i]
		if c == '.' {
			frac = true
			continue
		}
		if c < '0' || c > '9' {
			break
		}
		if frac {
			exp--
		}
		if c == '0' {
			if digits > 0 {
				zeros++
			}
			continue
		}
		digits += zeros + 1
		if digits > maxComparableDigits {
			return k, false
		}
		for ; zeros > 0; zeros-- {
			k.m *= 10
		}
		k.m = k.m*10 + uint64(c-'0')
	}
	exp += zeros
	if i < len(text) && (text[i] == 'e' || text[i] == 'E') {
		i++
		eneg := false
		if i < len(text) && (text[i] == '+' || text[i] == '-') {
			eneg = text[i] == '-'
			i++
		}
		e := 0
		for ; i < len(text); i++ {
			e = e*10 + int(text[i]-'0')
			if e > 100000 {
				e = 100000
			}
		}
		if eneg {
			e = -e
		}
		exp += e
	}
	if k.m == 0 {
		return numKey{}, true
	}
	k.e = int64(exp) << 1
	if neg {
		k.e |= 1
	}
	if sci := exp + digits - 1; sci > 307 || sci < -307 {
		// near or beyond the limits of a double: ask the parser
		f, err := strconv.ParseFloat(string(text), 64)
		if err != nil || math.IsInf(f, 0) || f == 0 {
			return k, false
		}
	}
	return k, true
}

// comparableNumber returns the value of a comparable JSON number (see parseNumKey).
func comparableNumber[T string | []byte](text T) (float64, bool) {
	if _, ok := parseNumKey(text); !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(string(text), 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false
	}
	if f == 0 {
		f = 0 // fold -0 into 0
	}
	return f, true
}
