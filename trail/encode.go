package trail

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/watchsim/watchsim/internal/awsjson"
	"github.com/watchsim/watchsim/internal/javafmt"
)

// How requestParameters and responseElements are written (AWS samples in the CloudWatch,
// CloudWatch Logs and EventBridge user guides' CloudTrail pages, e.g.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/logging_cw_api_calls.html):
// member names in lowerCamelCase, numbers as numbers (doubles as Java prints them, "50.0"),
// timestamps as Java's default date format ("Apr 19, 2024, 4:00:00 AM"), map keys (tags, user
// data) verbatim.

// JavaTimeLayout is how timestamps inside requestParameters and responseElements are written.
const JavaTimeLayout = "Jan 2, 2006, 3:04:05 PM"

// redaction says what happens to one member while parameters are written.
type redaction int

const (
	keep redaction = iota
	drop
	hide // written as "HIDDEN_DUE_TO_SECURITY_REASONS"
)

// hiddenValue is what AWS writes in place of a redacted member (PutEvents entries' detail).
const hiddenValue = "HIDDEN_DUE_TO_SECURITY_REASONS"

// encoder writes a Go value as CloudTrail writes parameters. path holds the member names from the
// top (array elements add nothing), which the policy reads.
type encoder struct {
	buf    []byte
	path   []string
	policy func(path []string, member string) redaction
	cache  *sync.Map // reflect.Type → []field
	recent *recentTypes
}

// recentTypes caches the member lists of the last few struct types a builder's scratch met, in
// front of the Builder's shared cache (a sync.Map lookup hashes the type).
type recentTypes struct {
	t    [4]reflect.Type
	fs   [4][]field
	next int
	hit  int // the slot found last, looked at first
	// the special types, looked up once
	timeT, rawT reflect.Type
	// per encodeParams slot (request, response): the last pointer-to-struct type written at the
	// top and its struct's members
	top [2]struct {
		t    reflect.Type
		fs   []field
		flat bool // every member a string, bool or number (memo.go)
	}
}

// fieldsFor returns the members of struct type t.
func (e *encoder) fieldsFor(t reflect.Type) []field {
	r := e.recent
	if r.t[r.hit] == t {
		return r.fs[r.hit]
	}
	for i := range r.t {
		if r.t[i] == t {
			r.hit = i
			return r.fs[i]
		}
	}
	var fs []field
	if c, ok := e.cache.Load(t); ok {
		fs = c.([]field)
	} else {
		fs = fieldsOf(t)
		e.cache.Store(t, fs)
	}
	r.t[r.next], r.fs[r.next] = t, fs
	r.next = (r.next + 1) % len(r.t)
	return fs
}

// The types the encoder treats specially (functions: nothing is computed at initialisation).
func timeType() reflect.Type      { return reflect.TypeFor[time.Time]() }
func rawType() reflect.Type       { return reflect.TypeFor[json.RawMessage]() }
func marshalerType() reflect.Type { return reflect.TypeFor[json.Marshaler]() }

// decapitalize lowers the first letter of an AWS member name as Java's
// java.beans.Introspector.decapitalize does: "AlarmName" → "alarmName", "S3BucketName" →
// "s3BucketName", but a name whose first two letters are capitals stays ("ARN", "KMSKeyId").
// [derived]: the AWS samples agree on the first two; acronym members are rare in these APIs.
func decapitalize(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	if len(s) > 1 && s[1] >= 'A' && s[1] <= 'Z' {
		return s
	}
	return string(s[0]+('a'-'A')) + s[1:]
}

