package bus

import (
	"fmt"
	"strings"
)

// ARN is a parsed Amazon Resource Name:
// arn:partition:service:region:account-id:resource.
type ARN struct {
	Partition string
	Service   string
	Region    string
	AccountID string
	// Resource is everything after the fifth colon, such as "alarm:MyAlarm", "log-group:/app:*" or
	// "my-bucket".
	Resource string
}

// String formats the ARN.
func (a ARN) String() string {
	return "arn:" + a.Partition + ":" + a.Service + ":" + a.Region + ":" + a.AccountID + ":" + a.Resource
}

// ParseARN parses s. It checks the shape AWS requires (six colon-separated parts, "arn" prefix,
// non-empty partition, service and resource), not whether the service knows the resource.
func ParseARN(s string) (ARN, error) {
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" {
		return ARN{}, fmt.Errorf("bus: %q is not an ARN (want arn:partition:service:region:account-id:resource)", s)
	}
	a := ARN{Partition: parts[1], Service: parts[2], Region: parts[3], AccountID: parts[4], Resource: parts[5]}
	if a.Partition == "" || a.Service == "" || a.Resource == "" {
		return ARN{}, fmt.Errorf("bus: %q is not an ARN: partition, service and resource must not be empty", s)
	}
	return a, nil
}

// ARN returns the ARN of resource in service for this Bus's partition, region and account:
// b.ARN("cloudwatch", "alarm:High") = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:High".
// Services without a region in their ARNs ("iam", "s3") get an empty region, and S3 an empty account.
func (b *Bus) ARN(service, resource string) string {
	a := ARN{Partition: b.partition, Service: service, Region: b.region, AccountID: b.account, Resource: resource}
	switch service {
	case "iam", "sts", "organizations", "route53", "cloudfront":
		a.Region = ""
	case "s3":
		a.Region, a.AccountID = "", ""
	}
	return a.String()
}
