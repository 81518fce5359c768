package logs_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/logs"
	"pgregory.net/rapid"
)

// modelEvent is an event as the brute-force model keeps it.
type modelEvent struct {
	stream string
	ts     int64
	seq    int // arrival order in the group
	msg    string
}

var words = []string{"ERROR", "INFO", "timeout", "user=alice", "user=bob", "GET", "PUT", "42"}

// genLoad puts random batches into three streams (timestamps in the last hour, out of order across
// batches) and returns the model of what was stored.
func genLoad(t *rapid.T, s *logs.Service, b *bus.Bus) []modelEvent {
	streams := []string{"a", "b", "c"}
	mustGroup(t, s, "g", "")
	for _, st := range streams {
		s.CreateLogStream(ctx, &logs.CreateLogStreamInput{LogGroupName: "g", LogStreamName: st})
	}
	now := ms(b.Now())
	var model []modelEvent
	// ordered loads keep every stream in arrival = time order, the case where FilterLogEvents
	// searches the stored bytes for a required term instead of testing every event.
	ordered := rapid.Bool().Draw(t, "ordered")
	last := now - 3600*1000
	nb := rapid.IntRange(1, 12).Draw(t, "batches")
	for range nb {
		st := rapid.SampledFrom(streams).Draw(t, "stream")
		n := rapid.IntRange(1, 40).Draw(t, "n")
		base := now - int64(rapid.IntRange(0, 3600).Draw(t, "base"))*1000
		if ordered {
			base = min(last+int64(rapid.IntRange(0, 60).Draw(t, "step"))*1000, now)
		}
		in := &logs.PutLogEventsInput{LogGroupName: "g", LogStreamName: st}
		ts := base
		for range n {
			ts = min(ts+int64(rapid.IntRange(0, 3).Draw(t, "dt"))*100, now)
			last = ts
			k := rapid.IntRange(1, 3).Draw(t, "words")
			var ws []string
			for range k {
				ws = append(ws, rapid.SampledFrom(words).Draw(t, "w"))
			}
			msg := strings.Join(ws, " ")
			in.LogEvents = append(in.LogEvents, logs.InputLogEvent{Timestamp: ts, Message: msg})
			model = append(model, modelEvent{stream: st, ts: ts, seq: len(model), msg: msg})
		}
		if _, err := s.PutLogEvents(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	return model
}

// bruteMatch is the term-pattern semantics written independently: every plain term occurs.
func bruteMatch(pattern, msg string) bool {
	for _, w := range strings.Fields(pattern) {
		if !strings.Contains(msg, w) {
			return false
		}
	}
	return true
}

// TestFilterLogEventsMatchesBruteForce: paging through FilterLogEvents returns exactly the events a
// brute-force scan selects (pattern, inclusive time window, streams), each once, in (timestamp,
// arrival) order.
func TestFilterLogEventsMatchesBruteForce(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s, b := newService(t)
		model := genLoad(t, s, b)
		now := ms(b.Now())
		pattern := ""
		if rapid.Bool().Draw(t, "withPattern") {
			pattern = rapid.SampledFrom(words[:6]).Draw(t, "p1")
			if rapid.Bool().Draw(t, "twoTerms") {
				pattern += " " + rapid.SampledFrom(words).Draw(t, "p2")
			}
			pattern = strings.ReplaceAll(pattern, "=", "") // keep terms unquoted-legal
		}
		lo := now - int64(rapid.IntRange(0, 4000).Draw(t, "lo"))*1000
		hi := lo + int64(rapid.IntRange(0, 4000).Draw(t, "span"))*1000
		limit := int32(rapid.IntRange(1, 50).Draw(t, "limit"))
		var streams []string
		if rapid.Bool().Draw(t, "someStreams") {
			streams = rapid.SliceOfNDistinct(rapid.SampledFrom([]string{"a", "b", "c"}), 1, 3, rapid.ID[string]).Draw(t, "streams")
		}
		var want []string
		sorted := slices.Clone(model)
		slices.SortStableFunc(sorted, func(x, y modelEvent) int {
			if x.ts != y.ts {
				return int(x.ts - y.ts)
			}
			return x.seq - y.seq
		})
		for _, e := range sorted {
			if e.ts >= lo && e.ts <= hi && bruteMatch(pattern, e.msg) && (streams == nil || slices.Contains(streams, e.stream)) {
				want = append(want, fmt.Sprint(e.stream, e.ts, e.msg))
			}
		}
		var got []string
		in := &logs.FilterLogEventsInput{LogGroupName: "g", FilterPattern: pattern, StartTime: &lo, EndTime: &hi, Limit: &limit, LogStreamNames: streams}
		for pages := 0; ; pages++ {
			out, err := s.FilterLogEvents(ctx, in)
			if err != nil {
				t.Fatal(err)
			}
			if len(out.Events) > int(limit) {
				t.Fatalf("page of %d events over limit %d", len(out.Events), limit)
			}
			for _, e := range out.Events {
				got = append(got, fmt.Sprint(e.LogStreamName, e.Timestamp, e.Message))
			}
			if out.NextToken == "" {
				break
			}
			if pages > len(model)+2 {
				t.Fatal("paging does not end")
			}
			in.NextToken = out.NextToken
		}
		if !slices.Equal(got, want) {
			t.Fatalf("pattern %q window [%d,%d] streams %v\ngot  %v\nwant %v", pattern, lo, hi, streams, got, want)
		}
	})
}

