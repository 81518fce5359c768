package javafmt

import (
	"math"
	"strconv"
)

// Double returns f as Java's Double.toString prints it.
func Double(f float64) string {
	var buf [32]byte
	return string(AppendDouble(buf[:0], f))
}

// AppendDouble appends f as Java's Double.toString prints it to dst and returns the extended
// buffer. It does not allocate when dst has room for 25 more bytes.
func AppendDouble(dst []byte, f float64) []byte {
	switch {
	case math.IsNaN(f):
		return append(dst, "NaN"...)
	case math.IsInf(f, 1):
		return append(dst, "Infinity"...)
	case math.IsInf(f, -1):
		return append(dst, "-Infinity"...)
	case f == 0:
		if math.Signbit(f) {
			return append(dst, "-0.0"...)
		}
		return append(dst, "0.0"...)
	}
	if a := math.Abs(f); a >= 1e-3 && a < 1e7 {
		start := len(dst)
		dst = strconv.AppendFloat(dst, f, 'f', -1, 64)
		for _, c := range dst[start:] {
			if c == '.' {
				return dst
			}
		}
		return append(dst, ".0"...)
	}
	// Computerized scientific notation: d.ddd E [-] n, no '+' and no leading zeros in the exponent.
	var buf [32]byte
	s := strconv.AppendFloat(buf[:0], f, 'e', -1, 64) // 1e+08, -1.2345e-05
	if !hasDot(s) {
		// Java always prints a digit after the point and picks the two-digit decimal nearest to f
		// (4.9E-324 for the smallest subnormal, not 5.0E-324); it round-trips because it is nearer
		// to f than the one-digit shortest form.
		s = strconv.AppendFloat(buf[:0], f, 'e', 1, 64)
	}
	e := 0
	for s[e] != 'e' {
		e++
	}
	mant, exp := s[:e], s[e+1:]
	dst = append(dst, mant...)
	dst = append(dst, 'E')
	if exp[0] == '-' {
		dst = append(dst, '-')
	}
	exp = exp[1:]
	for len(exp) > 1 && exp[0] == '0' {
		exp = exp[1:]
	}
	return append(dst, exp...)
}

// AppendJSONNumber appends f as a JSON number in Java notation ("21.0", "1.0E8"). NaN and ±Inf,
// which JSON cannot carry, are written as null.
func AppendJSONNumber(dst []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(dst, "null"...)
	}
	return AppendDouble(dst, f)
}

func hasDot(b []byte) bool {
	for _, c := range b {
		if c == '.' {
			return true
		}
	}
	return false
}
