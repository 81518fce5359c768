package config

import (
	"context"
	"encoding/json"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/awserr"
)

// Custom Lambda rules: the event Config invokes the function with ("Example Events for AWS
// Config Rules",
// https://docs.aws.amazon.com/config/latest/developerguide/evaluate-config_develop-rules_example-events.html)
// and PutEvaluations, through which the function answers
// (https://docs.aws.amazon.com/config/latest/APIReference/API_PutEvaluations.html).

// invocation is what a result token stands for.
type invocation struct {
	r       *rule
	invoked time.Time
}

// RuleEvent is the event a custom Lambda rule receives. InvokingEvent and RuleParameters are JSON
// documents sent as strings.
type RuleEvent struct {
	InvokingEvent    string `json:"invokingEvent"`
	RuleParameters   string `json:"ruleParameters,omitempty"`
	ResultToken      string `json:"resultToken"`
	EventLeftScope   bool   `json:"eventLeftScope"`
	ExecutionRoleArn string `json:"executionRoleArn"`
	ConfigRuleArn    string `json:"configRuleArn"`
	ConfigRuleName   string `json:"configRuleName"`
	ConfigRuleID     string `json:"configRuleId"`
	AccountID        string `json:"accountId"`
	Version          string `json:"version"`
}

type changeInvokingEvent struct {
	ConfigurationItemDiff    *itemDiff        `json:"configurationItemDiff"`
	ConfigurationItem        notificationItem `json:"configurationItem"`
	NotificationCreationTime string           `json:"notificationCreationTime"`
	MessageType              string           `json:"messageType"`
	RecordVersion            string           `json:"recordVersion"`
}

type scheduledInvokingEvent struct {
	AwsAccountID             string `json:"awsAccountId"`
	NotificationCreationTime string `json:"notificationCreationTime"`
	MessageType              string `json:"messageType"`
	RecordVersion            string `json:"recordVersion"`
}

type snapshotInvokingEvent struct {
	ConfigSnapshotID         string `json:"configSnapshotId"`
	S3ObjectKey              string `json:"s3ObjectKey"`
	S3Bucket                 string `json:"s3Bucket"`
	NotificationCreationTime string `json:"notificationCreationTime"`
	MessageType              string `json:"messageType"`
	RecordVersion            string `json:"recordVersion"`
}

// invokeLambdaLocked builds the rule event, mints its result token and invokes the function once
// the lock is released; the outcome goes to the rule's evaluation status.
func (s *Service) invokeLambdaLocked(ctx context.Context, r *rule, j evalJob, now time.Time) {
	var inv any
	switch {
	case j.it != nil:
		ct := changeTypeOf(j.prev, j.it)
		ev := changeInvokingEvent{ConfigurationItem: j.it.notification(s.b.Account(), s.b.Region()), NotificationCreationTime: isoMillis(now),
			MessageType: MessageItemChange, RecordVersion: CIVersion}
		if ct != "DELETE" {
			ev.ConfigurationItemDiff = &itemDiff{ChangedProperties: diffItems(j.prev, j.it, ct), ChangeType: ct}
		}
		inv = ev
	case j.msg == MessageSnapshotDelivered:
		snap := s.delivery.lastSnapshot
		inv = snapshotInvokingEvent{ConfigSnapshotID: snap.id, S3ObjectKey: snap.key, S3Bucket: snap.bucket, NotificationCreationTime: isoMillis(now),
			MessageType: MessageSnapshotDelivered, RecordVersion: "1.1"}
	default:
		inv = scheduledInvokingEvent{AwsAccountID: s.b.Account(), NotificationCreationTime: isoMillis(now), MessageType: MessageScheduled, RecordVersion: "1.0"}
	}
	invRaw, err := json.Marshal(inv)
	if err != nil {
		return
	}
	if ev, ok := inv.(changeInvokingEvent); ok && len(invRaw) > MaxNotificationSize {
		// too large: the summary, and the function reads the item with GetResourceConfigHistory
		invRaw, _ = json.Marshal(s.oversized(changeTypeOf(j.prev, j.it), ev.ConfigurationItem, now))
	}
	token := s.b.UUID()
	s.tokens[token] = invocation{r: r, invoked: now}
	role := ""
	if s.recorder != nil {
		role = s.recorder.roleARN
	}
	body, err := json.Marshal(RuleEvent{InvokingEvent: string(invRaw), RuleParameters: r.spec.InputParameters, ResultToken: token,
		EventLeftScope: j.left, ExecutionRoleArn: role, ConfigRuleArn: r.spec.ConfigRuleArn, ConfigRuleName: r.name,
		ConfigRuleID: r.spec.ConfigRuleID, AccountID: s.b.Account(), Version: "1.0"})
	if err != nil {
		return
	}
	fn := r.lambda
	bus.Defer(ctx, s.b, func(ctx context.Context) {
		err := s.b.Deliver(ctx, fn, bus.Payload{Body: body})
		s.b.Locked(func() {
			t := tp(now)
			if err != nil {
				r.status.LastFailedInvocationTime = t
				r.status.LastErrorCode, r.status.LastErrorMessage = bus.ErrorCode(err), err.Error()
				if r.status.LastErrorCode == "" {
					r.status.LastErrorCode = "LambdaError"
				}
				return
			}
			r.status.LastSuccessfulInvocationTime = t
			r.status.FirstEvaluationStarted = true
		})
	})
}

