package bus

import (
	"regexp"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// TestNameChecks compares each hand-written name check with the regular expression it implements,
// on hand-picked edge cases and on random strings over the relevant alphabet.
func TestNameChecks(t *testing.T) {
	checks := []struct {
		name  string
		re    string
		check func(string) bool
		alpha string
		cases []string
	}{
		{"account", `^[0-9]{12}$`, validAccount, "0123456789a", []string{"123456789012", "12345678901", "1234567890123", "12345678901a", ""}},
		{"region", `^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]{1,2}$`, validRegion, "abgovisz-019",
			[]string{"us-east-1", "us-gov-west-1", "us-gov-1", "us-iso-east-1", "us-isob-east-1", "us-isob-1", "cn-north-1", "eu-west-10", "eu-west-100", "u-east-1", "us-east-", "us--1", "us-iso-1", "us-isoc-east-1", "us-east1"}},
		{"sns", `^[A-Za-z0-9_-]{1,256}(\.fifo)?$`, validSNSName, "aZ0_-.fio", []string{"a", ".fifo", "a.fifo", "a.fifo.fifo", "a.b"}},
		{"sqs", `^[A-Za-z0-9_-]{1,80}$`, validSQSName, "aZ0_-.", []string{"a", "", "a.b"}},
		{"lambda", `^[A-Za-z0-9_-]{1,64}$`, validLambdaName, "aZ0_-.:", []string{"f", "f:1", ""}},
		{"stream", `^[A-Za-z0-9_.-]{1,128}$`, validStreamName, "aZ0_-.:", []string{"s.t", "", "s/t"}},
		{"bucket", `^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`, validBucketName, "a0.-A", []string{"abc", "ab", "-ab", "ab-", "a.b", "aBc"}},
	}
	for _, c := range checks {
		re := regexp.MustCompile(c.re)
		cases := c.cases
		for _, n := range []int{11, 12, 13, 63, 64, 65, 80, 81, 128, 129, 256, 257} {
			cases = append(cases, strings.Repeat("a", n), strings.Repeat("1", n), strings.Repeat("a", n)+".fifo")
		}
		for _, s := range cases {
			if got, want := c.check(s), re.MatchString(s); got != want {
				t.Errorf("%s(%q) = %v, regexp %s says %v", c.name, s, got, c.re, want)
			}
		}
		t.Run(c.name, func(t *testing.T) {
			rapid.Check(t, func(t *rapid.T) {
				n := rapid.IntRange(0, 140).Draw(t, "n")
				b := make([]byte, n)
				for i := range b {
					b[i] = c.alpha[rapid.IntRange(0, len(c.alpha)-1).Draw(t, "i")]
				}
				s := string(b)
				if got, want := c.check(s), re.MatchString(s); got != want {
					t.Fatalf("%s(%q) = %v, regexp says %v", c.name, s, got, want)
				}
			})
		})
	}
}
