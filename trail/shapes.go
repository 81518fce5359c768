package trail

import "time"

// The AWS shapes of the CloudTrail API (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/),
// with the AWS member names as JSON keys.

// Tag is a key-value pair on a trail.
type Tag struct {
	Key   string `json:"Key"`
	Value string `json:"Value,omitempty"`
}

// Trail is a trail's settings (AWS shape Trail). String members appear only when set.
type Trail struct {
	Name                       string `json:"Name,omitempty"`
	S3BucketName               string `json:"S3BucketName,omitempty"`
	S3KeyPrefix                string `json:"S3KeyPrefix,omitempty"`
	SnsTopicName               string `json:"SnsTopicName,omitempty"`
	SnsTopicARN                string `json:"SnsTopicARN,omitempty"`
	IncludeGlobalServiceEvents *bool  `json:"IncludeGlobalServiceEvents,omitempty"`
	IsMultiRegionTrail         *bool  `json:"IsMultiRegionTrail,omitempty"`
	HomeRegion                 string `json:"HomeRegion,omitempty"`
	TrailARN                   string `json:"TrailARN,omitempty"`
	LogFileValidationEnabled   *bool  `json:"LogFileValidationEnabled,omitempty"`
	CloudWatchLogsLogGroupArn  string `json:"CloudWatchLogsLogGroupArn,omitempty"`
	CloudWatchLogsRoleArn      string `json:"CloudWatchLogsRoleArn,omitempty"`
	KmsKeyID                   string `json:"KmsKeyId,omitempty"`
	HasCustomEventSelectors    *bool  `json:"HasCustomEventSelectors,omitempty"`
	HasInsightSelectors        *bool  `json:"HasInsightSelectors,omitempty"`
	IsOrganizationTrail        *bool  `json:"IsOrganizationTrail,omitempty"`
}

// CreateTrailInput is the input of CreateTrail.
type CreateTrailInput struct {
	Name                       string `json:"Name"`
	S3BucketName               string `json:"S3BucketName"`
	S3KeyPrefix                string `json:"S3KeyPrefix,omitempty"`
	SnsTopicName               string `json:"SnsTopicName,omitempty"`
	IncludeGlobalServiceEvents *bool  `json:"IncludeGlobalServiceEvents,omitempty"`
	IsMultiRegionTrail         *bool  `json:"IsMultiRegionTrail,omitempty"`
	EnableLogFileValidation    *bool  `json:"EnableLogFileValidation,omitempty"`
	CloudWatchLogsLogGroupArn  string `json:"CloudWatchLogsLogGroupArn,omitempty"`
	CloudWatchLogsRoleArn      string `json:"CloudWatchLogsRoleArn,omitempty"`
	KmsKeyID                   string `json:"KmsKeyId,omitempty"`
	IsOrganizationTrail        *bool  `json:"IsOrganizationTrail,omitempty"`
	TagsList                   []Tag  `json:"TagsList,omitempty"`
}

// CreateTrailOutput is the output of CreateTrail (no HomeRegion and no Has* flags).
type CreateTrailOutput struct {
	Name                       string `json:"Name,omitempty"`
	S3BucketName               string `json:"S3BucketName,omitempty"`
	S3KeyPrefix                string `json:"S3KeyPrefix,omitempty"`
	SnsTopicName               string `json:"SnsTopicName,omitempty"`
	SnsTopicARN                string `json:"SnsTopicARN,omitempty"`
	IncludeGlobalServiceEvents *bool  `json:"IncludeGlobalServiceEvents,omitempty"`
	IsMultiRegionTrail         *bool  `json:"IsMultiRegionTrail,omitempty"`
	TrailARN                   string `json:"TrailARN,omitempty"`
	LogFileValidationEnabled   *bool  `json:"LogFileValidationEnabled,omitempty"`
	CloudWatchLogsLogGroupArn  string `json:"CloudWatchLogsLogGroupArn,omitempty"`
	CloudWatchLogsRoleArn      string `json:"CloudWatchLogsRoleArn,omitempty"`
	KmsKeyID                   string `json:"KmsKeyId,omitempty"`
	IsOrganizationTrail        *bool  `json:"IsOrganizationTrail,omitempty"`
}

