package p99property

import (
	"context"
	"math"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/watchsim/watchsim"
	"github.com/watchsim/watchsim/alarms"
	"github.com/watchsim/watchsim/alarms/alarmstest"
	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/metrics"
)

// userAlarm is the alarm definition under test: p99 latency above 800 ms in 2 of the last 3 minutes.
func userAlarm() *alarms.PutMetricAlarmInput {
	threshold := 800.0
	m := int32(2)
	return &alarms.PutMetricAlarmInput{AlarmName: "checkout-p99", Namespace: "Shop", MetricName: "Latency",
		ExtendedStatistic: "p99", Period: 60, EvaluationPeriods: 3, DatapointsToAlarm: &m, Threshold: &threshold,
		ComparisonOperator: alarms.GreaterThanThreshold, TreatMissingData: alarms.TreatNotBreaching}
}

// TestP99LatencyAlarm is the end-to-end property a user writes for their own alarm, run on the
// simulator (metrics + alarms on one bus, virtual time): on a healthy diurnal latency pattern with
// random noise and random gaps in the data the alarm never fires, and it always fires within
// 5 minutes of the start of an outage. rapid shrinks any failure to a minimal scenario.
func TestP99LatencyAlarm(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		const minutes = 90
		ctx := context.Background()
		sim, err := watchsim.New()
		if err != nil {
			t.Fatal(err)
		}
		defer sim.Close()
		b, ms, s := sim.Bus, sim.Metrics, sim.Alarms
		var trs []alarmstest.Transition
		bus.Subscribe(b, bus.AlarmStateChanges(), func(_ context.Context, c bus.AlarmStateChange) {
			trs = append(trs, alarmstest.Transition{Time: c.Time, From: alarms.StateValue(c.OldState), To: alarms.StateValue(c.NewState), Reason: c.Reason})
		})
		if _, err := s.PutMetricAlarm(ctx, userAlarm()); err != nil {
			t.Fatal(err)
		}
		start := b.Now()
		base := rapid.Float64Range(80, 300).Draw(t, "base")            // ms
		swing := rapid.Float64Range(0, 200).Draw(t, "diurnalSwing")    // ms
		noise := rapid.Float64Range(0, 150).Draw(t, "noise")           // ms
		outageAt := rapid.IntRange(15, minutes-20).Draw(t, "outageAt") // minute
		outageLen := rapid.IntRange(3, 15).Draw(t, "outageLen")
		gapAt := rapid.IntRange(0, minutes-1).Draw(t, "gapAt")
		gapLen := rapid.IntRange(0, 10).Draw(t, "gapLen")
		for m := 0; m < minutes; m++ {
			inOutage := m >= outageAt && m < outageAt+outageLen
			if !inOutage && m >= gapAt && m < gapAt+gapLen {
				_ = b.Advance(time.Minute) // no data this minute
				continue
			}
			// 200 requests a minute as a Values/Counts histogram.
			vals := make([]float64, 0, 10)
			counts := make([]float64, 0, 10)
			for i := 0; i < 10; i++ {
				v := base + swing*math.Sin(2*math.Pi*float64(m)/(24*60)) + noise*float64((m*31+i*17)%10)/10
				if inOutage {
					v = 3000 + noise
				}
				vals, counts = append(vals, v), append(counts, 20)
			}
			if _, err := ms.PutMetricData(ctx, &metrics.PutMetricDataInput{Namespace: "Shop",
				MetricData: []metrics.MetricDatum{{MetricName: "Latency", Values: vals, Counts: counts, Unit: "Milliseconds"}}}); err != nil {
				t.Fatal(err)
			}
			if err := b.Advance(time.Minute); err != nil {
				t.Fatal(err)
			}
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
