package query

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"
)

// ---- the reference ------------------------------------------------------------------------

// refValues lists every scalar reachable from v along the dotted path p (arrays fan out).
func refValues(v any, p string) []any {
	out := []any{}
	var walk func(v any, rest []string)
	walk = func(v any, rest []string) {
		if arr, ok := v.([]any); ok {
			for _, e := range arr {
				walk(e, rest)
			}
			return
		}
		if len(rest) == 0 {
			switch v.(type) {
			case string, float64, bool:
				out = append(out, v)
			}
			return
		}
		if m, ok := v.(map[string]any); ok {
			if sub, ok := m[rest[0]]; ok {
				walk(sub, rest[1:])
			}
		}
	}
	walk(v, strings.Split(p, "."))
	return out
}

func refInstant(s string) (time.Time, bool) {
	for _, l := range []string{time.RFC3339Nano, "2006-01-02"} {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// refCmp orders value v against literal l; ok false when they are incomparable.
func refCmp(path string, v any, l gLit) (int, bool) {
	switch x := v.(type) {
	case float64:
		if !l.isN {
			return 0, false
		}
		switch {
		case x < l.num:
			return -1, true
		case x > l.num:
			return 1, true
		}
		return 0, true
	case bool:
		if !l.isB {
			return 0, false
		}
		bi := func(b bool) int {
			if b {
				return 1
			}
			return 0
		}
		return bi(x) - bi(l.b), true
	case string:
		if path == "configurationItemCaptureTime" {
			a, ok1 := refInstant(x)
			b, ok2 := refInstant(l.str)
			if !ok1 || !ok2 {
				return 0, false
			}
			return a.Compare(b), true
		}
		return strings.Compare(x, l.str), true
	}
	return 0, false
}

func refLike(pattern, s string) bool {
	i := strings.IndexAny(pattern, "%_")
	if i < 0 {
		return s == pattern
	}
	if !strings.HasPrefix(s, pattern[:i]) {
		return false
	}
	rest := []rune(s[i:])
	need := strings.Count(pattern[i:], "_")
	if strings.Contains(pattern[i:], "%") {
		return len(rest) >= need
	}
	return len(rest) == need
}

func refEval(c *gCond, item map[string]any) bool {
	switch c.kind {
	case "and":
		for _, k := range c.kids {
			if !refEval(k, item) {
				return false
			}
		}
		return true
	case "or":
		for _, k := range c.kids {
			if refEval(k, item) {
				return true
			}
		}
		return false
	case "not":
		return !refEval(c.kids[0], item)
	}
	for _, v := range refValues(any(item), c.path) {
		switch c.kind {
		case "cmp":
			r, ok := refCmp(c.path, v, c.lits[0])
			if ok && map[string]bool{"=": r == 0, "<": r < 0, "<=": r <= 0, ">": r > 0, ">=": r >= 0}[c.op] {
				return true
			}
		case "in":
			for _, l := range c.lits {
				if r, ok := refCmp(c.path, v, l); ok && r == 0 {
					return true
				}
			}
		case "between":
			lo, ok1 := refCmp(c.path, v, c.lits[0])
			hi, ok2 := refCmp(c.path, v, c.lits[1])
			if ok1 && ok2 && lo >= 0 && hi <= 0 {
				return true
			}
		case "like":
			if s, ok := v.(string); ok && refLike(c.likeP, s) {
				return true
			}
		}
	}
	return false
}

// refProject returns v restricted to path segs, arrays keeping one (possibly empty) entry per element.
func refProject(v any, segs []string) (any, bool) {
	if len(segs) == 0 {
		return v, true
	}
	switch x := v.(type) {
	case map[string]any:
		sub, ok := x[segs[0]]
		if !ok {
			return nil, false
		}
		r, ok := refProject(sub, segs[1:])
		if !ok {
			return nil, false
		}
		return map[string]any{segs[0]: r}, true
	case []any:
		out := make([]any, len(x))
		any1 := false
		for i, e := range x {
			if r, ok := refProject(e, segs); ok {
				out[i], any1 = r, true
			} else {
				out[i] = map[string]any{}
			}
		}
		return out, any1
	}
	return nil, false
}

// refMerge deep-merges two projections of the same item.
func refMerge(a, b any) any {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok {
			return a
		}
		out := map[string]any{}
		for k, v := range x {
			out[k] = v
		}
		for k, v := range y {
			if old, ok := out[k]; ok {
				out[k] = refMerge(old, v)
			} else {
				out[k] = v
			}
		}
		return out
	case []any:
		y, ok := b.([]any)
		if !ok || len(y) != len(x) {
			return a
		}
		out := make([]any, len(x))
		for i := range x {
			out[i] = refMerge(x[i], y[i])
		}
		return out
	}
	return a
}

// refKey is the sort key of a value list: its least (ascending) or greatest (descending) element
// under boolean < number < string; nil when there is none.
func refRank(v any) int {
	switch v.(type) {
	case bool:
		return 0
	case float64:
		return 1
	}
	return 2
}

func refLess(a, b any) bool {
	if ra, rb := refRank(a), refRank(b); ra != rb {
		return ra < rb
	}
	switch x := a.(type) {
	case bool:
		return !x && b.(bool)
	case float64:
		return x < b.(float64)
	}
	return a.(string) < b.(string)
}

func refPick(vals []any, desc bool) any {
	var best any
	for _, v := range vals {
		if best == nil || (!desc && refLess(v, best)) || (desc && refLess(best, v)) {
			best = v
		}
	}
	return best
}

// refSort sorts rows stably by their keys (nil keys last in either direction).
func refSort(n int, keys func(i int) []any, orders []gOrder) []int {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		ka, kb := keys(idx[a]), keys(idx[b])
		for j, o := range orders {
			x, y := ka[j], kb[j]
			switch {
			case x == nil && y == nil:
				continue
			case x == nil:
				return false
			case y == nil:
				return true
			}
			if refLess(x, y) {
				return !o.desc
			}
			if refLess(y, x) {
				return o.desc
			}
		}
		return false
	})
	return idx
}

