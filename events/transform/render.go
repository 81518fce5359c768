package transform

import (
	"bytes"

	"github.com/watchsim/watchsim/internal/jsonscan"
)

// Apply shapes one event — its JSON envelope, as delivered to targets — for the shaper's target
// and returns the body to deliver, in new memory. When EventBridge would not deliver anything it
// returns a [DropReason] as the error (nil body): the filled-in JSON template is not valid JSON, or
// the InputPath selects nothing.
//
// What is sent:
//   - no input setting: the event as it is;
//   - Input: the constant, as it was given;
//   - InputPath: the selected value's JSON text (a string keeps its quotes), without whitespace;
//     a wildcard path gives the array of every value it reaches;
//   - InputTransformer: the template with each <name> replaced, by the rules of [Compile]'s
//     package documentation (quoted and unquoted placeholders, missing values, predefined
//     variables); a JSON template's result is checked and sent without whitespace.
func (s *Shaper) Apply(event []byte, c Context) ([]byte, error) {
	switch s.mode {
	case ModeEvent:
		return bytes.Clone(event), nil
	case ModeInput:
		return bytes.Clone(s.input), nil
	}
	sc := s.get()
	defer s.pool.Put(sc)
	out, err := s.shape(sc, event, c)
	if err != nil {
		return nil, err
	}
	return bytes.Clone(out), nil
}

// AppendTo is [Shaper.Apply] appending the body to dst; with a dst of enough capacity it does not
// allocate. On a drop it returns dst unchanged and the [DropReason].
func (s *Shaper) AppendTo(dst, event []byte, c Context) ([]byte, error) {
	switch s.mode {
	case ModeEvent:
		return append(dst, event...), nil
	case ModeInput:
		return append(dst, s.input...), nil
	}
	sc := s.get()
	defer s.pool.Put(sc)
	out, err := s.shape(sc, event, c)
	if err != nil {
		return dst, err
	}
	return append(dst, out...), nil
}

// get returns scratch memory for one call.
func (s *Shaper) get() *scratch {
	if sc, ok := s.pool.Get().(*scratch); ok {
		return sc
	}
	return &scratch{last: make([]int, len(s.vars))}
}

// shape reads the event and writes the body into sc.out, which it returns.
func (s *Shaper) shape(sc *scratch, event []byte, c Context) ([]byte, error) {
	if !s.trie.extract(&sc.w, event) {
		return nil, DropMalformedEvent
	}
	for i := range sc.last {
		sc.last[i] = -1
	}
	for k, h := range sc.w.hits {
		sc.last[h.v] = k
	}
	out := sc.out[:0]
	if s.mode == ModeInputPath {
		raw, ok := s.value(sc, 0)
		if !ok {
			sc.out = out
			return nil, DropPathNotFound
		}
		out = appendCompact(out, raw, false)
		sc.out = out
		return out, nil
	}
	for _, seg := range s.segs {
		out = append(out, seg.lit...)
		if seg.v < 0 {
			break
		}
		switch v := s.vars[seg.v]; v.kind {
		case varRuleARN:
			out = writeText(out, seg.place, c.RuleARN)
		case varRuleName:
			out = writeText(out, seg.place, c.RuleName)
		case varIngestionTime:
			sc.aux = c.IngestionTime.UTC().AppendFormat(sc.aux[:0], "2006-01-02T15:04:05Z")
			out = writeText(out, seg.place, sc.aux)
		default:
			raw, ok := s.value(sc, seg.v)
			if !ok {
				out = writeAbsent(out, seg.place)
				continue
			}
			out = writeValue(out, seg.place, raw)
		}
	}
	sc.out = out
	if s.json && !isJSONValue(out) {
		return nil, DropInvalidJSON
	}
	return out, nil
}

