package config

import (
	"context"
	"sort"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/awserr"
)

// The compliance APIs (API reference: DescribeComplianceByConfigRule,
// https://docs.aws.amazon.com/config/latest/APIReference/API_DescribeComplianceByConfigRule.html,
// and its siblings), with the roll-up of [rollUp].

// ComplianceContributorCount counts the contributors to a compliance, up to a cap.
type ComplianceContributorCount struct {
	CappedCount int32 `json:"CappedCount"`
	CapExceeded bool  `json:"CapExceeded"`
}

// Compliance is a rolled-up compliance.
type Compliance struct {
	ComplianceType             string                      `json:"ComplianceType,omitempty"`
	ComplianceContributorCount *ComplianceContributorCount `json:"ComplianceContributorCount,omitempty"`
}

// ComplianceByConfigRule is the compliance of a rule.
type ComplianceByConfigRule struct {
	ConfigRuleName string      `json:"ConfigRuleName"`
	Compliance     *Compliance `json:"Compliance,omitempty"`
}

// ComplianceByResource is the compliance of a resource.
type ComplianceByResource struct {
	ResourceType string      `json:"ResourceType"`
	ResourceID   string      `json:"ResourceId"`
	Compliance   *Compliance `json:"Compliance,omitempty"`
}

// EvaluationResultQualifier names what an evaluation result is about.
type EvaluationResultQualifier struct {
	ConfigRuleName string `json:"ConfigRuleName"`
	ResourceType   string `json:"ResourceType"`
	ResourceID     string `json:"ResourceId"`
	EvaluationMode string `json:"EvaluationMode,omitempty"`
}

// EvaluationResultIdentifier identifies an evaluation result.
type EvaluationResultIdentifier struct {
	EvaluationResultQualifier *EvaluationResultQualifier `json:"EvaluationResultQualifier,omitempty"`
	OrderingTimestamp         time.Time                  `json:"OrderingTimestamp"`
	ResourceEvaluationID      string                     `json:"ResourceEvaluationId,omitempty"`
}

// EvaluationResult is a stored evaluation.
type EvaluationResult struct {
	EvaluationResultIdentifier *EvaluationResultIdentifier `json:"EvaluationResultIdentifier,omitempty"`
	ComplianceType             string                      `json:"ComplianceType"`
	ResultRecordedTime         time.Time                   `json:"ResultRecordedTime"`
	ConfigRuleInvokedTime      time.Time                   `json:"ConfigRuleInvokedTime"`
	Annotation                 string                      `json:"Annotation,omitempty"`
	ResultToken                string                      `json:"ResultToken,omitempty"`
}

// ComplianceSummary counts compliant and non-compliant items.
type ComplianceSummary struct {
	CompliantResourceCount     ComplianceContributorCount `json:"CompliantResourceCount"`
	NonCompliantResourceCount  ComplianceContributorCount `json:"NonCompliantResourceCount"`
	ComplianceSummaryTimestamp time.Time                  `json:"ComplianceSummaryTimestamp"`
}

// ComplianceSummaryByResourceType is the summary of one resource type.
type ComplianceSummaryByResourceType struct {
	ResourceType      string             `json:"ResourceType,omitempty"`
	ComplianceSummary *ComplianceSummary `json:"ComplianceSummary,omitempty"`
}

// DescribeComplianceByConfigRuleInput is the input of DescribeComplianceByConfigRule.
type DescribeComplianceByConfigRuleInput struct {
	ConfigRuleNames []string `json:"ConfigRuleNames,omitempty"`
	ComplianceTypes []string `json:"ComplianceTypes,omitempty"`
	NextToken       string   `json:"NextToken,omitempty"`
}

// DescribeComplianceByConfigRuleOutput is the output of DescribeComplianceByConfigRule.
type DescribeComplianceByConfigRuleOutput struct {
	ComplianceByConfigRules []ComplianceByConfigRule `json:"ComplianceByConfigRules"`
	NextToken               string                   `json:"NextToken,omitempty"`
}

