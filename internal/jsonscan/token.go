package jsonscan

// Text is the input of every scanner: the event flattener reads []byte, the pattern readers and
// the Logs scanner read string. Each scanner is instantiated once per type, so neither pays for
// the other.
type Text interface{ ~string | ~[]byte }

// spaceTable[c] is 1 for the four JSON whitespace bytes (RFC 8259 §2: space, tab, line feed,
// carriage return). A constant string, so the table is immutable and costs nothing at init.
const spaceTable = "" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x01\x00\x00\x01\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
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

// IsSpace reports whether c is JSON whitespace.
func IsSpace(c byte) bool { return spaceTable[c] != 0 }

// SkipSpace returns the index of the first byte at or after i that is not JSON whitespace, or
// len(s).
func SkipSpace[T Text](s T, i int) int {
	for i < len(s) && spaceTable[s[i]] != 0 {
		i++
	}
	return i
}

// Literal reads true, false or null at s[i] and returns its kind and the index after it; on a
// misspelling it returns KindNone and i. It does not look at the byte after the literal: "truex"
// reads as true followed by 'x', which the caller's next step refuses.
func Literal[T Text](s T, i int) (Kind, int) {
	rest := len(s) - i
	if rest >= 4 {
		switch {
		case s[i] == 't' && s[i+1] == 'r' && s[i+2] == 'u' && s[i+3] == 'e':
			return KindTrue, i + 4
		case s[i] == 'n' && s[i+1] == 'u' && s[i+2] == 'l' && s[i+3] == 'l':
			return KindNull, i + 4
		case rest >= 5 && s[i] == 'f' && s[i+1] == 'a' && s[i+2] == 'l' && s[i+3] == 's' && s[i+4] == 'e':
			return KindFalse, i + 5
		}
	}
	return KindNone, i
}

// Number returns the length of the JSON number at the start of s (RFC 8259 §6:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?), or 0 if s does not start with one (a leading
// zero followed by a digit ends the number after the zero; the caller's next step refuses the
// digit). It reads the longest valid number and does not look past it.
func Number[T Text](s T) int {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	if i >= len(s) {
		return 0
	}
	switch {
	case s[i] == '0':
		i++
	case s[i] >= '1' && s[i] <= '9':
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	default:
		return 0
	}
	if i < len(s) && s[i] == '.' {
		i++
		start := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == start {
			return 0
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		start := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == start {
			return 0
		}
	}
	return i
}
