package eventpattern

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// The generators use a small vocabulary so that patterns and events collide often.
var (
	genKeys    = []string{"a", "b", "c", ""}
	genStrings = []string{"", "a", "ab", "abc", "b", "ba", "bab", "A", "Ab", "ABC", "x*y", `x\y`, "10.0.0.1", "10.0.0.7", "::1", "0:0:0:0:0:0:0:1", "300", "true"}
	genNumbers = []string{"0", "1", "1.0", "-1", "2.5", "100", "3e2", "300", "300.0", "12345678901234567890",
		"-0", "0.000", "1.50", "-122.4628522941852800", "-122.46285229418528", "12345678.250000", "123456789012345678"}
)

func quote(s string) string { return strconv.Quote(s) }

func drawString(t *rapid.T, label string) string {
	return rapid.SampledFrom(genStrings).Draw(t, label)
}

// drawWildcard builds a wildcard operand from a string by inserting at most two stars.
func drawWildcard(t *rapid.T) string {
	s := []byte(rapid.SampledFrom([]string{"", "a", "ab", "abc", "ba", "bab", "Ab", "x"}).Draw(t, "wbase"))
	n := rapid.IntRange(0, 2).Draw(t, "stars")
	for i := 0; i < n; i++ {
		at := rapid.IntRange(0, len(s)).Draw(t, "at")
		if (at > 0 && s[at-1] == '*') || (at < len(s) && s[at] == '*') {
			continue
		}
		s = append(s[:at], append([]byte{'*'}, s[at:]...)...)
	}
	return string(s)
}

func drawMatchValue(t *rapid.T) string {
	switch rapid.IntRange(0, 19).Draw(t, "kind") {
	case 0, 1:
		return quote(drawString(t, "s"))
	case 2:
		return rapid.SampledFrom(genNumbers).Draw(t, "n")
	case 3:
		return rapid.SampledFrom([]string{"null", "true", "false"}).Draw(t, "lit")
	case 4:
		return `{"prefix":` + quote(drawString(t, "p")) + `}`
	case 5:
		return `{"suffix":` + quote(drawString(t, "p")) + `}`
	case 6:
		return `{"equals-ignore-case":` + quote(drawString(t, "p")) + `}`
	case 7:
		op := rapid.SampledFrom([]string{"prefix", "suffix"}).Draw(t, "op")
		return `{"` + op + `":{"equals-ignore-case":` + quote(drawString(t, "p")) + `}}`
	case 8, 9:
		return `{"wildcard":` + quote(drawWildcard(t)) + `}`
	case 10:
		return `{"anything-but":` + quote(drawString(t, "p")) + `}`
	case 11:
		n := rapid.IntRange(1, 3).Draw(t, "n")
		var vs []string
		if rapid.Bool().Draw(t, "nums") {
			for i := 0; i < n; i++ {
				vs = append(vs, rapid.SampledFrom(genNumbers[:9]).Draw(t, "n"))
			}
		} else {
			for i := 0; i < n; i++ {
				vs = append(vs, quote(drawString(t, "s")))
			}
		}
		return `{"anything-but":[` + strings.Join(vs, ",") + `]}`
	case 12:
		op := rapid.SampledFrom([]string{"prefix", "suffix", "equals-ignore-case", "wildcard"}).Draw(t, "abop")
		n := rapid.IntRange(1, 2).Draw(t, "n")
		var vs []string
		for i := 0; i < n; i++ {
			var s string
			if op == "wildcard" {
				s = drawWildcard(t)
			} else {
				s = rapid.SampledFrom([]string{"a", "ab", "b", "A", "ba"}).Draw(t, "s")
			}
			vs = append(vs, quote(s))
		}
		if n == 1 && rapid.Bool().Draw(t, "single") {
			return `{"anything-but":{"` + op + `":` + vs[0] + `}}`
		}
		return `{"anything-but":{"` + op + `":[` + strings.Join(vs, ",") + `]}}`
	case 13:
		return `{"anything-but":` + rapid.SampledFrom(genNumbers[:9]).Draw(t, "n") + `}`
	case 14:
		a := rapid.SampledFrom([]string{"-1", "0", "1", "2.5", "100", "300"}).Draw(t, "lo")
		switch rapid.IntRange(0, 2).Draw(t, "nform") {
		case 0:
			return `{"numeric":["` + rapid.SampledFrom([]string{"=", "<", "<=", ">", ">="}).Draw(t, "nop") + `",` + a + `]}`
		default:
			return `{"numeric":[">` + rapid.SampledFrom([]string{"", "="}).Draw(t, "e1") + `",` + a + `,"<` + rapid.SampledFrom([]string{"", "="}).Draw(t, "e2") + `",1000]}`
		}
	case 15:
		return `{"cidr":` + quote(rapid.SampledFrom([]string{"10.0.0.0/29", "10.0.0.0/32", "10.0.0.1/31", "::/127", "::1/128", "0.0.0.0/0"}).Draw(t, "cidr")) + `}`
	case 16, 17:
		return `{"exists":` + strconv.FormatBool(rapid.Bool().Draw(t, "ex")) + `}`
	default:
		return quote(drawString(t, "s"))
	}
}

