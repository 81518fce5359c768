package config_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/config"
)

func TestCloudWatchPack(t *testing.T) {
	e := newEnv(t)
	e.record(t, nil)
	e.change(bus.ResourceCreated, config.TypeAlarm, "quiet", alarmConf("quiet", nil, nil, nil), nil)
	e.change(bus.ResourceCreated, config.TypeAlarm, "loud", alarmConf("loud", []string{topicARN}, []string{topicARN}, nil), nil)
	out := get(e.s.PutConformancePack(ctx, &config.PutConformancePackInput{ConformancePackName: "cloudwatch",
		TemplateSSMDocumentDetails: &config.TemplateSSMDocumentDetails{DocumentName: config.CloudWatchPackDocument}}))(t)
	if !strings.Contains(out.ConformancePackArn, ":conformance-pack/cloudwatch/conformance-pack-") {
		t.Fatal(out.ConformancePackArn)
	}
	state := func() string {
		st := get(e.s.DescribeConformancePackStatus(ctx, nil))(t)
		if len(st.ConformancePackStatusDetails) != 1 {
			return "none"
		}
		return st.ConformancePackStatusDetails[0].ConformancePackState
	}
	if s := state(); s != config.PackCreateInProgress {
		t.Fatalf("state after put: %s", s)
	}
	_, err := e.s.DeleteConformancePack(ctx, &config.DeleteConformancePackInput{ConformancePackName: "cloudwatch"})
	wantCode(t, err, "ResourceInUseException")
	e.advance(t, time.Minute)
	rules := get(e.s.DescribeConfigRules(ctx, nil))(t)
	if len(rules.ConfigRules) != 5 {
		t.Fatalf("%d rules", len(rules.ConfigRules))
	}
	for _, r := range rules.ConfigRules {
		if !strings.Contains(r.ConfigRuleName, "-conformance-pack-") || r.CreatedBy != "config-conforms.amazonaws.com" ||
			!strings.Contains(r.ConfigRuleArn, "config-rule/aws-service-rule/config-conforms.amazonaws.com/config-rule-") {
			t.Errorf("pack rule %+v", r)
		}
	}
	c := get(e.s.DescribeConformancePackCompliance(ctx, &config.DescribeConformancePackComplianceInput{ConformancePackName: "cloudwatch"}))(t)
	got := map[string]string{}
	for _, r := range c.ConformancePackRuleComplianceList {
		got[r.ConfigRuleName[:strings.Index(r.ConfigRuleName, "-conformance-pack-")]] = r.ComplianceType
	}
	want := map[string]string{"cloudwatch-alarm-action-check": "NON_COMPLIANT", "cloudwatch-alarm-action-enabled-check": "COMPLIANT",
		"cloudwatch-alarm-resource-check": "INSUFFICIENT_DATA", "cloudwatch-alarm-settings-check": "COMPLIANT", "cloudwatch-log-group-encrypted": "INSUFFICIENT_DATA"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("pack rules %v, want %v", got, want)
	}
	s := get(e.s.GetConformancePackComplianceSummary(ctx, &config.GetConformancePackComplianceSummaryInput{ConformancePackNames: []string{"cloudwatch"}}))(t)
	if s.ConformancePackComplianceSummaryList[0].ConformancePackComplianceStatus != "NON_COMPLIANT" {
		t.Fatal(s)
	}
	d := get(e.s.GetConformancePackComplianceDetails(ctx, &config.GetConformancePackComplianceDetailsInput{ConformancePackName: "cloudwatch",
		Filters: &config.ConformancePackEvaluationFilters{ComplianceType: "NON_COMPLIANT"}}))(t)
	if len(d.ConformancePackRuleEvaluationResults) != 1 || d.ConformancePackRuleEvaluationResults[0].EvaluationResultIdentifier.EvaluationResultQualifier.ResourceID != "quiet" {
		t.Fatalf("details %+v", d)
	}
	sc := get(e.s.ListConformancePackComplianceScores(ctx, nil))(t)
	if sc.ConformancePackComplianceScores[0].Score != "83.33" { // 5 of 6 rule-resource pairs compliant
		t.Fatalf("score %+v", sc)
	}
	h := get(e.s.ListDiscoveredResources(ctx, &config.ListDiscoveredResourcesInput{ResourceType: config.TypeConformancePackCompliance}))(t)
	if len(h.ResourceIdentifiers) != 1 || h.ResourceIdentifiers[0].ResourceName != "cloudwatch" {
		t.Fatalf("pack compliance item: %+v", h)
	}
	hp := get(e.s.ListDiscoveredResources(ctx, &config.ListDiscoveredResourcesInput{ResourceType: "AWS::Config::ConformancePack"}))(t)
	if len(hp.ResourceIdentifiers) != 1 {
		t.Fatalf("pack not recorded: %+v", hp)
	}
	if s := state(); s != config.PackCreateComplete {
		t.Fatalf("state after a step: %s", s)
	}
	get(e.s.DeleteConformancePack(ctx, &config.DeleteConformancePackInput{ConformancePackName: "cloudwatch"}))(t)
	if s := state(); s != config.PackDeleteInProgress {
		t.Fatalf("state after delete: %s", s)
	}
	_, err = e.s.PutConformancePack(ctx, &config.PutConformancePackInput{ConformancePackName: "cloudwatch",
		TemplateSSMDocumentDetails: &config.TemplateSSMDocumentDetails{DocumentName: config.CloudWatchPackDocument}})
	wantCode(t, err, "ResourceInUseException")
	e.advance(t, time.Minute)
	rules = get(e.s.DescribeConfigRules(ctx, nil))(t)
	if len(rules.ConfigRules) != 0 {
		t.Fatalf("rules left: %d", len(rules.ConfigRules))
	}
	_, err = e.s.DescribeConformancePackCompliance(ctx, &config.DescribeConformancePackComplianceInput{ConformancePackName: "cloudwatch"})
	wantCode(t, err, "NoSuchConformancePackException")
}

