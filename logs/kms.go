package logs

import (
	"context"

	"github.com/watchsim/watchsim/bus"
)

// KMS keys are stored and reported (kmsKeyId of DescribeLogGroups); watchsim encrypts nothing and
// checks only the shape of the key ARN.

// AssociateKmsKeyInput is the input of AssociateKmsKey.
type AssociateKmsKeyInput struct {
	LogGroupName string `json:"logGroupName,omitempty"`
	KmsKeyID     string `json:"kmsKeyId"`
	// ResourceIdentifier (query results encryption) is not simulated.
	ResourceIdentifier string `json:"resourceIdentifier,omitempty"`
}

// AssociateKmsKeyOutput is the (empty) output of AssociateKmsKey.
type AssociateKmsKeyOutput struct{}

// DisassociateKmsKeyInput is the input of DisassociateKmsKey.
type DisassociateKmsKeyInput struct {
	LogGroupName       string `json:"logGroupName,omitempty"`
	ResourceIdentifier string `json:"resourceIdentifier,omitempty"`
}

// DisassociateKmsKeyOutput is the (empty) output of DisassociateKmsKey.
type DisassociateKmsKeyOutput struct{}

// AssociateKmsKey associates a KMS key ARN with a log group.
func (s *Service) AssociateKmsKey(ctx context.Context, in *AssociateKmsKeyInput) (*AssociateKmsKeyOutput, error) {
	return bus.Call(ctx, s.b, op("AssociateKmsKey", false), in, func(ctx context.Context, in *AssociateKmsKeyInput) (*AssociateKmsKeyOutput, error) {
		if in.ResourceIdentifier != "" {
			return nil, bus.NotSimulated("logs", "AssociateKmsKey resourceIdentifier (query results encryption)")
		}
		if err := checkLen(in.KmsKeyID, "kmsKeyId", 1, 256); err != nil {
			return nil, err
		}
		if a, err := bus.ParseARN(in.KmsKeyID); err != nil || a.Service != "kms" {
			return nil, invalidParameter("Specified KMS key ARN is not valid: " + in.KmsKeyID)
		}
		g, err := s.lookupGroup(in.LogGroupName, "")
		if err != nil {
			return nil, err
		}
		g.kms = in.KmsKeyID
		s.groupChanged(ctx, bus.ResourceUpdated, g)
		return &AssociateKmsKeyOutput{}, nil
	})
}

// DisassociateKmsKey removes the KMS key of a log group.
func (s *Service) DisassociateKmsKey(ctx context.Context, in *DisassociateKmsKeyInput) (*DisassociateKmsKeyOutput, error) {
	return bus.Call(ctx, s.b, op("DisassociateKmsKey", false), in, func(ctx context.Context, in *DisassociateKmsKeyInput) (*DisassociateKmsKeyOutput, error) {
		if in.ResourceIdentifier != "" {
			return nil, bus.NotSimulated("logs", "DisassociateKmsKey resourceIdentifier (query results encryption)")
		}
		g, err := s.lookupGroup(in.LogGroupName, "")
		if err != nil {
			return nil, err
		}
		g.kms = ""
		s.groupChanged(ctx, bus.ResourceUpdated, g)
		return &DisassociateKmsKeyOutput{}, nil
	})
}
