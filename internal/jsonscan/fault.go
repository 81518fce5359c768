package jsonscan

// Fault says why a scan stopped. The scanners return it beside the offset where they stopped, so
// each engine words its own error (the event-pattern reader follows the Jackson parser's texts,
// the event flattener reports an offset, the Logs scanner just does not match).
type Fault uint8

// The faults. NoFault is the zero value: the scan succeeded.
const (
	NoFault           Fault = iota
	FaultEOF                // the input ended inside a value
	FaultSyntax             // a byte that cannot start or continue a value here
	FaultControl            // an unescaped control character (below 0x20) inside a string
	FaultEscape             // a backslash followed by a character JSON does not define
	FaultHex                // \u not followed by four hexadecimal digits
	FaultUnterminated       // a string without its closing quote
	FaultNumber             // a malformed number (leading zero, bare '-', "1.", ".5", "1e")
	FaultLiteral            // a misspelt true, false or null
	FaultDepth              // objects and arrays nested deeper than the limit
)

// String describes the fault in a few words.
func (f Fault) String() string {
	switch f {
	case NoFault:
		return "no fault"
	case FaultEOF:
		return "unexpected end of input"
	case FaultSyntax:
		return "unexpected character"
	case FaultControl:
		return "control character in string"
	case FaultEscape:
		return "invalid escape"
	case FaultHex:
		return "invalid \\u escape"
	case FaultUnterminated:
		return "unterminated string"
	case FaultNumber:
		return "invalid number"
	case FaultLiteral:
		return "invalid literal"
	case FaultDepth:
		return "nesting too deep"
	}
	return "unknown fault"
}

// Kind is the type of a JSON value, told by its first byte.
type Kind uint8

// The kinds of JSON values. KindNone is the zero value: no value starts here.
const (
	KindNone Kind = iota
	KindString
	KindNumber
	KindTrue
	KindFalse
	KindNull
	KindObject
	KindArray
)

// KindOf returns the kind of the value starting with byte c, or KindNone. It looks at one byte
// only: "tru" is KindTrue here and [Literal] refuses it.
func KindOf(c byte) Kind {
	switch {
	case c == '"':
		return KindString
	case c == '{':
		return KindObject
	case c == '[':
		return KindArray
	case c == '-' || c >= '0' && c <= '9':
		return KindNumber
	case c == 't':
		return KindTrue
	case c == 'f':
		return KindFalse
	case c == 'n':
		return KindNull
	}
	return KindNone
}
