package filterpattern

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/watchsim/watchsim/internal/awserr"
)

func addVectorSeeds(f *testing.F) {
	f.Helper()
	for _, v := range loadFilterVectors(f) {
		f.Add(v.Pattern, v.Event)
	}
	for _, p := range []string{
		`{ $.a[*].b = %x{,2}% && ($.c IS NULL || $.d NOT EXISTS) }`, `[a, ..., b = "x y" || b = 4*, c > -1e3]`,
		`?"a b" -c "d"`, `%^\d+\s\S\x41$%`, `{ $.['a.b'][0].* = "*" }`, `[..., a = %^x$%]`, `" "`, `{ $ = 1 }`,
	} {
		f.Add(p, "")
	}
}

// FuzzCompile checks that the parser never panics, that every rejected pattern gets a
// *awserr.Error with code InvalidParameterException (or is refused as not simulated), and that
// accepted patterns match consistently.
func FuzzCompile(f *testing.F) {
	addVectorSeeds(f)
	f.Fuzz(func(t *testing.T, pattern, message string) {
		p, err := Compile(pattern)
		if err != nil {
			if awserr.IsNotSimulated(err) {
				return
			}
			var be *awserr.Error
			if !asBusError(err, &be) || be.Code != InvalidParameterException || be.Message == "" || be.StatusCode != 400 {
				t.Fatalf("Compile(%q) = %#v, want an InvalidParameterException *awserr.Error", pattern, err)
			}
			return
		}
		ok := p.Matches(message)
		m, ok2 := p.Match(message)
		if ok != ok2 {
			t.Fatalf("Compile(%q): Matches(%q) = %v but Match = %v", pattern, message, ok, ok2)
		}
		if ok2 {
			ev := m.ExtractedValues()
			for k, v := range ev {
				if got, found := m.Field(k); !found || got != v {
					t.Fatalf("Field(%q) = %q, %v; ExtractedValues has %q", k, got, found, v)
				}
			}
		}
		q, err := Compile(p.String())
		if err != nil || q.Matches(message) != ok {
			t.Fatalf("recompiling %q: %v", pattern, err)
		}
	})
}

// FuzzJSONScanner compares the JSON matcher's one-pass validation with encoding/json: it must
// accept exactly the messages that are valid JSON documents whose top level is an object or an
// array, and a JSON pattern must never match anything else.
func FuzzJSONScanner(f *testing.F) {
	for _, v := range loadFilterVectors(f) {
		f.Add(v.Event)
	}
	for _, s := range []string{`{}`, `[]`, ` [1, 2.5e3, -0, "\u00e9\n"] `, `{"a":{"b":[null,true,false]}}`, `{"a":01}`, `{"a":"\x"}`, `"s"`, `[1,]`, `{"a" 1}`, "[\"\x01\"]"} {
		f.Add(s)
	}
	p, err := Compile(`{ $.a = 1 || $.a NOT EXISTS }`)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, msg string) {
		trimmed := strings.TrimLeft(msg, " \t\r\n")
		want := json.Valid([]byte(msg)) && len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[')
		sc := jsonScanner{s: msg, m: p.json}
		if got := sc.scan(); got != want {
			t.Fatalf("scan(%q) = %v, encoding/json says valid object/array = %v", msg, got, want)
		}
		if p.Matches(msg) && !want {
			t.Fatalf("Matches(%q) on invalid JSON", msg)
		}
	})
}

// FuzzMetricTransformation checks the metricValue and dimension parsing of
// ValidateMetricTransformation: it never panics, rejects only with InvalidParameterException,
// and an accepted transformation evaluates consistently with the pattern.
func FuzzMetricTransformation(f *testing.F) {
	for _, v := range loadFilterVectors(f) {
		if v.MetricValue != "" {
			f.Add(v.Pattern, v.MetricValue, "", v.Event)
		}
	}
	f.Add(`{ $.a = * }`, `$.a`, `$.b[0].c`, `{"a": 2, "b": [{"c": "x"}]}`)
	f.Add(`[a, b]`, `$2`, `$a`, `x 5`)
	f.Add(`[a, b]`, `$c`, ``, `x 5`)
	f.Add(`ERROR`, `1.5e2`, ``, `ERROR`)
	f.Fuzz(func(t *testing.T, pattern, metricValue, dim, message string) {
		p, err := Compile(pattern)
		if err != nil {
			return
		}
		tr := MetricTransformation{MetricName: "m", MetricNamespace: "n", MetricValue: metricValue}
		if dim != "" {
			tr.Dimensions = map[string]string{"d": dim}
		}
		e, err := NewMetricFilterEvaluator(p, tr)
		if err != nil {
			var be *awserr.Error
			if !asBusError(err, &be) || be.Code != InvalidParameterException {
				t.Fatalf("NewMetricFilterEvaluator(%q, %+v) = %v", pattern, tr, err)
			}
			return
		}
		obs, ok := e.Evaluate(message)
		if ok != p.Matches(message) && ok {
			t.Fatalf("Evaluate emitted %+v for a message the pattern does not match", obs)
		}
		if ok {
			m, _ := p.Match(message)
			v, vok := ResolveMetricValue(m, metricValue)
			if !vok || v != obs.Value {
				t.Fatalf("Evaluate value %v, ResolveMetricValue %v %v", obs.Value, v, vok)
			}
			if dim != "" && obs.Dimensions["d"] == "" && func() bool { s, _ := m.Field(dim); return s != "" }() {
				t.Fatalf("dimension lost: %+v", obs)
			}
		}
	})
}
