package config

import (
	"context"
	"encoding/json"
	"sort"
	"strings"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/awserr"
)

// Config rules (API reference: PutConfigRule,
// https://docs.aws.amazon.com/config/latest/APIReference/API_PutConfigRule.html, and "Evaluating
// Resources with AWS Config Rules",
// https://docs.aws.amazon.com/config/latest/developerguide/evaluate-config.html).

// Rule owners and states.
const (
	OwnerAWS          = "AWS"
	OwnerCustomLambda = "CUSTOM_LAMBDA"
	OwnerCustomPolicy = "CUSTOM_POLICY"
	RuleActive        = "ACTIVE"
	RuleDeleting      = "DELETING"
	RuleEvaluating    = "EVALUATING"
)

// Message types of rule triggers.
const (
	MessageItemChange          = "ConfigurationItemChangeNotification"
	MessageOversizedItemChange = "OversizedConfigurationItemChangeNotification"
	MessageScheduled           = "ScheduledNotification"
	MessageSnapshotDelivered   = "ConfigurationSnapshotDeliveryCompleted"
)

// ConfigRule is the AWS shape of a rule.
type ConfigRule struct {
	ConfigRuleName            string                        `json:"ConfigRuleName,omitempty"`
	ConfigRuleArn             string                        `json:"ConfigRuleArn,omitempty"`
	ConfigRuleID              string                        `json:"ConfigRuleId,omitempty"`
	Description               string                        `json:"Description,omitempty"`
	Scope                     *Scope                        `json:"Scope,omitempty"`
	Source                    *RuleSource                   `json:"Source,omitempty"`
	InputParameters           string                        `json:"InputParameters,omitempty"`
	MaximumExecutionFrequency string                        `json:"MaximumExecutionFrequency,omitempty"`
	ConfigRuleState           string                        `json:"ConfigRuleState,omitempty"`
	CreatedBy                 string                        `json:"CreatedBy,omitempty"`
	EvaluationModes           []EvaluationModeConfiguration `json:"EvaluationModes,omitempty"`
	RuleEvaluationVisibility  string                        `json:"RuleEvaluationVisibility,omitempty"`
}

// Scope selects the resources a rule evaluates.
type Scope struct {
	ComplianceResourceTypes []string `json:"ComplianceResourceTypes,omitempty"`
	TagKey                  string   `json:"TagKey,omitempty"`
	TagValue                string   `json:"TagValue,omitempty"`
	ComplianceResourceID    string   `json:"ComplianceResourceId,omitempty"`
	ServicePrincipals       []string `json:"ServicePrincipals,omitempty"`
}

// RuleSource is the rule's owner, identifier and triggers (AWS shape Source).
type RuleSource struct {
	Owner               string               `json:"Owner"`
	SourceIdentifier    string               `json:"SourceIdentifier,omitempty"`
	SourceDetails       []SourceDetail       `json:"SourceDetails,omitempty"`
	CustomPolicyDetails *CustomPolicyDetails `json:"CustomPolicyDetails,omitempty"`
}

// SourceDetail is one trigger of a custom rule.
type SourceDetail struct {
	EventSource               string `json:"EventSource,omitempty"`
	MessageType               string `json:"MessageType,omitempty"`
	MaximumExecutionFrequency string `json:"MaximumExecutionFrequency,omitempty"`
}

// CustomPolicyDetails is the Guard policy of a CUSTOM_POLICY rule (not simulated).
type CustomPolicyDetails struct {
	PolicyRuntime          string `json:"PolicyRuntime"`
	PolicyText             string `json:"PolicyText"`
	EnableDebugLogDelivery bool   `json:"EnableDebugLogDelivery,omitempty"`
}

// EvaluationModeConfiguration is one evaluation mode of a rule.
type EvaluationModeConfiguration struct {
	Mode string `json:"Mode,omitempty"`
}

// PutConfigRuleInput is the input of PutConfigRule.
type PutConfigRuleInput struct {
	ConfigRule *ConfigRule `json:"ConfigRule"`
	Tags       []Tag       `json:"Tags,omitempty"`
}

// PutConfigRuleOutput is the (empty) output of PutConfigRule.
type PutConfigRuleOutput struct{}

// DescribeConfigRulesInput is the input of DescribeConfigRules.
type DescribeConfigRulesInput struct {
	ConfigRuleNames []string                    `json:"ConfigRuleNames,omitempty"`
	Filters         *DescribeConfigRulesFilters `json:"Filters,omitempty"`
	NextToken       string                      `json:"NextToken,omitempty"`
}

