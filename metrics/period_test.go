package metrics

import (
	"testing"
	"time"
)

func TestValidPeriod(t *testing.T) {
	for _, p := range []int64{1, 5, 10, 20, 30, 60, 120, 300, 3600, 86400, 86460} {
		if !ValidPeriod(p) {
			t.Errorf("%d rejected", p)
		}
	}
	for _, p := range []int64{0, -60, 2, 15, 45, 59, 61, 90, 100} {
		if ValidPeriod(p) {
			t.Errorf("%d accepted", p)
		}
	}
}

// TV-ROUND-1 ([API] StartTime doc examples).
func TestRoundStartVectors(t *testing.T) {
	start := time.Date(2026, 3, 1, 12, 32, 34, 0, time.UTC)
	day := 24 * time.Hour
	cases := []struct {
		age    time.Duration
		period int64
		want   string
	}{
		{time.Hour, 60, "12:32:00"},
		{10 * day, 300, "12:32:00"},
		{20 * day, 300, "12:30:00"},
		{70 * day, 3600, "12:00:00"},
		{time.Hour, 10, "12:32:30"},
		{time.Hour, 5, "12:32:30"},
		{time.Hour, 20, "12:32:20"},
		{time.Hour, 1, "12:32:34"},
	}
	for _, c := range cases {
		got := RoundStart(start, start.Add(c.age), c.period).Format("15:04:05")
		if got != c.want {
			t.Errorf("age %v period %d: %s want %s", c.age, c.period, got, c.want)
		}
	}
	// query at 01:05:23 for the previous 10 s with Period=10 → data 01:05:10 .. 01:05:20
	now := time.Date(2026, 3, 1, 1, 5, 23, 0, time.UTC)
	if got := RoundStart(now.Add(-10*time.Second), now, 10).Format("15:04:05"); got != "01:05:10" {
		t.Errorf("10 s: %s", got)
	}
	// query at 15:07:17 for the previous 5 min with Period=5 → first datapoint 15:02:15
	now = time.Date(2026, 3, 1, 15, 7, 17, 0, time.UTC)
	if got := RoundStart(now.Add(-5*time.Minute), now, 5).Format("15:04:05"); got != "15:02:15" {
		t.Errorf("5 s: %s", got)
	}
}

func TestPeriodSupported(t *testing.T) {
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	cases := []struct {
		age  time.Duration
		p    int64
		want bool
	}{
		{time.Hour, 1, true}, {4 * time.Hour, 1, false}, {4 * time.Hour, 60, true}, {16 * day, 60, false},
		{16 * day, 300, true}, {64 * day, 300, false}, {64 * day, 3600, true}, {64 * day, 7200, true},
		// "greater than 3 hours ago", "between 15 and 63 days ago", "greater than 63 days ago"
		// ([API] GetMetricStatistics, Period): the boundaries themselves are still the younger tier.
		{3 * time.Hour, 1, true}, {3*time.Hour + time.Second, 1, false},
		{15 * day, 60, true}, {15*day + time.Second, 60, false},
		{63 * day, 300, true}, {63*day + time.Second, 300, false},
	}
	for _, c := range cases {
		if got := PeriodSupported(now.Add(-c.age), now, c.p); got != c.want {
			t.Errorf("age %v period %d: %v", c.age, c.p, got)
		}
	}
}

// TestRoundStartBoundaries: the StartTime rounding tiers change strictly after 15 and 63 days
// ([API] GetMetricStatistics, StartTime).
func TestRoundStartBoundaries(t *testing.T) {
	now := time.Date(2026, 6, 1, 0, 37, 30, 0, time.UTC) // not on a minute, 5-minute or hour mark
	day := 24 * time.Hour
	for _, tc := range []struct {
		age  time.Duration
		unit time.Duration // the rounding unit
	}{
		{15 * day, time.Minute}, {15*day + time.Second, 5 * time.Minute},
		{63 * day, 5 * time.Minute}, {63*day + time.Second, time.Hour},
	} {
		start := now.Add(-tc.age)
		if got, want := RoundStart(start, now, 60), start.Truncate(tc.unit); !got.Equal(want) {
			t.Errorf("age %v: RoundStart(%v) = %v, want %v", tc.age, start, got, want)
		}
	}
}
