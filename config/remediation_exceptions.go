package config

import (
	"context"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/awserr"
)

// Remediation exceptions (API reference: PutRemediationExceptions,
// https://docs.aws.amazon.com/config/latest/APIReference/API_PutRemediationExceptions.html): a
// resource with an exception is not remediated automatically. Config adds one itself when the
// automatic attempts of a configuration are exhausted.

// RemediationExceptionResourceKey names a resource of a remediation exception.
type RemediationExceptionResourceKey struct {
	ResourceType string `json:"ResourceType,omitempty"`
	ResourceID   string `json:"ResourceId,omitempty"`
}

// RemediationException exempts a resource from a rule's automatic remediation.
type RemediationException struct {
	ConfigRuleName string     `json:"ConfigRuleName"`
	ResourceType   string     `json:"ResourceType"`
	ResourceID     string     `json:"ResourceId"`
	Message        string     `json:"Message,omitempty"`
	ExpirationTime *time.Time `json:"ExpirationTime,omitempty"`
}

// PutRemediationExceptionsInput is the input of PutRemediationExceptions.
type PutRemediationExceptionsInput struct {
	ConfigRuleName string                            `json:"ConfigRuleName"`
	ResourceKeys   []RemediationExceptionResourceKey `json:"ResourceKeys"`
	Message        string                            `json:"Message,omitempty"`
	ExpirationTime *time.Time                        `json:"ExpirationTime,omitempty"`
}

// FailedRemediationExceptionBatch is a batch of exceptions that could not be put.
type FailedRemediationExceptionBatch struct {
	FailureMessage string                 `json:"FailureMessage,omitempty"`
	FailedItems    []RemediationException `json:"FailedItems,omitempty"`
}

// PutRemediationExceptionsOutput is the output of PutRemediationExceptions.
type PutRemediationExceptionsOutput struct {
	FailedBatches []FailedRemediationExceptionBatch `json:"FailedBatches"`
}

// DescribeRemediationExceptionsInput is the input of DescribeRemediationExceptions.
type DescribeRemediationExceptionsInput struct {
	ConfigRuleName string                            `json:"ConfigRuleName"`
	ResourceKeys   []RemediationExceptionResourceKey `json:"ResourceKeys,omitempty"`
	Limit          int32                             `json:"Limit,omitempty"`
	NextToken      string                            `json:"NextToken,omitempty"`
}

// DescribeRemediationExceptionsOutput is the output of DescribeRemediationExceptions.
type DescribeRemediationExceptionsOutput struct {
	RemediationExceptions []RemediationException `json:"RemediationExceptions"`
	NextToken             string                 `json:"NextToken,omitempty"`
}

// DeleteRemediationExceptionsInput is the input of DeleteRemediationExceptions.
type DeleteRemediationExceptionsInput struct {
	ConfigRuleName string                            `json:"ConfigRuleName"`
	ResourceKeys   []RemediationExceptionResourceKey `json:"ResourceKeys"`
}

// FailedDeleteRemediationExceptionsBatch is a batch of exceptions that could not be deleted.
type FailedDeleteRemediationExceptionsBatch struct {
	FailureMessage string                            `json:"FailureMessage,omitempty"`
	FailedItems    []RemediationExceptionResourceKey `json:"FailedItems,omitempty"`
}

// DeleteRemediationExceptionsOutput is the output of DeleteRemediationExceptions.
type DeleteRemediationExceptionsOutput struct {
	FailedBatches []FailedDeleteRemediationExceptionsBatch `json:"FailedBatches"`
}

func (s *Service) addExceptionLocked(rule string, k resKey, msg string, exp *time.Time) {
	ex := s.rem.exceptions[rule]
	if ex == nil {
		ex = map[resKey]*RemediationException{}
		s.rem.exceptions[rule] = ex
	}
	ex[k] = &RemediationException{ConfigRuleName: rule, ResourceType: k.typ, ResourceID: k.id, Message: msg, ExpirationTime: exp}
}

func checkExceptionKeys(rule string, keys []RemediationExceptionResourceKey) error {
	if v, bad := awserr.LengthViolation(rule, "configRuleName", 1, 128); bad {
		return clientErr(codeValidation, awserr.ValidationMessage(v))
	}
	if n := len(keys); n < 1 || n > 100 {
		return clientErr(codeValidation, awserr.ValidationMessage(awserr.Violation{NoValue: true, Member: "resourceKeys", Constraint: "Member must have length between 1 and 100"}))
	}
	return nil
}

