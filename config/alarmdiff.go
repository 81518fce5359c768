package config

import "strconv"

// The configurationItemDiff of an alarm's update, computed on the alarm documents themselves:
// diffItems's generic diff decodes both documents into maps first, which is most of what
// notifying a recorded alarm change costs.

// diffAlarmDocs adds to out what diffConfigMaps adds for the two alarm documents' query values
// (queryValue), comparing the fields where they are and building values only for the changed
// ones (TestAlarmDiffAgrees).
func diffAlarmDocs(out map[string]any, a, b *AlarmDocument) {
	key := func(k string) string { return "Configuration." + capitalise(k) }
	str := func(k, x, y string, always bool) {
		if x == y {
			return
		}
		var px, py any
		if x != "" || always {
			px = x
		}
		if y != "" || always {
			py = y
		}
		addChange(out, key(k), px, py, px != nil, py != nil)
	}
	num := func(k string, x, y float64, hx, hy bool) {
		if hx == hy && (!hx || x == y) {
			return
		}
		var px, py any
		if hx {
			px = x
		}
		if hy {
			py = y
		}
		addChange(out, key(k), px, py, hx, hy)
	}
	list := func(k string, x, y []string) {
		switch {
		case x == nil && y == nil:
		case x == nil || y == nil:
			addChange(out, key(k), anyList(x), anyList(y), true, true)
		default:
			diffElements(out, key(k), x, y, func(v string) any { return v })
		}
	}
	str("alarmName", a.AlarmName, b.AlarmName, true)
	str("alarmArn", a.AlarmArn, b.AlarmArn, false)
	str("alarmDescription", a.AlarmDescription, b.AlarmDescription, false)
	num("alarmConfigurationUpdatedTimestamp", float64(a.AlarmConfigurationUpdatedTimestamp), float64(b.AlarmConfigurationUpdatedTimestamp),
		a.AlarmConfigurationUpdatedTimestamp != 0, b.AlarmConfigurationUpdatedTimestamp != 0)
	if a.ActionsEnabled != b.ActionsEnabled {
		addChange(out, key("actionsEnabled"), a.ActionsEnabled, b.ActionsEnabled, true, true)
	}
	list("okactions", a.OKActions, b.OKActions)
	list("alarmActions", a.AlarmActions, b.AlarmActions)
	list("insufficientDataActions", a.InsufficientDataActions, b.InsufficientDataActions)
	str("metricName", a.MetricName, b.MetricName, false)
	str("namespace", a.Namespace, b.Namespace, false)
	str("statistic", a.Statistic, b.Statistic, false)
	str("extendedStatistic", a.ExtendedStatistic, b.ExtendedStatistic, false)
	diffDimensions(out, key("dimensions"), a.Dimensions, b.Dimensions)
	num("period", float64(a.Period), float64(b.Period), a.Period != 0, b.Period != 0)
	str("unit", a.Unit, b.Unit, false)
	num("evaluationPeriods", float64(a.EvaluationPeriods), float64(b.EvaluationPeriods), a.EvaluationPeriods != 0, b.EvaluationPeriods != 0)
	var dx, dy float64
	if a.DatapointsToAlarm != nil {
		dx = float64(*a.DatapointsToAlarm)
	}
	if b.DatapointsToAlarm != nil {
		dy = float64(*b.DatapointsToAlarm)
	}
	num("datapointsToAlarm", dx, dy, a.DatapointsToAlarm != nil, b.DatapointsToAlarm != nil)
	var tx, ty float64
	if a.Threshold != nil {
		tx = *a.Threshold
	}
	if b.Threshold != nil {
		ty = *b.Threshold
	}
	num("threshold", tx, ty, a.Threshold != nil, b.Threshold != nil)
	str("comparisonOperator", a.ComparisonOperator, b.ComparisonOperator, false)
	str("treatMissingData", a.TreatMissingData, b.TreatMissingData, false)
	str("evaluateLowSampleCountPercentile", a.EvaluateLowSampleCountPercentile, b.EvaluateLowSampleCountPercentile, false)
	str("thresholdMetricId", a.ThresholdMetricID, b.ThresholdMetricID, false)
}

// anyList is a list as queryValue holds it: nil for a nil list.
func anyList(l []string) any {
	if l == nil {
		return nil
	}
	out := make([]any, len(l))
	for i, v := range l {
		out[i] = v
	}
	return out
}

func dimensionValue(d docDimension) any { return map[string]any{"name": d.Name, "value": d.Value} }

// diffDimensions: the dimensions are present when there are some; two present lists are compared
// element by element.
func diffDimensions(out map[string]any, path string, x, y []docDimension) {
	switch {
	case len(x) == 0 && len(y) == 0:
	case len(x) == 0 || len(y) == 0:
		all := func(l []docDimension) any {
			if len(l) == 0 {
				return nil
			}
			v := make([]any, len(l))
			for i, d := range l {
				v[i] = dimensionValue(d)
			}
			return v
		}
		addChange(out, path, all(x), all(y), len(x) > 0, len(y) > 0)
	default:
		diffElements(out, path, x, y, dimensionValue)
	}
}

// diffElements adds a change at path.i for each index i where two present lists differ (an
// element on one side only included), with the elements' values as value gives them.
func diffElements[T comparable](out map[string]any, path string, x, y []T, value func(T) any) {
	for i := 0; i < max(len(x), len(y)); i++ {
		hx, hy := i < len(x), i < len(y)
		if hx && hy && x[i] == y[i] {
			continue
		}
		var px, py any
		if hx {
			px = value(x[i])
		}
		if hy {
			py = value(y[i])
		}
		addChange(out, path+"."+strconv.Itoa(i), px, py, hx, hy)
	}
}