// TestGetLogEventsPagingProperty: paging a stream forward from the head, then backward from the end,
// returns every event once, in order.
func TestGetLogEventsPagingProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s, b := newService(t)
		model := genLoad(t, s, b)
		st := rapid.SampledFrom([]string{"a", "b", "c"}).Draw(t, "stream")
		var sorted []modelEvent
		for _, e := range model {
			if e.stream == st {
				sorted = append(sorted, e)
			}
		}
		slices.SortStableFunc(sorted, func(x, y modelEvent) int { return int(x.ts - y.ts) })
		var want []string
		for _, e := range sorted {
			want = append(want, fmt.Sprint(e.ts, e.msg))
		}
		limit := int32(rapid.IntRange(1, 30).Draw(t, "limit"))
		var fwd []string
		in := &logs.GetLogEventsInput{LogGroupName: "g", LogStreamName: st, StartFromHead: ptr(true), Limit: &limit}
		for {
			out, err := s.GetLogEvents(ctx, in)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range out.Events {
				fwd = append(fwd, fmt.Sprint(e.Timestamp, e.Message))
			}
			if out.NextForwardToken == in.NextToken {
				break
			}
			in.NextToken = out.NextForwardToken
		}
		if !slices.Equal(fwd, want) {
			t.Fatalf("forward\ngot  %v\nwant %v", fwd, want)
		}
		var back []string
		in = &logs.GetLogEventsInput{LogGroupName: "g", LogStreamName: st, Limit: &limit}
		for {
			out, err := s.GetLogEvents(ctx, in)
			if err != nil {
				t.Fatal(err)
			}
			back = append(slices.Collect(func(yield func(string) bool) {
				for _, e := range out.Events {
					if !yield(fmt.Sprint(e.Timestamp, e.Message)) {
						return
					}
				}
			}), back...)
			if out.NextBackwardToken == in.NextToken {
				break
			}
			in.NextToken = out.NextBackwardToken
		}
		if !slices.Equal(back, want) {
			t.Fatalf("backward\ngot  %v\nwant %v", back, want)
		}
	})
}