// UpdateTrailInput is the input of UpdateTrail: Name (a name or ARN) and the members to change.
type UpdateTrailInput struct {
	Name                       string  `json:"Name"`
	S3BucketName               *string `json:"S3BucketName,omitempty"`
	S3KeyPrefix                *string `json:"S3KeyPrefix,omitempty"`
	SnsTopicName               *string `json:"SnsTopicName,omitempty"`
	IncludeGlobalServiceEvents *bool   `json:"IncludeGlobalServiceEvents,omitempty"`
	IsMultiRegionTrail         *bool   `json:"IsMultiRegionTrail,omitempty"`
	EnableLogFileValidation    *bool   `json:"EnableLogFileValidation,omitempty"`
	CloudWatchLogsLogGroupArn  *string `json:"CloudWatchLogsLogGroupArn,omitempty"`
	CloudWatchLogsRoleArn      *string `json:"CloudWatchLogsRoleArn,omitempty"`
	KmsKeyID                   *string `json:"KmsKeyId,omitempty"`
	IsOrganizationTrail        *bool   `json:"IsOrganizationTrail,omitempty"`
}

// UpdateTrailOutput is the output of UpdateTrail (the same members as CreateTrail's).
type UpdateTrailOutput CreateTrailOutput

// DeleteTrailInput is the input of DeleteTrail.
type DeleteTrailInput struct {
	Name string `json:"Name"`
}

// DeleteTrailOutput is the (empty) output of DeleteTrail.
type DeleteTrailOutput struct{}

// GetTrailInput is the input of GetTrail.
type GetTrailInput struct {
	Name string `json:"Name"`
}

// GetTrailOutput is the output of GetTrail.
type GetTrailOutput struct {
	Trail *Trail `json:"Trail,omitempty"`
}

// DescribeTrailsInput is the input of DescribeTrails. IncludeShadowTrails defaults to true.
type DescribeTrailsInput struct {
	TrailNameList       []string `json:"trailNameList,omitempty"`
	IncludeShadowTrails *bool    `json:"includeShadowTrails,omitempty"`
}

// DescribeTrailsOutput is the output of DescribeTrails.
type DescribeTrailsOutput struct {
	TrailList []Trail `json:"trailList"`
}

// TrailInfo is one entry of ListTrails.
type TrailInfo struct {
	TrailARN   string `json:"TrailARN"`
	Name       string `json:"Name"`
	HomeRegion string `json:"HomeRegion"`
}

// ListTrailsInput is the input of ListTrails.
type ListTrailsInput struct {
	NextToken string `json:"NextToken,omitempty"`
}

// ListTrailsOutput is the output of ListTrails.
type ListTrailsOutput struct {
	Trails    []TrailInfo `json:"Trails"`
	NextToken string      `json:"NextToken,omitempty"`
}

// StartLoggingInput is the input of StartLogging.
type StartLoggingInput struct {
	Name string `json:"Name"`
}

// StartLoggingOutput is the (empty) output of StartLogging.
type StartLoggingOutput struct{}

// StopLoggingInput is the input of StopLogging.
type StopLoggingInput struct {
	Name string `json:"Name"`
}

// StopLoggingOutput is the (empty) output of StopLogging.
type StopLoggingOutput struct{}

// GetTrailStatusInput is the input of GetTrailStatus.
type GetTrailStatusInput struct {
	Name string `json:"Name"`
}

