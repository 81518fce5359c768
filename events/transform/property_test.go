package transform

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// This file checks Apply against a reference written independently of the package's scanner,
// classifier, walker and minifier: events are Go values encoded with encoding/json, paths are
// looked up in the decoded value, and templates are generated as trees whose expected output is
// written directly from the tree.

// drawScalarString draws a string value; some hold characters that break a JSON template when
// inserted unescaped (quote, backslash, newline), so the drop rule is exercised too.
func drawScalarString(t *rapid.T, label string) string {
	return rapid.SampledFrom([]string{"", "a", "RUNNING", "i-0123", "x y", "é", "<b>", "a\"b", `a\b`, "line\nbreak", "{x}", "100"}).Draw(t, label)
}

// drawKey draws an object key; some need bracket notation in a JSONPath.
func drawKey(t *rapid.T) string {
	return rapid.SampledFrom([]string{"a", "b", "detail", "instance-id", "x_y", "k1", "sp ace", "dot.ted"}).Draw(t, "key")
}

// drawJSON draws an event value as a Go value (json.Number keeps each number's text).
func drawJSON(t *rapid.T, depth int) any {
	max := 6
	if depth >= 3 {
		max = 3
	}
	switch rapid.IntRange(0, max).Draw(t, "kind") {
	case 0:
		return drawScalarString(t, "s")
	case 1:
		return json.Number(rapid.SampledFrom([]string{"0", "-1", "42", "1.50", "3e2", "12345678901234567890"}).Draw(t, "n"))
	case 2:
		return rapid.Bool().Draw(t, "b")
	case 3:
		return nil
	case 4, 5:
		m := map[string]any{}
		for n := rapid.IntRange(0, 4).Draw(t, "members"); n > 0; n-- {
			m[drawKey(t)] = drawJSON(t, depth+1)
		}
		return m
	default:
		var a []any
		for n := rapid.IntRange(0, 3).Draw(t, "elements"); n > 0; n-- {
			a = append(a, drawJSON(t, depth+1))
		}
		if a == nil {
			a = []any{}
		}
		return a
	}
}

