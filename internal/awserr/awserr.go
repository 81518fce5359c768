package awserr

import (
	"errors"
	"fmt"

	"github.com/aws/smithy-go"
)

// HTTP status codes used by AWS error responses. They are written as integers so this package (and
// everything that imports it) stays free of net/http.
const (
	StatusBadRequest          = 400
	StatusNotFound            = 404
	StatusConflict            = 409
	StatusRequestEntityTooBig = 413
	StatusTooManyRequests     = 429
	StatusInternalServerError = 500
	StatusNotImplemented      = 501
	StatusServiceUnavailable  = 503
)

// Error is the error every simulated AWS operation returns for a failure AWS would report:
// an AWS error code ("InvalidParameterValue", "ResourceNotFoundException", …), the message
// AWS would send, whether the caller or the service is at fault, and the HTTP status a wire
// front-end would answer with.
//
// *Error satisfies [smithy.APIError], so code written against the AWS SDK for Go v2 can
// inspect it the same way it inspects real service errors:
//
//	var apiErr smithy.APIError
//	if errors.As(err, &apiErr) && apiErr.ErrorCode() == "InvalidParameterValue" { … }
type Error struct {
	// Code is the AWS error code, exactly as AWS spells it.
	Code string
	// Message is the human-readable message, exactly as AWS words it where that is documented.
	Message string
	// Fault says whether the client or the server is to blame.
	Fault smithy.ErrorFault
	// StatusCode is the HTTP status of the error response (400 unless AWS uses another).
	StatusCode int
}

var _ smithy.APIError = (*Error)(nil)

// Error returns "Code: Message".
func (e *Error) Error() string {
	if e.Message == "" {
		return e.Code
	}
	return e.Code + ": " + e.Message
}

// ErrorCode returns the AWS error code.
func (e *Error) ErrorCode() string { return e.Code }

// ErrorMessage returns the AWS error message.
func (e *Error) ErrorMessage() string { return e.Message }

// ErrorFault reports whether the client or the server is at fault.
func (e *Error) ErrorFault() smithy.ErrorFault { return e.Fault }

// HTTPStatusCode returns the HTTP status of the error response.
func (e *Error) HTTPStatusCode() int { return e.StatusCode }

// Is reports whether target is an *Error with the same code (and, if target has one, the same
// message), so errors.Is(err, &bus.Error{Code: "ResourceNotFoundException"}) works.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code && (t.Message == "" || t.Message == e.Message)
}

// WithStatus returns a copy of e with another HTTP status (for example 404 for
// ResourceNotFoundException on services that use it, or 429 for throttling).
func (e *Error) WithStatus(status int) *Error {
	c := *e
	c.StatusCode = status
	return &c
}

// ClientError returns a client-fault *Error with HTTP status 400 and the given code and message.
func ClientError(code, message string) *Error {
	return &Error{Code: code, Message: message, Fault: smithy.FaultClient, StatusCode: StatusBadRequest}
}

// ClientErrorf is [ClientError] with a formatted message.
func ClientErrorf(code, format string, args ...any) *Error {
	return ClientError(code, fmt.Sprintf(format, args...))
}

// ServerError returns a server-fault *Error with HTTP status 500.
func ServerError(code, message string) *Error {
	return &Error{Code: code, Message: message, Fault: smithy.FaultServer, StatusCode: StatusInternalServerError}
}

// NotSimulatedCode is the error code of [NotSimulatedError]. It is not an AWS code: it marks a request
// that AWS would accept but that watchsim does not model.
const NotSimulatedCode = "NotSimulated"

// NotSimulatedError reports valid AWS input that watchsim does not simulate. watchsim refuses such
// input instead of ignoring it or approximating it, so a test never passes on behaviour the real
// service would not show.
//
// It satisfies [smithy.APIError] with the code [NotSimulatedCode], a server fault and HTTP status 501.
type NotSimulatedError struct {
	// Service is the simulated service, for example "monitoring" or "events".
	Service string
	// Feature names the AWS feature, function, operator or parameter that is not modelled,
	// in the words of the AWS documentation (for example "metric math function ANOMALY_DETECTION_BAND").
	Feature string
}

var _ smithy.APIError = (*NotSimulatedError)(nil)

// NotSimulated returns a *NotSimulatedError for service and feature.
func NotSimulated(service, feature string) *NotSimulatedError {
	return &NotSimulatedError{Service: service, Feature: feature}
}

// NotSimulatedf is [NotSimulated] with a formatted feature description.
func NotSimulatedf(service, format string, args ...any) *NotSimulatedError {
	return &NotSimulatedError{Service: service, Feature: fmt.Sprintf(format, args...)}
}

// Error describes the gap.
func (e *NotSimulatedError) Error() string {
	return "watchsim does not simulate " + e.Feature + " (" + e.Service + ")"
}

// ErrorCode returns [NotSimulatedCode].
func (e *NotSimulatedError) ErrorCode() string { return NotSimulatedCode }

// ErrorMessage returns the same text as Error.
func (e *NotSimulatedError) ErrorMessage() string { return e.Error() }

// ErrorFault returns smithy.FaultServer: the request is valid, the simulator is what falls short.
func (e *NotSimulatedError) ErrorFault() smithy.ErrorFault { return smithy.FaultServer }

// HTTPStatusCode returns 501 Not Implemented.
func (e *NotSimulatedError) HTTPStatusCode() int { return StatusNotImplemented }

// IsNotSimulated reports whether err is or wraps a *NotSimulatedError.
func IsNotSimulated(err error) bool {
	var ns *NotSimulatedError
	return errors.As(err, &ns)
}

// ErrorCode returns the AWS error code of err if it is or wraps an error with an ErrorCode method
// (an *Error, a *NotSimulatedError or any smithy.APIError), and "" otherwise.
func ErrorCode(err error) string {
	var coded interface{ ErrorCode() string }
	if errors.As(err, &coded) {
		return coded.ErrorCode()
	}
	return ""
}

// ErrorMessage returns the AWS error message of err if it is or wraps an error with an ErrorMessage
// method, and err.Error() otherwise.
func ErrorMessage(err error) string {
	var m interface{ ErrorMessage() string }
	if errors.As(err, &m) {
		return m.ErrorMessage()
	}
	return err.Error()
}
