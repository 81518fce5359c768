package eventpattern

import (
	"encoding/json"
	"math"
	"sort"
	"strings"
	"testing"

	"github.com/watchsim/watchsim/internal/awserr"
)

// FuzzCompilePattern: the pattern parser never panics, and every pattern it refuses gets an AWS
// error (InvalidEventPatternException) or the not-simulated error.
func FuzzCompilePattern(f *testing.F) {
	for _, v := range loadVectors(f) {
		f.Add(v.patternText())
	}
	for _, s := range []string{`{}`, `[]`, `{"a":[]}`, `{"a":[{}]}`, `{"a":[[1]]}`, `{"$or":[{"a":["x"]}]}`,
		`{"$or":{"a":["x"]}}`, `{"a":[{"numeric":[">",1,"<",0]}]}`, `{"a":[{"wildcard":"a\\"}]}`,
		`{"a":[{"cidr":"1.2.3.4/33"}]}`, `{"a":[{"exactly":"x"}]}`, `{"a":["\ud800"]}`, `{"a":[1e999]}`, `{"a"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, pattern string) {
		p, err := Compile(pattern, WithMaxPatternLength(math.MaxInt))
		if err != nil {
			if awserr.IsNotSimulated(err) {
				return
			}
			be, ok := err.(*awserr.Error)
			if !ok || be.Code != InvalidEventPatternCode || !strings.HasPrefix(be.Message, "Event pattern is not valid. Reason: ") {
				t.Fatalf("pattern %q: error %T %v", pattern, err, err)
			}
			return
		}
		if len(p.subs) == 0 {
			t.Fatalf("pattern %q compiled to nothing", pattern)
		}
	})
}

var fuzzPatterns = []string{
	`{"a":["x"]}`,
	`{"a":{"b":[{"prefix":"x"}],"c":[{"exists":false}]}}`,
	`{"a":[{"anything-but":["x","y"]},{"numeric":[">",0]}]}`,
	`{"b":[{"wildcard":"*x*"}],"a.b":[{"exists":true}]}`,
	`{"$or":[{"a":[null]},{"c":[{"cidr":"10.0.0.0/8"}]}]}`,
	`{"a":[{"equals-ignore-case":"X"}],"b":{"c":[{"suffix":"y"}]}}`,
	`{"n":[300,-122.46285229418528,0,1.5e1,12345678.25]}`,
	`{"n":[{"numeric":[">=",-122.4628522941853,"<",12345678.5]}]}`,
}

// FuzzFlatten: the event flattener never panics on any input; on a valid JSON object it agrees
// with the reference interpreter; on anything else it returns an error or a result, never a panic.
func FuzzFlatten(f *testing.F) {
	for _, v := range loadVectors(f) {
		f.Add(string(v.Event))
	}
	for _, s := range []string{`{}`, `{"a":"x"}`, `{"a":["x",{"b":"y"}]}`, `{"a":{"b":"\u0078"}}`, `{"a.b":1,"c":[[null]]}`,
		`{"a":`, `[1]`, `"x"`, `{"a":1}x`, `{"a":"\"}`, `{"a":[{"c":"10.1.2.3"},{"b":{"c":"y"}}]}`,
		`{"n":-122.4628522941852800}`, `{"n":[3.0e2,300.000,-0.0,15,12345678.2500]}`, `{"n":[01]}`, `{"n":1.}`,
		`{"n":[12345678901234567890,-122.462852294185280000,1234567.]}`, `{"n":[[[-122.46285229418530,37.7]]]}`} {
		f.Add(s)
	}
	m := mustMatcher()
	for i, p := range fuzzPatterns {
		if err := m.AddPattern(string(rune('A'+i)), p); err != nil {
			f.Fatal(err)
		}
	}
	f.Fuzz(func(t *testing.T, event string) {
		got, err := m.MatchesForEvent([]byte(event))
		var root any
		valid := json.Unmarshal([]byte(event), &root) == nil
		if _, isObj := root.(map[string]any); !valid || !isObj || hasDuplicateOrDottedKeys(event) {
			if err != nil && awserr.ErrorCode(err) != "MalformedDetail" {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if err != nil {
			t.Fatalf("valid event %q: %v", event, err)
		}
		leaves, _ := oFlatten([]byte(event))
		var want []string
		for i, p := range fuzzPatterns {
			cp, _ := Compile(p)
			if oMatch(cp, leaves) {
				want = append(want, string(rune('A'+i)))
			}
		}
		sort.Strings(got)
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Fatalf("event %q: matcher %v, oracle %v", event, got, want)
		}
	})
}

// hasDuplicateOrDottedKeys reports events that spell one path twice, which the early-stopping
// matcher reads only once (see Matcher.AppendMatches); they are excluded from the comparison.
func hasDuplicateOrDottedKeys(event string) bool {
	dec := json.NewDecoder(strings.NewReader(event))
	type frame struct {
		obj  bool
		keys map[string]bool
		want bool // next string token is a key
	}
	var stack []*frame
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		switch v := tok.(type) {
		case json.Delim:
			switch v {
			case '{':
				if top != nil && top.obj {
					top.want = true
				}
				stack = append(stack, &frame{obj: true, keys: map[string]bool{}, want: true})
				continue
			case '[':
				if top != nil && top.obj {
					top.want = true
				}
				stack = append(stack, &frame{})
				continue
			default:
				stack = stack[:len(stack)-1]
				if len(stack) > 0 && stack[len(stack)-1].obj {
					stack[len(stack)-1].want = true
				}
				continue
			}
		case string:
			if top != nil && top.obj && top.want {
				if top.keys[v] || strings.Contains(v, ".") {
					return true
				}
				top.keys[v] = true
				top.want = false
				continue
			}
		}
		if top != nil && top.obj {
			top.want = true
		}
	}
}
