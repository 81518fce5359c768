package alarms_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/watchsim/watchsim/alarms"
	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/metrics"
)

type env struct {
	b  *bus.Bus
	ms *metrics.Service
	s  *alarms.Service
}

func newEnv(t testing.TB, opts ...alarms.Option) *env {
	t.Helper()
	b := bus.MustNew()
	ms, err := metrics.New(b)
	if err != nil {
		t.Fatal(err)
	}
	s, err := alarms.New(b, ms, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return &env{b, ms, s}
}

func (e *env) put(t testing.TB, metric string, at time.Time, vals ...float64) {
	t.Helper()
	var data []metrics.MetricDatum
	for _, v := range vals {
		v := v
		data = append(data, metrics.MetricDatum{MetricName: metric, Timestamp: at, Value: &v})
	}
	if _, err := e.ms.PutMetricData(context.Background(), &metrics.PutMetricDataInput{Namespace: "App", MetricData: data}); err != nil {
		t.Fatal(err)
	}
}

func (e *env) advance(t testing.TB, d time.Duration) {
	t.Helper()
	if err := e.b.Advance(d); err != nil {
		t.Fatal(err)
	}
}

func (e *env) alarm(t testing.TB, name string) alarms.MetricAlarm {
	t.Helper()
	out, err := e.s.DescribeAlarms(context.Background(), &alarms.DescribeAlarmsInput{AlarmNames: []string{name}})
	if err != nil || len(out.MetricAlarms) != 1 {
		t.Fatalf("describe %s: %v %+v", name, err, out)
	}
	return out.MetricAlarms[0]
}

func (e *env) history(t testing.TB, name string, typ alarms.HistoryItemType) []alarms.AlarmHistoryItem {
	t.Helper()
	out, err := e.s.DescribeAlarmHistory(context.Background(), &alarms.DescribeAlarmHistoryInput{AlarmName: name, HistoryItemType: typ,
		ScanBy: alarms.TimestampAscending, MaxRecords: 100})
	if err != nil {
		t.Fatal(err)
	}
	return out.AlarmHistoryItems
}

func f64(v float64) *float64 { return &v }
func i32(v int32) *int32     { return &v }

func latencyAlarm(name string, actions ...string) *alarms.PutMetricAlarmInput {
	return &alarms.PutMetricAlarmInput{AlarmName: name, Namespace: "App", MetricName: "Latency", Statistic: "Average",
		Period: 60, EvaluationPeriods: 3, DatapointsToAlarm: i32(2), Threshold: f64(100),
		ComparisonOperator: alarms.GreaterThanThreshold, AlarmActions: actions, OKActions: actions}
}

func TestAlarmLifecycle(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	topic, err := bus.NewSNSTopic(e.b, "ops")
	if err != nil {
		t.Fatal(err)
	}
	var events []bus.Event
	bus.Subscribe(e.b, bus.Events(), func(_ context.Context, ev bus.Event) { events = append(events, ev) })
	if _, err := e.s.PutMetricAlarm(ctx, latencyAlarm("lat", topic.ARN())); err != nil {
		t.Fatal(err)
	}
	a := e.alarm(t, "lat")
	if a.StateValue != alarms.StateInsufficientData || a.StateReason != alarms.InitialReason || a.StateReasonData != "" {
		t.Fatalf("new alarm: %+v", a)
	}
	if a.AlarmArn != "arn:aws:cloudwatch:us-east-1:123456789012:alarm:lat" || !a.ActionsEnabled || a.Dimensions == nil {
		t.Errorf("shape: %+v", a)
	}
	start := e.b.Now()
	// Two breaching minutes: 2 of 3 → ALARM at the tick after the second minute.
	e.put(t, "Latency", start, 150, 250)
	e.advance(t, time.Minute)
	e.put(t, "Latency", start.Add(time.Minute), 300)
	if got := e.alarm(t, "lat").StateValue; got != alarms.StateOK {
		t.Fatalf("after 1 breaching minute: %s", got) // 1 real point < N under missing → evaluated alone: 1 < M → OK
	}
	e.advance(t, time.Minute)
	a = e.alarm(t, "lat")
	if a.StateValue != alarms.StateAlarm {
		t.Fatalf("after 2 breaching minutes: %s (%s)", a.StateValue, a.StateReason)
	}
	if !a.StateTransitionedTimestamp.Equal(start.Add(2*time.Minute)) || !strings.HasPrefix(a.StateReason, "Threshold Crossed: 2 out of the last 3 datapoints [300.0 (01/01/26 00:01:00), 200.0 (01/01/26 00:00:00)] were greater than the threshold (100.0)") {
		t.Errorf("transition: %v %q", a.StateTransitionedTimestamp, a.StateReason)
	}
	var rd map[string]any
	if err := json.Unmarshal([]byte(a.StateReasonData), &rd); err != nil || rd["statistic"] != "Average" || rd["period"] != 60.0 {
		t.Errorf("reason data %s", a.StateReasonData)
	}
	// The SNS notification.
	msgs := topic.Messages()
	if len(msgs) != 2 { // OK (first evaluation with data) then ALARM
		t.Fatalf("%d SNS messages", len(msgs))
	}
	var body map[string]any
	if err := json.Unmarshal([]byte(msgs[1].Message), &body); err != nil {
		t.Fatal(err)
	}
	if body["NewStateValue"] != "ALARM" || body["OldStateValue"] != "OK" || body["Region"] != "US East (N. Virginia)" ||
		body["Trigger"].(map[string]any)["Statistic"] != "AVERAGE" || msgs[1].Subject != `ALARM: "lat" in US East (N. Virginia)` {
		t.Errorf("SNS body %s subject %q", msgs[1].Message, msgs[1].Subject)
	}
	if !strings.Contains(msgs[1].Message, `"Threshold":100.0`) {
		t.Errorf("threshold must print as 100.0: %s", msgs[1].Message)
	}
	// History: created, 2 state updates, 2 actions.
	if h := e.history(t, "lat", alarms.HistoryStateUpdate); len(h) != 2 || h[1].HistorySummary != "Alarm updated from OK to ALARM" {
		t.Errorf("state history %+v", h)
	} else if !strings.Contains(h[1].HistoryData, `"stateReasonData":{"version":"1.0"`) {
		t.Errorf("history data must embed reason data as an object: %s", h[1].HistoryData)
	}
	if h := e.history(t, "lat", alarms.HistoryAction); len(h) != 2 || !strings.HasPrefix(h[0].HistorySummary, "Successfully executed action arn:aws:sns") {
		t.Errorf("action history %+v", h)
	}
	if h := e.history(t, "lat", alarms.HistoryConfigurationUpdate); len(h) != 1 || h[0].HistorySummary != `Alarm "lat" created` {
		t.Errorf("config history %+v", h)
	}
	// Events: configuration change (create) + two state changes.
	var kinds []string
	for _, ev := range events {
		kinds = append(kinds, ev.DetailType)
	}
	if strings.Join(kinds, ",") != "CloudWatch Alarm Configuration Change,CloudWatch Alarm State Change,CloudWatch Alarm State Change" {
		t.Errorf("events %v", kinds)
	}
	var detail struct {
		AlarmName     string
		State         struct{ Value, Reason, ReasonData, Timestamp string }
		Configuration struct {
			Metrics []map[string]any
		}
	}
	if err := json.Unmarshal(events[2].Detail, &detail); err != nil || detail.State.Value != "ALARM" || detail.State.ReasonData == "" ||
		len(detail.Configuration.Metrics) != 1 || events[2].Source != "aws.cloudwatch" || events[2].Resources[0] != a.AlarmArn {
		t.Errorf("event %s %+v", events[2].Detail, detail)
	}
	// Data stops: once the last point leaves the 5-bucket range the alarm goes to INSUFFICIENT_DATA.
	e.advance(t, 10*time.Minute)
	if got := e.alarm(t, "lat").StateValue; got != alarms.StateInsufficientData {
		t.Errorf("after data stopped: %s", got)
	}
	// Disable actions: the state still changes, nothing is sent.
	if _, err := e.s.DisableAlarmActions(ctx, &alarms.DisableAlarmActionsInput{AlarmNames: []string{"lat"}}); err != nil {
		t.Fatal(err)
	}
	n := len(topic.Messages())
	if _, err := e.s.SetAlarmState(ctx, &alarms.SetAlarmStateInput{AlarmName: "lat", StateValue: alarms.StateAlarm, StateReason: "test"}); err != nil {
		t.Fatal(err)
	}
	if e.alarm(t, "lat").StateValue != alarms.StateAlarm || len(topic.Messages()) != n {
		t.Error("SetAlarmState with actions disabled")
	}
	// The forced state lasts until the next evaluation.
	e.advance(t, time.Minute)
	if got := e.alarm(t, "lat").StateValue; got != alarms.StateInsufficientData {
		t.Errorf("after the next evaluation: %s", got)
	}
}

func TestSetAlarmStateErrors(t *testing.T) {
	e := newEnv(t)
	_, err := e.s.SetAlarmState(context.Background(), &alarms.SetAlarmStateInput{AlarmName: "nope", StateValue: alarms.StateOK, StateReason: "x"})
	var be *bus.Error
	if !asBusError(err, &be) || be.Code != "ResourceNotFound" || be.StatusCode != 404 || be.Message != "" {
		t.Errorf("unknown alarm: %v", err)
	}
}

func asBusError(err error, target **bus.Error) bool {
	be, ok := err.(*bus.Error)
	if ok {
		*target = be
	}
	return ok
}

// TestIdleAlarmsCostNothing: 30 days with no data must not evaluate idle alarms at every minute.
func TestIdleAlarmsCostNothing(t *testing.T) {
	e := newEnv(t)
	for i := 0; i < 20; i++ {
		in := latencyAlarm("idle-" + string(rune('a'+i)))
		if _, err := e.s.PutMetricAlarm(context.Background(), in); err != nil {
			t.Fatal(err)
		}
	}
	before := e.s.Evaluations()
	e.advance(t, 30*24*time.Hour)
	if n := e.s.Evaluations() - before; n != 0 {
		t.Errorf("%d evaluations of idle alarms in 30 days", n)
	}
}

func TestFutureDataWakesLazyAlarm(t *testing.T) {
	e := newEnv(t)
	in := latencyAlarm("future")
	in.EvaluationPeriods, in.DatapointsToAlarm = 1, nil
	if _, err := e.s.PutMetricAlarm(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	e.put(t, "Latency", e.b.Now().Add(90*time.Minute), 500)
	e.advance(t, 2*time.Hour)
	h := e.history(t, "future", alarms.HistoryStateUpdate)
	if len(h) == 0 || h[0].HistorySummary != "Alarm updated from INSUFFICIENT_DATA to ALARM" || !h[0].Timestamp.Equal(alarms.RangeEnd(60, bus.DefaultStart().Add(91*time.Minute))) {
		t.Errorf("history %+v", h)
	}
}

func TestDescribeAlarmsFilters(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	for _, n := range []string{"b-one", "a-two", "a-three"} {
		in := latencyAlarm(n)
		if n == "a-two" {
			in.AlarmActions = []string{"arn:aws:sns:us-east-1:123456789012:pager"}
		}
		if _, err := e.s.PutMetricAlarm(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.s.PutCompositeAlarm(ctx, &alarms.PutCompositeAlarmInput{AlarmName: "c", AlarmRule: `ALARM("a-two") OR ALARM(a-three)`}); err != nil {
		t.Fatal(err)
	}
	names := func(out *alarms.DescribeAlarmsOutput) string {
		var ns []string
		for _, m := range out.MetricAlarms {
			ns = append(ns, m.AlarmName)
		}
		for _, c := range out.CompositeAlarms {
			ns = append(ns, "c:"+c.AlarmName)
		}
		return strings.Join(ns, ",")
	}
	cases := []struct {
		in   alarms.DescribeAlarmsInput
		want string
	}{
		{alarms.DescribeAlarmsInput{}, "a-three,a-two,b-one"},
		{alarms.DescribeAlarmsInput{AlarmTypes: []alarms.AlarmType{alarms.CompositeAlarmType, alarms.MetricAlarmType}}, "a-three,a-two,b-one,c:c"},
		{alarms.DescribeAlarmsInput{AlarmNamePrefix: "a-"}, "a-three,a-two"},
		{alarms.DescribeAlarmsInput{ActionPrefix: "arn:aws:sns:us-east-1:123456789012:pa"}, "a-two"},
		{alarms.DescribeAlarmsInput{StateValue: alarms.StateOK}, ""},
		{alarms.DescribeAlarmsInput{ChildrenOfAlarmName: "c"}, "a-three,a-two"},
		{alarms.DescribeAlarmsInput{ParentsOfAlarmName: "a-two"}, "c:c"},
	}
	for _, c := range cases {
		out, err := e.s.DescribeAlarms(ctx, &c.in)
		if err != nil {
			t.Errorf("%+v: %v", c.in, err)
			continue
		}
		if got := names(out); got != c.want {
			t.Errorf("%+v: got %q want %q", c.in, got, c.want)
		}
	}
	// Paging.
	out, err := e.s.DescribeAlarms(ctx, &alarms.DescribeAlarmsInput{MaxRecords: 2})
	if err != nil || names(out) != "a-three,a-two" || out.NextToken == "" {
		t.Fatalf("page 1: %v %q %q", err, names(out), out.NextToken)
	}
	out, err = e.s.DescribeAlarms(ctx, &alarms.DescribeAlarmsInput{MaxRecords: 2, NextToken: out.NextToken})
	if err != nil || names(out) != "b-one" || out.NextToken != "" {
		t.Fatalf("page 2: %v %q", err, names(out))
	}
	if _, err := e.s.DescribeAlarms(ctx, &alarms.DescribeAlarmsInput{ChildrenOfAlarmName: "c", StateValue: alarms.StateOK}); bus.ErrorCode(err) != "ValidationError" {
		t.Errorf("children + state: %v", err)
	}
	// DescribeAlarmsForMetric.
	fm, err := e.s.DescribeAlarmsForMetric(ctx, &alarms.DescribeAlarmsForMetricInput{Namespace: "App", MetricName: "Latency"})
	if err != nil || len(fm.MetricAlarms) != 3 {
		t.Errorf("for metric: %v %d", err, len(fm.MetricAlarms))
	}
	// A referenced child cannot be deleted; the composite can, and then the child.
	if _, err := e.s.DeleteAlarms(ctx, &alarms.DeleteAlarmsInput{AlarmNames: []string{"a-two"}}); err == nil {
		t.Error("deleted a referenced child")
	}
	if _, err := e.s.DeleteAlarms(ctx, &alarms.DeleteAlarmsInput{AlarmNames: []string{"c", "a-two", "unknown"}}); err != nil {
		t.Error(err)
	}
	out, _ = e.s.DescribeAlarms(ctx, &alarms.DescribeAlarmsInput{AlarmTypes: []alarms.AlarmType{alarms.CompositeAlarmType, alarms.MetricAlarmType}})
	if names(out) != "a-three,b-one" {
		t.Errorf("after delete: %s", names(out))
	}
	// History outlives the alarm.
	if h := e.history(t, "a-two", ""); len(h) != 2 {
		t.Errorf("history of deleted alarm: %+v", h)
	}
}

func TestTags(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	in := latencyAlarm("tagged")
	in.Tags = []alarms.Tag{{Key: "team", Value: "a"}}
	if _, err := e.s.PutMetricAlarm(ctx, in); err != nil {
		t.Fatal(err)
	}
	arn := e.alarm(t, "tagged").AlarmArn
	if _, err := e.s.TagResource(ctx, &alarms.TagResourceInput{ResourceARN: arn, Tags: []alarms.Tag{{Key: "team", Value: "b"}, {Key: "env", Value: "prod"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.s.UntagResource(ctx, &alarms.UntagResourceInput{ResourceARN: arn, TagKeys: []string{"env"}}); err != nil {
		t.Fatal(err)
	}
	out, err := e.s.ListTagsForResource(ctx, &alarms.ListTagsForResourceInput{ResourceARN: arn})
	if err != nil || len(out.Tags) != 1 || out.Tags[0] != (alarms.Tag{Key: "team", Value: "b"}) {
		t.Errorf("tags %v %+v", err, out)
	}
	if _, err := e.s.ListTagsForResource(ctx, &alarms.ListTagsForResourceInput{ResourceARN: arn + "x"}); bus.ErrorCode(err) != "ResourceNotFoundException" {
		t.Errorf("unknown: %v", err)
	}
	// After DeleteAlarms the ARN answers 200 with an empty list; tagging it is still not found.
	if _, err := e.s.DeleteAlarms(ctx, &alarms.DeleteAlarmsInput{AlarmNames: []string{"tagged"}}); err != nil {
		t.Fatal(err)
	}
	out, err = e.s.ListTagsForResource(ctx, &alarms.ListTagsForResourceInput{ResourceARN: arn})
	if err != nil || out.Tags == nil || len(out.Tags) != 0 {
		t.Errorf("deleted alarm: %v %+v", err, out)
	}
	if _, err := e.s.TagResource(ctx, &alarms.TagResourceInput{ResourceARN: arn, Tags: []alarms.Tag{{Key: "k", Value: "v"}}}); bus.ErrorCode(err) != "ResourceNotFoundException" {
		t.Errorf("tag deleted alarm: %v", err)
	}
	// Re-created, it has its new tags only.
	in.Tags = []alarms.Tag{{Key: "new", Value: "1"}}
	if _, err := e.s.PutMetricAlarm(ctx, in); err != nil {
		t.Fatal(err)
	}
	if out, err := e.s.ListTagsForResource(ctx, &alarms.ListTagsForResourceInput{ResourceARN: arn}); err != nil || len(out.Tags) != 1 || out.Tags[0].Key != "new" {
		t.Errorf("re-created: %v %+v", err, out)
	}
}

// TestHistoryRetentionAndPaging: history is kept 14 days and pages in both scan orders.
func TestHistoryRetentionAndPaging(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	if _, err := e.s.PutMetricAlarm(ctx, latencyAlarm("h")); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 7; i++ {
		st := alarms.StateAlarm
		if i%2 == 1 {
			st = alarms.StateOK
		}
		e.set(t, "h", st)
		e.advance(t, time.Hour)
	}
	all := e.history(t, "h", "")
	if len(all) < 8 {
		t.Fatalf("%d items", len(all))
	}
	for _, scan := range []alarms.ScanBy{alarms.TimestampAscending, alarms.TimestampDescending} {
		var got []alarms.AlarmHistoryItem
		for token := ""; ; {
			out, err := e.s.DescribeAlarmHistory(ctx, &alarms.DescribeAlarmHistoryInput{AlarmName: "h", MaxRecords: 3, NextToken: token, ScanBy: scan})
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, out.AlarmHistoryItems...)
			if token = out.NextToken; token == "" {
				break
			}
		}
		if len(got) != len(all) {
			t.Errorf("%s: paged %d of %d", scan, len(got), len(all))
		}
		if scan == alarms.TimestampDescending && got[0].Timestamp.Before(got[len(got)-1].Timestamp) {
			t.Error("descending order")
		}
	}
	if _, err := e.s.DescribeAlarmHistory(ctx, &alarms.DescribeAlarmHistoryInput{NextToken: "bogus"}); bus.ErrorCode(err) != "InvalidNextToken" {
		t.Errorf("bad token: %v", err)
	}
	e.advance(t, 15*24*time.Hour)
	if h := e.history(t, "h", ""); len(h) != 0 {
		t.Errorf("%d items after 15 days", len(h))
	}
}

// TestHistoryRetentionOption: WithHistoryRetention keeps history longer than the documented two weeks.
func TestHistoryRetentionOption(t *testing.T) {
	e := newEnv(t, alarms.WithHistoryRetention(30*24*time.Hour))
	ctx := context.Background()
	if _, err := e.s.PutMetricAlarm(ctx, latencyAlarm("h")); err != nil {
		t.Fatal(err)
	}
	e.set(t, "h", alarms.StateAlarm)
	e.advance(t, 20*24*time.Hour)
	if h := e.history(t, "h", ""); len(h) == 0 {
		t.Fatal("history dropped after 20 days with a 30-day retention")
	}
	e.advance(t, 11*24*time.Hour)
	if h := e.history(t, "h", ""); len(h) != 0 {
		t.Fatalf("%d items after 31 days with a 30-day retention", len(h))
	}
	if _, err := alarms.New(e.b, e.ms, alarms.WithHistoryRetention(time.Hour)); err == nil {
		t.Fatal("a retention under one day was accepted")
	}
}

// TestOpsItemActionsOnlyOnAlarm: OpsItem and Incident Manager actions run only on entering ALARM
// ([UG:AlarmThatSendsEmail]), even when listed for OK.
func TestOpsItemActionsOnlyOnAlarm(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	opsItem := "arn:aws:ssm:us-east-1:123456789012:opsitem:3#CATEGORY=Availability"
	calls := 0
	if err := e.b.Register(opsItem, bus.SinkFunc(func(context.Context, bus.Payload) error { calls++; return nil })); err != nil {
		t.Fatal(err)
	}
	if _, err := e.s.PutMetricAlarm(ctx, latencyAlarm("ops", opsItem)); err != nil {
		t.Fatal(err)
	}
	e.set(t, "ops", alarms.StateAlarm)
	e.set(t, "ops", alarms.StateOK)
	e.set(t, "ops", alarms.StateAlarm)
	if calls != 2 {
		t.Fatalf("OpsItem action ran %d times, want 2 (entering ALARM only)", calls)
	}
}

// TestOptionsValidate: a nil Option and out-of-range values are errors from New, never panics.
func TestOptionsValidate(t *testing.T) {
	b := bus.MustNew()
	ms, err := metrics.New(b)
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range []alarms.Option{nil, alarms.WithScheduling(7), alarms.WithMaxAlarms(0), alarms.WithHistoryRetention(time.Hour),
		alarms.WithConfig(alarms.Config{PartialBreaching: 3}), alarms.WithConfig(alarms.Config{LowSample: -1}),
		alarms.WithConfig(alarms.Config{PercentileMethod: 9})} {
		if _, err := alarms.New(b, ms, alarms.WithMaxAlarms(5), o); err == nil {
			t.Errorf("bad option %d accepted", i)
		}
	}
	for i, o := range []alarms.Option{alarms.WithScheduling(alarms.EveryTick), alarms.WithMaxAlarms(1), alarms.WithHistoryRetention(24 * time.Hour),
		alarms.WithConfig(alarms.Config{PartialBreaching: alarms.PartialInsufficientData, LowSample: alarms.LowSampleAsMissing})} {
		s, err := alarms.New(b, ms, o)
		if err != nil {
			t.Errorf("option %d refused: %v", i, err)
			continue
		}
		s.Close()
	}
	if _, err := alarms.New(nil, ms); err == nil {
		t.Error("nil bus accepted")
	}
	if _, err := alarms.New(b, nil); err == nil {
		t.Error("nil metrics service accepted")
	}
}
