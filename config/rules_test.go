package config_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/config"
)

func managedRule(name, id, params string) *config.PutConfigRuleInput {
	return &config.PutConfigRuleInput{ConfigRule: &config.ConfigRule{ConfigRuleName: name, InputParameters: params,
		Source: &config.RuleSource{Owner: config.OwnerAWS, SourceIdentifier: id}}}
}

func TestPutConfigRuleValidation(t *testing.T) {
	e := newEnv(t)
	_, err := e.s.PutConfigRule(ctx, managedRule("r", "CLOUDWATCH_ALARM_ACTION_CHECK", ""))
	wantCode(t, err, "NoAvailableConfigurationRecorderException")
	e.record(t, nil)
	fn, _ := bus.NewLambdaFunction(e.b, "rule-fn", func(context.Context, []byte) error { return nil })
	lambda := func(details ...config.SourceDetail) *config.PutConfigRuleInput {
		return &config.PutConfigRuleInput{ConfigRule: &config.ConfigRule{ConfigRuleName: "c", Source: &config.RuleSource{Owner: config.OwnerCustomLambda,
			SourceIdentifier: fn.ARN(), SourceDetails: details}}}
	}
	change := config.SourceDetail{EventSource: "aws.config", MessageType: config.MessageItemChange}
	for _, tc := range []struct {
		name string
		in   *config.PutConfigRuleInput
		code string
	}{
		{"unknown identifier", managedRule("r", "not an id", ""), "InvalidParameterValueException"},
		{"unsimulated identifier", managedRule("r", "S3_BUCKET_VERSIONING_ENABLED", ""), "NotSimulated"},
		{"unknown parameter", managedRule("r", "CLOUDWATCH_ALARM_ACTION_CHECK", `{"foo":"1"}`), "InvalidParameterValueException"},
		{"missing required parameter", managedRule("r", "CLOUDWATCH_ALARM_SETTINGS_CHECK", `{}`), "InvalidParameterValueException"},
		{"bad json", managedRule("r", "CLOUDWATCH_ALARM_ACTION_CHECK", `{`), "InvalidParameterValueException"},
		{"managed with source details", &config.PutConfigRuleInput{ConfigRule: &config.ConfigRule{ConfigRuleName: "r", Source: &config.RuleSource{Owner: "AWS",
			SourceIdentifier: "CLOUDWATCH_ALARM_ACTION_CHECK", SourceDetails: []config.SourceDetail{change}}}}, "InvalidParameterValueException"},
		{"guard", &config.PutConfigRuleInput{ConfigRule: &config.ConfigRule{ConfigRuleName: "r", Source: &config.RuleSource{Owner: config.OwnerCustomPolicy}}}, "NotSimulated"},
		{"lambda without details", lambda(), "InvalidParameterValueException"},
		{"lambda unknown function", &config.PutConfigRuleInput{ConfigRule: &config.ConfigRule{ConfigRuleName: "c", Source: &config.RuleSource{Owner: config.OwnerCustomLambda,
			SourceIdentifier: "arn:aws:lambda:us-east-1:123456789012:function:nope", SourceDetails: []config.SourceDetail{change}}}}, "InsufficientPermissionsException"},
		{"frequency on a change trigger", lambda(config.SourceDetail{EventSource: "aws.config", MessageType: config.MessageItemChange, MaximumExecutionFrequency: config.OneHour}), "InvalidParameterValueException"},
		{"bad message type", lambda(config.SourceDetail{EventSource: "aws.config", MessageType: "Nope"}), "ValidationException"},
		{"id on create", &config.PutConfigRuleInput{ConfigRule: &config.ConfigRule{ConfigRuleName: "r", ConfigRuleID: "config-rule-abcdef", Source: &config.RuleSource{Owner: "AWS",
			SourceIdentifier: "CLOUDWATCH_ALARM_ACTION_CHECK"}}}, "InvalidParameterValueException"},
		{"resource id without one type", &config.PutConfigRuleInput{ConfigRule: &config.ConfigRule{ConfigRuleName: "r", Scope: &config.Scope{ComplianceResourceID: "a"},
			Source: &config.RuleSource{Owner: "AWS", SourceIdentifier: "CLOUDWATCH_ALARM_ACTION_CHECK"}}}, "InvalidParameterValueException"},
		{"tag and resource scope", &config.PutConfigRuleInput{ConfigRule: &config.ConfigRule{ConfigRuleName: "r", Scope: &config.Scope{TagKey: "k", ComplianceResourceTypes: []string{config.TypeAlarm}},
			Source: &config.RuleSource{Owner: "AWS", SourceIdentifier: "CLOUDWATCH_ALARM_ACTION_CHECK"}}}, "InvalidParameterValueException"},
		{"state", &config.PutConfigRuleInput{ConfigRule: &config.ConfigRule{ConfigRuleName: "r", ConfigRuleState: "DELETING",
			Source: &config.RuleSource{Owner: "AWS", SourceIdentifier: "CLOUDWATCH_ALARM_ACTION_CHECK"}}}, "InvalidParameterValueException"},
	} {
		_, err := e.s.PutConfigRule(ctx, tc.in)
		if tc.code == "NotSimulated" {
			if !bus.IsNotSimulated(err) {
				t.Errorf("%s: %v", tc.name, err)
			}
			continue
		}
		var ae interface{ ErrorCode() string }
		if !errors.As(err, &ae) || ae.ErrorCode() != tc.code {
			t.Errorf("%s: got %v, want %s", tc.name, err, tc.code)
		}
	}
	get(e.s.PutConfigRule(ctx, managedRule("r", "CLOUDWATCH_ALARM_ACTION_CHECK", `{"okActionRequired":"true"}`)))(t)
	d := get(e.s.DescribeConfigRules(ctx, &config.DescribeConfigRulesInput{ConfigRuleNames: []string{"r"}}))(t)
	r := d.ConfigRules[0]
	if !strings.HasPrefix(r.ConfigRuleID, "config-rule-") || len(r.ConfigRuleID) != len("config-rule-")+6 || r.ConfigRuleState != "ACTIVE" ||
		r.ConfigRuleArn != "arn:aws:config:us-east-1:123456789012:config-rule/"+r.ConfigRuleID {
		t.Fatalf("rule: %+v", r)
	}
	_, err = e.s.DescribeConfigRules(ctx, &config.DescribeConfigRulesInput{ConfigRuleNames: []string{"x"}})
	wantCode(t, err, "NoSuchConfigRuleException")
	get(e.s.DeleteConfigRule(ctx, &config.DeleteConfigRuleInput{ConfigRuleName: "r"}))(t)
	d = get(e.s.DescribeConfigRules(ctx, nil))(t)
	if d.ConfigRules[0].ConfigRuleState != config.RuleDeleting {
		t.Fatalf("state %s", d.ConfigRules[0].ConfigRuleState)
	}
	_, err = e.s.PutConfigRule(ctx, managedRule("r", "CLOUDWATCH_ALARM_ACTION_CHECK", ""))
	wantCode(t, err, "ResourceInUseException")
	e.advance(t, 0)
	d = get(e.s.DescribeConfigRules(ctx, nil))(t)
	if len(d.ConfigRules) != 0 {
		t.Fatalf("rule still there: %+v", d)
	}
}

