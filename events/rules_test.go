package events_test

import (
	"strings"
	"testing"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/events"
)

func TestRuleLifecycle(t *testing.T) {
	s, b := newService(t)
	q := queue(t, b, "q")
	arn := rule(t, s, "r1", `{"source":["a"]}`, events.Target{Id: "t", Arn: q.ARN()})
	if arn != "arn:aws:events:us-east-1:123456789012:rule/r1" {
		t.Fatalf("rule ARN %s", arn)
	}
	d, err := s.DescribeRule(ctx, &events.DescribeRuleInput{Name: "r1"})
	if err != nil || d.State != "ENABLED" || d.EventBusName != "default" || d.EventPattern != `{"source":["a"]}` || d.CreatedBy != "123456789012" {
		t.Fatalf("DescribeRule = %+v, %v", d, err)
	}
	// DISABLED never fires.
	if _, err := s.DisableRule(ctx, &events.DisableRuleInput{Name: "r1"}); err != nil {
		t.Fatal(err)
	}
	put(t, s, "a", "x", "{}")
	if n := len(drain(t, q)); n != 0 {
		t.Fatalf("a DISABLED rule delivered %d events", n)
	}
	if _, err := s.EnableRule(ctx, &events.EnableRuleInput{Name: "r1"}); err != nil {
		t.Fatal(err)
	}
	put(t, s, "a", "x", "{}")
	if n := len(drain(t, q)); n != 1 {
		t.Fatalf("an ENABLED rule delivered %d events, want 1", n)
	}
	// PutRule replaces: members left out are reset, targets stay.
	if _, err := s.PutRule(ctx, &events.PutRuleInput{Name: "r1", EventPattern: `{"source":["b"]}`}); err != nil {
		t.Fatal(err)
	}
	put(t, s, "a", "x", "{}")
	put(t, s, "b", "x", "{}")
	if ms := drain(t, q); len(ms) != 1 || envelope(t, ms[0].Body)["source"] != "b" {
		t.Fatalf("after replacing the pattern: %v", ms)
	}
	_, err = s.DeleteRule(ctx, &events.DeleteRuleInput{Name: "r1"})
	if bus.ErrorCode(err) != "ValidationException" || !strings.Contains(err.Error(), "Rule can't be deleted since it has targets.") {
		t.Fatalf("DeleteRule with targets: %v", err)
	}
	if _, err := s.RemoveTargets(ctx, &events.RemoveTargetsInput{Rule: "r1", Ids: []string{"t", "unknown"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeleteRule(ctx, &events.DeleteRuleInput{Name: "r1"}); err != nil {
		t.Fatal(err)
	}
	_, err = s.DescribeRule(ctx, &events.DescribeRuleInput{Name: "r1"})
	if bus.ErrorCode(err) != "ResourceNotFoundException" || !strings.Contains(err.Error(), "Rule r1 does not exist on EventBus default.") {
		t.Fatalf("DescribeRule after delete: %v", err)
	}
}

func TestPutRuleValidation(t *testing.T) {
	s, _ := newService(t)
	if _, err := s.CreateEventBus(ctx, &events.CreateEventBusInput{Name: "custom"}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		in        events.PutRuleInput
		code, msg string
	}{
		{events.PutRuleInput{Name: "r"}, "ValidationException", "Parameter(s) EventPattern or ScheduleExpression must be specified."},
		{events.PutRuleInput{Name: "bad name", EventPattern: `{"a":["b"]}`}, "ValidationException", "Member must satisfy regular expression pattern"},
		{events.PutRuleInput{Name: strings.Repeat("n", 65), EventPattern: `{"a":["b"]}`}, "ValidationException", "Member must have length less than or equal to 64"},
		{events.PutRuleInput{Name: "r", EventPattern: `{"a":5}`}, "InvalidEventPatternException", `"a" must be an object or an array`},
		{events.PutRuleInput{Name: "r", ScheduleExpression: "rate(1 minutes)"}, "ValidationException", "Parameter ScheduleExpression is not valid."},
		{events.PutRuleInput{Name: "r", ScheduleExpression: "rate(5 minutes)", EventBusName: "custom"}, "ValidationException", "ScheduleExpression is supported only on the default event bus."},
		{events.PutRuleInput{Name: "r", EventPattern: `{"a":["b"]}`, State: "ON"}, "ValidationException", "Member must satisfy enum value set"},
		{events.PutRuleInput{Name: "r", EventPattern: `{"a":["b"]}`, EventBusName: "nope"}, "ResourceNotFoundException", "Event bus nope does not exist."},
	} {
		_, err := s.PutRule(ctx, &c.in)
		if bus.ErrorCode(err) != c.code || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("PutRule(%+v) = %v, want %s: %s", c.in, err, c.code, c.msg)
		}
	}
}

func TestRulesQuotaAndPaging(t *testing.T) {
	s, _ := newService(t, events.WithMaxRulesPerBus(5))
	for _, n := range []string{"e", "d", "c", "b", "a"} {
		rule(t, s, n, `{"source":["x"]}`)
	}
	if _, err := s.PutRule(ctx, &events.PutRuleInput{Name: "f", EventPattern: `{"source":["x"]}`}); bus.ErrorCode(err) != "LimitExceededException" {
		t.Fatalf("6th rule: %v", err)
	}
	rule(t, s, "a", `{"source":["y"]}`) // replacing is not creating
	var names []string
	tok := ""
	for {
		out, err := s.ListRules(ctx, &events.ListRulesInput{Limit: ptr[int32](2), NextToken: tok})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range out.Rules {
			names = append(names, r.Name)
		}
		if tok = out.NextToken; tok == "" {
			break
		}
	}
	if strings.Join(names, ",") != "a,b,c,d,e" {
		t.Fatalf("paged ListRules: %v", names)
	}
	if _, err := s.ListRules(ctx, &events.ListRulesInput{NextToken: "forged"}); bus.ErrorCode(err) != "ValidationException" {
		t.Fatalf("forged token: %v", err)
	}
	out, err := s.ListRules(ctx, &events.ListRulesInput{NamePrefix: "c"})
	if err != nil || len(out.Rules) != 1 || out.Rules[0].Name != "c" {
		t.Fatalf("NamePrefix: %+v %v", out, err)
	}
}

func TestTargetsValidation(t *testing.T) {
	s, b := newService(t)
	q := queue(t, b, "q")
	fifo := queue(t, b, "f.fifo")
	rule(t, s, "r", `{"source":["x"]}`)
	tgt := func(id string) events.Target { return events.Target{Id: id, Arn: q.ARN()} }
	for _, c := range []struct {
		targets   []events.Target
		code, msg string
	}{
		{[]events.Target{{Id: "a b", Arn: q.ARN()}}, "ValidationException", "Value 'a b' at 'targets.1.member.id' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+"},
		{[]events.Target{{Id: "t", Arn: q.ARN(), Input: "{}", InputPath: "$.detail"}}, "ValidationException", "Only one of Input, InputPath, or InputTransformer must be provided for target t."},
		{[]events.Target{{Id: "t", Arn: q.ARN(), InputTransformer: &events.InputTransformer{InputTemplate: `{"a": <nope>}`}}}, "ValidationException", "InputTemplate for target t contains invalid placeholder nope."},
		{[]events.Target{{Id: "t", Arn: fifo.ARN()}}, "ValidationException", "Parameter(s) SqsParameters must be specified for target: t."},
		{[]events.Target{{Id: "t", Arn: q.ARN(), EcsParameters: []byte(`{"TaskDefinitionArn":"x"}`)}}, bus.NotSimulatedCode, "EcsParameters"},
		{[]events.Target{{Id: "t", Arn: q.ARN(), RetryPolicy: &events.RetryPolicy{MaximumRetryAttempts: ptr[int32](186)}}}, "ValidationException", "Member must have value less than or equal to 185"},
		{[]events.Target{{Id: "t", Arn: q.ARN(), RetryPolicy: &events.RetryPolicy{MaximumEventAgeInSeconds: ptr[int32](59)}}}, "ValidationException", "Member must have value greater than or equal to 60"},
		{[]events.Target{{Id: "t", Arn: q.ARN(), DeadLetterConfig: &events.DeadLetterConfig{Arn: fifo.ARN()}}}, "ValidationException", "FIFO"},
		{[]events.Target{tgt("1"), tgt("2"), tgt("3"), tgt("4"), tgt("5"), tgt("6")}, "LimitExceededException", "The requested resource exceeds the maximum number allowed."},
	} {
		_, err := s.PutTargets(ctx, &events.PutTargetsInput{Rule: "r", Targets: c.targets})
		if bus.ErrorCode(err) != c.code || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("PutTargets(%+v) = %v, want %s: %s", c.targets, err, c.code, c.msg)
		}
	}
	// Five is the limit: adding a sixth later fails too, updating an existing id does not.
	if _, err := s.PutTargets(ctx, &events.PutTargetsInput{Rule: "r", Targets: []events.Target{tgt("1"), tgt("2"), tgt("3"), tgt("4"), tgt("5")}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutTargets(ctx, &events.PutTargetsInput{Rule: "r", Targets: []events.Target{tgt("6")}}); bus.ErrorCode(err) != "LimitExceededException" {
		t.Fatalf("sixth target: %v", err)
	}
	if _, err := s.PutTargets(ctx, &events.PutTargetsInput{Rule: "r", Targets: []events.Target{{Id: "3", Arn: q.ARN(), Input: `{"k":1}`}}}); err != nil {
		t.Fatal(err)
	}
	out, err := s.ListTargetsByRule(ctx, &events.ListTargetsByRuleInput{Rule: "r", Limit: ptr[int32](3)})
	if err != nil || len(out.Targets) != 3 || out.Targets[2].Input != `{"k":1}` || out.NextToken == "" {
		t.Fatalf("ListTargetsByRule page 1: %+v %v", out, err)
	}
	out, err = s.ListTargetsByRule(ctx, &events.ListTargetsByRuleInput{Rule: "r", NextToken: out.NextToken})
	if err != nil || len(out.Targets) != 2 || out.Targets[1].Id != "5" || out.NextToken != "" {
		t.Fatalf("ListTargetsByRule page 2: %+v %v", out, err)
	}
	names, err := s.ListRuleNamesByTarget(ctx, &events.ListRuleNamesByTargetInput{TargetArn: q.ARN()})
	if err != nil || len(names.RuleNames) != 1 || names.RuleNames[0] != "r" {
		t.Fatalf("ListRuleNamesByTarget: %+v %v", names, err)
	}
}

func TestTestEventPatternOperation(t *testing.T) {
	s, _ := newService(t)
	ev := `{"id":"1","account":"123456789012","source":"a","time":"2026-01-01T00:00:00Z","region":"us-east-1","detail-type":"x","resources":[],"detail":{}}`
	out, err := s.TestEventPattern(ctx, &events.TestEventPatternInput{EventPattern: `{"source":["a"]}`, Event: ev})
	if err != nil || !out.Result {
		t.Fatalf("TestEventPattern = %+v, %v", out, err)
	}
	if _, err := s.TestEventPattern(ctx, &events.TestEventPatternInput{EventPattern: `{"source":["a"]}`, Event: `[]`}); bus.ErrorCode(err) != "ValidationException" {
		t.Fatalf("array event: %v", err)
	}
}
