package alarms

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/watchsim/watchsim/bus"
)

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic("alarms: " + err.Error())
	}
	return string(b)
}

// DefaultMaxRecords is the page size of DescribeAlarms and DescribeAlarmHistory when MaxRecords is
// not given ([unverified]; the API allows 1–100).
const DefaultMaxRecords = 50

func invalidNextToken() error {
	return bus.ClientError("InvalidNextToken", "The service couldn't process the NextToken.")
}

func checkMaxRecords(n int32) (int, error) {
	switch {
	case n == 0:
		return DefaultMaxRecords, nil
	case n < 1:
		return 0, constraint(n, "maxRecords", "Member must have value greater than or equal to 1")
	case n > 100:
		return 0, constraint(n, "maxRecords", "Member must have value less than or equal to 100")
	}
	return int(n), nil
}

func copyMetricAlarm(m *MetricAlarm) MetricAlarm {
	c := *m
	c.OKActions, c.AlarmActions, c.InsufficientDataActions = cloneList(m.OKActions), cloneList(m.AlarmActions), cloneList(m.InsufficientDataActions)
	c.Dimensions = slices.Clone(m.Dimensions)
	if c.Dimensions == nil {
		c.Dimensions = []Dimension{}
	}
	c.DatapointsToAlarm, c.Threshold, c.Metrics = clonePtr(m.DatapointsToAlarm), clonePtr(m.Threshold), cloneQueries(m.Metrics)
	return c
}

func copyCompositeAlarm(c *CompositeAlarm) CompositeAlarm {
	o := *c
	o.OKActions, o.AlarmActions, o.InsufficientDataActions = cloneList(c.OKActions), cloneList(c.AlarmActions), cloneList(c.InsufficientDataActions)
	o.ActionsSuppressorWaitPeriod, o.ActionsSuppressorExtensionPeriod = clonePtr(c.ActionsSuppressorWaitPeriod), clonePtr(c.ActionsSuppressorExtensionPeriod)
	return o
}

func (a *alarm) hasActionPrefix(prefix string) bool {
	for _, st := range []StateValue{StateOK, StateAlarm, StateInsufficientData} {
		for _, arn := range a.actionsFor(st) {
			if strings.HasPrefix(arn, prefix) {
				return true
			}
		}
	}
	return false
}

