package jsonscan

import (
	"encoding/json"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

func TestSkipSpace(t *testing.T) {
	cases := []struct {
		s    string
		i    int
		want int
	}{
		{"", 0, 0},
		{" \t\r\nx", 0, 4},
		{"x  ", 1, 3},
		{"\v x", 0, 0}, // vertical tab is not JSON whitespace
		{"\u00a0x", 0, 0},
		{"  ", 2, 2},
	}
	for _, c := range cases {
		if got := SkipSpace(c.s, c.i); got != c.want {
			t.Errorf("SkipSpace(%q, %d) = %d, want %d", c.s, c.i, got, c.want)
		}
		if got := SkipSpace([]byte(c.s), c.i); got != c.want {
			t.Errorf("SkipSpace([]byte(%q), %d) = %d, want %d", c.s, c.i, got, c.want)
		}
	}
	for c := 0; c < 256; c++ {
		want := c == ' ' || c == '\t' || c == '\n' || c == '\r'
		if IsSpace(byte(c)) != want {
			t.Errorf("IsSpace(%#x) = %v", c, !want)
		}
	}
}

func TestLiteralAndKind(t *testing.T) {
	cases := []struct {
		s    string
		kind Kind
		end  int
	}{
		{"true", KindTrue, 4}, {"false", KindFalse, 5}, {"null", KindNull, 4},
		{"truex", KindTrue, 4}, {"tru", KindNone, 0}, {"fals", KindNone, 0}, {"nul", KindNone, 0},
		{"True", KindNone, 0}, {"nulL", KindNone, 0}, {"", KindNone, 0}, {"f", KindNone, 0},
	}
	for _, c := range cases {
		k, end := Literal(c.s, 0)
		if k != c.kind || end != c.end {
			t.Errorf("Literal(%q) = %v, %d; want %v, %d", c.s, k, end, c.kind, c.end)
		}
	}
	for _, c := range []struct {
		b    byte
		kind Kind
	}{{'"', KindString}, {'{', KindObject}, {'[', KindArray}, {'-', KindNumber}, {'0', KindNumber}, {'9', KindNumber},
		{'t', KindTrue}, {'f', KindFalse}, {'n', KindNull}, {'+', KindNone}, {'.', KindNone}, {'}', KindNone}, {'x', KindNone}} {
		if got := KindOf(c.b); got != c.kind {
			t.Errorf("KindOf(%q) = %v, want %v", c.b, got, c.kind)
		}
	}
	for f := NoFault; f <= FaultDepth+1; f++ {
		if f.String() == "" {
			t.Errorf("Fault %d has no text", f)
		}
	}
}

func TestNumberCases(t *testing.T) {
	cases := []struct {
		s    string
		want int
	}{
		{"0", 1}, {"-0", 2}, {"01", 1}, {"-", 0}, {"", 0}, {"1.", 0}, {".5", 0}, {"1.5", 3},
		{"1e", 0}, {"1e+", 0}, {"1e+5", 4}, {"1E-05", 5}, {"-12.50e3,", 8}, {"123abc", 3},
		{"+1", 0}, {"1.5.5", 3}, {"0x10", 1}, {"-01", 2},
	}
	for _, c := range cases {
		if got := Number(c.s); got != c.want {
			t.Errorf("Number(%q) = %d, want %d", c.s, got, c.want)
		}
	}
}

// TestNumberMatchesEncodingJSON: a string is a JSON number exactly when Number reads all of it,
// on generated literals built from the pieces of the grammar and a few wrong pieces.
func TestNumberMatchesEncodingJSON(t *testing.T) {
	piece := rapid.SampledFrom([]string{"-", "+", "0", "1", "9", "00", "12", ".", "e", "E", "e+", "e-", "5", "x", " "})
	rapid.Check(t, func(t *rapid.T) {
		s := strings.Join(rapid.SliceOfN(piece, 0, 8).Draw(t, "pieces"), "")
		var v json.Number
		valid := json.Unmarshal([]byte(s), &v) == nil && strings.TrimSpace(s) == s && s != "" && s[0] != '"'
		n := Number(s)
		if (n == len(s) && n > 0) != valid {
			t.Fatalf("Number(%q) = %d, encoding/json valid = %v", s, n, valid)
		}
		if n > 0 && json.Unmarshal([]byte(s[:n]), &v) != nil {
			t.Fatalf("Number(%q) = %d, but %q is not a number", s, n, s[:n])
		}
	})
}

// FuzzNumber: Number never reads past a valid number and agrees with Validate.
func FuzzNumber(f *testing.F) {
	for _, s := range []string{"0", "-1.5e+3", "01", "1.", "-", "1e", "123abc"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Number(s)
		if n < 0 || n > len(s) {
			t.Fatalf("Number(%q) = %d", s, n)
		}
		if n > 0 {
			if end, fault := Validate(s[:n], 0, 0, 1); fault != NoFault || end != n {
				t.Fatalf("Number(%q) = %d, but Validate(%q) = %d, %v", s, n, s[:n], end, fault)
			}
		}
	})
}
