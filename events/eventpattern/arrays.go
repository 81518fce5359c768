package eventpattern

// Array-consistent matching (event-ruler's "JSON Array Matching", which EventBridge applies;
// "Arrays in Amazon EventBridge event patterns" in the Amazon EventBridge User Guide covers the
// any-element rule): when a sub-rule's fields are read from inside arrays,
// the leaves chosen for its fields must be pairwise compatible — two leaves are compatible when,
// for every array that holds both, they lie in the same element — and an exists:false field holds
// when no leaf of its path is compatible with the chosen ones.
//
// judgeArrays decides this with one pass over the relevant leaves in document order (leaves of one
// array element are contiguous there). For every subtree it computes the set of achievable states
// (m, v): m is the set of fields given a leaf inside the subtree, v the set of fields that have a
// leaf compatible with those choices. Leaves of an object combine freely; an array keeps, for
// states that choose something, only the states of single elements (choices never span two
// elements), and for the state that chooses nothing it ORs v over all elements. The work is linear
// in the number of leaves times the (small) number of states.

type dpLeaf struct {
	slot  int
	pos   bool
	chain []arrayPos
}

type dpState struct{ m, v uint64 }

type arrayScratch struct {
	leaves  []dpLeaf
	cursors []int32
	buf     []dpState // families of states, as ranges of this buffer
}

const maxDPStates = 4096

func (sc *scratch) relevantLeaves(cs *csub) []dpLeaf {
	fl := &sc.fl
	ls := sc.arr.leaves[:0]
	// Each field's leaves are linked newest first; merge the fields' lists into document order
	// (the leaves of one array element must be contiguous), taking the newest leaf each time
	// and reversing at the end.
	cur := sc.arr.cursors[:0]
	for k := range cs.slots {
		h := int32(-1)
		if f := cs.slots[k].field; sc.fieldSeen[f] == sc.gen {
			h = sc.fieldHead[f]
		}
		cur = append(cur, h)
	}
	sc.arr.cursors = cur
	for {
		k := -1
		for j, c := range cur {
			if c >= 0 && (k < 0 || c > cur[k]) {
				k = j
			}
		}
		if k < 0 {
			break
		}
		i := cur[k]
		cur[k] = sc.leafNext[i]
		sl := &cs.slots[k]
		l := &fl.leaves[i]
		pos := false
		if sl.hasPositive {
			for _, o := range sl.ops {
				if o.kind != opAbsent && o.test(&l.val, sc.fold[:0]) {
					pos = true
					break
				}
			}
		}
		ls = append(ls, dpLeaf{slot: k, pos: pos, chain: fl.chains[l.chainOff : l.chainOff+l.chainLen]})
	}
	for i, j := 0, len(ls)-1; i < j; i, j = i+1, j-1 {
		ls[i], ls[j] = ls[j], ls[i]
	}
	sc.arr.leaves = ls
	return ls
}

func (sc *scratch) judgeArrays(s *snapshot, cs *csub) bool {
	ls := sc.relevantLeaves(cs)
	if len(cs.slots) > 64 {
		return judgeBacktrack(cs, ls)
	}
	a := &sc.arr
	a.buf = a.buf[:0]
	fs, fe, ok := a.solve(ls, 0)
	if !ok {
		return judgeBacktrack(cs, ls)
	}
	var all, absentOK uint64
	for k := range cs.slots {
		all |= 1 << k
		if cs.slots[k].hasAbsent {
			absentOK |= 1 << k
		}
	}
	for _, st := range a.buf[fs:fe] {
		missing := all &^ st.m
		if missing&^absentOK == 0 && missing&st.v == 0 {
			return true
		}
	}
	return false
}

// pushUnique appends st to buf unless buf[from:] holds it already.
func (a *arrayScratch) pushUnique(from int, st dpState) bool {
	for _, o := range a.buf[from:] {
		if o == st {
			return true
		}
	}
	a.buf = append(a.buf, st)
	return len(a.buf)-from <= maxDPStates
}

// combine replaces the family buf[fs:fe] and the family buf[gs:ge] (which follows it and ends the
// buffer) by their combination, at fs. It returns the new end.
func (a *arrayScratch) combine(fs, fe, gs, ge int) (int, bool) {
	out := len(a.buf)
	for i := fs; i < fe; i++ {
		for j := gs; j < ge; j++ {
			x, y := a.buf[i], a.buf[j]
			if x.m&y.m != 0 {
				continue // one leaf per field
			}
			if !a.pushUnique(out, dpState{x.m | y.m, x.v | y.v}) {
				return 0, false
			}
		}
	}
	n := copy(a.buf[fs:], a.buf[out:])
	a.buf = a.buf[:fs+n]
	return fs + n, true
}

