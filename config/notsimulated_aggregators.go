package config

import (
	"context"
	"encoding/json"
)

// Operations not simulated: aggregators (multi-account, multi-region views) (see notsimulated.go).

// BatchGetAggregateResourceConfig is not simulated: aggregators (multi-account, multi-region views) (the simulator is one account in one region).
func (s *Service) BatchGetAggregateResourceConfig(ctx context.Context, in *BatchGetAggregateResourceConfigInput) (*BatchGetAggregateResourceConfigOutput, error) {
	return notSimulatedOp[BatchGetAggregateResourceConfigInput, BatchGetAggregateResourceConfigOutput](ctx, s, "BatchGetAggregateResourceConfig", "aggregators (multi-account, multi-region views)", in)
}

// BatchGetAggregateResourceConfigInput is the input of BatchGetAggregateResourceConfig (not simulated).
type BatchGetAggregateResourceConfigInput struct {
	ConfigurationAggregatorName string          `json:"ConfigurationAggregatorName,omitempty"`
	ResourceIdentifiers         json.RawMessage `json:"ResourceIdentifiers,omitempty"`
}

// BatchGetAggregateResourceConfigOutput is the output of BatchGetAggregateResourceConfig (not simulated).
type BatchGetAggregateResourceConfigOutput struct {
	BaseConfigurationItems         json.RawMessage `json:"BaseConfigurationItems,omitempty"`
	UnprocessedResourceIdentifiers json.RawMessage `json:"UnprocessedResourceIdentifiers,omitempty"`
}

// DeleteAggregationAuthorization is not simulated: aggregators (multi-account, multi-region views) (the simulator is one account in one region).
func (s *Service) DeleteAggregationAuthorization(ctx context.Context, in *DeleteAggregationAuthorizationInput) (*DeleteAggregationAuthorizationOutput, error) {
	return notSimulatedOp[DeleteAggregationAuthorizationInput, DeleteAggregationAuthorizationOutput](ctx, s, "DeleteAggregationAuthorization", "aggregators (multi-account, multi-region views)", in)
}

// DeleteAggregationAuthorizationInput is the input of DeleteAggregationAuthorization (not simulated).
type DeleteAggregationAuthorizationInput struct {
	AuthorizedAccountID string `json:"AuthorizedAccountId,omitempty"`
	AuthorizedAwsRegion string `json:"AuthorizedAwsRegion,omitempty"`
}

// DeleteAggregationAuthorizationOutput is the output of DeleteAggregationAuthorization (not simulated).
type DeleteAggregationAuthorizationOutput struct {
}

// DeleteConfigurationAggregator is not simulated: aggregators (multi-account, multi-region views) (the simulator is one account in one region).
func (s *Service) DeleteConfigurationAggregator(ctx context.Context, in *DeleteConfigurationAggregatorInput) (*DeleteConfigurationAggregatorOutput, error) {
	return notSimulatedOp[DeleteConfigurationAggregatorInput, DeleteConfigurationAggregatorOutput](ctx, s, "DeleteConfigurationAggregator", "aggregators (multi-account, multi-region views)", in)
}

// DeleteConfigurationAggregatorInput is the input of DeleteConfigurationAggregator (not simulated).
type DeleteConfigurationAggregatorInput struct {
	ConfigurationAggregatorName string `json:"ConfigurationAggregatorName,omitempty"`
}

// DeleteConfigurationAggregatorOutput is the output of DeleteConfigurationAggregator (not simulated).
type DeleteConfigurationAggregatorOutput struct {
}

// DeletePendingAggregationRequest is not simulated: aggregators (multi-account, multi-region views) (the simulator is one account in one region).
func (s *Service) DeletePendingAggregationRequest(ctx context.Context, in *DeletePendingAggregationRequestInput) (*DeletePendingAggregationRequestOutput, error) {
	return notSimulatedOp[DeletePendingAggregationRequestInput, DeletePendingAggregationRequestOutput](ctx, s, "DeletePendingAggregationRequest", "aggregators (multi-account, multi-region views)", in)
}

// DeletePendingAggregationRequestInput is the input of DeletePendingAggregationRequest (not simulated).
type DeletePendingAggregationRequestInput struct {
	RequesterAccountID string `json:"RequesterAccountId,omitempty"`
	RequesterAwsRegion string `json:"RequesterAwsRegion,omitempty"`
}

