package logs

// The shapes of the log group, log stream and log event operations, with the member names of the
// CloudWatch Logs API reference (lowerCamelCase). Timestamps are epoch milliseconds, as the API
// models them (type long).

// LogGroup is the AWS shape LogGroup.
type LogGroup struct {
	LogGroupName string `json:"logGroupName"`
	CreationTime int64  `json:"creationTime"`
	// RetentionInDays is absent when events never expire.
	RetentionInDays   *int32 `json:"retentionInDays,omitempty"`
	MetricFilterCount int32  `json:"metricFilterCount"`
	// Arn is the group ARN with the trailing ":*"; LogGroupArn is the form without it.
	Arn         string `json:"arn"`
	StoredBytes *int64 `json:"storedBytes,omitempty"`
	KmsKeyID    string `json:"kmsKeyId,omitempty"`
	// LogGroupClass is STANDARD, INFREQUENT_ACCESS or DELIVERY.
	LogGroupClass             string `json:"logGroupClass"`
	LogGroupArn               string `json:"logGroupArn"`
	DeletionProtectionEnabled *bool  `json:"deletionProtectionEnabled,omitempty"`
}

// LogStream is the AWS shape LogStream. An empty stream has no event times.
type LogStream struct {
	LogStreamName       string `json:"logStreamName"`
	CreationTime        int64  `json:"creationTime"`
	FirstEventTimestamp *int64 `json:"firstEventTimestamp,omitempty"`
	LastEventTimestamp  *int64 `json:"lastEventTimestamp,omitempty"`
	LastIngestionTime   *int64 `json:"lastIngestionTime,omitempty"`
	UploadSequenceToken string `json:"uploadSequenceToken,omitempty"`
	Arn                 string `json:"arn"`
	// StoredBytes is always 0, as AWS has reported for streams since 2019.
	StoredBytes int64 `json:"storedBytes"`
}

// CreateLogGroupInput is the input of CreateLogGroup.
type CreateLogGroupInput struct {
	LogGroupName string            `json:"logGroupName"`
	KmsKeyID     string            `json:"kmsKeyId,omitempty"`
	Tags         map[string]string `json:"tags,omitempty"`
	// LogGroupClass is STANDARD (default), INFREQUENT_ACCESS or DELIVERY; it cannot change later.
	LogGroupClass             string `json:"logGroupClass,omitempty"`
	DeletionProtectionEnabled *bool  `json:"deletionProtectionEnabled,omitempty"`
}

// CreateLogGroupOutput is the (empty) output of CreateLogGroup.
type CreateLogGroupOutput struct{}

// DeleteLogGroupInput is the input of DeleteLogGroup.
type DeleteLogGroupInput struct {
	LogGroupName string `json:"logGroupName"`
}

// DeleteLogGroupOutput is the (empty) output of DeleteLogGroup.
type DeleteLogGroupOutput struct{}

// PutLogGroupDeletionProtectionInput is the input of PutLogGroupDeletionProtection.
type PutLogGroupDeletionProtectionInput struct {
	LogGroupIdentifier        string `json:"logGroupIdentifier"`
	DeletionProtectionEnabled *bool  `json:"deletionProtectionEnabled"`
}

// PutLogGroupDeletionProtectionOutput is the (empty) output of PutLogGroupDeletionProtection.
type PutLogGroupDeletionProtectionOutput struct{}

// DescribeLogGroupsInput is the input of DescribeLogGroups.
type DescribeLogGroupsInput struct {
	AccountIdentifiers    []string `json:"accountIdentifiers,omitempty"`
	LogGroupNamePrefix    string   `json:"logGroupNamePrefix,omitempty"`
	LogGroupNamePattern   string   `json:"logGroupNamePattern,omitempty"`
	NextToken             string   `json:"nextToken,omitempty"`
	Limit                 *int32   `json:"limit,omitempty"`
	IncludeLinkedAccounts *bool    `json:"includeLinkedAccounts,omitempty"`
	LogGroupClass         string   `json:"logGroupClass,omitempty"`
	LogGroupIdentifiers   []string `json:"logGroupIdentifiers,omitempty"`
}

// DescribeLogGroupsOutput is the output of DescribeLogGroups.
type DescribeLogGroupsOutput struct {
	LogGroups []LogGroup `json:"logGroups"`
	NextToken string     `json:"nextToken,omitempty"`
}

