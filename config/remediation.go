package config

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/awserr"
)

// Remediation (API reference: PutRemediationConfigurations,
// https://docs.aws.amazon.com/config/latest/APIReference/API_PutRemediationConfigurations.html,
// and StartRemediationExecution). The world has no Systems Manager: the "SSM document" a
// configuration names is a Go function registered with [Service.RegisterRemediationDocument].

// RemediationRequest is what a remediation function receives: the non-compliant resource and the
// configuration's parameters, resolved (RESOURCE_ID replaced by the resource id).
type RemediationRequest struct {
	ConfigRuleName string
	ResourceType   string
	ResourceID     string
	Parameters     map[string][]string
}

// RemediationFunc stands in for an SSM automation document. It runs without any lock held and may
// call any service (typically to fix the resource); an error is a failed execution.
type RemediationFunc func(ctx context.Context, req RemediationRequest) error

// RemediationConfiguration is the AWS shape of a remediation configuration.
type RemediationConfiguration struct {
	ConfigRuleName           string                               `json:"ConfigRuleName"`
	TargetType               string                               `json:"TargetType"`
	TargetID                 string                               `json:"TargetId"`
	TargetVersion            string                               `json:"TargetVersion,omitempty"`
	Parameters               map[string]RemediationParameterValue `json:"Parameters,omitempty"`
	ResourceType             string                               `json:"ResourceType,omitempty"`
	Automatic                bool                                 `json:"Automatic,omitempty"`
	ExecutionControls        *ExecutionControls                   `json:"ExecutionControls,omitempty"`
	MaximumAutomaticAttempts int32                                `json:"MaximumAutomaticAttempts,omitempty"`
	RetryAttemptSeconds      int64                                `json:"RetryAttemptSeconds,omitempty"`
	Arn                      string                               `json:"Arn,omitempty"`
	CreatedByService         string                               `json:"CreatedByService,omitempty"`
}

// RemediationParameterValue is a parameter: the resource's id, or static values.
type RemediationParameterValue struct {
	ResourceValue *ResourceValue `json:"ResourceValue,omitempty"`
	StaticValue   *StaticValue   `json:"StaticValue,omitempty"`
}

// ResourceValue is a dynamic parameter value ("RESOURCE_ID").
type ResourceValue struct {
	Value string `json:"Value"`
}

// StaticValue is a list of static parameter values.
type StaticValue struct {
	Values []string `json:"Values"`
}

// ExecutionControls are the SSM rate controls (recorded, not used: remediations run one by one).
type ExecutionControls struct {
	SsmControls *SsmControls `json:"SsmControls,omitempty"`
}

// SsmControls are the SSM concurrency and error-rate controls.
type SsmControls struct {
	ConcurrentExecutionRatePercentage int32 `json:"ConcurrentExecutionRatePercentage,omitempty"`
	ErrorPercentage                   int32 `json:"ErrorPercentage,omitempty"`
}

// PutRemediationConfigurationsInput is the input of PutRemediationConfigurations.
type PutRemediationConfigurationsInput struct {
	RemediationConfigurations []RemediationConfiguration `json:"RemediationConfigurations"`
}

// FailedRemediationBatch is a batch of configurations that could not be put.
type FailedRemediationBatch struct {
	FailureMessage string                     `json:"FailureMessage,omitempty"`
	FailedItems    []RemediationConfiguration `json:"FailedItems,omitempty"`
}

// PutRemediationConfigurationsOutput is the output of PutRemediationConfigurations.
type PutRemediationConfigurationsOutput struct {
	FailedBatches []FailedRemediationBatch `json:"FailedBatches"`
}

// DescribeRemediationConfigurationsInput is the input of DescribeRemediationConfigurations.
type DescribeRemediationConfigurationsInput struct {
	ConfigRuleNames []string `json:"ConfigRuleNames"`
}

// DescribeRemediationConfigurationsOutput is the output of DescribeRemediationConfigurations.
type DescribeRemediationConfigurationsOutput struct {
	RemediationConfigurations []RemediationConfiguration `json:"RemediationConfigurations"`
}

// DeleteRemediationConfigurationInput is the input of DeleteRemediationConfiguration.
type DeleteRemediationConfigurationInput struct {
	ConfigRuleName string `json:"ConfigRuleName"`
	ResourceType   string `json:"ResourceType,omitempty"`
}

