package eventpattern

import (
	"fmt"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// TestArrayConsistencyCases pins down array-consistent matching as event-ruler, the engine inside
// EventBridge, does it: fields read from objects inside one array must come from the same element,
// while a scalar element of an array belongs to no element and is compatible with every sibling
// (event-ruler's Event.traverseArray records array membership only for object and array
// elements). Each case runs through the matcher (whose array judge is the linear pass) and
// through Pattern.Matches.
func TestArrayConsistencyCases(t *testing.T) {
	cases := []struct {
		name, pattern, event string
		want                 bool
	}{
		{"two fields, one element", `{"a":{"b":["x"],"c":["y"]}}`, `{"a":[{"b":"x","c":"y"}]}`, true},
		{"two fields, two elements", `{"a":{"b":["x"],"c":["y"]}}`, `{"a":[{"b":"x"},{"c":"y"}]}`, false},
		{"scalar element and a field of a sibling object", `{"a":["x"],"a.b":["y"]}`, `{"a":["x",{"b":"y"}]}`, true},
		{"scalar element after the object", `{"a":["x"],"a.b":["y"]}`, `{"a":[{"b":"y"},"x"]}`, true},
		{"scalar between two objects still splits them", `{"a":["x"],"a.b":["y"],"a.c":["z"]}`, `{"a":[{"b":"y"},"x",{"c":"z"}]}`, false},
		{"scalar between, fields in one object", `{"a":["x"],"a.b":["y"],"a.c":["z"]}`, `{"a":[{"b":"n"},"x",{"b":"y","c":"z"}]}`, true},
		{"scalars of an inner array are free inside their element", `{"a":{"t":["x"],"u":["y"]}}`, `{"a":[{"t":["q","x"],"u":"y"},{"u":"n"}]}`, true},
		{"inner array is a member of the outer element", `{"a":{"t":["x"],"u":["y"]}}`, `{"a":[{"t":["x"]},{"u":"y"}]}`, false},
		{"nested array element is a member", `{"a":["x"],"a.b":["y"]}`, `{"a":[["x"],{"b":"y"}]}`, false},
		{"exists:false judged per element, scalar free", `{"a":["x"],"a.b":[{"exists":false}]}`, `{"a":["x",{"b":"y"}]}`, false},
		{"exists:false judged per element, other element", `{"a.c":["z"],"a.b":[{"exists":false}]}`, `{"a":[{"b":"y"},"x",{"c":"z"}]}`, true},
		{"scalar top-level array alone", `{"a":["x"],"b":["y"]}`, `{"a":["w","x"],"b":["y","v"]}`, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := Compile(c.pattern)
			if err != nil {
				t.Fatal(err)
			}
			if got, err := p.Matches([]byte(c.event)); err != nil || got != c.want {
				t.Fatalf("Pattern.Matches = %v, %v; want %v", got, err, c.want)
			}
			m := mustMatcher()
			m.AddCompiled("r", p)
			ids, err := m.MatchesForEvent([]byte(c.event))
			if err != nil || (len(ids) == 1) != c.want {
				t.Fatalf("Matcher = %v, %v; want %v", ids, err, c.want)
			}
			leaves, _ := oFlatten([]byte(c.event))
			if oMatch(p, leaves) != c.want {
				t.Fatalf("the oracle disagrees")
			}
		})
	}
}

