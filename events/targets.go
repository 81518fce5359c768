package events

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/events/transform"
	"github.com/watchsim/watchsim/internal/awserr"
)

// Target defaults and ranges ("RetryPolicy" in the EventBridge API reference,
// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_RetryPolicy.html).
const (
	DefaultMaximumRetryAttempts     = 185
	DefaultMaximumEventAgeInSeconds = 86400
)

// InputTransformer is the AWS shape InputTransformer (see package transform for its rules).
type InputTransformer = transform.InputTransformer

// RetryPolicy is the AWS shape RetryPolicy: retries stop at whichever limit comes first.
type RetryPolicy struct {
	// MaximumRetryAttempts is 0..185 (default 185).
	MaximumRetryAttempts *int32 `json:"MaximumRetryAttempts,omitempty"`
	// MaximumEventAgeInSeconds is 60..86400 (default 86400).
	MaximumEventAgeInSeconds *int32 `json:"MaximumEventAgeInSeconds,omitempty"`
}

// SqsParameters is the AWS shape SqsParameters: the MessageGroupId a FIFO queue target needs.
type SqsParameters struct {
	MessageGroupId string `json:"MessageGroupId,omitempty"`
}

// KinesisParameters is the AWS shape KinesisParameters: the JSONPath of the partition key (the
// event id when absent).
type KinesisParameters struct {
	PartitionKeyPath string `json:"PartitionKeyPath"`
}

// Target is the AWS shape Target. The parameter blocks of target types watchsim does not deliver
// to (ECS tasks, Batch jobs, Run Command, API destinations and API Gateway HTTP parameters,
// Redshift Data, SageMaker pipelines, AppSync) are kept as raw JSON only so that PutTargets can
// refuse them with a NotSimulated error naming the block.
type Target struct {
	Id                string             `json:"Id"`
	Arn               string             `json:"Arn"`
	RoleArn           string             `json:"RoleArn,omitempty"`
	Input             string             `json:"Input,omitempty"`
	InputPath         string             `json:"InputPath,omitempty"`
	InputTransformer  *InputTransformer  `json:"InputTransformer,omitempty"`
	KinesisParameters *KinesisParameters `json:"KinesisParameters,omitempty"`
	SqsParameters     *SqsParameters     `json:"SqsParameters,omitempty"`
	DeadLetterConfig  *DeadLetterConfig  `json:"DeadLetterConfig,omitempty"`
	RetryPolicy       *RetryPolicy       `json:"RetryPolicy,omitempty"`

	EcsParameters               json.RawMessage `json:"EcsParameters,omitempty"`
	BatchParameters             json.RawMessage `json:"BatchParameters,omitempty"`
	RunCommandParameters        json.RawMessage `json:"RunCommandParameters,omitempty"`
	HttpParameters              json.RawMessage `json:"HttpParameters,omitempty"`
	RedshiftDataParameters      json.RawMessage `json:"RedshiftDataParameters,omitempty"`
	SageMakerPipelineParameters json.RawMessage `json:"SageMakerPipelineParameters,omitempty"`
	AppSyncParameters           json.RawMessage `json:"AppSyncParameters,omitempty"`
}

// PutTargetsInput is the input of PutTargets.
type PutTargetsInput struct {
	Rule         string   `json:"Rule"`
	EventBusName string   `json:"EventBusName,omitempty"`
	Targets      []Target `json:"Targets"`
}

// PutTargetsResultEntry is the AWS shape PutTargetsResultEntry: one target PutTargets could not add.
type PutTargetsResultEntry struct {
	TargetId     string `json:"TargetId,omitempty"`
	ErrorCode    string `json:"ErrorCode,omitempty"`
	ErrorMessage string `json:"ErrorMessage,omitempty"`
}

// PutTargetsOutput is the output of PutTargets.
type PutTargetsOutput struct {
	FailedEntryCount int32                   `json:"FailedEntryCount"`
	FailedEntries    []PutTargetsResultEntry `json:"FailedEntries"`
}

// RemoveTargetsInput is the input of RemoveTargets.
type RemoveTargetsInput struct {
	Rule         string   `json:"Rule"`
	EventBusName string   `json:"EventBusName,omitempty"`
	Ids          []string `json:"Ids"`
	Force        bool     `json:"Force,omitempty"`
}

