package eventpattern

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
)

func TestMatcherAddDelete(t *testing.T) {
	m := mustMatcher()
	if err := m.AddPattern("r1", `{"source":["a"]}`); err != nil {
		t.Fatal(err)
	}
	if err := m.AddPattern("r2", `{"source":[{"prefix":"a"}]}`); err != nil {
		t.Fatal(err)
	}
	if err := m.AddPattern("bad", `{"source":"a"}`); err == nil {
		t.Fatal("invalid pattern accepted")
	}
	got, _ := m.MatchesForEvent([]byte(`{"source":"a"}`))
	sort.Strings(got)
	if strings.Join(got, ",") != "r1,r2" {
		t.Fatalf("got %v", got)
	}
	if err := m.AddPattern("r1", `{"source":["b"]}`); err != nil { // replaces
		t.Fatal(err)
	}
	got, _ = m.MatchesForEvent([]byte(`{"source":"a"}`))
	if strings.Join(got, ",") != "r2" {
		t.Fatalf("after replace: %v", got)
	}
	if !m.DeletePattern("r2") || m.DeletePattern("r2") {
		t.Fatal("DeletePattern")
	}
	got, _ = m.MatchesForEvent([]byte(`{"source":"a"}`))
	if len(got) != 0 || m.Len() != 1 {
		t.Fatalf("after delete: %v, len %d", got, m.Len())
	}
	if _, err := m.MatchesForEvent([]byte(`[1]`)); err == nil {
		t.Fatal("non-object event accepted")
	}
}

// TestMatcherConcurrent matches from several goroutines while rules are added and removed; run
// with -race. Rules r<i> match only events with "n":i, so every answer can be checked.
func TestMatcherConcurrent(t *testing.T) {
	m := mustMatcher()
	const stable = 50
	for i := 0; i < stable; i++ {
		if err := m.AddPattern(fmt.Sprintf("r%d", i), fmt.Sprintf(`{"n":[%d]}`, i)); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			var dst []string
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				n := i % stable
				var err error
				dst, err = m.AppendMatches(dst[:0], []byte(fmt.Sprintf(`{"n":%d}`, n)))
				if err != nil {
					t.Error(err)
					return
				}
				if len(dst) != 1 || dst[0] != fmt.Sprintf("r%d", n) {
					t.Errorf("event n=%d: %v", n, dst)
					return
				}
			}
		}(g)
	}
	for i := 0; i < 200; i++ {
		id := fmt.Sprintf("tmp%d", i)
		if err := m.AddPattern(id, `{"other":["x"]}`); err != nil {
			t.Fatal(err)
		}
		if i%2 == 0 {
			m.DeletePattern(id)
		}
	}
	close(stop)
	wg.Wait()
}

// TestArrayConsistencyLinear checks that a large array of objects is judged in one pass: 20,000
// elements with the match only in the last.
func TestArrayConsistencyLinear(t *testing.T) {
	m := mustMatcher()
	if err := m.AddPattern("r", `{"items":{"k":["x"],"v":[{"numeric":[">",5]}],"gone":[{"exists":false}]}}`); err != nil {
		t.Fatal(err)
	}
	ev := arrayEvent(20000, true)
	got, err := m.MatchesForEvent(ev)
	if err != nil || len(got) != 1 {
		t.Fatalf("got %v, %v", got, err)
	}
	got, _ = m.MatchesForEvent(arrayEvent(20000, false))
	if len(got) != 0 {
		t.Fatalf("no element satisfies both fields, got %v", got)
	}
}

// arrayEvent builds {"items":[...]} with n elements where "k":"x" and a large "v" never occur in
// the same element, except in the last one when match is set.
func arrayEvent(n int, match bool) []byte {
	var b strings.Builder
	b.WriteString(`{"items":[`)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		switch {
		case i == n-1 && match:
			b.WriteString(`{"k":"x","v":9}`)
		case i%2 == 0:
			b.WriteString(`{"k":"x","v":1}`)
		default:
			b.WriteString(`{"k":"y","v":9,"gone":1}`)
		}
	}
	b.WriteString(`]}`)
	return []byte(b.String())
}

// BenchmarkArrayConsistency shows that array-consistent matching is linear in the array size:
// ns/element stays flat as the array grows.
func BenchmarkArrayConsistency(b *testing.B) {
	m := mustMatcher()
	if err := m.AddPattern("r", `{"items":{"k":["x"],"v":[{"numeric":[">",5]}]}}`); err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{10, 100, 1000, 10000} {
		ev := arrayEvent(n, true)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			var dst []string
			for i := 0; i < b.N; i++ {
				dst, _ = m.AppendMatches(dst[:0], ev)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/element")
		})
	}
}

// TestMatchNoAlloc: once its scratch has grown, a match allocates nothing, numbers included (the
// pool of AppendMatches is left out: under the race detector sync.Pool drops items on purpose).
func TestMatchNoAlloc(t *testing.T) {
	m := mustMatcher()
	for i, p := range []string{
		`{"geometry":{"coordinates":[-122.4628522941852800,37.7]}}`,
		`{"geometry":{"coordinates":[{"numeric":[">",-122.47,"<=",-122.46]}]}}`,
		`{"geometry":{"coordinates":[{"anything-but":[1.5,3e2]}]}}`,
		`{"properties":{"STREET":["24TH"]},"geometry":{"type":["Polygon"]}}`,
	} {
		if err := m.AddPattern(patternID(i), p); err != nil {
			t.Fatal(err)
		}
	}
	ev := []byte(`{"properties":{"STREET":"24TH","N":1e3},"geometry":{"type":"Polygon","coordinates":` +
		`[[[-122.4628522941852800,37.76750184999000],[-122.46285229418528,1.5],[300.0,-0.0,1.2e-3,` +
		`123456789012345678901]]]}}`)
	s := m.snapshot()
	var sc scratch
	dst, err := sc.match(s, ev, nil, false)
	if err != nil || len(dst) != 4 {
		t.Fatalf("matches %v, %v; want all four", dst, err)
	}
	if n := testing.AllocsPerRun(100, func() { dst, _ = sc.match(s, ev, dst[:0], false) }); n != 0 {
		t.Errorf("%v allocations per match, want 0", n)
	}
}

// TestNilPatternMisuse: a nil *Pattern is a bug in the caller's code, reported where it is made.
func TestNilPatternMisuse(t *testing.T) {
	for name, f := range map[string]func(){
		"AddCompiled": func() { m, _ := NewMatcher(); m.AddCompiled("r", nil) },
		"Matches":     func() { var p *Pattern; _, _ = p.Matches([]byte(`{}`)) },
	} {
		func() {
			defer func() {
				if s, _ := recover().(string); !strings.Contains(s, "nil") || !strings.HasPrefix(s, "eventpattern: ") {
					t.Errorf("%s(nil): recover() = %q, want an eventpattern panic naming the nil pattern", name, s)
				}
			}()
			f()
		}()
	}
}
