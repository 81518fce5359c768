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
	if segs[0] == "configuration" {
		it := d.it
		if !strings.HasPrefix(it.typ, "AWS::") {
			return dst // null: third-party configurations are not queryable
		}
		if a, ok := it.d.value().(*AlarmDocument); ok {
			return a.leaves(dst, segs[1:])
		}
		return query.Leaves(dst, it.d.mapValue(), segs[1:])
	}
	v, ok := d.Member(segs[0])
	if !ok {
		return dst
	}
	return query.Leaves(dst, v, segs[1:])
}

// Member returns Map()[key] without building the rest of Map().
func (d itemDoc) Member(key string) (any, bool) {
	it := d.it
	switch key {
	case "version":
		return CIVersion, true
	case "accountId":
		return d.s.b.Account(), true
	case "configurationItemCaptureTime":
		return isoMillis(it.capture), true
	case "configurationItemStatus":
		return it.status, true
	case "configurationStateId":
		return strconv.FormatInt(it.stateID, 10), true
	case "arn":
		return it.arn, true
	case "resourceType":
		return it.typ, true
	case "resourceId":
		return it.id, true
	case "awsRegion":
		return d.s.b.Region(), true
	case "resourceName":
		if it.name == "" {
			return nil, false
		}
		return it.name, true
	case "availabilityZone":
		if it.d == nil {
			return nil, false
		}
		return availabilityZone(it.typ), true
	case "resourceCreationTime":
		if it.d == nil || it.created.IsZero() {
			return nil, false
		}
		return isoMillis(it.created), true
	case "recordingFrequency":
		if !it.daily {
			return nil, false
		}
		return Daily, true
	case "configurationItemDeliveryTime":
		if !it.daily {
			return nil, false
		}
		return isoMillis(it.capture), true
	case "tags":
		return visibleTags(it), true
	case "relationships":
		return visibleRels(it), true
	case "supplementaryConfiguration":
		return visibleSupp(it), true
	case "configuration":
		if !strings.HasPrefix(it.typ, "AWS::") {
			return nil, true
		}
		return it.d.mapValue(), true
	}
	return nil, false
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
