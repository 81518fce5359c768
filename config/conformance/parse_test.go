package conformance

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func alarmScope() *Scope { return &Scope{ComplianceResourceTypes: []string{"AWS::CloudWatch::Alarm"}} }

func managed(id, name, params string, scope *Scope) Rule {
	return Rule{LogicalID: id, ConfigRuleName: name, InputParameters: params, Scope: scope, Source: Source{Owner: OwnerAWS, SourceIdentifier: sourceID(name)}}
}

// sourceID maps the CloudWatch pack's rule names to their identifiers.
func sourceID(name string) string {
	switch name {
	case "cloudwatch-alarm-action-check":
		return "CLOUDWATCH_ALARM_ACTION_CHECK"
	case "cloudwatch-alarm-action-enabled-check":
		return "CLOUDWATCH_ALARM_ACTION_ENABLED_CHECK"
	case "cloudwatch-alarm-resource-check":
		return "CLOUDWATCH_ALARM_RESOURCE_CHECK"
	case "cloudwatch-alarm-settings-check":
		return "CLOUDWATCH_ALARM_SETTINGS_CHECK"
	case "cloudwatch-log-group-encrypted":
		return "CLOUDWATCH_LOG_GROUP_ENCRYPTED"
	}
	return ""
}

// The "Operational Best Practices for Amazon CloudWatch" pack, as the spec lists it: the five rules
// with the documented defaults, the alarm rules scoped to alarms.
func TestCloudWatchPack(t *testing.T) {
	cwParams := func(vals ...string) []Parameter {
		names := []string{"CloudwatchAlarmActionCheckParamAlarmActionRequired", "CloudwatchAlarmActionCheckParamInsufficientDataActionRequired",
			"CloudwatchAlarmActionCheckParamOkActionRequired", "CloudwatchAlarmResourceCheckParamMetricName",
			"CloudwatchAlarmResourceCheckParamResourceType", "CloudwatchAlarmSettingsCheckParamMetricName"}
		var out []Parameter
		for i, n := range names {
			out = append(out, Parameter{Name: n, Type: "String", Value: vals[i]})
		}
		return out
	}
	tests := []struct {
		name   string
		inputs []InputParameter
		want   *Pack
	}{
		{"defaults", nil, &Pack{
			Parameters: cwParams("true", "true", "false", "CPUUtilization", "AWS::EC2::Instance", "CPUUtilization"),
			Rules: []Rule{
				managed("CloudwatchAlarmActionCheck", "cloudwatch-alarm-action-check",
					`{"alarmActionRequired":"true","insufficientDataActionRequired":"true","okActionRequired":"false"}`, alarmScope()),
				managed("CloudwatchAlarmActionEnabledCheck", "cloudwatch-alarm-action-enabled-check", "", alarmScope()),
				managed("CloudwatchAlarmResourceCheck", "cloudwatch-alarm-resource-check",
					`{"metricName":"CPUUtilization","resourceType":"AWS::EC2::Instance"}`, nil),
				managed("CloudwatchAlarmSettingsCheck", "cloudwatch-alarm-settings-check", `{"metricName":"CPUUtilization"}`, alarmScope()),
				managed("CloudwatchLogGroupEncrypted", "cloudwatch-log-group-encrypted", "", nil),
			}}},
		{"inputs override defaults; an empty value drops the parameter (Fn::If, AWS::NoValue)", []InputParameter{
			{"CloudwatchAlarmActionCheckParamOkActionRequired", "true"},
			{"CloudwatchAlarmActionCheckParamInsufficientDataActionRequired", ""},
			{"CloudwatchAlarmSettingsCheckParamMetricName", "Errors"},
			{"CloudwatchAlarmResourceCheckParamMetricName", ""}, {"CloudwatchAlarmResourceCheckParamResourceType", ""},
		}, &Pack{
			Parameters: cwParams("true", "", "true", "", "", "Errors"),
			Rules: []Rule{
				managed("CloudwatchAlarmActionCheck", "cloudwatch-alarm-action-check", `{"alarmActionRequired":"true","okActionRequired":"true"}`, alarmScope()),
				managed("CloudwatchAlarmActionEnabledCheck", "cloudwatch-alarm-action-enabled-check", "", alarmScope()),
				managed("CloudwatchAlarmResourceCheck", "cloudwatch-alarm-resource-check", `{}`, nil),
				managed("CloudwatchAlarmSettingsCheck", "cloudwatch-alarm-settings-check", `{"metricName":"Errors"}`, alarmScope()),
				managed("CloudwatchLogGroupEncrypted", "cloudwatch-log-group-encrypted", "", nil),
			}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(CloudWatchPackTemplate, tt.inputs)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Fatalf("pack (-want +got):\n%s", d)
			}
		})
	}
	for _, name := range []string{CloudWatchPackName, CloudWatchPackFileName, CloudWatchPackFileName + ".yaml", CloudWatchPackDocument} {
		if tpl, ok := SampleTemplate(name); !ok || tpl != CloudWatchPackTemplate {
			t.Errorf("SampleTemplate(%q) = %v", name, ok)
		}
	}
	if _, ok := SampleTemplate("Operational-Best-Practices-for-HIPAA-Security"); ok {
		t.Error("SampleTemplate knows a pack watchsim does not ship")
	}
}

