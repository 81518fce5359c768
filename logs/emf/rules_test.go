package emf

import (
	"math"
	"strings"
	"testing"
)

func TestValidValue(t *testing.T) {
	for _, v := range []float64{0, 1, -1, 0x1p360, -0x1p360, 1e-300, math.SmallestNonzeroFloat64} {
		if !validValue(v) {
			t.Errorf("validValue(%g) = false", v)
		}
	}
	for _, v := range []float64{math.Nextafter(0x1p360, math.Inf(1)), math.Inf(1), math.Inf(-1), math.NaN()} {
		if validValue(v) {
			t.Errorf("validValue(%g) = true", v)
		}
	}
}

func TestIsStandardUnit(t *testing.T) {
	units := strings.Split("Seconds Microseconds Milliseconds Bytes Kilobytes Megabytes Gigabytes Terabytes Bits Kilobits "+
		"Megabits Gigabits Terabits Percent Count Bytes/Second Kilobytes/Second Megabytes/Second Gigabytes/Second "+
		"Terabytes/Second Bits/Second Kilobits/Second Megabits/Second Gigabits/Second Terabits/Second Count/Second None", " ")
	if len(units) != 27 {
		t.Fatal(len(units))
	}
	for _, u := range units {
		if !IsStandardUnit(u) {
			t.Errorf("IsStandardUnit(%q) = false", u)
		}
		if IsStandardUnit(strings.ToLower(u)) || IsStandardUnit(u+" ") {
			t.Errorf("IsStandardUnit accepts a variant of %q", u)
		}
	}
	if IsStandardUnit("") || IsStandardUnit("NONE") {
		t.Error("IsStandardUnit accepts an empty or upper-case unit")
	}
}

func TestNameRules(t *testing.T) {
	for ns, ok := range map[string]bool{
		"MyApp": true, "a b": true, " x ": true, "a:b": true, "aws/x": true, "AWS": true, strings.Repeat("n", 255): true,
		"": false, ":a": false, "AWS/x": false, " ": false, "a\x7f": false, "é": false, strings.Repeat("n", 256): false,
	} {
		if got := namespaceProblem(ns) == ""; got != ok {
			t.Errorf("namespaceProblem(%q) = %q", ns, namespaceProblem(ns))
		}
	}
	for name, ok := range map[string]bool{"m": true, "é m:1": true, strings.Repeat("n", 255): true, "": false, "\xff": false, strings.Repeat("n", 256): false} {
		if got := metricNameProblem(name) == ""; got != ok {
			t.Errorf("metricNameProblem(%q) = %q", name, metricNameProblem(name))
		}
	}
	for key, ok := range map[string]bool{"k": true, "a:b": true, "k k": true, strings.Repeat("k", 250): true,
		"": false, ":k": false, "  ": false, "\tk": false, "ké": false, strings.Repeat("k", 251): false} {
		if got := dimensionKeyProblem(key) == ""; got != ok {
			t.Errorf("dimensionKeyProblem(%q) = %q", key, dimensionKeyProblem(key))
		}
	}
	for v, ok := range map[string]bool{"v": true, ":v": true, "$LATEST": true, " v ": true, strings.Repeat("v", 1024): true,
		"": false, " ": false, "v\n": false, "vé": false, strings.Repeat("v", 1025): false} {
		if got := dimensionValueProblem("k", v) == ""; got != ok {
			t.Errorf("dimensionValueProblem(%q) = %q", v, dimensionValueProblem("k", v))
		}
	}
}
