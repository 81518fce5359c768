package events_test

import (
	"strings"
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/events"
)

// The envelope as AWS delivers it: members in AWS's order, time to the second, resources [] when
// none are given ("Amazon EventBridge events" in the EventBridge User Guide).
func TestEnvelopeDeliveredExactly(t *testing.T) {
	s, b := newService(t)
	q := queue(t, b, "q")
	rule(t, s, "r", `{"source":["my.app"]}`, events.Target{Id: "t", Arn: q.ARN()})
	if err := b.Advance(90*time.Second + 500*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	id := put(t, s, "my.app", "Order Placed", `{ "a" : [1, 2],  "b": "x<y&z" }`)
	ms := drain(t, q)
	if len(ms) != 1 {
		t.Fatalf("%d messages, want 1", len(ms))
	}
	want := `{"version":"0","id":"` + id + `","detail-type":"Order Placed","source":"my.app","account":"123456789012",` +
		`"time":"2026-01-01T00:01:30Z","region":"us-east-1","resources":[],"detail":{"a":[1,2],"b":"x<y&z"}}`
	if ms[0].Body != want {
		t.Fatalf("delivered\n%s\nwant\n%s", ms[0].Body, want)
	}
}

func TestPutEventsEntryTimeAndResources(t *testing.T) {
	s, b := newService(t)
	q := queue(t, b, "q")
	rule(t, s, "r", `{"source":["my.app"]}`, events.Target{Id: "t", Arn: q.ARN()})
	at := time.Date(2022, 1, 1, 0, 0, 0, 123, time.UTC)
	out, err := s.PutEvents(ctx, &events.PutEventsInput{Entries: []events.PutEventsRequestEntry{{
		Time: &at, Source: "my.app", DetailType: "d", Detail: "{}", Resources: []string{"arn:aws:s3:::b"},
		EventBusName: "arn:aws:events:us-east-1:123456789012:event-bus/default"}}})
	if err != nil || out.FailedEntryCount != 0 {
		t.Fatalf("PutEvents: %v %+v", err, out)
	}
	m := envelope(t, drain(t, q)[0].Body)
	if m["time"] != "2022-01-01T00:00:00Z" || m["resources"].([]any)[0] != "arn:aws:s3:::b" {
		t.Fatalf("envelope %v", m)
	}
}

// Per-entry failures do not fail the call: each entry gets an EventId or an ErrorCode and message.
func TestPutEventsPartialFailures(t *testing.T) {
	s, _ := newService(t)
	e := func(src, dt, d string) events.PutEventsRequestEntry {
		return events.PutEventsRequestEntry{Source: src, DetailType: dt, Detail: d}
	}
	cases := []struct {
		entry     events.PutEventsRequestEntry
		code, msg string
	}{
		{e("", "d", "{}"), "InvalidArgument", "Parameter Source is not valid. Reason: Source is a required argument."},
		{e("s", "", "{}"), "InvalidArgument", "Parameter DetailType is not valid. Reason: DetailType is a required argument."},
		{e("s", "d", ""), "InvalidArgument", "Parameter Detail is not valid. Reason: Detail is a required argument."},
		{e("s", "d", "[1]"), "MalformedDetail", "Detail is malformed."},
		{e("s", "d", `"x"`), "MalformedDetail", "Detail is malformed."},
		{e("s", "d", `{"a":}`), "MalformedDetail", "Detail is malformed."},
		{e("s", "d", `{} {}`), "MalformedDetail", "Detail is malformed."},
		{e("aws.ec2", "d", "{}"), "NotAuthorizedForSourceException", "Not authorized for the source."},
		{events.PutEventsRequestEntry{Source: "s", DetailType: "d", Detail: "{}", EventBusName: "nope"}, "ResourceNotFoundException", "Event bus nope does not exist."},
		{events.PutEventsRequestEntry{Source: "s", DetailType: "d", Detail: "{}", TraceHeader: "Root=1-x"}, bus.NotSimulatedCode, ""},
	}
	for _, c := range cases {
		out, err := s.PutEvents(ctx, &events.PutEventsInput{Entries: []events.PutEventsRequestEntry{e("ok", "d", "{}"), c.entry}})
		if err != nil {
			t.Fatalf("%+v: call failed: %v", c.entry, err)
		}
		if out.FailedEntryCount != 1 || out.Entries[0].EventId == "" || out.Entries[1].ErrorCode != c.code ||
			(c.msg != "" && out.Entries[1].ErrorMessage != c.msg) {
			t.Errorf("%+v: got %+v", c.entry, out)
		}
	}
}

func TestPutEventsWholeCallErrors(t *testing.T) {
	s, _ := newService(t, events.WithMaxEntrySize(events.ClassicMaxEntrySize))
	entry := events.PutEventsRequestEntry{Source: "s", DetailType: "d", Detail: "{}"}
	eleven := make([]events.PutEventsRequestEntry, 11)
	for i := range eleven {
		eleven[i] = entry
	}
	big := entry
	big.Detail = `{"x":"` + strings.Repeat("a", 256*1024) + `"}`
	for _, c := range []struct {
		in        *events.PutEventsInput
		code, msg string
	}{
		{&events.PutEventsInput{}, "ValidationException", "1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null"},
		{&events.PutEventsInput{Entries: eleven}, "ValidationException", "Member must have length less than or equal to 10"},
		{&events.PutEventsInput{Entries: []events.PutEventsRequestEntry{big}}, "ValidationException", "Total size of the entries in the request is over the limit."},
		{&events.PutEventsInput{Entries: []events.PutEventsRequestEntry{entry}, EndpointId: "abc.xyz"}, bus.NotSimulatedCode, ""},
	} {
		_, err := s.PutEvents(ctx, c.in)
		if bus.ErrorCode(err) != c.code || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("got %v, want %s: %s", err, c.code, c.msg)
		}
	}
}

// The size is computed as AWS documents it: 14 bytes for a Time plus the UTF-8 bytes of Source,
// DetailType, Detail and each Resource; an entry just under the limit passes.
func TestPutEventsSizeBoundary(t *testing.T) {
	s, _ := newService(t, events.WithMaxEntrySize(events.ClassicMaxEntrySize))
	at := time.Unix(0, 0)
	pad := events.ClassicMaxEntrySize - 14 - 1 - 1 - len(`{"x":""}`) - len("r") - 1
	e := events.PutEventsRequestEntry{Time: &at, Source: "s", DetailType: "d", Detail: `{"x":"` + strings.Repeat("é", pad/2) + `"}`, Resources: []string{"r"}}
	if _, err := s.PutEvents(ctx, &events.PutEventsInput{Entries: []events.PutEventsRequestEntry{e}}); err != nil {
		t.Fatalf("an entry under the limit was refused: %v", err)
	}
	e.Resources = []string{"rr"}
	if _, err := s.PutEvents(ctx, &events.PutEventsInput{Entries: []events.PutEventsRequestEntry{e}}); bus.ErrorCode(err) != "ValidationException" {
		t.Fatalf("an entry at the limit: %v", err)
	}
}