// encode writes v as compact JSON without HTML escaping: with maps' keys sorted, this is the text
// the event holds for every sub-value too.
func encode(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// refStep is a step of a reference path: a member name, or an index when name is "".
type refStep struct {
	name  string
	index int
}

// drawPath draws a path that usually exists in ev, written in dot or bracket notation.
func drawPath(t *rapid.T, ev any) (string, []refStep) {
	text := "$"
	var steps []refStep
	cur := ev
	for rapid.IntRange(0, 3).Draw(t, "deeper") > 0 {
		switch c := cur.(type) {
		case map[string]any:
			keys := make([]string, 0, len(c))
			for k := range c {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			keys = append(keys, "absent")
			k := rapid.SampledFrom(keys).Draw(t, "member")
			if strings.ContainsAny(k, " .") || rapid.IntRange(0, 4).Draw(t, "brackets") == 0 {
				text += "['" + k + "']"
			} else {
				text += "." + k
			}
			steps = append(steps, refStep{name: k})
			cur = c[k]
		case []any:
			i := rapid.IntRange(0, len(c)).Draw(t, "index")
			text += "[" + strconv.Itoa(i) + "]"
			steps = append(steps, refStep{index: i})
			if i < len(c) {
				cur = c[i]
			} else {
				cur = nil
			}
		default:
			return text, steps
		}
	}
	return text, steps
}

// lookup follows steps in v.
func lookup(v any, steps []refStep) (any, bool) {
	for _, s := range steps {
		switch c := v.(type) {
		case map[string]any:
			if s.name == "" {
				return nil, false
			}
			x, ok := c[s.name]
			if !ok {
				return nil, false
			}
			v = x
		case []any:
			if s.name != "" || s.index >= len(c) {
				return nil, false
			}
			v = c[s.index]
		default:
			return nil, false
		}
	}
	return v, true
}

// refValue writes a variable's value as the reference expects it at a placeholder.
func refValue(v any, ok bool, p place) string {
	if !ok {
		if p == placeValue {
			return `""`
		}
		return ""
	}
	switch x := v.(type) {
	case string:
		if p == placeValue {
			return `"` + x + `"`
		}
		return x
	case map[string]any, []any:
		s := encode(x)
		if p == placeEmbedded {
			return strings.ReplaceAll(s, `"`, "")
		}
		return s
	}
	return encode(v)
}

// tmpl is a generated JSON template: its text (with random whitespace) and the text the reference
// expects before it is checked as JSON.
type tmpl struct{ text, want strings.Builder }

func (g *tmpl) both(s string) { g.text.WriteString(s); g.want.WriteString(s) }

func (g *tmpl) space(t *rapid.T) {
	g.text.WriteString(rapid.SampledFrom([]string{"", "", " ", "\n  "}).Draw(t, "ws"))
}

// drawTemplate writes a JSON template value using the variables names (values vals).
func drawTemplate(t *rapid.T, g *tmpl, names []string, vals map[string]refVar, depth int) {
	g.space(t)
	kind := rapid.IntRange(0, 5).Draw(t, "tkind")
	if depth >= 2 && kind >= 4 {
		kind = 0
	}
	switch kind {
	case 0: // a placeholder where a value goes
		n := rapid.SampledFrom(names).Draw(t, "var")
		g.text.WriteString("<" + n + ">")
		g.want.WriteString(refValue(vals[n].v, vals[n].ok, placeValue))
	case 1: // a string of text and placeholders
		g.both(`"`)
		parts := rapid.IntRange(0, 3).Draw(t, "parts")
		alone := parts == 1 && rapid.Bool().Draw(t, "alone")
		for i := 0; i < parts; i++ {
			if alone {
				n := rapid.SampledFrom(names).Draw(t, "var")
				g.text.WriteString("<" + n + ">")
				g.want.WriteString(refValue(vals[n].v, vals[n].ok, placeQuoted))
				break
			}
			g.both(rapid.SampledFrom([]string{"x", " is ", `\"`, `\\`, "<", "a > b", "{[/"}).Draw(t, "lit"))
			n := rapid.SampledFrom(names).Draw(t, "var")
			g.text.WriteString("<" + n + ">")
			g.want.WriteString(refValue(vals[n].v, vals[n].ok, placeEmbedded))
		}
		g.both(`"`)
	case 2:
		g.both(rapid.SampledFrom([]string{"9", "true", "null", `"Yes"`, "-1.5e3"}).Draw(t, "scalar"))
	case 3:
		g.both(`"<aws.events.rule-name> triggered"`[:0])
		g.text.WriteString("<aws.events.rule-name>")
		g.want.WriteString(`"rule"`)
	case 4:
		g.both("{")
		for i, n := 0, rapid.IntRange(0, 3).Draw(t, "members"); i < n; i++ {
			if i > 0 {
				g.both(",")
			}
			g.space(t)
			g.both(strconv.Quote("k" + strconv.Itoa(i)))
			g.space(t)
			g.both(":")
			drawTemplate(t, g, names, vals, depth+1)
			g.space(t)
		}
		g.both("}")
	default:
		g.both("[")
		for i, n := 0, rapid.IntRange(0, 3).Draw(t, "elements"); i < n; i++ {
			if i > 0 {
				g.both(",")
			}
			drawTemplate(t, g, names, vals, depth+1)
			g.space(t)
		}
		g.both("]")
	}
	g.space(t)
}

// refVar is a variable's value in the decoded event, and whether its path selected anything.
type refVar struct {
	v  any
	ok bool
}

// TestJSONTemplateMatchesReference: for generated events, path maps and JSON templates, Apply
// either delivers exactly the reference's text (when that text is valid JSON, compacted) or drops
// the event with DropInvalidJSON (when it is not), and whatever it delivers is valid JSON.
func TestJSONTemplateMatchesReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		detail := map[string]any{}
		for n := rapid.IntRange(0, 5).Draw(t, "fields"); n > 0; n-- {
			detail[drawKey(t)] = drawJSON(t, 1)
		}
		ev := map[string]any{"version": "0", "id": "1", "detail-type": "T", "source": "s", "account": "1",
			"time": "2022-01-01T00:00:00Z", "region": "r", "resources": []any{}, "detail": detail}
		eventText := encode(ev)
		var decoded any
		dec := json.NewDecoder(strings.NewReader(eventText))
		dec.UseNumber()
		if err := dec.Decode(&decoded); err != nil {
			t.Fatal(err)
		}

		paths := map[string]string{}
		vals := map[string]refVar{}
		var names []string
		for i, n := 0, rapid.IntRange(1, 6).Draw(t, "vars"); i < n; i++ {
			name := "v" + strconv.Itoa(i)
			text, steps := drawPath(t, decoded)
			paths[name] = text
			v, ok := lookup(decoded, steps)
			vals[name] = refVar{v, ok}
			names = append(names, name)
		}
		var g tmpl
		drawTemplate(t, &g, names, vals, 0)

		s, err := Compile("t", "", "", &InputTransformer{InputPathsMap: paths, InputTemplate: g.text.String()})
		if err != nil {
			t.Fatalf("template %q: %v", g.text.String(), err)
		}
		if !s.IsJSON() {
			t.Fatalf("template %q is not read as JSON", g.text.String())
		}
		got, err := s.Apply([]byte(eventText), Context{RuleName: "rule"})
		want := g.want.String()
		var compact bytes.Buffer
		if json.Compact(&compact, []byte(want)) != nil {
			if !errors.Is(err, DropInvalidJSON) {
				t.Fatalf("template %q, paths %v, event %s:\nreference %q is not JSON, got %q, %v", g.text.String(), paths, eventText, want, got, err)
			}
			return
		}
		if err != nil || string(got) != compact.String() {
			t.Fatalf("template %q, paths %v, event %s:\ngot  %q, %v\nwant %q", g.text.String(), paths, eventText, got, err, compact.String())
		}
		if !json.Valid(got) {
			t.Fatalf("delivered invalid JSON %q", got)
		}
	})
}

