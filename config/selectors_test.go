package config_test

import (
	"strings"
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/config"
	"github.com/watchsim/watchsim/logs"
	"github.com/watchsim/watchsim/trail"
)

// TestTrailSelectorRules runs the selector-reading CloudTrail rules against the real CloudTrail
// service: Config follows each trail's selectors from its PutEventSelectors calls, and CreateTrail
// after DeleteTrail starts over from the default selector.
func TestTrailSelectorRules(t *testing.T) {
	e := newEnv(t, config.WithEvaluationDelay(0))
	ct, err := trail.New(e.b)
	if err != nil {
		t.Fatal(err)
	}
	e.record(t, nil)
	rules := map[string]string{
		"multi":    `MULTI_REGION_CLOUD_TRAIL_ENABLED|{"readWriteType":"ALL","includeManagementEvents":"true"}`,
		"s3":       `CLOUDTRAIL_S3_DATAEVENTS_ENABLED|`,
		"s3-named": `CLOUDTRAIL_S3_DATAEVENTS_ENABLED|{"S3BucketNames":"orders, invoices"}`,
		"read":     `CLOUDTRAIL_ALL_READ_S3_DATA_EVENT_CHECK|`,
		"write":    `CLOUDTRAIL_ALL_WRITE_S3_DATA_EVENT_CHECK|`,
		"security": `CLOUDTRAIL_SECURITY_TRAIL_ENABLED|`,
	}
	names := []string{"multi", "s3", "s3-named", "read", "write", "security"}
	for _, n := range names {
		id, params, _ := strings.Cut(rules[n], "|")
		get(e.s.PutConfigRule(ctx, managedRule(n, id, params)))(t)
	}
	yes := true
	createTrail := func() {
		get(ct.CreateTrail(ctx, &trail.CreateTrailInput{Name: "org", S3BucketName: "config-bucket", IsMultiRegionTrail: &yes,
			IncludeGlobalServiceEvents: &yes, EnableLogFileValidation: &yes,
			KmsKeyID: "arn:aws:kms:us-east-1:123456789012:key/12345678-1234-1234-1234-123456789012"}))(t)
		get(ct.StartLogging(ctx, &trail.StartLoggingInput{Name: "org"}))(t)
	}
	createTrail()
	verdicts := func(step string, want map[string]string) {
		t.Helper()
		get(e.s.StartConfigRulesEvaluation(ctx, &config.StartConfigRulesEvaluationInput{ConfigRuleNames: names}))(t)
		e.advance(t, time.Minute)
		for _, n := range names {
			d := get(e.s.GetComplianceDetailsByConfigRule(ctx, &config.GetComplianceDetailsByConfigRuleInput{ConfigRuleName: n}))(t)
			got := "none"
			if len(d.EvaluationResults) == 1 {
				got = d.EvaluationResults[0].ComplianceType
			}
			if got != want[n] {
				t.Errorf("%s: rule %s is %s, want %s", step, n, got, want[n])
			}
		}
	}
	C, N := config.Compliant, config.NonCompliant
	verdicts("default selector", map[string]string{"multi": C, "s3": N, "s3-named": N, "read": N, "write": N, "security": C})

	f := false
	get(ct.PutEventSelectors(ctx, &trail.PutEventSelectorsInput{TrailName: "org", EventSelectors: []trail.EventSelector{
		{ReadWriteType: "All", IncludeManagementEvents: &yes, ExcludeManagementEventSources: []string{"kms.amazonaws.com"}},
		{ReadWriteType: "ReadOnly", IncludeManagementEvents: &f, DataResources: []trail.DataResource{{Type: "AWS::S3::Object", Values: []string{"arn:aws:s3"}}}},
	}}))(t)
	verdicts("KMS excluded, all S3 reads", map[string]string{"multi": N, "s3": C, "s3-named": C, "read": C, "write": N, "security": N})

	get(ct.PutEventSelectors(ctx, &trail.PutEventSelectorsInput{TrailName: "org", EventSelectors: []trail.EventSelector{
		{ReadWriteType: "All", IncludeManagementEvents: &yes, DataResources: []trail.DataResource{
			{Type: "AWS::S3::Object", Values: []string{"arn:aws:s3:::orders/", "arn:aws:s3:::invoices/2026/"}}}},
	}}))(t)
	verdicts("one whole bucket, one prefix", map[string]string{"multi": C, "s3": N, "s3-named": N, "read": N, "write": N, "security": C})

	get(ct.PutEventSelectors(ctx, &trail.PutEventSelectorsInput{TrailName: "org", AdvancedEventSelectors: []trail.AdvancedEventSelector{
		{Name: "management reads", FieldSelectors: []trail.AdvancedFieldSelector{
			{Field: "eventCategory", Equals: []string{"Management"}}, {Field: "readOnly", Equals: []string{"true"}}}},
		{Name: "S3 writes", FieldSelectors: []trail.AdvancedFieldSelector{
			{Field: "eventCategory", Equals: []string{"Data"}}, {Field: "resources.type", Equals: []string{"AWS::S3::Object"}},
			{Field: "readOnly", Equals: []string{"false"}}}},
	}}))(t)
	verdicts("advanced: management reads, S3 writes", map[string]string{"multi": N, "s3": C, "s3-named": C, "read": N, "write": C, "security": N})

	get(ct.StopLogging(ctx, &trail.StopLoggingInput{Name: "org"}))(t)
	verdicts("stopped", map[string]string{"multi": N, "s3": N, "s3-named": N, "read": N, "write": N, "security": N})

	get(ct.DeleteTrail(ctx, &trail.DeleteTrailInput{Name: "org"}))(t)
	createTrail()
	verdicts("re-created", map[string]string{"multi": C, "s3": N, "s3-named": N, "read": N, "write": N, "security": C})
}

