package config

import (
	"strconv"
	"strings"
)

// The managed rules of this world and their decision logic. AWS does not publish the rules'
// code; each decision reads the rule's page of the AWS Config Developer Guide
// ("List of AWS Config Managed Rules",
// https://docs.aws.amazon.com/config/latest/developerguide/managed-rules-by-aws-config.html) as a
// predicate. The functions here are pure: a rule's parameters and a document in, a compliance
// type and an annotation out.

// Compliance types.
const (
	Compliant        = "COMPLIANT"
	NonCompliant     = "NON_COMPLIANT"
	NotApplicable    = "NOT_APPLICABLE"
	InsufficientData = "INSUFFICIENT_DATA"
)

// managedParam describes one parameter of a managed rule.
type managedParam struct {
	name     string
	required bool
	def      string // the documented default; "" for none
}

// managedRule is one managed rule: its parameters, its trigger and its decision.
type managedRule struct {
	id       string
	types    []string // the types it evaluates (AWS::::Account for account-level rules)
	periodic bool
	params   []managedParam
	// change evaluates one configuration item (change-triggered rules).
	change func(p map[string]string, it *item) (string, string)
	// periodic evaluates the world (periodic rules).
	scan func(p map[string]string, w *worldView) []evaluation
	// check validates parameter values; an error is an evaluation error, not a refusal at Put.
	check func(p map[string]string) string
}

// evaluation is one result a rule produces.
type evaluation struct {
	typ, id, ctype, annotation string
}

