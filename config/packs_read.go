package config

import (
	"context"
	"sort"
	"strconv"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/awserr"
)

// The read side of conformance packs: descriptions, status, compliance and scores.

// ConformancePackDetail describes a pack.
type ConformancePackDetail struct {
	ConformancePackName            string                          `json:"ConformancePackName"`
	ConformancePackArn             string                          `json:"ConformancePackArn"`
	ConformancePackID              string                          `json:"ConformancePackId"`
	DeliveryS3Bucket               string                          `json:"DeliveryS3Bucket,omitempty"`
	DeliveryS3KeyPrefix            string                          `json:"DeliveryS3KeyPrefix,omitempty"`
	ConformancePackInputParameters []ConformancePackInputParameter `json:"ConformancePackInputParameters,omitempty"`
	LastUpdateRequestedTime        *time.Time                      `json:"LastUpdateRequestedTime,omitempty"`
	CreatedBy                      string                          `json:"CreatedBy,omitempty"`
	TemplateSSMDocumentDetails     *TemplateSSMDocumentDetails     `json:"TemplateSSMDocumentDetails,omitempty"`
}

// DescribeConformancePacksInput is the input of DescribeConformancePacks.
type DescribeConformancePacksInput struct {
	ConformancePackNames []string `json:"ConformancePackNames,omitempty"`
	Limit                int32    `json:"Limit,omitempty"`
	NextToken            string   `json:"NextToken,omitempty"`
}

// DescribeConformancePacksOutput is the output of DescribeConformancePacks.
type DescribeConformancePacksOutput struct {
	ConformancePackDetails []ConformancePackDetail `json:"ConformancePackDetails"`
	NextToken              string                  `json:"NextToken,omitempty"`
}

// ConformancePackStatusDetail is the deployment status of a pack.
type ConformancePackStatusDetail struct {
	ConformancePackName         string     `json:"ConformancePackName"`
	ConformancePackID           string     `json:"ConformancePackId"`
	ConformancePackArn          string     `json:"ConformancePackArn"`
	ConformancePackState        string     `json:"ConformancePackState"`
	StackArn                    string     `json:"StackArn"`
	ConformancePackStatusReason string     `json:"ConformancePackStatusReason,omitempty"`
	LastUpdateRequestedTime     *time.Time `json:"LastUpdateRequestedTime,omitempty"`
	LastUpdateCompletedTime     *time.Time `json:"LastUpdateCompletedTime,omitempty"`
}

// DescribeConformancePackStatusInput is the input of DescribeConformancePackStatus.
type DescribeConformancePackStatusInput struct {
	ConformancePackNames []string `json:"ConformancePackNames,omitempty"`
	Limit                int32    `json:"Limit,omitempty"`
	NextToken            string   `json:"NextToken,omitempty"`
}

// DescribeConformancePackStatusOutput is the output of DescribeConformancePackStatus.
type DescribeConformancePackStatusOutput struct {
	ConformancePackStatusDetails []ConformancePackStatusDetail `json:"ConformancePackStatusDetails"`
	NextToken                    string                        `json:"NextToken,omitempty"`
}

// ConformancePackComplianceFilters filters DescribeConformancePackCompliance.
type ConformancePackComplianceFilters struct {
	ConfigRuleNames []string `json:"ConfigRuleNames,omitempty"`
	ComplianceType  string   `json:"ComplianceType,omitempty"`
}

// ConformancePackRuleCompliance is the compliance of one rule of a pack.
type ConformancePackRuleCompliance struct {
	ConfigRuleName string   `json:"ConfigRuleName"`
	ComplianceType string   `json:"ComplianceType"`
	Controls       []string `json:"Controls"`
}

// DescribeConformancePackComplianceInput is the input of DescribeConformancePackCompliance.
type DescribeConformancePackComplianceInput struct {
	ConformancePackName string                            `json:"ConformancePackName"`
	Filters             *ConformancePackComplianceFilters `json:"Filters,omitempty"`
	Limit               int32                             `json:"Limit,omitempty"`
	NextToken           string                            `json:"NextToken,omitempty"`
}

