package config

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/awserr"
)

// Third-party resource types (API reference: PutResourceConfig,
// https://docs.aws.amazon.com/config/latest/APIReference/API_PutResourceConfig.html). AWS needs the
// type registered in the CloudFormation registry; the simulator has no registry, so the type and
// its schema version are registered in process with [Service.RegisterResourceType].

// MaxCustomResources is the number of active third-party resources per account.
const MaxCustomResources = 100000

// PutResourceConfigInput is the input of PutResourceConfig.
type PutResourceConfigInput struct {
	ResourceType    string            `json:"ResourceType"`
	SchemaVersionID string            `json:"SchemaVersionId"`
	ResourceID      string            `json:"ResourceId"`
	ResourceName    string            `json:"ResourceName,omitempty"`
	Configuration   string            `json:"Configuration"`
	Tags            map[string]string `json:"Tags,omitempty"`
}

// PutResourceConfigOutput is the (empty) output of PutResourceConfig.
type PutResourceConfigOutput struct{}

// DeleteResourceConfigInput is the input of DeleteResourceConfig.
type DeleteResourceConfigInput struct {
	ResourceType string `json:"ResourceType"`
	ResourceID   string `json:"ResourceId"`
}

// DeleteResourceConfigOutput is the (empty) output of DeleteResourceConfig.
type DeleteResourceConfigOutput struct{}

// RegisterResourceType stands in for registering a third-party type in the CloudFormation
// registry: typ ("Org::Service::Resource", the org not amzn, amazon, alexa or custom) with its
// schema version id. Registering a type again replaces its schema version.
func (s *Service) RegisterResourceType(typ, schemaVersionID string) error {
	if s.b.Closed() {
		return fmt.Errorf("config: RegisterResourceType: %w", bus.ErrClosed)
	}
	parts := strings.Split(typ, "::")
	if len(parts) != 3 || parts[0] == "" || parts[1] == "" || parts[2] == "" || len(typ) > 196 {
		return errors.New("config: RegisterResourceType: a type is Org::Service::Resource")
	}
	switch strings.ToLower(parts[0]) {
	case "aws", "amzn", "amazon", "alexa", "custom":
		return errors.New("config: RegisterResourceType: the organisation " + parts[0] + " is reserved")
	}
	if schemaVersionID == "" || len(schemaVersionID) > 128 {
		return errors.New("config: RegisterResourceType needs a schema version id of 1-128 characters")
	}
	s.b.Locked(func() { s.customTypes[typ] = schemaVersionID })
	return nil
}

func (s *Service) checkCustomType(typ string) error {
	if v, bad := awserr.LengthViolation(typ, "resourceType", 1, 196); bad {
		return clientErr(codeValidation, awserr.ValidationMessage(v))
	}
	if s.customTypes[typ] == "" {
		return clientErrf(codeValidation, "The resource type %s is not registered in the CloudFormation registry.", typ)
	}
	return nil
}

func (s *Service) needRunning() error {
	if s.recorder == nil || !s.recorder.recording {
		return clientErr(codeNoRunningRecorder, "There is no configuration recorder running.")
	}
	return nil
}

// PutResourceConfig records the configuration of a third-party resource: ResourceDiscovered the
// first time, OK when it changed, nothing when it did not.
func (s *Service) PutResourceConfig(ctx context.Context, in *PutResourceConfigInput) (*PutResourceConfigOutput, error) {
	return bus.Call(ctx, s.b, op("PutResourceConfig", false), in, func(ctx context.Context, in *PutResourceConfigInput) (*PutResourceConfigOutput, error) {
		if err := s.checkCustomType(in.ResourceType); err != nil {
			return nil, err
		}
		if in.SchemaVersionID != s.customTypes[in.ResourceType] {
			return nil, clientErrf(codeValidation, "The schema version %s is not registered for %s.", in.SchemaVersionID, in.ResourceType)
		}
		if v, bad := awserr.LengthViolation(in.ResourceID, "resourceId", 1, 768); bad {
			return nil, clientErr(codeValidation, awserr.ValidationMessage(v))
		}
		if len(in.Configuration) > 64*1024 || !json.Valid([]byte(in.Configuration)) {
			return nil, clientErr(codeValidation, "The configuration must be a valid JSON document of at most 64 KB.")
		}
		if err := s.needRunning(); err != nil {
			return nil, err
		}
		if r := s.res[resKey{in.ResourceType, in.ResourceID}]; r == nil || !r.live {
			active := 0
			for _, x := range s.resOrder {
				if x.custom && x.live {
					active++
				}
			}
			if active >= MaxCustomResources {
				return nil, clientErr("MaxActiveResourcesExceededException", "You have reached the limit of active custom resources for your account.")
			}
		}
		s.applyChangeLocked(ctx, bus.ResourceChange{ChangeType: bus.ResourceUpdated, ResourceType: in.ResourceType, ResourceID: in.ResourceID,
			ResourceName: in.ResourceName, Tags: in.Tags, Configuration: json.RawMessage(in.Configuration)}, true)
		return &PutResourceConfigOutput{}, nil
	})
}

// DeleteResourceConfig records the deletion of a third-party resource.
func (s *Service) DeleteResourceConfig(ctx context.Context, in *DeleteResourceConfigInput) (*DeleteResourceConfigOutput, error) {
	return bus.Call(ctx, s.b, op("DeleteResourceConfig", false), in, func(ctx context.Context, in *DeleteResourceConfigInput) (*DeleteResourceConfigOutput, error) {
		if err := s.checkCustomType(in.ResourceType); err != nil {
			return nil, err
		}
		if v, bad := awserr.LengthViolation(in.ResourceID, "resourceId", 1, 768); bad {
			return nil, clientErr(codeValidation, awserr.ValidationMessage(v))
		}
		if err := s.needRunning(); err != nil {
			return nil, err
		}
		s.applyChangeLocked(ctx, bus.ResourceChange{ChangeType: bus.ResourceDeleted, ResourceType: in.ResourceType, ResourceID: in.ResourceID}, true)
		return &DeleteResourceConfigOutput{}, nil
	})
}