// Evaluation is one result a rule function reports through PutEvaluations.
type Evaluation struct {
	ComplianceResourceType string    `json:"ComplianceResourceType"`
	ComplianceResourceID   string    `json:"ComplianceResourceId"`
	ComplianceType         string    `json:"ComplianceType"`
	Annotation             string    `json:"Annotation,omitempty"`
	OrderingTimestamp      time.Time `json:"OrderingTimestamp"`
}

// PutEvaluationsInput is the input of PutEvaluations.
type PutEvaluationsInput struct {
	Evaluations []Evaluation `json:"Evaluations,omitempty"`
	ResultToken string       `json:"ResultToken"`
	TestMode    bool         `json:"TestMode,omitempty"`
}

// PutEvaluationsOutput is the output of PutEvaluations.
type PutEvaluationsOutput struct {
	FailedEvaluations []Evaluation `json:"FailedEvaluations"`
}

func validateEvaluation(i int, e Evaluation) error {
	m := "evaluations." + itoa(i+1) + ".member."
	if v, bad := awserr.LengthViolation(e.ComplianceResourceType, m+"complianceResourceType", 1, 256); bad {
		return clientErr(codeValidation, awserr.ValidationMessage(v))
	}
	if v, bad := awserr.LengthViolation(e.ComplianceResourceID, m+"complianceResourceId", 1, 768); bad {
		return clientErr(codeValidation, awserr.ValidationMessage(v))
	}
	if len(e.Annotation) > 256 {
		return awserr.Validation(codeValidation, e.Annotation, m+"annotation", "Member must have length less than or equal to 256")
	}
	if e.OrderingTimestamp.IsZero() {
		return clientErr(codeValidation, awserr.ValidationMessage(awserr.Violation{Null: true, Member: m + "orderingTimestamp", Constraint: "Member must not be null"}))
	}
	switch e.ComplianceType {
	case Compliant, NonCompliant, NotApplicable:
	case InsufficientData:
		return invalidParam("The ComplianceType INSUFFICIENT_DATA is not supported by PutEvaluations. Use COMPLIANT, NON_COMPLIANT or NOT_APPLICABLE.")
	case "":
		return clientErr(codeValidation, awserr.ValidationMessage(awserr.Violation{Null: true, Member: m + "complianceType", Constraint: "Member must not be null"}))
	default:
		return awserr.Validation(codeValidation, e.ComplianceType, m+"complianceType",
			"Member must satisfy enum value set: [INSUFFICIENT_DATA, NON_COMPLIANT, NOT_APPLICABLE, COMPLIANT]")
	}
	return nil
}

// PutEvaluations stores a rule function's results. The token must be one Config minted for an
// invocation of a rule that still exists; with TestMode the results are validated and dropped.
// A result older (by OrderingTimestamp) than the stored one is ignored.
func (s *Service) PutEvaluations(ctx context.Context, in *PutEvaluationsInput) (*PutEvaluationsOutput, error) {
	return bus.Call(ctx, s.b, op("PutEvaluations", false), in, func(ctx context.Context, in *PutEvaluationsInput) (*PutEvaluationsOutput, error) {
		if in.ResultToken == "" {
			return nil, clientErr(codeValidation, awserr.ValidationMessage(awserr.Violation{Null: true, Member: "resultToken", Constraint: "Member must not be null"}))
		}
		if len(in.Evaluations) > 100 {
			return nil, clientErr(codeValidation, awserr.ValidationMessage(awserr.Violation{NoValue: true, Member: "evaluations",
				Constraint: "Member must have length less than or equal to 100"}))
		}
		for i, e := range in.Evaluations {
			if err := validateEvaluation(i, e); err != nil {
				return nil, err
			}
		}
		out := &PutEvaluationsOutput{FailedEvaluations: []Evaluation{}}
		if in.TestMode {
			return out, nil
		}
		inv, ok := s.tokens[in.ResultToken]
		if !ok || inv.r.gone || inv.r.state == RuleDeleting {
			return nil, clientErr(codeInvalidResultToken, "The resultToken provided is invalid")
		}
		now := s.b.Now()
		for _, e := range in.Evaluations {
			s.storeLocked(ctx, inv.r, resKey{e.ComplianceResourceType, e.ComplianceResourceID}, e.ComplianceType, e.Annotation,
				e.OrderingTimestamp, inv.invoked, in.ResultToken)
		}
		inv.r.status.LastSuccessfulEvaluationTime = tp(now)
		return out, nil
	})
}