// DescribeConfigRulesFilters filters DescribeConfigRules.
type DescribeConfigRulesFilters struct {
	EvaluationMode           string `json:"EvaluationMode,omitempty"`
	RuleEvaluationVisibility string `json:"RuleEvaluationVisibility,omitempty"`
}

// DescribeConfigRulesOutput is the output of DescribeConfigRules.
type DescribeConfigRulesOutput struct {
	ConfigRules []ConfigRule `json:"ConfigRules"`
	NextToken   string       `json:"NextToken,omitempty"`
}

// DeleteConfigRuleInput is the input of DeleteConfigRule.
type DeleteConfigRuleInput struct {
	ConfigRuleName string `json:"ConfigRuleName"`
}

// DeleteConfigRuleOutput is the (empty) output of DeleteConfigRule.
type DeleteConfigRuleOutput struct{}

// rule is one Config rule with its results.
type rule struct {
	spec      ConfigRule
	name      string
	managed   *managedRule
	params    map[string]string // InputParameters with the managed defaults
	lambda    string            // CUSTOM_LAMBDA function ARN
	onChange  bool
	periodic  bool
	onSnap    bool
	freq      time.Duration
	state     string
	timer     *bus.Timer
	results   map[resKey]*result
	status    ConfigRuleEvaluationStatus
	lastStart time.Time // StartConfigRulesEvaluation
	pack      *pack     // the conformance pack that owns the rule
	inflight  int       // evaluations queued or invoked and not answered
	gone      bool
}

// result is the latest evaluation of one resource by one rule.
type result struct {
	ctype      string
	annotation string
	ordering   time.Time
	invoked    time.Time
	recorded   time.Time
	token      string
}

func (r *rule) stopTimers() {
	if r.timer != nil {
		r.timer.Stop()
		r.timer = nil
	}
}

// scopeTypes returns the types a rule's change trigger applies to: its scope's, or the managed
// rule's own.
func (r *rule) scopeTypes() []string {
	if r.spec.Scope != nil && len(r.spec.Scope.ComplianceResourceTypes) > 0 {
		return r.spec.Scope.ComplianceResourceTypes
	}
	if r.managed != nil {
		return r.managed.types
	}
	return nil
}

// inScope reports whether a configuration item is in the rule's scope ([API] Scope). A rule
// without a type scope is not triggered by Config's own compliance items [derived: it would
// evaluate its own results].
func (r *rule) inScope(it *item) bool {
	types := r.scopeTypes()
	if len(types) > 0 {
		found := false
		for _, t := range types {
			found = found || t == it.typ
		}
		if !found {
			return false
		}
	} else if it.typ == TypeResourceCompliance || it.typ == TypeRecorder {
		return false
	}
	sc := r.spec.Scope
	if sc == nil {
		return true
	}
	if sc.ComplianceResourceID != "" && sc.ComplianceResourceID != it.id {
		return false
	}
	if sc.TagKey != "" {
		v, ok := it.tags[sc.TagKey]
		if !ok || (sc.TagValue != "" && v != sc.TagValue) {
			return false
		}
	}
	return true
}

func invalidParam(message string) error { return clientErr(codeInvalidParameterValue, message) }

func invalidParamf(format string, args ...any) error {
	return clientErrf(codeInvalidParameterValue, format, args...)
}

func (s *Service) ruleNamed(name string) (*rule, error) {
	r := s.ruleByKey[name]
	if r == nil || r.name != name {
		return nil, clientErrf(codeNoSuchRule, "The ConfigRule '%s' provided in the request is invalid. Please check the configRule name.", name)
	}
	return r, nil
}

