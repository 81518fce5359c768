package alarms

import (
	"context"
	"encoding/json"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/javafmt"
)

// HistoryRetention is how long alarm history is kept (also after the alarm is deleted) [UG:AlarmThatSendsEmail].
const HistoryRetention = 14 * 24 * time.Hour

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

// historyEntry is one stored history item. A StateUpdate item keeps its two state snapshots and
// builds its HistoryData JSON only when it is described (most history is never read).
type historyEntry struct {
	AlarmHistoryItem
	state   bool // HistoryData is stateHistoryData(old, nw)
	old, nw stateSnapshot
}

// item returns the AWS shape of the entry.
func (e *historyEntry) item() AlarmHistoryItem {
	it := e.AlarmHistoryItem
	if e.state {
		it.HistoryData = stateHistoryData(e.old, e.nw)
	}
	return it
}

// addHistoryLocked appends an item and drops items older than the retention.
func (s *Service) addHistoryLocked(it AlarmHistoryItem) {
	s.addEntryLocked(historyEntry{AlarmHistoryItem: it})
}

// addEntryLocked appends an entry and drops entries older than the retention.
func (s *Service) addEntryLocked(e historyEntry) {
	s.history = append(s.history, e)
	// Expired entries are dropped once they are at least half of the slice, so the copy is paid once
	// per doubling (amortised O(1) per entry; compacting whenever the oldest expired copied the whole
	// history on every entry once retention was reached). Readers skip expired entries by time.
	n := len(s.history)
	if n <= 64 || !s.history[n/2].Timestamp.Before(e.Timestamp.Add(-s.opts.historyRetention())) {
		return
	}
	cut := e.Timestamp.Add(-s.opts.historyRetention())
	i := sort.Search(n, func(i int) bool { return !s.history[i].Timestamp.Before(cut) })
	s.history = append(s.history[:0:0], s.history[i:]...)
}

// regionName returns the long region name CloudWatch uses in SNS notifications (the region code
// itself for regions not listed).
func regionName(r string) string {
	switch r {
	case "us-east-1":
		return "US East (N. Virginia)"
	case "us-east-2":
		return "US East (Ohio)"
	case "us-west-1":
		return "US West (N. California)"
	case "us-west-2":
		return "US West (Oregon)"
	case "eu-west-1":
		return "EU (Ireland)"
	case "eu-west-2":
		return "EU (London)"
	case "eu-west-3":
		return "EU (Paris)"
	case "eu-central-1":
		return "EU (Frankfurt)"
	case "eu-north-1":
		return "EU (Stockholm)"
	case "ap-northeast-1":
		return "Asia Pacific (Tokyo)"
	case "ap-northeast-2":
		return "Asia Pacific (Seoul)"
	case "ap-southeast-1":
		return "Asia Pacific (Singapore)"
	case "ap-southeast-2":
		return "Asia Pacific (Sydney)"
	case "ap-south-1":
		return "Asia Pacific (Mumbai)"
	case "sa-east-1":
		return "South America (Sao Paulo)"
	case "ca-central-1":
		return "Canada (Central)"
	}
	return r
}

// javaNumber is a JSON number printed the Java way ("21.0").
type javaNumber float64

func (f javaNumber) MarshalJSON() ([]byte, error) {
	return javafmt.AppendJSONNumber(nil, float64(f)), nil
}

func upperSnake(stat string) string {
	var b strings.Builder
	for i, r := range stat {
		if i > 0 && r >= 'A' && r <= 'Z' {
			b.WriteByte('_')
		}
		b.WriteRune(r)
	}
	return strings.ToUpper(b.String())
}

type snsDimension struct {
	Value string `json:"value"`
	Name  string `json:"name"`
}