func refRows(g *gQuery, items []map[string]any) []any {
	var matched []map[string]any
	for _, it := range items {
		if g.where == nil || refEval(g.where, it) {
			matched = append(matched, it)
		}
	}
	if g.aggregate() {
		return refAggregate(g, matched)
	}
	idx := refSort(len(matched), func(i int) []any {
		ks := make([]any, len(g.orderBy))
		for j, o := range g.orderBy {
			ks[j] = refPick(refValues(any(matched[i]), o.name), o.desc)
		}
		return ks
	}, g.orderBy)
	out := []any{}
	for _, i := range idx {
		it := matched[i]
		row := map[string]any{}
		if g.star {
			for _, k := range []string{"accountId", "awsRegion", "arn", "availabilityZone", "configurationItemCaptureTime",
				"resourceCreationTime", "resourceId", "resourceName", "resourceType", "version"} {
				if v, ok := it[k]; ok {
					row[k] = v
				}
			}
		}
		for _, f := range g.fields {
			if p, ok := refProject(any(it), strings.Split(f, ".")); ok {
				row = refMerge(row, p).(map[string]any)
			}
		}
		out = append(out, row)
	}
	return out
}

type refGroup struct {
	vals  []any
	items []map[string]any
}

func refAggregate(g *gQuery, matched []map[string]any) []any {
	var groups []*refGroup
	byKey := map[string]*refGroup{}
	if len(g.groupBy) == 0 {
		groups = append(groups, &refGroup{items: matched})
	} else {
		for _, it := range matched {
			combos := [][]any{nil}
			for _, p := range g.groupBy {
				var distinct []any
				for _, v := range refValues(any(it), p) {
					dup := false
					for _, d := range distinct {
						if d == v {
							dup = true
						}
					}
					if !dup {
						distinct = append(distinct, v)
					}
				}
				var next [][]any
				for _, c := range combos {
					for _, v := range distinct {
						next = append(next, append(append([]any{}, c...), v))
					}
				}
				combos = next
			}
			for _, c := range combos {
				k := fmt.Sprintf("%#v", c)
				grp, ok := byKey[k]
				if !ok {
					grp = &refGroup{vals: c}
					byKey[k] = grp
					groups = append(groups, grp)
				}
				grp.items = append(grp.items, it)
			}
		}
	}
	aggValue := func(grp *refGroup, name string) any {
		fn, arg, _ := strings.Cut(strings.TrimSuffix(name, ")"), "(")
		if arg == "*" {
			return float64(len(grp.items))
		}
		var vals []any
		for _, it := range grp.items {
			vals = append(vals, refValues(any(it), arg)...)
		}
		var nums []float64
		var strs []string
		for _, v := range vals {
			switch x := v.(type) {
			case float64:
				nums = append(nums, x)
			case string:
				strs = append(strs, x)
			}
		}
		sum := 0.0
		for _, f := range nums {
			sum += f
		}
		switch fn {
		case "COUNT":
			return float64(len(vals))
		case "SUM":
			return sum
		case "AVG":
			if len(nums) == 0 {
				return nil
			}
			return sum / float64(len(nums))
		}
		if len(nums) > 0 {
			best := nums[0]
			for _, f := range nums {
				if (fn == "MIN" && f < best) || (fn == "MAX" && f > best) {
					best = f
				}
			}
			return best
		}
		if len(strs) > 0 {
			best := strs[0]
			for _, s := range strs {
				if (fn == "MIN" && s < best) || (fn == "MAX" && s > best) {
					best = s
				}
			}
			return best
		}
		return nil
	}
	idx := refSort(len(groups), func(i int) []any {
		ks := make([]any, len(g.orderBy))
		for j, o := range g.orderBy {
			if o.agg {
				ks[j] = aggValue(groups[i], o.name)
				continue
			}
			for k, p := range g.groupBy {
				if p == o.name {
					ks[j] = groups[i].vals[k]
				}
			}
		}
		return ks
	}, g.orderBy)
	out := []any{}
	for _, i := range idx {
		grp := groups[i]
		row := map[string]any{}
		for k, p := range g.groupBy {
			segs := strings.Split(p, ".")
			var v any = grp.vals[k]
			for j := len(segs) - 1; j >= 0; j-- {
				v = map[string]any{segs[j]: v}
			}
			row = refMerge(row, v).(map[string]any)
		}
		for _, a := range g.aggs {
			row[a] = aggValue(grp, a)
		}
		out = append(out, row)
	}
	return out
}

