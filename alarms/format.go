package alarms

import (
	"time"
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
