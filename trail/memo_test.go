package trail

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/watchsim/watchsim/bus"
	"pgregory.net/rapid"
)

// Inputs of the memo property: resource members written, one not written (json:"-"), pointers,
// floats whose zeros differ in sign, slices.
type (
	memoAlarmIn struct {
		AlarmName string   `json:"AlarmName"`
		Period    int32    `json:"Period"`
		Threshold *float64 `json:"Threshold,omitempty"`
	}
	memoHiddenIn struct {
		AlarmName string `json:"-"`
		Note      string `json:"Note"`
	}
	memoNamesIn struct {
		AlarmNames []string `json:"AlarmNames"`
		Name       *string  `json:"Name,omitempty"`
	}
	memoOut struct {
		Arn string `json:"Arn,omitempty"`
	}
	// memoFlatIn has only strings, bools and numbers: the memo compares its members, not its JSON.
	memoFlatIn struct {
		AlarmName string  `json:"AlarmName"`
		Period    int32   `json:"Period,omitempty"`
		Threshold float64 `json:"Threshold"`
		Ratio     float32 `json:"Ratio,omitzero"`
		Enabled   bool    `json:"Enabled"`
		Count     uint8   `json:"Count"`
		hidden    string  // an unexported member: never written, never compared
	}
)

// TestBuilderCachesMatchUncached: a Builder that has built other records before (its memo of the
// last record, its cached userIdentity, eventTime and eventSource…userAgent members, its type
// caches) writes every record, field and resource exactly as a new Builder does; and Event history,
// which trusts the memo's generations instead of comparing skeletons, renders each stored record
// as it was built. Calls repeat (the memo's case), differ in one thing at a time, and a caller
// changes the value behind the same pointer between calls.
func TestBuilderCachesMatchUncached(t *testing.T) {
	ops := []struct {
		source, name string
		readOnly     bool
	}{
		{SourceCloudWatch, "PutMetricAlarm", false}, {SourceCloudWatch, "DescribeAlarms", true}, {SourceCloudWatch, "DeleteAlarms", false},
		{SourceLogs, "CreateLogGroup", false}, {SourceEvents, "PutRule", false}, {SourceCloudTrail, "CreateTrail", false},
		{SourceCloudWatch, "PutMetricData", false}, {SourceEvents, "PutEvents", false},
	}
	idents := []bus.Identity{alice(), {Type: "Root", AccountID: "123456789012", AccessKeyID: "AKIAROOT"},
		{Type: "AssumedRole", PrincipalID: "AROAEXAMPLE:s1", ARN: "arn:aws:sts::123456789012:assumed-role/ops/s1", AccountID: "123456789012", AccessKeyID: "ASIAEXAMPLE"},
		{Type: "AWSService", InvokedBy: "scheduler.amazonaws.com", AccountID: "123456789012"}}
	negZero := math.Copysign(0, -1)
	floats := []float64{0, negZero, 1.5}
	rapid.Check(t, func(t *rapid.T) {
		var bd Builder
		scs := [2]*scratch{bd.getScratch(), bd.getScratch()} // two callers' scratches, taken in turn
		var h history
		h.init()
		type stored struct {
			pos  int
			json []byte
		}
		var kept []stored
		shared := &memoAlarmIn{AlarmName: "a", Period: 60}
		sharedFlat := &memoFlatIn{AlarmName: "a"}
		now := when
		// Half of the calls are the previous operation by the previous caller, with an input of the
		// same type, in the same region, failing as it failed: only the input's values and the ids
		// are drawn again.
		var (
			op              = ops[0]
			id              bus.Identity
			kind            int
			region          string
			errCode, errMsg string
			hasOut          bool
		)
		n := rapid.IntRange(1, 60).Draw(t, "calls")
		for i := range n {
			if i == 0 || rapid.Bool().Draw(t, "newCall") {
				op = ops[rapid.IntRange(0, len(ops)-1).Draw(t, "op")]
				id = idents[rapid.IntRange(0, len(idents)-1).Draw(t, "identity")]
				if rapid.IntRange(0, 4).Draw(t, "otherIP") == 0 {
					id.SourceIP = "198.51.100.7"
				}
				kind = rapid.IntRange(0, 7).Draw(t, "input")
				region = []string{"us-east-1", "cn-north-1"}[rapid.IntRange(0, 1).Draw(t, "region")]
				errCode, errMsg = "", ""
				if rapid.IntRange(0, 4).Draw(t, "fails") == 0 {
					errCode, errMsg = "ValidationException", []string{"bad", "worse"}[rapid.IntRange(0, 1).Draw(t, "message")]
				}
				hasOut = rapid.Bool().Draw(t, "hasOutput")
			}
			var in any
			switch kind {
			case 0:
				in = nil
			case 1:
				in = &memoAlarmIn{AlarmName: []string{"a", "b"}[rapid.IntRange(0, 1).Draw(t, "alarm")], Period: 60}
			case 2: // the same pointer, its value changed or not
				switch rapid.IntRange(0, 3).Draw(t, "change") {
				case 0:
					shared.AlarmName = []string{"a", "b", "q\"uote"}[rapid.IntRange(0, 2).Draw(t, "sharedAlarm")]
				case 1:
					f := floats[rapid.IntRange(0, len(floats)-1).Draw(t, "threshold")]
					shared.Threshold = &f
				case 2:
					shared.Threshold = nil
				}
				in = shared
			case 3:
				in = &memoHiddenIn{AlarmName: []string{"a", "b"}[rapid.IntRange(0, 1).Draw(t, "hidden")], Note: "n"}
			case 4:
				v := memoNamesIn{AlarmNames: [][]string{nil, {"a"}, {"a", "b"}}[rapid.IntRange(0, 2).Draw(t, "names")]}
				if rapid.Bool().Draw(t, "hasName") {
					s := []string{"", "r"}[rapid.IntRange(0, 1).Draw(t, "name")]
					v.Name = &s
				}
				in = &v
			case 6, 7: // flat: a new value, or the same pointer changed or not
				v := sharedFlat
				if kind == 6 {
					v = &memoFlatIn{}
				}
				switch rapid.IntRange(0, 7).Draw(t, "flatChange") {
				case 0:
					v.AlarmName = []string{"a", "b", "q\"uote", "é"}[rapid.IntRange(0, 3).Draw(t, "flatAlarm")]
				case 1:
					v.Period = []int32{0, 60, -1}[rapid.IntRange(0, 2).Draw(t, "period")]
				case 2:
					v.Threshold = floats[rapid.IntRange(0, len(floats)-1).Draw(t, "flatThreshold")]
				case 3:
					v.Ratio = float32(floats[rapid.IntRange(0, len(floats)-1).Draw(t, "ratio")])
				case 4:
					v.Enabled = !v.Enabled
				case 5:
					v.Count++
				case 6:
					v.hidden += "x"
				}
				in = v
			case 5:
				in = &putEventsInput{Entries: []putEventsEntry{{Source: "app", DetailType: "t", Detail: []string{`{"a":1}`, `{"a":2}`}[rapid.IntRange(0, 1).Draw(t, "detail")]}}}
			}
			var out any
			if hasOut {
				out = &memoOut{Arn: []string{"", "arn:x"}[rapid.IntRange(0, 1).Draw(t, "arn")]}
			}
			c := call(op.source, op.name, op.readOnly, id, in, out)
			c.AWSRegion, c.ErrorCode, c.ErrorMessage = region, errCode, errMsg
			switch rapid.IntRange(0, 3).Draw(t, "ids") {
			case 0:
				c.EventID, c.RequestID = "event-"+strconv.Itoa(i), "req\""+strconv.Itoa(i)
			case 1:
				c.EventID, c.RequestID = fmt.Sprintf("%08x-0000-4000-8000-000000000000", i), "r"
			default:
				c.EventID, c.RequestID = fmt.Sprintf("%08x-0000-4000-8000-000000000000", i), fmt.Sprintf("%08x-1111-4000-8000-0000000000AB", i)
			}
			now = now.Add(time.Duration(rapid.IntRange(0, 1500).Draw(t, "ms")) * time.Millisecond)
			c.EventTime = now

			want, wantOK := new(Builder).Build(c)
			sc := scs[rapid.IntRange(0, 1).Draw(t, "scratch")]
			var hs holes
			got, ok := bd.build(c, sc, &hs, rapid.Bool().Draw(t, "lazy"))
			if ok != wantOK {
				t.Fatalf("call %d: logged %v, uncached %v", i, ok, wantOK)
			}
			if !ok {
				continue
			}
			// As the service stores a record: Event history asks for no JSON when it takes the skeleton
			// by generation.
			if got.Category == Management {
				kept = append(kept, stored{h.add(&got, sc, nil, &hs), nil})
			}
			js := sc.recordJSON(&hs)
			if !bytes.Equal(js, want.JSON) {
				t.Fatalf("call %d: cached builder wrote\n%s\nuncached\n%s", i, js, want.JSON)
			}
			got.JSON = bytes.Clone(js)
			if got.Category == Management {
				kept[len(kept)-1].json = got.JSON
			}
			if len(got.Resources) == 0 {
				got.Resources = nil
			}
			if d := cmp.Diff(want, got, cmp.AllowUnexported(Record{}, recordResource{})); d != "" {
				t.Fatalf("call %d: record fields differ (-uncached +cached):\n%s", i, d)
			}
		}
		for _, k := range kept {
			if r := h.render(nil, h.at(k.pos)); !bytes.Equal(r, k.json) {
				t.Fatalf("event %d renders\n%s\nbuilt\n%s", k.pos, r, k.json)
			}
		}
	})
}

