package config

import (
	"bytes"
	"reflect"
	"time"
	"unicode/utf8"
)

// The alarm document read straight from the published struct. When change-triggered rules will
// read every alarm change, parsing the JSON just encoded (scanAlarm) is most of an evaluation;
// for a published struct whose members are the alarm's own, with the types the alarms service
// gives them, the document is what scanAlarm would read from that struct's JSON, so it is built
// from the fields instead (TestPropertyDirectAlarm holds the two together). Any other shape, or a
// value whose JSON would not give back the same (a string that is not valid UTF-8), keeps the
// lazy parse.

// alarmField numbers the members of the alarm document's source, in alarmKeys' order.
const (
	afName = iota
	afArn
	afDescription
	afUpdated
	afEnabled
	afOK
	afAlarm
	afInsufficient
	afMetric
	afNamespace
	afStatistic
	afExtended
	afUnit
	afComparison
	afTreat
	afLowSample
	afThresholdMetric
	afPeriod
	afEvalPeriods
	afDatapoints
	afThreshold
	afDimensions
	afMetrics
	afCount
)

// alarmPlan locates each member in a published struct type: the field index, -1 when absent.
type alarmPlan struct {
	idx [afCount]int
	dim [2]int // Dimensions' element: the Name and Value field indexes
}

// alarmPlanOf returns the alarm plan of the published type t (a struct or a pointer to one), or
// nil when its documents must be parsed; cached.
func (ps *plans) alarmPlanOf(t reflect.Type) *alarmPlan {
	if ap, ok := ps.alarm[t]; ok {
		return ap
	}
	ap := ps.buildAlarmPlan(t)
	if ps.alarm == nil {
		ps.alarm = map[reflect.Type]*alarmPlan{}
	}
	ps.alarm[t] = ap
	return ap
}

func (ps *plans) buildAlarmPlan(t reflect.Type) *alarmPlan {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	p := ps.of(t, nil)
	if t.Kind() != reflect.Struct || p == nil {
		return nil
	}
	ap := &alarmPlan{}
	for i := range ap.idx {
		ap.idx[i] = -1
	}
	strs := reflect.TypeFor[[]string]()
	want := [afCount]reflect.Type{afUpdated: reflect.TypeFor[time.Time](), afEnabled: reflect.TypeFor[bool](), afOK: strs, afAlarm: strs,
		afInsufficient: strs, afPeriod: reflect.TypeFor[int32](), afEvalPeriods: reflect.TypeFor[int32](), afDatapoints: reflect.TypeFor[*int32](),
		afThreshold: reflect.TypeFor[*float64]()}
	for _, f := range p.fields {
		k := -1
		for i, name := range alarmKeys {
			if bytes.EqualFold([]byte(name), []byte(f.name)) {
				if name != f.name {
					return nil // a case variant: encoding/json's matching decides
				}
				k = i
			}
		}
		if k < 0 || k == afMetrics {
			continue // not read by the document
		}
		ft := t.Field(f.index).Type
		switch {
		case k == afDimensions:
			if ft.Kind() != reflect.Slice || !dimensionShape(ft.Elem(), &ap.dim) {
				return nil
			}
		case want[k] == nil:
			if ft.Kind() != reflect.String { // string, or a named string type (ComparisonOperator)
				return nil
			}
		case ft != want[k]:
			return nil
		}
		ap.idx[k] = f.index
	}
	return ap
}

// dimensionShape reports whether t is a struct with exactly the string members Name and Value
// (and no others encoding/json writes), setting their field indexes.
func dimensionShape(t reflect.Type, dim *[2]int) bool {
	if t.Kind() != reflect.Struct {
		return false
	}
	n := 0
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		tag := sf.Tag.Get("json")
		switch {
		case tag == "-":
			continue
		case sf.Type.Kind() != reflect.String || sf.Anonymous:
			return false
		case sf.Name == "Name" && (tag == "" || tag == "Name"):
			dim[0] = i
		case sf.Name == "Value" && (tag == "" || tag == "Value"):
			dim[1] = i
		default:
			return false
		}
		n++
	}
	return n == 2
}

// alarmDirect builds the alarm document of conf (encoded successfully through the plans) from its
// fields; ok false: parse its JSON instead.
func (ps *plans) alarmDirect(conf any) (*AlarmDocument, bool) {
	v := reflect.ValueOf(conf)
	if !v.IsValid() {
		return nil, false
	}
	ap := ps.alarmPlanOf(v.Type())
	if ap == nil {
		return nil, false
	}
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil, false
		}
		v = v.Elem()
	}
	ok := true
	str := func(k int) string {
		if ap.idx[k] < 0 {
			return ""
		}
		s := v.Field(ap.idx[k]).String()
		ok = ok && utf8.ValidString(s)
		return s
	}
	strs := func(k int) []string {
		out := []string{}
		if ap.idx[k] < 0 {
			return out
		}
		l := v.Field(ap.idx[k])
		for i := range l.Len() {
			s := l.Index(i).String()
			ok = ok && utf8.ValidString(s)
			out = append(out, s)
		}
		return out
	}
	d := &AlarmDocument{AlarmName: str(afName), AlarmArn: str(afArn), AlarmDescription: str(afDescription),
		OKActions: strs(afOK), AlarmActions: strs(afAlarm), InsufficientDataActions: strs(afInsufficient),
		MetricName: str(afMetric), Namespace: str(afNamespace), Statistic: str(afStatistic), ExtendedStatistic: str(afExtended),
		Unit: str(afUnit), ComparisonOperator: str(afComparison), TreatMissingData: str(afTreat),
		EvaluateLowSampleCountPercentile: str(afLowSample), ThresholdMetricID: str(afThresholdMetric)}
	if i := ap.idx[afUpdated]; i >= 0 {
		var t time.Time
		if f := v.Field(i); f.CanAddr() {
			t = *f.Addr().Interface().(*time.Time)
		} else {
			t = f.Interface().(time.Time)
		}
		if !t.IsZero() {
			d.AlarmConfigurationUpdatedTimestamp = t.UnixMilli()
		}
	}
	if i := ap.idx[afEnabled]; i >= 0 {
		d.ActionsEnabled = v.Field(i).Bool()
	}
	if i := ap.idx[afPeriod]; i >= 0 {
		d.Period = int32(v.Field(i).Int())
	}
	if i := ap.idx[afEvalPeriods]; i >= 0 {
		d.EvaluationPeriods = int32(v.Field(i).Int())
	}
	if i := ap.idx[afDatapoints]; i >= 0 && !v.Field(i).IsNil() {
		n := int32(v.Field(i).Elem().Int())
		d.DatapointsToAlarm = &n
	}
	if i := ap.idx[afThreshold]; i >= 0 && !v.Field(i).IsNil() {
		f := v.Field(i).Elem().Float()
		d.Threshold = &f
	}
	if i := ap.idx[afDimensions]; i >= 0 {
		l := v.Field(i)
		for j := range l.Len() {
			e := l.Index(j)
			dm := docDimension{Name: e.Field(ap.dim[0]).String(), Value: e.Field(ap.dim[1]).String()}
			ok = ok && utf8.ValidString(dm.Name) && utf8.ValidString(dm.Value)
			d.Dimensions = append(d.Dimensions, dm)
		}
	}
	return d, ok
}
