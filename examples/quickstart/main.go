// Command quickstart runs a small watchsim scenario on virtual time and prints what happened.
//
//	go run ./examples/quickstart
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/watchsim/watchsim"
	"github.com/watchsim/watchsim/bus"
)

func main() {
	if err := run(); err != nil {
		log.Fatal(err)
	}
}

func run() error {
	sim, err := watchsim.New(watchsim.WithTimeline())
	if err != nil {
		return err
	}
	defer sim.Close()
	b := sim.Bus
	tl := sim.Timeline()
	ctx := context.Background()

	// An SQS queue receives every "Deploy Finished" event through an SNS topic.
	queue, err := bus.NewSQSQueue(b, "deploy-notifications")
	if err != nil {
		return err
	}
	topic, err := bus.NewSNSTopic(b, "deploys")
	if err != nil {
		return err
	}
	if _, err := topic.Subscribe(queue.ARN(), true); err != nil {
		return err
	}
	bus.Subscribe(b, bus.Events, func(ctx context.Context, e bus.Event) {
		body, _ := json.Marshal(e)
		if err := b.Deliver(ctx, topic.ARN(), bus.Payload{Body: body, Subject: e.DetailType}); err != nil {
			tl.Note("delivery", "failed: %v", err)
			return
		}
		tl.Note("delivery", "event %s sent to %s", e.ID, topic.ARN())
	})

	// Scheduled work: a deploy every 6 hours, each emitting an event.
	deploys := 0
	b.Every(b.Now().Add(6*time.Hour), 6*time.Hour, func(ctx context.Context) {
		deploys++
		tl.Note("scheduler", "deploy #%d finished", deploys)
		bus.Publish(ctx, b, bus.Events, bus.Event{
			Version: "0", ID: b.UUID(), DetailType: "Deploy Finished", Source: "my.pipeline",
			Account: b.Account(), Time: b.Now(), Region: b.Region(),
			Detail: json.RawMessage(fmt.Sprintf(`{"deploy":%d}`, deploys)),
		})
	})

	// Code under test that takes a clock.Clock runs on the same virtual time.
	deadline, cancel := sim.Clock().WithTimeout(ctx, 20*time.Hour)
	defer cancel()

	// One virtual day passes in microseconds.
	if err := sim.Advance(24 * time.Hour); err != nil {
		return err
	}
	if deadline.Err() != nil {
		tl.Note("clock", "the 20-hour deadline expired: %v", deadline.Err())
	}

	msgs, err := queue.Receive(10)
	if err != nil {
		return err
	}
	for _, m := range msgs {
		tl.Note("sqs", "received %d bytes from %s", len(m.Body), queue.ARN())
		if err := queue.Delete(m.ReceiptHandle); err != nil {
			return err
		}
	}

	fmt.Fprintf(os.Stdout, "watchsim quickstart: %d deploys, %d messages in the queue, now %s\n\n",
		deploys, len(msgs), sim.Now().Format(time.RFC3339))
	fmt.Fprint(os.Stdout, tl)
	return nil
}
