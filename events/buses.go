package events

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/events/eventpattern"
)

// Tag is the AWS shape Tag.
type Tag struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

// DeadLetterConfig is the AWS shape DeadLetterConfig: a standard SQS queue of the same region.
type DeadLetterConfig struct {
	Arn string `json:"Arn,omitempty"`
}

// CreateEventBusInput is the input of CreateEventBus.
type CreateEventBusInput struct {
	Name string `json:"Name"`
	// EventSourceName (partner event buses) is not simulated.
	EventSourceName  string            `json:"EventSourceName,omitempty"`
	Description      string            `json:"Description,omitempty"`
	KmsKeyIdentifier string            `json:"KmsKeyIdentifier,omitempty"`
	DeadLetterConfig *DeadLetterConfig `json:"DeadLetterConfig,omitempty"`
	Tags             []Tag             `json:"Tags,omitempty"`
}

// CreateEventBusOutput is the output of CreateEventBus.
type CreateEventBusOutput struct {
	EventBusArn      string            `json:"EventBusArn"`
	Description      string            `json:"Description,omitempty"`
	KmsKeyIdentifier string            `json:"KmsKeyIdentifier,omitempty"`
	DeadLetterConfig *DeadLetterConfig `json:"DeadLetterConfig,omitempty"`
}

// DeleteEventBusInput is the input of DeleteEventBus.
type DeleteEventBusInput struct {
	Name string `json:"Name"`
}

// DeleteEventBusOutput is the (empty) output of DeleteEventBus.
type DeleteEventBusOutput struct{}

// DescribeEventBusInput is the input of DescribeEventBus; Name is a name or an ARN, default the
// default bus.
type DescribeEventBusInput struct {
	Name string `json:"Name,omitempty"`
}

// DescribeEventBusOutput is the output of DescribeEventBus.
type DescribeEventBusOutput struct {
	Name             string            `json:"Name"`
	Arn              string            `json:"Arn"`
	Description      string            `json:"Description,omitempty"`
	KmsKeyIdentifier string            `json:"KmsKeyIdentifier,omitempty"`
	DeadLetterConfig *DeadLetterConfig `json:"DeadLetterConfig,omitempty"`
	Policy           string            `json:"Policy,omitempty"`
	CreationTime     time.Time         `json:"CreationTime"`
	LastModifiedTime time.Time         `json:"LastModifiedTime"`
}

// EventBus is the AWS shape EventBus.
type EventBus struct {
	Name             string    `json:"Name"`
	Arn              string    `json:"Arn"`
	Description      string    `json:"Description,omitempty"`
	Policy           string    `json:"Policy,omitempty"`
	CreationTime     time.Time `json:"CreationTime"`
	LastModifiedTime time.Time `json:"LastModifiedTime"`
}

// ListEventBusesInput is the input of ListEventBuses.
type ListEventBusesInput struct {
	NamePrefix string `json:"NamePrefix,omitempty"`
	NextToken  string `json:"NextToken,omitempty"`
	Limit      *int32 `json:"Limit,omitempty"`
}

// ListEventBusesOutput is the output of ListEventBuses.
type ListEventBusesOutput struct {
	EventBuses []EventBus `json:"EventBuses"`
	NextToken  string     `json:"NextToken,omitempty"`
}

// UpdateEventBusInput is the input of UpdateEventBus.
type UpdateEventBusInput struct {
	Name             string            `json:"Name,omitempty"`
	KmsKeyIdentifier string            `json:"KmsKeyIdentifier,omitempty"`
	Description      *string           `json:"Description,omitempty"`
	DeadLetterConfig *DeadLetterConfig `json:"DeadLetterConfig,omitempty"`
}

