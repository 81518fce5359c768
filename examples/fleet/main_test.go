package main

import (
	"bytes"
	"context"
	"io"
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/cputime"
	"github.com/watchsim/watchsim/metrics"
)

func runFleet(t testing.TB, days int, seed uint64) (*summary, string) {
	t.Helper()
	var out bytes.Buffer
	sum, err := run(&out, days, seed)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sum.sim.Close() })
	return sum, out.String()
}

// TestFleetScales checks the scaling behaviour over 30 days: the fleet grows for the spike and
// shrinks after it, every scaling activity is an API call CloudTrail saw and an instance change
// Config saw, and the run is reproducible from its seed.
func TestFleetScales(t *testing.T) {
	sum, out := runFleet(t, 30, bus.DefaultSeed)
	t.Log("\n" + out)
	initial := 1 + minInstances
	if sum.ScaleOuts == 0 || sum.ScaleIns == 0 {
		t.Fatalf("scaling activities: %d out, %d in; want both", sum.ScaleOuts, sum.ScaleIns)
	}
	if sum.Peak <= initial+5 {
		t.Errorf("peak %d instances: the spike should have grown the fleet well past %d", sum.Peak, initial)
	}
	if d := sum.PeakTime.Sub(sum.SpikeAt); d < 0 || d > 3*time.Hour {
		t.Errorf("peak at %s, spike at %s: the peak should come from the spike", sum.PeakTime, sum.SpikeAt)
	}
	if sum.Final >= sum.Peak || sum.Final < minInstances {
		t.Errorf("final fleet %d (peak %d): it should have scaled back in, not below %d", sum.Final, sum.Peak, minInstances)
	}
	if got, want := sum.Calls["RunInstances"], sum.ScaleOuts+2; got != want {
		t.Errorf("CloudTrail saw %d RunInstances, want %d (2 initial + scale-outs)", got, want)
	}
	if got := sum.Calls["TerminateInstances"]; got != sum.ScaleIns {
		t.Errorf("CloudTrail saw %d TerminateInstances, want %d", got, sum.ScaleIns)
	}
	if sum.Created-sum.Deleted != sum.Final {
		t.Errorf("resource changes: %d created − %d deleted ≠ %d running", sum.Created, sum.Deleted, sum.Final)
	}
	if sum.Discovered != sum.Created || sum.DiscoveredDeleted != sum.Deleted {
		t.Errorf("AWS Config discovered %d instances (%d deleted), the fleet created %d (%d deleted)",
			sum.Discovered, sum.DiscoveredDeleted, sum.Created, sum.Deleted)
	}
	if sum.Transitions["TargetTracking-web-AlarmHigh → ALARM"] == 0 || sum.Transitions["TargetTracking-web-AlarmLow → ALARM"] == 0 {
		t.Errorf("alarm transitions %v: both alarms should have fired", sum.Transitions)
	}
	// Fewer instance-hours than running the peak fleet all month: the point of scaling.
	if max := float64(sum.Peak * 24 * sum.Days); sum.InstanceHours <= 0 || sum.InstanceHours > max/2 {
		t.Errorf("instance-hours %.1f, want under half of %.0f", sum.InstanceHours, max)
	}
	// Reproducible from the seed (checked on a shorter run, to keep the test quick).
	_, first := runFleet(t, 5, 3)
	_, again := runFleet(t, 5, 3)
	if again != first {
		t.Errorf("same seed, different output:\n%s\n%s", first, again)
	}
	if _, other := runFleet(t, 5, 4); other == first {
		t.Errorf("seeds 3 and 4 gave the same run:\n%s", first)
	}
}

// TestFleetMonitoring checks basic (five-minute) against detailed (one-minute) monitoring.
func TestFleetMonitoring(t *testing.T) {
	sum, _ := runFleet(t, 1, 7)
	ctx := context.Background()
	count := func(id string) (int, bool) {
		out, err := sum.sim.Metrics.GetMetricStatistics(ctx, &metrics.GetMetricStatisticsInput{
			Namespace: "AWS/EC2", MetricName: "CPUUtilization", Dimensions: []bus.Dimension{{Name: "InstanceId", Value: id}},
			StartTime: bus.DefaultStart().Add(6 * time.Hour), EndTime: bus.DefaultStart().Add(7 * time.Hour),
			Period: 60, Statistics: []string{"Average"},
		})
		if err != nil {
			t.Fatal(err)
		}
		aligned := true
		for _, d := range out.Datapoints {
			if d.Timestamp.Unix()%300 != 0 {
				aligned = false
			}
		}
		return len(out.Datapoints), aligned
	}
	if n, _ := count(sum.canary); n != 60 {
		t.Errorf("detailed monitoring: %d one-minute datapoints in an hour, want 60", n)
	}
	if n, aligned := count(sum.basic); n != 12 || !aligned {
		t.Errorf("basic monitoring: %d datapoints in an hour (aligned on 5 minutes: %v), want 12", n, aligned)
	}
}

// BenchmarkFleet30Days runs the whole example: 30 virtual days of the fleet, its metrics, alarms,
// scaling, CloudTrail and Config records.
func BenchmarkFleet30Days(b *testing.B) {
	start := cputime.Process()
	b.Cleanup(func() {
		if cpu := cputime.Process() - start; cpu > 0 && b.N > 0 {
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
		}
	})
	for b.Loop() {
		sum, err := run(io.Discard, 30, bus.DefaultSeed)
		if err != nil {
			b.Fatal(err)
		}
		_ = sum.sim.Close()
	}
}
