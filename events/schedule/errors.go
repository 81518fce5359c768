package schedule

import "github.com/watchsim/watchsim/internal/awserr"

// ValidationExceptionCode is the AWS error code PutRule returns for a schedule expression it refuses.
const ValidationExceptionCode = "ValidationException"

// InvalidMessage is AWS's message for every schedule expression it refuses, whatever is wrong with
// it: EventBridge gives no reason.
const InvalidMessage = "Parameter ScheduleExpression is not valid."

// notSimulatedService names the service in the NotSimulated errors of this package.
const notSimulatedService = "events"

// invalid returns the one error AWS gives for a bad schedule expression.
func invalid() error {
	return awserr.ClientError(ValidationExceptionCode, InvalidMessage)
}

// notSimulated refuses syntax that AWS may accept but whose meaning AWS does not document.
func notSimulated(feature string) error {
	return awserr.NotSimulated(notSimulatedService, "schedule expression "+feature)
}
