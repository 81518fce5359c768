package config

import (
	"encoding"
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/watchsim/watchsim/internal/jsonscan"
)

// Encoding published configurations. Services publish their Describe shapes as Go structs, and
// Config keeps each one's JSON. encoding/json is most of what a recorded change costs, so the
// struct types made only of what this file knows (strings, numbers, booleans, time.Time, pointers,
// slices, string-keyed maps, interfaces holding those, json.RawMessage, and structs of those) are
// encoded through a plan built once per type: the fields
// encoding/json would write, in its order, with its member names and omitempty rule, and their
// values written as it writes them. Anything else — other maps, embedded structs, Marshaler
// types, field options other than omitempty, and at run time a value encoding/json would escape
// or refuse (a string with HTML or control characters, a NaN, a time outside its range) — is
// left to encoding/json, so the bytes are always encoding/json's (TestPropertyPlanEncoder).

// plans caches the encoding plan of each published type (guarded by the state lock).
type plans struct {
	m     map[reflect.Type]*plan
	depth int                         // interfaces being encoded, one inside the other: a bound on cyclic values
	alarm map[reflect.Type]*alarmPlan // alarmdirect.go
}

// maxInterfaceDepth is how deep interfaces nest before encoding/json is left to decide (it
// refuses cycles).
const maxInterfaceDepth = 64

// plan encodes one type; nil (in the cache) when encoding/json must.
type plan struct {
	enc    func(dst []byte, v reflect.Value) ([]byte, bool)
	empty  func(v reflect.Value) bool // omitempty's test
	fields []planField                // a struct's members
}

type planField struct {
	name  string
	index int
	key   string // the member name as encoding/json writes it, with the colon
	omit  bool   // omitempty
	p     *plan
}

// encodeFast appends the JSON of conf when its type has a plan; ok false: use encoding/json.
func (ps *plans) encodeFast(dst []byte, conf any) ([]byte, bool) {
	v := reflect.ValueOf(conf)
	if !v.IsValid() {
		return dst, false
	}
	p := ps.of(v.Type(), nil)
	if p == nil {
		return dst, false
	}
	return p.enc(dst, v)
}

// of returns the plan of t (nil: none), building it once; busy holds the types being built, so
// that a recursive type gets none.
func (ps *plans) of(t reflect.Type, busy map[reflect.Type]bool) *plan {
	if p, ok := ps.m[t]; ok {
		return p
	}
	if busy[t] {
		return nil
	}
	if busy == nil {
		busy = map[reflect.Type]bool{}
	}
	busy[t] = true
	p := ps.build(t, busy)
	delete(busy, t)
	if ps.m == nil {
		ps.m = map[reflect.Type]*plan{}
	}
	ps.m[t] = p
	return p
}