// TestArrayConsistencyFallback covers the backtracking judge the matcher falls back to when the
// linear pass does not apply: a sub-rule with more than 64 fields, or more than maxDPStates
// states. Both a match and a near miss (the fields spread over two elements) are checked, and
// a scalar element stays compatible with every element there too.
func TestArrayConsistencyFallback(t *testing.T) {
	build := func(n int) (pattern string, fields []string) {
		var parts []string
		for i := 0; i < n; i++ {
			f := fmt.Sprintf("f%d", i)
			fields = append(fields, f)
			parts = append(parts, fmt.Sprintf(`"a.%s":["x"]`, f))
		}
		parts = append(parts, `"a":["s"]`)
		return "{" + strings.Join(parts, ",") + "}", fields
	}
	obj := func(fields []string) string {
		var parts []string
		for _, f := range fields {
			parts = append(parts, fmt.Sprintf(`%q:"x"`, f))
		}
		return "{" + strings.Join(parts, ",") + "}"
	}
	for _, n := range []int{65, 14} { // 65 fields: more than a word of slots; 14: 2^13 states in one element
		pattern, fields := build(n)
		p, err := Compile(pattern, WithMaxPatternLength(1<<20))
		if err != nil {
			t.Fatal(err)
		}
		half := n / 2
		events := []struct {
			event string
			want  bool
		}{
			{`{"a":["s",` + obj(fields) + `]}`, true},
			{`{"a":[` + obj(fields) + `,"s"]}`, true},
			{`{"a":[` + obj(fields[:half]) + `,"s",` + obj(fields[half:]) + `]}`, false},
			{`{"a":[` + obj(fields) + `]}`, false},       // the scalar "s" is missing
			{`{"a":[` + obj(fields) + `,["s"]]}`, false}, // "s" is in an array element
			{`{"a":[` + obj(fields[1:]) + `,{"f0":"x"},"s"]}`, false},
		}
		// exists:false is judged per element on the fallback path too
		absent, err := Compile(strings.TrimSuffix(pattern, "}")+`,"a.g":[{"exists":false}]}`, WithMaxPatternLength(1<<20))
		if err != nil {
			t.Fatal(err)
		}
		withG := append(append([]string(nil), fields...), "g")
		for i, e := range []struct {
			event string
			want  bool
		}{
			{`{"a":["s",` + obj(fields) + `,{"g":"x"}]}`, true},
			{`{"a":["s",` + obj(withG) + `]}`, false},
			{`{"a":[` + obj(withG) + `,"s",` + obj(fields) + `]}`, true},
		} {
			m := mustMatcher()
			m.AddCompiled("r", absent)
			ids, err := m.MatchesForEvent([]byte(e.event))
			if err != nil || (len(ids) == 1) != e.want {
				t.Errorf("%d fields and exists:false, event %d: matcher %v, %v; want %v", n, i, ids, err, e.want)
			}
		}
		for i, e := range events {
			m := mustMatcher()
			m.AddCompiled("r", p)
			ids, err := m.MatchesForEvent([]byte(e.event))
			if err != nil || (len(ids) == 1) != e.want {
				t.Errorf("%d fields, event %d: matcher %v, %v; want %v", n, i, ids, err, e.want)
			}
			if got, _ := p.Matches([]byte(e.event)); got != e.want {
				t.Errorf("%d fields, event %d: Pattern.Matches %v; want %v", n, i, got, e.want)
			}
		}
	}
}

// TestArrayScalarsAgainstOracle is the oracle property aimed at the mixed arrays of the issue:
// patterns that name an array's own path and fields of its object elements, on events whose
// arrays mix scalars, objects and nested arrays.
func TestArrayScalarsAgainstOracle(t *testing.T) {
	vals := []string{"x", "y"}
	rapid.Check(t, func(t *rapid.T) {
		var pats []string
		for i := rapid.IntRange(1, 4).Draw(t, "npats"); i > 0; i-- {
			var parts []string
			used := map[string]bool{}
			for j := rapid.IntRange(1, 4).Draw(t, "nfields"); j > 0; j-- {
				path := rapid.SampledFrom([]string{"a", "a.b", "a.c", "a.b.d"}).Draw(t, "path")
				if used[path] {
					continue
				}
				used[path] = true
				v := `"` + rapid.SampledFrom(vals).Draw(t, "v") + `"`
				if rapid.IntRange(0, 4).Draw(t, "absent") == 0 {
					v = `{"exists":false}`
				}
				parts = append(parts, fmt.Sprintf("%q:[%s]", path, v))
			}
			pats = append(pats, "{"+strings.Join(parts, ",")+"}")
		}
		var elem func(depth int) string
		elem = func(depth int) string {
			switch k := rapid.IntRange(0, 5).Draw(t, "elem"); {
			case k < 2 || depth > 2:
				return `"` + rapid.SampledFrom(vals).Draw(t, "s") + `"`
			case k < 5:
				var parts []string
				for _, key := range rapid.SliceOfNDistinct(rapid.SampledFrom([]string{"b", "c", "d"}), 0, 3, rapid.ID[string]).Draw(t, "keys") {
					if rapid.Bool().Draw(t, "arr") {
						parts = append(parts, fmt.Sprintf("%q:[%s,%s]", key, elem(depth+1), elem(depth+1)))
					} else {
						parts = append(parts, fmt.Sprintf("%q:%s", key, elem(depth+1)))
					}
				}
				return "{" + strings.Join(parts, ",") + "}"
			default:
				return "[" + elem(depth+1) + "," + elem(depth+1) + "]"
			}
		}
		var events []string
		for i := rapid.IntRange(1, 4).Draw(t, "nevents"); i > 0; i-- {
			var es []string
			for j := rapid.IntRange(0, 4).Draw(t, "len"); j > 0; j-- {
				es = append(es, elem(0))
			}
			events = append(events, `{"a":[`+strings.Join(es, ",")+`]}`)
		}
		checkAgainstOracle(t, pats, events)
	})
}
