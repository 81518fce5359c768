package eventpattern

import (
	"strconv"
	"strings"
)

// wildcard is a compiled wildcard operand: literal segments separated by '*'. '*' matches any run
// of zero or more bytes; "\*" and "\\" are a literal star and backslash; '?' has no meaning.
// The match is anchored at both ends.
type wildcard struct {
	segs      []string // literal segments; len(segs) == number of stars + 1
	literal   string   // the value with escapes removed (used when there is no star)
	stars     int
	minLength int
}

// parseWildcard compiles a wildcard operand with event-ruler's syntax rules. Error positions count
// the quote event-ruler puts in front of the value, so "a**" reports position 2.
func parseWildcard(v string) (*wildcard, error) {
	w := &wildcard{}
	var cur strings.Builder
	for i := 0; i < len(v); i++ {
		switch c := v[i]; c {
		case '*':
			if i+1 < len(v) && v[i+1] == '*' {
				return nil, fail("Consecutive wildcard characters at pos " + strconv.Itoa(i+1))
			}
			w.segs = append(w.segs, cur.String())
			cur.Reset()
			w.stars++
		case '\\':
			if i+1 < len(v) && (v[i+1] == '*' || v[i+1] == '\\') {
				cur.WriteByte(v[i+1])
				i++
				continue
			}
			return nil, fail("Invalid escape character at pos " + strconv.Itoa(i+1))
		default:
			cur.WriteByte(c)
		}
	}
	w.segs = append(w.segs, cur.String())
	for _, s := range w.segs {
		w.minLength += len(s)
	}
	if w.stars == 0 {
		w.literal = w.segs[0]
	}
	return w, nil
}

// prefix is the literal text before the first star (the whole value when there is none).
func (w *wildcard) prefix() string { return w.segs[0] }

// suffix is the literal text after the last star.
func (w *wildcard) suffix() string { return w.segs[len(w.segs)-1] }

// match reports whether s matches the wildcard. With '*' as the only metacharacter, taking the
// leftmost occurrence of every middle segment is optimal, so the match is linear.
func (w *wildcard) match(s []byte) bool {
	if len(s) < w.minLength {
		return false
	}
	if w.stars == 0 {
		return string(s) == w.literal
	}
	first, last := w.segs[0], w.segs[len(w.segs)-1]
	if string(s[:len(first)]) != first || string(s[len(s)-len(last):]) != last {
		return false
	}
	rest := s[len(first) : len(s)-len(last)]
	for _, seg := range w.segs[1 : len(w.segs)-1] {
		k := strings.Index(string(rest), seg)
		if k < 0 {
			return false
		}
		rest = rest[k+len(seg):]
	}
	return true
}

// wildcardComplexity measures how non-deterministic a wildcard is: the largest number of wildcard
// prefixes one input can be inside at once. event-ruler's MachineComplexityEvaluator measures this
// on its automaton; for a single wildcard every star can be kept active at once (the wildcard's own
// literal text does it), so the measure is the number of stars. Calibration against AWS
// (recorded TestEventPattern answers): "*:*:*:*:*:event-bus/*" (6) is rejected, while "arn:aws:events:us-east-1:*:event-bus/*",
// "/Users/*/dir/dir/dir/dir/dir/doc.txt", "*/dir/*" and "*/init/*" (at most 2) are accepted. AWS
// does not publish its threshold; the default accepts up to 5.
func wildcardComplexity(w *wildcard) int { return w.stars }
