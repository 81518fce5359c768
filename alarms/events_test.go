package alarms_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/watchsim/watchsim/alarms"
	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/metrics"
)

// TestEventShapes checks TV-EVENT-1's shape, the configuration-change events and the AWS Config
// resource changes.
func TestEventShapes(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	var events []bus.Event
	var changes []bus.ResourceChange
	bus.Subscribe(e.b, bus.Events(), func(_ context.Context, ev bus.Event) { events = append(events, ev) })
	bus.Subscribe(e.b, bus.ResourceChanges(), func(_ context.Context, c bus.ResourceChange) { changes = append(changes, c) })
	in := latencyAlarm("cpu")
	in.Dimensions = []alarms.Dimension{{Name: "InstanceId", Value: "i-12345678901234567"}}
	in.EvaluationPeriods, in.DatapointsToAlarm = 1, nil
	if _, err := e.s.PutMetricAlarm(ctx, in); err != nil {
		t.Fatal(err)
	}
	v := 500.0
	e.advance(t, 30*time.Second)
	if _, err := e.ms.PutMetricData(ctx, putDims("Latency", in.Dimensions, v)); err != nil {
		t.Fatal(err)
	}
	e.advance(t, time.Minute)
	in.AlarmDescription = "updated"
	if _, err := e.s.PutMetricAlarm(ctx, in); err != nil {
		t.Fatal(err)
	}
	if _, err := e.s.DeleteAlarms(ctx, &alarms.DeleteAlarmsInput{AlarmNames: []string{"cpu"}}); err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, ev := range events {
		kinds = append(kinds, ev.DetailType)
	}
	want := []string{"CloudWatch Alarm Configuration Change", "CloudWatch Alarm State Change", "CloudWatch Alarm Configuration Change", "CloudWatch Alarm Configuration Change"}
	if len(kinds) != len(want) {
		t.Fatalf("events %v", kinds)
	}
	for i := range want {
		if kinds[i] != want[i] {
			t.Fatalf("events %v", kinds)
		}
	}
	sc := events[1]
	if sc.Version != "0" || sc.Source != "aws.cloudwatch" || sc.Account != "123456789012" || sc.Region != "us-east-1" ||
		sc.Time.Nanosecond() != 0 || len(sc.Resources) != 1 || sc.ID == "" {
		t.Errorf("envelope %+v", sc)
	}
	var d struct {
		AlarmName string `json:"alarmName"`
		State     struct {
			Value, Reason, ReasonData, Timestamp string
		} `json:"state"`
		PreviousState map[string]any `json:"previousState"`
		Configuration struct {
			Metrics []struct {
				ID         string `json:"id"`
				MetricStat struct {
					Metric struct {
						Namespace, Name string
						Dimensions      map[string]string
					}
					Period int
					Stat   string
				}
				ReturnData bool
			}
		}
	}
	if err := json.Unmarshal(sc.Detail, &d); err != nil {
		t.Fatal(err)
	}
	if d.State.Value != "ALARM" || len(d.State.Timestamp) != len("2019-10-02T17:04:40.989+0000") || d.State.ReasonData == "" {
		t.Errorf("state %+v", d.State)
	}
	if d.PreviousState["value"] != "INSUFFICIENT_DATA" || d.PreviousState["reason"] != alarms.InitialReason {
		t.Errorf("previous state %v", d.PreviousState)
	}
	if _, ok := d.PreviousState["reasonData"]; ok {
		t.Error("creation previousState must have no reasonData")
	}
	m := d.Configuration.Metrics
	if len(m) != 1 || m[0].ID == "" || m[0].MetricStat.Metric.Name != "Latency" || m[0].MetricStat.Metric.Dimensions["InstanceId"] != "i-12345678901234567" ||
		m[0].MetricStat.Period != 60 || m[0].MetricStat.Stat != "Average" || !m[0].ReturnData {
		t.Errorf("configuration %s", sc.Detail)
	}
	var upd map[string]any
	_ = json.Unmarshal(events[2].Detail, &upd)
	if upd["operation"] != "update" || upd["previousConfiguration"] == nil || upd["configuration"].(map[string]any)["description"] != "updated" {
		t.Errorf("update event %s", events[2].Detail)
	}
	if len(changes) != 3 || changes[0].ChangeType != bus.ResourceCreated || changes[1].ChangeType != bus.ResourceUpdated ||
		changes[2].ChangeType != bus.ResourceDeleted || changes[0].ResourceType != "AWS::CloudWatch::Alarm" {
		t.Errorf("resource changes %+v", changes)
	}
}

func putDims(name string, dims []alarms.Dimension, v float64) *metrics.PutMetricDataInput {
	return &metrics.PutMetricDataInput{Namespace: "App", MetricData: []metrics.MetricDatum{{MetricName: name, Dimensions: dims, Value: &v}}}
}
