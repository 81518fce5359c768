package bus

import "github.com/watchsim/watchsim/internal/awserr"

// Error is the error every simulated AWS operation returns for a failure AWS would report:
// an AWS error code ("InvalidParameterValue", "ResourceNotFoundException", …), the message
// AWS would send, whether the caller or the service is at fault, and the HTTP status a wire
// front-end would answer with.
//
// *Error satisfies smithy-go's APIError, so code written against the AWS SDK for Go v2 can
// inspect it the same way it inspects real service errors:
//
//	var apiErr smithy.APIError
//	if errors.As(err, &apiErr) && apiErr.ErrorCode() == "InvalidParameterValue" { … }
//
// The type lives in a small leaf package so the pure engines (event patterns, filter patterns)
// return it without importing the kernel; Error is that type under its public name.
type Error = awserr.Error

// NotSimulatedError reports valid AWS input that watchsim does not simulate. watchsim refuses such
// input instead of ignoring it or approximating it, so a test never passes on behaviour the real
// service would not show.
//
// It satisfies smithy-go's APIError with the code [NotSimulatedCode], a server fault and HTTP status 501.
type NotSimulatedError = awserr.NotSimulatedError

// NotSimulatedCode is the error code of [NotSimulatedError]. It is not an AWS code: it marks a request
// that AWS would accept but that watchsim does not model.
const NotSimulatedCode = awserr.NotSimulatedCode

// ClientError returns a client-fault *Error with HTTP status 400 and the given code and message.
func ClientError(code, message string) *Error { return awserr.ClientError(code, message) }

// ClientErrorf is [ClientError] with a formatted message.
func ClientErrorf(code, format string, args ...any) *Error {
	return awserr.ClientErrorf(code, format, args...)
}

// ServerError returns a server-fault *Error with HTTP status 500.
func ServerError(code, message string) *Error { return awserr.ServerError(code, message) }

// NotSimulated returns a *NotSimulatedError for service and feature.
func NotSimulated(service, feature string) *NotSimulatedError {
	return awserr.NotSimulated(service, feature)
}

// NotSimulatedf is [NotSimulated] with a formatted feature description.
func NotSimulatedf(service, format string, args ...any) *NotSimulatedError {
	return awserr.NotSimulatedf(service, format, args...)
}

// IsNotSimulated reports whether err is or wraps a *NotSimulatedError.
func IsNotSimulated(err error) bool { return awserr.IsNotSimulated(err) }

// ErrorCode returns the AWS error code of err if it is or wraps an error with an ErrorCode method
// (an *Error, a *NotSimulatedError or any smithy.APIError), and "" otherwise.
func ErrorCode(err error) string { return awserr.ErrorCode(err) }
