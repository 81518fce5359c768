package events

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/watchsim/watchsim/bus"
)

// Resource-based policies of event buses (PutPermission / RemovePermission API reference,
// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutPermission.html). watchsim
// keeps and returns them (DescribeEventBus's Policy); it simulates one account, so they never
// decide a delivery.

// MaxPolicyLength is the largest bus policy EventBridge stores (10,240 characters).
const MaxPolicyLength = 10240

// Condition is the AWS shape Condition of PutPermission.
type Condition struct {
	Type  string `json:"Type"`
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

// PutPermissionInput is the input of PutPermission: either Action, Principal and StatementId
// (with an optional Condition), or a whole Policy document.
type PutPermissionInput struct {
	EventBusName string     `json:"EventBusName,omitempty"`
	Action       string     `json:"Action,omitempty"`
	Principal    string     `json:"Principal,omitempty"`
	StatementId  string     `json:"StatementId,omitempty"`
	Condition    *Condition `json:"Condition,omitempty"`
	Policy       string     `json:"Policy,omitempty"`
}

// PutPermissionOutput is the (empty) output of PutPermission.
type PutPermissionOutput struct{}

// RemovePermissionInput is the input of RemovePermission.
type RemovePermissionInput struct {
	StatementId          string `json:"StatementId,omitempty"`
	RemoveAllPermissions bool   `json:"RemoveAllPermissions,omitempty"`
	EventBusName         string `json:"EventBusName,omitempty"`
}

// RemovePermissionOutput is the (empty) output of RemovePermission.
type RemovePermissionOutput struct{}

// policyStatement is one statement of a bus policy, kept as JSON.
type policyStatement struct {
	sid string
	raw json.RawMessage
}

// policyDocument renders the bus policy ("" when it has no statement).
func (eb *eventBus) policyDocument() string {
	if len(eb.policy) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(`{"Version":"2012-10-17","Statement":[`)
	for i, st := range eb.policy {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(st.raw)
	}
	b.WriteString("]}")
	return b.String()
}

func statementIDOK(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

func principalOK(p string) bool {
	if p == "*" {
		return true
	}
	if len(p) != 12 {
		return false
	}
	for i := 0; i < len(p); i++ {
		if p[i] < '0' || p[i] > '9' {
			return false
		}
	}
	return true
}

// statementsOf validates a whole policy document and returns its statements.
func statementsOf(doc string) ([]policyStatement, error) {
	var p struct {
		Version   string            `json:"Version"`
		Statement []json.RawMessage `json:"Statement"`
	}
	if err := json.Unmarshal([]byte(doc), &p); err != nil || len(p.Statement) == 0 {
		return nil, validation("Parameter Policy is not valid. Reason: Policy must be a valid JSON document with a Statement.")
	}
	out := make([]policyStatement, 0, len(p.Statement))
	for _, raw := range p.Statement {
		var st struct {
			Sid    string `json:"Sid"`
			Effect string `json:"Effect"`
		}
		if json.Unmarshal(raw, &st) != nil || (st.Effect != "Allow" && st.Effect != "Deny") {
			return nil, validation("Parameter Policy is not valid. Reason: every Statement needs an Effect of Allow or Deny.")
		}
		var c []byte
		if c, _ = json.Marshal(raw); c == nil {
			c = raw
		}
		out = append(out, policyStatement{sid: st.Sid, raw: c})
	}
	return out, nil
}

// PutPermission adds a statement to a bus's resource policy (or replaces the statement with the
// same StatementId), or replaces the whole policy with Policy.
func (s *Service) PutPermission(ctx context.Context, in *PutPermissionInput) (*PutPermissionOutput, error) {
	return bus.Call(ctx, s.b, op("PutPermission", false), in, func(ctx context.Context, in *PutPermissionInput) (*PutPermissionOutput, error) {
		eb, err := s.lookupBus(in.EventBusName)
		if err != nil {
			return nil, err
		}
		if in.Policy != "" {
			if in.Action != "" || in.Principal != "" || in.StatementId != "" || in.Condition != nil {
				return nil, validation("Either Policy or Action, Principal and StatementId must be provided, not both.")
			}
			if len(in.Policy) > MaxPolicyLength {
				return nil, clientErr(PolicyLengthExceededException, "The policy exceeds the maximum allowed length.")
			}
			sts, err := statementsOf(in.Policy)
			if err != nil {
				return nil, err
			}
			eb.policy = sts
			s.policyChanged(ctx, eb)
			return &PutPermissionOutput{}, nil
		}
		if err := checkLen(in.Action, "action", 1, 64); err != nil {
			return nil, err
		}
		if !strings.HasPrefix(in.Action, "events:") || len(in.Action) == len("events:") {
			return nil, constraint(in.Action, "action", "Member must satisfy regular expression pattern: events:[a-zA-Z]+")
		}
		if err := checkLen(in.Principal, "principal", 1, 12); err != nil {
			return nil, err
		}
		if !principalOK(in.Principal) {
			return nil, constraint(in.Principal, "principal", `Member must satisfy regular expression pattern: (\d{12}|\*)`)
		}
		if err := checkLen(in.StatementId, "statementId", 1, 64); err != nil {
			return nil, err
		}
		if !statementIDOK(in.StatementId) {
			return nil, constraint(in.StatementId, "statementId", "Member must satisfy regular expression pattern: [a-zA-Z0-9-_]+")
		}
		principal := any(map[string]string{"AWS": "arn:" + s.b.Partition() + ":iam::" + in.Principal + ":root"})
		if in.Principal == "*" {
			principal = "*"
		}
		st := map[string]any{"Sid": in.StatementId, "Effect": "Allow", "Principal": principal, "Action": in.Action, "Resource": eb.arn}
		if c := in.Condition; c != nil {
			if c.Type != "StringEquals" || c.Key != "aws:PrincipalOrgID" || c.Value == "" {
				return nil, validation("Parameter Condition is not valid. Reason: Type must be StringEquals and Key aws:PrincipalOrgID, with a Value.")
			}
			st["Condition"] = map[string]any{c.Type: map[string]string{c.Key: c.Value}}
		}
		raw, _ := json.Marshal(st)
		next := append([]policyStatement(nil), eb.policy...)
		replaced := false
		for i := range next {
			if next[i].sid == in.StatementId {
				next[i].raw, replaced = raw, true
			}
		}
		if !replaced {
			next = append(next, policyStatement{sid: in.StatementId, raw: raw})
		}
		old := eb.policy
		eb.policy = next
		if len(eb.policyDocument()) > MaxPolicyLength {
			eb.policy = old
			return nil, clientErr(PolicyLengthExceededException, "The policy exceeds the maximum allowed length.")
		}
		s.policyChanged(ctx, eb)
		return &PutPermissionOutput{}, nil
	})
}

// RemovePermission removes a statement from a bus's policy, or all of them.
func (s *Service) RemovePermission(ctx context.Context, in *RemovePermissionInput) (*RemovePermissionOutput, error) {
	return bus.Call(ctx, s.b, op("RemovePermission", false), in, func(ctx context.Context, in *RemovePermissionInput) (*RemovePermissionOutput, error) {
		eb, err := s.lookupBus(in.EventBusName)
		if err != nil {
			return nil, err
		}
		if in.RemoveAllPermissions {
			if in.StatementId != "" {
				return nil, validation("Either StatementId or RemoveAllPermissions must be provided, not both.")
			}
			eb.policy = nil
			s.policyChanged(ctx, eb)
			return &RemovePermissionOutput{}, nil
		}
		if err := checkLen(in.StatementId, "statementId", 1, 64); err != nil {
			return nil, err
		}
		if len(eb.policy) == 0 {
			return nil, clientErr(ResourceNotFoundException, "EventBus does not have a policy.")
		}
		for i, st := range eb.policy {
			if st.sid == in.StatementId {
				eb.policy = append(eb.policy[:i:i], eb.policy[i+1:]...)
				s.policyChanged(ctx, eb)
				return &RemovePermissionOutput{}, nil
			}
		}
		return nil, clientErr(ResourceNotFoundException, "Statement with the provided id does not exist.")
	})
}

func (s *Service) policyChanged(ctx context.Context, eb *eventBus) {
	eb.mod = s.b.Now()
	s.busChanged(ctx, bus.ResourceUpdated, eb)
}
