package conformance

// The "Operational Best Practices for Amazon CloudWatch" sample pack
// (https://docs.aws.amazon.com/config/latest/developerguide/operational-best-practices-for-amazon-cloudwatch.html;
// template: awslabs/aws-config-rules, aws-config-conformance-packs/Operational-Best-Practices-for-CloudWatch.yaml),
// with the real pack's five rules, parameters, defaults, conditions and scopes:
//
//   - cloudwatch-alarm-action-check (CLOUDWATCH_ALARM_ACTION_CHECK; alarmActionRequired "true",
//     insufficientDataActionRequired "true", okActionRequired "false"), scoped to alarms;
//   - cloudwatch-alarm-action-enabled-check (CLOUDWATCH_ALARM_ACTION_ENABLED_CHECK), scoped to alarms;
//   - cloudwatch-alarm-resource-check (CLOUDWATCH_ALARM_RESOURCE_CHECK; metricName
//     "CPUUtilization", resourceType "AWS::EC2::Instance"), periodic;
//   - cloudwatch-alarm-settings-check (CLOUDWATCH_ALARM_SETTINGS_CHECK; metricName
//     "CPUUtilization"), scoped to alarms;
//   - cloudwatch-log-group-encrypted (CLOUDWATCH_LOG_GROUP_ENCRYPTED), periodic.
//
// Every one is a managed rule the config service evaluates; none is left out.
// cloudwatch-alarm-resource-check evaluates EC2 instances, which the simulated world does not
// have, so it produces no results and reads INSUFFICIENT_DATA.

// Names under which the CloudWatch pack is deployable: the title's form, the sample file's, and
// the SSM document AWS publishes the pack as (TemplateSSMDocumentDetails.DocumentName).
const (
	CloudWatchPackName     = "Operational-Best-Practices-for-Amazon-CloudWatch"
	CloudWatchPackFileName = "Operational-Best-Practices-for-CloudWatch"
	CloudWatchPackDocument = "AWSConformancePacks-OperationalBestPracticesforAmazonCloudWatch"
)

// CloudWatchPackTemplate is the template of the CloudWatch best-practices pack.
const CloudWatchPackTemplate = `##################################################################################
#   Conformance Pack: Operational Best Practices for Amazon CloudWatch
#   (watchsim's copy of the AWS sample pack: the same rules, parameters and conditions)
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
  CloudwatchAlarmResourceCheckParamMetricName:
    Default: CPUUtilization
    Type: String
  CloudwatchAlarmResourceCheckParamResourceType:
    Default: AWS::EC2::Instance
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
  CloudwatchAlarmResourceCheck:
    Properties:
      ConfigRuleName: cloudwatch-alarm-resource-check
      InputParameters:
        metricName:
          Fn::If:
          - cloudwatchAlarmResourceCheckParamMetricName
          - Ref: CloudwatchAlarmResourceCheckParamMetricName
          - Ref: AWS::NoValue
        resourceType:
          Fn::If:
          - cloudwatchAlarmResourceCheckParamResourceType
          - Ref: CloudwatchAlarmResourceCheckParamResourceType
          - Ref: AWS::NoValue
      Source:
        Owner: AWS
        SourceIdentifier: CLOUDWATCH_ALARM_RESOURCE_CHECK
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
  cloudwatchAlarmResourceCheckParamMetricName:
    Fn::Not:
    - Fn::Equals:
      - ''
      - Ref: CloudwatchAlarmResourceCheckParamMetricName
  cloudwatchAlarmResourceCheckParamResourceType:
    Fn::Not:
    - Fn::Equals:
      - ''
      - Ref: CloudwatchAlarmResourceCheckParamResourceType
  cloudwatchAlarmSettingsCheckParamMetricName:
    Fn::Not:
    - Fn::Equals:
      - ''
      - Ref: CloudwatchAlarmSettingsCheckParamMetricName
`

// SampleTemplate returns the template of a sample pack watchsim ships, by name: the CloudWatch
// pack under [CloudWatchPackName], [CloudWatchPackFileName] (with or without ".yaml") or
// [CloudWatchPackDocument].
func SampleTemplate(name string) (string, bool) {
	switch name {
	case CloudWatchPackName, CloudWatchPackFileName, CloudWatchPackName + ".yaml", CloudWatchPackFileName + ".yaml", CloudWatchPackDocument:
		return CloudWatchPackTemplate, true
	}
	return "", false
}