// TestComplianceEventsOnce: one "Config Rules Compliance Change" per change of compliance type;
// the deletion makes the resource NOT_APPLICABLE and drops it from the roll-up.
func TestComplianceEventsOnce(t *testing.T) {
	e := newEnv(t)
	evs := collectEvents(t, e.b)
	e.record(t, &config.RecordingGroup{ResourceTypes: []string{config.TypeAlarm}})
	get(e.s.PutConfigRule(ctx, managedRule("desc", "CLOUDWATCH_ALARM_DESCRIPTION", "")))(t)
	conf := alarmConf("a", nil, nil, nil)
	e.change(bus.ResourceCreated, config.TypeAlarm, "a", conf, nil)
	e.advance(t, time.Minute)
	for i := 0; i < 3; i++ { // changes that keep it NON_COMPLIANT
		conf["Period"] = 60 * (i + 2)
		e.change(bus.ResourceUpdated, config.TypeAlarm, "a", conf, nil)
		e.advance(t, time.Minute)
	}
	conf["AlarmDescription"] = "now described"
	e.change(bus.ResourceUpdated, config.TypeAlarm, "a", conf, nil)
	e.advance(t, time.Minute)
	e.change(bus.ResourceDeleted, config.TypeAlarm, "a", nil, nil)
	e.advance(t, time.Minute)
	var seq []string
	for _, ev := range *evs {
		if ev.DetailType != config.DetailComplianceChange {
			continue
		}
		var d struct {
			ConfigRuleARN       string `json:"configRuleARN"`
			NewEvaluationResult struct {
				ComplianceType string `json:"complianceType"`
			} `json:"newEvaluationResult"`
			OldEvaluationResult *json.RawMessage `json:"oldEvaluationResult"`
		}
		if err := json.Unmarshal(ev.Detail, &d); err != nil {
			t.Fatal(err)
		}
		if len(seq) == 0 && d.OldEvaluationResult != nil {
			t.Error("first result has an oldEvaluationResult")
		}
		if d.ConfigRuleARN == "" || len(ev.Resources) != 0 {
			t.Errorf("event %s", ev.Detail)
		}
		seq = append(seq, d.NewEvaluationResult.ComplianceType)
	}
	if strings.Join(seq, ",") != "NON_COMPLIANT,COMPLIANT,NOT_APPLICABLE" {
		t.Fatalf("compliance events %v", seq)
	}
	c := get(e.s.DescribeComplianceByConfigRule(ctx, nil))(t)
	if c.ComplianceByConfigRules[0].Compliance.ComplianceType != config.InsufficientData {
		t.Fatalf("after deletion: %+v", c.ComplianceByConfigRules[0].Compliance)
	}
}

