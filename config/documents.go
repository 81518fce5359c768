package config

import (
	"encoding/json"
	"time"
)

// The `configuration` document of each type, built from what the owning service publishes on
// bus.ResourceChanges (its Describe shape, PascalCase). The alarm and trail documents follow the
// configuration items AWS records (lowerCamelCase, with the alarm's all-lower-case "okactions",
// awslabs/aws-config-rdk rdk/template/example_ci); the EventBridge documents keep the
// CloudFormation-style PascalCase of the resource schema (awslabs/aws-config-resource-schema).

type dimension struct {
	Name  string `json:"Name"`
	Value string `json:"Value"`
}

// alarmSource is what the alarms service publishes (the DescribeAlarms MetricAlarm shape).
type alarmSource struct {
	AlarmName                          string          `json:"AlarmName"`
	AlarmArn                           string          `json:"AlarmArn"`
	AlarmDescription                   string          `json:"AlarmDescription"`
	AlarmConfigurationUpdatedTimestamp time.Time       `json:"AlarmConfigurationUpdatedTimestamp"`
	ActionsEnabled                     bool            `json:"ActionsEnabled"`
	OKActions                          []string        `json:"OKActions"`
	AlarmActions                       []string        `json:"AlarmActions"`
	InsufficientDataActions            []string        `json:"InsufficientDataActions"`
	MetricName                         string          `json:"MetricName"`
	Namespace                          string          `json:"Namespace"`
	Statistic                          string          `json:"Statistic"`
	ExtendedStatistic                  string          `json:"ExtendedStatistic"`
	Dimensions                         []dimension     `json:"Dimensions"`
	Period                             int32           `json:"Period"`
	Unit                               string          `json:"Unit"`
	EvaluationPeriods                  int32           `json:"EvaluationPeriods"`
	DatapointsToAlarm                  *int32          `json:"DatapointsToAlarm"`
	Threshold                          *float64        `json:"Threshold"`
	ComparisonOperator                 string          `json:"ComparisonOperator"`
	TreatMissingData                   string          `json:"TreatMissingData"`
	EvaluateLowSampleCountPercentile   string          `json:"EvaluateLowSampleCountPercentile"`
	ThresholdMetricID                  string          `json:"ThresholdMetricId"`
	Metrics                            json.RawMessage `json:"Metrics"`
}

