package filterpattern

import (
	"math/bits"

	"github.com/watchsim/watchsim/internal/jsonscan"
)

// This file parses the Go-syntax regex that compileFilterRegex produces from a %regex% body
// (see translateFilterRegex) into the flat form the bit-parallel engine of regexengine.go
// runs. The translated language has no groups: it is a top-level alternation of sequences of
// atoms (a literal, '.', a class, \d \D \w \W, \x{hh}, ^, $), each with at most one quantifier.
// The parser mirrors regexp/syntax's rules for this subset exactly — which quantifier sequences
// are errors ("a**", "*a", "a|+"), when '{' is a literal ("{x", "{01}", "{,5" unclosed), the
// repeat bounds (at most 1000), class syntax ("[]a]", "[a-]", reversed ranges) — so that a
// pattern is accepted exactly when Go's regexp.Compile accepts it; the property test in
// regexengine_test.go checks this on generated patterns.

// runeSet is a set of runes over a 257-symbol alphabet: bits 0–255 stand for U+0000–U+00FF
// (the only runes the pattern language can name, through literals and \xhh) and bit 256 for
// every other rune, including the U+FFFD that Go's regexp decodes from each invalid UTF-8
// byte. No construct of the language distinguishes two runes above U+00FF, so the alphabet is
// exact.
type runeSet [5]uint64

// symOther is the symbol of every rune above U+00FF.
const symOther = 256

func (s *runeSet) add(lo, hi int) {
	for r := lo; r <= hi; r++ {
		s[r>>6] |= 1 << (uint(r) & 63)
	}
}

func (s *runeSet) addString(chars string) {
	for i := 0; i < len(chars); i++ {
		s.add(int(chars[i]), int(chars[i]))
	}
}

func (s *runeSet) union(t runeSet) {
	for i := range s {
		s[i] |= t[i]
	}
}

// negate complements s within the 257 symbols.
func (s *runeSet) negate() {
	for i := 0; i < 4; i++ {
		s[i] = ^s[i]
	}
	s[4] ^= 1
}

func (s *runeSet) count() int {
	n := 0
	for _, w := range s {
		n += bits.OnesCount64(w)
	}
	return n
}

// reItem is one atom with its quantifier. anchor is '^' or '$' for the assertions (set unused),
// 0 for a character atom. max < 0 means unbounded.
type reItem struct {
	set      runeSet
	anchor   byte
	min, max int
}

// reParseResult is the outcome of parseGoSubset besides the items.
type reParseResult int

const (
	reParsed      reParseResult = iota // alts holds the pattern
	reInvalid                          // Go's regexp would reject the pattern
	reUnsupported                      // outside the subset this parser knows; use Go's regexp
)

// Perl classes with Go's meaning (ASCII only; \s is \t \n \f \r and space).
func perlClass(c byte) (runeSet, bool) {
	var s runeSet
	switch c {
	case 'd', 'D':
		s.add('0', '9')
	case 'w', 'W':
		s.add('0', '9')
		s.add('A', 'Z')
		s.add('a', 'z')
		s.add('_', '_')
	case 's', 'S':
		s.addString("\t\n\f\r ")
	default:
		return s, false
	}
	if c == 'D' || c == 'W' || c == 'S' {
		s.negate()
	}
	return s, true
}

// parseGoSubset parses re (Go syntax, as produced by translateFilterRegex) into alternatives,
// each a sequence of items: it appends the items of all alternatives to cur and the index in
// cur where each alternative ends to ends (the callers pass stack buffers).
func parseGoSubset(re string, cur []reItem, ends []int) ([]reItem, []int, reParseResult) {
	altStart := len(cur)
	lastRepeat := false
	for i := 0; i < len(re); {
		isRepeat := false
		c := re[i]
		switch c {
		case '|':
			ends = append(ends, len(cur))
			altStart = len(cur)
			i++
		case '^', '$':
			cur = append(cur, reItem{anchor: c, min: 1, max: 1})
			i++
		case '.':
			it := reItem{min: 1, max: 1}
			it.set.add('\n', '\n')
			it.set.negate()
			cur = append(cur, it)
			i++
		case '[':
			set, next, res := parseGoClass(re, i)
			if res != reParsed {
				return nil, nil, res
			}
			cur = append(cur, reItem{set: set, min: 1, max: 1})
			i = next
		case '*', '+', '?', '{':
			min, max, next := 0, -1, i+1
			switch c {
			case '+':
				min = 1
			case '?':
				max = 1
			case '{':
				var ok bool
				min, max, next, ok = parseGoRepeat(re, i)
				if !ok { // not a repeat: '{' is a literal
					it := reItem{min: 1, max: 1}
					it.set.add('{', '{')
					cur = append(cur, it)
					i++
					lastRepeat = false
					continue
				}
				if min < 0 || min > 1000 || max > 1000 || max >= 0 && min > max {
					return nil, nil, reInvalid
				}
			}
			if next < len(re) && re[next] == '?' { // non-greedy: same language
				next++
			}
			if lastRepeat || len(cur) == altStart {
				return nil, nil, reInvalid // nested repetition, or nothing to repeat
			}
			last := &cur[len(cur)-1]
			last.min, last.max = min, max
			isRepeat = true
			i = next
		case '\\':
			if i+1 == len(re) {
				return nil, nil, reInvalid
			}
			e := re[i+1]
			if set, ok := perlClass(e); ok {
				cur = append(cur, reItem{set: set, min: 1, max: 1})
				i += 2
				break
			}
			r, next, res := parseGoEscape(re, i)
			if res != reParsed {
				return nil, nil, res
			}
			it := reItem{min: 1, max: 1}
			it.set.add(r, r)
			cur = append(cur, it)
			i = next
		default:
			if c >= 0x80 {
				return nil, nil, reUnsupported
			}
			it := reItem{min: 1, max: 1}
			it.set.add(int(c), int(c))
			cur = append(cur, it)
			i++
		}
		lastRepeat = isRepeat
	}
	return cur, append(ends, len(cur)), reParsed
}

