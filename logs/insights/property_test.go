package insights

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// The property compares Run with a brute-force interpreter written independently here: it
// decodes each message with encoding/json, applies the filter as a Go predicate, buckets
// timestamps with integer arithmetic and computes the aggregation directly. The generated
// queries are "filter … | stats <agg> by bin(<period>)[, field]".

// refEvent is an event as the reference interpreter sees it.
type refEvent struct {
	ts     int64
	msg    string
	fields map[string]any // decoded JSON, nil for text
}

type refFilter struct {
	text string
	keep func(e refEvent) bool
}

func refNum(e refEvent, name string) (float64, bool) {
	v, ok := e.fields[name].(float64)
	return v, ok
}

func refStr(e refEvent, name string) (string, bool) {
	v, ok := e.fields[name].(string)
	return v, ok
}

func genFilter(t *rapid.T) refFilter {
	n := rapid.IntRange(0, 1000).Draw(t, "threshold")
	switch rapid.IntRange(0, 6).Draw(t, "filter") {
	case 0:
		return refFilter{"@message like /ERROR/", func(e refEvent) bool { return strings.Contains(e.msg, "ERROR") }}
	case 1:
		return refFilter{`level = "ERROR"`, func(e refEvent) bool { s, ok := refStr(e, "level"); return ok && s == "ERROR" }}
	case 2:
		return refFilter{fmt.Sprintf("latency > %d", n), func(e refEvent) bool { f, ok := refNum(e, "latency"); return ok && f > float64(n) }}
	case 3:
		return refFilter{`user in ["a", "b"]`, func(e refEvent) bool { s, ok := refStr(e, "user"); return ok && (s == "a" || s == "b") }}
	case 4:
		return refFilter{`not ispresent(user)`, func(e refEvent) bool { _, ok := e.fields["user"]; return !ok }}
	case 5:
		return refFilter{fmt.Sprintf(`latency <= %d and level != "INFO"`, n), func(e refEvent) bool {
			f, ok := refNum(e, "latency")
			s, ok2 := refStr(e, "level")
			return ok && f <= float64(n) && ok2 && s != "INFO"
		}}
	}
	return refFilter{`@message not like "WARN"`, func(e refEvent) bool { return !strings.Contains(e.msg, "WARN") }}
}

type refAgg struct {
	text string
	calc func(es []refEvent) (string, bool)
}

