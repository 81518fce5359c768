package events_test

import (
	"testing"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/events"
)

// TestManagedRules: a rule an AWS service puts (an AWSService identity, InvokedBy naming it) is
// managed by that service. Others cannot modify it — PutRule, PutTargets, EnableRule, DisableRule,
// TagResource, UntagResource — and need Force for RemoveTargets and DeleteRule; the service itself
// needs neither ("Managed rules", EventBridge User Guide).
func TestManagedRules(t *testing.T) {
	s, b := newService(t)
	q := queue(t, b, "q")
	ssm := bus.WithIdentity(ctx, bus.Identity{Type: "AWSService", InvokedBy: "ssm.amazonaws.com"})
	pattern := `{"source": ["aws.ssm"]}`
	if _, err := s.PutRule(ssm, &events.PutRuleInput{Name: "managed", EventPattern: pattern}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutTargets(ssm, &events.PutTargetsInput{Rule: "managed", Targets: []events.Target{{Id: "q", Arn: q.ARN()}}}); err != nil {
		t.Fatal(err)
	}
	d, err := s.DescribeRule(ctx, &events.DescribeRuleInput{Name: "managed"})
	if err != nil || d.ManagedBy != "ssm.amazonaws.com" {
		t.Fatalf("DescribeRule: %+v, %v", d, err)
	}
	l, _ := s.ListRules(ctx, &events.ListRulesInput{})
	if len(l.Rules) != 1 || l.Rules[0].ManagedBy != "ssm.amazonaws.com" {
		t.Fatalf("ListRules: %+v", l.Rules)
	}
	arn := d.Arn
	refused := map[string]error{}
	_, refused["PutRule"] = s.PutRule(ctx, &events.PutRuleInput{Name: "managed", EventPattern: pattern})
	_, refused["PutTargets"] = s.PutTargets(ctx, &events.PutTargetsInput{Rule: "managed", Targets: []events.Target{{Id: "q2", Arn: q.ARN()}}})
	_, refused["DisableRule"] = s.DisableRule(ctx, &events.DisableRuleInput{Name: "managed"})
	_, refused["EnableRule"] = s.EnableRule(ctx, &events.EnableRuleInput{Name: "managed"})
	_, refused["TagResource"] = s.TagResource(ctx, &events.TagResourceInput{ResourceARN: arn, Tags: []events.Tag{{Key: "k", Value: "v"}}})
	_, refused["UntagResource"] = s.UntagResource(ctx, &events.UntagResourceInput{ResourceARN: arn, TagKeys: []string{"k"}})
	_, refused["RemoveTargets"] = s.RemoveTargets(ctx, &events.RemoveTargetsInput{Rule: "managed", Ids: []string{"q"}})
	_, refused["DeleteRule"] = s.DeleteRule(ctx, &events.DeleteRuleInput{Name: "managed"})
	other := bus.WithIdentity(ctx, bus.Identity{Type: "AWSService", InvokedBy: "config.amazonaws.com"})
	_, refused["DisableRule by another service"] = s.DisableRule(other, &events.DisableRuleInput{Name: "managed"})
	for op, err := range refused {
		if bus.ErrorCode(err) != events.ManagedRuleException {
			t.Errorf("%s on a managed rule: %v, want %s", op, err, events.ManagedRuleException)
		}
	}
	if _, err := s.ListTagsForResource(ctx, &events.ListTagsForResourceInput{ResourceARN: arn}); err != nil {
		t.Errorf("reading a managed rule's tags: %v", err)
	}
	// The managing service changes its rule; it stays managed.
	if _, err := s.DisableRule(ssm, &events.DisableRuleInput{Name: "managed"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutRule(ssm, &events.PutRuleInput{Name: "managed", EventPattern: pattern, State: events.StateEnabled}); err != nil {
		t.Fatal(err)
	}
	if d, _ := s.DescribeRule(ctx, &events.DescribeRuleInput{Name: "managed"}); d.ManagedBy != "ssm.amazonaws.com" || d.State != events.StateEnabled {
		t.Fatalf("after the service's PutRule: %+v", d)
	}
	// Force lets anyone remove the targets and delete the rule.
	if _, err := s.RemoveTargets(ctx, &events.RemoveTargetsInput{Rule: "managed", Ids: []string{"q"}, Force: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeleteRule(ctx, &events.DeleteRuleInput{Name: "managed", Force: true}); err != nil {
		t.Fatal(err)
	}
	// A rule a user puts is not managed.
	if _, err := s.PutRule(ctx, &events.PutRuleInput{Name: "mine", EventPattern: pattern}); err != nil {
		t.Fatal(err)
	}
	if d, _ := s.DescribeRule(ctx, &events.DescribeRuleInput{Name: "mine"}); d.ManagedBy != "" {
		t.Fatalf("user rule managed by %q", d.ManagedBy)
	}
}
