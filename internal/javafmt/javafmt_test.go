package javafmt

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// TestDouble holds the vectors of the metrics and alarms packages (AWS messages and alarm reasons
// print numbers this way) and Java's special values.
func TestDouble(t *testing.T) {
	for _, tc := range []struct {
		f    float64
		want string
	}{
		{50, "50.0"}, {99.50160229693434, "99.50160229693434"}, {0.0666851903306472, "0.0666851903306472"},
		{45628, "45628.0"}, {1e8, "1.0E8"}, {0, "0.0"}, {math.Copysign(0, -1), "-0.0"}, {20000, "20000.0"},
		{1e-5, "1.0E-5"}, {1.5e-5, "1.5E-5"}, {1.5e10, "1.5E10"}, {-2.5, "-2.5"}, {0.001, "0.001"},
		{0.000999, "9.99E-4"}, {9999999, "9999999.0"}, {1e7, "1.0E7"}, {1234567, "1234567.0"},
		{12345678, "1.2345678E7"}, {0.020599444741798756, "0.020599444741798756"}, {100, "100.0"},
		{0.5, "0.5"}, {-1.79769e308, "-1.79769E308"}, {math.MaxFloat64, "1.7976931348623157E308"},
		{5e-324, "4.9E-324"}, {math.NaN(), "NaN"}, {math.Inf(1), "Infinity"}, {math.Inf(-1), "-Infinity"},
	} {
		if got := Double(tc.f); got != tc.want {
			t.Errorf("Double(%v) = %q, want %q", tc.f, got, tc.want)
		}
	}
}

func TestAppendJSONNumber(t *testing.T) {
	for _, tc := range []struct {
		f    float64
		want string
	}{{21, "21.0"}, {1e8, "1.0E8"}, {math.NaN(), "null"}, {math.Inf(1), "null"}, {math.Inf(-1), "null"}} {
		if got := string(AppendJSONNumber([]byte("x"), tc.f)); got != "x"+tc.want {
			t.Errorf("AppendJSONNumber(%v) = %q, want %q", tc.f, got, "x"+tc.want)
		}
	}
}

// TestDoubleProperties: for every finite float the text parses back to the same value, is valid
// JSON, has a point in its mantissa, and uses plain notation exactly when 10^-3 ≤ |f| < 10^7.
func TestDoubleProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := rapid.Float64().Draw(t, "f")
		s := Double(f)
		if string(AppendDouble([]byte("p"), f)) != "p"+s {
			t.Fatalf("AppendDouble and Double differ for %v", f)
		}
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return
		}
		back, err := strconv.ParseFloat(s, 64)
		if err != nil || back != f || math.Signbit(back) != math.Signbit(f) {
			t.Fatalf("Double(%v) = %q parses back to %v (%v)", f, s, back, err)
		}
		if !json.Valid([]byte(s)) {
			t.Fatalf("Double(%v) = %q is not a JSON number", f, s)
		}
		mant, exp, sci := strings.Cut(s, "E")
		if !strings.Contains(mant, ".") {
			t.Fatalf("Double(%v) = %q: no point in the mantissa", f, s)
		}
		a := math.Abs(f)
		if plain := a >= 1e-3 && a < 1e7 || f == 0; plain == sci {
			t.Fatalf("Double(%v) = %q: wrong notation", f, s)
		}
		if sci && (strings.HasPrefix(exp, "+") || strings.HasPrefix(strings.TrimPrefix(exp, "-"), "0")) {
			t.Fatalf("Double(%v) = %q: exponent not in Java form", f, s)
		}
	})
}

func TestAppendDoubleDoesNotAllocate(t *testing.T) {
	buf := make([]byte, 0, 64)
	if n := testing.AllocsPerRun(100, func() { _ = AppendDouble(buf[:0], 1.2345678e-9) }); n != 0 {
		t.Errorf("%v allocations", n)
	}
}

func FuzzDouble(f *testing.F) {
	for _, v := range []float64{0, 1e8, -2.5, 1e-5, math.MaxFloat64} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v float64) {
		s := Double(v)
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return
		}
		if back, err := strconv.ParseFloat(s, 64); err != nil || back != v {
			t.Fatalf("Double(%v) = %q does not round-trip", v, s)
		}
	})
}
