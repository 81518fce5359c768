package insights

import (
	"strconv"
	"time"
)

// unit is a time unit of a period (bin, datefloor, dateceil).
type unit uint8

const (
	uMillisecond unit = iota
	uSecond
	uMinute
	uHour
	uDay
	uWeek
	uMonth
	uQuarter
	uYear
)

// period is a time period such as 5m or 1mo.
type period struct {
	n    int64
	unit unit
	text string // as written, e.g. "5m"
}

// parseUnit reads a unit name as the stats page of the CloudWatch Logs User Guide lists them
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-Stats.html):
// ms/msec/millisecond, s/sec/second, m/min/minute, h/hr/hour, d/day, w/week, mo/mon/month,
// q/qtr/quarter, y/yr/year; names longer than one character take a plural "s" ("hrs").
// Unit names are lower case ([derived]).
func parseUnit(s string) (unit, bool) {
	switch s {
	case "ms", "msec", "msecs", "millisecond", "milliseconds", "mss":
		return uMillisecond, true
	case "s", "sec", "secs", "second", "seconds":
		return uSecond, true
	case "m", "min", "mins", "minute", "minutes":
		return uMinute, true
	case "h", "hr", "hrs", "hour", "hours":
		return uHour, true
	case "d", "day", "days":
		return uDay, true
	case "w", "week", "weeks":
		return uWeek, true
	case "mo", "mos", "mon", "mons", "month", "months":
		return uMonth, true
	case "q", "qtr", "qtrs", "quarter", "quarters":
		return uQuarter, true
	case "y", "yr", "yrs", "year", "years":
		return uYear, true
	}
	return 0, false
}

// unitCap is the largest count a unit takes: a larger count behaves as the cap
// (bin(300s) is bin(60s)), as the stats page documents for ms, s, m and h. Other units are not
// capped.
func unitCap(u unit) int64 {
	switch u {
	case uMillisecond:
		return 1000
	case uSecond, uMinute:
		return 60
	case uHour:
		return 24
	}
	return 0
}

// parsePeriod reads a period token: a whole number followed by a unit.
func parsePeriod(text string) (period, bool) {
	i := 0
	for i < len(text) && isDigit(text[i]) {
		i++
	}
	if i == 0 || i == len(text) {
		return period{}, false
	}
	n, err := strconv.ParseInt(text[:i], 10, 64)
	if err != nil || n <= 0 || n > 1_000_000 {
		return period{}, false
	}
	u, ok := parseUnit(text[i:])
	if !ok {
		return period{}, false
	}
	if c := unitCap(u); c > 0 && n > c {
		n = c
	}
	return period{n: n, unit: u, text: text}, true
}

// fixedMillis is the length of a period of a fixed-length unit (up to weeks), or 0.
func (p period) fixedMillis() int64 {
	switch p.unit {
	case uMillisecond:
		return p.n
	case uSecond:
		return p.n * 1000
	case uMinute:
		return p.n * 60_000
	case uHour:
		return p.n * 3_600_000
	case uDay:
		return p.n * 86_400_000
	}
	return 0
}

// mondayEpoch is 1970-01-05T00:00:00Z, the first Monday after the epoch, in milliseconds: weeks
// start on Monday ([derived]; AWS does not say).
const mondayEpoch = 4 * 86_400_000

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// floor truncates ms to the start of its period. Fixed-length periods are multiples of the
// period since the epoch (5m buckets start at :00, :05, …); weeks start on Monday; months,
// quarters and years are calendar periods in UTC, n of them counted from year 0.
func (p period) floor(ms int64) int64 {
	if l := p.fixedMillis(); l > 0 {
		return floorDiv(ms, l) * l
	}
	if p.unit == uWeek {
		l := p.n * 7 * 86_400_000
		return floorDiv(ms-mondayEpoch, l)*l + mondayEpoch
	}
	t := time.UnixMilli(ms).UTC()
	months := int64(t.Year())*12 + int64(t.Month()) - 1
	step := p.n
	switch p.unit {
	case uQuarter:
		step *= 3
	case uYear:
		step *= 12
	}
	months = floorDiv(months, step) * step
	return time.Date(int(floorDiv(months, 12)), time.Month(months-floorDiv(months, 12)*12+1), 1, 0, 0, 0, 0, time.UTC).UnixMilli()
}

// ceil is the start of the period after ms, or ms itself when ms starts a period.
func (p period) ceil(ms int64) int64 {
	f := p.floor(ms)
	if f == ms {
		return ms
	}
	return p.next(f)
}

// next is the start of the period after the one starting at start.
func (p period) next(start int64) int64 {
	if l := p.fixedMillis(); l > 0 {
		return start + l
	}
	if p.unit == uWeek {
		return start + p.n*7*86_400_000
	}
	t := time.UnixMilli(start).UTC()
	switch p.unit {
	case uMonth:
		return t.AddDate(0, int(p.n), 0).UnixMilli()
	case uQuarter:
		return t.AddDate(0, 3*int(p.n), 0).UnixMilli()
	}
	return t.AddDate(int(p.n), 0, 0).UnixMilli()
}
