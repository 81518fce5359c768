// Package awserr is the leaf that holds watchsim's AWS error types and the message builders every
// service shares. It imports nothing of watchsim, so the pure engines (event patterns, filter
// patterns) can return AWS errors without depending on the kernel. Package bus re-exports the types
// under the names users know (bus.Error, bus.NotSimulatedError).
//
// # Index
//
//   - The error types: [Error] (code, message, fault, HTTP status; satisfies smithy.APIError) with
//     [ClientError], [ClientErrorf], [ServerError], [Error.WithStatus]; [NotSimulatedError] with
//     [NotSimulated], [NotSimulatedf], [IsNotSimulated], [NotSimulatedCode].
//   - Reading any error: [ErrorCode], [ErrorMessage].
//   - AWS's member-constraint message: [ValidationMessage] of [Violation]s, [Validation]; the
//     length rule every string member shares: [LengthViolation].
//   - HTTP status codes as integers, so nothing imports net/http for them: [StatusBadRequest], … .
package awserr
