package awsapi

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"net/url"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"
)

// The AWS query protocol (https://smithy.io/2.0/aws/protocols/aws-query-protocol.html): a form body
// "Action=Op&Version=…&Member.member.1.Name=…" in, an XML document out. The form is read, guided by
// the input shape's plan, into the shape's JSON form (lists from ".member.N", maps from
// ".entry.N.key/.value", numbers and booleans by the member's Go kind, timestamps as ISO 8601) and
// then decoded by encoding/json; outputs are marshalled by encoding/json and written as XML in the
// order of the shape's members.

// decodeQuery reads the form parameters (without Action and Version) into in.
func decodeQuery(form url.Values, in any, pl *plan) error {
	root := map[string]any{}
	keys := make([]string, 0, len(form))
	for k := range form {
		if k != "Action" && k != "Version" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		if err := setQuery(root, pl, strings.Split(k, "."), form.Get(k), k); err != nil {
			return err
		}
	}
	tree := finishQuery(root, pl)
	b, err := json.Marshal(tree)
	if err != nil {
		return serialization(err.Error())
	}
	if err := json.Unmarshal(b, in); err != nil {
		return serialization(jsonErrorText(err))
	}
	return nil
}

// Lists are built as map[int]any (index → member) and turned into slices by finishQuery.
type qlist map[int]any

func setQuery(node map[string]any, pl *plan, path []string, value, key string) error {
	name := path[0]
	f := pl.fields[name]
	if f == nil {
		return nil // AWS ignores parameters it does not know
	}
	rest := path[1:]
	if len(rest) == 0 {
		v, err := queryScalar(value, f, key)
		if err != nil {
			return err
		}
		node[name] = v
		return nil
	}
	switch f.kind {
	case planStruct:
		child, _ := node[name].(map[string]any)
		if child == nil {
			child = map[string]any{}
			node[name] = child
		}
		return setQuery(child, f, rest, value, key)
	case planList:
		if rest[0] == "member" {
			rest = rest[1:]
		}
		if len(rest) == 0 {
			return nil
		}
		i, err := strconv.Atoi(rest[0])
		if err != nil || i < 1 {
			return serialization("malformed list index in " + key)
		}
		l, _ := node[name].(qlist)
		if l == nil {
			l = qlist{}
			node[name] = l
		}
		if len(rest) == 1 {
			v, err := queryScalar(value, f.elem, key)
			if err != nil {
				return err
			}
			l[i] = v
			return nil
		}
		if f.elem.kind != planStruct {
			return serialization("unexpected nesting in " + key)
		}
		child, _ := l[i].(map[string]any)
		if child == nil {
			child = map[string]any{}
			l[i] = child
		}
		return setQuery(child, f.elem, rest[1:], value, key)
	case planMap:
		if rest[0] == "entry" {
			rest = rest[1:]
		}
		if len(rest) != 2 || (rest[1] != "key" && rest[1] != "value") {
			return serialization("malformed map entry in " + key)
		}
		i, err := strconv.Atoi(rest[0])
		if err != nil || i < 1 {
			return serialization("malformed map index in " + key)
		}
		l, _ := node[name].(qlist)
		if l == nil {
			l = qlist{}
			node[name] = l
		}
		e, _ := l[i].([2]any)
		if rest[1] == "key" {
			e[0] = value
		} else {
			v, err := queryScalar(value, f.elem, key)
			if err != nil {
				return err
			}
			e[1] = v
		}
		l[i] = e
		return nil
	}
	return serialization("unexpected nesting in " + key)
}

// queryScalar converts one form value to its JSON form by the member's kind. An empty value for a
// list or structure member is an empty list or structure.
func queryScalar(value string, pl *plan, key string) (any, error) {
	switch pl.kind {
	case planList:
		return []any{}, nil
	case planStruct, planMap:
		return map[string]any{}, nil
	case planTime:
		t, err := parseISO8601(value)
		if err != nil {
			if n, err2 := epochSeconds(value); err2 == nil {
				return n.Format(time.RFC3339Nano), nil
			}
			return nil, err
		}
		return t.Format(time.RFC3339Nano), nil
	}
	switch pl.goKind {
	case reflect.Bool:
		b, err := strconv.ParseBool(value)
		if err != nil {
			return nil, serialization("value " + strconv.Quote(value) + " of " + key + " is not a boolean")
		}
		return b, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if _, err := strconv.ParseInt(value, 10, 64); err != nil {
			return nil, serialization("value " + strconv.Quote(value) + " of " + key + " is not an integer")
		}
		return json.Number(value), nil
	case reflect.Float32, reflect.Float64:
		switch value {
		case "NaN", "Infinity", "-Infinity":
			return value, nil
		}
		if _, err := strconv.ParseFloat(value, 64); err != nil {
			return nil, serialization("value " + strconv.Quote(value) + " of " + key + " is not a number")
		}
		return json.Number(value), nil
	}
	return value, nil
}