func refFormat(f float64) string {
	if f == math.Trunc(f) && math.Abs(f) < 1e15 {
		return strconv.FormatInt(int64(f), 10)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

func latencies(es []refEvent) []float64 {
	var out []float64
	for _, e := range es {
		if f, ok := refNum(e, "latency"); ok {
			out = append(out, f)
		}
	}
	return out
}

func genAgg(t *rapid.T) refAgg {
	switch rapid.IntRange(0, 7).Draw(t, "agg") {
	case 0:
		return refAgg{"count(*)", func(es []refEvent) (string, bool) { return strconv.Itoa(len(es)), true }}
	case 1:
		return refAgg{"count(latency)", func(es []refEvent) (string, bool) { return strconv.Itoa(len(latencies(es))), true }}
	case 2:
		return refAgg{"sum(latency)", func(es []refEvent) (string, bool) {
			ls := latencies(es)
			sum := 0.0
			for _, l := range ls {
				sum += l
			}
			return refFormat(sum), len(ls) > 0
		}}
	case 3:
		return refAgg{"avg(latency)", func(es []refEvent) (string, bool) {
			ls := latencies(es)
			sum := 0.0
			for _, l := range ls {
				sum += l
			}
			return refFormat(sum / float64(len(ls))), len(ls) > 0
		}}
	case 4:
		return refAgg{"min(latency)", func(es []refEvent) (string, bool) {
			ls := latencies(es)
			if len(ls) == 0 {
				return "", false
			}
			return refFormat(slices.Min(ls)), true
		}}
	case 5:
		return refAgg{"max(latency)", func(es []refEvent) (string, bool) {
			ls := latencies(es)
			if len(ls) == 0 {
				return "", false
			}
			return refFormat(slices.Max(ls)), true
		}}
	case 6:
		return refAgg{"count_distinct(user)", func(es []refEvent) (string, bool) {
			seen := map[string]bool{}
			for _, e := range es {
				if s, ok := refStr(e, "user"); ok {
					seen[s] = true
				}
			}
			return strconv.Itoa(len(seen)), true
		}}
	}
	p := rapid.IntRange(1, 100).Draw(t, "pct")
	return refAgg{fmt.Sprintf("pct(latency, %d)", p), func(es []refEvent) (string, bool) {
		ls := latencies(es)
		if len(ls) == 0 {
			return "", false
		}
		sort.Float64s(ls)
		// nearest rank: the smallest value with at least p% of the values at or below it
		for _, l := range ls {
			below := 0
			for _, m := range ls {
				if m <= l {
					below++
				}
			}
			if float64(below)*100 >= float64(p)*float64(len(ls)) {
				return refFormat(l), true
			}
		}
		return refFormat(ls[len(ls)-1]), true
	}}
}

// genPeriod returns a period as written and its length (after the documented caps).
func genPeriod(t *rapid.T) (string, int64) {
	unit := rapid.SampledFrom([]string{"s", "m", "h", "d", "min", "sec", "hr"}).Draw(t, "unit")
	n := rapid.SampledFrom([]int64{1, 5, 15, 30, 90}).Draw(t, "n")
	length := map[string]int64{"s": 1000, "sec": 1000, "m": 60000, "min": 60000, "h": 3600000, "hr": 3600000, "d": 86400000}[unit]
	capped := n
	switch unit {
	case "s", "sec", "m", "min":
		capped = min(n, 60)
	case "h", "hr":
		capped = min(n, 24)
	}
	return strconv.FormatInt(n, 10) + unit, capped * length
}

func genEvents(t *rapid.T, base int64) []refEvent {
	n := rapid.IntRange(0, 40).Draw(t, "events")
	evs := make([]refEvent, n)
	for i := range evs {
		ts := base + rapid.Int64Range(0, 3*86_400_000).Draw(t, "ts")
		var msg string
		if rapid.IntRange(0, 4).Draw(t, "text") == 0 {
			msg = rapid.SampledFrom([]string{"ERROR plain", "WARN plain", "INFO plain"}).Draw(t, "plain")
		} else {
			m := map[string]any{"level": rapid.SampledFrom([]string{"ERROR", "WARN", "INFO"}).Draw(t, "level")}
			if rapid.IntRange(0, 3).Draw(t, "hasLatency") > 0 {
				m["latency"] = rapid.IntRange(0, 1000).Draw(t, "latency")
			}
			if rapid.IntRange(0, 3).Draw(t, "hasUser") > 0 {
				m["user"] = rapid.SampledFrom([]string{"a", "b", "c", "10", "9"}).Draw(t, "user")
			}
			b, _ := json.Marshal(m)
			msg = string(b)
		}
		evs[i] = refEvent{ts: ts, msg: msg}
		var dec map[string]any
		if json.Unmarshal([]byte(msg), &dec) == nil {
			evs[i].fields = dec
		}
	}
	return evs
}

func TestPropertyFilterStatsByBinMatchesReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli()
		evs := genEvents(t, base)
		filter := genFilter(t)
		agg := genAgg(t)
		perText, perLen := genPeriod(t)
		byField := rapid.SampledFrom([]string{"", "user", "level"}).Draw(t, "by")
		w := Window{Start: base + rapid.Int64Range(0, 86_400_000).Draw(t, "start")}
		w.End = w.Start + rapid.Int64Range(0, 3*86_400_000).Draw(t, "span")

		query := "filter " + filter.text + " | stats " + agg.text + " by bin(" + perText + ")"
		if byField != "" {
			query += ", " + byField
		}

		// reference
		type key struct {
			bin   int64
			field string
			has   bool
		}
		groups := map[key][]refEvent{}
		scanned, matched := 0, 0
		for _, e := range evs {
			if e.ts < w.Start || e.ts > w.End {
				continue
			}
			scanned++
			if !filter.keep(e) {
				continue
			}
			matched++
			k := key{bin: e.ts - ((e.ts%perLen)+perLen)%perLen}
			if byField != "" {
				k.field, k.has = refStr(e, byField)
			}
			groups[k] = append(groups[k], e)
		}
		keys := make([]key, 0, len(groups))
		for k := range groups {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			a, b := keys[i], keys[j]
			if a.bin != b.bin {
				return a.bin > b.bin
			}
			if a.has != b.has {
				return a.has
			}
			an, aNum := strconv.Atoi(a.field)
			bn, bNum := strconv.Atoi(b.field)
			switch {
			case aNum == nil && bNum == nil:
				return an < bn
			case aNum == nil || bNum == nil:
				return bNum == nil // numbers after text
			}
			return a.field < b.field
		})
		var want []string
		for _, k := range keys {
			row := "bin(" + perText + ")=" + time.UnixMilli(k.bin).UTC().Format("2006-01-02 15:04:05.000")
			if k.has {
				row += " " + byField + "=" + k.field
			}
			if v, ok := agg.calc(groups[k]); ok {
				row += " " + agg.text + "=" + v
			}
			want = append(want, row)
		}

		q, err := Parse(query)
		if err != nil {
			t.Fatalf("Parse(%q): %v", query, err)
		}
		events := make([]Event, len(evs))
		for i, e := range evs {
			events[i] = Event{Timestamp: e.ts, Message: e.msg}
		}
		res, err := q.Run(slices.Values(events), w)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, table(res)); diff != "" {
			t.Fatalf("%s (-reference +Run):\n%s", query, diff)
		}
		if res.Statistics.RecordsScanned != float64(scanned) || res.Statistics.RecordsMatched != float64(matched) {
			t.Fatalf("%s: statistics %+v, want scanned %d matched %d", query, res.Statistics, scanned, matched)
		}
	})
}
