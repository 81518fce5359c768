package bus

import (
	"encoding/json"
	"time"
)

// The topics on which the services cooperate. Each service publishes and subscribes only through
// these, so that every package works alone on a bare Bus. They are functions, not variables, so no
// importer can rebind them.

// MetricDataIn carries datapoints that other services want stored in CloudWatch metrics: log
// metric filters, simulated resources, vended metrics. The metrics service subscribes.
func MetricDataIn() Topic[MetricData] { return Topic[MetricData]{Name: "metrics.in"} }

// MetricDataStored carries datapoints after the metrics service accepted and stored them (from
// PutMetricData or MetricDataIn). Alarms subscribe to know when to re-evaluate.
func MetricDataStored() Topic[MetricData] { return Topic[MetricData]{Name: "metrics.stored"} }

// AlarmStateChanges carries every alarm state transition.
func AlarmStateChanges() Topic[AlarmStateChange] {
	return Topic[AlarmStateChange]{Name: "alarms.state"}
}

// Events carries EventBridge events that AWS services emit to the default event bus of the
// account and region ("aws.cloudwatch", "aws.logs", "aws.config", …), and events PutEvents accepted.
func Events() Topic[Event] { return Topic[Event]{Name: "events"} }

// APICalls carries one record for every operation that went through [Call]. CloudTrail records from it.
func APICalls() Topic[APICall] { return Topic[APICall]{Name: "api.calls"} }

// ResourceChanges carries every creation, change and deletion of a resource. AWS Config records from it.
func ResourceChanges() Topic[ResourceChange] { return Topic[ResourceChange]{Name: "resources"} }

// Deliveries carries one record for every delivery by ARN through [Bus.Deliver], once the sink has
// answered: where, when, under which key, and how it failed. Nothing is built while no one
// subscribes. AWS Config follows a trail's deliveries to CloudWatch Logs from it, as its managed rule
// reads GetTrailStatus.
func Deliveries() Topic[Delivery] { return Topic[Delivery]{Name: "deliveries"} }

// Delivery records one delivery through [Bus.Deliver].
type Delivery struct {
	Time time.Time
	// ARN is the target the delivery was addressed to, as the deliverer wrote it.
	ARN string
	// Key is the payload's key: the S3 object key, the Kinesis partition key or the CloudWatch Logs
	// stream name.
	Key string
	// ErrorCode is the AWS error code of a failed delivery, "" for a delivery the sink accepted.
	ErrorCode string
}

// Dimension is a CloudWatch metric dimension (AWS shape Dimension).
type Dimension struct {
	Name  string `json:"Name"`
	Value string `json:"Value"`
}

// StatisticSet is a pre-aggregated set of datapoints (AWS shape StatisticSet).
type StatisticSet struct {
	SampleCount float64 `json:"SampleCount"`
	Sum         float64 `json:"Sum"`
	Minimum     float64 `json:"Minimum"`
	Maximum     float64 `json:"Maximum"`
}

// MetricDatum is one CloudWatch datum (AWS shape MetricDatum): a Value, a Values/Counts array or a
// StatisticValues set, for one metric at one time.
type MetricDatum struct {
	MetricName        string        `json:"MetricName"`
	Dimensions        []Dimension   `json:"Dimensions,omitempty"`
	Timestamp         time.Time     `json:"Timestamp,omitzero"`
	Value             *float64      `json:"Value,omitempty"`
	StatisticValues   *StatisticSet `json:"StatisticValues,omitempty"`
	Values            []float64     `json:"Values,omitempty"`
	Counts            []float64     `json:"Counts,omitempty"`
	Unit              string        `json:"Unit,omitempty"`
	StorageResolution int32         `json:"StorageResolution,omitempty"`
}

// MetricData is a batch of datapoints for one namespace, the payload of [MetricDataIn] and
// [MetricDataStored].
type MetricData struct {
	Namespace  string        `json:"Namespace"`
	MetricData []MetricDatum `json:"MetricData"`
	// Source says who produced the data: "PutMetricData", "logs:metric-filter:<group>:<filter>", ….
	Source string `json:"Source,omitempty"`
}

