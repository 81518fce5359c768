package events

// Array-consistent matching (spec §2.3): when a sub-rule's fields are read from inside arrays,
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
	leaves []dpLeaf
}

const maxDPStates = 4096

func (sc *scratch) relevantLeaves(cs *csub) []dpLeaf {
	fl := &sc.fl
	ls := sc.arr.leaves[:0]
	for i := range fl.leaves {
		l := &fl.leaves[i]
		for k := range cs.slots {
			sl := &cs.slots[k]
			if sl.field != l.field {
				continue
			}
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
			break
		}
	}
	sc.arr.leaves = ls
	return ls
}

func (sc *scratch) judgeArrays(s *snapshot, cs *csub) bool {
	ls := sc.relevantLeaves(cs)
	if len(cs.slots) > 64 {
		return judgeBacktrack(cs, ls)
	}
	fam, ok := dpSolve(ls, 0)
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
	for _, st := range fam {
		missing := all &^ st.m
		if missing&^absentOK == 0 && missing&st.v == 0 {
			return true
		}
	}
	return false
}

func dpCombine(f, g []dpState) ([]dpState, bool) {
	out := make([]dpState, 0, len(f)*len(g))
	for _, a := range f {
		for _, b := range g {
			if a.m&b.m != 0 {
				continue // one leaf per field
			}
			st := dpState{a.m | b.m, a.v | b.v}
			dup := false
			for _, o := range out {
				if o == st {
					dup = true
					break
				}
			}
			if !dup {
				out = append(out, st)
				if len(out) > maxDPStates {
					return nil, false
				}
			}
		}
	}
	return out, true
}

func dpSolve(ls []dpLeaf, depth int) ([]dpState, bool) {
	fam := []dpState{{}}
	var ok bool
	for i := 0; i < len(ls); {
		if len(ls[i].chain) == depth {
			bit := uint64(1) << ls[i].slot
			g := []dpState{{0, bit}}
			if ls[i].pos {
				g = append(g, dpState{bit, bit})
			}
			if fam, ok = dpCombine(fam, g); !ok {
				return nil, false
			}
			i++
			continue
		}
		id := ls[i].chain[depth].id
		j := i
		for j < len(ls) && len(ls[j].chain) > depth && ls[j].chain[depth].id == id {
			j++
		}
		arr, ok2 := dpArray(ls[i:j], depth)
		if !ok2 {
			return nil, false
		}
		if fam, ok = dpCombine(fam, arr); !ok {
			return nil, false
		}
		i = j
	}
	return fam, true
}

func dpArray(ls []dpLeaf, depth int) ([]dpState, bool) {
	var zeroV uint64
	var out []dpState
	for i := 0; i < len(ls); {
		idx := ls[i].chain[depth].idx
		j := i
		for j < len(ls) && ls[j].chain[depth].idx == idx {
			j++
		}
		ef, ok := dpSolve(ls[i:j], depth+1)
		if !ok {
			return nil, false
		}
		for _, st := range ef {
			if st.m == 0 {
				zeroV |= st.v
				continue
			}
			dup := false
			for _, o := range out {
				if o == st {
					dup = true
					break
				}
			}
			if !dup {
				out = append(out, st)
				if len(out) > maxDPStates {
					return nil, false
				}
			}
		}
		i = j
	}
	return append(out, dpState{0, zeroV}), true
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
