package alarms

import (
	"encoding/json"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/awsjson"
	"github.com/watchsim/watchsim/metrics"
)

// Dimension is the AWS shape Dimension.
type Dimension = bus.Dimension

// Tag is the AWS shape Tag.
type Tag struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

// Metric is the AWS shape Metric (shared with package metrics).
type Metric = metrics.Metric

// MetricStat is the AWS shape MetricStat (shared with package metrics).
type MetricStat = metrics.MetricStat

// MetricDataQuery is the AWS shape MetricDataQuery (shared with package metrics). In an alarm's
// Metrics list exactly one query returns data (ReturnData absent means true).
type MetricDataQuery = metrics.MetricDataQuery

// returnsData reports whether q is a returned series (ReturnData absent means true).
func returnsData(q *MetricDataQuery) bool { return q.ReturnData == nil || *q.ReturnData }

// PutMetricAlarmInput is the input of PutMetricAlarm.
type PutMetricAlarmInput struct {
	AlarmName        string `json:"AlarmName"`
	AlarmDescription string `json:"AlarmDescription,omitempty"`
	// ActionsEnabled defaults to true.
	ActionsEnabled          *bool    `json:"ActionsEnabled,omitempty"`
	OKActions               []string `json:"OKActions,omitempty"`
	AlarmActions            []string `json:"AlarmActions,omitempty"`
	InsufficientDataActions []string `json:"InsufficientDataActions,omitempty"`

	MetricName        string      `json:"MetricName,omitempty"`
	Namespace         string      `json:"Namespace,omitempty"`
	Statistic         string      `json:"Statistic,omitempty"`
	ExtendedStatistic string      `json:"ExtendedStatistic,omitempty"`
	Dimensions        []Dimension `json:"Dimensions,omitempty"`
	Period            int32       `json:"Period,omitempty"`
	Unit              string      `json:"Unit,omitempty"`

	EvaluationPeriods int32 `json:"EvaluationPeriods"`
	// DatapointsToAlarm (M) defaults to EvaluationPeriods.
	DatapointsToAlarm *int32 `json:"DatapointsToAlarm,omitempty"`
	// Threshold is required for the static operators and must be absent for anomaly alarms.
	Threshold                        *float64           `json:"Threshold,omitempty"`
	ComparisonOperator               ComparisonOperator `json:"ComparisonOperator"`
	TreatMissingData                 TreatMissingData   `json:"TreatMissingData,omitempty"`
	EvaluateLowSampleCountPercentile string             `json:"EvaluateLowSampleCountPercentile,omitempty"`

	Metrics           []MetricDataQuery `json:"Metrics,omitempty"`
	ThresholdMetricId string            `json:"ThresholdMetricId,omitempty"`
	// Tags are applied on creation only; they are ignored when an alarm is updated (use TagResource).
	Tags []Tag `json:"Tags,omitempty"`

	// EvaluationCriteria (PromQL alarms) is not simulated: setting it returns the not-simulated error.
	EvaluationCriteria any `json:"EvaluationCriteria,omitempty"`
	// EvaluationInterval belongs to PromQL alarms and is not simulated.
	EvaluationInterval int32 `json:"EvaluationInterval,omitempty"`
	// EvaluationWindow (SlidingWindow | WallClockWindow, 2026) is not simulated: only the default
	// sliding window is; setting it returns the not-simulated error.
	EvaluationWindow any `json:"EvaluationWindow,omitempty"`
}

// PutMetricAlarmOutput is the (empty) output of PutMetricAlarm.
type PutMetricAlarmOutput struct{}

// PutCompositeAlarmInput is the input of PutCompositeAlarm.
type PutCompositeAlarmInput struct {
	AlarmName               string   `json:"AlarmName"`
	AlarmDescription        string   `json:"AlarmDescription,omitempty"`
	AlarmRule               string   `json:"AlarmRule"`
	ActionsEnabled          *bool    `json:"ActionsEnabled,omitempty"`
	OKActions               []string `json:"OKActions,omitempty"`
	AlarmActions            []string `json:"AlarmActions,omitempty"`
	InsufficientDataActions []string `json:"InsufficientDataActions,omitempty"`
	Tags                    []Tag    `json:"Tags,omitempty"`
	// ActionsSuppressor is the name or ARN of the alarm that suppresses this alarm's actions.
	ActionsSuppressor string `json:"ActionsSuppressor,omitempty"`
	// ActionsSuppressorWaitPeriod and ActionsSuppressorExtensionPeriod (seconds) are required with ActionsSuppressor.
	ActionsSuppressorWaitPeriod      *int32 `json:"ActionsSuppressorWaitPeriod,omitempty"`
	ActionsSuppressorExtensionPeriod *int32 `json:"ActionsSuppressorExtensionPeriod,omitempty"`
}

