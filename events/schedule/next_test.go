package schedule

import (
	"testing"
	"time"
)

// none marks "no firing".
var none time.Time

func TestNextCalendar(t *testing.T) {
	for _, c := range []struct {
		expr  string
		after time.Time
		want  time.Time
	}{
		// strictly after, at second 0
		{"cron(0 12 * * ? *)", date(2024, 5, 1, 12, 0), date(2024, 5, 2, 12, 0)},
		{"cron(0 12 * * ? *)", date(2024, 5, 1, 11, 59).Add(59999 * time.Millisecond), date(2024, 5, 1, 12, 0)},
		{"cron(0 12 * * ? *)", date(2024, 5, 1, 12, 0).Add(-time.Nanosecond), date(2024, 5, 1, 12, 0)},
		{"cron(* * * * ? *)", date(2024, 12, 31, 23, 59), date(2025, 1, 1, 0, 0)},
		{"cron(* * * * ? *)", date(2024, 12, 31, 23, 58).Add(30 * time.Second), date(2024, 12, 31, 23, 59)},
		{"cron(0/5 * * * ? *)", date(2024, 2, 29, 23, 57), date(2024, 3, 1, 0, 0)},
		{"cron(5,35 14 * * ? *)", date(2024, 1, 1, 14, 5), date(2024, 1, 1, 14, 35)},
		{"cron(1/10 * * * ? *)", date(2024, 1, 1, 0, 51), date(2024, 1, 1, 1, 1)},
		// Feb 29 and L in February
		{"cron(0 0 29 2 ? *)", date(2024, 3, 1, 0, 0), date(2028, 2, 29, 0, 0)},
		{"cron(0 0 29 2 ? *)", date(2096, 3, 1, 0, 0), date(2104, 2, 29, 0, 0)}, // 2100 is not a leap year
		{"cron(0 0 L 2 ? *)", date(2023, 1, 1, 0, 0), date(2023, 2, 28, 0, 0)},
		{"cron(0 0 L 2 ? *)", date(2024, 1, 1, 0, 0), date(2024, 2, 29, 0, 0)},
		{"cron(0 0 L 2 ? *)", date(2100, 1, 1, 0, 0), date(2100, 2, 28, 0, 0)},
		{"cron(0 0 L * ? *)", date(2024, 4, 30, 0, 0), date(2024, 5, 31, 0, 0)},
		{"cron(0 0 31 * ? *)", date(2024, 4, 1, 0, 0), date(2024, 5, 31, 0, 0)},
		{"cron(0 0 30 2 ? *)", date(2024, 1, 1, 0, 0), none}, // never
		// W: the nearest weekday, within the month
		{"cron(0 0 1W * ? *)", date(2024, 6, 1, 0, 0).Add(-time.Minute), date(2024, 6, 3, 0, 0)}, // Sat 1st → Mon 3rd
		{"cron(0 0 1W * ? *)", date(2024, 9, 1, 0, 0).Add(-time.Minute), date(2024, 9, 2, 0, 0)}, // Sun 1st → Mon 2nd
		{"cron(0 0 1W * ? *)", date(2024, 5, 1, 0, 0).Add(-time.Minute), date(2024, 5, 1, 0, 0)}, // Wed
		{"cron(0 0 15W * ? *)", date(2024, 9, 1, 0, 0), date(2024, 9, 16, 0, 0)},                 // Sun → Mon
		{"cron(0 0 15W * ? *)", date(2024, 6, 1, 0, 0), date(2024, 6, 14, 0, 0)},                 // Sat → Fri
		{"cron(0 0 31W * ? *)", date(2024, 8, 1, 0, 0), date(2024, 8, 30, 0, 0)},                 // Sat 31st → Fri 30th
		{"cron(0 0 31W * ? *)", date(2024, 3, 1, 0, 0), date(2024, 3, 29, 0, 0)},                 // Sun 31st, the last day → Fri 29th
		{"cron(0 0 31W * ? *)", date(2024, 4, 1, 0, 0), date(2024, 5, 31, 0, 0)},                 // April has no 31st
		{"cron(0 0 30W 2 ? *)", date(2024, 1, 1, 0, 0), none},                                    // February never has a 30th
		{"cron(0 0 LW * ? *)", date(2024, 8, 1, 0, 0), date(2024, 8, 30, 0, 0)},                  // Sat 31st
		{"cron(0 0 LW * ? *)", date(2024, 3, 1, 0, 0), date(2024, 3, 29, 0, 0)},                  // Sun 31st
		{"cron(0 0 LW * ? *)", date(2024, 2, 1, 0, 0), date(2024, 2, 29, 0, 0)},                  // Thu 29th
		{"cron(0 0 LW 2 ? *)", date(2025, 1, 1, 0, 0), date(2025, 2, 28, 0, 0)},                  // Fri 28th
		{"cron(0 0 LW 2 ? *)", date(2026, 1, 1, 0, 0), date(2026, 2, 27, 0, 0)},                  // Sat 28th
		// # and L in day-of-week
		{"cron(0 0 ? * 2#5 *)", date(2024, 1, 30, 0, 0), date(2024, 4, 29, 0, 0)}, // no fifth Monday in Feb or Mar 2024
		{"cron(0 0 ? * 3#2 *)", date(2024, 1, 1, 0, 0), date(2024, 1, 9, 0, 0)},
		{"cron(0 2 ? * SAT#3 *)", date(2024, 3, 16, 2, 0), date(2024, 4, 20, 2, 0)},
		{"cron(0 0 ? * 1#1 *)", date(2024, 9, 1, 0, 0).Add(-time.Minute), date(2024, 9, 1, 0, 0)},
		{"cron(0 0 ? * 1L *)", date(2024, 3, 1, 0, 0), date(2024, 3, 31, 0, 0)}, // the 31st is a Sunday
		{"cron(0 0 ? * 6L *)", date(2024, 2, 1, 0, 0), date(2024, 2, 23, 0, 0)},
		{"cron(0 0 ? * FRIL *)", date(2024, 2, 23, 0, 0), date(2024, 3, 29, 0, 0)},
		{"cron(15 10 ? * 6L 2002-2005)", date(2001, 6, 1, 0, 0), date(2002, 1, 25, 10, 15)},
		{"cron(15 10 ? * 6L 2002-2005)", date(2005, 12, 30, 10, 15), none},     // past years
		{"cron(0 0 ? * L *)", date(2024, 5, 1, 0, 0), date(2024, 5, 4, 0, 0)},  // every Saturday
		{"cron(0 0 ? * L *)", date(2024, 5, 4, 0, 0), date(2024, 5, 11, 0, 0)}, // not only the last one
		{"cron(0 18 ? * MON-FRI *)", date(2024, 5, 3, 18, 0), date(2024, 5, 6, 18, 0)},
		// ranges that wrap
		{"cron(0 22-2 * * ? *)", date(2024, 1, 1, 2, 30), date(2024, 1, 1, 22, 0)},
		{"cron(0 22-2 * * ? *)", date(2024, 1, 1, 23, 30), date(2024, 1, 2, 0, 0)},
		{"cron(0 20-2/3 * * ? *)", date(2024, 1, 1, 23, 0), date(2024, 1, 2, 2, 0)},
		{"cron(0 0 ? * FRI-MON *)", date(2024, 5, 7, 0, 0), date(2024, 5, 10, 0, 0)},  // Tue → Fri
		{"cron(0 0 ? * FRI-MON *)", date(2024, 5, 12, 0, 0), date(2024, 5, 13, 0, 0)}, // Sun → Mon
		{"cron(0 0 28-2 * ? *)", date(2024, 2, 29, 0, 0), date(2024, 3, 1, 0, 0)},
		{"cron(0 0 1 NOV-FEB ? *)", date(2024, 2, 1, 0, 0), date(2024, 11, 1, 0, 0)},
		// year bounds
		{"cron(0 0 1 1 ? 1970)", date(1960, 1, 1, 0, 0), date(1970, 1, 1, 0, 0)},
		{"cron(0 0 1 1 ? 1970)", date(1970, 1, 1, 0, 0), none},
		{"cron(59 23 31 12 ? 2199)", date(2199, 12, 31, 23, 58), date(2199, 12, 31, 23, 59)},
		{"cron(59 23 31 12 ? 2199)", date(2199, 12, 31, 23, 59), none},
		{"cron(* * * * ? *)", date(2199, 12, 31, 23, 59), none},
		{"cron(* * * * ? *)", date(3000, 1, 1, 0, 0), none},
		{"cron(* * * * ? *)", time.Date(-5000, 1, 1, 0, 0, 0, 0, time.UTC), date(1970, 1, 1, 0, 0)},
		{"cron(0 0 1 1 ? 2020/4)", date(2021, 1, 1, 0, 0), date(2024, 1, 1, 0, 0)},
		{"cron(0 0 1 1 ? 2100,2150)", date(2100, 1, 1, 0, 0), date(2150, 1, 1, 0, 0)},
	} {
		s := mustParse(t, c.expr)
		got, ok := s.Next(c.after)
		if ok != !c.want.IsZero() || !got.Equal(c.want) {
			t.Errorf("%s Next(%v) = %v %v, want %v", c.expr, c.after, got, ok, c.want)
		}
		if ok && got.Location() != time.UTC {
			t.Errorf("%s: result in %v", c.expr, got.Location())
		}
	}
}

