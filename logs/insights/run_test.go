package insights

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// ms returns the epoch milliseconds of an RFC 3339 time.
func ms(t *testing.T, s string) int64 {
	t.Helper()
	tm, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatal(err)
	}
	return tm.UnixMilli()
}

// everything is a window that holds every test event.
var everything = Window{Start: 0, End: 1 << 50}

func run(t *testing.T, query string, events []Event, w Window) *Result {
	t.Helper()
	q, err := Parse(query)
	if err != nil {
		t.Fatalf("Parse(%q): %v", query, err)
	}
	res, err := q.Run(slices.Values(events), w)
	if err != nil {
		t.Fatalf("Run(%q): %v", query, err)
	}
	return res
}

// table renders rows as "field=value" lines for compact comparisons.
func table(res *Result) []string {
	var out []string
	for _, row := range res.Rows {
		var parts []string
		for _, f := range row {
			parts = append(parts, f.Field+"="+f.Value)
		}
		out = append(out, strings.Join(parts, " "))
	}
	return out
}

func msgEvents(t *testing.T, base string, msgs ...string) []Event {
	start := ms(t, base)
	evs := make([]Event, len(msgs))
	for i, m := range msgs {
		evs[i] = Event{Timestamp: start + int64(i)*1000, IngestionTime: start + int64(i)*1000 + 5, Message: m,
			LogStream: "s", Log: "123456789012:g", Ptr: "p" + string(rune('a'+i))}
	}
	return evs
}

// Worked example 1 (the get-query-results CLI example): three events, newest first, the
// statistics AWS reported.
func TestWorkedExampleBenchmarkEvents(t *testing.T) {
	log := "877362114193:testNHT"
	evs := []Event{
		{Timestamp: ms(t, "2024-05-19T06:10:16.682Z"), Message: "Test BENCHMARK 1", LogStream: "TestStream", Log: log, Ptr: "p1"},
		{Timestamp: ms(t, "2024-05-19T06:10:27.559Z"), Message: "Test BENCHMARK 2", LogStream: "TestStream", Log: log, Ptr: "p2"},
		{Timestamp: ms(t, "2024-05-19T06:10:35.743Z"), Message: "Test BENCHMARK 3", LogStream: "TestStream", Log: log, Ptr: "p3"},
	}
	res := run(t, "fields @timestamp, @message, @logStream", evs, everything)
	want := []string{
		"@timestamp=2024-05-19 06:10:35.743 @message=Test BENCHMARK 3 @logStream=TestStream @ptr=p3",
		"@timestamp=2024-05-19 06:10:27.559 @message=Test BENCHMARK 2 @logStream=TestStream @ptr=p2",
		"@timestamp=2024-05-19 06:10:16.682 @message=Test BENCHMARK 1 @logStream=TestStream @ptr=p1",
	}
	if diff := cmp.Diff(want, table(res)); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	if want := (Statistics{RecordsMatched: 3, RecordsScanned: 3, BytesScanned: 141}); res.Statistics != want {
		t.Errorf("statistics = %+v, want %+v", res.Statistics, want)
	}
}

// Worked example 2: parse with a glob and with a regex gives the same fields.
func TestWorkedExampleParse(t *testing.T) {
	evs := msgEvents(t, "2019-05-25T10:24:39Z", "25 May 2019 10:24:39,474 [ERROR] {foo=2, bar=data} The error was: DataIntegrityException")
	for _, q := range []string{
		`parse @message "[*] * The error was: *" as level, config, exception | display level, config, exception`,
		`parse @message /\[(?<level>\S+)\]\s+(?<config>\{.*\})\s+The error was: (?<exception>\S+)/ | display level, config, exception`,
	} {
		want := []string{"level=ERROR config={foo=2, bar=data} exception=DataIntegrityException @ptr=pa"}
		if diff := cmp.Diff(want, table(run(t, q, evs, everything))); diff != "" {
			t.Errorf("%s (-want +got):\n%s", q, diff)
		}
	}
}

// Worked example 3: parse, filter on a parsed field, display one column.
func TestWorkedExampleParseFilterDisplay(t *testing.T) {
	evs := msgEvents(t, "2023-01-01T00:00:00Z", "[ERROR] disk full", "[INFO] started", "[ERROR] out of memory", "no brackets")
	res := run(t, `fields @message | parse @message "[*] *" as loggingType, loggingMessage | filter loggingType = "ERROR" | display loggingMessage`, evs, everything)
	want := []string{"loggingMessage=out of memory @ptr=pc", "loggingMessage=disk full @ptr=pa"}
	if diff := cmp.Diff(want, table(res)); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	if res.Statistics.RecordsMatched != 2 || res.Statistics.RecordsScanned != 4 {
		t.Errorf("statistics = %+v", res.Statistics)
	}
}

