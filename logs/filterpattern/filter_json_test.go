package filterpattern

import "testing"

// TestJSONWildcardEnds pins down what a '*' at either end of a JSON string value means ("Using
// filter patterns to match terms in JSON log events" in the CloudWatch Logs User Guide, whose
// example { $.eventType = "*UnauthorizedOperation" } selects error codes ending with the text): a
// leading '*' means "ends with", a trailing one "starts with", both "contains", none "equals". The
// same values in space-delimited patterns behave alike.
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
