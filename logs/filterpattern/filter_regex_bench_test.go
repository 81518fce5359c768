package filterpattern

import (
	"regexp"
	"testing"
)

// BenchmarkRegexEngine compares the bit-parallel %regex% engine with Go's regexp running the
// same translated pattern (what Matches used before the engine existed) on the mixed corpus.
func BenchmarkRegexEngine(b *testing.B) {
	for _, c := range []struct{ name, body string }{
		{"prefix", `latency.:1[0-9]{3},`},                                // literal prefix: skips with strings.Index
		{"alternation", `ERROR|WARN`},                                    // two chains in one word
		{"class-led", `\d{3}ms`},                                         // no literal prefix: every byte stepped
		{"anchored", `^[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3} `}, // ^: stops when the state dies
		{"dot-star", `user=[a-z]+ .*/api/v1/.*HTTP`},                     // loops
		{"fallback", `status.:5\d{2}.{0,70}ERROR`},                       // 74+ positions: Go's regexp
	} {
		src, err := translateFilterRegex(c.body)
		if err != nil {
			b.Fatal(err)
		}
		f, ok := newFilterRegex(src)
		if !ok {
			b.Fatal(c.body)
		}
		re := regexp.MustCompile(src)
		b.Run(c.name+"/engine", func(b *testing.B) { benchScanFunc(b, f.MatchString, benchCorpus()) })
		b.Run(c.name+"/goregexp", func(b *testing.B) { benchScanFunc(b, re.MatchString, benchCorpus()) })
	}
}