// TestMemoHitWhenHistoryIsCut: the call that makes Event history drop its old half (after which no
// skeleton is the last one) is still stored with its own JSON when its builder wrote it from the
// memo and left the JSON there.
func TestMemoHitWhenHistoryIsCut(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	in := &benchIn{AlarmName: "HighCPU", Period: 60}
	for range 1100 {
		benchCall(ctx, e.b, in)
	}
	if err := e.b.Advance(HistoryRetention + 24*time.Hour); err != nil {
		t.Fatal(err)
	}
	benchCall(ctx, e.b, in) // like the calls before: a memo hit, and the cut
	one := int32(1)
	out := must(e.s.LookupEvents(ctx, &LookupEventsInput{MaxResults: &one}))
	if len(out.Events) != 1 {
		t.Fatalf("%d events", len(out.Events))
	}
	var rec struct {
		EventName string `json:"eventName"`
		EventID   string `json:"eventID"`
	}
	if err := json.Unmarshal([]byte(out.Events[0].CloudTrailEvent), &rec); err != nil || rec.EventName != "PutMetricAlarm" ||
		rec.EventID != out.Events[0].EventID {
		t.Fatalf("newest event %+v: %s (%v)", out.Events[0], out.Events[0].CloudTrailEvent, err)
	}
}

