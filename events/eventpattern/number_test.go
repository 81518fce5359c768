package eventpattern

import (
	"math/big"
	"testing"

	"pgregory.net/rapid"
)

// TestNumKeyFastSlow: the fast number-key path agrees with the general one.
func TestNumKeyFastSlow(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ip := rapid.StringMatching(`-?(0|[1-9][0-9]{0,17})`).Draw(t, "i")
		fp := rapid.StringMatching(`(\.[0-9]{1,19})?`).Draw(t, "f")
		s := ip + fp
		k1, ok1, done := fastNumKey([]byte(s))
		k2, ok2 := slowNumKey([]byte(s))
		if done && (ok1 != ok2 || (ok1 && k1 != k2)) {
			t.Fatalf("%s: fast %v %v slow %v %v", s, k1, ok1, k2, ok2)
		}
	})
}

// TestNumKeyExact: two comparable numbers have the same key exactly when their decimal values are
// equal.
func TestNumKeyExact(t *testing.T) {
	num := rapid.Custom(func(t *rapid.T) string {
		s := rapid.StringMatching(`-?(0|[1-9][0-9]{0,5})(\.[0-9]{1,5})?`).Draw(t, "n")
		if rapid.Bool().Draw(t, "exp") {
			s += "e" + rapid.StringMatching(`-?[0-9]{1,2}`).Draw(t, "e")
		}
		return s
	})
	rapid.Check(t, func(t *rapid.T) {
		a, b := num.Draw(t, "a"), num.Draw(t, "b")
		ka, oka := parseNumKey(a)
		kb, okb := parseNumKey(b)
		if !oka || !okb {
			t.Fatalf("%s or %s not comparable", a, b)
		}
		ra, _ := new(big.Rat).SetString(a)
		rb, _ := new(big.Rat).SetString(b)
		if (ka == kb) != (ra.Cmp(rb) == 0) {
			t.Fatalf("%s (%v) vs %s (%v)", a, ka, b, kb)
		}
	})
	for _, c := range []struct {
		a, b string
		eq   bool
	}{{"300", "3.0e2", true}, {"300", "300.000", true}, {"-0", "0", true}, {"0.1", "1e-1", true},
		{"300", "301", false}, {"-1", "1", false}, {"1e2", "1E+2", true}} {
		ka, _ := parseNumKey(c.a)
		kb, _ := parseNumKey(c.b)
		if (ka == kb) != c.eq {
			t.Errorf("%s vs %s: equal keys %v, want %v", c.a, c.b, ka == kb, c.eq)
		}
	}
	for _, s := range []string{"12345678901234567890", "1e400", "123456789012345678"} {
		if _, ok := parseNumKey(s); ok {
			t.Errorf("%s should be compared as text only", s)
		}
	}
	if _, ok := parseNumKey("12345678901234567"); !ok {
		t.Error("17 digits should be comparable")
	}
}

// TestOrdOrder: ords order numbers like their exact decimal values.
func TestOrdOrder(t *testing.T) {
	num := rapid.Custom(func(t *rapid.T) string {
		s := rapid.StringMatching(`-?(0|[1-9][0-9]{0,8})(\.[0-9]{1,8})?`).Draw(t, "n")
		if rapid.Bool().Draw(t, "exp") {
			s += "e" + rapid.StringMatching(`-?[0-9]{1,2}`).Draw(t, "e")
		}
		return s
	})
	rapid.Check(t, func(t *rapid.T) {
		a, b := num.Draw(t, "a"), num.Draw(t, "b")
		oa, _ := numberOrd(a)
		ob, _ := numberOrd(b)
		ra, _ := new(big.Rat).SetString(a)
		rb, _ := new(big.Rat).SetString(b)
		if got, want := cmpOrd(oa, ob), ra.Cmp(rb); got != want {
			t.Fatalf("cmp(%s, %s) = %d, want %d", a, b, got, want)
		}
	})
}

// TestRangeIndex: the range index finds exactly the ranges that hold a value.
func TestRangeIndex(t *testing.T) {
	vals := []string{"-5", "-1", "0", "0.5", "1", "2", "2.5", "3", "10", "100"}
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(4, 30).Draw(t, "n")
		var rs []rangeTarget
		for i := 0; i < n; i++ {
			o := &op{kind: opNumeric}
			a, _ := numberOrd(rapid.SampledFrom(vals).Draw(t, "lo"))
			b, _ := numberOrd(rapid.SampledFrom(vals).Draw(t, "hi"))
			if cmpOrd(a, b) > 0 {
				a, b = b, a
			}
			o.hasLo, o.lo, o.loOpen = rapid.Bool().Draw(t, "hasLo"), a, rapid.Bool().Draw(t, "loOpen")
			o.hasHi, o.hi, o.hiOpen = rapid.Bool().Draw(t, "hasHi"), b, rapid.Bool().Draw(t, "hiOpen")
			rs = append(rs, rangeTarget{o: o, t: target{sub: int32(i)}})
		}
		ri := buildRangeIndex(rs)
		if ri == nil {
			return
		}
		for _, v := range append(vals, "-10", "0.7", "1000") {
			x, _ := numberOrd(v)
			got := map[int32]bool{}
			for _, tg := range ri.lookup(x) {
				got[tg.sub] = true
			}
			for _, r := range rs {
				if r.o.inRange(x) != got[r.t.sub] {
					t.Fatalf("value %s, range %+v: index %v, direct %v", v, *r.o, got[r.t.sub], r.o.inRange(x))
				}
			}
		}
	})
}