// value appends v.
func (e *encoder) value(v reflect.Value) {
	if !v.IsValid() {
		e.buf = append(e.buf, "null"...)
		return
	}
	// The special types are checked under their kind: most values are none of them.
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			e.buf = append(e.buf, "null"...)
			return
		}
		e.value(v.Elem())
		return
	case reflect.Struct:
		t := v.Type()
		if t == e.recent.timeT {
			e.buf = appendString(e.buf, v.Interface().(time.Time).UTC().Format(JavaTimeLayout))
			return
		}
		e.structValue(v, t)
		return
	case reflect.Map:
		e.mapValue(v)
		return
	case reflect.Slice:
		t := v.Type()
		if t == e.recent.rawT {
			e.rawValue(v.Bytes())
			return
		}
		if v.IsNil() {
			e.buf = append(e.buf, "null"...)
			return
		}
		if t.Elem().Kind() == reflect.Uint8 {
			e.buf = append(e.buf, '"')
			e.buf = base64.StdEncoding.AppendEncode(e.buf, v.Bytes())
			e.buf = append(e.buf, '"')
			return
		}
		fallthrough
	case reflect.Array:
		e.buf = append(e.buf, '[')
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				e.buf = append(e.buf, ',')
			}
			e.value(v.Index(i))
		}
		e.buf = append(e.buf, ']')
		return
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64: // awsjson.Double included
		e.scalar(v, v.Kind())
		return
	}
	if t := v.Type(); t.Implements(marshalerType()) {
		if raw, err := v.Interface().(json.Marshaler).MarshalJSON(); err == nil && json.Valid(raw) {
			e.buf = appendCompact(e.buf, raw)
			return
		}
	}
	e.buf = append(e.buf, "null"...)
}

// scalar appends v, of kind k: a string, a bool or a number.
func (e *encoder) scalar(v reflect.Value, k reflect.Kind) {
	switch k {
	case reflect.String:
		e.buf = appendString(e.buf, v.String())
	case reflect.Bool:
		e.buf = strconv.AppendBool(e.buf, v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.buf = strconv.AppendInt(e.buf, v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		e.buf = strconv.AppendUint(e.buf, v.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		e.buf = appendDouble(e.buf, v.Float())
	}
}

// isScalar reports whether value writes a value of kind k with scalar (whatever its type).
func isScalar(k reflect.Kind) bool {
	switch k {
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64:
		return true
	}
	return false
}

// rawValue appends a json.RawMessage: compacted when it is valid JSON, else as a string; null
// when empty.
func (e *encoder) rawValue(raw []byte) {
	if len(raw) == 0 {
		e.buf = append(e.buf, "null"...)
		return
	}
	if json.Valid(raw) {
		e.buf = appendCompact(e.buf, raw)
	} else {
		e.buf = appendString(e.buf, string(raw))
	}
}

// appendDouble writes a double as the Java services print it; non-finite values (which only a
// refused call can carry) as the AWS JSON protocol's strings.
func appendDouble(dst []byte, f float64) []byte {
	if !awsjson.Finite(f) {
		raw, _ := awsjson.Double(f).MarshalJSON()
		return append(dst, raw...)
	}
	return javafmt.AppendJSONNumber(dst, f)
}

func appendCompact(dst, raw []byte) []byte {
	b := bytes.NewBuffer(dst)
	if err := json.Compact(b, raw); err != nil {
		return append(dst, "null"...)
	}
	return b.Bytes()
}

// field is one member of a struct as encoding/json sees it.
type field struct {
	name      string
	member    string // name as CloudTrail writes it (decapitalize)
	key       []byte // member quoted, and ':'
	index     int
	omitEmpty bool
	omitZero  bool
	scalar    bool // a string, bool or number: written by scalar
	kind      reflect.Kind
}

// fieldsOf lists the JSON members of a struct type (exported fields, json tag names, "-" skipped).
func fieldsOf(t reflect.Type) []field {
	var fs []field
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts := tag, ""
		for j := 0; j < len(tag); j++ {
			if tag[j] == ',' {
				name, opts = tag[:j], tag[j:]
				break
			}
		}
		if name == "" {
			name = sf.Name
		}
		f := field{name: name, member: decapitalize(name), index: i, kind: sf.Type.Kind(), scalar: isScalar(sf.Type.Kind())}
		f.key = append(appendString(nil, f.member), ':')
		for _, o := range splitComma(opts) {
			switch o {
			case "omitempty":
				f.omitEmpty = true
			case "omitzero":
				f.omitZero = true
			}
		}
		fs = append(fs, f)
	}
	return fs
}

func splitComma(s string) []string {
	var out []string
	for len(s) > 0 {
		if s[0] == ',' {
			s = s[1:]
			continue
		}
		j := 0
		for j < len(s) && s[j] != ',' {
			j++
		}
		out = append(out, s[:j])
		s = s[j:]
	}
	return out
}

func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}

// structValue appends v, a struct of type t.
func (e *encoder) structValue(v reflect.Value, t reflect.Type) { e.structFields(v, e.fieldsFor(t)) }

// structFields appends v, a struct whose members are fs.
func (e *encoder) structFields(v reflect.Value, fs []field) {
	e.buf = append(e.buf, '{')
	first := true
	for _, f := range fs {
		fv := v.Field(f.index)
		if f.omitEmpty && isEmpty(fv) || f.omitZero && fv.IsZero() {
			continue
		}
		name := f.member
		act := keep
		if e.policy != nil {
			act = e.policy(e.path, name)
		}
		if act == drop {
			continue
		}
		if !first {
			e.buf = append(e.buf, ',')
		}
		first = false
		e.buf = append(e.buf, f.key...)
		if act == hide {
			e.buf = appendString(e.buf, hiddenValue)
			continue
		}
		if e.policy == nil { // only a policy reads the path
			if f.scalar {
				e.scalar(fv, f.kind)
			} else {
				e.value(fv)
			}
			continue
		}
		e.path = append(e.path, name)
		e.value(fv)
		e.path = e.path[:len(e.path)-1]
	}
	e.buf = append(e.buf, '}')
}

func (e *encoder) mapValue(v reflect.Value) {
	if v.IsNil() {
		e.buf = append(e.buf, "null"...)
		return
	}
	keys := v.MapKeys()
	names := make([]string, len(keys))
	for i, k := range keys {
		switch k.Kind() {
		case reflect.String:
			names[i] = k.String()
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			names[i] = strconv.FormatInt(k.Int(), 10)
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			names[i] = strconv.FormatUint(k.Uint(), 10)
		}
	}
	order := make([]int, len(keys))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		switch {
		case names[a] < names[b]:
			return -1
		case names[a] > names[b]:
			return 1
		}
		return 0
	})
	e.buf = append(e.buf, '{')
	for n, i := range order {
		if n > 0 {
			e.buf = append(e.buf, ',')
		}
		e.buf = appendString(e.buf, names[i])
		e.buf = append(e.buf, ':')
		e.value(v.MapIndex(keys[i]))
	}
	e.buf = append(e.buf, '}')
}

