// Package awsjson holds the AWS JSON protocol's encoding of doubles, which plain encoding/json
// cannot produce: NaN, Infinity and -Infinity are written as the JSON strings "NaN", "Infinity" and
// "-Infinity", every finite value as a JSON number (Smithy AWS JSON 1.0 protocol,
// https://smithy.io/2.0/aws/protocols/aws-json-1_0-protocol.html, "Shape serialization": float and
// double special values). The input shapes of the services use it so that an input holding a value
// AWS refuses still marshals — in the API-call record of the refused call, for example.
//
// # Index
//
//   - [Double]: a float64 with that JSON form, for one member.
//   - [Doubles]: converts a []float64 member for marshalling; [Finite] reports whether that is needed.
package awsjson
