package config_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/watchsim/watchsim/alarms"
	"github.com/watchsim/watchsim/config"
	"github.com/watchsim/watchsim/events"
	"github.com/watchsim/watchsim/metrics"
)

// TestWithRealServices: the documents and items of what the alarms and EventBridge services
// really publish — an alarm state change writes no item, a bus policy makes a custom bus compliant.
func TestWithRealServices(t *testing.T) {
	e := newEnv(t, config.WithEvaluationDelay(0))
	m, err := metrics.New(e.b)
	if err != nil {
		t.Fatal(err)
	}
	al, err := alarms.New(e.b, m)
	if err != nil {
		t.Fatal(err)
	}
	ev, err := events.New(e.b)
	if err != nil {
		t.Fatal(err)
	}
	e.record(t, nil)
	get(e.s.PutConfigRule(ctx, managedRule("bus-policy", "CUSTOM_EVENTBUS_POLICY_ATTACHED", "")))(t)
	th := 1.0
	get(al.PutMetricAlarm(ctx, &alarms.PutMetricAlarmInput{AlarmName: "orders-5xx", AlarmDescription: "5xx above 1%", Namespace: "AWS/ApiGateway",
		MetricName: "5XXError", Statistic: "Sum", Dimensions: []alarms.Dimension{{Name: "ApiName", Value: "orders"}}, Period: 60, EvaluationPeriods: 5,
		DatapointsToAlarm: ptr(int32(3)), Threshold: &th, ComparisonOperator: "GreaterThanThreshold", TreatMissingData: "notBreaching",
		AlarmActions: []string{topicARN}}))(t)
	e.advance(t, time.Minute)
	get(al.SetAlarmState(ctx, &alarms.SetAlarmStateInput{AlarmName: "orders-5xx", StateValue: "ALARM", StateReason: "test"}))(t)
	e.advance(t, time.Minute)
	h := get(e.s.GetResourceConfigHistory(ctx, &config.GetResourceConfigHistoryInput{ResourceType: config.TypeAlarm, ResourceID: "orders-5xx"}))(t)
	if len(h.ConfigurationItems) != 1 {
		t.Fatalf("%d items: a state change wrote an item", len(h.ConfigurationItems))
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(h.ConfigurationItems[0].Configuration), &doc); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"alarmName": "orders-5xx", "alarmDescription": "5xx above 1%", "actionsEnabled": true, "okactions": []any{},
		"alarmActions": []any{topicARN}, "insufficientDataActions": []any{}, "metricName": "5XXError", "namespace": "AWS/ApiGateway",
		"statistic": "Sum", "dimensions": []any{map[string]any{"name": "ApiName", "value": "orders"}}, "period": 60.0, "evaluationPeriods": 5.0,
		"datapointsToAlarm": 3.0, "threshold": 1.0, "comparisonOperator": "GreaterThanThreshold", "treatMissingData": "notBreaching"}
	for k, v := range want {
		if b1, _ := json.Marshal(doc[k]); string(b1) != mustJSON(v) {
			t.Errorf("%s = %s, want %s", k, b1, mustJSON(v))
		}
	}
	for _, k := range []string{"alarmArn", "alarmConfigurationUpdatedTimestamp"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("no %s", k)
		}
	}
	for _, k := range []string{"stateValue", "stateReason", "stateUpdatedTimestamp"} {
		if _, ok := doc[k]; ok {
			t.Errorf("state field %s recorded", k)
		}
	}
	// EventBridge: a custom bus without a policy is NON_COMPLIANT, with one COMPLIANT. The default bus,
	// announced by events.New, is discovered too.
	get(ev.CreateEventBus(ctx, &events.CreateEventBusInput{Name: "orders"}))(t)
	verdict := func() string {
		d := get(e.s.GetComplianceDetailsByResource(ctx, &config.GetComplianceDetailsByResourceInput{ResourceType: config.TypeEventBus, ResourceID: "orders",
			ComplianceTypes: []string{"COMPLIANT", "NON_COMPLIANT"}}))(t)
		if len(d.EvaluationResults) != 1 {
			return "none"
		}
		return d.EvaluationResults[0].ComplianceType
	}
	if v := verdict(); v != config.NonCompliant {
		t.Fatalf("bus without policy: %s", v)
	}
	get(ev.PutPermission(ctx, &events.PutPermissionInput{EventBusName: "orders", Action: "events:PutEvents", Principal: "111122223333", StatementId: "s"}))(t)
	if v := verdict(); v != config.Compliant {
		t.Fatalf("bus with policy: %s", v)
	}
	l := get(e.s.ListDiscoveredResources(ctx, &config.ListDiscoveredResourcesInput{ResourceType: config.TypeEventBus}))(t)
	if len(l.ResourceIdentifiers) != 2 || l.ResourceIdentifiers[0].ResourceID != "default" || l.ResourceIdentifiers[1].ResourceID != "orders" {
		t.Fatalf("buses %+v", l)
	}
}

func ptr[T any](v T) *T { return &v }

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
