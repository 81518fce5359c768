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
	v0, ok0 := hexValue(w0)
	v1, ok1 := hexValue(w1)
	v2, ok2 := hexValue(w2)
	v3, ok3 := hexValue(w3)
	binary.LittleEndian.PutUint32(u[0:], v0)
	binary.LittleEndian.PutUint32(u[4:], v1)
	binary.LittleEndian.PutUint32(u[8:], v2)
	binary.LittleEndian.PutUint32(u[12:], v3)
	return u, ok0 && ok1 && ok2 && ok3
}

func le64(b0, b1, b2, b3, b4, b5, b6, b7 byte) uint64 {
	return uint64(b0) | uint64(b1)<<8 | uint64(b2)<<16 | uint64(b3)<<24 |
		uint64(b4)<<32 | uint64(b5)<<40 | uint64(b6)<<48 | uint64(b7)<<56
}

// hexValue converts eight lowercase hex digits, the first in the low byte of w, to the four bytes
// they write, the first in the low byte; ok is false when some byte is not such a digit.
func hexValue(w uint64) (v uint32, ok bool) {
	const (
		ones  = 0x0101010101010101
		highs = 0x8080808080808080
	)
	// For bytes below 0x80, c + (0x80-lo) has its high bit set exactly when c ≥ lo, with no carry
	// into the next byte: ge0&^ge9 marks the digits, gea&^gef the letters.
	ge0, ge9 := (w+(0x80-'0')*ones)&highs, (w+(0x80-'9'-1)*ones)&highs
	gea, gef := (w+(0x80-'a')*ones)&highs, (w+(0x80-'f'-1)*ones)&highs
	letter := gea &^ gef
	ok = w&highs == 0 && ge0&^ge9|letter == highs
	// A digit's value is its low nibble; a letter's (a–f: 1–6) plus 9.
	n := w&(0x0f*ones) + letter>>7*9
	// Byte 2k becomes n(2k)<<4 | n(2k+1); then the even bytes are gathered.
	n = (n<<4 | n>>8) & 0x00ff00ff00ff00ff
	n = (n | n>>8) & 0x0000ffff0000ffff
	n = n | n>>16
	return uint32(n), ok
}
