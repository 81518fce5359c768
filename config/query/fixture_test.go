package query

import (
	"encoding/json"
	"testing"
)

// worldCIs is the fixture of the worked examples: three alarms, two trails, two buses, two rules
// and five ResourceCompliance items, in API form (configuration as a JSON string, tags as a map).
const worldCIs = `[
{"version":"1.3","accountId":"111122223333","configurationItemCaptureTime":"2026-01-01T00:00:01Z","configurationItemStatus":"ResourceDiscovered","configurationStateId":"1767225601000","arn":"arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-5xx","resourceType":"AWS::CloudWatch::Alarm","resourceId":"orders-5xx","resourceName":"orders-5xx","awsRegion":"eu-west-1","availabilityZone":"Not Applicable","tags":{"team":"orders"},"relationships":[],
 "configuration":"{\"alarmName\":\"orders-5xx\",\"actionsEnabled\":true,\"okactions\":[],\"alarmActions\":[\"arn:aws:sns:eu-west-1:111122223333:pager\"],\"insufficientDataActions\":[],\"metricName\":\"5XXError\",\"namespace\":\"AWS/ApiGateway\",\"dimensions\":[{\"name\":\"ApiName\",\"value\":\"orders\"}],\"period\":60,\"evaluationPeriods\":5,\"threshold\":1.0}","supplementaryConfiguration":{}},
{"version":"1.3","accountId":"111122223333","configurationItemCaptureTime":"2026-01-01T00:00:02Z","configurationItemStatus":"ResourceDiscovered","configurationStateId":"1767225602000","arn":"arn:aws:cloudwatch:eu-west-1:111122223333:alarm:cpu-high","resourceType":"AWS::CloudWatch::Alarm","resourceId":"cpu-high","resourceName":"cpu-high","awsRegion":"eu-west-1","availabilityZone":"Not Applicable","tags":{},"relationships":[],
 "configuration":"{\"alarmName\":\"cpu-high\",\"actionsEnabled\":false,\"okactions\":[],\"alarmActions\":[],\"insufficientDataActions\":[],\"metricName\":\"CPUUtilization\",\"namespace\":\"AWS/EC2\",\"dimensions\":[{\"name\":\"InstanceId\",\"value\":\"i-1\"},{\"name\":\"AutoScalingGroupName\",\"value\":\"web\"}],\"period\":300,\"evaluationPeriods\":2,\"threshold\":80}","supplementaryConfiguration":{}},
{"version":"1.3","accountId":"111122223333","configurationItemCaptureTime":"2026-01-01T00:00:03Z","configurationItemStatus":"OK","configurationStateId":"1767225603000","arn":"arn:aws:cloudwatch:eu-west-1:111122223333:alarm:disk-low","resourceType":"AWS::CloudWatch::Alarm","resourceId":"disk-low","resourceName":"disk-low","awsRegion":"eu-west-1","availabilityZone":"Not Applicable","tags":{"team":"infra"},"relationships":[],
 "configuration":"{\"alarmName\":\"disk-low\",\"actionsEnabled\":true,\"okactions\":[],\"alarmActions\":[\"arn:aws:sns:eu-west-1:111122223333:ops\"],\"insufficientDataActions\":[],\"metricName\":\"FreeStorageSpace\",\"namespace\":\"AWS/RDS\",\"dimensions\":[],\"period\":60,\"evaluationPeriods\":3,\"threshold\":10.5}","supplementaryConfiguration":{}},
{"version":"1.3","accountId":"111122223333","configurationItemCaptureTime":"2026-01-01T00:00:04Z","configurationItemStatus":"ResourceDiscovered","configurationStateId":"1767225604000","arn":"arn:aws:cloudtrail:eu-west-1:111122223333:trail/org-audit","resourceType":"AWS::CloudTrail::Trail","resourceId":"org-audit","resourceName":"org-audit","awsRegion":"eu-west-1","availabilityZone":"Regional","tags":{},"relationships":[],
 "configuration":"{\"name\":\"org-audit\",\"s3BucketName\":\"audit-logs\",\"isMultiRegionTrail\":true,\"logFileValidationEnabled\":true,\"homeRegion\":\"eu-west-1\"}","supplementaryConfiguration":{"Tags":"[]"}},
{"version":"1.3","accountId":"111122223333","configurationItemCaptureTime":"2026-01-01T00:00:05Z","configurationItemStatus":"ResourceDiscovered","configurationStateId":"1767225605000","arn":"arn:aws:cloudtrail:eu-west-1:111122223333:trail/dev","resourceType":"AWS::CloudTrail::Trail","resourceId":"dev","resourceName":"dev","awsRegion":"eu-west-1","availabilityZone":"Regional","tags":{},"relationships":[],
 "configuration":"{\"name\":\"dev\",\"s3BucketName\":\"dev-logs\",\"isMultiRegionTrail\":false,\"logFileValidationEnabled\":false,\"homeRegion\":\"eu-west-1\"}","supplementaryConfiguration":{"Tags":"[]"}},
{"version":"1.3","accountId":"111122223333","configurationItemCaptureTime":"2026-01-01T00:00:06Z","configurationItemStatus":"ResourceDiscovered","configurationStateId":"1767225606000","arn":"arn:aws:events:eu-west-1:111122223333:event-bus/default","resourceType":"AWS::Events::EventBus","resourceId":"default","resourceName":"default","awsRegion":"eu-west-1","availabilityZone":"Regional","tags":{},"relationships":[],
 "configuration":"{\"Arn\":\"arn:aws:events:eu-west-1:111122223333:event-bus/default\",\"Name\":\"default\"}","supplementaryConfiguration":{}},
{"version":"1.3","accountId":"111122223333","configurationItemCaptureTime":"2026-01-01T00:00:07Z","configurationItemStatus":"ResourceDiscovered","configurationStateId":"1767225607000","arn":"arn:aws:events:eu-west-1:111122223333:event-bus/orders-bus","resourceType":"AWS::Events::EventBus","resourceId":"orders-bus","resourceName":"orders-bus","awsRegion":"eu-west-1","availabilityZone":"Regional","tags":{},"relationships":[],
 "configuration":"{\"Arn\":\"arn:aws:events:eu-west-1:111122223333:event-bus/orders-bus\",\"Name\":\"orders-bus\"}","supplementaryConfiguration":{}},
{"version":"1.3","accountId":"111122223333","configurationItemCaptureTime":"2026-01-01T00:00:08Z","configurationItemStatus":"ResourceDiscovered","configurationStateId":"1767225608000","arn":"arn:aws:events:eu-west-1:111122223333:rule/orders-bus/ship","resourceType":"AWS::Events::Rule","resourceId":"orders-bus|ship","resourceName":"ship","awsRegion":"eu-west-1","availabilityZone":"Regional","tags":{},"relationships":[],
 "configuration":"{\"Name\":\"ship\",\"EventBusName\":\"orders-bus\",\"State\":\"ENABLED\",\"Targets\":[{\"Id\":\"q\",\"Arn\":\"arn:aws:sqs:eu-west-1:111122223333:ship\"}]}","supplementaryConfiguration":{}},
{"version":"1.3","accountId":"111122223333","configurationItemCaptureTime":"2026-01-01T00:00:09Z","configurationItemStatus":"ResourceDiscovered","configurationStateId":"1767225609000","arn":"arn:aws:events:eu-west-1:111122223333:rule/nightly","resourceType":"AWS::Events::Rule","resourceId":"nightly","resourceName":"nightly","awsRegion":"eu-west-1","availabilityZone":"Regional","tags":{},"relationships":[],
 "configuration":"{\"Name\":\"nightly\",\"EventBusName\":\"default\",\"State\":\"DISABLED\",\"ScheduleExpression\":\"rate(1 day)\",\"Targets\":[]}","supplementaryConfiguration":{}},
{"version":"1.3","accountId":"111122223333","configurationItemCaptureTime":"2026-01-02T00:00:00Z","configurationItemStatus":"ResourceDiscovered","configurationStateId":"1767312000000","resourceType":"AWS::Config::ResourceCompliance","resourceId":"AWS::CloudWatch::Alarm/cpu-high","awsRegion":"eu-west-1","availabilityZone":"Not Applicable","tags":{},"relationships":[{"resourceType":"AWS::CloudWatch::Alarm","resourceId":"cpu-high","relationshipName":"Is associated with "}],
 "configuration":"{\"complianceType\":\"NON_COMPLIANT\",\"targetResourceId\":\"cpu-high\",\"targetResourceType\":\"AWS::CloudWatch::Alarm\",\"configRuleList\":[{\"configRuleName\":\"alarm-action-check\",\"complianceType\":\"NON_COMPLIANT\"}]}","supplementaryConfiguration":{}},
{"version":"1.3","accountId":"111122223333","configurationItemCaptureTime":"2026-01-02T00:00:01Z","configurationItemStatus":"ResourceDiscovered","configurationStateId":"1767312001000","resourceType":"AWS::Config::ResourceCompliance","resourceId":"AWS::CloudTrail::Trail/dev","awsRegion":"eu-west-1","availabilityZone":"Not Applicable","tags":{},"relationships":[{"resourceType":"AWS::CloudTrail::Trail","resourceId":"dev","relationshipName":"Is associated with "}],
 "configuration":"{\"complianceType\":\"NON_COMPLIANT\",\"targetResourceId\":\"dev\",\"targetResourceType\":\"AWS::CloudTrail::Trail\",\"configRuleList\":[{\"configRuleName\":\"validation\",\"complianceType\":\"NON_COMPLIANT\"},{\"configRuleName\":\"encrypted\",\"complianceType\":\"COMPLIANT\"}]}","supplementaryConfiguration":{}},
{"version":"1.3","accountId":"111122223333","configurationItemCaptureTime":"2026-01-02T00:00:02Z","configurationItemStatus":"ResourceDiscovered","configurationStateId":"1767312002000","resourceType":"AWS::Config::ResourceCompliance","resourceId":"AWS::CloudWatch::Alarm/orders-5xx","awsRegion":"eu-west-1","availabilityZone":"Not Applicable","tags":{},"relationships":[{"resourceType":"AWS::CloudWatch::Alarm","resourceId":"orders-5xx","relationshipName":"Is associated with "}],
 "configuration":"{\"complianceType\":\"COMPLIANT\",\"configRuleList\":[{\"configRuleName\":\"alarm-action-check\",\"complianceType\":\"COMPLIANT\"}]}","supplementaryConfiguration":{}},
{"version":"1.3","accountId":"111122223333","configurationItemCaptureTime":"2026-01-02T00:00:03Z","configurationItemStatus":"ResourceDiscovered","configurationStateId":"1767312003000","resourceType":"AWS::Config::ResourceCompliance","resourceId":"AWS::CloudWatch::Alarm/disk-low","awsRegion":"eu-west-1","availabilityZone":"Not Applicable","tags":{},"relationships":[{"resourceType":"AWS::CloudWatch::Alarm","resourceId":"disk-low","relationshipName":"Is associated with "}],
 "configuration":"{\"complianceType\":\"COMPLIANT\",\"configRuleList\":[{\"configRuleName\":\"alarm-action-check\",\"complianceType\":\"COMPLIANT\"}]}","supplementaryConfiguration":{}},
{"version":"1.3","accountId":"111122223333","configurationItemCaptureTime":"2026-01-02T00:00:04Z","configurationItemStatus":"ResourceDiscovered","configurationStateId":"1767312004000","resourceType":"AWS::Config::ResourceCompliance","resourceId":"AWS::CloudTrail::Trail/org-audit","awsRegion":"eu-west-1","availabilityZone":"Not Applicable","tags":{},"relationships":[{"resourceType":"AWS::CloudTrail::Trail","resourceId":"org-audit","relationshipName":"Is associated with "}],
 "configuration":"{\"complianceType\":\"COMPLIANT\",\"configRuleList\":[{\"configRuleName\":\"validation\",\"complianceType\":\"COMPLIANT\"}]}","supplementaryConfiguration":{}},
{"version":"1.3","accountId":"111122223333","configurationItemCaptureTime":"2026-01-02T00:00:05Z","configurationItemStatus":"ResourceDeleted","configurationStateId":"1767312005000","resourceType":"AWS::CloudWatch::Alarm","resourceId":"gone","resourceName":"gone","awsRegion":"eu-west-1","tags":{},"relationships":[],"configuration":null,"supplementaryConfiguration":{}}
]`

// world returns the fixture in the query-visible form.
func world(t testing.TB) []map[string]any {
	t.Helper()
	var raw []map[string]any
	if err := json.Unmarshal([]byte(worldCIs), &raw); err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	for _, ci := range raw {
		if doc, ok := Visible(ci); ok {
			out = append(out, doc)
		}
	}
	return out
}
