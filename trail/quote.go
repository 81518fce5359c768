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

// appendQuoted is appendString of a byte slice.
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
	// Per 8-byte word w: (x - ones) &^ x & highs is not 0 exactly when some byte of x is 0, and
	// (w - 0x20 of each byte) &^ w & highs exactly when some byte is below 0x20 (for words with no
	// byte above 0x7f, which w & highs checks).
	for len(s) >= 8 {
		w := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
		q, bs := w^('"'*ones), w^('\\'*ones)
		if (w|(w-0x20*ones)&^w|(q-ones)&^q|(bs-ones)&^bs)&highs != 0 {
			return false
		}
		s = s[8:]
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x80 || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}
