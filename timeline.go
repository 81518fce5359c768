package watchsim

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/watchsim/watchsim/bus"
)

// Entry is one line of a [Timeline].
type Entry struct {
	Time time.Time
	// Source is who did it: for an API call the service's CloudTrail event source without
	// ".amazonaws.com" ("monitoring", "logs", "events", …); "alarms" for state changes, "events" for
	// EventBridge events, "metrics" for stored datapoints, "config" for resource changes; or the name
	// given to [Timeline.Note].
	Source string
	What   string
}

// String formats the entry as "2006-01-02 15:04:05.000  source    what" (UTC, millisecond precision,
// the source padded to ten characters).
func (e Entry) String() string {
	return fmt.Sprintf("%s  %-10s %s", e.Time.UTC().Format("2006-01-02 15:04:05.000"), e.Source, e.What)
}

// Timeline records what happens on a bus, in order, in a form fit to print when a test fails.
type Timeline struct {
	b       *bus.Bus
	mu      sync.Mutex
	entries []Entry
}

// NewTimeline subscribes to the bus's shared topics and records every message from now on.
func NewTimeline(b *bus.Bus) *Timeline {
	tl := &Timeline{b: b}
	bus.Subscribe(b, bus.APICalls(), func(_ context.Context, c bus.APICall) {
		what := c.EventName
		if c.ErrorCode != "" {
			what += " → " + c.ErrorCode + ": " + c.ErrorMessage
		}
		tl.add(c.EventTime, strings.TrimSuffix(c.EventSource, ".amazonaws.com"), what)
	})
	bus.Subscribe(b, bus.AlarmStateChanges(), func(_ context.Context, c bus.AlarmStateChange) {
		tl.add(c.Time, "alarms", fmt.Sprintf("%s %s → %s: %s", c.AlarmName, c.OldState, c.NewState, c.Reason))
	})
	bus.Subscribe(b, bus.Events(), func(_ context.Context, e bus.Event) {
		tl.add(e.Time, "events", fmt.Sprintf("%s %q from %s", e.ID, e.DetailType, e.Source))
	})
	bus.Subscribe(b, bus.MetricDataStored(), func(_ context.Context, m bus.MetricData) {
		names := make([]string, 0, len(m.MetricData))
		for _, d := range m.MetricData {
			names = append(names, d.MetricName)
		}
		tl.add(b.Now(), "metrics", fmt.Sprintf("%d datapoint(s) in %s: %s", len(m.MetricData), m.Namespace,
			strings.Join(dedupe(names), ", ")))
	})
	bus.Subscribe(b, bus.ResourceChanges(), func(_ context.Context, r bus.ResourceChange) {
		tl.add(r.Time, "config", fmt.Sprintf("%s %s %s", r.ChangeType, r.ResourceType, r.ResourceID))
	})
	return tl
}

func dedupe(s []string) []string {
	seen := map[string]bool{}
	out := s[:0]
	for _, v := range s {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

func (tl *Timeline) add(t time.Time, source, what string) {
	tl.mu.Lock()
	tl.entries = append(tl.entries, Entry{Time: t, Source: source, What: what})
	tl.mu.Unlock()
}

// Note adds a line of the caller's own, at the current simulation time.
// A nil Timeline (a Simulator built without WithTimeline) records nothing.
func (tl *Timeline) Note(source, format string, args ...any) {
	if tl == nil {
		return
	}
	tl.add(tl.b.Now(), source, fmt.Sprintf(format, args...))
}

// Entries returns a copy of the recorded entries, oldest first.
// A nil Timeline (a Simulator built without WithTimeline) has none.
func (tl *Timeline) Entries() []Entry {
	if tl == nil {
		return nil
	}
	tl.mu.Lock()
	defer tl.mu.Unlock()
	return append([]Entry(nil), tl.entries...)
}

// String renders the timeline, one entry per line.
func (tl *Timeline) String() string {
	var sb strings.Builder
	for _, e := range tl.Entries() {
		sb.WriteString(e.String())
		sb.WriteByte('\n')
	}
	return sb.String()
}