// DescribeAlarms lists alarms with every AWS filter ([API] DescribeAlarms): AlarmNames or
// AlarmNamePrefix, StateValue, ActionPrefix (any action list), AlarmTypes (default: metric alarms
// only), ChildrenOfAlarmName / ParentsOfAlarmName (alone), and paging. Alarms come in name order.
func (s *Service) DescribeAlarms(ctx context.Context, in *DescribeAlarmsInput) (*DescribeAlarmsOutput, error) {
	return bus.Call(ctx, s.b, op("DescribeAlarms", true), in, func(ctx context.Context, in *DescribeAlarmsInput) (*DescribeAlarmsOutput, error) {
		limit, err := checkMaxRecords(in.MaxRecords)
		if err != nil {
			return nil, err
		}
		if len(in.AlarmNames) > 100 {
			return nil, constraint("["+strings.Join(in.AlarmNames, ", ")+"]", "alarmNames", "Member must have length less than or equal to 100")
		}
		if len(in.AlarmNames) > 0 && in.AlarmNamePrefix != "" {
			return nil, bus.ClientError("InvalidParameterCombination", "AlarmNames and AlarmNamePrefix cannot be specified together.")
		}
		if in.StateValue != "" && !in.StateValue.Valid() {
			return nil, constraint(in.StateValue, "stateValue", "Member must satisfy enum value set: [INSUFFICIENT_DATA, ALARM, OK]")
		}
		types := map[AlarmType]bool{}
		for _, t := range in.AlarmTypes {
			if t != MetricAlarmType && t != CompositeAlarmType && t != LogAlarmType {
				return nil, constraint(t, "alarmTypes.member", "Member must satisfy enum value set: [CompositeAlarm, MetricAlarm, LogAlarm]")
			}
			types[t] = true
		}
		if len(types) == 0 {
			types[MetricAlarmType] = true
		}
		relation := in.ChildrenOfAlarmName != "" || in.ParentsOfAlarmName != ""
		if relation && (len(in.AlarmNames) > 0 || in.AlarmNamePrefix != "" || in.StateValue != "" || in.ActionPrefix != "" ||
			len(in.AlarmTypes) > 0 || (in.ChildrenOfAlarmName != "" && in.ParentsOfAlarmName != "")) {
			return nil, validationError("If you specify ChildrenOfAlarmName or ParentsOfAlarmName, you cannot specify any other parameters in the request except for MaxRecords and NextToken.")
		}
		var names []string
		switch {
		case in.ChildrenOfAlarmName != "":
			if p := s.alarms[in.ChildrenOfAlarmName]; p != nil && p.composite {
				for _, ref := range p.rule.Refs() {
					if ch := s.resolveLocked(ref); ch != nil {
						names = append(names, ch.name)
					}
				}
			}
			slices.Sort(names)
			names = slices.Compact(names)
		case in.ParentsOfAlarmName != "":
			names = sortedKeys(s.parents[in.ParentsOfAlarmName])
		default:
			for _, n := range sortedKeys(s.alarms) {
				a := s.alarms[n]
				if !types[a.typ()] || (len(in.AlarmNames) > 0 && !slices.Contains(in.AlarmNames, n)) ||
					!strings.HasPrefix(n, in.AlarmNamePrefix) || (in.StateValue != "" && a.state() != in.StateValue) ||
					(in.ActionPrefix != "" && !a.hasActionPrefix(in.ActionPrefix)) {
					continue
				}
				names = append(names, n)
			}
		}
		startAt := 0
		if in.NextToken != "" {
			// The token is the name of the first alarm of the next page.
			i := slices.IndexFunc(names, func(n string) bool { return n >= in.NextToken })
			if i < 0 {
				i = len(names)
			}
			startAt = i
		}
		out := &DescribeAlarmsOutput{CompositeAlarms: []CompositeAlarm{}, MetricAlarms: []MetricAlarm{}}
		end := min(startAt+limit, len(names))
		for _, n := range names[startAt:end] {
			a := s.alarms[n]
			if a == nil {
				continue
			}
			switch {
			case in.ChildrenOfAlarmName != "":
				// Children carry only name, ARN, StateValue and StateUpdatedTimestamp.
				v, _, _, upd, _ := a.stateFields()
				if a.composite {
					out.CompositeAlarms = append(out.CompositeAlarms, CompositeAlarm{AlarmName: a.name, AlarmArn: a.arn, StateValue: *v, StateUpdatedTimestamp: *upd})
				} else {
					out.MetricAlarms = append(out.MetricAlarms, MetricAlarm{AlarmName: a.name, AlarmArn: a.arn, StateValue: *v, StateUpdatedTimestamp: *upd})
				}
			case in.ParentsOfAlarmName != "":
				out.CompositeAlarms = append(out.CompositeAlarms, CompositeAlarm{AlarmName: a.name, AlarmArn: a.arn})
			case a.composite:
				out.CompositeAlarms = append(out.CompositeAlarms, copyCompositeAlarm(a.c))
			default:
				out.MetricAlarms = append(out.MetricAlarms, copyMetricAlarm(a.m))
			}
		}
		if end < len(names) {
			out.NextToken = names[end]
		}
		return out, nil
	})
}

