package awsapi

import (
	"encoding/json"
	"reflect"
	"strings"
	"time"
)

// A plan is what the codecs need to know about one Go type of a service's shapes to translate between
// its encoding/json form (the AWS JSON form with RFC 3339 timestamps, see docs/ARCHITECTURE.md §7) and
// a protocol's wire form: which JSON members are timestamps, which are lists or maps, and the order
// of a structure's members. Plans are built once per Handler, for every input and output type of
// every operation it serves, and only read afterwards.
type plan struct {
	kind   planKind
	goKind reflect.Kind     // the Go kind of a scalar (string, bool, ints, floats)
	fields map[string]*plan // a structure's members by JSON name
	order  []string         // a structure's member names in declaration order
	elem   *plan            // a list's member or a map's value
	index  [][]int          // a structure's members' field indexes, parallel to order
	kids   []*plan          // a structure's members' plans, parallel to order
	times  bool             // a timestamp is reachable from here (set by finish)
	// timeKids are the positions in kids of the members from which a timestamp is reachable
	// (a structure's; set by finish once, when the plan reached its fixpoint)
	timeKids []int
	finished bool
}

type planKind uint8

const (
	planScalar planKind = iota
	planAny             // an interface member: a JSON document passed through as it is
	planTime            // time.Time: RFC 3339 in encoding/json, epoch seconds or ISO 8601 on the wire
	planStruct
	planList
	planMap
	planBlob // []byte: base64 in JSON and query, a byte string in CBOR
)

// planner builds plans, sharing one plan per Go type (shapes may be recursive).
type planner struct {
	seen map[reflect.Type]*plan
}

func newPlanner() *planner { return &planner{seen: map[reflect.Type]*plan{}} }

func (p *planner) of(t reflect.Type) *plan {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if pl, ok := p.seen[t]; ok {
		return pl
	}
	pl := &plan{goKind: t.Kind()}
	p.seen[t] = pl
	switch {
	case t == reflect.TypeFor[time.Time]():
		pl.kind = planTime
	case t == reflect.TypeFor[json.RawMessage]():
		pl.kind = planAny // a JSON document (EventBridge's pass-through members)
	case t == reflect.TypeFor[[]byte]() || (t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8):
		pl.kind = planBlob
	case t.Kind() == reflect.Interface:
		pl.kind = planAny
	case t.Kind() == reflect.Struct:
		pl.kind = planStruct
		pl.fields = map[string]*plan{}
		p.addFields(pl, t, nil)
	case t.Kind() == reflect.Slice || t.Kind() == reflect.Array:
		pl.kind = planList
		pl.elem = p.of(t.Elem())
	case t.Kind() == reflect.Map:
		pl.kind = planMap
		pl.elem = p.of(t.Elem())
	}
	return pl
}

// addFields adds the members of struct type t as encoding/json sees them: the JSON tag name or the
// field name, "-" skipped, unexported fields skipped, untagged embedded structs promoted.
func (p *planner) addFields(pl *plan, t reflect.Type, prefix []int) {
	type embed struct {
		t     reflect.Type
		index []int
	}
	var embedded []embed
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct && f.Type.Kind() != reflect.Pointer {
				embedded = append(embedded, embed{ft, append(append([]int(nil), prefix...), i)}) // after the direct members, which shadow promoted ones
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if _, dup := pl.fields[name]; dup {
			continue // a shallower member shadows a promoted one, as in encoding/json
		}
		pl.fields[name] = p.of(f.Type)
		pl.kids = append(pl.kids, pl.fields[name])
		pl.order = append(pl.order, name)
		pl.index = append(pl.index, append(append([]int(nil), prefix...), i))
	}
	for _, e := range embedded {
		p.addFields(pl, e.t, e.index)
	}
}

// finish marks every plan from which a timestamp can be reached, so a walk that only cares about
// timestamps skips the rest.
func (p *planner) finish() {
	for changed := true; changed; {
		changed = false
		for _, pl := range p.seen {
			if pl.times {
				continue
			}
			t := pl.kind == planTime || (pl.elem != nil && pl.elem.times)
			for _, f := range pl.fields {
				t = t || f.times
			}
			if t {
				pl.times, changed = true, true
			}
		}
	}
	// The plans finished by an earlier call are at their fixpoint and may be read concurrently:
	// only the new ones are written.
	for _, pl := range p.seen {
		if pl.finished {
			continue
		}
		pl.finished = true
		for i, f := range pl.kids {
			if f.times {
				pl.timeKids = append(pl.timeKids, i)
			}
		}
	}
}
