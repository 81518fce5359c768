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

// comparableNumber reports whether the JSON number text is compared by value, and its value.
// A number that overflows a double or has more than maxComparableDigits significant digits is
// matched by its literal text only, the way event-ruler treats it.
func comparableNumber[T string | []byte](text T) (float64, bool) {
	digits := 0
	pendingZeros := 0
	seenNonZero := false
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == 'e' || c == 'E' {
			break
		}
		if c < '0' || c > '9' {
			continue
		}
		if c == '0' {
			if seenNonZero {
				pendingZeros++
			}
			continue
		}
		seenNonZero = true
		digits += pendingZeros + 1
		pendingZeros = 0
	}
	if digits > maxComparableDigits {
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
