package config_test

// End-to-end scenarios: the alarm-action flow, and concurrency under -race.

import (
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/config"
)

func TestAlarmActionCheckFlow(t *testing.T) {
	e := newEnv(t)
	evs := collectEvents(t, e.b)
	e.change(bus.ResourceCreated, config.TypeAlarm, "cpu", alarmConf("cpu", nil, nil, nil), nil)
	e.record(t, nil)
	get(e.s.PutConfigRule(ctx, &config.PutConfigRuleInput{ConfigRule: &config.ConfigRule{ConfigRuleName: "alarm-actions",
		Source: &config.RuleSource{Owner: config.OwnerAWS, SourceIdentifier: "CLOUDWATCH_ALARM_ACTION_CHECK"}}}))(t)
	e.advance(t, time.Minute)
	out := get(e.s.DescribeComplianceByConfigRule(ctx, &config.DescribeComplianceByConfigRuleInput{}))(t)
	if len(out.ComplianceByConfigRules) != 1 || out.ComplianceByConfigRules[0].Compliance.ComplianceType != config.NonCompliant {
		b, _ := json.Marshal(out)
		t.Fatalf("compliance: %s", b)
	}
	var kinds []string
	for _, ev := range *evs {
		kinds = append(kinds, ev.DetailType)
	}
	t.Logf("events: %v", kinds)
	// fix the alarm: COMPLIANT after the next evaluation
	e.change(bus.ResourceUpdated, config.TypeAlarm, "cpu", alarmConf("cpu", []string{"arn:aws:sns:us-east-1:123456789012:ops"}, []string{"arn:aws:sns:us-east-1:123456789012:ops"}, nil), nil)
	e.advance(t, time.Minute)
	det := get(e.s.GetComplianceDetailsByConfigRule(ctx, &config.GetComplianceDetailsByConfigRuleInput{ConfigRuleName: "alarm-actions"}))(t)
	if len(det.EvaluationResults) != 1 || det.EvaluationResults[0].ComplianceType != config.Compliant {
		b, _ := json.Marshal(det)
		t.Fatalf("details: %s", b)
	}
	h := get(e.s.GetResourceConfigHistory(ctx, &config.GetResourceConfigHistoryInput{ResourceType: config.TypeAlarm, ResourceID: "cpu"}))(t)
	if len(h.ConfigurationItems) != 2 || h.ConfigurationItems[1].ConfigurationItemStatus != config.ItemDiscovered {
		b, _ := json.MarshalIndent(h, "", " ")
		t.Fatalf("history: %s", b)
	}
	t.Logf("%s", h.ConfigurationItems[0].Configuration)
}

// TestConcurrentChangesAndAdvance runs resource changes, API calls and Advance from several
// goroutines (run it with -race): every change is recorded once, whatever the interleaving.
func TestConcurrentChangesAndAdvance(t *testing.T) {
	e := newEnv(t)
	e.record(t, &config.RecordingGroup{ResourceTypes: []string{config.TypeAlarm}})
	get(e.s.PutConfigRule(ctx, managedRule("actions", "CLOUDWATCH_ALARM_ACTION_CHECK", "")))(t)
	const workers, per = 4, 50
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < per; i++ {
				n := fmt.Sprintf("w%d", w)
				e.change(bus.ResourceUpdated, config.TypeAlarm, n, alarmConf(n, []string{fmt.Sprintf("arn:aws:sns:us-east-1:123456789012:t%d", i)}, nil, nil), nil)
				if _, err := e.s.DescribeComplianceByConfigRule(ctx, nil); err != nil {
					t.Error(err)
				}
			}
		}(w)
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 100; i++ {
			if err := e.b.Advance(time.Second); err != nil {
				t.Error(err)
			}
		}
	}()
	wg.Wait()
	e.advance(t, time.Minute)
	for w := 0; w < workers; w++ {
		h := get(e.s.GetResourceConfigHistory(ctx, &config.GetResourceConfigHistoryInput{ResourceType: config.TypeAlarm, ResourceID: fmt.Sprintf("w%d", w), Limit: 100}))(t)
		if len(h.ConfigurationItems) != per {
			t.Errorf("w%d: %d items, want %d", w, len(h.ConfigurationItems), per)
		}
	}
	c := get(e.s.DescribeComplianceByResource(ctx, &config.DescribeComplianceByResourceInput{ResourceType: config.TypeAlarm}))(t)
	if len(c.ComplianceByResources) != workers {
		t.Errorf("%d evaluated resources", len(c.ComplianceByResources))
	}
}
