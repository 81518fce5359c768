package schedule

import (
	"errors"
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
