package alarms

import (
	"strings"
	"testing"

	"github.com/watchsim/watchsim/bus"
)

func states(m map[string]StateValue) func(string) StateValue {
	return func(ref string) StateValue { return m[ref] }
}

// TestRuleCompositeVectors is TV-COMPOSITE-2 ([derived] from the documented semantics).
func TestRuleCompositeVectors(t *testing.T) {
	A, O, I := StateAlarm, StateOK, StateInsufficientData
	cases := []struct {
		rule string
		st   map[string]StateValue
		want bool
	}{
		{`ALARM(a) AND NOT ALARM(b)`, map[string]StateValue{"a": A, "b": O}, true},
		{`ALARM(a) AND NOT ALARM(b)`, map[string]StateValue{"a": A, "b": A}, false},
		{`ALARM(a) AND NOT ALARM(b)`, map[string]StateValue{"a": O, "b": O}, false},
		{`(ALARM(a) OR ALARM(b)) AND OK(c)`, map[string]StateValue{"a": A, "b": O, "c": I}, false},
		{`INSUFFICIENT_DATA(a)`, map[string]StateValue{"a": I}, true},
		{`TRUE`, nil, true},
		{`FALSE`, nil, false},
		{`false`, nil, false},
		{`AT_LEAST(2, ALARM, (a,b,c))`, map[string]StateValue{"a": A, "b": A, "c": O}, true},
		{`AT_LEAST(2, ALARM, (a,b,c))`, map[string]StateValue{"a": A, "b": O, "c": O}, false},
		{`AT_LEAST(60%, NOT OK, (a,b,c))`, map[string]StateValue{"a": A, "b": I, "c": O}, true},
		{`AT_LEAST(70%, NOT OK, (a,b,c))`, map[string]StateValue{"a": A, "b": I, "c": O}, false},
		// At exactly P percent: "at least" means ≥ ([UG:Create_Composite_Alarm], AT_LEAST).
		{`AT_LEAST(50%, ALARM, (a,b))`, map[string]StateValue{"a": A, "b": O}, true},
		{`AT_LEAST(50%, ALARM, (a,b,c,d))`, map[string]StateValue{"a": A, "b": O, "c": A, "d": I}, true},
		{`AT_LEAST(51%, ALARM, (a,b))`, map[string]StateValue{"a": A, "b": O}, false},
		{`AT_LEAST(100%, ALARM, (a,b))`, map[string]StateValue{"a": A, "b": A}, true},
		{`AT_LEAST(100%, ALARM, (a,b))`, map[string]StateValue{"a": A, "b": I}, false},
		{`AT_LEAST(2, ALARM, (a,b))`, map[string]StateValue{"a": A, "b": A}, true},
		{`AT_LEAST(1, NOT ALARM, (a,b))`, map[string]StateValue{"a": A, "b": I}, true},
		{`AT_LEAST(2, NOT ALARM, (a,b))`, map[string]StateValue{"a": A, "b": I}, false},
		{`ALARM("my alarm") OR OK(arn:aws:cloudwatch:us-east-1:123456789012:alarm:x)`,
			map[string]StateValue{"my alarm": O, "arn:aws:cloudwatch:us-east-1:123456789012:alarm:x": O}, true},
		// precedence NOT > AND > OR [derived]
		{`ALARM(a) OR ALARM(b) AND ALARM(c)`, map[string]StateValue{"a": A, "b": O, "c": O}, true},
		{`NOT ALARM(a) AND ALARM(b)`, map[string]StateValue{"a": O, "b": O}, false},
		{`NOT NOT ALARM(a)`, map[string]StateValue{"a": A}, true},
		{`((((TRUE))))`, nil, true},
	}
	for _, c := range cases {
		r, err := ParseRule(c.rule)
		if err != nil {
			t.Errorf("%s: %v", c.rule, err)
			continue
		}
		if got := r.Eval(states(c.st)); got != c.want {
			t.Errorf("%s with %v = %v, want %v", c.rule, c.st, got, c.want)
		}
		r2, err := ParseRule(r.String())
		if err != nil || r2.String() != r.String() {
			t.Errorf("%s: canonical form %q does not round-trip: %v", c.rule, r.String(), err)
		}
	}
}

func TestRuleRefs(t *testing.T) {
	r, err := ParseRule(`ALARM(a) OR (OK("b c") AND NOT ALARM(a)) OR AT_LEAST(1, ALARM, (d, a))`)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(r.Refs(), "|"); got != "a|b c|d" {
		t.Errorf("refs %q", got)
	}
}

