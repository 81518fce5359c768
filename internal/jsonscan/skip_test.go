package jsonscan

import (
	"encoding/json"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

func TestValidateCases(t *testing.T) {
	cases := []struct {
		s     string
		end   int
		fault Fault
	}{
		{`{}`, 2, NoFault},
		{`[]`, 2, NoFault},
		{`{"a":[1,2.5,-0,"x",true,false,null,{}]} `, 39, NoFault},
		{` {"a":1}`, 0, FaultSyntax}, // Validate does not skip leading space
		{`{"a" 1}`, 5, FaultSyntax},
		{`{"a":1,}`, 7, FaultSyntax},
		{`[1,]`, 3, FaultSyntax},
		{`[1 2]`, 3, FaultSyntax},
		{`{a:1}`, 1, FaultSyntax},
		{`{"a":01}`, 6, FaultSyntax},
		{`[-]`, 1, FaultNumber},
		{`[tru]`, 1, FaultLiteral},
		{`["\x"]`, 3, FaultEscape},
		{`[1`, 2, FaultEOF},
		{`{"a":`, 5, FaultEOF},
		{`{"a"`, 4, FaultEOF},
		{`["abc`, 5, FaultUnterminated},
		{`+1`, 0, FaultSyntax},
	}
	for _, c := range cases {
		end, f := Validate(c.s, 0, 0, 100)
		if end != c.end || f != c.fault {
			t.Errorf("Validate(%q) = %d, %v; want %d, %v", c.s, end, f, c.end, c.fault)
		}
	}
}

// TestValidateDepthLimit: maxDepth containers nest, one more does not, counting from the depth
// given for the value's container.
func TestValidateDepthLimit(t *testing.T) {
	nest := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
	for _, max := range []int{1, 2, 1000} {
		if _, f := Validate(nest(max), 0, 0, max); f != NoFault {
			t.Errorf("depth %d with limit %d: %v", max, max, f)
		}
		if end, f := Validate(nest(max+1), 0, 0, max); f != FaultDepth || end != max {
			t.Errorf("depth %d with limit %d: %d, %v", max+1, max, end, f)
		}
		if _, f := Validate(nest(max), 0, 1, max); f != FaultDepth {
			t.Errorf("depth %d inside one container, limit %d: %v", max, max, f)
		}
		obj := strings.Repeat(`{"a":`, max+1) + "1" + strings.Repeat("}", max+1)
		if _, f := Validate(obj, 0, 0, max); f != FaultDepth {
			t.Errorf("objects nested %d deep, limit %d: %v", max+1, max, f)
		}
	}
	// a million levels: refused without exhausting the stack
	if _, f := Validate(nest(1_000_000), 0, 0, 10_000); f != FaultDepth {
		t.Errorf("a million levels: %v", f)
	}
}

func TestSkipCases(t *testing.T) {
	cases := []struct {
		s     string
		end   int
		fault Fault
	}{
		{`"a\"b",`, 6, NoFault},
		{`123,`, 3, NoFault},
		{`true}`, 4, NoFault},
		{`1`, 1, NoFault},
		{`{"a":"}"}x`, 9, NoFault},
		{`[[1],{"b":"]"}] `, 15, NoFault},
		{`{"a":[1,2}`, 10, FaultEOF},
		{`{"a":"`, 6, FaultUnterminated},
		{``, 0, FaultEOF},
		{`{` + strings.Repeat(`"k":"vvvvvvvvvv",`, 5) + `"z":[1]}`, 94, NoFault},
	}
	for _, c := range cases {
		end, f := Skip(c.s, 0)
		if end != c.end || f != c.fault {
			t.Errorf("Skip(%q) = %d, %v; want %d, %v", c.s, end, f, c.end, c.fault)
		}
	}
}

// drawJSON draws a JSON-like text: mostly valid values, with a few faults mixed in.
func drawJSON(t *rapid.T, depth int) string {
	switch k := rapid.IntRange(0, 9).Draw(t, "k"); {
	case depth < 4 && k < 2:
		n := rapid.IntRange(0, 3).Draw(t, "n")
		var parts []string
		for i := 0; i < n; i++ {
			parts = append(parts, drawJSONString(t)+rapid.SampledFrom([]string{":", " : ", ""}).Draw(t, "colon")+drawJSON(t, depth+1))
		}
		return "{" + strings.Join(parts, rapid.SampledFrom([]string{",", " , ", ",,"}).Draw(t, "comma")) + rapid.SampledFrom([]string{"}", "}", "]", ""}).Draw(t, "close")
	case depth < 4 && k < 4:
		n := rapid.IntRange(0, 3).Draw(t, "n")
		var parts []string
		for i := 0; i < n; i++ {
			parts = append(parts, drawJSON(t, depth+1))
		}
		return "[" + strings.Join(parts, rapid.SampledFrom([]string{",", ", ", ",,"}).Draw(t, "comma")) + rapid.SampledFrom([]string{"]", "]", "}", ""}).Draw(t, "close")
	case k < 6:
		return drawJSONString(t)
	case k < 8:
		return rapid.SampledFrom([]string{"0", "-1.5e3", "01", "1.", "-", "12345678901234567890"}).Draw(t, "num")
	default:
		return rapid.SampledFrom([]string{"true", "false", "null", "tru", "nul", "x"}).Draw(t, "lit")
	}
}

// TestValidateMatchesEncodingJSON: Validate accepts exactly what encoding/json accepts, and on
// valid input Skip ends where Validate does.
func TestValidateMatchesEncodingJSON(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		checkValue(t, drawJSON(t, 0))
	})
}

func checkValue(t interface{ Fatalf(string, ...any) }, s string) {
	end, f := Validate(s, 0, 0, 10_000)
	valid := f == NoFault && SkipSpace(s, end) == len(s)
	trimmed := strings.TrimLeft(s, " \t\r\n")
	want := json.Valid([]byte(s)) && trimmed == s
	if valid != want {
		t.Fatalf("Validate(%q) = %d, %v; encoding/json valid = %v", s, end, f, want)
	}
	if valid {
		if skip, sf := Skip(s, 0); sf != NoFault || skip != end {
			t.Fatalf("Skip(%q) = %d, %v; Validate ended at %d", s, skip, sf, end)
		}
	}
}

// FuzzValidate checks the strict validator against encoding/json.Valid on arbitrary input, and
// that Skip ends where Validate does on every valid value. Neither may panic.
func FuzzValidate(f *testing.F) {
	for _, s := range []string{`{}`, `[1,2.5e3,-0,"\u00e9"]`, `{"a":{"b":[null,true,false]}}`, `{"a":01}`, `[1,]`, `{"a" 1}`,
		`"s"`, `12`, `[[[[`, `{"a":"}"}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkValue(t, s)
		Skip(s, 0)
		Skip([]byte(s), 0)
	})
}
