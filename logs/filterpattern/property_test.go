package filterpattern

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// The properties compare the compiled matcher with a deliberately simple reference interpreter
// that works on the generated pattern's syntax tree (never on the pattern text) and decodes
// events with encoding/json or from the generated field list.

// refNumber reports whether s is a decimal number as the reference interpreter reads one
// (compiled on each call: the project builds nothing at package init, tests included).
func refNumber(s string) bool {
	return regexp.MustCompile(`^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$`).MatchString(s)
}

func refWildMatch(pattern, s string) bool {
	pre := strings.HasPrefix(pattern, "*")
	if pre {
		pattern = pattern[1:]
	}
	suf := strings.HasSuffix(pattern, "*")
	if suf {
		pattern = pattern[:len(pattern)-1]
	}
	switch {
	case pre && suf:
		return strings.Contains(s, pattern)
	case pre:
		return len(s) >= len(pattern) && s[len(s)-len(pattern):] == pattern
	case suf:
		return len(s) >= len(pattern) && s[:len(pattern)] == pattern
	}
	return s == pattern
}

// ---- unstructured terms ----

type refTerm struct {
	prefix string // "", "?", "-"
	text   string
}

func TestPropertyTermsMatchReference(t *testing.T) {
	words := []string{"ERROR", "WARN", "err", "a_1", "x", "日本"}
	phrases := []string{"a b", "[ERROR]", "x:y", "ERROR WARN", " "}
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 4).Draw(t, "n")
		var terms []refTerm
		var parts []string
		for i := 0; i < n; i++ {
			prefix := rapid.SampledFrom([]string{"", "", "?", "-"}).Draw(t, "prefix")
			var text, shown string
			if rapid.Bool().Draw(t, "quoted") {
				text = rapid.SampledFrom(append(phrases, words...)).Draw(t, "phrase")
				shown = `"` + text + `"`
			} else {
				text = rapid.SampledFrom(words).Draw(t, "word")
				shown = text
			}
			terms = append(terms, refTerm{prefix, text})
			parts = append(parts, prefix+shown)
		}
		pattern := strings.Join(parts, rapid.SampledFrom([]string{" ", "  ", "\t"}).Draw(t, "sep"))
		p, err := Compile(pattern)
		if err != nil {
			t.Fatalf("Compile(%q): %v", pattern, err)
		}
		pieces := []string{"ERROR", "WARN", "err", "a", "b", "_1", "x", ":y", "[", "]", " ", "日本"}
		msg := strings.Join(rapid.SliceOfN(rapid.SampledFrom(pieces), 0, 8).Draw(t, "msg"), "")
		want := refTermsMatch(terms, msg)
		if got := p.Matches(msg); got != want {
			t.Fatalf("Compile(%q).Matches(%q) = %v, reference %v", pattern, msg, got, want)
		}
		if _, ok := p.Match(msg); ok != want {
			t.Fatalf("Match disagrees")
		}
	})
}

func refTermsMatch(terms []refTerm, msg string) bool {
	blank := func(s string) bool { return strings.TrimSpace(s) == "" }
	hasPlain := false
	for _, tm := range terms {
		if tm.prefix != "?" {
			hasPlain = true
		}
	}
	if hasPlain {
		for _, tm := range terms {
			switch tm.prefix {
			case "":
				if !blank(tm.text) && !strings.Contains(msg, tm.text) {
					return false
				}
			case "-":
				if strings.Contains(msg, tm.text) {
					return false
				}
			}
		}
		return true
	}
	for _, tm := range terms {
		if blank(tm.text) || strings.Contains(msg, tm.text) {
			return true
		}
	}
	return false
}

// ---- JSON ----

type refStep struct {
	kind  byte // 'f' field, 'F' any field, 'i' index, 'I' any index
	name  string
	index int
}

type refCond struct {
	path  []refStep
	kind  string // "cmp", "null", "true", "false", "notexists"
	op    string
	value string // as rendered
}

