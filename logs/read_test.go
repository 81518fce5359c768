package logs_test

import (
	"fmt"
	"testing"

	"github.com/watchsim/watchsim/logs"
)

func TestGetLogEventsTokens(t *testing.T) {
	s, b := newService(t)
	mustGroup(t, s, "g", "s")
	now := ms(b.Now())
	var ts []int64
	var msgs []string
	for i := range 10 {
		ts = append(ts, now-10000+int64(i)*1000)
		msgs = append(msgs, fmt.Sprint("m", i))
	}
	put(t, s, "g", "s", ts, msgs...)
	// Default: the newest page first, ascending within it.
	out, err := s.GetLogEvents(ctx, &logs.GetLogEventsInput{LogGroupName: "g", LogStreamName: "s", Limit: ptr[int32](3)})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Events) != 3 || out.Events[0].Message != "m7" || out.Events[2].Message != "m9" {
		t.Fatalf("first page = %+v", out.Events)
	}
	if out.NextForwardToken[:2] != "f/" || out.NextBackwardToken[:2] != "b/" || len(out.NextForwardToken) != 58 {
		t.Errorf("tokens %q %q", out.NextForwardToken, out.NextBackwardToken)
	}
	// Forward from the newest page: nothing more, and the token comes back unchanged.
	fw, _ := s.GetLogEvents(ctx, &logs.GetLogEventsInput{LogGroupName: "g", LogStreamName: "s", NextToken: out.NextForwardToken, StartFromHead: ptr(true)})
	if len(fw.Events) != 0 || fw.NextForwardToken != out.NextForwardToken {
		t.Errorf("end of stream: %d events, token %q (sent %q)", len(fw.Events), fw.NextForwardToken, out.NextForwardToken)
	}
	// New events appear on the same token.
	put(t, s, "g", "s", []int64{now}, "m10")
	fw, _ = s.GetLogEvents(ctx, &logs.GetLogEventsInput{LogGroupName: "g", LogStreamName: "s", NextToken: out.NextForwardToken, StartFromHead: ptr(true)})
	if len(fw.Events) != 1 || fw.Events[0].Message != "m10" {
		t.Errorf("tail: %+v", fw.Events)
	}
	// Backward to the head: every older event once, then the same token.
	var back []string
	tok := out.NextBackwardToken
	for {
		p, err := s.GetLogEvents(ctx, &logs.GetLogEventsInput{LogGroupName: "g", LogStreamName: "s", NextToken: tok, Limit: ptr[int32](3)})
		if err != nil {
			t.Fatal(err)
		}
		for i := len(p.Events) - 1; i >= 0; i-- {
			back = append(back, p.Events[i].Message)
		}
		if p.NextBackwardToken == tok {
			break
		}
		tok = p.NextBackwardToken
	}
	if fmt.Sprint(back) != "[m6 m5 m4 m3 m2 m1 m0]" {
		t.Errorf("backward = %v", back)
	}
	// Window: startTime inclusive, endTime exclusive.
	w, _ := s.GetLogEvents(ctx, &logs.GetLogEventsInput{LogGroupName: "g", LogStreamName: "s", StartTime: ptr(ts[2]), EndTime: ptr(ts[5]), StartFromHead: ptr(true)})
	if len(w.Events) != 3 || w.Events[0].Message != "m2" || w.Events[2].Message != "m4" {
		t.Errorf("window = %+v", w.Events)
	}
	_, err = s.GetLogEvents(ctx, &logs.GetLogEventsInput{LogGroupName: "g", LogStreamName: "s", NextToken: "f/123"})
	wantErr(t, err, logs.InvalidParameterException, "The specified nextToken is invalid.")
	_, err = s.GetLogEvents(ctx, &logs.GetLogEventsInput{LogGroupName: "g", LogStreamName: "s", Limit: ptr[int32](10001)})
	wantErr(t, err, logs.InvalidParameterException, "1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000")
}

func TestFilterLogEventsPaging(t *testing.T) {
	s, b := newService(t)
	mustGroup(t, s, "g", "a")
	s.CreateLogStream(ctx, &logs.CreateLogStreamInput{LogGroupName: "g", LogStreamName: "b"})
	now := ms(b.Now())
	for i := range 25 {
		st := "a"
		if i%2 == 1 {
			st = "b"
		}
		put(t, s, "g", st, []int64{now - 100000 + int64(i)*1000}, fmt.Sprintf("event %d ERROR", i))
	}
	p1, err := s.FilterLogEvents(ctx, &logs.FilterLogEventsInput{LogGroupName: "g", Limit: ptr[int32](20)})
	if err != nil {
		t.Fatal(err)
	}
	if len(p1.Events) != 20 || p1.NextToken == "" || p1.SearchedLogStreams == nil {
		t.Fatalf("page 1: %d events, token %q", len(p1.Events), p1.NextToken)
	}
	p2, _ := s.FilterLogEvents(ctx, &logs.FilterLogEventsInput{LogGroupName: "g", Limit: ptr[int32](20), NextToken: p1.NextToken})
	if len(p2.Events) != 5 || p2.NextToken != "" || p2.Events[0].Message != "event 20 ERROR" {
		t.Fatalf("page 2: %+v", p2)
	}
	if p1.Events[1].LogStreamName != "b" || len(p1.Events[0].EventID) != 56 {
		t.Errorf("interleaving / ids: %+v", p1.Events[:2])
	}
	// endTime is inclusive here.
	w, _ := s.FilterLogEvents(ctx, &logs.FilterLogEventsInput{LogGroupName: "g", StartTime: ptr(now - 100000), EndTime: ptr(now - 98000), LogStreamNames: []string{"a"}})
	if len(w.Events) != 2 {
		t.Errorf("inclusive window on stream a: %+v", w.Events)
	}
	f, _ := s.FilterLogEvents(ctx, &logs.FilterLogEventsInput{LogGroupName: "g", FilterPattern: `"event 1"`})
	if len(f.Events) != 11 {
		t.Errorf(`"event 1" matched %d`, len(f.Events))
	}
	_, err = s.FilterLogEvents(ctx, &logs.FilterLogEventsInput{LogGroupName: "g", FilterPattern: "a:b"})
	wantErr(t, err, logs.InvalidParameterException, "Invalid character(s) in term ':'")
	_, err = s.FilterLogEvents(ctx, &logs.FilterLogEventsInput{LogGroupName: "g", LogStreamNames: []string{"a"}, LogStreamNamePrefix: "a"})
	wantErr(t, err, logs.InvalidParameterException, "")
	desc, err := s.FilterLogEvents(ctx, &logs.FilterLogEventsInput{LogGroupName: "g", StartTime: ptr(now - 200000), StartFromHead: ptr(false), Limit: ptr[int32](2)})
	if err != nil {
		t.Fatal(err)
	}
	if desc.Events[0].Message != "event 24 ERROR" || desc.NextToken == "" {
		t.Errorf("newest first: %+v", desc.Events)
	}
	_, err = s.FilterLogEvents(ctx, &logs.FilterLogEventsInput{LogGroupName: "g", StartFromHead: ptr(false)})
	wantErr(t, err, logs.InvalidParameterException, "")
}
