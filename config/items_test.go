package config_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/config"
)

func TestItemLifecycle(t *testing.T) {
	e := newEnv(t)
	evs := collectEvents(t, e.b)
	// before recording: known to Config, not recorded
	e.change(bus.ResourceCreated, config.TypeAlarm, "a", alarmConf("a", nil, nil, nil), nil)
	e.change(bus.ResourceCreated, config.TypeAlarm, "gone-before", alarmConf("gone-before", nil, nil, nil), nil)
	e.change(bus.ResourceDeleted, config.TypeAlarm, "gone-before", nil, nil)
	e.change(bus.ResourceCreated, "AWS::Logs::LogGroup", "/app", map[string]any{"logGroupName": "/app"}, nil)
	e.change(bus.ResourceCreated, "AWS::CloudWatch::CompositeAlarm", "c", map[string]any{"AlarmName": "c"}, nil)
	e.record(t, &config.RecordingGroup{ResourceTypes: []string{config.TypeAlarm}})
	e.advance(t, time.Second)
	e.change(bus.ResourceUpdated, config.TypeAlarm, "a", alarmConf("a", nil, nil, nil), nil) // unchanged: no item
	e.advance(t, time.Second)
	e.change(bus.ResourceUpdated, config.TypeAlarm, "a", alarmConf("a", []string{"arn:aws:sns:us-east-1:123456789012:t"}, nil, nil), map[string]string{"team": "x"})
	e.advance(t, time.Second)
	e.change(bus.ResourceDeleted, config.TypeAlarm, "a", nil, nil)
	h := get(e.s.GetResourceConfigHistory(ctx, &config.GetResourceConfigHistoryInput{ResourceType: config.TypeAlarm, ResourceID: "a", ChronologicalOrder: "Forward"}))(t)
	var sts []string
	for _, ci := range h.ConfigurationItems {
		sts = append(sts, ci.ConfigurationItemStatus)
	}
	if strings.Join(sts, ",") != "ResourceDiscovered,OK,ResourceDeleted" {
		t.Fatalf("statuses %v", sts)
	}
	ci := h.ConfigurationItems[0]
	if ci.Version != "1.3" || ci.ConfigurationItemMD5Hash != "" || ci.AvailabilityZone != "Not Applicable" || ci.ConfigurationStateID != "1767225600000" ||
		len(ci.RelatedEvents) != 0 || ci.AccountID != "123456789012" || ci.ResourceCreationTime == nil {
		t.Fatalf("first item: %+v", ci)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(ci.Configuration), &doc); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"okactions", "alarmActions", "insufficientDataActions", "alarmName", "threshold"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("document lacks %s: %s", k, ci.Configuration)
		}
	}
	for _, k := range []string{"stateValue", "StateValue", "OKActions"} {
		if _, ok := doc[k]; ok {
			t.Errorf("document has %s", k)
		}
	}
	if d := h.ConfigurationItems[2]; d.Configuration != "" || d.ResourceCreationTime != nil || d.AvailabilityZone != "" {
		t.Errorf("deleted item: %+v", d)
	}
	if h.ConfigurationItems[1].Tags["team"] != "x" {
		t.Error("tags not recorded")
	}
	// never-recorded types
	_, err := e.s.GetResourceConfigHistory(ctx, &config.GetResourceConfigHistoryInput{ResourceType: config.TypeAlarm, ResourceID: "gone-before"})
	wantCode(t, err, "ResourceNotDiscoveredException")
	_, err = e.s.GetResourceConfigHistory(ctx, &config.GetResourceConfigHistoryInput{ResourceType: "AWS::Logs::LogGroup", ResourceID: "/app"})
	wantCode(t, err, "ValidationException")
	// events: discovered (CREATE, empty diff), update with a diff, deletion
	var diffs []string
	for _, ev := range *evs {
		if ev.DetailType != config.DetailItemChange || !strings.Contains(string(ev.Detail), `"resourceType":"AWS::CloudWatch::Alarm"`) {
			continue
		}
		var d struct {
			ConfigurationItemDiff struct {
				ChangedProperties map[string]any
				ChangeType        string
			}
		}
		_ = json.Unmarshal(ev.Detail, &d)
		diffs = append(diffs, d.ConfigurationItemDiff.ChangeType)
		if d.ConfigurationItemDiff.ChangeType == "UPDATE" {
			if _, ok := d.ConfigurationItemDiff.ChangedProperties["Configuration.AlarmActions.0"]; !ok {
				t.Errorf("diff: %v", d.ConfigurationItemDiff.ChangedProperties)
			}
			if _, ok := d.ConfigurationItemDiff.ChangedProperties["Tags.team"]; !ok {
				t.Errorf("diff: %v", d.ConfigurationItemDiff.ChangedProperties)
			}
		}
		if len(ev.Resources) != 1 {
			t.Errorf("resources %v", ev.Resources)
		}
	}
	if strings.Join(diffs, ",") != "CREATE,UPDATE,DELETE" {
		t.Errorf("diff types %v", diffs)
	}
	l := get(e.s.ListDiscoveredResources(ctx, &config.ListDiscoveredResourcesInput{ResourceType: config.TypeAlarm}))(t)
	if len(l.ResourceIdentifiers) != 0 {
		t.Errorf("deleted alarm listed: %+v", l)
	}
	l = get(e.s.ListDiscoveredResources(ctx, &config.ListDiscoveredResourcesInput{ResourceType: config.TypeAlarm, IncludeDeletedResources: true}))(t)
	if len(l.ResourceIdentifiers) != 1 || l.ResourceIdentifiers[0].ResourceDeletionTime == nil {
		t.Errorf("deleted alarm: %+v", l)
	}
}

