package schedule

import (
	"testing"
	"time"
)

// The day arithmetic agrees with the time package from year -1000 to 3000.
func TestCalendarAgainstTime(t *testing.T) {
	for z := int64(-365 * 3000); z < 365*1100; z += 17 {
		tm := time.Unix(z*secondsPerDay, 0).UTC()
		y, m, d := civilFromDays(z)
		if y != tm.Year() || m != int(tm.Month()) || d != tm.Day() {
			t.Fatalf("civilFromDays(%d) = %d-%d-%d, want %v", z, y, m, d, tm)
		}
		if got := daysFromCivil(y, m, d); got != z {
			t.Fatalf("daysFromCivil(%d-%d-%d) = %d, want %d", y, m, d, got, z)
		}
		if w := weekday(z); w != int(tm.Weekday()) {
			t.Fatalf("weekday(%d) = %d, want %d", z, w, tm.Weekday())
		}
		if n := daysIn(y, m); n != time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day() {
			t.Fatalf("daysIn(%d, %d) = %d", y, m, n)
		}
	}
	for _, c := range []struct {
		y    int
		leap bool
	}{{1900, false}, {2000, true}, {2024, true}, {2100, false}, {2023, false}, {2196, true}} {
		if isLeap(c.y) != c.leap {
			t.Errorf("isLeap(%d)", c.y)
		}
	}
}

func TestFloorDiv(t *testing.T) {
	for _, c := range [][3]int64{{7, 2, 3}, {-7, 2, -4}, {-8, 2, -4}, {0, 5, 0}, {-1, 60, -1}} {
		if got := floorDiv(c[0], c[1]); got != c[2] {
			t.Errorf("floorDiv(%d, %d) = %d", c[0], c[1], got)
		}
	}
}

// Known day numbers at the edges the cron year field reaches.
func TestCalendarKnownDays(t *testing.T) {
	for _, c := range []struct {
		y, m, d int
		z       int64
		wd      int
	}{
		{1970, 1, 1, 0, 4},       // a Thursday
		{1969, 12, 31, -1, 3},    // the day before the epoch
		{2000, 2, 29, 11016, 2},  // a 400-year leap day
		{2000, 3, 1, 11017, 3},   // the era boundary the algorithm counts from
		{2100, 3, 1, 47541, 1},   // after a century's missing leap day
		{2199, 12, 31, 84005, 2}, // the last day the Year field allows
		{1600, 3, 1, -135080, 3}, // an earlier era
		{1, 1, 1, -719162, 1},    // year 1
		{-1, 12, 31, -719529, 5}, // before year 0 (a leap year)
		{2024, 2, 29, 19782, 4},  // the leap day in the tests
		{2026, 2, 28, 20512, 6},  // a Saturday the 28th (LW)
		{2024, 6, 1, 19875, 6},   // a Saturday the 1st (1W)
		{2024, 9, 1, 19967, 0},   // a Sunday the 1st
		{2024, 3, 31, 19813, 0},  // a Sunday the 31st
		{2024, 8, 31, 19966, 6},  // a Saturday the 31st
		{2024, 12, 31, 20088, 2}, // end of a leap year
	} {
		if z := daysFromCivil(c.y, c.m, c.d); z != c.z {
			t.Errorf("daysFromCivil(%d-%d-%d) = %d, want %d", c.y, c.m, c.d, z, c.z)
		}
		if y, m, d := civilFromDays(c.z); y != c.y || m != c.m || d != c.d {
			t.Errorf("civilFromDays(%d) = %d-%d-%d", c.z, y, m, d)
		}
		if w := weekday(c.z); w != c.wd {
			t.Errorf("weekday(%d-%d-%d) = %d, want %d", c.y, c.m, c.d, w, c.wd)
		}
	}
}