// PutCompositeAlarmOutput is the (empty) output of PutCompositeAlarm.
type PutCompositeAlarmOutput struct{}

// MetricAlarm is the AWS shape MetricAlarm returned by DescribeAlarms. Lists are always present
// (possibly empty); optional members are absent unless set, as in AWS.
type MetricAlarm struct {
	AlarmName                          string    `json:"AlarmName"`
	AlarmArn                           string    `json:"AlarmArn"`
	AlarmDescription                   string    `json:"AlarmDescription,omitempty"`
	AlarmConfigurationUpdatedTimestamp time.Time `json:"AlarmConfigurationUpdatedTimestamp"`
	ActionsEnabled                     bool      `json:"ActionsEnabled"`
	OKActions                          []string  `json:"OKActions"`
	AlarmActions                       []string  `json:"AlarmActions"`
	InsufficientDataActions            []string  `json:"InsufficientDataActions"`

	StateValue                 StateValue `json:"StateValue"`
	StateReason                string     `json:"StateReason"`
	StateReasonData            string     `json:"StateReasonData,omitempty"`
	StateUpdatedTimestamp      time.Time  `json:"StateUpdatedTimestamp"`
	StateTransitionedTimestamp time.Time  `json:"StateTransitionedTimestamp"`
	EvaluationState            string     `json:"EvaluationState,omitempty"`

	MetricName                       string             `json:"MetricName,omitempty"`
	Namespace                        string             `json:"Namespace,omitempty"`
	Statistic                        string             `json:"Statistic,omitempty"`
	ExtendedStatistic                string             `json:"ExtendedStatistic,omitempty"`
	Dimensions                       []Dimension        `json:"Dimensions"`
	Period                           int32              `json:"Period,omitempty"`
	Unit                             string             `json:"Unit,omitempty"`
	EvaluationPeriods                int32              `json:"EvaluationPeriods"`
	DatapointsToAlarm                *int32             `json:"DatapointsToAlarm,omitempty"`
	Threshold                        *float64           `json:"Threshold,omitempty"`
	ComparisonOperator               ComparisonOperator `json:"ComparisonOperator"`
	TreatMissingData                 TreatMissingData   `json:"TreatMissingData,omitempty"`
	EvaluateLowSampleCountPercentile string             `json:"EvaluateLowSampleCountPercentile,omitempty"`
	Metrics                          []MetricDataQuery  `json:"Metrics,omitempty"`
	ThresholdMetricId                string             `json:"ThresholdMetricId,omitempty"`
}

// CompositeAlarm is the AWS shape CompositeAlarm returned by DescribeAlarms.
type CompositeAlarm struct {
	AlarmName                          string    `json:"AlarmName"`
	AlarmArn                           string    `json:"AlarmArn"`
	AlarmDescription                   string    `json:"AlarmDescription,omitempty"`
	AlarmRule                          string    `json:"AlarmRule"`
	AlarmConfigurationUpdatedTimestamp time.Time `json:"AlarmConfigurationUpdatedTimestamp"`
	ActionsEnabled                     bool      `json:"ActionsEnabled"`
	OKActions                          []string  `json:"OKActions"`
	AlarmActions                       []string  `json:"AlarmActions"`
	InsufficientDataActions            []string  `json:"InsufficientDataActions"`

	StateValue                 StateValue `json:"StateValue"`
	StateReason                string     `json:"StateReason"`
	StateReasonData            string     `json:"StateReasonData,omitempty"`
	StateUpdatedTimestamp      time.Time  `json:"StateUpdatedTimestamp"`
	StateTransitionedTimestamp time.Time  `json:"StateTransitionedTimestamp"`

	ActionsSuppressedBy              ActionsSuppressedBy `json:"ActionsSuppressedBy,omitempty"`
	ActionsSuppressedReason          string              `json:"ActionsSuppressedReason,omitempty"`
	ActionsSuppressor                string              `json:"ActionsSuppressor,omitempty"`
	ActionsSuppressorWaitPeriod      *int32              `json:"ActionsSuppressorWaitPeriod,omitempty"`
	ActionsSuppressorExtensionPeriod *int32              `json:"ActionsSuppressorExtensionPeriod,omitempty"`
}