// TestRetentionNeverReturnsExpired: after any advance, no read path returns an event older than
// the retention period, and storedBytes counts exactly the events still kept.
func TestRetentionNeverReturnsExpired(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s, b := newService(t)
		model := genLoad(t, s, b)
		s.PutRetentionPolicy(ctx, &logs.PutRetentionPolicyInput{LogGroupName: "g", RetentionInDays: 1})
		b.Advance(time.Duration(rapid.IntRange(0, 90000).Draw(t, "advance")) * time.Second)
		cut := ms(b.Now()) - 86400000
		var bytes int64
		n := 0
		for _, e := range model {
			if e.ts >= cut {
				bytes += int64(len(e.msg)) + 26
				n++
			}
		}
		out, _ := s.FilterLogEvents(ctx, &logs.FilterLogEventsInput{LogGroupName: "g"})
		for _, e := range out.Events {
			if e.Timestamp < cut {
				t.Fatalf("expired event returned: %+v", e)
			}
		}
		if len(out.Events) != n {
			t.Fatalf("FilterLogEvents returned %d, want %d", len(out.Events), n)
		}
		g, _ := s.DescribeLogGroups(ctx, nil)
		if *g.LogGroups[0].StoredBytes != bytes {
			t.Fatalf("storedBytes = %d, want %d", *g.LogGroups[0].StoredBytes, bytes)
		}
	})
}

// TestMetricFilterOneDatapointPerEvent: a metric filter publishes exactly one datapoint per matching
// event (the default value for each other event, when it has one), with the event's timestamp.
func TestMetricFilterOneDatapointPerEvent(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		b := bus.MustNew()
		defer b.Close()
		s, _ := logs.New(b)
		var got []string
		bus.Subscribe(b, bus.MetricDataIn(), func(_ context.Context, md bus.MetricData) {
			if md.Namespace == "N" {
				for _, d := range md.MetricData {
					for _, smp := range samples(d) {
						got = append(got, fmt.Sprint(d.Timestamp.UnixMilli(), smp))
					}
				}
			}
		})
		mustGroup(t, s, "g", "")
		term := rapid.SampledFrom(words[:3]).Draw(t, "term")
		withDefault := rapid.Bool().Draw(t, "default")
		mt := logs.MetricTransformation{MetricName: "M", MetricNamespace: "N", MetricValue: "1"}
		if withDefault {
			mt.DefaultValue = ptr(0.0)
		}
		s.PutMetricFilter(ctx, &logs.PutMetricFilterInput{LogGroupName: "g", FilterName: "f", FilterPattern: &term, MetricTransformations: []logs.MetricTransformation{mt}})
		for _, st := range []string{"a", "b", "c"} {
			s.CreateLogStream(ctx, &logs.CreateLogStreamInput{LogGroupName: "g", LogStreamName: st})
		}
		var want []string
		now := ms(b.Now())
		for range rapid.IntRange(1, 10).Draw(t, "batches") {
			n := rapid.IntRange(1, 30).Draw(t, "n")
			in := &logs.PutLogEventsInput{LogGroupName: "g", LogStreamName: rapid.SampledFrom([]string{"a", "b", "c"}).Draw(t, "s")}
			for i := range n {
				msg := rapid.SampledFrom(words).Draw(t, "w") + " " + rapid.SampledFrom(words).Draw(t, "w2")
				ts := now - int64(n-i)*1000
				in.LogEvents = append(in.LogEvents, logs.InputLogEvent{Timestamp: ts, Message: msg})
				if strings.Contains(msg, term) {
					want = append(want, fmt.Sprint(ts, 1.0))
				} else if withDefault {
					want = append(want, fmt.Sprint(ts, 0.0))
				}
			}
			if _, err := s.PutLogEvents(ctx, in); err != nil {
				t.Fatal(err)
			}
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Fatalf("datapoints\ngot  %v\nwant %v", got, want)
		}
	})
}

// samples expands a datum into its samples: Value, or each of Values repeated Counts times.
func samples(d bus.MetricDatum) []float64 {
	if d.Value != nil {
		return []float64{*d.Value}
	}
	var out []float64
	for i, v := range d.Values {
		n := 1
		if d.Counts != nil {
			n = int(d.Counts[i])
		}
		for range n {
			out = append(out, v)
		}
	}
	return out
}