// lookupManaged returns the managed rule with the identifier, or nil when watchsim does not
// implement it.
func lookupManaged(id string) *managedRule {
	switch id {
	case "CLOUDWATCH_ALARM_ACTION_CHECK":
		return &managedRule{id: id, types: []string{TypeAlarm}, params: []managedParam{
			{name: "alarmActionRequired", def: "true"}, {name: "insufficientDataActionRequired", def: "true"}, {name: "okActionRequired", def: "false"},
			{name: "action1"}, {name: "action2"}, {name: "action3"}, {name: "action4"}, {name: "action5"}},
			change: alarmActionCheck}
	case "CLOUDWATCH_ALARM_ACTION_ENABLED_CHECK":
		return &managedRule{id: id, types: []string{TypeAlarm}, change: alarmActionEnabledCheck}
	case "CLOUDWATCH_ALARM_DESCRIPTION":
		return &managedRule{id: id, types: []string{TypeAlarm}, change: alarmDescriptionCheck}
	case "CLOUDWATCH_ALARM_SETTINGS_CHECK":
		return &managedRule{id: id, types: []string{TypeAlarm}, params: []managedParam{
			{name: "metricName", required: true}, {name: "threshold"}, {name: "evaluationPeriods"}, {name: "period", def: "300"},
			{name: "comparisonOperator"}, {name: "statistic"}}, change: alarmSettingsCheck, check: alarmSettingsParams}
	case "CLOUDWATCH_ALARM_RESOURCE_CHECK":
		return &managedRule{id: id, types: []string{"AWS::EC2::Instance", "AWS::RDS::DBCluster", "AWS::S3::Bucket", "AWS::EC2::Volume"}, periodic: true,
			params: []managedParam{{name: "resourceType", required: true}, {name: "metricName", required: true}}, scan: alarmResourceCheck, check: alarmResourceParams}
	case "REQUIRED_TAGS":
		return &managedRule{id: id, types: requiredTagsTypes(), params: requiredTagsParams(), change: requiredTagsCheck}
	case "DESIRED_INSTANCE_TYPE":
		return &managedRule{id: id, types: []string{"AWS::EC2::Instance"}, params: []managedParam{{name: "instanceType", required: true}},
			change: desiredInstanceTypeCheck}
	case "CUSTOM_EVENTBUS_POLICY_ATTACHED":
		return &managedRule{id: id, types: []string{TypeEventBus}, change: eventBusPolicyCheck}
	case "CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED":
		return &managedRule{id: id, types: []string{TypeTrail}, periodic: true, scan: trailLogFileValidation}
	case "CLOUD_TRAIL_ENCRYPTION_ENABLED":
		return &managedRule{id: id, types: []string{TypeTrail}, periodic: true, scan: trailEncryption}
	case "CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED":
		return &managedRule{id: id, types: []string{TypeTrail}, periodic: true, params: []managedParam{{name: "expectedDeliveryWindowAge"}},
			scan: trailCloudWatchLogs, check: trailCloudWatchLogsParams}
	case "CLOUD_TRAIL_ENABLED":
		return &managedRule{id: id, types: []string{TypeAccount}, periodic: true, params: []managedParam{
			{name: "s3BucketName"}, {name: "snsTopicArn"}, {name: "cloudWatchLogsLogGroupArn"}}, scan: cloudTrailEnabled(false)}
	case "MULTI_REGION_CLOUD_TRAIL_ENABLED":
		return &managedRule{id: id, types: []string{TypeAccount}, periodic: true, params: []managedParam{
			{name: "s3BucketName"}, {name: "snsTopicArn"}, {name: "cloudWatchLogsLogGroupArn"}, {name: "includeManagementEvents"}, {name: "readWriteType"}},
			scan: cloudTrailEnabled(true), check: multiRegionParams}
	case "CLOUDTRAIL_S3_DATAEVENTS_ENABLED":
		return &managedRule{id: id, types: []string{TypeAccount}, periodic: true, params: []managedParam{{name: "S3BucketNames"}}, scan: s3DataEventsEnabled}
	case "CLOUDTRAIL_ALL_READ_S3_DATA_EVENT_CHECK":
		return &managedRule{id: id, types: []string{TypeAccount}, periodic: true, scan: allS3DataEvents(false)}
	case "CLOUDTRAIL_ALL_WRITE_S3_DATA_EVENT_CHECK":
		return &managedRule{id: id, types: []string{TypeAccount}, periodic: true, scan: allS3DataEvents(true)}
	case "CLOUDTRAIL_SECURITY_TRAIL_ENABLED":
		return &managedRule{id: id, types: []string{TypeAccount}, periodic: true, scan: securityTrail}
	case "CLOUDTRAIL_EVENT_DATA_STORE_MULTI_REGION":
		return &managedRule{id: id, types: []string{"AWS::CloudTrail::EventDataStore"}, change: eventDataStoreMultiRegion}
	case "GLOBAL_ENDPOINT_EVENT_REPLICATION_ENABLED":
		return &managedRule{id: id, types: []string{"AWS::Events::Endpoint"}, change: endpointReplication}
	case "CLOUDWATCH_METRIC_STREAM_TAGGED":
		return &managedRule{id: id, types: []string{"AWS::CloudWatch::MetricStream"}, params: []managedParam{{name: "requiredKeyTags"}},
			change: taggedCheck, check: taggedParams}
	case "CLOUDWATCH_LOG_GROUP_ENCRYPTED":
		return &managedRule{id: id, types: []string{typeLogGroup}, periodic: true, params: []managedParam{{name: "KmsKeyId"}}, scan: logGroupEncrypted}
	case "CW_LOGGROUP_RETENTION_PERIOD_CHECK":
		return &managedRule{id: id, types: []string{typeLogGroup}, periodic: true, params: []managedParam{
			{name: "LogGroupNames"}, {name: "MinRetentionTime", def: "365"}}, scan: logGroupRetention, check: logGroupRetentionParams}
	}
	return nil
}

// withDefaults returns the parameters with the documented defaults filled in.
func (m *managedRule) withDefaults(p map[string]string) map[string]string {
	out := make(map[string]string, len(m.params))
	for _, d := range m.params {
		if d.def != "" {
			out[d.name] = d.def
		}
	}
	for k, v := range p {
		out[k] = v
	}
	return out
}

func isTrue(s string) bool { return strings.EqualFold(strings.TrimSpace(s), "true") }

