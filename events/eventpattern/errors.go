package eventpattern

import "github.com/watchsim/watchsim/internal/awserr"

// InvalidEventPatternCode is the AWS error code of a pattern that EventBridge refuses.
const InvalidEventPatternCode = "InvalidEventPatternException"

// ValidationExceptionCode is the AWS error code TestEventPattern returns for an event it cannot read.
const ValidationExceptionCode = "ValidationException"

// invalidEventMessage is AWS's text for an Event parameter that is not a JSON object carrying the envelope.
const invalidEventMessage = "Parameter Event is not valid."

// patternError returns the InvalidEventPatternException AWS sends for reason, prefixed the way
// EventBridge words it ("Event pattern is not valid. Reason: <reason>").
//
// AWS appends the Jackson parser location ("\n at [Source: ...; line: 1, column: N]") to the
// reason; watchsim does not reproduce it (see doc.go).
func patternError(reason string) *awserr.Error {
	return awserr.ClientError(InvalidEventPatternCode, "Event pattern is not valid. Reason: "+reason)
}

// reasonError carries a bare reason while a pattern is being compiled.
type reasonError struct{ reason string }

func (e *reasonError) Error() string { return e.reason }

func fail(reason string) error { return &reasonError{reason: reason} }

// Reasons AWS (through event-ruler) gives, verbatim.
const (
	reasonNotObject        = "Filter is not an object"
	reasonEmptyObject      = "Empty objects are not allowed"
	reasonEmptyArray       = "Empty arrays are not allowed"
	reasonOnlyOneKey       = "Only one key allowed in match expression"
	reasonTooManyNumeric   = "Too many elements in numeric expression"
	reasonAnythingButValue = "Value of anything-but must be an array or single string/number value."
	reasonABListType       = "Inside anything but list, start|null|boolean is not supported."
	reasonABListMixed      = "Inside anything but list, either all values are number or string, mixed type is not supported"
	reasonABSingleType     = "Inside anything-but list, start|null|boolean is not supported."
	reasonABEICType        = "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported."
	reasonPrefixSuffixStr  = "prefix/suffix match pattern must be a string"
	reasonNullPrefixSuffix = "Null prefix/suffix not allowed"
	reasonWildcardStr      = "wildcard match pattern must be a string"
	reasonEICStr           = "equals-ignore-case match pattern must be a string"
	reasonPrefixStr        = "prefix match pattern must be a string"
	reasonSuffixStr        = "suffix match pattern must be a string"
	reasonExactlyStr       = "exact match pattern must be a string"
	reasonExistsBool       = "exists match pattern must be either true or false."
	reasonNumericArray     = "Value of numeric must be an array."
	reasonMatchValue       = "Match value must be String, number, true, false, or null"
	reasonNoMatchName      = "Match expression name not found"
	reasonOrArray          = "It must be an Array followed with $or."
	reasonOrObjects        = "Only JSON object is allowed in array of $or relationship."
	reasonOrTwo            = "There must have at least 2 Objects in $or relationship."
	reasonWildcardComplex  = "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character"
	reasonOrTooMany        = "Rule is too complex - try using fewer $or relationships"
	reasonCannotCompare    = "Cannot compare number"
	reasonTooLong          = "Event pattern is too long"
)