// TestSelectorRuleParameters: MULTI_REGION_CLOUD_TRAIL_ENABLED takes the two selector parameters
// of its page; a bad value is the rule's evaluation error, not a refusal.
func TestSelectorRuleParameters(t *testing.T) {
	e := newEnv(t, config.WithEvaluationDelay(0))
	e.record(t, nil)
	get(e.s.PutConfigRule(ctx, managedRule("multi", "MULTI_REGION_CLOUD_TRAIL_ENABLED", `{"readWriteType":"Sometimes"}`)))(t)
	e.advance(t, time.Minute)
	st := get(e.s.DescribeConfigRuleEvaluationStatus(ctx, &config.DescribeConfigRuleEvaluationStatusInput{ConfigRuleNames: []string{"multi"}}))(t)
	if len(st.ConfigRulesEvaluationStatus) != 1 || st.ConfigRulesEvaluationStatus[0].LastErrorMessage == "" {
		t.Fatalf("%+v", st)
	}
	_, err := e.s.PutConfigRule(ctx, managedRule("sec", "CLOUDTRAIL_SECURITY_TRAIL_ENABLED", `{"x":"1"}`))
	wantCode(t, err, "InvalidParameterValueException")
}

// TestPublishedKindsRules: a simulator of the user's own publishes metric streams, event data
// stores and global endpoints; Config records them and the three change-triggered rules judge them.
func TestPublishedKindsRules(t *testing.T) {
	e := newEnv(t)
	e.record(t, nil)
	get(e.s.PutConfigRule(ctx, managedRule("streams", "CLOUDWATCH_METRIC_STREAM_TAGGED", `{"requiredKeyTags":"team"}`)))(t)
	get(e.s.PutConfigRule(ctx, managedRule("stores", "CLOUDTRAIL_EVENT_DATA_STORE_MULTI_REGION", "")))(t)
	get(e.s.PutConfigRule(ctx, managedRule("endpoints", "GLOBAL_ENDPOINT_EVENT_REPLICATION_ENABLED", "")))(t)
	e.change(bus.ResourceCreated, "AWS::CloudWatch::MetricStream", "tagged", map[string]any{"Name": "tagged"}, map[string]string{"team": "obs"})
	e.change(bus.ResourceCreated, "AWS::CloudWatch::MetricStream", "bare", map[string]any{"Name": "bare"}, nil)
	e.change(bus.ResourceCreated, "AWS::CloudTrail::EventDataStore", "local", map[string]any{"Name": "local", "MultiRegionEnabled": false}, nil)
	e.change(bus.ResourceCreated, "AWS::Events::Endpoint", "replicating", map[string]any{"Name": "replicating",
		"ReplicationConfig": map[string]any{"State": "ENABLED"}}, nil)
	e.advance(t, time.Minute)
	for _, c := range []struct{ typ, id, want string }{
		{"AWS::CloudWatch::MetricStream", "tagged", config.Compliant},
		{"AWS::CloudWatch::MetricStream", "bare", config.NonCompliant},
		{"AWS::CloudTrail::EventDataStore", "local", config.NonCompliant},
		{"AWS::Events::Endpoint", "replicating", config.Compliant},
	} {
		d := get(e.s.GetComplianceDetailsByResource(ctx, &config.GetComplianceDetailsByResourceInput{ResourceType: c.typ, ResourceID: c.id}))(t)
		if len(d.EvaluationResults) != 1 || d.EvaluationResults[0].ComplianceType != c.want {
			t.Errorf("%s %s: %+v, want %s", c.typ, c.id, d.EvaluationResults, c.want)
		}
	}
}

