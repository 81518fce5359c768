package config

import (
	"context"
	"strconv"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/awserr"
	"github.com/watchsim/watchsim/internal/pagetoken"
)

// Rule evaluation status, re-evaluation and result deletion (API reference:
// DescribeConfigRuleEvaluationStatus, StartConfigRulesEvaluation, DeleteEvaluationResults).

// ConfigRuleEvaluationStatus is the evaluation status of a rule.
type ConfigRuleEvaluationStatus struct {
	ConfigRuleName               string     `json:"ConfigRuleName"`
	ConfigRuleArn                string     `json:"ConfigRuleArn"`
	ConfigRuleID                 string     `json:"ConfigRuleId"`
	LastSuccessfulInvocationTime *time.Time `json:"LastSuccessfulInvocationTime,omitempty"`
	LastFailedInvocationTime     *time.Time `json:"LastFailedInvocationTime,omitempty"`
	LastSuccessfulEvaluationTime *time.Time `json:"LastSuccessfulEvaluationTime,omitempty"`
	LastFailedEvaluationTime     *time.Time `json:"LastFailedEvaluationTime,omitempty"`
	FirstActivatedTime           *time.Time `json:"FirstActivatedTime,omitempty"`
	LastDeactivatedTime          *time.Time `json:"LastDeactivatedTime,omitempty"`
	LastErrorCode                string     `json:"LastErrorCode,omitempty"`
	LastErrorMessage             string     `json:"LastErrorMessage,omitempty"`
	FirstEvaluationStarted       bool       `json:"FirstEvaluationStarted"`
}

// DescribeConfigRuleEvaluationStatusInput is the input of DescribeConfigRuleEvaluationStatus.
type DescribeConfigRuleEvaluationStatusInput struct {
	ConfigRuleNames []string `json:"ConfigRuleNames,omitempty"`
	NextToken       string   `json:"NextToken,omitempty"`
	Limit           int32    `json:"Limit,omitempty"`
}

// DescribeConfigRuleEvaluationStatusOutput is the output of DescribeConfigRuleEvaluationStatus.
type DescribeConfigRuleEvaluationStatusOutput struct {
	ConfigRulesEvaluationStatus []ConfigRuleEvaluationStatus `json:"ConfigRulesEvaluationStatus"`
	NextToken                   string                       `json:"NextToken,omitempty"`
}

// StartConfigRulesEvaluationInput is the input of StartConfigRulesEvaluation.
type StartConfigRulesEvaluationInput struct {
	ConfigRuleNames []string `json:"ConfigRuleNames,omitempty"`
}

// StartConfigRulesEvaluationOutput is the (empty) output of StartConfigRulesEvaluation.
type StartConfigRulesEvaluationOutput struct{}

// DeleteEvaluationResultsInput is the input of DeleteEvaluationResults.
type DeleteEvaluationResultsInput struct {
	ConfigRuleName string `json:"ConfigRuleName"`
}

// DeleteEvaluationResultsOutput is the (empty) output of DeleteEvaluationResults.
type DeleteEvaluationResultsOutput struct{}

func itoa(n int) string { return strconv.Itoa(n) }

// pageStart decodes a page token of listing kind (the operation's name): the offset of the
// page's first entry. A token of another listing, or one watchsim did not write, is
// InvalidNextTokenException.
func pageStart(kind, token string, n int) (int, error) {
	if token == "" {
		return 0, nil
	}
	pos, ok := pagetoken.Decode(kind, token)
	i, err := strconv.Atoi(pos)
	if !ok || err != nil || i <= 0 || i > n {
		return 0, clientErr(codeInvalidNextToken, "The nextToken provided is invalid")
	}
	return i, nil
}

// nextToken returns the token of listing kind for the page starting at end, or "" at the end.
func nextToken(kind string, end, n int) string {
	if end >= n {
		return ""
	}
	return pagetoken.Encode(kind, strconv.Itoa(end))
}

// page returns the page of all a listing's token asks for (a fresh, never nil slice) and the next
// page's token.
func page[T any](kind string, all []T, token string, limit int) ([]T, string, error) {
	start, err := pageStart(kind, token, len(all))
	if err != nil {
		return nil, "", err
	}
	end := min(start+limit, len(all))
	return append([]T{}, all[start:end]...), nextToken(kind, end, len(all)), nil
}

// limitOf checks a Limit (or MaxResults) member: 0 means the default def, and a value below 0 or
// above maxv is refused with code and a message in the validation format. code is what the
// operation's API reference lists for it
// (https://docs.aws.amazon.com/config/latest/APIReference/API_<Operation>.html, "Errors"):
// codeInvalidLimit where InvalidLimitException is listed, codeValidation (a modelled range
// violation) where it is not.
func limitOf(limit int32, def, maxv int, member, code string) (int, error) {
	if limit < 0 || int(limit) > maxv {
		c := "Member must have value less than or equal to " + itoa(maxv)
		if limit < 0 {
			c = "Member must have value greater than or equal to 0"
		}
		return 0, clientErr(code, awserr.ValidationMessage(awserr.Violation{Value: itoa(int(limit)), Member: member, Constraint: c}))
	}
	if limit == 0 {
		return def, nil
	}
	return int(limit), nil
}

