package eventpattern

import (
	"fmt"
	"runtime"
	"testing"
)

// extraCases are CityLots pattern sets for the operators quamina cannot express (the README's
// goal: ≥ 300 k events/s with 1–100 rules): numeric ranges over the coordinates, suffix, cidr and
// $or.
func extraCases() map[string][]string {
	sets := map[string][]string{}
	for _, n := range []int{1, 100} {
		var rng, suf, cidr, or []string
		for k := 0; k < n; k++ {
			name := streets[(k*73+11)%len(streets)]
			lo := -122.515 + float64(k)*0.0014
			rng = append(rng, fmt.Sprintf(`{"geometry":{"coordinates":[{"numeric":[">=",%.6f,"<",%.6f]}]}}`, lo, lo+0.0001))
			suf = append(suf, fmt.Sprintf(`{"properties":{"STREET":[{"suffix":%q}]}}`, lastN(name, 3)))
			cidr = append(cidr, fmt.Sprintf(`{"properties":{"STREET":[{"cidr":"10.%d.0.0/16"}]}}`, k%256))
			or = append(or, fmt.Sprintf(`{"$or":[{"properties":{"STREET":[%q]}},{"properties":{"FROM_ST":[%q]},"geometry":{"type":["MultiPolygon"]}}]}`,
				name, fmt.Sprint(100+2*k)))
		}
		sets[fmt.Sprintf("numeric-range-%d", n)] = rng
		sets[fmt.Sprintf("suffix-%d", n)] = suf
		sets[fmt.Sprintf("cidr-%d", n)] = cidr
		sets[fmt.Sprintf("or-%d", n)] = or
	}
	return sets
}

func lastN(s string, n int) string {
	if len(s) < n {
		return s
	}
	return s[len(s)-n:]
}

// BenchmarkCityLotsExtra measures numeric ranges, suffix, cidr and $or on the CityLots stream,
// with the method of BenchmarkCityLots.
func BenchmarkCityLotsExtra(b *testing.B) {
	events := cityLots()
	sets := extraCases()
	for _, name := range []string{"numeric-range-1", "numeric-range-100", "suffix-1", "suffix-100", "cidr-1", "cidr-100", "or-1", "or-100"} {
		pats := sets[name]
		b.Run(name, func(b *testing.B) {
			m, _ := buildCityMatcher(b, pats)
			runtime.GC()
			matches := timeCityCase(b, m, events)
			b.ReportMetric(float64(matches), "matches/pass")
		})
	}
}
