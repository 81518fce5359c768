package jsonscan

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"pgregory.net/rapid"
)

func TestStringCases(t *testing.T) {
	cases := []struct {
		s       string
		end     int
		escaped bool
		fault   Fault
	}{
		{`""`, 2, false, NoFault},
		{`"abc"x`, 5, false, NoFault},
		{`"a\"b"`, 6, true, NoFault},
		{`"a\\"`, 5, true, NoFault},
		{`"\u00e9"`, 8, true, NoFault},
		{`"\u00g9"`, 3, true, FaultHex},
		{`"\u00"`, 3, true, FaultHex},
		{`"\x"`, 2, true, FaultEscape},
		{"\"a\x01\"", 2, false, FaultControl},
		{"\"a\tb\"", 2, false, FaultControl},
		{`"abc`, 4, false, FaultUnterminated},
		{`"abc\`, 5, true, FaultUnterminated},
		{`"` + strings.Repeat("x", 37) + `"`, 39, false, NoFault}, // eight bytes at a time, then the tail
		{`"` + strings.Repeat("x", 16) + "\x1f" + `"`, 17, false, FaultControl},
		{`"` + strings.Repeat("x", 16) + `\n` + strings.Repeat("y", 9) + `"`, 29, true, NoFault},
		{`"` + strings.Repeat("é", 10) + `"`, 22, false, NoFault}, // bytes ≥ 0x80 are ordinary
	}
	for _, c := range cases {
		end, esc, f := String(c.s, 0)
		if end != c.end || esc != c.escaped || f != c.fault {
			t.Errorf("String(%q) = %d, %v, %v; want %d, %v, %v", c.s, end, esc, f, c.end, c.escaped, c.fault)
		}
		if end2, esc2, f2 := String([]byte(c.s), 0); end2 != end || esc2 != esc || f2 != f {
			t.Errorf("String([]byte(%q)) differs from the string instance", c.s)
		}
	}
}

func TestSkipStringCases(t *testing.T) {
	cases := []struct {
		s    string
		want int
	}{
		{`""`, 2}, {`"a\"b"x`, 6}, {`"a\\"x`, 5}, {`"a\\\"b"`, 8}, {`"abc`, -1}, {`"ab\`, -1},
		{`"` + strings.Repeat("x", 20) + `\"` + strings.Repeat("y", 20) + `"`, 44},
		{"\"a\x01b\"", 5}, // not validated
	}
	for _, c := range cases {
		if got := SkipString(c.s, 0); got != c.want {
			t.Errorf("SkipString(%q) = %d, want %d", c.s, got, c.want)
		}
	}
}

func TestHex(t *testing.T) {
	for c := 0; c < 256; c++ {
		want := -1
		switch {
		case c >= '0' && c <= '9':
			want = c - '0'
		case c >= 'a' && c <= 'f':
			want = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			want = c - 'A' + 10
		}
		if got := HexDigit(byte(c)); got != want {
			t.Errorf("HexDigit(%#x) = %d, want %d", c, got, want)
		}
		if IsHex(byte(c)) != (want >= 0) {
			t.Errorf("IsHex(%#x)", c)
		}
	}
	if r, ok := Hex4("x00E9", 1); !ok || r != 0xe9 {
		t.Errorf("Hex4 = %x, %v", r, ok)
	}
	for _, s := range []string{"00e", "00eg", ""} {
		if _, ok := Hex4(s, 0); ok {
			t.Errorf("Hex4(%q) accepted", s)
		}
	}
	if _, ok := Hex4("abcd", -1); ok {
		t.Error("Hex4 at a negative index accepted")
	}
}

func TestAppendUnescapedCases(t *testing.T) {
	cases := []struct {
		body, want string
		n          int
		fault      Fault
	}{
		{`abc"tail`, "abc", 4, NoFault},
		{`a\"b\\c\/d\b\f\n\r\t"`, "a\"b\\c/d\b\f\n\r\t", 21, NoFault},
		{`\u00e9\u20AC"`, "é€", 13, NoFault},
		{`\ud83d\ude00"`, "😀", 13, NoFault},       // a surrogate pair
		{`\ud83d"`, "\uFFFD", 7, NoFault},         // a lone high surrogate
		{`\ude00x"`, "\uFFFDx", 8, NoFault},       // a lone low surrogate
		{`\ud83d\u0041"`, "\uFFFDA", 13, NoFault}, // a high surrogate before a non-surrogate
		{"\xff\xfe\"", "\xff\xfe", 3, NoFault},    // invalid UTF-8 is copied
		{`ab\q"`, "ab", 3, FaultEscape},
		{`ab\u12"`, "ab", 4, FaultHex},
		{"ab\x00\"", "ab", 2, FaultControl},
		{`abc`, "abc", 3, FaultUnterminated},
		{`abc\`, "abc", 4, FaultUnterminated},
	}
	for _, c := range cases {
		got, n, f := AppendUnescaped([]byte("pre:"), c.body)
		if string(got) != "pre:"+c.want && f == NoFault || n != c.n || f != c.fault {
			t.Errorf("AppendUnescaped(%q) = %q, %d, %v; want %q, %d, %v", c.body, got, n, f, "pre:"+c.want, c.n, c.fault)
		}
	}
}

// drawJSONString draws the text of a quoted string from pieces that exercise every path: plain
// runs longer and shorter than eight bytes, every escape, surrogates, control characters, bytes
// above 0x7f, invalid escapes and a missing closing quote.
func drawJSONString(t *rapid.T) string {
	piece := rapid.SampledFrom([]string{"a", "abcdefghij", "é", "\xff", `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`,
		`\u0041`, `\u00E9`, `\ud83d`, `\ude00`, `\uD83D\uDE00`, `\u12`, `\x`, "\x01", "\x1f", `"`, " "})
	body := strings.Join(rapid.SliceOfN(piece, 0, 12).Draw(t, "pieces"), "")
	if rapid.IntRange(0, 9).Draw(t, "open") == 0 {
		return `"` + body
	}
	return `"` + body + `"`
}

// TestStringMatchesEncodingJSON: String accepts exactly the strings encoding/json accepts, and
// AppendUnescaped decodes them to the same value.
func TestStringMatchesEncodingJSON(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		checkString(t, drawJSONString(t))
	})
}

func checkString(t interface{ Fatalf(string, ...any) }, s string) {
	var want string
	err := json.Unmarshal([]byte(s), &want)
	end, esc, f := String(s, 0)
	if short := ShortString(s, 0); short >= 0 && (short != end || esc || f != NoFault) {
		t.Fatalf("ShortString(%q) = %d; String = %d, %v, %v", s, short, end, esc, f)
	} else if short < 0 && f == NoFault && !esc && end <= shortString+1 {
		t.Fatalf("ShortString(%q) missed a short plain string (String ends at %d)", s, end)
	}
	// String stops at the closing quote; encoding/json also allows trailing whitespace
	valid := f == NoFault && SkipSpace(s, end) == len(s)
	if valid != (err == nil) {
		t.Fatalf("String(%q) = %d, %v, %v; encoding/json: %v", s, end, esc, f, err)
	}
	if f != NoFault {
		if _, _, uf := AppendUnescaped(nil, s[1:]); uf == NoFault {
			t.Fatalf("AppendUnescaped(%q) accepts what String refuses (%v)", s[1:], f)
		}
		return
	}
	got, n, uf := AppendUnescaped(nil, s[1:])
	if uf != NoFault || n != end-1 {
		t.Fatalf("AppendUnescaped(%q) = %d, %v; String ended at %d", s[1:], n, uf, end)
	}
	if !esc && string(got) != s[1:end-1] {
		t.Fatalf("unescaped string changed: %q", got)
	}
	if err == nil && string(got) != want && utf8.ValidString(want) && utf8.Valid(got) {
		t.Fatalf("AppendUnescaped(%q) = %q, encoding/json %q", s[1:], got, want)
	}
	if skip := SkipString(s, 0); skip != end {
		t.Fatalf("SkipString(%q) = %d, String %d", s, skip, end)
	}
}

// FuzzString checks the string tokenizer and the unescaper against encoding/json on arbitrary
// input: String accepts exactly the strings encoding/json accepts, AppendUnescaped decodes them
// to the same value and refuses what String refuses, and SkipString ends where String does.
func FuzzString(f *testing.F) {
	for _, s := range []string{`""`, `"abc"`, `"a\"b"`, `"\u00e9\ud83d\ude00"`, `"\ud83d"`, `"\x"`, "\"\x01\"", `"abc`,
		`"` + strings.Repeat("y", 30) + `\n"`, "\"\xff\xfe\""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) == 0 || s[0] != '"' {
			s = `"` + s
		}
		checkString(t, s)
	})
}
