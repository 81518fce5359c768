package trail

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
)

func i32(v int32) *int32 { return &v }

func TestLookupEvents(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	must(e.s.CreateTrail(ctx, &CreateTrailInput{Name: "main", S3BucketName: "trail-bucket"}))
	for i := 0; i < 5; i++ {
		_ = e.b.Advance(time.Minute)
		must(e.s.GetTrail(ctx, &GetTrailInput{Name: "main"}))
	}
	root := bus.WithIdentity(ctx, bus.Identity{Type: "Root"})
	must(e.s.DeleteTrail(root, &DeleteTrailInput{Name: "main"}))
	_, _ = e.s.GetTrail(ctx, &GetTrailInput{Name: "nope"})

	all := must(e.s.LookupEvents(ctx, &LookupEventsInput{}))
	// CreateTrail, 5 GetTrail, DeleteTrail, the failed GetTrail; this LookupEvents is recorded after it returns.
	if len(all.Events) != 8 || all.Events[0].EventName != "GetTrail" || all.Events[7].EventName != "CreateTrail" {
		t.Fatalf("events %+v", all.Events)
	}
	var rec map[string]any
	if err := json.Unmarshal([]byte(all.Events[0].CloudTrailEvent), &rec); err != nil || rec["errorCode"] != ErrTrailNotFound {
		t.Fatalf("CloudTrailEvent %v %v", rec, err)
	}
	del := must(e.s.LookupEvents(ctx, &LookupEventsInput{LookupAttributes: []LookupAttribute{{"Username", "root"}}}))
	if len(del.Events) != 1 || del.Events[0].EventName != "DeleteTrail" || del.Events[0].ReadOnly != "false" ||
		del.Events[0].Resources[0] != (Resource{"AWS::CloudTrail::Trail", "main"}) {
		t.Fatalf("by user %+v", del.Events)
	}
	byRes := must(e.s.LookupEvents(ctx, &LookupEventsInput{LookupAttributes: []LookupAttribute{{"ResourceName", "main"}}}))
	if len(byRes.Events) != 7 {
		t.Fatalf("by resource: %d", len(byRes.Events))
	}
	// Paging: 2 at a time, newest first, over the GetTrail calls (the LookupEvents calls are read-only too).
	q := &LookupEventsInput{LookupAttributes: []LookupAttribute{{"EventName", "GetTrail"}}, MaxResults: i32(2)}
	var seen []time.Time
	for {
		out := must(e.s.LookupEvents(ctx, q))
		for _, ev := range out.Events {
			seen = append(seen, ev.EventTime)
		}
		if out.NextToken == "" {
			break
		}
		q.NextToken = out.NextToken
	}
	if len(seen) != 6 {
		t.Fatalf("paged %d events", len(seen))
	}
	for i := 1; i < len(seen); i++ {
		if seen[i].After(seen[i-1]) {
			t.Fatal("not newest first")
		}
	}
	// Inclusive time range.
	at := e.s.epoch.Add(2 * time.Minute)
	out := must(e.s.LookupEvents(ctx, &LookupEventsInput{StartTime: &at, EndTime: &at}))
	if len(out.Events) != 1 || !out.Events[0].EventTime.Equal(at) {
		t.Fatalf("range %+v", out.Events)
	}
}

func TestLookupEventsErrors(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	later := e.b.Now().Add(time.Hour)
	now := e.b.Now()
	first := must(e.s.LookupEvents(ctx, &LookupEventsInput{MaxResults: i32(1)}))
	_ = first
	must(e.s.LookupEvents(ctx, &LookupEventsInput{MaxResults: i32(1)}))
	tok := must(e.s.LookupEvents(ctx, &LookupEventsInput{MaxResults: i32(1)})).NextToken
	if tok == "" {
		t.Fatal("no token")
	}
	cases := []struct {
		in   LookupEventsInput
		code string
	}{
		{LookupEventsInput{LookupAttributes: []LookupAttribute{{"EventName", "a"}, {"Username", "b"}}}, ErrInvalidLookupAttributes},
		{LookupEventsInput{LookupAttributes: []LookupAttribute{{"Region", "a"}}}, ErrInvalidLookupAttributes},
		{LookupEventsInput{LookupAttributes: []LookupAttribute{{"EventName", ""}}}, ErrInvalidLookupAttributes},
		{LookupEventsInput{StartTime: &later, EndTime: &now}, ErrInvalidTimeRange},
		{LookupEventsInput{MaxResults: i32(0)}, ErrInvalidMaxResults},
		{LookupEventsInput{MaxResults: i32(51)}, ErrInvalidMaxResults},
		{LookupEventsInput{NextToken: "garbage"}, ErrInvalidNextToken},
		{LookupEventsInput{NextToken: tok, LookupAttributes: []LookupAttribute{{"EventName", "LookupEvents"}}}, ErrInvalidNextToken},
		{LookupEventsInput{EventCategory: "management"}, ErrInvalidEventCategory},
	}
	for _, c := range cases {
		if _, err := e.s.LookupEvents(ctx, &c.in); bus.ErrorCode(err) != c.code {
			t.Errorf("%+v: %v, want %s", c.in, err, c.code)
		}
	}
	if _, err := e.s.LookupEvents(ctx, &LookupEventsInput{EventCategory: "insight"}); !bus.IsNotSimulated(err) {
		t.Errorf("insight: %v", err)
	}
	if out, err := e.s.LookupEvents(ctx, &LookupEventsInput{MaxResults: i32(1), NextToken: tok}); err != nil || len(out.Events) != 1 {
		t.Fatalf("the token with its own parameters: %v", err)
	}
}

