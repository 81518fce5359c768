package schedule

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"
)

// The property tests draw a random valid expression together with an independent description of
// what it means (membership functions over time.Time, written from the AWS documentation), and
// compare Next with a brute-force scan of the minutes that description accepts.

// term is one generated list term with its meaning: off(v) is the offset of v from the start of
// the range, counted around the field (so wrapping ranges need no special case), and v belongs
// to the term when that offset lies within the range and is a multiple of the step.
type term struct{ lo, hi, step, min, span int }

func (t term) has(v int) bool {
	if v < t.min || v >= t.min+t.span {
		return false
	}
	off := ((v-t.lo)%t.span + t.span) % t.span
	width := ((t.hi-t.lo)%t.span + t.span) % t.span
	return off <= width && off%t.step == 0
}

// listModel is a generated list field: the union of its terms.
type listModel []term

func (l listModel) has(v int) bool {
	for _, t := range l {
		if t.has(v) {
			return true
		}
	}
	return false
}

// genField describes a field for the generator.
type genField struct {
	min, max int
	names    []string // names[i] is value min+i, or nil
	wrap     bool
	step     bool
}

var (
	genMinute = genField{min: 0, max: 59, wrap: true, step: true}
	genHour   = genField{min: 0, max: 23, wrap: true, step: true}
	genDOM    = genField{min: 1, max: 31, wrap: true, step: true}
	genMonth  = genField{min: 1, max: 12, wrap: true, step: true,
		names: []string{"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}}
	genDOW  = genField{min: 1, max: 7, wrap: true, names: []string{"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}}
	genYear = genField{min: 1970, max: 2199, step: true}
)

// drawCase sometimes writes letters in lower or mixed case (AWS accepts either).
func drawCase(t *rapid.T, s string) string {
	switch rapid.IntRange(0, 5).Draw(t, "case") {
	case 0:
		return strings.ToLower(s)
	case 1:
		return s[:1] + strings.ToLower(s[1:])
	}
	return s
}

func (f genField) valueText(t *rapid.T, v int) string {
	if f.names != nil && rapid.Bool().Draw(t, "named") {
		return drawCase(t, f.names[v-f.min])
	}
	if rapid.IntRange(0, 9).Draw(t, "zero") == 0 {
		return "0" + strconv.Itoa(v)
	}
	return strconv.Itoa(v)
}

// drawValue draws a value of f, near vals[0] sometimes so that lists and ranges overlap.
func (f genField) drawValue(t *rapid.T, label string) int {
	return rapid.IntRange(f.min, f.max).Draw(t, label)
}

// drawList draws a list field and its meaning.
func (f genField) drawList(t *rapid.T) (string, listModel) {
	span := f.max - f.min + 1
	if rapid.IntRange(0, 3).Draw(t, "star") == 0 {
		if f.step && rapid.Bool().Draw(t, "starstep") {
			s := rapid.IntRange(1, span).Draw(t, "step")
			return "*/" + strconv.Itoa(s), listModel{{f.min, f.max, s, f.min, span}}
		}
		return "*", listModel{{f.min, f.max, 1, f.min, span}}
	}
	n := rapid.IntRange(1, 3).Draw(t, "terms")
	var texts []string
	var model listModel
	for i := 0; i < n; i++ {
		a := f.drawValue(t, "a")
		switch k := rapid.IntRange(0, 3).Draw(t, "kind"); {
		case k == 0 || k == 1 && !f.step: // single value
			texts = append(texts, f.valueText(t, a))
			model = append(model, term{a, a, 1, f.min, span})
		case k == 1: // a/s: from a to the end of the field
			s := rapid.IntRange(1, span).Draw(t, "step")
			texts = append(texts, f.valueText(t, a)+"/"+strconv.Itoa(s))
			model = append(model, term{a, f.max, s, f.min, span})
		default: // a-b, maybe wrapping, maybe with a step
			b := f.drawValue(t, "b")
			if b < a && !f.wrap {
				a, b = b, a
			}
			named := f.names != nil && rapid.Bool().Draw(t, "namedrange")
			txt := func(v int) string {
				if named {
					return drawCase(t, f.names[v-f.min])
				}
				return strconv.Itoa(v)
			}
			s := 1
			text := txt(a) + "-" + txt(b)
			if f.step && k == 3 {
				s = rapid.IntRange(1, span).Draw(t, "step")
				text += "/" + strconv.Itoa(s)
			}
			texts = append(texts, text)
			model = append(model, term{a, b, s, f.min, span})
		}
	}
	return strings.Join(texts, ","), model
}

// exprModel is the meaning of a generated cron expression.
type exprModel struct {
	expr                       string
	minute, hour, month, years listModel
	day                        func(time.Time) bool
}

func lastDay(t time.Time) int {
	return time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func isWorkday(t time.Time) bool { return t.Weekday() != time.Saturday && t.Weekday() != time.Sunday }

// drawDays draws the day-of-month and day-of-week fields (one of them '?') and their meaning.
func drawDays(t *rapid.T) (dom, dow string, day func(time.Time) bool) {
	if rapid.Bool().Draw(t, "domSide") {
		dow = "?"
		switch rapid.IntRange(0, 5).Draw(t, "domKind") {
		case 0:
			return drawCase(t, "L"), dow, func(t time.Time) bool { return t.Day() == lastDay(t) }
		case 1:
			// The last Monday-to-Friday of the month: a workday with no workday after it.
			return drawCase(t, "LW"), dow, func(t time.Time) bool {
				if !isWorkday(t) {
					return false
				}
				for u := t.AddDate(0, 0, 1); u.Month() == t.Month(); u = u.AddDate(0, 0, 1) {
					if isWorkday(u) {
						return false
					}
				}
				return true
			}
		case 2:
			// nW: of the month's workdays, the one nearest day n (no ties can occur); nothing
			// when the month has no day n.
			n := rapid.IntRange(1, 31).Draw(t, "w")
			return strconv.Itoa(n) + drawCase(t, "W"), dow, func(t time.Time) bool {
				if n > lastDay(t) || !isWorkday(t) {
					return false
				}
				best := 99
				for d := 1; d <= lastDay(t); d++ {
					u := time.Date(t.Year(), t.Month(), d, 0, 0, 0, 0, time.UTC)
					if isWorkday(u) && abs(d-n) < abs(best-n) {
						best = d
					}
				}
				return t.Day() == best
			}
		}
		text, m := genDOM.drawList(t)
		return text, dow, func(t time.Time) bool { return m.has(t.Day()) }
	}
	dom = "?"
	wd := func(t time.Time) int { return int(t.Weekday()) + 1 } // SUN = 1
	switch rapid.IntRange(0, 5).Draw(t, "dowKind") {
	case 0:
		return dom, drawCase(t, "L"), func(t time.Time) bool { return t.Weekday() == time.Saturday }
	case 1:
		d := genDOW.drawValue(t, "dL")
		return dom, genDOW.valueText(t, d) + drawCase(t, "L"), func(t time.Time) bool {
			return wd(t) == d && t.Day()+7 > lastDay(t)
		}
	case 2:
		d := genDOW.drawValue(t, "d#")
		n := rapid.IntRange(1, 5).Draw(t, "nth")
		return dom, genDOW.valueText(t, d) + "#" + strconv.Itoa(n), func(t time.Time) bool {
			return wd(t) == d && (t.Day()-1)/7+1 == n
		}
	}
	text, m := genDOW.drawList(t)
	return dom, text, func(t time.Time) bool { return m.has(wd(t)) }
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// drawExpr draws a valid cron expression and its meaning.
func drawExpr(t *rapid.T) exprModel {
	var m exprModel
	var f [6]string
	f[0], m.minute = genMinute.drawList(t)
	f[1], m.hour = genHour.drawList(t)
	f[2], f[4], m.day = drawDays(t)
	f[3], m.month = genMonth.drawList(t)
	if rapid.IntRange(0, 2).Draw(t, "anyYear") > 0 {
		f[5], m.years = "*", listModel{{1970, 2199, 1, 1970, 230}}
	} else {
		f[5], m.years = genYear.drawList(t)
	}
	m.expr = "cron(" + strings.Join(f[:], " ") + ")"
	return m
}

func (m exprModel) dayMatches(t time.Time) bool {
	return m.years.has(t.Year()) && m.month.has(int(t.Month())) && m.day(t)
}

// bruteNext scans minute by minute (skipping whole days the day fields refuse) for the first
// minute after after that m accepts, looking at most days days ahead.
func (m exprModel) bruteNext(after time.Time, days int) (time.Time, bool) {
	t := after.UTC().Truncate(time.Minute).Add(time.Minute)
	end := t.AddDate(0, 0, days)
	for t.Before(end) {
		if !m.dayMatches(t) {
			t = time.Date(t.Year(), t.Month(), t.Day()+1, 0, 0, 0, 0, time.UTC)
			continue
		}
		if m.hour.has(t.Hour()) && m.minute.has(t.Minute()) {
			return t, true
		}
		t = t.Add(time.Minute)
	}
	return end, false
}

// drawStart draws an instant: anywhere in 1965–2205, or near a year the expression names.
func drawStart(t *rapid.T, m exprModel) time.Time {
	y := rapid.IntRange(1965, 2205).Draw(t, "year")
	if rapid.Bool().Draw(t, "nearYear") {
		for v := 1970; v <= 2199; v++ {
			if m.years.has(v) {
				y = v - rapid.IntRange(0, 1).Draw(t, "before")
				break
			}
		}
	}
	start := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
	return start.Add(time.Duration(rapid.Int64Range(0, 366*24*3600-1).Draw(t, "sec")) * time.Second).
		Add(time.Duration(rapid.IntRange(0, 2).Draw(t, "ns")) * 500 * time.Millisecond)
}

// TestNextAgainstBruteForce: for random valid expressions and instants, three successive calls of
// Next equal the brute-force scan over the next 400 days.
func TestNextAgainstBruteForce(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := drawExpr(t)
		s, err := Parse(m.expr)
		if err != nil {
			t.Fatalf("Parse(%q): %v", m.expr, err)
		}
		at := drawStart(t, m)
		for i := 0; i < 3; i++ {
			want, found := m.bruteNext(at, 400)
			got, ok := s.Next(at)
			if found && (!ok || !got.Equal(want)) || !found && ok && got.Before(want) {
				t.Fatalf("%s Next(%v) = %v %v, brute force %v %v", m.expr, at, got, ok, want, found)
			}
			if !found {
				return
			}
			at = got
		}
	})
}

// TestNextWholeYear: every firing of a random expression over a whole year, one Next call after
// another, is exactly the set of minutes the brute force accepts.
func TestNextWholeYear(t *testing.T) {
	if testing.Short() {
		t.Skip("whole-year scans are slow")
	}
	rapid.Check(t, func(t *rapid.T) {
		m := drawExpr(t)
		s := mustParse(t, m.expr)
		y := rapid.IntRange(1970, 2198).Draw(t, "year")
		from := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).Add(-time.Minute)
		to := time.Date(y+1, 1, 1, 0, 0, 0, 0, time.UTC)
		var want []time.Time
		for u := from.Add(time.Minute); u.Before(to); {
			if !m.dayMatches(u) {
				u = u.AddDate(0, 0, 1)
				continue
			}
			for i := 0; i < minutesPerDay; i++ {
				if m.hour.has(u.Hour()) && m.minute.has(u.Minute()) {
					want = append(want, u)
				}
				u = u.Add(time.Minute)
			}
		}
		var got []time.Time
		for at := from; ; {
			n, ok := s.Next(at)
			if !ok || !n.Before(to) {
				break
			}
			got = append(got, n)
			at = n
		}
		if len(got) != len(want) {
			t.Fatalf("%s in %d: %d firings, brute force %d", m.expr, y, len(got), len(want))
		}
		for i := range got {
			if !got[i].Equal(want[i]) {
				t.Fatalf("%s: firing %d at %v, brute force %v", m.expr, i, got[i], want[i])
			}
		}
	})
}

// TestRateAgainstBruteForce: NextFrom of a rate schedule is the first anchor + k·period after the
// instant, found by stepping.
func TestRateAgainstBruteForce(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		v := rapid.IntRange(1, 500).Draw(t, "value")
		unit := rapid.SampledFrom([]string{"minute", "hour", "day"}).Draw(t, "unit")
		per := map[string]time.Duration{"minute": time.Minute, "hour": time.Hour, "day": 24 * time.Hour}[unit]
		if v > 1 {
			unit += "s"
		}
		s := mustParse(t, fmt.Sprintf("rate(%d %s)", v, unit))
		period := time.Duration(v) * per
		anchor := time.Unix(rapid.Int64Range(-1e10, 1e10).Draw(t, "anchor"), rapid.Int64Range(0, 1e9-1).Draw(t, "ans"))
		after := anchor.Add(time.Duration(rapid.Int64Range(-1e6, 1e6).Draw(t, "delta")) * time.Second / 7)
		want := anchor.Add(period)
		for !want.After(after) {
			want = want.Add(period)
		}
		if got, ok := s.NextFrom(anchor, after); !ok || !got.Equal(want) {
			t.Fatalf("NextFrom(%v, %v) = %v, want %v", anchor, after, got, want)
		}
	})
}
