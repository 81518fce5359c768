package config_test

import (
	"context"
	"fmt"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/config"
)

// A managed rule judges every alarm change: an alarm without an INSUFFICIENT_DATA action is
// NON_COMPLIANT with CLOUDWATCH_ALARM_ACTION_CHECK's defaults, and becomes COMPLIANT once it has one.
// The changes here are published by hand, as a simulator of the user's own would; in
// watchsim.New the alarms service publishes them.
func Example() {
	ctx := context.Background()
	b := bus.MustNew()
	defer b.Close()
	cfg, err := config.New(b)
	if err != nil {
		panic(err)
	}
	if _, err := bus.NewS3Bucket(b, "config-bucket"); err != nil {
		panic(err)
	}
	_, _ = cfg.PutConfigurationRecorder(ctx, &config.PutConfigurationRecorderInput{ConfigurationRecorder: &config.ConfigurationRecorder{
		RoleARN: "arn:aws:iam::123456789012:role/config"}})
	_, _ = cfg.PutDeliveryChannel(ctx, &config.PutDeliveryChannelInput{DeliveryChannel: &config.DeliveryChannel{S3BucketName: "config-bucket"}})
	_, _ = cfg.StartConfigurationRecorder(ctx, &config.StartConfigurationRecorderInput{ConfigurationRecorderName: "default"})
	if _, err := cfg.PutConfigRule(ctx, &config.PutConfigRuleInput{ConfigRule: &config.ConfigRule{ConfigRuleName: "alarm-actions",
		Source: &config.RuleSource{Owner: "AWS", SourceIdentifier: "CLOUDWATCH_ALARM_ACTION_CHECK"}}}); err != nil {
		panic(err)
	}

	alarm := func(ct bus.ChangeType, insufficientData ...string) {
		bus.Publish(ctx, b, bus.ResourceChanges(), bus.ResourceChange{ChangeType: ct, ResourceType: config.TypeAlarm,
			ResourceID: "HighLatency", ResourceName: "HighLatency", Time: b.Now(),
			Configuration: map[string]any{"AlarmName": "HighLatency", "ActionsEnabled": true, "MetricName": "Latency",
				"AlarmActions": []string{"arn:aws:sns:us-east-1:123456789012:ops"}, "InsufficientDataActions": insufficientData}})
	}
	verdict := func() {
		_ = b.Advance(time.Minute) // the rule runs after the evaluation delay
		out, _ := cfg.GetComplianceDetailsByConfigRule(ctx, &config.GetComplianceDetailsByConfigRuleInput{ConfigRuleName: "alarm-actions"})
		for _, r := range out.EvaluationResults {
			fmt.Printf("%s %s %q\n", r.EvaluationResultIdentifier.EvaluationResultQualifier.ResourceID, r.ComplianceType, r.Annotation)
		}
	}
	alarm(bus.ResourceCreated)
	verdict()
	alarm(bus.ResourceUpdated, "arn:aws:sns:us-east-1:123456789012:ops")
	verdict()
	// Output:
	// HighLatency NON_COMPLIANT "The alarm has no INSUFFICIENT_DATA action."
	// HighLatency COMPLIANT ""
}
