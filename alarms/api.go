package alarms

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/watchsim/watchsim/internal/awserr"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/metrics"
)

// Source is the CloudTrail event source of the CloudWatch API.
const Source = "monitoring.amazonaws.com"

func op(name string, readOnly bool) bus.Operation {
	return bus.Operation{Source: Source, Name: name, ReadOnly: readOnly}
}

func resourceNotFound() error {
	// [AWS-validated] SetAlarmState on an unknown alarm: ResourceNotFound, 404, empty message.
	return bus.ClientError("ResourceNotFound", "").WithStatus(awserr.StatusNotFound)
}

// PutMetricAlarm creates or replaces a metric alarm ([API] PutMetricAlarm). A new alarm starts in
// INSUFFICIENT_DATA ("Unchecked: Initial alarm creation") and is evaluated at once; an update keeps
// the state and replaces the whole configuration (Tags are ignored on update).
//
// Anomaly-detection alarms (ThresholdMetricId) and PromQL alarms return the not-simulated error.
func (s *Service) PutMetricAlarm(ctx context.Context, in *PutMetricAlarmInput) (*PutMetricAlarmOutput, error) {
	return bus.Call(ctx, s.b, op("PutMetricAlarm", false), in, func(ctx context.Context, in *PutMetricAlarmInput) (*PutMetricAlarmOutput, error) {
		if err := validatePutMetricAlarm(in); err != nil {
			return nil, err
		}
		if in.ComparisonOperator.IsBand() {
			return nil, bus.NotSimulated("monitoring", "anomaly detection alarms (ANOMALY_DETECTION_BAND)")
		}
		queries, returnID, keys := s.alarmQueries(in)
		now := s.b.Now()
		if len(in.Metrics) > 0 {
			if err := s.m.ValidateQueries(queries); err != nil {
				return nil, err
			}
			// Functions the metrics service does not simulate (SEARCH, …) only show when evaluated:
			// refuse them now rather than accept an alarm that can never evaluate.
			p := time.Duration(DefinitionOf(in).Period) * time.Second
			if _, err := s.m.QueryLocked(queries, now.Add(-p), now); err != nil {
				return nil, err
			}
		}
		a := s.alarms[in.AlarmName]
		if a != nil && a.composite {
			return nil, validationError("An alarm named %s already exists as a composite alarm.", in.AlarmName)
		}
		if a == nil && s.opts.maxAlarms > 0 && len(s.alarms) >= s.opts.maxAlarms {
			return nil, bus.ClientError("LimitExceeded", "The maximum number of alarms has been reached.")
		}
		m := &MetricAlarm{
			AlarmName: in.AlarmName, AlarmArn: s.b.ARN("cloudwatch", "alarm:"+in.AlarmName), AlarmDescription: in.AlarmDescription,
			AlarmConfigurationUpdatedTimestamp: now, ActionsEnabled: in.ActionsEnabled == nil || *in.ActionsEnabled,
			OKActions: cloneList(in.OKActions), AlarmActions: cloneList(in.AlarmActions), InsufficientDataActions: cloneList(in.InsufficientDataActions),
			MetricName: in.MetricName, Namespace: in.Namespace, Statistic: in.Statistic, ExtendedStatistic: in.ExtendedStatistic,
			Dimensions: slices.Clone(in.Dimensions), Period: in.Period, Unit: in.Unit, EvaluationPeriods: in.EvaluationPeriods,
			DatapointsToAlarm: clonePtr(in.DatapointsToAlarm), Threshold: clonePtr(in.Threshold), ComparisonOperator: in.ComparisonOperator,
			TreatMissingData: in.TreatMissingData, EvaluateLowSampleCountPercentile: in.EvaluateLowSampleCountPercentile,
			Metrics: cloneQueries(in.Metrics), ThresholdMetricId: in.ThresholdMetricId,
		}
		if m.Dimensions == nil {
			m.Dimensions = []Dimension{}
		}
		def := DefinitionOf(in)
		if a != nil { // update: the state stays, the configuration is replaced
			prev := s.fullConfiguration(a)
			m.StateValue, m.StateReason, m.StateReasonData = a.m.StateValue, a.m.StateReason, a.m.StateReasonData
			m.StateUpdatedTimestamp, m.StateTransitionedTimestamp, m.EvaluationState = a.m.StateUpdatedTimestamp, a.m.StateTransitionedTimestamp, a.m.EvaluationState
			s.unindexLocked(a)
			a.m, a.def, a.queries, a.returnID, a.keys, a.probe = m, def, queries, returnID, keys, probeQueries(queries)
			s.compileFastPathLocked(a, in)
			s.indexLocked(a)
			s.configChangedLocked(ctx, a, "update", prev, now)
			a.next = 0 // drop the old schedule: the period (and so the tick) may have changed
			s.scheduleLocked(ctx, a, nextTick(now, a.step()))
			return &PutMetricAlarmOutput{}, nil
		}
		m.StateValue, m.StateReason, m.StateUpdatedTimestamp, m.StateTransitionedTimestamp = StateInsufficientData, InitialReason, now, now
		a = &alarm{name: in.AlarmName, arn: m.AlarmArn, m: m, tags: slices.Clone(in.Tags), configID: s.b.UUID(),
			def: def, queries: queries, returnID: returnID, keys: keys, probe: probeQueries(queries)}
		s.compileFastPathLocked(a, in)
		s.alarms[a.name] = a
		s.indexLocked(a)
		s.configChangedLocked(ctx, a, "create", nil, now)
		s.evaluateLocked(ctx, a, now)
		return &PutMetricAlarmOutput{}, nil
	})
}