// DeletePendingAggregationRequestOutput is the output of DeletePendingAggregationRequest (not simulated).
type DeletePendingAggregationRequestOutput struct {
}

// DescribeAggregateComplianceByConfigRules is not simulated: aggregators (multi-account, multi-region views) (the simulator is one account in one region).
func (s *Service) DescribeAggregateComplianceByConfigRules(ctx context.Context, in *DescribeAggregateComplianceByConfigRulesInput) (*DescribeAggregateComplianceByConfigRulesOutput, error) {
	return notSimulatedOp[DescribeAggregateComplianceByConfigRulesInput, DescribeAggregateComplianceByConfigRulesOutput](ctx, s, "DescribeAggregateComplianceByConfigRules", "aggregators (multi-account, multi-region views)", in)
}

// DescribeAggregateComplianceByConfigRulesInput is the input of DescribeAggregateComplianceByConfigRules (not simulated).
type DescribeAggregateComplianceByConfigRulesInput struct {
	ConfigurationAggregatorName string          `json:"ConfigurationAggregatorName,omitempty"`
	Filters                     json.RawMessage `json:"Filters,omitempty"`
	Limit                       int32           `json:"Limit,omitempty"`
	NextToken                   string          `json:"NextToken,omitempty"`
}

// DescribeAggregateComplianceByConfigRulesOutput is the output of DescribeAggregateComplianceByConfigRules (not simulated).
type DescribeAggregateComplianceByConfigRulesOutput struct {
	AggregateComplianceByConfigRules json.RawMessage `json:"AggregateComplianceByConfigRules,omitempty"`
	NextToken                        string          `json:"NextToken,omitempty"`
}

// DescribeAggregateComplianceByConformancePacks is not simulated: aggregators (multi-account, multi-region views) (the simulator is one account in one region).
func (s *Service) DescribeAggregateComplianceByConformancePacks(ctx context.Context, in *DescribeAggregateComplianceByConformancePacksInput) (*DescribeAggregateComplianceByConformancePacksOutput, error) {
	return notSimulatedOp[DescribeAggregateComplianceByConformancePacksInput, DescribeAggregateComplianceByConformancePacksOutput](ctx, s, "DescribeAggregateComplianceByConformancePacks", "aggregators (multi-account, multi-region views)", in)
}

// DescribeAggregateComplianceByConformancePacksInput is the input of DescribeAggregateComplianceByConformancePacks (not simulated).
type DescribeAggregateComplianceByConformancePacksInput struct {
	ConfigurationAggregatorName string          `json:"ConfigurationAggregatorName,omitempty"`
	Filters                     json.RawMessage `json:"Filters,omitempty"`
	Limit                       int32           `json:"Limit,omitempty"`
	NextToken                   string          `json:"NextToken,omitempty"`
}

// DescribeAggregateComplianceByConformancePacksOutput is the output of DescribeAggregateComplianceByConformancePacks (not simulated).
type DescribeAggregateComplianceByConformancePacksOutput struct {
	AggregateComplianceByConformancePacks json.RawMessage `json:"AggregateComplianceByConformancePacks,omitempty"`
	NextToken                             string          `json:"NextToken,omitempty"`
}

// DescribeAggregationAuthorizations is not simulated: aggregators (multi-account, multi-region views) (the simulator is one account in one region).
func (s *Service) DescribeAggregationAuthorizations(ctx context.Context, in *DescribeAggregationAuthorizationsInput) (*DescribeAggregationAuthorizationsOutput, error) {
	return notSimulatedOp[DescribeAggregationAuthorizationsInput, DescribeAggregationAuthorizationsOutput](ctx, s, "DescribeAggregationAuthorizations", "aggregators (multi-account, multi-region views)", in)
}

// DescribeAggregationAuthorizationsInput is the input of DescribeAggregationAuthorizations (not simulated).
type DescribeAggregationAuthorizationsInput struct {
	Limit     int32  `json:"Limit,omitempty"`
	NextToken string `json:"NextToken,omitempty"`
}

// DescribeAggregationAuthorizationsOutput is the output of DescribeAggregationAuthorizations (not simulated).
type DescribeAggregationAuthorizationsOutput struct {
	AggregationAuthorizations json.RawMessage `json:"AggregationAuthorizations,omitempty"`
	NextToken                 string          `json:"NextToken,omitempty"`
}

