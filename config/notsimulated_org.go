package config

import (
	"context"
	"encoding/json"
)

// Operations not simulated: third-party connectors and their recorders, AWS Organizations rules and conformance packs (see notsimulated.go).

// DeleteConnector is not simulated: third-party connectors and their recorders (only AWS resources are recorded).
func (s *Service) DeleteConnector(ctx context.Context, in *DeleteConnectorInput) (*DeleteConnectorOutput, error) {
	return notSimulatedOp[DeleteConnectorInput, DeleteConnectorOutput](ctx, s, "DeleteConnector", "third-party connectors and their recorders", in)
}

// DeleteConnectorInput is the input of DeleteConnector (not simulated).
type DeleteConnectorInput struct {
	Arn string `json:"Arn,omitempty"`
}

// DeleteConnectorOutput is the output of DeleteConnector (not simulated).
type DeleteConnectorOutput struct {
}

// GetConnector is not simulated: third-party connectors and their recorders (only AWS resources are recorded).
func (s *Service) GetConnector(ctx context.Context, in *GetConnectorInput) (*GetConnectorOutput, error) {
	return notSimulatedOp[GetConnectorInput, GetConnectorOutput](ctx, s, "GetConnector", "third-party connectors and their recorders", in)
}

// GetConnectorInput is the input of GetConnector (not simulated).
type GetConnectorInput struct {
	Arn string `json:"Arn,omitempty"`
}

// GetConnectorOutput is the output of GetConnector (not simulated).
type GetConnectorOutput struct {
	Connector json.RawMessage `json:"Connector,omitempty"`
}

// ListConnectors is not simulated: third-party connectors and their recorders (only AWS resources are recorded).
func (s *Service) ListConnectors(ctx context.Context, in *ListConnectorsInput) (*ListConnectorsOutput, error) {
	return notSimulatedOp[ListConnectorsInput, ListConnectorsOutput](ctx, s, "ListConnectors", "third-party connectors and their recorders", in)
}

// ListConnectorsInput is the input of ListConnectors (not simulated).
type ListConnectorsInput struct {
	MaxResults int32           `json:"MaxResults,omitempty"`
	NextToken  string          `json:"NextToken,omitempty"`
	Filters    json.RawMessage `json:"Filters,omitempty"`
}

// ListConnectorsOutput is the output of ListConnectors (not simulated).
type ListConnectorsOutput struct {
	ConnectorSummaries json.RawMessage `json:"ConnectorSummaries,omitempty"`
	NextToken          string          `json:"NextToken,omitempty"`
}

// PutConnector is not simulated: third-party connectors and their recorders (only AWS resources are recorded).
func (s *Service) PutConnector(ctx context.Context, in *PutConnectorInput) (*PutConnectorOutput, error) {
	return notSimulatedOp[PutConnectorInput, PutConnectorOutput](ctx, s, "PutConnector", "third-party connectors and their recorders", in)
}

// PutConnectorInput is the input of PutConnector (not simulated).
type PutConnectorInput struct {
	ConnectorConfiguration json.RawMessage `json:"ConnectorConfiguration,omitempty"`
	Tags                   json.RawMessage `json:"Tags,omitempty"`
}

// PutConnectorOutput is the output of PutConnector (not simulated).
type PutConnectorOutput struct {
	Arn string `json:"Arn,omitempty"`
}

// PutThirdPartyServiceLinkedConfigurationRecorder is not simulated: third-party connectors and their recorders (only AWS resources are recorded).
func (s *Service) PutThirdPartyServiceLinkedConfigurationRecorder(ctx context.Context, in *PutThirdPartyServiceLinkedConfigurationRecorderInput) (*PutThirdPartyServiceLinkedConfigurationRecorderOutput, error) {
	return notSimulatedOp[PutThirdPartyServiceLinkedConfigurationRecorderInput, PutThirdPartyServiceLinkedConfigurationRecorderOutput](ctx, s, "PutThirdPartyServiceLinkedConfigurationRecorder", "third-party connectors and their recorders", in)
}

