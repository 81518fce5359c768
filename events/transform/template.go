package transform

import (
	"github.com/watchsim/watchsim/internal/jsonscan"
)

// place is where a placeholder stands in an InputTemplate, which decides how its value is written
// (see render.go).
type place uint8

const (
	// placeValue: outside any string of a JSON template, where a JSON value goes
	// ({"state": <state>}).
	placeValue place = iota
	// placeQuoted: the whole content of a string of a JSON template ({"state": "<state>"}).
	placeQuoted
	// placeEmbedded: inside a string of a JSON template, beside other text or placeholders
	// ("instance <instance> is in <state>").
	placeEmbedded
	// placeText: anywhere in a template that is not JSON (<instance> is in state <status>).
	placeText
)

// segment is literal template text followed by one placeholder (v < 0 for the trailing text).
type segment struct {
	lit   []byte
	v     int
	place place
}

// rawPlaceholder is a placeholder found by scanTemplate, before its name is resolved.
type rawPlaceholder struct {
	start, end int // the placeholder's bytes, '<' to '>' inclusive
	name       string
	place      place
	// afterBackslash: the placeholder follows a backslash inside a string, which would escape
	// the first character of its value; such a template is not read as JSON.
	afterBackslash bool
}

// isNameByte reports whether c may appear in a placeholder name: the characters of
// InputPathsMap keys ([A-Za-z0-9_-]) and the dots of the predefined aws.events.* names.
func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.'
}

// scanTemplate finds the placeholders of a template — "<name>" where name is one or more of the
// characters of isNameByte; any other '<' is literal text — and where each stands, tracking JSON
// strings (with their backslash escapes) as a JSON reader would. The places are only meaningful
// if the template turns out to be JSON (see classify).
func scanTemplate(t string) []rawPlaceholder {
	var out []rawPlaceholder
	inString := false
	stringStart := 0 // index of the opening quote of the current string
	escaped := false // the previous byte is a backslash that escapes this one
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c == '<' {
			j := i + 1
			for j < len(t) && isNameByte(t[j]) {
				j++
			}
			if j > i+1 && j < len(t) && t[j] == '>' {
				p := rawPlaceholder{start: i, end: j + 1, name: t[i+1 : j], place: placeValue, afterBackslash: escaped}
				if inString {
					p.place = placeEmbedded
					if stringStart == i-1 && j+1 < len(t) && t[j+1] == '"' {
						p.place = placeQuoted
					}
				}
				out = append(out, p)
				i = j
				escaped = false
				continue
			}
		}
		switch {
		case escaped:
			escaped = false
		case c == '\\' && inString:
			escaped = true
		case c == '"':
			if inString {
				inString = false
			} else {
				inString = true
				stringStart = i
			}
		}
	}
	return out
}

// classify reports whether a template is JSON: whether it reads as one JSON value once every
// placeholder outside strings stands for a value and every placeholder inside a string for text.
// EventBridge sends the result of a JSON template as JSON (and drops it when the values make it
// invalid); any other template is text and is sent as it is.
func classify(t string, ps []rawPlaceholder) bool {
	probe := make([]byte, 0, len(t)+4*len(ps))
	last := 0
	for _, p := range ps {
		if p.afterBackslash {
			return false
		}
		probe = append(probe, t[last:p.start]...)
		if p.place == placeValue {
			probe = append(probe, "null"...)
		}
		last = p.end
	}
	probe = append(probe, t[last:]...)
	return isJSONValue(probe)
}

// maxOutputDepth is the nesting limit for JSON EventBridge reads and writes (the event limit of
// PutEvents).
const maxOutputDepth = 1000

// isJSONValue reports whether b is exactly one JSON value, with optional whitespace around it.
func isJSONValue(b []byte) bool {
	i := jsonscan.SkipSpace(b, 0)
	end, f := jsonscan.Validate(b, i, 0, maxOutputDepth)
	return f == jsonscan.NoFault && jsonscan.SkipSpace(b, end) == len(b)
}

// minify appends the JSON text b without the whitespace outside its strings. b must be JSON text
// or a piece of it that does not start inside a string (the literal runs of a JSON template, which
// start and end outside strings or at a placeholder inside one; inString says which).
func minify(dst, b []byte, inString bool) ([]byte, bool) {
	start := 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		if inString {
			switch c {
			case '\\':
				i++
			case '"':
				inString = false
			}
			continue
		}
		switch c {
		case '"':
			inString = true
		case ' ', '\t', '\n', '\r':
			dst = append(dst, b[start:i]...)
			start = i + 1
		}
	}
	return append(dst, b[start:]...), inString
}
