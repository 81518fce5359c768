package eventpattern

// Micro-benchmarks of single patterns over 2,000 CityLots events (flattening dominates).

import (
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/watchsim/watchsim/internal/awserr"
)

// TestFlattenArrayMembership: a leaf's chain lists the array elements that enclose it, and only
// object and array elements count (a scalar element is a member of no element of its array,
// as in event-ruler's Event.traverseArray).
func TestFlattenArrayMembership(t *testing.T) {
	m := mustMatcher()
	if err := m.AddPattern("r", `{"a":["x"],"a.b":["y"],"a.c":["z"]}`); err != nil {
		t.Fatal(err)
	}
	s := m.snapshot()
	var sc scratch
	sc.prepare(s)
	fl := &sc.fl
	fl.reset([]byte(`{"a":["x",{"b":"y","c":["z",["w"]]},"v"]}`), len(s.paths), true)
	fl.direct, fl.sc = make([]bool, len(s.paths)), &sc
	if err := fl.run(s.trie); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range fl.leaves {
		got = append(got, fmt.Sprintf("%s%v", l.val.b, fl.chains[l.chainOff:l.chainOff+l.chainLen]))
	}
	// arrays are numbered in document order: a is 0, c is 1, the array inside c is 2
	want := "x[] y[{0 1}] z[{0 1}] w[{0 1} {1 1}] v[]"
	if strings.Join(got, " ") != want {
		t.Fatalf("leaves %s, want %s", strings.Join(got, " "), want)
	}
}

// TestEventDepthLimit: events nested MaxEventDepth deep are read, one level more is a malformed
// event, for the matcher (which reads only what patterns need) and for Pattern.Matches (which
// reads the whole event).
func TestEventDepthLimit(t *testing.T) {
	nest := func(n int) string { return `{"a":` + strings.Repeat("[", n-1) + "1" + strings.Repeat("]", n-1) + "}" }
	p, err := Compile(`{"a":[1]}`)
	if err != nil {
		t.Fatal(err)
	}
	m := mustMatcher()
	m.AddCompiled("r", p)
	for _, c := range []struct {
		depth int
		ok    bool
	}{{MaxEventDepth, true}, {MaxEventDepth + 1, false}} {
		ev := []byte(nest(c.depth))
		got, err := p.Matches(ev)
		if c.ok && (!got || err != nil) || !c.ok && awserr.ErrorCode(err) != "MalformedDetail" {
			t.Errorf("Pattern.Matches, depth %d: %v, %v", c.depth, got, err)
		}
		ids, err := m.MatchesForEvent(ev)
		if c.ok && (len(ids) != 1 || err != nil) || !c.ok && awserr.ErrorCode(err) != "MalformedDetail" {
			t.Errorf("matcher, depth %d: %v, %v", c.depth, ids, err)
		}
	}
	// a skipped subtree is not validated, at any depth; the whole-event reader refuses it
	other := []byte(`{"b":` + strings.Repeat("[", MaxEventDepth+5) + strings.Repeat("]", MaxEventDepth+5) + `,"a":1}`)
	if ids, err := m.MatchesForEvent(other); len(ids) != 1 || err != nil {
		t.Errorf("matcher over a deep unread subtree: %v, %v", ids, err)
	}
	if _, err := p.Matches(other); awserr.ErrorCode(err) != "MalformedDetail" {
		t.Errorf("Pattern.Matches over a deep subtree: %v", err)
	}
}

func BenchmarkFlattenExact1(b *testing.B) {
	evs := cityLotsEvents(2000, 1)
	m := mustMatcher()
	m.AddPattern("x", `{"properties":{"STREET":["24TH"]}}`)
	var dst []string
	b.ResetTimer()
	c := cpuTime()
	for i := 0; i < b.N; i++ {
		dst, _ = m.AppendMatches(dst[:0], evs[i%len(evs)])
	}
	b.ReportMetric(float64((cpuTime()-c).Nanoseconds())/float64(b.N), "cpu-ns/op")
}
func BenchmarkFlattenAbsent(b *testing.B) {
	evs := cityLotsEvents(2000, 1)
	m := mustMatcher()
	m.AddPattern("x", `{"geometry":{"FOO":["x"]}}`)
	var dst []string
	b.ResetTimer()
	c := cpuTime()
	for i := 0; i < b.N; i++ {
		dst, _ = m.AppendMatches(dst[:0], evs[i%len(evs)])
	}
	b.ReportMetric(float64((cpuTime()-c).Nanoseconds())/float64(b.N), "cpu-ns/op")
}
func BenchmarkFlattenNumeric(b *testing.B) {
	evs := cityLotsEvents(2000, 1)
	m := mustMatcher()
	m.AddPattern("x", `{"geometry":{"coordinates":[-122.462852294185280]}}`)
	var dst []string
	b.ResetTimer()
	c := cpuTime()
	for i := 0; i < b.N; i++ {
		dst, _ = m.AppendMatches(dst[:0], evs[i%len(evs)])
	}
	b.ReportMetric(float64((cpuTime()-c).Nanoseconds())/float64(b.N), "cpu-ns/op")
}

// cpuTime returns the CPU time (user + system) the process has used. Benchmarks report events per
// CPU-second besides events per wall-second, because the benchmark machine is shared: wall time
// includes time the process waited for a core.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
