package trail

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/cputime"
)

type benchIn struct {
	AlarmName string `json:"AlarmName"`
	Period    int32  `json:"Period"`
}

type benchOut struct{}

func benchCall(ctx context.Context, b *bus.Bus, in *benchIn) {
	_, _ = bus.Call(ctx, b, bus.Operation{Source: SourceCloudWatch, Name: "PutMetricAlarm"}, in,
		func(context.Context, *benchIn) (*benchOut, error) { return &benchOut{}, nil })
}

// BenchmarkCall is a call with nobody recording (the baseline of BenchmarkRecordedCall).
func BenchmarkCall(b *testing.B) {
	bb := bus.MustNew()
	defer bb.Close()
	ctx := context.Background()
	in := &benchIn{AlarmName: "HighCPU", Period: 60}
	b.ReportAllocs()
	c0 := cputime.Process()
	for b.Loop() {
		benchCall(ctx, bb, in)
	}
	b.ReportMetric(float64(cputime.Process()-c0)/float64(b.N), "cpu-ns/op")
}

// BenchmarkCallObserved is the call with a subscriber to bus.APICalls that does nothing: what the
// bus itself spends publishing the API-call record (the event id, the message, its delivery),
// which BenchmarkRecordedCall includes and the trail package cannot change.
func BenchmarkCallObserved(b *testing.B) {
	bb := bus.MustNew()
	defer bb.Close()
	defer bus.Subscribe(bb, bus.APICalls(), func(context.Context, bus.APICall) {})()
	ctx := context.Background()
	in := &benchIn{AlarmName: "HighCPU", Period: 60}
	b.ReportAllocs()
	c0 := cputime.Process()
	for b.Loop() {
		benchCall(ctx, bb, in)
	}
	b.ReportMetric(float64(cputime.Process()-c0)/float64(b.N), "cpu-ns/op")
}

// BenchmarkRecordedCall is the same call recorded by CloudTrail with one logging trail (Event
// history indexed, the record buffered for the trail's next file; files written as time passes).
func BenchmarkRecordedCall(b *testing.B) {
	e := newEnv(b)
	e.logging(b, CreateTrailInput{Name: "main"})
	ctx := context.Background()
	in := &benchIn{AlarmName: "HighCPU", Period: 60}
	b.ReportAllocs()
	i := 0
	var files time.Duration // CPU spent writing log files (in Advance)
	c0 := cputime.Process()
	for b.Loop() {
		benchCall(ctx, e.b, in)
		if i++; i%10000 == 0 {
			f0 := cputime.Process()
			_ = e.b.Advance(5 * time.Minute)
			files += cputime.Process() - f0
		}
	}
	total := cputime.Process() - c0
	b.ReportMetric(float64(total)/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(total-files)/float64(b.N), "call+record-cpu-ns/op")
	b.ReportMetric(float64(files)/float64(b.N), "file-cpu-ns/op")
}

// BenchmarkRecordedCallDistinct is BenchmarkRecordedCall with 65,536 alarm names in turn, so
// that like calls rarely follow each other and Event history keeps a skeleton per alarm (the
// compact store's unfavourable case; a diagnostic beside the benchmark).
func BenchmarkRecordedCallDistinct(b *testing.B) {
	e := newEnv(b)
	e.logging(b, CreateTrailInput{Name: "main"})
	ctx := context.Background()
	ins := make([]benchIn, 1<<16)
	for i := range ins {
		ins[i] = benchIn{AlarmName: "alarm-" + strconv.Itoa(i*7919%len(ins)), Period: 60}
	}
	b.ReportAllocs()
	i := 0
	var files time.Duration
	c0 := cputime.Process()
	for b.Loop() {
		benchCall(ctx, e.b, &ins[i%len(ins)])
		if i++; i%10000 == 0 {
			f0 := cputime.Process()
			_ = e.b.Advance(5 * time.Minute)
			files += cputime.Process() - f0
		}
	}
	total := cputime.Process() - c0
	b.ReportMetric(float64(total-files)/float64(b.N), "call+record-cpu-ns/op")
	b.ReportMetric(float64(files)/float64(b.N), "file-cpu-ns/op")
}