// Worked example 4: like /ERROR/ keeps the two ERROR events.
func TestWorkedExampleLikeRegex(t *testing.T) {
	evs := msgEvents(t, "2023-01-01T00:00:00Z", "INFO ok", "ERROR one", "ERROR two")
	res := run(t, `filter @message like /ERROR/`, evs, everything)
	want := []string{
		"@timestamp=2023-01-01 00:00:02.000 @message=ERROR two @ptr=pc",
		"@timestamp=2023-01-01 00:00:01.000 @message=ERROR one @ptr=pb",
	}
	if diff := cmp.Diff(want, table(res)); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
}

// Worked example 5: the newest row per server.
func TestWorkedExampleDedup(t *testing.T) {
	evs := msgEvents(t, "2023-01-01T00:00:00Z",
		`{"server":"a","severity":"INFO","message":"1"}`,
		`{"server":"b","severity":"WARN","message":"2"}`,
		`{"server":"a","severity":"ERROR","message":"3"}`,
		`{"severity":"INFO","message":"4"}`,
		`{"severity":"INFO","message":"5"}`)
	res := run(t, `fields @timestamp, server, severity, message | sort @timestamp desc | dedup server`, evs, everything)
	want := []string{
		"@timestamp=2023-01-01 00:00:04.000 severity=INFO message=5 @ptr=pe",
		"@timestamp=2023-01-01 00:00:03.000 severity=INFO message=4 @ptr=pd",
		"@timestamp=2023-01-01 00:00:02.000 server=a severity=ERROR message=3 @ptr=pc",
		"@timestamp=2023-01-01 00:00:01.000 server=b severity=WARN message=2 @ptr=pb",
	}
	if diff := cmp.Diff(want, table(res)); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
}

// Worked example 6: two stats; the second sees the first's 5-minute buckets.
func TestWorkedExampleTwoStats(t *testing.T) {
	base := ms(t, "2023-01-01T00:00:00Z")
	var evs []Event
	// bucket 0: 1024 bytes × 2; bucket 1: 2048 bytes; bucket 2: 512 bytes × 4
	add := func(at int64, size int) {
		evs = append(evs, Event{Timestamp: base + at, Message: strings.Repeat("x", size)})
	}
	add(0, 1024)
	add(60_000, 1024)
	add(300_000, 2048)
	for i := range 4 {
		add(600_000+int64(i), 512)
	}
	q := `FIELDS strlen(@message) AS message_length
| STATS sum(message_length)/1024 as logs_kb BY bin(5m)
| STATS max(logs_kb) AS peak_ingest_kb, min(logs_kb) AS min_ingest_kb, avg(logs_kb) AS avg_ingest_kb`
	want := []string{"peak_ingest_kb=2 min_ingest_kb=2 avg_ingest_kb=2"}
	if diff := cmp.Diff(want, table(run(t, q, evs, everything))); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	add(900_000, 1024)
	want = []string{"peak_ingest_kb=2 min_ingest_kb=1 avg_ingest_kb=1.75"}
	if diff := cmp.Diff(want, table(run(t, q, evs, everything))); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
}

// Worked example 7: exceptions per hour, sorted by count.
func TestWorkedExampleExceptionsPerHour(t *testing.T) {
	base := ms(t, "2023-01-01T10:00:00Z")
	var evs []Event
	for i, m := range []string{"java.lang.NullPointerException", "ok", "IOException", "ok"} {
		evs = append(evs, Event{Timestamp: base + int64(i)*60_000, Message: m})
	}
	evs = append(evs, Event{Timestamp: base + 3_600_000, Message: "TimeoutException"})
	res := run(t, `filter @message like /Exception/ | stats count(*) as exceptionCount by bin(1h) | sort exceptionCount desc`, evs, everything)
	want := []string{
		"bin(1h)=2023-01-01 10:00:00.000 exceptionCount=2",
		"bin(1h)=2023-01-01 11:00:00.000 exceptionCount=1",
	}
	if diff := cmp.Diff(want, table(res)); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
}
