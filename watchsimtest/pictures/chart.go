package pictures

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/watchsim/watchsim"
	"github.com/watchsim/watchsim/alarms"
	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/metrics"
	"github.com/watchsim/watchsim/metrics/widgetimage"
)

// AlarmChart builds the picture of the alarm named name over [from, to], as the CloudWatch
// console's alarm graph shows it:
//
//   - a metric alarm: the series it evaluates (its metric at its period and statistic, or the
//     returned series of its metric math), read with GetMetricData; the threshold as a dashed
//     line with the breaching side shaded; a grey cross for every period without a datapoint
//     while the alarm existed;
//   - a composite alarm: one lane per alarm its rule names, with that alarm's states;
//   - both: the alarm's own states shaded over the full height (ALARM red, OK green,
//     INSUFFICIENT_DATA grey) from its StateUpdate history, and a diamond for every action in its
//     Action history (labelled with the target's resource name, "(failed)" when it failed).
//
// The alarm is read with DescribeAlarms, DescribeAlarmHistory and GetMetricData, so those calls
// appear in the simulator's timeline and CloudTrail. History older than the alarms service's
// retention (14 days by default) is gone: states before it are not drawn.
func AlarmChart(ctx context.Context, sim *watchsim.Simulator, name string, from, to time.Time) (*widgetimage.Chart, error) {
	if sim == nil {
		return nil, errors.New("pictures: nil simulator")
	}
	if !from.Before(to) {
		return nil, errors.New("pictures: from must be before to")
	}
	d, err := sim.Alarms.DescribeAlarms(ctx, &alarms.DescribeAlarmsInput{AlarmNames: []string{name},
		AlarmTypes: []alarms.AlarmType{alarms.MetricAlarmType, alarms.CompositeAlarmType}})
	if err != nil {
		return nil, err
	}
	now := sim.Now()
	end := minTime(to, now)
	h, err := history(ctx, sim, name)
	if err != nil {
		return nil, err
	}
	c := &widgetimage.Chart{Start: from.UTC(), End: to.UTC(), Width: 900, Height: 420}
	switch {
	case len(d.MetricAlarms) == 1:
		a := d.MetricAlarms[0]
		c.States = h.bands(a.StateValue, from, end)
		c.Markers = h.actions(from, end)
		if err := metricLayers(ctx, sim, c, a, maxTime(from, h.created), end); err != nil {
			return nil, err
		}
	case len(d.CompositeAlarms) == 1:
		a := d.CompositeAlarms[0]
		c.Title = a.AlarmName + " (composite): " + a.AlarmRule
		c.States = h.bands(a.StateValue, from, end)
		c.Markers = h.actions(from, end)
		rule, err := alarms.ParseRule(a.AlarmRule)
		if err != nil {
			return nil, err
		}
		for _, ref := range rule.Refs() {
			child := ref
			if arn, err := bus.ParseARN(ref); err == nil {
				child = strings.TrimPrefix(arn.Resource, "alarm:")
			}
			lane := widgetimage.Lane{Label: child}
			cd, err := sim.Alarms.DescribeAlarms(ctx, &alarms.DescribeAlarmsInput{AlarmNames: []string{child},
				AlarmTypes: []alarms.AlarmType{alarms.MetricAlarmType, alarms.CompositeAlarmType}})
			if err != nil {
				return nil, err
			}
			var st alarms.StateValue
			for _, m := range cd.MetricAlarms {
				st = m.StateValue
			}
			for _, m := range cd.CompositeAlarms {
				st = m.StateValue
			}
			if st != "" { // a rule may name an alarm that does not exist (yet): an empty lane
				ch, err := history(ctx, sim, child)
				if err != nil {
					return nil, err
				}
				lane.States = ch.bands(st, from, end)
			}
			c.Lanes = append(c.Lanes, lane)
		}
	default:
		return nil, fmt.Errorf("pictures: no alarm named %q", name)
	}
	return c, nil
}

