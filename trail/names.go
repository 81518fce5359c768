package trail

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/watchsim/watchsim/bus"
)

// The CloudTrail error codes watchsim returns.
const (
	ErrTrailNotFound                     = "TrailNotFoundException"
	ErrTrailAlreadyExists                = "TrailAlreadyExistsException"
	ErrMaximumNumberOfTrailsExceeded     = "MaximumNumberOfTrailsExceededException"
	ErrInvalidTrailName                  = "InvalidTrailNameException"
	ErrCloudTrailARNInvalid              = "CloudTrailARNInvalidException"
	ErrS3BucketDoesNotExist              = "S3BucketDoesNotExistException"
	ErrInvalidS3BucketName               = "InvalidS3BucketNameException"
	ErrInvalidS3Prefix                   = "InvalidS3PrefixException"
	ErrInvalidSnsTopicName               = "InvalidSnsTopicNameException"
	ErrInsufficientSnsTopicPolicy        = "InsufficientSnsTopicPolicyException"
	ErrInvalidParameterCombination       = "InvalidParameterCombinationException"
	ErrInvalidCloudWatchLogsLogGroupArn  = "InvalidCloudWatchLogsLogGroupArnException"
	ErrInvalidCloudWatchLogsRoleArn      = "InvalidCloudWatchLogsRoleArnException"
	ErrInvalidEventSelectors             = "InvalidEventSelectorsException"
	ErrInvalidInsightSelectors           = "InvalidInsightSelectorsException"
	ErrInsightNotEnabled                 = "InsightNotEnabledException"
	ErrTagsLimitExceeded                 = "TagsLimitExceededException"
	ErrInvalidTagParameter               = "InvalidTagParameterException"
	ErrResourceNotFound                  = "ResourceNotFoundException"
	ErrInvalidTimeRange                  = "InvalidTimeRangeException"
	ErrInvalidLookupAttributes           = "InvalidLookupAttributesException"
	ErrInvalidMaxResults                 = "InvalidMaxResultsException"
	ErrInvalidNextToken                  = "InvalidNextTokenException"
	ErrInvalidEventCategory              = "InvalidEventCategoryException"
	ErrInvalidParameter                  = "InvalidParameterException"
	ErrInvalidToken                      = "InvalidTokenException"
	ErrCloudWatchLogsDeliveryUnavailable = "CloudWatchLogsDeliveryUnavailableException"
)

// checkTrailName applies the trail naming rules
// (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-trail-naming-requirements.html):
// 3–128 ASCII letters, digits, '.', '_' and '-', starting and ending with a letter or digit, no two
// of '.', '_', '-' next to each other, not an IP address. The first four messages are the ones AWS
// returns as far as public reports show them (moto uses the same text); the last two are [derived].
func checkTrailName(name string) error {
	bad := func(msg string) error { return bus.ClientError(ErrInvalidTrailName, msg) }
	switch {
	case len(name) < 3:
		return bad(fmt.Sprintf("Trail name too short. Minimum allowed length: 3 characters. Specified name length: %d characters.", len(name)))
	case len(name) > 128:
		return bad(fmt.Sprintf("Trail name too long. Maximum allowed length: 128 characters. Specified name length: %d characters.", len(name)))
	case !isAlnum(name[0]):
		return bad("Trail name must starts with a letter or number.")
	case !isAlnum(name[len(name)-1]):
		return bad("Trail name must ends with a letter or number.")
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !isAlnum(c) && c != '.' && c != '_' && c != '-' {
			return bad("Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods (.), hyphens (-), and underscores (_).")
		}
		if i > 0 && !isAlnum(c) && !isAlnum(name[i-1]) {
			return bad("Trail name must not contain adjacent periods, underscores or dashes.")
		}
	}
	if _, err := netip.ParseAddr(name); err == nil {
		return bad("Trail name must not be formatted as an IP address.")
	}
	return nil
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// checkBucketName applies the S3 bucket naming rules CloudTrail checks
// (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-s3-bucket-naming-requirements.html):
// 3–63 lowercase letters, digits, '.' and '-', starting and ending with a letter or digit, no
// adjacent periods, not an IP address. The message is [derived].
func checkBucketName(name string) error {
	ok := len(name) >= 3 && len(name) <= 63 && isLowerAlnum(name[0]) && isLowerAlnum(name[len(name)-1]) &&
		!strings.Contains(name, "..") && !strings.Contains(name, ".-") && !strings.Contains(name, "-.")
	for i := 0; ok && i < len(name); i++ {
		ok = isLowerAlnum(name[i]) || name[i] == '.' || name[i] == '-'
	}
	if ok {
		if _, err := netip.ParseAddr(name); err == nil {
			ok = false
		}
	}
	if !ok {
		return bus.ClientErrorf(ErrInvalidS3BucketName, "Bucket name %s is not valid.", name)
	}
	return nil
}

func isLowerAlnum(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' }

// notFound is TrailNotFoundException as AWS words it ("Unknown trail: myTrail2 for the user:
// 123456789012", the UpdateTrail failure in
// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-examples.html).
func notFound(name, account string) error {
	return bus.ClientErrorf(ErrTrailNotFound, "Unknown trail: %s for the user: %s", name, account)
}
