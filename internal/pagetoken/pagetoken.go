package pagetoken

import (
	"encoding/base64"
	"strconv"
	"strings"
)

// Sum is the 32-bit FNV-1a hash of s.
func Sum(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// Encode returns the token for position pos of listing kind.
func Encode(kind, pos string) string {
	body := kind + "\x00" + pos
	return base64.RawURLEncoding.EncodeToString([]byte(body + "\x00" + strconv.FormatUint(uint64(Sum(body)), 36)))
}

// Decode returns the position a token of listing kind carries; ok is false for a token that
// [Encode] did not make for kind.
func Decode(kind, tok string) (pos string, ok bool) {
	raw, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		return "", false
	}
	s := string(raw)
	i, j := strings.IndexByte(s, 0), strings.LastIndexByte(s, 0)
	if i < 0 || j <= i || s[:i] != kind || s[j+1:] != strconv.FormatUint(uint64(Sum(s[:j])), 36) {
		return "", false
	}
	return s[i+1 : j], true
}
