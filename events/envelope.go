package events

import (
	"time"

	"github.com/watchsim/watchsim/internal/jsonscan"
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
	dst = jsonscan.AppendString(dst, e.id)
	dst = append(dst, `,"detail-type":`...)
	dst = jsonscan.AppendString(dst, e.detailType)
	dst = append(dst, `,"source":`...)
	dst = jsonscan.AppendString(dst, e.source)
	dst = append(dst, `,"account":`...)
	dst = jsonscan.AppendString(dst, e.account)
	dst = append(dst, `,"time":"`...)
	dst = appendEnvelopeTime(dst, e.time)
	dst = append(dst, `","region":`...)
	dst = jsonscan.AppendString(dst, e.region)
	if e.replayName != "" {
		dst = append(dst, `,"replay-name":`...)
		dst = jsonscan.AppendString(dst, e.replayName)
	}
	dst = append(dst, `,"resources":[`...)
	for i, r := range e.resources {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = jsonscan.AppendString(dst, r)
	}
	dst = append(dst, `],"detail":`...)
	if len(e.detail) == 0 {
		dst = append(dst, "{}"...)
	} else {
		dst = append(dst, e.detail...)
	}
	return append(dst, '}')
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