// DescribeAlarmsForMetric lists the single-metric alarms on a metric ([API] DescribeAlarmsForMetric):
// the dimensions must match the metric's exactly; Statistic, ExtendedStatistic, Period and Unit filter.
func (s *Service) DescribeAlarmsForMetric(ctx context.Context, in *DescribeAlarmsForMetricInput) (*DescribeAlarmsForMetricOutput, error) {
	return bus.Call(ctx, s.b, op("DescribeAlarmsForMetric", true), in, func(ctx context.Context, in *DescribeAlarmsForMetricInput) (*DescribeAlarmsForMetricOutput, error) {
		if err := checkLen(in.MetricName, "metricName", 1, 255); err != nil {
			return nil, err
		}
		if err := checkLen(in.Namespace, "namespace", 1, 255); err != nil {
			return nil, err
		}
		if in.Statistic != "" && !isStandardStatistic(in.Statistic) {
			return nil, constraint(in.Statistic, "statistic", "Member must satisfy enum value set: [Maximum, SampleCount, Sum, Minimum, Average]")
		}
		key := s.metricKey(in.Namespace, in.MetricName, in.Dimensions)
		out := &DescribeAlarmsForMetricOutput{MetricAlarms: []MetricAlarm{}}
		var names []string
		for _, a := range s.byMetric[key] {
			m := a.m
			if a.composite || m.MetricName == "" || (in.Statistic != "" && m.Statistic != in.Statistic) ||
				(in.ExtendedStatistic != "" && m.ExtendedStatistic != in.ExtendedStatistic) ||
				(in.Period != 0 && m.Period != in.Period) || (in.Unit != "" && m.Unit != in.Unit) {
				continue
			}
			names = append(names, a.name)
		}
		slices.Sort(names)
		for _, n := range names {
			out.MetricAlarms = append(out.MetricAlarms, copyMetricAlarm(s.alarms[n].m))
		}
		return out, nil
	})
}

// DescribeAlarmHistory returns history items of the last 14 days ([API] DescribeAlarmHistory), kept
// also for deleted alarms: AlarmName (optional), AlarmTypes (default metric alarms), HistoryItemType,
// StartDate/EndDate (inclusive), ScanBy (default TimestampDescending), paging.
func (s *Service) DescribeAlarmHistory(ctx context.Context, in *DescribeAlarmHistoryInput) (*DescribeAlarmHistoryOutput, error) {
	return bus.Call(ctx, s.b, op("DescribeAlarmHistory", true), in, func(ctx context.Context, in *DescribeAlarmHistoryInput) (*DescribeAlarmHistoryOutput, error) {
		limit, err := checkMaxRecords(in.MaxRecords)
		if err != nil {
			return nil, err
		}
		switch in.HistoryItemType {
		case "", HistoryConfigurationUpdate, HistoryStateUpdate, HistoryAction:
		default:
			return nil, constraint(in.HistoryItemType, "historyItemType", "Member must satisfy enum value set: [ConfigurationUpdate, StateUpdate, Action, AlarmContributorStateUpdate, AlarmContributorAction]")
		}
		if in.ScanBy != "" && in.ScanBy != TimestampDescending && in.ScanBy != TimestampAscending {
			return nil, constraint(in.ScanBy, "scanBy", "Member must satisfy enum value set: [TimestampDescending, TimestampAscending]")
		}
		types := map[AlarmType]bool{}
		for _, t := range in.AlarmTypes {
			types[t] = true
		}
		if len(types) == 0 && in.AlarmName == "" {
			types[MetricAlarmType] = true
		}
		cut := s.b.Now().Add(-s.opts.historyRetention())
		var items []*historyEntry
		for i := range s.history {
			it := &s.history[i]
			if it.Timestamp.Before(cut) || (in.AlarmName != "" && it.AlarmName != in.AlarmName) ||
				(len(types) > 0 && !types[it.AlarmType]) || (in.HistoryItemType != "" && it.HistoryItemType != in.HistoryItemType) ||
				(!in.StartDate.IsZero() && it.Timestamp.Before(in.StartDate)) || (!in.EndDate.IsZero() && it.Timestamp.After(in.EndDate)) {
				continue
			}
			items = append(items, it)
		}
		if in.ScanBy != TimestampAscending {
			slices.Reverse(items)
		}
		start := 0
		if in.NextToken != "" {
			n, err := strconv.Atoi(in.NextToken)
			if err != nil || n < 0 || n > len(items) {
				return nil, invalidNextToken()
			}
			start = n
		}
		end := min(start+limit, len(items))
		out := &DescribeAlarmHistoryOutput{AlarmHistoryItems: make([]AlarmHistoryItem, 0, end-start)}
		for _, e := range items[start:end] {
			out.AlarmHistoryItems = append(out.AlarmHistoryItems, e.item())
		}
		if end < len(items) {
			out.NextToken = strconv.Itoa(end)
		}
		return out, nil
	})
}
