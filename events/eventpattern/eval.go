package eventpattern

// scratch is the per-goroutine working memory of one match. It is reused across events, so the
// common path allocates nothing.
type scratch struct {
	fl        flattener
	gen       uint32
	slotStamp []uint32
	subStamp  []uint32
	subCount  []int32
	ruleStamp []uint32
	fieldSeen []uint32
	fieldN    []int32
	fieldTag  []bool
	fieldHead []int32 // last leaf of each field; leafNext links to the previous one
	leafNext  []int32
	touched   []int32
	abStamp   []uint32
	abGen     uint32
	fold      []byte
	numKey    numKey // key of the number leaf being evaluated (when its field needs one)
	numKeyOK  bool
	readKey   numKey   // key of the number the flattener is emitting, when readKeySt says so
	readKeySt keyState // keyUnknown except while a number leaf is evaluated as it is read
	snap      *snapshot
	out       []string
	arr       arrayScratch
}

func (sc *scratch) prepare(s *snapshot) {
	if sc.snap != s {
		sc.snap = s
		grow32 := func(b []uint32, n int) []uint32 {
			if cap(b) < n {
				return make([]uint32, n)
			}
			b = b[:n]
			clear(b)
			return b
		}
		sc.slotStamp = grow32(sc.slotStamp, s.nSlots)
		sc.subStamp = grow32(sc.subStamp, len(s.subs))
		sc.ruleStamp = grow32(sc.ruleStamp, len(s.ids))
		sc.fieldSeen = grow32(sc.fieldSeen, len(s.paths))
		sc.abStamp = grow32(sc.abStamp, s.maxAB)
		if cap(sc.subCount) < len(s.subs) {
			sc.subCount = make([]int32, len(s.subs))
		}
		sc.subCount = sc.subCount[:len(s.subs)]
		if cap(sc.fieldN) < len(s.paths) {
			sc.fieldN = make([]int32, len(s.paths))
			sc.fieldTag = make([]bool, len(s.paths))
			sc.fieldHead = make([]int32, len(s.paths))
		}
		sc.fieldN = sc.fieldN[:len(s.paths)]
		sc.fieldTag = sc.fieldTag[:len(s.paths)]
		sc.fieldHead = sc.fieldHead[:len(s.paths)]
		sc.gen = 0
		sc.abGen = 0
	}
	sc.gen++
	if sc.gen == 0 {
		clear(sc.slotStamp)
		clear(sc.subStamp)
		clear(sc.ruleStamp)
		clear(sc.fieldSeen)
		sc.gen = 1
	}
	sc.touched = sc.touched[:0]
	if cap(sc.fold) < 256 {
		sc.fold = make([]byte, 0, 256)
	}
}

// match runs one event through the snapshot and appends the ids of matching rules to dst.
func (sc *scratch) match(s *snapshot, event []byte, dst []string, whole bool) ([]string, error) {
	sc.prepare(s)
	sc.out = dst
	fl := &sc.fl
	fl.reset(event, len(s.paths), whole)
	fl.direct, fl.sc = s.direct, sc
	if err := fl.run(s.trie); err != nil {
		return dst, err
	}
	if cap(sc.leafNext) < len(fl.leaves) {
		sc.leafNext = make([]int32, len(fl.leaves), 2*len(fl.leaves))
	}
	sc.leafNext = sc.leafNext[:len(fl.leaves)]
	for i := range fl.leaves {
		l := &fl.leaves[i]
		f := l.field
		if sc.fieldSeen[f] != sc.gen {
			sc.fieldSeen[f] = sc.gen
			sc.fieldN[f] = 0
			sc.fieldTag[f] = false
			sc.fieldHead[f] = -1
		}
		sc.leafNext[i] = sc.fieldHead[f]
		sc.fieldHead[f] = int32(i)
		sc.fieldN[f]++
		if l.chainLen > 0 {
			sc.fieldTag[f] = true
		}
		sc.evalLeaf(s.fields[f], &l.val)
	}
	for _, si := range sc.touched {
		sc.judge(s, si)
	}
	for _, si := range s.always {
		sc.judge(s, si)
	}
	return sc.out, nil
}

func (sc *scratch) matchRule(s *snapshot, r int32) {
	if sc.ruleStamp[r] != sc.gen {
		sc.ruleStamp[r] = sc.gen
		sc.out = append(sc.out, s.ids[r])
	}
}

// hit records that a leaf satisfied a match value of (sub-rule, slot).
func (sc *scratch) hit(t target) {
	s := sc.snap
	cs := &s.subs[t.sub]
	if cs.simple {
		sc.matchRule(s, cs.rule)
		return
	}
	k := cs.base + t.slot
	if sc.slotStamp[k] == sc.gen {
		return
	}
	sc.slotStamp[k] = sc.gen
	if sc.subStamp[t.sub] != sc.gen {
		sc.subStamp[t.sub] = sc.gen
		sc.subCount[t.sub] = 0
		sc.touched = append(sc.touched, t.sub)
	}
	if !cs.slots[t.slot].hasAbsent {
		sc.subCount[t.sub]++
	}
}

func (sc *scratch) hits(ts []target) {
	for _, t := range ts {
		sc.hit(t)
	}
}

