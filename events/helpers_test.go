package events_test

import (
	"context"
	"encoding/json"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/events"
)

var ctx = context.Background()

// tb is what the helpers need of a *testing.T or a *rapid.T.
type tb interface {
	Helper()
	Fatal(args ...any)
	Fatalf(format string, args ...any)
	Cleanup(func())
}

func ptr[T any](v T) *T { return &v }

// newService returns an EventBridge service on a fresh virtual bus.
func newService(t tb, opts ...events.Option) (*events.Service, *bus.Bus) {
	t.Helper()
	b := bus.MustNew()
	s, err := events.New(b, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return s, b
}

// queue creates an SQS queue.
func queue(t tb, b *bus.Bus, name string) *bus.SQSQueue {
	t.Helper()
	q, err := bus.NewSQSQueue(b, name)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// drain receives every visible message of q.
func drain(t tb, q *bus.SQSQueue) []bus.SQSMessage {
	t.Helper()
	var all []bus.SQSMessage
	for {
		ms, err := q.Receive(10)
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) == 0 {
			return all
		}
		for _, m := range ms {
			if err := q.Delete(m.ReceiptHandle); err != nil {
				t.Fatal(err)
			}
		}
		all = append(all, ms...)
	}
}

// rule puts a rule with a pattern on the default bus and gives it the targets.
func rule(t tb, s *events.Service, name, pattern string, targets ...events.Target) string {
	t.Helper()
	out, err := s.PutRule(ctx, &events.PutRuleInput{Name: name, EventPattern: pattern})
	if err != nil {
		t.Fatal(err)
	}
	if len(targets) > 0 {
		if _, err := s.PutTargets(ctx, &events.PutTargetsInput{Rule: name, Targets: targets}); err != nil {
			t.Fatal(err)
		}
	}
	return out.RuleArn
}

// put sends one custom event to the default bus and returns its id.
func put(t tb, s *events.Service, source, detailType, detail string) string {
	t.Helper()
	out, err := s.PutEvents(ctx, &events.PutEventsInput{Entries: []events.PutEventsRequestEntry{{Source: source, DetailType: detailType, Detail: detail}}})
	if err != nil {
		t.Fatal(err)
	}
	if out.FailedEntryCount != 0 {
		t.Fatalf("PutEvents failed: %+v", out.Entries)
	}
	return out.Entries[0].EventId
}

// envelope decodes a delivered event.
func envelope(t tb, body string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		t.Fatalf("delivered body is not JSON: %v\n%s", err, body)
	}
	return m
}
