package eventpattern

import (
	"bytes"
	"encoding/json"
	"sort"
)

// This file is the reference interpreter of the matching semantics ("Event patterns" and
// "Content filtering in Amazon EventBridge event patterns" in the Amazon EventBridge User Guide,
// with event-ruler's array consistency), kept as the oracle the compiled matcher is
// checked against. It shares only the pattern compiler and the per-operator leaf test (op.test)
// with the engine: it has its own event flattener (encoding/json), its own field lookup and its
// own array-consistency search (plain backtracking over leaf choices).

type oLeaf struct {
	path string
	val  leafValue
	tags map[int]int // array id → element index
}

// oFlatten decodes a JSON event and lists its leaves with their array tags.
func oFlatten(event []byte) ([]oLeaf, bool) {
	dec := json.NewDecoder(bytes.NewReader(event))
	dec.UseNumber()
	var root any
	if err := dec.Decode(&root); err != nil {
		return nil, false
	}
	if _, ok := root.(map[string]any); !ok {
		return nil, false
	}
	var out []oLeaf
	nextID := 0
	var walk func(v any, path string, tags map[int]int)
	walk = func(v any, path string, tags map[int]int) {
		switch x := v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				walk(x[k], path+"."+k, tags)
			}
		case []any:
			id := nextID
			nextID++
			for i, e := range x {
				switch e.(type) {
				case map[string]any, []any:
				default:
					// a scalar element belongs to no element of the array: it is compatible
					// with every sibling (event-ruler tags only object and array elements)
					walk(e, path, tags)
					continue
				}
				t := make(map[int]int, len(tags)+1)
				for k, v := range tags {
					t[k] = v
				}
				t[id] = i
				walk(e, path, t)
			}
		case string:
			out = append(out, oLeaf{path[1:], leafValue{kind: leafString, b: []byte(x)}, tags})
		case json.Number:
			out = append(out, oLeaf{path[1:], leafValue{kind: leafNumber, b: []byte(x.String())}, tags})
		case bool:
			k := leafFalse
			if x {
				k = leafTrue
			}
			out = append(out, oLeaf{path[1:], leafValue{kind: k}, tags})
		case nil:
			out = append(out, oLeaf{path[1:], leafValue{kind: leafNull}, tags})
		}
	}
	walk(root, "", map[int]int{})
	return out, true
}

func oCompatible(a, b map[int]int) bool {
	for id, i := range a {
		if j, ok := b[id]; ok && i != j {
			return false
		}
	}
	return true
}

// oMatch reports whether the compiled pattern matches the flattened event: some sub-rule has a
// leaf for every positive field, all pairwise compatible, and no compatible leaf for an
// exists:false field.
func oMatch(p *Pattern, leaves []oLeaf) bool {
	return oMatchWith(p, leaves, oIndex(leaves))
}

// oIndex lists the leaves of each path.
func oIndex(leaves []oLeaf) map[string][]int {
	idx := map[string][]int{}
	for i := range leaves {
		idx[leaves[i].path] = append(idx[leaves[i].path], i)
	}
	return idx
}

func oMatchWith(p *Pattern, leaves []oLeaf, byPath map[string][]int) bool {
	for _, sr := range p.subs {
		if oMatchSub(sr, leaves, byPath) {
			return true
		}
	}
	return false
}

func oMatchSub(sr subRule, leaves []oLeaf, byPath map[string][]int) bool {
	var chosen []*oLeaf
	var try func(k int) bool
	try = func(k int) bool {
		if k == len(sr.fields) {
			// exists:false fields that chose nothing: no compatible leaf may exist
			for _, f := range sr.fields {
				if !f.hasAbsent {
					continue
				}
				picked := false
				for _, c := range chosen {
					if c.path == f.path {
						picked = true
					}
				}
				if picked {
					continue
				}
				for _, i := range byPath[f.path] {
					l := &leaves[i]
					ok := true
					for _, c := range chosen {
						if !oCompatible(l.tags, c.tags) {
							ok = false
						}
					}
					if ok {
						return false
					}
				}
			}
			return true
		}
		f := sr.fields[k]
		for _, i := range byPath[f.path] {
			l := &leaves[i]
			sat := false
			for _, o := range f.ops {
				v := l.val
				if o.kind != opAbsent && o.test(&v, nil) {
					sat = true
				}
			}
			if !sat {
				continue
			}
			ok := true
			for _, c := range chosen {
				if !oCompatible(l.tags, c.tags) {
					ok = false
				}
			}
			if !ok {
				continue
			}
			chosen = append(chosen, l)
			if try(k + 1) {
				return true
			}
			chosen = chosen[:len(chosen)-1]
		}
		if f.hasAbsent {
			return try(k + 1)
		}
		return false
	}
	return try(0)
}

// oMatchText compiles and matches; it returns ok=false for an invalid pattern or event.
func oMatchText(pattern string, event []byte) (match, ok bool) {
	p, err := Compile(pattern)
	if err != nil {
		return false, false
	}
	leaves, ok := oFlatten(event)
	if !ok {
		return false, false
	}
	return oMatch(p, leaves), true
}
