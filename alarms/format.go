package alarms

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// JavaDouble formats f the way Java's Double.toString does, which is how CloudWatch prints numbers in
// reason texts and reason data: "50.0", "99.50160229693434", "1.0E8", "1.0E-5", "NaN", "Infinity".
// Digits are the shortest that round-trip (Go's algorithm; Java ≥ 19 uses the same rule).
func JavaDouble(f float64) string {
	return string(appendJavaDouble(nil, f))
}

func appendJavaDouble(dst []byte, f float64) []byte {
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
	a := math.Abs(f)
	if a >= 1e-3 && a < 1e7 {
		start := len(dst)
		dst = strconv.AppendFloat(dst, f, 'f', -1, 64)
		for _, c := range dst[start:] {
			if c == '.' {
				return dst
			}
		}
		return append(dst, ".0"...)
	}
	// Computerized scientific notation: d.ddddE[-]x
	var buf [32]byte
	s := strconv.AppendFloat(buf[:0], f, 'e', -1, 64) // e.g. 1e+08, -1.2345e-05
	e := strings.IndexByte(string(s), 'e')
	mant, exp := s[:e], s[e+1:]
	dst = append(dst, mant...)
	if !strings.Contains(string(mant), ".") {
		dst = append(dst, ".0"...)
	}
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

// Timestamp layouts used by CloudWatch alarm texts.
const (
	// ReasonDataTime is the layout of timestamps in StateReasonData and in alarm events: 2019-10-02T17:04:40.985+0000.
	ReasonDataTime = "2006-01-02T15:04:05.000-0700"
	// ReasonTextTime is the layout of datapoint times inside StateReason texts: 02/10/19 16:59:00 (dd/MM/yy, UTC).
	ReasonTextTime = "02/01/06 15:04:05"
	// CompositeReasonTime is the layout of times in composite-alarm reasons: Friday 22 July, 2022 15:57:45 UTC.
	CompositeReasonTime = "Monday 2 January, 2006 15:04:05 UTC"
)

// FormatReasonDataTime formats t as CloudWatch does in StateReasonData and events (UTC, millisecond, +0000).
func FormatReasonDataTime(t time.Time) string {
	return t.UTC().Format(ReasonDataTime)
}

// appendJSONString appends s as a JSON string literal.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			dst = append(dst, '\\', c)
		case c == '\n':
			dst = append(dst, '\\', 'n')
		case c == '\r':
			dst = append(dst, '\\', 'r')
		case c == '\t':
			dst = append(dst, '\\', 't')
		case c < 0x20:
			dst = append(dst, `\u00`...)
			dst = append(dst, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
		default:
			dst = append(dst, c)
		}
	}
	return append(dst, '"')
}

// appendJSONNumber appends f as a JSON number in Java notation ("21.0"); non-finite values, which
// JSON cannot carry, are written as null.
func appendJSONNumber(dst []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(dst, "null"...)
	}
	return appendJavaDouble(dst, f)
}
