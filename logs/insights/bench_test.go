package insights

import (
	"flag"
	"iter"
	"sync"
	"testing"

	"github.com/watchsim/watchsim/internal/cputime"
	"github.com/watchsim/watchsim/logs/internal/loggen"
)

// The query benchmarks run over generated ~150-byte log lines (plain text, JSON and access-log
// lines in equal parts; see logs/internal/loggen), one event every 10 ms. The default corpus is
// small so that `go test -bench .` stays quick; the figures in BENCHMARKS.md use
//
//	go test -run XXX -bench . -benchmem -count 3 -insights.events 1000000 ./logs/insights/
var benchEvents = flag.Int("insights.events", 30000, "number of generated log events the Logs Insights benchmarks query")

var (
	benchOnce   sync.Once
	benchCorpus []Event
)

func corpus() []Event {
	benchOnce.Do(func() {
		lines := loggen.Lines(*benchEvents, 1)
		benchCorpus = make([]Event, len(lines))
		base := int64(1_795_000_000_000)
		for i, l := range lines {
			benchCorpus[i] = Event{Timestamp: base + int64(i)*10, IngestionTime: base + int64(i)*10 + 200, Message: l,
				LogStream: "stream-1", Log: "123456789012:bench", Ptr: "ptr"}
		}
	})
	return benchCorpus
}

func values(evs []Event) iter.Seq[Event] {
	return func(yield func(Event) bool) {
		for i := range evs {
			if !yield(evs[i]) {
				return
			}
		}
	}
}

func benchQuery(b *testing.B, query string) {
	q, err := Parse(query)
	if err != nil {
		b.Fatal(err)
	}
	evs := corpus()
	w := Window{Start: 0, End: 1 << 50}
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := int64(cputime.Process())
	var rows int
	for b.Loop() {
		res, err := q.Run(values(evs), w)
		if err != nil {
			b.Fatal(err)
		}
		rows = len(res.Rows)
	}
	if cpu := int64(cputime.Process()) - cpu0; cpu > 0 {
		b.ReportMetric(float64(cpu)/float64(b.N)/float64(len(evs)), "cpu-ns/event")
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(evs)), "ns/event")
	b.ReportMetric(float64(rows), "rows")
}

// Target: ≤ 300 ms per million events.
func BenchmarkStatsCountByBin(b *testing.B) { benchQuery(b, `stats count(*) by bin(5m)`) }

// Target: ≤ 500 ms per million events.
func BenchmarkFilterLikeStatsCountByBin(b *testing.B) {
	benchQuery(b, `filter @message like /ERROR/ | stats count(*) by bin(1m)`)
}

func BenchmarkFilterRegexStats(b *testing.B) {
	benchQuery(b, `filter @message like /(?i)error|warn/ | stats count(*) by bin(1m)`)
}

func BenchmarkJSONFieldStats(b *testing.B) {
	benchQuery(b, `filter ispresent(status) | stats avg(latency), pct(latency, 95), count(*) by status`)
}

func BenchmarkParseGlobStats(b *testing.B) {
	benchQuery(b, `parse @message "user=* " as user | stats count(*) by user`)
}

func BenchmarkNewest20(b *testing.B) { benchQuery(b, `fields @timestamp, @message | limit 20`) }

func BenchmarkSortLimit(b *testing.B) {
	benchQuery(b, `fields @timestamp, @message | sort @message desc | limit 20`)
}

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(`filter @message like /ERROR/ and status >= 500 | parse @message "[*] *" as level, rest | stats count(*) as n, avg(latency) by bin(5m), level | sort n desc | limit 10`); err != nil {
			b.Fatal(err)
		}
	}
}