// RemoveTargetsResultEntry is the AWS shape RemoveTargetsResultEntry.
type RemoveTargetsResultEntry struct {
	TargetId     string `json:"TargetId,omitempty"`
	ErrorCode    string `json:"ErrorCode,omitempty"`
	ErrorMessage string `json:"ErrorMessage,omitempty"`
}

// RemoveTargetsOutput is the output of RemoveTargets.
type RemoveTargetsOutput struct {
	FailedEntryCount int32                      `json:"FailedEntryCount"`
	FailedEntries    []RemoveTargetsResultEntry `json:"FailedEntries"`
}

// ListTargetsByRuleInput is the input of ListTargetsByRule.
type ListTargetsByRuleInput struct {
	Rule         string `json:"Rule"`
	EventBusName string `json:"EventBusName,omitempty"`
	NextToken    string `json:"NextToken,omitempty"`
	Limit        *int32 `json:"Limit,omitempty"`
}

// ListTargetsByRuleOutput is the output of ListTargetsByRule.
type ListTargetsByRuleOutput struct {
	Targets   []Target `json:"Targets"`
	NextToken string   `json:"NextToken,omitempty"`
}

// target is a rule's target as the router uses it: the shape as put, and what was compiled from it.
type target struct {
	shape     Target
	shaper    *transform.Shaper
	partition *transform.Shaper // KinesisParameters.PartitionKeyPath
	retries   int
	maxAge    time.Duration
	kind      string // the ARN's service: sqs, sns, lambda, kinesis, firehose, logs, events, …
}

func cloneTarget(t Target) Target {
	c := t
	if t.InputTransformer != nil {
		it := *t.InputTransformer
		if it.InputPathsMap != nil {
			m := make(map[string]string, len(it.InputPathsMap))
			for k, v := range it.InputPathsMap {
				m[k] = v
			}
			it.InputPathsMap = m
		}
		c.InputTransformer = &it
	}
	if t.RetryPolicy != nil {
		rp := *t.RetryPolicy
		c.RetryPolicy = &rp
	}
	if t.KinesisParameters != nil {
		k := *t.KinesisParameters
		c.KinesisParameters = &k
	}
	if t.SqsParameters != nil {
		q := *t.SqsParameters
		c.SqsParameters = &q
	}
	if t.DeadLetterConfig != nil {
		d := *t.DeadLetterConfig
		c.DeadLetterConfig = &d
	}
	return c
}