// ListLogGroupsInput is the input of ListLogGroups.
type ListLogGroupsInput struct {
	LogGroupNamePattern   string   `json:"logGroupNamePattern,omitempty"`
	LogGroupClass         string   `json:"logGroupClass,omitempty"`
	IncludeLinkedAccounts *bool    `json:"includeLinkedAccounts,omitempty"`
	AccountIdentifiers    []string `json:"accountIdentifiers,omitempty"`
	NextToken             string   `json:"nextToken,omitempty"`
	Limit                 *int32   `json:"limit,omitempty"`
}

// LogGroupSummary is the AWS shape LogGroupSummary.
type LogGroupSummary struct {
	LogGroupName  string `json:"logGroupName"`
	LogGroupArn   string `json:"logGroupArn"`
	LogGroupClass string `json:"logGroupClass"`
}

// ListLogGroupsOutput is the output of ListLogGroups.
type ListLogGroupsOutput struct {
	LogGroups []LogGroupSummary `json:"logGroups"`
	NextToken string            `json:"nextToken,omitempty"`
}

// CreateLogStreamInput is the input of CreateLogStream.
type CreateLogStreamInput struct {
	LogGroupName  string `json:"logGroupName"`
	LogStreamName string `json:"logStreamName"`
}

// CreateLogStreamOutput is the (empty) output of CreateLogStream.
type CreateLogStreamOutput struct{}

// DeleteLogStreamInput is the input of DeleteLogStream.
type DeleteLogStreamInput struct {
	LogGroupName  string `json:"logGroupName"`
	LogStreamName string `json:"logStreamName"`
}

// DeleteLogStreamOutput is the (empty) output of DeleteLogStream.
type DeleteLogStreamOutput struct{}

// DescribeLogStreamsInput is the input of DescribeLogStreams.
type DescribeLogStreamsInput struct {
	LogGroupName        string `json:"logGroupName,omitempty"`
	LogGroupIdentifier  string `json:"logGroupIdentifier,omitempty"`
	LogStreamNamePrefix string `json:"logStreamNamePrefix,omitempty"`
	// OrderBy is LogStreamName (default) or LastEventTime.
	OrderBy    string `json:"orderBy,omitempty"`
	Descending *bool  `json:"descending,omitempty"`
	NextToken  string `json:"nextToken,omitempty"`
	Limit      *int32 `json:"limit,omitempty"`
}

// DescribeLogStreamsOutput is the output of DescribeLogStreams.
type DescribeLogStreamsOutput struct {
	LogStreams []LogStream `json:"logStreams"`
	NextToken  string      `json:"nextToken,omitempty"`
}

// PutRetentionPolicyInput is the input of PutRetentionPolicy.
type PutRetentionPolicyInput struct {
	LogGroupName    string `json:"logGroupName"`
	RetentionInDays int32  `json:"retentionInDays"`
}

// PutRetentionPolicyOutput is the (empty) output of PutRetentionPolicy.
type PutRetentionPolicyOutput struct{}

// DeleteRetentionPolicyInput is the input of DeleteRetentionPolicy.
type DeleteRetentionPolicyInput struct {
	LogGroupName string `json:"logGroupName"`
}

// DeleteRetentionPolicyOutput is the (empty) output of DeleteRetentionPolicy.
type DeleteRetentionPolicyOutput struct{}

// InputLogEvent is the AWS shape InputLogEvent.
type InputLogEvent struct {
	Timestamp int64  `json:"timestamp"`
	Message   string `json:"message"`
}

// PutLogEventsInput is the input of PutLogEvents.
type PutLogEventsInput struct {
	LogGroupName  string          `json:"logGroupName"`
	LogStreamName string          `json:"logStreamName"`
	LogEvents     []InputLogEvent `json:"logEvents"`
	// SequenceToken is accepted and ignored, as AWS does since 2023.
	SequenceToken string `json:"sequenceToken,omitempty"`
	// Entity (the telemetry entity of the events) is not simulated: a non-nil Entity is refused.
	Entity map[string]any `json:"entity,omitempty"`
}

