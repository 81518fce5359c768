package metrics

import "time"

// Data-age thresholds of the retention tiers ([API] GetMetricData, GetMetricStatistics).
const (
	HighResRetention = 3 * time.Hour        // period < 60 s
	MinuteRetention  = 15 * 24 * time.Hour  // 60 s
	FiveMinRetention = 63 * 24 * time.Hour  // 300 s
	HourRetention    = 455 * 24 * time.Hour // 3600 s
)

// ValidPeriod reports whether p seconds is a valid retrieval period: 1, 5, 10, 20, 30, 60 or any
// multiple of 60 ([API] GetMetricStatistics, Period).
func ValidPeriod(p int64) bool {
	switch p {
	case 1, 5, 10, 20, 30:
		return true
	}
	return p >= 60 && p%60 == 0
}

// PeriodSupported reports whether data starting at start (judged at now) can still be read with
// period p: a start older than 3 h needs a multiple of 60, older than 15 days a multiple of 300,
// older than 63 days a multiple of 3600. A period that is too fine returns no datapoints; it is not
// an error ([API] GetMetricStatistics.Period).
func PeriodSupported(start, now time.Time, p int64) bool {
	age := now.Sub(start)
	switch {
	case age > FiveMinRetention:
		return p%3600 == 0
	case age > MinuteRetention:
		return p%300 == 0
	case age > HighResRetention:
		return p%60 == 0
	}
	return true
}

// RoundStart applies the StartTime rounding of [API] GetMetricStatistics/GetMetricData: a start
// younger than 15 days rounds down to the minute (for periods of 1, 5, 10, 20 or 30 s, down to a
// multiple of the period within the minute), 15–63 days old to 5 minutes, older to the hour.
func RoundStart(start, now time.Time, p int64) time.Time {
	start = start.UTC()
	age := now.Sub(start)
	sec := start.Unix()
	switch {
	case age > FiveMinRetention:
		sec -= mod(sec, 3600)
	case age > MinuteRetention:
		sec -= mod(sec, 300)
	case p < 60 && p > 0:
		sec -= mod(sec, p)
	default:
		sec -= mod(sec, 60)
	}
	return time.Unix(sec, 0).UTC()
}

func mod(a, b int64) int64 {
	m := a % b
	if m < 0 {
		m += b
	}
	return m
}