// compileTarget validates target i (1-based in AWS's member names) and prepares it for routing.
func (s *Service) compileTarget(i int, t Target) (*target, error) {
	member := "targets." + strconv.Itoa(i) + ".member"
	if err := checkLen(t.Id, member+".id", 1, 64); err != nil {
		return nil, err
	}
	if !ruleNameOK(t.Id) {
		return nil, constraint(t.Id, member+".id", `Member must satisfy regular expression pattern: [\.\-_A-Za-z0-9]+`)
	}
	if err := checkLen(t.Arn, member+".arn", 1, 1600); err != nil {
		return nil, err
	}
	if vs := transform.Violations(member, t.Input, t.InputPath, t.InputTransformer); len(vs) > 0 {
		return nil, validation(awserr.ValidationMessage(vs...))
	}
	for _, blk := range []struct {
		name string
		raw  json.RawMessage
	}{{"EcsParameters", t.EcsParameters}, {"BatchParameters", t.BatchParameters}, {"RunCommandParameters", t.RunCommandParameters},
		{"HttpParameters", t.HttpParameters}, {"RedshiftDataParameters", t.RedshiftDataParameters},
		{"SageMakerPipelineParameters", t.SageMakerPipelineParameters}, {"AppSyncParameters", t.AppSyncParameters}} {
		if len(blk.raw) > 0 && string(blk.raw) != "null" {
			return nil, bus.NotSimulatedf("events", "targets with %s (target %s)", blk.name, t.Id)
		}
	}
	a, err := bus.ParseARN(t.Arn)
	if err != nil {
		return nil, validation("Parameter " + t.Arn + " is not valid. Reason: Provided Arn is not in correct format.")
	}
	if a.Service == "events" && strings.HasPrefix(a.Resource, "api-destination/") {
		return nil, bus.NotSimulated("events", "API destination targets")
	}
	if a.Service == "events" && strings.HasPrefix(a.Resource, "event-bus/") && (a.AccountID != s.b.Account() || a.Region != s.b.Region()) {
		return nil, bus.NotSimulated("events", "event bus targets in other accounts or regions")
	}
	ct := &target{shape: cloneTarget(t), kind: a.Service, retries: DefaultMaximumRetryAttempts, maxAge: DefaultMaximumEventAgeInSeconds * time.Second}
	if ct.shaper, err = transform.Compile(t.Id, t.Input, t.InputPath, t.InputTransformer); err != nil {
		return nil, err
	}
	if a.Service == "sqs" && strings.HasSuffix(a.Resource, ".fifo") && (t.SqsParameters == nil || t.SqsParameters.MessageGroupId == "") {
		return nil, validation("Parameter(s) SqsParameters must be specified for target: " + t.Id + ".")
	}
	if t.SqsParameters != nil && a.Service != "sqs" {
		return nil, validation("Parameter(s) SqsParameters not supported for target: " + t.Id + ".")
	}
	if t.KinesisParameters != nil {
		if a.Service != "kinesis" {
			return nil, validation("Parameter(s) KinesisParameters not supported for target: " + t.Id + ".")
		}
		if err := checkLen(t.KinesisParameters.PartitionKeyPath, member+".kinesisParameters.partitionKeyPath", 0, 256); err != nil {
			return nil, err
		}
		if p := t.KinesisParameters.PartitionKeyPath; p != "" {
			if ct.partition, err = transform.Compile(t.Id, "", p, nil); err != nil {
				return nil, err
			}
		}
	}
	if rp := t.RetryPolicy; rp != nil {
		if n := rp.MaximumRetryAttempts; n != nil {
			if *n < 0 || *n > 185 {
				return nil, constraint(*n, member+".retryPolicy.maximumRetryAttempts", rangeRule(*n < 0, 0, 185))
			}
			ct.retries = int(*n)
		}
		if n := rp.MaximumEventAgeInSeconds; n != nil {
			if *n < 60 || *n > 86400 {
				return nil, constraint(*n, member+".retryPolicy.maximumEventAgeInSeconds", rangeRule(*n < 60, 60, 86400))
			}
			ct.maxAge = time.Duration(*n) * time.Second
		}
	}
	if err := s.checkDLQ(t.DeadLetterConfig); err != nil {
		return nil, err
	}
	return ct, nil
}

func rangeRule(low bool, lo, hi int) string {
	if low {
		return "Member must have value greater than or equal to " + strconv.Itoa(lo)
	}
	return "Member must have value less than or equal to " + strconv.Itoa(hi)
}

// PutTargets adds targets to a rule or updates them by Id (PutTargets API reference,
// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutTargets.html). A rule has at
// most 5 targets. Input, InputPath and InputTransformer are validated and compiled here, so an
// invalid placeholder fails the call as it does at AWS.
func (s *Service) PutTargets(ctx context.Context, in *PutTargetsInput) (*PutTargetsOutput, error) {
	return bus.Call(ctx, s.b, op("PutTargets", false), in, func(ctx context.Context, in *PutTargetsInput) (*PutTargetsOutput, error) {
		if err := checkName(in.Rule, "rule"); err != nil {
			return nil, err
		}
		if len(in.Targets) == 0 {
			return nil, constraint(nil, "targets", "Member must not be null")
		}
		if len(in.Targets) > 100 {
			return nil, constraint(strconv.Itoa(len(in.Targets))+" targets", "targets", "Member must have length less than or equal to 100")
		}
		eb, r, err := s.lookupRule(in.Rule, in.EventBusName)
		if err != nil {
			return nil, err
		}
		if err := s.checkManaged(ctx, r, false, " and cannot be modified"); err != nil {
			return nil, err
		}
		compiled := make([]*target, len(in.Targets))
		ids := map[string]bool{}
		for i, t := range in.Targets {
			if compiled[i], err = s.compileTarget(i+1, t); err != nil {
				return nil, err
			}
			if ids[t.Id] {
				return nil, validation("The request contains duplicate target ids: " + t.Id + ".")
			}
			ids[t.Id] = true
		}
		n := len(r.targets)
		for id := range ids {
			if r.targets[id] == nil {
				n++
			}
		}
		if n > MaxTargetsPerRule {
			return nil, clientErr(LimitExceededException, "The requested resource exceeds the maximum number allowed.")
		}
		for _, ct := range compiled {
			if r.targets[ct.shape.Id] == nil {
				r.order = append(r.order, ct.shape.Id)
			}
			r.targets[ct.shape.Id] = ct
		}
		s.ruleChanged(ctx, bus.ResourceUpdated, eb, r)
		return &PutTargetsOutput{FailedEntries: []PutTargetsResultEntry{}}, nil
	})
}

