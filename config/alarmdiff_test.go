package config

import (
	"fmt"
	"math"
	"reflect"
	"testing"

	"pgregory.net/rapid"
)

// genAlarmDoc draws an alarm document; with base, a copy of base with some fields redrawn.
func genAlarmDoc(rt *rapid.T, label string, base *AlarmDocument) *AlarmDocument {
	str := rapid.SampledFrom([]string{"", "a", "x\"y"})
	d := &AlarmDocument{AlarmName: str.Draw(rt, "name"), AlarmArn: str.Draw(rt, "arn"), AlarmDescription: str.Draw(rt, "desc"),
		AlarmConfigurationUpdatedTimestamp: rapid.Int64Range(0, 2).Draw(rt, "ts"), ActionsEnabled: rapid.Bool().Draw(rt, "enabled"),
		OKActions: rapid.SliceOfN(str, 0, 2).Draw(rt, "ok"), AlarmActions: rapid.SliceOfN(str, 0, 2).Draw(rt, "alarm"),
		InsufficientDataActions: rapid.SliceOfN(str, 0, 2).Draw(rt, "insufficient"), MetricName: str.Draw(rt, "metric"),
		Namespace: str.Draw(rt, "ns"), Statistic: str.Draw(rt, "stat"), ExtendedStatistic: str.Draw(rt, "ext"), Unit: str.Draw(rt, "unit"),
		Period: rapid.Int32Range(0, 2).Draw(rt, "period"), EvaluationPeriods: rapid.Int32Range(0, 2).Draw(rt, "eval"),
		ComparisonOperator: str.Draw(rt, "op"), TreatMissingData: str.Draw(rt, "tmd"), EvaluateLowSampleCountPercentile: str.Draw(rt, "low"),
		ThresholdMetricID: str.Draw(rt, "tid")}
	for i := rapid.IntRange(0, 2).Draw(rt, "dims"); i > 0; i-- {
		d.Dimensions = append(d.Dimensions, docDimension{Name: str.Draw(rt, "dn"), Value: str.Draw(rt, "dv")})
	}
	if rapid.Bool().Draw(rt, "th") {
		v := rapid.SampledFrom([]float64{0, 1, math.NaN(), math.Copysign(0, -1)}).Draw(rt, "threshold")
		d.Threshold = &v
	}
	if rapid.Bool().Draw(rt, "dp") {
		v := rapid.Int32Range(0, 2).Draw(rt, "datapoints")
		d.DatapointsToAlarm = &v
	}
	for _, l := range []*[]string{&d.OKActions, &d.AlarmActions, &d.InsufficientDataActions} {
		if rapid.IntRange(0, 3).Draw(rt, "nil") == 0 {
			*l = nil
		}
	}
	if base == nil {
		return d
	}
	// keep most of base: each top-level field redrawn with probability 1/4
	mixed := *base
	bv, dv, mv := reflect.ValueOf(base).Elem(), reflect.ValueOf(d).Elem(), reflect.ValueOf(&mixed).Elem()
	for i := range bv.NumField() {
		if rapid.IntRange(0, 3).Draw(rt, label) == 0 {
			mv.Field(i).Set(dv.Field(i))
		}
	}
	return &mixed
}

// TestAlarmDiffAgrees: the alarm documents' direct diff adds exactly what the diff of their query
// values adds.
func TestAlarmDiffAgrees(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		a := genAlarmDoc(rt, "a", nil)
		b := genAlarmDoc(rt, "b", a)
		want := map[string]any{}
		diffConfigMaps(want, a.queryValue(), b.queryValue())
		got := map[string]any{}
		diffAlarmDocs(got, a, b)
		// fmt prints maps sorted by key, NaN included
		if g, w := fmt.Sprintf("%#v", got), fmt.Sprintf("%#v", want); g != w {
			rt.Fatalf("direct diff %s\nmap diff    %s", g, w)
		}
	})
}
