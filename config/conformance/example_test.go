package conformance_test

import (
	"fmt"
	"strings"

	"github.com/watchsim/watchsim/config/conformance"
)

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