type snsTrigger struct {
	MetricName                       string             `json:"MetricName,omitempty"`
	Namespace                        string             `json:"Namespace,omitempty"`
	StatisticType                    string             `json:"StatisticType,omitempty"`
	Statistic                        string             `json:"Statistic,omitempty"`
	ExtendedStatistic                string             `json:"ExtendedStatistic,omitempty"`
	Unit                             *string            `json:"Unit"`
	Dimensions                       []snsDimension     `json:"Dimensions,omitzero"`
	Metrics                          []MetricDataQuery  `json:"Metrics,omitempty"`
	Period                           int32              `json:"Period"`
	EvaluationPeriods                int32              `json:"EvaluationPeriods"`
	DatapointsToAlarm                *int32             `json:"DatapointsToAlarm,omitempty"`
	ComparisonOperator               ComparisonOperator `json:"ComparisonOperator"`
	Threshold                        *javaNumber        `json:"Threshold,omitempty"`
	ThresholdMetricId                string             `json:"ThresholdMetricId,omitempty"`
	TreatMissingData                 string             `json:"TreatMissingData"`
	EvaluateLowSampleCountPercentile string             `json:"EvaluateLowSampleCountPercentile"`
}

type snsChild struct {
	Arn   string `json:"Arn"`
	State struct {
		Value     StateValue `json:"Value"`
		Timestamp string     `json:"Timestamp"`
	} `json:"State"`
}