// TestMemoHitNeedsTheSameResources: two calls whose parameters are written alike but name other
// resources — too large, so both written null, or names that differ only in invalid UTF-8 — must
// each get their own LookupEvents resources, not the memo's.
func TestMemoHitNeedsTheSameResources(t *testing.T) {
	big := string(bytes.Repeat([]byte("x"), MaxParametersSize+1))
	for name, names := range map[string][2][]string{
		"capped":        {{"alpha", big}, {"beta", big}},
		"invalid UTF-8": {{"a\xff"}, {"a\xfe"}},
	} {
		t.Run(name, func(t *testing.T) {
			var bd Builder
			call := func(i int, n []string) *bus.APICall {
				return &bus.APICall{EventID: fmt.Sprintf("00000000-0000-4000-8000-00000000000%d", i), RequestID: "r",
					EventTime: time.Date(2026, 1, 1, 0, 0, i, 0, time.UTC), EventSource: SourceCloudWatch, EventName: "PutMetricAlarm",
					AWSRegion: "us-east-1", RecipientAccountID: "123456789012", Identity: bus.Identity{Type: "IAMUser"},
					RequestParameters: &memoNamesIn{AlarmNames: n}, ResponseElements: &memoOut{}}
			}
			for i, n := range names {
				c := call(i, n)
				got, _ := bd.Build(c)
				want, _ := new(Builder).Build(c)
				if d := cmp.Diff(want.Resources, got.Resources); d != "" {
					t.Fatalf("call %d: resources (-uncached +memo):\n%s", i, d)
				}
			}
		})
	}
}