// alarmQueries returns the queries that evaluate an alarm, the Id of the watched series and the keys
// of the metrics it reads.
func (s *Service) alarmQueries(in *PutMetricAlarmInput) ([]metrics.MetricDataQuery, string, []string) {
	if in.MetricName != "" {
		stat := in.Statistic
		if stat == "" {
			stat = in.ExtendedStatistic
		}
		q := metrics.MetricDataQuery{Id: "m", MetricStat: &metrics.MetricStat{
			Metric: metrics.Metric{Namespace: in.Namespace, MetricName: in.MetricName, Dimensions: slices.Clone(in.Dimensions)},
			Period: in.Period, Stat: stat, Unit: in.Unit}}
		return []metrics.MetricDataQuery{q}, "m", []string{s.metricKey(in.Namespace, in.MetricName, in.Dimensions)}
	}
	qs := cloneQueries(in.Metrics)
	var ret string
	var keys []string
	for i := range qs {
		q := &qs[i]
		if returnsData(q) && q.Id != in.ThresholdMetricId {
			ret = q.Id
		}
		if q.MetricStat != nil {
			keys = append(keys, s.metricKey(q.MetricStat.Metric.Namespace, q.MetricStat.Metric.MetricName, q.MetricStat.Metric.Dimensions))
		}
	}
	return qs, ret, keys
}

// compileFastPathLocked sets up the metrics fast path of a single-metric alarm. If the MetricStat does not compile, the alarm keeps using QueryLocked, which
// reports the same error as an evaluation error.
func (s *Service) compileFastPathLocked(a *alarm, in *PutMetricAlarmInput) {
	a.stat, a.probeStat = nil, nil
	if s.noFastPath || in.MetricName == "" || len(a.queries) != 1 || a.queries[0].MetricStat == nil {
		return
	}
	ms := *a.queries[0].MetricStat
	h, err := s.m.CompileStat(ms)
	if err != nil {
		return
	}
	ms.Stat = "SampleCount"
	ph, err := s.m.CompileStat(ms)
	if err != nil {
		return
	}
	a.stat, a.probeStat = h, ph
}

// probeQueries returns a SampleCount query for every metric the alarm reads.
func probeQueries(qs []metrics.MetricDataQuery) []metrics.MetricDataQuery {
	var out []metrics.MetricDataQuery
	for _, q := range qs {
		if q.MetricStat == nil {
			continue
		}
		ms := *q.MetricStat
		ms.Stat = "SampleCount"
		out = append(out, metrics.MetricDataQuery{Id: "p" + strconv.Itoa(len(out)), MetricStat: &ms})
	}
	return out
}