// metricLayers adds a metric alarm's series, threshold and missing-datapoint markers.
func metricLayers(ctx context.Context, sim *watchsim.Simulator, c *widgetimage.Chart, a alarms.MetricAlarm, existed, end time.Time) error {
	qs := a.Metrics
	ret := ""
	period := a.Period
	label := a.MetricName
	if a.MetricName != "" {
		stat := a.Statistic
		if stat == "" {
			stat = a.ExtendedStatistic
		}
		qs = []metrics.MetricDataQuery{{Id: "m", MetricStat: &metrics.MetricStat{Metric: metrics.Metric{Namespace: a.Namespace,
			MetricName: a.MetricName, Dimensions: a.Dimensions}, Period: a.Period, Stat: stat, Unit: a.Unit}}}
		ret = "m"
		label = stat + " " + a.MetricName
	} else {
		for _, q := range qs {
			if (q.ReturnData == nil || *q.ReturnData) && q.Id != a.ThresholdMetricId {
				ret, label = q.Id, q.Id
				if q.Label != "" {
					label = q.Label
				}
				if q.MetricStat != nil {
					period = q.MetricStat.Period
				} else if q.Period != 0 {
					period = q.Period
				}
			}
		}
	}
	if period <= 0 {
		period = 60
	}
	res, err := readSeries(ctx, sim, qs, ret, c.Start, end)
	if err != nil {
		return err
	}
	p := time.Duration(period) * time.Second
	c.Series = []widgetimage.Series{{Label: label, Times: res.Timestamps, Values: res.Values, Period: p}}
	c.Title = a.AlarmName + ": " + label + " " + comparison(a.ComparisonOperator) + " " + threshold(a.Threshold) + " for " +
		datapoints(a) + " of " + strconv.Itoa(int(a.EvaluationPeriods)) + " periods of " + strconv.Itoa(int(period)) + " s, missing data: " + missing(a.TreatMissingData)
	if a.Threshold != nil {
		h := widgetimage.HLine{Value: *a.Threshold, Label: "threshold " + comparison(a.ComparisonOperator) + " " + threshold(a.Threshold)}
		switch a.ComparisonOperator {
		case alarms.GreaterThanThreshold, alarms.GreaterThanOrEqualToThreshold:
			h.Fill = "above"
		case alarms.LessThanThreshold, alarms.LessThanOrEqualToThreshold:
			h.Fill = "below"
		}
		c.Horizontal = append(c.Horizontal, h)
	}
	have := make(map[int64]bool, len(res.Timestamps))
	for _, t := range res.Timestamps {
		have[t.Unix()] = true
	}
	// Periods from the first whole one the alarm saw to the last that has ended, on the grid
	// GetMetricData returned the series on.
	first := metrics.RoundStart(c.Start, sim.Now(), int64(period))
	for t := first; !t.Add(p).After(end); t = t.Add(p) {
		if !t.Before(existed) && !have[t.Unix()] {
			c.Markers = append(c.Markers, widgetimage.Marker{At: t, Kind: widgetimage.MissingData})
		}
	}
	return nil
}

// readSeries runs GetMetricData (all pages) and returns the result with Id id.
func readSeries(ctx context.Context, sim *watchsim.Simulator, qs []metrics.MetricDataQuery, id string, from, to time.Time) (metrics.MetricDataResult, error) {
	in := &metrics.GetMetricDataInput{MetricDataQueries: qs, StartTime: from, EndTime: to, ScanBy: "TimestampAscending"}
	out := metrics.MetricDataResult{Id: id}
	for {
		r, err := sim.Metrics.GetMetricData(ctx, in)
		if err != nil {
			return out, err
		}
		for _, res := range r.MetricDataResults {
			if res.Id == id {
				out.Timestamps = append(out.Timestamps, res.Timestamps...)
				out.Values = append(out.Values, res.Values...)
			}
		}
		if r.NextToken == "" {
			return out, nil
		}
		in.NextToken = r.NextToken
	}
}

// alarmHistory is what a picture needs from an alarm's history, oldest first.
type alarmHistory struct {
	created time.Time
	states  []stateChange
	acts    []widgetimage.Marker
}

type stateChange struct {
	at       time.Time
	old, new alarms.StateValue
}

