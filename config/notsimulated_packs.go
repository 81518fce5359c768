package config

import (
	"context"
	"encoding/json"
)

// Operations not simulated: conformance packs (see notsimulated.go).

// DeleteConformancePack is not simulated: conformance packs (templates are not deployed).
func (s *Service) DeleteConformancePack(ctx context.Context, in *DeleteConformancePackInput) (*DeleteConformancePackOutput, error) {
	return notSimulatedOp[DeleteConformancePackInput, DeleteConformancePackOutput](ctx, s, "DeleteConformancePack", "conformance packs", in)
}

// DeleteConformancePackInput is the input of DeleteConformancePack (not simulated).
type DeleteConformancePackInput struct {
	ConformancePackName string `json:"ConformancePackName,omitempty"`
}

// DeleteConformancePackOutput is the output of DeleteConformancePack (not simulated).
type DeleteConformancePackOutput struct {
}

// DescribeConformancePackCompliance is not simulated: conformance packs (templates are not deployed).
func (s *Service) DescribeConformancePackCompliance(ctx context.Context, in *DescribeConformancePackComplianceInput) (*DescribeConformancePackComplianceOutput, error) {
	return notSimulatedOp[DescribeConformancePackComplianceInput, DescribeConformancePackComplianceOutput](ctx, s, "DescribeConformancePackCompliance", "conformance packs", in)
}

// DescribeConformancePackComplianceInput is the input of DescribeConformancePackCompliance (not simulated).
type DescribeConformancePackComplianceInput struct {
	ConformancePackName string          `json:"ConformancePackName,omitempty"`
	Filters             json.RawMessage `json:"Filters,omitempty"`
	Limit               int32           `json:"Limit,omitempty"`
	NextToken           string          `json:"NextToken,omitempty"`
}

// DescribeConformancePackComplianceOutput is the output of DescribeConformancePackCompliance (not simulated).
type DescribeConformancePackComplianceOutput struct {
	ConformancePackName               string          `json:"ConformancePackName,omitempty"`
	ConformancePackRuleComplianceList json.RawMessage `json:"ConformancePackRuleComplianceList,omitempty"`
	NextToken                         string          `json:"NextToken,omitempty"`
}

// DescribeConformancePackStatus is not simulated: conformance packs (templates are not deployed).
func (s *Service) DescribeConformancePackStatus(ctx context.Context, in *DescribeConformancePackStatusInput) (*DescribeConformancePackStatusOutput, error) {
	return notSimulatedOp[DescribeConformancePackStatusInput, DescribeConformancePackStatusOutput](ctx, s, "DescribeConformancePackStatus", "conformance packs", in)
}

// DescribeConformancePackStatusInput is the input of DescribeConformancePackStatus (not simulated).
type DescribeConformancePackStatusInput struct {
	ConformancePackNames json.RawMessage `json:"ConformancePackNames,omitempty"`
	Limit                int32           `json:"Limit,omitempty"`
	NextToken            string          `json:"NextToken,omitempty"`
}

// DescribeConformancePackStatusOutput is the output of DescribeConformancePackStatus (not simulated).
type DescribeConformancePackStatusOutput struct {
	ConformancePackStatusDetails json.RawMessage `json:"ConformancePackStatusDetails,omitempty"`
	NextToken                    string          `json:"NextToken,omitempty"`
}

// DescribeConformancePacks is not simulated: conformance packs (templates are not deployed).
func (s *Service) DescribeConformancePacks(ctx context.Context, in *DescribeConformancePacksInput) (*DescribeConformancePacksOutput, error) {
	return notSimulatedOp[DescribeConformancePacksInput, DescribeConformancePacksOutput](ctx, s, "DescribeConformancePacks", "conformance packs", in)
}

// DescribeConformancePacksInput is the input of DescribeConformancePacks (not simulated).
type DescribeConformancePacksInput struct {
	ConformancePackNames json.RawMessage `json:"ConformancePackNames,omitempty"`
	Limit                int32           `json:"Limit,omitempty"`
	NextToken            string          `json:"NextToken,omitempty"`
}

// DescribeConformancePacksOutput is the output of DescribeConformancePacks (not simulated).
type DescribeConformancePacksOutput struct {
	ConformancePackDetails json.RawMessage `json:"ConformancePackDetails,omitempty"`
	NextToken              string          `json:"NextToken,omitempty"`
}

// GetConformancePackComplianceDetails is not simulated: conformance packs (templates are not deployed).
func (s *Service) GetConformancePackComplianceDetails(ctx context.Context, in *GetConformancePackComplianceDetailsInput) (*GetConformancePackComplianceDetailsOutput, error) {
	return notSimulatedOp[GetConformancePackComplianceDetailsInput, GetConformancePackComplianceDetailsOutput](ctx, s, "GetConformancePackComplianceDetails", "conformance packs", in)
}