// GetTrailStatusOutput is the output of GetTrailStatus. The Time members are timestamps; the
// string members LatestDeliveryAttemptTime … TimeLoggingStopped are the legacy fields AWS still
// fills ("no longer in use"), as "2006-01-02T15:04:05Z" strings.
type GetTrailStatusOutput struct {
	IsLogging                          bool       `json:"IsLogging"`
	LatestDeliveryError                string     `json:"LatestDeliveryError,omitempty"`
	LatestNotificationError            string     `json:"LatestNotificationError,omitempty"`
	LatestDeliveryTime                 *time.Time `json:"LatestDeliveryTime,omitempty"`
	LatestNotificationTime             *time.Time `json:"LatestNotificationTime,omitempty"`
	StartLoggingTime                   *time.Time `json:"StartLoggingTime,omitempty"`
	StopLoggingTime                    *time.Time `json:"StopLoggingTime,omitempty"`
	LatestCloudWatchLogsDeliveryError  string     `json:"LatestCloudWatchLogsDeliveryError,omitempty"`
	LatestCloudWatchLogsDeliveryTime   *time.Time `json:"LatestCloudWatchLogsDeliveryTime,omitempty"`
	LatestDigestDeliveryTime           *time.Time `json:"LatestDigestDeliveryTime,omitempty"`
	LatestDigestDeliveryError          string     `json:"LatestDigestDeliveryError,omitempty"`
	LatestDeliveryAttemptTime          string     `json:"LatestDeliveryAttemptTime,omitempty"`
	LatestNotificationAttemptTime      string     `json:"LatestNotificationAttemptTime,omitempty"`
	LatestNotificationAttemptSucceeded string     `json:"LatestNotificationAttemptSucceeded,omitempty"`
	LatestDeliveryAttemptSucceeded     string     `json:"LatestDeliveryAttemptSucceeded,omitempty"`
	TimeLoggingStarted                 string     `json:"TimeLoggingStarted,omitempty"`
	TimeLoggingStopped                 string     `json:"TimeLoggingStopped,omitempty"`
}

// DataResource is a basic selector's data resource.
type DataResource struct {
	Type   string   `json:"Type,omitempty"`
	Values []string `json:"Values,omitempty"`
}

// EventSelector is a basic event selector.
type EventSelector struct {
	ReadWriteType                 string         `json:"ReadWriteType,omitempty"`
	IncludeManagementEvents       *bool          `json:"IncludeManagementEvents,omitempty"`
	DataResources                 []DataResource `json:"DataResources"`
	ExcludeManagementEventSources []string       `json:"ExcludeManagementEventSources,omitempty"`
}

// AdvancedFieldSelector is one condition of an advanced event selector.
type AdvancedFieldSelector struct {
	Field         string   `json:"Field"`
	Equals        []string `json:"Equals,omitempty"`
	StartsWith    []string `json:"StartsWith,omitempty"`
	EndsWith      []string `json:"EndsWith,omitempty"`
	NotEquals     []string `json:"NotEquals,omitempty"`
	NotStartsWith []string `json:"NotStartsWith,omitempty"`
	NotEndsWith   []string `json:"NotEndsWith,omitempty"`
}

// AdvancedEventSelector is an advanced event selector.
type AdvancedEventSelector struct {
	Name           string                  `json:"Name,omitempty"`
	FieldSelectors []AdvancedFieldSelector `json:"FieldSelectors"`
}

// PutEventSelectorsInput is the input of PutEventSelectors: EventSelectors or
// AdvancedEventSelectors, not both.
type PutEventSelectorsInput struct {
	TrailName              string                  `json:"TrailName"`
	EventSelectors         []EventSelector         `json:"EventSelectors,omitempty"`
	AdvancedEventSelectors []AdvancedEventSelector `json:"AdvancedEventSelectors,omitempty"`
}

// PutEventSelectorsOutput is the output of PutEventSelectors.
type PutEventSelectorsOutput struct {
	TrailARN               string                  `json:"TrailARN,omitempty"`
	EventSelectors         []EventSelector         `json:"EventSelectors,omitempty"`
	AdvancedEventSelectors []AdvancedEventSelector `json:"AdvancedEventSelectors,omitempty"`
}

// GetEventSelectorsInput is the input of GetEventSelectors.
type GetEventSelectorsInput struct {
	TrailName string `json:"TrailName"`
}

// GetEventSelectorsOutput is the output of GetEventSelectors.
type GetEventSelectorsOutput PutEventSelectorsOutput

// InsightSelector selects an Insights type.
type InsightSelector struct {
	InsightType     string   `json:"InsightType,omitempty"`
	EventCategories []string `json:"EventCategories,omitempty"`
}

// PutInsightSelectorsInput is the input of PutInsightSelectors.
type PutInsightSelectorsInput struct {
	TrailName        string            `json:"TrailName,omitempty"`
	InsightSelectors []InsightSelector `json:"InsightSelectors"`
	EventDataStore   string            `json:"EventDataStore,omitempty"`
}

// PutInsightSelectorsOutput is the output of PutInsightSelectors.
type PutInsightSelectorsOutput struct {
	TrailARN         string            `json:"TrailARN,omitempty"`
	InsightSelectors []InsightSelector `json:"InsightSelectors,omitempty"`
}