// PutThirdPartyServiceLinkedConfigurationRecorderInput is the input of PutThirdPartyServiceLinkedConfigurationRecorder (not simulated).
type PutThirdPartyServiceLinkedConfigurationRecorderInput struct {
	ServicePrincipal   string          `json:"ServicePrincipal,omitempty"`
	ConnectorArn       string          `json:"ConnectorArn,omitempty"`
	ScopeConfiguration json.RawMessage `json:"ScopeConfiguration,omitempty"`
	Tags               json.RawMessage `json:"Tags,omitempty"`
}

// PutThirdPartyServiceLinkedConfigurationRecorderOutput is the output of PutThirdPartyServiceLinkedConfigurationRecorder (not simulated).
type PutThirdPartyServiceLinkedConfigurationRecorderOutput struct {
	Arn  string `json:"Arn,omitempty"`
	Name string `json:"Name,omitempty"`
}

// DeleteOrganizationConfigRule is not simulated: AWS Organizations rules and conformance packs (the simulator has no AWS Organizations).
func (s *Service) DeleteOrganizationConfigRule(ctx context.Context, in *DeleteOrganizationConfigRuleInput) (*DeleteOrganizationConfigRuleOutput, error) {
	return notSimulatedOp[DeleteOrganizationConfigRuleInput, DeleteOrganizationConfigRuleOutput](ctx, s, "DeleteOrganizationConfigRule", "AWS Organizations rules and conformance packs", in)
}

// DeleteOrganizationConfigRuleInput is the input of DeleteOrganizationConfigRule (not simulated).
type DeleteOrganizationConfigRuleInput struct {
	OrganizationConfigRuleName string `json:"OrganizationConfigRuleName,omitempty"`
}

// DeleteOrganizationConfigRuleOutput is the output of DeleteOrganizationConfigRule (not simulated).
type DeleteOrganizationConfigRuleOutput struct {
}

// DeleteOrganizationConformancePack is not simulated: AWS Organizations rules and conformance packs (the simulator has no AWS Organizations).
func (s *Service) DeleteOrganizationConformancePack(ctx context.Context, in *DeleteOrganizationConformancePackInput) (*DeleteOrganizationConformancePackOutput, error) {
	return notSimulatedOp[DeleteOrganizationConformancePackInput, DeleteOrganizationConformancePackOutput](ctx, s, "DeleteOrganizationConformancePack", "AWS Organizations rules and conformance packs", in)
}

// DeleteOrganizationConformancePackInput is the input of DeleteOrganizationConformancePack (not simulated).
type DeleteOrganizationConformancePackInput struct {
	OrganizationConformancePackName string `json:"OrganizationConformancePackName,omitempty"`
}

// DeleteOrganizationConformancePackOutput is the output of DeleteOrganizationConformancePack (not simulated).
type DeleteOrganizationConformancePackOutput struct {
}

// DescribeOrganizationConfigRuleStatuses is not simulated: AWS Organizations rules and conformance packs (the simulator has no AWS Organizations).
func (s *Service) DescribeOrganizationConfigRuleStatuses(ctx context.Context, in *DescribeOrganizationConfigRuleStatusesInput) (*DescribeOrganizationConfigRuleStatusesOutput, error) {
	return notSimulatedOp[DescribeOrganizationConfigRuleStatusesInput, DescribeOrganizationConfigRuleStatusesOutput](ctx, s, "DescribeOrganizationConfigRuleStatuses", "AWS Organizations rules and conformance packs", in)
}

// DescribeOrganizationConfigRuleStatusesInput is the input of DescribeOrganizationConfigRuleStatuses (not simulated).
type DescribeOrganizationConfigRuleStatusesInput struct {
	OrganizationConfigRuleNames json.RawMessage `json:"OrganizationConfigRuleNames,omitempty"`
	Limit                       int32           `json:"Limit,omitempty"`
	NextToken                   string          `json:"NextToken,omitempty"`
}

