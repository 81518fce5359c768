package trail

import (
	"context"

	"github.com/watchsim/watchsim/bus"
)

// What watchsim does not simulate of CloudTrail answers with a bus.NotSimulatedError: CloudTrail
// Lake (event data stores, queries), channels, organization trails, Insights events and network
// activity events. The operations below exist so that code calling them gets that error, recorded
// like any other call, rather than a missing method.

// CreateEventDataStoreInput is the input of CreateEventDataStore (CloudTrail Lake).
type CreateEventDataStoreInput struct {
	Name string `json:"Name"`
}

// CreateEventDataStoreOutput is the output of CreateEventDataStore.
type CreateEventDataStoreOutput struct {
	EventDataStoreArn string `json:"EventDataStoreArn,omitempty"`
}

// CreateEventDataStore is not simulated (CloudTrail Lake).
func (s *Service) CreateEventDataStore(ctx context.Context, in *CreateEventDataStoreInput) (*CreateEventDataStoreOutput, error) {
	return bus.Call(ctx, s.b, op("CreateEventDataStore", false), in, func(context.Context, *CreateEventDataStoreInput) (*CreateEventDataStoreOutput, error) {
		return nil, bus.NotSimulated("cloudtrail", "CloudTrail Lake event data stores")
	})
}

// StartQueryInput is the input of StartQuery (CloudTrail Lake).
type StartQueryInput struct {
	QueryStatement string `json:"QueryStatement,omitempty"`
}

// StartQueryOutput is the output of StartQuery.
type StartQueryOutput struct {
	QueryID string `json:"QueryId,omitempty"`
}

// StartQuery is not simulated (CloudTrail Lake SQL queries).
func (s *Service) StartQuery(ctx context.Context, in *StartQueryInput) (*StartQueryOutput, error) {
	return bus.Call(ctx, s.b, op("StartQuery", false), in, func(context.Context, *StartQueryInput) (*StartQueryOutput, error) {
		return nil, bus.NotSimulated("cloudtrail", "CloudTrail Lake queries")
	})
}

// CreateChannelInput is the input of CreateChannel.
type CreateChannelInput struct {
	Name   string `json:"Name"`
	Source string `json:"Source"`
}

// CreateChannelOutput is the output of CreateChannel.
type CreateChannelOutput struct {
	ChannelArn string `json:"ChannelArn,omitempty"`
}

// CreateChannel is not simulated (channels for events from outside AWS).
func (s *Service) CreateChannel(ctx context.Context, in *CreateChannelInput) (*CreateChannelOutput, error) {
	return bus.Call(ctx, s.b, op("CreateChannel", false), in, func(context.Context, *CreateChannelInput) (*CreateChannelOutput, error) {
		return nil, bus.NotSimulated("cloudtrail", "CloudTrail channels")
	})
}
