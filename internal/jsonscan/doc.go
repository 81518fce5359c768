// Package jsonscan is the one strict JSON reader of watchsim's pure engines: the EventBridge
// event-pattern engine (events/eventpattern: its pattern reader and its event flattener) and the
// CloudWatch Logs filter-pattern engine (logs/filterpattern: its one-pass JSON event matcher).
// It holds the scanning only; each engine keeps its matching semantics and words its own errors
// from the [Fault] a scanner returns.
//
// Nothing here builds a document tree or allocates, except [AppendUnescaped] growing its
// destination. Every scanner is generic over [Text] (string or []byte) and reads RFC 8259 JSON
// strictly.
//
// # Tokens
//
//   - [SkipSpace], [IsSpace]: the four JSON whitespace bytes.
//   - [KindOf] and [Kind]: the type of the value a byte starts.
//   - [Literal]: true, false and null.
//   - [Number]: the length of a JSON number.
//   - [String]: scan and validate a string, eight bytes at a time (SWAR), and report whether it
//     holds escapes; [ShortString]: its inlinable fast path for short plain strings (try it
//     first); [SkipString]: find a string's end without validating.
//   - [AppendUnescaped]: decode a string body (surrogate pairs, U+FFFD for lone surrogates, as
//     encoding/json does).
//   - [AppendString]: the one JSON string writer of the services' hand-built documents (alarm
//     reason data, EventBridge envelopes, CloudTrail records, Logs Insights and Config query rows):
//     AWS's escaping, invalid UTF-8 as \ufffd.
//   - [HexDigit], [IsHex], [Hex4]: hexadecimal digits (also used by the Logs regex parser for
//     \xhh).
//
// # Values
//
//   - [Validate]: read one value strictly, with the nesting limit as a parameter (each engine
//     passes its service's limit: 1,000 for EventBridge, 10,000 for CloudWatch Logs).
//   - [Skip]: pass over one value without validating it, counting brackets eight bytes at a
//     time (for the parts of an event no pattern reads).
//   - [Fault]: why a scan stopped ([NoFault] when it did not).
//
// # Paths
//
//   - [Node]: a path trie (member names, array indexes, any member, any element) with the
//     engine's payload in each node, walked beside the document so that a scanner descends only
//     where some path leads. Build with the Add methods, [Node.Seal], then read concurrently.
package jsonscan