// validateRule checks a PutConfigRule request and returns the parsed rule (without identity).
func (s *Service) validateRule(cr *ConfigRule, existing *rule) (*rule, error) {
	if v, bad := awserr.LengthViolation(cr.ConfigRuleName, "configRule.configRuleName", 1, 128); bad && existing == nil {
		return nil, clientErr(codeValidation, awserr.ValidationMessage(v))
	}
	if len(cr.Description) > 256 {
		return nil, awserr.Validation(codeValidation, cr.Description, "configRule.description", "Member must have length less than or equal to 256")
	}
	if cr.ConfigRuleState != "" && cr.ConfigRuleState != RuleActive {
		return nil, invalidParamf("The ConfigRuleState %s is invalid. Only the ACTIVE state is valid.", cr.ConfigRuleState)
	}
	if cr.CreatedBy != "" {
		return nil, invalidParam("AWS Config populates the CreatedBy field for ServiceLinkedConfigRule. Try again without populating the CreatedBy field.")
	}
	for _, m := range cr.EvaluationModes {
		switch m.Mode {
		case "DETECTIVE":
		case "PROACTIVE":
			return nil, bus.NotSimulated("config", "proactive evaluation mode")
		default:
			return nil, awserr.Validation(codeValidation, m.Mode, "configRule.evaluationModes.member.mode", "Member must satisfy enum value set: [DETECTIVE, PROACTIVE]")
		}
	}
	if v := cr.RuleEvaluationVisibility; v != "" && v != "EXTERNAL" && v != "INTERNAL" {
		return nil, awserr.Validation(codeValidation, v, "configRule.ruleEvaluationVisibility", "Member must satisfy enum value set: [EXTERNAL, INTERNAL]")
	}
	if f := cr.MaximumExecutionFrequency; f != "" && frequencyDuration(f) == 0 {
		return nil, awserr.Validation(codeValidation, f, "configRule.maximumExecutionFrequency", deliveryFreqEnum)
	}
	if err := validateScope(cr.Scope); err != nil {
		return nil, err
	}
	src := cr.Source
	if src == nil {
		return nil, clientErr(codeValidation, awserr.ValidationMessage(awserr.Violation{Null: true, Member: "configRule.source", Constraint: "Member must not be null"}))
	}
	params := map[string]string{}
	if cr.InputParameters != "" {
		if len(cr.InputParameters) > 1024 {
			return nil, awserr.Validation(codeValidation, cr.InputParameters, "configRule.inputParameters", "Member must have length less than or equal to 1024")
		}
		var raw map[string]any
		if err := json.Unmarshal([]byte(cr.InputParameters), &raw); err != nil {
			return nil, invalidParamf("Invalid json %s passed in the InputParameters field", cr.InputParameters)
		}
		for k, v := range raw {
			switch x := v.(type) {
			case string:
				params[k] = x
			default:
				b, _ := json.Marshal(x)
				params[k] = string(b)
			}
		}
	}
	r := &rule{params: params, state: RuleActive, results: map[resKey]*result{}}
	switch src.Owner {
	case OwnerAWS:
		if len(src.SourceDetails) > 0 {
			return nil, invalidParam("SourceDetails should be null/empty if the owner is AWS. SourceDetails should be provided if the owner is CUSTOM_LAMBDA.")
		}
		m := lookupManaged(src.SourceIdentifier)
		if m == nil {
			if !managedIdentifier(src.SourceIdentifier) {
				return nil, invalidParamf("The sourceIdentifier %s is invalid.  Please refer to the documentation for a list of valid sourceIdentifiers that can be used when AWS is the Owner.", src.SourceIdentifier)
			}
			return nil, bus.NotSimulated("config", "managed rule "+src.SourceIdentifier)
		}
		known := map[string]bool{}
		for _, p := range m.params {
			known[p.name] = true
		}
		var unknown []string
		for k := range params {
			if !known[k] {
				unknown = append(unknown, k)
			}
		}
		if len(unknown) > 0 {
			sort.Strings(unknown)
			return nil, invalidParamf("Unknown parameters provided in the inputParameters: %s", strings.Join(unknown, ", "))
		}
		for _, p := range m.params {
			if p.required && strings.TrimSpace(params[p.name]) == "" {
				return nil, invalidParamf("The required parameter [%s] is not present in the inputParameters", p.name)
			}
		}
		r.managed, r.params = m, m.withDefaults(params)
		r.onChange, r.periodic = !m.periodic, m.periodic
		r.freq = 24 * time.Hour
		if m.periodic && cr.MaximumExecutionFrequency != "" {
			r.freq = frequencyDuration(cr.MaximumExecutionFrequency)
		}
	case OwnerCustomLambda:
		if n := len(src.SourceDetails); n < 1 || n > 25 {
			return nil, invalidParam("Provide at least one and at most 25 SourceDetails for a rule whose owner is CUSTOM_LAMBDA.")
		}
		a, err := bus.ParseARN(src.SourceIdentifier)
		if _, ok := s.b.SinkFor(src.SourceIdentifier); err != nil || a.Service != "lambda" || !ok {
			return nil, clientErrf(codeInsufficientPermissions, "The AWS Lambda function %s cannot be invoked. Check the specified function ARN, and check the function's permissions.", src.SourceIdentifier)
		}
		r.lambda = src.SourceIdentifier
		r.freq = 24 * time.Hour
		for _, d := range src.SourceDetails {
			if d.EventSource != "aws.config" {
				return nil, awserr.Validation(codeValidation, d.EventSource, "configRule.source.sourceDetails.member.eventSource", "Member must satisfy enum value set: [aws.config]")
			}
			switch d.MessageType {
			case MessageItemChange, MessageOversizedItemChange:
				if d.MaximumExecutionFrequency != "" {
					return nil, invalidParam("A maximum execution frequency is not allowed if MessageType is ConfigurationItemChangeNotification or OversizedConfigurationItemChangeNotification")
				}
				r.onChange = true
			case MessageScheduled, MessageSnapshotDelivered:
				f := d.MaximumExecutionFrequency
				if f == "" {
					f = cr.MaximumExecutionFrequency
				}
				if f != "" {
					if frequencyDuration(f) == 0 {
						return nil, awserr.Validation(codeValidation, f, "configRule.source.sourceDetails.member.maximumExecutionFrequency", deliveryFreqEnum)
					}
					r.freq = frequencyDuration(f)
				}
				if d.MessageType == MessageScheduled {
					r.periodic = true
				} else {
					r.onSnap = true
				}
			default:
				return nil, awserr.Validation(codeValidation, d.MessageType, "configRule.source.sourceDetails.member.messageType",
					"Member must satisfy enum value set: [ConfigurationItemChangeNotification, ConfigurationSnapshotDeliveryCompleted, ScheduledNotification, OversizedConfigurationItemChangeNotification]")
			}
		}
	case OwnerCustomPolicy:
		return nil, bus.NotSimulated("config", "custom policy (Guard) rules")
	default:
		return nil, awserr.Validation(codeValidation, src.Owner, "configRule.source.owner", "Member must satisfy enum value set: [CUSTOM_POLICY, AWS, CUSTOM_LAMBDA]")
	}
	return r, nil
}

