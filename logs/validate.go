package logs

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/awserr"
	"github.com/watchsim/watchsim/internal/pagetoken"
)

// Error codes of the CloudWatch Logs API (all HTTP 400).
const (
	InvalidParameterException      = "InvalidParameterException"
	ResourceNotFoundException      = "ResourceNotFoundException"
	ResourceAlreadyExistsException = "ResourceAlreadyExistsException"
	LimitExceededException         = "LimitExceededException"
	ValidationException            = "ValidationException"
	TooManyTagsException           = "TooManyTagsException"
	AccessDeniedException          = "AccessDeniedException"
	OperationAbortedException      = "OperationAbortedException"
	MalformedQueryException        = "MalformedQueryException"
	InvalidOperationException      = "InvalidOperationException"
)

// Limits of the CloudWatch Logs API (API reference of each operation; CloudWatch Logs quotas,
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch_limits_cwl.html).
const (
	MaxNameLength           = 512
	MaxEventsPerBatch       = 10000
	MaxBatchBytes           = 1048576
	MaxEventBytes           = 1048576
	MaxBatchSpan            = 24 * 3600 * 1000 // ms
	MaxEventAge             = 14 * 24 * 3600 * 1000
	MaxEventAhead           = 2 * 3600 * 1000
	MaxMetricFilters        = 100
	MaxSubscriptionFilters  = 2
	MaxRegexFiltersPerGroup = 5
	MaxTags                 = 50
	MaxDescribeLimit        = 50
	MaxReadLimit            = 10000
	// MaxReadBytes is the 1 MB a GetLogEvents or FilterLogEvents page holds at most.
	MaxReadBytes = 1048576
)

func invalidParameter(msg string) *bus.Error { return bus.ClientError(InvalidParameterException, msg) }

// violation returns AWS's "1 validation error detected" InvalidParameterException for one member;
// a nil value prints as "Value null".
func violation(value any, member, rule string) *bus.Error {
	v := awserr.Violation{Member: member, Constraint: rule, Null: value == nil}
	if value != nil {
		switch x := value.(type) {
		case string:
			v.Value = x
		case int64:
			v.Value = strconv.FormatInt(x, 10)
		case int32:
			v.Value = strconv.FormatInt(int64(x), 10)
		case int:
			v.Value = strconv.Itoa(x)
		default:
			v.Value = "?"
		}
	}
	return invalidParameter(awserr.ValidationMessage(v))
}

func checkLen(value, member string, lo, hi int) error {
	if v, bad := awserr.LengthViolation(value, member, lo, hi); bad {
		return invalidParameter(awserr.ValidationMessage(v))
	}
	return nil
}

// checkGroupAndName validates the log group name and a filter or stream name of a request, the
// first two checks of every filter and stream operation.
func checkGroupAndName(group, name, member string) error {
	if err := checkGroupName(group, "logGroupName"); err != nil {
		return err
	}
	return checkColonFreeName(name, member)
}

// checkLimit validates an optional limit member against [1, hi] and returns its value or def.
func checkLimit(p *int32, member string, hi, def int) (int, error) {
	if p == nil {
		return def, nil
	}
	if *p < 1 {
		return 0, violation(*p, member, "Member must have value greater than or equal to 1")
	}
	if int(*p) > hi {
		return 0, violation(*p, member, "Member must have value less than or equal to "+strconv.Itoa(hi))
	}
	return int(*p), nil
}

// groupNameOK reports whether name matches the log group name pattern [\.\-_/#A-Za-z0-9]+.
func groupNameOK(name string) bool {
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_' || c == '/' || c == '#') {
			return false
		}
	}
	return true
}

const groupNamePattern = `[\.\-_/#A-Za-z0-9]+`

// checkGroupName validates a log group name member. A name over 512 characters gets the message
// AWS returned for it (recorded for CreateLogGroup and DeleteMetricFilter), not the generic one.
func checkGroupName(name, member string) error {
	if name == "" {
		return violation(nil, member, "Member must not be null")
	}
	if utf8.RuneCountInString(name) > MaxNameLength {
		return invalidParameter("Invalid LogGroup or LogStream, both must have length less than or equal to 512.")
	}
	if !groupNameOK(name) {
		return violation(name, member, "Member must satisfy regular expression pattern: "+groupNamePattern)
	}
	return nil
}

// checkFilterName validates filter, stream and destination names: 1–512 characters, no ':' or '*'.
func checkColonFreeName(name, member string) error {
	if err := checkLen(name, member, 1, MaxNameLength); err != nil {
		return err
	}
	if strings.ContainsAny(name, ":*") {
		return violation(name, member, "Member must satisfy regular expression pattern: [^:*]*")
	}
	return nil
}

// identifierOK reports whether s matches the logGroupIdentifier pattern [\w#+=/:,.@-]*.
func identifierOK(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("_#+=/:,.@-", c) >= 0) {
			return false
		}
	}
	return true
}

// tokens: paging tokens are opaque to clients. watchsim encodes a kind and a position and guards
// them with a checksum, so a token from another operation or a made-up one is refused with AWS's
// "The specified nextToken is invalid.".

func encodeToken(kind, pos string) string { return pagetoken.Encode(kind, pos) }

func decodeToken(kind, tok string) (string, error) {
	if pos, ok := pagetoken.Decode(kind, tok); ok {
		return pos, nil
	}
	return "", invalidParameter("The specified nextToken is invalid.")
}

// checkTags validates a tag map: at most 50 tags, keys 1–128 and values 0–256 characters of the
// pattern [\p{L}\p{Z}\p{N}_.:/=+\-@]; keys must not start with "aws:".
func checkTags(tags map[string]string, member string) error {
	if len(tags) > MaxTags {
		return violation("{…}", member, "Member must have length less than or equal to 50")
	}
	for k, v := range tags {
		if err := checkLen(k, member+".member.key", 1, 128); err != nil {
			return err
		}
		if !tagTextOK(k) {
			return violation(k, member+".member.key", `Member must satisfy regular expression pattern: ^([\p{L}\p{Z}\p{N}_.:/=+\-@]+)$`)
		}
		if strings.HasPrefix(k, "aws:") {
			return invalidParameter("Tag keys beginning with 'aws:' are reserved for system use.")
		}
		if utf8.RuneCountInString(v) > 256 {
			return violation(v, member+".member.value", "Member must have length less than or equal to 256")
		}
		if !tagTextOK(v) {
			return violation(v, member+".member.value", `Member must satisfy regular expression pattern: ^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$`)
		}
	}
	return nil
}

func tagTextOK(s string) bool {
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		case strings.ContainsRune("_.:/=+-@ ", r):
		case r >= 0x80 && (unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.In(r, unicode.Z)):
		default:
			return false
		}
	}
	return true
}
