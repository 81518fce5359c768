package filterpattern

import (
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// substringModes returns the search Compile chose for term and, for terms of two bytes or
// more, the same search forced into each scanning strategy, so that every strategy is checked
// whatever the byte table picks.
func substringModes(term string) []substring {
	t := newSubstring(term)
	out := []substring{t}
	if len(term) >= 2 {
		r, p := t, t
		r.mode, p.mode = searchRare, searchPairs
		out = append(out, r, p)
	}
	return out
}

func checkSubstring(t interface {
	Helper()
	Fatalf(string, ...any)
}, term, msg string) {
	t.Helper()
	want := strings.Contains(msg, term)
	wantAt := strings.Index(msg, term)
	for _, s := range substringModes(term) {
		if got := s.in(msg); got != want {
			t.Fatalf("substring %q (mode %d, i1 %d, i2 %d) in %q = %v, strings.Contains = %v", term, s.mode, s.i1, s.i2, msg, got, want)
		}
		if got := s.index(msg); got != wantAt {
			t.Fatalf("substring %q (mode %d, i1 %d, i2 %d) index in %q = %d, strings.Index = %d", term, s.mode, s.i1, s.i2, msg, got, wantAt)
		}
	}
}

// Differential: the compiled search agrees with strings.Contains on random terms and messages
// made of bytes that collide with the term's (ASCII, non-ASCII, NUL, 0xff, invalid UTF-8), with
// the term or near misses of it planted at the start, the end, anywhere and at block boundaries.
func TestPropertySubstringMatchesContains(t *testing.T) {
	atoms := []string{"a", "b", "e", "t", "z", "E", "R", "0", "4", " ", "\"", "é", "日", "\x00", "\xff", "\x80", "\x01", "\x7f"}
	rapid.Check(t, func(t *rapid.T) {
		term := strings.Join(rapid.SliceOfN(rapid.SampledFrom(atoms), 0, 12).Draw(t, "term"), "")
		if len(term) > 1 && rapid.IntRange(0, 4).Draw(t, "long") == 0 {
			term = strings.Repeat(term, rapid.IntRange(2, 8).Draw(t, "times"))
		}
		pieces := append([]string{term, term, "aaaaaaaaaaaaaaaa", "0123456789"}, atoms...)
		if len(term) > 1 {
			pieces = append(pieces, term[1:], term[:len(term)-1], term[:len(term)/2]) // near misses
		}
		msg := strings.Join(rapid.SliceOfN(rapid.SampledFrom(pieces), 0, 40).Draw(t, "msg"), "")
		checkSubstring(t, term, msg)
	})
}

// Every placement of a term, whole or missing its last byte, in messages of every length
// up to beyond two sixteen-position blocks, over a background of its own rarest byte.
func TestSubstringEveryOffset(t *testing.T) {
	for _, term := range []string{"ab", "zzzz", "timeout", "ERROR", "404", "日本", "upstream connect error or disconnect/reset before headers", "e\x00", "\xff\xfe"} {
		s := newSubstring(term)
		for _, bg := range []string{"x", term[s.i1 : s.i1+1], term[:1]} {
			for n := 0; n < 80; n++ {
				base := strings.Repeat(bg, n)
				checkSubstring(t, term, base)
				for _, plant := range []string{term, term[:len(term)-1], term[1:]} {
					for at := 0; at <= n; at++ {
						checkSubstring(t, term, base[:at]+plant+base[at:])
					}
				}
			}
		}
	}
}

func TestSubstringChoosesRareBytes(t *testing.T) {
	for _, c := range []struct {
		term   string
		b1, b2 byte
		mode   uint8
	}{
		{"", 0, 0, searchEmpty},
		{"e", 'e', 0, searchByte},
		{"ERROR", 'R', 'O', searchRare},
		{"timeout", 'm', 'u', searchPairs},
		{"request", 'q', 'u', searchRare},
		{"zzzz", 'z', 'z', searchRare},
		{"404", '4', '0', searchPairs},
		{"café", 0xc3, 0xa9, searchRare}, // a UTF-8 lead byte is rarer than a continuation byte
	} {
		s := newSubstring(c.term)
		if s.mode != c.mode || s.b1 != c.b1 || (len(c.term) > 1 && s.b2 != c.b2) {
			t.Errorf("%q: mode %d, b1 %q, b2 %q; want mode %d, b1 %q, b2 %q", c.term, s.mode, s.b1, s.b2, c.mode, c.b1, c.b2)
		}
		if len(c.term) > 1 && (s.i1 == s.i2 || c.term[s.i1] != s.b1 || c.term[s.i2] != s.b2) {
			t.Errorf("%q: offsets %d, %d do not hold b1, b2", c.term, s.i1, s.i2)
		}
	}
}

// FuzzSubstring compares the compiled search, in every strategy, with strings.Contains.
func FuzzSubstring(f *testing.F) {
	for _, s := range [][2]string{
		{"ERROR", "2026-12-01T00:00:00.000Z [ERROR] worker-1"}, {"timeout", "connection timeou"},
		{"zzzz", "zzz zzzz"}, {"日本", "日本語"}, {"\xff", "\xfe\xff"}, {"", ""}, {"ab", "b"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, term, msg string) { checkSubstring(t, term, msg) })
}