// DescribeComplianceByResourceInput is the input of DescribeComplianceByResource.
type DescribeComplianceByResourceInput struct {
	ResourceType    string   `json:"ResourceType,omitempty"`
	ResourceID      string   `json:"ResourceId,omitempty"`
	ComplianceTypes []string `json:"ComplianceTypes,omitempty"`
	Limit           int32    `json:"Limit,omitempty"`
	NextToken       string   `json:"NextToken,omitempty"`
}

// DescribeComplianceByResourceOutput is the output of DescribeComplianceByResource.
type DescribeComplianceByResourceOutput struct {
	ComplianceByResources []ComplianceByResource `json:"ComplianceByResources"`
	NextToken             string                 `json:"NextToken,omitempty"`
}

// GetComplianceDetailsByConfigRuleInput is the input of GetComplianceDetailsByConfigRule.
type GetComplianceDetailsByConfigRuleInput struct {
	ConfigRuleName  string   `json:"ConfigRuleName"`
	ComplianceTypes []string `json:"ComplianceTypes,omitempty"`
	Limit           int32    `json:"Limit,omitempty"`
	NextToken       string   `json:"NextToken,omitempty"`
}

// GetComplianceDetailsByConfigRuleOutput is the output of GetComplianceDetailsByConfigRule.
type GetComplianceDetailsByConfigRuleOutput struct {
	EvaluationResults []EvaluationResult `json:"EvaluationResults"`
	NextToken         string             `json:"NextToken,omitempty"`
}

// GetComplianceDetailsByResourceInput is the input of GetComplianceDetailsByResource.
type GetComplianceDetailsByResourceInput struct {
	ResourceType         string   `json:"ResourceType,omitempty"`
	ResourceID           string   `json:"ResourceId,omitempty"`
	ComplianceTypes      []string `json:"ComplianceTypes,omitempty"`
	NextToken            string   `json:"NextToken,omitempty"`
	ResourceEvaluationID string   `json:"ResourceEvaluationId,omitempty"`
}

// GetComplianceDetailsByResourceOutput is the output of GetComplianceDetailsByResource.
type GetComplianceDetailsByResourceOutput struct {
	EvaluationResults []EvaluationResult `json:"EvaluationResults"`
	NextToken         string             `json:"NextToken,omitempty"`
}

// GetComplianceSummaryByConfigRuleInput is the (empty) input of GetComplianceSummaryByConfigRule.
type GetComplianceSummaryByConfigRuleInput struct{}

// GetComplianceSummaryByConfigRuleOutput is the output of GetComplianceSummaryByConfigRule.
type GetComplianceSummaryByConfigRuleOutput struct {
	ComplianceSummary *ComplianceSummary `json:"ComplianceSummary,omitempty"`
}

// GetComplianceSummaryByResourceTypeInput is the input of GetComplianceSummaryByResourceType.
type GetComplianceSummaryByResourceTypeInput struct {
	ResourceTypes []string `json:"ResourceTypes,omitempty"`
}

// GetComplianceSummaryByResourceTypeOutput is the output of GetComplianceSummaryByResourceType.
type GetComplianceSummaryByResourceTypeOutput struct {
	ComplianceSummariesByResourceType []ComplianceSummaryByResourceType `json:"ComplianceSummariesByResourceType"`
}

func capped(n, limit int) *ComplianceContributorCount {
	if n > limit {
		return &ComplianceContributorCount{CappedCount: int32(limit), CapExceeded: true}
	}
	return &ComplianceContributorCount{CappedCount: int32(n)}
}

// complianceFilter checks a ComplianceTypes filter; allowInsufficient says whether
// INSUFFICIENT_DATA may be asked for.
func complianceFilter(types []string, allowInsufficient bool, def ...string) (map[string]bool, error) {
	if len(types) > 3 {
		return nil, clientErr(codeValidation, awserr.ValidationMessage(awserr.Violation{NoValue: true, Member: "complianceTypes", Constraint: "Member must have length less than or equal to 3"}))
	}
	want := map[string]bool{}
	for _, t := range types {
		switch t {
		case Compliant, NonCompliant, NotApplicable:
		case InsufficientData:
			if !allowInsufficient {
				return nil, invalidParam("The ComplianceType INSUFFICIENT_DATA is not valid for this operation.")
			}
		default:
			return nil, awserr.Validation(codeValidation, t, "complianceTypes.member", "Member must satisfy enum value set: [INSUFFICIENT_DATA, NON_COMPLIANT, NOT_APPLICABLE, COMPLIANT]")
		}
		want[t] = true
	}
	if len(want) == 0 {
		for _, t := range def {
			want[t] = true
		}
	}
	return want, nil
}