// DescribeOrganizationConfigRuleStatusesOutput is the output of DescribeOrganizationConfigRuleStatuses (not simulated).
type DescribeOrganizationConfigRuleStatusesOutput struct {
	OrganizationConfigRuleStatuses json.RawMessage `json:"OrganizationConfigRuleStatuses,omitempty"`
	NextToken                      string          `json:"NextToken,omitempty"`
}

// DescribeOrganizationConfigRules is not simulated: AWS Organizations rules and conformance packs (the simulator has no AWS Organizations).
func (s *Service) DescribeOrganizationConfigRules(ctx context.Context, in *DescribeOrganizationConfigRulesInput) (*DescribeOrganizationConfigRulesOutput, error) {
	return notSimulatedOp[DescribeOrganizationConfigRulesInput, DescribeOrganizationConfigRulesOutput](ctx, s, "DescribeOrganizationConfigRules", "AWS Organizations rules and conformance packs", in)
}

// DescribeOrganizationConfigRulesInput is the input of DescribeOrganizationConfigRules (not simulated).
type DescribeOrganizationConfigRulesInput struct {
	OrganizationConfigRuleNames json.RawMessage `json:"OrganizationConfigRuleNames,omitempty"`
	Limit                       int32           `json:"Limit,omitempty"`
	NextToken                   string          `json:"NextToken,omitempty"`
}

// DescribeOrganizationConfigRulesOutput is the output of DescribeOrganizationConfigRules (not simulated).
type DescribeOrganizationConfigRulesOutput struct {
	OrganizationConfigRules json.RawMessage `json:"OrganizationConfigRules,omitempty"`
	NextToken               string          `json:"NextToken,omitempty"`
}

// DescribeOrganizationConformancePackStatuses is not simulated: AWS Organizations rules and conformance packs (the simulator has no AWS Organizations).
func (s *Service) DescribeOrganizationConformancePackStatuses(ctx context.Context, in *DescribeOrganizationConformancePackStatusesInput) (*DescribeOrganizationConformancePackStatusesOutput, error) {
	return notSimulatedOp[DescribeOrganizationConformancePackStatusesInput, DescribeOrganizationConformancePackStatusesOutput](ctx, s, "DescribeOrganizationConformancePackStatuses", "AWS Organizations rules and conformance packs", in)
}

// DescribeOrganizationConformancePackStatusesInput is the input of DescribeOrganizationConformancePackStatuses (not simulated).
type DescribeOrganizationConformancePackStatusesInput struct {
	OrganizationConformancePackNames json.RawMessage `json:"OrganizationConformancePackNames,omitempty"`
	Limit                            int32           `json:"Limit,omitempty"`
	NextToken                        string          `json:"NextToken,omitempty"`
}

// DescribeOrganizationConformancePackStatusesOutput is the output of DescribeOrganizationConformancePackStatuses (not simulated).
type DescribeOrganizationConformancePackStatusesOutput struct {
	OrganizationConformancePackStatuses json.RawMessage `json:"OrganizationConformancePackStatuses,omitempty"`
	NextToken                           string          `json:"NextToken,omitempty"`
}

// DescribeOrganizationConformancePacks is not simulated: AWS Organizations rules and conformance packs (the simulator has no AWS Organizations).
func (s *Service) DescribeOrganizationConformancePacks(ctx context.Context, in *DescribeOrganizationConformancePacksInput) (*DescribeOrganizationConformancePacksOutput, error) {
	return notSimulatedOp[DescribeOrganizationConformancePacksInput, DescribeOrganizationConformancePacksOutput](ctx, s, "DescribeOrganizationConformancePacks", "AWS Organizations rules and conformance packs", in)
}

// DescribeOrganizationConformancePacksInput is the input of DescribeOrganizationConformancePacks (not simulated).
type DescribeOrganizationConformancePacksInput struct {
	OrganizationConformancePackNames json.RawMessage `json:"OrganizationConformancePackNames,omitempty"`
	Limit                            int32           `json:"Limit,omitempty"`
	NextToken                        string          `json:"NextToken,omitempty"`
}