func TestCustomLambdaRule(t *testing.T) {
	e := newEnv(t)
	e.record(t, &config.RecordingGroup{ResourceTypes: []string{config.TypeAlarm}})
	var events []config.RuleEvent
	var putErr error
	fn, _ := bus.NewLambdaFunction(e.b, "rule-fn", func(ctx context.Context, payload []byte) error {
		var ev config.RuleEvent
		if err := json.Unmarshal(payload, &ev); err != nil {
			return err
		}
		events = append(events, ev)
		var inv struct {
			MessageType       string
			ConfigurationItem struct {
				ResourceType, ResourceID, ConfigurationItemStatus string
				ConfigurationItemCaptureTime                      time.Time
			}
		}
		if err := json.Unmarshal([]byte(ev.InvokingEvent), &inv); err != nil {
			return err
		}
		ct := config.NonCompliant
		if inv.ConfigurationItem.ConfigurationItemStatus == config.ItemDeleted || ev.EventLeftScope {
			ct = config.NotApplicable
		}
		_, putErr = sEnv.PutEvaluations(ctx, &config.PutEvaluationsInput{ResultToken: ev.ResultToken, Evaluations: []config.Evaluation{{
			ComplianceResourceType: inv.ConfigurationItem.ResourceType, ComplianceResourceID: inv.ConfigurationItem.ResourceID,
			ComplianceType: ct, OrderingTimestamp: inv.ConfigurationItem.ConfigurationItemCaptureTime}}})
		return nil
	})
	sEnv = e.s
	get(e.s.PutConfigRule(ctx, &config.PutConfigRuleInput{ConfigRule: &config.ConfigRule{ConfigRuleName: "custom", InputParameters: `{"x":"1"}`,
		Scope:  &config.Scope{TagKey: "team"},
		Source: &config.RuleSource{Owner: config.OwnerCustomLambda, SourceIdentifier: fn.ARN(), SourceDetails: []config.SourceDetail{{EventSource: "aws.config", MessageType: config.MessageItemChange}}}}}))(t)
	e.change(bus.ResourceCreated, config.TypeAlarm, "a", alarmConf("a", nil, nil, nil), map[string]string{"team": "x"})
	e.change(bus.ResourceCreated, config.TypeAlarm, "b", alarmConf("b", nil, nil, nil), nil)
	e.advance(t, time.Minute)
	if putErr != nil {
		t.Fatal(putErr)
	}
	if len(events) != 1 || events[0].RuleParameters != `{"x":"1"}` || events[0].Version != "1.0" || events[0].ExecutionRoleArn != role || events[0].ConfigRuleName != "custom" {
		t.Fatalf("events: %+v", events)
	}
	det := get(e.s.GetComplianceDetailsByResource(ctx, &config.GetComplianceDetailsByResourceInput{ResourceType: config.TypeAlarm, ResourceID: "a"}))(t)
	if len(det.EvaluationResults) != 1 || det.EvaluationResults[0].ComplianceType != config.NonCompliant || det.EvaluationResults[0].ResultToken == "" {
		t.Fatalf("details: %+v", det)
	}
	// the tag goes: eventLeftScope
	e.change(bus.ResourceUpdated, config.TypeAlarm, "a", alarmConf("a", nil, nil, nil), nil)
	e.advance(t, time.Minute)
	if len(events) != 2 || !events[1].EventLeftScope {
		t.Fatalf("left scope: %+v", events)
	}
	res := get(e.s.DescribeComplianceByResource(ctx, &config.DescribeComplianceByResourceInput{ResourceType: config.TypeAlarm}))(t)
	if len(res.ComplianceByResources) != 1 || res.ComplianceByResources[0].Compliance.ComplianceType != config.InsufficientData {
		t.Fatalf("by resource: %+v", res)
	}
	// PutEvaluations errors
	_, err := e.s.PutEvaluations(ctx, &config.PutEvaluationsInput{ResultToken: "bogus", Evaluations: []config.Evaluation{{ComplianceResourceType: "AWS::::Account",
		ComplianceResourceID: "123456789012", ComplianceType: config.Compliant, OrderingTimestamp: e.b.Now()}}})
	wantCode(t, err, "InvalidResultTokenException")
	_, err = e.s.PutEvaluations(ctx, &config.PutEvaluationsInput{ResultToken: events[0].ResultToken, Evaluations: []config.Evaluation{{ComplianceResourceType: "AWS::::Account",
		ComplianceResourceID: "123456789012", ComplianceType: config.InsufficientData, OrderingTimestamp: e.b.Now()}}})
	wantCode(t, err, "InvalidParameterValueException")
	get(e.s.PutEvaluations(ctx, &config.PutEvaluationsInput{ResultToken: "anything", TestMode: true, Evaluations: []config.Evaluation{{ComplianceResourceType: "AWS::::Account",
		ComplianceResourceID: "123456789012", ComplianceType: config.Compliant, OrderingTimestamp: e.b.Now()}}}))(t)
	// an older result is ignored
	get(e.s.PutEvaluations(ctx, &config.PutEvaluationsInput{ResultToken: events[0].ResultToken, Evaluations: []config.Evaluation{{ComplianceResourceType: config.TypeAlarm,
		ComplianceResourceID: "a", ComplianceType: config.Compliant, OrderingTimestamp: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}}}))(t)
	det = get(e.s.GetComplianceDetailsByResource(ctx, &config.GetComplianceDetailsByResourceInput{ResourceType: config.TypeAlarm, ResourceID: "a", ComplianceTypes: []string{"NOT_APPLICABLE"}}))(t)
	if len(det.EvaluationResults) != 1 {
		t.Fatalf("older result replaced the newer: %+v", det)
	}
	st := get(e.s.DescribeConfigRuleEvaluationStatus(ctx, nil))(t)
	if s := st.ConfigRulesEvaluationStatus[0]; !s.FirstEvaluationStarted || s.LastSuccessfulInvocationTime == nil || s.FirstActivatedTime == nil {
		t.Fatalf("status %+v", s)
	}
}