// GetConformancePackComplianceDetailsInput is the input of GetConformancePackComplianceDetails (not simulated).
type GetConformancePackComplianceDetailsInput struct {
	ConformancePackName string          `json:"ConformancePackName,omitempty"`
	Filters             json.RawMessage `json:"Filters,omitempty"`
	Limit               int32           `json:"Limit,omitempty"`
	NextToken           string          `json:"NextToken,omitempty"`
}

// GetConformancePackComplianceDetailsOutput is the output of GetConformancePackComplianceDetails (not simulated).
type GetConformancePackComplianceDetailsOutput struct {
	ConformancePackName                  string          `json:"ConformancePackName,omitempty"`
	ConformancePackRuleEvaluationResults json.RawMessage `json:"ConformancePackRuleEvaluationResults,omitempty"`
	NextToken                            string          `json:"NextToken,omitempty"`
}

// GetConformancePackComplianceSummary is not simulated: conformance packs (templates are not deployed).
func (s *Service) GetConformancePackComplianceSummary(ctx context.Context, in *GetConformancePackComplianceSummaryInput) (*GetConformancePackComplianceSummaryOutput, error) {
	return notSimulatedOp[GetConformancePackComplianceSummaryInput, GetConformancePackComplianceSummaryOutput](ctx, s, "GetConformancePackComplianceSummary", "conformance packs", in)
}

// GetConformancePackComplianceSummaryInput is the input of GetConformancePackComplianceSummary (not simulated).
type GetConformancePackComplianceSummaryInput struct {
	ConformancePackNames json.RawMessage `json:"ConformancePackNames,omitempty"`
	Limit                int32           `json:"Limit,omitempty"`
	NextToken            string          `json:"NextToken,omitempty"`
}

// GetConformancePackComplianceSummaryOutput is the output of GetConformancePackComplianceSummary (not simulated).
type GetConformancePackComplianceSummaryOutput struct {
	ConformancePackComplianceSummaryList json.RawMessage `json:"ConformancePackComplianceSummaryList,omitempty"`
	NextToken                            string          `json:"NextToken,omitempty"`
}

// ListConformancePackComplianceScores is not simulated: conformance packs (templates are not deployed).
func (s *Service) ListConformancePackComplianceScores(ctx context.Context, in *ListConformancePackComplianceScoresInput) (*ListConformancePackComplianceScoresOutput, error) {
	return notSimulatedOp[ListConformancePackComplianceScoresInput, ListConformancePackComplianceScoresOutput](ctx, s, "ListConformancePackComplianceScores", "conformance packs", in)
}

// ListConformancePackComplianceScoresInput is the input of ListConformancePackComplianceScores (not simulated).
type ListConformancePackComplianceScoresInput struct {
	Filters   json.RawMessage `json:"Filters,omitempty"`
	SortOrder string          `json:"SortOrder,omitempty"`
	SortBy    string          `json:"SortBy,omitempty"`
	Limit     int32           `json:"Limit,omitempty"`
	NextToken string          `json:"NextToken,omitempty"`
}

// ListConformancePackComplianceScoresOutput is the output of ListConformancePackComplianceScores (not simulated).
type ListConformancePackComplianceScoresOutput struct {
	NextToken                       string          `json:"NextToken,omitempty"`
	ConformancePackComplianceScores json.RawMessage `json:"ConformancePackComplianceScores,omitempty"`
}

// PutConformancePack is not simulated: conformance packs (templates are not deployed).
func (s *Service) PutConformancePack(ctx context.Context, in *PutConformancePackInput) (*PutConformancePackOutput, error) {
	return notSimulatedOp[PutConformancePackInput, PutConformancePackOutput](ctx, s, "PutConformancePack", "conformance packs", in)
}

// PutConformancePackInput is the input of PutConformancePack (not simulated).
type PutConformancePackInput struct {
	ConformancePackName            string          `json:"ConformancePackName,omitempty"`
	TemplateS3Uri                  string          `json:"TemplateS3Uri,omitempty"`
	TemplateBody                   string          `json:"TemplateBody,omitempty"`
	DeliveryS3Bucket               string          `json:"DeliveryS3Bucket,omitempty"`
	DeliveryS3KeyPrefix            string          `json:"DeliveryS3KeyPrefix,omitempty"`
	ConformancePackInputParameters json.RawMessage `json:"ConformancePackInputParameters,omitempty"`
	TemplateSSMDocumentDetails     json.RawMessage `json:"TemplateSSMDocumentDetails,omitempty"`
	Tags                           json.RawMessage `json:"Tags,omitempty"`
}

// PutConformancePackOutput is the output of PutConformancePack (not simulated).
type PutConformancePackOutput struct {
	ConformancePackArn string `json:"ConformancePackArn,omitempty"`
}
