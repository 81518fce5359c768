package query

import (
	"encoding/json"
	"slices"
	"strconv"

	"github.com/watchsim/watchsim/internal/jsonscan"
)

// obj is a result row (or a nested object of one) under construction: keys in the order the
// SELECT list first reaches them.
type obj struct {
	keys []string
	vals []any // a scalar or whole JSON value from the item, *obj, or projArr
}

// projArr is an array whose elements were projected onto selected sub-properties.
type projArr []any

func (o *obj) set(k string, v any) {
	for i, key := range o.keys {
		if key == k {
			o.vals[i] = merge(o.vals[i], v)
			return
		}
	}
	o.keys = append(o.keys, k)
	o.vals = append(o.vals, v)
}

// merge combines two projections of the same value: a whole value wins over a partial one,
// partial objects and arrays merge member by member.
func merge(a, b any) any {
	switch x := a.(type) {
	case *obj:
		if y, ok := b.(*obj); ok {
			for i, k := range y.keys {
				x.set(k, y.vals[i])
			}
			return x
		}
		return b
	case projArr:
		if y, ok := b.(projArr); ok && len(x) == len(y) {
			for i := range x {
				x[i] = merge(x[i], y[i])
			}
			return x
		}
		if _, ok := b.(projArr); ok {
			return a
		}
		return b
	}
	return a
}

// project returns v restricted to the property segs names, keeping the enclosing structure
// (objects nest, arrays keep one entry per element). ok is false when v has no such property.
func project(v any, segs []string) (any, bool) {
	if len(segs) == 0 {
		return v, true
	}
	switch t := v.(type) {
	case map[string]any:
		sub, ok := t[segs[0]]
		if !ok {
			return nil, false
		}
		r, ok := project(sub, segs[1:])
		if !ok {
			return nil, false
		}
		return &obj{keys: []string{segs[0]}, vals: []any{r}}, true
	case []any:
		out := make(projArr, len(t))
		found := false
		for i, e := range t {
			r, ok := project(e, segs)
			if ok {
				out[i], found = r, true
			} else {
				out[i] = &obj{}
			}
		}
		return out, found
	}
	return nil, false
}

// nest returns value placed under the path segs[1:] (the caller sets segs[0]).
func nest(segs []string, value any) any {
	for i := len(segs) - 1; i >= 1; i-- {
		value = &obj{keys: []string{segs[i]}, vals: []any{value}}
	}
	return value
}

// appendJSON appends v as JSON: *obj and projArr in their order, maps with sorted keys (as
// encoding/json writes them).
func appendJSON(dst []byte, v any) []byte {
	switch t := v.(type) {
	case nil:
		return append(dst, "null"...)
	case *obj:
		dst = append(dst, '{')
		for i, k := range t.keys {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = jsonscan.AppendString(dst, k)
			dst = append(dst, ':')
			dst = appendJSON(dst, t.vals[i])
		}
		return append(dst, '}')
	case projArr:
		dst = append(dst, '[')
		for i, e := range t {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendJSON(dst, e)
		}
		return append(dst, ']')
	case []any:
		dst = append(dst, '[')
		for i, e := range t {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendJSON(dst, e)
		}
		return append(dst, ']')
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		dst = append(dst, '{')
		for i, k := range keys {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = jsonscan.AppendString(dst, k)
			dst = append(dst, ':')
			dst = appendJSON(dst, t[k])
		}
		return append(dst, '}')
	case string:
		return jsonscan.AppendString(dst, t)
	case bool:
		return strconv.AppendBool(dst, t)
	case json.Number:
		return append(dst, t...)
	case int:
		return strconv.AppendInt(dst, int64(t), 10)
	case int64:
		return strconv.AppendInt(dst, t, 10)
	}
	if f, ok := number(v); ok {
		return appendNumber(dst, f)
	}
	// any other Go value: what encoding/json makes of it
	b, err := json.Marshal(v)
	if err != nil {
		return append(dst, "null"...)
	}
	return append(dst, b...)
}
