package eventpattern

import "sort"

// target names one (sub-rule, slot) pair that a match value belongs to.
type target struct {
	sub  int32
	slot int32
}

// affixTable finds every stored prefix (or suffix) of a value with one map look-up per distinct
// stored length.
type affixTable[T any] struct {
	lens []int
	m    map[string][]T
}

func (a *affixTable[T]) add(key string, t T) {
	if a.m == nil {
		a.m = map[string][]T{}
	}
	if _, ok := a.m[key]; !ok {
		i := sort.SearchInts(a.lens, len(key))
		if i == len(a.lens) || a.lens[i] != len(key) {
			a.lens = append(a.lens, 0)
			copy(a.lens[i+1:], a.lens[i:])
			a.lens[i] = len(key)
		}
	}
	a.m[key] = append(a.m[key], t)
}

// prefixes calls fn for every entry whose key is a prefix of v.
func (a *affixTable[T]) prefixes(v []byte, fn func(T)) {
	for _, n := range a.lens {
		if n > len(v) {
			return
		}
		for _, t := range a.m[string(v[:n])] {
			fn(t)
		}
	}
}

// suffixes calls fn for every entry whose key is a suffix of v.
func (a *affixTable[T]) suffixes(v []byte, fn func(T)) {
	for _, n := range a.lens {
		if n > len(v) {
			return
		}
		for _, t := range a.m[string(v[len(v)-n:])] {
			fn(t)
		}
	}
}

// wcEntry is a wildcard with what it stands for (a target, or an anything-but entry index).
type wcEntry[T any] struct {
	wc *wildcard
	t  T
}

// wildIndex finds the wildcards a value matches: wildcards are filed under their literal prefix,
// or their literal suffix when the prefix is empty, so only candidates sharing it are tried.
type wildIndex[T any] struct {
	byPrefix affixTable[wcEntry[T]]
	bySuffix affixTable[wcEntry[T]]
	rest     []wcEntry[T]
	n        int
}

func (w *wildIndex[T]) add(wc *wildcard, t T) {
	w.n++
	e := wcEntry[T]{wc: wc, t: t}
	switch {
	case wc.prefix() != "":
		w.byPrefix.add(wc.prefix(), e)
	case wc.suffix() != "":
		w.bySuffix.add(wc.suffix(), e)
	default:
		w.rest = append(w.rest, e)
	}
}

func (w *wildIndex[T]) matches(v []byte, fn func(T)) {
	if w.n == 0 {
		return
	}
	try := func(e wcEntry[T]) {
		if e.wc.match(v) {
			fn(e.t)
		}
	}
	w.byPrefix.prefixes(v, try)
	w.bySuffix.suffixes(v, try)
	for _, e := range w.rest {
		try(e)
	}
}

type ipTarget struct {
	r *ipRange
	t target
}

type rangeTarget struct {
	o *op
	t target
}

// abIndex holds every anything-but value of a field. A leaf satisfies every anything-but entry
// except those its value excludes, so the index finds the excluded ones and reports the rest.
type abIndex struct {
	all    []target
	str    map[string][]int32
	num    map[numKey][]int32
	eic    map[string][]int32
	prefix affixTable[int32]
	suffix affixTable[int32]
	wild   wildIndex[int32]
	// which exclusion kinds exist, to skip work
	hasStr, hasNum, hasEIC bool
}

// fieldIndex is the compiled form of every match value that any sub-rule puts on one field.
type fieldIndex struct {
	exact     map[string][]target
	null      []target
	tru       []target
	fals      []target
	num       map[numKey][]target
	numBloom  [64]uint64          // filter over the keys of num (4,096 bits)
	numText   map[string][]target // exact numbers compared by literal text only
	ips       []ipTarget
	prefix    affixTable[target]
	suffix    affixTable[target]
	eic       map[string][]target
	prefixEIC affixTable[target]
	suffixEIC affixTable[target]
	wild      wildIndex[target]
	ranges    []rangeTarget
	rangeIdx  *rangeIndex // built when there are several ranges
	exists    []target
	ab        abIndex

	needFold, needIP, needNumber bool
}

