package main

import (
	"context"
	"math"
	"time"

	"github.com/watchsim/watchsim/bus"
)

// This file is the custom resource kind: a small simulated Amazon EC2 service built only on the
// public extension points of package bus. It shows the four things a resource kind needs so that
// CloudWatch, CloudTrail and AWS Config observe it like a built-in one:
//
//  1. operations through the dispatcher, bus.Call, so that CloudTrail records every call;
//  2. resource changes on bus.ResourceChanges, so that AWS Config records the instances;
//  3. service metrics through bus.NewSampler (gauges sampled per period while the resource is
//     active) — the kernel's one path for service-originated datapoints, which may use AWS/
//     namespaces;
//  4. deliveries by ARN: the scaling policies are sinks registered with bus.Register (see
//     scaling.go), which CloudWatch alarm actions reach by ARN.

// ec2Source is the CloudTrail event source of the EC2 API.
const ec2Source = "ec2.amazonaws.com"

// RunInstancesInput is the input of RunInstances (the members this simulator uses).
type RunInstancesInput struct {
	ImageId      string `json:"imageId"`
	InstanceType string `json:"instanceType"`
	MinCount     int    `json:"minCount"`
	MaxCount     int    `json:"maxCount"`
	// Monitoring enables detailed (one-minute) monitoring; without it the instance has basic
	// (five-minute) monitoring.
	Monitoring struct {
		Enabled bool `json:"enabled"`
	} `json:"monitoring"`
}

// RunInstancesOutput is the output of RunInstances.
type RunInstancesOutput struct {
	InstancesSet []string `json:"instancesSet"`
}

// TerminateInstancesInput is the input of TerminateInstances.
type TerminateInstancesInput struct {
	InstanceIds []string `json:"instancesSet"`
}

// TerminateInstancesOutput is the output of TerminateInstances.
type TerminateInstancesOutput struct {
	InstancesSet []string `json:"instancesSet"`
}

// instance is one simulated EC2 instance.
type instance struct {
	id       string
	detailed bool
	launched time.Time
	ended    time.Time // zero while running
}

// ec2 is the simulated EC2 service of one fleet. Its state is guarded by the bus state lock (every
// operation runs inside bus.Call; samplers take it with Bus.Locked).
type ec2 struct {
	b       *bus.Bus
	group   string // the Auto Scaling group the instances belong to
	load    *loadModel
	running []*instance
	all     []*instance
	groupS  *bus.Sampler
}

func newEC2(b *bus.Bus, group string, load *loadModel) (*ec2, error) {
	e := &ec2{b: b, group: group, load: load}
	// The group's aggregate CPUUtilization (dimension AutoScalingGroupName), every minute.
	s, err := bus.NewSampler(b, "AWS/EC2", bus.EveryMinute, e.sampleGroup)
	if err != nil {
		return nil, err
	}
	e.groupS = s
	return e, nil
}

// RunInstances launches MaxCount instances (MinCount ≤ MaxCount, 1 ≤ MaxCount ≤ 20).
func (e *ec2) RunInstances(ctx context.Context, in *RunInstancesInput) (*RunInstancesOutput, error) {
	op := bus.Operation{Source: ec2Source, Name: "RunInstances"}
	var fresh []*bus.Sampler
	out, err := bus.Call(ctx, e.b, op, in, func(ctx context.Context, in *RunInstancesInput) (*RunInstancesOutput, error) {
		if in.MaxCount < 1 || in.MaxCount > 20 || in.MinCount > in.MaxCount {
			return nil, bus.ClientErrorf("InvalidParameterValue", "Invalid value '%d' for maxCount.", in.MaxCount)
		}
		out := &RunInstancesOutput{}
		now := e.b.Now()
		for range in.MaxCount {
			inst := &instance{id: "i-" + e.b.HexID(17), detailed: in.Monitoring.Enabled, launched: now}
			period := bus.EveryFiveMinutes
			if inst.detailed {
				period = bus.EveryMinute
			}
			s, err := bus.NewSampler(e.b, "AWS/EC2", period, e.sampleInstance(inst))
			if err != nil {
				return nil, err
			}
			fresh = append(fresh, s)
			e.running = append(e.running, inst)
			e.all = append(e.all, inst)
			out.InstancesSet = append(out.InstancesSet, inst.id)
			bus.Publish(ctx, e.b, bus.ResourceChanges(), e.change(bus.ResourceCreated, inst, "running"))
		}
		return out, nil
	})
	if err != nil {
		return nil, err
	}
	// The new instances report from now on.
	for _, s := range fresh {
		s.Wake()
	}
	e.groupS.Wake()
	return out, nil
}

