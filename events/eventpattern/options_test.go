package eventpattern

import (
	"math"
	"strings"
	"testing"

	"github.com/watchsim/watchsim/internal/awserr"
)

// mustMatcher returns a matcher with the default limits.
func mustMatcher() *Matcher {
	m, err := NewMatcher()
	if err != nil {
		panic(err)
	}
	return m
}

// TestOptionsRefuseMisuse: a nil option, an out-of-range value and an option given twice are
// errors (returned, never a panic) from every entry point that takes options.
func TestOptionsRefuseMisuse(t *testing.T) {
	const pattern = `{"source":["aws.ec2"]}`
	const event = `{"id":"1","account":"1","source":"aws.ec2","time":"t","region":"r","detail-type":"d"}`
	cases := []struct {
		name string
		opts []Option
		want string
	}{
		{"nil", []Option{nil}, "nil Option"},
		{"nil after a valid one", []Option{WithMaxPatternLength(10), nil}, "nil Option"},
		{"zero length", []Option{WithMaxPatternLength(0)}, "WithMaxPatternLength: 0"},
		{"negative length", []Option{WithMaxPatternLength(-1)}, "WithMaxPatternLength: -1"},
		{"zero complexity", []Option{WithWildcardComplexity(0)}, "WithWildcardComplexity: 0"},
		{"negative complexity", []Option{WithWildcardComplexity(-5)}, "WithWildcardComplexity: -5"},
		{"twice", []Option{WithMaxPatternLength(10), WithMaxPatternLength(20)}, "given twice"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			check := func(what string, err error) {
				t.Helper()
				if err == nil || !strings.Contains(err.Error(), c.want) {
					t.Fatalf("%s: error %v, want one containing %q", what, err, c.want)
				}
				if awserr.ErrorCode(err) != "" {
					t.Fatalf("%s: misuse reported as an AWS error %v", what, err)
				}
			}
			p, err := Compile(pattern, c.opts...)
			check("Compile", err)
			if p != nil {
				t.Fatal("Compile returned a pattern with an error")
			}
			m, err := NewMatcher(c.opts...)
			check("NewMatcher", err)
			if m != nil {
				t.Fatal("NewMatcher returned a matcher with an error")
			}
			_, err = TestEventPattern(pattern, event, c.opts...)
			check("TestEventPattern", err)
		})
	}
}

// TestOptionsApply: each option changes exactly its limit, at its boundary.
func TestOptionsApply(t *testing.T) {
	exact := `{"a":["` + strings.Repeat("x", 100-10) + `"]}` // 100 characters
	if len(exact) != 100 {
		t.Fatalf("test pattern has %d characters", len(exact))
	}
	if _, err := Compile(exact, WithMaxPatternLength(100)); err != nil {
		t.Fatalf("at the limit: %v", err)
	}
	if _, err := Compile(exact, WithMaxPatternLength(99)); awserr.ErrorCode(err) != InvalidEventPatternCode {
		t.Fatalf("one over the limit: %v", err)
	}
	long := `{"a":["` + strings.Repeat("x", DefaultMaxPatternLength) + `"]}`
	if _, err := Compile(long); awserr.ErrorCode(err) != InvalidEventPatternCode {
		t.Fatalf("default limit: %v", err)
	}
	if _, err := Compile(long, WithMaxPatternLength(math.MaxInt)); err != nil {
		t.Fatalf("no limit: %v", err)
	}
	three := `{"a":[{"wildcard":"*a*b*c"}]}`
	if _, err := Compile(three, WithWildcardComplexity(3)); err != nil {
		t.Fatalf("three stars, limit 3: %v", err)
	}
	if _, err := Compile(three, WithWildcardComplexity(2)); awserr.ErrorCode(err) != InvalidEventPatternCode {
		t.Fatalf("three stars, limit 2: %v", err)
	}
	m, err := NewMatcher(WithMaxPatternLength(99))
	if err != nil {
		t.Fatal(err)
	}
	if err := m.AddPattern("r", exact); awserr.ErrorCode(err) != InvalidEventPatternCode {
		t.Fatalf("matcher keeps its limit: %v", err)
	}
	if ok, err := TestEventPattern(exact, `{"id":"1","account":"1","source":"s","time":"t","region":"r","detail-type":"d","a":"`+strings.Repeat("x", 90)+`"}`, WithMaxPatternLength(100)); !ok || err != nil {
		t.Fatalf("TestEventPattern with a raised limit: %v %v", ok, err)
	}
}
