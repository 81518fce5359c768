package jsonscan

import (
	"math/bits"
	"unicode/utf16"
	"unicode/utf8"
)

// stringStop[c] is 1 for the bytes that end the fast path inside a JSON string: control
// characters, '"' and '\\'. A constant string, so the table is immutable.
const stringStop = "" +
	"\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01" +
	"\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01" +
	"\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"

// SWAR ("SIMD within a register") constants: eight bytes of a uint64 tested at once.
const (
	swarOnes      = 0x0101010101010101
	swarHigh      = 0x8080808080808080
	swarQuote     = '"' * swarOnes
	swarBackslash = '\\' * swarOnes
)

// load8 reads s[j:j+8] as a little-endian uint64 (the compiler turns this into one load).
func load8[T Text](s T, j int) uint64 {
	_ = s[j+7]
	return uint64(s[j]) | uint64(s[j+1])<<8 | uint64(s[j+2])<<16 | uint64(s[j+3])<<24 |
		uint64(s[j+4])<<32 | uint64(s[j+5])<<40 | uint64(s[j+6])<<48 | uint64(s[j+7])<<56
}

// zeroMask has the top bit set of the bytes of x that are zero. The lowest set bit is exact;
// higher ones may be false positives (a 0x01 byte just above a zero byte), so only the first
// marked byte is trusted.
func zeroMask(x uint64) uint64 { return (x - swarOnes) &^ x & swarHigh }

// stopMask marks (lowest bit exact) the first byte of x that is '"', '\\' or below 0x20.
func stopMask(x uint64) uint64 {
	return zeroMask(x^swarQuote) | zeroMask(x^swarBackslash) | (x-0x20*swarOnes)&^x&swarHigh
}

// String scans the JSON string whose opening quote is s[i] and validates it (RFC 8259 §7: no
// unescaped control character, only the defined escapes, four hex digits after \u). It returns
// the index just after the closing quote and whether the string holds escape sequences; on
// malformed input, the offset of the fault and the fault. Ordinary bytes are skipped eight at a
// time.
func String[T Text](s T, i int) (end int, escaped bool, f Fault) {
	j := i + 1
	for {
		for j+8 <= len(s) {
			if m := stopMask(load8(s, j)); m != 0 {
				j += bits.TrailingZeros64(m) / 8
				goto stop
			}
			j += 8
		}
		for j < len(s) && stringStop[s[j]] == 0 {
			j++
		}
	stop:
		if j >= len(s) {
			return j, escaped, FaultUnterminated
		}
		switch s[j] {
		case '"':
			return j + 1, escaped, NoFault
		case '\\':
			escaped = true
			if j+1 >= len(s) {
				return j + 1, escaped, FaultUnterminated
			}
			switch s[j+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				j += 2
			case 'u':
				if _, ok := Hex4(s, j+2); !ok {
					return j + 2, escaped, FaultHex
				}
				j += 6
			default:
				return j + 1, escaped, FaultEscape
			}
		default:
			return j, escaped, FaultControl
		}
	}
}

// shortString is how many bytes of a string [ShortString] looks at.
const shortString = 16

// ShortString is the fast path of [String], small enough to be inlined into the caller: when the
// string whose opening quote is s[i] closes within its first 16 bytes, with no escape or control
// character before the quote, it returns the index after the quote; otherwise it returns -1 and
// the caller calls String. Most object keys and many values take this path.
func ShortString[T Text](s T, i int) int {
	n := min(len(s), i+1+shortString)
	for j := i + 1; j < n; j++ {
		if c := s[j]; stringStop[c] != 0 {
			if c == '"' {
				return j + 1
			}
			return -1
		}
	}
	return -1
}

// SkipString passes over the string whose opening quote is s[i] without validating it: it finds
// the first quote not escaped by a backslash, eight bytes at a time, and returns the index after
// it, or -1 when there is none. The engines use it for the parts of an event no pattern reads.
func SkipString[T Text](s T, i int) int {
	j := i + 1
	for {
		for j+8 <= len(s) {
			x := load8(s, j)
			if m := zeroMask(x^swarQuote) | zeroMask(x^swarBackslash); m != 0 {
				j += bits.TrailingZeros64(m) / 8
				goto found
			}
			j += 8
		}
		for j < len(s) && s[j] != '"' && s[j] != '\\' {
			j++
		}
	found:
		if j >= len(s) {
			return -1
		}
		if s[j] == '"' {
			return j + 1
		}
		j += 2 // a backslash and the byte it escapes
	}
}

// HexDigit returns the value of the hexadecimal digit c (0-9, a-f, A-F), or -1 when c is not one.
func HexDigit(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// IsHex reports whether c is a hexadecimal digit.
func IsHex(c byte) bool { return HexDigit(c) >= 0 }

// Hex4 reads the four hexadecimal digits of a \u escape at s[i:i+4].
func Hex4[T Text](s T, i int) (rune, bool) {
	if i < 0 || i+4 > len(s) {
		return 0, false
	}
	var r rune
	for k := i; k < i+4; k++ {
		d := HexDigit(s[k])
		if d < 0 {
			return 0, false
		}
		r = r<<4 | rune(d)
	}
	return r, true
}

// AppendUnescaped decodes the body of a JSON string — s starts right after the opening quote —
// appends the value to dst and returns it with the number of bytes of s consumed, the closing
// quote included. It validates as it decodes (the faults of [String]); on a fault it returns the
// offset in s of the offending byte.
//
// A \u escape of a UTF-16 surrogate pair decodes to one rune; a surrogate that is not part of a
// valid pair decodes to U+FFFD, as encoding/json does. Bytes outside escapes are copied as they
// are, invalid UTF-8 included.
func AppendUnescaped[T Text](dst []byte, s T) ([]byte, int, Fault) {
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c == '"':
			return dst, i + 1, NoFault
		case c < 0x20:
			return dst, i, FaultControl
		case c != '\\':
			dst = append(dst, c)
			i++
			continue
		}
		if i+1 >= len(s) {
			break
		}
		e := s[i+1]
		switch e {
		case '"', '\\', '/':
			dst = append(dst, e)
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			r, ok := Hex4(s, i+2)
			if !ok {
				return dst, i + 2, FaultHex
			}
			i += 6
			if utf16.IsSurrogate(r) {
				if i+1 < len(s) && s[i] == '\\' && s[i+1] == 'u' {
					if r2, ok := Hex4(s, i+2); ok {
						if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
							dst = utf8.AppendRune(dst, d)
							i += 6
							continue
						}
					}
				}
				r = utf8.RuneError
			}
			dst = utf8.AppendRune(dst, r)
			continue
		default:
			return dst, i + 1, FaultEscape
		}
		i += 2
	}
	return dst, len(s), FaultUnterminated
}
