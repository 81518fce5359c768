package filterpattern

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind says which of the CloudWatch Logs pattern grammars a [Pattern] uses.
type Kind int

const (
	// PatternMatchAll is the empty pattern (or one made only of whitespace): every event matches.
	PatternMatchAll Kind = iota
	// PatternTerms is an unstructured pattern: plain terms, "quoted phrases", ?terms, -terms or
	// a standalone %regex%.
	PatternTerms
	// PatternJSON is a JSON pattern such as { $.eventType = "UpdateTrail" }.
	PatternJSON
	// PatternDelimited is a space-delimited pattern such as [ip, user, ..., status = 4*, bytes].
	PatternDelimited
)

// String returns the kind's name.
func (k Kind) String() string {
	switch k {
	case PatternMatchAll:
		return "MatchAll"
	case PatternTerms:
		return "Terms"
	case PatternJSON:
		return "JSON"
	case PatternDelimited:
		return "Delimited"
	}
	return "Kind(?)"
}

// Pattern is a compiled CloudWatch Logs filter pattern: parse once with [Compile], then
// match any number of log event messages. A Pattern is immutable and safe for concurrent
// use.
//
// The same grammar serves metric filters, subscription filters, FilterLogEvents,
// TestMetricFilter and Live Tail
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html).
type Pattern struct {
	text    string
	kind    Kind
	terms   *termMatcher
	json    *jsonMatcher
	delim   *delimMatcher
	regexes int
}

// Compile parses a filter pattern. Invalid patterns return a *bus.Error whose ErrorCode is
// InvalidParameterException and whose message is AWS's text where it is known:
//
//   - longer than 1024 characters: "1 validation error detected: Value '<pattern>' at
//     'filterPattern' failed to satisfy constraint: Member must have length less than or equal to 1024";
//   - an unquoted special character: "Invalid character(s) in term '<chars>'";
//   - '{' without a closing '}': "If a filter pattern starts with '{' it must end with '}'";
//   - anything else (bad regex, quotas, IS NOT, malformed conditions): "Invalid filter pattern"
//     (AWS's exact text for these cases is not recorded; this is the text the console and
//     FilterLogEvents users report).
//
// Patterns whose AWS behaviour is undocumented are refused with a *bus.NotSimulatedError
// rather than guessed: a %regex% combined with other terms (or written ?%re% / -%re%) in an
// unstructured pattern, and the comparison != * .
//
// Classification follows the first character after trimming whitespace: nothing → match-all,
// '{' → JSON, '[' → space-delimited, anything else → unstructured terms.
func Compile(pattern string) (*Pattern, error) {
	if awsLength(pattern) > MaxPatternLength {
		return nil, patternTooLong(pattern)
	}
	p := &Pattern{text: pattern}
	t := strings.TrimSpace(pattern)
	var err error
	switch {
	case t == "":
		p.kind = PatternMatchAll
	case t[0] == '{':
		if t[len(t)-1] != '}' {
			return nil, invalidParameter(msgJSONBraces)
		}
		p.kind = PatternJSON
		p.json, err = parseJSONPattern(t[1 : len(t)-1])
		if err == nil {
			p.regexes = p.json.regexes
		}
	case t[0] == '[':
		if t[len(t)-1] != ']' {
			return nil, invalidParameter(msgDelimitedBrackets)
		}
		p.kind = PatternDelimited
		p.delim, err = parseDelimitedPattern(t[1 : len(t)-1])
		if err == nil {
			p.regexes = p.delim.regexes
		}
	default:
		p.kind = PatternTerms
		p.terms, err = parseTerms(t)
		if err == nil && p.terms.regex != nil {
			p.regexes = 1
		}
	}
	if err != nil {
		return nil, err
	}
	return p, nil
}

// String returns the pattern text exactly as it was given to [Compile].
func (p *Pattern) String() string { return p.text }

// Kind returns which grammar the pattern uses.
func (p *Pattern) Kind() Kind { return p.kind }

// RequiredTerm returns a term that every message the pattern matches contains — the longest plain
// term or quoted phrase of an unstructured pattern — and false when there is none (JSON,
// space-delimited and %regex% patterns, patterns of ? terms only, match-all patterns). A reader
// that stores many messages back to back can search their bytes for it and run Matches only on
// the messages it occurs in; the result is the same as running Matches on every message.
func (p *Pattern) RequiredTerm() (string, bool) {
	if t := p.required(); t != nil {
		return t.s, true
	}
	return "", false
}

// IndexRequired returns the position of the first occurrence in s of the term RequiredTerm
// returns, or -1 (also when there is no such term). It is strings.Index(s, term) with the
// pattern's compiled search, which looks for the term's rarest byte.
func (p *Pattern) IndexRequired(s string) int {
	if t := p.required(); t != nil {
		return t.index(s)
	}
	return -1
}

func (p *Pattern) required() *substring {
	if p.terms == nil || p.terms.regex != nil {
		return nil
	}
	var best *substring
	for i := range p.terms.required {
		if t := &p.terms.required[i]; (best == nil || len(t.s) > len(best.s)) && strings.TrimSpace(t.s) != "" {
			best = t
		}
	}
	return best
}

// RegexCount returns the number of %regex% terms in the pattern. The Logs service uses it to
// enforce the quota of five regex-bearing metric and subscription filters per log group.
func (p *Pattern) RegexCount() int { return p.regexes }

// SupportsDimensions reports whether metric filters with this pattern may publish dimensions:
// only JSON and space-delimited patterns can.
func (p *Pattern) SupportsDimensions() bool {
	return p.kind == PatternJSON || p.kind == PatternDelimited
}

// FieldNames returns the names a space-delimited pattern gives its fields, in slot order and
// without the leading '$'. It is nil for other kinds.
func (p *Pattern) FieldNames() []string {
	if p.delim == nil {
		return nil
	}
	var names []string
	for _, s := range p.delim.slots {
		if s.name != "" {
			names = append(names, s.name)
		}
	}
	return names
}

// Matches reports whether message matches the pattern. It does not allocate, except to decode
// JSON string values that contain escape sequences and, for a %regex% too large for the
// bit-parallel engine (more than 63 positions in one alternative, e.g. a{100}), inside Go's
// regexp engine, which such a pattern falls back to.
func (p *Pattern) Matches(message string) bool {
	switch p.kind {
	case PatternTerms:
		return p.terms.matches(message)
	case PatternJSON:
		return p.json.matches(message)
	case PatternDelimited:
		return p.delim.matches(message)
	}
	return true
}

// Match matches message and, when it matches, returns the extracted fields that metric filters,
// subscription filters and TestMetricFilter use.
func (p *Pattern) Match(message string) (*Match, bool) {
	if p.kind == PatternDelimited {
		fields, ok := p.delim.match(message)
		if !ok {
			return nil, false
		}
		return &Match{pattern: p, message: message, fields: fields}, true
	}
	if !p.Matches(message) {
		return nil, false
	}
	return &Match{pattern: p, message: message}, true
}

func decodeRune(s string, i int) (rune, int) { return utf8.DecodeRuneInString(s[i:]) }

// isTermByteAt reports whether the character at s[i] may appear in an unquoted term:
// a letter, a digit or '_'.
func isTermByteAt(s string, i int) bool {
	b := s[i]
	if b < utf8.RuneSelf {
		return isWordByte(b)
	}
	r, _ := decodeRune(s, i)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
