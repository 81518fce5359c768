package events

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/events/eventpattern"
	"github.com/watchsim/watchsim/events/schedule"
)

// Rule states (RuleState in the API reference).
const (
	StateEnabled                               = "ENABLED"
	StateDisabled                              = "DISABLED"
	StateEnabledWithAllCloudTrailManagementEvt = "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"
)

// PutRuleInput is the input of PutRule.
type PutRuleInput struct {
	Name               string `json:"Name"`
	ScheduleExpression string `json:"ScheduleExpression,omitempty"`
	EventPattern       string `json:"EventPattern,omitempty"`
	// State is ENABLED (default), DISABLED or ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS.
	State        string `json:"State,omitempty"`
	Description  string `json:"Description,omitempty"`
	RoleArn      string `json:"RoleArn,omitempty"`
	Tags         []Tag  `json:"Tags,omitempty"`
	EventBusName string `json:"EventBusName,omitempty"`
}

// PutRuleOutput is the output of PutRule.
type PutRuleOutput struct {
	RuleArn string `json:"RuleArn"`
}

// DescribeRuleInput is the input of DescribeRule.
type DescribeRuleInput struct {
	Name         string `json:"Name"`
	EventBusName string `json:"EventBusName,omitempty"`
}

// DescribeRuleOutput is the output of DescribeRule.
type DescribeRuleOutput struct {
	Name               string `json:"Name"`
	Arn                string `json:"Arn"`
	EventPattern       string `json:"EventPattern,omitempty"`
	ScheduleExpression string `json:"ScheduleExpression,omitempty"`
	State              string `json:"State"`
	Description        string `json:"Description,omitempty"`
	RoleArn            string `json:"RoleArn,omitempty"`
	ManagedBy          string `json:"ManagedBy,omitempty"`
	EventBusName       string `json:"EventBusName"`
	CreatedBy          string `json:"CreatedBy"`
}

// Rule is the AWS shape Rule (an element of ListRules).
type Rule struct {
	Name               string `json:"Name"`
	Arn                string `json:"Arn"`
	EventPattern       string `json:"EventPattern,omitempty"`
	State              string `json:"State"`
	Description        string `json:"Description,omitempty"`
	ScheduleExpression string `json:"ScheduleExpression,omitempty"`
	RoleArn            string `json:"RoleArn,omitempty"`
	ManagedBy          string `json:"ManagedBy,omitempty"`
	EventBusName       string `json:"EventBusName"`
}

// DeleteRuleInput is the input of DeleteRule.
type DeleteRuleInput struct {
	Name         string `json:"Name"`
	EventBusName string `json:"EventBusName,omitempty"`
	Force        bool   `json:"Force,omitempty"`
}

// DeleteRuleOutput is the (empty) output of DeleteRule.
type DeleteRuleOutput struct{}

// ListRulesInput is the input of ListRules.
type ListRulesInput struct {
	NamePrefix   string `json:"NamePrefix,omitempty"`
	EventBusName string `json:"EventBusName,omitempty"`
	NextToken    string `json:"NextToken,omitempty"`
	Limit        *int32 `json:"Limit,omitempty"`
}

// ListRulesOutput is the output of ListRules.
type ListRulesOutput struct {
	Rules     []Rule `json:"Rules"`
	NextToken string `json:"NextToken,omitempty"`
}

// EnableRuleInput is the input of EnableRule.
type EnableRuleInput struct {
	Name         string `json:"Name"`
	EventBusName string `json:"EventBusName,omitempty"`
}

// EnableRuleOutput is the (empty) output of EnableRule.
type EnableRuleOutput struct{}

// DisableRuleInput is the input of DisableRule.
type DisableRuleInput struct {
	Name         string `json:"Name"`
	EventBusName string `json:"EventBusName,omitempty"`
}

// DisableRuleOutput is the (empty) output of DisableRule.
type DisableRuleOutput struct{}

// ListRuleNamesByTargetInput is the input of ListRuleNamesByTarget.
type ListRuleNamesByTargetInput struct {
	TargetArn    string `json:"TargetArn"`
	EventBusName string `json:"EventBusName,omitempty"`
	NextToken    string `json:"NextToken,omitempty"`
	Limit        *int32 `json:"Limit,omitempty"`
}

// ListRuleNamesByTargetOutput is the output of ListRuleNamesByTarget.
type ListRuleNamesByTargetOutput struct {
	RuleNames []string `json:"RuleNames"`
	NextToken string   `json:"NextToken,omitempty"`
}

// TestEventPatternInput is the input of TestEventPattern.
type TestEventPatternInput struct {
	EventPattern string `json:"EventPattern"`
	Event        string `json:"Event"`
}