// TestRuleErrors checks the field-observed messages ([field] aws/aws-cdk#13953, #34662) and our derived ones.
func TestRuleErrors(t *testing.T) {
	cases := map[string]string{
		`()`:                            "Error in AlarmRule [Unsupported token ')' at char 1]",
		`ALARM(a`:                       "Error in AlarmRule [Unexpected end of rule at char 7, must be: ')']",
		`ALARM(a) b`:                    "Error in AlarmRule [Unsupported token 'b' at char 9]",
		`ALARM(a b)`:                    "Error in AlarmRule [Unsupported token 'b' at char 8, must be: ')']",
		`alarm(a)`:                      "Error in AlarmRule [Unsupported token 'alarm' at char 0]",
		`ALARM(a) AND`:                  "Error in AlarmRule [Unexpected end of rule at char 12]",
		`ALARM("a`:                      "Error in AlarmRule [Unsupported token '\"a' at char 6]",
		`AT_LEAST(4, ALARM, (a, b, c))`: "Error in AlarmRule [Invalid AT_LEAST threshold '4' at char 9]",
		`AT_LEAST(0%, ALARM, (a))`:      "Error in AlarmRule [Invalid AT_LEAST threshold '0%' at char 9]",
		`ALARM("")`:                     "Error in AlarmRule [Unsupported token '\"\"' at char 6]",
	}
	for rule, want := range cases {
		_, err := ParseRule(rule)
		if err == nil {
			t.Errorf("%s: no error", rule)
			continue
		}
		if bus.ErrorCode(err) != "ValidationError" {
			t.Errorf("%s: code %q", rule, bus.ErrorCode(err))
		}
		if e, ok := err.(*bus.Error); !ok || e.Message != want {
			t.Errorf("%s:\n got %v\nwant %s", rule, err, want)
		}
	}
}

func TestRuleLimits(t *testing.T) {
	if _, err := ParseRule(""); err == nil {
		t.Error("empty rule accepted")
	}
	if _, err := ParseRule(strings.Repeat("(", 5000) + "TRUE" + strings.Repeat(")", 5000)); err == nil {
		t.Error("over-long rule accepted")
	}
	var parts []string
	for i := 0; i < 101; i++ {
		parts = append(parts, "ALARM(a"+strings.Repeat("x", i)+")")
	}
	if _, err := ParseRule(strings.Join(parts, " OR ")); err == nil || !strings.Contains(err.Error(), "100") {
		t.Errorf("101 children: %v", err)
	}
	parts = parts[:0]
	for i := 0; i < 501; i++ {
		parts = append(parts, "TRUE")
	}
	if _, err := ParseRule(strings.Join(parts, " OR ")); err == nil || !strings.Contains(err.Error(), "500") {
		t.Errorf("501 elements: %v", err)
	}
	// Deep NOT chains are bounded by the length limit and must not recurse.
	if _, err := ParseRule(strings.Repeat("NOT ", 2500) + "TRUE"); err != nil {
		t.Error(err)
	}
}

// FuzzParseRule checks that the parser never panics, that every accepted rule respects the limits,
// and that the canonical form parses back to the same rule with the same truth table.
func FuzzParseRule(f *testing.F) {
	for _, s := range []string{
		`ALARM(a) OR ALARM(b)`, `(ALARM(a) OR ALARM(b)) AND OK(c)`, `NOT INSUFFICIENT_DATA("x y")`, `TRUE`, `false`,
		`AT_LEAST(2, ALARM, (a,b,c))`, `AT_LEAST(60%, NOT OK, (a, "b", c))`, `()`, `ALARM(a`, `ALARM(arn:aws:cloudwatch:us-east-1:1:alarm:a)`,
		`((ALARM(a)))`, `NOT NOT NOT TRUE`, `ALARM(a) AND OK(b) OR ALARM(c) AND NOT OK(d)`, `"`, `,`, `AT_LEAST(`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRule(s)
		if err != nil {
			if bus.ErrorCode(err) != "ValidationError" {
				t.Fatalf("%q: error code %q", s, bus.ErrorCode(err))
			}
			return
		}
		if len(r.Refs()) > MaxAlarmRuleChildren {
			t.Fatalf("%q: %d refs", s, len(r.Refs()))
		}
		canon := r.String()
		r2, err := ParseRule(canon)
		if err != nil {
			// The canonical form can exceed the length or element limits only if the input was near them.
			if len(canon) > MaxAlarmRuleLength || strings.Contains(err.Error(), "elements") {
				return
			}
			t.Fatalf("%q: canonical %q does not parse: %v", s, canon, err)
		}
		if r2.String() != canon {
			t.Fatalf("%q: canonical form not stable: %q vs %q", s, canon, r2.String())
		}
		refs := r.Refs()
		all := []StateValue{StateOK, StateAlarm, StateInsufficientData}
		for seed := 0; seed < 9; seed++ {
			m := map[string]StateValue{}
			for i, ref := range refs {
				m[ref] = all[(seed+i*(seed/3+1))%3]
			}
			if r.Eval(states(m)) != r2.Eval(states(m)) {
				t.Fatalf("%q: canonical form evaluates differently", s)
			}
		}
	})
}
