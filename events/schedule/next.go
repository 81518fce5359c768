package schedule

import (
	"math/bits"
	"time"
)

// next returns the first minute strictly after t that c matches.
//
// It walks the fields from the year down to the minute, each time jumping to the next set bit of
// the field's mask (one TrailingZeros), and carries into the field above when a field has no
// value left; so the cost is a handful of steps per call, not one per minute. The day mask of a
// month is computed when the walk enters the month (L, W, # and weekday lists depend on the
// month's length and on the weekday of its first day).
func (c *cronSpec) next(t time.Time) (time.Time, bool) {
	m := floorDiv(t.Unix(), secondsPerMinute) + 1 // first candidate minute
	z := floorDiv(m, minutesPerDay)
	mod := int(m - z*minutesPerDay)
	h, mi := mod/60, mod%60
	y, mo, d := civilFromDays(z)
	y0, mo0, d0 := y, mo, d
	if y < minYear {
		y, mo, d, h, mi = minYear, 1, 1, 0, 0
	}
	for {
		ny, ok := c.nextYear(y)
		if !ok {
			return time.Time{}, false
		}
		if ny != y {
			y, mo, d, h, mi = ny, 1, 1, 0, 0
		}
		nm := nextBit(uint64(c.months), mo)
		if nm < 0 {
			y, mo, d, h, mi = y+1, 1, 1, 0, 0
			continue
		}
		if nm != mo {
			mo, d, h, mi = nm, 1, 0, 0
		}
		nd := nextBit(uint64(c.dayMask(y, mo)), d)
		if nd < 0 {
			mo, d, h, mi = mo+1, 1, 0, 0
			if mo > 12 {
				y, mo = y+1, 1
			}
			continue
		}
		if nd != d {
			d, h, mi = nd, 0, 0
		}
		nh := nextBit(uint64(c.hours), h)
		if nh < 0 {
			d, h, mi = d+1, 0, 0
			continue
		}
		if nh != h {
			h, mi = nh, 0
		}
		nmi := nextBit(c.minutes, mi)
		if nmi < 0 {
			h, mi = h+1, 0
			continue
		}
		if y != y0 || mo != mo0 || d != d0 {
			z = daysFromCivil(y, mo, d)
		}
		sec := (z*minutesPerDay + int64(h*60+nmi)) * secondsPerMinute
		return time.Unix(sec, 0).UTC(), true
	}
}

// nextBit returns the lowest set bit of mask at position from or above, or -1.
func nextBit(mask uint64, from int) int {
	if from > 63 {
		return -1
	}
	mask >>= uint(from)
	if mask == 0 {
		return -1
	}
	return from + bits.TrailingZeros64(mask)
}

// nextYear returns the first year at or after y that the Year field allows.
func (c *cronSpec) nextYear(y int) (int, bool) {
	i := y - minYear
	for i < maxYear-minYear+1 {
		w := c.years[i>>6] >> uint(i&63)
		if w != 0 {
			return minYear + i + bits.TrailingZeros64(w), true
		}
		i = (i | 63) + 1
	}
	return 0, false
}

// weekOfDays has bits 0, 7, 14, 21 and 28: multiplying a 7-bit weekday pattern by it repeats the
// pattern over five weeks.
const weekOfDays = 1 | 1<<7 | 1<<14 | 1<<21 | 1<<28

// dayMask returns the days of month mo of year y (bit d for day d) that the day-of-month and
// day-of-week fields allow. Exactly one of the two fields is '?'.
func (c *cronSpec) dayMask(y, mo int) uint32 {
	dim := daysIn(y, mo)
	valid := uint32(1)<<uint(dim+1) - 2
	switch c.domMode {
	case domList:
		return c.days & valid
	case domLast:
		return 1 << uint(dim)
	case domLastWeekday:
		// The last weekday (Monday to Friday) of the month.
		switch weekday(daysFromCivil(y, mo, dim)) {
		case 6: // Saturday
			return 1 << uint(dim-1)
		case 0: // Sunday
			return 1 << uint(dim-2)
		}
		return 1 << uint(dim)
	case domNearestWeekday:
		// nW: the weekday nearest day n, never leaving the month
		// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html: "3W
		// specifies the weekday closest to the third day of the month"). A Saturday moves to the
		// Friday before, or to Monday the 3rd when n is the 1st; a Sunday moves to the Monday after,
		// or to the Friday before when n is the last day. [derived] A day the month does not have
		// (31W in April) does not fire, as 31 does not.
		n := int(c.domDay)
		if n > dim {
			return 0
		}
		switch weekday(daysFromCivil(y, mo, n)) {
		case 6:
			if n == 1 {
				return 1 << 3
			}
			return 1 << uint(n-1)
		case 0:
			if n == dim {
				return 1 << uint(n-2)
			}
			return 1 << uint(n+1)
		}
		return 1 << uint(n)
	}
	w1 := weekday(daysFromCivil(y, mo, 1))
	switch c.dowMode {
	case dowList:
		// Rotate the weekday bits so that bit j says whether day j+1 matches, then repeat the
		// week over the month.
		wd := uint64(c.weekdays)
		r := (wd>>uint(w1) | wd<<uint(7-w1)) & 0x7f
		return uint32(r*weekOfDays<<1) & valid
	case dowLast:
		last := (w1 + dim - 1) % 7
		return 1 << uint(dim-(last-int(c.dowDay)+7)%7)
	case dowNth:
		d := 1 + (int(c.dowDay)-w1+7)%7 + 7*(int(c.dowNth)-1)
		if d > dim {
			return 0 // no fifth Monday this month
		}
		return 1 << uint(d)
	}
	return 0
}
