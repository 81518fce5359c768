package events

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/awserr"
	"github.com/watchsim/watchsim/internal/pagetoken"
)

// Error codes of the EventBridge API.
const (
	ValidationException               = "ValidationException"
	ResourceNotFoundException         = "ResourceNotFoundException"
	ResourceAlreadyExistsException    = "ResourceAlreadyExistsException"
	LimitExceededException            = "LimitExceededException"
	ManagedRuleException              = "ManagedRuleException"
	ConcurrentModificationException   = "ConcurrentModificationException"
	InvalidEventPatternException      = "InvalidEventPatternException"
	IllegalStatusException            = "IllegalStatusException"
	PolicyLengthExceededException     = "PolicyLengthExceededException"
	InvalidArgument                   = "InvalidArgument"
	MalformedDetail                   = "MalformedDetail"
	NotAuthorizedForSourceException   = "NotAuthorizedForSourceException"
	OperationDisabledException        = "OperationDisabledException"
	InternalException                 = "InternalException"
	AccessDeniedException             = "AccessDeniedException"
	InvalidStateException             = "InvalidStateException"
	ThrottlingException               = "ThrottlingException"
	UnsupportedOperationException     = "UnsupportedOperationException"
	ServiceQuotaExceededException     = "ServiceQuotaExceededException"
	ResourceInUseException            = "ResourceInUseException"
	ConflictException                 = "ConflictException"
	InvalidParameterValueException    = "InvalidParameterValueException"
	ValidationErrorDetailedMessageFmt = "1 validation error detected: %s"
)

func clientErr(code, msg string) *bus.Error { return bus.ClientError(code, msg) }

func validation(msg string) *bus.Error { return bus.ClientError(ValidationException, msg) }

// constraint returns AWS's "1 validation error detected" ValidationException for one member; a nil
// value prints as "Value null".
func constraint(value any, member, rule string) *bus.Error {
	v := awserr.Violation{Member: member, Constraint: rule, Null: value == nil}
	switch x := value.(type) {
	case string:
		v.Value = x
	case int32:
		v.Value = strconv.Itoa(int(x))
	case int:
		v.Value = strconv.Itoa(x)
	}
	return validation(awserr.ValidationMessage(v))
}

func checkLen(value, member string, lo, hi int) error {
	n := utf8.RuneCountInString(value)
	if n < lo {
		if n == 0 {
			return constraint(nil, member, "Member must not be null")
		}
		return constraint(value, member, "Member must have length greater than or equal to "+strconv.Itoa(lo))
	}
	if n > hi {
		return constraint(value, member, "Member must have length less than or equal to "+strconv.Itoa(hi))
	}
	return nil
}

// checkLimit validates an optional Limit member against [1, hi]; absent means hi.
func checkLimit(p *int32, hi int) (int, error) {
	if p == nil {
		return hi, nil
	}
	if *p < 1 {
		return 0, constraint(*p, "limit", "Member must have value greater than or equal to 1")
	}
	if int(*p) > hi {
		return 0, constraint(*p, "limit", "Member must have value less than or equal to "+strconv.Itoa(hi))
	}
	return int(*p), nil
}

// paginate returns the page of sorted names after the token's name and the next token.
func paginate(names []string, token string, limit int, kind string) ([]string, string, error) {
	start := 0
	if token != "" {
		last, ok := pagetoken.Decode(kind, token)
		if !ok {
			return nil, "", validation("The NextToken provided is invalid.")
		}
		for start < len(names) && names[start] <= last {
			start++
		}
	}
	names = names[start:]
	if len(names) > limit {
		return names[:limit], pagetoken.Encode(kind, names[limit-1]), nil
	}
	return names, "", nil
}

// checkTags validates a Tags list (at most 50, keys 1–128 not starting with "aws:", values ≤ 256)
// and returns it as a map.
func checkTags(tags []Tag) (map[string]string, error) {
	if len(tags) == 0 {
		return nil, nil
	}
	if len(tags) > 50 {
		return nil, validation("The number of tags exceeds the limit of 50.")
	}
	m := make(map[string]string, len(tags))
	for i, t := range tags {
		member := "tags." + strconv.Itoa(i+1) + ".member"
		if err := checkLen(t.Key, member+".key", 1, 128); err != nil {
			return nil, err
		}
		if len(t.Value) > 256 {
			return nil, constraint(t.Value, member+".value", "Member must have length less than or equal to 256")
		}
		if strings.HasPrefix(t.Key, "aws:") {
			return nil, validation("Tag keys starting with 'aws:' are reserved.")
		}
		m[t.Key] = t.Value
	}
	return m, nil
}

func encodeIndexToken(kind string, i int) string { return pagetoken.Encode(kind, strconv.Itoa(i)) }

func decodeIndexToken(kind, tok string) (int, bool) {
	pos, ok := pagetoken.Decode(kind, tok)
	if !ok {
		return 0, false
	}
	i, err := strconv.Atoi(pos)
	return i, err == nil && i >= 0
}