// DeleteRemediationConfigurationOutput is the (empty) output of DeleteRemediationConfiguration.
type DeleteRemediationConfigurationOutput struct{}

// StartRemediationExecutionInput is the input of StartRemediationExecution.
type StartRemediationExecutionInput struct {
	ConfigRuleName string        `json:"ConfigRuleName"`
	ResourceKeys   []ResourceKey `json:"ResourceKeys"`
}

// StartRemediationExecutionOutput is the output of StartRemediationExecution.
type StartRemediationExecutionOutput struct {
	FailureMessage string        `json:"FailureMessage,omitempty"`
	FailedItems    []ResourceKey `json:"FailedItems"`
}

// DescribeRemediationExecutionStatusInput is the input of DescribeRemediationExecutionStatus.
type DescribeRemediationExecutionStatusInput struct {
	ConfigRuleName string        `json:"ConfigRuleName"`
	ResourceKeys   []ResourceKey `json:"ResourceKeys,omitempty"`
	Limit          int32         `json:"Limit,omitempty"`
	NextToken      string        `json:"NextToken,omitempty"`
}

// RemediationExecutionStep is one step of an execution.
type RemediationExecutionStep struct {
	Name         string     `json:"Name"`
	State        string     `json:"State"`
	ErrorMessage string     `json:"ErrorMessage,omitempty"`
	StartTime    *time.Time `json:"StartTime,omitempty"`
	StopTime     *time.Time `json:"StopTime,omitempty"`
}

// RemediationExecutionStatus is the state of the last remediation of a resource.
type RemediationExecutionStatus struct {
	ResourceKey     *ResourceKey               `json:"ResourceKey,omitempty"`
	State           string                     `json:"State"`
	StepDetails     []RemediationExecutionStep `json:"StepDetails"`
	InvocationTime  *time.Time                 `json:"InvocationTime,omitempty"`
	LastUpdatedTime *time.Time                 `json:"LastUpdatedTime,omitempty"`
}

// DescribeRemediationExecutionStatusOutput is the output of DescribeRemediationExecutionStatus.
type DescribeRemediationExecutionStatusOutput struct {
	RemediationExecutionStatuses []RemediationExecutionStatus `json:"RemediationExecutionStatuses"`
	NextToken                    string                       `json:"NextToken,omitempty"`
}

type remediationRun struct {
	status   RemediationExecutionStatus
	attempts int
	first    time.Time
	retry    *bus.Timer
}

type remediations struct {
	docs       map[string]RemediationFunc
	configs    map[string]*RemediationConfiguration // by rule name
	runs       map[string]map[resKey]*remediationRun
	exceptions map[string]map[resKey]*RemediationException
}

func (m *remediations) init() {
	m.docs, m.configs = map[string]RemediationFunc{}, map[string]*RemediationConfiguration{}
	m.runs, m.exceptions = map[string]map[resKey]*remediationRun{}, map[string]map[resKey]*RemediationException{}
}

// RegisterRemediationDocument registers fn as the automation document name that remediation
// configurations can target (TargetType SSM_DOCUMENT, TargetId name). Registering a name twice,
// an empty name or a nil func is an error.
func (s *Service) RegisterRemediationDocument(name string, fn RemediationFunc) error {
	if s.b.Closed() {
		return fmt.Errorf("config: RegisterRemediationDocument: %w", bus.ErrClosed)
	}
	if name == "" || fn == nil {
		return errors.New("config: RegisterRemediationDocument needs a name and a func")
	}
	var err error
	s.b.Locked(func() {
		if s.rem.docs[name] != nil {
			err = errors.New("config: remediation document " + name + " is already registered")
			return
		}
		s.rem.docs[name] = fn
	})
	return err
}

