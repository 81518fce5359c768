package filterpattern

import (
	"unicode/utf16"

	"github.com/watchsim/watchsim/internal/awserr"
)

// InvalidParameterException is the AWS error code CloudWatch Logs returns for an invalid
// filter pattern or metric transformation.
const InvalidParameterException = "InvalidParameterException"

// MaxPatternLength is the longest filter pattern CloudWatch Logs accepts, in characters
// (the API constraint on filterPattern in PutMetricFilter, PutSubscriptionFilter, FilterLogEvents,
// TestMetricFilter and StartLiveTail).
const MaxPatternLength = 1024

// Messages AWS returns for invalid filter patterns. The texts that were recorded against AWS are
// reproduced exactly; AWS's text for the remaining cases has not been recorded, and watchsim
// uses the generic "Invalid filter pattern" that the console and FilterLogEvents show.
const (
	msgInvalidFilterPattern = "Invalid filter pattern"
	msgJSONBraces           = "If a filter pattern starts with '{' it must end with '}'"
	// msgDelimitedBrackets mirrors the recorded '{'/'}' message; AWS's text is not recorded.
	msgDelimitedBrackets = "If a filter pattern starts with '[' it must end with ']'"
)

func invalidPattern() error {
	return awserr.ClientError(InvalidParameterException, msgInvalidFilterPattern)
}

// invalidChars reports the "Invalid character(s) in term '<term>'" error.
func invalidChars(term string) error {
	return awserr.ClientError(InvalidParameterException, "Invalid character(s) in term '"+term+"'")
}

func patternTooLong(pattern string) error {
	return awserr.Validation(InvalidParameterException, pattern, "filterPattern",
		"Member must have length less than or equal to 1024")
}

// notSimulatedFilter refuses valid-looking syntax whose AWS behaviour is undocumented.
func notSimulatedFilter(feature string) error { return awserr.NotSimulated("logs", feature) }

// awsLength is the length AWS's validators see: UTF-16 code units (Java string length).
func awsLength(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// isWordByte reports whether b is an ASCII letter, digit or underscore.
func isWordByte(b byte) bool {
	return b == '_' || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
}

// isSpaceByte reports whether b is ASCII whitespace: space, \t, \n, \v, \f or \r.
func isSpaceByte(b byte) bool {
	return b <= ' ' && (b == ' ' || (b >= '\t' && b <= '\r'))
}

// invalidRun returns the run of consecutive characters starting at i that are neither term
// characters nor whitespace: AWS quotes such a run in "Invalid character(s) in term".
func invalidRun(s string, i int) string {
	j := i
	for j < len(s) && !isSpaceByte(s[j]) && !isTermByteAt(s, j) {
		_, size := decodeRune(s, j)
		j += size
	}
	if j == i {
		_, size := decodeRune(s, i)
		j = i + size
	}
	return s[i:j]
}

func invalidParameter(msg string) error { return awserr.ClientError(InvalidParameterException, msg) }
