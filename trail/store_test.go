package trail

import (
	"bytes"
	"fmt"
	mrand "math/rand/v2"
	"regexp"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/jsonscan"
	"github.com/watchsim/watchsim/internal/uuidv4"
	"pgregory.net/rapid"
)

// TestAppendStringMatchesJSONScan: the fast path writes exactly what jsonscan.AppendString writes,
// for any string (escapes, control bytes, invalid UTF-8, every length around the 8-byte words).
func TestAppendStringMatchesJSONScan(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var s string
		if rapid.Bool().Draw(t, "ascii") {
			s = string(rapid.SliceOfN(rapid.SampledFrom([]byte("abcXYZ019 -:/\"\\\t\n\x01\x1f\x7f\xc3\xa9")), 0, 40).Draw(t, "s"))
		} else {
			s = string(rapid.SliceOfN(rapid.Byte(), 0, 40).Draw(t, "b"))
		}
		want := jsonscan.AppendString([]byte("x"), s)
		if got := appendString([]byte("x"), s); !bytes.Equal(got, want) {
			t.Fatalf("appendString(%q) = %s, jsonscan writes %s", s, got, want)
		}
		if got := appendQuoted([]byte("x"), []byte(s)); !bytes.Equal(got, want) {
			t.Fatalf("appendQuoted(%q) = %s, jsonscan writes %s", s, got, want)
		}
	})
}

