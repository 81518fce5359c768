package schedule

// Calendar arithmetic on the proleptic Gregorian calendar in UTC, on whole days counted from
// 1970-01-01. Next works on these integers instead of time.Time so that a firing costs a few
// shifts and multiplications, not a time.Date normalisation.

// Minute and day sizes used throughout the package.
const (
	secondsPerMinute = 60
	minutesPerDay    = 24 * 60
	secondsPerDay    = minutesPerDay * secondsPerMinute
)

// floorDiv is a/b rounded towards minus infinity (b > 0).
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b < 0 {
		q--
	}
	return q
}

// isLeap reports whether y is a Gregorian leap year.
func isLeap(y int) bool {
	return y%4 == 0 && (y%100 != 0 || y%400 == 0)
}

// daysIn returns the number of days of month m (1–12) in year y.
func daysIn(y, m int) int {
	switch m {
	case 2:
		if isLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	default:
		return 31
	}
}

// daysFromCivil returns the day number (days since 1970-01-01) of y-m-d. It counts in 400-year
// eras that start on 1 March, so that the leap day is the last day of an era's year.
func daysFromCivil(y, m, d int) int64 {
	yy := int64(y)
	if m <= 2 {
		yy--
	}
	era := floorDiv(yy, 400)
	yoe := yy - era*400 // [0, 399]
	mp := int64(m+9) % 12
	doy := (153*mp+2)/5 + int64(d) - 1     // day of the March-based year, [0, 365]
	doe := yoe*365 + yoe/4 - yoe/100 + doy // day of the era, [0, 146096]
	return era*146097 + doe - 719468       // 719468: days from 0000-03-01 to 1970-01-01
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(z int64) (y, m, d int) {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = int(doy - (153*mp+2)/5 + 1)
	if mp < 10 {
		m = int(mp + 3)
	} else {
		m = int(mp - 9)
	}
	yy := yoe + era*400
	if m <= 2 {
		yy++
	}
	return int(yy), m, d
}

// weekday returns the day of the week of day number z, 0 = Sunday … 6 = Saturday
// (1970-01-01 was a Thursday).
func weekday(z int64) int {
	w := (z + 4) % 7
	if w < 0 {
		w += 7
	}
	return int(w)
}
