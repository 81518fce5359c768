package bus

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// big is a message large enough to travel through its topic's mailbox (smaller ones go in closures).
type big struct {
	S string
	_ [smallMessage]byte // padding past the closure threshold
}

var topicBig = Topic[big]{Name: "test.big"}

// inFlight reports how many letters of t wait in its mailbox, and how many slots it holds.
func inFlight[T any](b *Bus, t Topic[T]) (waiting, slots int) {
	m := topicOf(b, t).box
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.slots) - len(m.free), len(m.slots)
}

// TestAPICallRecordOrder checks that the API-call record keeps its place in the turn whether it is
// handed over at once (nothing queued) or queued behind what the operation published.
func TestAPICallRecordOrder(t *testing.T) {
	b := MustNew()
	var got []string
	Subscribe(b, topicA, func(ctx context.Context, m string) { got = append(got, "a "+m) })
	Subscribe(b, topicBig, func(ctx context.Context, m big) { got = append(got, "big "+m.S) })
	Subscribe(b, APICalls(), func(ctx context.Context, c APICall) {
		got = append(got, "record "+c.EventName)
		if c.EventName == "Quiet" {
			Publish(ctx, b, topicBig, big{S: "from the record's handler"})
			_, _ = Call(ctx, b, Operation{Name: "Nested"}, nil, func(ctx context.Context, _ *noIn) (*noOut, error) {
				Publish(ctx, b, topicA, "from Nested")
				return nil, nil
			})
		}
	})
	if _, err := Call(context.Background(), b, Operation{Name: "Loud"}, nil, func(ctx context.Context, _ *noIn) (*noOut, error) {
		Publish(ctx, b, topicA, "x")
		Defer(ctx, b, func(context.Context) { got = append(got, "deferred") })
		return nil, nil
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := Call(context.Background(), b, Operation{Name: "Quiet"}, nil, func(ctx context.Context, _ *noIn) (*noOut, error) {
		return nil, nil
	}); err != nil {
		t.Fatal(err)
	}
	want := []string{"a x", "deferred", "record Loud",
		"record Quiet", "big from the record's handler", "a from Nested", "record Nested"}
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("delivery order (-want +got):\n%s", d)
	}
	if w, _ := inFlight(b, topicBig); w != 0 {
		t.Fatalf("%d letters left in the mailbox", w)
	}
}

// TestMailboxReusesSlots checks that letters give their slots back, that a burst's slots are
// released once it is delivered, and that delivery follows the subscribers of the moment of
// publication (a handler unsubscribed in between gets nothing; one subscribed in between neither).
func TestMailboxReusesSlots(t *testing.T) {
	b := MustNew()
	var got []string
	Subscribe(b, topicBig, func(ctx context.Context, m big) { got = append(got, m.S) })
	burst := func(n int) {
		t.Helper()
		got = got[:0]
		if _, err := Call(context.Background(), b, Operation{Name: "Burst"}, nil, func(ctx context.Context, _ *noIn) (*noOut, error) {
			for i := range n {
				Publish(ctx, b, topicBig, big{S: fmt.Sprint(i)})
			}
			if w, _ := inFlight(b, topicBig); w != n {
				t.Errorf("%d letters waiting during the call, want %d", w, n)
			}
			return nil, nil
		}); err != nil {
			t.Fatal(err)
		}
		if len(got) != n || got[0] != "0" || got[n-1] != fmt.Sprint(n-1) {
			t.Fatalf("delivered %d messages (%v…), want %d in order", len(got), got[:min(3, len(got))], n)
		}
	}
	burst(3)
	burst(3)
	if w, slots := inFlight(b, topicBig); w != 0 || slots != 3 {
		t.Fatalf("after two bursts of 3: %d waiting in %d slots, want 0 in 3", w, slots)
	}
	burst(mailboxKeep + 5)
	if w, slots := inFlight(b, topicBig); w != 0 || slots != 0 {
		t.Fatalf("after a burst of %d: %d waiting in %d slots, want the memory given back", mailboxKeep+5, w, slots)
	}

	var late []string
	unA := Subscribe(b, topicA, func(ctx context.Context, m string) { late = append(late, "early "+m) })
	un := Subscribe(b, topicBig, func(ctx context.Context, m big) { late = append(late, "early "+m.S) })
	if _, err := Call(context.Background(), b, Operation{Name: "Swap"}, nil, func(ctx context.Context, _ *noIn) (*noOut, error) {
		Publish(ctx, b, topicBig, big{S: "m"})
		Publish(ctx, b, topicA, "small m")
		un()
		unA()
		Subscribe(b, topicBig, func(ctx context.Context, m big) { late = append(late, "late "+m.S) })
		Subscribe(b, topicA, func(ctx context.Context, m string) { late = append(late, "late "+m) })
		return nil, nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(late) != 0 {
		t.Fatalf("handlers changed after publication got %v", late)
	}
}

// TestPanicDiscardsQueuedLetters checks that a handler's panic retires the turn and frees the
// mailbox slots of the letters it will never deliver.
func TestPanicDiscardsQueuedLetters(t *testing.T) {
	b := MustNew()
	n := 0
	Subscribe(b, topicBig, func(ctx context.Context, v big) {
		n++
		if v.S == "0" {
			panic("handler failure")
		}
	})
	func() {
		defer func() {
			if r := recover(); r != "handler failure" {
				t.Fatalf("recovered %v, want the handler's panic", r)
			}
		}()
		_, _ = Call(context.Background(), b, Operation{Name: "Op"}, nil, func(ctx context.Context, _ *noIn) (*noOut, error) {
			for i := range 5 {
				Publish(ctx, b, topicBig, big{S: fmt.Sprint(i)})
				Publish(ctx, b, topicB, i) // small: a closure job, dropped too
			}
			return nil, nil
		})
	}()
	if w, _ := inFlight(b, topicBig); n != 1 || w != 0 {
		t.Fatalf("after the panic: %d delivered, %d letters waiting; want 1 and 0", n, w)
	}
	Publish(context.Background(), b, topicBig, big{S: "9"})
	if n != 2 {
		t.Fatalf("publication after the panic: %d delivered, want 2", n)
	}
}

// TestPanicsFreeTheTurn: whichever way an owned turn is left by a panic — the operation's fn, a
// subscriber handed the API-call record at once, a sink in Deliver, scheduled work — what was
// queued on it gives its mailbox slots back, and a ctx kept from it still publishes (in a turn of
// its own).
func TestPanicsFreeTheTurn(t *testing.T) {
	cases := map[string]func(b *Bus, keep func(context.Context)){
		"fn": func(b *Bus, keep func(context.Context)) {
			_, _ = Call(context.Background(), b, Operation{Name: "Op"}, nil, func(ctx context.Context, _ *noIn) (*noOut, error) {
				keep(ctx)
				Publish(ctx, b, topicBig, big{S: "queued"})
				panic("boom")
			})
		},
		"record subscriber": func(b *Bus, keep func(context.Context)) {
			Subscribe(b, APICalls(), func(ctx context.Context, c APICall) {
				keep(ctx)
				Publish(ctx, b, topicBig, big{S: "queued"})
				panic("boom")
			})
			_, _ = Call(context.Background(), b, Operation{Name: "Op"}, nil, func(ctx context.Context, _ *noIn) (*noOut, error) {
				return nil, nil
			})
		},
		"sink": func(b *Bus, keep func(context.Context)) {
			const arn = "arn:aws:lambda:us-east-1:123456789012:function:boom"
			if err := b.Register(arn, SinkFunc(func(ctx context.Context, _ Payload) error {
				keep(ctx)
				Publish(ctx, b, topicBig, big{S: "queued"})
				panic("boom")
			})); err != nil {
				t.Fatal(err)
			}
			_ = b.Deliver(context.Background(), arn, Payload{Body: []byte("{}")})
		},
		"scheduled work": func(b *Bus, keep func(context.Context)) {
			b.After(time.Second, func(ctx context.Context) {
				keep(ctx)
				Publish(ctx, b, topicBig, big{S: "queued"})
				panic("boom")
			})
			_ = b.Advance(time.Second)
		},
	}
	for name, run := range cases {
		t.Run(name, func(t *testing.T) {
			b := MustNew()
			defer b.Close()
			var got []string
			Subscribe(b, topicBig, func(_ context.Context, m big) { got = append(got, m.S) })
			var kept context.Context
			func() {
				defer func() {
					if r := recover(); r != "boom" {
						t.Fatalf("recovered %v, want the panic", r)
					}
				}()
				run(b, func(ctx context.Context) { kept = ctx })
			}()
			if w, _ := inFlight(b, topicBig); w != 0 || len(got) != 0 {
				t.Fatalf("after the panic: %d letters waiting, %v delivered; want none", w, got)
			}
			Publish(kept, b, topicBig, big{S: "later"})
			if w, _ := inFlight(b, topicBig); w != 0 || len(got) != 1 || got[0] != "later" {
				t.Fatalf("a publication with the kept ctx: %d waiting, %v delivered; want [later]", w, got)
			}
		})
	}
}