// finishQuery turns the index maps of lists and maps into JSON arrays and objects, in index order.
func finishQuery(v any, pl *plan) any {
	switch x := v.(type) {
	case map[string]any:
		for k, c := range x {
			if f := pl.fields[k]; f != nil {
				x[k] = finishQuery(c, f)
			}
		}
		return x
	case qlist:
		idx := make([]int, 0, len(x))
		for i := range x {
			idx = append(idx, i)
		}
		sort.Ints(idx)
		if pl.kind == planMap {
			m := map[string]any{}
			for _, i := range idx {
				e := x[i].([2]any)
				if k, ok := e[0].(string); ok {
					m[k] = finishQuery(e[1], pl.elem)
				}
			}
			return m
		}
		l := make([]any, 0, len(idx))
		for _, i := range idx {
			l = append(l, finishQuery(x[i], pl.elem))
		}
		return l
	}
	return v
}

// encodeQueryXML writes the XML response of op: <OpResponse><OpResult>…</OpResult>
// <ResponseMetadata><RequestId>…</RequestId></ResponseMetadata></OpResponse>.
func encodeQueryXML(op, namespace, requestID string, out any, pl *plan) ([]byte, error) {
	b, err := json.Marshal(out)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var tree any
	if err := dec.Decode(&tree); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.WriteString(`<` + op + `Response xmlns="` + namespace + `">`)
	if m, ok := tree.(map[string]any); ok && len(m) > 0 {
		buf.WriteString("<" + op + "Result>")
		writeXMLMembers(&buf, m, pl)
		buf.WriteString("</" + op + "Result>")
	}
	buf.WriteString("<ResponseMetadata><RequestId>")
	xmlText(&buf, requestID)
	buf.WriteString("</RequestId></ResponseMetadata></" + op + "Response>")
	return buf.Bytes(), nil
}

func writeXMLMembers(buf *bytes.Buffer, m map[string]any, pl *plan) {
	names := pl.order
	if pl.kind != planStruct {
		names = make([]string, 0, len(m))
		for k := range m {
			names = append(names, k)
		}
		sort.Strings(names)
	}
	for _, k := range names {
		v, ok := m[k]
		if !ok || v == nil {
			continue
		}
		f := pl.fields[k]
		if f == nil {
			f = &plan{kind: planAny}
		}
		if f.kind == planTime {
			if s, _ := v.(string); s == "" || strings.HasPrefix(s, "0001-01-01T00:00:00") {
				continue
			}
		}
		buf.WriteString("<" + k + ">")
		writeXMLValue(buf, v, f)
		buf.WriteString("</" + k + ">")
	}
}

func writeXMLValue(buf *bytes.Buffer, v any, pl *plan) {
	switch x := v.(type) {
	case map[string]any:
		if pl.kind == planMap {
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				buf.WriteString("<entry><key>")
				xmlText(buf, k)
				buf.WriteString("</key><value>")
				writeXMLValue(buf, x[k], pl.elem)
				buf.WriteString("</value></entry>")
			}
			return
		}
		if pl.kind != planStruct {
			pl = &plan{kind: planAny}
		}
		writeXMLMembers(buf, x, pl)
	case []any:
		elem := pl.elem
		if elem == nil {
			elem = &plan{kind: planAny}
		}
		for _, e := range x {
			buf.WriteString("<member>")
			writeXMLValue(buf, e, elem)
			buf.WriteString("</member>")
		}
	case string:
		xmlText(buf, x)
	case json.Number:
		buf.WriteString(string(x))
	case bool:
		buf.WriteString(strconv.FormatBool(x))
	}
}

func xmlText(buf *bytes.Buffer, s string) { _ = xml.EscapeText(buf, []byte(s)) }
