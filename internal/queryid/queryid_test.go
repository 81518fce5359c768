package queryid

import (
	"regexp"
	"testing"
)

func TestValid(t *testing.T) {
	for _, tc := range []struct {
		id   string
		want bool
	}{
		{"m", true}, {"m1", true}, {"cpu_Max_2", true}, {"a_", true}, {"zZ9", true},
		{"", false}, {"M1", false}, {"1m", false}, {"_m", false}, {"m-1", false}, {"m.1", false}, {"m 1", false},
		{"mé", false}, {"m\x00", false}, {"m\xff", false}, {"{", false}, {"`", false}, {"a[", false}, {"a@", false},
	} {
		if got := Valid(tc.id); got != tc.want {
			t.Errorf("Valid(%q) = %v, want %v", tc.id, got, tc.want)
		}
	}
}

// FuzzValid: the hand-written check agrees with AWS's pattern on every input.
func FuzzValid(f *testing.F) {
	pattern := regexp.MustCompile(`^[a-z][a-zA-Z0-9_]*$`)
	for _, s := range []string{"m", "M", "m_1", "1", "", "a-b", "mé", "a\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Valid(s), pattern.MatchString(s); got != want {
			t.Fatalf("Valid(%q) = %v, pattern says %v", s, got, want)
		}
	})
}