// solve appends the family of states of the leaves ls (all sharing their first depth arrays) and
// returns its range.
func (a *arrayScratch) solve(ls []dpLeaf, depth int) (int, int, bool) {
	fs := len(a.buf)
	a.buf = append(a.buf, dpState{})
	fe := fs + 1
	var ok bool
	for i := 0; i < len(ls); {
		gs := len(a.buf)
		if len(ls[i].chain) == depth {
			bit := uint64(1) << ls[i].slot
			a.buf = append(a.buf, dpState{0, bit})
			if ls[i].pos {
				a.buf = append(a.buf, dpState{bit, bit})
			}
			i++
		} else {
			// The array's leaves run from i to its last leaf; the leaves in between that lie in
			// no element of it are its scalar elements, which are free at this depth.
			id := ls[i].chain[depth].id
			j := i + 1
			for k := i + 1; k < len(ls); k++ {
				if len(ls[k].chain) == depth {
					continue
				}
				if ls[k].chain[depth].id != id {
					break
				}
				j = k + 1
			}
			if _, _, ok = a.array(ls[i:j], depth); !ok {
				return 0, 0, false
			}
			if fe, ok = a.combine(fs, fe, gs, len(a.buf)); !ok {
				return 0, 0, false
			}
			for k := i + 1; k < j; k++ {
				if len(ls[k].chain) == depth {
					if fe, ok = a.free(fs, fe, ls[k]); !ok {
						return 0, 0, false
					}
				}
			}
			i = j
			continue
		}
		if fe, ok = a.combine(fs, fe, gs, len(a.buf)); !ok {
			return 0, 0, false
		}
	}
	return fs, fe, true
}

// free combines the family buf[fs:fe] (which ends the buffer) with one leaf compatible with every
// other leaf at this depth, and returns the family's new end.
func (a *arrayScratch) free(fs, fe int, l dpLeaf) (int, bool) {
	gs := len(a.buf)
	bit := uint64(1) << l.slot
	a.buf = append(a.buf, dpState{0, bit})
	if l.pos {
		a.buf = append(a.buf, dpState{bit, bit})
	}
	return a.combine(fs, fe, gs, len(a.buf))
}

// array appends the family of states of one event array: choices inside one element, plus the
// state that chooses nothing with v ORed over all elements.
func (a *arrayScratch) array(ls []dpLeaf, depth int) (int, int, bool) {
	out := len(a.buf)
	var zeroV uint64
	for i := 0; i < len(ls); {
		if len(ls[i].chain) == depth {
			i++ // a scalar element: solve combines it freely
			continue
		}
		idx := ls[i].chain[depth].idx
		j := i
		for j < len(ls) && len(ls[j].chain) > depth && ls[j].chain[depth].idx == idx {
			j++
		}
		end := len(a.buf)
		es, ee, ok := a.solve(ls[i:j], depth+1)
		if !ok {
			return 0, 0, false
		}
		// keep the element's choosing states, compacting them down to the end of the output
		w := end
		for r := es; r < ee; r++ {
			st := a.buf[r]
			if st.m == 0 {
				zeroV |= st.v
				continue
			}
			dup := false
			for _, o := range a.buf[out:w] {
				if o == st {
					dup = true
					break
				}
			}
			if !dup {
				a.buf[w] = st
				w++
			}
		}
		a.buf = a.buf[:w]
		if w-out > maxDPStates {
			return 0, 0, false
		}
		i = j
	}
	a.buf = append(a.buf, dpState{0, zeroV})
	return out, len(a.buf), true
}

// compatible reports whether two leaves lie in the same element of every array that holds both.
func compatible(a, b []arrayPos) bool {
	n := min(len(a), len(b))
	for k := 0; k < n; k++ {
		if a[k].id != b[k].id {
			return true
		}
		if a[k].idx != b[k].idx {
			return false
		}
	}
	return true
}

// judgeBacktrack is the direct search used when the state computation does not apply (more than
// 64 fields in one sub-rule, or too many states): choose a leaf per field, depth first.
func judgeBacktrack(cs *csub, ls []dpLeaf) bool {
	n := len(cs.slots)
	cands := make([][]int, n)
	for i, l := range ls {
		if l.pos {
			cands[l.slot] = append(cands[l.slot], i)
		}
	}
	chosen := make([]int, 0, n)
	var try func(k int) bool
	try = func(k int) bool {
		if k == n {
			for q := 0; q < n; q++ {
				picked := false
				for _, c := range chosen {
					if ls[c].slot == q {
						picked = true
						break
					}
				}
				if picked {
					continue
				}
				if !cs.slots[q].hasAbsent {
					return false
				}
				for _, l := range ls {
					if l.slot != q {
						continue
					}
					ok := true
					for _, c := range chosen {
						if !compatible(l.chain, ls[c].chain) {
							ok = false
							break
						}
					}
					if ok {
						return false
					}
				}
			}
			return true
		}
		for _, c := range cands[k] {
			ok := true
			for _, o := range chosen {
				if !compatible(ls[c].chain, ls[o].chain) {
					ok = false
					break
				}
			}
			if ok {
				chosen = append(chosen, c)
				if try(k + 1) {
					return true
				}
				chosen = chosen[:len(chosen)-1]
			}
		}
		if cs.slots[k].hasAbsent {
			return try(k + 1)
		}
		return false
	}
	return try(0)
}
