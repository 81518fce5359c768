package filterpattern

import (
	"flag"
	"sync"
	"testing"

	"github.com/watchsim/watchsim/internal/cputime"
	"github.com/watchsim/watchsim/logs/internal/loggen"
)

// The matching benchmarks scan a corpus of generated ~150-byte log lines (plain text, JSON and
// space-delimited access-log lines in equal parts; see internal/loggen). The default corpus is
// small so that `go test -bench .` stays quick; the figures in docs/bench/logs.md use
//
//	go test -run XXX -bench . -benchmem -count 3 -logs.lines 1000000 ./logs/
//
// and compare the term pattern with `grep -F` on the same bytes, written with
// `go run ./logs/internal/cmd/loggen -n 1000000 -o FILE`.
var benchLines = flag.Int("logs.lines", 30000, "number of generated log lines the logs matching benchmarks scan")

var (
	corpusOnce sync.Once
	corpus     []string
)

func benchCorpus() []string {
	corpusOnce.Do(func() { corpus = loggen.Lines(*benchLines, 1) })
	return corpus
}

func benchScan(b *testing.B, pattern string, lines []string) {
	p, err := Compile(pattern)
	if err != nil {
		b.Fatal(err)
	}
	benchScanFunc(b, p.Matches, lines)
}

// benchScanFunc measures match over lines, reporting wall and CPU throughput.
func benchScanFunc(b *testing.B, match func(string) bool, lines []string) {
	size := loggen.Size(lines)
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	matched := 0
	cpu0 := int64(cputime.Process())
	for b.Loop() {
		for _, l := range lines {
			if match(l) {
				matched++
			}
		}
	}
	if cpu := int64(cputime.Process()) - cpu0; cpu > 0 {
		// throughput per CPU second: what the engine costs, independent of machine load
		b.ReportMetric(float64(size)*float64(b.N)/float64(cpu)*1e3, "cpuMB/s")
	}
	b.ReportMetric(float64(matched)/float64(b.N)/float64(len(lines)), "match/line")
}

// Term pattern over the mixed corpus: the grep -F comparison.
func BenchmarkMatchTerm(b *testing.B) { benchScan(b, `ERROR`, benchCorpus()) }

func BenchmarkMatchTermsMixed(b *testing.B) {
	benchScan(b, `?ERROR ?WARN`, benchCorpus())
}

func BenchmarkMatchTermsAndExclude(b *testing.B) {
	benchScan(b, `"user=alice" -DEBUG`, benchCorpus())
}

func BenchmarkMatchRegex(b *testing.B) { benchScan(b, `%latency.:1[0-9]{3},%`, benchCorpus()) }

const (
	benchJSONPattern      = `{ $.level = "ERROR" || ($.status >= 500 && $.latency > 1000) }`
	benchDelimitedPattern = `[ip, id, user, timestamp, request, status_code = 5*, bytes > 1000, ...]`
)

func BenchmarkMatchJSON(b *testing.B) { benchScan(b, benchJSONPattern, benchCorpus()) }

func BenchmarkMatchJSONOnlyJSONLines(b *testing.B) {
	benchScan(b, benchJSONPattern, loggen.Only(benchCorpus(), 1))
}

func BenchmarkMatchDelimited(b *testing.B) { benchScan(b, benchDelimitedPattern, benchCorpus()) }

func BenchmarkMatchDelimitedOnlyAccessLines(b *testing.B) {
	benchScan(b, benchDelimitedPattern, loggen.Only(benchCorpus(), 2))
}

// Ellipsis in the middle: the slots after it bind the last fields, so the whole line is tokenised.
func BenchmarkMatchDelimitedEllipsisMiddle(b *testing.B) {
	benchScan(b, `[ip, ..., status_code = 5*, bytes > 1000, referrer, agent]`, benchCorpus())
}

