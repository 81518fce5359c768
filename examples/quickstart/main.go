// Command quickstart runs the watchsim chain on virtual time and prints what happened:
//
//	application log lines, uploaded with PutLogEvents
//	  → a CloudWatch Logs metric filter (sim.Logs)        → one datapoint per log event on the bus
//	  → CloudWatch metrics                                → a metric alarm, evaluated every minute
//	  → ALARM: an SNS action (→ an SQS queue) and a "CloudWatch Alarm State Change" event
//	  → an EventBridge rule (events engine)               → its Lambda target
//	and finally reads the metric back with GetMetricStatistics.
//
// Run it with: go run ./examples/quickstart
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/watchsim/watchsim"
	"github.com/watchsim/watchsim/alarms"
	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/events/eventpattern"
	"github.com/watchsim/watchsim/logs"
	"github.com/watchsim/watchsim/metrics"
)

func main() {
	if err := run(os.Stdout); err != nil {
		log.Fatal(err)
	}
}

func ptr[T any](v T) *T { return &v }

func run(w *os.File) error {
	sim, err := watchsim.New(watchsim.WithTimeline())
	if err != nil {
		return err
	}
	defer sim.Close()
	b, tl, ctx := sim.Bus, sim.Timeline(), context.Background()

	// 1. A log group, a stream, and a metric filter counting 5xx responses in space-delimited
	// access logs: 1 for each 5xx line, 0 for every other line.
	if _, err := sim.Logs.CreateLogGroup(ctx, &logs.CreateLogGroupInput{LogGroupName: "/myapp/access"}); err != nil {
		return err
	}
	if _, err := sim.Logs.CreateLogStream(ctx, &logs.CreateLogStreamInput{LogGroupName: "/myapp/access", LogStreamName: "web-1"}); err != nil {
		return err
	}
	if _, err := sim.Logs.PutMetricFilter(ctx, &logs.PutMetricFilterInput{LogGroupName: "/myapp/access", FilterName: "5xx",
		FilterPattern:         ptr(`[ip, user, ts, request, status = 5*, bytes]`),
		MetricTransformations: []logs.MetricTransformation{{MetricName: "Http5xx", MetricNamespace: "MyApp", MetricValue: "1", DefaultValue: ptr(0.0)}},
	}); err != nil {
		return err
	}

	// 2. An alarm: at least 2 of the last 3 minutes with more than 5 errors.
	pager, err := bus.NewSQSQueue(b, "pager")
	if err != nil {
		return err
	}
	ops, err := bus.NewSNSTopic(b, "ops")
	if err != nil {
		return err
	}
	if _, err := ops.Subscribe(pager.ARN(), false); err != nil {
		return err
	}
	if _, err := sim.Alarms.PutMetricAlarm(ctx, &alarms.PutMetricAlarmInput{
		AlarmName: "Http5xxHigh", Namespace: "MyApp", MetricName: "Http5xx", Statistic: "Sum",
		Period: 60, EvaluationPeriods: 3, DatapointsToAlarm: ptr(int32(2)), Threshold: ptr(5.0),
		ComparisonOperator: "GreaterThanThreshold", TreatMissingData: "notBreaching",
		AlarmActions: []string{ops.ARN()},
	}); err != nil {
		return err
	}

	// 3. An EventBridge rule routes ALARM transitions of this alarm to a Lambda function.
	rules, err := eventpattern.NewMatcher()
	if err != nil {
		return err
	}
	if err := rules.AddPattern("page-on-call", `{
		"source": ["aws.cloudwatch"],
		"detail-type": ["CloudWatch Alarm State Change"],
		"detail": {"alarmName": [{"prefix": "Http5xx"}], "state": {"value": ["ALARM"]}}
	}`); err != nil {
		return err
	}
	oncall, err := bus.NewLambdaFunction(b, "page-on-call", func(ctx context.Context, payload []byte) error {
		var e struct {
			Detail struct {
				AlarmName string `json:"alarmName"`
			} `json:"detail"`
		}
		_ = json.Unmarshal(payload, &e)
		tl.Note("lambda", "page-on-call invoked for %s", e.Detail.AlarmName)
		return nil
	})
	if err != nil {
		return err
	}
	bus.Subscribe(b, bus.Events(), func(ctx context.Context, e bus.Event) {
		body, _ := json.Marshal(e)
		ids, err := rules.MatchesForEvent(body)
		if err != nil {
			tl.Note("events", "event not matched: %v", err)
			return
		}
		for _, id := range ids {
			if err := b.Deliver(ctx, oncall.ARN(), bus.Payload{Body: body}); err != nil {
				tl.Note("events", "rule %s: delivery failed: %v", id, err)
			}
		}
	})

	// 4. Traffic: ten minutes of access logs, with an outage in minutes 4–7. Each line goes through
	// PutLogEvents; the metric filter turns it into a datapoint stamped with the line's own time.
	for minute := 0; minute < 10; minute++ {
		in := &logs.PutLogEventsInput{LogGroupName: "/myapp/access", LogStreamName: "web-1"}
		for i := 0; i < 20; i++ {
			status := 200
			if minute >= 4 && minute < 8 && i%2 == 0 {
				status = 503
			}
			at := sim.Now().Add(time.Duration(i) * time.Second)
			in.LogEvents = append(in.LogEvents, logs.InputLogEvent{Timestamp: at.UnixMilli(), Message: fmt.Sprintf(
				`10.0.0.%d - [%s] "GET /orders HTTP/1.1" %d 512`, i, at.Format("02/Jan/2006:15:04:05 -0700"), status)})
		}
		if _, err := sim.Logs.PutLogEvents(ctx, in); err != nil {
			return err
		}
		if err := sim.Advance(time.Minute); err != nil {
			return err
		}
	}

	// 5. What reached the pager queue.
	msgs, err := pager.Receive(10)
	if err != nil {
		return err
	}
	for _, m := range msgs {
		var note struct{ Subject string }
		_ = json.Unmarshal([]byte(m.Body), &note)
		tl.Note("sqs", "pager received %q", note.Subject)
	}
	state, err := sim.Alarms.DescribeAlarms(ctx, &alarms.DescribeAlarmsInput{AlarmNames: []string{"Http5xxHigh"}})
	if err != nil {
		return err
	}
	// 6. The metric itself, as GetMetricStatistics returns it: 5xx per 5 minutes.
	stats, err := sim.Metrics.GetMetricStatistics(ctx, &metrics.GetMetricStatisticsInput{
		Namespace: "MyApp", MetricName: "Http5xx", StartTime: sim.Now().Add(-10 * time.Minute), EndTime: sim.Now(),
		Period: 300, Statistics: []string{"Sum", "Maximum"},
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "watchsim quickstart: alarm Http5xxHigh is %s at %s; %d page(s), %d lambda invocation(s)\n",
		state.MetricAlarms[0].StateValue, sim.Now().Format(time.RFC3339), len(msgs), len(oncall.Invocations()))
	for _, dp := range stats.Datapoints {
		fmt.Fprintf(w, "  Http5xx %s: Sum %.0f, Maximum %.0f per event\n", dp.Timestamp.Format("15:04"), *dp.Sum, *dp.Maximum)
	}
	fmt.Fprintln(w)
	fmt.Fprint(w, tl)
	return nil
}
