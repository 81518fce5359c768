package logs

import (
	"context"
	"encoding/json"
	"slices"
	"strings"

	"github.com/watchsim/watchsim/bus"
)

// Destination is the AWS shape Destination: a logical destination other accounts can subscribe
// their log groups to, backed by a Kinesis or Firehose stream.
type Destination struct {
	DestinationName string `json:"destinationName"`
	TargetArn       string `json:"targetArn"`
	RoleArn         string `json:"roleArn"`
	AccessPolicy    string `json:"accessPolicy,omitempty"`
	Arn             string `json:"arn"`
	CreationTime    int64  `json:"creationTime"`
}

// PutDestinationInput is the input of PutDestination.
type PutDestinationInput struct {
	DestinationName string            `json:"destinationName"`
	TargetArn       string            `json:"targetArn"`
	RoleArn         string            `json:"roleArn"`
	Tags            map[string]string `json:"tags,omitempty"`
}

// PutDestinationOutput is the output of PutDestination.
type PutDestinationOutput struct {
	Destination *Destination `json:"destination,omitempty"`
}

// PutDestinationPolicyInput is the input of PutDestinationPolicy.
type PutDestinationPolicyInput struct {
	DestinationName string `json:"destinationName"`
	AccessPolicy    string `json:"accessPolicy"`
	ForceUpdate     *bool  `json:"forceUpdate,omitempty"`
}

// PutDestinationPolicyOutput is the (empty) output of PutDestinationPolicy.
type PutDestinationPolicyOutput struct{}

// DescribeDestinationsInput is the input of DescribeDestinations.
type DescribeDestinationsInput struct {
	DestinationNamePrefix string `json:"DestinationNamePrefix,omitempty"`
	NextToken             string `json:"nextToken,omitempty"`
	Limit                 *int32 `json:"limit,omitempty"`
}

// DescribeDestinationsOutput is the output of DescribeDestinations.
type DescribeDestinationsOutput struct {
	Destinations []Destination `json:"destinations"`
	NextToken    string        `json:"nextToken,omitempty"`
}

// DeleteDestinationInput is the input of DeleteDestination.
type DeleteDestinationInput struct {
	DestinationName string `json:"destinationName"`
}

// DeleteDestinationOutput is the (empty) output of DeleteDestination.
type DeleteDestinationOutput struct{}

type destination struct {
	name, target, role, policy, arn string
	kind                            string
	created                         int64
	tags                            map[string]string
}

func (d *destination) describe() Destination {
	return Destination{DestinationName: d.name, TargetArn: d.target, RoleArn: d.role, AccessPolicy: d.policy, Arn: d.arn, CreationTime: d.created}
}

func (s *Service) destinationChanged(ctx context.Context, ct bus.ChangeType, d *destination) {
	s.publishChange(ctx, ct, "AWS::Logs::Destination", d.name, d.name, d.arn, d.tags, d.describe())
}

// PutDestination creates or updates a logical destination in front of a Kinesis or Firehose stream
// of this account. It has no access policy until PutDestinationPolicy gives it one; subscriptions
// from this account need none.
func (s *Service) PutDestination(ctx context.Context, in *PutDestinationInput) (*PutDestinationOutput, error) {
	return bus.Call(ctx, s.b, op("PutDestination", false), in, func(ctx context.Context, in *PutDestinationInput) (*PutDestinationOutput, error) {
		if err := checkColonFreeName(in.DestinationName, "destinationName"); err != nil {
			return nil, err
		}
		if err := checkLen(in.TargetArn, "targetArn", 1, 2048); err != nil {
			return nil, err
		}
		if err := checkLen(in.RoleArn, "roleArn", 1, 2048); err != nil {
			return nil, err
		}
		if err := checkTags(in.Tags, "tags"); err != nil {
			return nil, err
		}
		a, err := bus.ParseARN(in.TargetArn)
		if err != nil || (a.Service != "kinesis" && a.Service != "firehose") {
			return nil, invalidParameter("Invalid targetArn: " + in.TargetArn + " (a Kinesis Data Streams or Firehose stream)")
		}
		kind := destKinesis
		if a.Service == "firehose" {
			kind = destFirehose
		}
		if _, ok := s.b.SinkFor(in.TargetArn); !ok {
			return nil, invalidParameter("Could not deliver test message to specified destination. Verify the destination exists.")
		}
		d := s.destination[in.DestinationName]
		ct := bus.ResourceUpdated
		if d == nil {
			ct = bus.ResourceCreated
			d = &destination{name: in.DestinationName, arn: s.b.ARN("logs", "destination:"+in.DestinationName), created: s.nowMillis()}
			s.destination[d.name] = d
		}
		d.target, d.role, d.kind = in.TargetArn, in.RoleArn, kind
		if in.Tags != nil {
			d.tags = copyTags(in.Tags)
		}
		s.destinationChanged(ctx, ct, d)
		out := d.describe()
		return &PutDestinationOutput{Destination: &out}, nil
	})
}

