package metrics

import (
	"time"

	"github.com/watchsim/watchsim/bus"
)

// The request and response shapes of the simulated CloudWatch metrics API. Member names and JSON
// keys are those of the AWS API reference (CloudWatch 2010-08-01).

// MetricDatum is the AWS shape MetricDatum (shared with the bus so that other services publish the
// same values on bus.MetricDataIn).
type MetricDatum = bus.MetricDatum

// PutMetricDataInput is the input of PutMetricData.
type PutMetricDataInput struct {
	Namespace  string        `json:"Namespace"`
	MetricData []MetricDatum `json:"MetricData,omitempty"`
	// EntityMetricData (2024+) is not simulated: a non-empty list is refused with bus.NotSimulated.
	EntityMetricData       []any `json:"EntityMetricData,omitempty"`
	StrictEntityValidation *bool `json:"StrictEntityValidation,omitempty"`
}

// PutMetricDataOutput is the (empty) output of PutMetricData.
type PutMetricDataOutput struct{}

// ListMetricsInput is the input of ListMetrics.
type ListMetricsInput struct {
	Namespace  string            `json:"Namespace,omitempty"`
	MetricName string            `json:"MetricName,omitempty"`
	Dimensions []DimensionFilter `json:"Dimensions,omitempty"`
	NextToken  string            `json:"NextToken,omitempty"`
	// RecentlyActive accepts only "PT3H".
	RecentlyActive string `json:"RecentlyActive,omitempty"`
	// IncludeLinkedAccounts and OwningAccount belong to cross-account observability, which is not
	// simulated: setting them is refused with bus.NotSimulated.
	IncludeLinkedAccounts bool   `json:"IncludeLinkedAccounts,omitempty"`
	OwningAccount         string `json:"OwningAccount,omitempty"`
}

// ListMetricsOutput is the output of ListMetrics.
type ListMetricsOutput struct {
	Metrics   []Metric `json:"Metrics"`
	NextToken string   `json:"NextToken,omitempty"`
}

// GetMetricStatisticsInput is the input of GetMetricStatistics.
type GetMetricStatisticsInput struct {
	Namespace          string      `json:"Namespace"`
	MetricName         string      `json:"MetricName"`
	Dimensions         []Dimension `json:"Dimensions,omitempty"`
	StartTime          time.Time   `json:"StartTime"`
	EndTime            time.Time   `json:"EndTime"`
	Period             int32       `json:"Period"`
	Statistics         []string    `json:"Statistics,omitempty"`
	ExtendedStatistics []string    `json:"ExtendedStatistics,omitempty"`
	Unit               string      `json:"Unit,omitempty"`
}

// Datapoint is the AWS shape Datapoint: the statistics of one period (stamped with its start) for
// one unit. Only the requested statistics are set.
type Datapoint struct {
	Timestamp          time.Time          `json:"Timestamp"`
	SampleCount        *float64           `json:"SampleCount,omitempty"`
	Average            *float64           `json:"Average,omitempty"`
	Sum                *float64           `json:"Sum,omitempty"`
	Minimum            *float64           `json:"Minimum,omitempty"`
	Maximum            *float64           `json:"Maximum,omitempty"`
	Unit               string             `json:"Unit,omitempty"`
	ExtendedStatistics map[string]float64 `json:"ExtendedStatistics,omitempty"`
}

// GetMetricStatisticsOutput is the output of GetMetricStatistics.
type GetMetricStatisticsOutput struct {
	Label      string      `json:"Label"`
	Datapoints []Datapoint `json:"Datapoints"`
}

// MetricStat is the AWS shape MetricStat: a metric, a period, a statistic and an optional unit.
type MetricStat struct {
	Metric Metric `json:"Metric"`
	Period int32  `json:"Period"`
	Stat   string `json:"Stat"`
	Unit   string `json:"Unit,omitempty"`
}

// MetricDataQuery is the AWS shape MetricDataQuery: exactly one of MetricStat and Expression.
type MetricDataQuery struct {
	Id         string      `json:"Id"`
	MetricStat *MetricStat `json:"MetricStat,omitempty"`
	Expression string      `json:"Expression,omitempty"`
	Label      string      `json:"Label,omitempty"`
	// ReturnData defaults to true.
	ReturnData *bool `json:"ReturnData,omitempty"`
	// Period is the period of an expression's result when the expression has no metric input
	// (TIME_SERIES); for MetricStat queries the MetricStat.Period applies.
	Period int32 `json:"Period,omitempty"`
	// AccountId (cross-account observability) is not simulated.
	AccountId string `json:"AccountId,omitempty"`
}

// LabelOptions is the AWS shape LabelOptions.
type LabelOptions struct {
	// Timezone is "+HHMM" or "-HHMM" (default "+0000"); it affects time-based dynamic labels.
	Timezone string `json:"Timezone,omitempty"`
}

// GetMetricDataInput is the input of GetMetricData.
type GetMetricDataInput struct {
	MetricDataQueries []MetricDataQuery `json:"MetricDataQueries"`
	StartTime         time.Time         `json:"StartTime"`
	EndTime           time.Time         `json:"EndTime"`
	NextToken         string            `json:"NextToken,omitempty"`
	// ScanBy is "TimestampDescending" (the default) or "TimestampAscending".
	ScanBy string `json:"ScanBy,omitempty"`
	// MaxDatapoints defaults to 100,800.
	MaxDatapoints int32         `json:"MaxDatapoints,omitempty"`
	LabelOptions  *LabelOptions `json:"LabelOptions,omitempty"`
}

// MessageData is the AWS shape MessageData.
type MessageData struct {
	Code  string `json:"Code,omitempty"`
	Value string `json:"Value,omitempty"`
}

// The values of MetricDataResult.StatusCode.
const (
	StatusComplete      = "Complete"
	StatusPartialData   = "PartialData"
	StatusInternalError = "InternalError"
	StatusForbidden     = "Forbidden"
)

// MetricDataResult is the AWS shape MetricDataResult.
type MetricDataResult struct {
	Id         string        `json:"Id"`
	Label      string        `json:"Label"`
	Timestamps []time.Time   `json:"Timestamps"`
	Values     []float64     `json:"Values"`
	StatusCode string        `json:"StatusCode"`
	Messages   []MessageData `json:"Messages,omitempty"`
	// SampleCounts is not part of the AWS shape: for a MetricStat result it holds the number of
	// samples behind each value (parallel to Values), which alarms need for
	// EvaluateLowSampleCountPercentile. It is nil for expression results.
	SampleCounts []float64 `json:"-"`
}

// GetMetricDataOutput is the output of GetMetricData.
type GetMetricDataOutput struct {
	MetricDataResults []MetricDataResult `json:"MetricDataResults"`
	NextToken         string             `json:"NextToken,omitempty"`
	Messages          []MessageData      `json:"Messages,omitempty"`
}
