package alarms_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/watchsim/watchsim/alarms"
	"github.com/watchsim/watchsim/alarms/alarmstest"
	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/metrics"
)

// step is one action of a generated scenario, applied identically to several simulators.
type step struct {
	kind    int // 0 advance, 1 put data, 2 SetAlarmState, 3 reconfigure
	advance time.Duration
	offset  time.Duration // datapoint timestamp relative to now
	value   float64
	hires   bool
	state   alarms.StateValue
	config  *alarms.PutMetricAlarmInput
}

func genScenario(t *rapid.T) (*alarms.PutMetricAlarmInput, []step) {
	in := alarmstest.PutMetricAlarmInput("a", "m").Draw(t, "alarm")
	in.AlarmActions = []string{"arn:aws:sns:us-east-1:123456789012:ops"}
	in.OKActions = in.AlarmActions
	n := rapid.IntRange(1, 40).Draw(t, "steps")
	var steps []step
	for i := 0; i < n; i++ {
		switch k := rapid.IntRange(0, 9).Draw(t, "kind"); {
		case k < 4:
			steps = append(steps, step{kind: 0, advance: time.Duration(rapid.IntRange(1, 1800).Draw(t, "adv")) * time.Second})
		case k < 8:
			steps = append(steps, step{kind: 1, offset: time.Duration(rapid.IntRange(-1800, 900).Draw(t, "off")) * time.Second,
				value: float64(rapid.IntRange(-100, 100).Draw(t, "v")), hires: rapid.Bool().Draw(t, "hires")})
		case k < 9:
			steps = append(steps, step{kind: 2, state: rapid.SampledFrom([]alarms.StateValue{alarms.StateOK, alarms.StateAlarm, alarms.StateInsufficientData}).Draw(t, "st")})
		default:
			c := alarmstest.PutMetricAlarmInput("a", "m").Draw(t, "reconfig")
			c.AlarmActions, c.OKActions = in.AlarmActions, in.AlarmActions
			steps = append(steps, step{kind: 3, config: c})
		}
	}
	return in, steps
}

func runScenario(t *rapid.T, sched alarms.Scheduling, in *alarms.PutMetricAlarmInput, steps []step) (*alarms.Service, []alarms.AlarmHistoryItem, int) {
	return runScenarioWith(t, sched, false, in, steps)
}

// runScenarioWith runs a scenario; with slow set the alarm service reads without the fast path.
func runScenarioWith(t *rapid.T, sched alarms.Scheduling, slow bool, in *alarms.PutMetricAlarmInput, steps []step) (*alarms.Service, []alarms.AlarmHistoryItem, int) {
	ctx := context.Background()
	b := bus.MustNew()
	ms, err := metrics.New(b)
	if err != nil {
		t.Fatal(err)
	}
	newService := alarms.New
	if slow {
		newService = alarms.NewWithoutFastPath
	}
	s, err := newService(b, ms, alarms.WithScheduling(sched))
	if err != nil {
		t.Fatal(err)
	}
	topic, _ := bus.NewSNSTopic(b, "ops")
	events := 0
	bus.Subscribe(b, bus.Events(), func(context.Context, bus.Event) { events++ })
	if _, err := s.PutMetricAlarm(ctx, in); err != nil {
		t.Fatal(err)
	}
	// A composite over the alarm, with a suppressor that is the alarm itself inverted, exercises
	// child-driven re-evaluation and suppression timers under both schedulings.
	if _, err := s.PutCompositeAlarm(ctx, &alarms.PutCompositeAlarmInput{AlarmName: "c", AlarmRule: `ALARM(a) OR INSUFFICIENT_DATA("a")`,
		AlarmActions: in.AlarmActions, OKActions: in.AlarmActions}); err != nil {
		t.Fatal(err)
	}
	wait, ext := int32(90), int32(150)
	if _, err := s.PutCompositeAlarm(ctx, &alarms.PutCompositeAlarmInput{AlarmName: "d", AlarmRule: `OK(a)`,
		AlarmActions: in.AlarmActions, OKActions: in.AlarmActions, ActionsSuppressor: "c",
		ActionsSuppressorWaitPeriod: &wait, ActionsSuppressorExtensionPeriod: &ext}); err != nil {
		t.Fatal(err)
	}
	for _, st := range steps {
		switch st.kind {
		case 0:
			if err := b.Advance(st.advance); err != nil {
				t.Fatal(err)
			}
		case 1:
			d := metrics.MetricDatum{MetricName: "m", Timestamp: b.Now().Add(st.offset), Value: &st.value}
			if st.hires {
				d.StorageResolution = 1
			}
			if _, err := ms.PutMetricData(ctx, &metrics.PutMetricDataInput{Namespace: "Test", MetricData: []metrics.MetricDatum{d}}); err != nil {
				t.Fatal(err)
			}
		case 2:
			if _, err := s.SetAlarmState(ctx, &alarms.SetAlarmStateInput{AlarmName: "a", StateValue: st.state, StateReason: "forced"}); err != nil {
				t.Fatal(err)
			}
		case 3:
			if _, err := s.PutMetricAlarm(ctx, st.config); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Let the last data drain out of every range.
	if err := b.Advance(3 * time.Hour); err != nil {
		t.Fatal(err)
	}
	both := []alarms.AlarmType{alarms.MetricAlarmType, alarms.CompositeAlarmType}
	var items []alarms.AlarmHistoryItem
	for token := ""; ; {
		h, err := s.DescribeAlarmHistory(ctx, &alarms.DescribeAlarmHistoryInput{AlarmTypes: both, ScanBy: alarms.TimestampAscending,
			MaxRecords: 100, NextToken: token})
		if err != nil {
			t.Fatal(err)
		}
		items = append(items, h.AlarmHistoryItems...)
		if token = h.NextToken; token == "" {
			break
		}
	}
	return s, items, events + 1000*len(topic.Messages())
}

// TestLazyEqualsEveryTick runs random scenarios (data in and out of order, future timestamps, high- and
// standard-resolution data, SetAlarmState, reconfiguration) under lazy scheduling and under
// per-tick evaluation, and requires identical histories (states, reasons, reason data, actions,
// timestamps), identical events and SNS messages.
func TestLazyEqualsEveryTick(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in, steps := genScenario(t)
		lazy, hl, el := runScenario(t, alarms.Lazy, in, steps)
		eager, he, ee := runScenario(t, alarms.EveryTick, in, steps)
		if diff := cmp.Diff(he, hl); diff != "" {
			t.Fatalf("lazy history differs from per-tick history (-every tick +lazy):\n%s", diff)
		}
		if el != ee {
			t.Fatalf("events/messages: lazy %d, every tick %d", el, ee)
		}
		if lazy.Evaluations() > eager.Evaluations() {
			t.Fatalf("lazy ran %d evaluations, every tick %d", lazy.Evaluations(), eager.Evaluations())
		}
	})
}

