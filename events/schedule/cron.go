package schedule

// The cron dialect of EventBridge scheduled rules
// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html):
//
//	cron(Minutes Hours Day-of-month Month Day-of-week Year)
//
// with the wildcards , - * / in every field, ? L W in day-of-month, ? L # in day-of-week, month
// and weekday names, weekdays numbered 1 (SUN) to 7 (SAT), and years 1970–2199, all in UTC.

// Year bounds of the Year field.
const (
	minYear = 1970
	maxYear = 2199
)

// Day-of-month modes.
const (
	domAny            uint8 = iota // ?
	domList                        // numbers, ranges, steps, *
	domLast                        // L
	domLastWeekday                 // LW
	domNearestWeekday              // nW
)

// Day-of-week modes.
const (
	dowAny  uint8 = iota // ?
	dowList              // names, numbers, ranges, *, and L alone (Saturday)
	dowLast              // dL: the last weekday d of the month
	dowNth               // d#n: the n-th weekday d of the month
)

// cronSpec is a compiled cron expression: one bit mask per field.
type cronSpec struct {
	minutes  uint64    // bit i: minute i
	hours    uint32    // bit i: hour i
	days     uint32    // bit i: day of month i (domList)
	months   uint16    // bit i: month i (1–12)
	weekdays uint8     // bit k: weekday k, 0 = Sunday (dowList)
	domMode  uint8     // domAny, domList, …
	domDay   uint8     // domNearestWeekday: the day n of nW
	dowMode  uint8     // dowAny, dowList, …
	dowDay   uint8     // dowLast, dowNth: the weekday, 0 = Sunday
	dowNth   uint8     // dowNth: n of d#n, 1–5
	years    [4]uint64 // bit i: year 1970+i
}

// bitset holds the values of one field while it is parsed, as offsets from the field's minimum
// (years need 230 bits).
type bitset [4]uint64

func (b *bitset) set(v int) { b[v>>6] |= 1 << (v & 63) }

// field describes one cron field.
type field struct {
	min, max int
	names    func(string) int // three-letter names (month, weekday), or nil
	wrap     bool             // a range a-b with a > b wraps past max (not the year)
	step     bool             // the / wildcard is allowed (not in day-of-week)
}

// The six fields. They are functions, not package variables, so the package has no mutable state.
func minuteField() field { return field{min: 0, max: 59, wrap: true, step: true} }
func hourField() field   { return field{min: 0, max: 23, wrap: true, step: true} }
func domField() field    { return field{min: 1, max: 31, wrap: true, step: true} }
func monthField() field {
	return field{min: 1, max: 12, names: monthNumber, wrap: true, step: true}
}
func dowField() field  { return field{min: 1, max: 7, names: weekdayNumber, wrap: true} }
func yearField() field { return field{min: minYear, max: maxYear, step: true} }

// monthNumber returns 1–12 for JAN–DEC (already upper-cased), or 0.
func monthNumber(s string) int {
	switch s {
	case "JAN":
		return 1
	case "FEB":
		return 2
	case "MAR":
		return 3
	case "APR":
		return 4
	case "MAY":
		return 5
	case "JUN":
		return 6
	case "JUL":
		return 7
	case "AUG":
		return 8
	case "SEP":
		return 9
	case "OCT":
		return 10
	case "NOV":
		return 11
	case "DEC":
		return 12
	}
	return 0
}

// weekdayNumber returns 1–7 for SUN–SAT (already upper-cased), or 0.
func weekdayNumber(s string) int {
	switch s {
	case "SUN":
		return 1
	case "MON":
		return 2
	case "TUE":
		return 3
	case "WED":
		return 4
	case "THU":
		return 5
	case "FRI":
		return 6
	case "SAT":
		return 7
	}
	return 0
}

