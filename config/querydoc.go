package config

import (
	"strconv"
	"strings"

	"github.com/watchsim/watchsim/config/query"
)

// itemDoc is a current item as the advanced-query Set reads it (query.Doc): a query that builds
// the column of a property converts each item's value there, and nothing else; the whole
// query-visible form (visibleDoc) is built only for the rows a query renders. So the first query
// after recording many items costs what it reads rather than a map per item.
// TestItemDocLeaves holds Leaves to visibleDoc.
type itemDoc struct {
	s  *Service
	it *item
}

// Map is the item's query-visible form.
func (d itemDoc) Map() map[string]any { return d.s.visibleDoc(d.it) }

// Leaves appends what a query reads at the property path segs of Map().
func (d itemDoc) Leaves(dst []any, segs []string) []any {
	if len(segs) == 0 {
		return dst // the item itself is an object, not a value
	}
	it := d.it
	var v any
	switch segs[0] {
	case "version":
		v = CIVersion
	case "accountId":
		v = d.s.b.Account()
	case "configurationItemCaptureTime":
		v = isoMillis(it.capture)
	case "configurationItemStatus":
		v = it.status
	case "configurationStateId":
		v = strconv.FormatInt(it.stateID, 10)
	case "arn":
		v = it.arn
	case "resourceType":
		v = it.typ
	case "resourceId":
		v = it.id
	case "awsRegion":
		v = d.s.b.Region()
	case "resourceName":
		if it.name == "" {
			return dst
		}
		v = it.name
	case "availabilityZone":
		if it.d == nil {
			return dst
		}
		v = availabilityZone(it.typ)
	case "resourceCreationTime":
		if it.d == nil || it.created.IsZero() {
			return dst
		}
		v = isoMillis(it.created)
	case "recordingFrequency":
		if !it.daily {
			return dst
		}
		v = Daily
	case "configurationItemDeliveryTime":
		if !it.daily {
			return dst
		}
		v = isoMillis(it.capture)
	case "tags":
		return query.Leaves(dst, visibleTags(it), segs[1:])
	case "relationships":
		return query.Leaves(dst, visibleRels(it), segs[1:])
	case "supplementaryConfiguration":
		return query.Leaves(dst, visibleSupp(it), segs[1:])
	case "configuration":
		if !strings.HasPrefix(it.typ, "AWS::") {
			return dst // null: third-party configurations are not queryable
		}
		if a, ok := it.d.value().(*AlarmDocument); ok {
			return a.leaves(dst, segs[1:])
		}
		return query.Leaves(dst, it.d.mapValue(), segs[1:])
	default:
		return dst
	}
	if len(segs) > 1 {
		return dst // a scalar has no members
	}
	return append(dst, v)
}

// leaves is query.Leaves(dst, d.queryValue(), segs) without building the map: the alarm
// document's value at a path of its configuration.
func (d *AlarmDocument) leaves(dst []any, segs []string) []any {
	if len(segs) == 0 {
		return dst
	}
	var v any
	str := func(s string) bool {
		v = s
		return s != ""
	}
	num := func(n int64) bool {
		v = float64(n)
		return n != 0
	}
	ok := true
	switch segs[0] {
	case "alarmName":
		v = d.AlarmName
	case "alarmArn":
		ok = str(d.AlarmArn)
	case "alarmDescription":
		ok = str(d.AlarmDescription)
	case "alarmConfigurationUpdatedTimestamp":
		ok = num(d.AlarmConfigurationUpdatedTimestamp)
	case "actionsEnabled":
		v = d.ActionsEnabled
	case "okactions", "alarmActions", "insufficientDataActions":
		l := d.OKActions
		switch segs[0] {
		case "alarmActions":
			l = d.AlarmActions
		case "insufficientDataActions":
			l = d.InsufficientDataActions
		}
		if len(segs) > 1 {
			return dst
		}
		for _, a := range l {
			dst = append(dst, a)
		}
		return dst
	case "metricName":
		ok = str(d.MetricName)
	case "namespace":
		ok = str(d.Namespace)
	case "statistic":
		ok = str(d.Statistic)
	case "extendedStatistic":
		ok = str(d.ExtendedStatistic)
	case "dimensions":
		if len(segs) != 2 {
			return dst
		}
		for _, dm := range d.Dimensions {
			switch segs[1] {
			case "name":
				dst = append(dst, dm.Name)
			case "value":
				dst = append(dst, dm.Value)
			}
		}
		return dst
	case "period":
		ok = num(int64(d.Period))
	case "unit":
		ok = str(d.Unit)
	case "evaluationPeriods":
		ok = num(int64(d.EvaluationPeriods))
	case "datapointsToAlarm":
		if ok = d.DatapointsToAlarm != nil; ok {
			v = float64(*d.DatapointsToAlarm)
		}
	case "threshold":
		if ok = d.Threshold != nil; ok {
			v = *d.Threshold
		}
	case "comparisonOperator":
		ok = str(d.ComparisonOperator)
	case "treatMissingData":
		ok = str(d.TreatMissingData)
	case "evaluateLowSampleCountPercentile":
		ok = str(d.EvaluateLowSampleCountPercentile)
	case "thresholdMetricId":
		ok = str(d.ThresholdMetricID)
	default:
		ok = false
	}
	if !ok || len(segs) > 1 {
		return dst
	}
	return append(dst, v)
}
