package config_test

import (
	"context"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/watchsim/watchsim/config"
)

// packState returns a pack's state and reason.
func packState(t *testing.T, e *env, name string) (string, string) {
	t.Helper()
	st := get(e.s.DescribeConformancePackStatus(ctx, &config.DescribeConformancePackStatusInput{ConformancePackNames: []string{name}}))(t)
	if len(st.ConformancePackStatusDetails) != 1 {
		t.Fatalf("status of %s: %+v", name, st)
	}
	d := st.ConformancePackStatusDetails[0]
	return d.ConformancePackState, d.ConformancePackStatusReason
}

// ruleNames lists the account's rules, sorted.
func ruleNames(t *testing.T, e *env) []string {
	t.Helper()
	var names []string
	for _, r := range get(e.s.DescribeConfigRules(ctx, nil))(t).ConfigRules {
		names = append(names, r.ConfigRuleName)
	}
	sort.Strings(names)
	return names
}

// withRemediationOn is manyRules(n) with a remediation of rule r0 by document d.
func withRemediationOn(n int) string {
	return manyRules(n) + "  F:\n    Type: AWS::Config::RemediationConfiguration\n    Properties:\n" +
		"      ConfigRuleName: r0\n      TargetType: SSM_DOCUMENT\n      TargetId: d\n"
}

// TestPackDeploymentFailsWhole: a pack whose rules do not fit in the account's rule quota, or
// collide with a rule that is not its own, ends CREATE_FAILED with the reason and deploys nothing
// (as its CloudFormation stack rolls back); a re-put that fails keeps the deployment it would
// have replaced, rules and remediations; a re-put that succeeds keeps its remediations' ARNs.
func TestPackDeploymentFailsWhole(t *testing.T) {
	e := newEnv(t, config.WithMaxRules(5))
	e.record(t, nil)
	if err := e.s.RegisterRemediationDocument("d", func(context.Context, config.RemediationRequest) error { return nil }); err != nil {
		t.Fatal(err)
	}
	// Too many rules for the quota: nothing deployed.
	get(e.s.PutConformancePack(ctx, &config.PutConformancePackInput{ConformancePackName: "big", TemplateBody: manyRules(6)}))(t)
	e.advance(t, time.Minute)
	if st, why := packState(t, e, "big"); st != config.PackCreateFailed || !strings.Contains(why, "maximum number of config rules: 5 is reached") {
		t.Fatalf("big: %s %q", st, why)
	}
	if names := ruleNames(t, e); len(names) != 0 {
		t.Fatalf("a failed pack left rules %v", names)
	}
	get(e.s.DeleteConformancePack(ctx, &config.DeleteConformancePackInput{ConformancePackName: "big"}))(t)
	e.advance(t, time.Minute)

	// A pack of 3 rules with a remediation deploys.
	get(e.s.PutConformancePack(ctx, &config.PutConformancePackInput{ConformancePackName: "p", TemplateBody: withRemediationOn(3)}))(t)
	e.advance(t, time.Minute)
	if st, why := packState(t, e, "p"); st != config.PackCreateComplete {
		t.Fatalf("p: %s %q", st, why)
	}
	before := ruleNames(t, e)
	remArn := func() string {
		t.Helper()
		rc := get(e.s.DescribeRemediationConfigurations(ctx, &config.DescribeRemediationConfigurationsInput{ConfigRuleNames: []string{before[0]}}))(t)
		if len(rc.RemediationConfigurations) != 1 {
			t.Fatalf("remediations of %s: %+v", before[0], rc)
		}
		return rc.RemediationConfigurations[0].Arn
	}
	arn := remArn()
	// The user fills the quota; a re-put with more rules fails and keeps the old deployment.
	for _, n := range []string{"u1", "u2"} {
		get(e.s.PutConfigRule(ctx, &config.PutConfigRuleInput{ConfigRule: &config.ConfigRule{ConfigRuleName: n,
			Source: &config.RuleSource{Owner: "AWS", SourceIdentifier: "CLOUDWATCH_ALARM_DESCRIPTION"}}}))(t)
	}
	get(e.s.PutConformancePack(ctx, &config.PutConformancePackInput{ConformancePackName: "p", TemplateBody: withRemediationOn(4)}))(t)
	e.advance(t, time.Minute)
	if st, _ := packState(t, e, "p"); st != config.PackCreateFailed {
		t.Fatalf("p re-put over the quota: %s", st)
	}
	if got, want := ruleNames(t, e), append(append([]string(nil), before...), "u1", "u2"); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("rules after the failed re-put %v, want %v", got, want)
	}
	if a := remArn(); a != arn {
		t.Fatalf("remediation after the failed re-put: %s, was %s", a, arn)
	}
	c := get(e.s.DescribeConformancePackCompliance(ctx, &config.DescribeConformancePackComplianceInput{ConformancePackName: "p"}))(t)
	if len(c.ConformancePackRuleComplianceList) != 3 {
		t.Fatalf("the kept deployment's rules are not the pack's: %+v", c)
	}
	// A re-put that fits deploys and keeps the remediation's ARN.
	get(e.s.DeleteConfigRule(ctx, &config.DeleteConfigRuleInput{ConfigRuleName: "u2"}))(t)
	e.advance(t, time.Minute)
	get(e.s.PutConformancePack(ctx, &config.PutConformancePackInput{ConformancePackName: "p", TemplateBody: withRemediationOn(4)}))(t)
	e.advance(t, time.Minute)
	if st, why := packState(t, e, "p"); st != config.PackCreateComplete {
		t.Fatalf("p re-put that fits: %s %q", st, why)
	}
	if n := len(ruleNames(t, e)); n != 5 {
		t.Fatalf("%d rules after the re-put, want 4 of the pack and u1", n)
	}
	if a := remArn(); a != arn {
		t.Fatalf("remediation ARN after the re-put: %s, was %s", a, arn)
	}
	// A rule of the user's with the name of a rule the re-put adds is not the pack's to replace.
	get(e.s.DeleteConfigRule(ctx, &config.DeleteConfigRuleInput{ConfigRuleName: "u1"}))(t)
	e.advance(t, time.Minute)
	id := before[0][strings.Index(before[0], "-conformance-pack-"):]
	get(e.s.PutConfigRule(ctx, &config.PutConfigRuleInput{ConfigRule: &config.ConfigRule{ConfigRuleName: "r4" + id,
		Source: &config.RuleSource{Owner: "AWS", SourceIdentifier: "CLOUDWATCH_ALARM_DESCRIPTION"}}}))(t)
	kept := ruleNames(t, e)
	get(e.s.PutConformancePack(ctx, &config.PutConformancePackInput{ConformancePackName: "p", TemplateBody: manyRules(5)}))(t)
	e.advance(t, time.Minute)
	if st, why := packState(t, e, "p"); st != config.PackCreateFailed || !strings.Contains(why, "r4"+id+" already exists") {
		t.Fatalf("colliding re-put: %s %q", st, why)
	}
	if got := ruleNames(t, e); strings.Join(got, ",") != strings.Join(kept, ",") {
		t.Fatalf("rules after the colliding re-put %v, want %v", got, kept)
	}
}