const topicARN = "arn:aws:sns:us-east-1:123456789012:ops"

func TestPackTemplates(t *testing.T) {
	e := newEnv(t, config.WithEvaluationDelay(0))
	e.record(t, nil)
	e.change(bus.ResourceCreated, config.TypeAlarm, "quiet", alarmConf("quiet", []string{topicARN}, nil, nil), nil)
	yamlTemplate := `
Parameters:
  NeedInsufficient:
    Type: String
    Default: "true"
Conditions:
  Strict: !Equals [!Ref NeedInsufficient, "true"]
  Lax: !Not [!Condition Strict]
Resources:
  Actions:
    Type: AWS::Config::ConfigRule
    Properties:
      ConfigRuleName: actions
      InputParameters:
        insufficientDataActionRequired: !If [Strict, "true", "false"]
        okActionRequired: !If [Lax, "true", !Ref AWS::NoValue]
      Scope:
        ComplianceResourceTypes: [AWS::CloudWatch::Alarm]
      Source: {Owner: AWS, SourceIdentifier: CLOUDWATCH_ALARM_ACTION_CHECK}
  OnlyWhenLax:
    Type: AWS::Config::ConfigRule
    Condition: Lax
    Properties:
      ConfigRuleName: description
      Source: {Owner: AWS, SourceIdentifier: CLOUDWATCH_ALARM_DESCRIPTION}
`
	compliance := func(pack string) (string, int) {
		c := get(e.s.DescribeConformancePackCompliance(ctx, &config.DescribeConformancePackComplianceInput{ConformancePackName: pack}))(t)
		return c.ConformancePackRuleComplianceList[0].ComplianceType, len(c.ConformancePackRuleComplianceList)
	}
	get(e.s.PutConformancePack(ctx, &config.PutConformancePackInput{ConformancePackName: "strict", TemplateBody: yamlTemplate}))(t)
	if ct, n := compliance("strict"); ct != "NON_COMPLIANT" || n != 1 {
		t.Fatalf("strict: %s, %d rules", ct, n)
	}
	get(e.s.PutConformancePack(ctx, &config.PutConformancePackInput{ConformancePackName: "lax", TemplateBody: yamlTemplate,
		ConformancePackInputParameters: []config.ConformancePackInputParameter{{ParameterName: "NeedInsufficient", ParameterValue: "false"}}}))(t)
	if ct, n := compliance("lax"); n != 2 || ct != "NON_COMPLIANT" { // okActionRequired true now, and a second rule
		t.Fatalf("lax: %s, %d rules", ct, n)
	}
	// template from S3
	if err := e.bucket.Put("packs/t.yaml", []byte(yamlTemplate), nil); err != nil {
		t.Fatal(err)
	}
	get(e.s.PutConformancePack(ctx, &config.PutConformancePackInput{ConformancePackName: "from-s3", TemplateS3URI: "s3://config-bucket/packs/t.yaml"}))(t)
	// an S3 object may exceed TemplateBody's 51,200 bytes (up to 300 KB)
	big := yamlTemplate + "#" + strings.Repeat("x", 60000) + "\n"
	if err := e.bucket.Put("packs/big.yaml", []byte(big), nil); err != nil {
		t.Fatal(err)
	}
	get(e.s.PutConformancePack(ctx, &config.PutConformancePackInput{ConformancePackName: "from-s3-big", TemplateS3URI: "s3://config-bucket/packs/big.yaml"}))(t)
	_, err := e.s.PutConformancePack(ctx, &config.PutConformancePackInput{ConformancePackName: "big-body", TemplateBody: big})
	wantCode(t, err, "ValidationException")
	for _, tc := range []struct {
		name, body string
		params     []config.ConformancePackInputParameter
	}{
		{"wrong resource type", "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {}\n", nil},
		{"parameter without value", "Parameters:\n  P: {Type: String}\nResources:\n  R:\n    Type: AWS::Config::ConfigRule\n    Properties:\n      ConfigRuleName: r\n      Source: {Owner: AWS, SourceIdentifier: CLOUDWATCH_ALARM_DESCRIPTION}\n", nil},
		{"unknown input parameter", yamlTemplate, []config.ConformancePackInputParameter{{ParameterName: "Nope", ParameterValue: "x"}}},
		{"not yaml", "Resources: [", nil},
		{"too many rules", manyRules(131), nil},
	} {
		_, err := e.s.PutConformancePack(ctx, &config.PutConformancePackInput{ConformancePackName: "bad", TemplateBody: tc.body, ConformancePackInputParameters: tc.params})
		if err == nil || !strings.Contains(err.Error(), "ConformancePackTemplateValidationException") {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
	// a function config/conformance does not evaluate: NotSimulated
	_, err = e.s.PutConformancePack(ctx, &config.PutConformancePackInput{ConformancePackName: "getatt", TemplateBody: "Resources:\n  R:\n    Type: AWS::Config::ConfigRule\n    Properties:\n      ConfigRuleName: !GetAtt X.Arn\n      Source: {Owner: AWS, SourceIdentifier: CLOUDWATCH_ALARM_DESCRIPTION}\n"})
	if !bus.IsNotSimulated(err) {
		t.Errorf("Fn::GetAtt: %v", err)
	}
	// Fn::Sub is evaluated
	get(e.s.PutConformancePack(ctx, &config.PutConformancePackInput{ConformancePackName: "sub", TemplateBody: "Resources:\n  R:\n    Type: AWS::Config::ConfigRule\n    Properties:\n      ConfigRuleName: !Sub 'desc-${AWS::Region}'\n      Source: {Owner: AWS, SourceIdentifier: CLOUDWATCH_ALARM_DESCRIPTION}\n"}))(t)
	_, err = e.s.PutConformancePack(ctx, &config.PutConformancePackInput{ConformancePackName: "two", TemplateBody: yamlTemplate, TemplateS3URI: "s3://config-bucket/packs/t.yaml"})
	wantCode(t, err, "ConformancePackTemplateValidationException")
	_, err = e.s.PutConformancePack(ctx, &config.PutConformancePackInput{ConformancePackName: "9bad", TemplateBody: yamlTemplate})
	wantCode(t, err, "ValidationException")
}

func manyRules(n int) string {
	var b strings.Builder
	b.WriteString("Resources:\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "  R%d:\n    Type: AWS::Config::ConfigRule\n    Properties:\n      ConfigRuleName: r%d\n      Source: {Owner: AWS, SourceIdentifier: CLOUDWATCH_ALARM_DESCRIPTION}\n", i, i)
	}
	return b.String()
}

// TestPackSummaryNeedsNames: GetConformancePackComplianceSummary without pack names is the
// ValidationException of the member's length constraint.
func TestPackSummaryNeedsNames(t *testing.T) {
	e := newEnv(t)
	_, err := e.s.GetConformancePackComplianceSummary(ctx, &config.GetConformancePackComplianceSummaryInput{})
	wantCode(t, err, "ValidationException")
	const msg = "1 validation error detected: Value at 'conformancePackNames' failed to satisfy constraint: Member must have length greater than or equal to 1"
	if !strings.Contains(err.Error(), msg) {
		t.Fatalf("message %q", err)
	}
}

// TestPackScoresInputChecked: ListConformancePackComplianceScores refuses sort values outside its
// enums and an empty name filter, rather than ignoring them.
func TestPackScoresInputChecked(t *testing.T) {
	e := newEnv(t)
	for _, in := range []*config.ListConformancePackComplianceScoresInput{
		{SortBy: "NAME"},
		{SortOrder: "UP"},
		{Filters: &config.ConformancePackComplianceScoresFilters{}},
	} {
		_, err := e.s.ListConformancePackComplianceScores(ctx, in)
		wantCode(t, err, "ValidationException")
	}
	get(e.s.ListConformancePackComplianceScores(ctx, &config.ListConformancePackComplianceScoresInput{SortBy: "SCORE", SortOrder: "DESCENDING"}))(t)
}