// ruleCompliance rolls up a rule's results: its type and the number of non-compliant resources.
func (r *rule) compliance() (string, int) {
	types := make([]string, 0, len(r.results))
	non := 0
	for _, res := range r.results {
		types = append(types, res.ctype)
		if res.ctype == NonCompliant {
			non++
		}
	}
	return rollUp(types), non
}

// DescribeComplianceByConfigRule returns the compliance of rules, with the number of
// non-compliant resources (capped at 100) for the non-compliant ones.
func (s *Service) DescribeComplianceByConfigRule(ctx context.Context, in *DescribeComplianceByConfigRuleInput) (*DescribeComplianceByConfigRuleOutput, error) {
	return bus.Call(ctx, s.b, op("DescribeComplianceByConfigRule", true), in, func(ctx context.Context, in *DescribeComplianceByConfigRuleInput) (*DescribeComplianceByConfigRuleOutput, error) {
		want, err := complianceFilter(in.ComplianceTypes, true)
		if err != nil {
			return nil, err
		}
		rules, err := s.rulesNamed(in.ConfigRuleNames)
		if err != nil {
			return nil, err
		}
		var all []ComplianceByConfigRule
		for _, r := range rules {
			ct, non := r.compliance()
			if len(want) > 0 && !want[ct] {
				continue
			}
			c := &Compliance{ComplianceType: ct}
			if ct == NonCompliant {
				c.ComplianceContributorCount = capped(non, 100)
			}
			all = append(all, ComplianceByConfigRule{ConfigRuleName: r.name, Compliance: c})
		}
		items, next, err := page("DescribeComplianceByConfigRule", all, in.NextToken, rulesPage)
		if err != nil {
			return nil, err
		}
		return &DescribeComplianceByConfigRuleOutput{ComplianceByConfigRules: items, NextToken: next}, nil
	})
}

// resourceCompliance rolls up the results of every rule for one resource: its type and the
// number of rules it fails.
func (s *Service) resourceCompliance(k resKey) (string, int, bool) {
	var types []string
	non := 0
	for _, r := range s.rules {
		if res := r.results[k]; res != nil {
			types = append(types, res.ctype)
			if res.ctype == NonCompliant {
				non++
			}
		}
	}
	return rollUp(types), non, len(types) > 0
}

// evaluatedResources returns every resource some rule has a result for, in type and id order.
func (s *Service) evaluatedResources() []resKey {
	seen := map[resKey]*result{}
	for _, r := range s.rules {
		for k, res := range r.results {
			seen[k] = res
		}
	}
	return sortedKeys(seen)
}

