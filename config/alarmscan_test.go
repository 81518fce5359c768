package config

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/watchsim/watchsim/config/query"
	"pgregory.net/rapid"
)

func checkScanAgrees(t interface{ Fatalf(string, ...any) }, raw []byte) {
	want, werr := alarmDocumentJSON(raw)
	got, ok := scanAlarm(raw)
	if !ok {
		return // the fallback answers
	}
	if werr != nil {
		t.Fatalf("scanner accepted what encoding/json refuses (%v): %s", werr, raw)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("scanner %+v, encoding/json %+v for %s", got, want, raw)
	}
}

// TestAlarmScanAgrees: the one-pass alarm reader gives the document encoding/json gives.
func TestAlarmScanAgrees(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		str := rapid.SampledFrom([]string{"", "a", "x\"y", "é\\n", "arn:aws:sns:us-east-1:123456789012:t", "\u2028"})
		a := alarmSource{AlarmName: str.Draw(rt, "name"), AlarmArn: str.Draw(rt, "arn"), AlarmDescription: str.Draw(rt, "desc"),
			ActionsEnabled: rapid.Bool().Draw(rt, "enabled"), OKActions: rapid.SliceOfN(str, -1, 3).Draw(rt, "ok"),
			AlarmActions: rapid.SliceOfN(str, -1, 3).Draw(rt, "alarm"), MetricName: str.Draw(rt, "metric"),
			Period: rapid.Int32Range(0, 86400).Draw(rt, "period"), EvaluationPeriods: rapid.Int32Range(0, 10).Draw(rt, "eval"),
			ComparisonOperator: str.Draw(rt, "op"), Statistic: str.Draw(rt, "stat")}
		if rapid.Bool().Draw(rt, "hasThreshold") {
			th := rapid.Float64Range(-1e6, 1e6).Draw(rt, "threshold")
			a.Threshold = &th
		}
		if rapid.Bool().Draw(rt, "hasDatapoints") {
			n := rapid.Int32Range(1, 10).Draw(rt, "datapoints")
			a.DatapointsToAlarm = &n
		}
		if rapid.Bool().Draw(rt, "hasTime") {
			a.AlarmConfigurationUpdatedTimestamp = time.Unix(rapid.Int64Range(0, 4e9).Draw(rt, "t"), rapid.Int64Range(0, 999999999).Draw(rt, "ns")).UTC()
		}
		for i := rapid.IntRange(0, 3).Draw(rt, "dims"); i > 0; i-- {
			a.Dimensions = append(a.Dimensions, dimension{Name: str.Draw(rt, "dn"), Value: str.Draw(rt, "dv")})
		}
		raw, err := json.Marshal(a)
		if err != nil {
			rt.Fatal(err)
		}
		if _, ok := scanAlarm(raw); !ok {
			rt.Fatalf("scanner gave up on %s", raw)
		}
		checkScanAgrees(rt, raw)
	})
}

func FuzzAlarmScan(f *testing.F) {
	f.Add([]byte(`{"AlarmName":"a","AlarmActions":["x"],"Period":60,"Threshold":1.5,"Dimensions":[{"Name":"n","Value":"v"}]}`))
	f.Add([]byte(`{"AlarmName":null,"OKActions":null,"Extra":{"deep":[1,2,{"x":null}]}}`))
	f.Fuzz(func(t *testing.T, raw []byte) { checkScanAgrees(t, raw) })
}

// TestAlarmQueryValue: the alarm document's query value is what its JSON decodes to.
func TestAlarmQueryValue(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		str := rapid.SampledFrom([]string{"", "a", "x\"y"})
		d := &AlarmDocument{AlarmName: str.Draw(rt, "name"), AlarmArn: str.Draw(rt, "arn"), AlarmDescription: str.Draw(rt, "desc"),
			AlarmConfigurationUpdatedTimestamp: rapid.Int64Range(0, 2e12).Draw(rt, "ts"), ActionsEnabled: rapid.Bool().Draw(rt, "enabled"),
			OKActions: rapid.SliceOfN(str, 0, 2).Draw(rt, "ok"), AlarmActions: rapid.SliceOfN(str, 0, 2).Draw(rt, "alarm"),
			InsufficientDataActions: rapid.SliceOfN(str, 0, 2).Draw(rt, "insufficient"), MetricName: str.Draw(rt, "metric"),
			Namespace: str.Draw(rt, "ns"), Statistic: str.Draw(rt, "stat"), ExtendedStatistic: str.Draw(rt, "ext"), Unit: str.Draw(rt, "unit"),
			Period: rapid.Int32Range(0, 86400).Draw(rt, "period"), EvaluationPeriods: rapid.Int32Range(0, 5).Draw(rt, "eval"),
			ComparisonOperator: str.Draw(rt, "op"), TreatMissingData: str.Draw(rt, "tmd"), EvaluateLowSampleCountPercentile: str.Draw(rt, "low"),
			ThresholdMetricID: str.Draw(rt, "tid")}
		for i := rapid.IntRange(0, 2).Draw(rt, "dims"); i > 0; i-- {
			d.Dimensions = append(d.Dimensions, docDimension{Name: str.Draw(rt, "dn"), Value: str.Draw(rt, "dv")})
		}
		if rapid.Bool().Draw(rt, "th") {
			v := rapid.Float64Range(-1e9, 1e9).Draw(rt, "threshold")
			d.Threshold = &v
		}
		if rapid.Bool().Draw(rt, "dp") {
			v := rapid.Int32Range(0, 10).Draw(rt, "datapoints")
			d.DatapointsToAlarm = &v
		}
		if rapid.Bool().Draw(rt, "nilOK") {
			d.OKActions = nil
		}
		raw, _ := json.Marshal(d)
		var want any
		if err := json.Unmarshal(raw, &want); err != nil {
			rt.Fatal(err)
		}
		if got := d.queryValue(); !reflect.DeepEqual(any(got), want) {
			rt.Fatalf("got %#v\nwant %#v", got, want)
		}
		// the query's column reader agrees with the map at every path
		paths := [][]string{{}, {"dimensions"}, {"dimensions", "name"}, {"dimensions", "value"}, {"dimensions", "other"},
			{"dimensions", "name", "x"}, {"okactions", "x"}, {"threshold", "x"}, {"nope"}}
		for k := range want.(map[string]any) {
			paths = append(paths, []string{k})
		}
		for _, p := range paths {
			if got, w := d.leaves(nil, p), query.Leaves(nil, want, p); !reflect.DeepEqual(got, w) {
				rt.Fatalf("%v: leaves %#v, the map's %#v", p, got, w)
			}
		}
	})
}
