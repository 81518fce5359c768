// Package pagetoken makes the opaque NextToken values of the simulated List/Describe operations:
// a kind (which listing), a position (the last name returned, an offset, …) and a checksum, so
// that a token from another operation or a made-up one is refused rather than misread.
//
// # Index
//
//   - [Encode] makes a token; [Decode] reads one back; [Sum] is the checksum (FNV-1a, 32 bits),
//     also usable for other self-checking tokens.
package pagetoken
