package awsapi

import (
	"bytes"
	"encoding/json"
	"net/url"
	"reflect"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/watchsim/watchsim"
	"pgregory.net/rapid"
)

// genValue draws a value of type t: strings from a small alphabet with some non-ASCII letters,
// numbers in their type's range, finite doubles, timestamps to the millisecond, lists and maps of up
// to three members, pointers sometimes nil; interface members stay nil (they are JSON documents
// the codecs pass through).
func genValue(t *rapid.T, typ reflect.Type, path string, depth int) reflect.Value {
	v := reflect.New(typ).Elem()
	switch {
	case typ == reflect.TypeFor[json.RawMessage]():
		return v // a JSON document, passed through
	case typ == reflect.TypeFor[time.Time]():
		ms := rapid.Int64Range(0, 4102444800000).Draw(t, path)
		v.Set(reflect.ValueOf(time.UnixMilli(ms).UTC()))
		return v
	}
	switch typ.Kind() {
	case reflect.Pointer:
		if depth > 4 || !rapid.Bool().Draw(t, path+"?") {
			return v
		}
		v.Set(genValue(t, typ.Elem(), path, depth+1).Addr())
	case reflect.Struct:
		for i := 0; i < typ.NumField(); i++ {
			f := typ.Field(i)
			if !f.IsExported() || f.Tag.Get("json") == "-" {
				continue
			}
			v.Field(i).Set(genValue(t, f.Type, path+"."+f.Name, depth+1))
		}
	case reflect.Slice:
		if typ.Elem().Kind() == reflect.Uint8 {
			v.SetBytes(rapid.SliceOfN(rapid.Byte(), 0, 8).Draw(t, path))
			return v
		}
		n := 0
		if depth <= 4 && typ.Elem().Kind() != reflect.Interface {
			n = rapid.IntRange(0, 3).Draw(t, path+"#")
		}
		s := reflect.MakeSlice(typ, n, n)
		for i := 0; i < n; i++ {
			s.Index(i).Set(genValue(t, typ.Elem(), path+"["+strconv.Itoa(i)+"]", depth+1))
		}
		v.Set(s)
	case reflect.Map:
		if typ.Key().Kind() != reflect.String || depth > 4 {
			return v
		}
		n := rapid.IntRange(0, 2).Draw(t, path+"#")
		m := reflect.MakeMap(typ)
		for i := 0; i < n; i++ {
			k := reflect.New(typ.Key()).Elem()
			k.SetString(rapid.StringMatching(`[a-z]{1,6}`).Draw(t, path+"{k}"))
			m.SetMapIndex(k, genValue(t, typ.Elem(), path+"{v}", depth+1))
		}
		v.Set(m)
	case reflect.String:
		v.SetString(rapid.StringMatching(`[A-Za-z0-9 _./:*-]{0,10}|[äßéø日本 ]{1,4}`).Draw(t, path))
	case reflect.Bool:
		v.SetBool(rapid.Bool().Draw(t, path))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		bits := typ.Bits()
		v.SetInt(rapid.Int64Range(-(1<<(bits-1)), 1<<(bits-1)-1).Draw(t, path))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(rapid.Uint64Range(0, 1<<(typ.Bits()-1)).Draw(t, path))
	case reflect.Float32:
		v.SetFloat(float64(rapid.Float32Range(-1e6, 1e6).Draw(t, path)))
	case reflect.Float64:
		v.SetFloat(rapid.Float64Range(-1e15, 1e15).Draw(t, path))
	}
	return v
}

// canonical is a value's JSON form with empty objects, empty lists and nulls removed, which is what
// every protocol can express (query cannot send an empty list or structure; CBOR sends nil lists as
// null).
func canonical(t *rapid.T, v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var tree any
	if err := dec.Decode(&tree); err != nil {
		t.Fatal(err)
	}
	return prune(tree)
}

func prune(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, c := range x {
			if p := prune(c); p == nil {
				delete(x, k)
			} else {
				x[k] = p
			}
		}
		if len(x) == 0 {
			return nil
		}
	case []any:
		if len(x) == 0 {
			return nil
		}
		for i, c := range x {
			x[i] = prune(c)
		}
	case json.Number:
		// 1e+06 and 1000000 are the same double
		if f, err := x.Float64(); err == nil {
			return f
		}
	}
	return v
}

// encodeQueryForm writes v as an SDK writes a query request: Name, Name.member.N, Name.entry.N.key.
func encodeQueryForm(t *rapid.T, v any, pl *plan) url.Values {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var tree any
	if err := dec.Decode(&tree); err != nil {
		t.Fatal(err)
	}
	form := url.Values{}
	var walk func(prefix string, v any, pl *plan)
	walk = func(prefix string, v any, pl *plan) {
		switch x := v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for i, k := range keys {
				if pl.kind == planMap {
					n := prefix + ".entry." + strconv.Itoa(i+1)
					form.Set(n+".key", k)
					walk(n+".value", x[k], pl.elem)
					continue
				}
				f := pl.fields[k]
				if f == nil {
					continue
				}
				name := k
				if prefix != "" {
					name = prefix + "." + k
				}
				walk(name, x[k], f)
			}
		case []any:
			for i, e := range x {
				walk(prefix+".member."+strconv.Itoa(i+1), e, pl.elem)
			}
		case nil:
		case string:
			form.Set(prefix, x)
		case json.Number:
			form.Set(prefix, string(x))
		case bool:
			form.Set(prefix, strconv.FormatBool(x))
		}
	}
	walk("", tree, pl)
	return form
}

// TestRoundTrip: for generated inputs of every operation the handler serves, encoding as a client
// does (CBOR, AWS JSON, query form) and decoding gives the same value back.
func TestRoundTrip(t *testing.T) {
	sim, err := watchsim.New()
	if err != nil {
		t.Fatal(err)
	}
	defer sim.Close()
	h, err := New(sim)
	if err != nil {
		t.Fatal(err)
	}
	for _, svc := range h.state.Load().services {
		names := make([]string, 0, len(svc.ops))
		for n := range svc.ops {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, name := range names {
			op := svc.ops[name]
			h.plansOf(op)
			t.Run(svc.signing+"/"+name, func(t *testing.T) {
				rapid.Check(t, func(rt *rapid.T) {
					in := genValue(rt, op.in, name, 0).Addr().Interface()
					want := canonical(rt, in)
					check := func(proto string, decode func(dst any) error) {
						dst := reflect.New(op.in).Interface()
						if err := decode(dst); err != nil {
							rt.Fatalf("%s decode: %v", proto, err)
						}
						if got := canonical(rt, dst); !reflect.DeepEqual(got, want) {
							rt.Fatalf("%s round trip:\n got  %v\n want %v", proto, got, want)
						}
					}
					if svc.protos&(JSON10|JSON11) != 0 {
						body, err := encodeJSON(in, op.inPlan)
						if err != nil {
							rt.Fatal(err)
						}
						check("json", func(dst any) error { return decodeJSON(body, dst, op.inPlan) })
					}
					if svc.protos&RPCv2CBOR != 0 {
						body, err := h.cbor.encode(in)
						if err != nil {
							rt.Fatal(err)
						}
						check("cbor", func(dst any) error { return h.cbor.decode(body, dst, op.inPlan) })
					}
					if svc.protos&Query != 0 {
						form := encodeQueryForm(rt, in, op.inPlan)
						check("query", func(dst any) error { return decodeQuery(form, dst, op.inPlan) })
					}
				})
			})
		}
	}
}