// UpdateEventBusOutput is the output of UpdateEventBus.
type UpdateEventBusOutput struct {
	Arn              string            `json:"Arn"`
	Name             string            `json:"Name"`
	KmsKeyIdentifier string            `json:"KmsKeyIdentifier,omitempty"`
	Description      string            `json:"Description,omitempty"`
	DeadLetterConfig *DeadLetterConfig `json:"DeadLetterConfig,omitempty"`
}

type eventBus struct {
	name, arn    string
	description  string
	kms          string
	dlq          string
	created, mod time.Time
	tags         map[string]string
	policy       []policyStatement
	rules        map[string]*rule
	matcher      *eventpattern.Matcher // ENABLED rules with a pattern
}

func (s *Service) newBus(name string, now time.Time) (*eventBus, error) {
	eb := &eventBus{name: name, arn: s.b.ARN("events", "event-bus/"+name), created: now, mod: now,
		rules: map[string]*rule{}, matcher: newMatcher()}
	s.buses[name] = eb
	// A bus is a delivery target (rules of other buses forward events to it).
	if err := s.b.Register(eb.arn, busSink{s, name}); err != nil {
		delete(s.buses, name)
		return nil, err
	}
	return eb, nil
}

func errBusNotFound(name string) error {
	return bus.ClientErrorf(ResourceNotFoundException, "Event bus %s does not exist.", name)
}

// lookupBus resolves an event bus name or ARN ("" is the default bus).
func (s *Service) lookupBus(nameOrARN string) (*eventBus, error) {
	name := nameOrARN
	if name == "" {
		name = DefaultBusName
	}
	if strings.HasPrefix(name, "arn:") {
		a, err := bus.ParseARN(name)
		if err != nil || a.Service != "events" || !strings.HasPrefix(a.Resource, "event-bus/") {
			return nil, validation("Parameter EventBusName is not valid. Reason: " + nameOrARN + " is not a valid event bus ARN.")
		}
		if a.AccountID != s.b.Account() || a.Region != s.b.Region() {
			return nil, bus.NotSimulated("events", "event buses of other accounts or regions")
		}
		name = strings.TrimPrefix(a.Resource, "event-bus/")
	}
	eb := s.buses[name]
	if eb == nil {
		return nil, errBusNotFound(name)
	}
	return eb, nil
}

func busNameOK(n string) bool {
	for i := 0; i < len(n); i++ {
		c := n[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_' || c == '/') {
			return false
		}
	}
	return true
}

func (s *Service) checkDLQ(d *DeadLetterConfig) error {
	if d == nil || d.Arn == "" {
		return nil
	}
	a, err := bus.ParseARN(d.Arn)
	if err != nil || a.Service != "sqs" {
		return validation("Parameter DeadLetterConfig.Arn is not valid. Reason: " + d.Arn + " is not a valid SQS queue ARN.")
	}
	if strings.HasSuffix(a.Resource, ".fifo") {
		return validation("Parameter DeadLetterConfig.Arn is not valid. Reason: FIFO queues are not supported as dead-letter queues.")
	}
	if a.Region != s.b.Region() {
		return validation("Parameter DeadLetterConfig.Arn is not valid. Reason: the dead-letter queue must be in the same region.")
	}
	return nil
}

func (eb *eventBus) describe() DescribeEventBusOutput {
	out := DescribeEventBusOutput{Name: eb.name, Arn: eb.arn, Description: eb.description, KmsKeyIdentifier: eb.kms,
		Policy: eb.policyDocument(), CreationTime: eb.created, LastModifiedTime: eb.mod}
	if eb.dlq != "" {
		out.DeadLetterConfig = &DeadLetterConfig{Arn: eb.dlq}
	}
	return out
}

func (s *Service) busChanged(ctx context.Context, ct bus.ChangeType, eb *eventBus) {
	s.publishChange(ctx, ct, "AWS::Events::EventBus", eb.name, eb.name, eb.arn, eb.tags, eb.describe())
}

