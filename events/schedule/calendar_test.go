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