func drawPatternObject(t *rapid.T, depth int, inOr bool) string {
	n := rapid.IntRange(1, 3).Draw(t, "fields")
	var parts []string
	for i := 0; i < n; i++ {
		if depth < 2 && !inOr && rapid.IntRange(0, 9).Draw(t, "or") == 0 {
			k := rapid.IntRange(2, 3).Draw(t, "branches")
			var bs []string
			for j := 0; j < k; j++ {
				bs = append(bs, drawPatternObject(t, depth+1, true))
			}
			parts = append(parts, `"$or":[`+strings.Join(bs, ",")+`]`)
			continue
		}
		key := rapid.SampledFrom(genKeys).Draw(t, "key")
		if depth < 2 && rapid.IntRange(0, 2).Draw(t, "nest") == 0 {
			if rapid.Bool().Draw(t, "dotted") {
				sub := rapid.SampledFrom(genKeys).Draw(t, "sub")
				vals := drawValues(t)
				parts = append(parts, quote(key+"."+sub)+":"+vals)
				continue
			}
			parts = append(parts, quote(key)+":"+drawPatternObject(t, depth+1, inOr))
			continue
		}
		parts = append(parts, quote(key)+":"+drawValues(t))
	}
	return "{" + strings.Join(parts, ",") + "}"
}

func drawValues(t *rapid.T) string {
	n := rapid.IntRange(1, 3).Draw(t, "values")
	var vs []string
	for i := 0; i < n; i++ {
		vs = append(vs, drawMatchValue(t))
	}
	return "[" + strings.Join(vs, ",") + "]"
}

func drawScalar(t *rapid.T) string {
	switch rapid.IntRange(0, 5).Draw(t, "scalar") {
	case 0, 1, 2:
		return quote(drawString(t, "s"))
	case 3:
		return rapid.SampledFrom(genNumbers).Draw(t, "n")
	case 4:
		return rapid.SampledFrom([]string{"null", "true", "false"}).Draw(t, "lit")
	default:
		return quote(rapid.SampledFrom([]string{"abcab", "bbb", "ABAB", "x*y", "a.b"}).Draw(t, "s2"))
	}
}

func drawEventValue(t *rapid.T, depth int) string {
	k := rapid.IntRange(0, 9).Draw(t, "ev")
	switch {
	case depth < 3 && k < 3:
		return drawEventObject(t, depth+1)
	case depth < 3 && k < 5:
		n := rapid.IntRange(0, 3).Draw(t, "len")
		var es []string
		for i := 0; i < n; i++ {
			es = append(es, drawEventValue(t, depth+1))
		}
		return "[" + strings.Join(es, ",") + "]"
	default:
		return drawScalar(t)
	}
}

func drawEventObject(t *rapid.T, depth int) string {
	keys := rapid.SliceOfNDistinct(rapid.SampledFrom(genKeys), 0, 3, rapid.ID[string]).Draw(t, "ekeys")
	var parts []string
	for _, k := range keys {
		parts = append(parts, quote(k)+":"+drawEventValue(t, depth))
	}
	return "{" + strings.Join(parts, ",") + "}"
}