// parseCron parses the inside of cron(…) into c.
func parseCron(s string, c *cronSpec) error {
	var f [6]string
	n, canonical := 0, true
	for i := 0; i < len(s); {
		if isSpace(s[i]) {
			j := i
			for j < len(s) && isSpace(s[j]) {
				j++
			}
			if i == 0 || j == len(s) || j-i > 1 || s[i] != ' ' {
				canonical = false
			}
			i = j
			continue
		}
		j := i
		for j < len(s) && !isSpace(s[j]) {
			j++
		}
		if n == len(f) {
			return invalid()
		}
		f[n] = s[i:j]
		n++
		i = j
	}
	if n != len(f) {
		return invalid()
	}
	// Letters are accepted in any case: [derived] from users' reports that the EventBridge console
	// takes "Wed-Fri"; the documentation writes them in capitals only.
	var buf [64]byte
	for i := range f {
		f[i] = upper(f[i], buf[:0])
	}

	var b bitset
	var err error
	if b, err = parseList(f[0], minuteField()); err != nil {
		return err
	}
	c.minutes = b[0]
	if b, err = parseList(f[1], hourField()); err != nil {
		return err
	}
	c.hours = uint32(b[0])
	if err = parseDayOfMonth(f[2], c); err != nil {
		return err
	}
	if b, err = parseList(f[3], monthField()); err != nil {
		return err
	}
	c.months = uint16(b[0]) << 1
	if err = parseDayOfWeek(f[4], c); err != nil {
		return err
	}
	if b, err = parseList(f[5], yearField()); err != nil {
		return err
	}
	c.years = b
	// Exactly one of day-of-month and day-of-week is '?': a value or * in both, or ? in both, is
	// refused (AWS refused cron(0 1 * * * *)).
	if (c.domMode == domAny) == (c.dowMode == dowAny) {
		return invalid()
	}
	if !canonical {
		return notSimulated("with fields separated by anything but one space")
	}
	return nil
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// upper returns s with ASCII letters in capitals, allocating only when s has lower-case letters
// (and then only if it does not fit buf).
func upper(s string, buf []byte) string {
	for i := 0; i < len(s); i++ {
		if 'a' <= s[i] && s[i] <= 'z' {
			b := append(buf, s...)
			for j := i; j < len(b); j++ {
				if 'a' <= b[j] && b[j] <= 'z' {
					b[j] -= 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// parseDayOfMonth parses the day-of-month field: ?, L, LW, nW, or a list.
func parseDayOfMonth(s string, c *cronSpec) error {
	switch {
	case s == "?":
		c.domMode = domAny
		return nil
	case s == "L":
		c.domMode = domLast
		return nil
	case s == "LW":
		c.domMode = domLastWeekday
		return nil
	case len(s) > 2 && s[0] == 'L' && s[1] == '-':
		// L-3 (third-to-last day) is Quartz syntax that the EventBridge documentation does not list.
		if _, ok := number(s[2:]); ok {
			return notSimulated("day-of-month offset from the last day (L-n)")
		}
		return invalid()
	case len(s) > 1 && s[len(s)-1] == 'W':
		// nW: the weekday nearest day n, within the month. It stands alone in the field.
		n, ok := number(s[:len(s)-1])
		if !ok || n < 1 || n > 31 {
			return invalid()
		}
		c.domMode, c.domDay = domNearestWeekday, uint8(n)
		return nil
	}
	b, err := parseList(s, domField())
	if err != nil {
		return err
	}
	c.domMode, c.days = domList, uint32(b[0])<<1
	return nil
}

// parseDayOfWeek parses the day-of-week field: ?, L (Saturday), dL, d#n, or a list.
func parseDayOfWeek(s string, c *cronSpec) error {
	switch {
	case s == "?":
		c.dowMode = dowAny
		return nil
	case s == "L":
		// "The L wildcard in the … Day-of-week field specifies the last day of the … week":
		// Saturday, every week.
		c.dowMode, c.weekdays = dowList, 1<<6
		return nil
	case len(s) > 1 && s[len(s)-1] == 'L':
		// 6L or FRIL: the last Friday of the month. It stands alone in the field.
		d, ok := weekdayValue(s[:len(s)-1])
		if !ok {
			return invalid()
		}
		c.dowMode, c.dowDay = dowLast, uint8(d-1)
		return nil
	}
	if h := indexByte(s, '#'); h >= 0 {
		// 3#2 or TUE#2: the second Tuesday. A # term must stand alone ("3#1,6#3" is invalid).
		d, ok := weekdayValue(s[:h])
		n, ok2 := number(s[h+1:])
		if !ok || !ok2 || n < 1 || n > 5 {
			return invalid()
		}
		c.dowMode, c.dowDay, c.dowNth = dowNth, uint8(d-1), uint8(n)
		return nil
	}
	b, err := parseList(s, dowField())
	if err != nil {
		return err
	}
	c.dowMode, c.weekdays = dowList, uint8(b[0]) // 1 = SUN → bit 0
	return nil
}

// weekdayValue reads a single weekday, 1–7 or SUN–SAT.
func weekdayValue(s string) (int, bool) {
	if d := weekdayNumber(s); d != 0 {
		return d, true
	}
	d, ok := number(s)
	return d, ok && d >= 1 && d <= 7
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// number reads a non-empty string of decimal digits (leading zeros allowed, as cron has always
// allowed them); values past 9999 saturate, which every field refuses.
func number(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	v := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		if v < 10000 {
			v = v*10 + int(c-'0')
		}
	}
	return v, true
}

// value reads a number or a name of f; named reports which.
func (f field) value(s string) (v int, named, ok bool) {
	if f.names != nil {
		if v := f.names(s); v != 0 {
			return v, true, true
		}
	}
	v, ok = number(s)
	return v, false, ok && v >= f.min && v <= f.max
}

// parseList parses a comma-separated list of terms: *, v, a-b, and with / a step from *, v or a-b.
func parseList(s string, f field) (bitset, error) {
	var b bitset
	if s == "" {
		return b, invalid()
	}
	for start := 0; start <= len(s); {
		end := start
		for end < len(s) && s[end] != ',' {
			end++
		}
		if err := parseTerm(s[start:end], f, &b, start == 0 && end == len(s)); err != nil {
			return b, err
		}
		start = end + 1
	}
	return b, nil
}

// parseTerm adds the values of one list term to b. alone says the term is the whole field.
func parseTerm(t string, f field, b *bitset, alone bool) error {
	step, stepped := 1, false
	if i := indexByte(t, '/'); i >= 0 {
		if !f.step {
			return invalid() // the documented wildcards of day-of-week do not include /
		}
		n, ok := number(t[i+1:])
		// [derived] A step is 1 up to the number of values of the field; AWS does not say.
		if !ok || n < 1 || n > f.max-f.min+1 {
			return invalid()
		}
		step, stepped, t = n, true, t[:i]
	}
	lo, hi := f.min, f.max
	switch {
	case t == "*":
		if !alone {
			// [derived] * in a list ("*,5"): undocumented; refused like Quartz refuses it.
			return invalid()
		}
	case indexByte(t, '-') >= 0:
		i := indexByte(t, '-')
		a, na, ok := f.value(t[:i])
		z, nz, ok2 := f.value(t[i+1:])
		// [derived] Both ends are names or both are numbers.
		if !ok || !ok2 || na != nz {
			return invalid()
		}
		lo, hi = a, z
		if lo > hi && !f.wrap {
			return invalid() // [derived] years do not wrap
		}
	default:
		v, _, ok := f.value(t)
		if !ok {
			return invalid()
		}
		lo = v
		if !stepped {
			hi = v // a single value; with a step, v/n runs from v to the end of the field
		}
	}
	// A range that wraps (hours 22-2, FRI-MON) continues past max at min; a step counts across the
	// wrap (hours 20-2/3 is 20, 23, 2).
	span := f.max - f.min + 1
	end := hi
	if hi < lo {
		end += span
	}
	for v := lo; v <= end; v += step {
		w := v
		if w > f.max {
			w -= span
		}
		b.set(w - f.min)
	}
	return nil
}
