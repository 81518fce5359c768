package transform

import (
	"errors"
	"testing"
)

// TestScanTemplate: placeholders and where they stand.
func TestScanTemplate(t *testing.T) {
	cases := []struct {
		template string
		names    []string
		places   []place
		json     bool
	}{
		{`{"a": <x>, "b": "<y>", "c": "p <z> q"}`, []string{"x", "y", "z"}, []place{placeValue, placeQuoted, placeEmbedded}, true},
		{`"<x><y>"`, []string{"x", "y"}, []place{placeEmbedded, placeEmbedded}, true},
		{`"\"<x>\""`, []string{"x"}, []place{placeEmbedded}, true},
		{`"\\"<x>`, []string{"x"}, []place{placeValue}, false},
		{`<x> is in state <y>`, []string{"x", "y"}, []place{placeValue, placeValue}, false},
		{`a < b, <> and <a b> are text; <aws.events.rule-name>`, []string{"aws.events.rule-name"}, []place{placeValue}, false},
		{`[<x>, <y>]`, []string{"x", "y"}, []place{placeValue, placeValue}, true},
		{`<x>`, []string{"x"}, []place{placeValue}, true},
		{`{"<k>": 1}`, []string{"k"}, []place{placeQuoted}, true},
		{`{"a": <x> <y>}`, []string{"x", "y"}, []place{placeValue, placeValue}, false},
		{`"a\<x>"`, []string{"x"}, []place{placeEmbedded}, false},
		{`plain text`, nil, nil, false},
		{`{}`, nil, nil, true},
	}
	for _, tc := range cases {
		ps := scanTemplate(tc.template)
		if len(ps) != len(tc.names) {
			t.Fatalf("%s: %d placeholders, want %d", tc.template, len(ps), len(tc.names))
		}
		for i, p := range ps {
			if p.name != tc.names[i] || p.place != tc.places[i] {
				t.Errorf("%s: placeholder %d = %s/%d, want %s/%d", tc.template, i, p.name, p.place, tc.names[i], tc.places[i])
			}
		}
		if got := classify(tc.template, ps); got != tc.json {
			t.Errorf("%s: JSON %v, want %v", tc.template, got, tc.json)
		}
	}
}

// TestTemplateValues: the substitution rules beyond the spec table ([derived] choices included).
func TestTemplateValues(t *testing.T) {
	event := `{"detail":{"s":"v","q":"say \"hi\"","bs":"a\\x","nl":"x\ny","n":1.50,"z":null,"t":false,"o":{ "k" : [1, "two"] },"e":"\u00e9"}}`
	paths := map[string]string{"s": "$.detail.s", "q": "$.detail.q", "bs": "$.detail.bs", "nl": "$.detail.nl", "n": "$.detail.n",
		"z": "$.detail.z", "t": "$.detail.t", "o": "$.detail.o", "e": "$.detail.e", "m": "$.detail.missing", "all": "$.detail.o.k[*]"}
	cases := []struct {
		template, want string
		drop           error
	}{
		{`{"n": <n>, "z": <z>, "t": <t>}`, `{"n":1.50,"z":null,"t":false}`, nil},
		{`"<n> <z> <t>"`, `"1.50 null false"`, nil},
		{`{"n": "<n>"}`, `{"n":"1.50"}`, nil},
		{`{"o": <o>}`, `{"o":{"k":[1,"two"]}}`, nil},
		{`"o is <o>"`, `"o is {k:[1,two]}"`, nil},
		{`{"all": <all>}`, `{"all":[1,"two"]}`, nil},
		{`{"e": <e>, "f": "<e>!"}`, `{"e":"é","f":"é!"}`, nil},
		// Values are not escaped: a quote, a backslash or a control character inside a value
		// makes a JSON template invalid, and the delivery is dropped.
		{`{"q": <q>}`, ``, DropInvalidJSON},
		{`{"q": "<q>"}`, ``, DropInvalidJSON},
		{`{"bs": "<bs>"}`, ``, DropInvalidJSON},
		{`{"nl": "<nl>"}`, ``, DropInvalidJSON},
		// Text templates are sent as they are.
		{`say <s> and <m>!`, `say v and !`, nil},
		{`q=<q> o=<o> n=<n> z=<z>`, `q=say "hi" o={"k":[1,"two"]} n=1.50 z=null`, nil},
		{"  spaced   <s>  ", "  spaced   v  ", nil},
		{`<s>`, `"v"`, nil},
		{`<o>`, `{"k":[1,"two"]}`, nil},
		{`<m>`, `""`, nil},
	}
	for _, tc := range cases {
		s, err := Compile("t1", "", "", &InputTransformer{InputPathsMap: paths, InputTemplate: tc.template})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Apply([]byte(event), Context{})
		if !errors.Is(err, tc.drop) || string(got) != tc.want {
			t.Errorf("%s: got %q, %v; want %q, %v", tc.template, got, err, tc.want, tc.drop)
		}
	}
}

// TestMalformedEvent: an event that is not JSON is dropped, never half-read.
func TestMalformedEvent(t *testing.T) {
	s, err := Compile("t1", "", "", &InputTransformer{InputPathsMap: map[string]string{"a": "$.a"}, InputTemplate: `{"a": <a>}`})
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range []string{``, `{`, `{"a":`, `{"a":1`, `{"a":1}x`, `{"a" 1}`, `{a:1}`, `{"a":"x}`, `[1,`} {
		if got, err := s.Apply([]byte(ev), Context{}); err != DropMalformedEvent {
			t.Errorf("%q: got %q, %v", ev, got, err)
		}
	}
}
