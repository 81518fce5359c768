package config

import "strings"

// Resource types of this world as AWS Config sees them (the ResourceType enum of the API reference,
// https://docs.aws.amazon.com/config/latest/APIReference/API_ResourceIdentifier.html#config-Type-ResourceIdentifier-resourceType,
// and "Supported Resource Types",
// https://docs.aws.amazon.com/config/latest/developerguide/resource-config-reference.html).
const (
	TypeAlarm                     = "AWS::CloudWatch::Alarm"
	TypeMetricStream              = "AWS::CloudWatch::MetricStream"
	TypeEventBus                  = "AWS::Events::EventBus"
	TypeEventRule                 = "AWS::Events::Rule"
	TypeEventArchive              = "AWS::Events::Archive"
	TypeTrail                     = "AWS::CloudTrail::Trail"
	TypeEventDataStore            = "AWS::CloudTrail::EventDataStore"
	TypeLogsDestination           = "AWS::Logs::Destination"
	TypeRecorder                  = "AWS::Config::ConfigurationRecorder"
	TypeResourceCompliance        = "AWS::Config::ResourceCompliance"
	TypeConformancePack           = "AWS::Config::ConformancePack"
	TypeConformancePackCompliance = "AWS::Config::ConformancePackCompliance"
	TypeStoredQuery               = "AWS::Config::StoredQuery"
	TypeAccount                   = "AWS::::Account"
	typeLogGroup                  = "AWS::Logs::LogGroup"
	typeCompositeAlarm            = "AWS::CloudWatch::CompositeAlarm"
	typeLogsMetricFilter          = "AWS::Logs::MetricFilter"
	typeLogsSubscriptionFil       = "AWS::Logs::SubscriptionFilter"
)

// supportedTypes lists the recordable types the simulated services produce, in the order
// GetDiscoveredResourceCounts breaks ties in.
func supportedType(t string) bool {
	switch t {
	case TypeAlarm, TypeMetricStream, TypeEventBus, TypeEventRule, TypeEventArchive,
		"AWS::Events::ApiDestination", "AWS::Events::Connection", "AWS::Events::Endpoint",
		TypeTrail, TypeEventDataStore, TypeLogsDestination, TypeRecorder, TypeResourceCompliance,
		TypeConformancePackCompliance, TypeStoredQuery, TypeConformancePack, "AWS::Config::AggregationAuthorization":
		return true
	}
	return false
}

// validResourceType reports whether t can be a member of the ResourceType enum: every type this
// world records, and any other AWS::Service::Resource name except the ones of this world that AWS
// Config does not support (log groups, composite alarms, metric and subscription filters). The
// enum has more than 500 values; watchsim does not copy it, so an unknown AWS type name is accepted
// and simply never recorded [derived].
func validResourceType(t string) bool {
	switch t {
	case typeLogGroup, typeCompositeAlarm, typeLogsMetricFilter, typeLogsSubscriptionFil:
		return false
	}
	if supportedType(t) {
		return true
	}
	parts := strings.Split(t, "::")
	if len(parts) != 3 || parts[0] != "AWS" {
		return false
	}
	for _, p := range parts[1:] {
		if p == "" {
			return false
		}
		for i := 0; i < len(p); i++ {
			c := p[i]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
				return false
			}
		}
	}
	return true
}

// continuousOnly reports the types DAILY recording cannot apply to ([API] RecordingMode).
func continuousOnly(t string) bool {
	return t == TypeResourceCompliance || t == TypeConformancePackCompliance || t == TypeRecorder
}

// availabilityZone returns the CI availabilityZone of a type: "Not Applicable" for alarms,
// "Regional" for the regional resources (RDK example CIs).
func availabilityZone(t string) string {
	if t == TypeAlarm {
		return "Not Applicable"
	}
	return "Regional"
}
