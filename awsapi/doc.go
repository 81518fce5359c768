// Package awsapi serves a watchsim simulator over the AWS wire protocols, so that real AWS clients —
// aws-sdk-go-v2, the aws CLI, boto3, any SDK — talk to it as they talk to AWS: build a
// [Handler] over a *watchsim.Simulator and mount it on an http.Server or an httptest.Server
// (package awsapi/awsapitest does that in one call and returns an aws.Config; `watchsim serve`
// in cmd/watchsim serves it on an address).
//
// The front-end is a codec, not a second implementation. A table names each AWS service, the
// Simulator fields that serve it and its protocols; the operations are every method of those
// fields with the shape of an AWS operation (func(ctx, *XxxInput) (*XxxOutput, error)), found by
// reflection, so an operation a service gains is served the day it lands. Each call goes through
// the service's own method, hence through the dispatcher: CloudTrail records it with the caller's
// identity, and the misuse rule applies unchanged.
//
// # Services and protocols
//
//   - CloudWatch (metrics and alarms): Smithy RPC v2 CBOR (what aws-sdk-go-v2 sends today; decoded
//     with github.com/fxamacker/cbor/v2), AWS JSON 1.0 (botocore, the aws CLI) and the query
//     protocol with XML responses (older SDKs). [Handler.Services] and [Handler.Operations] list
//     what is served.
//   - CloudWatch Logs, EventBridge, CloudTrail and AWS Config: AWS JSON 1.1 (Logs' lowerCamelCase
//     members and epoch-millisecond longs, epoch-second timestamps elsewhere).
//   - The bus fakes where real clients need them: SQS (JSON: CreateQueue, GetQueueUrl, SendMessage,
//     ReceiveMessage, DeleteMessage), SNS (query: CreateTopic, ListTopics, Subscribe, Publish) and S3
//     (REST-XML: ListBuckets, CreateBucket, ListObjects and ListObjectsV2 with prefix, delimiter and
//     paging, Get/Head/Put/DeleteObject with user metadata, aws-chunked bodies) — enough to read
//     alarm notifications and to run `aws cloudtrail validate-logs` on a trail's bucket. Anything
//     else answers NotSimulated in the protocol's error shape.
//
// Routing uses the protocol's own keys: the rpcv2 path …/service/<Service>/operation/<Op> (any
// path prefix before it), X-Amz-Target, Action= for query, and the SigV4 credential scope.
//
// # Errors and limits
//
//   - Errors are written in each protocol's exact shape (__type, message, X-Amzn-Query-Error,
//     X-Amzn-ErrorType, the query ErrorResponse XML) with the HTTP status of the error type, so the
//     SDK surfaces the modeled error type and ErrorCode() matches.
//   - Request bodies: Content-Encoding gzip honoured with a decompression-bomb guard
//     ([WithMaxRequestBytes], [DefaultMaxRequestBytes]); PutMetricData's 1 MB body after
//     decompression checked here, PutLogEvents' 1 MiB batch and PutEvents' entry size checked by
//     the services as AWS computes them; a malformed body is the protocol's serialization error,
//     never a panic or a 500 with a Go stack.
//
// # Identity and signatures
//
//   - The access key id, user agent and source address of a request become the call's
//     bus.Identity, so CloudTrail records who called; [WithUser] maps an access key to an IAM user.
//   - Signatures are not checked by default; [WithSigV4Verification] checks every request against
//     the [WithUser] credentials as AWS does (the request time is never compared with simulation
//     time).
//
// # Time control
//
//   - [WithControlEndpoints]: GET /_watchsim/now, POST /_watchsim/advance?by=5m or ?to=<RFC 3339>,
//     POST /_watchsim/reset.
package awsapi
