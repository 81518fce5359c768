package events_test

import (
	"testing"

	"github.com/watchsim/watchsim/events"
	"github.com/watchsim/watchsim/logs"
)

// A CloudWatch Logs group target, through the Logs service by ARN: each event becomes a log event
// in a stream named after the event id.
func TestLogGroupTarget(t *testing.T) {
	s, b := newService(t)
	l, err := logs.New(b)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.CreateLogGroup(ctx, &logs.CreateLogGroupInput{LogGroupName: "/aws/events/audit"}); err != nil {
		t.Fatal(err)
	}
	rule(t, s, "r", `{"source":["a"]}`, events.Target{Id: "logs", Arn: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/events/audit:*"})
	id := put(t, s, "a", "x", `{"k":"v"}`)
	out, err := l.GetLogEvents(ctx, &logs.GetLogEventsInput{LogGroupName: "/aws/events/audit", LogStreamName: id})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Events) != 1 || envelope(t, out.Events[0].Message)["id"] != id {
		t.Fatalf("log events %+v", out.Events)
	}
}
