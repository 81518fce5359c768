package config

import (
	"context"
	"encoding/json"
)

// The operations of AWS Config that watchsim does not simulate answer with a NotSimulated error
// (code NotSimulated) naming the gap, never with a made-up success. Their inputs keep the AWS
// members, so that requests decode, with nested structures as raw JSON. The groups are in
// this file, notsimulated_aggregators.go and notsimulated_org.go.

// AssociateResourceTypes is not simulated: resource-type association of customer-managed recorders (the recorder's recording group is set with PutConfigurationRecorder).
func (s *Service) AssociateResourceTypes(ctx context.Context, in *AssociateResourceTypesInput) (*AssociateResourceTypesOutput, error) {
	return notSimulatedOp[AssociateResourceTypesInput, AssociateResourceTypesOutput](ctx, s, "AssociateResourceTypes", "resource-type association of customer-managed recorders", in)
}

// AssociateResourceTypesInput is the input of AssociateResourceTypes (not simulated).
type AssociateResourceTypesInput struct {
	ConfigurationRecorderArn string          `json:"ConfigurationRecorderArn,omitempty"`
	ResourceTypes            json.RawMessage `json:"ResourceTypes,omitempty"`
}

// AssociateResourceTypesOutput is the output of AssociateResourceTypes (not simulated).
type AssociateResourceTypesOutput struct {
	ConfigurationRecorder json.RawMessage `json:"ConfigurationRecorder,omitempty"`
}

// DisassociateResourceTypes is not simulated: resource-type association of customer-managed recorders (the recorder's recording group is set with PutConfigurationRecorder).
func (s *Service) DisassociateResourceTypes(ctx context.Context, in *DisassociateResourceTypesInput) (*DisassociateResourceTypesOutput, error) {
	return notSimulatedOp[DisassociateResourceTypesInput, DisassociateResourceTypesOutput](ctx, s, "DisassociateResourceTypes", "resource-type association of customer-managed recorders", in)
}

// DisassociateResourceTypesInput is the input of DisassociateResourceTypes (not simulated).
type DisassociateResourceTypesInput struct {
	ConfigurationRecorderArn string          `json:"ConfigurationRecorderArn,omitempty"`
	ResourceTypes            json.RawMessage `json:"ResourceTypes,omitempty"`
}

// DisassociateResourceTypesOutput is the output of DisassociateResourceTypes (not simulated).
type DisassociateResourceTypesOutput struct {
	ConfigurationRecorder json.RawMessage `json:"ConfigurationRecorder,omitempty"`
}

// DeleteServiceLinkedConfigurationRecorder is not simulated: service-linked configuration recorders (they are owned by other AWS services).
func (s *Service) DeleteServiceLinkedConfigurationRecorder(ctx context.Context, in *DeleteServiceLinkedConfigurationRecorderInput) (*DeleteServiceLinkedConfigurationRecorderOutput, error) {
	return notSimulatedOp[DeleteServiceLinkedConfigurationRecorderInput, DeleteServiceLinkedConfigurationRecorderOutput](ctx, s, "DeleteServiceLinkedConfigurationRecorder", "service-linked configuration recorders", in)
}

// DeleteServiceLinkedConfigurationRecorderInput is the input of DeleteServiceLinkedConfigurationRecorder (not simulated).
type DeleteServiceLinkedConfigurationRecorderInput struct {
	ServicePrincipal string `json:"ServicePrincipal,omitempty"`
	Arn              string `json:"Arn,omitempty"`
}

// DeleteServiceLinkedConfigurationRecorderOutput is the output of DeleteServiceLinkedConfigurationRecorder (not simulated).
type DeleteServiceLinkedConfigurationRecorderOutput struct {
	Arn  string `json:"Arn,omitempty"`
	Name string `json:"Name,omitempty"`
}

// PutServiceLinkedConfigurationRecorder is not simulated: service-linked configuration recorders (they are owned by other AWS services).
func (s *Service) PutServiceLinkedConfigurationRecorder(ctx context.Context, in *PutServiceLinkedConfigurationRecorderInput) (*PutServiceLinkedConfigurationRecorderOutput, error) {
	return notSimulatedOp[PutServiceLinkedConfigurationRecorderInput, PutServiceLinkedConfigurationRecorderOutput](ctx, s, "PutServiceLinkedConfigurationRecorder", "service-linked configuration recorders", in)
}

// PutServiceLinkedConfigurationRecorderInput is the input of PutServiceLinkedConfigurationRecorder (not simulated).
type PutServiceLinkedConfigurationRecorderInput struct {
	ServicePrincipal string          `json:"ServicePrincipal,omitempty"`
	Tags             json.RawMessage `json:"Tags,omitempty"`
}

// PutServiceLinkedConfigurationRecorderOutput is the output of PutServiceLinkedConfigurationRecorder (not simulated).
type PutServiceLinkedConfigurationRecorderOutput struct {
	Arn  string `json:"Arn,omitempty"`
	Name string `json:"Name,omitempty"`
}

// GetCustomRulePolicy is not simulated: custom policy (Guard) rules (Guard policies are not evaluated).
func (s *Service) GetCustomRulePolicy(ctx context.Context, in *GetCustomRulePolicyInput) (*GetCustomRulePolicyOutput, error) {
	return notSimulatedOp[GetCustomRulePolicyInput, GetCustomRulePolicyOutput](ctx, s, "GetCustomRulePolicy", "custom policy (Guard) rules", in)
}