var sEnv *config.Service

func TestPeriodicAndReevaluation(t *testing.T) {
	e := newEnv(t)
	evs := collectEvents(t, e.b)
	e.record(t, nil)
	e.change(bus.ResourceCreated, "AWS::Logs::LogGroup", "/app", map[string]any{"logGroupName": "/app", "retentionInDays": 7}, nil)
	get(e.s.PutConfigRule(ctx, &config.PutConfigRuleInput{ConfigRule: &config.ConfigRule{ConfigRuleName: "retention", MaximumExecutionFrequency: config.OneHour,
		Source: &config.RuleSource{Owner: "AWS", SourceIdentifier: "CW_LOGGROUP_RETENTION_PERIOD_CHECK"}}}))(t)
	e.advance(t, time.Minute)
	det := get(e.s.GetComplianceDetailsByConfigRule(ctx, &config.GetComplianceDetailsByConfigRuleInput{ConfigRuleName: "retention"}))(t)
	if len(det.EvaluationResults) != 1 || det.EvaluationResults[0].ComplianceType != config.NonCompliant {
		t.Fatalf("%+v", det)
	}
	e.change(bus.ResourceUpdated, "AWS::Logs::LogGroup", "/app", map[string]any{"logGroupName": "/app", "retentionInDays": 400}, nil)
	e.advance(t, 30*time.Minute) // not yet re-run
	det = get(e.s.GetComplianceDetailsByConfigRule(ctx, &config.GetComplianceDetailsByConfigRuleInput{ConfigRuleName: "retention"}))(t)
	if det.EvaluationResults[0].ComplianceType != config.NonCompliant {
		t.Fatal("periodic rule ran early")
	}
	e.advance(t, time.Hour)
	det = get(e.s.GetComplianceDetailsByConfigRule(ctx, &config.GetComplianceDetailsByConfigRuleInput{ConfigRuleName: "retention"}))(t)
	if det.EvaluationResults[0].ComplianceType != config.Compliant {
		t.Fatal("periodic rule did not run")
	}
	e.change(bus.ResourceDeleted, "AWS::Logs::LogGroup", "/app", nil, nil)
	get(e.s.StartConfigRulesEvaluation(ctx, &config.StartConfigRulesEvaluationInput{ConfigRuleNames: []string{"retention"}}))(t)
	_, err := e.s.StartConfigRulesEvaluation(ctx, &config.StartConfigRulesEvaluationInput{ConfigRuleNames: []string{"retention"}})
	wantCode(t, err, "LimitExceededException")
	d := get(e.s.DescribeConfigRules(ctx, nil))(t)
	if d.ConfigRules[0].ConfigRuleState != config.RuleEvaluating {
		t.Fatalf("state %s", d.ConfigRules[0].ConfigRuleState)
	}
	e.advance(t, time.Minute)
	det = get(e.s.GetComplianceDetailsByConfigRule(ctx, &config.GetComplianceDetailsByConfigRuleInput{ConfigRuleName: "retention", ComplianceTypes: []string{config.NotApplicable}}))(t)
	if len(det.EvaluationResults) != 1 {
		t.Fatalf("clean-up: %+v", det)
	}
	var reeval int
	for _, ev := range *evs {
		if ev.DetailType == config.DetailReevaluation {
			reeval++
		}
	}
	if reeval != 1 {
		t.Errorf("%d re-evaluation events", reeval)
	}
	get(e.s.DeleteEvaluationResults(ctx, &config.DeleteEvaluationResultsInput{ConfigRuleName: "retention"}))(t)
	c := get(e.s.DescribeComplianceByConfigRule(ctx, nil))(t)
	if c.ComplianceByConfigRules[0].Compliance.ComplianceType != config.InsufficientData {
		t.Fatal("results not deleted")
	}
}

