package conformance

import "encoding/json"

// The API documents of a pack's rules and remediations: the JSON a PutConfigRule request carries
// as ConfigRule (https://docs.aws.amazon.com/config/latest/APIReference/API_ConfigRule.html) and a
// PutRemediationConfigurations request as RemediationConfiguration
// (https://docs.aws.amazon.com/config/latest/APIReference/API_RemediationConfiguration.html), so
// that a service decodes them into its own request shapes without this package importing it.

type apiScope struct {
	ComplianceResourceTypes []string `json:"ComplianceResourceTypes,omitempty"`
	ComplianceResourceID    string   `json:"ComplianceResourceId,omitempty"`
	TagKey                  string   `json:"TagKey,omitempty"`
	TagValue                string   `json:"TagValue,omitempty"`
}

type apiSourceDetail struct {
	EventSource               string `json:"EventSource,omitempty"`
	MessageType               string `json:"MessageType,omitempty"`
	MaximumExecutionFrequency string `json:"MaximumExecutionFrequency,omitempty"`
}

type apiPolicy struct {
	PolicyRuntime          string `json:"PolicyRuntime"`
	PolicyText             string `json:"PolicyText"`
	EnableDebugLogDelivery bool   `json:"EnableDebugLogDelivery,omitempty"`
}

type apiSource struct {
	Owner               string            `json:"Owner"`
	SourceIdentifier    string            `json:"SourceIdentifier,omitempty"`
	SourceDetails       []apiSourceDetail `json:"SourceDetails,omitempty"`
	CustomPolicyDetails *apiPolicy        `json:"CustomPolicyDetails,omitempty"`
}

type apiMode struct {
	Mode string `json:"Mode"`
}

type apiRule struct {
	ConfigRuleName            string    `json:"ConfigRuleName"`
	Description               string    `json:"Description,omitempty"`
	Scope                     *apiScope `json:"Scope,omitempty"`
	Source                    apiSource `json:"Source"`
	InputParameters           string    `json:"InputParameters,omitempty"`
	MaximumExecutionFrequency string    `json:"MaximumExecutionFrequency,omitempty"`
	EvaluationModes           []apiMode `json:"EvaluationModes,omitempty"`
}

// APIJSON returns the rule as the API's ConfigRule JSON document.
func (r *Rule) APIJSON() []byte {
	a := apiRule{ConfigRuleName: r.ConfigRuleName, Description: r.Description, InputParameters: r.InputParameters,
		MaximumExecutionFrequency: r.MaximumExecutionFrequency,
		Source:                    apiSource{Owner: r.Source.Owner, SourceIdentifier: r.Source.SourceIdentifier}}
	if s := r.Scope; s != nil {
		a.Scope = &apiScope{s.ComplianceResourceTypes, s.ComplianceResourceID, s.TagKey, s.TagValue}
	}
	for _, d := range r.Source.SourceDetails {
		a.Source.SourceDetails = append(a.Source.SourceDetails, apiSourceDetail(d))
	}
	if d := r.Source.CustomPolicyDetails; d != nil {
		a.Source.CustomPolicyDetails = &apiPolicy{d.PolicyRuntime, d.PolicyText, d.EnableDebugLogDelivery}
	}
	for _, m := range r.EvaluationModes {
		a.EvaluationModes = append(a.EvaluationModes, apiMode{m})
	}
	b, _ := json.Marshal(a) // strings, slices and structs always encode
	return b
}

type apiResourceValue struct {
	Value string `json:"Value"`
}

type apiStaticValue struct {
	Values []string `json:"Values"`
}

type apiParam struct {
	ResourceValue *apiResourceValue `json:"ResourceValue,omitempty"`
	StaticValue   *apiStaticValue   `json:"StaticValue,omitempty"`
}

type apiControls struct {
	SsmControls *apiSsm `json:"SsmControls,omitempty"`
}

// apiSsm is the API's SsmControls document.
type apiSsm struct {
	ConcurrentExecutionRatePercentage int32 `json:"ConcurrentExecutionRatePercentage,omitempty"`
	ErrorPercentage                   int32 `json:"ErrorPercentage,omitempty"`
}

type apiRemediation struct {
	ConfigRuleName           string              `json:"ConfigRuleName"`
	TargetType               string              `json:"TargetType"`
	TargetID                 string              `json:"TargetId"`
	TargetVersion            string              `json:"TargetVersion,omitempty"`
	Parameters               map[string]apiParam `json:"Parameters,omitempty"`
	ResourceType             string              `json:"ResourceType,omitempty"`
	Automatic                bool                `json:"Automatic,omitempty"`
	ExecutionControls        *apiControls        `json:"ExecutionControls,omitempty"`
	MaximumAutomaticAttempts int32               `json:"MaximumAutomaticAttempts,omitempty"`
	RetryAttemptSeconds      int64               `json:"RetryAttemptSeconds,omitempty"`
}

// APIJSON returns the remediation as the API's RemediationConfiguration JSON document.
func (m *Remediation) APIJSON() []byte {
	a := apiRemediation{ConfigRuleName: m.ConfigRuleName, TargetType: m.TargetType, TargetID: m.TargetID, TargetVersion: m.TargetVersion,
		ResourceType: m.ResourceType, Automatic: m.Automatic, MaximumAutomaticAttempts: m.MaximumAutomaticAttempts,
		RetryAttemptSeconds: m.RetryAttemptSeconds}
	if len(m.Parameters) > 0 {
		a.Parameters = make(map[string]apiParam, len(m.Parameters))
		for k, v := range m.Parameters {
			if v.StaticValues != nil {
				a.Parameters[k] = apiParam{StaticValue: &apiStaticValue{v.StaticValues}}
			} else {
				a.Parameters[k] = apiParam{ResourceValue: &apiResourceValue{v.ResourceValue}}
			}
		}
	}
	if c := m.ExecutionControls; c != nil {
		a.ExecutionControls = &apiControls{SsmControls: &apiSsm{c.ConcurrentExecutionRatePercentage, c.ErrorPercentage}}
	}
	b, _ := json.Marshal(a) // strings, numbers, maps and structs always encode
	return b
}
