package trail

import "github.com/watchsim/watchsim/internal/jsonscan"

// appendString writes s as a JSON string, byte for byte as jsonscan.AppendString does: strings
// with nothing to escape and no byte above ASCII (nearly every string of a record: names, ids,
// ARNs, regions) are checked eight bytes at a time and copied whole; any other goes to
// jsonscan.AppendString.
func appendString(dst []byte, s string) []byte {
	if !plainASCII(s) {
		return jsonscan.AppendString(dst, s)
	}
	dst = append(dst, '"')
	dst = append(dst, s...)
	return append(dst, '"')
}

// appendQuoted is appendString of a byte slice, without converting the common case to a string.
func appendQuoted(dst, s []byte) []byte {
	if !plainASCII(s) {
		return jsonscan.AppendString(dst, string(s))
	}
	dst = append(dst, '"')
	dst = append(dst, s...)
	return append(dst, '"')
}

// plainASCII reports whether every byte of s is ASCII, at least 0x20, and neither '"' nor '\\':
// the bytes a JSON string holds as they are.
func plainASCII[S string | []byte](s S) bool {
	const (
		ones  = 0x0101010101010101
		highs = 0x8080808080808080
	)
	// hasZero(v) is not 0 exactly when some byte of v is 0; (w - 0x20 of each byte) &^ w & highs
	// is not 0 exactly when some byte is below 0x20 (for bytes below 0x80, checked with highs).
	hasZero := func(v uint64) uint64 { return (v - ones) &^ v & highs }
	i := 0
	for ; i+8 <= len(s); i += 8 {
		_ = s[i+7]
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if (w&highs)|((w-0x20*ones)&^w&highs)|hasZero(w^('"'*ones))|hasZero(w^('\\'*ones)) != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x80 || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}