func (ps *plans) build(t reflect.Type, busy map[reflect.Type]bool) *plan {
	switch t {
	case reflect.TypeFor[time.Time]():
		return &plan{enc: encodeTime, empty: func(reflect.Value) bool { return false }}
	case reflect.TypeFor[json.RawMessage]():
		return &plan{enc: encodeRaw, empty: func(v reflect.Value) bool { return v.Len() == 0 }}
	}
	// a pointer's methods are its element's (checked there) or its own pointer-receiver ones
	if k := t.Kind(); k != reflect.Pointer && k != reflect.Interface {
		pt := reflect.PointerTo(t)
		for _, m := range []reflect.Type{reflect.TypeFor[json.Marshaler](), reflect.TypeFor[encoding.TextMarshaler]()} {
			if t.Implements(m) || pt.Implements(m) {
				return nil
			}
		}
	}
	switch t.Kind() {
	case reflect.String:
		return &plan{enc: func(dst []byte, v reflect.Value) ([]byte, bool) { return appendJSONString(dst, v.String()), true },
			empty: func(v reflect.Value) bool { return v.Len() == 0 }}
	case reflect.Bool:
		return &plan{enc: func(dst []byte, v reflect.Value) ([]byte, bool) { return strconv.AppendBool(dst, v.Bool()), true },
			empty: func(v reflect.Value) bool { return !v.Bool() }}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return &plan{enc: func(dst []byte, v reflect.Value) ([]byte, bool) { return strconv.AppendInt(dst, v.Int(), 10), true },
			empty: func(v reflect.Value) bool { return v.Int() == 0 }}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return &plan{enc: func(dst []byte, v reflect.Value) ([]byte, bool) { return strconv.AppendUint(dst, v.Uint(), 10), true },
			empty: func(v reflect.Value) bool { return v.Uint() == 0 }}
	case reflect.Float32, reflect.Float64:
		bits := t.Bits()
		return &plan{enc: func(dst []byte, v reflect.Value) ([]byte, bool) { return appendJSONFloat(dst, v.Float(), bits) },
			empty: func(v reflect.Value) bool { return v.Float() == 0 }}
	case reflect.Pointer:
		e := ps.of(t.Elem(), busy)
		if e == nil {
			return nil
		}
		return &plan{enc: func(dst []byte, v reflect.Value) ([]byte, bool) {
			if v.IsNil() {
				return append(dst, "null"...), true
			}
			return e.enc(dst, v.Elem())
		}, empty: func(v reflect.Value) bool { return v.IsNil() }}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return nil // base64
		}
		e := ps.of(t.Elem(), busy)
		if e == nil {
			return nil
		}
		return &plan{enc: func(dst []byte, v reflect.Value) ([]byte, bool) {
			if v.IsNil() {
				return append(dst, "null"...), true
			}
			dst = append(dst, '[')
			for i := range v.Len() {
				if i > 0 {
					dst = append(dst, ',')
				}
				var ok bool
				if dst, ok = e.enc(dst, v.Index(i)); !ok {
					return dst, false
				}
			}
			return append(dst, ']'), true
		}, empty: func(v reflect.Value) bool { return v.Len() == 0 }}
	case reflect.Struct:
		return ps.buildStruct(t, busy)
	case reflect.Interface:
		// the dynamic value's plan, found (or built) when encoding
		return &plan{enc: func(dst []byte, v reflect.Value) ([]byte, bool) {
			if v.IsNil() {
				return append(dst, "null"...), true
			}
			e := v.Elem()
			p := ps.of(e.Type(), nil)
			if p == nil || ps.depth >= maxInterfaceDepth {
				return dst, false
			}
			ps.depth++
			dst, ok := p.enc(dst, e)
			ps.depth--
			return dst, ok
		}, empty: func(v reflect.Value) bool { return v.IsNil() }}
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			return nil
		}
		e := ps.of(t.Elem(), busy)
		if e == nil {
			return nil
		}
		return &plan{enc: func(dst []byte, v reflect.Value) ([]byte, bool) {
			if v.IsNil() {
				return append(dst, "null"...), true
			}
			keys := make([]reflect.Value, 0, v.Len())
			for it := v.MapRange(); it.Next(); {
				keys = append(keys, it.Key())
			}
			slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
			dst = append(dst, '{')
			for i, k := range keys {
				if i > 0 {
					dst = append(dst, ',')
				}
				dst = appendJSONString(dst, k.String())
				dst = append(dst, ':')
				var ok bool
				if dst, ok = e.enc(dst, v.MapIndex(k)); !ok {
					return dst, false
				}
			}
			return append(dst, '}'), true
		}, empty: func(v reflect.Value) bool { return v.Len() == 0 }}
	}
	return nil
}

// encodeRaw writes a json.RawMessage as encoding/json does (compacted, HTML-escaped, refused
// when invalid): as it is when it is valid and has nothing to compact or escape, through
// encoding/json otherwise.
func encodeRaw(dst []byte, v reflect.Value) ([]byte, bool) {
	if v.IsNil() {
		return append(dst, "null"...), true
	}
	return appendRaw(dst, v.Bytes())
}