// TestFastPathEqualsQueryLocked runs random scenarios with the metrics fast path (StatHandle) and
// with a MetricQuerier that only has QueryLocked, and requires identical histories, events and
// messages, under both schedulings.
func TestFastPathEqualsQueryLocked(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in, steps := genScenario(t)
		sched := rapid.SampledFrom([]alarms.Scheduling{alarms.Lazy, alarms.EveryTick}).Draw(t, "scheduling")
		fast, hf, ef := runScenarioWith(t, sched, false, in, steps)
		slow, hs, es := runScenarioWith(t, sched, true, in, steps)
		if diff := cmp.Diff(hs, hf); diff != "" {
			t.Fatalf("fast-path history differs from QueryLocked history (-QueryLocked +fast path):\n%s", diff)
		}
		if ef != es {
			t.Fatalf("events/messages: fast path %d, QueryLocked %d", ef, es)
		}
		if fast.Evaluations() != slow.Evaluations() {
			t.Fatalf("evaluations: fast path %d, QueryLocked %d", fast.Evaluations(), slow.Evaluations())
		}
	})
}

// TestServiceMatchesTimeline checks the simulator against the pure evaluation timeline of the kit:
// same data, same alarm → the same transitions at the same times with the same reasons. This ties
// the metric store's aggregation and the service's scheduling to the pure evaluator.
func TestServiceMatchesTimeline(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ctx := context.Background()
		in := alarmstest.PutMetricAlarmInput("a", "m").Draw(t, "alarm")
		b := bus.MustNew()
		start := b.Now()
		samples := alarmstest.Series(alarmstest.SeriesOptions{Start: start.Add(-time.Hour), Step: 20 * time.Second, Count: 400,
			MaxGaps: 5, MaxGapLen: 60}).Draw(t, "samples")
		method := rapid.SampledFrom([]metrics.PercentileMethod{metrics.NearestRank, metrics.Linear}).Draw(t, "method")
		ms, _ := metrics.New(b, metrics.WithPercentileMethod(method))
		s, _ := alarms.New(b, ms)
		cfg := s.Config()
		if cfg.PercentileMethod != method {
			t.Fatalf("service config percentile method %v, metrics %v", cfg.PercentileMethod, method)
		}
		for _, smp := range samples {
			v := smp.Value
			d := metrics.MetricDatum{MetricName: "m", Timestamp: smp.Time, Value: &v, StorageResolution: 1}
			if _, err := ms.PutMetricData(ctx, &metrics.PutMetricDataInput{Namespace: "Test", MetricData: []metrics.MetricDatum{d}}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.PutMetricAlarm(ctx, in); err != nil {
			t.Fatal(err)
		}
		end := start.Add(2 * time.Hour)
		if err := b.AdvanceTo(end); err != nil {
			t.Fatal(err)
		}
		def := alarms.DefinitionOf(in)
		want, err := alarmstest.Timeline(&cfg, def, samples, start, end)
		if err != nil {
			t.Fatal(err)
		}
		var got []alarmstest.Transition
		for token := ""; ; {
			h, err := s.DescribeAlarmHistory(ctx, &alarms.DescribeAlarmHistoryInput{AlarmName: "a", HistoryItemType: alarms.HistoryStateUpdate,
				ScanBy: alarms.TimestampAscending, MaxRecords: 100, NextToken: token})
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range h.AlarmHistoryItems {
				got = append(got, alarmstest.Transition{Time: it.Timestamp})
			}
			if token = h.NextToken; token == "" {
				break
			}
		}
		desc, _ := s.DescribeAlarms(ctx, &alarms.DescribeAlarmsInput{AlarmNames: []string{"a"}})
		if len(got) != len(want) {
			t.Fatalf("service: %d transitions, timeline: %d %v", len(got), len(want), want)
		}
		for i := range want {
			if !got[i].Time.Equal(want[i].Time) {
				t.Fatalf("transition %d at %v, timeline %v", i, got[i].Time, want[i])
			}
		}
		if len(want) > 0 {
			last := want[len(want)-1]
			if a := desc.MetricAlarms[0]; a.StateValue != last.To || a.StateReason != last.Reason {
				t.Fatalf("final state %s %q, timeline %s %q", a.StateValue, a.StateReason, last.To, last.Reason)
			}
		}
	})
}
