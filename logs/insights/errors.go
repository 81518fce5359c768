package insights

import (
	"unicode/utf16"
	"unicode/utf8"

	"github.com/aws/smithy-go"
	"github.com/watchsim/watchsim/internal/awserr"
)

// MalformedQueryException is the AWS error code StartQuery returns for a query that does not
// compile.
const MalformedQueryException = "MalformedQueryException"

// Location is where in the query string a compile error lies, as AWS's QueryCompileErrorLocation
// reports it: character offsets (UTF-16 code units, as Java counts them) of the first and the
// last character of the offending text. Both offsets are inclusive ([derived]: AWS does not
// document whether the end is inclusive; ANTLR, whose messages AWS returns, reports inclusive
// token stops).
type Location struct {
	// StartCharOffset is the offset of the first offending character.
	StartCharOffset int64
	// EndCharOffset is the offset of the last offending character.
	EndCharOffset int64
}

// MalformedQueryError is the error [Parse] returns for a query that does not compile: AWS's
// MalformedQueryException with its queryCompileError (location and message).
//
// It satisfies smithy-go's APIError (code [MalformedQueryException], client fault) and reports
// HTTP status 400; it unwraps to the equivalent *awserr.Error (bus.Error), so errors.As finds
// that type too.
type MalformedQueryError struct {
	// Message is the compile error's message (queryCompileError.message).
	Message string
	// Location is the offending text's place in the query (queryCompileError.location).
	Location Location
}

var _ smithy.APIError = (*MalformedQueryError)(nil)

// Error returns "MalformedQueryException: <message>".
func (e *MalformedQueryError) Error() string { return MalformedQueryException + ": " + e.Message }

// ErrorCode returns [MalformedQueryException].
func (e *MalformedQueryError) ErrorCode() string { return MalformedQueryException }

// ErrorMessage returns the compile error's message.
func (e *MalformedQueryError) ErrorMessage() string { return e.Message }

// ErrorFault returns smithy.FaultClient.
func (e *MalformedQueryError) ErrorFault() smithy.ErrorFault { return smithy.FaultClient }

// HTTPStatusCode returns 400.
func (e *MalformedQueryError) HTTPStatusCode() int { return awserr.StatusBadRequest }

// Unwrap returns the equivalent *awserr.Error (bus.Error).
func (e *MalformedQueryError) Unwrap() error {
	return awserr.ClientError(MalformedQueryException, e.Message)
}

// malformed builds a MalformedQueryError for the byte range [start, end) of q (end > start
// unless the error is at the end of the query).
func malformed(q string, start, end int, msg string) *MalformedQueryError {
	if start > len(q) {
		start = len(q)
	}
	if end < start {
		end = start
	}
	if end > len(q) {
		end = len(q)
	}
	s := charOffset(q, start)
	e := s
	if end > start {
		e = charOffset(q, end) - 1
	}
	return &MalformedQueryError{Message: msg, Location: Location{StartCharOffset: s, EndCharOffset: e}}
}

// charOffset converts a byte offset of q to a UTF-16 offset.
func charOffset(q string, byteOff int) int64 {
	var n int64
	for i := 0; i < byteOff && i < len(q); {
		r, size := utf8.DecodeRuneInString(q[i:])
		if r == utf8.RuneError && size <= 1 {
			n++
			i++
			continue
		}
		n += int64(utf16.RuneLen(r))
		i += size
	}
	return n
}

// notSimulated refuses valid Logs Insights syntax that watchsim does not model.
func notSimulated(feature string) error { return awserr.NotSimulated("logs", feature) }