// PutRemediationConfigurations adds or replaces the remediation of rules. A configuration whose
// rule or document does not exist comes back in FailedBatches.
func (s *Service) PutRemediationConfigurations(ctx context.Context, in *PutRemediationConfigurationsInput) (*PutRemediationConfigurationsOutput, error) {
	return bus.Call(ctx, s.b, op("PutRemediationConfigurations", false), in, func(ctx context.Context, in *PutRemediationConfigurationsInput) (*PutRemediationConfigurationsOutput, error) {
		if len(in.RemediationConfigurations) > 25 {
			return nil, clientErr(codeValidation, awserr.ValidationMessage(awserr.Violation{NoValue: true, Member: "remediationConfigurations",
				Constraint: "Member must have length less than or equal to 25"}))
		}
		out := &PutRemediationConfigurationsOutput{FailedBatches: []FailedRemediationBatch{}}
		for i, c := range in.RemediationConfigurations {
			m := "remediationConfigurations." + itoa(i+1) + ".member."
			if c.TargetType != "SSM_DOCUMENT" {
				return nil, awserr.Validation(codeValidation, c.TargetType, m+"targetType", "Member must satisfy enum value set: [SSM_DOCUMENT]")
			}
			if c.MaximumAutomaticAttempts < 0 || c.MaximumAutomaticAttempts > 25 {
				return nil, awserr.Validation(codeValidation, itoa(int(c.MaximumAutomaticAttempts)), m+"maximumAutomaticAttempts", "Member must have value less than or equal to 25")
			}
			if c.RetryAttemptSeconds < 0 || c.RetryAttemptSeconds > 2678000 {
				return nil, awserr.Validation(codeValidation, itoa(int(c.RetryAttemptSeconds)), m+"retryAttemptSeconds", "Member must have value less than or equal to 2678000")
			}
			for name, p := range c.Parameters {
				if p.ResourceValue != nil && p.ResourceValue.Value != "RESOURCE_ID" {
					return nil, awserr.Validation(codeValidation, p.ResourceValue.Value, m+"parameters."+name+".resourceValue.value", "Member must satisfy enum value set: [RESOURCE_ID]")
				}
			}
		}
		for _, c := range in.RemediationConfigurations {
			r, err := s.ruleNamed(c.ConfigRuleName)
			switch {
			case err != nil:
				out.FailedBatches = append(out.FailedBatches, FailedRemediationBatch{FailureMessage: "No config rule named " + c.ConfigRuleName, FailedItems: []RemediationConfiguration{c}})
				continue
			case s.rem.docs[c.TargetID] == nil:
				out.FailedBatches = append(out.FailedBatches, FailedRemediationBatch{FailureMessage: "Document " + c.TargetID + " does not exist.", FailedItems: []RemediationConfiguration{c}})
				continue
			}
			arn := ""
			if old := s.rem.configs[r.name]; old != nil {
				arn = old.Arn
			}
			s.storeRemediationLocked(r.name, c, arn)
		}
		return out, nil
	})
}

// storeRemediationLocked stores c as the remediation configuration of rule name, with AWS's defaults
// (5 automatic attempts, 60 seconds apart; PutRemediationConfigurations,
// https://docs.aws.amazon.com/config/latest/APIReference/API_RemediationConfiguration.html) and the
// ARN of the configuration it replaces (arn), or a new one when arn is empty.
func (s *Service) storeRemediationLocked(name string, c RemediationConfiguration, arn string) {
	if c.MaximumAutomaticAttempts == 0 {
		c.MaximumAutomaticAttempts = 5
	}
	if c.RetryAttemptSeconds == 0 {
		c.RetryAttemptSeconds = 60
	}
	if arn == "" {
		arn = s.b.ARN("config", "remediation-configuration/"+name+"/"+s.b.UUID())
	}
	c.Arn = arn
	s.rem.configs[name] = &c
}

// DescribeRemediationConfigurations returns the remediation configurations of rules.
func (s *Service) DescribeRemediationConfigurations(ctx context.Context, in *DescribeRemediationConfigurationsInput) (*DescribeRemediationConfigurationsOutput, error) {
	return bus.Call(ctx, s.b, op("DescribeRemediationConfigurations", true), in, func(ctx context.Context, in *DescribeRemediationConfigurationsInput) (*DescribeRemediationConfigurationsOutput, error) {
		if len(in.ConfigRuleNames) > 25 {
			return nil, clientErr(codeValidation, awserr.ValidationMessage(awserr.Violation{NoValue: true, Member: "configRuleNames", Constraint: "Member must have length less than or equal to 25"}))
		}
		out := &DescribeRemediationConfigurationsOutput{RemediationConfigurations: []RemediationConfiguration{}}
		for _, n := range in.ConfigRuleNames {
			if c := s.rem.configs[n]; c != nil {
				out.RemediationConfigurations = append(out.RemediationConfigurations, *c)
			}
		}
		return out, nil
	})
}