// DescribeOrganizationConformancePacksOutput is the output of DescribeOrganizationConformancePacks (not simulated).
type DescribeOrganizationConformancePacksOutput struct {
	OrganizationConformancePacks json.RawMessage `json:"OrganizationConformancePacks,omitempty"`
	NextToken                    string          `json:"NextToken,omitempty"`
}

// GetOrganizationConfigRuleDetailedStatus is not simulated: AWS Organizations rules and conformance packs (the simulator has no AWS Organizations).
func (s *Service) GetOrganizationConfigRuleDetailedStatus(ctx context.Context, in *GetOrganizationConfigRuleDetailedStatusInput) (*GetOrganizationConfigRuleDetailedStatusOutput, error) {
	return notSimulatedOp[GetOrganizationConfigRuleDetailedStatusInput, GetOrganizationConfigRuleDetailedStatusOutput](ctx, s, "GetOrganizationConfigRuleDetailedStatus", "AWS Organizations rules and conformance packs", in)
}

// GetOrganizationConfigRuleDetailedStatusInput is the input of GetOrganizationConfigRuleDetailedStatus (not simulated).
type GetOrganizationConfigRuleDetailedStatusInput struct {
	OrganizationConfigRuleName string          `json:"OrganizationConfigRuleName,omitempty"`
	Filters                    json.RawMessage `json:"Filters,omitempty"`
	Limit                      int32           `json:"Limit,omitempty"`
	NextToken                  string          `json:"NextToken,omitempty"`
}

// GetOrganizationConfigRuleDetailedStatusOutput is the output of GetOrganizationConfigRuleDetailedStatus (not simulated).
type GetOrganizationConfigRuleDetailedStatusOutput struct {
	OrganizationConfigRuleDetailedStatus json.RawMessage `json:"OrganizationConfigRuleDetailedStatus,omitempty"`
	NextToken                            string          `json:"NextToken,omitempty"`
}

// GetOrganizationConformancePackDetailedStatus is not simulated: AWS Organizations rules and conformance packs (the simulator has no AWS Organizations).
func (s *Service) GetOrganizationConformancePackDetailedStatus(ctx context.Context, in *GetOrganizationConformancePackDetailedStatusInput) (*GetOrganizationConformancePackDetailedStatusOutput, error) {
	return notSimulatedOp[GetOrganizationConformancePackDetailedStatusInput, GetOrganizationConformancePackDetailedStatusOutput](ctx, s, "GetOrganizationConformancePackDetailedStatus", "AWS Organizations rules and conformance packs", in)
}

// GetOrganizationConformancePackDetailedStatusInput is the input of GetOrganizationConformancePackDetailedStatus (not simulated).
type GetOrganizationConformancePackDetailedStatusInput struct {
	OrganizationConformancePackName string          `json:"OrganizationConformancePackName,omitempty"`
	Filters                         json.RawMessage `json:"Filters,omitempty"`
	Limit                           int32           `json:"Limit,omitempty"`
	NextToken                       string          `json:"NextToken,omitempty"`
}

// GetOrganizationConformancePackDetailedStatusOutput is the output of GetOrganizationConformancePackDetailedStatus (not simulated).
type GetOrganizationConformancePackDetailedStatusOutput struct {
	OrganizationConformancePackDetailedStatuses json.RawMessage `json:"OrganizationConformancePackDetailedStatuses,omitempty"`
	NextToken                                   string          `json:"NextToken,omitempty"`
}

// GetOrganizationCustomRulePolicy is not simulated: AWS Organizations rules and conformance packs (the simulator has no AWS Organizations).
func (s *Service) GetOrganizationCustomRulePolicy(ctx context.Context, in *GetOrganizationCustomRulePolicyInput) (*GetOrganizationCustomRulePolicyOutput, error) {
	return notSimulatedOp[GetOrganizationCustomRulePolicyInput, GetOrganizationCustomRulePolicyOutput](ctx, s, "GetOrganizationCustomRulePolicy", "AWS Organizations rules and conformance packs", in)
}

