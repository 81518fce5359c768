package events_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/watchsim/watchsim/events"
)

// TestConcurrentPutEventsAndAdvance: 8 goroutines send events while another advances the clock
// over a scheduled rule; every accepted event is delivered exactly once (run with -race).
func TestConcurrentPutEventsAndAdvance(t *testing.T) {
	s, b := newService(t)
	q, sq := queue(t, b, "q"), queue(t, b, "sched")
	rule(t, s, "r", `{"source":["w"]}`, events.Target{Id: "q", Arn: q.ARN()})
	if _, err := s.PutRule(ctx, &events.PutRuleInput{Name: "tick", ScheduleExpression: "rate(1 minute)"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutTargets(ctx, &events.PutTargetsInput{Rule: "tick", Targets: []events.Target{{Id: "q", Arn: sq.ARN()}}}); err != nil {
		t.Fatal(err)
	}
	const writers, calls = 8, 50
	var wg sync.WaitGroup
	done := make(chan struct{})
	advanced := make(chan int)
	go func() {
		n := 0
		defer func() { advanced <- n }()
		for {
			select {
			case <-done:
				return
			default:
				if err := b.Advance(time.Minute); err != nil {
					t.Error(err)
					return
				}
				n++
			}
		}
	}()
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range calls {
				var es []events.PutEventsRequestEntry
				for j := range 10 {
					es = append(es, events.PutEventsRequestEntry{Source: "w", DetailType: "d", Detail: fmt.Sprintf(`{"w":%d,"i":%d,"j":%d}`, w, i, j)})
				}
				out, err := s.PutEvents(ctx, &events.PutEventsInput{Entries: es})
				if err != nil || out.FailedEntryCount != 0 {
					t.Errorf("PutEvents: %v %+v", err, out)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(done)
	minutes := <-advanced
	seen := map[string]bool{}
	for _, m := range drain(t, q) {
		if seen[m.Body] {
			t.Fatalf("delivered twice: %s", m.Body)
		}
		seen[m.Body] = true
	}
	if len(seen) != writers*calls*10 {
		t.Fatalf("%d events delivered, want %d", len(seen), writers*calls*10)
	}
	if n := len(drain(t, sq)); n != minutes {
		t.Fatalf("%d scheduled firings over %d minutes", n, minutes)
	}
}
