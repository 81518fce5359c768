package events

import (
	"context"
	"encoding/json"

	"github.com/watchsim/watchsim/bus"
)

// The parts of EventBridge watchsim does not simulate answer with a NotSimulated error (code
// [bus.NotSimulatedCode]) naming the gap, never with a made-up success: API destinations and
// connections (HTTP calls out of the simulation), global endpoints (a second region), partner
// event sources, and the separate EventBridge Scheduler and Pipes services.

// CreateApiDestinationInput is the input of CreateApiDestination (not simulated).
type CreateApiDestinationInput struct {
	Name               string `json:"Name"`
	ConnectionArn      string `json:"ConnectionArn"`
	InvocationEndpoint string `json:"InvocationEndpoint"`
	HttpMethod         string `json:"HttpMethod"`
}

// CreateApiDestinationOutput is the output of CreateApiDestination.
type CreateApiDestinationOutput struct {
	ApiDestinationArn string `json:"ApiDestinationArn,omitempty"`
}

// CreateConnectionInput is the input of CreateConnection (not simulated).
type CreateConnectionInput struct {
	Name              string          `json:"Name"`
	AuthorizationType string          `json:"AuthorizationType"`
	AuthParameters    json.RawMessage `json:"AuthParameters,omitempty"`
}

// CreateConnectionOutput is the output of CreateConnection.
type CreateConnectionOutput struct {
	ConnectionArn string `json:"ConnectionArn,omitempty"`
}

// CreateEndpointInput is the input of CreateEndpoint (not simulated).
type CreateEndpointInput struct {
	Name          string          `json:"Name"`
	RoutingConfig json.RawMessage `json:"RoutingConfig,omitempty"`
	EventBuses    json.RawMessage `json:"EventBuses,omitempty"`
}

// CreateEndpointOutput is the output of CreateEndpoint.
type CreateEndpointOutput struct {
	Arn string `json:"Arn,omitempty"`
}

// CreatePartnerEventSourceInput is the input of CreatePartnerEventSource (not simulated).
type CreatePartnerEventSourceInput struct {
	Name    string `json:"Name"`
	Account string `json:"Account"`
}

// CreatePartnerEventSourceOutput is the output of CreatePartnerEventSource.
type CreatePartnerEventSourceOutput struct {
	EventSourceArn string `json:"EventSourceArn,omitempty"`
}

// PutPartnerEventsInput is the input of PutPartnerEvents (not simulated).
type PutPartnerEventsInput struct {
	Entries json.RawMessage `json:"Entries"`
}

// PutPartnerEventsOutput is the output of PutPartnerEvents.
type PutPartnerEventsOutput struct {
	FailedEntryCount int32 `json:"FailedEntryCount"`
}

// ListEventSourcesInput is the input of ListEventSources (not simulated).
type ListEventSourcesInput struct {
	NamePrefix string `json:"NamePrefix,omitempty"`
	NextToken  string `json:"NextToken,omitempty"`
	Limit      *int32 `json:"Limit,omitempty"`
}

// ListEventSourcesOutput is the output of ListEventSources.
type ListEventSourcesOutput struct {
	NextToken string `json:"NextToken,omitempty"`
}

func notSimulatedOp[In, Out any](ctx context.Context, s *Service, name, feature string, in *In) (*Out, error) {
	return bus.Call(ctx, s.b, op(name, false), in, func(context.Context, *In) (*Out, error) {
		return nil, bus.NotSimulated("events", feature)
	})
}

// CreateApiDestination is not simulated: API destinations call HTTP endpoints outside the simulation.
func (s *Service) CreateApiDestination(ctx context.Context, in *CreateApiDestinationInput) (*CreateApiDestinationOutput, error) {
	return notSimulatedOp[CreateApiDestinationInput, CreateApiDestinationOutput](ctx, s, "CreateApiDestination", "API destinations", in)
}

// CreateConnection is not simulated (connections exist for API destinations).
func (s *Service) CreateConnection(ctx context.Context, in *CreateConnectionInput) (*CreateConnectionOutput, error) {
	return notSimulatedOp[CreateConnectionInput, CreateConnectionOutput](ctx, s, "CreateConnection", "connections (API destinations)", in)
}

// CreateEndpoint is not simulated: global endpoints fail over between regions.
func (s *Service) CreateEndpoint(ctx context.Context, in *CreateEndpointInput) (*CreateEndpointOutput, error) {
	return notSimulatedOp[CreateEndpointInput, CreateEndpointOutput](ctx, s, "CreateEndpoint", "global endpoints", in)
}

// CreatePartnerEventSource is not simulated (SaaS partner event sources).
func (s *Service) CreatePartnerEventSource(ctx context.Context, in *CreatePartnerEventSourceInput) (*CreatePartnerEventSourceOutput, error) {
	return notSimulatedOp[CreatePartnerEventSourceInput, CreatePartnerEventSourceOutput](ctx, s, "CreatePartnerEventSource", "partner event sources", in)
}

// PutPartnerEvents is not simulated (SaaS partner event sources).
func (s *Service) PutPartnerEvents(ctx context.Context, in *PutPartnerEventsInput) (*PutPartnerEventsOutput, error) {
	return notSimulatedOp[PutPartnerEventsInput, PutPartnerEventsOutput](ctx, s, "PutPartnerEvents", "partner event sources", in)
}

// ListEventSources is not simulated (SaaS partner event sources).
func (s *Service) ListEventSources(ctx context.Context, in *ListEventSourcesInput) (*ListEventSourcesOutput, error) {
	return notSimulatedOp[ListEventSourcesInput, ListEventSourcesOutput](ctx, s, "ListEventSources", "partner event sources", in)
}
