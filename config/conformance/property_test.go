package conformance

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// A generated template, kept as a tree the test renders three ways: JSON, block YAML with long-form
// functions, and YAML with short-form tags. The three must parse to the same Pack, and each rule's
// InputParameters must equal what a direct evaluation of the generated model gives.

type kv struct {
	k string
	v any
}

type obj []kv // an ordered mapping

type call struct { // an intrinsic function
	name string
	arg  any
}

func ref(name string) call { return call{"Ref", name} }

// genModel draws a template and the InputParameters each rule must get.
type model struct {
	tree   obj
	inputs []InputParameter
	want   map[string]string // rule name → InputParameters JSON ("" for none)
}

var paramValues = []string{"", "a", "true", "80", "x y", "it's", "CPUUtilization"}

func genModel(t *rapid.T) model {
	nParams := rapid.IntRange(1, 5).Draw(t, "params")
	values := map[string]string{}
	var params obj
	var inputs []InputParameter
	for i := 0; i < nParams; i++ {
		name := "P" + strconv.Itoa(i)
		def := rapid.SampledFrom(paramValues).Draw(t, "default")
		params = append(params, kv{name, obj{{"Type", "String"}, {"Default", def}}})
		values[name] = def
		if rapid.Bool().Draw(t, "override") {
			v := rapid.SampledFrom(paramValues).Draw(t, "input")
			inputs = append(inputs, InputParameter{name, v})
			values[name] = v
		}
	}
	pname := func(label string) string { return "P" + strconv.Itoa(rapid.IntRange(0, nParams-1).Draw(t, label)) }
	// Condition Ci: Pi is not empty, or Pi equals a literal.
	var conds obj
	condVal := map[string]bool{}
	for i := 0; i < nParams; i++ {
		name, p := "C"+strconv.Itoa(i), "P"+strconv.Itoa(i)
		if rapid.Bool().Draw(t, "notEmpty") {
			conds = append(conds, kv{name, call{"Fn::Not", []any{call{"Fn::Equals", []any{"", ref(p)}}}}})
			condVal[name] = values[p] != ""
		} else {
			lit := rapid.SampledFrom(paramValues).Draw(t, "lit")
			conds = append(conds, kv{name, call{"Fn::Equals", []any{ref(p), lit}}})
			condVal[name] = values[p] == lit
		}
	}
	var resources obj
	want := map[string]string{}
	for r := 0; r < rapid.IntRange(1, 4).Draw(t, "rules"); r++ {
		name := "rule-" + strconv.Itoa(r)
		got := map[string]string{}
		var ip obj
		for k := 0; k < rapid.IntRange(0, 4).Draw(t, "keys"); k++ {
			key := "k" + strconv.Itoa(k)
			p := pname("p")
			switch rapid.IntRange(0, 4).Draw(t, "form") {
			case 0:
				lit := rapid.SampledFrom(paramValues).Draw(t, "literal")
				ip = append(ip, kv{key, lit})
				got[key] = lit
			case 1:
				ip = append(ip, kv{key, ref(p)})
				got[key] = values[p]
			case 2:
				c := "C" + p[1:]
				ip = append(ip, kv{key, call{"Fn::If", []any{c, ref(p), ref("AWS::NoValue")}}})
				if condVal[c] {
					got[key] = values[p]
				}
			case 3:
				ip = append(ip, kv{key, call{"Fn::Join", []any{"-", []any{ref(p), "x"}}}})
				got[key] = values[p] + "-x"
			case 4:
				ip = append(ip, kv{key, call{"Fn::Sub", "v=${" + p + "};"}})
				got[key] = "v=" + values[p] + ";"
			}
		}
		props := obj{{"ConfigRuleName", name}}
		if ip != nil {
			props = append(props, kv{"InputParameters", ip})
			b, _ := json.Marshal(got)
			want[name] = string(b)
		} else {
			want[name] = ""
		}
		props = append(props, kv{"Source", obj{{"Owner", "AWS"}, {"SourceIdentifier", "CLOUDWATCH_ALARM_ACTION_CHECK"}}})
		resources = append(resources, kv{"Rule" + strconv.Itoa(r), obj{{"Type", TypeConfigRule}, {"Properties", props}}})
	}
	return model{tree: obj{{"Parameters", params}, {"Conditions", conds}, {"Resources", resources}}, inputs: inputs, want: want}
}

