package bus_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/watchsim/watchsim/alarms"
	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/metrics"
)

func ptr[T any](v T) *T { return &v }

// sim is the part of a watchsim.Simulator these scenarios use: metrics and alarms on one bus (the
// root package is not imported, so that these tests build whatever other services are doing).
type sim struct {
	Bus     *bus.Bus
	Metrics *metrics.Service
	Alarms  *alarms.Service
}

func (s *sim) Advance(d time.Duration) error { return s.Bus.Advance(d) }
func (s *sim) Now() time.Time                { return s.Bus.Now() }

func newSim(t *testing.T) *sim {
	t.Helper()
	b := bus.MustNew()
	m, err := metrics.New(b)
	if err != nil {
		t.Fatal(err)
	}
	a, err := alarms.New(b, m)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = b.Close() })
	return &sim{Bus: b, Metrics: m, Alarms: a}
}

func alarmState(t *testing.T, sim *sim, name string) alarms.StateValue {
	t.Helper()
	out, err := sim.Alarms.DescribeAlarms(context.Background(), &alarms.DescribeAlarmsInput{AlarmNames: []string{name}})
	if err != nil || len(out.MetricAlarms) != 1 {
		t.Fatalf("DescribeAlarms(%s): %v", name, err)
	}
	return out.MetricAlarms[0].StateValue
}

// A queue whose consumer stops backs up: ApproximateAgeOfOldestMessage climbs past the threshold
// and the alarm on it fires, notifying an SNS topic that feeds a pager queue.
func TestScenarioQueueBacksUp(t *testing.T) {
	sim := newSim(t)
	ctx, b := context.Background(), sim.Bus
	work, err := bus.NewSQSQueue(b, "work")
	if err != nil {
		t.Fatal(err)
	}
	pager, _ := bus.NewSQSQueue(b, "pager")
	topic, _ := bus.NewSNSTopic(b, "ops")
	if _, err := topic.Subscribe(pager.ARN(), true); err != nil {
		t.Fatal(err)
	}
	if _, err := sim.Alarms.PutMetricAlarm(ctx, &alarms.PutMetricAlarmInput{
		AlarmName: "work-backlog-age", Namespace: "AWS/SQS", MetricName: "ApproximateAgeOfOldestMessage",
		Dimensions: []bus.Dimension{{Name: "QueueName", Value: "work"}}, Statistic: "Maximum", Period: 60,
		EvaluationPeriods: 3, Threshold: ptr(600.0), ComparisonOperator: alarms.GreaterThanThreshold,
		// An empty queue reports no age at all (the SQS guide: "Reported if the queue contains at
		// least one active message"), so missing data is the healthy case.
		TreatMissingData: "notBreaching", AlarmActions: []string{topic.ARN()},
	}); err != nil {
		t.Fatal(err)
	}
	// A healthy hour: a message every minute, consumed at once.
	for range 60 {
		if _, err := work.Send(ctx, bus.Payload{Body: []byte("job")}); err != nil {
			t.Fatal(err)
		}
		ms, _ := work.Receive(10)
		for _, m := range ms {
			if err := work.Delete(m.ReceiptHandle); err != nil {
				t.Fatal(err)
			}
		}
		if err := sim.Advance(time.Minute); err != nil {
			t.Fatal(err)
		}
	}
	if s := alarmState(t, sim, "work-backlog-age"); s != alarms.StateOK {
		t.Fatalf("healthy queue: alarm %s, want OK", s)
	}
	// The consumer dies; producers keep sending.
	for range 20 {
		if _, err := work.Send(ctx, bus.Payload{Body: []byte("job")}); err != nil {
			t.Fatal(err)
		}
		if err := sim.Advance(time.Minute); err != nil {
			t.Fatal(err)
		}
	}
	if s := alarmState(t, sim, "work-backlog-age"); s != alarms.StateAlarm {
		t.Fatalf("backed-up queue: alarm %s, want ALARM", s)
	}
	ms, _ := pager.Receive(10)
	if len(ms) != 1 {
		t.Fatalf("pager got %d notifications, want 1", len(ms))
	}
	var note struct{ AlarmName, NewStateValue string }
	if err := json.Unmarshal([]byte(ms[0].Body), &note); err != nil || note.AlarmName != "work-backlog-age" {
		t.Fatalf("notification %q: %v", ms[0].Body, err)
	}
	// The metrics are readable with GetMetricStatistics, as in CloudWatch.
	out, err := sim.Metrics.GetMetricStatistics(ctx, &metrics.GetMetricStatisticsInput{
		Namespace: "AWS/SQS", MetricName: "NumberOfMessagesSent", Dimensions: []bus.Dimension{{Name: "QueueName", Value: "work"}},
		StartTime: bus.DefaultStart(), EndTime: sim.Now(), Period: 3600, Statistics: []string{"Sum"},
	})
	if err != nil {
		t.Fatal(err)
	}
	total := 0.0
	for _, d := range out.Datapoints {
		total += *d.Sum
	}
	if total != 80 {
		t.Fatalf("NumberOfMessagesSent sum %v, want 80", total)
	}
}

