package filterpattern

import (
	"strings"
)

// termMatcher evaluates an unstructured pattern
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html,
// "Matching terms in unstructured log events"):
//
//   - plain terms and "quoted phrases" must all occur as case-sensitive substrings (AND),
//     each searched for by its rarest bytes (substring, search.go);
//   - -term / -"phrase" must not occur;
//   - ?term / ?"phrase": at least one must occur — but only when the pattern has no plain or
//     excluded term; mixed with them, the ? terms are ignored (current User Guide note);
//   - a pattern that is a single %regex% is a regex search over the whole message;
//   - a quoted phrase made only of whitespace (" ") matches every event, as the User Guide's
//     "count all events" example uses it ("Filter pattern syntax for metric filters, subscription
//     filters, filter log events, and Live Tail"; [derived] for messages without a space);
//     as an exclusion (-" ") it keeps its literal meaning [derived];
//   - a %regex% combined with other terms, or with a ? or - prefix, is refused as not
//     simulated: AWS documents only standalone regex patterns ("Using regular expressions in filter
//     patterns" shows none combined with terms) [derived];
//   - a quoted phrase ends at the next '"' (no escapes) and must be followed by whitespace or
//     the end of the pattern [derived].
type termMatcher struct {
	required []substring // each compiled for its letters (search.go)
	excluded []substring
	optional []substring
	optAll   bool // a ?" " term: the optional group is always satisfied
	plain    bool // the pattern has a plain or excluded term, so ? terms are ignored
	regex    *filterRegex
}

// parseTerms parses the trimmed, non-empty unstructured pattern t.
func parseTerms(t string) (*termMatcher, error) {
	m := &termMatcher{}
	tokens := 0
	hasRegex := false
	i := 0
	for i < len(t) {
		if isSpaceByte(t[i]) {
			i++
			continue
		}
		tokens++
		prefix := byte(0)
		if t[i] == '?' || t[i] == '-' {
			prefix = t[i]
			i++
			if i == len(t) || isSpaceByte(t[i]) {
				return nil, invalidChars(string(prefix))
			}
		}
		var text string
		blank := false
		switch c := t[i]; {
		case c == '"':
			end := strings.IndexByte(t[i+1:], '"')
			if end < 0 {
				return nil, invalidPattern()
			}
			text = t[i+1 : i+1+end]
			blank = strings.TrimSpace(text) == ""
			i += end + 2
			if i < len(t) && !isSpaceByte(t[i]) {
				return nil, invalidChars(invalidRun(t, i))
			}
		case c == '%':
			end := strings.IndexByte(t[i+1:], '%')
			if end < 0 {
				return nil, invalidChars(invalidRun(t, i))
			}
			re, err := compileFilterRegex(t[i+1 : i+1+end])
			if err != nil {
				return nil, err
			}
			if prefix != 0 {
				return nil, notSimulatedFilter("a %regex% term with a '" + string(prefix) + "' prefix in an unstructured filter pattern (undocumented)")
			}
			m.regex = re
			hasRegex = true
			i += end + 2
			continue
		case isTermByteAt(t, i):
			j := i
			for j < len(t) && !isSpaceByte(t[j]) && isTermByteAt(t, j) {
				_, size := decodeRune(t, j)
				j += size
			}
			if j < len(t) && !isSpaceByte(t[j]) {
				return nil, invalidChars(invalidRun(t, j))
			}
			text = t[i:j]
			i = j
		default:
			return nil, invalidChars(invalidRun(t, i))
		}
		switch prefix {
		case '?':
			if blank {
				m.optAll = true
			} else {
				m.optional = append(m.optional, newSubstring(text))
			}
		case '-':
			m.excluded = append(m.excluded, newSubstring(text))
		default:
			if !blank {
				m.required = append(m.required, newSubstring(text))
			}
		}
		if prefix != '?' {
			m.plain = true
		}
	}
	if hasRegex && tokens > 1 {
		return nil, notSimulatedFilter("a %regex% combined with other terms in an unstructured filter pattern (undocumented; AWS documents standalone regex patterns only)")
	}
	return m, nil
}

func (m *termMatcher) matches(msg string) bool {
	if m.regex != nil {
		return m.regex.MatchString(msg)
	}
	for i := range m.required {
		if !m.required[i].in(msg) {
			return false
		}
	}
	for i := range m.excluded {
		if m.excluded[i].in(msg) {
			return false
		}
	}
	if m.plain || m.optAll || len(m.optional) == 0 {
		return true
	}
	// Only ? terms (and possibly blank phrases): at least one must occur.
	for i := range m.optional {
		if m.optional[i].in(msg) {
			return true
		}
	}
	return false
}