// GetInsightSelectorsInput is the input of GetInsightSelectors.
type GetInsightSelectorsInput struct {
	TrailName      string `json:"TrailName,omitempty"`
	EventDataStore string `json:"EventDataStore,omitempty"`
}

// GetInsightSelectorsOutput is the output of GetInsightSelectors.
type GetInsightSelectorsOutput PutInsightSelectorsOutput

// ResourceTag is the tags of one resource in ListTags.
type ResourceTag struct {
	ResourceID string `json:"ResourceId"`
	TagsList   []Tag  `json:"TagsList"`
}

// AddTagsInput is the input of AddTags.
type AddTagsInput struct {
	ResourceID string `json:"ResourceId"`
	TagsList   []Tag  `json:"TagsList"`
}

// AddTagsOutput is the (empty) output of AddTags.
type AddTagsOutput struct{}

// RemoveTagsInput is the input of RemoveTags.
type RemoveTagsInput struct {
	ResourceID string `json:"ResourceId"`
	TagsList   []Tag  `json:"TagsList"`
}

// RemoveTagsOutput is the (empty) output of RemoveTags.
type RemoveTagsOutput struct{}

// ListTagsInput is the input of ListTags.
type ListTagsInput struct {
	ResourceIDList []string `json:"ResourceIdList"`
	NextToken      string   `json:"NextToken,omitempty"`
}

// ListTagsOutput is the output of ListTags.
type ListTagsOutput struct {
	ResourceTagList []ResourceTag `json:"ResourceTagList"`
	NextToken       string        `json:"NextToken,omitempty"`
}

// PublicKey is a digest-signing public key (AWS shape PublicKey): Value is the DER-encoded PKCS #1
// RSAPublicKey (base64 in JSON), Fingerprint the lowercase hex MD5 of Value.
type PublicKey struct {
	Value             []byte    `json:"Value"`
	ValidityStartTime time.Time `json:"ValidityStartTime"`
	ValidityEndTime   time.Time `json:"ValidityEndTime"`
	Fingerprint       string    `json:"Fingerprint"`
}

// ListPublicKeysInput is the input of ListPublicKeys.
type ListPublicKeysInput struct {
	StartTime *time.Time `json:"StartTime,omitempty"`
	EndTime   *time.Time `json:"EndTime,omitempty"`
	NextToken string     `json:"NextToken,omitempty"`
}

// ListPublicKeysOutput is the output of ListPublicKeys.
type ListPublicKeysOutput struct {
	PublicKeyList []PublicKey `json:"PublicKeyList"`
	NextToken     string      `json:"NextToken,omitempty"`
}

// LookupAttribute is the one attribute LookupEvents filters on.
type LookupAttribute struct {
	AttributeKey   string `json:"AttributeKey"`
	AttributeValue string `json:"AttributeValue"`
}

// LookupEventsInput is the input of LookupEvents.
type LookupEventsInput struct {
	LookupAttributes []LookupAttribute `json:"LookupAttributes,omitempty"`
	StartTime        *time.Time        `json:"StartTime,omitempty"`
	EndTime          *time.Time        `json:"EndTime,omitempty"`
	EventCategory    string            `json:"EventCategory,omitempty"`
	MaxResults       *int32            `json:"MaxResults,omitempty"`
	NextToken        string            `json:"NextToken,omitempty"`
}

// Event is one Event history entry. CloudTrailEvent is the record as a JSON string; ReadOnly is
// "true" or "false".
type Event struct {
	EventID         string     `json:"EventId"`
	EventName       string     `json:"EventName"`
	ReadOnly        string     `json:"ReadOnly"`
	AccessKeyID     string     `json:"AccessKeyId,omitempty"`
	EventTime       time.Time  `json:"EventTime"`
	EventSource     string     `json:"EventSource"`
	Username        string     `json:"Username,omitempty"`
	Resources       []Resource `json:"Resources"`
	CloudTrailEvent string     `json:"CloudTrailEvent"`
}

// LookupEventsOutput is the output of LookupEvents, newest first.
type LookupEventsOutput struct {
	Events    []Event `json:"Events"`
	NextToken string  `json:"NextToken,omitempty"`
}