// DescribeComplianceByResource returns the compliance of resources, with the number of rules
// each fails (capped at 25) for the non-compliant ones.
func (s *Service) DescribeComplianceByResource(ctx context.Context, in *DescribeComplianceByResourceInput) (*DescribeComplianceByResourceOutput, error) {
	return bus.Call(ctx, s.b, op("DescribeComplianceByResource", true), in, func(ctx context.Context, in *DescribeComplianceByResourceInput) (*DescribeComplianceByResourceOutput, error) {
		limit, err := limitOf(in.Limit, 10, 100, "limit", codeValidation)
		if err != nil {
			return nil, err
		}
		want, err := complianceFilter(in.ComplianceTypes, true)
		if err != nil {
			return nil, err
		}
		if in.ResourceID != "" && in.ResourceType == "" {
			return nil, invalidParam("The ResourceType must be specified when a ResourceId is specified.")
		}
		var all []ComplianceByResource
		keys := s.evaluatedResources()
		if in.ResourceID != "" {
			keys = []resKey{{in.ResourceType, in.ResourceID}}
		}
		for _, k := range keys {
			if in.ResourceType != "" && k.typ != in.ResourceType {
				continue
			}
			ct, non, _ := s.resourceCompliance(k)
			if len(want) > 0 && !want[ct] {
				continue
			}
			c := &Compliance{ComplianceType: ct}
			if ct == NonCompliant {
				c.ComplianceContributorCount = capped(non, 25)
			}
			all = append(all, ComplianceByResource{ResourceType: k.typ, ResourceID: k.id, Compliance: c})
		}
		items, next, err := page("DescribeComplianceByResource", all, in.NextToken, limit)
		if err != nil {
			return nil, err
		}
		return &DescribeComplianceByResourceOutput{ComplianceByResources: items, NextToken: next}, nil
	})
}

func apiResult(r *rule, k resKey, res *result) EvaluationResult {
	return EvaluationResult{EvaluationResultIdentifier: &EvaluationResultIdentifier{EvaluationResultQualifier: &EvaluationResultQualifier{
		ConfigRuleName: r.name, ResourceType: k.typ, ResourceID: k.id, EvaluationMode: "DETECTIVE"}, OrderingTimestamp: res.ordering},
		ComplianceType: res.ctype, ResultRecordedTime: res.recorded, ConfigRuleInvokedTime: res.invoked, Annotation: res.annotation, ResultToken: res.token}
}

// GetComplianceDetailsByConfigRule returns a rule's results (COMPLIANT and NON_COMPLIANT unless
// ComplianceTypes says otherwise [derived]), in resource type and id order.
func (s *Service) GetComplianceDetailsByConfigRule(ctx context.Context, in *GetComplianceDetailsByConfigRuleInput) (*GetComplianceDetailsByConfigRuleOutput, error) {
	return bus.Call(ctx, s.b, op("GetComplianceDetailsByConfigRule", true), in, func(ctx context.Context, in *GetComplianceDetailsByConfigRuleInput) (*GetComplianceDetailsByConfigRuleOutput, error) {
		if v, bad := awserr.LengthViolation(in.ConfigRuleName, "configRuleName", 1, 64); bad {
			return nil, clientErr(codeValidation, awserr.ValidationMessage(v))
		}
		limit, err := limitOf(in.Limit, 10, 100, "limit", codeValidation)
		if err != nil {
			return nil, err
		}
		want, err := complianceFilter(in.ComplianceTypes, false, Compliant, NonCompliant)
		if err != nil {
			return nil, err
		}
		r, err := s.ruleNamed(in.ConfigRuleName)
		if err != nil {
			return nil, err
		}
		var all []EvaluationResult
		for _, k := range sortedKeys(r.results) {
			if res := r.results[k]; want[res.ctype] {
				all = append(all, apiResult(r, k, res))
			}
		}
		items, next, err := page("GetComplianceDetailsByConfigRule", all, in.NextToken, limit)
		if err != nil {
			return nil, err
		}
		return &GetComplianceDetailsByConfigRuleOutput{EvaluationResults: items, NextToken: next}, nil
	})
}

