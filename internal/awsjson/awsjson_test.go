package awsjson

import (
	"encoding/json"
	"math"
	"testing"

	"pgregory.net/rapid"
)

func TestDoubleJSON(t *testing.T) {
	for _, tc := range []struct {
		f    float64
		want string
	}{{1.5, "1.5"}, {0, "0"}, {1e300, "1e+300"}, {math.NaN(), `"NaN"`}, {math.Inf(1), `"Infinity"`}, {math.Inf(-1), `"-Infinity"`}} {
		b, err := json.Marshal(Double(tc.f))
		if err != nil || string(b) != tc.want {
			t.Errorf("Marshal(%v) = %s, %v; want %s", tc.f, b, err, tc.want)
		}
	}
	for _, bad := range []string{`"nan"`, `"1"`, `true`, `{}`} {
		var d Double
		if err := json.Unmarshal([]byte(bad), &d); err == nil {
			t.Errorf("Unmarshal(%s) accepted", bad)
		}
	}
}

// TestDoubleRoundTrip: every float64, NaN and infinities included, marshals and reads back as itself.
func TestDoubleRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := rapid.OneOf(rapid.Float64(), rapid.SampledFrom([]float64{math.NaN(), math.Inf(1), math.Inf(-1)})).Draw(t, "f")
		b, err := json.Marshal([]Double{Double(f)})
		if err != nil {
			t.Fatal(err)
		}
		var back []Double
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		g := float64(back[0])
		if !(g == f || math.IsNaN(f) && math.IsNaN(g)) {
			t.Fatalf("%v → %s → %v", f, b, g)
		}
		if Finite(f) == (math.IsNaN(f) || math.IsInf(f, 0)) {
			t.Fatalf("Finite(%v)", f)
		}
	})
	if Doubles(nil) != nil || len(Doubles([]float64{1, 2})) != 2 {
		t.Error("Doubles")
	}
}

// FuzzDoubleUnmarshal: any input is refused or read; a value read marshals back to text that reads
// as the same value.
func FuzzDoubleUnmarshal(f *testing.F) {
	for _, s := range []string{`1`, `-0`, `1e308`, `"NaN"`, `"Infinity"`, `"-Infinity"`, `"nan"`, `null`, `{}`, `1e999`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var d Double
		if err := json.Unmarshal([]byte(s), &d); err != nil {
			return
		}
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatalf("%q read as %v does not marshal: %v", s, float64(d), err)
		}
		var back Double
		if err := json.Unmarshal(b, &back); err != nil || !(back == d || math.IsNaN(float64(d)) && math.IsNaN(float64(back))) {
			t.Fatalf("%q → %v → %s → %v (%v)", s, float64(d), b, float64(back), err)
		}
	})
}
