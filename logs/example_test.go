package logs_test

import (
	"context"
	"fmt"
	"time"

	"github.com/watchsim/watchsim"
	"github.com/watchsim/watchsim/logs"
	"github.com/watchsim/watchsim/metrics"
)

// A metric filter turns the server errors of a JSON access log into a metric, and
// FilterLogEvents finds the same lines with the same pattern syntax.
func Example() {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	sim, err := watchsim.New(watchsim.WithStart(start))
	if err != nil {
		panic(err)
	}
	defer sim.Close()
	ctx := context.Background()
	must := func(_ any, err error) {
		if err != nil {
			panic(err)
		}
	}
	must(sim.Logs.CreateLogGroup(ctx, &logs.CreateLogGroupInput{LogGroupName: "/app/access"}))
	must(sim.Logs.CreateLogStream(ctx, &logs.CreateLogStreamInput{LogGroupName: "/app/access", LogStreamName: "web-1"}))
	pattern := `{ $.status >= 500 }`
	must(sim.Logs.PutMetricFilter(ctx, &logs.PutMetricFilterInput{LogGroupName: "/app/access", FilterName: "5xx",
		FilterPattern: &pattern, MetricTransformations: []logs.MetricTransformation{
			{MetricName: "ServerErrors", MetricNamespace: "MyApp", MetricValue: "1"}}}))

	ms := start.UnixMilli()
	must(sim.Logs.PutLogEvents(ctx, &logs.PutLogEventsInput{LogGroupName: "/app/access", LogStreamName: "web-1",
		LogEvents: []logs.InputLogEvent{
			{Timestamp: ms, Message: `{"path": "/", "status": 200}`},
			{Timestamp: ms + 1, Message: `{"path": "/checkout", "status": 503}`},
			{Timestamp: ms + 2, Message: `{"path": "/cart", "status": 500}`},
		}}))
	if err := sim.Advance(2 * time.Minute); err != nil {
		panic(err)
	}

	found, _ := sim.Logs.FilterLogEvents(ctx, &logs.FilterLogEventsInput{LogGroupName: "/app/access", FilterPattern: pattern})
	for _, e := range found.Events {
		fmt.Println(e.LogStreamName, e.Message)
	}
	st, _ := sim.Metrics.GetMetricStatistics(ctx, &metrics.GetMetricStatisticsInput{Namespace: "MyApp", MetricName: "ServerErrors",
		StartTime: start, EndTime: start.Add(time.Minute), Period: 60, Statistics: []string{"Sum"}})
	fmt.Println("ServerErrors:", *st.Datapoints[0].Sum)
	// Output:
	// web-1 {"path": "/checkout", "status": 503}
	// web-1 {"path": "/cart", "status": 500}
	// ServerErrors: 2
}