// TestInputPathMatchesReference: an InputPath delivers the selected value's compact JSON, or is
// dropped when the path selects nothing.
func TestInputPathMatchesReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ev := map[string]any{"version": "0", "detail": drawJSON(t, 0)}
		eventText := encode(ev)
		var decoded any
		dec := json.NewDecoder(strings.NewReader(eventText))
		dec.UseNumber()
		if err := dec.Decode(&decoded); err != nil {
			t.Fatal(err)
		}
		text, steps := drawPath(t, decoded)
		s, err := Compile("t", "", text, nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Apply([]byte(eventText), Context{})
		v, ok := lookup(decoded, steps)
		if !ok {
			if !errors.Is(err, DropPathNotFound) {
				t.Fatalf("path %s in %s: got %q, %v; want a drop", text, eventText, got, err)
			}
			return
		}
		if want := encode(v); err != nil || string(got) != want {
			t.Fatalf("path %s in %s: got %q, %v; want %q", text, eventText, got, err, want)
		}
	})
}

// Example values of refValue, documenting the reference's rules next to it.
func TestRefValueRules(t *testing.T) {
	for _, c := range []struct {
		v    any
		p    place
		want string
	}{
		{"x", placeValue, `"x"`}, {"x", placeQuoted, `x`}, {map[string]any{"a": "b"}, placeEmbedded, `{a:b}`},
		{map[string]any{"a": "b"}, placeQuoted, `{"a":"b"}`}, {json.Number("1.50"), placeEmbedded, `1.50`}, {nil, placeValue, `null`},
	} {
		if got := refValue(c.v, true, c.p); got != c.want {
			t.Errorf("refValue(%v, %d) = %s, want %s", c.v, c.p, got, c.want)
		}
	}
	if fmt.Sprint(refValue(nil, false, placeValue)) != `""` {
		t.Error("absent value")
	}
}
