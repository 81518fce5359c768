package awserr

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Violation is one failed member constraint of an AWS request, as the AWS services that share the
// Coral validation layer (CloudWatch, CloudWatch Logs, EventBridge, CloudTrail, Config, Lambda,
// Kinesis) report it: "Value '<value>' at '<member>' failed to satisfy constraint: <constraint>".
type Violation struct {
	// Value is the offending value as AWS prints it; Null marks an absent value ("Value null").
	Value string
	// Null reports an absent value: the message says "Value null at …".
	Null bool
	// NoValue leaves the value out ("Value at 'alarmRule' failed …"), as AWS does for some long members.
	NoValue bool
	// Member is the member path in lowerCamelCase, for example "metricData.1.member.value".
	Member string
	// Constraint is AWS's constraint text, for example "Member must have length less than or equal to 255".
	Constraint string
}

func (v Violation) text() string {
	var b strings.Builder
	b.WriteString("Value ")
	switch {
	case v.NoValue:
	case v.Null:
		b.WriteString("null ")
	default:
		b.WriteString("'")
		b.WriteString(v.Value)
		b.WriteString("' ")
	}
	b.WriteString("at '")
	b.WriteString(v.Member)
	b.WriteString("' failed to satisfy constraint: ")
	b.WriteString(v.Constraint)
	return b.String()
}

// ValidationMessage formats AWS's message for one or more failed constraints:
// "1 validation error detected: Value 'x' at 'm' failed to satisfy constraint: c", or
// "N validation errors detected: …; …" for several, in the order given.
func ValidationMessage(vs ...Violation) string {
	var b strings.Builder
	b.WriteString(strconv.Itoa(len(vs)))
	if len(vs) == 1 {
		b.WriteString(" validation error detected: ")
	} else {
		b.WriteString(" validation errors detected: ")
	}
	for i, v := range vs {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(v.text())
	}
	return b.String()
}

// Validation returns a client *Error with the given code and the message of [ValidationMessage] for
// one constraint on a present value.
func Validation(code, value, member, constraint string) *Error {
	return ClientError(code, ValidationMessage(Violation{Value: value, Member: member, Constraint: constraint}))
}

// LengthViolation checks the length of a string member against [lo, hi] characters, as AWS's
// validation layer does, and returns the violation to report: "Member must not be null" for an
// empty value when lo > 0, the "greater than or equal to" or "less than or equal to" constraint
// otherwise. ok is false when the length is within the bounds.
func LengthViolation(value, member string, lo, hi int) (v Violation, ok bool) {
	n := utf8.RuneCountInString(value)
	switch {
	case n < lo && n == 0:
		return Violation{Null: true, Member: member, Constraint: "Member must not be null"}, true
	case n < lo:
		return Violation{Value: value, Member: member, Constraint: "Member must have length greater than or equal to " + strconv.Itoa(lo)}, true
	case n > hi:
		return Violation{Value: value, Member: member, Constraint: "Member must have length less than or equal to " + strconv.Itoa(hi)}, true
	}
	return Violation{}, false
}
