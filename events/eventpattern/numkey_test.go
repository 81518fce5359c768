package eventpattern

import (
	"math/big"
	"testing"

	"github.com/watchsim/watchsim/internal/jsonscan"
	"pgregory.net/rapid"
)

// numberLiteral draws JSON number literals of every shape the one-pass scanner distinguishes:
// signs, negative zero, leading zeros (valid "0.…" and invalid "01"), trailing zeros, up to 30
// digits on either side of the point, exponents, and malformed tails ("1.", "-", "1e").
func numberLiteral() *rapid.Generator[string] {
	return rapid.Custom(func(t *rapid.T) string {
		s := rapid.SampledFrom([]string{"", "-"}).Draw(t, "sign")
		s += rapid.OneOf(
			rapid.Just("0"),
			rapid.StringMatching(`[1-9][0-9]{0,29}`),
			rapid.StringMatching(`[1-9][0-9]{0,16}0{1,6}`),
			rapid.StringMatching(`[1-9][0-9]{15,19}`), // around the 17- and 19-digit limits
			rapid.StringMatching(`0[0-9]{1,3}`),       // leading zero: invalid
			rapid.Just(""),
		).Draw(t, "int")
		if rapid.Bool().Draw(t, "hasFrac") {
			s += "." + rapid.OneOf(
				rapid.StringMatching(`[0-9]{0,30}`),
				rapid.StringMatching(`0{0,20}[1-9]{1,3}0{0,4}`),
				rapid.StringMatching(`[0-9]{1,17}0{1,4}`),
				rapid.StringMatching(`[0-9]{12,18}`),
			).Draw(t, "frac")
		}
		if rapid.IntRange(0, 3).Draw(t, "hasExp") == 0 {
			s += rapid.StringMatching(`[eE][+-]?[0-9]{0,3}`).Draw(t, "exp")
		}
		return s
	})
}

// TestScanNumKey: reading a number and computing its key in one pass gives the same length as
// scanNumber and the same key and comparability as the two-pass parseNumKeyBytes and the general
// slowNumKey, whatever follows the number (so both the eight-byte and the byte-wise digit paths
// are exercised).
func TestScanNumKey(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		lit := numberLiteral().Draw(t, "lit")
		tail := rapid.SampledFrom([]string{"", ",", "]", "}", " ", ".5", "e", "x", ",1234567890]", "]]],[[["}).Draw(t, "tail")
		src := []byte(lit + tail)
		n, k, st := scanNumKey(src)
		if want := jsonscan.Number(src); n != want {
			t.Fatalf("%q: length %d, scanNumber %d", src, n, want)
		}
		if n == 0 {
			return
		}
		text := src[:n]
		k2, ok2 := parseNumKeyBytes(text)
		k3, ok3 := slowNumKey(text)
		if ok2 != ok3 || ok2 && k2 != k3 {
			t.Fatalf("%s: parseNumKeyBytes %v %v, slowNumKey %v %v", text, k2, ok2, k3, ok3)
		}
		k1, ok1 := resolveNumKey(st, k, text)
		if ok1 != ok2 || ok1 && k1 != k2 {
			t.Fatalf("%s: one pass %v %v (state %d), two passes %v %v", text, k1, ok1, st, k2, ok2)
		}
		if st == keyUnknown {
			return
		}
		// the fast path decided: check it against the exact value
		r, okr := new(big.Rat).SetString(string(text))
		if !okr {
			t.Fatalf("%s: not a number for big.Rat", text)
		}
		if ok1 {
			want := new(big.Rat).SetFrac(new(big.Int).SetUint64(k1.m), big.NewInt(1))
			e := k1.e >> 1
			p := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(abs64(e)), nil))
			if e < 0 {
				want.Quo(want, p)
			} else {
				want.Mul(want, p)
			}
			if k1.e&1 != 0 {
				want.Neg(want)
			}
			if want.Cmp(r) != 0 {
				t.Fatalf("%s: key %v is %s", text, k1, want.RatString())
			}
		}
	})
}

func abs64(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// TestScanNumKeyCases pins shapes the generator might reach rarely.
func TestScanNumKeyCases(t *testing.T) {
	for _, c := range []struct {
		src  string
		n    int
		st   keyState
		want string // number with the same key, "" for none
	}{
		{"-122.4628522941852800]", 21, keyComparable, "-12246285229418528e-14"},
		{"37.7675018499900000,", 19, keyComparable, "37.76750184999"},
		{"-0", 2, keyComparable, "0"},
		{"-0.000", 6, keyComparable, "0"},
		{"0.00012300]", 10, keyComparable, "123e-6"},
		{"12345678901234567", 17, keyComparable, "12345678901234567"},
		{"123456789012345678", 18, keyTextOnly, ""},
		{"1234567890123456780", 19, keyTextOnly, ""},
		{"1234567890123456700", 19, keyComparable, "12345678901234567e2"},
		{"12345678901234567890", 20, keyUnknown, ""},
		{"1.5e3,", 5, keyUnknown, "1500"},
		{"01", 1, keyUnknown, ""},
		{"1.]", 0, keyUnknown, ""},
		{"-", 0, keyUnknown, ""},
		{"12345678", 8, keyComparable, "12345678"},
		{"1234567.", 0, keyUnknown, ""},
	} {
		n, k, st := scanNumKey([]byte(c.src))
		if n != c.n || st != c.st {
			t.Errorf("%q: n %d state %d, want %d %d", c.src, n, st, c.n, c.st)
			continue
		}
		if c.want != "" && st == keyComparable {
			if w, ok := parseNumKey(c.want); !ok || w != k {
				t.Errorf("%q: key %v, want %v (%s)", c.src, k, w, c.want)
			}
		}
	}
}
