package eventpattern

import (
	"encoding/binary"
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

// bloom returns the bit of the key in a 4,096-bit filter.
func (k numKey) bloom() uint64 { return ((k.m + uint64(k.e)) * 0x9E3779B97F4A7C15) >> 52 }

// parseNumKey returns the key of a JSON number's text and whether the number is comparable: at
// most maxComparableDigits significant digits and inside the range of a double. Other numbers are
// matched by their literal text only, the way event-ruler treats numbers a double cannot hold.
func parseNumKey[T string | []byte](text T) (numKey, bool) {
	return parseNumKeyBytes([]byte(text))
}

// parseNumKeyBytes is parseNumKey on bytes (the hot path for event values).
func parseNumKeyBytes(text []byte) (numKey, bool) {
	if k, ok, done := fastNumKey(text); done {
		return k, ok
	}
	return slowNumKey(text)
}

// fastNumKey handles the common shape -?digits(.digits)? with at most 19 significant digits and
// no exponent (text is a valid JSON number); done is false when the number needs slowNumKey.
func fastNumKey(text []byte) (k numKey, ok, done bool) {
	i := 0
	neg := false
	if len(text) > 0 && text[0] == '-' {
		neg = true
		i = 1
	}
	j := i
	for j < len(text) && text[j]-'0' <= 9 {
		j++
	}
	intPart := text[i:j]
	var fracPart []byte
	if j < len(text) && text[j] == '.' {
		f := j + 1
		j = f
		for j < len(text) && text[j]-'0' <= 9 {
			j++
		}
		fracPart = text[f:j]
	}
	if j != len(text) {
		return k, false, false // exponent: slow path
	}
	exp := -len(fracPart)
	for len(intPart) > 0 && intPart[0] == '0' {
		intPart = intPart[1:]
	}
	if len(intPart) == 0 {
		for len(fracPart) > 0 && fracPart[0] == '0' {
			fracPart = fracPart[1:]
		}
	}
	if len(intPart)+len(fracPart) > 19 {
		return k, false, false
	}
	m := appendDigits(appendDigits(0, intPart), fracPart)
	if m == 0 {
		return numKey{}, true, true
	}
	nd := len(intPart) + len(fracPart)
	for m%10 == 0 {
		m /= 10
		exp++
		nd--
	}
	if nd > maxComparableDigits {
		return k, false, true
	}
	k.m = m
	k.e = int64(exp) << 1
	if neg {
		k.e |= 1
	}
	return k, true, true
}

// appendDigits returns m followed by the decimal digits d (the result must fit in a uint64),
// converting eight digits at a time.
func appendDigits(m uint64, d []byte) uint64 {
	for len(d) >= 8 {
		m = m*100000000 + parseEightDigits(d)
		d = d[8:]
	}
	for _, c := range d {
		m = m*10 + uint64(c-'0')
	}
	return m
}

// parseEightDigits converts eight ASCII digits with SWAR arithmetic: pairs, then quads, then the
// two halves are combined by multiplication.
func parseEightDigits(b []byte) uint64 {
	const mask = 0x000000FF000000FF
	const mul1 = 100 + 1000000<<32
	const mul2 = 1 + 10000<<32
	v := binary.LittleEndian.Uint64(b) - 0x3030303030303030
	v = v*10 + v>>8
	return ((v&mask)*mul1 + (v>>16&mask)*mul2) >> 32
}

func slowNumKey(text []byte) (numKey, bool) {
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

// ord is a comparable number in a form that orders like its value: the sign, then the exponent
// of its scientific notation, then a 19-digit mantissa. Numeric ranges compare ords, so numbers are
// compared by their exact decimal value, like exact numbers.
type ord struct {
	sign int8 // -1, 0 (the number 0) or 1
	sci  int32
	mant uint64 // 10^18 <= mant < 10^19, or 0
}

// pow10u[i] is 10^i. A constant table written as a literal: the linker emits it as static data,
// so nothing runs at package init.
var pow10u = [20]uint64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14,
	1e15, 1e16, 1e17, 1e18, 1e19}

// keyOrd converts an exact key (at most 17 digits) to its ord.
func keyOrd(k numKey) ord {
	if k.m == 0 {
		return ord{}
	}
	d := 1
	for d < 19 && k.m >= pow10u[d] {
		d++
	}
	o := ord{sign: 1, sci: int32(k.e>>1) + int32(d) - 1, mant: k.m * pow10u[19-d]}
	if k.e&1 != 0 {
		o.sign = -1
	}
	return o
}

// cmpOrd returns -1, 0 or 1 as a is less than, equal to or greater than b.
func cmpOrd(a, b ord) int {
	if a.sign != b.sign {
		if a.sign < b.sign {
			return -1
		}
		return 1
	}
	c := 0
	switch {
	case a.sign == 0:
		return 0
	case a.sci != b.sci:
		c = 1
		if a.sci < b.sci {
			c = -1
		}
	case a.mant != b.mant:
		c = 1
		if a.mant < b.mant {
			c = -1
		}
	}
	if a.sign < 0 {
		c = -c
	}
	return c
}

// numberOrd returns the ord of a comparable JSON number's text.
func numberOrd[T string | []byte](text T) (ord, bool) {
	k, ok := parseNumKey(text)
	if !ok {
		return ord{}, false
	}
	return keyOrd(k), true
}
