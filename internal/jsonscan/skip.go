package jsonscan

import "math/bits"

// skipClass[c] is 1 for '"', 2 for '{' and '[', 3 for '}' and ']': the bytes [Skip] must look at
// inside a container. A constant string, so the table is immutable.
const skipClass = "" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x03\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x03\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"

// specialMask has the top bit set of each byte of w that may be '"', '[', ']', '{' or '}'; the
// lowest set bit marks the first such byte exactly (higher bits may be false positives). Setting
// bit 5 maps '[' to '{' and ']' to '}'; '"' also matches the control character 0x02, which only
// costs a slow step.
func specialMask(w uint64) uint64 {
	const lower = 0x2020202020202020
	x := w | lower
	a := x ^ (0x7B * swarOnes)
	b := x ^ (0x7D * swarOnes)
	c := x ^ (0x22 * swarOnes)
	return ((a-swarOnes)&^a | (b-swarOnes)&^b | (c-swarOnes)&^c) & swarHigh
}

// Skip passes over the value starting at s[i] without decoding or validating it, and returns
// the index after it. Inside objects and arrays it only counts brackets (either kind) and passes
// over strings with [SkipString], eight bytes at a time; a scalar ends at the next ',', '}', ']'
// or whitespace. It needs no depth limit (it does not recurse). The faults are FaultEOF and
// FaultUnterminated, with the offset where the input ran out.
//
// This is how the engines pass over the parts of an event no pattern reads: faults there are
// not reported, as a matcher that stops early would not see them either.
func Skip[T Text](s T, i int) (int, Fault) {
	p := i
	if p >= len(s) {
		return p, FaultEOF
	}
	switch s[p] {
	case '"':
		if e := SkipString(s, p); e >= 0 {
			return e, NoFault
		}
		return len(s), FaultUnterminated
	case '{', '[':
		depth := 0
		for p < len(s) {
			for p+8 <= len(s) {
				m := specialMask(load8(s, p))
				if m == 0 {
					p += 8
					continue
				}
				p += bits.TrailingZeros64(m) / 8
				break
			}
			if p >= len(s) {
				break
			}
			switch skipClass[s[p]] {
			case 0:
				p++
				continue
			case 1:
				e := SkipString(s, p)
				if e < 0 {
					return len(s), FaultUnterminated
				}
				p = e
				continue
			case 2:
				depth++
			case 3:
				depth--
				if depth == 0 {
					return p + 1, NoFault
				}
			}
			p++
		}
		return p, FaultEOF
	default:
		for p < len(s) {
			switch s[p] {
			case ',', '}', ']', ' ', '\t', '\n', '\r':
				return p, NoFault
			}
			p++
		}
		return p, NoFault
	}
}

// Validate reads the value starting at s[i] completely and strictly (RFC 8259) and returns the
// index after it. depth is the nesting depth of the value's container (0 at the top level);
// objects and arrays nested deeper than maxDepth give FaultDepth, so hostile input cannot exhaust
// the stack. On a fault it returns the offset where reading stopped.
func Validate[T Text](s T, i, depth, maxDepth int) (int, Fault) {
	if i >= len(s) {
		return i, FaultEOF
	}
	switch KindOf(s[i]) {
	case KindObject:
		return validateObject(s, i, depth+1, maxDepth)
	case KindArray:
		return validateArray(s, i, depth+1, maxDepth)
	case KindString:
		if end := ShortString(s, i); end >= 0 {
			return end, NoFault
		}
		end, _, f := String(s, i)
		return end, f
	case KindNumber:
		n := Number(s[i:])
		if n == 0 {
			return i, FaultNumber
		}
		return i + n, NoFault
	case KindTrue, KindFalse, KindNull:
		k, end := Literal(s, i)
		if k == KindNone {
			return i, FaultLiteral
		}
		return end, NoFault
	}
	return i, FaultSyntax
}

func validateObject[T Text](s T, i, depth, maxDepth int) (int, Fault) {
	if depth > maxDepth {
		return i, FaultDepth
	}
	i = SkipSpace(s, i+1)
	if i < len(s) && s[i] == '}' {
		return i + 1, NoFault
	}
	for {
		if i >= len(s) {
			return i, FaultEOF
		}
		if s[i] != '"' {
			return i, FaultSyntax
		}
		end := ShortString(s, i)
		var f Fault
		if end < 0 {
			if end, _, f = String(s, i); f != NoFault {
				return end, f
			}
		}
		i = SkipSpace(s, end)
		if i >= len(s) {
			return i, FaultEOF
		}
		if s[i] != ':' {
			return i, FaultSyntax
		}
		i = SkipSpace(s, i+1)
		if i, f = Validate(s, i, depth, maxDepth); f != NoFault {
			return i, f
		}
		i = SkipSpace(s, i)
		if i >= len(s) {
			return i, FaultEOF
		}
		switch s[i] {
		case ',':
			i = SkipSpace(s, i+1)
		case '}':
			return i + 1, NoFault
		default:
			return i, FaultSyntax
		}
	}
}

func validateArray[T Text](s T, i, depth, maxDepth int) (int, Fault) {
	if depth > maxDepth {
		return i, FaultDepth
	}
	i = SkipSpace(s, i+1)
	if i < len(s) && s[i] == ']' {
		return i + 1, NoFault
	}
	for {
		var f Fault
		if i, f = Validate(s, i, depth, maxDepth); f != NoFault {
			return i, f
		}
		i = SkipSpace(s, i)
		if i >= len(s) {
			return i, FaultEOF
		}
		switch s[i] {
		case ',':
			i = SkipSpace(s, i+1)
		case ']':
			return i + 1, NoFault
		default:
			return i, FaultSyntax
		}
	}
}