type docDimension struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// AlarmDocument is the configuration document of an AWS::CloudWatch::Alarm item.
type AlarmDocument struct {
	AlarmName                          string         `json:"alarmName"`
	AlarmArn                           string         `json:"alarmArn,omitempty"`
	AlarmDescription                   string         `json:"alarmDescription,omitempty"`
	AlarmConfigurationUpdatedTimestamp int64          `json:"alarmConfigurationUpdatedTimestamp,omitempty"`
	ActionsEnabled                     bool           `json:"actionsEnabled"`
	OKActions                          []string       `json:"okactions"`
	AlarmActions                       []string       `json:"alarmActions"`
	InsufficientDataActions            []string       `json:"insufficientDataActions"`
	MetricName                         string         `json:"metricName,omitempty"`
	Namespace                          string         `json:"namespace,omitempty"`
	Statistic                          string         `json:"statistic,omitempty"`
	ExtendedStatistic                  string         `json:"extendedStatistic,omitempty"`
	Dimensions                         []docDimension `json:"dimensions,omitempty"`
	Period                             int32          `json:"period,omitempty"`
	Unit                               string         `json:"unit,omitempty"`
	EvaluationPeriods                  int32          `json:"evaluationPeriods,omitempty"`
	DatapointsToAlarm                  *int32         `json:"datapointsToAlarm,omitempty"`
	Threshold                          *float64       `json:"threshold,omitempty"`
	ComparisonOperator                 string         `json:"comparisonOperator,omitempty"`
	TreatMissingData                   string         `json:"treatMissingData,omitempty"`
	EvaluateLowSampleCountPercentile   string         `json:"evaluateLowSampleCountPercentile,omitempty"`
	ThresholdMetricID                  string         `json:"thresholdMetricId,omitempty"`
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func alarmDocument(raw []byte) (any, error) {
	if d, ok := scanAlarm(raw); ok {
		return d, nil
	}
	return alarmDocumentJSON(raw)
}

// alarmDocumentJSON is alarmDocument through encoding/json (the reference of scanAlarm).
func alarmDocumentJSON(raw []byte) (*AlarmDocument, error) {
	var a alarmSource
	if err := json.Unmarshal(raw, &a); err != nil {
		return nil, err
	}
	d := &AlarmDocument{AlarmName: a.AlarmName, AlarmArn: a.AlarmArn, AlarmDescription: a.AlarmDescription, ActionsEnabled: a.ActionsEnabled,
		OKActions: nonNil(a.OKActions), AlarmActions: nonNil(a.AlarmActions), InsufficientDataActions: nonNil(a.InsufficientDataActions),
		MetricName: a.MetricName, Namespace: a.Namespace, Statistic: a.Statistic, ExtendedStatistic: a.ExtendedStatistic, Period: a.Period,
		Unit: a.Unit, EvaluationPeriods: a.EvaluationPeriods, DatapointsToAlarm: a.DatapointsToAlarm, Threshold: a.Threshold,
		ComparisonOperator: a.ComparisonOperator, TreatMissingData: a.TreatMissingData,
		EvaluateLowSampleCountPercentile: a.EvaluateLowSampleCountPercentile, ThresholdMetricID: a.ThresholdMetricID}
	if !a.AlarmConfigurationUpdatedTimestamp.IsZero() {
		d.AlarmConfigurationUpdatedTimestamp = a.AlarmConfigurationUpdatedTimestamp.UnixMilli()
	}
	for _, dm := range a.Dimensions {
		d.Dimensions = append(d.Dimensions, docDimension(dm))
	}
	return d, nil
}

// trailSource is what the CloudTrail service publishes (the DescribeTrails Trail shape).
type trailSource struct {
	Name                       string `json:"Name"`
	S3BucketName               string `json:"S3BucketName"`
	S3KeyPrefix                string `json:"S3KeyPrefix"`
	SnsTopicName               string `json:"SnsTopicName"`
	SnsTopicARN                string `json:"SnsTopicARN"`
	IncludeGlobalServiceEvents *bool  `json:"IncludeGlobalServiceEvents"`
	IsMultiRegionTrail         *bool  `json:"IsMultiRegionTrail"`
	HomeRegion                 string `json:"HomeRegion"`
	TrailARN                   string `json:"TrailARN"`
	LogFileValidationEnabled   *bool  `json:"LogFileValidationEnabled"`
	CloudWatchLogsLogGroupArn  string `json:"CloudWatchLogsLogGroupArn"`
	CloudWatchLogsRoleArn      string `json:"CloudWatchLogsRoleArn"`
	KmsKeyID                   string `json:"KmsKeyId"`
	HasCustomEventSelectors    *bool  `json:"HasCustomEventSelectors"`
	HasInsightSelectors        *bool  `json:"HasInsightSelectors"`
	IsOrganizationTrail        *bool  `json:"IsOrganizationTrail"`
}

// TrailDocument is the configuration document of an AWS::CloudTrail::Trail item.
type TrailDocument struct {
	Name                       string `json:"name"`
	S3BucketName               string `json:"s3BucketName,omitempty"`
	S3KeyPrefix                string `json:"s3KeyPrefix,omitempty"`
	SnsTopicName               string `json:"snsTopicName,omitempty"`
	SnsTopicARN                string `json:"snsTopicARN,omitempty"`
	IncludeGlobalServiceEvents bool   `json:"includeGlobalServiceEvents"`
	IsMultiRegionTrail         bool   `json:"isMultiRegionTrail"`
	HomeRegion                 string `json:"homeRegion,omitempty"`
	TrailARN                   string `json:"trailARN,omitempty"`
	LogFileValidationEnabled   bool   `json:"logFileValidationEnabled"`
	CloudWatchLogsLogGroupArn  string `json:"cloudWatchLogsLogGroupArn,omitempty"`
	CloudWatchLogsRoleArn      string `json:"cloudWatchLogsRoleArn,omitempty"`
	KmsKeyID                   string `json:"kmsKeyId,omitempty"`
	HasCustomEventSelectors    bool   `json:"hasCustomEventSelectors"`
	HasInsightSelectors        bool   `json:"hasInsightSelectors"`
	IsOrganizationTrail        bool   `json:"isOrganizationTrail"`
}

func bv(p *bool) bool { return p != nil && *p }

func trailDocument(raw []byte) (any, error) {
	var t trailSource
	if err := json.Unmarshal(raw, &t); err != nil {
		return nil, err
	}
	d := &TrailDocument{Name: t.Name, S3BucketName: t.S3BucketName, S3KeyPrefix: t.S3KeyPrefix, SnsTopicName: t.SnsTopicName,
		SnsTopicARN: t.SnsTopicARN, IncludeGlobalServiceEvents: bv(t.IncludeGlobalServiceEvents), IsMultiRegionTrail: bv(t.IsMultiRegionTrail),
		HomeRegion: t.HomeRegion, TrailARN: t.TrailARN, LogFileValidationEnabled: bv(t.LogFileValidationEnabled),
		CloudWatchLogsLogGroupArn: t.CloudWatchLogsLogGroupArn, CloudWatchLogsRoleArn: t.CloudWatchLogsRoleArn, KmsKeyID: t.KmsKeyID,
		HasCustomEventSelectors: bv(t.HasCustomEventSelectors), HasInsightSelectors: bv(t.HasInsightSelectors), IsOrganizationTrail: bv(t.IsOrganizationTrail)}
	return d, nil
}

// EventBusDocument is the configuration document of an AWS::Events::EventBus item. Policy is the
// resource policy as a JSON string [derived: the schema does not index it].
type EventBusDocument struct {
	Name            string `json:"Name"`
	Arn             string `json:"Arn,omitempty"`
	Description     string `json:"Description,omitempty"`
	EventSourceName string `json:"EventSourceName,omitempty"`
	Policy          string `json:"Policy,omitempty"`
}

func busDocument(raw []byte) (any, error) {
	var d EventBusDocument
	if err := json.Unmarshal(raw, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// RuleDocument is the configuration document of an AWS::Events::Rule item.
type RuleDocument struct {
	Arn                string          `json:"Arn,omitempty"`
	Name               string          `json:"Name"`
	Description        string          `json:"Description,omitempty"`
	EventBusName       string          `json:"EventBusName,omitempty"`
	EventPattern       string          `json:"EventPattern,omitempty"`
	ScheduleExpression string          `json:"ScheduleExpression,omitempty"`
	State              string          `json:"State,omitempty"`
	RoleArn            string          `json:"RoleArn,omitempty"`
	Targets            json.RawMessage `json:"Targets,omitempty"`
}

func ruleDocument(raw []byte) (any, error) {
	var d RuleDocument
	if err := json.Unmarshal(raw, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// LogGroupState is what the managed log-group rules read of a log group (which is not a recorded
// type: it has no configuration items).
type LogGroupState struct {
	LogGroupName    string `json:"logGroupName"`
	RetentionInDays *int32 `json:"retentionInDays"`
	KmsKeyID        string `json:"kmsKeyId"`
}

func logGroupState(raw []byte) (any, error) {
	var d LogGroupState
	if err := json.Unmarshal(raw, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// docState is the configuration of one recorded state: the JSON the owning service published,
// and — built on first use, under the state lock — its decoded document (for the managed rules)
// and the document's JSON (for items and notifications). Recording pays only for the encoding;
// a resource's item and its current state share one docState.
type docState struct {
	typ string
	// src is the published JSON; for a replaced state kept as a delta (next != nil), only the bytes
	// that differ from next's JSON: the whole JSON is next's first pre bytes, src, and next's last
	// suf bytes (full rebuilds it).
	src      []byte
	next     *docState
	pre, suf int32
	c        *docCache // what was built from src; nil until first used, and after shed
}

// docCache is what a docState builds on demand (kept apart so that a state nobody read costs
// only its JSON).
type docCache struct {
	parsed   any
	out      json.RawMessage
	decoded  bool
	rendered bool
	m        any // the document decoded as encoding/json decodes it into an any (mapValue)
	mapped   bool
	shared   bool // parsed or out may share the state's src bytes (so src is never reused)
}

func (d *docState) cache() *docCache {
	if d.c == nil {
		d.c = &docCache{}
	}
	return d.c
}

// mapValue returns the document as encoding/json would decode its JSON into an any, built once
// and shared (callers must not modify it): the alarm document without a JSON round trip.
func (d *docState) mapValue() any {
	if d == nil {
		return nil
	}
	c := d.cache()
	if !c.mapped {
		c.mapped = true
		if a, ok := d.value().(*AlarmDocument); ok {
			c.m = a.queryValue()
		} else {
			raw := d.json()
			if json.Unmarshal(raw, &c.m) != nil {
				c.m = string(raw)
			}
		}
	}
	return c.m
}

// value returns the decoded document of the types the managed rules read, or nil.
func (d *docState) value() any {
	if d == nil {
		return nil
	}
	c := d.cache()
	if !c.decoded {
		c.decoded = true
		var parse func([]byte) (any, error)
		switch d.typ {
		case TypeAlarm:
			parse = alarmDocument
		case TypeTrail:
			parse = trailDocument
		case TypeEventBus:
			parse = busDocument
		case TypeEventRule:
			parse = ruleDocument
		case typeLogGroup:
			parse = logGroupState
		}
		if parse != nil {
			c.parsed, _ = parse(d.full()) // scanAlarm's strings share the bytes it reads
			c.shared = c.shared || d.next == nil
		}
	}
	return c.parsed
}

// json returns the configuration document: the type's document when it has one, the published
// JSON otherwise (nil for a nil docState: a deletion).
func (d *docState) json() json.RawMessage {
	if d == nil {
		return nil
	}
	c := d.cache()
	if !c.rendered {
		c.rendered = true
		c.out = d.full()
		if v := d.value(); v != nil && d.typ != typeLogGroup {
			if b, err := json.Marshal(v); err == nil {
				c.out = b
			}
		}
		c.shared = c.shared || d.next == nil && len(c.out) > 0 && len(d.src) > 0 && &c.out[0] == &d.src[0]
	}
	return c.out
}

// shed drops what the state decoded and rendered, keeping the published JSON. A state that is no
// longer a resource's current one is read rarely (history, an evaluation queued before the next
// change) and is rebuilt on demand then, so the kept history costs its JSON and nothing more.
// Caller holds the state lock.
func (d *docState) shed() {
	if d == nil {
		return
	}
	d.c = nil
}

// keepsDocument reports whether Config needs the document of a type: the recordable ones, and log
// groups, which the managed log-group rules read.
func keepsDocument(typ string) bool { return typ == typeLogGroup || validResourceType(typ) }

// queryValue is the document as encoding/json would decode its JSON into an any (numbers as
// float64, omitted members absent): the configuration advanced query reads, without the JSON
// round trip (TestAlarmQueryValue).
func (d *AlarmDocument) queryValue() map[string]any {
	m := make(map[string]any, 24)
	str := func(k, v string) {
		if v != "" {
			m[k] = v
		}
	}
	list := func(l []string) any {
		if l == nil {
			return nil // encoding/json writes null
		}
		out := make([]any, len(l))
		for i, v := range l {
			out[i] = v
		}
		return out
	}
	m["alarmName"] = d.AlarmName
	str("alarmArn", d.AlarmArn)
	str("alarmDescription", d.AlarmDescription)
	if d.AlarmConfigurationUpdatedTimestamp != 0 {
		m["alarmConfigurationUpdatedTimestamp"] = float64(d.AlarmConfigurationUpdatedTimestamp)
	}
	m["actionsEnabled"] = d.ActionsEnabled
	m["okactions"], m["alarmActions"], m["insufficientDataActions"] = list(d.OKActions), list(d.AlarmActions), list(d.InsufficientDataActions)
	str("metricName", d.MetricName)
	str("namespace", d.Namespace)
	str("statistic", d.Statistic)
	str("extendedStatistic", d.ExtendedStatistic)
	if len(d.Dimensions) > 0 {
		dims := make([]any, len(d.Dimensions))
		for i, dm := range d.Dimensions {
			dims[i] = map[string]any{"name": dm.Name, "value": dm.Value}
		}
		m["dimensions"] = dims
	}
	if d.Period != 0 {
		m["period"] = float64(d.Period)
	}
	str("unit", d.Unit)
	if d.EvaluationPeriods != 0 {
		m["evaluationPeriods"] = float64(d.EvaluationPeriods)
	}
	if d.DatapointsToAlarm != nil {
		m["datapointsToAlarm"] = float64(*d.DatapointsToAlarm)
	}
	if d.Threshold != nil {
		m["threshold"] = *d.Threshold
	}
	str("comparisonOperator", d.ComparisonOperator)
	str("treatMissingData", d.TreatMissingData)
	str("evaluateLowSampleCountPercentile", d.EvaluateLowSampleCountPercentile)
	str("thresholdMetricId", d.ThresholdMetricID)
	return m
}
