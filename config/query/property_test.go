package query

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"pgregory.net/rapid"
)

// The property compares the engine with a deliberately plain reference written from the package
// documentation's semantics: it works on the generated query's own description (never on the text
// the engine parses) and on the items as encoding/json decodes them, and builds rows as
// map[string]any that encoding/json writes. Rows are compared as decoded JSON values, in order.

// ---- random items -------------------------------------------------------------------------

func propStrings() []string {
	return []string{"alpha", "alphabet", "beta", "betamax", "gamma", "ENABLED", "DISABLED", "abc", "abd"}
}

func genItem(t *rapid.T, i int) map[string]any {
	it := map[string]any{
		"version":      "1.3",
		"accountId":    rapid.SampledFrom([]string{"111122223333", "444455556666"}).Draw(t, "acct"),
		"resourceType": rapid.SampledFrom([]string{"AWS::CloudWatch::Alarm", "AWS::Events::Rule", "AWS::CloudTrail::Trail"}).Draw(t, "type"),
		"resourceId":   "r" + strconv.Itoa(rapid.IntRange(0, 6).Draw(t, "id")),
		"awsRegion":    "eu-west-1",
		"configurationItemCaptureTime": fmt.Sprintf("2026-01-0%dT00:00:%02d.000Z",
			rapid.IntRange(1, 3).Draw(t, "day"), rapid.IntRange(0, 2).Draw(t, "sec")),
	}
	if rapid.Bool().Draw(t, "hasName") {
		it["resourceName"] = rapid.SampledFrom(propStrings()).Draw(t, "name")
	}
	conf := map[string]any{}
	if rapid.Bool().Draw(t, "hasState") {
		conf["State"] = rapid.SampledFrom([]string{"ENABLED", "DISABLED"}).Draw(t, "state")
	}
	if rapid.Bool().Draw(t, "hasSize") {
		conf["size"] = rapid.SampledFrom([]any{1.0, 2.0, 2.5, 10.0, -3.0, "10", "big", true}).Draw(t, "size")
	}
	if rapid.Bool().Draw(t, "hasFlag") {
		conf["flag"] = rapid.Bool().Draw(t, "flag")
	}
	if rapid.Bool().Draw(t, "hasItems") {
		n := rapid.IntRange(0, 3).Draw(t, "nItems")
		arr := make([]any, n)
		for k := range arr {
			el := map[string]any{}
			if rapid.IntRange(0, 4).Draw(t, "elName") > 0 {
				el["name"] = rapid.SampledFrom(propStrings()).Draw(t, "elNameV")
			}
			if rapid.Bool().Draw(t, "elN") {
				el["n"] = float64(rapid.IntRange(0, 3).Draw(t, "elNV"))
			}
			arr[k] = el
		}
		conf["items"] = arr
	}
	if rapid.IntRange(0, 5).Draw(t, "confNull") > 0 {
		it["configuration"] = conf
	} else {
		it["configuration"] = nil
	}
	var tags []any
	for k := range rapid.IntRange(0, 2).Draw(t, "nTags") {
		key := []string{"team", "env"}[k]
		val := rapid.SampledFrom([]string{"orders", "infra", "dev"}).Draw(t, "tagV")
		tags = append(tags, map[string]any{"key": key, "value": val, "tag": key + "=" + val})
	}
	it["tags"] = append([]any{}, tags...)
	_ = i
	return it
}

// ---- random queries -----------------------------------------------------------------------

func propScalarPaths() []string {
	return []string{"resourceId", "resourceName", "resourceType", "accountId", "configuration.State",
		"configuration.size", "configuration.flag", "configuration.items.name", "configuration.items.n", "tags.key",
		"tags.tag", "configurationItemCaptureTime"}
}

func propSelectPaths() []string {
	return append(propScalarPaths(), "configuration", "tags", "configuration.items")
}

type gCond struct {
	kind  string // and, or, not, cmp, in, between, like
	kids  []*gCond
	path  string
	op    string
	lits  []gLit
	likeP string
}