// DescribeConfigRuleEvaluationStatus returns the evaluation status of rules.
func (s *Service) DescribeConfigRuleEvaluationStatus(ctx context.Context, in *DescribeConfigRuleEvaluationStatusInput) (*DescribeConfigRuleEvaluationStatusOutput, error) {
	return bus.Call(ctx, s.b, op("DescribeConfigRuleEvaluationStatus", true), in, func(ctx context.Context, in *DescribeConfigRuleEvaluationStatusInput) (*DescribeConfigRuleEvaluationStatusOutput, error) {
		limit, err := limitOf(in.Limit, 50, 50, "limit", codeValidation)
		if err != nil {
			return nil, err
		}
		rules, err := s.rulesNamed(in.ConfigRuleNames)
		if err != nil {
			return nil, err
		}
		start, err := pageStart("DescribeConfigRuleEvaluationStatus", in.NextToken, len(rules))
		if err != nil {
			return nil, err
		}
		end := min(start+limit, len(rules))
		out := &DescribeConfigRuleEvaluationStatusOutput{ConfigRulesEvaluationStatus: []ConfigRuleEvaluationStatus{}, NextToken: nextToken("DescribeConfigRuleEvaluationStatus", end, len(rules))}
		for _, r := range rules[start:end] {
			out.ConfigRulesEvaluationStatus = append(out.ConfigRulesEvaluationStatus, r.status)
		}
		return out, nil
	})
}

// StartConfigRulesEvaluation re-evaluates rules against the last recorded items (it does not
// record anew). A rule reads EVALUATING until its evaluations ran; a rule re-evaluated less than a
// minute ago, or still evaluating, is refused with LimitExceededException.
func (s *Service) StartConfigRulesEvaluation(ctx context.Context, in *StartConfigRulesEvaluationInput) (*StartConfigRulesEvaluationOutput, error) {
	return bus.Call(ctx, s.b, op("StartConfigRulesEvaluation", false), in, func(ctx context.Context, in *StartConfigRulesEvaluationInput) (*StartConfigRulesEvaluationOutput, error) {
		if n := len(in.ConfigRuleNames); n < 1 || n > 25 {
			return nil, clientErr(codeValidation, awserr.ValidationMessage(awserr.Violation{NoValue: true, Member: "configRuleNames",
				Constraint: "Member must have length between 1 and 25"}))
		}
		rules, err := s.rulesNamed(in.ConfigRuleNames)
		if err != nil {
			return nil, err
		}
		now := s.b.Now()
		for _, r := range rules {
			switch {
			case r.state == RuleDeleting:
				return nil, clientErrf(codeResourceInUse, "The rule %s is currently being deleted. Please retry after some time.", r.name)
			case r.state == RuleEvaluating || (!r.lastStart.IsZero() && now.Sub(r.lastStart) < time.Minute):
				return nil, clientErrf(codeLimitExceeded, "The rule %s is already being evaluated, or was evaluated less than a minute ago.", r.name)
			}
		}
		for _, r := range rules {
			r.lastStart = now
			r.state = RuleEvaluating
			s.reevaluateLocked(ctx, r)
			if r.inflight == 0 {
				r.state = RuleActive
			}
		}
		s.reevaluationNotificationLocked(ctx, in.ConfigRuleNames)
		return &StartConfigRulesEvaluationOutput{}, nil
	})
}

// reevaluateLocked queues a rule's evaluations against the current items (and one periodic run).
func (s *Service) reevaluateLocked(ctx context.Context, r *rule) {
	if r.onChange {
		for _, res := range s.resOrder {
			if it := res.last(); it != nil && !deletedStatus(it.status) && r.inScope(it) {
				s.enqueueLocked(ctx, evalJob{r: r, it: it, msg: MessageItemChange})
			}
		}
	}
	if r.periodic {
		s.enqueueLocked(ctx, evalJob{r: r, msg: MessageScheduled})
	} else if r.onSnap {
		s.enqueueLocked(ctx, evalJob{r: r, msg: MessageSnapshotDelivered})
	}
}

// DeleteEvaluationResults deletes a rule's results: the rule reads INSUFFICIENT_DATA until it is
// evaluated again.
func (s *Service) DeleteEvaluationResults(ctx context.Context, in *DeleteEvaluationResultsInput) (*DeleteEvaluationResultsOutput, error) {
	return bus.Call(ctx, s.b, op("DeleteEvaluationResults", false), in, func(ctx context.Context, in *DeleteEvaluationResultsInput) (*DeleteEvaluationResultsOutput, error) {
		if v, bad := awserr.LengthViolation(in.ConfigRuleName, "configRuleName", 1, 64); bad {
			return nil, clientErr(codeValidation, awserr.ValidationMessage(v))
		}
		r, err := s.ruleNamed(in.ConfigRuleName)
		if err != nil {
			return nil, err
		}
		if r.state == RuleDeleting {
			return nil, clientErrf(codeResourceInUse, "The rule %s is currently being deleted. Please retry after some time.", r.name)
		}
		keys := sortedKeys(r.results)
		r.results = map[resKey]*result{}
		for _, k := range keys {
			s.resourceComplianceLocked(ctx, k)
		}
		return &DeleteEvaluationResultsOutput{}, nil
	})
}
