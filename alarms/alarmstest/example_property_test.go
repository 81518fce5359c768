package alarmstest_test

import (
	"math"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/watchsim/watchsim/alarms"
	"github.com/watchsim/watchsim/alarms/alarmstest"
)

// p99Alarm is the user's alarm under test: p99 latency above 500 ms in 2 of the last 3 minutes.
var p99Alarm = alarms.Definition{Namespace: "App", Statistic: "p99", Period: 60, EvaluationPeriods: 3,
	DatapointsToAlarm: 2, Threshold: 500, ComparisonOperator: alarms.GreaterThanThreshold}

// TestP99AlarmProperty is the property a user writes for their own alarm: on a healthy diurnal
// latency pattern with random noise and random gaps in the data, the alarm never fires; and it always
// fires within 5 minutes of the start of an outage of at least 3 minutes. If the alarm definition
// were wrong (say DatapointsToAlarm 3 of 5), rapid would shrink the failure to a minimal series.
func TestP99AlarmProperty(t *testing.T) {
	start := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	const minutes = 120
	rapid.Check(t, func(t *rapid.T) {
		amplitude := rapid.Float64Range(0, 150).Draw(t, "amplitude")
		noise := rapid.Float64Range(0, 100).Draw(t, "noise")
		outageAt := rapid.IntRange(10, minutes-20).Draw(t, "outageAt")
		outageLen := rapid.IntRange(3, 15).Draw(t, "outageLen")
		// Healthy gaps in the data, never inside the outage.
		gaps := map[int]bool{}
		for g := rapid.IntRange(0, 4).Draw(t, "gaps"); g > 0; g-- {
			at, n := rapid.IntRange(0, minutes-1).Draw(t, "gapAt"), rapid.IntRange(1, 8).Draw(t, "gapLen")
			for m := at; m < at+n; m++ {
				if m < outageAt || m >= outageAt+outageLen {
					gaps[m] = true
				}
			}
		}
		var samples []alarms.Sample
		for m := 0; m < minutes; m++ {
			if gaps[m] {
				continue
			}
			for i := 0; i < 5; i++ {
				at := start.Add(time.Duration(m)*time.Minute + time.Duration(i)*12*time.Second)
				v := 150 + amplitude*math.Sin(2*math.Pi*float64(m)/float64(minutes)) + noise*float64((m*31+i*17)%10)/10
				if m >= outageAt && m < outageAt+outageLen {
					v = 1500 + noise
				}
				samples = append(samples, alarms.Sample{Time: at, Value: v})
			}
		}
		trs, err := alarmstest.Timeline(nil, p99Alarm, samples, start, start.Add(minutes*time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		outage := start.Add(time.Duration(outageAt) * time.Minute)
		var before []alarmstest.Transition
		for _, tr := range trs {
			if tr.Time.Before(outage) {
				before = append(before, tr)
			}
		}
		alarmstest.NeverFires(t, before)
		alarmstest.FiresWithin(t, trs, outage, 5*time.Minute)
	})
}
