package trail

import "sort"

// posList is an increasing list of event positions in which a run of consecutive positions is
// stored as its first position and its last one negated less one (-(last+1)): a position
// costs 4 bytes at most, and a run of like calls — each joining the same lists — costs 8 bytes
// however long it is.
type posList struct {
	s    segList[int32]
	last *int32 // the last entry, nil while l is empty (the entry push returned last)
}

// add appends p, greater than every position in l.
func (l *posList) add(p int32) {
	if last := l.last; last != nil {
		switch {
		case *last < 0 && -*last == p: // the run ends at p-1: it now ends at p
			*last = -(p + 1)
			return
		case *last >= 0 && *last+1 == p: // a single position and p: a run
			l.last = l.s.push(-(p + 1))
			return
		}
	}
	l.last = l.s.push(p)
}

// val returns the position entry i stands for (a run's end for its second entry).
func (l *posList) val(i int) int {
	if v := *l.s.at(i); v < 0 {
		return int(-v - 1)
	}
	return int(*l.s.at(i))
}

// isEnd reports whether entry i ends a run.
func (l *posList) isEnd(i int) bool { return *l.s.at(i) < 0 }

// positions returns the positions of l in decreasing order from the greatest one at most top
// (an all-positions list when l is nil: top, top-1, …, 0).
func (l *posList) positions(top int) posIter {
	if l == nil {
		return posIter{cur: top, lo: 0, j: -1}
	}
	i := sort.Search(l.s.n, func(i int) bool { return l.val(i) > top }) - 1
	switch {
	case i < 0:
		return posIter{cur: -1, lo: 0, j: -1}
	case l.isEnd(i): // a whole run at or below top
		return posIter{l: l, j: i - 1, cur: l.val(i), lo: l.val(i - 1)}
	case i+1 < l.s.n && l.isEnd(i+1): // top falls inside the run that starts at entry i
		return posIter{l: l, j: i, cur: top, lo: l.val(i)}
	}
	return posIter{l: l, j: i, cur: l.val(i), lo: l.val(i)}
}

// posIter walks positions downwards: cur down to lo within the run (or single position) that
// starts at entry j, then the entries before j.
type posIter struct {
	l       *posList
	j       int
	cur, lo int
}

// next returns the next position, and false when there is none.
func (it *posIter) next() (int, bool) {
	if it.cur < it.lo || it.cur < 0 {
		return 0, false
	}
	p := it.cur
	if it.cur > it.lo {
		it.cur--
		return p, true
	}
	// The run is done: the entry before it (a single position or a run's end).
	it.cur = -1
	if it.l != nil && it.j > 0 {
		it.j--
		if it.l.isEnd(it.j) {
			it.cur, it.lo = it.l.val(it.j), it.l.val(it.j-1)
			it.j--
		} else {
			it.cur, it.lo = it.l.val(it.j), it.l.val(it.j)
		}
	}
	return p, true
}
