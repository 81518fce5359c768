package alarmstest_test

import (
	"fmt"
	"math"
	"time"

	"github.com/watchsim/watchsim/alarms"
	"github.com/watchsim/watchsim/alarms/alarmstest"
)

// latency returns ten samples per minute of a healthy diurnal latency (ms) with deterministic
// jitter, and 2,000 ms during the outage [outageFrom, outageTo).
func latency(start time.Time, minutes int, outageFrom, outageTo time.Time) []alarms.Sample {
	var out []alarms.Sample
	for m := 0; m < minutes; m++ {
		for i := 0; i < 10; i++ {
			at := start.Add(time.Duration(m)*time.Minute + time.Duration(i)*6*time.Second)
			hour := float64(at.Hour()) + float64(at.Minute())/60
			v := 120 + 60*math.Sin(2*math.Pi*hour/24) + float64((m*7+i*13)%40)
			if !at.Before(outageFrom) && at.Before(outageTo) {
				v = 2000
			}
			out = append(out, alarms.Sample{Time: at, Value: v})
		}
	}
	return out
}

// A p99 latency alarm, evaluated over three hours of data with a 10-minute outage, fires two
// minutes into the outage and recovers two minutes after it.
func ExampleTimeline() {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	def := alarms.Definition{Namespace: "App", Statistic: "p99", Period: 60, EvaluationPeriods: 3,
		DatapointsToAlarm: 2, Threshold: 500, ComparisonOperator: alarms.GreaterThanThreshold}
	outage := start.Add(90 * time.Minute)
	samples := latency(start, 180, outage, outage.Add(10*time.Minute))
	trs, err := alarmstest.Timeline(nil, def, samples, start, start.Add(3*time.Hour))
	if err != nil {
		panic(err)
	}
	for _, tr := range trs {
		fmt.Println(tr)
	}
	// Output:
	// 2026-01-01T00:01:00Z INSUFFICIENT_DATA -> OK
	// 2026-01-01T01:32:00Z OK -> ALARM
	// 2026-01-01T01:42:00Z ALARM -> OK
}

// FirstStateWithin answers "how long after the event did the alarm fire?"; FiresWithin asserts it.
func ExampleFirstStateWithin() {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	def := alarms.Definition{Namespace: "App", Statistic: "Maximum", Period: 60, EvaluationPeriods: 2,
		Threshold: 90, ComparisonOperator: alarms.GreaterThanOrEqualToThreshold}
	var samples []alarms.Sample
	for m := 0; m < 30; m++ {
		v := 40.0
		if m >= 12 {
			v = 95 // CPU pegged from minute 12
		}
		samples = append(samples, alarms.Sample{Time: start.Add(time.Duration(m) * time.Minute), Value: v})
	}
	trs, _ := alarmstest.Timeline(nil, def, samples, start, start.Add(30*time.Minute))
	event := start.Add(12 * time.Minute)
	at, ok := alarmstest.FirstStateWithin(trs, alarms.StateAlarm, event, 5*time.Minute)
	fmt.Println(ok, at.Sub(event))
	// Output:
	// true 2m0s
}
