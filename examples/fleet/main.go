// Command fleet is a custom simulator built on watchsim's public extension points: a fleet of EC2
// instances behind a seeded load model (a diurnal cycle and one traffic spike), scaled by a
// target-tracking-style pair of CloudWatch alarms.
//
//	RunInstances / TerminateInstances  → custom operations through bus.Call (CloudTrail records them)
//	each instance                      → AWS::EC2::Instance resource changes (AWS Config records them)
//	                                   → AWS/EC2 CPUUtilization, NetworkIn/Out, StatusCheckFailed
//	                                     per InstanceId: basic monitoring every 5 minutes, detailed
//	                                     monitoring every minute; the group's CPUUtilization every minute
//	AlarmHigh / AlarmLow on the group   → Auto Scaling actions by ARN → registered policy sinks
//	                                     → more or fewer instances
//
// It runs 30 virtual days and prints a summary: instance-hours, scaling activities, the peak, the
// alarm transitions, and what CloudTrail and Config saw.
//
// Run it with: go run ./examples/fleet
package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"sort"
	"time"

	"github.com/watchsim/watchsim"
	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/config"
)

func main() {
	sum, err := run(os.Stdout, 30, bus.DefaultSeed)
	if err != nil {
		log.Fatal(err)
	}
	_ = sum.sim.Close()
}

// summary is what one run observed.
type summary struct {
	Days          int
	InstanceHours float64
	Peak          int
	PeakTime      time.Time
	ScaleOuts     int
	ScaleIns      int
	Transitions   map[string]int // "alarm → STATE" → count
	Calls         map[string]int // CloudTrail event name → count
	Created       int            // AWS::EC2::Instance creations published on the bus
	Deleted       int
	// Discovered is the number of instances AWS Config lists (ListDiscoveredResources with deleted
	// ones), DiscoveredDeleted those of them it reports deleted.
	Discovered, DiscoveredDeleted int
	Final                         int
	SpikeAt                       time.Time
	canary, basic                 string // a detailed-monitoring and a basic-monitoring instance
	sim                           *watchsim.Simulator
}

// run simulates days of the fleet with seed and prints the summary to w. The simulator stays
// open in the returned summary for inspection (the caller closes it with sum.sim.Close).
func run(w io.Writer, days int, seed uint64) (*summary, error) {
	sim, err := watchsim.New(watchsim.WithSeed(seed))
	if err != nil {
		return nil, err
	}
	ctx, b := context.Background(), sim.Bus
	sum := &summary{Days: days, Transitions: map[string]int{}, Calls: map[string]int{}, sim: sim}
	bus.Subscribe(b, bus.AlarmStateChanges(), func(_ context.Context, c bus.AlarmStateChange) {
		sum.Transitions[c.AlarmName+" → "+c.NewState]++
	})
	bus.Subscribe(b, bus.APICalls(), func(_ context.Context, c bus.APICall) {
		if c.EventSource == ec2Source {
			sum.Calls[c.EventName]++
		}
	})
	bus.Subscribe(b, bus.ResourceChanges(), func(_ context.Context, c bus.ResourceChange) {
		if c.ResourceType != "AWS::EC2::Instance" {
			return
		}
		switch c.ChangeType {
		case bus.ResourceCreated:
			sum.Created++
		case bus.ResourceDeleted:
			sum.Deleted++
		}
	})

	// AWS Config records the instances like any AWS resource: a recorder and a delivery channel.
	if err := startConfig(ctx, sim); err != nil {
		return nil, err
	}

	load := newLoadModel(seed, b.Now(), days)
	sum.SpikeAt = load.spikeAt
	fleet, err := newEC2(b, "web", load)
	if err != nil {
		return nil, err
	}
	sc := &scaler{e: fleet}
	if err := sc.register(ctx, sim); err != nil {
		return nil, err
	}
	// The initial fleet: one instance with detailed monitoring, the rest with basic monitoring.
	canary := &RunInstancesInput{ImageId: "ami-0abcdef1234567890", InstanceType: "m5.large", MinCount: 1, MaxCount: 1}
	canary.Monitoring.Enabled = true
	out, err := fleet.RunInstances(ctx, canary)
	if err != nil {
		return nil, err
	}
	sum.canary = out.InstancesSet[0]
	out, err = fleet.RunInstances(ctx, &RunInstancesInput{ImageId: "ami-0abcdef1234567890", InstanceType: "m5.large",
		MinCount: minInstances, MaxCount: minInstances})
	if err != nil {
		return nil, err
	}
	sum.basic = out.InstancesSet[0]
	sc.peak, sc.peakTime = fleet.runningCount(), b.Now()

	if err := sim.Advance(time.Duration(days) * 24 * time.Hour); err != nil {
		return nil, err
	}
	sum.InstanceHours = fleet.instanceHours()
	sum.Peak, sum.PeakTime = sc.peak, sc.peakTime
	sum.ScaleOuts, sum.ScaleIns = sc.outs, sc.ins
	sum.Final = fleet.runningCount()
	if sum.Discovered, sum.DiscoveredDeleted, err = discovered(ctx, sim); err != nil {
		return nil, err
	}
	sum.print(w)
	return sum, nil
}

