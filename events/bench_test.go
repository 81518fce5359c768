package events

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

const (
	cityLotsN      = 200000
	cityLotsSHA256 = "c5d801fb756202c7c0c3b0087015c62d89aab29160af9b20602e923222823590"
	cityLotsDir    = "../../shared/bench/citylots/patterns"
)

var (
	cityOnce   sync.Once
	cityEvents [][]byte
)

func cityLots() [][]byte {
	cityOnce.Do(func() { cityEvents = cityLotsEvents(cityLotsN, 1) })
	return cityEvents
}

// TestCityLotsGenerator checks that the copied generator reproduces the shared stream byte for byte.
func TestCityLotsGenerator(t *testing.T) {
	if os.Getenv("EVENTS_CITYLOTS_ORACLE") != "1" {
		t.Skip("generates 180 MB; set EVENTS_CITYLOTS_ORACLE=1 to run")
	}
	h := sha256.New()
	for _, e := range cityLots() {
		h.Write(e)
		h.Write([]byte{'\n'})
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != cityLotsSHA256 {
		t.Fatalf("sha256 %s, want %s", got, cityLotsSHA256)
	}
}

// cityLotsCases reads the shared pattern sets; ok is false when ../shared is absent.
func cityLotsCases(tb testing.TB) (names []string, sets map[string][]string, ok bool) {
	files, err := filepath.Glob(filepath.Join(cityLotsDir, "*.jsonl"))
	if err != nil || len(files) == 0 {
		return nil, nil, false
	}
	sets = map[string][]string{}
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			tb.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<16), 1<<20)
		name := strings.TrimSuffix(filepath.Base(f), ".jsonl")
		for sc.Scan() {
			if line := strings.TrimSpace(sc.Text()); line != "" {
				sets[name] = append(sets[name], line)
			}
		}
		fh.Close()
		names = append(names, name)
	}
	sort.Strings(names)
	return names, sets, true
}

func buildCityMatcher(tb testing.TB, pats []string) (*Matcher, time.Duration) {
	start := time.Now()
	m := NewMatcher(Options{})
	for i, p := range pats {
		if err := m.AddPattern(patternID(i), p); err != nil {
			tb.Fatalf("pattern %d %s: %v", i, p, err)
		}
	}
	m.snapshot() // the first match builds the snapshot; count it as part of adding
	return m, time.Since(start)
}

func patternID(i int) string {
	const digits = "0123456789"
	if i == 0 {
		return "p0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{digits[i%10]}, b...)
	}
	return "p" + string(b)
}

// BenchmarkCityLots runs every shared CityLots case on one matcher per case, following the
// reference method: all patterns added, a warm-up over 20,000 events, then events matched in
// order (cycling through the 200,000). Run it with GOMAXPROCS=1. Metrics: events/s, matches/pass
// (the checksum), add-ms (adding every pattern and building the matcher), heap-B (live heap of
// the matcher).
func BenchmarkCityLots(b *testing.B) {
	names, sets, ok := cityLotsCases(b)
	if !ok {
		b.Skip("../shared/bench/citylots is absent")
	}
	events := cityLots()
	for _, name := range names {
		pats := sets[name]
		b.Run(name, func(b *testing.B) {
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			addCPU := cpuTime()
			m, add := buildCityMatcher(b, pats)
			addCPU = cpuTime() - addCPU
			runtime.GC()
			runtime.ReadMemStats(&after)
			var dst []string
			matches := 0
			for _, e := range events {
				var err error
				dst, err = m.AppendMatches(dst[:0], e)
				if err != nil {
					b.Fatal(err)
				}
				matches += len(dst)
			}
			for i := 0; i < 20000; i++ {
				dst, _ = m.AppendMatches(dst[:0], events[i])
			}
			b.ReportAllocs()
			b.ResetTimer()
			cpu0 := cpuTime()
			for i := 0; i < b.N; i++ {
				dst, _ = m.AppendMatches(dst[:0], events[i%len(events)])
			}
			cpu := cpuTime() - cpu0
			b.StopTimer()
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
			b.ReportMetric(float64(b.N)/cpu.Seconds(), "events/cpu-s")
			b.ReportMetric(float64(matches), "matches/pass")
			b.ReportMetric(float64(add.Microseconds())/1000, "add-ms")
			b.ReportMetric(float64(addCPU.Microseconds())/1000, "add-cpu-ms")
			b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)), "heap-B")
			runtime.KeepAlive(m)
		})
	}
}