type gLit struct {
	text string // as written in the expression
	str  string // the string value (strings), the number's text, or true/false
	isS  bool
	isN  bool
	num  float64
	isB  bool
	b    bool
}

func genLit(t *rapid.T, p string) gLit {
	if p == "configurationItemCaptureTime" {
		s := rapid.SampledFrom([]string{"2026-01-02", "2026-01-01T00:00:01Z", "2026-01-03T00:00:00.500Z"}).Draw(t, "date")
		return gLit{text: "'" + s + "'", str: s, isS: true}
	}
	switch rapid.IntRange(0, 3).Draw(t, "litKind") {
	case 0:
		s := rapid.SampledFrom(append(propStrings(), "r1", "r3", "team", "team=infra", "AWS::Events::Rule", "2", "10")).Draw(t, "str")
		l := gLit{text: "'" + s + "'", str: s, isS: true}
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			l.isN, l.num = true, f
		}
		if s == "true" || s == "false" {
			l.isB, l.b = true, s == "true"
		}
		return l
	case 1:
		f := rapid.SampledFrom([]float64{0, 1, 2, 2.5, 3, 10, -3}).Draw(t, "num")
		s := strconv.FormatFloat(f, 'f', -1, 64)
		return gLit{text: s, str: s, isN: true, num: f}
	case 2:
		b := rapid.Bool().Draw(t, "bool")
		return gLit{text: strconv.FormatBool(b), str: strconv.FormatBool(b), isB: true, b: b}
	}
	return gLit{text: "'true'", str: "true", isS: true, isB: true, b: true}
}

func genCond(t *rapid.T, depth int) *gCond {
	k := rapid.IntRange(0, 6).Draw(t, "condKind")
	if depth <= 0 && k < 3 {
		k += 3
	}
	switch k {
	case 0, 1:
		n := rapid.IntRange(2, 3).Draw(t, "nKids")
		c := &gCond{kind: []string{"and", "or"}[k]}
		for range n {
			c.kids = append(c.kids, genCond(t, depth-1))
		}
		return c
	case 2:
		return &gCond{kind: "not", kids: []*gCond{genCond(t, depth-1)}}
	}
	p := rapid.SampledFrom(propScalarPaths()).Draw(t, "condPath")
	switch k {
	case 3, 4:
		return &gCond{kind: "cmp", path: p, op: rapid.SampledFrom([]string{"=", "<", "<=", ">", ">="}).Draw(t, "op"), lits: []gLit{genLit(t, p)}}
	case 5:
		if rapid.Bool().Draw(t, "inOrBetween") {
			c := &gCond{kind: "in", path: p}
			for range rapid.IntRange(1, 3).Draw(t, "nIn") {
				c.lits = append(c.lits, genLit(t, p))
			}
			return c
		}
		return &gCond{kind: "between", path: p, lits: []gLit{genLit(t, p), genLit(t, p)}}
	}
	p = rapid.SampledFrom([]string{"resourceName", "resourceType", "configuration.State", "configuration.items.name", "tags.tag", "configuration.size"}).Draw(t, "likePath")
	return &gCond{kind: "like", path: p, likeP: rapid.SampledFrom([]string{"alp%", "alpha%", "bet_", "beta___", "abc", "ENA%", "team=%", "AWS::Events::%", "gam__%"}).Draw(t, "like")}
}

func (c *gCond) text() string {
	switch c.kind {
	case "and", "or":
		parts := make([]string, len(c.kids))
		for i, k := range c.kids {
			parts[i] = "(" + k.text() + ")"
		}
		return strings.Join(parts, " "+strings.ToUpper(c.kind)+" ")
	case "not":
		return "NOT (" + c.kids[0].text() + ")"
	case "cmp":
		return c.path + " " + c.op + " " + c.lits[0].text
	case "in":
		parts := make([]string, len(c.lits))
		for i, l := range c.lits {
			parts[i] = l.text
		}
		return c.path + " IN (" + strings.Join(parts, ", ") + ")"
	case "between":
		return c.path + " BETWEEN " + c.lits[0].text + " AND " + c.lits[1].text
	}
	return c.path + " LIKE '" + c.likeP + "'"
}

