package uuidv4

import (
	"encoding/hex"
	"math/rand/v2"
	"testing"
)

// reference is the plain formatting: the sixteen bytes, the version and variant bits, hex groups.
func reference(x, y uint64) string {
	var u [16]byte
	for i := 0; i < 8; i++ {
		u[i] = byte(x >> (8 * i))
		u[8+i] = byte(y >> (8 * i))
	}
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	var s [36]byte
	hex.Encode(s[0:8], u[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], u[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], u[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], u[8:10])
	s[23] = '-'
	hex.Encode(s[24:], u[10:])
	return string(s[:])
}

func TestAppendMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	cases := [][2]uint64{{0, 0}, {^uint64(0), ^uint64(0)}, {0x0123456789abcdef, 0xfedcba9876543210}}
	for range 100000 {
		cases = append(cases, [2]uint64{r.Uint64(), r.Uint64()})
	}
	for _, c := range cases {
		if got, want := String(c[0], c[1]), reference(c[0], c[1]); got != want {
			t.Fatalf("String(%#x, %#x) = %s, want %s", c[0], c[1], got, want)
		}
	}
	if got := Append([]byte("id="), 0, 0); string(got) != "id=00000000-0000-4000-8000-000000000000" {
		t.Fatalf("Append keeps the prefix: %s", got)
	}
}

func BenchmarkString(b *testing.B) {
	var x uint64
	for b.Loop() {
		x++
		_ = String(x, x*31)
	}
}
