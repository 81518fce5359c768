package config_test

import (
	"strings"
	"testing"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/config"
)

func TestRecordingGroupValidation(t *testing.T) {
	strat := func(s string) *config.RecordingStrategy { return &config.RecordingStrategy{UseOnly: s} }
	excl := func(ts ...string) *config.ExclusionByResourceTypes {
		return &config.ExclusionByResourceTypes{ResourceTypes: ts}
	}
	for _, tc := range []struct {
		name string
		g    *config.RecordingGroup
		code string
	}{
		{"omitted", nil, ""},
		{"all", &config.RecordingGroup{AllSupported: true}, ""},
		{"all explicit", &config.RecordingGroup{AllSupported: true, RecordingStrategy: strat(config.StrategyAll)}, ""},
		{"all with types", &config.RecordingGroup{AllSupported: true, ResourceTypes: []string{config.TypeAlarm}}, "InvalidRecordingGroupException"},
		{"all with exclusion", &config.RecordingGroup{AllSupported: true, RecordingStrategy: strat(config.StrategyExclusion), ExclusionByResourceTypes: excl(config.TypeAlarm)}, "InvalidRecordingGroupException"},
		{"empty group", &config.RecordingGroup{}, "InvalidRecordingGroupException"},
		{"inclusion", &config.RecordingGroup{ResourceTypes: []string{config.TypeAlarm}}, ""},
		{"inclusion explicit", &config.RecordingGroup{ResourceTypes: []string{config.TypeAlarm}, RecordingStrategy: strat(config.StrategyInclusion)}, ""},
		{"inclusion with global", &config.RecordingGroup{ResourceTypes: []string{config.TypeAlarm}, IncludeGlobalResourceTypes: true}, "InvalidRecordingGroupException"},
		{"inclusion with exclusion", &config.RecordingGroup{ResourceTypes: []string{config.TypeAlarm}, ExclusionByResourceTypes: excl(config.TypeTrail)}, "InvalidRecordingGroupException"},
		{"exclusion", &config.RecordingGroup{RecordingStrategy: strat(config.StrategyExclusion), ExclusionByResourceTypes: excl(config.TypeAlarm)}, ""},
		{"exclusion implicit", &config.RecordingGroup{ExclusionByResourceTypes: excl(config.TypeAlarm)}, "InvalidRecordingGroupException"},
		{"exclusion empty", &config.RecordingGroup{RecordingStrategy: strat(config.StrategyExclusion)}, "InvalidRecordingGroupException"},
		{"exclusion with global", &config.RecordingGroup{RecordingStrategy: strat(config.StrategyExclusion), ExclusionByResourceTypes: excl(config.TypeAlarm), IncludeGlobalResourceTypes: true}, "InvalidRecordingGroupException"},
		{"bad strategy", &config.RecordingGroup{AllSupported: true, RecordingStrategy: strat("SOME")}, "ValidationException"},
		{"log group", &config.RecordingGroup{ResourceTypes: []string{"AWS::Logs::LogGroup"}}, "ValidationException"},
		{"composite alarm", &config.RecordingGroup{ResourceTypes: []string{"AWS::CloudWatch::CompositeAlarm"}}, "ValidationException"},
		{"garbage type", &config.RecordingGroup{ResourceTypes: []string{"Alarm"}}, "ValidationException"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			_, err := e.s.PutConfigurationRecorder(ctx, &config.PutConfigurationRecorderInput{ConfigurationRecorder: &config.ConfigurationRecorder{RoleARN: role, RecordingGroup: tc.g}})
			if tc.code == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			wantCode(t, err, tc.code)
		})
	}
}

