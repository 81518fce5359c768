package config

import (
	"strconv"
	"strings"
)

// requiredTagsTypes are the resource types REQUIRED_TAGS evaluates, as its Developer Guide page
// lists them (https://docs.aws.amazon.com/config/latest/developerguide/required-tags.html). Of
// them, this world holds the ones a simulator of the user's own publishes (EC2 instances in
// examples/fleet, for example); alarms, trails, buses and rules are not among them.
func requiredTagsTypes() []string {
	return []string{
		"AWS::ACM::Certificate", "AWS::AutoScaling::AutoScalingGroup", "AWS::CloudFormation::Stack",
		"AWS::CodeBuild::Project", "AWS::DynamoDB::Table", "AWS::EC2::CustomerGateway", "AWS::EC2::Instance",
		"AWS::EC2::InternetGateway", "AWS::EC2::NetworkAcl", "AWS::EC2::NetworkInterface", "AWS::EC2::RouteTable",
		"AWS::EC2::SecurityGroup", "AWS::EC2::Subnet", "AWS::EC2::Volume", "AWS::EC2::VPC", "AWS::EC2::VPNConnection",
		"AWS::EC2::VPNGateway", "AWS::ElasticLoadBalancing::LoadBalancer", "AWS::ElasticLoadBalancingV2::LoadBalancer",
		"AWS::RDS::DBInstance", "AWS::RDS::DBSecurityGroup", "AWS::RDS::DBSnapshot", "AWS::RDS::DBSubnetGroup",
		"AWS::RDS::EventSubscription", "AWS::Redshift::Cluster", "AWS::Redshift::ClusterParameterGroup",
		"AWS::Redshift::ClusterSecurityGroup", "AWS::Redshift::ClusterSnapshot", "AWS::Redshift::ClusterSubnetGroup",
		"AWS::S3::Bucket",
	}
}

// requiredTagsParams are tag1Key (default "CostCenter") … tag6Key and their optional tagNValue.
func requiredTagsParams() []managedParam {
	ps := []managedParam{{name: "tag1Key", def: "CostCenter"}, {name: "tag1Value"}}
	for i := 2; i <= 6; i++ {
		n := strconv.Itoa(i)
		ps = append(ps, managedParam{name: "tag" + n + "Key"}, managedParam{name: "tag" + n + "Value"})
	}
	return ps
}

// requiredTagsCheck is REQUIRED_TAGS: every given tagNKey must be a tag of the resource, and where
// tagNValue is given (comma-separated values), the tag's value must be one of them.
func requiredTagsCheck(p map[string]string, it *item) (string, string) {
	for i := 1; i <= 6; i++ {
		n := strconv.Itoa(i)
		key := strings.TrimSpace(p["tag"+n+"Key"])
		if key == "" {
			continue
		}
		v, ok := it.tags[key]
		if !ok {
			return NonCompliant, "The resource has no tag " + key + "."
		}
		if want := p["tag"+n+"Value"]; strings.TrimSpace(want) != "" && !inCSV(want, v) {
			return NonCompliant, "The value of tag " + key + " is not one of " + want + "."
		}
	}
	return Compliant, ""
}

// desiredInstanceTypeCheck is DESIRED_INSTANCE_TYPE
// (https://docs.aws.amazon.com/config/latest/developerguide/desired-instance-type.html): the
// instance's configuration.instanceType must be one of the comma-separated instanceType values.
func desiredInstanceTypeCheck(p map[string]string, it *item) (string, string) {
	doc, _ := it.d.mapValue().(map[string]any)
	typ, _ := doc["instanceType"].(string)
	if typ == "" {
		return NotApplicable, ""
	}
	if !inCSV(p["instanceType"], typ) {
		return NonCompliant, "The instance type " + typ + " is not one of " + p["instanceType"] + "."
	}
	return Compliant, ""
}

// inCSV reports whether v is one of the comma-separated values of list (spaces around each trimmed).
func inCSV(list, v string) bool {
	for _, x := range strings.Split(list, ",") {
		if strings.TrimSpace(x) == v {
			return true
		}
	}
	return false
}

// taggedParams checks CLOUDWATCH_METRIC_STREAM_TAGGED's requiredKeyTags: tag keys starting with
// "aws:" are not allowed.
func taggedParams(p map[string]string) string {
	for _, k := range strings.Split(p["requiredKeyTags"], ",") {
		if strings.HasPrefix(strings.TrimSpace(k), "aws:") {
			return "The parameter requiredKeyTags has a tag key starting with 'aws:': " + strings.TrimSpace(k)
		}
	}
	return ""
}

// taggedCheck is CLOUDWATCH_METRIC_STREAM_TAGGED
// (https://docs.aws.amazon.com/config/latest/developerguide/cloudwatch-metric-stream-tagged.html):
// NON_COMPLIANT when the resource has no tags (tags starting with "aws:" do not count), or lacks
// one of the comma-separated requiredKeyTags (case-sensitive).
func taggedCheck(p map[string]string, it *item) (string, string) {
	n := 0
	for k := range it.tags {
		if !strings.HasPrefix(k, "aws:") {
			n++
		}
	}
	if n == 0 {
		return NonCompliant, "The resource has no tags."
	}
	for _, k := range strings.Split(p["requiredKeyTags"], ",") {
		if k = strings.TrimSpace(k); k == "" {
			continue
		}
		if _, ok := it.tags[k]; !ok {
			return NonCompliant, "The resource has no tag " + k + "."
		}
	}
	return Compliant, ""
}

// eventDataStoreMultiRegion is CLOUDTRAIL_EVENT_DATA_STORE_MULTI_REGION
// (https://docs.aws.amazon.com/config/latest/developerguide/cloudtrail-event-data-store-multi-region.html):
// NON_COMPLIANT when configuration.MultiRegionEnabled is false. An item without the field has
// CloudTrail's default, true (CreateEventDataStore's MultiRegionEnabled).
func eventDataStoreMultiRegion(_ map[string]string, it *item) (string, string) {
	doc, _ := it.d.mapValue().(map[string]any)
	if on, ok := doc["MultiRegionEnabled"].(bool); ok && !on {
		return NonCompliant, "The event data store is not multi-Region."
	}
	return Compliant, ""
}

// endpointReplication is GLOBAL_ENDPOINT_EVENT_REPLICATION_ENABLED
// (https://docs.aws.amazon.com/config/latest/developerguide/global-endpoint-event-replication-enabled.html):
// NON_COMPLIANT when the global endpoint's configuration.ReplicationConfig.State is DISABLED. An
// endpoint without ReplicationConfig replicates: EventBridge's default state is ENABLED
// (CreateEndpoint's ReplicationConfig).
func endpointReplication(_ map[string]string, it *item) (string, string) {
	doc, _ := it.d.mapValue().(map[string]any)
	rc, _ := doc["ReplicationConfig"].(map[string]any)
	if st, _ := rc["State"].(string); st == "DISABLED" {
		return NonCompliant, "Event replication is not enabled for the global endpoint."
	}
	return Compliant, ""
}