// AlarmHistoryItem is the AWS shape AlarmHistoryItem.
type AlarmHistoryItem struct {
	AlarmName       string          `json:"AlarmName"`
	AlarmType       AlarmType       `json:"AlarmType"`
	Timestamp       time.Time       `json:"Timestamp"`
	HistoryItemType HistoryItemType `json:"HistoryItemType"`
	HistorySummary  string          `json:"HistorySummary"`
	HistoryData     string          `json:"HistoryData"`
}

// SetAlarmStateInput is the input of SetAlarmState.
type SetAlarmStateInput struct {
	AlarmName       string     `json:"AlarmName"`
	StateValue      StateValue `json:"StateValue"`
	StateReason     string     `json:"StateReason"`
	StateReasonData string     `json:"StateReasonData,omitempty"`
}

// SetAlarmStateOutput is the (empty) output of SetAlarmState.
type SetAlarmStateOutput struct{}

// DeleteAlarmsInput is the input of DeleteAlarms.
type DeleteAlarmsInput struct {
	AlarmNames []string `json:"AlarmNames"`
}

// DeleteAlarmsOutput is the (empty) output of DeleteAlarms.
type DeleteAlarmsOutput struct{}

// DescribeAlarmsInput is the input of DescribeAlarms.
type DescribeAlarmsInput struct {
	AlarmNames      []string `json:"AlarmNames,omitempty"`
	AlarmNamePrefix string   `json:"AlarmNamePrefix,omitempty"`
	// AlarmTypes defaults to metric alarms only.
	AlarmTypes          []AlarmType `json:"AlarmTypes,omitempty"`
	ChildrenOfAlarmName string      `json:"ChildrenOfAlarmName,omitempty"`
	ParentsOfAlarmName  string      `json:"ParentsOfAlarmName,omitempty"`
	StateValue          StateValue  `json:"StateValue,omitempty"`
	ActionPrefix        string      `json:"ActionPrefix,omitempty"`
	MaxRecords          int32       `json:"MaxRecords,omitempty"`
	NextToken           string      `json:"NextToken,omitempty"`
}

// DescribeAlarmsOutput is the output of DescribeAlarms.
type DescribeAlarmsOutput struct {
	CompositeAlarms []CompositeAlarm `json:"CompositeAlarms"`
	MetricAlarms    []MetricAlarm    `json:"MetricAlarms"`
	NextToken       string           `json:"NextToken,omitempty"`
}

// DescribeAlarmsForMetricInput is the input of DescribeAlarmsForMetric.
type DescribeAlarmsForMetricInput struct {
	MetricName        string      `json:"MetricName"`
	Namespace         string      `json:"Namespace"`
	Dimensions        []Dimension `json:"Dimensions,omitempty"`
	Statistic         string      `json:"Statistic,omitempty"`
	ExtendedStatistic string      `json:"ExtendedStatistic,omitempty"`
	Period            int32       `json:"Period,omitempty"`
	Unit              string      `json:"Unit,omitempty"`
}

// DescribeAlarmsForMetricOutput is the output of DescribeAlarmsForMetric.
type DescribeAlarmsForMetricOutput struct {
	MetricAlarms []MetricAlarm `json:"MetricAlarms"`
}

// ScanBy orders DescribeAlarmHistory results.
type ScanBy string

// ScanBy values.
const (
	TimestampDescending ScanBy = "TimestampDescending"
	TimestampAscending  ScanBy = "TimestampAscending"
)

// DescribeAlarmHistoryInput is the input of DescribeAlarmHistory.
type DescribeAlarmHistoryInput struct {
	AlarmName       string          `json:"AlarmName,omitempty"`
	AlarmTypes      []AlarmType     `json:"AlarmTypes,omitempty"`
	HistoryItemType HistoryItemType `json:"HistoryItemType,omitempty"`
	StartDate       time.Time       `json:"StartDate,omitzero"`
	EndDate         time.Time       `json:"EndDate,omitzero"`
	MaxRecords      int32           `json:"MaxRecords,omitempty"`
	NextToken       string          `json:"NextToken,omitempty"`
	ScanBy          ScanBy          `json:"ScanBy,omitempty"`
}

