package config

// CloudWatchPackDocument is the name of the SSM document that holds AWS's "Operational Best
// Practices for Amazon CloudWatch" sample conformance pack: PutConformancePack with
// TemplateSSMDocumentDetails{DocumentName: CloudWatchPackDocument} deploys it
// (https://docs.aws.amazon.com/config/latest/developerguide/operational-best-practices-for-amazon-cloudwatch.html).
const CloudWatchPackDocument = "AWSConformancePacks-OperationalBestPracticesforAmazonCloudWatch"

// cloudWatchPackTemplate is watchsim's rendering of that pack: its five rules, their parameters and
// defaults, and the scope of the alarm rules.
const cloudWatchPackTemplate = `{
  "Parameters": {
    "AlarmActionRequired": {"Type": "String", "Default": "true"},
    "InsufficientDataActionRequired": {"Type": "String", "Default": "true"},
    "OkActionRequired": {"Type": "String", "Default": "false"},
    "ResourceCheckMetricName": {"Type": "String", "Default": "CPUUtilization"},
    "ResourceCheckResourceType": {"Type": "String", "Default": "AWS::EC2::Instance"},
    "SettingsCheckMetricName": {"Type": "String", "Default": "CPUUtilization"}
  },
  "Resources": {
    "AlarmActionCheck": {"Type": "AWS::Config::ConfigRule", "Properties": {
      "ConfigRuleName": "cloudwatch-alarm-action-check",
      "InputParameters": {"alarmActionRequired": {"Ref": "AlarmActionRequired"},
        "insufficientDataActionRequired": {"Ref": "InsufficientDataActionRequired"}, "okActionRequired": {"Ref": "OkActionRequired"}},
      "Scope": {"ComplianceResourceTypes": ["AWS::CloudWatch::Alarm"]},
      "Source": {"Owner": "AWS", "SourceIdentifier": "CLOUDWATCH_ALARM_ACTION_CHECK"}}},
    "AlarmActionEnabledCheck": {"Type": "AWS::Config::ConfigRule", "Properties": {
      "ConfigRuleName": "cloudwatch-alarm-action-enabled-check",
      "Scope": {"ComplianceResourceTypes": ["AWS::CloudWatch::Alarm"]},
      "Source": {"Owner": "AWS", "SourceIdentifier": "CLOUDWATCH_ALARM_ACTION_ENABLED_CHECK"}}},
    "AlarmResourceCheck": {"Type": "AWS::Config::ConfigRule", "Properties": {
      "ConfigRuleName": "cloudwatch-alarm-resource-check",
      "InputParameters": {"metricName": {"Ref": "ResourceCheckMetricName"}, "resourceType": {"Ref": "ResourceCheckResourceType"}},
      "Source": {"Owner": "AWS", "SourceIdentifier": "CLOUDWATCH_ALARM_RESOURCE_CHECK"}}},
    "AlarmSettingsCheck": {"Type": "AWS::Config::ConfigRule", "Properties": {
      "ConfigRuleName": "cloudwatch-alarm-settings-check",
      "InputParameters": {"metricName": {"Ref": "SettingsCheckMetricName"}},
      "Scope": {"ComplianceResourceTypes": ["AWS::CloudWatch::Alarm"]},
      "Source": {"Owner": "AWS", "SourceIdentifier": "CLOUDWATCH_ALARM_SETTINGS_CHECK"}}},
    "LogGroupEncrypted": {"Type": "AWS::Config::ConfigRule", "Properties": {
      "ConfigRuleName": "cloudwatch-log-group-encrypted",
      "Source": {"Owner": "AWS", "SourceIdentifier": "CLOUDWATCH_LOG_GROUP_ENCRYPTED"}}}
  }
}`