func (s *summary) print(w io.Writer) {
	fmt.Fprintf(w, "fleet: %d virtual days, seed-driven diurnal load with a spike at %s\n", s.Days, s.SpikeAt.Format(time.RFC3339))
	fmt.Fprintf(w, "instance-hours: %.1f (an always-at-peak fleet of %d would use %d)\n", s.InstanceHours, s.Peak, s.Peak*24*s.Days)
	fmt.Fprintf(w, "peak: %d instances at %s; %d running at the end\n", s.Peak, s.PeakTime.Format(time.RFC3339), s.Final)
	fmt.Fprintf(w, "scaling activities: %d out, %d in\n", s.ScaleOuts, s.ScaleIns)
	var keys []string
	for k := range s.Transitions {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(w, "alarm transitions: %-45s %d\n", k, s.Transitions[k])
	}
	fmt.Fprintf(w, "CloudTrail: RunInstances %d, TerminateInstances %d\n", s.Calls["RunInstances"], s.Calls["TerminateInstances"])
	fmt.Fprintf(w, "Config: AWS::EC2::Instance %d created, %d deleted; %d discovered by the recorder, %d of them deleted\n",
		s.Created, s.Deleted, s.Discovered, s.DiscoveredDeleted)
}

// startConfig starts AWS Config recording every supported type, with a delivery channel to an S3
// bucket of the bus.
func startConfig(ctx context.Context, sim *watchsim.Simulator) error {
	if _, err := bus.NewS3Bucket(sim.Bus, "config-history"); err != nil {
		return err
	}
	if _, err := sim.Config.PutConfigurationRecorder(ctx, &config.PutConfigurationRecorderInput{ConfigurationRecorder: &config.ConfigurationRecorder{
		RoleARN: sim.Bus.ARN("iam", "role/config")}}); err != nil {
		return err
	}
	if _, err := sim.Config.PutDeliveryChannel(ctx, &config.PutDeliveryChannelInput{DeliveryChannel: &config.DeliveryChannel{S3BucketName: "config-history"}}); err != nil {
		return err
	}
	_, err := sim.Config.StartConfigurationRecorder(ctx, &config.StartConfigurationRecorderInput{ConfigurationRecorderName: "default"})
	return err
}

// discovered counts the EC2 instances AWS Config has discovered, and those of them deleted.
func discovered(ctx context.Context, sim *watchsim.Simulator) (all, deleted int, err error) {
	in := &config.ListDiscoveredResourcesInput{ResourceType: "AWS::EC2::Instance", IncludeDeletedResources: true}
	for {
		out, err := sim.Config.ListDiscoveredResources(ctx, in)
		if err != nil {
			return 0, 0, err
		}
		for _, r := range out.ResourceIdentifiers {
			all++
			if r.ResourceDeletionTime != nil {
				deleted++
			}
		}
		if out.NextToken == "" {
			return all, deleted, nil
		}
		in.NextToken = out.NextToken
	}
}