// DescribeConfigurationAggregatorSourcesStatus is not simulated: aggregators (multi-account, multi-region views) (the simulator is one account in one region).
func (s *Service) DescribeConfigurationAggregatorSourcesStatus(ctx context.Context, in *DescribeConfigurationAggregatorSourcesStatusInput) (*DescribeConfigurationAggregatorSourcesStatusOutput, error) {
	return notSimulatedOp[DescribeConfigurationAggregatorSourcesStatusInput, DescribeConfigurationAggregatorSourcesStatusOutput](ctx, s, "DescribeConfigurationAggregatorSourcesStatus", "aggregators (multi-account, multi-region views)", in)
}

// DescribeConfigurationAggregatorSourcesStatusInput is the input of DescribeConfigurationAggregatorSourcesStatus (not simulated).
type DescribeConfigurationAggregatorSourcesStatusInput struct {
	ConfigurationAggregatorName string          `json:"ConfigurationAggregatorName,omitempty"`
	UpdateStatus                json.RawMessage `json:"UpdateStatus,omitempty"`
	NextToken                   string          `json:"NextToken,omitempty"`
	Limit                       int32           `json:"Limit,omitempty"`
}

// DescribeConfigurationAggregatorSourcesStatusOutput is the output of DescribeConfigurationAggregatorSourcesStatus (not simulated).
type DescribeConfigurationAggregatorSourcesStatusOutput struct {
	AggregatedSourceStatusList json.RawMessage `json:"AggregatedSourceStatusList,omitempty"`
	NextToken                  string          `json:"NextToken,omitempty"`
}

// DescribeConfigurationAggregators is not simulated: aggregators (multi-account, multi-region views) (the simulator is one account in one region).
func (s *Service) DescribeConfigurationAggregators(ctx context.Context, in *DescribeConfigurationAggregatorsInput) (*DescribeConfigurationAggregatorsOutput, error) {
	return notSimulatedOp[DescribeConfigurationAggregatorsInput, DescribeConfigurationAggregatorsOutput](ctx, s, "DescribeConfigurationAggregators", "aggregators (multi-account, multi-region views)", in)
}

// DescribeConfigurationAggregatorsInput is the input of DescribeConfigurationAggregators (not simulated).
type DescribeConfigurationAggregatorsInput struct {
	ConfigurationAggregatorNames json.RawMessage `json:"ConfigurationAggregatorNames,omitempty"`
	NextToken                    string          `json:"NextToken,omitempty"`
	Limit                        int32           `json:"Limit,omitempty"`
}

// DescribeConfigurationAggregatorsOutput is the output of DescribeConfigurationAggregators (not simulated).
type DescribeConfigurationAggregatorsOutput struct {
	ConfigurationAggregators json.RawMessage `json:"ConfigurationAggregators,omitempty"`
	NextToken                string          `json:"NextToken,omitempty"`
}

// DescribePendingAggregationRequests is not simulated: aggregators (multi-account, multi-region views) (the simulator is one account in one region).
func (s *Service) DescribePendingAggregationRequests(ctx context.Context, in *DescribePendingAggregationRequestsInput) (*DescribePendingAggregationRequestsOutput, error) {
	return notSimulatedOp[DescribePendingAggregationRequestsInput, DescribePendingAggregationRequestsOutput](ctx, s, "DescribePendingAggregationRequests", "aggregators (multi-account, multi-region views)", in)
}

// DescribePendingAggregationRequestsInput is the input of DescribePendingAggregationRequests (not simulated).
type DescribePendingAggregationRequestsInput struct {
	Limit     int32  `json:"Limit,omitempty"`
	NextToken string `json:"NextToken,omitempty"`
}

// DescribePendingAggregationRequestsOutput is the output of DescribePendingAggregationRequests (not simulated).
type DescribePendingAggregationRequestsOutput struct {
	PendingAggregationRequests json.RawMessage `json:"PendingAggregationRequests,omitempty"`
	NextToken                  string          `json:"NextToken,omitempty"`
}