type refExpr struct {
	op   string // "leaf", "&&", "||"
	leaf *refCond
	kids []*refExpr
}

func (c *refCond) selector() string {
	var b strings.Builder
	b.WriteString("$")
	for _, s := range c.path {
		switch s.kind {
		case 'f':
			if strings.Contains(s.name, ".") {
				b.WriteString("['" + s.name + "']")
			} else {
				b.WriteString("." + s.name)
			}
		case 'F':
			b.WriteString(".*")
		case 'i':
			fmt.Fprintf(&b, "[%d]", s.index)
		case 'I':
			b.WriteString("[*]")
		}
	}
	return b.String()
}

func (e *refExpr) render(t *rapid.T, parentOp string) string {
	if e.op == "leaf" {
		c := e.leaf
		var s string
		switch c.kind {
		case "cmp":
			s = c.selector() + " " + c.op + " " + c.value
		case "null":
			s = c.selector() + " IS NULL"
		case "true":
			s = c.selector() + " IS TRUE"
		case "false":
			s = c.selector() + " IS FALSE"
		default:
			s = c.selector() + " NOT EXISTS"
		}
		if rapid.IntRange(0, 4).Draw(t, "parens") == 0 {
			s = "(" + s + ")"
		}
		return s
	}
	var parts []string
	for _, k := range e.kids {
		parts = append(parts, k.render(t, e.op))
	}
	s := strings.Join(parts, " "+e.op+" ")
	if (e.op == "||" && parentOp == "&&") || rapid.IntRange(0, 5).Draw(t, "extra parens") == 0 {
		s = "(" + s + ")"
	}
	return s
}

func genJSONValue(t *rapid.T, depth int) string {
	choices := 6
	if depth >= 2 {
		choices = 4
	}
	switch rapid.IntRange(0, choices-1).Draw(t, "vkind") {
	case 0:
		return rapid.SampledFrom([]string{"1", "2", "-1", "1.0", "0.5", "1e0", "10"}).Draw(t, "num")
	case 1:
		return rapid.SampledFrom([]string{`"x"`, `"yy"`, `"x y"`, `"1"`, `"xyx"`, `"\u0078"`}).Draw(t, "str")
	case 2:
		return rapid.SampledFrom([]string{"true", "false", "null"}).Draw(t, "lit")
	case 3:
		return `"x"`
	case 4:
		n := rapid.IntRange(0, 3).Draw(t, "alen")
		var el []string
		for i := 0; i < n; i++ {
			el = append(el, genJSONValue(t, depth+1))
		}
		return "[" + strings.Join(el, ",") + "]"
	default:
		return genJSONObject(t, depth+1)
	}
}

func genJSONObject(t *rapid.T, depth int) string {
	// Keys are unique: for duplicate keys watchsim is any-of while encoding/json keeps the last.
	keys := rapid.SliceOfNDistinct(rapid.SampledFrom([]string{"a", "b", "c", "k.y"}), 0, 3, rapid.ID[string]).Draw(t, "keys")
	var el []string
	for _, k := range keys {
		el = append(el, `"`+k+`": `+genJSONValue(t, depth))
	}
	return "{" + strings.Join(el, ", ") + "}"
}

