package eventpattern

import (
	"fmt"
	"sort"
	"strings"
)

// slot is one field of a compiled sub-rule.
type slot struct {
	field       int32
	ops         []*op
	hasAbsent   bool
	hasPositive bool
}

// csub is a sub-rule of the matcher (one $or branch of one rule).
type csub struct {
	rule     int32
	slots    []slot
	nPosOnly int32 // slots that must be satisfied by a leaf
	base     int32 // offset of this sub-rule's slots in the per-event slot stamps
	// simple: a single slot with no exists:false, so any hit is a match
	simple bool
	// anchor is the slot whose match values alone are indexed (-1: every slot is indexed). A
	// sub-rule with several fields is filed only under its most selective field; its other
	// fields are checked against the event's leaves once the anchor matched, so a field many
	// rules share (such as {"ODD_EVEN":["E"]}) does not fan out to all of them on every event.
	anchor int32
}

// snapshot is an immutable compiled form of all the rules of a Matcher. Matching reads it without
// locks; changing the rules builds a new one.
type snapshot struct {
	ids    []string // rule ids by rule index
	trie   *trieNode
	paths  []string
	fields []*fieldIndex
	subs   []csub
	always []int32 // sub-rules with no slot that needs a leaf: judged on every event
	// direct[f]: every sub-rule using field f is simple, so its leaves are evaluated as they are
	// read and never stored
	direct []bool
	nSlots int
	maxAB  int
}

// buildSnapshot compiles the rules (id → pattern) into a snapshot. Ids are taken in sorted order
// so that the result, and the order of matches, is deterministic.
func buildSnapshot(rules map[string]*Pattern) *snapshot {
	ids := make([]string, 0, len(rules))
	for id := range rules {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	s := &snapshot{ids: ids}
	fieldID := map[string]int32{}
	share := map[string]int{} // how many slots carry the same match value on the same field
	for ri, id := range ids {
		for _, sr := range rules[id].subs {
			cs := csub{rule: int32(ri), base: int32(s.nSlots), anchor: -1}
			for _, f := range sr.fields {
				fid, ok := fieldID[f.path]
				if !ok {
					fid = int32(len(s.paths))
					fieldID[f.path] = fid
					s.paths = append(s.paths, f.path)
					s.fields = append(s.fields, &fieldIndex{})
				}
				sl := slot{field: fid, ops: f.ops, hasAbsent: f.hasAbsent, hasPositive: f.hasPositive}
				if sl.hasPositive && !sl.hasAbsent {
					cs.nPosOnly++
				}
				for _, o := range f.ops {
					share[f.path+"\x00"+o.shareKey()]++
				}
				cs.slots = append(cs.slots, sl)
			}
			cs.simple = len(cs.slots) == 1 && !cs.slots[0].hasAbsent
			s.nSlots += len(cs.slots)
			s.subs = append(s.subs, cs)
		}
	}
	for si := range s.subs {
		cs := &s.subs[si]
		if len(cs.slots) > 1 && cs.nPosOnly > 0 {
			best := -1
			for k, sl := range cs.slots {
				if sl.hasAbsent || !sl.hasPositive {
					continue
				}
				score := 0
				for _, o := range sl.ops {
					score += share[s.paths[sl.field]+"\x00"+o.shareKey()] * o.selectivityWeight()
				}
				if best < 0 || score < best {
					best = score
					cs.anchor = int32(k)
				}
			}
		}
		for k, sl := range cs.slots {
			if cs.anchor >= 0 && int32(k) != cs.anchor {
				continue
			}
			for _, o := range sl.ops {
				s.fields[sl.field].add(o, target{sub: int32(si), slot: int32(k)})
			}
		}
		if cs.nPosOnly == 0 {
			s.always = append(s.always, int32(si))
		}
	}
	s.direct = make([]bool, len(s.paths))
	for i := range s.direct {
		s.direct[i] = true
	}
	for _, cs := range s.subs {
		if !cs.simple {
			for _, sl := range cs.slots {
				s.direct[sl.field] = false
			}
		}
	}
	for _, fi := range s.fields {
		fi.rangeIdx = buildRangeIndex(fi.ranges)
		if len(fi.ab.all) > s.maxAB {
			s.maxAB = len(fi.ab.all)
		}
	}
	s.trie = buildTrie(s.paths)
	return s
}

// shareKey identifies a match value, to count how many rules share it.
func (o *op) shareKey() string {
	k := string(rune('A' + o.kind))
	switch o.kind {
	case opNumeric:
		return k + fmt.Sprint(o.lo, o.hi, o.hasLo, o.hasHi, o.loOpen, o.hiOpen)
	case opABString, opABPrefix, opABSuffix, opABEIC, opABWildcard:
		return k + strings.Join(o.set, "\x00")
	case opABNumber:
		return k + fmt.Sprint(o.nums)
	}
	return k + o.s
}

// selectivityWeight ranks kinds of match values by how few events they are expected to match.
func (o *op) selectivityWeight() int {
	switch o.kind {
	case opExactString, opExactNumber, opNull, opTrue, opFalse, opIP, opEIC:
		return 1
	case opPrefix, opSuffix, opPrefixEIC, opSuffixEIC, opWildcard:
		return 2
	case opNumeric, opCIDR:
		return 4
	}
	return 1000 // exists, anything-but: match nearly everything
}
