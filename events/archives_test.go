package events_test

import (
	"strings"
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/events"
)

const defaultBusARN = "arn:aws:events:us-east-1:123456789012:event-bus/default"

// Replay re-sends the archived events of [start, end) in order, one minute of event time per
// minute, with replay-name; replayed events are not archived again.
func TestArchiveAndReplay(t *testing.T) {
	s, b := newService(t)
	q := queue(t, b, "q")
	a, err := s.CreateArchive(ctx, &events.CreateArchiveInput{ArchiveName: "arch", EventSourceArn: defaultBusARN, EventPattern: `{"source":["a"]}`})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for i := range 5 {
		ids = append(ids, put(t, s, "a", "x", `{"n":`+string(rune('0'+i))+`}`))
		put(t, s, "other", "x", "{}") // not archived: the pattern does not match
		if err := b.Advance(time.Minute); err != nil {
			t.Fatal(err)
		}
	}
	d, err := s.DescribeArchive(ctx, &events.DescribeArchiveInput{ArchiveName: "arch"})
	if err != nil || d.EventCount != 5 || d.SizeBytes == 0 || d.State != "ENABLED" {
		t.Fatalf("DescribeArchive %+v %v", d, err)
	}
	rule(t, s, "r", `{"source":["a"]}`, events.Target{Id: "q", Arn: q.ARN()})
	start := bus.DefaultStart()
	out, err := s.StartReplay(ctx, &events.StartReplayInput{ReplayName: "rp", EventSourceArn: a.ArchiveArn,
		EventStartTime: start, EventEndTime: start.Add(3 * time.Minute), Destination: &events.ReplayDestination{Arn: defaultBusARN}})
	if err != nil || out.State != "RUNNING" {
		t.Fatalf("StartReplay %+v %v", out, err)
	}
	began := b.Now()
	// Window k (event time [start+k min, start+(k+1) min)) goes out k minutes after the start.
	var got []string
	for k := range 4 {
		if err := b.AdvanceTo(began.Add(time.Duration(k) * time.Minute)); err != nil {
			t.Fatal(err)
		}
		ms := drain(t, q)
		if k < 3 && len(ms) != 1 || k == 3 && len(ms) != 0 {
			t.Fatalf("minute %d: %d replayed events", k, len(ms))
		}
		for _, m := range ms {
			e := envelope(t, m.Body)
			if e["replay-name"] != "rp" || !strings.Contains(m.Body, `"region":"us-east-1","replay-name":"rp","resources"`) {
				t.Fatalf("replayed envelope %s", m.Body)
			}
			got = append(got, e["id"].(string))
		}
	}
	if strings.Join(got, ",") != strings.Join(ids[:3], ",") {
		t.Fatalf("replayed %v, want %v", got, ids[:3])
	}
	dr, err := s.DescribeReplay(ctx, &events.DescribeReplayInput{ReplayName: "rp"})
	if err != nil || dr.State != "COMPLETED" || dr.ReplayEndTime == nil || !dr.ReplayEndTime.Equal(began.Add(3*time.Minute)) {
		t.Fatalf("DescribeReplay %+v %v", dr, err)
	}
	if d, _ := s.DescribeArchive(ctx, &events.DescribeArchiveInput{ArchiveName: "arch"}); d.EventCount != 5 {
		t.Fatalf("replayed events were archived: %d events", d.EventCount)
	}
}