// GetAggregateComplianceDetailsByConfigRule is not simulated: aggregators (multi-account, multi-region views) (the simulator is one account in one region).
func (s *Service) GetAggregateComplianceDetailsByConfigRule(ctx context.Context, in *GetAggregateComplianceDetailsByConfigRuleInput) (*GetAggregateComplianceDetailsByConfigRuleOutput, error) {
	return notSimulatedOp[GetAggregateComplianceDetailsByConfigRuleInput, GetAggregateComplianceDetailsByConfigRuleOutput](ctx, s, "GetAggregateComplianceDetailsByConfigRule", "aggregators (multi-account, multi-region views)", in)
}

// GetAggregateComplianceDetailsByConfigRuleInput is the input of GetAggregateComplianceDetailsByConfigRule (not simulated).
type GetAggregateComplianceDetailsByConfigRuleInput struct {
	ConfigurationAggregatorName string `json:"ConfigurationAggregatorName,omitempty"`
	ConfigRuleName              string `json:"ConfigRuleName,omitempty"`
	AccountID                   string `json:"AccountId,omitempty"`
	AwsRegion                   string `json:"AwsRegion,omitempty"`
	ComplianceType              string `json:"ComplianceType,omitempty"`
	Limit                       int32  `json:"Limit,omitempty"`
	NextToken                   string `json:"NextToken,omitempty"`
}

// GetAggregateComplianceDetailsByConfigRuleOutput is the output of GetAggregateComplianceDetailsByConfigRule (not simulated).
type GetAggregateComplianceDetailsByConfigRuleOutput struct {
	AggregateEvaluationResults json.RawMessage `json:"AggregateEvaluationResults,omitempty"`
	NextToken                  string          `json:"NextToken,omitempty"`
}

// GetAggregateConfigRuleComplianceSummary is not simulated: aggregators (multi-account, multi-region views) (the simulator is one account in one region).
func (s *Service) GetAggregateConfigRuleComplianceSummary(ctx context.Context, in *GetAggregateConfigRuleComplianceSummaryInput) (*GetAggregateConfigRuleComplianceSummaryOutput, error) {
	return notSimulatedOp[GetAggregateConfigRuleComplianceSummaryInput, GetAggregateConfigRuleComplianceSummaryOutput](ctx, s, "GetAggregateConfigRuleComplianceSummary", "aggregators (multi-account, multi-region views)", in)
}

// GetAggregateConfigRuleComplianceSummaryInput is the input of GetAggregateConfigRuleComplianceSummary (not simulated).
type GetAggregateConfigRuleComplianceSummaryInput struct {
	ConfigurationAggregatorName string          `json:"ConfigurationAggregatorName,omitempty"`
	Filters                     json.RawMessage `json:"Filters,omitempty"`
	GroupByKey                  string          `json:"GroupByKey,omitempty"`
	Limit                       int32           `json:"Limit,omitempty"`
	NextToken                   string          `json:"NextToken,omitempty"`
}

// GetAggregateConfigRuleComplianceSummaryOutput is the output of GetAggregateConfigRuleComplianceSummary (not simulated).
type GetAggregateConfigRuleComplianceSummaryOutput struct {
	GroupByKey                string          `json:"GroupByKey,omitempty"`
	AggregateComplianceCounts json.RawMessage `json:"AggregateComplianceCounts,omitempty"`
	NextToken                 string          `json:"NextToken,omitempty"`
}

// GetAggregateConformancePackComplianceSummary is not simulated: aggregators (multi-account, multi-region views) (the simulator is one account in one region).
func (s *Service) GetAggregateConformancePackComplianceSummary(ctx context.Context, in *GetAggregateConformancePackComplianceSummaryInput) (*GetAggregateConformancePackComplianceSummaryOutput, error) {
	return notSimulatedOp[GetAggregateConformancePackComplianceSummaryInput, GetAggregateConformancePackComplianceSummaryOutput](ctx, s, "GetAggregateConformancePackComplianceSummary", "aggregators (multi-account, multi-region views)", in)
}

// GetAggregateConformancePackComplianceSummaryInput is the input of GetAggregateConformancePackComplianceSummary (not simulated).
type GetAggregateConformancePackComplianceSummaryInput struct {
	ConfigurationAggregatorName string          `json:"ConfigurationAggregatorName,omitempty"`
	Filters                     json.RawMessage `json:"Filters,omitempty"`
	GroupByKey                  string          `json:"GroupByKey,omitempty"`
	Limit                       int32           `json:"Limit,omitempty"`
	NextToken                   string          `json:"NextToken,omitempty"`
}