// TestEventPatternOutput is the output of TestEventPattern.
type TestEventPatternOutput struct {
	Result bool `json:"Result"`
}

type rule struct {
	name, arn   string
	pattern     string
	compiled    *eventpattern.Pattern
	schedExpr   string
	sched       *schedule.Schedule
	state       string
	description string
	role        string
	managedBy   string
	tags        map[string]string
	targets     map[string]*target
	order       []string // target ids in the order they were first put
	created     time.Time
	group       *schedGroup        // its schedule group while it is scheduled (schedules.go)
	schedFrom   time.Time          // when it joined the group: it fires only at instants after
	self        []string           // {arn}: the resources of its scheduled events (shared, never modified)
	tmpl        *scheduledTemplate // its scheduled event, rendered at the first firing
}

func (r *rule) enabled() bool { return r.state != StateDisabled }

func (s *Service) ruleChanged(ctx context.Context, ct bus.ChangeType, eb *eventBus, r *rule) {
	s.publishChange(ctx, ct, "AWS::Events::Rule", r.arn, r.name, r.arn, r.tags, r.describe(eb))
}

func (r *rule) describe(eb *eventBus) DescribeRuleOutput {
	return DescribeRuleOutput{Name: r.name, Arn: r.arn, EventPattern: r.pattern, ScheduleExpression: r.schedExpr, State: r.state,
		Description: r.description, RoleArn: r.role, ManagedBy: r.managedBy, EventBusName: eb.name, CreatedBy: "123456789012"}
}