func TestRecorderLifecycle(t *testing.T) {
	e := newEnv(t)
	// nothing yet
	st := get(e.s.DescribeConfigurationRecorderStatus(ctx, nil))(t)
	if len(st.ConfigurationRecordersStatus) != 0 {
		t.Fatal("status without a recorder")
	}
	_, err := e.s.PutConfigurationRecorder(ctx, &config.PutConfigurationRecorderInput{ConfigurationRecorder: &config.ConfigurationRecorder{}})
	wantCode(t, err, "InvalidRoleException")
	_, err = e.s.PutConfigurationRecorder(ctx, &config.PutConfigurationRecorderInput{ConfigurationRecorder: &config.ConfigurationRecorder{Name: "AWSConfigurationRecorderForX", RoleARN: role}})
	wantCode(t, err, "InvalidConfigurationRecorderNameException")
	_, err = e.s.PutDeliveryChannel(ctx, &config.PutDeliveryChannelInput{DeliveryChannel: &config.DeliveryChannel{S3BucketName: "config-bucket"}})
	wantCode(t, err, "NoAvailableConfigurationRecorderException")
	get(e.s.PutConfigurationRecorder(ctx, &config.PutConfigurationRecorderInput{ConfigurationRecorder: &config.ConfigurationRecorder{RoleARN: role}}))(t)
	_, err = e.s.PutConfigurationRecorder(ctx, &config.PutConfigurationRecorderInput{ConfigurationRecorder: &config.ConfigurationRecorder{Name: "other", RoleARN: role}})
	wantCode(t, err, "MaxNumberOfConfigurationRecordersExceededException")
	d := get(e.s.DescribeConfigurationRecorders(ctx, nil))(t)
	if len(d.ConfigurationRecorders) != 1 || d.ConfigurationRecorders[0].Name != "default" || d.ConfigurationRecorders[0].RecordingGroup.RecordingStrategy.UseOnly != config.StrategyAll {
		t.Fatalf("describe: %+v", d)
	}
	_, err = e.s.DescribeConfigurationRecorders(ctx, &config.DescribeConfigurationRecordersInput{ConfigurationRecorderNames: []string{"nope"}})
	wantCode(t, err, "NoSuchConfigurationRecorderException")
	_, err = e.s.StartConfigurationRecorder(ctx, &config.StartConfigurationRecorderInput{ConfigurationRecorderName: "default"})
	wantCode(t, err, "NoAvailableDeliveryChannelException")
	_, err = e.s.StartConfigurationRecorder(ctx, &config.StartConfigurationRecorderInput{ConfigurationRecorderName: "x"})
	wantCode(t, err, "NoSuchConfigurationRecorderException")
	// channel checks
	for _, tc := range []struct {
		dc   config.DeliveryChannel
		code string
	}{
		{config.DeliveryChannel{}, "NoSuchBucketException"},
		{config.DeliveryChannel{S3BucketName: "missing"}, "NoSuchBucketException"},
		{config.DeliveryChannel{S3BucketName: "config-bucket", SnsTopicARN: "arn:aws:sns:us-east-1:123456789012:nope"}, "InvalidSNSTopicARNException"},
		{config.DeliveryChannel{S3BucketName: "config-bucket", S3KmsKeyArn: "key"}, "InvalidS3KmsKeyArnException"},
		{config.DeliveryChannel{S3BucketName: "config-bucket", ConfigSnapshotDeliveryProperties: &config.ConfigSnapshotDeliveryProperties{DeliveryFrequency: "Daily"}}, "ValidationException"},
	} {
		_, err := e.s.PutDeliveryChannel(ctx, &config.PutDeliveryChannelInput{DeliveryChannel: &tc.dc})
		wantCode(t, err, tc.code)
	}
	topic, err := bus.NewSNSTopic(e.b, "config-topic")
	if err != nil {
		t.Fatal(err)
	}
	get(e.s.PutDeliveryChannel(ctx, &config.PutDeliveryChannelInput{DeliveryChannel: &config.DeliveryChannel{S3BucketName: "config-bucket", SnsTopicARN: topic.ARN()}}))(t)
	_, err = e.s.PutDeliveryChannel(ctx, &config.PutDeliveryChannelInput{DeliveryChannel: &config.DeliveryChannel{Name: "second", S3BucketName: "config-bucket"}})
	wantCode(t, err, "MaxNumberOfDeliveryChannelsExceededException")
	st = get(e.s.DescribeConfigurationRecorderStatus(ctx, nil))(t)
	if s := st.ConfigurationRecordersStatus[0]; s.Recording || s.LastStatus != "" || s.LastStartTime != nil {
		t.Fatalf("created status: %+v", s)
	}
	get(e.s.StartConfigurationRecorder(ctx, &config.StartConfigurationRecorderInput{ConfigurationRecorderName: "default"}))(t)
	st = get(e.s.DescribeConfigurationRecorderStatus(ctx, nil))(t)
	// the recorder's own item was written at start: Success at once
	if s := st.ConfigurationRecordersStatus[0]; !s.Recording || s.LastStatus != config.StatusSuccess || s.LastStartTime == nil || s.Arn == "" {
		t.Fatalf("started status: %+v", s)
	}
	_, err = e.s.DeleteDeliveryChannel(ctx, &config.DeleteDeliveryChannelInput{DeliveryChannelName: "default"})
	wantCode(t, err, "LastDeliveryChannelDeleteFailedException")
	get(e.s.StopConfigurationRecorder(ctx, &config.StopConfigurationRecorderInput{ConfigurationRecorderName: "default"}))(t)
	st = get(e.s.DescribeConfigurationRecorderStatus(ctx, nil))(t)
	if s := st.ConfigurationRecordersStatus[0]; s.Recording || s.LastStopTime == nil {
		t.Fatalf("stopped status: %+v", s)
	}
	if len(topic.Messages()) == 0 {
		t.Error("no SNS configuration-stream message")
	}
	get(e.s.DeleteDeliveryChannel(ctx, &config.DeleteDeliveryChannelInput{DeliveryChannelName: "default"}))(t)
	_, err = e.s.DeleteDeliveryChannel(ctx, &config.DeleteDeliveryChannelInput{DeliveryChannelName: "default"})
	wantCode(t, err, "NoSuchDeliveryChannelException")
	// history survives the recorder
	get(e.s.DeleteConfigurationRecorder(ctx, &config.DeleteConfigurationRecorderInput{ConfigurationRecorderName: "default"}))(t)
	_, err = e.s.GetResourceConfigHistory(ctx, &config.GetResourceConfigHistoryInput{ResourceType: config.TypeRecorder, ResourceID: "default"})
	wantCode(t, err, "NoAvailableConfigurationRecorderException")
	get(e.s.PutConfigurationRecorder(ctx, &config.PutConfigurationRecorderInput{ConfigurationRecorder: &config.ConfigurationRecorder{RoleARN: role}}))(t)
	h := get(e.s.GetResourceConfigHistory(ctx, &config.GetResourceConfigHistoryInput{ResourceType: config.TypeRecorder, ResourceID: "default", Limit: 100}))(t)
	if len(h.ConfigurationItems) < 3 {
		t.Fatalf("recorder items: %d", len(h.ConfigurationItems))
	}
}