// Templates from the Developer Guide and the CloudFormation forms the sample packs use.
func TestParseTemplates(t *testing.T) {
	tests := []struct {
		name   string
		env    Env
		body   string
		inputs []InputParameter
		want   *Pack
	}{
		{"developer guide custom pack (InputParameters given as literal strings)", Env{}, `
Parameters:
    IamPasswordPolicyParamMinimumPasswordLength:
        Default: '14'
        Type: String
Resources:
    IamPasswordPolicy:
        Properties:
            ConfigRuleName: iam-password-policy
            InputParameters:
                MinimumPasswordLength: IamPasswordPolicyParamMinimumPasswordLength
            Source:
                Owner: AWS
                SourceIdentifier: IAM_PASSWORD_POLICY
        Type: AWS::Config::ConfigRule
`, nil, &Pack{
			Parameters: []Parameter{{"IamPasswordPolicyParamMinimumPasswordLength", "String", "14"}},
			Rules: []Rule{{LogicalID: "IamPasswordPolicy", ConfigRuleName: "iam-password-policy",
				InputParameters: `{"MinimumPasswordLength":"IamPasswordPolicyParamMinimumPasswordLength"}`,
				Source:          Source{Owner: OwnerAWS, SourceIdentifier: "IAM_PASSWORD_POLICY"}}},
		}},
		{"short forms, numbers and booleans as text, input override", Env{}, `
AWSTemplateFormatVersion: 2010-09-09
Description: short forms
Metadata: {Owner: team}
Parameters:
  Max: {Type: Number, Default: 5, MinValue: 1, MaxValue: 10}
  Env: {Type: String, Default: prod, AllowedValues: [prod, dev]}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  NotProd: !Not [!Condition IsProd]
  Both: !And [!Condition IsProd, !Equals [!Ref Max, "7"]]
  Either: !Or [!Condition NotProd, !Condition Both]
Resources:
  Settings:
    Type: AWS::Config::ConfigRule
    Properties:
      ConfigRuleName: !Sub 'settings-${Env}'
      Description: !Join ['-', [a, !Ref Env, !If [Either, yes, no]]]
      InputParameters:
        metricName: CPUUtilization
        threshold: 80
        evaluationPeriods: !Ref Max
        flag: true
        list: [1, two]
      Source: {Owner: AWS, SourceIdentifier: CLOUDWATCH_ALARM_SETTINGS_CHECK}
  DevOnly:
    Type: AWS::Config::ConfigRule
    Condition: NotProd
    Properties:
      ConfigRuleName: dev-only
      Source: {Owner: AWS, SourceIdentifier: CLOUDWATCH_ALARM_DESCRIPTION}
`, []InputParameter{{"Max", "7"}}, &Pack{
			Description: "short forms",
			Parameters:  []Parameter{{"Max", "Number", "7"}, {"Env", "String", "prod"}},
			Rules: []Rule{{LogicalID: "Settings", ConfigRuleName: "settings-prod", Description: "a-prod-yes",
				InputParameters: `{"evaluationPeriods":"7","flag":"true","list":["1","two"],"metricName":"CPUUtilization","threshold":"80"}`,
				Source:          Source{Owner: OwnerAWS, SourceIdentifier: "CLOUDWATCH_ALARM_SETTINGS_CHECK"}}},
		}},
		{"JSON template, custom Lambda and Guard rules, pseudo parameters, list parameter, remediation", Env{AccountID: "123456789012", Region: "eu-west-1", Partition: "aws"}, `{
  "Parameters": {
    "Types": {"Type": "CommaDelimitedList", "Default": "AWS::CloudWatch::Alarm"},
    "Doc": {"Type": "String", "Default": "AWS-PublishSNSNotification"}
  },
  "Resources": {
    "Custom": {"Type": "AWS::Config::ConfigRule", "Properties": {
      "ConfigRuleName": "custom-check",
      "InputParameters": "{\"b\": 1, \"a\": \"x\"}",
      "MaximumExecutionFrequency": "Six_Hours",
      "Scope": {"ComplianceResourceTypes": {"Ref": "Types"}},
      "Source": {"Owner": "CUSTOM_LAMBDA",
        "SourceIdentifier": {"Fn::Sub": "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:check-${!Literal}"},
        "SourceDetails": [
          {"EventSource": "aws.config", "MessageType": "ConfigurationItemChangeNotification"},
          {"EventSource": "aws.config", "MessageType": "ScheduledNotification", "MaximumExecutionFrequency": "One_Hour"}]}}},
    "Guard": {"Type": "AWS::Config::ConfigRule", "Properties": {
      "ConfigRuleName": "guard-check",
      "Scope": {"TagKey": "team", "TagValue": "a"},
      "EvaluationModes": [{"Mode": "DETECTIVE"}],
      "Source": {"Owner": "CUSTOM_POLICY",
        "SourceDetails": [{"EventSource": "aws.config", "MessageType": "ConfigurationItemChangeNotification"}],
        "CustomPolicyDetails": {"PolicyRuntime": "guard-2.x.x", "PolicyText": "rule r { }", "EnableDebugLogDelivery": true}}}},
    "Fix": {"Type": "AWS::Config::RemediationConfiguration", "DependsOn": "Custom", "Properties": {
      "ConfigRuleName": {"Ref": "Custom"},
      "TargetType": "SSM_DOCUMENT", "TargetId": {"Ref": "Doc"}, "TargetVersion": "1",
      "ResourceType": "AWS::CloudWatch::Alarm", "Automatic": true,
      "MaximumAutomaticAttempts": 3, "RetryAttemptSeconds": "120",
      "ExecutionControls": {"SsmControls": {"ConcurrentExecutionRatePercentage": 20, "ErrorPercentage": 40}},
      "Parameters": {
        "AlarmName": {"ResourceValue": {"Value": "RESOURCE_ID"}},
        "TopicArn": {"StaticValue": {"Values": [{"Fn::Join": [":", ["arn:aws:sns", {"Ref": "AWS::Region"}, "t"]]}]}}}}}
  }
}`, nil, &Pack{
			Parameters: []Parameter{{"Types", "CommaDelimitedList", "AWS::CloudWatch::Alarm"}, {"Doc", "String", "AWS-PublishSNSNotification"}},
			Rules: []Rule{
				{LogicalID: "Custom", ConfigRuleName: "custom-check", InputParameters: `{"a":"x","b":"1"}`, MaximumExecutionFrequency: "Six_Hours",
					Scope: alarmScope(),
					Source: Source{Owner: OwnerCustomLambda, SourceIdentifier: "arn:aws:lambda:eu-west-1:123456789012:function:check-${Literal}",
						SourceDetails: []SourceDetail{{"aws.config", "ConfigurationItemChangeNotification", ""}, {"aws.config", "ScheduledNotification", "One_Hour"}}}},
				{LogicalID: "Guard", ConfigRuleName: "guard-check", Scope: &Scope{TagKey: "team", TagValue: "a"}, EvaluationModes: []string{"DETECTIVE"},
					Source: Source{Owner: OwnerCustomPolicy, SourceDetails: []SourceDetail{{"aws.config", "ConfigurationItemChangeNotification", ""}},
						CustomPolicyDetails: &CustomPolicyDetails{"guard-2.x.x", "rule r { }", true}}},
			},
			Remediations: []Remediation{{LogicalID: "Fix", ConfigRuleName: "custom-check", TargetType: "SSM_DOCUMENT", TargetID: "AWS-PublishSNSNotification",
				TargetVersion: "1", ResourceType: "AWS::CloudWatch::Alarm", Automatic: true, MaximumAutomaticAttempts: 3, RetryAttemptSeconds: 120,
				ExecutionControls: &SsmControls{20, 40},
				Parameters: map[string]RemediationParameterValue{"AlarmName": {ResourceValue: "RESOURCE_ID"},
					"TopicArn": {StaticValues: []string{"arn:aws:sns:eu-west-1:t"}}}}},
		}},
		{"YAML flow mapping (starts with '{' but is not JSON)", Env{}, `{Resources: {R: {Type: AWS::Config::ConfigRule, Properties: {ConfigRuleName: !Sub 'r-x', Source: {Owner: AWS, SourceIdentifier: X}}}}}`,
			nil, &Pack{Rules: []Rule{{LogicalID: "R", ConfigRuleName: "r-x", Source: Source{Owner: OwnerAWS, SourceIdentifier: "X"}}}}},
		{"Fn::Sub with a variable map; list parameter joined; CSV type kept as text", Env{}, `
Parameters:
  Names: {Type: CommaDelimitedList, Default: "a, b ,c"}
  Csv: {Type: CSV, Default: "x,y"}
Resources:
  R:
    Type: AWS::Config::ConfigRule
    Properties:
      ConfigRuleName: !Sub ['${Pre}-rule', {Pre: !Join ['+', !Ref Names]}]
      InputParameters: {LogGroupNames: !Ref Csv}
      Source: {Owner: AWS, SourceIdentifier: CW_LOGGROUP_RETENTION_PERIOD_CHECK}
`, nil, &Pack{
			Parameters: []Parameter{{"Names", "CommaDelimitedList", "a, b ,c"}, {"Csv", "CSV", "x,y"}},
			Rules: []Rule{{LogicalID: "R", ConfigRuleName: "a+b+c-rule", InputParameters: `{"LogGroupNames":"x,y"}`,
				Source: Source{Owner: OwnerAWS, SourceIdentifier: "CW_LOGGROUP_RETENTION_PERIOD_CHECK"}}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.env.Parse(tt.body, tt.inputs)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Fatalf("pack (-want +got):\n%s", d)
			}
			for _, r := range got.Rules {
				if err := r.Validate(); err != nil {
					t.Errorf("rule %s: %v", r.ConfigRuleName, err)
				}
			}
		})
	}
}