// DescribeConformancePackComplianceOutput is the output of DescribeConformancePackCompliance.
type DescribeConformancePackComplianceOutput struct {
	ConformancePackName               string                          `json:"ConformancePackName"`
	ConformancePackRuleComplianceList []ConformancePackRuleCompliance `json:"ConformancePackRuleComplianceList"`
	NextToken                         string                          `json:"NextToken,omitempty"`
}

// ConformancePackComplianceSummary is the roll-up of a pack.
type ConformancePackComplianceSummary struct {
	ConformancePackName             string `json:"ConformancePackName"`
	ConformancePackComplianceStatus string `json:"ConformancePackComplianceStatus"`
}

// GetConformancePackComplianceSummaryInput is the input of GetConformancePackComplianceSummary.
type GetConformancePackComplianceSummaryInput struct {
	ConformancePackNames []string `json:"ConformancePackNames"`
	Limit                int32    `json:"Limit,omitempty"`
	NextToken            string   `json:"NextToken,omitempty"`
}

// GetConformancePackComplianceSummaryOutput is the output of GetConformancePackComplianceSummary.
type GetConformancePackComplianceSummaryOutput struct {
	ConformancePackComplianceSummaryList []ConformancePackComplianceSummary `json:"ConformancePackComplianceSummaryList"`
	NextToken                            string                             `json:"NextToken,omitempty"`
}

// ConformancePackEvaluationFilters filters GetConformancePackComplianceDetails.
type ConformancePackEvaluationFilters struct {
	ConfigRuleNames []string `json:"ConfigRuleNames,omitempty"`
	ComplianceType  string   `json:"ComplianceType,omitempty"`
	ResourceType    string   `json:"ResourceType,omitempty"`
	ResourceIDs     []string `json:"ResourceIds,omitempty"`
}

// ConformancePackEvaluationResult is one result of a pack's rule.
type ConformancePackEvaluationResult struct {
	ComplianceType             string                      `json:"ComplianceType"`
	EvaluationResultIdentifier *EvaluationResultIdentifier `json:"EvaluationResultIdentifier"`
	ConfigRuleInvokedTime      time.Time                   `json:"ConfigRuleInvokedTime"`
	ResultRecordedTime         time.Time                   `json:"ResultRecordedTime"`
	Annotation                 string                      `json:"Annotation,omitempty"`
}

// GetConformancePackComplianceDetailsInput is the input of GetConformancePackComplianceDetails.
type GetConformancePackComplianceDetailsInput struct {
	ConformancePackName string                            `json:"ConformancePackName"`
	Filters             *ConformancePackEvaluationFilters `json:"Filters,omitempty"`
	Limit               int32                             `json:"Limit,omitempty"`
	NextToken           string                            `json:"NextToken,omitempty"`
}

// GetConformancePackComplianceDetailsOutput is the output of GetConformancePackComplianceDetails.
type GetConformancePackComplianceDetailsOutput struct {
	ConformancePackName                  string                            `json:"ConformancePackName"`
	ConformancePackRuleEvaluationResults []ConformancePackEvaluationResult `json:"ConformancePackRuleEvaluationResults"`
	NextToken                            string                            `json:"NextToken,omitempty"`
}

// ConformancePackComplianceScoresFilters filters ListConformancePackComplianceScores.
type ConformancePackComplianceScoresFilters struct {
	ConformancePackNames []string `json:"ConformancePackNames"`
}

// ConformancePackComplianceScore is a pack's score: compliant rule-resource pairs over all
// evaluated pairs, in percent.
type ConformancePackComplianceScore struct {
	Score               string     `json:"Score"`
	ConformancePackName string     `json:"ConformancePackName"`
	LastUpdatedTime     *time.Time `json:"LastUpdatedTime,omitempty"`
}