// GetOrganizationCustomRulePolicyInput is the input of GetOrganizationCustomRulePolicy (not simulated).
type GetOrganizationCustomRulePolicyInput struct {
	OrganizationConfigRuleName string `json:"OrganizationConfigRuleName,omitempty"`
}

// GetOrganizationCustomRulePolicyOutput is the output of GetOrganizationCustomRulePolicy (not simulated).
type GetOrganizationCustomRulePolicyOutput struct {
	PolicyText string `json:"PolicyText,omitempty"`
}

// PutOrganizationConfigRule is not simulated: AWS Organizations rules and conformance packs (the simulator has no AWS Organizations).
func (s *Service) PutOrganizationConfigRule(ctx context.Context, in *PutOrganizationConfigRuleInput) (*PutOrganizationConfigRuleOutput, error) {
	return notSimulatedOp[PutOrganizationConfigRuleInput, PutOrganizationConfigRuleOutput](ctx, s, "PutOrganizationConfigRule", "AWS Organizations rules and conformance packs", in)
}

// PutOrganizationConfigRuleInput is the input of PutOrganizationConfigRule (not simulated).
type PutOrganizationConfigRuleInput struct {
	OrganizationConfigRuleName           string          `json:"OrganizationConfigRuleName,omitempty"`
	OrganizationManagedRuleMetadata      json.RawMessage `json:"OrganizationManagedRuleMetadata,omitempty"`
	OrganizationCustomRuleMetadata       json.RawMessage `json:"OrganizationCustomRuleMetadata,omitempty"`
	ExcludedAccounts                     json.RawMessage `json:"ExcludedAccounts,omitempty"`
	OrganizationCustomPolicyRuleMetadata json.RawMessage `json:"OrganizationCustomPolicyRuleMetadata,omitempty"`
	Tags                                 json.RawMessage `json:"Tags,omitempty"`
}

// PutOrganizationConfigRuleOutput is the output of PutOrganizationConfigRule (not simulated).
type PutOrganizationConfigRuleOutput struct {
	OrganizationConfigRuleArn string `json:"OrganizationConfigRuleArn,omitempty"`
}

// PutOrganizationConformancePack is not simulated: AWS Organizations rules and conformance packs (the simulator has no AWS Organizations).
func (s *Service) PutOrganizationConformancePack(ctx context.Context, in *PutOrganizationConformancePackInput) (*PutOrganizationConformancePackOutput, error) {
	return notSimulatedOp[PutOrganizationConformancePackInput, PutOrganizationConformancePackOutput](ctx, s, "PutOrganizationConformancePack", "AWS Organizations rules and conformance packs", in)
}

// PutOrganizationConformancePackInput is the input of PutOrganizationConformancePack (not simulated).
type PutOrganizationConformancePackInput struct {
	OrganizationConformancePackName string          `json:"OrganizationConformancePackName,omitempty"`
	TemplateS3Uri                   string          `json:"TemplateS3Uri,omitempty"`
	TemplateBody                    string          `json:"TemplateBody,omitempty"`
	DeliveryS3Bucket                string          `json:"DeliveryS3Bucket,omitempty"`
	DeliveryS3KeyPrefix             string          `json:"DeliveryS3KeyPrefix,omitempty"`
	ConformancePackInputParameters  json.RawMessage `json:"ConformancePackInputParameters,omitempty"`
	ExcludedAccounts                json.RawMessage `json:"ExcludedAccounts,omitempty"`
	Tags                            json.RawMessage `json:"Tags,omitempty"`
}

// PutOrganizationConformancePackOutput is the output of PutOrganizationConformancePack (not simulated).
type PutOrganizationConformancePackOutput struct {
	OrganizationConformancePackArn string `json:"OrganizationConformancePackArn,omitempty"`
}
