package watchsim_test

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/watchsim/watchsim"
	"github.com/watchsim/watchsim/alarms"
	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/metrics"
	"github.com/watchsim/watchsim/trail"
)

// An alarm fires on the traffic a test sends, pages an SQS queue through an SNS topic, and the
// call that created it is audited: the quickstart in a dozen lines, on virtual time.
func Example() {
	sim, err := watchsim.New(watchsim.WithStart(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)))
	if err != nil {
		panic(err)
	}
	defer sim.Close()
	ctx := context.Background()

	pager, _ := bus.NewSQSQueue(sim.Bus, "pager") // the fakes are addressed by ARN
	ops, _ := bus.NewSNSTopic(sim.Bus, "ops")
	if _, err := ops.Subscribe(pager.ARN(), false); err != nil {
		panic(err)
	}
	threshold, m := 100.0, int32(2)
	alice := bus.WithIdentity(ctx, bus.Identity{Type: "IAMUser", UserName: "alice", ARN: "arn:aws:iam::123456789012:user/alice",
		AccountID: "123456789012", AccessKeyID: "AKIAIOSFODNN7EXAMPLE"}) // who calls, for CloudTrail
	if _, err := sim.Alarms.PutMetricAlarm(alice, &alarms.PutMetricAlarmInput{
		AlarmName: "HighLatency", Namespace: "MyApp", MetricName: "Latency", Statistic: "Average",
		Period: 60, EvaluationPeriods: 3, DatapointsToAlarm: &m, Threshold: &threshold,
		ComparisonOperator: "GreaterThanThreshold", AlarmActions: []string{ops.ARN()},
	}); err != nil {
		panic(err)
	}
	for _, v := range []float64{50, 50, 250, 250, 250} { // one datapoint a minute
		if _, err := sim.Metrics.PutMetricData(ctx, &metrics.PutMetricDataInput{Namespace: "MyApp",
			MetricData: []metrics.MetricDatum{{MetricName: "Latency", Value: &v}}}); err != nil {
			panic(err)
		}
		if err := sim.Advance(time.Minute); err != nil { // evaluations run now, in order
			panic(err)
		}
	}

	out, _ := sim.Alarms.DescribeAlarms(ctx, &alarms.DescribeAlarmsInput{AlarmNames: []string{"HighLatency"}})
	fmt.Println("state:", out.MetricAlarms[0].StateValue)
	msgs, _ := pager.Receive(10)
	var note struct{ Subject string }
	_ = json.Unmarshal([]byte(msgs[0].Body), &note)
	fmt.Println("paged:", note.Subject)

	events, _ := sim.Trail.LookupEvents(ctx, &trail.LookupEventsInput{LookupAttributes: []trail.LookupAttribute{
		{AttributeKey: "EventName", AttributeValue: "PutMetricAlarm"}}})
	fmt.Println("audited:", events.Events[0].EventName, "by", events.Events[0].Username)
	// Output:
	// state: ALARM
	// paged: ALARM: "HighLatency" in US East (N. Virginia)
	// audited: PutMetricAlarm by alice
}
