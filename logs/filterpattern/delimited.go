package filterpattern

import (
	"strconv"
	"strings"
)

// Space-delimited patterns
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html,
// "Using filter patterns to match terms in space-delimited log events").
//
//	pattern := "[" [ slot ( "," slot )* ] "]"
//	slot    := "" | "..." | name [ cond ( ("&&" | "||") name cond )* ]
//	cond    := op value          (op and value as in JSON patterns)
//
// Event fields are separated by whitespace; text between '[' and ']' or between two '"' is one
// field, and the brackets or quotes are not part of its value. An opening '[' or '"' without
// its closing character is an ordinary character, and text right after a closing ']' or '"'
// starts the next field [derived].
//
// Slots bind fields left to right; an ellipsis "..." (at most one per pattern) stands for any
// number of fields, so the slots after it bind the last fields of the event. An event with fewer
// fields than the pattern has slots does not match. An event with more fields than a pattern
// without ellipsis still matches, as the User Guide's [w1=ERROR, w2] and the API's [] examples
// show; watchsim leaves the surplus fields unbound and reports them positionally, like the fields
// an ellipsis covers [derived; AWS does not document which name surplus fields get].
//
// Names are letters, digits and '_' and must not start with a digit [derived]; they are
// case-sensitive. Conditions joined with && / || (&& binds tighter) must all name the slot's own
// field; naming another field is "Invalid filter pattern", as AWS answers the once-documented
// [..., status_code = 4* && bytes > 1000]. Numeric conditions (<, <=, >, >=) need a decimal
// field; = and != with a number compare numerically when the field is a number and textually
// otherwise [derived]. String values support '*' at either end, quoted values may contain spaces,
// and %regex% searches inside the field (anchor with ^…$). At most two regexes per pattern.
type delimMatcher struct {
	slots    []delimSlot
	prefix   []delimSlot // the slots before the ellipsis (all slots when there is none)
	suffix   []delimSlot // the slots after the ellipsis
	ellipsis bool
	regexes  int
}

type delimSlot struct {
	name     string
	ellipsis bool
	any      [][]condition // OR of AND groups; nil when the slot has no condition
}

