// Package uuidv4 formats version 4 UUIDs from two random 64-bit draws. It is the one way every
// watchsim id of that form is written: bus.Bus.UUID, the SQS fake's message ids and EventBridge's
// scheduled events. An id formatted late, when someone first reads it, is then the one the draws
// would have given at once. CloudTrail's Event history keeps ids of the canonical form as their
// sixteen bytes ([Parse], [AppendBytes]).
//
// # Index
//
//   - [Append] writes the UUID of two draws into a buffer; [String] returns it; [Len] is its length.
//   - [Parse] reads any canonical lowercase UUID into its sixteen bytes; [AppendBytes] writes them back.
package uuidv4
