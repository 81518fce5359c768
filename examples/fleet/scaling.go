package main

import (
	"context"
	"time"

	"github.com/watchsim/watchsim"
	"github.com/watchsim/watchsim/alarms"
	"github.com/watchsim/watchsim/bus"
)

// Scaling: a target-tracking-style pair of alarms on the group's CPUUtilization, whose Auto
// Scaling actions reach two scaling policies by ARN. The policies are sinks registered on the bus:
// CloudWatch delivers to them as it delivers to an SNS topic or a Lambda function, and re-invokes
// them every minute while the alarm stays in ALARM.
const (
	targetCPU     = 60.0
	scaleInBelow  = 0.7 * targetCPU
	minInstances  = 2
	maxInstances  = 20
	scaleCooldown = 5 * time.Minute
)

// scaler applies the scaling policies to the fleet.
type scaler struct {
	e        *ec2
	last     time.Time // last scaling activity
	outs     int
	ins      int
	peak     int
	peakTime time.Time
}

// policyARN is the ARN of the group's scaling policy name.
func policyARN(b *bus.Bus, group, name string) string {
	return b.ARN("autoscaling", "scalingPolicy:"+b.UUID()+":autoScalingGroupName/"+group+":policyName/"+name)
}

// register creates the two policies (as sinks) and the two alarms that invoke them.
func (s *scaler) register(ctx context.Context, sim *watchsim.Simulator) error {
	b := sim.Bus
	out, in := policyARN(b, s.e.group, "cpu-target-out"), policyARN(b, s.e.group, "cpu-target-in")
	if err := b.Register(out, bus.SinkFunc(func(ctx context.Context, _ bus.Payload) error { return s.scale(ctx, +1) })); err != nil {
		return err
	}
	if err := b.Register(in, bus.SinkFunc(func(ctx context.Context, _ bus.Payload) error { return s.scale(ctx, -1) })); err != nil {
		return err
	}
	dims := []bus.Dimension{{Name: "AutoScalingGroupName", Value: s.e.group}}
	for _, a := range []alarms.PutMetricAlarmInput{
		// As target tracking creates them: the high alarm after 3 of 3 minutes above the target, the
		// low alarm after 15 of 15 minutes well below it.
		{AlarmName: "TargetTracking-" + s.e.group + "-AlarmHigh", EvaluationPeriods: 3, Threshold: ptr(targetCPU),
			ComparisonOperator: alarms.GreaterThanThreshold, AlarmActions: []string{out}},
		{AlarmName: "TargetTracking-" + s.e.group + "-AlarmLow", EvaluationPeriods: 15, Threshold: ptr(scaleInBelow),
			ComparisonOperator: alarms.LessThanThreshold, AlarmActions: []string{in}},
	} {
		a.Namespace, a.MetricName, a.Dimensions, a.Statistic, a.Period = "AWS/EC2", "CPUUtilization", dims, "Average", 60
		if _, err := sim.Alarms.PutMetricAlarm(ctx, &a); err != nil {
			return err
		}
	}
	return nil
}

// scale adds instances (dir > 0: a quarter of the fleet, at least one) or removes one (dir < 0),
// within [minInstances, maxInstances] and at most once per cooldown.
func (s *scaler) scale(ctx context.Context, dir int) error {
	now := s.e.b.Now()
	if !s.last.IsZero() && now.Sub(s.last) < scaleCooldown {
		return nil
	}
	n := s.e.runningCount()
	switch {
	case dir > 0 && n < maxInstances:
		k := min(max(n/4, 1), maxInstances-n)
		if _, err := s.e.RunInstances(ctx, &RunInstancesInput{ImageId: "ami-0abcdef1234567890", InstanceType: "m5.large",
			MinCount: k, MaxCount: k}); err != nil {
			return err
		}
		s.outs++
	case dir < 0 && n > minInstances:
		var victim string
		s.e.b.Locked(func() { victim = s.e.running[len(s.e.running)-1].id })
		if _, err := s.e.TerminateInstances(ctx, &TerminateInstancesInput{InstanceIds: []string{victim}}); err != nil {
			return err
		}
		s.ins++
	default:
		return nil
	}
	s.last = now
	if m := s.e.runningCount(); m > s.peak {
		s.peak, s.peakTime = m, now
	}
	return nil
}