func (fi *fieldIndex) add(o *op, t target) {
	switch o.kind {
	case opExactString:
		if fi.exact == nil {
			fi.exact = map[string][]target{}
		}
		fi.exact[o.s] = append(fi.exact[o.s], t)
	case opExactNumber:
		fi.needNumber = true
		if o.numOK {
			if fi.num == nil {
				fi.num = map[numKey][]target{}
			}
			fi.num[o.key] = append(fi.num[o.key], t)
			b := o.key.bloom()
			fi.numBloom[b/64] |= 1 << (b % 64)
		} else {
			if fi.numText == nil {
				fi.numText = map[string][]target{}
			}
			fi.numText[o.s] = append(fi.numText[o.s], t)
		}
	case opNull:
		fi.null = append(fi.null, t)
	case opTrue:
		fi.tru = append(fi.tru, t)
	case opFalse:
		fi.fals = append(fi.fals, t)
	case opIP, opCIDR:
		fi.needIP = true
		fi.ips = append(fi.ips, ipTarget{r: o.ip, t: t})
	case opPrefix:
		fi.prefix.add(o.s, t)
	case opSuffix:
		fi.suffix.add(o.s, t)
	case opEIC:
		fi.needFold = true
		if fi.eic == nil {
			fi.eic = map[string][]target{}
		}
		fi.eic[o.s] = append(fi.eic[o.s], t)
	case opPrefixEIC:
		fi.needFold = true
		fi.prefixEIC.add(o.s, t)
	case opSuffixEIC:
		fi.needFold = true
		fi.suffixEIC.add(o.s, t)
	case opWildcard:
		fi.wild.add(o.wc, t)
	case opNumeric:
		fi.needNumber = true
		fi.ranges = append(fi.ranges, rangeTarget{o: o, t: t})
	case opExists:
		fi.exists = append(fi.exists, t)
	case opAbsent:
		// judged after the event is read
	case opABString, opABNumber, opABPrefix, opABSuffix, opABEIC, opABWildcard:
		ab := &fi.ab
		idx := int32(len(ab.all))
		ab.all = append(ab.all, t)
		switch o.kind {
		case opABString:
			ab.hasStr = true
			if ab.str == nil {
				ab.str = map[string][]int32{}
			}
			for _, s := range dedupe(o.set) {
				ab.str[s] = append(ab.str[s], idx)
			}
		case opABNumber:
			ab.hasNum = true
			fi.needNumber = true
			if ab.num == nil {
				ab.num = map[numKey][]int32{}
			}
			seen := map[numKey]bool{}
			for _, n := range o.nums {
				if !seen[n] {
					seen[n] = true
					ab.num[n] = append(ab.num[n], idx)
				}
			}
		case opABPrefix:
			for _, s := range dedupe(o.set) {
				ab.prefix.add(s, idx)
			}
		case opABSuffix:
			for _, s := range dedupe(o.set) {
				ab.suffix.add(s, idx)
			}
		case opABEIC:
			ab.hasEIC = true
			fi.needFold = true
			if ab.eic == nil {
				ab.eic = map[string][]int32{}
			}
			for _, s := range dedupe(o.set) {
				ab.eic[s] = append(ab.eic[s], idx)
			}
		case opABWildcard:
			for _, w := range o.wcs {
				ab.wild.add(w, idx)
			}
		}
	}
}

func dedupe(ss []string) []string {
	if len(ss) < 2 {
		return ss
	}
	seen := make(map[string]bool, len(ss))
	out := ss[:0:0]
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// rangeIndex answers "which numeric ranges hold x" with one binary search: the distinct bounds
// split the number line into points and the gaps between them, and each of those elementary
// pieces lists the ranges covering it.
type rangeIndex struct {
	points []ord
	pieces [][]target // 2*len(points)+1: gap 0, point 0, gap 1, point 1, …, gap len(points)
}

// buildRangeIndex returns nil when there are few ranges, or when they overlap so much that the
// pieces would hold too many entries (then ranges are tested one by one).
func buildRangeIndex(rs []rangeTarget) *rangeIndex {
	if len(rs) < 4 {
		return nil
	}
	var pts []ord
	for _, r := range rs {
		if r.o.hasLo {
			pts = append(pts, r.o.lo)
		}
		if r.o.hasHi {
			pts = append(pts, r.o.hi)
		}
	}
	sort.Slice(pts, func(i, j int) bool { return cmpOrd(pts[i], pts[j]) < 0 })
	uniq := pts[:0]
	for _, p := range pts {
		if len(uniq) == 0 || cmpOrd(uniq[len(uniq)-1], p) != 0 {
			uniq = append(uniq, p)
		}
	}
	ri := &rangeIndex{points: uniq, pieces: make([][]target, 2*len(uniq)+1)}
	find := func(x ord) int {
		return sort.Search(len(uniq), func(i int) bool { return cmpOrd(uniq[i], x) >= 0 })
	}
	total := 0
	for _, r := range rs {
		start, end := 0, 2*len(uniq)
		if r.o.hasLo {
			start = 2*find(r.o.lo) + 1
			if r.o.loOpen {
				start++
			}
		}
		if r.o.hasHi {
			end = 2*find(r.o.hi) + 1
			if r.o.hiOpen {
				end--
			}
		}
		for s := start; s <= end; s++ {
			ri.pieces[s] = append(ri.pieces[s], r.t)
		}
		total += end - start + 1
		if total > 64*len(rs)+4096 {
			return nil
		}
	}
	return ri
}

func (ri *rangeIndex) lookup(x ord) []target {
	lo, hi := 0, len(ri.points)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if cmpOrd(ri.points[m], x) < 0 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(ri.points) && cmpOrd(ri.points[lo], x) == 0 {
		return ri.pieces[2*lo+1]
	}
	return ri.pieces[2*lo]
}