// encodeParams writes v (an operation's input or output) as requestParameters/responseElements.
// A nil value, or an output struct with no members set, is null.
// sc lends the encoder its member path and recent types; slot says which of sc's top-level types
// to look at first (0 for requests, 1 for responses).
func encodeParams(dst []byte, v any, policy func([]string, string) redaction, cache *sync.Map, sc *scratch, slot int) []byte {
	if v == nil {
		return append(dst, "null"...)
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer && rv.IsNil() {
		return append(dst, "null"...)
	}
	if sc.types.timeT == nil {
		sc.types.timeT, sc.types.rawT = timeType(), rawType()
	}
	e := encoder{buf: dst, path: sc.path[:0], policy: policy, cache: cache, recent: &sc.types}
	// An operation's input or output is a pointer to a struct: its members found at once.
	top, t := &sc.types.top[slot], reflect.TypeOf(v)
	switch {
	case t == top.t:
		e.structFields(rv.Elem(), top.fs)
	case t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct && t.Elem() != sc.types.timeT:
		top.t, top.fs = t, e.fieldsFor(t.Elem())
		top.flat = true
		for _, f := range top.fs {
			top.flat = top.flat && f.scalar
		}
		e.structFields(rv.Elem(), top.fs)
	default:
		e.value(rv)
	}
	sc.path = e.path[:0]
	return e.buf
}
