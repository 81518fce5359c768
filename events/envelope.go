package events

import (
	"time"
	"unicode/utf8"
)

// event is one event as a bus holds it: the envelope members, the detail object, and what the
// routing needs besides (when EventBridge received it, the replay that re-sent it).
type event struct {
	id, detailType, source string
	account, region        string
	time                   time.Time // the envelope's time, truncated to the second when rendered
	resources              []string
	detail                 string // a compact JSON object
	replayName             string
	ingested               time.Time
	size                   int // the PutEvents entry size, for archives' SizeBytes
}

// appendJSON renders the envelope as EventBridge delivers it, members in AWS's order: version,
// id, detail-type, source, account, time, region, replay-name (replayed events only), resources,
// detail ("Amazon EventBridge events", https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events-structure.html).
func (e *event) appendJSON(dst []byte) []byte {
	dst = append(dst, `{"version":"0","id":`...)
	dst = appendString(dst, e.id)
	dst = append(dst, `,"detail-type":`...)
	dst = appendString(dst, e.detailType)
	dst = append(dst, `,"source":`...)
	dst = appendString(dst, e.source)
	dst = append(dst, `,"account":`...)
	dst = appendString(dst, e.account)
	dst = append(dst, `,"time":"`...)
	dst = e.time.UTC().AppendFormat(dst, "2006-01-02T15:04:05Z")
	dst = append(dst, `","region":`...)
	dst = appendString(dst, e.region)
	if e.replayName != "" {
		dst = append(dst, `,"replay-name":`...)
		dst = appendString(dst, e.replayName)
	}
	dst = append(dst, `,"resources":[`...)
	for i, r := range e.resources {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendString(dst, r)
	}
	dst = append(dst, `],"detail":`...)
	if len(e.detail) == 0 {
		dst = append(dst, "{}"...)
	} else {
		dst = append(dst, e.detail...)
	}
	return append(dst, '}')
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string. Unlike encoding/json it leaves <, > and & as they are,
// as EventBridge does; invalid UTF-8 becomes U+FFFD.
func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				dst = append(dst, s[start:i]...)
				dst = append(dst, "\ufffd"...)
				i++
				start = i
				continue
			}
			i += n
			continue
		}
		dst = append(dst, s[start:i]...)
		switch c {
		case '"', '\\':
			dst = append(dst, '\\', c)
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\r':
			dst = append(dst, '\\', 'r')
		case '\t':
			dst = append(dst, '\\', 't')
		default:
			dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		}
		i++
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// entrySize is the size PutEvents counts for an entry: 14 bytes for a Time, plus the UTF-8 bytes of
// Source, DetailType, Detail and each Resource ("Calculating PutEvents event entry size",
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html).
func entrySize(hasTime bool, source, detailType, detail string, resources []string) int {
	n := len(source) + len(detailType) + len(detail)
	if hasTime {
		n += 14
	}
	for _, r := range resources {
		n += len(r)
	}
	return n
}