type gOrder struct {
	name string
	agg  bool
	desc bool
}

type gQuery struct {
	star    bool
	fields  []string // plain selected paths
	aggs    []string // aggregate names, e.g. COUNT(*), SUM(configuration.size)
	groupBy []string
	where   *gCond
	orderBy []gOrder
}

func (g *gQuery) aggregate() bool { return len(g.aggs) > 0 || len(g.groupBy) > 0 }

func genQuery(t *rapid.T) *gQuery {
	g := &gQuery{}
	if rapid.IntRange(0, 2).Draw(t, "isAgg") == 0 {
		g.groupBy = rapid.SliceOfNDistinct(rapid.SampledFrom(propScalarPaths()), 0, 2, rapid.ID[string]).Draw(t, "groupBy")
		g.fields = slices.Clone(g.groupBy)
		for range rapid.IntRange(1, 3).Draw(t, "nAggs") {
			f := rapid.SampledFrom([]string{"COUNT", "SUM", "AVG", "MIN", "MAX"}).Draw(t, "fn")
			arg := "*"
			if f != "COUNT" || rapid.Bool().Draw(t, "countArg") {
				arg = rapid.SampledFrom([]string{"configuration.size", "configuration.items.n", "resourceName", "configuration.flag"}).Draw(t, "aggArg")
			}
			if name := f + "(" + arg + ")"; !slices.Contains(g.aggs, name) {
				g.aggs = append(g.aggs, name)
			}
		}
		if len(g.groupBy) <= 1 && rapid.Bool().Draw(t, "orderAgg") {
			g.orderBy = append(g.orderBy, gOrder{name: rapid.SampledFrom(g.aggs).Draw(t, "ordAgg"), agg: true, desc: rapid.Bool().Draw(t, "desc")})
		}
		for _, p := range g.groupBy {
			if rapid.Bool().Draw(t, "orderGroup") {
				g.orderBy = append(g.orderBy, gOrder{name: p, desc: rapid.Bool().Draw(t, "desc")})
			}
		}
	} else {
		g.star = rapid.IntRange(0, 3).Draw(t, "star") == 0
		g.fields = rapid.SliceOfN(rapid.SampledFrom(propSelectPaths()), 0, 3).Draw(t, "fields")
		if !g.star && len(g.fields) == 0 {
			g.fields = []string{"resourceId"}
		}
		for _, p := range rapid.SliceOfNDistinct(rapid.SampledFrom(propScalarPaths()), 0, 2, rapid.ID[string]).Draw(t, "orderBy") {
			g.orderBy = append(g.orderBy, gOrder{name: p, desc: rapid.Bool().Draw(t, "desc")})
		}
	}
	if rapid.IntRange(0, 4).Draw(t, "hasWhere") > 0 {
		g.where = genCond(t, 2)
	}
	return g
}

func (g *gQuery) text() string {
	var sel []string
	if g.star {
		sel = append(sel, "*")
	}
	sel = append(sel, g.fields...)
	sel = append(sel, g.aggs...)
	s := "SELECT " + strings.Join(sel, ", ")
	if g.where != nil {
		s += " WHERE " + g.where.text()
	}
	if len(g.groupBy) > 0 {
		s += " GROUP BY " + strings.Join(g.groupBy, ", ")
	}
	if len(g.orderBy) > 0 {
		parts := make([]string, len(g.orderBy))
		for i, o := range g.orderBy {
			parts[i] = o.name
			if o.desc {
				parts[i] += " DESC"
			} else if i%2 == 1 {
				parts[i] += " ASC"
			}
		}
		s += " ORDER BY " + strings.Join(parts, ", ")
	}
	return s
}
