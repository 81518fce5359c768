package filterpattern

import (
	"strings"
	"testing"
)

// TestJSONWildcardEnds pins down what a '*' at either end of a JSON string value means ("Using
// filter patterns to match terms in JSON log events", CloudWatch Logs User Guide; the CIS AWS
// Foundations Benchmark's unauthorized-API-calls filter { $.errorCode = "*UnauthorizedOperation" }
// relies on it): a leading '*' means "ends with", a trailing one "starts with", both "contains",
// none "equals". The same values in space-delimited patterns behave alike.
func TestJSONWildcardEnds(t *testing.T) {
	cases := []struct {
		value, field string
		want         bool
	}{
		{`"*UnauthorizedOperation"`, `UnauthorizedOperation`, true},
		{`"*UnauthorizedOperation"`, `Client.UnauthorizedOperation`, true},
		{`"*UnauthorizedOperation"`, `UnauthorizedOperationX`, false},
		{`"*UnauthorizedOperation"`, `XUnauthorizedOperationX`, false},
		{`"Unauthorized*"`, `UnauthorizedOperation`, true},
		{`"Unauthorized*"`, `XUnauthorized`, false},
		{`"Unauthorized*"`, `XUnauthorizedY`, false},
		{`"*Unauthorized*"`, `XUnauthorizedY`, true},
		{`"*Unauthorized*"`, `XUnauthorizeY`, false},
		{`"Unauthorized"`, `XUnauthorized`, false},
		{`"Unauthorized"`, `UnauthorizedX`, false},
		{`"Unauthorized"`, `Unauthorized`, true},
	}
	for _, c := range cases {
		p, err := Compile(`{ $.errorCode = ` + c.value + ` }`)
		if err != nil {
			t.Fatalf("%s: %v", c.value, err)
		}
		if got := p.Matches(`{"errorCode":"` + c.field + `"}`); got != c.want {
			t.Errorf("JSON %s on %q = %v, want %v", c.value, c.field, got, c.want)
		}
		d, err := Compile(`[code = ` + c.value + `]`)
		if err != nil {
			t.Fatalf("%s: %v", c.value, err)
		}
		if got := d.Matches(c.field); got != c.want {
			t.Errorf("space-delimited %s on %q = %v, want %v", c.value, c.field, got, c.want)
		}
	}
}

// TestJSONDepthLimit: an event nested exactly MaxJSONDepth deep is read (and can match), one level
// more never matches, and a million levels are refused without exhausting the stack.
func TestJSONDepthLimit(t *testing.T) {
	p, err := Compile(`{ $.x NOT EXISTS }`)
	if err != nil {
		t.Fatal(err)
	}
	nest := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
	if !p.Matches(nest(MaxJSONDepth)) {
		t.Errorf("an event %d deep does not match", MaxJSONDepth)
	}
	if p.Matches(nest(MaxJSONDepth + 1)) {
		t.Errorf("an event %d deep matches", MaxJSONDepth+1)
	}
	deep := strings.Repeat(`{"a":`, MaxJSONDepth) + "1" + strings.Repeat("}", MaxJSONDepth)
	q, err := Compile(`{ $.a.a = * }`)
	if err != nil {
		t.Fatal(err)
	}
	if q.Matches(deep) {
		t.Errorf("objects %d deep: $.a.a is an object, = * must not match", MaxJSONDepth)
	}
	if q.Matches(`{"a":` + deep + `}`) {
		t.Errorf("objects %d deep match", MaxJSONDepth+1)
	}
	if p.Matches(nest(1_000_000)) {
		t.Error("a million levels match")
	}
}
