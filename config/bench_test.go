package config_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/config"
	"github.com/watchsim/watchsim/internal/cputime"
)

// The benchmarks of the performance targets; BENCHMARKS.md (docs/bench/config.md) records
// their figures with
//
//	go test -run XXX -bench . -benchmem -count 3 ./config/

// benchAlarm mirrors the shape the alarms service publishes (its MetricAlarm struct), so that the
// benchmark pays what a real change costs: encoding the published configuration and building the
// alarm document.
type benchAlarm struct {
	AlarmName                          string    `json:"AlarmName"`
	AlarmArn                           string    `json:"AlarmArn"`
	AlarmConfigurationUpdatedTimestamp time.Time `json:"AlarmConfigurationUpdatedTimestamp"`
	ActionsEnabled                     bool      `json:"ActionsEnabled"`
	OKActions                          []string  `json:"OKActions"`
	AlarmActions                       []string  `json:"AlarmActions"`
	InsufficientDataActions            []string  `json:"InsufficientDataActions"`
	StateValue                         string    `json:"StateValue"`
	MetricName                         string    `json:"MetricName"`
	Namespace                          string    `json:"Namespace"`
	Statistic                          string    `json:"Statistic"`
	Period                             int32     `json:"Period"`
	EvaluationPeriods                  int32     `json:"EvaluationPeriods"`
	Threshold                          *float64  `json:"Threshold"`
	ComparisonOperator                 string    `json:"ComparisonOperator"`
}

func benchEnv(b *testing.B, opts ...config.Option) (*env, []bus.ResourceChange) {
	e := newEnv(b, opts...)
	e.record(b, &config.RecordingGroup{ResourceTypes: []string{config.TypeAlarm}})
	const alarms = 1000
	changes := make([]bus.ResourceChange, 0, 2*alarms)
	th := 80.0
	for v := 0; v < 2; v++ { // two versions of each alarm: every change differs from the last
		for i := 0; i < alarms; i++ {
			n := fmt.Sprintf("alarm-%d", i)
			a := &benchAlarm{AlarmName: n, AlarmArn: "arn:aws:cloudwatch:us-east-1:123456789012:alarm:" + n, ActionsEnabled: true,
				OKActions: []string{}, AlarmActions: []string{fmt.Sprintf("arn:aws:sns:us-east-1:123456789012:v%d", v)}, InsufficientDataActions: []string{},
				StateValue: "OK", MetricName: "CPUUtilization", Namespace: "AWS/EC2", Statistic: "Average", Period: 300, EvaluationPeriods: 2,
				Threshold: &th, ComparisonOperator: "GreaterThanThreshold"}
			changes = append(changes, bus.ResourceChange{ChangeType: bus.ResourceUpdated, ResourceType: config.TypeAlarm, ResourceID: n,
				ResourceName: n, ARN: a.AlarmArn, Configuration: a})
		}
	}
	return e, changes
}

func runChanges(b *testing.B, e *env, changes []bus.ResourceChange) {
	b.ReportAllocs()
	b.ResetTimer()
	c0 := cputime.Process()
	for i := 0; i < b.N; i++ {
		rc := changes[i%len(changes)]
		rc.Time = e.b.Now()
		bus.Publish(ctx, e.b, bus.ResourceChanges(), rc)
	}
	b.StopTimer()
	if cpu := cputime.Process() - c0; cpu > 0 {
		b.ReportMetric(float64(b.N)/cpu.Seconds(), "changes/cpu-s")
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "changes/s")
}

// BenchmarkRecording: resource changes into configuration items with the history kept (target
// ≥ 200k changes/s).
func BenchmarkRecording(b *testing.B) {
	e, changes := benchEnv(b)
	runChanges(b, e, changes)
}

// BenchmarkChangeTriggeredEvaluation: every change is recorded and evaluated by
// CLOUDWATCH_ALARM_ACTION_CHECK (evaluation delay 0, so the evaluation runs in the step of the
// change; each evaluation also flips the compliance, publishing its event) (target ≥ 100k
// evaluations/s).
func BenchmarkChangeTriggeredEvaluation(b *testing.B) {
	e, changes := benchEnv(b, config.WithEvaluationDelay(0))
	// version 0 has no INSUFFICIENT_DATA action; make version 1 compliant so that results alternate
	for i := len(changes) / 2; i < len(changes); i++ {
		a := *changes[i].Configuration.(*benchAlarm)
		a.InsufficientDataActions = a.AlarmActions
		changes[i].Configuration = &a
	}
	get(e.s.PutConfigRule(ctx, managedRule("actions", "CLOUDWATCH_ALARM_ACTION_CHECK", "")))(b)
	runChanges(b, e, changes)
}

// BenchmarkQueuedEvaluations: evaluations through the evaluation queue (15 s delay): one bus
// timer for every queued evaluation; b.N changes, then the Advance that evaluates them.
func BenchmarkQueuedEvaluations(b *testing.B) {
	e, changes := benchEnv(b)
	get(e.s.PutConfigRule(ctx, managedRule("actions", "CLOUDWATCH_ALARM_ACTION_CHECK", "")))(b)
	e.advance(b, time.Minute)
	runChanges(b, e, changes)
	b.StartTimer()
	e.advance(b, time.Minute)
}
