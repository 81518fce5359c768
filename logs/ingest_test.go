package logs_test

import (
	"strings"
	"testing"
	"time"

	"github.com/watchsim/watchsim/logs"
)

func TestPutLogEventsLimits(t *testing.T) {
	s, b := newService(t)
	mustGroup(t, s, "g", "s")
	now := ms(b.Now())
	events := func(n, size int) []logs.InputLogEvent {
		evs := make([]logs.InputLogEvent, n)
		for i := range evs {
			evs[i] = logs.InputLogEvent{Timestamp: now, Message: strings.Repeat("x", size)}
		}
		return evs
	}
	for _, tc := range []struct {
		name      string
		evs       []logs.InputLogEvent
		code, msg string
	}{
		{"none", nil, logs.InvalidParameterException, "1 validation error detected: Value null at 'logEvents' failed to satisfy constraint: Member must not be null"},
		{"empty message", []logs.InputLogEvent{{Timestamp: now}}, logs.InvalidParameterException,
			"1 validation error detected: Value '' at 'logEvents.1.member.message' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"10,001 events", events(10001, 1), logs.InvalidParameterException, ""},
		// 5 × (209,715 + 26) = 1,048,705 bytes.
		{"upload too large", events(5, 209715), logs.InvalidParameterException, "Upload too large: 1048705 bytes exceeds limit of 1048576"},
		{"event too large", events(1, 1048551), logs.InvalidParameterException, "Log event too large: 1048577 bytes exceeds limit of 1048576"},
		{"order", []logs.InputLogEvent{{Timestamp: now, Message: "b"}, {Timestamp: now - 1, Message: "a"}}, logs.InvalidParameterException,
			"Log events in a single PutLogEvents request must be in chronological order."},
		{"span", []logs.InputLogEvent{{Timestamp: now - 25*3600000, Message: "a"}, {Timestamp: now, Message: "b"}}, logs.InvalidParameterException,
			"The batch of log events in a single PutLogEvents request cannot span more than 24 hours."},
		{"invalid UTF-8", []logs.InputLogEvent{{Timestamp: now, Message: "\xff"}}, logs.InvalidParameterException, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.PutLogEvents(ctx, &logs.PutLogEventsInput{LogGroupName: "g", LogStreamName: "s", LogEvents: tc.evs})
			wantErr(t, err, tc.code, tc.msg)
		})
	}
	// Exactly at the limits: 10,000 events; 1,048,576 bytes; an event of 1,048,576 bytes.
	for _, evs := range [][]logs.InputLogEvent{events(10000, 1), events(4, 262118), events(1, 1048550)} {
		if _, err := s.PutLogEvents(ctx, &logs.PutLogEventsInput{LogGroupName: "g", LogStreamName: "s", LogEvents: evs}); err != nil {
			t.Errorf("at the limit: %v", err)
		}
	}
	_, err := s.PutLogEvents(ctx, &logs.PutLogEventsInput{LogGroupName: "g", LogStreamName: "nope", LogEvents: events(1, 1)})
	wantErr(t, err, logs.ResourceNotFoundException, "The specified log stream does not exist.")
	_, err = s.PutLogEvents(ctx, &logs.PutLogEventsInput{LogGroupName: "nope", LogStreamName: "s", LogEvents: events(1, 1)})
	wantErr(t, err, logs.ResourceNotFoundException, "The specified log group does not exist.")
}

func TestPutLogEventsRejected(t *testing.T) {
	s, b := newService(t)
	mustGroup(t, s, "g", "s")
	now := ms(b.Now())
	day := int64(86400000)
	// Three too old, then fine, then too new: only the middle is kept.
	out := put(t, s, "g", "s", []int64{now - 20*day, now - 15*day, now - 15*day + 1, now, now + 5*60000, now + day},
		"old1", "old2", "old3", "ok1", "ok2", "new1")
	info := out.RejectedLogEventsInfo
	if info == nil || info.TooOldLogEventEndIndex == nil || *info.TooOldLogEventEndIndex != 3 ||
		info.TooNewLogEventStartIndex == nil || *info.TooNewLogEventStartIndex != 5 || info.ExpiredLogEventEndIndex != nil {
		t.Fatalf("rejected = %+v", info)
	}
	if len(out.NextSequenceToken) != 56 {
		t.Errorf("nextSequenceToken = %q", out.NextSequenceToken)
	}
	// Retention: events older than it are expired.
	s.PutRetentionPolicy(ctx, &logs.PutRetentionPolicyInput{LogGroupName: "g", RetentionInDays: 1})
	out = put(t, s, "g", "s", []int64{now - 2*day + 1, now - 2*day + 2, now}, "exp1", "exp2", "ok3")
	info = out.RejectedLogEventsInfo
	if info == nil || info.ExpiredLogEventEndIndex == nil || *info.ExpiredLogEventEndIndex != 2 || info.TooOldLogEventEndIndex != nil {
		t.Fatalf("rejected = %+v", info)
	}
	// All rejected: the call succeeds and still returns a token.
	out = put(t, s, "g", "s", []int64{now + 3*3600000}, "future")
	if out.NextSequenceToken == "" || *out.RejectedLogEventsInfo.TooNewLogEventStartIndex != 0 {
		t.Errorf("all too new: %+v", out)
	}
	got, _ := s.GetLogEvents(ctx, &logs.GetLogEventsInput{LogGroupName: "g", LogStreamName: "s", StartFromHead: ptr(true)})
	var msgs []string
	for _, e := range got.Events {
		msgs = append(msgs, e.Message)
	}
	if strings.Join(msgs, ",") != "ok1,ok3,ok2" {
		t.Errorf("stored = %v", msgs)
	}
	if got.Events[0].IngestionTime != now {
		t.Errorf("ingestion time = %d", got.Events[0].IngestionTime)
	}
}

func TestRetentionExpiresOnTheClock(t *testing.T) {
	s, b := newService(t)
	mustGroup(t, s, "g", "s")
	now := ms(b.Now())
	put(t, s, "g", "s", []int64{now - 3600000, now}, "a", "bb")
	s.PutRetentionPolicy(ctx, &logs.PutRetentionPolicyInput{LogGroupName: "g", RetentionInDays: 1})
	stored := func() int64 {
		out, _ := s.DescribeLogGroups(ctx, nil)
		return *out.LogGroups[0].StoredBytes
	}
	if got := stored(); got != 1+26+2+26 {
		t.Fatalf("storedBytes = %d", got)
	}
	b.Advance(23*time.Hour + time.Millisecond)
	if got := stored(); got != 28 {
		t.Errorf("after 23 h storedBytes = %d, want 28 (the first event expired)", got)
	}
	f, _ := s.FilterLogEvents(ctx, &logs.FilterLogEventsInput{LogGroupName: "g"})
	if len(f.Events) != 1 || f.Events[0].Message != "bb" {
		t.Errorf("FilterLogEvents after expiry = %+v", f.Events)
	}
	b.Advance(2 * time.Hour)
	if got := stored(); got != 0 {
		t.Errorf("storedBytes = %d", got)
	}
	ds, _ := s.DescribeLogStreams(ctx, &logs.DescribeLogStreamsInput{LogGroupName: "g"})
	if ds.LogStreams[0].FirstEventTimestamp != nil {
		t.Error("an emptied stream still reports event times")
	}
}
