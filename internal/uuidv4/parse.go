package uuidv4

import "encoding/binary"

// AppendBytes appends the sixteen bytes u in the canonical form (lowercase hex in groups of 4, 2,
// 2, 2 and 6 bytes), as they are: no version or variant bits are set. It is the inverse of Parse.
func AppendBytes(dst []byte, u *[16]byte) []byte {
	var s [Len]byte
	s[8], s[13], s[18], s[23] = '-', '-', '-', '-'
	binary.BigEndian.PutUint64(s[0:], hexDigits(uint64(binary.BigEndian.Uint32(u[0:]))))
	binary.BigEndian.PutUint32(s[9:], uint32(hexDigits(uint64(binary.BigEndian.Uint16(u[4:])))))
	binary.BigEndian.PutUint32(s[14:], uint32(hexDigits(uint64(binary.BigEndian.Uint16(u[6:])))))
	binary.BigEndian.PutUint32(s[19:], uint32(hexDigits(uint64(binary.BigEndian.Uint16(u[8:])))))
	binary.BigEndian.PutUint64(s[24:], hexDigits(uint64(binary.BigEndian.Uint32(u[10:]))))
	binary.BigEndian.PutUint32(s[32:], uint32(hexDigits(uint64(binary.BigEndian.Uint16(u[14:])))))
	return append(dst, s[:]...)
}

// Parse returns the sixteen bytes of a UUID written in the canonical lowercase form
// (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, any version); ok is false for any other string (upper
// case digits included, so that AppendBytes gives s back). The digits are checked and converted
// eight at a time in a word.
func Parse(s string) (u [16]byte, ok bool) {
	if len(s) != Len || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return u, false
	}
	// Constant offsets after the length test: no bounds checks, and each load is one word.
	w0 := le64(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7])
	w1 := le64(s[9], s[10], s[11], s[12], s[14], s[15], s[16], s[17])
	w2 := le64(s[19], s[20], s[21], s[22], s[24], s[25], s[26], s[27])
	w3 := le64(s[28], s[29], s[30], s[31], s[32], s[33], s[34], s[35])
	binary.LittleEndian.PutUint32(u[0:], hexBytes(w0))
	binary.LittleEndian.PutUint32(u[4:], hexBytes(w1))
	binary.LittleEndian.PutUint32(u[8:], hexBytes(w2))
	binary.LittleEndian.PutUint32(u[12:], hexBytes(w3))
	return u, hexBad(w0)|hexBad(w1)|hexBad(w2)|hexBad(w3) == 0
}

func le64(b0, b1, b2, b3, b4, b5, b6, b7 byte) uint64 {
	return uint64(b0) | uint64(b1)<<8 | uint64(b2)<<16 | uint64(b3)<<24 |
		uint64(b4)<<32 | uint64(b5)<<40 | uint64(b6)<<48 | uint64(b7)<<56
}

// The digits of a word w, eight bytes, the first in the low byte. For bytes below 0x80, c + (0x80-lo)
// has its high bit set exactly when c ≥ lo, with no carry into the next byte (a byte from 0x80 up,
// whose carry may spoil the others, makes hexBad true anyway). The three functions are small
// enough to be inlined into Parse.
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// hexLetters has the high bit of each byte of w that is a–f.
func hexLetters(w uint64) uint64 {
	return (w + (0x80-'a')*ones) &^ (w + (0x80-'f'-1)*ones) & highs
}

// hexBad is not 0 when some byte of w is not a lowercase hex digit.
func hexBad(w uint64) uint64 {
	digits := (w + (0x80-'0')*ones) &^ (w + (0x80-'9'-1)*ones)
	return (w | ^(digits | hexLetters(w))) & highs
}

// hexBytes returns the four bytes eight hex digits write, the first in the low byte (w's digits
// being valid).
func hexBytes(w uint64) uint32 {
	// A digit's value is its low nibble; a letter's (a–f: 1–6) plus 9.
	n := w&(0x0f*ones) + hexLetters(w)>>7*9
	// Byte 2k becomes n(2k)<<4 | n(2k+1); then the even bytes are gathered.
	n = (n<<4 | n>>8) & 0x00ff00ff00ff00ff
	n = (n | n>>8) & 0x0000ffff0000ffff
	return uint32(n | n>>16)
}
