package awsapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// The AWS JSON 1.0 and 1.1 protocols (https://smithy.io/2.0/aws/protocols/aws-json-1_0-protocol.html,
// https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html). A service shape's encoding/json form
// already is the AWS JSON form except for timestamps, which encoding/json writes as RFC 3339 strings
// and the protocol as epoch seconds (a JSON number, fractional for milliseconds). The codec rewrites
// exactly those members, found through the shape's plan, and lets encoding/json do the rest, so any
// MarshalJSON/UnmarshalJSON a shape has (the AWS "NaN"/"Infinity" doubles) keeps working.

// errSerialization marks a body the protocol cannot read; the handler answers SerializationException.
type serializationError struct{ msg string }

func (e *serializationError) Error() string { return e.msg }

func serialization(msg string) error { return &serializationError{msg: msg} }

// decodeJSON reads an AWS JSON request body into in, a pointer to the operation's input shape.
// An empty body is an empty input.
func decodeJSON(body []byte, in any, pl *plan) error {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var tree any
	if err := dec.Decode(&tree); err != nil {
		return serialization("the request body is not valid JSON: " + err.Error())
	}
	if _, err := dec.Token(); err != io.EOF {
		return serialization("the request body holds more than one JSON value")
	}
	obj, ok := tree.(map[string]any)
	if !ok {
		return serialization("the request body must be a JSON object")
	}
	conv, err := jsonFromWire(obj, pl)
	if err != nil {
		return err
	}
	b, err := json.Marshal(conv)
	if err != nil {
		return serialization(err.Error())
	}
	if err := json.Unmarshal(b, in); err != nil {
		return serialization(jsonErrorText(err))
	}
	return nil
}

// jsonErrorText words an encoding/json error without Go type names where it can.
func jsonErrorText(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return "Unexpected value type for member " + strconv.Quote(te.Field) + ": got a JSON " + te.Value
	}
	return err.Error()
}

// jsonFromWire rewrites the wire timestamps under v (epoch seconds) as RFC 3339 strings.
func jsonFromWire(v any, pl *plan) (any, error) {
	if v == nil || !pl.times {
		return v, nil
	}
	switch pl.kind {
	case planTime:
		switch x := v.(type) {
		case json.Number:
			t, err := epochSeconds(string(x))
			if err != nil {
				return nil, err
			}
			return t.Format(time.RFC3339Nano), nil
		case string:
			t, err := parseISO8601(x)
			if err != nil {
				return nil, err
			}
			return t.Format(time.RFC3339Nano), nil
		}
		return nil, serialization("a timestamp must be a number of epoch seconds")
	case planStruct:
		m, ok := v.(map[string]any)
		if !ok {
			return v, nil // encoding/json reports the type mismatch
		}
		for k, x := range m {
			if f := pl.fields[k]; f != nil {
				c, err := jsonFromWire(x, f)
				if err != nil {
					return nil, err
				}
				m[k] = c
			}
		}
	case planList:
		l, ok := v.([]any)
		if !ok {
			return v, nil
		}
		for i, x := range l {
			c, err := jsonFromWire(x, pl.elem)
			if err != nil {
				return nil, err
			}
			l[i] = c
		}
	case planMap:
		m, ok := v.(map[string]any)
		if !ok {
			return v, nil
		}
		for k, x := range m {
			c, err := jsonFromWire(x, pl.elem)
			if err != nil {
				return nil, err
			}
			m[k] = c
		}
	}
	return v, nil
}

// epochSeconds parses a JSON number of epoch seconds exactly (no float rounding below the
// nanosecond): "1767323045", "1767323045.123", "1.767323045123E9".
func epochSeconds(s string) (time.Time, error) {
	if !strings.ContainsAny(s, "eE") {
		whole, frac, _ := strings.Cut(s, ".")
		sec, err := strconv.ParseInt(whole, 10, 64)
		if err == nil && len(frac) <= 9 && allDigits(frac) {
			ns := int64(0)
			if frac != "" {
				n, _ := strconv.ParseInt((frac + "000000000")[:9], 10, 64)
				ns = n
				if strings.HasPrefix(whole, "-") {
					ns = -ns
				}
			}
			if sec > -62135596800 && sec < 253402300800 {
				return time.Unix(sec, ns).UTC(), nil
			}
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || f <= -62135596800 || f >= 253402300800 {
		return time.Time{}, serialization("timestamp " + s + " is not a number of epoch seconds between years 1 and 9999")
	}
	return floatTime(f), nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// floatTime converts float epoch seconds to a time rounded to the microsecond (a float64 holds
// today's epoch seconds to about 0.2 µs, so finer digits are noise).
func floatTime(f float64) time.Time {
	us := math.Round(f * 1e6)
	return time.UnixMicro(int64(us)).UTC()
}

// parseISO8601 reads a timestamp sent as text (query protocol, or a lenient JSON client).
func parseISO8601(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02T15:04:05Z0700", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, serialization("timestamp " + strconv.Quote(s) + " is not an ISO 8601 date-time")
}

// encodeJSON writes out (an output shape) in the AWS JSON form.
func encodeJSON(out any, pl *plan) ([]byte, error) {
	b, err := json.Marshal(out)
	if err != nil {
		return nil, err
	}
	if !pl.times {
		return b, nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var tree any
	if err := dec.Decode(&tree); err != nil {
		return nil, err
	}
	tree, _ = jsonToWire(tree, pl)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(tree); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// jsonToWire rewrites the RFC 3339 timestamps under v as epoch seconds; ok is false for a zero
// time, which the caller leaves out (AWS sends no member it has no value for).
func jsonToWire(v any, pl *plan) (any, bool) {
	if v == nil || !pl.times {
		return v, true
	}
	switch pl.kind {
	case planTime:
		s, _ := v.(string)
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil || t.IsZero() {
			return nil, false
		}
		return json.Number(epochText(t)), true
	case planStruct:
		if m, ok := v.(map[string]any); ok {
			for k, x := range m {
				if f := pl.fields[k]; f != nil {
					if c, ok := jsonToWire(x, f); ok {
						m[k] = c
					} else {
						delete(m, k)
					}
				}
			}
		}
	case planList:
		if l, ok := v.([]any); ok {
			for i, x := range l {
				l[i], _ = jsonToWire(x, pl.elem)
			}
		}
	case planMap:
		if m, ok := v.(map[string]any); ok {
			for k, x := range m {
				m[k], _ = jsonToWire(x, pl.elem)
			}
		}
	}
	return v, true
}

// epochText is t in epoch seconds with up to millisecond precision: "1767323045" or "1767323045.123".
func epochText(t time.Time) string {
	ms := t.UnixMilli()
	sec, frac := ms/1000, ms%1000
	if frac < 0 {
		sec, frac = sec-1, frac+1000
	}
	if frac == 0 {
		return strconv.FormatInt(sec, 10)
	}
	s := strconv.FormatInt(frac+1000, 10)[1:]
	return strconv.FormatInt(sec, 10) + "." + strings.TrimRight(s, "0")
}
