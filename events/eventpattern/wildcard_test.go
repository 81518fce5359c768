package eventpattern

import "testing"

// TestWildcardAnchoredNoOverlap pins down the two rules of wildcard matching ("Wildcard
// matching" in "Content filtering in Amazon EventBridge event patterns", Amazon EventBridge User
// Guide): the pattern is anchored at both ends, and each literal piece consumes its own bytes, so
// two pieces never share a byte of the value.
func TestWildcardAnchoredNoOverlap(t *testing.T) {
	cases := []struct {
		wildcard, value string
		want            bool
	}{
		{"*ab*ab*", "abxx", false}, // one "ab" cannot serve both pieces
		{"*ab*ab*", "abab", true},
		{"*ab*ab*", "aab", false},
		{"*aba*aba*", "ababa", false}, // the pieces would overlap on the middle "a"
		{"*aba*aba*", "abaaba", true},
		{"a*a", "a", false}, // first and last piece may not share the only byte
		{"a*a", "aa", true},
		{"ab*ba", "aba", false},
		{"ab*ba", "abba", true},
		{"ab*", "xab", false}, // anchored at the start
		{"ab*", "abx", true},
		{"*ab", "abx", false}, // anchored at the end
		{"*ab", "xab", true},
		{"a*b*c", "aXbYc", true},
		{"a*b*c", "aXbYcZ", false},
		{"a*b*c", "ZaXbYc", false},
		{"a*c*b", "acb", true},
		{"a*c*b", "abc", false},      // pieces in order
		{"xa*x*ay", "xaQQay", false}, // a middle piece may not reuse the first piece's bytes
		{"ya*x*ax", "yaQQax", false}, // nor the last piece's
		{"xa*x*ay", "xaQxQay", true},
		{"*", "", true},
		{"abc", "abc", true},
		{"abc", "abcd", false},
	}
	for _, c := range cases {
		w, err := parseWildcard(c.wildcard)
		if err != nil {
			t.Fatalf("%q: %v", c.wildcard, err)
		}
		if got := w.match([]byte(c.value)); got != c.want {
			t.Errorf("wildcard %q on %q = %v, want %v", c.wildcard, c.value, got, c.want)
		}
		p, err := Compile(`{"f":[{"wildcard":"` + c.wildcard + `"}]}`)
		if err != nil {
			t.Fatal(err)
		}
		m := mustMatcher()
		m.AddCompiled("r", p)
		ids, err := m.MatchesForEvent([]byte(`{"f":"` + c.value + `"}`))
		if err != nil || (len(ids) == 1) != c.want {
			t.Errorf("matcher: wildcard %q on %q = %v, %v; want %v", c.wildcard, c.value, ids, err, c.want)
		}
	}
}
