package awserr

import (
	"errors"
	"fmt"
	"testing"

	"github.com/aws/smithy-go"
)

func TestValidationMessage(t *testing.T) {
	for _, c := range []struct {
		vs   []Violation
		want string
	}{
		{[]Violation{{Value: "x y", Member: "alarmName", Constraint: "Member must satisfy regular expression pattern: [^:]*"}},
			"1 validation error detected: Value 'x y' at 'alarmName' failed to satisfy constraint: Member must satisfy regular expression pattern: [^:]*"},
		{[]Violation{{Null: true, Member: "namespace", Constraint: "Member must not be null"}},
			"1 validation error detected: Value null at 'namespace' failed to satisfy constraint: Member must not be null"},
		{[]Violation{{NoValue: true, Member: "alarmRule", Constraint: "Member must have length less than or equal to 10240"}},
			"1 validation error detected: Value at 'alarmRule' failed to satisfy constraint: Member must have length less than or equal to 10240"},
		{[]Violation{{Value: "a", Member: "m1", Constraint: "c1"}, {Null: true, Member: "m2", Constraint: "c2"}},
			"2 validation errors detected: Value 'a' at 'm1' failed to satisfy constraint: c1; Value null at 'm2' failed to satisfy constraint: c2"},
	} {
		if got := ValidationMessage(c.vs...); got != c.want {
			t.Errorf("got  %q\nwant %q", got, c.want)
		}
	}
	e := Validation("ValidationException", "f:1", "functionName", "Member must satisfy regular expression pattern: [a-zA-Z0-9-_]+")
	if e.Code != "ValidationException" || e.StatusCode != StatusBadRequest || e.Fault != smithy.FaultClient {
		t.Errorf("Validation = %+v", e)
	}
}

func TestErrorContract(t *testing.T) {
	err := fmt.Errorf("wrapped: %w", ClientError("ResourceNotFound", "gone").WithStatus(StatusNotFound))
	var api smithy.APIError
	if !errors.As(err, &api) || api.ErrorCode() != "ResourceNotFound" || api.ErrorMessage() != "gone" || api.ErrorFault() != smithy.FaultClient {
		t.Fatalf("errors.As smithy.APIError: %v", api)
	}
	if !errors.Is(err, &Error{Code: "ResourceNotFound"}) || errors.Is(err, &Error{Code: "ResourceNotFound", Message: "other"}) ||
		errors.Is(err, &Error{Code: "Other"}) {
		t.Error("Is compares the code, and the message when the target has one")
	}
	if ErrorCode(err) != "ResourceNotFound" || ErrorMessage(err) != "gone" || ErrorCode(errors.New("plain")) != "" ||
		ErrorMessage(errors.New("plain")) != "plain" {
		t.Error("ErrorCode/ErrorMessage")
	}
	var status interface{ HTTPStatusCode() int }
	if !errors.As(err, &status) || status.HTTPStatusCode() != 404 {
		t.Error("WithStatus")
	}
	if ServerError("InternalFailure", "x").ErrorFault() != smithy.FaultServer || ServerError("I", "x").HTTPStatusCode() != 500 {
		t.Error("ServerError")
	}
	ns := fmt.Errorf("w: %w", NotSimulatedf("events", "partner event source %s", "aws.partner/x"))
	if !IsNotSimulated(ns) || ErrorCode(ns) != NotSimulatedCode || IsNotSimulated(err) {
		t.Error("IsNotSimulated")
	}
	if got := NotSimulated("logs", "Live Tail").Error(); got != "watchsim does not simulate Live Tail (logs)" {
		t.Errorf("NotSimulated.Error() = %q", got)
	}
	if (&Error{Code: "C"}).Error() != "C" || ClientError("C", "m").Error() != "C: m" {
		t.Error("Error()")
	}
}

func TestLengthViolation(t *testing.T) {
	for _, tc := range []struct {
		value string
		lo    int
		want  string // "" = no violation
	}{
		{"", 1, "Value null at 'm' failed to satisfy constraint: Member must not be null"},
		{"ab", 3, "Value 'ab' at 'm' failed to satisfy constraint: Member must have length greater than or equal to 3"},
		{"abcdé", 1, "Value 'abcdé' at 'm' failed to satisfy constraint: Member must have length less than or equal to 4"},
		{"abcd", 1, ""},
		{"", 0, ""},
	} {
		v, bad := LengthViolation(tc.value, "m", tc.lo, 4)
		if got := ""; bad {
			got = v.text()
			if got != tc.want {
				t.Errorf("%q: %q, want %q", tc.value, got, tc.want)
			}
		} else if tc.want != "" {
			t.Errorf("%q: no violation, want %q", tc.value, tc.want)
		}
	}
}