// CreateEventBus creates a custom event bus. Partner event buses (EventSourceName) are not simulated.
func (s *Service) CreateEventBus(ctx context.Context, in *CreateEventBusInput) (*CreateEventBusOutput, error) {
	return bus.Call(ctx, s.b, op("CreateEventBus", false), in, func(ctx context.Context, in *CreateEventBusInput) (*CreateEventBusOutput, error) {
		if in.EventSourceName != "" {
			return nil, bus.NotSimulated("events", "partner event buses (EventSourceName)")
		}
		if err := checkLen(in.Name, "name", 1, 256); err != nil {
			return nil, err
		}
		if !busNameOK(in.Name) {
			return nil, constraint(in.Name, "name", `Member must satisfy regular expression pattern: [/\.\-_A-Za-z0-9]+`)
		}
		if in.Name == DefaultBusName || strings.Contains(in.Name, "/") {
			return nil, validation("Event bus name must not contain '/' or be 'default'.")
		}
		if len(in.Description) > 512 {
			return nil, constraint(in.Description, "description", "Member must have length less than or equal to 512")
		}
		if err := s.checkDLQ(in.DeadLetterConfig); err != nil {
			return nil, err
		}
		tags, err := checkTags(in.Tags)
		if err != nil {
			return nil, err
		}
		if _, dup := s.buses[in.Name]; dup {
			return nil, bus.ClientErrorf(ResourceAlreadyExistsException, "Event bus %s already exists.", in.Name)
		}
		if len(s.buses) >= s.opts.maxBuses {
			return nil, bus.ClientError(LimitExceededException, "The requested resource exceeds the maximum number allowed.")
		}
		eb, err := s.newBus(in.Name, s.b.Now())
		if err != nil {
			return nil, bus.ServerError("InternalException", err.Error())
		}
		eb.description, eb.kms, eb.tags = in.Description, in.KmsKeyIdentifier, tags
		if in.DeadLetterConfig != nil {
			eb.dlq = in.DeadLetterConfig.Arn
		}
		s.busChanged(ctx, bus.ResourceCreated, eb)
		return &CreateEventBusOutput{EventBusArn: eb.arn, Description: eb.description, KmsKeyIdentifier: eb.kms, DeadLetterConfig: in.DeadLetterConfig}, nil
	})
}

// DeleteEventBus deletes a custom event bus and its rules; the default bus cannot be deleted.
// Deleting a bus that does not exist succeeds, as in AWS.
func (s *Service) DeleteEventBus(ctx context.Context, in *DeleteEventBusInput) (*DeleteEventBusOutput, error) {
	return bus.Call(ctx, s.b, op("DeleteEventBus", false), in, func(ctx context.Context, in *DeleteEventBusInput) (*DeleteEventBusOutput, error) {
		if err := checkLen(in.Name, "name", 1, 256); err != nil {
			return nil, err
		}
		if in.Name == DefaultBusName {
			return nil, validation("Cannot delete event bus default.")
		}
		eb := s.buses[in.Name]
		if eb == nil {
			return &DeleteEventBusOutput{}, nil
		}
		for _, r := range eb.rules {
			s.unschedule(r)
			s.ruleChanged(ctx, bus.ResourceDeleted, eb, r)
		}
		delete(s.buses, eb.name)
		s.b.Unregister(eb.arn)
		s.busChanged(ctx, bus.ResourceDeleted, eb)
		return &DeleteEventBusOutput{}, nil
	})
}

// DescribeEventBus describes an event bus (by name or ARN; the default bus when none is given).
func (s *Service) DescribeEventBus(ctx context.Context, in *DescribeEventBusInput) (*DescribeEventBusOutput, error) {
	return bus.Call(ctx, s.b, op("DescribeEventBus", true), in, func(ctx context.Context, in *DescribeEventBusInput) (*DescribeEventBusOutput, error) {
		eb, err := s.lookupBus(in.Name)
		if err != nil {
			return nil, err
		}
		out := eb.describe()
		return &out, nil
	})
}