func genRefCond(t *rapid.T, wildcards *int) *refCond {
	c := &refCond{}
	n := rapid.IntRange(1, 3).Draw(t, "plen")
	usedWild := false
	for i := 0; i < n; i++ {
		kinds := []byte{'f', 'f', 'i'}
		if !usedWild && *wildcards < 3 {
			kinds = append(kinds, 'F', 'I')
		}
		k := rapid.SampledFrom(kinds).Draw(t, "step")
		st := refStep{kind: k}
		switch k {
		case 'f':
			st.name = rapid.SampledFrom([]string{"a", "b", "c", "k.y"}).Draw(t, "name")
		case 'i':
			st.index = rapid.IntRange(0, 2).Draw(t, "index")
		default:
			usedWild = true
			*wildcards++
		}
		c.path = append(c.path, st)
	}
	c.kind = rapid.SampledFrom([]string{"cmp", "cmp", "cmp", "null", "true", "false", "notexists"}).Draw(t, "ckind")
	if c.kind == "cmp" {
		if rapid.Bool().Draw(t, "numeric") {
			c.op = rapid.SampledFrom([]string{"=", "!=", "<", "<=", ">", ">="}).Draw(t, "op")
			c.value = rapid.SampledFrom([]string{"1", "2", "-1", "1.0", "+2", "0.5", "1e1"}).Draw(t, "nval")
		} else {
			c.op = rapid.SampledFrom([]string{"=", "!="}).Draw(t, "op")
			c.value = rapid.SampledFrom([]string{"x", "yy", "x*", "*x", "*y*", `"x y"`, `"1"`, `"*"`, "*", `"1*"`}).Draw(t, "sval")
			if c.op == "!=" && (c.value == "*" || c.value == `"*"`) {
				c.op = "="
			}
		}
	}
	return c
}

func genRefExpr(t *rapid.T, depth int, wildcards *int) *refExpr {
	if depth >= 2 || rapid.IntRange(0, 2).Draw(t, "leaf?") == 0 {
		return &refExpr{op: "leaf", leaf: genRefCond(t, wildcards)}
	}
	e := &refExpr{op: rapid.SampledFrom([]string{"&&", "||"}).Draw(t, "bool")}
	n := rapid.IntRange(2, 3).Draw(t, "kids")
	for i := 0; i < n; i++ {
		e.kids = append(e.kids, genRefExpr(t, depth+1, wildcards))
	}
	return e
}

func refSelect(node any, path []refStep) []any {
	if len(path) == 0 {
		return []any{node}
	}
	var out []any
	st := path[0]
	switch v := node.(type) {
	case map[string]any:
		for k, child := range v {
			if st.kind == 'F' || (st.kind == 'f' && st.name == k) {
				out = append(out, refSelect(child, path[1:])...)
			}
		}
	case []any:
		for i, child := range v {
			if st.kind == 'I' || (st.kind == 'i' && st.index == i) {
				out = append(out, refSelect(child, path[1:])...)
			}
		}
	}
	return out
}

func refCondHolds(c *refCond, doc any) bool {
	nodes := refSelect(doc, c.path)
	if c.kind == "notexists" {
		return len(nodes) == 0
	}
	for _, n := range nodes {
		switch c.kind {
		case "null":
			if n == nil {
				return true
			}
		case "true", "false":
			if b, ok := n.(bool); ok && b == (c.kind == "true") {
				return true
			}
		case "cmp":
			if refCompare(c, n) {
				return true
			}
		}
	}
	return false
}

func refCompare(c *refCond, n any) bool {
	switch n.(type) {
	case map[string]any, []any:
		return false
	}
	if c.value == "*" || c.value == `"*"` {
		switch n.(type) {
		case string, json.Number:
			return true
		}
		return false
	}
	if refNumber(c.value) {
		num, ok := n.(json.Number)
		if !ok {
			return false
		}
		a, _ := strconv.ParseFloat(string(num), 64)
		b, _ := strconv.ParseFloat(c.value, 64)
		switch c.op {
		case "=":
			return a == b
		case "!=":
			return a != b
		case "<":
			return a < b
		case "<=":
			return a <= b
		case ">":
			return a > b
		}
		return a >= b
	}
	s, ok := n.(string)
	if !ok {
		return false
	}
	eq := refWildMatch(strings.Trim(c.value, `"`), s)
	return eq == (c.op == "=")
}

func refEval(e *refExpr, doc any) bool {
	switch e.op {
	case "leaf":
		return refCondHolds(e.leaf, doc)
	case "&&":
		for _, k := range e.kids {
			if !refEval(k, doc) {
				return false
			}
		}
		return true
	}
	for _, k := range e.kids {
		if refEval(k, doc) {
			return true
		}
	}
	return false
}

func TestPropertyJSONMatchReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		wildcards := 0
		e := genRefExpr(t, 0, &wildcards)
		pattern := "{ " + e.render(t, "") + " }"
		p, err := Compile(pattern)
		if err != nil {
			t.Fatalf("Compile(%q): %v", pattern, err)
		}
		msg := genJSONObject(t, 0)
		if rapid.IntRange(0, 9).Draw(t, "array top") == 0 {
			msg = "[" + msg + "]"
		}
		var want bool
		switch rapid.IntRange(0, 9).Draw(t, "shape") {
		case 0:
			msg = "x " + msg // not JSON
		case 1:
			msg = msg[:len(msg)-1] // truncated
		default:
			dec := json.NewDecoder(bytes.NewReader([]byte(msg)))
			dec.UseNumber()
			var doc any
			if err := dec.Decode(&doc); err != nil {
				t.Fatalf("generated invalid JSON %q: %v", msg, err)
			}
			want = refEval(e, doc)
		}
		if got := p.Matches(msg); got != want {
			t.Fatalf("Compile(%q).Matches(%q) = %v, reference %v", pattern, msg, got, want)
		}
	})
}

// ---- space-delimited ----

type refSlot struct {
	name     string
	ellipsis bool
	groups   [][][2]string // OR of AND of {op, value}
}

func refFieldCond(op, value, f string) bool {
	if refNumber(value) {
		b, _ := strconv.ParseFloat(value, 64)
		isNum := refNumber(f)
		a, _ := strconv.ParseFloat(f, 64)
		switch op {
		case "=", "!=":
			eq := f == value || (isNum && a == b)
			return eq == (op == "=")
		case "<":
			return isNum && a < b
		case "<=":
			return isNum && a <= b
		case ">":
			return isNum && a > b
		}
		return isNum && a >= b
	}
	eq := refWildMatch(strings.Trim(value, `"`), f)
	return eq == (op == "=")
}