// snsMessage is the alarm notification CloudWatch publishes to SNS ([AWS-validated] test_set_alarm).
type snsMessage struct {
	AlarmName                          string      `json:"AlarmName"`
	AlarmDescription                   *string     `json:"AlarmDescription"`
	AWSAccountId                       string      `json:"AWSAccountId"`
	AlarmConfigurationUpdatedTimestamp string      `json:"AlarmConfigurationUpdatedTimestamp"`
	NewStateValue                      StateValue  `json:"NewStateValue"`
	NewStateReason                     string      `json:"NewStateReason"`
	StateChangeTime                    string      `json:"StateChangeTime"`
	Region                             string      `json:"Region"`
	AlarmArn                           string      `json:"AlarmArn"`
	OldStateValue                      StateValue  `json:"OldStateValue"`
	OKActions                          []string    `json:"OKActions"`
	AlarmActions                       []string    `json:"AlarmActions"`
	InsufficientDataActions            []string    `json:"InsufficientDataActions"`
	ActionExecutedAfterMuteWindow      bool        `json:"ActionExecutedAfterMuteWindow"`
	AlarmRule                          string      `json:"AlarmRule,omitempty"`
	TriggeringChildren                 []snsChild  `json:"TriggeringChildren,omitempty"`
	Trigger                            *snsTrigger `json:"Trigger,omitempty"`
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func (s *Service) snsBody(a *alarm, old, nw stateSnapshot) []byte {
	msg := snsMessage{AlarmName: a.name, AWSAccountId: s.b.Account(), NewStateValue: nw.value, NewStateReason: nw.reason,
		StateChangeTime: FormatReasonDataTime(nw.time), Region: regionName(s.b.Region()), AlarmArn: a.arn, OldStateValue: old.value}
	if a.composite {
		c := a.c
		if c.AlarmDescription != "" {
			msg.AlarmDescription = &c.AlarmDescription
		}
		msg.AlarmConfigurationUpdatedTimestamp = FormatReasonDataTime(c.AlarmConfigurationUpdatedTimestamp)
		msg.OKActions, msg.AlarmActions, msg.InsufficientDataActions = nonNil(c.OKActions), nonNil(c.AlarmActions), nonNil(c.InsufficientDataActions)
		msg.AlarmRule = c.AlarmRule
		var rd struct {
			TriggeringAlarms []struct {
				Arn   string `json:"arn"`
				State struct {
					Value     StateValue `json:"value"`
					Timestamp string     `json:"timestamp"`
				} `json:"state"`
			} `json:"triggeringAlarms"`
		}
		if json.Unmarshal([]byte(nw.data), &rd) == nil {
			for _, t := range rd.TriggeringAlarms {
				var ch snsChild
				ch.Arn, ch.State.Value, ch.State.Timestamp = t.Arn, t.State.Value, t.State.Timestamp
				msg.TriggeringChildren = append(msg.TriggeringChildren, ch)
			}
		}
	} else {
		m := a.m
		if m.AlarmDescription != "" {
			msg.AlarmDescription = &m.AlarmDescription
		}
		msg.AlarmConfigurationUpdatedTimestamp = FormatReasonDataTime(m.AlarmConfigurationUpdatedTimestamp)
		msg.OKActions, msg.AlarmActions, msg.InsufficientDataActions = nonNil(m.OKActions), nonNil(m.AlarmActions), nonNil(m.InsufficientDataActions)
		tr := &snsTrigger{MetricName: m.MetricName, Namespace: m.Namespace, Period: m.Period, EvaluationPeriods: m.EvaluationPeriods,
			DatapointsToAlarm: m.DatapointsToAlarm, ComparisonOperator: m.ComparisonOperator, ThresholdMetricId: m.ThresholdMetricId,
			TreatMissingData: string(m.TreatMissingData), EvaluateLowSampleCountPercentile: m.EvaluateLowSampleCountPercentile, Metrics: m.Metrics}
		if m.Threshold != nil {
			th := javaNumber(*m.Threshold)
			tr.Threshold = &th
		}
		if m.MetricName != "" {
			tr.Dimensions = []snsDimension{}
			for _, d := range m.Dimensions {
				tr.Dimensions = append(tr.Dimensions, snsDimension{Value: d.Value, Name: d.Name})
			}
			if m.Unit != "" {
				u := m.Unit
				tr.Unit = &u
			}
			if m.ExtendedStatistic != "" {
				tr.StatisticType, tr.ExtendedStatistic = "ExtendedStatistic", m.ExtendedStatistic
			} else {
				tr.StatisticType, tr.Statistic = "Statistic", upperSnake(m.Statistic)
			}
		}
		msg.Trigger = tr
	}
	b, _ := json.Marshal(msg)
	return b
}

// eventState is the state member of alarm events and Lambda payloads.
type eventState struct {
	Value                   StateValue          `json:"value"`
	Reason                  string              `json:"reason,omitempty"`
	ReasonData              string              `json:"reasonData,omitempty"`
	Timestamp               string              `json:"timestamp"`
	ActionsSuppressedBy     ActionsSuppressedBy `json:"actionsSuppressedBy,omitempty"`
	ActionsSuppressedReason string              `json:"actionsSuppressedReason,omitempty"`
}

func snapState(ss stateSnapshot) eventState {
	return eventState{Value: ss.value, Reason: ss.reason, ReasonData: ss.data, Timestamp: FormatReasonDataTime(ss.time)}
}

// eventConfiguration is the configuration member of alarm events ([UG:cloudwatch-and-eventbridge]).
func (s *Service) eventConfiguration(a *alarm) map[string]any {
	cfg := map[string]any{}
	if a.composite {
		c := a.c
		if c.AlarmDescription != "" {
			cfg["description"] = c.AlarmDescription
		}
		cfg["alarmRule"] = c.AlarmRule
		if c.ActionsSuppressor != "" {
			cfg["actionsSuppressor"] = c.ActionsSuppressor
			cfg["actionsSuppressorWaitPeriod"] = c.ActionsSuppressorWaitPeriod
			cfg["actionsSuppressorExtensionPeriod"] = c.ActionsSuppressorExtensionPeriod
		}
		return cfg
	}
	m := a.m
	if m.AlarmDescription != "" {
		cfg["description"] = m.AlarmDescription
	}
	metricJSON := func(ms *MetricStat) map[string]any {
		dims := map[string]string{}
		for _, d := range ms.Metric.Dimensions {
			dims[d.Name] = d.Value
		}
		return map[string]any{"metric": map[string]any{"namespace": ms.Metric.Namespace, "name": ms.Metric.MetricName, "dimensions": dims},
			"period": ms.Period, "stat": ms.Stat}
	}
	var list []map[string]any
	if m.MetricName != "" {
		stat := m.Statistic
		if stat == "" {
			stat = m.ExtendedStatistic
		}
		ms := &MetricStat{Metric: Metric{Namespace: m.Namespace, MetricName: m.MetricName, Dimensions: m.Dimensions}, Period: m.Period, Stat: stat}
		list = append(list, map[string]any{"id": a.configID, "metricStat": metricJSON(ms), "returnData": true})
	}
	for _, q := range m.Metrics {
		e := map[string]any{"id": q.Id, "returnData": returnsData(&q)}
		if q.MetricStat != nil {
			e["metricStat"] = metricJSON(q.MetricStat)
		} else {
			e["expression"] = q.Expression
			if q.Label != "" {
				e["label"] = q.Label
			}
		}
		list = append(list, e)
	}
	cfg["metrics"] = list
	return cfg
}

// stateChangeEvent builds the "CloudWatch Alarm State Change" event.
func (s *Service) stateChangeEvent(a *alarm, old, nw stateSnapshot, t time.Time) bus.Event {
	st := snapState(nw)
	if a.composite {
		st.ActionsSuppressedBy, st.ActionsSuppressedReason = a.c.ActionsSuppressedBy, a.c.ActionsSuppressedReason
	}
	detail, _ := json.Marshal(struct {
		AlarmName     string         `json:"alarmName"`
		State         eventState     `json:"state"`
		PreviousState eventState     `json:"previousState"`
		Configuration map[string]any `json:"configuration"`
	}{a.name, st, snapState(old), s.eventConfiguration(a)})
	return s.event("CloudWatch Alarm State Change", a, detail, t)
}

func (s *Service) event(detailType string, a *alarm, detail []byte, t time.Time) bus.Event {
	return bus.Event{Version: "0", ID: s.b.UUID(), DetailType: detailType, Source: "aws.cloudwatch", Account: s.b.Account(),
		Time: t.Truncate(time.Second), Region: s.b.Region(), Resources: []string{a.arn}, Detail: detail}
}

// configurationChangeEvent builds the "CloudWatch Alarm Configuration Change" event.
func (s *Service) configurationChangeEvent(a *alarm, operation string, prev map[string]any, t time.Time) bus.Event {
	cfg := s.fullConfiguration(a)
	v, _, _, upd, _ := a.stateFields()
	d := map[string]any{"alarmName": a.name, "operation": operation,
		"state": map[string]any{"value": *v, "timestamp": FormatReasonDataTime(*upd)}, "configuration": cfg}
	if prev != nil {
		d["previousConfiguration"] = prev
	}
	detail, _ := json.Marshal(d)
	return s.event("CloudWatch Alarm Configuration Change", a, detail, t)
}

func (s *Service) fullConfiguration(a *alarm) map[string]any {
	cfg := s.eventConfiguration(a)
	cfg["alarmName"] = a.name
	if a.composite {
		c := a.c
		cfg["actionsEnabled"], cfg["timestamp"] = c.ActionsEnabled, FormatReasonDataTime(c.AlarmConfigurationUpdatedTimestamp)
		cfg["okActions"], cfg["alarmActions"], cfg["insufficientDataActions"] = nonNil(c.OKActions), nonNil(c.AlarmActions), nonNil(c.InsufficientDataActions)
		return cfg
	}
	m := a.m
	cfg["actionsEnabled"], cfg["timestamp"] = m.ActionsEnabled, FormatReasonDataTime(m.AlarmConfigurationUpdatedTimestamp)
	cfg["okActions"], cfg["alarmActions"], cfg["insufficientDataActions"] = nonNil(m.OKActions), nonNil(m.AlarmActions), nonNil(m.InsufficientDataActions)
	cfg["evaluationPeriods"], cfg["comparisonOperator"] = m.EvaluationPeriods, m.ComparisonOperator
	if m.Threshold != nil {
		cfg["threshold"] = javaNumber(*m.Threshold)
	}
	if m.TreatMissingData != "" {
		cfg["treatMissingData"] = m.TreatMissingData
	}
	return cfg
}

// lambdaBody is the payload of a Lambda alarm action ([AWS-validated] test_alarm_lambda_target).
func (s *Service) lambdaBody(a *alarm, old, nw stateSnapshot) []byte {
	b, _ := json.Marshal(struct {
		Source    string `json:"source"`
		AlarmArn  string `json:"alarmArn"`
		AccountID string `json:"accountId"`
		Time      string `json:"time"`
		Region    string `json:"region"`
		AlarmData any    `json:"alarmData"`
	}{"aws.cloudwatch", a.arn, s.b.Account(), FormatReasonDataTime(nw.time), s.b.Region(), struct {
		AlarmName     string         `json:"alarmName"`
		State         eventState     `json:"state"`
		PreviousState eventState     `json:"previousState"`
		Configuration map[string]any `json:"configuration"`
	}{a.name, snapState(nw), snapState(old), s.eventConfiguration(a)}})
	return b
}

// runActionsLocked queues the actions of a transition (unless actions are disabled or suppressed).
func (s *Service) runActionsLocked(ctx context.Context, a *alarm, old, nw stateSnapshot, t time.Time) {
	if !a.actionsEnabled() {
		return
	}
	if a.composite && s.suppressLocked(a, old, t) {
		return
	}
	s.deliverActionsLocked(ctx, a, old, nw)
}

// deliverActionsLocked defers one delivery per action ARN of the new state; each outcome is recorded
// as an Action history item.
func (s *Service) deliverActionsLocked(ctx context.Context, a *alarm, old, nw stateSnapshot) {
	arns := a.actionsFor(nw.value)
	if nw.value != StateAlarm {
		// OpsItem and Incident Manager actions run only on entering ALARM [UG:AlarmThatSendsEmail].
		arns = slices.DeleteFunc(slices.Clone(arns), func(arn string) bool {
			k := actionKind(arn)
			return k == "ssm" || k == "ssm-incidents"
		})
	}
	if len(arns) == 0 {
		return
	}
	payloads := make([]bus.Payload, len(arns))
	for i, arn := range arns {
		switch actionKind(arn) {
		case "sns":
			subject := string(nw.value) + `: "` + a.name + `" in ` + regionName(s.b.Region())
			payloads[i] = bus.Payload{Body: s.snsBody(a, old, nw), Subject: subject}
		default:
			payloads[i] = bus.Payload{Body: s.lambdaBody(a, old, nw)}
		}
	}
	arns = slices.Clone(arns)
	_, _, _, _, transitioned := a.stateFields()
	since := *transitioned
	bus.Defer(ctx, s.b, func(ctx context.Context) {
		for i, arn := range arns {
			s.deliverAction(ctx, a, arn, payloads[i], nw.value, since)
		}
	})
}

// deliverAction delivers one action and records the outcome. Auto Scaling actions are re-invoked
// every minute while the alarm stays in the state ([UG:AlarmThatSendsEmail]).
func (s *Service) deliverAction(ctx context.Context, a *alarm, arn string, p bus.Payload, st StateValue, since time.Time) {
	err := s.b.Deliver(ctx, arn, p)
	now := s.b.Now()
	it := AlarmHistoryItem{AlarmName: a.name, AlarmType: a.typ(), Timestamp: now, HistoryItemType: HistoryAction}
	data := map[string]any{"actionState": "Succeeded", "stateUpdateTimestamp": since.UnixMilli(), "notificationResource": arn}
	if err != nil {
		it.HistorySummary = "Failed to execute action " + arn + ". Received error: \"" + err.Error() + "\""
		data["actionState"] = "Failed"
		data["error"] = err.Error()
	} else {
		it.HistorySummary = "Successfully executed action " + arn
		if actionKind(arn) == "sns" {
			data["publishedMessage"] = string(p.Body)
		}
	}
	it.HistoryData = mustJSON(data)
	s.b.Locked(func() { s.addHistoryLocked(it) })
	if actionKind(arn) != "autoscaling" {
		return
	}
	s.b.After(time.Minute, func(ctx context.Context) {
		still := false
		s.b.Locked(func() {
			v, _, _, _, tr := a.stateFields()
			still = !a.deleted && *v == st && tr.Equal(since) && a.actionsEnabled()
		})
		if still {
			s.deliverAction(ctx, a, arn, p, st, since)
		}
	})
}
