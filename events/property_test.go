package events_test

import (
	"fmt"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/events"
	"github.com/watchsim/watchsim/events/eventpattern"
	"pgregory.net/rapid"
)

// Conservation: every event PutEvents accepts reaches each target of each matching ENABLED rule
// exactly once, or that target's dead-letter queue — checked against the single-pattern
// reference (eventpattern.TestEventPattern), rule by rule.
func TestPropertyConservation(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s, b := newService(t)
		dlq := queue(t, b, "dlq")
		sources := []string{"a", "b", "c"}
		type ruleSpec struct {
			name, pattern string
			enabled       bool
			queues        []*bus.SQSQueue
			broken        bool // its target does not exist: every event goes to the DLQ
		}
		nRules := rapid.IntRange(1, 8).Draw(t, "rules")
		var rules []ruleSpec
		for i := range nRules {
			rs := ruleSpec{name: fmt.Sprintf("r%d", i), enabled: rapid.Bool().Draw(t, "enabled")}
			switch rapid.IntRange(0, 2).Draw(t, "kind") {
			case 0:
				rs.pattern = `{"source":["` + rapid.SampledFrom(sources).Draw(t, "src") + `"]}`
			case 1:
				rs.pattern = fmt.Sprintf(`{"detail":{"n":[{"numeric":[">",%d]}]}}`, rapid.IntRange(0, 10).Draw(t, "gt"))
			default:
				rs.pattern = `{"source":[{"anything-but":"` + rapid.SampledFrom(sources).Draw(t, "not") + `"}],"detail-type":["x"]}`
			}
			state := "ENABLED"
			if !rs.enabled {
				state = "DISABLED"
			}
			if _, err := s.PutRule(ctx, &events.PutRuleInput{Name: rs.name, EventPattern: rs.pattern, State: state}); err != nil {
				t.Fatal(err)
			}
			var targets []events.Target
			if rs.broken = rapid.IntRange(0, 4).Draw(t, "broken") == 0; rs.broken {
				targets = append(targets, events.Target{Id: "gone", Arn: "arn:aws:sqs:us-east-1:123456789012:gone-" + rs.name,
					DeadLetterConfig: &events.DeadLetterConfig{Arn: dlq.ARN()}})
			} else {
				for j := range rapid.IntRange(1, 3).Draw(t, "targets") {
					q := queue(t, b, fmt.Sprintf("%s-%d", rs.name, j))
					rs.queues = append(rs.queues, q)
					targets = append(targets, events.Target{Id: fmt.Sprint(j), Arn: q.ARN()})
				}
			}
			if _, err := s.PutTargets(ctx, &events.PutTargetsInput{Rule: rs.name, Targets: targets}); err != nil {
				t.Fatal(err)
			}
			rules = append(rules, rs)
		}
		want := map[string][]string{} // queue name or "dlq" → event ids in order
		for range rapid.IntRange(1, 6).Draw(t, "calls") {
			var entries []events.PutEventsRequestEntry
			for range rapid.IntRange(1, 10).Draw(t, "entries") {
				e := events.PutEventsRequestEntry{Source: rapid.SampledFrom(sources).Draw(t, "esrc"),
					DetailType: rapid.SampledFrom([]string{"x", "y"}).Draw(t, "dt"),
					Detail:     fmt.Sprintf(`{"n":%d}`, rapid.IntRange(0, 12).Draw(t, "n"))}
				if rapid.IntRange(0, 9).Draw(t, "bad") == 0 {
					e.Detail = "[]" // refused entry: delivered nowhere
				}
				entries = append(entries, e)
			}
			out, err := s.PutEvents(ctx, &events.PutEventsInput{Entries: entries})
			if err != nil {
				t.Fatal(err)
			}
			for i, r := range out.Entries {
				if r.EventId == "" {
					continue
				}
				e := entries[i]
				ev := fmt.Sprintf(`{"version":"0","id":"%s","detail-type":"%s","source":"%s","account":"123456789012","time":"2026-01-01T00:00:00Z","region":"us-east-1","resources":[],"detail":%s}`,
					r.EventId, e.DetailType, e.Source, e.Detail)
				for _, rs := range rules {
					ok, err := eventpattern.TestEventPattern(rs.pattern, ev)
					if err != nil {
						t.Fatal(err)
					}
					if !ok || !rs.enabled {
						continue
					}
					if rs.broken {
						want["dlq"] = append(want["dlq"], r.EventId)
					}
					for j := range rs.queues {
						k := fmt.Sprintf("%s-%d", rs.name, j)
						want[k] = append(want[k], r.EventId)
					}
				}
			}
		}
		ids := func(q *bus.SQSQueue) []string {
			var out []string
			for _, m := range drain(t, q) {
				out = append(out, envelope(t, m.Body)["id"].(string))
			}
			return out
		}
		for _, rs := range rules {
			for j, q := range rs.queues {
				k := fmt.Sprintf("%s-%d", rs.name, j)
				if got := ids(q); !slices.Equal(got, want[k]) {
					t.Fatalf("queue %s got %v, want %v", k, got, want[k])
				}
			}
		}
		got, w := ids(dlq), want["dlq"]
		sort.Strings(got)
		sort.Strings(w)
		if !slices.Equal(got, w) {
			t.Fatalf("DLQ got %v, want %v", got, w)
		}
	})
}

// Replay reproduces the archived events of its range in event-time order (arrival order among
// equal times), each once.
func TestPropertyReplayReproducesTheArchive(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s, b := newService(t)
		q := queue(t, b, "q")
		a, err := s.CreateArchive(ctx, &events.CreateArchiveInput{ArchiveName: "a", EventSourceArn: defaultBusARN})
		if err != nil {
			t.Fatal(err)
		}
		start := bus.DefaultStart()
		type rec struct {
			id string
			at time.Time
		}
		var all []rec
		for range rapid.IntRange(0, 30).Draw(t, "events") {
			at := start.Add(time.Duration(rapid.IntRange(0, 20*60).Draw(t, "sec")) * time.Second)
			out, err := s.PutEvents(ctx, &events.PutEventsInput{Entries: []events.PutEventsRequestEntry{{Time: &at, Source: "s", DetailType: "d", Detail: "{}"}}})
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, rec{out.Entries[0].EventId, at})
		}
		if err := b.AdvanceTo(start.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		from := start.Add(time.Duration(rapid.IntRange(0, 10).Draw(t, "from")) * time.Minute)
		to := from.Add(time.Duration(rapid.IntRange(1, 15).Draw(t, "len")) * time.Minute)
		var want []string
		sort.SliceStable(all, func(i, j int) bool { return all[i].at.Before(all[j].at) })
		for _, r := range all {
			if !r.at.Before(from) && r.at.Before(to) {
				want = append(want, r.id)
			}
		}
		rule(t, s, "r", `{"source":["s"]}`, events.Target{Id: "q", Arn: q.ARN()})
		if _, err := s.StartReplay(ctx, &events.StartReplayInput{ReplayName: "rp", EventSourceArn: a.ArchiveArn, EventStartTime: from, EventEndTime: to,
			Destination: &events.ReplayDestination{Arn: defaultBusARN}}); err != nil {
			t.Fatal(err)
		}
		if err := b.Advance(time.Hour); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range drain(t, q) {
			got = append(got, envelope(t, m.Body)["id"].(string))
		}
		if !slices.Equal(got, want) {
			t.Fatalf("replayed %v, want %v", got, want)
		}
	})
}