// drawRuleSet draws patterns; with some probability it adds many anything-but, prefix and
// wildcard rules on one field, the mix where other matchers have gone wrong.
func drawRuleSet(t *rapid.T) []string {
	var pats []string
	n := rapid.IntRange(1, 6).Draw(t, "npatterns")
	for i := 0; i < n; i++ {
		pats = append(pats, drawPatternObject(t, 0, false))
	}
	if rapid.Bool().Draw(t, "crowd") {
		key := rapid.SampledFrom(genKeys).Draw(t, "crowdkey")
		m := rapid.IntRange(2, 12).Draw(t, "ncrowd")
		for i := 0; i < m; i++ {
			var v string
			switch rapid.IntRange(0, 5).Draw(t, "crowdkind") {
			case 4, 5:
				a := rapid.SampledFrom([]string{"-1", "0", "1", "2.5", "100", "300", "3e2"}).Draw(t, "rlo")
				b := rapid.SampledFrom([]string{"1", "2.5", "100", "1000"}).Draw(t, "rhi")
				switch rapid.IntRange(0, 2).Draw(t, "rform") {
				case 0:
					v = `{"numeric":[">` + rapid.SampledFrom([]string{"", "="}).Draw(t, "e1") + `",` + a + `,"<` + rapid.SampledFrom([]string{"", "="}).Draw(t, "e2") + `",` + b + `]}`
				case 1:
					v = `{"numeric":["` + rapid.SampledFrom([]string{"=", "<", "<=", ">", ">="}).Draw(t, "nop") + `",` + a + `]}`
				default:
					v = rapid.SampledFrom(genNumbers).Draw(t, "exactnum")
				}
			case 0:
				v = `{"anything-but":[` + quote(drawString(t, "s")) + `,` + quote(drawString(t, "s")) + `]}`
			case 1:
				v = `{"prefix":` + quote(drawString(t, "s")) + `}`
			case 2:
				v = `{"wildcard":` + quote(drawWildcard(t)) + `}`
			default:
				v = `{"anything-but":{"prefix":` + quote(rapid.SampledFrom([]string{"a", "b", "ab"}).Draw(t, "p")) + `}}`
			}
			pats = append(pats, `{`+quote(key)+`:[`+v+`]}`)
		}
	}
	return pats
}

func checkAgainstOracle(t *rapid.T, pats []string, events []string) {
	m := mustMatcher()
	compiled := map[string]*Pattern{}
	for i, p := range pats {
		cp, err := Compile(p)
		if err != nil {
			continue
		}
		id := fmt.Sprintf("r%d", i)
		compiled[id] = cp
		m.AddCompiled(id, cp)
	}
	var dst []string
	for _, ev := range events {
		leaves, ok := oFlatten([]byte(ev))
		if !ok {
			t.Fatalf("generated event is not valid: %s", ev)
		}
		var want []string
		for id, cp := range compiled {
			if oMatch(cp, leaves) {
				want = append(want, id)
			}
		}
		var err error
		dst, err = m.AppendMatches(dst[:0], []byte(ev))
		if err != nil {
			t.Fatalf("AppendMatches(%s): %v", ev, err)
		}
		got := append([]string(nil), dst...)
		sort.Strings(got)
		sort.Strings(want)
		if strings.Join(got, ",") != strings.Join(want, ",") {
			var detail []string
			for id, cp := range compiled {
				detail = append(detail, id+" = "+cp.String())
			}
			sort.Strings(detail)
			t.Fatalf("event %s\nmatcher %v\noracle  %v\npatterns:\n%s", ev, got, want, strings.Join(detail, "\n"))
		}
		for id, cp := range compiled {
			one, err := cp.Matches([]byte(ev))
			if err != nil {
				t.Fatal(err)
			}
			if one != oMatch(cp, leaves) {
				t.Fatalf("Pattern.Matches(%s) on %s = %v, oracle differs", cp, ev, one)
			}
			_ = id
		}
	}
}

// TestMatcherAgainstOracle checks the compiled matcher against the reference interpreter on
// generated rule sets and events.
func TestMatcherAgainstOracle(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		pats := drawRuleSet(t)
		var events []string
		for i := rapid.IntRange(1, 5).Draw(t, "nevents"); i > 0; i-- {
			events = append(events, drawEventObject(t, 0))
		}
		checkAgainstOracle(t, pats, events)
	})
}