// GetAggregateConformancePackComplianceSummaryOutput is the output of GetAggregateConformancePackComplianceSummary (not simulated).
type GetAggregateConformancePackComplianceSummaryOutput struct {
	AggregateConformancePackComplianceSummaries json.RawMessage `json:"AggregateConformancePackComplianceSummaries,omitempty"`
	GroupByKey                                  string          `json:"GroupByKey,omitempty"`
	NextToken                                   string          `json:"NextToken,omitempty"`
}

// GetAggregateDiscoveredResourceCounts is not simulated: aggregators (multi-account, multi-region views) (the simulator is one account in one region).
func (s *Service) GetAggregateDiscoveredResourceCounts(ctx context.Context, in *GetAggregateDiscoveredResourceCountsInput) (*GetAggregateDiscoveredResourceCountsOutput, error) {
	return notSimulatedOp[GetAggregateDiscoveredResourceCountsInput, GetAggregateDiscoveredResourceCountsOutput](ctx, s, "GetAggregateDiscoveredResourceCounts", "aggregators (multi-account, multi-region views)", in)
}

// GetAggregateDiscoveredResourceCountsInput is the input of GetAggregateDiscoveredResourceCounts (not simulated).
type GetAggregateDiscoveredResourceCountsInput struct {
	ConfigurationAggregatorName string          `json:"ConfigurationAggregatorName,omitempty"`
	Filters                     json.RawMessage `json:"Filters,omitempty"`
	GroupByKey                  string          `json:"GroupByKey,omitempty"`
	Limit                       int32           `json:"Limit,omitempty"`
	NextToken                   string          `json:"NextToken,omitempty"`
}

// GetAggregateDiscoveredResourceCountsOutput is the output of GetAggregateDiscoveredResourceCounts (not simulated).
type GetAggregateDiscoveredResourceCountsOutput struct {
	TotalDiscoveredResources int64           `json:"TotalDiscoveredResources,omitempty"`
	GroupByKey               string          `json:"GroupByKey,omitempty"`
	GroupedResourceCounts    json.RawMessage `json:"GroupedResourceCounts,omitempty"`
	NextToken                string          `json:"NextToken,omitempty"`
}

// GetAggregateResourceConfig is not simulated: aggregators (multi-account, multi-region views) (the simulator is one account in one region).
func (s *Service) GetAggregateResourceConfig(ctx context.Context, in *GetAggregateResourceConfigInput) (*GetAggregateResourceConfigOutput, error) {
	return notSimulatedOp[GetAggregateResourceConfigInput, GetAggregateResourceConfigOutput](ctx, s, "GetAggregateResourceConfig", "aggregators (multi-account, multi-region views)", in)
}

// GetAggregateResourceConfigInput is the input of GetAggregateResourceConfig (not simulated).
type GetAggregateResourceConfigInput struct {
	ConfigurationAggregatorName string          `json:"ConfigurationAggregatorName,omitempty"`
	ResourceIdentifier          json.RawMessage `json:"ResourceIdentifier,omitempty"`
}

// GetAggregateResourceConfigOutput is the output of GetAggregateResourceConfig (not simulated).
type GetAggregateResourceConfigOutput struct {
	ConfigurationItem json.RawMessage `json:"ConfigurationItem,omitempty"`
}

// ListAggregateDiscoveredResources is not simulated: aggregators (multi-account, multi-region views) (the simulator is one account in one region).
func (s *Service) ListAggregateDiscoveredResources(ctx context.Context, in *ListAggregateDiscoveredResourcesInput) (*ListAggregateDiscoveredResourcesOutput, error) {
	return notSimulatedOp[ListAggregateDiscoveredResourcesInput, ListAggregateDiscoveredResourcesOutput](ctx, s, "ListAggregateDiscoveredResources", "aggregators (multi-account, multi-region views)", in)
}

// ListAggregateDiscoveredResourcesInput is the input of ListAggregateDiscoveredResources (not simulated).
type ListAggregateDiscoveredResourcesInput struct {
	ConfigurationAggregatorName string          `json:"ConfigurationAggregatorName,omitempty"`
	ResourceType                string          `json:"ResourceType,omitempty"`
	Filters                     json.RawMessage `json:"Filters,omitempty"`
	Limit                       int32           `json:"Limit,omitempty"`
	NextToken                   string          `json:"NextToken,omitempty"`
}