func TestRemediation(t *testing.T) {
	e := newEnv(t, config.WithEvaluationDelay(0))
	e.record(t, &config.RecordingGroup{ResourceTypes: []string{config.TypeAlarm}})
	var calls []config.RemediationRequest
	fail := 2
	if err := e.s.RegisterRemediationDocument("AddActions", func(ctx context.Context, req config.RemediationRequest) error {
		calls = append(calls, req)
		if fail > 0 {
			fail--
			return errors.New("transient")
		}
		e.change(bus.ResourceUpdated, config.TypeAlarm, req.ResourceID, alarmConf(req.ResourceID, req.Parameters["Topic"], req.Parameters["Topic"], nil), nil)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	get(e.s.PutConfigRule(ctx, managedRule("actions", "CLOUDWATCH_ALARM_ACTION_CHECK", "")))(t)
	out := get(e.s.PutRemediationConfigurations(ctx, &config.PutRemediationConfigurationsInput{RemediationConfigurations: []config.RemediationConfiguration{
		{ConfigRuleName: "actions", TargetType: "SSM_DOCUMENT", TargetID: "AddActions", Automatic: true, RetryAttemptSeconds: 300,
			Parameters: map[string]config.RemediationParameterValue{"AlarmName": {ResourceValue: &config.ResourceValue{Value: "RESOURCE_ID"}},
				"Topic": {StaticValue: &config.StaticValue{Values: []string{"arn:aws:sns:us-east-1:123456789012:ops"}}}}},
		{ConfigRuleName: "nope", TargetType: "SSM_DOCUMENT", TargetID: "AddActions"},
	}}))(t)
	if len(out.FailedBatches) != 1 {
		t.Fatalf("failed batches %+v", out)
	}
	_, err := e.s.DeleteConfigRule(ctx, &config.DeleteConfigRuleInput{ConfigRuleName: "actions"})
	wantCode(t, err, "ResourceInUseException")
	e.change(bus.ResourceCreated, config.TypeAlarm, "a", alarmConf("a", nil, nil, nil), nil)
	e.advance(t, 10*time.Minute)
	if len(calls) != 3 || calls[0].Parameters["AlarmName"][0] != "a" {
		t.Fatalf("calls %+v", calls)
	}
	c := get(e.s.DescribeComplianceByResource(ctx, &config.DescribeComplianceByResourceInput{ResourceType: config.TypeAlarm, ResourceID: "a"}))(t)
	if c.ComplianceByResources[0].Compliance.ComplianceType != config.Compliant {
		t.Fatalf("after remediation: %+v", c.ComplianceByResources[0].Compliance)
	}
	st := get(e.s.DescribeRemediationExecutionStatus(ctx, &config.DescribeRemediationExecutionStatusInput{ConfigRuleName: "actions"}))(t)
	if len(st.RemediationExecutionStatuses) != 1 || st.RemediationExecutionStatuses[0].State != "SUCCEEDED" {
		t.Fatalf("status %+v", st)
	}
	// manual execution
	get(e.s.StartRemediationExecution(ctx, &config.StartRemediationExecutionInput{ConfigRuleName: "actions", ResourceKeys: []config.ResourceKey{{ResourceType: config.TypeAlarm, ResourceID: "a"}}}))(t)
	if len(calls) != 4 {
		t.Fatalf("manual: %d calls", len(calls))
	}
	get(e.s.DeleteRemediationConfiguration(ctx, &config.DeleteRemediationConfigurationInput{ConfigRuleName: "actions"}))(t)
	_, err = e.s.StartRemediationExecution(ctx, &config.StartRemediationExecutionInput{ConfigRuleName: "actions", ResourceKeys: []config.ResourceKey{{ResourceType: config.TypeAlarm, ResourceID: "a"}}})
	wantCode(t, err, "NoSuchRemediationConfigurationException")
}

// TestRequiredTagsOnInstances: EC2 instances a simulator of the user's own publishes (as
// examples/fleet does) are evaluated by REQUIRED_TAGS and DESIRED_INSTANCE_TYPE as they change.
func TestRequiredTagsOnInstances(t *testing.T) {
	e := newEnv(t)
	e.record(t, nil)
	get(e.s.PutConfigRule(ctx, managedRule("tags", "REQUIRED_TAGS", `{"tag1Key":"Team","tag2Key":"Env","tag2Value":"prod,staging"}`)))(t)
	get(e.s.PutConfigRule(ctx, managedRule("types", "DESIRED_INSTANCE_TYPE", `{"instanceType":"t3.micro, t3.small"}`)))(t)
	e.change(bus.ResourceCreated, "AWS::EC2::Instance", "i-good", map[string]any{"instanceId": "i-good", "instanceType": "t3.small"},
		map[string]string{"Team": "web", "Env": "prod"})
	e.change(bus.ResourceCreated, "AWS::EC2::Instance", "i-bad", map[string]any{"instanceId": "i-bad", "instanceType": "m5.large"},
		map[string]string{"Team": "web", "Env": "dev"})
	e.advance(t, time.Minute)
	verdict := func(rule, id string) string {
		d := get(e.s.GetComplianceDetailsByResource(ctx, &config.GetComplianceDetailsByResourceInput{ResourceType: "AWS::EC2::Instance",
			ResourceID: id, ComplianceTypes: []string{"COMPLIANT", "NON_COMPLIANT", "NOT_APPLICABLE"}}))(t)
		for _, r := range d.EvaluationResults {
			if r.EvaluationResultIdentifier.EvaluationResultQualifier.ConfigRuleName == rule {
				return r.ComplianceType
			}
		}
		return "none"
	}
	for _, c := range []struct{ rule, id, want string }{
		{"tags", "i-good", config.Compliant}, {"tags", "i-bad", config.NonCompliant},
		{"types", "i-good", config.Compliant}, {"types", "i-bad", config.NonCompliant},
	} {
		if got := verdict(c.rule, c.id); got != c.want {
			t.Errorf("%s on %s: %s, want %s", c.rule, c.id, got, c.want)
		}
	}
	// Retagging the bad instance makes it compliant with REQUIRED_TAGS.
	e.change(bus.ResourceUpdated, "AWS::EC2::Instance", "i-bad", map[string]any{"instanceId": "i-bad", "instanceType": "m5.large"},
		map[string]string{"Team": "web", "Env": "staging"})
	e.advance(t, time.Minute)
	if got := verdict("tags", "i-bad"); got != config.Compliant {
		t.Errorf("after retagging: %s", got)
	}
}

// TestRegisterAfterClose: the Go-side registrations follow the misuse rule: after the bus is closed
// they return an error wrapping bus.ErrClosed.
func TestRegisterAfterClose(t *testing.T) {
	b := bus.MustNew()
	s, err := config.New(b)
	if err != nil {
		t.Fatal(err)
	}
	b.Close()
	if err := s.RegisterResourceType("MyCorp::Svc::Thing", "00000001"); !errors.Is(err, bus.ErrClosed) {
		t.Errorf("RegisterResourceType after Close: %v", err)
	}
	if err := s.RegisterRemediationDocument("AWS-Fix", func(context.Context, config.RemediationRequest) error { return nil }); !errors.Is(err, bus.ErrClosed) {
		t.Errorf("RegisterRemediationDocument after Close: %v", err)
	}
}