func TestNextOtherZone(t *testing.T) {
	s := mustParse(t, "cron(0 12 * * ? *)")
	tokyo := time.FixedZone("JST", 9*3600)
	// 2024-05-01 20:00 JST is 11:00 UTC: noon UTC is an hour later.
	got, _ := s.Next(time.Date(2024, 5, 1, 20, 0, 0, 0, tokyo))
	if want := date(2024, 5, 1, 12, 0); !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestCronNextFrom(t *testing.T) {
	s := mustParse(t, "cron(0/5 * * * ? *)")
	created := date(2024, 5, 1, 10, 3)
	for _, c := range []struct{ after, want time.Time }{
		{date(2024, 5, 1, 9, 0), date(2024, 5, 1, 10, 5)}, // nothing before the rule exists
		{created, date(2024, 5, 1, 10, 5)},
		{date(2024, 5, 1, 10, 5), date(2024, 5, 1, 10, 10)},
	} {
		if got, ok := s.NextFrom(created, c.after); !ok || !got.Equal(c.want) {
			t.Errorf("NextFrom(%v, %v) = %v, want %v", created, c.after, got, c.want)
		}
	}
	// At a firing minute, the creation instant itself does not fire.
	if got, _ := s.NextFrom(date(2024, 5, 1, 10, 5), date(2024, 5, 1, 10, 0)); !got.Equal(date(2024, 5, 1, 10, 10)) {
		t.Errorf("got %v", got)
	}
}

// A schedule that never fires answers quickly (it walks months, not minutes).
func TestNeverFiresIsCheap(t *testing.T) {
	s := mustParse(t, "cron(0 0 30 2 ? *)")
	allocs := testing.AllocsPerRun(10, func() {
		if _, ok := s.Next(date(1970, 1, 1, 0, 0)); ok {
			t.Fatal("fired")
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations", allocs)
	}
}

func TestNextDoesNotAllocate(t *testing.T) {
	for _, expr := range []string{"cron(0/5 * * * ? *)", "cron(0 2 ? * SAT#3 *)", "cron(0 0 LW * ? *)", "rate(5 minutes)"} {
		s := mustParse(t, expr)
		at := date(2024, 1, 1, 0, 0)
		if a := testing.AllocsPerRun(100, func() { at, _ = s.Next(at) }); a != 0 {
			t.Errorf("%s: %v allocations per Next", expr, a)
		}
	}
}