func BenchmarkCompile(b *testing.B) {
	for _, c := range []struct{ name, pattern string }{
		{"term", `ERROR`},
		{"terms", `"[ERROR]" Exception -Retry ?x`},
		{"regex-simple", `%AUTHORIZED|FORBIDDEN%`},
		{"regex", `%^[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$%`},
		{"regex-email", `%^[A-Za-z0-9._-]+@[A-Za-z0-9-]+\.[a-z]{2,6}$|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}%`},
		{"regex-dense", `%\D\W.[^a]\S\D\W.[^b]\S\D\W.[^c]\S\D\W.[^d]\S\D\W.[^e]\S\D\W.[^f]\S\D\W.[^g]\S\D\W.[^h]\S\D\W.[^i]\S\D\W.[^j]\S\D\W.[^k]\S\D\W.[^l]\S%`},
		{"regex-fallback", `%a{100}%`},
		{"regex-long", `%word00_[a-z]+=\d{2}|word01_[a-z]+=\d{2}|word02_[a-z]+=\d{2}|word03_[a-z]+=\d{2}|word04_[a-z]+=\d{2}|word05_[a-z]+=\d{2}|word06_[a-z]+=\d{2}|word07_[a-z]+=\d{2}|word08_[a-z]+=\d{2}|word09_[a-z]+=\d{2}|word10_[a-z]+=\d{2}|word11_[a-z]+=\d{2}|word12_[a-z]+=\d{2}|word13_[a-z]+=\d{2}|word14_[a-z]+=\d{2}|word15_[a-z]+=\d{2}|word16_[a-z]+=\d{2}|word17_[a-z]+=\d{2}|word18_[a-z]+=\d{2}|word19_[a-z]+=\d{2}|word20_[a-z]+=\d{2}|word21_[a-z]+=\d{2}|word22_[a-z]+=\d{2}|word23_[a-z]+=\d{2}|word24_[a-z]+=\d{2}|word25_[a-z]+=\d{2}|word26_[a-z]+=\d{2}|word27_[a-z]+=\d{2}|word28_[a-z]+=\d{2}|word29_[a-z]+=\d{2}|word30_[a-z]+=\d{2}|word31_[a-z]+=\d{2}|word32_[a-z]+=\d{2}|word33_[a-z]+=\d{2}|word34_[a-z]+=\d{2}|word35_[a-z]+=\d{2}|word36_[a-z]+=\d{2}|word37_[a-z]+=\d{2}|word38_[a-z]+=\d{2}|word39_[a-z]+=\d{2}|word40_[a-z]+=\d{2}|word41_[a-z]+=\d{2}|word42_[a-z]+=\d{2}|word43_[a-z]+=\d{2}|word44_[a-z]+=\d{2}%`}, // 45 alternatives, 1,000 bytes
		{"json", benchJSONPattern},
		{"json-compound", `{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && $.userIdentity.type = "IAMUser" && $.responseElements.ConsoleLogin = "Success" }`},
		{"delimited", benchDelimitedPattern},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			cpu0 := int64(cputime.Process())
			for b.Loop() {
				if _, err := Compile(c.pattern); err != nil {
					b.Fatal(err)
				}
			}
			if cpu := int64(cputime.Process()) - cpu0; cpu > 0 {
				b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
			}
		})
	}
}

func BenchmarkTestMetricFilter(b *testing.B) {
	msgs := loggen.Only(benchCorpus()[:150], 2)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := TestMetricFilter(`[ip, id, user, timestamp, request, status_code, bytes, ...]`, msgs); err != nil {
			b.Fatal(err)
		}
	}
}

// Matching a non-matching line allocates nothing (checked as a test, not timed).
func TestMatchesDoesNotAllocate(t *testing.T) {
	lines := loggen.Lines(300, 7)
	for _, pattern := range []string{`ERRORX`, `timeout`, `?the ?zzzz ?404`, `"upstream connect error" -e`, `?ERRORX ?WARNX`, `ERROR -INFO`, `"[ERROR]" x`, `" "`, ``, `%latency.:1[0-9]{3},%`, `%^[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3} |x?y|\d{3}ms%`, benchJSONPattern, benchDelimitedPattern, `[a, b = x, ...]`} {
		p, err := Compile(pattern)
		if err != nil {
			t.Fatal(err)
		}
		allocs := testing.AllocsPerRun(20, func() {
			for _, l := range lines {
				p.Matches(l)
			}
		})
		if allocs != 0 {
			t.Errorf("%q: %v allocations per 300 lines", pattern, allocs)
		}
	}
}

// benchTerms are terms of different letter frequency in log text, for BenchmarkMatchTermLetters:
// rare and common leading bytes, present and absent, one byte to a long phrase.
var benchTerms = []struct{ name, pattern string }{
	{"ERROR", `ERROR`},             // rare capitals, 2.7 % of lines
	{"timeout", `timeout`},         // absent; every letter common in log text
	{"the", `the`},                 // absent; the commonest English trigram's letters
	{"e", `e`},                     // one common byte, in nearly every line
	{"request", `request`},         // present in half the lines
	{"zzzz", `zzzz`},               // absent; rare byte
	{"Exception", `Exception`},     // absent; rare first byte
	{"stack_trace", `stack_trace`}, // absent; common first byte
	{"404", `404`},                 // digits
	{"phrase-present", `"path=/api/v1/orders/checkout"`},
	{"phrase-absent", `"upstream connect error or disconnect/reset before headers"`},
	{"and", `timeout request`}, // two terms, the first absent
	{"or", `?timeout ?Exception ?zzzz`},
	{"exclude", `request -timeout`},
}

// BenchmarkMatchTermLetters scans the corpus with one term pattern per sub-benchmark (see
// benchTerms). The figures against grep -F are in docs/bench/logs.md.
func BenchmarkMatchTermLetters(b *testing.B) {
	for _, c := range benchTerms {
		b.Run(c.name, func(b *testing.B) { benchScan(b, c.pattern, benchCorpus()) })
	}
}