// BenchmarkBuildRecord is the record builder alone.
func BenchmarkBuildRecord(b *testing.B) {
	var bd Builder
	th := 80.0
	c := call(SourceCloudWatch, "PutMetricAlarm", false, alice(), &struct {
		AlarmName         string   `json:"AlarmName"`
		Namespace         string   `json:"Namespace"`
		MetricName        string   `json:"MetricName"`
		Threshold         *float64 `json:"Threshold"`
		EvaluationPeriods int32    `json:"EvaluationPeriods"`
	}{"HighCPU", "AWS/EC2", "CPUUtilization", &th, 2}, nil)
	b.ReportAllocs()
	c0 := cputime.Process()
	for b.Loop() {
		bd.Build(c)
	}
	b.ReportMetric(float64(cputime.Process()-c0)/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkHistoryAdd is Event history's share of BenchmarkRecordedCall: the record of one call
// (built once) stored and indexed b.N times with fresh event and request ids, all kept.
func BenchmarkHistoryAdd(b *testing.B) {
	var bd Builder
	c := call(SourceCloudWatch, "PutMetricAlarm", false, alice(), &benchIn{AlarmName: "HighCPU", Period: 60}, nil)
	sc := bd.getScratch()
	var hs holes
	rec, _ := bd.build(c, sc, &hs, false)
	var h history
	h.init()
	ids := make([]string, 0, 1<<16)
	for i := range cap(ids) {
		ids = append(ids, fmt.Sprintf("%08x-0000-4000-8000-%012x", i, i))
	}
	b.ReportAllocs()
	c0 := cputime.Process()
	i := 0
	for b.Loop() {
		rec.EventID = ids[i%len(ids)]
		hs.setIDs(rec.EventID, ids[(i+1)%len(ids)])
		h.add(&rec, nil, sc.json, &hs)
		i++
	}
	b.ReportMetric(float64(cputime.Process()-c0)/float64(b.N), "cpu-ns/op")
}

// BenchmarkLookupEvents1M looks up the first page by attribute over 1 M stored events.
func BenchmarkLookupEvents1M(b *testing.B) {
	e := newEnv(b)
	const n = 1_000_000
	base := e.b.Now()
	json := []byte(`{"eventVersion":"1.11"}`)
	e.b.Locked(func() {
		for i := 0; i < n; i++ {
			r := &Record{JSON: json, Category: Management, EventID: strconv.Itoa(i), EventName: "Op" + strconv.Itoa(i%100),
				EventSource: SourceCloudWatch, EventTime: base, Username: "u" + strconv.Itoa(i%1000), AccessKeyID: "AKIA"}
			e.s.history.add(r, nil, r.JSON, &holes{})
		}
	})
	_ = e.b.Advance(time.Second)
	ctx := context.Background()
	for _, c := range []struct{ key, value string }{{"EventName", "Op42"}, {"Username", "u7"}, {"EventId", "999999"}, {"", ""}} {
		b.Run(c.key+"="+c.value, func(b *testing.B) {
			in := &LookupEventsInput{}
			if c.key != "" {
				in.LookupAttributes = []LookupAttribute{{c.key, c.value}}
			}
			for b.Loop() {
				out := must(e.s.LookupEvents(ctx, in))
				if len(out.Events) == 0 {
					b.Fatal("nothing found")
				}
			}
		})
	}
}

// BenchmarkDayOfFiles records calls spread over a simulated day with one logging trail with
// validation on (log files every 5 minutes, hourly digests), then validates the day's chain.
// Run with -benchtime=1x; calls=N sets the number of calls (default 1 M).
func BenchmarkDayOfFiles(b *testing.B) {
	calls := 1_000_000
	if testing.Short() {
		calls = 100_000
	}
	for b.Loop() {
		e := newEnv(b, WithSigningKey(testKey(b)))
		tr := true
		e.logging(b, CreateTrailInput{Name: "main", EnableLogFileValidation: &tr})
		ctx := context.Background()
		in := &benchIn{AlarmName: "HighCPU", Period: 60}
		step := 24 * time.Hour / time.Duration(calls)
		start := time.Now()
		for i := 0; i < calls; i++ {
			benchCall(ctx, e.b, in)
			if i%1000 == 999 {
				_ = e.b.Advance(1000 * step)
			}
		}
		_ = e.b.Advance(time.Hour)
		wrote := time.Since(start)
		var size int64
		objs := e.bucket.List("")
		for _, o := range objs {
			size += int64(len(o.Body))
		}
		start = time.Now()
		rep := must(e.s.ValidateLogs(ValidateLogsInput{TrailARN: "arn:aws:cloudtrail:us-east-1:123456789012:trail/main", StartTime: e.s.epoch}))
		validated := time.Since(start)
		if rep.ExitCode != 0 {
			b.Fatal(rep.Output)
		}
		b.ReportMetric(float64(calls)/wrote.Seconds(), "calls-recorded+written/s")
		b.ReportMetric(float64(rep.LogsValid)/validated.Seconds(), "logfiles-validated/s")
		b.ReportMetric(float64(calls)/validated.Seconds(), "records-validated/s")
		b.ReportMetric(float64(size)/1e6, "MB-gzip-in-bucket")
		b.Logf("%d calls: recorded and written in %v; %d digests, %d log files validated in %v", calls, wrote,
			rep.DigestsValid, rep.LogsValid, validated)
	}
}

// BenchmarkOnAPICall is this package's share of BenchmarkRecordedCall alone: the API-call record
// of the same call (captured once from the bus, fresh event and request ids each time) handed to
// the service's subscriber — built, kept in Event history (indexed) and queued for one logging
// trail; files written as time passes, outside the measure.
func BenchmarkOnAPICall(b *testing.B) {
	e := newEnv(b)
	e.logging(b, CreateTrailInput{Name: "main"})
	ctx := context.Background()
	var call bus.APICall
	unsub := bus.Subscribe(e.b, bus.APICalls(), func(_ context.Context, c bus.APICall) { call = c })
	benchCall(ctx, e.b, &benchIn{AlarmName: "HighCPU", Period: 60})
	unsub()
	ids := make([]string, 1<<16)
	for i := range ids {
		ids[i] = e.b.UUID()
	}
	b.ReportAllocs()
	i := 0
	var files time.Duration
	c0 := cputime.Process()
	for b.Loop() {
		call.EventID, call.RequestID = ids[i%len(ids)], ids[(i+7)%len(ids)]
		e.s.onAPICall(ctx, call)
		if i++; i%10000 == 0 {
			f0 := cputime.Process()
			_ = e.b.Advance(5 * time.Minute)
			call.EventTime = e.b.Now()
			files += cputime.Process() - f0
		}
	}
	total := cputime.Process() - c0
	b.ReportMetric(float64(total-files)/float64(b.N), "record-cpu-ns/op")
}