func ruleNameOK(n string) bool {
	for i := 0; i < len(n); i++ {
		c := n[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

func checkName(n, member string) error {
	if err := checkLen(n, member, 1, 64); err != nil {
		return err
	}
	if !ruleNameOK(n) {
		return constraint(n, member, `Member must satisfy regular expression pattern: [\.\-_A-Za-z0-9]+`)
	}
	return nil
}

func errRuleNotFound(rule, bus string) error {
	return clientErr(ResourceNotFoundException, "Rule "+rule+" does not exist on EventBus "+bus+".")
}

// lookupRule finds a rule of a bus.
func (s *Service) lookupRule(name, busName string) (*eventBus, *rule, error) {
	if err := checkName(name, "name"); err != nil {
		return nil, nil, err
	}
	eb, err := s.lookupBus(busName)
	if err != nil {
		return nil, nil, err
	}
	r := eb.rules[name]
	if r == nil {
		return nil, nil, errRuleNotFound(name, eb.name)
	}
	return eb, r, nil
}

// setMatching puts r into its bus's matcher when it is enabled and has a pattern, and takes it out
// otherwise.
func (eb *eventBus) setMatching(r *rule) {
	eb.matcher.DeletePattern(r.name)
	if r.enabled() && r.compiled != nil {
		eb.matcher.AddCompiled(r.name, r.compiled)
	}
}

// PutRule creates or replaces a rule (PutRule API reference): an event pattern, a schedule (on the
// default bus only), or both. Members left out are reset, as AWS does; tags apply only when the rule
// is created.
func (s *Service) PutRule(ctx context.Context, in *PutRuleInput) (*PutRuleOutput, error) {
	return bus.Call(ctx, s.b, op("PutRule", false), in, func(ctx context.Context, in *PutRuleInput) (*PutRuleOutput, error) {
		if err := checkName(in.Name, "name"); err != nil {
			return nil, err
		}
		if len(in.Description) > 512 {
			return nil, constraint(in.Description, "description", "Member must have length less than or equal to 512")
		}
		if len(in.ScheduleExpression) > 256 {
			return nil, constraint(in.ScheduleExpression, "scheduleExpression", "Member must have length less than or equal to 256")
		}
		state := in.State
		switch state {
		case "":
			state = StateEnabled
		case StateEnabled, StateDisabled, StateEnabledWithAllCloudTrailManagementEvt:
		default:
			return nil, constraint(state, "state", "Member must satisfy enum value set: [ENABLED, DISABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]")
		}
		if in.EventPattern == "" && in.ScheduleExpression == "" {
			return nil, validation("Parameter(s) EventPattern or ScheduleExpression must be specified.")
		}
		eb, err := s.lookupBus(in.EventBusName)
		if err != nil {
			return nil, err
		}
		var compiled *eventpattern.Pattern
		if in.EventPattern != "" {
			if compiled, err = eventpattern.Compile(in.EventPattern); err != nil {
				return nil, err
			}
		}
		var sched *schedule.Schedule
		if in.ScheduleExpression != "" {
			if eb.name != DefaultBusName {
				return nil, validation("ScheduleExpression is supported only on the default event bus.")
			}
			if sched, err = schedule.Parse(in.ScheduleExpression); err != nil {
				return nil, err
			}
		}
		tags, err := checkTags(in.Tags)
		if err != nil {
			return nil, err
		}
		old := eb.rules[in.Name]
		if old == nil && len(eb.rules) >= s.opts.maxRules {
			return nil, clientErr(LimitExceededException, "The requested resource exceeds the maximum number allowed.")
		}
		if old != nil {
			if err := s.checkManaged(ctx, old, false, " and cannot be modified"); err != nil {
				return nil, err
			}
		}
		now := s.b.Now()
		arn := ruleARN(s.b, eb.name, in.Name)
		r := &rule{name: in.Name, arn: arn, self: []string{arn}, pattern: in.EventPattern, compiled: compiled,
			schedExpr: in.ScheduleExpression, sched: sched, state: state, description: in.Description, role: in.RoleArn,
			tags: tags, targets: map[string]*target{}, created: now, managedBy: s.managingService(ctx)}
		ct := bus.ResourceCreated
		if old != nil {
			ct = bus.ResourceUpdated
			r.tags, r.targets, r.order, r.managedBy = old.tags, old.targets, old.order, old.managedBy
			s.unschedule(old)
			if old.schedExpr == r.schedExpr {
				r.created = old.created // a rate keeps counting from the rule's creation
			}
		}
		eb.rules[r.name] = r
		eb.setMatching(r)
		s.scheduleRule(eb, r)
		s.ruleChanged(ctx, ct, eb, r)
		return &PutRuleOutput{RuleArn: r.arn}, nil
	})
}

// managingService is the service principal of a call an AWS service makes (an identity of type
// AWSService, InvokedBy naming the service), "" for any other caller. A rule such a call creates
// is managed by that service: its ManagedBy ("PutRule", "Managed rules",
// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html).
func (s *Service) managingService(ctx context.Context) string {
	if id := s.b.IdentityFrom(ctx); id.Type == "AWSService" {
		return id.InvokedBy
	}
	return ""
}

// checkManaged refuses a change to a managed rule unless the service that manages it makes it, or
// force is set (DeleteRule and RemoveTargets take Force; PutRule, PutTargets, EnableRule,
// DisableRule, TagResource and UntagResource do not). how ends the message after the managing
// service's name: " and cannot be modified" or "; pass Force to …".
func (s *Service) checkManaged(ctx context.Context, r *rule, force bool, how string) error {
	if r.managedBy == "" || force || s.managingService(ctx) == r.managedBy {
		return nil
	}
	return clientErr(ManagedRuleException, "Rule "+r.name+" is managed by "+r.managedBy+how+".")
}

func ruleARN(b *bus.Bus, busName, name string) string {
	if busName == DefaultBusName {
		return b.ARN("events", "rule/"+name)
	}
	return b.ARN("events", "rule/"+busName+"/"+name)
}

// DescribeRule describes a rule.
func (s *Service) DescribeRule(ctx context.Context, in *DescribeRuleInput) (*DescribeRuleOutput, error) {
	return bus.Call(ctx, s.b, op("DescribeRule", true), in, func(ctx context.Context, in *DescribeRuleInput) (*DescribeRuleOutput, error) {
		eb, r, err := s.lookupRule(in.Name, in.EventBusName)
		if err != nil {
			return nil, err
		}
		out := r.describe(eb)
		out.CreatedBy = s.b.Account()
		return &out, nil
	})
}

// DeleteRule deletes a rule that has no targets left; managed rules need Force.
func (s *Service) DeleteRule(ctx context.Context, in *DeleteRuleInput) (*DeleteRuleOutput, error) {
	return bus.Call(ctx, s.b, op("DeleteRule", false), in, func(ctx context.Context, in *DeleteRuleInput) (*DeleteRuleOutput, error) {
		eb, r, err := s.lookupRule(in.Name, in.EventBusName)
		if err != nil {
			return nil, err
		}
		if err := s.checkManaged(ctx, r, in.Force, "; pass Force to delete it"); err != nil {
			return nil, err
		}
		if len(r.targets) > 0 {
			return nil, validation("Rule can't be deleted since it has targets.")
		}
		s.unschedule(r)
		delete(eb.rules, r.name)
		eb.matcher.DeletePattern(r.name)
		s.ruleChanged(ctx, bus.ResourceDeleted, eb, r)
		return &DeleteRuleOutput{}, nil
	})
}

// ListRules lists a bus's rules in name order, up to 100 per page.
func (s *Service) ListRules(ctx context.Context, in *ListRulesInput) (*ListRulesOutput, error) {
	return bus.Call(ctx, s.b, op("ListRules", true), in, func(ctx context.Context, in *ListRulesInput) (*ListRulesOutput, error) {
		limit, err := checkLimit(in.Limit, 100)
		if err != nil {
			return nil, err
		}
		eb, err := s.lookupBus(in.EventBusName)
		if err != nil {
			return nil, err
		}
		names := make([]string, 0, len(eb.rules))
		for n := range eb.rules {
			if strings.HasPrefix(n, in.NamePrefix) {
				names = append(names, n)
			}
		}
		slices.Sort(names)
		page, next, err := paginate(names, in.NextToken, limit, "rules")
		if err != nil {
			return nil, err
		}
		out := &ListRulesOutput{Rules: []Rule{}, NextToken: next}
		for _, n := range page {
			r := eb.rules[n]
			out.Rules = append(out.Rules, Rule{Name: r.name, Arn: r.arn, EventPattern: r.pattern, State: r.state, Description: r.description,
				ScheduleExpression: r.schedExpr, RoleArn: r.role, ManagedBy: r.managedBy, EventBusName: eb.name})
		}
		return out, nil
	})
}

func (s *Service) setState(ctx context.Context, name, busName, state string) error {
	eb, r, err := s.lookupRule(name, busName)
	if err != nil {
		return err
	}
	if err := s.checkManaged(ctx, r, false, " and cannot be modified"); err != nil {
		return err
	}
	if r.state == state || state == StateEnabled && r.state == StateEnabledWithAllCloudTrailManagementEvt {
		return nil
	}
	r.state = state
	eb.setMatching(r)
	s.scheduleRule(eb, r)
	s.ruleChanged(ctx, bus.ResourceUpdated, eb, r)
	return nil
}

// EnableRule enables a rule.
func (s *Service) EnableRule(ctx context.Context, in *EnableRuleInput) (*EnableRuleOutput, error) {
	return bus.Call(ctx, s.b, op("EnableRule", false), in, func(ctx context.Context, in *EnableRuleInput) (*EnableRuleOutput, error) {
		return &EnableRuleOutput{}, s.setState(ctx, in.Name, in.EventBusName, StateEnabled)
	})
}

// DisableRule disables a rule: it matches no event and fires no schedule until enabled again.
func (s *Service) DisableRule(ctx context.Context, in *DisableRuleInput) (*DisableRuleOutput, error) {
	return bus.Call(ctx, s.b, op("DisableRule", false), in, func(ctx context.Context, in *DisableRuleInput) (*DisableRuleOutput, error) {
		return &DisableRuleOutput{}, s.setState(ctx, in.Name, in.EventBusName, StateDisabled)
	})
}

// ListRuleNamesByTarget lists the rules of a bus that have a target with the given ARN.
func (s *Service) ListRuleNamesByTarget(ctx context.Context, in *ListRuleNamesByTargetInput) (*ListRuleNamesByTargetOutput, error) {
	return bus.Call(ctx, s.b, op("ListRuleNamesByTarget", true), in, func(ctx context.Context, in *ListRuleNamesByTargetInput) (*ListRuleNamesByTargetOutput, error) {
		if err := checkLen(in.TargetArn, "targetArn", 1, 1600); err != nil {
			return nil, err
		}
		limit, err := checkLimit(in.Limit, 100)
		if err != nil {
			return nil, err
		}
		eb, err := s.lookupBus(in.EventBusName)
		if err != nil {
			return nil, err
		}
		var names []string
		for n, r := range eb.rules {
			for _, t := range r.targets {
				if t.shape.Arn == in.TargetArn {
					names = append(names, n)
					break
				}
			}
		}
		slices.Sort(names)
		page, next, err := paginate(names, in.NextToken, limit, "rule-names")
		if err != nil {
			return nil, err
		}
		return &ListRuleNamesByTargetOutput{RuleNames: append([]string{}, page...), NextToken: next}, nil
	})
}

// TestEventPattern tests an event pattern against an event envelope (TestEventPattern API
// reference), with the pattern engine every rule uses.
func (s *Service) TestEventPattern(ctx context.Context, in *TestEventPatternInput) (*TestEventPatternOutput, error) {
	return bus.Call(ctx, s.b, op("TestEventPattern", true), in, func(ctx context.Context, in *TestEventPatternInput) (*TestEventPatternOutput, error) {
		if in.EventPattern == "" {
			return nil, constraint(nil, "eventPattern", "Member must not be null")
		}
		if in.Event == "" {
			return nil, constraint(nil, "event", "Member must not be null")
		}
		ok, err := eventpattern.TestEventPattern(in.EventPattern, in.Event)
		if err != nil {
			return nil, err
		}
		return &TestEventPatternOutput{Result: ok}, nil
	})
}