// DeleteRemediationConfiguration deletes the remediation of a rule.
func (s *Service) DeleteRemediationConfiguration(ctx context.Context, in *DeleteRemediationConfigurationInput) (*DeleteRemediationConfigurationOutput, error) {
	return bus.Call(ctx, s.b, op("DeleteRemediationConfiguration", false), in, func(ctx context.Context, in *DeleteRemediationConfigurationInput) (*DeleteRemediationConfigurationOutput, error) {
		c := s.rem.configs[in.ConfigRuleName]
		if c == nil || (in.ResourceType != "" && c.ResourceType != "" && c.ResourceType != in.ResourceType) {
			return nil, clientErr(codeNoSuchRemediationConfig, "No RemediationConfiguration for rule exists.")
		}
		for _, run := range s.rem.runs[in.ConfigRuleName] {
			if run.retry != nil {
				run.retry.Stop()
				run.retry = nil
			}
		}
		delete(s.rem.configs, in.ConfigRuleName)
		return &DeleteRemediationConfigurationOutput{}, nil
	})
}

// autoRemediateLocked starts the automatic remediation of a resource that became NON_COMPLIANT.
func (s *Service) autoRemediateLocked(ctx context.Context, r *rule, k resKey) {
	c := s.rem.configs[r.name]
	if c == nil || !c.Automatic {
		return
	}
	if ex := s.rem.exceptions[r.name][k]; ex != nil && (ex.ExpirationTime == nil || ex.ExpirationTime.After(s.b.Now())) {
		return
	}
	if run := s.rem.runs[r.name][k]; run != nil && (run.status.State == "QUEUED" || run.status.State == "IN_PROGRESS" || run.retry != nil) {
		return
	}
	s.startRunLocked(ctx, r.name, c, k, true, true)
}

// startRunLocked queues one execution; it runs once the lock is released.
func (s *Service) startRunLocked(ctx context.Context, ruleName string, c *RemediationConfiguration, k resKey, automatic, fresh bool) {
	runs := s.rem.runs[ruleName]
	if runs == nil {
		runs = map[resKey]*remediationRun{}
		s.rem.runs[ruleName] = runs
	}
	now := s.b.Now()
	run := runs[k]
	if run == nil || fresh {
		run = &remediationRun{first: now}
		runs[k] = run
	}
	run.retry = nil
	run.attempts++
	run.status = RemediationExecutionStatus{ResourceKey: &ResourceKey{ResourceType: k.typ, ResourceID: k.id}, State: "QUEUED",
		StepDetails: []RemediationExecutionStep{}, InvocationTime: tp(now), LastUpdatedTime: tp(now)}
	fn := s.rem.docs[c.TargetID]
	req := RemediationRequest{ConfigRuleName: ruleName, ResourceType: k.typ, ResourceID: k.id, Parameters: map[string][]string{}}
	for name, p := range c.Parameters {
		switch {
		case p.ResourceValue != nil:
			req.Parameters[name] = []string{k.id}
		case p.StaticValue != nil:
			req.Parameters[name] = append([]string(nil), p.StaticValue.Values...)
		}
	}
	doc := c.TargetID
	bus.Defer(ctx, s.b, func(ctx context.Context) {
		start := s.b.Now()
		s.b.Locked(func() { run.status.State, run.status.LastUpdatedTime = "IN_PROGRESS", tp(start) })
		var err error
		if fn == nil {
			err = errors.New("document " + doc + " is not registered")
		} else {
			err = fn(ctx, req)
		}
		s.b.Locked(func() { s.finishRunLocked(ctx, ruleName, c, k, run, start, err, automatic) })
	})
}

func (s *Service) finishRunLocked(ctx context.Context, ruleName string, c *RemediationConfiguration, k resKey, run *remediationRun, start time.Time, err error, automatic bool) {
	now := s.b.Now()
	step := RemediationExecutionStep{Name: c.TargetID, State: "SUCCEEDED", StartTime: tp(start), StopTime: tp(now)}
	run.status.State, run.status.LastUpdatedTime = "SUCCEEDED", tp(now)
	if err != nil {
		step.State, step.ErrorMessage = "FAILED", err.Error()
		run.status.State = "FAILED"
	}
	run.status.StepDetails = []RemediationExecutionStep{step}
	if err == nil || !automatic || s.closed || s.rem.configs[ruleName] != c {
		return
	}
	window := time.Duration(c.RetryAttemptSeconds) * time.Second
	if run.attempts >= int(c.MaximumAutomaticAttempts) || now.Sub(run.first) >= window && run.attempts > 1 {
		s.addExceptionLocked(ruleName, k, "Automatic remediation failed "+itoa(run.attempts)+" times: "+err.Error(), nil)
		return
	}
	spacing := window / time.Duration(c.MaximumAutomaticAttempts)
	run.retry = s.b.Schedule(now.Add(spacing), func(ctx context.Context) {
		s.b.Locked(func() {
			if s.closed || s.rem.configs[ruleName] != c || run.retry == nil {
				return
			}
			s.startRunLocked(ctx, ruleName, c, k, true, false)
		})
	})
}