// RejectedLogEventsInfo is the AWS shape RejectedLogEventsInfo. Events [0, TooOldLogEventEndIndex)
// were too old, [0, ExpiredLogEventEndIndex) older than the retention period, and
// [TooNewLogEventStartIndex, n) too new.
type RejectedLogEventsInfo struct {
	TooNewLogEventStartIndex *int32 `json:"tooNewLogEventStartIndex,omitempty"`
	TooOldLogEventEndIndex   *int32 `json:"tooOldLogEventEndIndex,omitempty"`
	ExpiredLogEventEndIndex  *int32 `json:"expiredLogEventEndIndex,omitempty"`
}

// PutLogEventsOutput is the output of PutLogEvents.
type PutLogEventsOutput struct {
	NextSequenceToken     string                 `json:"nextSequenceToken,omitempty"`
	RejectedLogEventsInfo *RejectedLogEventsInfo `json:"rejectedLogEventsInfo,omitempty"`
}

// OutputLogEvent is the AWS shape OutputLogEvent.
type OutputLogEvent struct {
	Timestamp     int64  `json:"timestamp"`
	Message       string `json:"message"`
	IngestionTime int64  `json:"ingestionTime"`
}

// GetLogEventsInput is the input of GetLogEvents.
type GetLogEventsInput struct {
	LogGroupName       string `json:"logGroupName,omitempty"`
	LogGroupIdentifier string `json:"logGroupIdentifier,omitempty"`
	LogStreamName      string `json:"logStreamName"`
	// StartTime is inclusive and EndTime exclusive (epoch ms).
	StartTime *int64 `json:"startTime,omitempty"`
	EndTime   *int64 `json:"endTime,omitempty"`
	NextToken string `json:"nextToken,omitempty"`
	Limit     *int32 `json:"limit,omitempty"`
	// StartFromHead defaults to false: the first page holds the newest events.
	StartFromHead *bool `json:"startFromHead,omitempty"`
	// Unmask (data protection) is not simulated: true is refused.
	Unmask *bool `json:"unmask,omitempty"`
}

// GetLogEventsOutput is the output of GetLogEvents. At the end of the stream the token passed in
// comes back unchanged.
type GetLogEventsOutput struct {
	Events            []OutputLogEvent `json:"events"`
	NextForwardToken  string           `json:"nextForwardToken"`
	NextBackwardToken string           `json:"nextBackwardToken"`
}

// FilteredLogEvent is the AWS shape FilteredLogEvent.
type FilteredLogEvent struct {
	LogStreamName string `json:"logStreamName"`
	Timestamp     int64  `json:"timestamp"`
	Message       string `json:"message"`
	IngestionTime int64  `json:"ingestionTime"`
	EventID       string `json:"eventId"`
}

// SearchedLogStream is the AWS shape SearchedLogStream (deprecated; never returned).
type SearchedLogStream struct {
	LogStreamName      string `json:"logStreamName"`
	SearchedCompletely bool   `json:"searchedCompletely"`
}

// FilterLogEventsInput is the input of FilterLogEvents.
type FilterLogEventsInput struct {
	LogGroupName        string   `json:"logGroupName,omitempty"`
	LogGroupIdentifier  string   `json:"logGroupIdentifier,omitempty"`
	LogStreamNames      []string `json:"logStreamNames,omitempty"`
	LogStreamNamePrefix string   `json:"logStreamNamePrefix,omitempty"`
	// StartTime and EndTime are both inclusive (epoch ms).
	StartTime     *int64 `json:"startTime,omitempty"`
	EndTime       *int64 `json:"endTime,omitempty"`
	FilterPattern string `json:"filterPattern,omitempty"`
	NextToken     string `json:"nextToken,omitempty"`
	Limit         *int32 `json:"limit,omitempty"`
	// StartFromHead false returns the newest events first (only with a StartTime from 2024 on).
	StartFromHead *bool `json:"startFromHead,omitempty"`
	// Interleaved is ignored, as AWS has ignored it since 2019 (results are always interleaved).
	Interleaved *bool `json:"interleaved,omitempty"`
	// Unmask (data protection) is not simulated: true is refused.
	Unmask *bool `json:"unmask,omitempty"`
}

// FilterLogEventsOutput is the output of FilterLogEvents. Paging ends when NextToken is empty.
type FilterLogEventsOutput struct {
	Events []FilteredLogEvent `json:"events"`
	// SearchedLogStreams is always empty, as AWS has returned it since 2020.
	SearchedLogStreams []SearchedLogStream `json:"searchedLogStreams"`
	NextToken          string              `json:"nextToken,omitempty"`
}