// TerminateInstances terminates running instances.
func (e *ec2) TerminateInstances(ctx context.Context, in *TerminateInstancesInput) (*TerminateInstancesOutput, error) {
	op := bus.Operation{Source: ec2Source, Name: "TerminateInstances"}
	return bus.Call(ctx, e.b, op, in, func(ctx context.Context, in *TerminateInstancesInput) (*TerminateInstancesOutput, error) {
		out := &TerminateInstancesOutput{}
		for _, id := range in.InstanceIds {
			i := e.indexOf(id)
			if i < 0 {
				return nil, bus.ClientErrorf("InvalidInstanceID.NotFound", "The instance ID '%s' does not exist", id)
			}
			inst := e.running[i]
			inst.ended = e.b.Now()
			e.running = append(e.running[:i], e.running[i+1:]...)
			out.InstancesSet = append(out.InstancesSet, id)
			bus.Publish(ctx, e.b, bus.ResourceChanges(), e.change(bus.ResourceDeleted, inst, "terminated"))
		}
		return out, nil
	})
}

func (e *ec2) indexOf(id string) int {
	for i, inst := range e.running {
		if inst.id == id {
			return i
		}
	}
	return -1
}

// change is the AWS Config view of an instance change.
func (e *ec2) change(ct bus.ChangeType, inst *instance, state string) bus.ResourceChange {
	rc := bus.ResourceChange{ChangeType: ct, ResourceType: "AWS::EC2::Instance", ResourceID: inst.id,
		ARN: e.b.ARN("ec2", "instance/"+inst.id), Time: e.b.Now(),
		Tags: map[string]string{"aws:autoscaling:groupName": e.group}}
	if ct != bus.ResourceDeleted {
		rc.Configuration = map[string]any{"instanceId": inst.id, "instanceType": "m5.large",
			"state": map[string]string{"name": state}, "monitoring": map[string]bool{"detailed": inst.detailed}}
	}
	return rc
}

// cpuAt is the CPU utilisation of each running instance at t: the load spread over the fleet.
func (e *ec2) cpuAt(t time.Time, n int) float64 {
	if n == 0 {
		return 0
	}
	return math.Min(100, 100*e.load.at(t)/(float64(n)*instanceCapacity))
}

// sampleInstance returns the SampleFunc of inst: CPUUtilization (Percent), NetworkIn and
// NetworkOut (Bytes) and StatusCheckFailed (Count), dimension InstanceId. With basic monitoring the
// period is five minutes and the values cover it (CPU averaged, bytes summed); with detailed
// monitoring, one minute.
func (e *ec2) sampleInstance(inst *instance) bus.SampleFunc {
	dims := []bus.Dimension{{Name: "InstanceId", Value: inst.id}}
	return func(start time.Time) ([]bus.MetricDatum, bool) {
		var (
			ended   time.Time
			n       int
			minutes = 1
		)
		if !inst.detailed {
			minutes = 5
		}
		e.b.Locked(func() { ended, n = inst.ended, len(e.running) })
		if !ended.IsZero() && !ended.After(start) {
			return nil, false
		}
		cpu, bytes := 0.0, 0.0
		for m := range minutes {
			t := start.Add(time.Duration(m) * time.Minute)
			c := e.cpuAt(t, n)
			cpu += c / float64(minutes)
			bytes += c * bytesPerCPUMinute
		}
		impaired := 0.0
		if e.load.impaired(inst.id, start) {
			impaired = 1
		}
		v := &[4]float64{cpu, bytes, bytes * 4, impaired}
		return []bus.MetricDatum{
			{MetricName: "CPUUtilization", Dimensions: dims, Value: &v[0], Unit: "Percent"},
			{MetricName: "NetworkIn", Dimensions: dims, Value: &v[1], Unit: "Bytes"},
			{MetricName: "NetworkOut", Dimensions: dims, Value: &v[2], Unit: "Bytes"},
			{MetricName: "StatusCheckFailed", Dimensions: dims, Value: &v[3], Unit: "Count"},
		}, ended.IsZero()
	}
}

// sampleGroup reports the group's CPUUtilization (the average over its instances) every minute.
func (e *ec2) sampleGroup(start time.Time) ([]bus.MetricDatum, bool) {
	n := 0
	e.b.Locked(func() { n = len(e.running) })
	if n == 0 {
		return nil, false
	}
	cpu := e.cpuAt(start, n)
	return []bus.MetricDatum{{MetricName: "CPUUtilization", Value: &cpu, Unit: "Percent",
		Dimensions: []bus.Dimension{{Name: "AutoScalingGroupName", Value: e.group}}}}, true
}

// runningCount returns the number of running instances.
func (e *ec2) runningCount() int {
	n := 0
	e.b.Locked(func() { n = len(e.running) })
	return n
}

// instanceHours returns the instance-hours used up to now.
func (e *ec2) instanceHours() float64 {
	now := e.b.Now()
	h := 0.0
	e.b.Locked(func() {
		for _, inst := range e.all {
			end := inst.ended
			if end.IsZero() {
				end = now
			}
			h += end.Sub(inst.launched).Hours()
		}
	})
	return h
}

func ptr[T any](v T) *T { return &v }