// RemoveTargets removes targets from a rule by Id. Ids the rule does not have are ignored, as at
// AWS; a managed rule's targets need Force.
func (s *Service) RemoveTargets(ctx context.Context, in *RemoveTargetsInput) (*RemoveTargetsOutput, error) {
	return bus.Call(ctx, s.b, op("RemoveTargets", false), in, func(ctx context.Context, in *RemoveTargetsInput) (*RemoveTargetsOutput, error) {
		if err := checkName(in.Rule, "rule"); err != nil {
			return nil, err
		}
		if len(in.Ids) == 0 {
			return nil, constraint(nil, "ids", "Member must not be null")
		}
		if len(in.Ids) > 100 {
			return nil, constraint(strconv.Itoa(len(in.Ids))+" ids", "ids", "Member must have length less than or equal to 100")
		}
		for i, id := range in.Ids {
			member := "ids." + strconv.Itoa(i+1) + ".member"
			if err := checkLen(id, member, 1, 64); err != nil {
				return nil, err
			}
			if !ruleNameOK(id) {
				return nil, constraint(id, member, `Member must satisfy regular expression pattern: [\.\-_A-Za-z0-9]+`)
			}
		}
		eb, r, err := s.lookupRule(in.Rule, in.EventBusName)
		if err != nil {
			return nil, err
		}
		if err := s.checkManaged(ctx, r, in.Force, "; pass Force to remove its targets"); err != nil {
			return nil, err
		}
		changed := false
		for _, id := range in.Ids {
			if r.targets[id] != nil {
				delete(r.targets, id)
				r.order = slices.DeleteFunc(r.order, func(x string) bool { return x == id })
				changed = true
			}
		}
		if changed {
			s.ruleChanged(ctx, bus.ResourceUpdated, eb, r)
		}
		return &RemoveTargetsOutput{FailedEntries: []RemoveTargetsResultEntry{}}, nil
	})
}

// ListTargetsByRule lists a rule's targets in the order they were first put, up to 100 per page.
func (s *Service) ListTargetsByRule(ctx context.Context, in *ListTargetsByRuleInput) (*ListTargetsByRuleOutput, error) {
	return bus.Call(ctx, s.b, op("ListTargetsByRule", true), in, func(ctx context.Context, in *ListTargetsByRuleInput) (*ListTargetsByRuleOutput, error) {
		if err := checkName(in.Rule, "rule"); err != nil {
			return nil, err
		}
		limit, err := checkLimit(in.Limit, 100)
		if err != nil {
			return nil, err
		}
		_, r, err := s.lookupRule(in.Rule, in.EventBusName)
		if err != nil {
			return nil, err
		}
		// Paging by position in put order: the token carries the index of the next target.
		start := 0
		if in.NextToken != "" {
			pos, ok := decodeIndexToken("targets", in.NextToken)
			if !ok {
				return nil, validation("The NextToken provided is invalid.")
			}
			start = min(pos, len(r.order))
		}
		out := &ListTargetsByRuleOutput{Targets: []Target{}}
		end := min(start+limit, len(r.order))
		for _, id := range r.order[start:end] {
			out.Targets = append(out.Targets, cloneTarget(r.targets[id].shape))
		}
		if end < len(r.order) {
			out.NextToken = encodeIndexToken("targets", end)
		}
		return out, nil
	})
}
