package watchsim_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/watchsim/watchsim"
	"github.com/watchsim/watchsim/alarms"
	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/metrics"
	"github.com/watchsim/watchsim/watchsimtest"
)

func TestOptionsValidate(t *testing.T) {
	for name, o := range map[string]watchsim.Option{
		"account": watchsim.WithAccount("1234"),
		"region":  watchsim.WithRegion("moon-1"),
		"start":   watchsim.WithStart(time.Time{}),
	} {
		if _, err := watchsim.New(o); err == nil {
			t.Errorf("%s: invalid option accepted", name)
		}
	}
}

// TestMetricToAlarmToAction runs the chain on one simulator: data → alarm evaluation on virtual time
// → an SNS action → an SQS queue, with the alarm's EventBridge event and the API calls on the timeline.
func TestMetricToAlarmToAction(t *testing.T) {
	sim := watchsimtest.New(t)
	ctx := context.Background()
	topic, err := bus.NewSNSTopic(sim.Bus, "ops")
	if err != nil {
		t.Fatal(err)
	}
	queue, _ := bus.NewSQSQueue(sim.Bus, "pager")
	_, _ = topic.Subscribe(queue.ARN(), false)
	var events []bus.Event
	bus.Subscribe(sim.Bus, bus.Events(), func(_ context.Context, e bus.Event) { events = append(events, e) })

	threshold := 100.0
	_, err = sim.Alarms.PutMetricAlarm(ctx, &alarms.PutMetricAlarmInput{
		AlarmName: "HighLatency", Namespace: "MyApp", MetricName: "Latency",
		Statistic: "Average", Period: 60, EvaluationPeriods: 3, DatapointsToAlarm: ptr(int32(2)),
		Threshold: &threshold, ComparisonOperator: "GreaterThanThreshold",
		AlarmActions: []string{topic.ARN()},
	})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5; i++ {
		v := 50.0
		if i >= 2 {
			v = 250
		}
		if _, err := sim.Metrics.PutMetricData(ctx, &metrics.PutMetricDataInput{Namespace: "MyApp",
			MetricData: []metrics.MetricDatum{{MetricName: "Latency", Value: &v, Timestamp: sim.Now()}}}); err != nil {
			t.Fatal(err)
		}
		if err := sim.Advance(time.Minute); err != nil {
			t.Fatal(err)
		}
	}
	out, err := sim.Alarms.DescribeAlarms(ctx, &alarms.DescribeAlarmsInput{AlarmNames: []string{"HighLatency"}})
	if err != nil || len(out.MetricAlarms) != 1 {
		t.Fatalf("DescribeAlarms = %+v, %v", out, err)
	}
	if got := out.MetricAlarms[0].StateValue; got != "ALARM" {
		t.Fatalf("state = %s, want ALARM\n%s", got, sim.Timeline())
	}
	msgs, _ := queue.Receive(10)
	if len(msgs) != 1 || !strings.Contains(msgs[0].Body, "HighLatency") {
		t.Fatalf("queue got %d messages: %+v", len(msgs), msgs)
	}
	found := false
	for _, e := range events {
		found = found || (e.Source == "aws.cloudwatch" && e.DetailType == "CloudWatch Alarm State Change")
	}
	if !found {
		t.Fatalf("no alarm state change event among %d events", len(events))
	}
	if tl := sim.Timeline().String(); !strings.Contains(tl, "PutMetricAlarm") || !strings.Contains(tl, "HighLatency") {
		t.Fatalf("timeline misses the calls:\n%s", tl)
	}
}

func ptr[T any](v T) *T { return &v }

// TestSimulatorDeterminism runs the same scenario twice with the same seed and once with another:
// the timelines (ids, times, reasons) must be identical, and differ in ids for another seed.
func TestSimulatorDeterminism(t *testing.T) {
	scenario := func(seed uint64) string {
		sim, err := watchsim.New(watchsim.WithSeed(seed), watchsim.WithTimeline())
		if err != nil {
			t.Fatal(err)
		}
		defer sim.Close()
		ctx := context.Background()
		for i, name := range []string{"A", "B", "C"} {
			th := float64(10 * (i + 1))
			if _, err := sim.Alarms.PutMetricAlarm(ctx, &alarms.PutMetricAlarmInput{
				AlarmName: name, Namespace: "NS", MetricName: "M", Statistic: "Maximum", Period: 60,
				EvaluationPeriods: 2, Threshold: &th, ComparisonOperator: "GreaterThanOrEqualToThreshold",
				TreatMissingData: "breaching",
			}); err != nil {
				t.Fatal(err)
			}
		}
		for m := 0; m < 30; m++ {
			v := float64((m * 7) % 40)
			if m%5 != 4 {
				if _, err := sim.Metrics.PutMetricData(ctx, &metrics.PutMetricDataInput{Namespace: "NS",
					MetricData: []metrics.MetricDatum{{MetricName: "M", Value: &v}}}); err != nil {
					t.Fatal(err)
				}
			}
			if err := sim.Advance(time.Minute); err != nil {
				t.Fatal(err)
			}
		}
		return sim.Timeline().String()
	}
	a, b := scenario(1), scenario(1)
	if a != b {
		t.Fatalf("same seed, different timelines:\n%s\n---\n%s", a, b)
	}
	if a == scenario(2) {
		t.Fatal("a different seed gave identical ids")
	}
	if !strings.Contains(a, "ALARM") {
		t.Fatalf("scenario never alarmed; timeline:\n%s", a)
	}
}

// TestConcurrentServices uses metrics and alarms from several goroutines while another advances
// time (run with -race): the services must keep to the bus's locking contract.
func TestConcurrentServices(t *testing.T) {
	sim := watchsimtest.New(t)
	ctx := context.Background()
	th := 5.0
	for _, name := range []string{"a", "b"} {
		if _, err := sim.Alarms.PutMetricAlarm(ctx, &alarms.PutMetricAlarmInput{
			AlarmName: name, Namespace: "NS", MetricName: name, Statistic: "Sum", Period: 60,
			EvaluationPeriods: 1, Threshold: &th, ComparisonOperator: "GreaterThanThreshold",
		}); err != nil {
			t.Fatal(err)
		}
	}
	done := make(chan struct{})
	errs := make(chan error, 8)
	for _, name := range []string{"a", "b"} {
		go func() {
			defer func() { done <- struct{}{} }()
			for i := 0; i < 100; i++ {
				v := float64(i % 10)
				if _, err := sim.Metrics.PutMetricData(ctx, &metrics.PutMetricDataInput{Namespace: "NS",
					MetricData: []metrics.MetricDatum{{MetricName: name, Value: &v}}}); err != nil {
					errs <- err
					return
				}
				if _, err := sim.Alarms.DescribeAlarms(ctx, &alarms.DescribeAlarmsInput{}); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	go func() {
		defer func() { done <- struct{}{} }()
		for i := 0; i < 30; i++ {
			if err := sim.Advance(30 * time.Second); err != nil {
				errs <- err
				return
			}
		}
	}()
	for i := 0; i < 3; i++ {
		<-done
	}
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