// StartRemediationExecution runs a rule's remediation for up to 100 resources (after the call
// returns, in the same step). A resource whose previous execution is still running is returned in
// FailedItems.
func (s *Service) StartRemediationExecution(ctx context.Context, in *StartRemediationExecutionInput) (*StartRemediationExecutionOutput, error) {
	return bus.Call(ctx, s.b, op("StartRemediationExecution", false), in, func(ctx context.Context, in *StartRemediationExecutionInput) (*StartRemediationExecutionOutput, error) {
		if n := len(in.ResourceKeys); n < 1 || n > 100 {
			return nil, clientErr(codeValidation, awserr.ValidationMessage(awserr.Violation{NoValue: true, Member: "resourceKeys", Constraint: "Member must have length between 1 and 100"}))
		}
		c := s.rem.configs[in.ConfigRuleName]
		if c == nil {
			return nil, clientErr(codeNoSuchRemediationConfig, "No RemediationConfiguration for rule exists.")
		}
		out := &StartRemediationExecutionOutput{FailedItems: []ResourceKey{}}
		for _, rk := range in.ResourceKeys {
			k := resKey{rk.ResourceType, rk.ResourceID}
			if run := s.rem.runs[in.ConfigRuleName][k]; run != nil && (run.status.State == "QUEUED" || run.status.State == "IN_PROGRESS") {
				out.FailedItems = append(out.FailedItems, rk)
				continue
			}
			s.startRunLocked(ctx, in.ConfigRuleName, c, k, false, true)
		}
		if len(out.FailedItems) > 0 {
			out.FailureMessage = "A remediation execution is already in progress for these resources."
		}
		return out, nil
	})
}

// DescribeRemediationExecutionStatus returns the last execution of a rule's remediation for each
// resource (or the given ones).
func (s *Service) DescribeRemediationExecutionStatus(ctx context.Context, in *DescribeRemediationExecutionStatusInput) (*DescribeRemediationExecutionStatusOutput, error) {
	return bus.Call(ctx, s.b, op("DescribeRemediationExecutionStatus", true), in, func(ctx context.Context, in *DescribeRemediationExecutionStatusInput) (*DescribeRemediationExecutionStatusOutput, error) {
		limit, err := limitOf(in.Limit, 100, 100, "limit", codeValidation)
		if err != nil {
			return nil, err
		}
		if s.rem.configs[in.ConfigRuleName] == nil {
			return nil, clientErr(codeNoSuchRemediationConfig, "No RemediationConfiguration for rule exists.")
		}
		runs := s.rem.runs[in.ConfigRuleName]
		var keys []resKey
		if len(in.ResourceKeys) > 0 {
			for _, rk := range in.ResourceKeys {
				keys = append(keys, resKey{rk.ResourceType, rk.ResourceID})
			}
		} else {
			for k := range runs {
				keys = append(keys, k)
			}
			sort.Slice(keys, func(i, j int) bool {
				if keys[i].typ != keys[j].typ {
					return keys[i].typ < keys[j].typ
				}
				return keys[i].id < keys[j].id
			})
		}
		var all []RemediationExecutionStatus
		for _, k := range keys {
			if run := runs[k]; run != nil {
				st := run.status
				st.StepDetails = append([]RemediationExecutionStep{}, st.StepDetails...)
				all = append(all, st)
			}
		}
		items, next, err := page("DescribeRemediationExecutionStatus", all, in.NextToken, limit)
		if err != nil {
			return nil, err
		}
		return &DescribeRemediationExecutionStatusOutput{RemediationExecutionStatuses: items, NextToken: next}, nil
	})
}