// ListAggregateDiscoveredResourcesOutput is the output of ListAggregateDiscoveredResources (not simulated).
type ListAggregateDiscoveredResourcesOutput struct {
	ResourceIdentifiers json.RawMessage `json:"ResourceIdentifiers,omitempty"`
	NextToken           string          `json:"NextToken,omitempty"`
}

// PutAggregationAuthorization is not simulated: aggregators (multi-account, multi-region views) (the simulator is one account in one region).
func (s *Service) PutAggregationAuthorization(ctx context.Context, in *PutAggregationAuthorizationInput) (*PutAggregationAuthorizationOutput, error) {
	return notSimulatedOp[PutAggregationAuthorizationInput, PutAggregationAuthorizationOutput](ctx, s, "PutAggregationAuthorization", "aggregators (multi-account, multi-region views)", in)
}

// PutAggregationAuthorizationInput is the input of PutAggregationAuthorization (not simulated).
type PutAggregationAuthorizationInput struct {
	AuthorizedAccountID string          `json:"AuthorizedAccountId,omitempty"`
	AuthorizedAwsRegion string          `json:"AuthorizedAwsRegion,omitempty"`
	Tags                json.RawMessage `json:"Tags,omitempty"`
}

// PutAggregationAuthorizationOutput is the output of PutAggregationAuthorization (not simulated).
type PutAggregationAuthorizationOutput struct {
	AggregationAuthorization json.RawMessage `json:"AggregationAuthorization,omitempty"`
}

// PutConfigurationAggregator is not simulated: aggregators (multi-account, multi-region views) (the simulator is one account in one region).
func (s *Service) PutConfigurationAggregator(ctx context.Context, in *PutConfigurationAggregatorInput) (*PutConfigurationAggregatorOutput, error) {
	return notSimulatedOp[PutConfigurationAggregatorInput, PutConfigurationAggregatorOutput](ctx, s, "PutConfigurationAggregator", "aggregators (multi-account, multi-region views)", in)
}

// PutConfigurationAggregatorInput is the input of PutConfigurationAggregator (not simulated).
type PutConfigurationAggregatorInput struct {
	ConfigurationAggregatorName   string          `json:"ConfigurationAggregatorName,omitempty"`
	AccountAggregationSources     json.RawMessage `json:"AccountAggregationSources,omitempty"`
	OrganizationAggregationSource json.RawMessage `json:"OrganizationAggregationSource,omitempty"`
	Tags                          json.RawMessage `json:"Tags,omitempty"`
	AggregatorFilters             json.RawMessage `json:"AggregatorFilters,omitempty"`
}

// PutConfigurationAggregatorOutput is the output of PutConfigurationAggregator (not simulated).
type PutConfigurationAggregatorOutput struct {
	ConfigurationAggregator json.RawMessage `json:"ConfigurationAggregator,omitempty"`
}

// SelectAggregateResourceConfig is not simulated: aggregators (multi-account, multi-region views) (the simulator is one account in one region).
func (s *Service) SelectAggregateResourceConfig(ctx context.Context, in *SelectAggregateResourceConfigInput) (*SelectAggregateResourceConfigOutput, error) {
	return notSimulatedOp[SelectAggregateResourceConfigInput, SelectAggregateResourceConfigOutput](ctx, s, "SelectAggregateResourceConfig", "aggregators (multi-account, multi-region views)", in)
}

// SelectAggregateResourceConfigInput is the input of SelectAggregateResourceConfig (not simulated).
type SelectAggregateResourceConfigInput struct {
	Expression                  string `json:"Expression,omitempty"`
	ConfigurationAggregatorName string `json:"ConfigurationAggregatorName,omitempty"`
	Limit                       int32  `json:"Limit,omitempty"`
	MaxResults                  int32  `json:"MaxResults,omitempty"`
	NextToken                   string `json:"NextToken,omitempty"`
}

// SelectAggregateResourceConfigOutput is the output of SelectAggregateResourceConfig (not simulated).
type SelectAggregateResourceConfigOutput struct {
	Results   json.RawMessage `json:"Results,omitempty"`
	QueryInfo json.RawMessage `json:"QueryInfo,omitempty"`
	NextToken string          `json:"NextToken,omitempty"`
}
