package schedule

import (
	"math"
	"time"
)

// maxRateValue is the largest rate value watchsim accepts. AWS documents only "a positive
// number"; values beyond a 32-bit integer are refused as not simulated rather than guessed.
const maxRateValue = math.MaxInt32

// parseRate parses the inside of rate(…) and returns the period in seconds.
//
// The grammar is AWS's (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rate-expressions.html):
// a positive integer, one space, and a unit that is singular for 1 and plural otherwise
// (rate(1 hours) and rate(5 hour) are invalid). Everything else — spaces inside the parentheses,
// a sign, a unit in capitals, seconds or years — is refused as AWS refuses it.
func parseRate(s string) (int64, error) {
	sp := -1
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' {
			sp = i
			break
		}
	}
	if sp <= 0 {
		return 0, invalid()
	}
	num, unit := s[:sp], s[sp+1:]
	var v int64
	for i := 0; i < len(num); i++ {
		c := num[i]
		if c < '0' || c > '9' {
			return 0, invalid()
		}
		if v <= maxRateValue {
			v = v*10 + int64(c-'0')
		}
	}
	var per int64
	switch unit {
	case "minute", "minutes":
		per = secondsPerMinute
	case "hour", "hours":
		per = 60 * secondsPerMinute
	case "day", "days":
		per = secondsPerDay
	default:
		return 0, invalid()
	}
	if v == 0 {
		return 0, invalid()
	}
	if plural := unit[len(unit)-1] == 's'; plural != (v != 1) {
		return 0, invalid()
	}
	if num[0] == '0' {
		// rate(05 minutes): AWS does not say whether a leading zero is allowed.
		return 0, notSimulated("rate value with a leading zero")
	}
	if v > maxRateValue {
		return 0, notSimulated("rate value above 2147483647")
	}
	return v * per, nil
}

// rateNext returns anchor + k·period for the smallest k ≥ 1 that is strictly after after
// (after ≥ anchor). It works on whole seconds plus the anchor's nanoseconds: with a period of
// whole seconds, the fractional parts only decide whether after is before or past a firing.
func rateNext(anchor, after time.Time, period int64) time.Time {
	ds := after.Unix() - anchor.Unix()
	if after.Nanosecond() < anchor.Nanosecond() {
		ds--
	}
	k := floorDiv(ds, period) + 1
	return addSeconds(anchor, k*period)
}

// addSeconds returns t + sec seconds in UTC without going through time.Duration, whose range
// (292 years) a long rate period could exceed.
func addSeconds(t time.Time, sec int64) time.Time {
	return time.Unix(t.Unix()+sec, int64(t.Nanosecond())).UTC()
}
