package schedule

import (
	"testing"
	"time"
)

func TestRateValid(t *testing.T) {
	for _, c := range []struct {
		expr string
		per  int64 // seconds
	}{
		{"rate(1 minute)", 60},
		{"rate(5 minutes)", 300},
		{"rate(1 hour)", 3600},
		{"rate(12 hours)", 12 * 3600},
		{"rate(1 day)", 86400},
		{"rate(7 days)", 7 * 86400},
		{"rate(10 minutes)", 600},
		{"rate(2147483647 days)", 2147483647 * 86400},
	} {
		s := mustParse(t, c.expr)
		if s.String() != c.expr {
			t.Errorf("String() = %q, want %q", s.String(), c.expr)
		}
		if got := s.period; got != c.per {
			t.Errorf("%s: period %v, want %v", c.expr, got, c.per)
		}
	}
}

// The AWS-validated invalid rate expressions, plus the documentation's singular/plural examples
// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rate-expressions.html).
func TestRateInvalid(t *testing.T) {
	for _, expr := range []string{
		"rate(10 seconds)", "rate(10 years)", "rate(1 minutes)", "rate(1 hours)", "rate(1 days)",
		"rate(10 minute)", "rate(10 hour)", "rate(10 day)", "rate()", "rate(10)", "rate(10 minutess)",
		"rate(foo minutes)", "rate(0 minutes)", "rate(-10 minutes)", "rate(10 MINUTES)",
		"rate( 10 minutes )", " rate(10 minutes)", "rate(5 hour)",
		// [derived] beyond the AWS-validated list
		"rate(10 minutes) ", "rate(10  minutes)", "rate(+10 minutes)", "rate(1.5 hours)", "rate(0 minute)",
		"rate(10 minutes", "rate 10 minutes)", "RATE(10 minutes)", "rate(10 Minutes)", "rate(10\tminutes)",
		"rate(10 minutes )", "rate( 10 minutes)", "rate(1 week)", "rate(00 minutes)", "rate(01 minutes)",
		"rate", "", "rate(1 minute)(", "rate(1e3 minutes)",
	} {
		_, err := Parse(expr)
		wantInvalid(t, expr, err)
	}
}

func TestRateNotSimulated(t *testing.T) {
	for _, expr := range []string{"rate(05 minutes)", "rate(01 minute)", "rate(2147483648 minutes)", "rate(99999999999999999999 days)"} {
		_, err := Parse(expr)
		wantNotSimulated(t, expr, err)
	}
}

func TestRateNext(t *testing.T) {
	s := mustParse(t, "rate(5 minutes)")
	created := time.Date(2026, 3, 1, 10, 0, 37, 250, time.UTC)
	// Next takes its argument as the anchor: one period later.
	if got, ok := s.Next(created); !ok || !got.Equal(created.Add(5*time.Minute)) {
		t.Errorf("Next = %v %v", got, ok)
	}
	for _, c := range []struct {
		after time.Time
		want  time.Time
	}{
		{created.Add(-time.Hour), created.Add(5 * time.Minute)}, // before creation: the first firing
		{created, created.Add(5 * time.Minute)},                 // strictly after creation
		{created.Add(time.Nanosecond), created.Add(5 * time.Minute)},
		{created.Add(5*time.Minute - 1), created.Add(5 * time.Minute)},
		{created.Add(5 * time.Minute), created.Add(10 * time.Minute)}, // strictly after a firing
		{created.Add(12 * time.Minute), created.Add(15 * time.Minute)},
		{created.Add(24 * time.Hour), created.Add(24*time.Hour + 5*time.Minute)},
	} {
		got, ok := s.NextFrom(created, c.after)
		if !ok || !got.Equal(c.want) || got.Location() != time.UTC {
			t.Errorf("NextFrom(%v, %v) = %v %v, want %v", created, c.after, got, ok, c.want)
		}
	}
	// Anchors in other zones and before 1970 work the same.
	loc := time.FixedZone("X", -7*3600)
	old := time.Date(1960, 1, 1, 0, 0, 0, 500, loc)
	d := mustParse(t, "rate(1 day)")
	got, _ := d.NextFrom(old, old.Add(36*time.Hour))
	if want := old.Add(48 * time.Hour); !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("got %v want %v", got, want)
	}
	// A period longer than time.Duration can hold.
	long := mustParse(t, "rate(200000 days)")
	got, _ = long.Next(created)
	if want := created.AddDate(0, 0, 200000); !got.Equal(want) {
		t.Errorf("got %v want %v", got, want)
	}
}