// A template read from S3 may exceed TemplateBody's 51,200 bytes, up to 300 KB.
func TestParseS3Object(t *testing.T) {
	big := oneRule(src) + "#" + strings.Repeat("x", MaxTemplateBodyBytes) + "\n"
	if _, err := Parse(big, nil); code(err) != CodeValidation {
		t.Fatalf("TemplateBody over 51,200 bytes: %v", err)
	}
	p, err := Env{}.ParseS3Object(big, nil)
	if err != nil || len(p.Rules) != 1 {
		t.Fatalf("S3 object of %d bytes: %v", len(big), err)
	}
	huge := oneRule(src) + "#" + strings.Repeat("x", MaxTemplateS3Bytes) + "\n"
	if _, err := (Env{}).ParseS3Object(huge, nil); code(err) != CodeTemplateValidation || !contains(err, "larger than 300 KB") {
		t.Fatalf("S3 object over 300 KB: %v", err)
	}
	if _, err := (Env{}).ParseS3Object("", nil); code(err) != CodeTemplateValidation {
		t.Fatalf("empty S3 object: %v", err)
	}
}

func TestDeployedNames(t *testing.T) {
	p, err := Parse(CloudWatchPackTemplate, nil)
	if err != nil {
		t.Fatal(err)
	}
	d, err := p.Deployed("abc1234")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := d.Rules[0].ConfigRuleName, "cloudwatch-alarm-action-check-conformance-pack-abc1234"; got != want {
		t.Fatalf("deployed name %q, want %q", got, want)
	}
	if PackID("abc1234") != "conformance-pack-abc1234" || DeployedRuleName("r", "x") != "r-conformance-pack-x" {
		t.Fatal("PackID / DeployedRuleName")
	}
	if p.Rules[0].ConfigRuleName != "cloudwatch-alarm-action-check" {
		t.Fatal("Deployed changed the original pack")
	}
	d.Rules[0].Scope.ComplianceResourceTypes[0] = "changed"
	if p.Rules[0].Scope.ComplianceResourceTypes[0] != "AWS::CloudWatch::Alarm" {
		t.Fatal("Deployed shares the scope with the original pack")
	}
	body := `{"Resources": {"R": {"Type": "AWS::Config::ConfigRule", "Properties": {"ConfigRuleName": "r",
	  "Source": {"Owner": "CUSTOM_LAMBDA", "SourceIdentifier": "arn:aws:lambda:us-east-1:1:function:f",
	    "SourceDetails": [{"EventSource": "aws.config", "MessageType": "ScheduledNotification"}]}}},
	  "F": {"Type": "AWS::Config::RemediationConfiguration", "Properties": {"ConfigRuleName": "r", "TargetType": "SSM_DOCUMENT", "TargetId": "d",
	    "Parameters": {"P": {"StaticValue": {"Values": ["v"]}}}, "ExecutionControls": {"SsmControls": {}}}}}}`
	p, err = Parse(body, nil)
	if err != nil {
		t.Fatal(err)
	}
	d, err = p.Deployed("s")
	if err != nil {
		t.Fatal(err)
	}
	if d.Remediations[0].ConfigRuleName != "r-conformance-pack-s" || d.Rules[0].ConfigRuleName != "r-conformance-pack-s" {
		t.Fatalf("remediation follows its rule: %+v", d.Remediations[0])
	}
	d.Remediations[0].Parameters["P"].StaticValues[0] = "changed"
	if p.Remediations[0].Parameters["P"].StaticValues[0] != "v" {
		t.Fatal("Deployed shares remediation parameters with the original pack")
	}
	long := `{"Resources": {"R": {"Type": "AWS::Config::ConfigRule", "Properties": {"ConfigRuleName": "` + string(make128('r')) + `",
	  "Source": {"Owner": "AWS", "SourceIdentifier": "X"}}}}}`
	p, err = Parse(long, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Deployed("s"); code(err) != CodeTemplateValidation {
		t.Fatalf("a deployed name over 128 characters: %v", err)
	}
}

func make128(c byte) []byte {
	b := make([]byte, 128)
	for i := range b {
		b[i] = c
	}
	return b
}

func TestValidateName(t *testing.T) {
	for _, ok := range []string{"a", "My-Pack-1", string(make256('x'))} {
		if err := ValidateName(ok); err != nil {
			t.Errorf("ValidateName(%q): %v", ok, err)
		}
	}
	for name, msg := range map[string]string{
		"":                         "1 validation error detected: Value null at 'conformancePackName' failed to satisfy constraint: Member must not be null",
		"1pack":                    "1 validation error detected: Value '1pack' at 'conformancePackName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*",
		"my_pack":                  "1 validation error detected: Value 'my_pack' at 'conformancePackName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*",
		string(make256('x')) + "x": "Member must have length less than or equal to 256",
	} {
		err := ValidateName(name)
		if code(err) != CodeValidation || !contains(err, msg) {
			t.Errorf("ValidateName(%.20q) = %v, want %s", name, err, msg)
		}
	}
}

func make256(c byte) []byte { return append(make128(c), make128(c)...) }

// Validate on values built directly (Parse range-checks integers before Validate sees them).
func TestValidateDirect(t *testing.T) {
	ok := Remediation{ConfigRuleName: "r", TargetType: "SSM_DOCUMENT", TargetID: "d"}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	for name, mut := range map[string]func(*Remediation){
		"blank rule name":          func(r *Remediation) { r.ConfigRuleName = "" },
		"negative attempts":        func(r *Remediation) { r.MaximumAutomaticAttempts = -1 },
		"retry over a month":       func(r *Remediation) { r.RetryAttemptSeconds = 2678001 },
		"concurrency over 100":     func(r *Remediation) { r.ExecutionControls = &SsmControls{ConcurrentExecutionRatePercentage: 101} },
		"error percentage below 0": func(r *Remediation) { r.ExecutionControls = &SsmControls{ErrorPercentage: -1} },
	} {
		r := ok
		mut(&r)
		if r.Validate() == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	rule := Rule{ConfigRuleName: "r", Source: Source{Owner: OwnerAWS, SourceIdentifier: "X"}}
	if err := rule.Validate(); err != nil {
		t.Fatal(err)
	}
	for name, mut := range map[string]func(*Rule){
		"InputParameters not JSON":   func(r *Rule) { r.InputParameters = "{" },
		"InputParameters not object": func(r *Rule) { r.InputParameters = "[1]" },
		"name over 128":              func(r *Rule) { r.ConfigRuleName = string(make128('r')) + "r" },
	} {
		r := rule
		mut(&r)
		if r.Validate() == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
