package events

import "sort"

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
	for ri, id := range ids {
		for _, sr := range rules[id].subs {
			cs := csub{rule: int32(ri), base: int32(s.nSlots)}
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
				cs.slots = append(cs.slots, sl)
			}
			cs.simple = len(cs.slots) == 1 && !cs.slots[0].hasAbsent
			si := int32(len(s.subs))
			for k, sl := range cs.slots {
				for _, o := range sl.ops {
					s.fields[sl.field].add(o, target{sub: si, slot: int32(k)})
				}
			}
			if cs.nPosOnly == 0 {
				s.always = append(s.always, si)
			}
			s.nSlots += len(cs.slots)
			s.subs = append(s.subs, cs)
		}
	}
	for _, fi := range s.fields {
		if len(fi.ab.all) > s.maxAB {
			s.maxAB = len(fi.ab.all)
		}
	}
	s.trie = buildTrie(s.paths)
	return s
}
