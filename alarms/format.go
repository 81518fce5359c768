package alarms

import (
	"time"
	"unicode/utf8"
)

// Timestamp layouts used by CloudWatch alarm texts.
const (
	// ReasonDataTime is the layout of timestamps in StateReasonData and in alarm events: 2019-10-02T17:04:40.985+0000.
	ReasonDataTime = "2006-01-02T15:04:05.000-0700"
	// ReasonTextTime is the layout of datapoint times inside StateReason texts: 02/10/19 16:59:00 (dd/MM/yy, UTC).
	ReasonTextTime = "02/01/06 15:04:05"
	// CompositeReasonTime is the layout of times in composite-alarm reasons: Friday 22 July, 2022 15:57:45 UTC.
	CompositeReasonTime = "Monday 2 January, 2006 15:04:05 UTC"
)

// FormatReasonDataTime formats t as CloudWatch does in StateReasonData and events (UTC, millisecond, +0000).
func FormatReasonDataTime(t time.Time) string {
	return t.UTC().Format(ReasonDataTime)
}

// appendJSONString appends s as a JSON string literal. Invalid UTF-8 is written as U+FFFD, as
// encoding/json does, so the result is always valid JSON.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				dst = append(dst, `\ufffd`...)
			} else {
				dst = append(dst, s[i:i+n]...)
			}
			i += n
			continue
		}
		switch {
		case c == '"' || c == '\\':
			dst = append(dst, '\\', c)
		case c == '\n':
			dst = append(dst, '\\', 'n')
		case c == '\r':
			dst = append(dst, '\\', 'r')
		case c == '\t':
			dst = append(dst, '\\', 't')
		case c < 0x20:
			dst = append(dst, `\u00`...)
			dst = append(dst, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
		default:
			dst = append(dst, c)
		}
		i++
	}
	return append(dst, '"')
}