// GetCustomRulePolicyInput is the input of GetCustomRulePolicy (not simulated).
type GetCustomRulePolicyInput struct {
	ConfigRuleName string `json:"ConfigRuleName,omitempty"`
}

// GetCustomRulePolicyOutput is the output of GetCustomRulePolicy (not simulated).
type GetCustomRulePolicyOutput struct {
	PolicyText string `json:"PolicyText,omitempty"`
}

// GetResourceEvaluationSummary is not simulated: proactive resource evaluations (only detective evaluation is simulated).
func (s *Service) GetResourceEvaluationSummary(ctx context.Context, in *GetResourceEvaluationSummaryInput) (*GetResourceEvaluationSummaryOutput, error) {
	return notSimulatedOp[GetResourceEvaluationSummaryInput, GetResourceEvaluationSummaryOutput](ctx, s, "GetResourceEvaluationSummary", "proactive resource evaluations", in)
}

// GetResourceEvaluationSummaryInput is the input of GetResourceEvaluationSummary (not simulated).
type GetResourceEvaluationSummaryInput struct {
	ResourceEvaluationID string `json:"ResourceEvaluationId,omitempty"`
}

// GetResourceEvaluationSummaryOutput is the output of GetResourceEvaluationSummary (not simulated).
type GetResourceEvaluationSummaryOutput struct {
	ResourceEvaluationID     string          `json:"ResourceEvaluationId,omitempty"`
	EvaluationMode           string          `json:"EvaluationMode,omitempty"`
	EvaluationStatus         json.RawMessage `json:"EvaluationStatus,omitempty"`
	EvaluationStartTimestamp json.RawMessage `json:"EvaluationStartTimestamp,omitempty"`
	Compliance               string          `json:"Compliance,omitempty"`
	EvaluationContext        json.RawMessage `json:"EvaluationContext,omitempty"`
	ResourceDetails          json.RawMessage `json:"ResourceDetails,omitempty"`
}

// ListResourceEvaluations is not simulated: proactive resource evaluations (only detective evaluation is simulated).
func (s *Service) ListResourceEvaluations(ctx context.Context, in *ListResourceEvaluationsInput) (*ListResourceEvaluationsOutput, error) {
	return notSimulatedOp[ListResourceEvaluationsInput, ListResourceEvaluationsOutput](ctx, s, "ListResourceEvaluations", "proactive resource evaluations", in)
}

// ListResourceEvaluationsInput is the input of ListResourceEvaluations (not simulated).
type ListResourceEvaluationsInput struct {
	Filters   json.RawMessage `json:"Filters,omitempty"`
	Limit     int32           `json:"Limit,omitempty"`
	NextToken string          `json:"NextToken,omitempty"`
}

// ListResourceEvaluationsOutput is the output of ListResourceEvaluations (not simulated).
type ListResourceEvaluationsOutput struct {
	ResourceEvaluations json.RawMessage `json:"ResourceEvaluations,omitempty"`
	NextToken           string          `json:"NextToken,omitempty"`
}

// StartResourceEvaluation is not simulated: proactive resource evaluations (only detective evaluation is simulated).
func (s *Service) StartResourceEvaluation(ctx context.Context, in *StartResourceEvaluationInput) (*StartResourceEvaluationOutput, error) {
	return notSimulatedOp[StartResourceEvaluationInput, StartResourceEvaluationOutput](ctx, s, "StartResourceEvaluation", "proactive resource evaluations", in)
}

// StartResourceEvaluationInput is the input of StartResourceEvaluation (not simulated).
type StartResourceEvaluationInput struct {
	ResourceDetails   json.RawMessage `json:"ResourceDetails,omitempty"`
	EvaluationContext json.RawMessage `json:"EvaluationContext,omitempty"`
	EvaluationMode    string          `json:"EvaluationMode,omitempty"`
	EvaluationTimeout int32           `json:"EvaluationTimeout,omitempty"`
	ClientToken       string          `json:"ClientToken,omitempty"`
}

// StartResourceEvaluationOutput is the output of StartResourceEvaluation (not simulated).
type StartResourceEvaluationOutput struct {
	ResourceEvaluationID string `json:"ResourceEvaluationId,omitempty"`
}

// PutExternalEvaluation is not simulated: external evaluations (rules are evaluated by Config or by a Lambda function).
func (s *Service) PutExternalEvaluation(ctx context.Context, in *PutExternalEvaluationInput) (*PutExternalEvaluationOutput, error) {
	return notSimulatedOp[PutExternalEvaluationInput, PutExternalEvaluationOutput](ctx, s, "PutExternalEvaluation", "external evaluations", in)
}

// PutExternalEvaluationInput is the input of PutExternalEvaluation (not simulated).
type PutExternalEvaluationInput struct {
	ConfigRuleName     string          `json:"ConfigRuleName,omitempty"`
	ExternalEvaluation json.RawMessage `json:"ExternalEvaluation,omitempty"`
}

// PutExternalEvaluationOutput is the output of PutExternalEvaluation (not simulated).
type PutExternalEvaluationOutput struct {
}
