package events_test

import (
	"context"
	"fmt"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/events"
)

// A rule routes the large orders of PutEvents to an SQS queue, reshaped by an input transformer,
// and a cron rule fires at its exact instants on the virtual clock.
func Example() {
	ctx := context.Background()
	b := bus.MustNew(bus.WithStart(time.Date(2026, 1, 30, 0, 0, 0, 0, time.UTC)))
	defer b.Close()
	eb, err := events.New(b)
	if err != nil {
		panic(err)
	}
	q, _ := bus.NewSQSQueue(b, "big-orders")
	must := func(_ any, err error) {
		if err != nil {
			panic(err)
		}
	}
	must(eb.PutRule(ctx, &events.PutRuleInput{Name: "big-orders",
		EventPattern: `{"source": ["myapp.orders"], "detail": {"total": [{"numeric": [">", 100]}]}}`}))
	must(eb.PutTargets(ctx, &events.PutTargetsInput{Rule: "big-orders", Targets: []events.Target{{Id: "q", Arn: q.ARN(),
		InputTransformer: &events.InputTransformer{InputPathsMap: map[string]string{"id": "$.detail.id", "total": "$.detail.total"},
			InputTemplate: `{"order": <id>, "total": <total>}`}}}}))
	must(eb.PutEvents(ctx, &events.PutEventsInput{Entries: []events.PutEventsRequestEntry{
		{Source: "myapp.orders", DetailType: "Order Placed", Detail: `{"id": "o-1", "total": 40}`},
		{Source: "myapp.orders", DetailType: "Order Placed", Detail: `{"id": "o-2", "total": 250}`},
	}}))

	// 02:00 UTC on the last day of every month.
	must(eb.PutRule(ctx, &events.PutRuleInput{Name: "month-end", ScheduleExpression: "cron(0 2 L * ? *)"}))
	const sink = "arn:aws:lambda:us-east-1:123456789012:function:month-end"
	_ = b.Register(sink, bus.SinkFunc(func(context.Context, bus.Payload) error {
		fmt.Println("month-end at", b.Now().Format(time.DateTime))
		return nil
	}))
	must(eb.PutTargets(ctx, &events.PutTargetsInput{Rule: "month-end", Targets: []events.Target{{Id: "f", Arn: sink}}}))
	_ = b.Advance(62 * 24 * time.Hour)

	msgs, _ := q.Receive(10)
	for _, m := range msgs {
		fmt.Println("queued:", m.Body)
	}
	// Output:
	// month-end at 2026-01-31 02:00:00
	// month-end at 2026-02-28 02:00:00
	// month-end at 2026-03-31 02:00:00
	// queued: {"order":"o-2","total":250}
}