// AlarmStateChange is one transition of a metric or composite alarm.
type AlarmStateChange struct {
	AlarmName string `json:"AlarmName"`
	AlarmARN  string `json:"AlarmArn"`
	// AlarmType is "MetricAlarm" or "CompositeAlarm".
	AlarmType string `json:"AlarmType"`
	// OldState and NewState are "OK", "ALARM" or "INSUFFICIENT_DATA".
	OldState   string    `json:"OldStateValue"`
	NewState   string    `json:"NewStateValue"`
	Reason     string    `json:"NewStateReason"`
	ReasonData string    `json:"NewStateReasonData,omitempty"`
	Time       time.Time `json:"StateChangeTime"`
}

// Event is an EventBridge event in its envelope, as delivered to targets. Detail is the JSON object
// of the "detail" member.
type Event struct {
	Version    string          `json:"version"`
	ID         string          `json:"id"`
	DetailType string          `json:"detail-type"`
	Source     string          `json:"source"`
	Account    string          `json:"account"`
	Time       time.Time       `json:"time"`
	Region     string          `json:"region"`
	Resources  []string        `json:"resources"`
	Detail     json.RawMessage `json:"detail"`
	// EventBusName is the bus the event was sent to; it is not part of the delivered JSON.
	EventBusName string `json:"-"`
}

// APICall records one operation that went through [Call]: who called what, with which parameters,
// and what came back. It has what a CloudTrail management event needs.
type APICall struct {
	EventID   string    `json:"eventID"`
	RequestID string    `json:"requestID"`
	EventTime time.Time `json:"eventTime"`
	// EventSource is the service's CloudTrail source, such as "monitoring.amazonaws.com".
	EventSource string `json:"eventSource"`
	// EventName is the AWS operation name, such as "PutMetricAlarm".
	EventName          string   `json:"eventName"`
	AWSRegion          string   `json:"awsRegion"`
	RecipientAccountID string   `json:"recipientAccountId"`
	ReadOnly           bool     `json:"readOnly"`
	Identity           Identity `json:"userIdentity"`
	// RequestParameters is the operation's input and ResponseElements its output (nil on error).
	// They are the caller's values: a subscriber that keeps them must copy or marshal them while it
	// handles the message.
	RequestParameters any    `json:"requestParameters"`
	ResponseElements  any    `json:"responseElements"`
	ErrorCode         string `json:"errorCode,omitempty"`
	ErrorMessage      string `json:"errorMessage,omitempty"`
}

// ChangeType says what happened to a resource.
type ChangeType string

// The change types of a [ResourceChange].
const (
	ResourceCreated ChangeType = "CREATE"
	ResourceUpdated ChangeType = "UPDATE"
	ResourceDeleted ChangeType = "DELETE"
)

// Relationship links a resource to another, as AWS Config shows it.
type Relationship struct {
	ResourceType     string `json:"resourceType"`
	ResourceID       string `json:"resourceId,omitempty"`
	ResourceName     string `json:"resourceName,omitempty"`
	RelationshipName string `json:"relationshipName"`
}

// ResourceChange reports that a service created, changed or deleted a resource.
type ResourceChange struct {
	ChangeType ChangeType `json:"changeType"`
	// ResourceType is the CloudFormation/Config type, such as "AWS::CloudWatch::Alarm".
	ResourceType  string            `json:"resourceType"`
	ResourceID    string            `json:"resourceId"`
	ResourceName  string            `json:"resourceName,omitempty"`
	ARN           string            `json:"ARN,omitempty"`
	Time          time.Time         `json:"configurationItemCaptureTime"`
	Tags          map[string]string `json:"tags,omitempty"`
	Relationships []Relationship    `json:"relationships,omitempty"`
	// Configuration is the resource as AWS Config shows it (nil for deletions); it is marshalled to JSON.
	Configuration any `json:"configuration,omitempty"`
}