// parseGoRepeat mirrors regexp/syntax's parseRepeat at re[i] == '{': {n}, {n,} or {n,m} with
// decimal numbers without leading zeros; a number of 10^8 or more gives min = -1 (an invalid
// repeat size). ok is false when the text is not a repeat (then '{' is a literal).
func parseGoRepeat(re string, i int) (min, max, next int, ok bool) {
	j := i + 1
	var ok1 bool
	if min, j, ok1 = parseGoInt(re, j); !ok1 || j == len(re) {
		return 0, 0, 0, false
	}
	if re[j] != ',' {
		max = min
	} else {
		j++
		if j == len(re) {
			return 0, 0, 0, false
		}
		if re[j] == '}' {
			max = -1
		} else if max, j, ok1 = parseGoInt(re, j); !ok1 {
			return 0, 0, 0, false
		} else if max < 0 {
			min = -1
		}
	}
	if j == len(re) || re[j] != '}' {
		return 0, 0, 0, false
	}
	return min, max, j + 1, true
}

func parseGoInt(re string, i int) (n, next int, ok bool) {
	if i == len(re) || re[i] < '0' || re[i] > '9' {
		return 0, i, false
	}
	if i+1 < len(re) && re[i] == '0' && re[i+1] >= '0' && re[i+1] <= '9' {
		return 0, i, false // leading zero
	}
	j := i
	for j < len(re) && re[j] >= '0' && re[j] <= '9' {
		if n >= 1e8 {
			n = -1
		} else if n >= 0 {
			n = n*10 + int(re[j]-'0')
		}
		j++
	}
	return n, j, true
}

// parseGoEscape parses the single-rune escape at re[i] == '\\': \x{h…} and \xhh (up to
// U+00FF), \t, \n and a backslash before ASCII punctuation.
func parseGoEscape(re string, i int) (r int, next int, res reParseResult) {
	if i+1 == len(re) {
		return 0, 0, reInvalid
	}
	e := re[i+1]
	switch {
	case e == 'x':
		j := i + 2
		if j < len(re) && re[j] == '{' {
			j++
			start := j
			for j < len(re) && jsonscan.IsHex(re[j]) {
				r = r*16 + jsonscan.HexDigit(re[j])
				if r > 0xff {
					return 0, 0, reUnsupported
				}
				j++
			}
			if j == start || j == len(re) || re[j] != '}' {
				return 0, 0, reInvalid
			}
			return r, j + 1, reParsed
		}
		if j+1 < len(re) && jsonscan.IsHex(re[j]) && jsonscan.IsHex(re[j+1]) {
			return jsonscan.HexDigit(re[j])*16 + jsonscan.HexDigit(re[j+1]), j + 2, reParsed
		}
		return 0, 0, reInvalid
	case e == 't':
		return '\t', i + 2, reParsed
	case e == 'n':
		return '\n', i + 2, reParsed
	case e < 0x80 && !isAlnum(e):
		return int(e), i + 2, reParsed
	}
	return 0, 0, reUnsupported
}

func isAlnum(b byte) bool {
	return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')
}

// parseGoClass mirrors regexp/syntax's parseClass at re[i] == '[' (Perl flags: '-' is a
// literal where it cannot form a range, ']' first is a literal, [^…] may match \n).
func parseGoClass(re string, i int) (set runeSet, next int, res reParseResult) {
	j := i + 1
	neg := false
	if j < len(re) && re[j] == '^' {
		neg = true
		j++
	}
	first := true
	for j == len(re) || re[j] != ']' || first {
		first = false
		if j == len(re) {
			return set, 0, reInvalid // missing ]
		}
		if re[j] == '[' && j+1 < len(re) && re[j+1] == ':' {
			return set, 0, reUnsupported // POSIX class: never produced by the translation
		}
		if re[j] == '\\' && j+1 < len(re) {
			if re[j+1] == 'p' || re[j+1] == 'P' {
				return set, 0, reUnsupported
			}
			if ps, ok := perlClass(re[j+1]); ok {
				set.union(ps)
				j += 2
				continue
			}
		}
		lo, nj, res := parseGoClassChar(re, j)
		if res != reParsed {
			return set, 0, res
		}
		j = nj
		hi := lo
		if j+1 < len(re) && re[j] == '-' && re[j+1] != ']' {
			if hi, j, res = parseGoClassChar(re, j+1); res != reParsed {
				return set, 0, res
			}
			if hi < lo {
				return set, 0, reInvalid
			}
		}
		set.add(lo, hi)
	}
	if neg {
		set.negate()
	}
	return set, j + 1, reParsed
}

func parseGoClassChar(re string, j int) (r, next int, res reParseResult) {
	if j == len(re) {
		return 0, 0, reInvalid
	}
	if re[j] == '\\' {
		return parseGoEscape(re, j)
	}
	if re[j] >= 0x80 {
		return 0, 0, reUnsupported
	}
	return int(re[j]), j + 1, reParsed
}