func TestHistoryPagingAndRange(t *testing.T) {
	e := newEnv(t)
	e.record(t, nil)
	for i := 0; i < 25; i++ {
		e.change(bus.ResourceUpdated, config.TypeAlarm, "a", alarmConf("a", nil, nil, []string{"arn:aws:sns:us-east-1:123456789012:t" + string(rune('a'+i))}), nil)
		e.advance(t, time.Minute)
	}
	var all []config.ConfigurationItem
	tok := ""
	for {
		h := get(e.s.GetResourceConfigHistory(ctx, &config.GetResourceConfigHistoryInput{ResourceType: config.TypeAlarm, ResourceID: "a", NextToken: tok}))(t)
		if len(h.ConfigurationItems) > 10 {
			t.Fatal("default limit")
		}
		all = append(all, h.ConfigurationItems...)
		if tok = h.NextToken; tok == "" {
			break
		}
	}
	if len(all) != 25 {
		t.Fatalf("%d items", len(all))
	}
	for i := 1; i < len(all); i++ {
		if !all[i].ConfigurationItemCaptureTime.Before(all[i-1].ConfigurationItemCaptureTime) {
			t.Fatal("not newest first")
		}
	}
	start := e.b.Now().Add(-10 * time.Minute)
	h := get(e.s.GetResourceConfigHistory(ctx, &config.GetResourceConfigHistoryInput{ResourceType: config.TypeAlarm, ResourceID: "a", EarlierTime: &start, Limit: 100}))(t)
	if len(h.ConfigurationItems) != 10 {
		t.Fatalf("range: %d", len(h.ConfigurationItems))
	}
	late := start.Add(-time.Hour)
	_, err := e.s.GetResourceConfigHistory(ctx, &config.GetResourceConfigHistoryInput{ResourceType: config.TypeAlarm, ResourceID: "a", EarlierTime: &start, LaterTime: &late})
	wantCode(t, err, "InvalidTimeRangeException")
	_, err = e.s.GetResourceConfigHistory(ctx, &config.GetResourceConfigHistoryInput{ResourceType: config.TypeAlarm, ResourceID: "a", Limit: 101})
	wantCode(t, err, "InvalidLimitException")
	_, err = e.s.GetResourceConfigHistory(ctx, &config.GetResourceConfigHistoryInput{ResourceType: config.TypeAlarm, ResourceID: "a", NextToken: "zz"})
	wantCode(t, err, "InvalidNextTokenException")
	// A made-up offset, and a real token of another listing, are refused too.
	_, err = e.s.GetResourceConfigHistory(ctx, &config.GetResourceConfigHistoryInput{ResourceType: config.TypeAlarm, ResourceID: "a", NextToken: "1"})
	wantCode(t, err, "InvalidNextTokenException")
	p1 := get(e.s.GetResourceConfigHistory(ctx, &config.GetResourceConfigHistoryInput{ResourceType: config.TypeAlarm, ResourceID: "a", Limit: 1}))(t)
	if p1.NextToken == "" {
		t.Fatal("no next page")
	}
	get(e.s.GetResourceConfigHistory(ctx, &config.GetResourceConfigHistoryInput{ResourceType: config.TypeAlarm, ResourceID: "a", Limit: 1, NextToken: p1.NextToken}))(t)
	_, err = e.s.ListDiscoveredResources(ctx, &config.ListDiscoveredResourcesInput{ResourceType: config.TypeAlarm, NextToken: p1.NextToken})
	wantCode(t, err, "InvalidNextTokenException")
	b := get(e.s.BatchGetResourceConfig(ctx, &config.BatchGetResourceConfigInput{ResourceKeys: []config.ResourceKey{{ResourceType: config.TypeAlarm, ResourceID: "a"}, {ResourceType: config.TypeAlarm, ResourceID: "nope"}}}))(t)
	if len(b.BaseConfigurationItems) != 1 || len(b.UnprocessedResourceKeys) != 0 {
		t.Fatalf("batch: %+v", b)
	}
	c := get(e.s.GetDiscoveredResourceCounts(ctx, nil))(t)
	if c.TotalDiscoveredResources != 2 || c.ResourceCounts[0].Count != 1 {
		t.Fatalf("counts: %+v", c)
	}
}