func (s *refSlot) holds(f string) bool {
	if s.groups == nil {
		return true
	}
	for _, g := range s.groups {
		ok := true
		for _, c := range g {
			if !refFieldCond(c[0], c[1], f) {
				ok = false
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func TestPropertyDelimitedMatchReference(t *testing.T) {
	type field struct{ shown, value string }
	vocab := []field{{"1", "1"}, {"25", "25"}, {"-3", "-3"}, {"x", "x"}, {"ERROR", "ERROR"}, {"[a b]", "a b"}, {`"q r"`, "q r"}, {"4.5", "4.5"}, {"x1", "x1"}, {"[]", ""}}
	rapid.Check(t, func(t *rapid.T) {
		fields := rapid.SliceOfN(rapid.SampledFrom(vocab), 0, 7).Draw(t, "fields")
		var shown, values []string
		for _, f := range fields {
			shown = append(shown, f.shown)
			values = append(values, f.value)
		}
		msg := strings.Join(shown, rapid.SampledFrom([]string{" ", "  ", "\t"}).Draw(t, "sep"))
		nslots := rapid.IntRange(0, 5).Draw(t, "nslots")
		var slots []refSlot
		for i := 0; i < nslots; i++ {
			s := refSlot{}
			if rapid.IntRange(0, 3).Draw(t, "unnamed") > 0 {
				s.name = fmt.Sprintf("f%d", i)
				if rapid.Bool().Draw(t, "cond") {
					ng := rapid.IntRange(1, 2).Draw(t, "groups")
					for g := 0; g < ng; g++ {
						var group [][2]string
						nc := rapid.IntRange(1, 2).Draw(t, "conds")
						for c := 0; c < nc; c++ {
							if rapid.Bool().Draw(t, "numeric") {
								group = append(group, [2]string{
									rapid.SampledFrom([]string{"=", "!=", "<", "<=", ">", ">="}).Draw(t, "op"),
									rapid.SampledFrom([]string{"1", "4.5", "-3", "20", "1.0"}).Draw(t, "nval")})
							} else {
								c := [2]string{
									rapid.SampledFrom([]string{"=", "!="}).Draw(t, "op"),
									rapid.SampledFrom([]string{"x", "x*", "*1", "ERROR", `"q r"`, `"a *"`, "*"}).Draw(t, "sval")}
								if c[1] == "*" {
									c[0] = "=" // != * is not simulated
								}
								group = append(group, c)
							}
						}
						s.groups = append(s.groups, group)
					}
				}
			}
			slots = append(slots, s)
		}
		if rapid.Bool().Draw(t, "ellipsis") {
			at := rapid.IntRange(0, len(slots)).Draw(t, "at")
			slots = append(slots[:at], append([]refSlot{{ellipsis: true}}, slots[at:]...)...)
		}
		var parts []string
		for _, s := range slots {
			if s.ellipsis {
				parts = append(parts, "...")
				continue
			}
			var ors []string
			for _, g := range s.groups {
				var ands []string
				for _, c := range g {
					ands = append(ands, s.name+" "+c[0]+" "+c[1])
				}
				ors = append(ors, strings.Join(ands, " && "))
			}
			if len(ors) == 0 {
				parts = append(parts, s.name)
			} else {
				parts = append(parts, strings.Join(ors, " || "))
			}
		}
		pattern := "[" + strings.Join(parts, ", ") + "]"
		if len(slots) == 1 && slots[0].name == "" && !slots[0].ellipsis {
			pattern = "[,]" // a single unnamed slot is written with a separator
			slots = append(slots, refSlot{})
		}
		p, err := Compile(pattern)
		if err != nil {
			t.Fatalf("Compile(%q): %v", pattern, err)
		}

		// reference alignment
		var pre, suf []refSlot
		ell := false
		for _, s := range slots {
			switch {
			case s.ellipsis:
				ell = true
			case ell:
				suf = append(suf, s)
			default:
				pre = append(pre, s)
			}
		}
		n := len(values)
		want := n >= len(pre)+len(suf)
		names := make([]string, n)
		for i := range names {
			names[i] = "$" + strconv.Itoa(i+1)
		}
		for i := 0; want && i < len(pre); i++ {
			want = pre[i].holds(values[i])
			if pre[i].name != "" {
				names[i] = "$" + pre[i].name
			}
		}
		for j := 0; want && j < len(suf); j++ {
			k := n - len(suf) + j
			want = suf[j].holds(values[k])
			if suf[j].name != "" {
				names[k] = "$" + suf[j].name
			}
		}
		if got := p.Matches(msg); got != want {
			t.Fatalf("Compile(%q).Matches(%q) = %v, reference %v", pattern, msg, got, want)
		}
		m, ok := p.Match(msg)
		if ok != want {
			t.Fatalf("Match = %v, reference %v", ok, want)
		}
		if ok {
			got := m.ExtractedValues()
			if len(got) != n {
				t.Fatalf("extracted %v from %q, want %d fields", got, msg, n)
			}
			for i, name := range names {
				if got[name] != values[i] {
					t.Fatalf("extracted %s = %q, want %q (all: %v)", name, got[name], values[i], got)
				}
			}
		}
	})
}

// Compiling a pattern's own text again gives a pattern that behaves the same.
func TestPropertyCompileDeterministic(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		pattern := rapid.SampledFrom([]string{`ERROR -x`, `{ $.a = 1 || $.b[*] = "x*" }`, `[a, ..., b > 2]`, `%^a.c$%`, ``}).Draw(t, "p")
		msg := rapid.SampledFrom([]string{`ERROR`, `{"a": 1}`, `{"b": ["xy"]}`, `q r 3`, `abc`, ``}).Draw(t, "m")
		p1, err1 := Compile(pattern)
		p2, err2 := Compile(p1.String())
		if err1 != nil || err2 != nil {
			t.Fatalf("%v %v", err1, err2)
		}
		if p1.Matches(msg) != p2.Matches(msg) {
			t.Fatalf("recompiled pattern disagrees")
		}
	})
}