func jsonString(s string) string { b, _ := json.Marshal(s); return string(b) }

func renderJSON(v any) string {
	switch x := v.(type) {
	case string:
		return jsonString(x)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = renderJSON(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case obj:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = jsonString(e.k) + ": " + renderJSON(e.v)
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case call:
		return "{" + jsonString(x.name) + ": " + renderJSON(x.arg) + "}"
	}
	panic("unknown value")
}

// yamlScalar quotes every string (single quotes), so that "true" or "80" stay strings either way.
func yamlScalar(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// renderFlow writes a value in YAML flow style, functions as short-form tags when short is set.
func renderFlow(v any, short bool) string {
	switch x := v.(type) {
	case string:
		return yamlScalar(x)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = renderFlow(e, short)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case obj:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = e.k + ": " + renderFlow(e.v, short)
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case call:
		if !short {
			return "{'" + x.name + "': " + renderFlow(x.arg, short) + "}"
		}
		tag := "!" + strings.TrimPrefix(x.name, "Fn::")
		return tag + " " + renderFlow(x.arg, short)
	}
	panic("unknown value")
}

// renderBlock writes a mapping in YAML block style; values that are functions or lists are written
// in flow style (long or short form), nested mappings as blocks.
func renderBlock(o obj, indent string, short bool, b *strings.Builder) {
	for _, e := range o {
		switch x := e.v.(type) {
		case obj:
			if len(x) == 0 {
				b.WriteString(indent + e.k + ": {}\n")
				continue
			}
			b.WriteString(indent + e.k + ":\n")
			renderBlock(x, indent+"  ", short, b)
		case call:
			if !short { // the long form as a block mapping with a flow argument
				b.WriteString(indent + e.k + ":\n" + indent + "  " + x.name + ": " + renderFlow(x.arg, false) + "\n")
				continue
			}
			b.WriteString(indent + e.k + ": " + renderFlow(x, true) + "\n")
		default:
			b.WriteString(indent + e.k + ": " + renderFlow(x, short) + "\n")
		}
	}
}

func TestYAMLAndJSONGiveTheSamePack(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := genModel(t)
		var long, short strings.Builder
		renderBlock(m.tree, "", false, &long)
		renderBlock(m.tree, "", true, &short)
		forms := map[string]string{"json": renderJSON(m.tree), "yaml long form": long.String(), "yaml short form": short.String()}
		names := make([]string, 0, len(forms))
		for k := range forms {
			names = append(names, k)
		}
		sort.Strings(names)
		var first *Pack
		for _, form := range names {
			p, err := Parse(forms[form], m.inputs)
			if err != nil {
				t.Fatalf("%s: %v\n%s", form, err, forms[form])
			}
			if first == nil {
				first = p
				for _, r := range p.Rules {
					if r.InputParameters != m.want[r.ConfigRuleName] {
						t.Fatalf("%s: rule %s InputParameters %s, want %s\n%s", form, r.ConfigRuleName, r.InputParameters, m.want[r.ConfigRuleName], forms[form])
					}
				}
				if len(p.Rules) != len(m.want) {
					t.Fatalf("%d rules, want %d", len(p.Rules), len(m.want))
				}
				continue
			}
			if d := cmp.Diff(first, p); d != "" {
				t.Fatalf("%s differs from %s (-first +this):\n%s\n%s", form, names[0], d, forms[form])
			}
		}
	})
}