func cloneList(s []string) []string {
	if s == nil {
		return []string{}
	}
	return slices.Clone(s)
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

func cloneQueries(qs []MetricDataQuery) []MetricDataQuery {
	if qs == nil {
		return nil
	}
	out := slices.Clone(qs)
	for i := range out {
		if ms := out[i].MetricStat; ms != nil {
			c := *ms
			c.Metric.Dimensions = slices.Clone(ms.Metric.Dimensions)
			out[i].MetricStat = &c
		}
		out[i].ReturnData = clonePtr(out[i].ReturnData)
	}
	return out
}

func (s *Service) indexLocked(a *alarm) {
	for _, k := range a.keys {
		if !slices.Contains(s.byMetric[k], a) {
			s.byMetric[k] = append(s.byMetric[k], a)
		}
	}
	if a.composite {
		for _, ref := range a.rule.Refs() {
			name := s.suppressorName(ref)
			if s.parents[name] == nil {
				s.parents[name] = map[string]bool{}
			}
			s.parents[name][a.name] = true
		}
		if a.c.ActionsSuppressor != "" {
			name := s.suppressorName(a.c.ActionsSuppressor)
			if s.suppressed[name] == nil {
				s.suppressed[name] = map[string]bool{}
			}
			s.suppressed[name][a.name] = true
		}
	}
}

func (s *Service) unindexLocked(a *alarm) {
	for _, k := range a.keys {
		s.byMetric[k] = slices.DeleteFunc(s.byMetric[k], func(x *alarm) bool { return x == a })
		if len(s.byMetric[k]) == 0 {
			delete(s.byMetric, k)
		}
	}
	if a.composite {
		for _, ref := range a.rule.Refs() {
			delete(s.parents[s.suppressorName(ref)], a.name)
		}
		if a.c.ActionsSuppressor != "" {
			delete(s.suppressed[s.suppressorName(a.c.ActionsSuppressor)], a.name)
		}
	}
}

// configChangedLocked records a configuration change: history, the EventBridge configuration event
// and the AWS Config resource change.
func (s *Service) configChangedLocked(ctx context.Context, a *alarm, operation string, prev map[string]any, now time.Time) {
	verb := map[string]string{"create": "created", "update": "updated", "delete": "deleted"}[operation]
	cfg := s.fullConfiguration(a)
	data := map[string]any{"version": "1.0", "type": strings.ToUpper(operation[:1]) + operation[1:]}
	switch operation {
	case "create":
		data["createdAlarm"] = cfg
	case "update":
		data["originalUpdatedAlarm"], data["updatedAlarm"] = prev, cfg
	default:
		data["deletedAlarm"] = cfg
	}
	s.addHistoryLocked(AlarmHistoryItem{AlarmName: a.name, AlarmType: a.typ(), Timestamp: now, HistoryItemType: HistoryConfigurationUpdate,
		HistorySummary: "Alarm \"" + a.name + "\" " + verb, HistoryData: mustJSON(data)})
	if bus.HasSubscribers(s.b, bus.Events()) {
		bus.Publish(ctx, s.b, bus.Events(), s.configurationChangeEvent(a, operation, prev, now))
	}
	if bus.HasSubscribers(s.b, bus.ResourceChanges()) {
		ct := map[string]bus.ChangeType{"create": bus.ResourceCreated, "update": bus.ResourceUpdated, "delete": bus.ResourceDeleted}[operation]
		rt := "AWS::CloudWatch::Alarm"
		var conf any = a.m
		if a.composite {
			rt, conf = "AWS::CloudWatch::CompositeAlarm", a.c
		}
		if operation == "delete" {
			conf = nil
		}
		tags := map[string]string{}
		for _, t := range a.tags {
			tags[t.Key] = t.Value
		}
		bus.Publish(ctx, s.b, bus.ResourceChanges(), bus.ResourceChange{ChangeType: ct, ResourceType: rt, ResourceID: a.name,
			ResourceName: a.name, ARN: a.arn, Time: now, Tags: tags, Configuration: conf})
	}
}

// PutCompositeAlarm creates or replaces a composite alarm ([API] PutCompositeAlarm). Every alarm the
// rule references must exist [derived]; cycles are accepted, and their evaluation stops at the cycle.
func (s *Service) PutCompositeAlarm(ctx context.Context, in *PutCompositeAlarmInput) (*PutCompositeAlarmOutput, error) {
	return bus.Call(ctx, s.b, op("PutCompositeAlarm", false), in, func(ctx context.Context, in *PutCompositeAlarmInput) (*PutCompositeAlarmOutput, error) {
		rule, err := validatePutCompositeAlarm(in)
		if err != nil {
			return nil, err
		}
		for _, ref := range rule.Refs() {
			if s.resolveLocked(ref) == nil && s.suppressorName(ref) != in.AlarmName {
				return nil, validationError("Error in AlarmRule [Could not find alarm %s]", ref)
			}
		}
		now := s.b.Now()
		a := s.alarms[in.AlarmName]
		if a != nil && !a.composite {
			return nil, validationError("An alarm named %s already exists as a metric alarm.", in.AlarmName)
		}
		if a == nil && s.opts.maxAlarms > 0 && len(s.alarms) >= s.opts.maxAlarms {
			return nil, bus.ClientError("LimitExceeded", "The maximum number of alarms has been reached.")
		}
		c := &CompositeAlarm{AlarmName: in.AlarmName, AlarmArn: s.b.ARN("cloudwatch", "alarm:"+in.AlarmName), AlarmDescription: in.AlarmDescription,
			AlarmRule: in.AlarmRule, AlarmConfigurationUpdatedTimestamp: now, ActionsEnabled: in.ActionsEnabled == nil || *in.ActionsEnabled,
			OKActions: cloneList(in.OKActions), AlarmActions: cloneList(in.AlarmActions), InsufficientDataActions: cloneList(in.InsufficientDataActions),
			ActionsSuppressor: in.ActionsSuppressor, ActionsSuppressorWaitPeriod: clonePtr(in.ActionsSuppressorWaitPeriod),
			ActionsSuppressorExtensionPeriod: clonePtr(in.ActionsSuppressorExtensionPeriod)}
		if a != nil {
			prev := s.fullConfiguration(a)
			c.StateValue, c.StateReason, c.StateReasonData = a.c.StateValue, a.c.StateReason, a.c.StateReasonData
			c.StateUpdatedTimestamp, c.StateTransitionedTimestamp = a.c.StateUpdatedTimestamp, a.c.StateTransitionedTimestamp
			if a.c.ActionsSuppressor == in.ActionsSuppressor {
				c.ActionsSuppressedBy, c.ActionsSuppressedReason = a.c.ActionsSuppressedBy, a.c.ActionsSuppressedReason
			} else {
				// Replacing the suppressor discards any active period.
				s.stopSuppressionTimerLocked(a)
				a.supp.pending = false
			}
			s.unindexLocked(a)
			a.c, a.rule = c, rule
			s.indexLocked(a)
			s.configChangedLocked(ctx, a, "update", prev, now)
			s.evaluateCompositeLocked(ctx, a, now, nil, nil)
			return &PutCompositeAlarmOutput{}, nil
		}
		c.StateValue, c.StateReason, c.StateUpdatedTimestamp, c.StateTransitionedTimestamp = StateInsufficientData, InitialReason, now, now
		a = &alarm{name: in.AlarmName, arn: c.AlarmArn, composite: true, c: c, rule: rule, tags: slices.Clone(in.Tags), configID: s.b.UUID()}
		s.alarms[a.name] = a
		s.indexLocked(a)
		s.configChangedLocked(ctx, a, "create", nil, now)
		s.evaluateCompositeLocked(ctx, a, now, nil, nil)
		return &PutCompositeAlarmOutput{}, nil
	})
}

// DeleteAlarms deletes up to 100 alarms, at most one of them composite ([API] DeleteAlarms). Unknown
// names are skipped. An alarm that a composite alarm's rule references cannot be deleted [derived
// from the documented cycle rule].
func (s *Service) DeleteAlarms(ctx context.Context, in *DeleteAlarmsInput) (*DeleteAlarmsOutput, error) {
	return bus.Call(ctx, s.b, op("DeleteAlarms", false), in, func(ctx context.Context, in *DeleteAlarmsInput) (*DeleteAlarmsOutput, error) {
		if len(in.AlarmNames) > 100 {
			return nil, constraint("["+strings.Join(in.AlarmNames, ", ")+"]", "alarmNames", "Member must have length less than or equal to 100")
		}
		deleting := map[string]bool{}
		composites := 0
		for _, n := range in.AlarmNames {
			if a := s.alarms[n]; a != nil {
				deleting[n] = true
				if a.composite {
					composites++
				}
			}
		}
		if composites > 1 {
			return nil, validationError("You can delete at most one composite alarm per DeleteAlarms request.")
		}
		for _, n := range sortedKeys(deleting) {
			for _, p := range sortedKeys(s.parents[n]) {
				if !deleting[p] || p == n {
					return nil, bus.ClientErrorf("ResourceConflict", "Alarm %s cannot be deleted because it is referenced by the composite alarm %s.", n, p)
				}
			}
		}
		now := s.b.Now()
		for _, n := range in.AlarmNames {
			a := s.alarms[n]
			if a == nil || a.deleted {
				continue
			}
			s.configChangedLocked(ctx, a, "delete", nil, now)
			s.unindexLocked(a)
			a.deleted = true
			s.deletedARNs[a.arn] = true
			if a.composite {
				s.stopSuppressionTimerLocked(a)
			}
			delete(s.alarms, n)
		}
		return &DeleteAlarmsOutput{}, nil
	})
}

// SetAlarmState sets an alarm's state until its next evaluation ([API] SetAlarmState): for a metric
// alarm that is the next tick; for a composite alarm, the next change of a child or of its
// configuration. A changed state runs the actions of the new state.
func (s *Service) SetAlarmState(ctx context.Context, in *SetAlarmStateInput) (*SetAlarmStateOutput, error) {
	return bus.Call(ctx, s.b, op("SetAlarmState", false), in, func(ctx context.Context, in *SetAlarmStateInput) (*SetAlarmStateOutput, error) {
		if err := validateSetAlarmState(in); err != nil {
			return nil, err
		}
		a := s.alarms[in.AlarmName]
		if a == nil {
			return nil, resourceNotFound()
		}
		now := s.b.Now()
		if a.state() == in.StateValue {
			// Same state: no transition, no actions; the reason is replaced [unverified].
			_, rs, rd, upd, _ := a.stateFields()
			*rs, *rd, *upd = in.StateReason, in.StateReasonData, now
		} else {
			s.transitionLocked(ctx, a, in.StateValue, in.StateReason, in.StateReasonData, now, nil, nil)
		}
		if !a.composite {
			s.scheduleLocked(ctx, a, nextTick(now, a.step()))
		}
		return &SetAlarmStateOutput{}, nil
	})
}

// setActionsEnabled sets ActionsEnabled on the named alarms (unknown names are ignored, as AWS does).
func (s *Service) setActionsEnabled(names []string, enabled bool) error {
	if len(names) > 100 {
		return constraint("["+strings.Join(names, ", ")+"]", "alarmNames", "Member must have length less than or equal to 100")
	}
	for _, n := range names {
		if a := s.alarms[n]; a != nil {
			if a.composite {
				a.c.ActionsEnabled = enabled
			} else {
				a.m.ActionsEnabled = enabled
			}
		}
	}
	return nil
}

// EnableAlarmActions enables the actions of the named alarms (unknown names are ignored).
func (s *Service) EnableAlarmActions(ctx context.Context, in *EnableAlarmActionsInput) (*EnableAlarmActionsOutput, error) {
	return bus.Call(ctx, s.b, op("EnableAlarmActions", false), in, func(ctx context.Context, in *EnableAlarmActionsInput) (*EnableAlarmActionsOutput, error) {
		if err := s.setActionsEnabled(in.AlarmNames, true); err != nil {
			return nil, err
		}
		return &EnableAlarmActionsOutput{}, nil
	})
}

// DisableAlarmActions disables the actions of the named alarms: states still change and are recorded,
// events are still sent, but no action runs.
func (s *Service) DisableAlarmActions(ctx context.Context, in *DisableAlarmActionsInput) (*DisableAlarmActionsOutput, error) {
	return bus.Call(ctx, s.b, op("DisableAlarmActions", false), in, func(ctx context.Context, in *DisableAlarmActionsInput) (*DisableAlarmActionsOutput, error) {
		if err := s.setActionsEnabled(in.AlarmNames, false); err != nil {
			return nil, err
		}
		return &DisableAlarmActionsOutput{}, nil
	})
}

func (s *Service) alarmByARNLocked(arn string) (*alarm, error) {
	a, err := bus.ParseARN(arn)
	if err != nil || a.Service != "cloudwatch" || !strings.HasPrefix(a.Resource, "alarm:") {
		return nil, bus.ClientErrorf("InvalidParameterValue", "Invalid ARN: %s", arn)
	}
	al := s.resolveLocked(arn)
	if al == nil {
		return nil, bus.ClientError("ResourceNotFoundException", "The specified resource does not exist.").WithStatus(awserr.StatusNotFound)
	}
	return al, nil
}

// TagResource adds or replaces tags on an alarm.
func (s *Service) TagResource(ctx context.Context, in *TagResourceInput) (*TagResourceOutput, error) {
	return bus.Call(ctx, s.b, op("TagResource", false), in, func(ctx context.Context, in *TagResourceInput) (*TagResourceOutput, error) {
		if err := checkTags(in.Tags); err != nil {
			return nil, err
		}
		a, err := s.alarmByARNLocked(in.ResourceARN)
		if err != nil {
			return nil, err
		}
		for _, t := range in.Tags {
			if i := slices.IndexFunc(a.tags, func(x Tag) bool { return x.Key == t.Key }); i >= 0 {
				a.tags[i].Value = t.Value
			} else {
				a.tags = append(a.tags, t)
			}
		}
		if len(a.tags) > MaxTags {
			return nil, bus.ClientError("LimitExceeded", "The maximum number of tags (50) would be exceeded.")
		}
		return &TagResourceOutput{}, nil
	})
}

// UntagResource removes tags from an alarm.
func (s *Service) UntagResource(ctx context.Context, in *UntagResourceInput) (*UntagResourceOutput, error) {
	return bus.Call(ctx, s.b, op("UntagResource", false), in, func(ctx context.Context, in *UntagResourceInput) (*UntagResourceOutput, error) {
		a, err := s.alarmByARNLocked(in.ResourceARN)
		if err != nil {
			return nil, err
		}
		a.tags = slices.DeleteFunc(a.tags, func(t Tag) bool { return slices.Contains(in.TagKeys, t.Key) })
		return &UntagResourceOutput{}, nil
	})
}

// ListTagsForResource lists an alarm's tags. For the ARN of an alarm that was deleted it answers, as
// AWS does, with an empty list rather than ResourceNotFoundException; an ARN that never named an
// alarm is not found.
func (s *Service) ListTagsForResource(ctx context.Context, in *ListTagsForResourceInput) (*ListTagsForResourceOutput, error) {
	return bus.Call(ctx, s.b, op("ListTagsForResource", true), in, func(ctx context.Context, in *ListTagsForResourceInput) (*ListTagsForResourceOutput, error) {
		a, err := s.alarmByARNLocked(in.ResourceARN)
		if err != nil {
			if s.deletedARNs[in.ResourceARN] {
				return &ListTagsForResourceOutput{Tags: []Tag{}}, nil
			}
			return nil, err
		}
		tags := slices.Clone(a.tags)
		if tags == nil {
			tags = []Tag{}
		}
		return &ListTagsForResourceOutput{Tags: tags}, nil
	})
}

// PutAnomalyDetector is not simulated: watchsim has no deterministic stand-in for CloudWatch's
// anomaly-detection model yet, so it returns the not-simulated error rather than a band that would
// let tests pass on behaviour AWS does not show. Alarms on ANOMALY_DETECTION_BAND are refused the
// same way by PutMetricAlarm.
func (s *Service) PutAnomalyDetector(ctx context.Context, in *PutAnomalyDetectorInput) (*PutAnomalyDetectorOutput, error) {
	return bus.Call(ctx, s.b, op("PutAnomalyDetector", false), in, func(ctx context.Context, in *PutAnomalyDetectorInput) (*PutAnomalyDetectorOutput, error) {
		return nil, bus.NotSimulated("monitoring", "anomaly detection (PutAnomalyDetector)")
	})
}

// metricKey returns the order-free identity key of a metric.
func (s *Service) metricKey(namespace, name string, dims []Dimension) string {
	return string(s.m.AppendMetricKey(nil, namespace, name, dims))
}