// TestCloudWatchLogsDeliveryWindow: CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED with
// expectedDeliveryWindowAge reads the trail's last delivery to CloudWatch Logs, followed on
// bus.Deliveries, and agrees with GetTrailStatus.
func TestCloudWatchLogsDeliveryWindow(t *testing.T) {
	e := newEnv(t, config.WithEvaluationDelay(0))
	lg, err := logs.New(e.b)
	if err != nil {
		t.Fatal(err)
	}
	ct, err := trail.New(e.b)
	if err != nil {
		t.Fatal(err)
	}
	e.record(t, nil)
	get(lg.CreateLogGroup(ctx, &logs.CreateLogGroupInput{LogGroupName: "CloudTrail/audit"}))(t)
	get(lg.CreateLogGroup(ctx, &logs.CreateLogGroupInput{LogGroupName: "other"}))(t)
	get(e.s.PutConfigRule(ctx, managedRule("cwl", "CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED", `{"expectedDeliveryWindowAge":"1"}`)))(t)
	get(ct.CreateTrail(ctx, &trail.CreateTrailInput{Name: "audit", S3BucketName: "config-bucket",
		CloudWatchLogsLogGroupArn: "arn:aws:logs:us-east-1:123456789012:log-group:CloudTrail/audit:*",
		CloudWatchLogsRoleArn:     "arn:aws:iam::123456789012:role/CloudTrail_CloudWatchLogs_Role"}))(t)
	verdict := func(step, want string) {
		t.Helper()
		get(e.s.StartConfigRulesEvaluation(ctx, &config.StartConfigRulesEvaluationInput{ConfigRuleNames: []string{"cwl"}}))(t)
		e.advance(t, time.Minute)
		d := get(e.s.GetComplianceDetailsByConfigRule(ctx, &config.GetComplianceDetailsByConfigRuleInput{ConfigRuleName: "cwl"}))(t)
		if len(d.EvaluationResults) != 1 || d.EvaluationResults[0].ComplianceType != want {
			t.Fatalf("%s: %+v, want %s", step, d.EvaluationResults, want)
		}
	}
	verdict("never delivered", config.NonCompliant)
	// Someone else writing the CloudTrail stream's name into another group does not count.
	if err := e.b.Deliver(ctx, "arn:aws:logs:us-east-1:123456789012:log-group:other", bus.Payload{Key: "123456789012_CloudTrail_us-east-1", Body: []byte("x")}); err != nil {
		t.Fatal(err)
	}
	verdict("a delivery to another group", config.NonCompliant)
	get(ct.StartLogging(ctx, &trail.StartLoggingInput{Name: "audit"}))(t)
	e.advance(t, 5*time.Minute) // the next log file, and its records in CloudWatch Logs
	st := get(ct.GetTrailStatus(ctx, &trail.GetTrailStatusInput{Name: "audit"}))(t)
	if st.LatestCloudWatchLogsDeliveryTime == nil {
		t.Fatal("the trail delivered nothing to CloudWatch Logs")
	}
	verdict("delivered", config.Compliant)
	get(ct.StopLogging(ctx, &trail.StopLoggingInput{Name: "audit"}))(t)
	e.advance(t, 2*time.Hour)
	verdict("last delivery two hours ago", config.NonCompliant)
}