// ListEventBuses lists event buses in name order, up to 100 per page.
func (s *Service) ListEventBuses(ctx context.Context, in *ListEventBusesInput) (*ListEventBusesOutput, error) {
	return bus.Call(ctx, s.b, op("ListEventBuses", true), in, func(ctx context.Context, in *ListEventBusesInput) (*ListEventBusesOutput, error) {
		limit, err := checkLimit(in.Limit, 100)
		if err != nil {
			return nil, err
		}
		names := make([]string, 0, len(s.buses))
		for n := range s.buses {
			if strings.HasPrefix(n, in.NamePrefix) {
				names = append(names, n)
			}
		}
		slices.Sort(names)
		page, next, err := paginate(names, in.NextToken, limit, "buses")
		if err != nil {
			return nil, err
		}
		out := &ListEventBusesOutput{EventBuses: []EventBus{}, NextToken: next}
		for _, n := range page {
			eb := s.buses[n]
			out.EventBuses = append(out.EventBuses, EventBus{Name: eb.name, Arn: eb.arn, Description: eb.description,
				Policy: eb.policyDocument(), CreationTime: eb.created, LastModifiedTime: eb.mod})
		}
		return out, nil
	})
}

// UpdateEventBus changes a bus's description, KMS key and dead-letter queue.
func (s *Service) UpdateEventBus(ctx context.Context, in *UpdateEventBusInput) (*UpdateEventBusOutput, error) {
	return bus.Call(ctx, s.b, op("UpdateEventBus", false), in, func(ctx context.Context, in *UpdateEventBusInput) (*UpdateEventBusOutput, error) {
		eb, err := s.lookupBus(in.Name)
		if err != nil {
			return nil, err
		}
		if err := s.checkDLQ(in.DeadLetterConfig); err != nil {
			return nil, err
		}
		if in.Description != nil {
			if len(*in.Description) > 512 {
				return nil, constraint(*in.Description, "description", "Member must have length less than or equal to 512")
			}
			eb.description = *in.Description
		}
		if in.KmsKeyIdentifier != "" {
			eb.kms = in.KmsKeyIdentifier
		}
		if in.DeadLetterConfig != nil {
			eb.dlq = in.DeadLetterConfig.Arn
		}
		eb.mod = s.b.Now()
		s.busChanged(ctx, bus.ResourceUpdated, eb)
		out := &UpdateEventBusOutput{Arn: eb.arn, Name: eb.name, KmsKeyIdentifier: eb.kms, Description: eb.description}
		if eb.dlq != "" {
			out.DeadLetterConfig = &DeadLetterConfig{Arn: eb.dlq}
		}
		return out, nil
	})
}

// busSink makes an event bus a delivery target: a rule of another bus whose target is this bus's
// ARN forwards its events here. An event that came from another bus is not forwarded again to a
// third one ("EventBridge can't route events received from a sender event bus to a third event
// bus", Event bus targets in the EventBridge User Guide).
type busSink struct {
	s    *Service
	name string
}

// forwardedAttribute marks a payload that one bus forwards to another.
const forwardedAttribute = "watchsim-forwarded-from"

// Deliver routes an event envelope (the bus.Sink method).
func (k busSink) Deliver(ctx context.Context, p bus.Payload) error {
	var env bus.Event
	if err := json.Unmarshal(p.Body, &env); err != nil || env.Source == "" || env.DetailType == "" {
		return bus.ClientError("InvalidArgument", "The payload delivered to an event bus must be an event envelope.")
	}
	var err error
	k.s.collect(ctx, func(out []delivery) []delivery {
		eb := k.s.buses[k.name]
		if eb == nil {
			err = errBusNotFound(k.name)
			return out
		}
		return k.s.route(eb, fromBusEvent(env, k.s.b.Now()), routeOptions{forwarded: p.Attributes[forwardedAttribute] != ""}, out)
	})
	return err
}
