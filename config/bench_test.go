package config_test

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/config"
	"github.com/watchsim/watchsim/events"
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

// BenchmarkAdvance30DaysPeriodicRules: Advance(30 days) with 100 periodic rules (daily) over a
// world of 10,000 alarms and 10 trails: the cost follows the rule runs (3,000 runs, 15,000
// results), not the minutes. The first six hours (the history file of the discovered alarms) are
// run before the clock starts.
func BenchmarkAdvance30DaysPeriodicRules(b *testing.B) {
	b.ReportAllocs()
	var runs int
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		e, changes := benchEnv(b, config.WithEvaluationDelay(0))
		for _, rc := range changes[:1000] {
			bus.Publish(ctx, e.b, bus.ResourceChanges(), rc)
		}
		for j := 1000; j < 10000; j++ {
			n := fmt.Sprintf("more-%d", j)
			bus.Publish(ctx, e.b, bus.ResourceChanges(), bus.ResourceChange{ChangeType: bus.ResourceCreated, ResourceType: config.TypeAlarm,
				ResourceID: n, Configuration: map[string]any{"AlarmName": n}})
		}
		for j := 0; j < 10; j++ {
			n := fmt.Sprintf("trail-%d", j)
			bus.Publish(ctx, e.b, bus.ResourceChanges(), bus.ResourceChange{ChangeType: bus.ResourceCreated, ResourceType: config.TypeTrail,
				ResourceID: n, Configuration: map[string]any{"Name": n, "LogFileValidationEnabled": j%2 == 0}})
		}
		for j := 0; j < 100; j++ {
			id := "CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED"
			if j%2 == 1 {
				id = "CLOUD_TRAIL_ENABLED"
			}
			get(e.s.PutConfigRule(ctx, managedRule(fmt.Sprintf("r%d", j), id, "")))(b)
		}
		e.advance(b, config.HistoryPeriod) // the history file of the 10,000 discovered alarms: not the rules' cost
		runtime.GC()                       // nor the collection of the set-up's garbage
		b.StartTimer()
		e.advance(b, 30*24*time.Hour)
		runs += 100 * 30
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(runs), "ns/rule-run")
}

// BenchmarkSelectResourceConfig: an advanced query with a WHERE on a configuration field, and a
// GROUP BY resourceType, over 100,000 current items (targets ≤ 50 ms each). The first query of a
// fresh set pays the building of the query-visible items; it is reported apart.
var selectItems = 100000

func BenchmarkSelectResourceConfig(b *testing.B) {
	e := newEnv(b)
	e.record(b, &config.RecordingGroup{ResourceTypes: []string{config.TypeAlarm}})
	th := 80.0
	for i := 0; i < selectItems; i++ {
		n := fmt.Sprintf("alarm-%d", i)
		bus.Publish(ctx, e.b, bus.ResourceChanges(), bus.ResourceChange{ChangeType: bus.ResourceCreated, ResourceType: config.TypeAlarm, ResourceID: n,
			ResourceName: n, Configuration: &benchAlarm{AlarmName: n, ActionsEnabled: i%10 != 0, MetricName: "CPUUtilization", Namespace: "AWS/EC2",
				Statistic: "Average", Period: 300, EvaluationPeriods: 2, Threshold: &th, ComparisonOperator: "GreaterThanThreshold"}})
	}
	t0, c0 := time.Now(), cputime.Process()
	out := get(e.s.SelectResourceConfig(ctx, &config.SelectResourceConfigInput{Expression: "SELECT COUNT(*) WHERE resourceType = 'AWS::CloudWatch::Alarm'"}))(b)
	b.Logf("first query after recording %d items (puts them in the query set, builds the resourceType column): %v wall, %v CPU",
		selectItems, time.Since(t0), cputime.Process()-c0)
	t0, c0 = time.Now(), cputime.Process()
	get(e.s.SelectResourceConfig(ctx, &config.SelectResourceConfigInput{Expression: "SELECT resourceId WHERE configuration.actionsEnabled = false"}))(b)
	b.Logf("first query on configuration.actionsEnabled (builds its column): %v wall, %v CPU", time.Since(t0), cputime.Process()-c0)
	if out.Results[0] != fmt.Sprintf(`{"COUNT(*)":%d}`, selectItems) {
		b.Fatal(out.Results)
	}
	for _, tc := range []struct{ name, expr string }{
		{"where", "SELECT resourceId WHERE configuration.actionsEnabled = false"},
		{"groupby", "SELECT resourceType, COUNT(*) GROUP BY resourceType"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				get(e.s.SelectResourceConfig(ctx, &config.SelectResourceConfigInput{Expression: tc.expr, Limit: 100}))(b)
			}
		})
	}
}

// BenchmarkRecordingWithEventBridge: recording with the EventBridge service on the bus, as in
// watchsim.New: every item is also a "Config Configuration Item Change" event (notification form,
// configurationItemDiff) routed by the default bus, which has no rule here.
func BenchmarkRecordingWithEventBridge(b *testing.B) {
	e, changes := benchEnv(b)
	if _, err := events.New(e.b); err != nil {
		b.Fatal(err)
	}
	runChanges(b, e, changes)
}