// PutDestinationPolicy sets the access policy (an IAM policy document) of a destination. The policy
// is stored and checked to be a JSON object; watchsim evaluates no IAM policies.
func (s *Service) PutDestinationPolicy(ctx context.Context, in *PutDestinationPolicyInput) (*PutDestinationPolicyOutput, error) {
	return bus.Call(ctx, s.b, op("PutDestinationPolicy", false), in, func(ctx context.Context, in *PutDestinationPolicyInput) (*PutDestinationPolicyOutput, error) {
		if err := checkColonFreeName(in.DestinationName, "destinationName"); err != nil {
			return nil, err
		}
		if err := checkLen(in.AccessPolicy, "accessPolicy", 1, 5120); err != nil {
			return nil, err
		}
		var doc map[string]any
		if json.Unmarshal([]byte(in.AccessPolicy), &doc) != nil {
			return nil, invalidParameter("Invalid access policy: the policy must be a JSON document.")
		}
		d := s.destination[in.DestinationName]
		if d == nil {
			return nil, bus.ClientError(ResourceNotFoundException, "The specified destination does not exist.")
		}
		d.policy = in.AccessPolicy
		s.destinationChanged(ctx, bus.ResourceUpdated, d)
		return &PutDestinationPolicyOutput{}, nil
	})
}

// DescribeDestinations lists destinations in ASCII order of their names.
func (s *Service) DescribeDestinations(ctx context.Context, in *DescribeDestinationsInput) (*DescribeDestinationsOutput, error) {
	return bus.Call(ctx, s.b, op("DescribeDestinations", true), in, func(ctx context.Context, in *DescribeDestinationsInput) (*DescribeDestinationsOutput, error) {
		limit, err := checkLimit(in.Limit, "limit", MaxDescribeLimit, MaxDescribeLimit)
		if err != nil {
			return nil, err
		}
		after := ""
		if in.NextToken != "" {
			if after, err = decodeToken("destinations", in.NextToken); err != nil {
				return nil, err
			}
		}
		names := make([]string, 0, len(s.destination))
		for n := range s.destination {
			if strings.HasPrefix(n, in.DestinationNamePrefix) && (after == "" || n > after) {
				names = append(names, n)
			}
		}
		slices.Sort(names)
		out := &DescribeDestinationsOutput{Destinations: []Destination{}}
		for _, n := range names {
			if len(out.Destinations) == limit {
				out.NextToken = encodeToken("destinations", out.Destinations[limit-1].DestinationName)
				break
			}
			out.Destinations = append(out.Destinations, s.destination[n].describe())
		}
		return out, nil
	})
}

// DeleteDestination deletes a destination; subscription filters that use it fail to deliver.
func (s *Service) DeleteDestination(ctx context.Context, in *DeleteDestinationInput) (*DeleteDestinationOutput, error) {
	return bus.Call(ctx, s.b, op("DeleteDestination", false), in, func(ctx context.Context, in *DeleteDestinationInput) (*DeleteDestinationOutput, error) {
		if err := checkColonFreeName(in.DestinationName, "destinationName"); err != nil {
			return nil, err
		}
		d := s.destination[in.DestinationName]
		if d == nil {
			return nil, bus.ClientError(ResourceNotFoundException, "The specified destination does not exist.")
		}
		delete(s.destination, d.name)
		s.destinationChanged(ctx, bus.ResourceDeleted, d)
		return &DeleteDestinationOutput{}, nil
	})
}