func TestDailyRecording(t *testing.T) {
	e := newEnv(t)
	get(e.s.PutConfigurationRecorder(ctx, &config.PutConfigurationRecorderInput{ConfigurationRecorder: &config.ConfigurationRecorder{
		RoleARN: role, RecordingMode: &config.RecordingMode{RecordingFrequency: config.Daily}}}))(t)
	get(e.s.PutDeliveryChannel(ctx, &config.PutDeliveryChannelInput{DeliveryChannel: &config.DeliveryChannel{S3BucketName: "config-bucket"}}))(t)
	get(e.s.StartConfigurationRecorder(ctx, &config.StartConfigurationRecorderInput{ConfigurationRecorderName: "default"}))(t)
	e.change(bus.ResourceCreated, config.TypeAlarm, "a", alarmConf("a", nil, nil, nil), nil)
	for i := 0; i < 5; i++ {
		e.advance(t, time.Hour)
		e.change(bus.ResourceUpdated, config.TypeAlarm, "a", alarmConf("a", []string{"arn:aws:sns:us-east-1:123456789012:t" + string(rune('a'+i))}, nil, nil), nil)
	}
	_, err := e.s.GetResourceConfigHistory(ctx, &config.GetResourceConfigHistoryInput{ResourceType: config.TypeAlarm, ResourceID: "a"})
	wantCode(t, err, "ResourceNotDiscoveredException")
	e.advance(t, 24*time.Hour)
	h := get(e.s.GetResourceConfigHistory(ctx, &config.GetResourceConfigHistoryInput{ResourceType: config.TypeAlarm, ResourceID: "a"}))(t)
	if len(h.ConfigurationItems) != 1 || h.ConfigurationItems[0].RecordingFrequency != "DAILY" || h.ConfigurationItems[0].ConfigurationItemDeliveryTime == nil {
		t.Fatalf("daily: %+v", h)
	}
	var doc config.AlarmDocument
	_ = json.Unmarshal([]byte(h.ConfigurationItems[0].Configuration), &doc)
	if doc.AlarmActions[0] != "arn:aws:sns:us-east-1:123456789012:te" {
		t.Fatalf("not the latest state: %v", doc.AlarmActions)
	}
	e.advance(t, 24*time.Hour) // unchanged: no item
	h = get(e.s.GetResourceConfigHistory(ctx, &config.GetResourceConfigHistoryInput{ResourceType: config.TypeAlarm, ResourceID: "a"}))(t)
	if len(h.ConfigurationItems) != 1 {
		t.Fatalf("%d items", len(h.ConfigurationItems))
	}
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDeliveryFiles(t *testing.T) {
	e := newEnv(t)
	topic, _ := bus.NewSNSTopic(e.b, "cfg")
	get(e.s.PutConfigurationRecorder(ctx, &config.PutConfigurationRecorderInput{ConfigurationRecorder: &config.ConfigurationRecorder{RoleARN: role}}))(t)
	get(e.s.PutDeliveryChannel(ctx, &config.PutDeliveryChannelInput{DeliveryChannel: &config.DeliveryChannel{S3BucketName: "config-bucket", S3KeyPrefix: "pre",
		SnsTopicARN: topic.ARN(), ConfigSnapshotDeliveryProperties: &config.ConfigSnapshotDeliveryProperties{DeliveryFrequency: config.TwelveHours}}}))(t)
	get(e.s.StartConfigurationRecorder(ctx, &config.StartConfigurationRecorderInput{ConfigurationRecorderName: "default"}))(t)
	e.change(bus.ResourceCreated, config.TypeAlarm, "a", alarmConf("a", nil, nil, nil), nil)
	out := get(e.s.DeliverConfigSnapshot(ctx, &config.DeliverConfigSnapshotInput{DeliveryChannelName: "default"}))(t)
	e.advance(t, 6*time.Hour)
	objs := e.bucket.List("pre/AWSLogs/123456789012/Config/us-east-1/2026/1/1/")
	var snap, hist int
	for _, o := range objs {
		switch {
		case strings.Contains(o.Key, "/ConfigSnapshot/123456789012_Config_us-east-1_ConfigSnapshot_20260101T000000Z_"+out.ConfigSnapshotID+".json.gz"):
			snap++
			var f struct {
				FileVersion        string
				ConfigurationItems []map[string]any
			}
			if err := json.Unmarshal(gunzip(t, o.Body), &f); err != nil || len(f.ConfigurationItems) != 2 {
				t.Fatalf("snapshot: %v %s", err, gunzip(t, o.Body))
			}
		case strings.Contains(o.Key, "/ConfigHistory/123456789012_Config_us-east-1_ConfigHistory_AWS::CloudWatch::Alarm_20260101T000000Z_20260101T060000Z_"):
			hist++
		}
	}
	if snap != 1 || hist != 1 {
		var keys []string
		for _, o := range objs {
			keys = append(keys, o.Key)
		}
		t.Fatalf("files: %v", keys)
	}
	var subjects []string
	for _, m := range topic.Messages() {
		subjects = append(subjects, m.Subject)
	}
	joined := strings.Join(subjects, "|")
	for _, want := range []string{"Configuration Snapshot Delivery Started", "Configuration Snapshot Delivery Completed", "Configuration History Delivery Completed",
		"[AWS Config:us-east-1] AWS::CloudWatch::Alarm a Created in Account 123456789012"} {
		if !strings.Contains(joined, want) {
			t.Errorf("no SNS message %q in %v", want, subjects)
		}
	}
	st := get(e.s.DescribeDeliveryChannelStatus(ctx, nil))(t)
	if s := st.DeliveryChannelsStatus[0]; s.ConfigSnapshotDeliveryInfo.LastStatus != "Success" || s.ConfigHistoryDeliveryInfo.LastStatus != "Success" ||
		s.ConfigStreamDeliveryInfo.LastStatus != "Success" || s.ConfigSnapshotDeliveryInfo.NextDeliveryTime == nil || s.ConfigHistoryDeliveryInfo.NextDeliveryTime == nil {
		b, _ := json.Marshal(s)
		t.Fatalf("channel status %s", b)
	}
}

// TestStopAndRestart: nothing is recorded while the recorder is stopped; the restart records what
// was created (ResourceDiscovered), changed (OK) and deleted (ResourceDeleted) meanwhile, once.
func TestStopAndRestart(t *testing.T) {
	e := newEnv(t)
	e.record(t, &config.RecordingGroup{ResourceTypes: []string{config.TypeAlarm}})
	e.change(bus.ResourceCreated, config.TypeAlarm, "kept", alarmConf("kept", nil, nil, nil), nil)
	e.change(bus.ResourceCreated, config.TypeAlarm, "changed", alarmConf("changed", nil, nil, nil), nil)
	e.change(bus.ResourceCreated, config.TypeAlarm, "deleted", alarmConf("deleted", nil, nil, nil), nil)
	get(e.s.StopConfigurationRecorder(ctx, &config.StopConfigurationRecorderInput{ConfigurationRecorderName: "default"}))(t)
	e.advance(t, time.Hour)
	e.change(bus.ResourceUpdated, config.TypeAlarm, "changed", alarmConf("changed", []string{topicARN}, nil, nil), nil)
	e.change(bus.ResourceUpdated, config.TypeAlarm, "changed", alarmConf("changed", []string{topicARN, topicARN}, nil, nil), nil)
	e.change(bus.ResourceDeleted, config.TypeAlarm, "deleted", nil, nil)
	e.change(bus.ResourceCreated, config.TypeAlarm, "new", alarmConf("new", nil, nil, nil), nil)
	if c := get(e.s.GetDiscoveredResourceCounts(ctx, nil))(t); len(c.ResourceCounts) != 0 {
		t.Errorf("counts while stopped: %+v", c)
	}
	if _, err := e.s.GetResourceConfigHistory(ctx, &config.GetResourceConfigHistoryInput{ResourceType: config.TypeAlarm, ResourceID: "new"}); err == nil {
		t.Error("recorded while stopped")
	}
	get(e.s.StartConfigurationRecorder(ctx, &config.StartConfigurationRecorderInput{ConfigurationRecorderName: "default"}))(t)
	want := map[string]string{"kept": "ResourceDiscovered", "changed": "ResourceDiscovered,OK", "deleted": "ResourceDiscovered,ResourceDeleted", "new": "ResourceDiscovered"}
	for id, w := range want {
		h := get(e.s.GetResourceConfigHistory(ctx, &config.GetResourceConfigHistoryInput{ResourceType: config.TypeAlarm, ResourceID: id, ChronologicalOrder: "Forward"}))(t)
		var sts []string
		for _, ci := range h.ConfigurationItems {
			sts = append(sts, ci.ConfigurationItemStatus)
		}
		if strings.Join(sts, ",") != w {
			t.Errorf("%s: %v, want %s", id, sts, w)
		}
	}
	if c := get(e.s.GetDiscoveredResourceCounts(ctx, nil))(t); c.TotalDiscoveredResources != 4 { // three alarms and the recorder itself
		t.Errorf("counts after restart: %+v", c)
	}
}

// TestReadErrors: the documented refusals of the read APIs.
func TestReadErrors(t *testing.T) {
	e := newEnv(t)
	_, err := e.s.ListDiscoveredResources(ctx, &config.ListDiscoveredResourcesInput{ResourceType: config.TypeAlarm})
	wantCode(t, err, "NoAvailableConfigurationRecorderException")
	_, err = e.s.BatchGetResourceConfig(ctx, &config.BatchGetResourceConfigInput{ResourceKeys: []config.ResourceKey{{ResourceType: config.TypeAlarm, ResourceID: "a"}}})
	wantCode(t, err, "NoAvailableConfigurationRecorderException")
	e.record(t, nil)
	ids := make([]string, 21)
	for i := range ids {
		ids[i] = fmt.Sprint(i)
	}
	_, err = e.s.ListDiscoveredResources(ctx, &config.ListDiscoveredResourcesInput{ResourceType: config.TypeAlarm, ResourceIDs: ids})
	wantCode(t, err, "ValidationException")
	_, err = e.s.ListDiscoveredResources(ctx, &config.ListDiscoveredResourcesInput{ResourceType: config.TypeAlarm, ResourceIDs: ids[:1], ResourceName: "x"})
	wantCode(t, err, "ValidationException")
	_, err = e.s.ListDiscoveredResources(ctx, &config.ListDiscoveredResourcesInput{ResourceType: "AWS::Logs::LogGroup"})
	wantCode(t, err, "ValidationException")
	_, err = e.s.ListDiscoveredResources(ctx, &config.ListDiscoveredResourcesInput{ResourceType: config.TypeAlarm, Limit: 101})
	wantCode(t, err, "InvalidLimitException")
	keys := make([]config.ResourceKey, 101)
	for i := range keys {
		keys[i] = config.ResourceKey{ResourceType: config.TypeAlarm, ResourceID: fmt.Sprint(i)}
	}
	_, err = e.s.BatchGetResourceConfig(ctx, &config.BatchGetResourceConfigInput{ResourceKeys: keys})
	wantCode(t, err, "ValidationException")
	_, err = e.s.DescribeComplianceByResource(ctx, &config.DescribeComplianceByResourceInput{ResourceID: "a"})
	wantCode(t, err, "InvalidParameterValueException")
	_, err = e.s.GetComplianceDetailsByConfigRule(ctx, &config.GetComplianceDetailsByConfigRuleInput{ConfigRuleName: "nope"})
	wantCode(t, err, "NoSuchConfigRuleException")
	get(e.s.PutConfigRule(ctx, managedRule("r", "CLOUDWATCH_ALARM_DESCRIPTION", "")))(t)
	_, err = e.s.GetComplianceDetailsByConfigRule(ctx, &config.GetComplianceDetailsByConfigRuleInput{ConfigRuleName: "r", ComplianceTypes: []string{"INSUFFICIENT_DATA"}})
	wantCode(t, err, "InvalidParameterValueException")
	_, err = e.s.DescribeComplianceByConfigRule(ctx, &config.DescribeComplianceByConfigRuleInput{ComplianceTypes: []string{"MAYBE"}})
	wantCode(t, err, "ValidationException")
	_, err = e.s.StartConfigRulesEvaluation(ctx, &config.StartConfigRulesEvaluationInput{})
	wantCode(t, err, "ValidationException")
	_, err = e.s.DeliverConfigSnapshot(ctx, &config.DeliverConfigSnapshotInput{DeliveryChannelName: "nope"})
	wantCode(t, err, "NoSuchDeliveryChannelException")
	get(e.s.StopConfigurationRecorder(ctx, &config.StopConfigurationRecorderInput{ConfigurationRecorderName: "default"}))(t)
	_, err = e.s.DeliverConfigSnapshot(ctx, &config.DeliverConfigSnapshotInput{DeliveryChannelName: "default"})
	wantCode(t, err, "NoRunningConfigurationRecorderException")
}