// managedIdentifier reports whether s has the form of a managed-rule identifier.
func managedIdentifier(s string) bool {
	if s == "" || len(s) > 256 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

func validateScope(sc *Scope) error {
	if sc == nil {
		return nil
	}
	if len(sc.ComplianceResourceTypes) > 100 {
		return clientErr(codeValidation, awserr.ValidationMessage(awserr.Violation{NoValue: true, Member: "configRule.scope.complianceResourceTypes",
			Constraint: "Member must have length less than or equal to 100"}))
	}
	if sc.ComplianceResourceID != "" && len(sc.ComplianceResourceTypes) != 1 {
		return invalidParam("A single resourceType should be provided when resourceId is provided in scope")
	}
	if sc.TagValue != "" && sc.TagKey == "" {
		return invalidParam("Tag key should not be empty when tag value is provided in scope")
	}
	if sc.TagKey != "" && (sc.ComplianceResourceID != "" || len(sc.ComplianceResourceTypes) > 0) {
		return invalidParam("Scope cannot be applied to both resource and tag")
	}
	if len(sc.TagKey) > 128 || len(sc.TagValue) > 256 {
		return invalidParam("The scope's tag key or value is too long")
	}
	return nil
}

// PutConfigRule creates or updates a rule. A new or updated rule is evaluated at once: one
// evaluation per resource in scope for change-triggered rules, one periodic run for periodic ones.
func (s *Service) PutConfigRule(ctx context.Context, in *PutConfigRuleInput) (*PutConfigRuleOutput, error) {
	return bus.Call(ctx, s.b, op("PutConfigRule", false), in, func(ctx context.Context, in *PutConfigRuleInput) (*PutConfigRuleOutput, error) {
		if _, err := s.putRuleLocked(ctx, in.ConfigRule, in.Tags, nil); err != nil {
			return nil, err
		}
		return &PutConfigRuleOutput{}, nil
	})
}

// putRuleLocked creates or updates a rule (for PutConfigRule, or for conformance pack p).
func (s *Service) putRuleLocked(ctx context.Context, cr *ConfigRule, tags []Tag, p *pack) (*rule, error) {
	if cr == nil {
		return nil, clientErr(codeValidation, awserr.ValidationMessage(awserr.Violation{Null: true, Member: "configRule", Constraint: "Member must not be null"}))
	}
	existing := s.ruleByKey[cr.ConfigRuleName]
	if existing == nil && cr.ConfigRuleArn != "" {
		existing = s.ruleByKey[cr.ConfigRuleArn]
	}
	if existing == nil && cr.ConfigRuleID != "" {
		existing = s.ruleByKey[cr.ConfigRuleID]
	}
	if existing == nil && (cr.ConfigRuleArn != "" || cr.ConfigRuleID != "") {
		return nil, invalidParam("ConfigRule Arn and Id are generated by the service, and must not be provided when a ConfigRule is created.")
	}
	if existing != nil && existing.state == RuleDeleting {
		return nil, ruleBeingDeleted(existing)
	}
	r, err := s.validateRule(cr, existing)
	if err != nil {
		return nil, err
	}
	if err := validateTags(tags); err != nil {
		return nil, err
	}
	if s.recorder == nil {
		return nil, clientErr(codeNoAvailableRecorder, "There are no configuration recorders available to provide the configuration details of the resources.")
	}
	if existing == nil && len(s.rules) >= s.opts.maxRules {
		return nil, s.ruleQuotaReached(cr.ConfigRuleName)
	}
	now := s.b.Now()
	spec := *cr
	spec.Scope = copyScope(cr.Scope)
	src := *cr.Source
	src.SourceDetails = append([]SourceDetail(nil), cr.Source.SourceDetails...)
	spec.Source = &src
	spec.ConfigRuleState = RuleActive
	spec.EvaluationModes = []EvaluationModeConfiguration{{Mode: "DETECTIVE"}}
	if r.periodic && spec.MaximumExecutionFrequency == "" && r.managed != nil {
		spec.MaximumExecutionFrequency = TwentyFourHours
	}
	if existing != nil {
		existing.stopTimers()
		spec.ConfigRuleName, spec.ConfigRuleArn, spec.ConfigRuleID = existing.name, existing.spec.ConfigRuleArn, existing.spec.ConfigRuleID
		r.results, r.status, r.lastStart = existing.results, existing.status, existing.lastStart
		*existing = *r
		r = existing
	} else {
		id := "config-rule-" + s.b.HexID(6)
		spec.ConfigRuleID, spec.ConfigRuleArn = id, s.b.ARN("config", "config-rule/"+id)
		if p != nil { // a conformance pack's rule: service-linked, owned by config-conforms
			spec.CreatedBy = packPrincipal
			spec.ConfigRuleArn = s.b.ARN("config", "config-rule/aws-service-rule/"+packPrincipal+"/"+id)
		}
		r.status = ConfigRuleEvaluationStatus{ConfigRuleName: spec.ConfigRuleName, ConfigRuleArn: spec.ConfigRuleArn, ConfigRuleID: id, FirstActivatedTime: tp(now)}
		s.rules = append(s.rules, r)
		if len(tags) > 0 {
			s.tagsOf(spec.ConfigRuleArn, tags)
		}
	}
	r.spec, r.name = spec, spec.ConfigRuleName
	s.ruleByKey[r.name], s.ruleByKey[spec.ConfigRuleArn], s.ruleByKey[spec.ConfigRuleID] = r, r, r
	r.pack = p
	s.initialEvaluationLocked(ctx, r, now)
	return r, nil
}

// ruleBeingDeleted is the error of a put on a rule that is being deleted.
func ruleBeingDeleted(r *rule) error {
	return clientErrf(codeResourceInUse, "The rule %s is currently being deleted. Please retry after some time.", r.name)
}

// ruleQuotaReached is the error of a put that would create a rule beyond the account's quota.
func (s *Service) ruleQuotaReached(name string) error {
	return clientErrf("MaxNumberOfConfigRulesExceededException",
		"Failed to put config rule '%s' because the maximum number of config rules: %d is reached.", name, s.opts.maxRules)
}

func copyScope(sc *Scope) *Scope {
	if sc == nil {
		return nil
	}
	c := *sc
	c.ComplianceResourceTypes = append([]string(nil), sc.ComplianceResourceTypes...)
	return &c
}

func (r *rule) view() ConfigRule {
	v := r.spec
	v.Scope = copyScope(r.spec.Scope)
	src := *r.spec.Source
	src.SourceDetails = append([]SourceDetail(nil), r.spec.Source.SourceDetails...)
	v.Source = &src
	v.EvaluationModes = append([]EvaluationModeConfiguration(nil), r.spec.EvaluationModes...)
	v.ConfigRuleState = r.state
	return v
}

const rulesPage = 25

// DescribeConfigRules returns rules by name, or every rule, 25 a page.
func (s *Service) DescribeConfigRules(ctx context.Context, in *DescribeConfigRulesInput) (*DescribeConfigRulesOutput, error) {
	return bus.Call(ctx, s.b, op("DescribeConfigRules", true), in, func(ctx context.Context, in *DescribeConfigRulesInput) (*DescribeConfigRulesOutput, error) {
		rules, err := s.rulesNamed(in.ConfigRuleNames)
		if err != nil {
			return nil, err
		}
		if f := in.Filters; f != nil && f.EvaluationMode == "PROACTIVE" {
			rules = nil
		}
		start, err := pageStart("DescribeConfigRules", in.NextToken, len(rules))
		if err != nil {
			return nil, err
		}
		out := &DescribeConfigRulesOutput{ConfigRules: []ConfigRule{}}
		end := min(start+rulesPage, len(rules))
		for _, r := range rules[start:end] {
			out.ConfigRules = append(out.ConfigRules, r.view())
		}
		out.NextToken = nextToken("DescribeConfigRules", end, len(rules))
		return out, nil
	})
}

// rulesNamed returns the named rules (each must exist), or every rule, in creation order.
func (s *Service) rulesNamed(names []string) ([]*rule, error) {
	if len(names) > 25 {
		return nil, clientErr(codeValidation, awserr.ValidationMessage(awserr.Violation{NoValue: true, Member: "configRuleNames", Constraint: "Member must have length less than or equal to 25"}))
	}
	if len(names) == 0 {
		return append([]*rule(nil), s.rules...), nil
	}
	out := make([]*rule, 0, len(names))
	for _, n := range names {
		r, err := s.ruleNamed(n)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// DeleteConfigRule deletes a rule and its results. The rule reads DELETING until the next clock
// step, when it disappears; a rule with a remediation configuration cannot be deleted.
func (s *Service) DeleteConfigRule(ctx context.Context, in *DeleteConfigRuleInput) (*DeleteConfigRuleOutput, error) {
	return bus.Call(ctx, s.b, op("DeleteConfigRule", false), in, func(ctx context.Context, in *DeleteConfigRuleInput) (*DeleteConfigRuleOutput, error) {
		r, err := s.ruleNamed(in.ConfigRuleName)
		if err != nil {
			return nil, err
		}
		if r.state == RuleDeleting {
			return nil, clientErrf(codeResourceInUse, "The rule %s is currently being deleted. Please retry after some time.", r.name)
		}
		if s.rem.configs[r.name] != nil {
			return nil, clientErrf(codeResourceInUse, "Remediation action is associated with the rule %s. Delete the remediation action before deleting the rule.", r.name)
		}
		r.state = RuleDeleting
		r.stopTimers()
		for tok, inv := range s.tokens {
			if inv.r == r {
				delete(s.tokens, tok)
			}
		}
		s.b.Schedule(s.b.Now(), func(ctx context.Context) {
			s.b.Locked(func() { s.finishDeleteLocked(ctx, r) })
		})
		return &DeleteConfigRuleOutput{}, nil
	})
}

// finishDeleteLocked removes a deleted rule and rewrites the compliance items of the resources it
// had evaluated ([API] DeleteConfigRule).
func (s *Service) finishDeleteLocked(ctx context.Context, r *rule) {
	if r.gone {
		return
	}
	r.gone = true
	for i, x := range s.rules {
		if x == r {
			s.rules = append(s.rules[:i], s.rules[i+1:]...)
			break
		}
	}
	delete(s.ruleByKey, r.name)
	delete(s.ruleByKey, r.spec.ConfigRuleArn)
	delete(s.ruleByKey, r.spec.ConfigRuleID)
	delete(s.tags, r.spec.ConfigRuleArn)
	keys := sortedKeys(r.results)
	r.results = map[resKey]*result{}
	for _, k := range keys {
		s.resourceComplianceLocked(ctx, k)
	}
}

func sortedKeys(m map[resKey]*result) []resKey {
	keys := make([]resKey, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].typ != keys[j].typ {
			return keys[i].typ < keys[j].typ
		}
		return keys[i].id < keys[j].id
	})
	return keys
}
