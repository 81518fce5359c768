package conformance_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/watchsim/watchsim/config"
	"github.com/watchsim/watchsim/config/conformance"
)

// The API documents decode, with no unknown field, into the config service's own PutConfigRule and
// PutRemediationConfigurations shapes, and keep every value.
func TestAPIJSONDecodesIntoTheServiceShapes(t *testing.T) {
	body := `{
  "Resources": {
    "Custom": {"Type": "AWS::Config::ConfigRule", "Properties": {
      "ConfigRuleName": "custom", "Description": "d", "InputParameters": {"a": "1"}, "MaximumExecutionFrequency": "One_Hour",
      "Scope": {"ComplianceResourceTypes": ["AWS::CloudWatch::Alarm"], "ComplianceResourceId": "x"},
      "EvaluationModes": [{"Mode": "DETECTIVE"}],
      "Source": {"Owner": "CUSTOM_LAMBDA", "SourceIdentifier": "arn:aws:lambda:us-east-1:123456789012:function:f",
        "SourceDetails": [{"EventSource": "aws.config", "MessageType": "ScheduledNotification", "MaximumExecutionFrequency": "Three_Hours"}]}}},
    "Guard": {"Type": "AWS::Config::ConfigRule", "Properties": {"ConfigRuleName": "guard", "Scope": {"TagKey": "k", "TagValue": "v"},
      "Source": {"Owner": "CUSTOM_POLICY", "CustomPolicyDetails": {"PolicyRuntime": "guard-2.x.x", "PolicyText": "t", "EnableDebugLogDelivery": "true"}}}},
    "Fix": {"Type": "AWS::Config::RemediationConfiguration", "Properties": {"ConfigRuleName": "custom", "TargetType": "SSM_DOCUMENT",
      "TargetId": "doc", "TargetVersion": "1", "ResourceType": "AWS::CloudWatch::Alarm", "Automatic": true, "MaximumAutomaticAttempts": 2,
      "RetryAttemptSeconds": 30, "ExecutionControls": {"SsmControls": {"ConcurrentExecutionRatePercentage": 5, "ErrorPercentage": 6}},
      "Parameters": {"A": {"ResourceValue": {"Value": "RESOURCE_ID"}}, "B": {"StaticValue": {"Values": ["x", "y"]}}}}}
  }
}`
	p, err := conformance.Parse(body, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range p.Rules {
		var cr config.ConfigRule
		dec := json.NewDecoder(bytes.NewReader(r.APIJSON()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&cr); err != nil {
			t.Fatalf("%s: %v", r.APIJSON(), err)
		}
		again, _ := json.Marshal(cr)
		if !jsonEqual(t, again, r.APIJSON()) {
			t.Fatalf("rule %s: service shape %s, document %s", r.ConfigRuleName, again, r.APIJSON())
		}
	}
	var rc config.RemediationConfiguration
	dec := json.NewDecoder(bytes.NewReader(p.Remediations[0].APIJSON()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rc); err != nil {
		t.Fatal(err)
	}
	again, _ := json.Marshal(rc)
	if !jsonEqual(t, again, p.Remediations[0].APIJSON()) {
		t.Fatalf("remediation: service shape %s, document %s", again, p.Remediations[0].APIJSON())
	}
	if rc.Parameters["B"].StaticValue == nil || len(rc.Parameters["B"].StaticValue.Values) != 2 || rc.ExecutionControls.SsmControls.ErrorPercentage != 6 {
		t.Fatalf("remediation decoded as %+v", rc)
	}
}

func jsonEqual(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		t.Fatalf("not JSON: %s / %s", a, b)
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return bytes.Equal(xa, ya)
}

// Deploying the CloudWatch best-practices pack: parse the template with an input parameter, then
// name the rules as AWS does for the pack's id.
func Example() {
	tpl, _ := conformance.SampleTemplate(conformance.CloudWatchPackName)
	pack, err := conformance.Parse(tpl, []conformance.InputParameter{
		{ParameterName: "CloudwatchAlarmActionCheckParamInsufficientDataActionRequired", ParameterValue: "false"},
	})
	if err != nil {
		panic(err)
	}
	deployed, err := pack.Deployed("a1b2c3d4e")
	if err != nil {
		panic(err)
	}
	for _, r := range deployed.Rules {
		fmt.Println(strings.TrimSpace(r.ConfigRuleName + " " + r.Source.SourceIdentifier + " " + r.InputParameters))
	}
	// Output:
	// cloudwatch-alarm-action-check-conformance-pack-a1b2c3d4e CLOUDWATCH_ALARM_ACTION_CHECK {"alarmActionRequired":"true","insufficientDataActionRequired":"false","okActionRequired":"false"}
	// cloudwatch-alarm-action-enabled-check-conformance-pack-a1b2c3d4e CLOUDWATCH_ALARM_ACTION_ENABLED_CHECK
	// cloudwatch-alarm-resource-check-conformance-pack-a1b2c3d4e CLOUDWATCH_ALARM_RESOURCE_CHECK {"metricName":"CPUUtilization","resourceType":"AWS::EC2::Instance"}
	// cloudwatch-alarm-settings-check-conformance-pack-a1b2c3d4e CLOUDWATCH_ALARM_SETTINGS_CHECK {"metricName":"CPUUtilization"}
	// cloudwatch-log-group-encrypted-conformance-pack-a1b2c3d4e CLOUDWATCH_LOG_GROUP_ENCRYPTED
}

// BenchmarkParseCloudWatchPack: parsing the CloudWatch best-practices pack (YAML, 5 rules,
// 6 parameters, 6 conditions), what PutConformancePack pays per call.
func BenchmarkParseCloudWatchPack(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := conformance.Parse(conformance.CloudWatchPackTemplate, nil); err != nil {
			b.Fatal(err)
		}
	}
}