// appendRaw writes a non-nil json.RawMessage as encoding/json does (encodeRaw).
func appendRaw(dst []byte, b []byte) ([]byte, bool) {
	plain := len(b) > 0
	for _, c := range b {
		if c <= ' ' || c >= 0x7f || c == '<' || c == '>' || c == '&' {
			plain = false
			break
		}
	}
	if plain {
		if end, f := jsonscan.Validate(b, 0, 0, 64); f == jsonscan.NoFault && end == len(b) {
			return append(dst, b...), true
		}
	}
	out, err := json.Marshal(json.RawMessage(b))
	if err != nil {
		return dst, false
	}
	return append(dst, out...), true
}

func (ps *plans) buildStruct(t reflect.Type, busy map[reflect.Type]bool) *plan {
	p := &plan{empty: func(reflect.Value) bool { return false }}
	seen := map[string]bool{}
	for i := range t.NumField() {
		sf := t.Field(i)
		if sf.Anonymous {
			return nil // embedded: encoding/json's promotion rules
		}
		if !sf.IsExported() {
			continue
		}
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if !validTagName(name) {
			name = ""
		}
		if name == "" {
			name = sf.Name
		}
		omit := false
		for opts != "" {
			var o string
			o, opts, _ = strings.Cut(opts, ",")
			switch o {
			case "omitempty":
				omit = true
			case "":
			default:
				return nil // string, omitzero, or an option encoding/json may learn
			}
		}
		if seen[name] {
			return nil // encoding/json's rules for clashing names
		}
		seen[name] = true
		fp := ps.of(sf.Type, busy)
		if fp == nil {
			return nil
		}
		key, _ := json.Marshal(name)
		p.fields = append(p.fields, planField{name: name, index: i, key: string(key) + ":", omit: omit, p: fp})
	}
	p.enc = func(dst []byte, v reflect.Value) ([]byte, bool) {
		dst = append(dst, '{')
		first := true
		for _, f := range p.fields {
			fv := v.Field(f.index)
			if f.omit && f.p.empty(fv) {
				continue
			}
			if !first {
				dst = append(dst, ',')
			}
			first = false
			dst = append(dst, f.key...)
			var ok bool
			if dst, ok = f.p.enc(dst, fv); !ok {
				return dst, false
			}
		}
		return append(dst, '}'), true
	}
	return p
}

// validTagName is encoding/json's test of a tag's member name.
func validTagName(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			return false
		}
	}
	return true
}

// appendJSONString appends s as encoding/json writes it (HTML-escaped): plain printable ASCII
// directly, anything else through encoding/json itself.
func appendJSONString(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			b, _ := json.Marshal(s)
			return append(dst, b...)
		}
	}
	dst = append(dst, '"')
	dst = append(dst, s...)
	return append(dst, '"')
}

// appendJSONFloat appends f as encoding/json writes a float of the given bits; ok false for the
// values it refuses (NaN, infinities).
func appendJSONFloat(dst []byte, f float64, bits int) ([]byte, bool) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return dst, false
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21)) {
		format = 'e'
	}
	dst = strconv.AppendFloat(dst, f, format, -1, bits)
	if format == 'e' {
		// e-09 is written e-9
		if n := len(dst); n >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
			dst[n-2] = dst[n-1]
			dst = dst[:n-1]
		}
	}
	return dst, true
}

// encodeTime writes a time.Time as its MarshalJSON does, for UTC times of years 0–9999 (others:
// ok false, encoding/json decides).
func encodeTime(dst []byte, v reflect.Value) ([]byte, bool) {
	var t time.Time
	if v.CanAddr() {
		t = *v.Addr().Interface().(*time.Time)
	} else {
		t = v.Interface().(time.Time)
	}
	if t.Location() != time.UTC || t.Year() < 0 || t.Year() > 9999 {
		return dst, false
	}
	dst = append(dst, '"')
	dst = t.AppendFormat(dst, time.RFC3339Nano)
	return append(dst, '"'), true
}
