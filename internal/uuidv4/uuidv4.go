package uuidv4

import (
	"encoding/binary"
	"math/bits"
)

// Len is the length of a formatted UUID.
const Len = 36

// Append appends the UUID of the draws x then y: their bytes least significant first, with the
// version (4) and variant (10) bits set, as lowercase hex in groups of 4, 2, 2, 2 and 6 bytes. The
// groups are read as big-endian numbers and their digits computed eight at a time in a word.
func Append(dst []byte, x, y uint64) []byte {
	var s [Len]byte
	s[8], s[13], s[18], s[23] = '-', '-', '-', '-'
	binary.BigEndian.PutUint64(s[0:], hexDigits(uint64(bits.ReverseBytes32(uint32(x)))))
	binary.BigEndian.PutUint32(s[9:], uint32(hexDigits(uint64(bits.ReverseBytes16(uint16(x>>32))))))
	binary.BigEndian.PutUint32(s[14:], uint32(hexDigits(uint64(bits.ReverseBytes16(uint16(x>>48))&0x0fff|0x4000))))
	binary.BigEndian.PutUint32(s[19:], uint32(hexDigits(uint64(bits.ReverseBytes16(uint16(y))&0x3fff|0x8000))))
	binary.BigEndian.PutUint64(s[24:], hexDigits(uint64(bits.ReverseBytes32(uint32(y>>16)))))
	binary.BigEndian.PutUint32(s[32:], uint32(hexDigits(uint64(bits.ReverseBytes16(uint16(y>>48))))))
	return append(dst, s[:]...)
}

// String is Append into a new string.
func String(x, y uint64) string {
	var s [Len]byte
	return string(Append(s[:0], x, y))
}

// hexDigits returns the eight lowercase hex digits of the low 32 bits of v as ASCII bytes, the most
// significant digit in the top byte.
func hexDigits(v uint64) uint64 {
	// One nibble per byte, most significant in the top byte.
	v = v&0xffff0000<<16 | v&0x0000ffff
	v = v&0x0000ff000000ff00<<8 | v&0x000000ff000000ff
	v = v&0x00f000f000f000f0<<4 | v&0x000f000f000f000f
	// '0' + n, plus 'a' - '0' - 10 where n ≥ 10.
	return v + 0x3030303030303030 + (v+0x0606060606060606)>>4&0x0101010101010101*0x27
}