func TestReplayErrors(t *testing.T) {
	s, b := newService(t)
	if _, err := s.CreateEventBus(ctx, &events.CreateEventBusInput{Name: "other"}); err != nil {
		t.Fatal(err)
	}
	a, err := s.CreateArchive(ctx, &events.CreateArchiveInput{ArchiveName: "arch", EventSourceArn: defaultBusARN})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateArchive(ctx, &events.CreateArchiveInput{ArchiveName: "arch", EventSourceArn: defaultBusARN}); bus.ErrorCode(err) != "ResourceAlreadyExistsException" || !strings.Contains(err.Error(), "Archive arch already exists.") {
		t.Fatalf("duplicate archive: %v", err)
	}
	if _, err := s.UpdateArchive(ctx, &events.UpdateArchiveInput{ArchiveName: "arch"}); !strings.Contains(err.Error(), "At least one of EventPattern, RetentionDays or Description must be provided.") {
		t.Fatalf("empty update: %v", err)
	}
	if err := b.Advance(time.Hour); err != nil {
		t.Fatal(err)
	}
	start := bus.DefaultStart()
	in := func(name, src, dest string, from, to time.Time) *events.StartReplayInput {
		return &events.StartReplayInput{ReplayName: name, EventSourceArn: src, EventStartTime: from, EventEndTime: to, Destination: &events.ReplayDestination{Arn: dest}}
	}
	for _, c := range []struct {
		in        *events.StartReplayInput
		code, msg string
	}{
		{in("r", a.ArchiveArn, "arn:aws:events:us-east-1:123456789012:event-bus/other", start, start.Add(time.Minute)), "ValidationException", "Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted."},
		{in("r", "arn:aws:events:us-east-1:123456789012:archive/nope", defaultBusARN, start, start.Add(time.Minute)), "ValidationException", "Parameter EventSourceArn is not valid. Reason: Archive nope does not exist."},
		{in("r", a.ArchiveArn, defaultBusARN, start.Add(time.Minute), start), "ValidationException", "Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime."},
	} {
		if _, err := s.StartReplay(ctx, c.in); bus.ErrorCode(err) != c.code || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("StartReplay: %v, want %s", err, c.msg)
		}
	}
	for i := range 10 {
		if _, err := s.StartReplay(ctx, in("r"+string(rune('a'+i)), a.ArchiveArn, defaultBusARN, start, start.Add(30*time.Minute))); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.StartReplay(ctx, in("ra", a.ArchiveArn, defaultBusARN, start, start.Add(time.Minute))); bus.ErrorCode(err) != "ResourceAlreadyExistsException" || !strings.Contains(err.Error(), "Replay ra already exists.") {
		t.Fatalf("duplicate replay: %v", err)
	}
	if _, err := s.StartReplay(ctx, in("rk", a.ArchiveArn, defaultBusARN, start, start.Add(time.Minute))); bus.ErrorCode(err) != "LimitExceededException" {
		t.Fatalf("11th active replay: %v", err)
	}
	if _, err := s.CancelReplay(ctx, &events.CancelReplayInput{ReplayName: "ra"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CancelReplay(ctx, &events.CancelReplayInput{ReplayName: "ra"}); bus.ErrorCode(err) != "IllegalStatusException" {
		t.Fatalf("cancelling twice: %v", err)
	}
	if _, err := s.StartReplay(ctx, in("rk", a.ArchiveArn, defaultBusARN, start, start.Add(time.Minute))); err != nil {
		t.Fatalf("after a cancel there is room: %v", err)
	}
	if _, err := s.DescribeReplay(ctx, &events.DescribeReplayInput{ReplayName: "zz"}); bus.ErrorCode(err) != "ResourceNotFoundException" || !strings.Contains(err.Error(), "Replay zz does not exist.") {
		t.Fatalf("unknown replay: %v", err)
	}
	l, err := s.ListReplays(ctx, &events.ListReplaysInput{State: "CANCELLED"})
	if err != nil || len(l.Replays) != 1 || l.Replays[0].ReplayName != "ra" {
		t.Fatalf("ListReplays CANCELLED: %+v %v", l, err)
	}
}

func TestArchiveRetention(t *testing.T) {
	s, b := newService(t)
	if _, err := s.CreateArchive(ctx, &events.CreateArchiveInput{ArchiveName: "a", EventSourceArn: defaultBusARN, RetentionDays: ptr[int32](1)}); err != nil {
		t.Fatal(err)
	}
	put(t, s, "a", "x", "{}")
	if err := b.Advance(23 * time.Hour); err != nil {
		t.Fatal(err)
	}
	put(t, s, "a", "x", "{}")
	if err := b.Advance(2 * time.Hour); err != nil {
		t.Fatal(err)
	}
	d, err := s.DescribeArchive(ctx, &events.DescribeArchiveInput{ArchiveName: "a"})
	if err != nil || d.EventCount != 1 {
		t.Fatalf("after 25 h with 1-day retention: %+v %v", d, err)
	}
}
