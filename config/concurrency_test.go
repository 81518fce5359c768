package config_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/config"
)

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