// normalise round-trips a value through encoding/json so both sides compare as decoded JSON.
func normalise(t *rapid.T, v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestEngineMatchesReference: over random item sets and random queries, the engine's rows equal
// the reference's, in order; paging through them with a random Limit yields the same rows; the
// canonical text parses back to a query with the same rows.
func TestEngineMatchesReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 12).Draw(t, "nItems")
		items := make([]map[string]any, n)
		for i := range items {
			items[i] = normalise(t, genItem(t, i)).(map[string]any)
		}
		// the same items in a Set whose columns are built first and then kept current through
		// deletions and replacements
		set := NewSet()
		for i, it := range items {
			set.Put("k"+strconv.Itoa(i), it)
		}
		for _, p := range propSelectPaths() {
			q, err := Parse("SELECT resourceId ORDER BY " + p)
			if err != nil {
				t.Fatal(err)
			}
			set.Count(q)
		}
		for range rapid.IntRange(0, 6).Draw(t, "nOps") {
			key := "k" + strconv.Itoa(rapid.IntRange(0, n+2).Draw(t, "opKey"))
			switch rapid.IntRange(0, 2).Draw(t, "op") {
			case 0:
				set.Delete(key)
			case 1:
				set.Put(key, normalise(t, genItem(t, 0)).(map[string]any))
			default:
				set.PutDoc(key, &lazyDoc{m: normalise(t, genItem(t, 0)).(map[string]any)}) // read on demand
			}
		}
		docs := set.Items()
		if set.Len() != len(docs) {
			t.Fatalf("Len %d, Items %d", set.Len(), len(docs))
		}
		for range 10 {
			checkQuery(t, genQuery(t), docs, set)
		}
	})
}

// checkQuery compares the engine with the reference for one query.
func checkQuery(t *rapid.T, g *gQuery, items []map[string]any, set *Set) {
	{
		expr := g.text()
		q, err := Parse(expr)
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		want := refRows(g, items)
		rows := q.Rows(items)
		got := make([]any, len(rows))
		for i, r := range rows {
			if err := json.Unmarshal([]byte(r), &got[i]); err != nil {
				t.Fatalf("%s: row %q is not JSON: %v", expr, r, err)
			}
		}
		if !reflect.DeepEqual(normalise(t, got), normalise(t, want)) {
			wj, _ := json.Marshal(want)
			t.Fatalf("%s:\n got %s\nwant %s", expr, strings.Join(rows, ","), wj)
		}
		if c := q.Count(items); c != len(rows) {
			t.Fatalf("%s: Count %d, Rows %d", expr, c, len(rows))
		}
		if got := set.Rows(q); !slicesEqual(got, rows) {
			t.Fatalf("%s: over the Set:\n%q\nwant %q", expr, got, rows)
		}
		if c := set.Count(q); c != len(rows) {
			t.Fatalf("%s: Set.Count %d, Rows %d", expr, c, len(rows))
		}
		// paging
		limit := int32(rapid.IntRange(0, 4).Draw(t, "limit"))
		var paged []string
		tok := ""
		for pages := 0; ; pages++ {
			p, err := q.Select(items, limit, tok)
			if err == nil {
				ps, err2 := set.Select(q, limit, tok)
				if err2 != nil || !slicesEqual(ps.Results, p.Results) || ps.NextToken != p.NextToken {
					t.Fatalf("%s: Set page %d differs: %v", expr, pages, err2)
				}
			}
			if err != nil {
				t.Fatalf("%s: page %d: %v", expr, pages, err)
			}
			paged = append(paged, p.Results...)
			if p.NextToken == "" {
				break
			}
			if len(p.Results) == 0 || pages > len(rows)+1 {
				t.Fatalf("%s: token after an empty page or too many pages", expr)
			}
			tok = p.NextToken
		}
		if q.Paginated() {
			if !slicesEqual(paged, rows) {
				t.Fatalf("%s: paged rows differ from Rows:\n%q\n%q", expr, paged, rows)
			}
		} else if want := min(len(rows), q.PageSize(limit)); len(paged) != want || !slicesEqual(paged, rows[:want]) {
			t.Fatalf("%s: unpaginated result has %d rows, want the first %d", expr, len(paged), want)
		}
		// round trip through the canonical text
		q2, err := Parse(q.String())
		if err != nil {
			t.Fatalf("%s: canonical %q: %v", expr, q.String(), err)
		}
		if q2.String() != q.String() || !slicesEqual(q2.Rows(items), rows) {
			t.Fatalf("%s: canonical %q answers differently", expr, q.String())
		}
	}
}

func slicesEqual(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