// ListConformancePackComplianceScoresInput is the input of ListConformancePackComplianceScores.
type ListConformancePackComplianceScoresInput struct {
	Filters   *ConformancePackComplianceScoresFilters `json:"Filters,omitempty"`
	SortOrder string                                  `json:"SortOrder,omitempty"`
	SortBy    string                                  `json:"SortBy,omitempty"`
	Limit     int32                                   `json:"Limit,omitempty"`
	NextToken string                                  `json:"NextToken,omitempty"`
}

// ListConformancePackComplianceScoresOutput is the output of ListConformancePackComplianceScores.
type ListConformancePackComplianceScoresOutput struct {
	NextToken                       string                           `json:"NextToken,omitempty"`
	ConformancePackComplianceScores []ConformancePackComplianceScore `json:"ConformancePackComplianceScores"`
}

// DescribeConformancePacks describes packs (all, or the named ones).
func (s *Service) DescribeConformancePacks(ctx context.Context, in *DescribeConformancePacksInput) (*DescribeConformancePacksOutput, error) {
	return bus.Call(ctx, s.b, op("DescribeConformancePacks", true), in, func(ctx context.Context, in *DescribeConformancePacksInput) (*DescribeConformancePacksOutput, error) {
		limit, err := limitOf(in.Limit, 20, 20, "limit", codeInvalidLimit)
		if err != nil {
			return nil, err
		}
		packs, err := s.packsNamed(in.ConformancePackNames, 25)
		if err != nil {
			return nil, err
		}
		var all []ConformancePackDetail
		for _, p := range packs {
			all = append(all, ConformancePackDetail{ConformancePackName: p.name, ConformancePackArn: p.arn, ConformancePackID: "conformance-pack-" + p.id,
				DeliveryS3Bucket: p.bucket, DeliveryS3KeyPrefix: p.prefix, ConformancePackInputParameters: append([]ConformancePackInputParameter(nil), p.params...),
				LastUpdateRequestedTime: tp(p.requested), TemplateSSMDocumentDetails: p.ssm})
		}
		out := &DescribeConformancePacksOutput{}
		out.ConformancePackDetails, out.NextToken, err = page("DescribeConformancePacks", all, in.NextToken, limit)
		return out, err
	})
}

// DescribeConformancePackStatus returns the deployment status of packs.
func (s *Service) DescribeConformancePackStatus(ctx context.Context, in *DescribeConformancePackStatusInput) (*DescribeConformancePackStatusOutput, error) {
	return bus.Call(ctx, s.b, op("DescribeConformancePackStatus", true), in, func(ctx context.Context, in *DescribeConformancePackStatusInput) (*DescribeConformancePackStatusOutput, error) {
		limit, err := limitOf(in.Limit, 20, 20, "limit", codeInvalidLimit)
		if err != nil {
			return nil, err
		}
		packs, err := s.packsNamed(in.ConformancePackNames, 25)
		if err != nil {
			return nil, err
		}
		var all []ConformancePackStatusDetail
		for _, p := range packs {
			all = append(all, ConformancePackStatusDetail{ConformancePackName: p.name, ConformancePackID: "conformance-pack-" + p.id, ConformancePackArn: p.arn,
				ConformancePackState: p.state, StackArn: s.b.ARN("cloudformation", "stack/awsconfigconforms-"+p.name+"-"+p.id+"/"+p.id),
				ConformancePackStatusReason: p.reason, LastUpdateRequestedTime: tp(p.requested), LastUpdateCompletedTime: tp(p.update)})
		}
		out := &DescribeConformancePackStatusOutput{}
		out.ConformancePackStatusDetails, out.NextToken, err = page("DescribeConformancePackStatus", all, in.NextToken, limit)
		return out, err
	})
}