// evalLeaf finds every match value of the field that the leaf satisfies.
func (sc *scratch) evalLeaf(fi *fieldIndex, v *leafValue) {
	sc.hits(fi.exists)
	switch v.kind {
	case leafString:
		b := v.b
		if fi.exact != nil {
			sc.hits(fi.exact[string(b)])
		}
		fi.prefix.prefixes(b, sc.hit)
		fi.suffix.suffixes(b, sc.hit)
		fi.wild.matches(b, sc.hit)
		if fi.needFold {
			sc.fold = foldCase(sc.fold[:0], b)
			if fi.eic != nil {
				sc.hits(fi.eic[string(sc.fold)])
			}
			fi.prefixEIC.prefixes(sc.fold, sc.hit)
			fi.suffixEIC.suffixes(sc.fold, sc.hit)
		}
		if fi.needIP && len(fi.ips) > 0 {
			if a, v4, ok := parseIP(b); ok {
				for _, e := range fi.ips {
					if e.r.contains(a, v4) {
						sc.hit(e.t)
					}
				}
			}
		}
	case leafNumber:
		if fi.needNumber {
			if fi.num != nil || fi.ab.hasNum {
				k, ok := resolveNumKey(sc.readKeySt, sc.readKey, v.b)
				if ok && fi.num != nil {
					if b := k.bloom(); fi.numBloom[b/64]&(1<<(b%64)) != 0 {
						sc.hits(fi.num[k])
					}
				}
				sc.numKey, sc.numKeyOK = k, ok
			}
			if len(fi.ranges) > 0 {
				if k, ok := resolveNumKey(sc.readKeySt, sc.readKey, v.b); ok {
					x := keyOrd(k)
					if fi.rangeIdx != nil {
						sc.hits(fi.rangeIdx.lookup(x))
					} else {
						for _, r := range fi.ranges {
							if r.o.inRange(x) {
								sc.hit(r.t)
							}
						}
					}
				}
			}
			if fi.numText != nil {
				sc.hits(fi.numText[string(v.b)])
			}
		}
	case leafNull:
		sc.hits(fi.null)
	case leafTrue:
		sc.hits(fi.tru)
	case leafFalse:
		sc.hits(fi.fals)
	}
	if len(fi.ab.all) > 0 {
		sc.evalAnythingBut(&fi.ab, v)
	}
}

// evalAnythingBut reports every anything-but entry the leaf does not exclude.
func (sc *scratch) evalAnythingBut(ab *abIndex, v *leafValue) {
	sc.abGen++
	if sc.abGen == 0 {
		clear(sc.abStamp)
		sc.abGen = 1
	}
	g := sc.abGen
	stamp := sc.abStamp
	excl := func(i int32) { stamp[i] = g }
	switch v.kind {
	case leafString:
		b := v.b
		if ab.hasStr {
			for _, i := range ab.str[string(b)] {
				stamp[i] = g
			}
		}
		ab.prefix.prefixes(b, excl)
		ab.suffix.suffixes(b, excl)
		ab.wild.matches(b, excl)
		if ab.hasEIC {
			sc.fold = foldCase(sc.fold[:0], b)
			for _, i := range ab.eic[string(sc.fold)] {
				stamp[i] = g
			}
		}
	case leafNumber:
		if ab.hasNum {
			if k, ok := sc.numKey, sc.numKeyOK; ok {
				for _, i := range ab.num[k] {
					stamp[i] = g
				}
			}
		}
	}
	for i, t := range ab.all {
		if stamp[i] != g {
			sc.hit(t)
		}
	}
}

// judge decides a sub-rule that some leaf touched, or that has no positive-only slot.
func (sc *scratch) judge(s *snapshot, si int32) {
	cs := &s.subs[si]
	if sc.ruleStamp[cs.rule] == sc.gen {
		return
	}
	touched := sc.subStamp[si] == sc.gen
	if cs.nPosOnly > 0 && !touched {
		return
	}
	if cs.anchor < 0 && sc.subCount[si] < cs.nPosOnly {
		return
	}
	arrays := false
	for i := range cs.slots {
		f := cs.slots[i].field
		if sc.fieldSeen[f] == sc.gen && sc.fieldTag[f] && (len(cs.slots) > 1 || cs.slots[i].hasAbsent) {
			arrays = true
			break
		}
	}
	if arrays {
		if sc.judgeArrays(s, cs) {
			sc.matchRule(s, cs.rule)
		}
		return
	}
	for i := range cs.slots {
		sl := &cs.slots[i]
		hit := touched && sc.slotStamp[cs.base+int32(i)] == sc.gen
		if !hit && cs.anchor >= 0 && int32(i) != cs.anchor && sl.hasPositive {
			hit = sc.fieldSatisfies(sl)
		}
		if hit {
			continue
		}
		if !sl.hasAbsent {
			return
		}
		if sc.fieldSeen[sl.field] == sc.gen && sc.fieldN[sl.field] > 0 {
			return
		}
	}
	sc.matchRule(s, cs.rule)
}

// fieldSatisfies reports whether some leaf of the slot's field satisfies one of its match values
// (used for the fields of an anchored sub-rule, which are not indexed).
func (sc *scratch) fieldSatisfies(sl *slot) bool {
	if sc.fieldSeen[sl.field] != sc.gen {
		return false
	}
	leaves := sc.fl.leaves
	for i := sc.fieldHead[sl.field]; i >= 0; i = sc.leafNext[i] {
		v := &leaves[i].val
		for _, o := range sl.ops {
			if o.kind != opAbsent && o.test(v, sc.fold[:0]) {
				return true
			}
		}
	}
	return false
}