// PutRemediationExceptions exempts resources from a rule's automatic remediation, until
// ExpirationTime when it is given.
func (s *Service) PutRemediationExceptions(ctx context.Context, in *PutRemediationExceptionsInput) (*PutRemediationExceptionsOutput, error) {
	return bus.Call(ctx, s.b, op("PutRemediationExceptions", false), in, func(ctx context.Context, in *PutRemediationExceptionsInput) (*PutRemediationExceptionsOutput, error) {
		if err := checkExceptionKeys(in.ConfigRuleName, in.ResourceKeys); err != nil {
			return nil, err
		}
		if len(in.Message) > 1024 {
			return nil, awserr.Validation(codeValidation, in.Message, "message", "Member must have length less than or equal to 1024")
		}
		out := &PutRemediationExceptionsOutput{FailedBatches: []FailedRemediationExceptionBatch{}}
		if s.rem.configs[in.ConfigRuleName] == nil {
			var items []RemediationException
			for _, k := range in.ResourceKeys {
				items = append(items, RemediationException{ConfigRuleName: in.ConfigRuleName, ResourceType: k.ResourceType, ResourceID: k.ResourceID, Message: in.Message})
			}
			out.FailedBatches = append(out.FailedBatches, FailedRemediationExceptionBatch{FailureMessage: "No RemediationConfiguration for rule exists.", FailedItems: items})
			return out, nil
		}
		for _, k := range in.ResourceKeys {
			var exp *time.Time
			if in.ExpirationTime != nil {
				t := *in.ExpirationTime
				exp = &t
			}
			s.addExceptionLocked(in.ConfigRuleName, resKey{k.ResourceType, k.ResourceID}, in.Message, exp)
		}
		return out, nil
	})
}

// DescribeRemediationExceptions returns the exceptions of a rule (all, or the given resources').
func (s *Service) DescribeRemediationExceptions(ctx context.Context, in *DescribeRemediationExceptionsInput) (*DescribeRemediationExceptionsOutput, error) {
	return bus.Call(ctx, s.b, op("DescribeRemediationExceptions", true), in, func(ctx context.Context, in *DescribeRemediationExceptionsInput) (*DescribeRemediationExceptionsOutput, error) {
		if v, bad := awserr.LengthViolation(in.ConfigRuleName, "configRuleName", 1, 128); bad {
			return nil, clientErr(codeValidation, awserr.ValidationMessage(v))
		}
		limit, err := limitOf(in.Limit, 25, 100, "limit", codeValidation)
		if err != nil {
			return nil, err
		}
		ex := s.rem.exceptions[in.ConfigRuleName]
		var keys []resKey
		if len(in.ResourceKeys) > 0 {
			for _, k := range in.ResourceKeys {
				keys = append(keys, resKey{k.ResourceType, k.ResourceID})
			}
		} else {
			m := map[resKey]*result{}
			for k := range ex {
				m[k] = nil
			}
			keys = sortedKeys(m)
		}
		var all []RemediationException
		for _, k := range keys {
			if e := ex[k]; e != nil {
				all = append(all, *e)
			}
		}
		items, next, err := page("DescribeRemediationExceptions", all, in.NextToken, limit)
		if err != nil {
			return nil, err
		}
		return &DescribeRemediationExceptionsOutput{RemediationExceptions: items, NextToken: next}, nil
	})
}

// DeleteRemediationExceptions deletes exceptions; an unknown one comes back in FailedBatches.
func (s *Service) DeleteRemediationExceptions(ctx context.Context, in *DeleteRemediationExceptionsInput) (*DeleteRemediationExceptionsOutput, error) {
	return bus.Call(ctx, s.b, op("DeleteRemediationExceptions", false), in, func(ctx context.Context, in *DeleteRemediationExceptionsInput) (*DeleteRemediationExceptionsOutput, error) {
		if err := checkExceptionKeys(in.ConfigRuleName, in.ResourceKeys); err != nil {
			return nil, err
		}
		out := &DeleteRemediationExceptionsOutput{FailedBatches: []FailedDeleteRemediationExceptionsBatch{}}
		var missing []RemediationExceptionResourceKey
		for _, k := range in.ResourceKeys {
			rk := resKey{k.ResourceType, k.ResourceID}
			if s.rem.exceptions[in.ConfigRuleName][rk] == nil {
				missing = append(missing, k)
				continue
			}
			delete(s.rem.exceptions[in.ConfigRuleName], rk)
		}
		if len(missing) > 0 {
			out.FailedBatches = append(out.FailedBatches, FailedDeleteRemediationExceptionsBatch{FailureMessage: "No remediation exception exists for these resources.", FailedItems: missing})
		}
		return out, nil
	})
}
