package eventpattern

import (
	"fmt"
	"os"
	"runtime"
	"sort"
	"sync"
	"testing"
)

// TestCityLotsOracleTotals computes, with the reference interpreter, the number of (event, rule)
// matches in one pass over the 200,000 CityLots events for every shared pattern set (and the extra
// sets of BenchmarkCityLotsExtra), and checks that the compiled matcher gives the same total. It
// takes minutes, so it runs only with EVENTS_CITYLOTS_ORACLE=1 (all sets) or
// EVENTS_CITYLOTS_ORACLE=extra (only the extra sets).
func TestCityLotsOracleTotals(t *testing.T) {
	mode := os.Getenv("EVENTS_CITYLOTS_ORACLE")
	if mode == "" {
		t.Skip("set EVENTS_CITYLOTS_ORACLE=1 to run")
	}
	var names []string
	sets := map[string][]string{}
	if mode != "extra" {
		var ok bool
		names, sets, ok = cityLotsCases(t)
		if !ok {
			t.Skip("../shared/bench/citylots is absent")
		}
	}
	for name, pats := range extraCases() {
		names = append(names, name)
		sets[name] = pats
	}
	sort.Strings(names)
	events := cityLots()
	type flat struct {
		leaves []oLeaf
		idx    map[string][]int
	}
	// flatten once, in parallel
	flats := make([]flat, len(events))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < len(events); i += workers {
				ls, ok := oFlatten(events[i])
				if !ok {
					panic("bad event")
				}
				flats[i] = flat{ls, oIndex(ls)}
			}
		}(w)
	}
	wg.Wait()
	for _, name := range names {
		var pats []*Pattern
		for _, p := range sets[name] {
			cp, err := Compile(p)
			if err != nil {
				t.Fatal(err)
			}
			pats = append(pats, cp)
		}
		totals := make([]int, workers)
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				for i := w; i < len(flats); i += workers {
					for _, p := range pats {
						if oMatchWith(p, flats[i].leaves, flats[i].idx) {
							totals[w]++
						}
					}
				}
			}(w)
		}
		wg.Wait()
		oracle := 0
		for _, n := range totals {
			oracle += n
		}
		m, _ := buildCityMatcher(t, sets[name])
		got := 0
		var dst []string
		for _, e := range events {
			dst, _ = m.AppendMatches(dst[:0], e)
			got += len(dst)
		}
		fmt.Printf("citylots-oracle %-26s rules=%-5d oracle=%d matcher=%d\n", name, len(pats), oracle, got)
		if got != oracle {
			t.Errorf("%s: matcher %d, oracle %d", name, got, oracle)
		}
	}
}