// GetComplianceDetailsByResource returns every rule's result for one resource.
func (s *Service) GetComplianceDetailsByResource(ctx context.Context, in *GetComplianceDetailsByResourceInput) (*GetComplianceDetailsByResourceOutput, error) {
	return bus.Call(ctx, s.b, op("GetComplianceDetailsByResource", true), in, func(ctx context.Context, in *GetComplianceDetailsByResourceInput) (*GetComplianceDetailsByResourceOutput, error) {
		if in.ResourceEvaluationID != "" {
			return nil, bus.NotSimulated("config", "proactive resource evaluations")
		}
		if v, bad := awserr.LengthViolation(in.ResourceType, "resourceType", 1, 256); bad {
			return nil, clientErr(codeValidation, awserr.ValidationMessage(v))
		}
		if v, bad := awserr.LengthViolation(in.ResourceID, "resourceId", 1, 768); bad {
			return nil, clientErr(codeValidation, awserr.ValidationMessage(v))
		}
		want, err := complianceFilter(in.ComplianceTypes, false, Compliant, NonCompliant)
		if err != nil {
			return nil, err
		}
		k := resKey{in.ResourceType, in.ResourceID}
		rules := append([]*rule(nil), s.rules...)
		sort.SliceStable(rules, func(i, j int) bool { return rules[i].name < rules[j].name })
		var all []EvaluationResult
		for _, r := range rules {
			if res := r.results[k]; res != nil && want[res.ctype] {
				all = append(all, apiResult(r, k, res))
			}
		}
		items, next, err := page("GetComplianceDetailsByResource", all, in.NextToken, 100)
		if err != nil {
			return nil, err
		}
		return &GetComplianceDetailsByResourceOutput{EvaluationResults: items, NextToken: next}, nil
	})
}

// GetComplianceSummaryByConfigRule counts the compliant and non-compliant rules (capped at 25
// each; the member names say "Resource", the counts are of rules).
func (s *Service) GetComplianceSummaryByConfigRule(ctx context.Context, in *GetComplianceSummaryByConfigRuleInput) (*GetComplianceSummaryByConfigRuleOutput, error) {
	return bus.Call(ctx, s.b, op("GetComplianceSummaryByConfigRule", true), in, func(ctx context.Context, in *GetComplianceSummaryByConfigRuleInput) (*GetComplianceSummaryByConfigRuleOutput, error) {
		comp, non := 0, 0
		for _, r := range s.rules {
			switch ct, _ := r.compliance(); ct {
			case Compliant:
				comp++
			case NonCompliant:
				non++
			}
		}
		return &GetComplianceSummaryByConfigRuleOutput{ComplianceSummary: &ComplianceSummary{CompliantResourceCount: *capped(comp, 25),
			NonCompliantResourceCount: *capped(non, 25), ComplianceSummaryTimestamp: s.b.Now()}}, nil
	})
}

// GetComplianceSummaryByResourceType counts compliant and non-compliant resources (capped at 100
// each), per given type, or over all types in one entry without a type.
func (s *Service) GetComplianceSummaryByResourceType(ctx context.Context, in *GetComplianceSummaryByResourceTypeInput) (*GetComplianceSummaryByResourceTypeOutput, error) {
	return bus.Call(ctx, s.b, op("GetComplianceSummaryByResourceType", true), in, func(ctx context.Context, in *GetComplianceSummaryByResourceTypeInput) (*GetComplianceSummaryByResourceTypeOutput, error) {
		if len(in.ResourceTypes) > 20 {
			return nil, clientErr(codeValidation, awserr.ValidationMessage(awserr.Violation{NoValue: true, Member: "resourceTypes", Constraint: "Member must have length less than or equal to 20"}))
		}
		now := s.b.Now()
		count := func(typ string) *ComplianceSummary {
			comp, non := 0, 0
			for _, k := range s.evaluatedResources() {
				if typ != "" && k.typ != typ {
					continue
				}
				switch ct, _, _ := s.resourceCompliance(k); ct {
				case Compliant:
					comp++
				case NonCompliant:
					non++
				}
			}
			return &ComplianceSummary{CompliantResourceCount: *capped(comp, 100), NonCompliantResourceCount: *capped(non, 100), ComplianceSummaryTimestamp: now}
		}
		out := &GetComplianceSummaryByResourceTypeOutput{ComplianceSummariesByResourceType: []ComplianceSummaryByResourceType{}}
		if len(in.ResourceTypes) == 0 {
			out.ComplianceSummariesByResourceType = append(out.ComplianceSummariesByResourceType, ComplianceSummaryByResourceType{ComplianceSummary: count("")})
		}
		for _, t := range in.ResourceTypes {
			out.ComplianceSummariesByResourceType = append(out.ComplianceSummariesByResourceType, ComplianceSummaryByResourceType{ResourceType: t, ComplianceSummary: count(t)})
		}
		return out, nil
	})
}