// DescribeConformancePackCompliance returns the compliance of each rule of a pack.
func (s *Service) DescribeConformancePackCompliance(ctx context.Context, in *DescribeConformancePackComplianceInput) (*DescribeConformancePackComplianceOutput, error) {
	return bus.Call(ctx, s.b, op("DescribeConformancePackCompliance", true), in, func(ctx context.Context, in *DescribeConformancePackComplianceInput) (*DescribeConformancePackComplianceOutput, error) {
		limit, err := limitOf(in.Limit, 1000, 1000, "limit", codeInvalidLimit)
		if err != nil {
			return nil, err
		}
		p, err := s.packNamed(in.ConformancePackName)
		if err != nil {
			return nil, err
		}
		f := in.Filters
		if f == nil {
			f = &ConformancePackComplianceFilters{}
		}
		var all []ConformancePackRuleCompliance
		for _, r := range p.ruleNamed(f.ConfigRuleNames) {
			ct, _ := r.compliance()
			if f.ComplianceType != "" && f.ComplianceType != ct {
				continue
			}
			all = append(all, ConformancePackRuleCompliance{ConfigRuleName: r.name, ComplianceType: ct, Controls: []string{}})
		}
		out := &DescribeConformancePackComplianceOutput{ConformancePackName: p.name}
		out.ConformancePackRuleComplianceList, out.NextToken, err = page("DescribeConformancePackCompliance", all, in.NextToken, limit)
		return out, err
	})
}

// GetConformancePackComplianceSummary returns the roll-up of 1–5 packs.
func (s *Service) GetConformancePackComplianceSummary(ctx context.Context, in *GetConformancePackComplianceSummaryInput) (*GetConformancePackComplianceSummaryOutput, error) {
	return bus.Call(ctx, s.b, op("GetConformancePackComplianceSummary", true), in, func(ctx context.Context, in *GetConformancePackComplianceSummaryInput) (*GetConformancePackComplianceSummaryOutput, error) {
		limit, err := limitOf(in.Limit, 20, 20, "limit", codeInvalidLimit)
		if err != nil {
			return nil, err
		}
		if len(in.ConformancePackNames) == 0 {
			return nil, clientErr(codeValidation, awserr.ValidationMessage(awserr.Violation{NoValue: true, Member: "conformancePackNames",
				Constraint: "Member must have length greater than or equal to 1"}))
		}
		packs, err := s.packsNamed(in.ConformancePackNames, 5)
		if err != nil {
			return nil, err
		}
		var all []ConformancePackComplianceSummary
		for _, p := range packs {
			ct, _, _ := p.compliance()
			all = append(all, ConformancePackComplianceSummary{ConformancePackName: p.name, ConformancePackComplianceStatus: ct})
		}
		out := &GetConformancePackComplianceSummaryOutput{}
		out.ConformancePackComplianceSummaryList, out.NextToken, err = page("GetConformancePackComplianceSummary", all, in.NextToken, limit)
		return out, err
	})
}

// GetConformancePackComplianceDetails returns the results of a pack's rules.
func (s *Service) GetConformancePackComplianceDetails(ctx context.Context, in *GetConformancePackComplianceDetailsInput) (*GetConformancePackComplianceDetailsOutput, error) {
	return bus.Call(ctx, s.b, op("GetConformancePackComplianceDetails", true), in, func(ctx context.Context, in *GetConformancePackComplianceDetailsInput) (*GetConformancePackComplianceDetailsOutput, error) {
		limit, err := limitOf(in.Limit, 100, 100, "limit", codeInvalidLimit)
		if err != nil {
			return nil, err
		}
		p, err := s.packNamed(in.ConformancePackName)
		if err != nil {
			return nil, err
		}
		f := in.Filters
		if f == nil {
			f = &ConformancePackEvaluationFilters{}
		}
		ids := map[string]bool{}
		for _, id := range f.ResourceIDs {
			ids[id] = true
		}
		var all []ConformancePackEvaluationResult
		for _, r := range p.ruleNamed(f.ConfigRuleNames) {
			for _, k := range sortedKeys(r.results) {
				res := r.results[k]
				if res.ctype == NotApplicable || (f.ComplianceType != "" && f.ComplianceType != res.ctype) ||
					(f.ResourceType != "" && f.ResourceType != k.typ) || (len(ids) > 0 && !ids[k.id]) {
					continue
				}
				a := apiResult(r, k, res)
				all = append(all, ConformancePackEvaluationResult{ComplianceType: res.ctype, EvaluationResultIdentifier: a.EvaluationResultIdentifier,
					ConfigRuleInvokedTime: res.invoked, ResultRecordedTime: res.recorded, Annotation: res.annotation})
			}
		}
		out := &GetConformancePackComplianceDetailsOutput{ConformancePackName: p.name}
		out.ConformancePackRuleEvaluationResults, out.NextToken, err = page("GetConformancePackComplianceDetails", all, in.NextToken, limit)
		return out, err
	})
}

