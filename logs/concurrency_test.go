package logs_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/watchsim/watchsim/logs"
)

// TestConcurrentPutLogEvents: 8 goroutines upload while another advances the clock; every event
// is stored exactly once (run with -race).
func TestConcurrentPutLogEvents(t *testing.T) {
	s, b := newService(t)
	mustGroup(t, s, "g", "")
	const writers, batches, per = 8, 40, 25
	for w := range writers {
		s.CreateLogStream(ctx, &logs.CreateLogStreamInput{LogGroupName: "g", LogStreamName: fmt.Sprint("w", w)})
	}
	var wg sync.WaitGroup
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-done:
				return
			default:
				if err := b.Advance(time.Second); err != nil {
					t.Error(err)
					return
				}
			}
		}
	}()
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range batches {
				in := &logs.PutLogEventsInput{LogGroupName: "g", LogStreamName: fmt.Sprint("w", w)}
				now := b.Now().UnixMilli()
				for j := range per {
					in.LogEvents = append(in.LogEvents, logs.InputLogEvent{Timestamp: now, Message: fmt.Sprintf("w%d b%d e%d", w, i, j)})
				}
				out, err := s.PutLogEvents(ctx, in)
				if err != nil || out.RejectedLogEventsInfo != nil {
					t.Errorf("PutLogEvents: %v %+v", err, out)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(done)
	seen := map[string]int{}
	in := &logs.FilterLogEventsInput{LogGroupName: "g"}
	for {
		out, err := s.FilterLogEvents(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range out.Events {
			seen[e.Message]++
		}
		if out.NextToken == "" {
			break
		}
		in.NextToken = out.NextToken
	}
	if len(seen) != writers*batches*per {
		t.Errorf("stored %d distinct events, want %d", len(seen), writers*batches*per)
	}
	for m, n := range seen {
		if n != 1 {
			t.Errorf("%q stored %d times", m, n)
		}
	}
}
