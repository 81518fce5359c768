package schedule

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/watchsim/watchsim/internal/awserr"
)

// date is a UTC minute.
func date(y int, mo time.Month, d, h, mi int) time.Time {
	return time.Date(y, mo, d, h, mi, 0, 0, time.UTC)
}

// fataler is what mustParse needs of *testing.T, *testing.B and *rapid.T.
type fataler interface {
	Helper()
	Fatalf(format string, args ...any)
}

func mustParse(t fataler, expr string) *Schedule {
	t.Helper()
	s, err := Parse(expr)
	if err != nil {
		t.Fatalf("Parse(%q): %v", expr, err)
	}
	return s
}

// wantInvalid checks that err is AWS's one error for a bad schedule expression.
func wantInvalid(t *testing.T, expr string, err error) {
	t.Helper()
	var ae *awserr.Error
	if !errors.As(err, &ae) || ae.Code != ValidationExceptionCode || ae.Message != InvalidMessage ||
		ae.StatusCode != awserr.StatusBadRequest {
		t.Errorf("Parse(%q) = %v, want %s %q", expr, err, ValidationExceptionCode, InvalidMessage)
	}
}

// wantNotSimulated checks that err is a NotSimulated error of the events service.
func wantNotSimulated(t *testing.T, expr string, err error) {
	t.Helper()
	var ns *awserr.NotSimulatedError
	if !errors.As(err, &ns) || ns.Service != "events" {
		t.Errorf("Parse(%q) = %v, want a NotSimulated error", expr, err)
	}
}

func TestParseDispatch(t *testing.T) {
	for _, expr := range []string{"", "(", ")", "rate", "cron", "rate)", "cron)", "rate(", "cron(", "at(2026-01-01T00:00:00)",
		"rate(5 minutes)cron(* * * * ? *)", "cron(* * * * ? *)rate(5 minutes)", "\x00", "ratecron(* * * * ? *)"} {
		_, err := Parse(expr)
		wantInvalid(t, expr, err)
	}
}

// A Schedule is shared by the rules of many goroutines (run with -race).
func TestConcurrentUse(t *testing.T) {
	s := mustParse(t, "cron(0/5 * ? * MON-FRI *)")
	r := mustParse(t, "rate(5 minutes)")
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			at := date(2024, 1, 1, 0, 0).Add(time.Duration(g) * time.Hour)
			for i := 0; i < 1000; i++ {
				n, _ := s.Next(at)
				if _, ok := r.NextFrom(at, n); !ok || s.String() != "cron(0/5 * ? * MON-FRI *)" {
					t.Error("rate ran out")
					return
				}
				at = n
			}
		}()
	}
	wg.Wait()
}