// score is compliant rule-resource pairs over compliant plus non-compliant pairs, in percent
// ("Compliance Scores", https://docs.aws.amazon.com/config/latest/developerguide/conformance-pack-dashboard.html);
// "INSUFFICIENT_DATA" without pairs [derived].
func (p *pack) score() string {
	comp, total := 0, 0
	for _, r := range p.rules {
		for _, res := range r.results {
			switch res.ctype {
			case Compliant:
				comp++
				total++
			case NonCompliant:
				total++
			}
		}
	}
	if total == 0 {
		return "INSUFFICIENT_DATA"
	}
	return strconv.FormatFloat(float64(comp)*100/float64(total), 'f', 2, 64)
}

// ListConformancePackComplianceScores returns the packs' compliance scores.
func (s *Service) ListConformancePackComplianceScores(ctx context.Context, in *ListConformancePackComplianceScoresInput) (*ListConformancePackComplianceScoresOutput, error) {
	return bus.Call(ctx, s.b, op("ListConformancePackComplianceScores", true), in, func(ctx context.Context, in *ListConformancePackComplianceScoresInput) (*ListConformancePackComplianceScoresOutput, error) {
		limit, err := limitOf(in.Limit, 20, 20, "limit", codeInvalidLimit)
		if err != nil {
			return nil, err
		}
		// The enums and the filter's 1–25 names of the API reference.
		switch in.SortBy {
		case "", "SCORE":
		default:
			return nil, awserr.Validation(codeValidation, in.SortBy, "sortBy", "Member must satisfy enum value set: [SCORE]")
		}
		switch in.SortOrder {
		case "", "ASCENDING", "DESCENDING":
		default:
			return nil, awserr.Validation(codeValidation, in.SortOrder, "sortOrder", "Member must satisfy enum value set: [ASCENDING, DESCENDING]")
		}
		var names []string
		if in.Filters != nil {
			if names = in.Filters.ConformancePackNames; len(names) == 0 {
				return nil, clientErr(codeValidation, awserr.ValidationMessage(awserr.Violation{NoValue: true, Member: "filters.conformancePackNames",
					Constraint: "Member must have length greater than or equal to 1"}))
			}
		}
		packs, err := s.packsNamed(names, 25)
		if err != nil {
			return nil, err
		}
		now := s.b.Now()
		all := make([]ConformancePackComplianceScore, 0, len(packs))
		scores := make(map[string]float64, len(packs)) // each score parsed once for the sort
		for _, p := range packs {
			sc := p.score()
			scores[p.name], _ = strconv.ParseFloat(sc, 64)
			all = append(all, ConformancePackComplianceScore{Score: sc, ConformancePackName: p.name, LastUpdatedTime: tp(now)})
		}
		desc := in.SortOrder == "DESCENDING"
		sort.SliceStable(all, func(i, j int) bool {
			a, b := all[i].ConformancePackName, all[j].ConformancePackName
			if in.SortBy == "SCORE" {
				fa, fb := scores[a], scores[b]
				if desc {
					return fa > fb
				}
				return fa < fb
			}
			if desc {
				return a > b
			}
			return a < b
		})
		out := &ListConformancePackComplianceScoresOutput{}
		out.ConformancePackComplianceScores, out.NextToken, err = page("ListConformancePackComplianceScores", all, in.NextToken, limit)
		return out, err
	})
}
