package logs_test

import (
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/watchsim/watchsim/alarms"
	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/cputime"
	"github.com/watchsim/watchsim/logs"
	"github.com/watchsim/watchsim/logs/internal/loggen"
	"github.com/watchsim/watchsim/metrics"
)

// The service benchmarks upload generated ~150-byte log lines (plain text, JSON and access-log
// lines; see internal/loggen). The default is small so that `go test -bench .` stays quick; the
// figures in BENCHMARKS.md use
//
//	go test -run XXX -bench 'PutLogEvents|FilterLogEvents|Chain' -benchmem -count 3 -logs.events 1000000 ./logs/
var benchEvents = flag.Int("logs.events", 50000, "number of generated log events the service benchmarks upload")

var (
	linesOnce sync.Once
	lines     []string
)

func benchLines() []string {
	linesOnce.Do(func() { lines = loggen.Lines(*benchEvents, 1) })
	return lines
}

// batches cuts lines into PutLogEvents batches as large as AWS allows: at most 10,000 events and
// 1,048,576 bytes counting 26 bytes per event (about 5,900 of the ~150-byte lines), stamped
// oldest first ending at now (epoch ms).
func batches(ls []string, now int64) []*logs.PutLogEventsInput {
	var out []*logs.PutLogEventsInput
	for i := 0; i < len(ls); {
		in := &logs.PutLogEventsInput{LogGroupName: "g", LogStreamName: "s"}
		size := 0
		for ; i < len(ls) && len(in.LogEvents) < logs.MaxEventsPerBatch && size+len(ls[i])+26 <= logs.MaxBatchBytes; i++ {
			size += len(ls[i]) + 26
			in.LogEvents = append(in.LogEvents, logs.InputLogEvent{Timestamp: now - int64(len(ls)-i)/100, Message: ls[i]})
		}
		out = append(out, in)
	}
	return out
}