// value returns the JSON text of variable v for the event just read, or false when its path
// selected nothing. Values built from several hits (wildcards, aws.events.event) are written into
// sc.aux, which stays valid until the next call.
func (s *Shaper) value(sc *scratch, v int) ([]byte, bool) {
	ev := sc.w.s
	switch {
	case s.vars[v].kind == varEvent:
		aux := append(sc.aux[:0], '{')
		for i, f := range envelopeFields() {
			k := sc.last[s.env[i]]
			if k < 0 {
				continue
			}
			if len(aux) > 1 {
				aux = append(aux, ',')
			}
			aux = append(aux, '"')
			aux = append(aux, f.to...)
			aux = append(aux, '"', ':')
			h := sc.w.hits[k]
			aux = appendCompact(aux, ev[h.start:h.end], false)
		}
		aux = append(aux, '}')
		sc.aux = aux
		return aux, true
	case s.vars[v].indefinite:
		aux := append(sc.aux[:0], '[')
		for _, h := range sc.w.hits {
			if h.v != v {
				continue
			}
			if len(aux) > 1 {
				aux = append(aux, ',')
			}
			aux = appendCompact(aux, ev[h.start:h.end], false)
		}
		aux = append(aux, ']')
		sc.aux = aux
		return aux, true
	}
	k := sc.last[v]
	if k < 0 {
		return nil, false
	}
	h := sc.w.hits[k]
	return ev[h.start:h.end], true
}

// writeAbsent writes a variable whose path selected nothing: an empty string where a JSON value
// goes, nothing inside a string or a text template (observed against AWS: {"command": <command>}
// became {"command":""} and "… detail <command>" became "… detail ").
func writeAbsent(dst []byte, p place) []byte {
	if p == placeValue {
		return append(dst, '"', '"')
	}
	return dst
}

// writeText writes a value that is text (a predefined variable such as the rule name): quoted
// where a JSON value goes, as it is elsewhere. Like extracted values it is not escaped.
func writeText[T ~string | ~[]byte](dst []byte, p place, text T) []byte {
	if p == placeValue {
		dst = append(dst, '"')
		dst = append(dst, text...)
		return append(dst, '"')
	}
	return append(dst, text...)
}

// writeValue writes the JSON value raw at placeholder place p.
//
// A string is written as its text — decoded and not escaped again: "EventBridge doesn't escape
// values extracted by Input Path" (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html#eb-transform-input-issues),
// so a quote or backslash inside a value breaks a JSON template and the delivery is dropped — with
// quotes added where a JSON value goes. Numbers, booleans and null are written as they are.
// Objects and arrays are written as JSON without whitespace, except inside a string beside other
// text, where their quotes are removed ("Payload of {acc_id:0a787ecb-4015,sf_id:baz}"); alone in a
// string ("<payload>") they keep their quotes, which makes the result invalid JSON (observed
// against AWS: nothing is delivered).
func writeValue(dst []byte, p place, raw []byte) []byte {
	switch jsonscan.KindOf(raw[0]) {
	case jsonscan.KindString:
		if p == placeValue {
			dst = append(dst, '"')
			dst = appendDecoded(dst, raw)
			return append(dst, '"')
		}
		return appendDecoded(dst, raw)
	case jsonscan.KindObject, jsonscan.KindArray:
		return appendCompact(dst, raw, p == placeEmbedded)
	}
	return append(dst, raw...)
}

// appendDecoded appends the text of the JSON string raw (with its quotes).
func appendDecoded(dst, raw []byte) []byte {
	body := raw[1 : len(raw)-1]
	if bytes.IndexByte(body, '\\') < 0 {
		return append(dst, body...)
	}
	dst, _, _ = jsonscan.AppendUnescaped(dst, raw[1:])
	return dst
}

// appendCompact appends the JSON text raw without the whitespace outside its strings, and without
// any quote when stripQuotes is set.
func appendCompact(dst, raw []byte, stripQuotes bool) []byte {
	if !stripQuotes {
		dst, _ = minify(dst, raw, false)
		return dst
	}
	start := 0
	inString, escaped := false, false
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case escaped:
			escaped = false
			if c == '"' { // every quote goes, an escaped one too
				dst = append(dst, raw[start:i]...)
				start = i + 1
			}
		case inString && c == '\\':
			escaped = true
		case c == '"':
			dst = append(dst, raw[start:i]...)
			start = i + 1
			inString = !inString
		case !inString && (c == ' ' || c == '\t' || c == '\n' || c == '\r'):
			dst = append(dst, raw[start:i]...)
			start = i + 1
		}
	}
	return append(dst, raw[start:]...)
}