func TestLookupDelayAndRetention(t *testing.T) {
	e := newEnv(t, WithLookupDelay(5*time.Minute))
	ctx := context.Background()
	must(e.s.DescribeTrails(ctx, &DescribeTrailsInput{}))
	if n := len(must(e.s.LookupEvents(ctx, &LookupEventsInput{})).Events); n != 0 {
		t.Fatalf("%d events visible before the delay", n)
	}
	_ = e.b.Advance(5 * time.Minute)
	if n := len(must(e.s.LookupEvents(ctx, &LookupEventsInput{LookupAttributes: []LookupAttribute{{"EventName", "DescribeTrails"}}})).Events); n != 1 {
		t.Fatalf("%d events after the delay", n)
	}
	_ = e.b.Advance(HistoryRetention)
	if n := len(must(e.s.LookupEvents(ctx, &LookupEventsInput{LookupAttributes: []LookupAttribute{{"EventName", "DescribeTrails"}}})).Events); n != 0 {
		t.Fatalf("%d events after 90 days", n)
	}
}

func FuzzLookupToken(f *testing.F) {
	f.Add("LookupEvents.abc", "")
	f.Add("LookupEvents.abc", "TG9va3VwRXZlbnRzLmFiYwAxMgAxMjM0")
	f.Fuzz(func(t *testing.T, kind, tok string) {
		pos, ok := decodeLookupToken(kind, tok)
		if !ok {
			return
		}
		if pos < 0 {
			t.Fatalf("negative position %d", pos)
		}
	})
}

// TestHistoryPruned: Event history past the retention leaves memory in batches; lookups answer the
// same as before, and a NextToken taken before a cut still continues (with what is left).
func TestHistoryPruned(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	const perDay = 100
	for day := 0; day < 200; day++ {
		for i := 0; i < perDay; i++ {
			_, _ = e.s.GetTrailStatus(ctx, &GetTrailStatusInput{Name: "nope"}) // a failing management call, recorded
		}
		_ = e.b.Advance(24 * time.Hour)
	}
	var kept int
	e.b.Locked(func() { kept = e.s.history.events.n })
	if kept > 2*91*perDay+1024 {
		t.Fatalf("%d events kept after 200 days, at most 91 days' worth (%d) plus slack expected", kept, 91*perDay)
	}
	count := func(attr []LookupAttribute) (n int) {
		tok := ""
		for {
			out := must(e.s.LookupEvents(ctx, &LookupEventsInput{LookupAttributes: attr, MaxResults: i32(50), NextToken: tok}))
			n += len(out.Events)
			if tok = out.NextToken; tok == "" {
				return n
			}
		}
	}
	// LookupEvents' own calls are recorded too (management read events): count only GetTrailStatus.
	if n := count([]LookupAttribute{{"EventName", "GetTrailStatus"}}); n != 90*perDay && n != 91*perDay {
		t.Fatalf("%d GetTrailStatus events within 90 days, want %d (or a day more at the boundary)", n, 90*perDay)
	}
	// A token from a first page stays valid while the history is cut under it.
	first := must(e.s.LookupEvents(ctx, &LookupEventsInput{LookupAttributes: []LookupAttribute{{"EventName", "GetTrailStatus"}}, MaxResults: i32(5)}))
	if first.NextToken == "" {
		t.Fatal("no token")
	}
	for day := 0; day < 100; day++ {
		_ = e.b.Advance(24 * time.Hour)
		for i := 0; i < perDay; i++ {
			must(e.s.ListTrails(ctx, &ListTrailsInput{}))
		}
	}
	next, err := e.s.LookupEvents(ctx, &LookupEventsInput{LookupAttributes: []LookupAttribute{{"EventName", "GetTrailStatus"}}, MaxResults: i32(5), NextToken: first.NextToken})
	if err != nil {
		t.Fatalf("a token taken before the cut: %v", err)
	}
	if len(next.Events) != 0 {
		t.Fatalf("%d GetTrailStatus events more than 190 days after they happened", len(next.Events))
	}
}