// DescribeAlarmHistoryOutput is the output of DescribeAlarmHistory.
type DescribeAlarmHistoryOutput struct {
	AlarmHistoryItems []AlarmHistoryItem `json:"AlarmHistoryItems"`
	NextToken         string             `json:"NextToken,omitempty"`
}

// EnableAlarmActionsInput is the input of EnableAlarmActions.
type EnableAlarmActionsInput struct {
	AlarmNames []string `json:"AlarmNames"`
}

// EnableAlarmActionsOutput is the (empty) output of EnableAlarmActions.
type EnableAlarmActionsOutput struct{}

// DisableAlarmActionsInput is the input of DisableAlarmActions.
type DisableAlarmActionsInput struct {
	AlarmNames []string `json:"AlarmNames"`
}

// DisableAlarmActionsOutput is the (empty) output of DisableAlarmActions.
type DisableAlarmActionsOutput struct{}

// TagResourceInput is the input of TagResource (alarms only; other CloudWatch resources belong to other packages).
type TagResourceInput struct {
	ResourceARN string `json:"ResourceARN"`
	Tags        []Tag  `json:"Tags"`
}

// TagResourceOutput is the (empty) output of TagResource.
type TagResourceOutput struct{}

// UntagResourceInput is the input of UntagResource.
type UntagResourceInput struct {
	ResourceARN string   `json:"ResourceARN"`
	TagKeys     []string `json:"TagKeys"`
}

// UntagResourceOutput is the (empty) output of UntagResource.
type UntagResourceOutput struct{}

// ListTagsForResourceInput is the input of ListTagsForResource.
type ListTagsForResourceInput struct {
	ResourceARN string `json:"ResourceARN"`
}

// ListTagsForResourceOutput is the output of ListTagsForResource.
type ListTagsForResourceOutput struct {
	Tags []Tag `json:"Tags"`
}

// PutAnomalyDetectorInput is the input of PutAnomalyDetector. Anomaly detection is not simulated
// (see [Service.PutAnomalyDetector]); the shape is kept opaque.
type PutAnomalyDetectorInput struct {
	Namespace  string      `json:"Namespace,omitempty"`
	MetricName string      `json:"MetricName,omitempty"`
	Dimensions []Dimension `json:"Dimensions,omitempty"`
	Stat       string      `json:"Stat,omitempty"`
	// SingleMetricAnomalyDetector, MetricMathAnomalyDetector, Configuration and MetricCharacteristics.
	SingleMetricAnomalyDetector any `json:"SingleMetricAnomalyDetector,omitempty"`
	MetricMathAnomalyDetector   any `json:"MetricMathAnomalyDetector,omitempty"`
	Configuration               any `json:"Configuration,omitempty"`
	MetricCharacteristics       any `json:"MetricCharacteristics,omitempty"`
}

// PutAnomalyDetectorOutput is the (empty) output of PutAnomalyDetector.
type PutAnomalyDetectorOutput struct{}

// The JSON form of the input shapes that hold a double. encoding/json cannot write NaN or ±Inf, so
// an input holding one (which PutMetricAlarm refuses) would not marshal — in the API-call record of
// the refused call, for example. These methods write such values as the AWS JSON protocol does
// ("NaN", "Infinity", "-Infinity"; see package internal/awsjson) and read them back; every other
// member keeps its ordinary form.

// MarshalJSON writes the input in its AWS JSON form; a non-finite Threshold is a string.
func (in PutMetricAlarmInput) MarshalJSON() ([]byte, error) {
	type plain PutMetricAlarmInput
	return json.Marshal(struct {
		plain
		Threshold *awsjson.Double `json:"Threshold,omitempty"`
	}{plain(in), (*awsjson.Double)(in.Threshold)})
}

// UnmarshalJSON reads the AWS JSON form; Threshold may also be "NaN", "Infinity" or "-Infinity".
func (in *PutMetricAlarmInput) UnmarshalJSON(b []byte) error {
	type plain PutMetricAlarmInput
	aux := struct {
		*plain
		Threshold *awsjson.Double `json:"Threshold,omitempty"`
	}{plain: (*plain)(in), Threshold: (*awsjson.Double)(in.Threshold)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	in.Threshold = (*float64)(aux.Threshold)
	return nil
}
