package config

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/watchsim/watchsim/alarms"
	"github.com/watchsim/watchsim/bus"
	"pgregory.net/rapid"
)

type opName string

// directAlarm is shaped like the alarms service's MetricAlarm, with a named string type.
type directAlarm struct {
	AlarmName                          string    `json:"AlarmName"`
	AlarmDescription                   string    `json:"AlarmDescription,omitempty"`
	AlarmConfigurationUpdatedTimestamp time.Time `json:"AlarmConfigurationUpdatedTimestamp"`
	ActionsEnabled                     bool
	OKActions                          []string        `json:"OKActions"`
	AlarmActions                       []string        `json:"AlarmActions,omitempty"`
	Dimensions                         []bus.Dimension `json:"Dimensions"`
	Period                             int32           `json:"Period,omitempty"`
	DatapointsToAlarm                  *int32          `json:"DatapointsToAlarm,omitempty"`
	Threshold                          *float64        `json:"Threshold,omitempty"`
	ComparisonOperator                 opName          `json:"ComparisonOperator"`
	Metrics                            json.RawMessage `json:"Metrics,omitempty"`
	StateValue                         string
}

// variantAlarm spells a member in another case: encoding/json's folding decides, not the plan.
type variantAlarm struct {
	AlarmName string `json:"alarmname"`
}

// wideAlarm gives Period a type the document's source does not have.
type wideAlarm struct {
	AlarmName string
	Period    int64
}

// TestPropertyDirectAlarm: when the alarm document is built from the published struct, it is
// the document parsing that struct's JSON gives; the alarms service's own shape qualifies, and
// shapes that would read differently do not.
func TestPropertyDirectAlarm(t *testing.T) {
	var ps plans
	for _, tc := range []struct {
		v    any
		want bool
	}{{&alarms.MetricAlarm{}, true}, {&directAlarm{}, true}, {directAlarm{}, true}, {&variantAlarm{}, false}, {&wideAlarm{}, false}, {map[string]any{}, false}} {
		if got := ps.alarmPlanOf(reflect.TypeOf(tc.v)) != nil; got != tc.want {
			t.Errorf("%T: direct %v, want %v", tc.v, got, tc.want)
		}
	}
	str := rapid.SampledFrom([]string{"", "a", "arn:aws:sns:us-east-1:123456789012:t", "<b>&", "x\"y", "é", "\xff", "\u2028"})
	rapid.Check(t, func(rt *rapid.T) {
		var e encoder
		th := rapid.SampledFrom([]float64{0, 80, -1.5, 1e-7, math.NaN()}).Draw(rt, "th")
		dp := rapid.Int32Range(0, 5).Draw(rt, "dp")
		a := &directAlarm{AlarmName: str.Draw(rt, "name"), AlarmDescription: str.Draw(rt, "desc"),
			AlarmConfigurationUpdatedTimestamp: rapid.SampledFrom([]time.Time{{}, time.Date(2026, 12, 3, 1, 2, 3, 4567891, time.UTC), time.Unix(0, 0)}).Draw(rt, "t"),
			ActionsEnabled:                     rapid.Bool().Draw(rt, "en"), OKActions: rapid.SliceOfN(str, -1, 2).Draw(rt, "ok"),
			AlarmActions: rapid.SliceOfN(str, -1, 2).Draw(rt, "al"), Period: rapid.Int32Range(0, 3).Draw(rt, "p"),
			ComparisonOperator: opName(str.Draw(rt, "op")), StateValue: str.Draw(rt, "state")}
		if rapid.Bool().Draw(rt, "nilOK") {
			a.OKActions = nil
		}
		for i := rapid.IntRange(-1, 2).Draw(rt, "dims"); i >= 0; i-- {
			a.Dimensions = append(a.Dimensions, bus.Dimension{Name: str.Draw(rt, "dn"), Value: str.Draw(rt, "dv")})
		}
		if rapid.Bool().Draw(rt, "hasTh") {
			a.Threshold = &th
		}
		if rapid.Bool().Draw(rt, "hasDp") {
			a.DatapointsToAlarm = &dp
		}
		if rapid.Bool().Draw(rt, "metrics") {
			a.Metrics = json.RawMessage(`[{"Id":"m1"}]`)
		}
		var conf any = a
		if rapid.Bool().Draw(rt, "byValue") {
			conf = *a
		}
		raw := e.encode(conf)
		if !e.byPlan {
			return // encoding/json wrote it (a NaN): the document is parsed
		}
		got, ok := e.plans.alarmDirect(conf)
		if !ok {
			return // a string that is not valid UTF-8: parsed
		}
		want, err := alarmDocument(raw)
		if err != nil {
			rt.Fatalf("%s does not parse: %v", raw, err)
		}
		if !reflect.DeepEqual(any(got), want) {
			rt.Fatalf("direct %+v\nparsed %+v\nfrom %s", got, want, raw)
		}
	})
}
