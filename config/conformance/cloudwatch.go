package conformance

// The "Operational Best Practices for Amazon CloudWatch" sample pack
// (https://docs.aws.amazon.com/config/latest/developerguide/operational-best-practices-for-amazon-cloudwatch.html;
// template: awslabs/aws-config-rules, aws-config-conformance-packs/Operational-Best-Practices-for-CloudWatch.yaml),
// restricted to the managed rules watchsim evaluates. The real pack deploys five rules; this one
// deploys four, with the same names, parameters, defaults, conditions and scopes:
//
//   - cloudwatch-alarm-action-check (CLOUDWATCH_ALARM_ACTION_CHECK; alarmActionRequired "true",
//     insufficientDataActionRequired "true", okActionRequired "false"), scoped to alarms;
//   - cloudwatch-alarm-action-enabled-check (CLOUDWATCH_ALARM_ACTION_ENABLED_CHECK), scoped to alarms;
//   - cloudwatch-alarm-settings-check (CLOUDWATCH_ALARM_SETTINGS_CHECK; metricName
//     "CPUUtilization"), scoped to alarms;
//   - cloudwatch-log-group-encrypted (CLOUDWATCH_LOG_GROUP_ENCRYPTED), periodic.
//
// Left out: cloudwatch-alarm-resource-check (CLOUDWATCH_ALARM_RESOURCE_CHECK, with its parameters
// CloudwatchAlarmResourceCheckParamMetricName and CloudwatchAlarmResourceCheckParamResourceType and
// their two conditions). It evaluates EC2 instances, EC2 volumes, RDS clusters or S3 buckets,
// which the simulated world does not have, and the config service refuses it as not simulated.

// Names under which the CloudWatch pack is deployable: the title's form and the sample file's.
const (
	CloudWatchPackName     = "Operational-Best-Practices-for-Amazon-CloudWatch"
	CloudWatchPackFileName = "Operational-Best-Practices-for-CloudWatch"
)

// CloudWatchPackTemplate is the template of the CloudWatch best-practices pack (see the file
// comment for the rule left out).
const CloudWatchPackTemplate = `##################################################################################
#   Conformance Pack: Operational Best Practices for Amazon CloudWatch
#   (watchsim: the rules watchsim evaluates; cloudwatch-alarm-resource-check is left out)
##################################################################################

Parameters:
  CloudwatchAlarmActionCheckParamAlarmActionRequired:
    Default: 'true'
    Type: String
  CloudwatchAlarmActionCheckParamInsufficientDataActionRequired:
    Default: 'true'
    Type: String
  CloudwatchAlarmActionCheckParamOkActionRequired:
    Default: 'false'
    Type: String
  CloudwatchAlarmSettingsCheckParamMetricName:
    Default: CPUUtilization
    Type: String
Resources:
  CloudwatchAlarmActionCheck:
    Properties:
      ConfigRuleName: cloudwatch-alarm-action-check
      InputParameters:
        alarmActionRequired:
          Fn::If:
          - cloudwatchAlarmActionCheckParamAlarmActionRequired
          - Ref: CloudwatchAlarmActionCheckParamAlarmActionRequired
          - Ref: AWS::NoValue
        insufficientDataActionRequired:
          Fn::If:
          - cloudwatchAlarmActionCheckParamInsufficientDataActionRequired
          - Ref: CloudwatchAlarmActionCheckParamInsufficientDataActionRequired
          - Ref: AWS::NoValue
        okActionRequired:
          Fn::If:
          - cloudwatchAlarmActionCheckParamOkActionRequired
          - Ref: CloudwatchAlarmActionCheckParamOkActionRequired
          - Ref: AWS::NoValue
      Scope:
        ComplianceResourceTypes:
        - AWS::CloudWatch::Alarm
      Source:
        Owner: AWS
        SourceIdentifier: CLOUDWATCH_ALARM_ACTION_CHECK
    Type: AWS::Config::ConfigRule
  CloudwatchAlarmActionEnabledCheck:
    Properties:
      ConfigRuleName: cloudwatch-alarm-action-enabled-check
      Scope:
        ComplianceResourceTypes:
        - AWS::CloudWatch::Alarm
      Source:
        Owner: AWS
        SourceIdentifier: CLOUDWATCH_ALARM_ACTION_ENABLED_CHECK
    Type: AWS::Config::ConfigRule
  CloudwatchAlarmSettingsCheck:
    Properties:
      ConfigRuleName: cloudwatch-alarm-settings-check
      InputParameters:
        metricName:
          Fn::If:
          - cloudwatchAlarmSettingsCheckParamMetricName
          - Ref: CloudwatchAlarmSettingsCheckParamMetricName
          - Ref: AWS::NoValue
      Scope:
        ComplianceResourceTypes:
        - AWS::CloudWatch::Alarm
      Source:
        Owner: AWS
        SourceIdentifier: CLOUDWATCH_ALARM_SETTINGS_CHECK
    Type: AWS::Config::ConfigRule
  CloudwatchLogGroupEncrypted:
    Properties:
      ConfigRuleName: cloudwatch-log-group-encrypted
      Source:
        Owner: AWS
        SourceIdentifier: CLOUDWATCH_LOG_GROUP_ENCRYPTED
    Type: AWS::Config::ConfigRule
Conditions:
  cloudwatchAlarmActionCheckParamAlarmActionRequired:
    Fn::Not:
    - Fn::Equals:
      - ''
      - Ref: CloudwatchAlarmActionCheckParamAlarmActionRequired
  cloudwatchAlarmActionCheckParamInsufficientDataActionRequired:
    Fn::Not:
    - Fn::Equals:
      - ''
      - Ref: CloudwatchAlarmActionCheckParamInsufficientDataActionRequired
  cloudwatchAlarmActionCheckParamOkActionRequired:
    Fn::Not:
    - Fn::Equals:
      - ''
      - Ref: CloudwatchAlarmActionCheckParamOkActionRequired
  cloudwatchAlarmSettingsCheckParamMetricName:
    Fn::Not:
    - Fn::Equals:
      - ''
      - Ref: CloudwatchAlarmSettingsCheckParamMetricName
`

// SampleTemplate returns the template of a sample pack watchsim ships, by name: the CloudWatch
// pack under [CloudWatchPackName] or [CloudWatchPackFileName] (with or without ".yaml").
func SampleTemplate(name string) (string, bool) {
	switch name {
	case CloudWatchPackName, CloudWatchPackFileName, CloudWatchPackName + ".yaml", CloudWatchPackFileName + ".yaml":
		return CloudWatchPackTemplate, true
	}
	return "", false
}
