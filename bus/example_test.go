package bus_test

import (
	"context"
	"fmt"
	"time"

	"github.com/watchsim/watchsim/bus"
)

// Scheduled work runs in time order while Advance moves the clock, and messages it publishes are
// delivered before Advance returns.
func Example() {
	b := bus.MustNew()
	ticks := bus.Topic[string]{Name: "example.ticks"}
	bus.Subscribe(b, ticks, func(ctx context.Context, msg string) {
		fmt.Println(b.Now().Format(time.TimeOnly), "got", msg)
	})
	b.Every(b.Now().Add(time.Hour), 8*time.Hour, func(ctx context.Context) {
		bus.Publish(ctx, b, ticks, "tick")
	})
	if err := b.Advance(24 * time.Hour); err != nil {
		fmt.Println(err)
	}
	fmt.Println("now", b.Now().Format(time.RFC3339))
	// Output:
	// 01:00:00 got tick
	// 09:00:00 got tick
	// 17:00:00 got tick
	// now 2026-01-02T00:00:00Z
}

// Every operation goes through Call, which records it on the APICalls topic.
func ExampleCall() {
	b := bus.MustNew()
	bus.Subscribe(b, bus.APICalls(), func(_ context.Context, c bus.APICall) {
		fmt.Println(c.EventSource, c.EventName, c.Identity.ARN, c.ErrorCode)
	})
	op := bus.Operation{Source: "monitoring.amazonaws.com", Name: "DeleteAlarms"}
	type DeleteAlarmsInput struct{ AlarmNames []string }
	type DeleteAlarmsOutput struct{}
	in := &DeleteAlarmsInput{AlarmNames: []string{"nope"}}
	_, err := bus.Call(context.Background(), b, op, in, func(ctx context.Context, in *DeleteAlarmsInput) (*DeleteAlarmsOutput, error) {
		return nil, bus.ClientError("ResourceNotFound", "Alarm "+in.AlarmNames[0]+" does not exist")
	})
	fmt.Println(err)
	// Output:
	// monitoring.amazonaws.com DeleteAlarms arn:aws:iam::123456789012:user/watchsim ResourceNotFound
	// ResourceNotFound: Alarm nope does not exist
}

// Code under test that takes a clock.Clock runs on simulation time.
func ExampleBus_Clock() {
	b := bus.MustNew()
	clk := b.Clock()
	timer := clk.Timer(90 * time.Second)
	_ = b.Advance(2 * time.Minute)
	fired := <-timer.C
	fmt.Println("timer fired at", fired.Format(time.TimeOnly), "; now", clk.Now().Format(time.TimeOnly))
	// Output: timer fired at 00:01:30 ; now 00:02:00
}

// Deliveries go to sinks by ARN; an SNS topic fans out to its subscribers.
func ExampleBus_Deliver() {
	b := bus.MustNew()
	topic, _ := bus.NewSNSTopic(b, "alerts")
	queue, _ := bus.NewSQSQueue(b, "pager")
	_, _ = topic.Subscribe(queue.ARN(), true)
	_ = b.Deliver(context.Background(), topic.ARN(), bus.Payload{Body: []byte("disk full")})
	msgs, _ := queue.Receive(1)
	fmt.Println(msgs[0].Body)
	err := b.Deliver(context.Background(), "arn:aws:sqs:us-east-1:123456789012:missing", bus.Payload{Body: []byte("x")})
	fmt.Println(bus.ErrorCode(err))
	// Output:
	// disk full
	// AWS.SimpleQueueService.NonExistentQueue
}