func TestRetention(t *testing.T) {
	e := newEnv(t)
	_, err := e.s.PutRetentionConfiguration(ctx, &config.PutRetentionConfigurationInput{RetentionPeriodInDays: 29})
	wantCode(t, err, "ValidationException")
	_, err = e.s.PutRetentionConfiguration(ctx, &config.PutRetentionConfigurationInput{RetentionPeriodInDays: 2558})
	wantCode(t, err, "ValidationException")
	_, err = e.s.DeleteRetentionConfiguration(ctx, &config.DeleteRetentionConfigurationInput{RetentionConfigurationName: "default"})
	wantCode(t, err, "NoSuchRetentionConfigurationException")
	out := get(e.s.PutRetentionConfiguration(ctx, &config.PutRetentionConfigurationInput{RetentionPeriodInDays: 30}))(t)
	if out.RetentionConfiguration.Name != "default" {
		t.Fatal(out)
	}
	d := get(e.s.DescribeRetentionConfigurations(ctx, nil))(t)
	if len(d.RetentionConfigurations) != 1 || d.RetentionConfigurations[0].RetentionPeriodInDays != 30 {
		t.Fatal(d)
	}
	get(e.s.DeleteRetentionConfiguration(ctx, &config.DeleteRetentionConfigurationInput{RetentionConfigurationName: "default"}))(t)
	d = get(e.s.DescribeRetentionConfigurations(ctx, nil))(t)
	if len(d.RetentionConfigurations) != 0 {
		t.Fatal(d)
	}
}

func TestServiceLinkedRecorderNotSimulated(t *testing.T) {
	e := newEnv(t)
	_, err := e.s.PutServiceLinkedConfigurationRecorder(ctx, &config.PutServiceLinkedConfigurationRecorderInput{ServicePrincipal: "securityhub.amazonaws.com"})
	if !bus.IsNotSimulated(err) {
		t.Fatalf("err = %v", err)
	}
	_, err = e.s.PutConfigurationRecorder(ctx, &config.PutConfigurationRecorderInput{ConfigurationRecorder: &config.ConfigurationRecorder{RoleARN: role, ServicePrincipal: "x"}})
	if !bus.IsNotSimulated(err) {
		t.Fatalf("err = %v", err)
	}
}

// TestListRecordersChecksFilters: a filter name outside the enum is refused even when there is
// no recorder to list, and a negative limit names the lower bound.
func TestListRecordersChecksFilters(t *testing.T) {
	e := newEnv(t)
	_, err := e.s.ListConfigurationRecorders(ctx, &config.ListConfigurationRecordersInput{Filters: []config.ConfigurationRecorderFilter{{FilterName: "bogus"}}})
	wantCode(t, err, "ValidationException")
	_, err = e.s.ListConfigurationRecorders(ctx, &config.ListConfigurationRecordersInput{MaxResults: -1})
	if err == nil || !strings.Contains(err.Error(), "greater than or equal to 0") {
		t.Fatalf("negative limit: %v", err)
	}
}
