package filterpattern

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// Match is one log event that matched a [Pattern], with access to the fields a metric
// filter or subscription filter can use. Obtain it from [Pattern.Match].
type Match struct {
	pattern *Pattern
	message string
	fields  []fieldSpan // space-delimited patterns: every field of the event
	names   []string    // "$name" / "$N" of each field, built on first use

	decoded bool
	doc     any // the message decoded as JSON (UseNumber), for $.path references
}

// Message returns the matched event message.
func (m *Match) Message() string { return m.message }

// Pattern returns the pattern that matched.
func (m *Match) Pattern() *Pattern { return m.pattern }

// ExtractedValues returns what TestMetricFilter reports as extractedValues: for a
// space-delimited pattern, every field of the event keyed "$name" for named slots and "$N"
// (1-based position) for unnamed slots, fields covered by "..." and surplus fields; for other
// pattern kinds an empty map (documented for unstructured patterns; [derived] for JSON patterns,
// whose TestMetricFilter output AWS has not documented).
func (m *Match) ExtractedValues() map[string]string {
	out := make(map[string]string, len(m.fields))
	if m.fields == nil {
		return out
	}
	names := m.fieldNames()
	for k, f := range m.fields {
		out[names[k]] = m.message[f.start:f.end]
	}
	return out
}

func (m *Match) fieldNames() []string {
	if m.names == nil && m.pattern.delim != nil {
		m.names = m.pattern.delim.names(len(m.fields))
	}
	return m.names
}

// Field resolves a field reference as metric filters use them in metricValue and dimensions:
//
//   - "$name": the field bound to the named slot of a space-delimited pattern;
//   - "$N": the N-th (1-based) field of a space-delimited event;
//   - "$.path": a value of the JSON message, with the selector syntax of JSON patterns but no
//     wildcards (the field need not appear in the pattern: AWS accepted metricValue "$.value"
//     with pattern { $.val = * }).
//
// JSON strings resolve to their text, numbers to their literal text and booleans to
// "true"/"false"; null, objects, arrays and missing fields do not resolve.
func (m *Match) Field(ref string) (string, bool) {
	if len(ref) < 2 || ref[0] != '$' {
		return "", false
	}
	if ref[1] == '.' || ref[1] == '[' {
		return m.jsonField(ref)
	}
	if m.fields == nil {
		return "", false
	}
	if n, err := strconv.Atoi(ref[1:]); err == nil && ref[1] >= '0' && ref[1] <= '9' {
		if n < 1 || n > len(m.fields) {
			return "", false
		}
		f := m.fields[n-1]
		return m.message[f.start:f.end], true
	}
	names := m.fieldNames()
	for k := len(names) - 1; k >= 0; k-- { // a repeated name refers to its last field
		if names[k] == ref {
			f := m.fields[k]
			return m.message[f.start:f.end], true
		}
	}
	return "", false
}

func (m *Match) jsonField(ref string) (string, bool) {
	steps, ok := parseFieldRef(ref)
	if !ok {
		return "", false
	}
	if !m.decoded {
		m.decoded = true
		dec := json.NewDecoder(bytes.NewReader([]byte(m.message)))
		dec.UseNumber()
		var v any
		if dec.Decode(&v) == nil {
			m.doc = v
		}
	}
	cur := m.doc
	for _, st := range steps {
		switch st.kind {
		case stepField:
			obj, ok := cur.(map[string]any)
			if !ok {
				return "", false
			}
			if cur, ok = obj[st.name]; !ok {
				return "", false
			}
		case stepIndex:
			arr, ok := cur.([]any)
			if !ok || st.index >= len(arr) {
				return "", false
			}
			cur = arr[st.index]
		}
	}
	switch v := cur.(type) {
	case string:
		return v, true
	case json.Number:
		return string(v), true
	case bool:
		return strconv.FormatBool(v), true
	}
	return "", false
}

// parseFieldRef parses a "$.path" reference without wildcards.
func parseFieldRef(ref string) ([]selStep, bool) {
	pos := 0
	steps, wild, err := parseSelector(ref, &pos, nil)
	if err != nil || wild > 0 || pos != len(ref) || len(steps) == 0 {
		return nil, false
	}
	return steps, true
}