// A Lambda function starts failing: its Errors alarm fires and notifies SNS; the topic's own
// NumberOfMessagesPublished shows the notification.
func TestScenarioLambdaErrorsAlarm(t *testing.T) {
	sim := newSim(t)
	ctx, b := context.Background(), sim.Bus
	failing := false
	fn, err := bus.NewLambdaFunction(b, "resize", func(ctx context.Context, _ []byte) error {
		bus.ReportDuration(ctx, 120*time.Millisecond)
		if failing {
			return errors.New("out of memory")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	topic, _ := bus.NewSNSTopic(b, "oncall")
	inbox, _ := bus.NewSQSQueue(b, "inbox")
	if _, err := topic.Subscribe(inbox.ARN(), false); err != nil {
		t.Fatal(err)
	}
	if _, err := sim.Alarms.PutMetricAlarm(ctx, &alarms.PutMetricAlarmInput{
		AlarmName: "resize-errors", Namespace: "AWS/Lambda", MetricName: "Errors",
		Dimensions: []bus.Dimension{{Name: "FunctionName", Value: "resize"}}, Statistic: "Sum", Period: 60,
		EvaluationPeriods: 2, Threshold: ptr(5.0), ComparisonOperator: alarms.GreaterThanThreshold,
		TreatMissingData: "notBreaching", AlarmActions: []string{topic.ARN()},
	}); err != nil {
		t.Fatal(err)
	}
	invoke := func(minutes int) {
		for range minutes {
			for range 10 {
				_ = b.Deliver(ctx, fn.ARN(), bus.Payload{Body: []byte(`{}`)})
			}
			if err := sim.Advance(time.Minute); err != nil {
				t.Fatal(err)
			}
		}
	}
	invoke(10)
	if s := alarmState(t, sim, "resize-errors"); s != alarms.StateOK {
		t.Fatalf("healthy function: alarm %s, want OK", s)
	}
	failing = true
	invoke(3)
	if s := alarmState(t, sim, "resize-errors"); s != alarms.StateAlarm {
		t.Fatalf("failing function: alarm %s, want ALARM", s)
	}
	if n := len(topic.Messages()); n != 1 {
		t.Fatalf("topic got %d messages, want 1", n)
	}
	if err := sim.Advance(2 * time.Minute); err != nil {
		t.Fatal(err)
	}
	out, err := sim.Metrics.GetMetricStatistics(ctx, &metrics.GetMetricStatisticsInput{
		Namespace: "AWS/SNS", MetricName: "NumberOfMessagesPublished", Dimensions: []bus.Dimension{{Name: "TopicName", Value: "oncall"}},
		StartTime: bus.DefaultStart(), EndTime: sim.Now(), Period: 3600, Statistics: []string{"Sum"},
	})
	if err != nil || len(out.Datapoints) != 1 || *out.Datapoints[0].Sum != 1 {
		t.Fatalf("NumberOfMessagesPublished: %+v, %v", out, err)
	}
	avg, err := sim.Metrics.GetMetricStatistics(ctx, &metrics.GetMetricStatisticsInput{
		Namespace: "AWS/Lambda", MetricName: "Duration", Dimensions: []bus.Dimension{{Name: "FunctionName", Value: "resize"}},
		StartTime: bus.DefaultStart(), EndTime: sim.Now(), Period: 3600, Statistics: []string{"Average", "SampleCount"},
	})
	if err != nil || len(avg.Datapoints) != 1 || *avg.Datapoints[0].Average != 120 || *avg.Datapoints[0].SampleCount != 130 {
		t.Fatalf("Duration: %+v, %v", avg, err)
	}
}
