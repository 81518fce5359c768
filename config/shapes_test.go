package config_test

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/config"
)

// keysInOrder returns the top-level keys of a JSON object in document order.
func keysInOrder(t *testing.T, raw []byte) []string {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	if _, err := dec.Token(); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return keys
}

// TestNotificationShapes: the key order of the notification-form item and of the compliance
// change detail are the captured ones; the times are ISO 8601 with milliseconds; the state id a number.
func TestNotificationShapes(t *testing.T) {
	e := newEnv(t, config.WithEvaluationDelay(0))
	evs := collectEvents(t, e.b)
	e.record(t, &config.RecordingGroup{ResourceTypes: []string{config.TypeAlarm}})
	get(e.s.PutConfigRule(ctx, managedRule("desc", "CLOUDWATCH_ALARM_DESCRIPTION", "")))(t)
	e.change(bus.ResourceCreated, config.TypeAlarm, "a", alarmConf("a", nil, nil, nil), nil)
	var item, compliance json.RawMessage
	for _, ev := range *evs {
		var d struct {
			ConfigurationItem json.RawMessage `json:"configurationItem"`
		}
		_ = json.Unmarshal(ev.Detail, &d)
		switch {
		case ev.DetailType == config.DetailItemChange && strings.Contains(string(d.ConfigurationItem), `"resourceId":"a"`):
			item = d.ConfigurationItem
			if got := strings.Join(keysInOrder(t, ev.Detail), ","); got != "recordVersion,messageType,configurationItemDiff,notificationCreationTime,configurationItem" {
				t.Errorf("item change detail keys %s", got)
			}
		case ev.DetailType == config.DetailComplianceChange:
			compliance = ev.Detail
		}
		if ev.Time.Nanosecond() != 0 || ev.Source != "aws.config" || ev.Account != "123456789012" {
			t.Errorf("envelope %+v", ev)
		}
	}
	want := "relatedEvents,relationships,configuration,supplementaryConfiguration,tags,configurationItemVersion,configurationItemCaptureTime," +
		"configurationStateId,awsAccountId,configurationItemStatus,resourceType,resourceId,resourceName,ARN,awsRegion,availabilityZone," +
		"configurationStateMd5Hash,resourceCreationTime"
	if got := strings.Join(keysInOrder(t, item), ","); got != want {
		t.Errorf("item keys\n got %s\nwant %s", got, want)
	}
	var n struct {
		ConfigurationStateID         json.Number `json:"configurationStateId"`
		ConfigurationItemCaptureTime string      `json:"configurationItemCaptureTime"`
		Configuration                map[string]any
	}
	if err := json.Unmarshal(item, &n); err != nil || n.ConfigurationStateID.String() != "1767225600000" || n.Configuration["alarmName"] != "a" ||
		!regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`).MatchString(n.ConfigurationItemCaptureTime) {
		t.Errorf("item %s (%v)", item, err)
	}
	want = "resourceId,awsRegion,awsAccountId,configRuleName,recordVersion,configRuleARN,messageType,newEvaluationResult,notificationCreationTime,resourceType"
	if got := strings.Join(keysInOrder(t, compliance), ","); got != want {
		t.Errorf("compliance keys\n got %s\nwant %s", got, want)
	}
}

// TestTrailDocument: the trail document of the spec's example (lowerCamelCase, unset keys omitted,
// "Regional", supplementaryConfiguration Tags), from the shape the CloudTrail service publishes.
func TestTrailDocument(t *testing.T) {
	e := newEnv(t)
	e.record(t, nil)
	publish(e, config.TypeTrail, "org-audit", "arn:aws:cloudtrail:us-east-1:123456789012:trail/org-audit", map[string]any{
		"Name": "org-audit", "S3BucketName": "audit-logs-111122223333", "S3KeyPrefix": "ct", "IncludeGlobalServiceEvents": true,
		"IsMultiRegionTrail": true, "HomeRegion": "us-east-1", "TrailARN": "arn:aws:cloudtrail:us-east-1:123456789012:trail/org-audit",
		"LogFileValidationEnabled": true, "HasCustomEventSelectors": false, "HasInsightSelectors": false, "IsOrganizationTrail": false}, map[string]string{"k": "v"})
	e.advance(t, time.Second)
	h := get(e.s.GetResourceConfigHistory(ctx, &config.GetResourceConfigHistoryInput{ResourceType: config.TypeTrail, ResourceID: "org-audit"}))(t)
	ci := h.ConfigurationItems[0]
	want := `{"name":"org-audit","s3BucketName":"audit-logs-111122223333","s3KeyPrefix":"ct","includeGlobalServiceEvents":true,"isMultiRegionTrail":true,` +
		`"homeRegion":"us-east-1","trailARN":"arn:aws:cloudtrail:us-east-1:123456789012:trail/org-audit","logFileValidationEnabled":true,` +
		`"hasCustomEventSelectors":false,"hasInsightSelectors":false,"isOrganizationTrail":false}`
	if ci.Configuration != want {
		t.Errorf("trail document\n got %s\nwant %s", ci.Configuration, want)
	}
	if ci.AvailabilityZone != "Regional" || ci.SupplementaryConfiguration["Tags"] != "[]" || len(ci.Tags) != 0 {
		t.Errorf("trail item %+v", ci)
	}
}

// TestOversizedItem: an item change above 256 KB is sent in its summary form, to EventBridge and to
// a custom rule.
func TestOversizedItem(t *testing.T) {
	e := newEnv(t, config.WithEvaluationDelay(0))
	evs := collectEvents(t, e.b)
	e.record(t, &config.RecordingGroup{ResourceTypes: []string{config.TypeAlarm}})
	var invoking string
	fn, _ := bus.NewLambdaFunction(e.b, "fn", func(_ context.Context, p []byte) error {
		var ev config.RuleEvent
		_ = json.Unmarshal(p, &ev)
		invoking = ev.InvokingEvent
		return nil
	})
	get(e.s.PutConfigRule(ctx, &config.PutConfigRuleInput{ConfigRule: &config.ConfigRule{ConfigRuleName: "c", Source: &config.RuleSource{Owner: config.OwnerCustomLambda,
		SourceIdentifier: fn.ARN(), SourceDetails: []config.SourceDetail{{EventSource: "aws.config", MessageType: config.MessageItemChange},
			{EventSource: "aws.config", MessageType: config.MessageOversizedItemChange}}}}}))(t)
	conf := alarmConf("big", nil, nil, nil)
	conf["AlarmDescription"] = strings.Repeat("x", 300*1024)
	e.change(bus.ResourceCreated, config.TypeAlarm, "big", conf, nil)
	if !strings.Contains(invoking, `"messageType":"OversizedConfigurationItemChangeNotification"`) || len(invoking) > 4096 {
		t.Errorf("invoking event (%d bytes): %.300s", len(invoking), invoking)
	}
	found := false
	for _, ev := range *evs {
		if ev.DetailType == config.DetailItemChange && strings.Contains(string(ev.Detail), `"configurationItemSummary"`) {
			found = len(ev.Detail) < 4096
		}
	}
	if !found {
		t.Error("no oversized item change event")
	}
}

// TestSubjectsAndFailedDelivery: SNS subjects are cut to 100 characters ending "..."; a history
// file the bucket refuses is a Failure in the channel status and a "…Failed" notification.
func TestSubjectsAndFailedDelivery(t *testing.T) {
	e := newEnv(t, config.WithEvaluationDelay(0))
	topic, _ := bus.NewSNSTopic(e.b, "cfg")
	evs := collectEvents(t, e.b)
	get(e.s.PutConfigurationRecorder(ctx, &config.PutConfigurationRecorderInput{ConfigurationRecorder: &config.ConfigurationRecorder{RoleARN: role}}))(t)
	get(e.s.PutDeliveryChannel(ctx, &config.PutDeliveryChannelInput{DeliveryChannel: &config.DeliveryChannel{S3BucketName: "config-bucket", SnsTopicARN: topic.ARN()}}))(t)
	get(e.s.StartConfigurationRecorder(ctx, &config.StartConfigurationRecorderInput{ConfigurationRecorderName: "default"}))(t)
	get(e.s.PutConfigRule(ctx, managedRule("a-rather-long-rule-name-that-pushes-the-subject-over-one-hundred-characters", "CLOUDWATCH_ALARM_DESCRIPTION", "")))(t)
	e.change(bus.ResourceCreated, config.TypeAlarm, "a", alarmConf("a", nil, nil, nil), nil)
	var long string
	for _, m := range topic.Messages() {
		if strings.Contains(m.Subject, " is NON_COMPLIANT with ") {
			long = m.Subject
		}
	}
	if len([]rune(long)) != 100 || !strings.HasSuffix(long, "...") || !strings.HasPrefix(long, "[AWS Config:us-east-1] AWS::CloudWatch::Alarm a is NON_COMPLIANT with ") {
		t.Errorf("subject %q (%d)", long, len([]rune(long)))
	}
	e.b.Unregister(e.bucket.ARN()) // the bucket goes away
	e.advance(t, config.HistoryPeriod)
	st := get(e.s.DescribeDeliveryChannelStatus(ctx, nil))(t)
	if h := st.DeliveryChannelsStatus[0].ConfigHistoryDeliveryInfo; h.LastStatus != "Failure" || h.LastErrorCode != "NoSuchBucket" {
		t.Errorf("history status %+v", h)
	}
	failed := false
	for _, ev := range *evs {
		failed = failed || (ev.DetailType == config.DetailHistoryStatus && strings.Contains(string(ev.Detail), `"ConfigurationHistoryDeliveryFailed"`))
	}
	if !failed {
		t.Error("no history delivery failure event")
	}
}