// upload puts every line into stream s of group g, in batches as large as AWS allows.
func upload(b testing.TB, s *logs.Service, bs *bus.Bus, ls []string) {
	for _, in := range batches(ls, ms(bs.Now())) {
		if _, err := s.PutLogEvents(ctx, in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPutLogEvents uploads the corpus in batches as large as AWS allows (one op = the whole corpus) and
// reports events per second and the stored bytes per event beyond the message bytes.
func BenchmarkPutLogEvents(b *testing.B) {
	ls := benchLines()
	size := loggen.Size(ls)
	b.SetBytes(size)
	b.ReportAllocs()
	var cpu int64
	var s *logs.Service
	for b.Loop() {
		b.StopTimer()
		bs := bus.MustNew()
		s, _ = logs.New(bs)
		mustGroup(b, s, "g", "s")
		b.StartTimer()
		c0 := int64(cputime.Process())
		upload(b, s, bs, ls)
		cpu += int64(cputime.Process()) - c0
		b.StopTimer()
		bs.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(len(ls))*float64(b.N)/b.Elapsed().Seconds(), "events/s")
	if cpu > 0 {
		b.ReportMetric(float64(len(ls))*float64(b.N)/(float64(cpu)/1e9), "cpu-events/s")
	}
	mem := logs.StoredMemory(s)
	b.ReportMetric(float64(mem-size)/float64(len(ls)), "overheadB/event")
	b.ReportMetric(float64(mem)/float64(size), "mem/msgbytes")
}

// storedCorpus returns a service holding the corpus in one stream.
func storedCorpus(b *testing.B) (*logs.Service, int64) {
	ls := benchLines()
	bs := bus.MustNew()
	b.Cleanup(func() { bs.Close() })
	s, _ := logs.New(bs)
	mustGroup(b, s, "g", "s")
	upload(b, s, bs, ls)
	return s, loggen.Size(ls)
}

// filterAll pages through FilterLogEvents with pattern and returns the number of matches.
func filterAll(b *testing.B, s *logs.Service, pattern string) int {
	n := 0
	in := &logs.FilterLogEventsInput{LogGroupName: "g", FilterPattern: pattern}
	for {
		out, err := s.FilterLogEvents(ctx, in)
		if err != nil {
			b.Fatal(err)
		}
		n += len(out.Events)
		if out.NextToken == "" {
			return n
		}
		in.NextToken = out.NextToken
	}
}

func benchFilter(b *testing.B, pattern, grepTerm string) {
	s, size := storedCorpus(b)
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	c0 := int64(cputime.Process())
	matched := 0
	for b.Loop() {
		matched = filterAll(b, s, pattern)
	}
	cpu := int64(cputime.Process()) - c0
	b.StopTimer()
	mbs := float64(size) * float64(b.N) / b.Elapsed().Seconds() / 1e6
	if cpu > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/float64(cpu)*1e3, "cpuMB/s")
	}
	b.ReportMetric(float64(matched), "matches")
	if grepTerm == "" {
		return
	}
	// grep -F -c on the same bytes, measured in the same run: the best of five.
	grep, err := exec.LookPath("grep")
	if err != nil {
		b.Log("no grep: ratio not measured")
		return
	}
	path := filepath.Join(b.TempDir(), "corpus.log")
	if err := os.WriteFile(path, []byte(strings.Join(benchLines(), "\n")+"\n"), 0o600); err != nil {
		b.Fatal(err)
	}
	best := time.Duration(1 << 62)
	for range 5 {
		t0 := time.Now()
		out, err := exec.Command(grep, "-F", "-c", grepTerm, path).Output()
		if d := time.Since(t0); d < best {
			best = d
		}
		if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 1 {
			err = nil // grep's exit status when nothing matched
		}
		if err != nil || strings.TrimSpace(string(out)) != itoa(int64(matched)) {
			b.Fatalf("grep: %v %q, watchsim matched %d", err, out, matched)
		}
	}
	grepMBs := float64(size) / best.Seconds() / 1e6
	b.ReportMetric(grepMBs, "grepMB/s")
	b.ReportMetric(mbs/grepMBs, "xgrep")
}

// BenchmarkFilterLogEventsTerm searches the stored corpus with a term pattern and compares with
// grep -F -c over the same bytes.
func BenchmarkFilterLogEventsTerm(b *testing.B) { benchFilter(b, "ERROR", "ERROR") }

// BenchmarkFilterLogEventsRareLetters is the term whose letters used to make the scan slow.
func BenchmarkFilterLogEventsRareLetters(b *testing.B) { benchFilter(b, "timeout", "timeout") }

// BenchmarkFilterLogEventsJSON searches the stored corpus with a JSON pattern.
func BenchmarkFilterLogEventsJSON(b *testing.B) {
	benchFilter(b, `{ $.level = "ERROR" || ($.status >= 500 && $.latency > 1000) }`, "")
}

// BenchmarkChain measures the whole chain per log event: PutLogEvents → a metric filter → metrics
// → an alarm on the metric → its SNS action, at 100,000 events per virtual second (the events of one
// second in batches as large as AWS allows, then one second of simulated time). One op = one
// virtual second.
func BenchmarkChain(b *testing.B) {
	bs := bus.MustNew()
	defer bs.Close()
	m, _ := metrics.New(bs)
	a, _ := alarms.New(bs, m)
	s, _ := logs.New(bs)
	topic, _ := bus.NewSNSTopic(bs, "page")
	mustGroup(b, s, "g", "s")
	s.PutMetricFilter(ctx, &logs.PutMetricFilterInput{LogGroupName: "g", FilterName: "err", FilterPattern: ptr("ERROR"),
		MetricTransformations: []logs.MetricTransformation{{MetricName: "Errors", MetricNamespace: "App", MetricValue: "1", DefaultValue: ptr(0.0)}}})
	if _, err := a.PutMetricAlarm(ctx, &alarms.PutMetricAlarmInput{AlarmName: "errors", Namespace: "App", MetricName: "Errors",
		Statistic: "Sum", Period: 60, EvaluationPeriods: 1, Threshold: ptr(1.0), ComparisonOperator: "GreaterThanThreshold",
		AlarmActions: []string{topic.ARN()}}); err != nil {
		b.Fatal(err)
	}
	ls := loggen.Lines(100000, 2)
	b.ReportAllocs()
	for b.Loop() {
		for _, in := range batches(ls, ms(bs.Now())) {
			if _, err := s.PutLogEvents(context.Background(), in); err != nil {
				b.Fatal(err)
			}
		}
		if err := bs.Advance(time.Second); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/100000, "ns/event")
	b.StopTimer()
	if err := bs.Advance(2 * time.Minute); err != nil {
		b.Fatal(err)
	}
	if len(topic.Messages()) == 0 {
		b.Fatal("the alarm never fired")
	}
}

func benchQuery(b *testing.B, q string) {
	s, size := storedCorpus(b)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	c0 := int64(cputime.Process())
	for b.Loop() {
		out, err := s.StartQuery(ctx, &logs.StartQueryInput{LogGroupName: "g", StartTime: ptr(now - 86400), EndTime: ptr(now), QueryString: q})
		if err != nil {
			b.Fatal(err)
		}
		r, err := s.GetQueryResults(ctx, &logs.GetQueryResultsInput{QueryID: out.QueryID})
		if err != nil || r.Status != logs.QueryComplete || len(r.Results) == 0 {
			b.Fatalf("%+v %v", r, err)
		}
	}
	if cpu := int64(cputime.Process()) - c0; cpu > 0 {
		b.ReportMetric(float64(cpu)/float64(b.N)/1e6*1e6/float64(*benchEvents), "cpu-ms/1M-events")
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e6*1e6/float64(*benchEvents), "ms/1M-events")
}

// BenchmarkStartQueryStatsByBin runs `stats count(*) by bin(5m)` through StartQuery over the stored
// corpus (target ≤ 300 ms per million events).
func BenchmarkStartQueryStatsByBin(b *testing.B) { benchQuery(b, "stats count(*) by bin(5m)") }

// BenchmarkStartQueryFilterStats runs `filter @message like /ERROR/ | stats count(*) by bin(1m)`
// (target ≤ 500 ms per million events).
func BenchmarkStartQueryFilterStats(b *testing.B) {
	benchQuery(b, "filter @message like /ERROR/ | stats count(*) by bin(1m)")
}