// alarmActionCheck is CLOUDWATCH_ALARM_ACTION_CHECK
// (https://docs.aws.amazon.com/config/latest/developerguide/cloudwatch-alarm-action-check.html):
// the required kinds of action must be present, and when action1…action5 are given one of the
// alarm's actions must be one of them. actionsEnabled is not consulted.
func alarmActionCheck(p map[string]string, it *item) (string, string) {
	a, ok := it.d.value().(*AlarmDocument)
	if !ok {
		return NotApplicable, ""
	}
	if isTrue(p["alarmActionRequired"]) && len(a.AlarmActions) == 0 {
		return NonCompliant, "The alarm has no ALARM action."
	}
	if isTrue(p["insufficientDataActionRequired"]) && len(a.InsufficientDataActions) == 0 {
		return NonCompliant, "The alarm has no INSUFFICIENT_DATA action."
	}
	if isTrue(p["okActionRequired"]) && len(a.OKActions) == 0 {
		return NonCompliant, "The alarm has no OK action."
	}
	var wanted []string
	for i := 1; i <= 5; i++ {
		if v := strings.TrimSpace(p["action"+strconv.Itoa(i)]); v != "" {
			wanted = append(wanted, v)
		}
	}
	if len(wanted) > 0 {
		for _, list := range [][]string{a.AlarmActions, a.InsufficientDataActions, a.OKActions} {
			for _, act := range list {
				for _, w := range wanted {
					if act == w {
						return Compliant, ""
					}
				}
			}
		}
		return NonCompliant, "None of the alarm's actions is one of the actions the rule expects."
	}
	return Compliant, ""
}

// alarmActionEnabledCheck is CLOUDWATCH_ALARM_ACTION_ENABLED_CHECK.
func alarmActionEnabledCheck(_ map[string]string, it *item) (string, string) {
	a, ok := it.d.value().(*AlarmDocument)
	if !ok {
		return NotApplicable, ""
	}
	if !a.ActionsEnabled {
		return NonCompliant, "The alarm's actions are disabled."
	}
	return Compliant, ""
}

// alarmDescriptionCheck is CLOUDWATCH_ALARM_DESCRIPTION.
func alarmDescriptionCheck(_ map[string]string, it *item) (string, string) {
	a, ok := it.d.value().(*AlarmDocument)
	if !ok {
		return NotApplicable, ""
	}
	if strings.TrimSpace(a.AlarmDescription) == "" {
		return NonCompliant, "The alarm has no description."
	}
	return Compliant, ""
}

func alarmSettingsParams(p map[string]string) string {
	for _, k := range []string{"threshold", "evaluationPeriods", "period"} {
		if v, ok := p[k]; ok && v != "" {
			if _, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err != nil {
				return "The parameter " + k + " is not a number: " + v
			}
		}
	}
	return ""
}

// alarmSettingsCheck is CLOUDWATCH_ALARM_SETTINGS_CHECK: alarms on another metric are not
// applicable; every given setting must equal the alarm's, and period is always compared (300 by
// default).
func alarmSettingsCheck(p map[string]string, it *item) (string, string) {
	a, ok := it.d.value().(*AlarmDocument)
	if !ok || a.MetricName == "" || a.MetricName != p["metricName"] {
		return NotApplicable, ""
	}
	num := func(k string) (float64, bool) {
		v := strings.TrimSpace(p[k])
		if v == "" {
			return 0, false
		}
		f, err := strconv.ParseFloat(v, 64)
		return f, err == nil
	}
	if f, ok := num("threshold"); ok && (a.Threshold == nil || *a.Threshold != f) {
		return NonCompliant, "The alarm's threshold differs from " + p["threshold"] + "."
	}
	if f, ok := num("evaluationPeriods"); ok && float64(a.EvaluationPeriods) != f {
		return NonCompliant, "The alarm's evaluation periods differ from " + p["evaluationPeriods"] + "."
	}
	if f, ok := num("period"); ok && float64(a.Period) != f {
		return NonCompliant, "The alarm's period differs from " + p["period"] + "."
	}
	if v := strings.TrimSpace(p["comparisonOperator"]); v != "" && a.ComparisonOperator != v {
		return NonCompliant, "The alarm's comparison operator differs from " + v + "."
	}
	if v := strings.TrimSpace(p["statistic"]); v != "" && a.Statistic != v {
		return NonCompliant, "The alarm's statistic differs from " + v + "."
	}
	return Compliant, ""
}

// eventBusPolicyCheck is CUSTOM_EVENTBUS_POLICY_ATTACHED: a custom bus needs a resource policy;
// the default bus is not applicable.
func eventBusPolicyCheck(_ map[string]string, it *item) (string, string) {
	d, ok := it.d.value().(*EventBusDocument)
	if !ok || d.Name == "default" {
		return NotApplicable, ""
	}
	if strings.TrimSpace(d.Policy) == "" {
		return NonCompliant, "The custom event bus has no resource-based policy."
	}
	return Compliant, ""
}