// history reads the alarm's whole history (every page), oldest first.
func history(ctx context.Context, sim *watchsim.Simulator, name string) (*alarmHistory, error) {
	h := &alarmHistory{}
	in := &alarms.DescribeAlarmHistoryInput{AlarmName: name, ScanBy: alarms.TimestampAscending, MaxRecords: 100}
	for {
		out, err := sim.Alarms.DescribeAlarmHistory(ctx, in)
		if err != nil {
			return nil, err
		}
		for _, it := range out.AlarmHistoryItems {
			switch it.HistoryItemType {
			case alarms.HistoryConfigurationUpdate:
				if strings.HasSuffix(it.HistorySummary, " created") && h.created.IsZero() {
					h.created = it.Timestamp
				}
			case alarms.HistoryStateUpdate:
				var d struct {
					OldState, NewState struct {
						StateValue alarms.StateValue `json:"stateValue"`
					}
				}
				if err := json.Unmarshal([]byte(it.HistoryData), &d); err != nil {
					return nil, fmt.Errorf("pictures: history of %s: %v", name, err)
				}
				h.states = append(h.states, stateChange{at: it.Timestamp, old: d.OldState.StateValue, new: d.NewState.StateValue})
			case alarms.HistoryAction:
				var d struct {
					ActionState          string `json:"actionState"`
					NotificationResource string `json:"notificationResource"`
				}
				_ = json.Unmarshal([]byte(it.HistoryData), &d) // a label is all it gives
				label := d.NotificationResource
				if arn, err := bus.ParseARN(label); err == nil {
					label = arn.Resource
				}
				if d.ActionState == "Failed" {
					label += " (failed)"
				}
				h.acts = append(h.acts, widgetimage.Marker{At: it.Timestamp, Kind: widgetimage.Action, Label: label})
			}
		}
		if out.NextToken == "" {
			return h, nil
		}
		in.NextToken = out.NextToken
	}
}

// bands turns the state changes into state bands clipped to [from, to]: the state before the
// first change (from its creation, or from the start of the history kept), each change's new
// state until the next, the last until to. current is the state when no change is recorded.
func (h *alarmHistory) bands(current alarms.StateValue, from, to time.Time) []widgetimage.StateBand {
	var out []widgetimage.StateBand
	add := func(a, b time.Time, st alarms.StateValue) {
		a, b = maxTime(a, from), minTime(b, to)
		if a.Before(b) {
			out = append(out, widgetimage.StateBand{From: a, To: b, State: string(st)})
		}
	}
	start := h.created
	if start.IsZero() {
		start = from
	}
	if len(h.states) == 0 {
		add(start, to, current)
		return out
	}
	add(start, h.states[0].at, h.states[0].old)
	for i, s := range h.states {
		next := to
		if i+1 < len(h.states) {
			next = h.states[i+1].at
		}
		add(s.at, next, s.new)
	}
	return out
}

// actions are the action markers within [from, to].
func (h *alarmHistory) actions(from, to time.Time) []widgetimage.Marker {
	var out []widgetimage.Marker
	for _, m := range h.acts {
		if !m.At.Before(from) && !m.At.After(to) {
			out = append(out, m)
		}
	}
	return out
}

func comparison(op alarms.ComparisonOperator) string {
	switch op {
	case alarms.GreaterThanThreshold:
		return ">"
	case alarms.GreaterThanOrEqualToThreshold:
		return ">="
	case alarms.LessThanThreshold:
		return "<"
	case alarms.LessThanOrEqualToThreshold:
		return "<="
	}
	return string(op)
}

func threshold(t *float64) string {
	if t == nil {
		return "(threshold metric)"
	}
	return strconv.FormatFloat(*t, 'g', -1, 64)
}

func datapoints(a alarms.MetricAlarm) string {
	if a.DatapointsToAlarm != nil {
		return strconv.Itoa(int(*a.DatapointsToAlarm))
	}
	return strconv.Itoa(int(a.EvaluationPeriods))
}

func missing(t alarms.TreatMissingData) string {
	if t == "" {
		return "missing"
	}
	return string(t)
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