func (s *delimSlot) test(field string) bool {
	if s.any == nil {
		return true
	}
	for _, group := range s.any {
		ok := true
		for i := range group {
			if !group[i].matchField(field) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// matchField evaluates a condition against a delimited field's text.
func (c *condition) matchField(f string) bool {
	if c.kind != valNumber {
		return c.matchString(f)
	}
	if c.op == opEq || c.op == opNe {
		eq := f == c.text
		if !eq && isDecimalNumber(f) {
			v, err := strconv.ParseFloat(f, 64)
			eq = err == nil && v == c.num
		}
		return eq == (c.op == opEq)
	}
	if !isDecimalNumber(f) {
		return false
	}
	v, err := strconv.ParseFloat(f, 64)
	return err == nil && compareNumbers(c.op, v, c.num)
}

func parseDelimitedPattern(body string) (*delimMatcher, error) {
	m := &delimMatcher{}
	if strings.TrimSpace(body) == "" {
		return m, nil
	}
	i := 0
	for {
		slot, err := m.parseSlot(body, &i)
		if err != nil {
			return nil, err
		}
		if slot.ellipsis {
			if m.ellipsis {
				return nil, invalidPattern()
			}
			m.ellipsis = true
		}
		m.slots = append(m.slots, slot)
		i = skipSpace(body, i)
		if i == len(body) {
			break
		}
		if body[i] != ',' {
			if isTermByteAt(body, i) {
				return nil, invalidPattern()
			}
			return nil, invalidChars(invalidRun(body, i))
		}
		i++
	}
	if m.regexes > 2 {
		return nil, invalidPattern()
	}
	m.prefix = m.slots
	for k, s := range m.slots {
		if s.ellipsis {
			m.prefix, m.suffix = m.slots[:k], m.slots[k+1:]
		}
	}
	return m, nil
}

func skipSpace(s string, i int) int {
	for i < len(s) && isSpaceByte(s[i]) {
		i++
	}
	return i
}

func (m *delimMatcher) parseSlot(s string, pos *int) (delimSlot, error) {
	i := skipSpace(s, *pos)
	var slot delimSlot
	if i == len(s) || s[i] == ',' {
		*pos = i
		return slot, nil
	}
	if strings.HasPrefix(s[i:], "...") {
		slot.ellipsis = true
		*pos = i + 3
		return slot, nil
	}
	name, j, err := slotName(s, i)
	if err != nil {
		return slot, err
	}
	slot.name = name
	i = skipSpace(s, j)
	if i == len(s) || s[i] == ',' {
		*pos = i
		return slot, nil
	}
	group := []condition{}
	for {
		c, err := parseCondition(s, &i, &m.regexes)
		if err != nil {
			return slot, err
		}
		group = append(group, c)
		i = skipSpace(s, i)
		var or bool
		switch {
		case strings.HasPrefix(s[i:], "&&"):
		case strings.HasPrefix(s[i:], "||"):
			or = true
		default:
			slot.any = append(slot.any, group)
			*pos = i
			return slot, nil
		}
		i = skipSpace(s, i+2)
		other, j, err := slotName(s, i)
		if err != nil {
			return slot, err
		}
		if other != slot.name {
			return slot, invalidPattern() // a condition on another field inside one slot
		}
		i = skipSpace(s, j)
		if or {
			slot.any = append(slot.any, group)
			group = []condition{}
		}
	}
}

// slotName reads a field name at s[i].
func slotName(s string, i int) (string, int, error) {
	j := i
	for j < len(s) && isWordByte(s[j]) {
		j++
	}
	if j == i {
		if i < len(s) && !isTermByteAt(s, i) && !isSpaceByte(s[i]) {
			return "", i, invalidChars(invalidRun(s, i))
		}
		return "", i, invalidPattern()
	}
	if s[i] >= '0' && s[i] <= '9' {
		return "", i, invalidPattern()
	}
	return s[i:j], j, nil
}

// fieldSpan is the value of one event field: message[start:end].
type fieldSpan struct{ start, end int32 }

// nextField returns the next field of msg at or after i, and the index after it; ok is false
// when there are no more fields.
func nextField(msg string, i int) (start, end, next int, ok bool) {
	for i < len(msg) && isSpaceByte(msg[i]) {
		i++
	}
	if i >= len(msg) {
		return 0, 0, i, false
	}
	switch msg[i] {
	case '"':
		if k := strings.IndexByte(msg[i+1:], '"'); k >= 0 {
			return i + 1, i + 1 + k, i + k + 2, true
		}
	case '[':
		if k := strings.IndexByte(msg[i+1:], ']'); k >= 0 {
			return i + 1, i + 1 + k, i + k + 2, true
		}
	}
	j := i
	for j < len(msg) && !isSpaceByte(msg[j]) {
		j++
	}
	return i, j, j, true
}

func (m *delimMatcher) matches(msg string) bool {
	if len(m.suffix) == 0 {
		// Without slots after an ellipsis only the leading fields matter: test them as they are
		// tokenised and ignore the rest of the line.
		i := 0
		for k := range m.prefix {
			start, end, next, ok := nextField(msg, i)
			if !ok {
				return false
			}
			if !m.prefix[k].test(msg[start:end]) {
				return false
			}
			i = next
		}
		return true
	}
	var buf [64]fieldSpan
	fields := tokenizeFields(msg, buf[:0])
	return m.check(msg, fields)
}

func tokenizeFields(msg string, fields []fieldSpan) []fieldSpan {
	i := 0
	for {
		start, end, next, ok := nextField(msg, i)
		if !ok {
			return fields
		}
		fields = append(fields, fieldSpan{int32(start), int32(end)})
		i = next
	}
}

// check tests the slots against fully tokenised fields.
func (m *delimMatcher) check(msg string, fields []fieldSpan) bool {
	n := len(fields)
	if n < len(m.prefix)+len(m.suffix) {
		return false
	}
	for k := range m.prefix {
		f := fields[k]
		if !m.prefix[k].test(msg[f.start:f.end]) {
			return false
		}
	}
	off := n - len(m.suffix)
	for k := range m.suffix {
		f := fields[off+k]
		if !m.suffix[k].test(msg[f.start:f.end]) {
			return false
		}
	}
	return true
}

// match tokenises the whole message and checks it; it returns the fields on a match.
func (m *delimMatcher) match(msg string) ([]fieldSpan, bool) {
	fields := tokenizeFields(msg, nil)
	if !m.check(msg, fields) {
		return nil, false
	}
	return fields, true
}

// names returns the extraction key ("$name" or "$N") of every field of an event with n fields.
func (m *delimMatcher) names(n int) []string {
	out := make([]string, n)
	for k := range out {
		out[k] = "$" + strconv.Itoa(k+1)
	}
	for k, s := range m.prefix {
		if s.name != "" && k < n {
			out[k] = "$" + s.name
		}
	}
	off := n - len(m.suffix)
	for k, s := range m.suffix {
		if s.name != "" && off+k >= 0 {
			out[off+k] = "$" + s.name
		}
	}
	return out
}