func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain", `quo"te`, `back\slash`, "tab\there", "héllo", "\xff\xfe", "0123456789abcdef\x1f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := appendString(nil, s), jsonscan.AppendString(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("appendString(%q) = %s, jsonscan writes %s", s, got, want)
		}
	})
}

// TestUUIDForm: canonical lower-case UUIDs are stored as 16 bytes and written back as they were;
// any other string is refused by uuidv4.Parse (and stored as it is).
func TestUUIDForm(t *testing.T) {
	canonical := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	rapid.Check(t, func(t *rapid.T) {
		u := rapid.SliceOfN(rapid.Byte(), 16, 16).Draw(t, "u")
		s := string(uuidv4.AppendBytes(nil, (*[16]byte)(u)))
		if !canonical.MatchString(s) {
			t.Fatalf("uuidv4.AppendBytes wrote %q", s)
		}
		got, ok := uuidv4.Parse(s)
		if !ok || !bytes.Equal(got[:], u) {
			t.Fatalf("uuidv4.Parse(%q) = %x, %v", s, got, ok)
		}
		// A mutated string parses exactly when it is still canonical.
		b := []byte(s)
		b[rapid.IntRange(0, 35).Draw(t, "i")] = rapid.Byte().Draw(t, "c")
		if _, ok := uuidv4.Parse(string(b)); ok != canonical.Match(b) {
			t.Fatalf("uuidv4.Parse(%q) ok = %v", b, ok)
		}
	})
}

// TestPieces: an event's pieces give back its ids, written as the record writes them.
func TestPieces(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		id := func(name string) string {
			if rapid.Bool().Draw(t, name+"-uuid") {
				return string(uuidv4.AppendBytes(nil, (*[16]byte)(rapid.SliceOfN(rapid.Byte(), 16, 16).Draw(t, name))))
			}
			return rapid.String().Draw(t, name)
		}
		eventID, requestID := id("event"), id("request")
		p := appendPieces([]byte("prefix")[6:], eventID, requestID)
		ids := splitPieces(p)
		if got, want := appendStoredID(nil, ids.event, ids.eventUUID), jsonscan.AppendString(nil, eventID); !bytes.Equal(got, want) {
			t.Fatalf("eventID %q written back as %s", eventID, got)
		}
		if got, want := appendStoredID(nil, ids.request, ids.requestUUID), jsonscan.AppendString(nil, requestID); !bytes.Equal(got, want) {
			t.Fatalf("requestID %q written back as %s", requestID, got)
		}
	})
}

// TestChunkStoreAndSegList: values come back as stored, across chunk and block boundaries.
func TestChunkStoreAndSegList(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := newChunkStore()
		var refs []uint64
		var vals [][]byte
		var l segList[int32]
		for i, n := range rapid.SliceOfN(rapid.IntRange(0, storeChunk/2), 1, 12).Draw(t, "sizes") {
			v := bytes.Repeat([]byte{byte(i)}, n)
			refs, vals = append(refs, c.put(v)), append(vals, v)
		}
		for i := range refs {
			if got := c.get(refs[i], uint32(len(vals[i]))); !bytes.Equal(got, vals[i]) {
				t.Fatalf("value %d changed", i)
			}
		}
		n := rapid.IntRange(0, 3*segBlock).Draw(t, "n")
		for i := range n {
			l.push(int32(i))
		}
		if l.n != n {
			t.Fatalf("%d elements, want %d", l.n, n)
		}
		for i := range n {
			if *l.at(i) != int32(i) {
				t.Fatalf("element %d is %d", i, *l.at(i))
			}
		}
	})
}

// naiveEvent is an event as a plain list keeps it.
type naiveEvent struct {
	rec  Record
	json []byte
}

// TestHistoryMatchesNaive: LookupEvents over the compact store returns exactly what a plain list
// of records returns — the same events, newest first, page by page, every field (CloudTrailEvent
// byte for byte) — for any attribute, time range and page size, with like calls sharing skeletons,
// repeated event ids, assumed roles (two time pieces), ids that are not UUIDs and a lookup delay.
func TestHistoryMatchesNaive(t *testing.T) {
	names := []string{"PutMetricAlarm", "DeleteAlarms", "DescribeAlarms", "CreateTrail"}
	idents := []bus.Identity{alice(), {Type: "Root", AccountID: "123456789012", AccessKeyID: "AKIAROOT"},
		{Type: "AssumedRole", PrincipalID: "AROAEXAMPLE:s1", ARN: "arn:aws:sts::123456789012:assumed-role/ops/s1", AccountID: "123456789012", AccessKeyID: "ASIAEXAMPLE"},
		{Type: "AWSService", InvokedBy: "scheduler.amazonaws.com", AccountID: "123456789012"}}
	rapid.Check(t, func(t *rapid.T) {
		var bd Builder
		h := history{delay: time.Duration(rapid.IntRange(0, 3).Draw(t, "delay")) * 1500 * time.Millisecond}
		h.init()
		var all []naiveEvent
		now := when
		n := rapid.IntRange(1, 300).Draw(t, "events")
		for i := range n {
			src := SourceCloudWatch
			name := names[rapid.IntRange(0, len(names)-1).Draw(t, "name")]
			if name == "CreateTrail" {
				src = SourceCloudTrail
			}
			c := call(src, name, name == "DescribeAlarms", idents[rapid.IntRange(0, len(idents)-1).Draw(t, "identity")],
				&struct {
					AlarmName string `json:"AlarmName,omitempty"`
					Name      string `json:"Name,omitempty"`
				}{AlarmName: []string{"", "a", "b"}[rapid.IntRange(0, 2).Draw(t, "alarm")], Name: []string{"", "t"}[rapid.IntRange(0, 1).Draw(t, "trail")]}, nil)
			switch rapid.IntRange(0, 4).Draw(t, "ids") {
			case 0: // not UUIDs
				c.EventID, c.RequestID = "event-"+strconv.Itoa(i), "req\""+strconv.Itoa(i)
			case 1: // an event id seen before
				c.EventID, c.RequestID = fmt.Sprintf("%08x-0000-4000-8000-000000000000", rapid.IntRange(0, i).Draw(t, "again")), "r"
			default:
				c.EventID, c.RequestID = fmt.Sprintf("%08x-0000-4000-8000-000000000000", i), fmt.Sprintf("%08x-1111-4000-8000-000000000000", i)
			}
			now = now.Add(time.Duration(rapid.IntRange(0, 2500).Draw(t, "ms")) * time.Millisecond)
			c.EventTime = now
			sc := bd.getScratch()
			var hs holes
			rec, _ := bd.build(c, sc, &hs, false)
			h.add(&rec, nil, sc.json, &hs)
			rec.JSON, rec.Resources = nil, slices.Clone(rec.Resources)
			all = append(all, naiveEvent{rec, bytes.Clone(sc.json)})
			bd.putScratch(sc)
		}
		nowUnix := now.Add(time.Duration(rapid.IntRange(0, 5).Draw(t, "later")) * time.Second).Unix()
		first := all[0].rec.EventTime.Unix()
		q := lookupQuery{attr: rapid.IntRange(-1, 7).Draw(t, "attr"), max: rapid.IntRange(1, 50).Draw(t, "max"),
			start: first + int64(rapid.IntRange(-2, 30).Draw(t, "start")), end: nowUnix - int64(rapid.IntRange(0, 30).Draw(t, "end"))}
		values := func(r *Record) []string {
			switch q.attr {
			case 0:
				return []string{r.EventID}
			case 1:
				return []string{r.EventName}
			case 2:
				return []string{strconv.FormatBool(r.ReadOnly)}
			case 3:
				return []string{r.Username}
			case 6:
				return []string{r.EventSource}
			case 7:
				return []string{r.AccessKeyID}
			}
			var out []string
			for _, res := range r.Resources {
				out = append(out, []string{res.ResourceType, res.ResourceName}[q.attr-4])
			}
			return out
		}
		if q.attr >= 0 {
			var vs []string
			for _, e := range all {
				for _, v := range values(&e.rec) {
					if v != "" { // the API refuses empty values; they are not indexed
						vs = append(vs, v)
					}
				}
			}
			vs = append(vs, "none")
			q.value = vs[rapid.IntRange(0, len(vs)-1).Draw(t, "value")]
		}
		// The plain list: newest first, in range, visible, matching; by EventId only the newest
		// event with the id.
		var want []Event
		seenID := map[string]bool{}
		for i := len(all) - 1; i >= 0; i-- {
			r := &all[i].rec
			u := r.EventTime.Unix()
			if q.attr == 0 {
				if seenID[r.EventID] {
					continue
				}
				seenID[r.EventID] = true
			}
			if u < q.start || u > q.end || r.EventTime.Add(h.delay).Unix() > nowUnix || q.attr >= 0 && !slices.Contains(values(r), q.value) {
				continue
			}
			res := r.Resources
			if res == nil {
				res = []Resource{}
			}
			want = append(want, Event{EventID: r.EventID, EventName: r.EventName, ReadOnly: strconv.FormatBool(r.ReadOnly),
				AccessKeyID: r.AccessKeyID, EventTime: r.EventTime, EventSource: r.EventSource, Username: r.Username,
				Resources: res, CloudTrailEvent: string(all[i].json)})
		}
		var got []Event
		from, pages := -1, 0
		for {
			out := h.lookup(&q, nowUnix, from, "k")
			got = append(got, out.Events...)
			if pages++; out.NextToken == "" || pages > len(all)+1 {
				break
			}
			if len(out.Events) != q.max {
				t.Fatalf("a page of %d events with a NextToken (max %d)", len(out.Events), q.max)
			}
			pos, ok := decodeLookupToken("k", out.NextToken)
			if !ok {
				t.Fatalf("token %q", out.NextToken)
			}
			from = pos - h.base
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("query %+v: compact store differs from the plain list (-want +got):\n%s", q, diff)
		}
	})
}

// TestHistoryPin: a cut never drops an event a trail still has to write, and the events a cut
// keeps render as they did and are found by EventId (ids that are UUIDs and ids that are not).
func TestHistoryPin(t *testing.T) {
	var bd Builder
	pinned := 2000
	h := history{pin: func() int { return pinned }}
	h.init()
	var orig [][]byte
	add := func(at time.Time, i int) {
		c := call(SourceCloudWatch, "PutMetricAlarm", false, alice(), &benchIn{AlarmName: "a"}, nil)
		c.EventTime, c.EventID = at, fmt.Sprintf("%08x-0000-4000-8000-000000000000", i)
		if i%3 == 0 {
			c.RequestID = fmt.Sprintf("%08x-1111-4000-8000-000000000000", i)
		}
		sc := bd.getScratch()
		var hs holes
		rec, _ := bd.build(c, sc, &hs, false)
		h.add(&rec, nil, sc.json, &hs)
		orig = append(orig, bytes.Clone(sc.json))
		bd.putScratch(sc)
	}
	check := func() {
		t.Helper()
		for pos := h.base; pos < h.base+h.events.n; pos++ {
			if got := h.render(nil, h.at(pos)); !bytes.Equal(got, orig[pos]) {
				t.Fatalf("event %d renders as %s, was %s", pos, got, orig[pos])
			}
			if p, ok := h.findID(fmt.Sprintf("%08x-0000-4000-8000-000000000000", pos)); !ok || int(p)+h.base != pos {
				t.Fatalf("event %d found by EventId at %d, %v", pos, int(p)+h.base, ok)
			}
		}
	}
	for i := range 3000 {
		add(when.Add(time.Duration(i)*time.Minute), i)
	}
	later := when.Add(200 * 24 * time.Hour)
	for i := range 3000 {
		add(later, 3000+i)
	}
	if h.base != pinned {
		t.Fatalf("history cut at %d, the pinned event is %d", h.base, pinned)
	}
	check()
	pinned = 1 << 62 // nothing pending: the next cut drops the old events
	for i := range 3000 {
		add(later.Add(200*24*time.Hour), 6000+i)
	}
	if h.base < 6000 {
		t.Fatalf("history still holds events from 200 days before (base %d)", h.base)
	}
	check()
}

// TestPosList: walking a run-encoded list down from any position gives exactly the positions a
// plain list has at or below it, in decreasing order; runs cost two entries however long.
func TestPosList(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var l posList
		var plain []int
		p := -1
		for _, gap := range rapid.SliceOfN(rapid.SampledFrom([]int{1, 1, 1, 2, 3, 50}), 0, 200).Draw(t, "gaps") {
			p += gap
			l.add(int32(p))
			plain = append(plain, p)
		}
		runs := 0
		for i := range plain {
			if i == 0 || plain[i-1]+1 != plain[i] {
				runs++
			}
		}
		if l.s.n > 2*runs {
			t.Fatalf("%d entries for %d runs", l.s.n, runs)
		}
		top := rapid.IntRange(-1, p+2).Draw(t, "top")
		var want, got []int
		for i := len(plain) - 1; i >= 0; i-- {
			if plain[i] <= top {
				want = append(want, plain[i])
			}
		}
		it := l.positions(top)
		for {
			pos, ok := it.next()
			if !ok {
				break
			}
			got = append(got, pos)
		}
		if !slices.Equal(want, got) {
			t.Fatalf("from %d: got %v, want %v", top, got, want)
		}
	})
}

// TestEventIDIndex: over several blocks of events (an EventId table per block), an EventId finds
// the newest event with it — ids that are UUIDs or not, repeated within and across blocks, and no
// event for an empty id. (Seeded rather than rapid: each case stores thousands of events.)
func TestEventIDIndex(t *testing.T) {
	for seed := range uint64(6) {
		var h history
		h.init()
		js := []byte(`{"eventVersion":"1.11"}`)
		r := mrand.New(mrand.NewPCG(seed, 1))
		n := int(seed) * (segBlock/2 + 77) // 0 to 2.5 blocks
		newest := map[string]int{}
		var ids []string
		for i := range n {
			var id string
			switch k := r.IntN(10); {
			case k == 0 && len(ids) > 0: // an id seen before
				id = ids[r.IntN(len(ids))]
			case k == 1:
				id = "event-" + strconv.Itoa(i)
			case k == 2:
				id = ""
			default:
				id = fmt.Sprintf("%08x-0000-4000-8000-%012x", i, i*7)
			}
			rec := &Record{JSON: js, Category: Management, EventID: id, EventName: "Op", EventSource: SourceCloudWatch, EventTime: when}
			pos := h.add(rec, nil, js, &holes{})
			if id != "" {
				newest[id] = pos
				ids = append(ids, id)
			}
		}
		if _, ok := h.findID(""); ok {
			t.Fatalf("seed %d: an empty EventId found an event", seed)
		}
		for _, id := range []string{"event-missing", "ffffffff-0000-4000-8000-000000000000"} {
			if p, ok := h.findID(id); ok {
				t.Fatalf("seed %d: %q found at %d", seed, id, p)
			}
		}
		for id, want := range newest {
			if p, ok := h.findID(id); !ok || int(p)+h.base != want {
				t.Fatalf("seed %d: %q found at %d, %v; newest is %d", seed, id, p, ok, want)
			}
		}
	}
}

// TestEventIDAfterBlocksWithoutIDs: whole blocks of events without an EventId, then one with an id:
// the id's table is found where its block is (a block without ids still gets its, empty, table).
func TestEventIDAfterBlocksWithoutIDs(t *testing.T) {
	var h history
	h.init()
	js := []byte(`{"eventVersion":"1.11"}`)
	for range 2*segBlock + 5 {
		h.add(&Record{JSON: js, Category: Management, EventName: "Op", EventSource: SourceCloudWatch, EventTime: when}, nil, js, &holes{})
	}
	const id = "0000abcd-0000-4000-8000-000000000001"
	want := h.add(&Record{JSON: js, Category: Management, EventID: id, EventName: "Op", EventSource: SourceCloudWatch, EventTime: when}, nil, js, &holes{})
	if p, ok := h.findID(id); !ok || int(p)+h.base != want {
		t.Fatalf("%q found at %d, %v; want %d", id, p, ok, want)
	}
}
