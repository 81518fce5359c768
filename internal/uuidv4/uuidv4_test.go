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

// parseReference is the plain parse: the canonical form with lowercase hex digits only.
func parseReference(s string) (u [16]byte, ok bool) {
	if len(s) != Len || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return u, false
	}
	digits := s[0:8] + s[9:13] + s[14:18] + s[19:23] + s[24:]
	for i := 0; i < len(digits); i++ {
		if c := digits[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return u, false
		}
	}
	if _, err := hex.Decode(u[:], []byte(digits)); err != nil {
		return u, false
	}
	return u, true
}

func TestParseAndAppendBytes(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	check := func(s string) {
		t.Helper()
		got, ok := Parse(s)
		want, wantOK := parseReference(s)
		if ok != wantOK || ok && got != want {
			t.Fatalf("Parse(%q) = %x, %v; want %x, %v", s, got, ok, want, wantOK)
		}
		if ok {
			if back := string(AppendBytes(nil, &got)); back != s {
				t.Fatalf("AppendBytes(Parse(%q)) = %q", s, back)
			}
		}
	}
	for _, s := range []string{"", "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
		"0123abcd-ef45-6789-abcd-ef0123456789", "0123ABCD-ef45-6789-abcd-ef0123456789", "0123abcd_ef45-6789-abcd-ef0123456789",
		"0123abcd-ef45-6789-abcd-ef012345678", "0123abcd-ef45-6789-abcd-ef0123456789a", "0123abcd-ef45-6789-abcd-ef012345678g"} {
		check(s)
	}
	// Every byte value at every position of a valid id: only lowercase hex digits (and the dashes
	// where they are) parse.
	base := []byte(String(0x0123456789abcdef, 0xfedcba9876543210))
	for i := range base {
		for c := 0; c < 256; c++ {
			s := append([]byte(nil), base...)
			s[i] = byte(c)
			check(string(s))
		}
	}
	for range 100000 {
		x, y := r.Uint64(), r.Uint64()
		s := String(x, y)
		check(s)
		var u [16]byte
		for i := range u {
			u[i] = byte(r.Uint32())
		}
		check(string(AppendBytes(nil, &u)))
	}
	if got := AppendBytes([]byte("id="), &[16]byte{}); string(got) != "id=00000000-0000-0000-0000-000000000000" {
		t.Fatalf("AppendBytes keeps the prefix: %s", got)
	}
}

func BenchmarkParse(b *testing.B) {
	s := String(0x0123456789abcdef, 0xfedcba9876543210)
	for b.Loop() {
		if _, ok := Parse(s); !ok {
			b.Fatal(s)
		}
	}
}
