package config

import (
	"context"
	"strings"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/awserr"
)

// The configuration recorder (API reference: ConfigurationRecorder, PutConfigurationRecorder,
// https://docs.aws.amazon.com/config/latest/APIReference/API_PutConfigurationRecorder.html, and
// "Managing the Configuration Recorder",
// https://docs.aws.amazon.com/config/latest/developerguide/stop-start-recorder.html).

// Recording strategies (RecordingStrategy.useOnly).
const (
	StrategyAll       = "ALL_SUPPORTED_RESOURCE_TYPES"
	StrategyInclusion = "INCLUSION_BY_RESOURCE_TYPES"
	StrategyExclusion = "EXCLUSION_BY_RESOURCE_TYPES"
)

// Recording frequencies.
const (
	Continuous = "CONTINUOUS"
	Daily      = "DAILY"
)

// Recorder statuses (ConfigurationRecorderStatus.lastStatus), in the API's mixed case.
const (
	StatusPending = "Pending"
	StatusSuccess = "Success"
	StatusFailure = "Failure"
)

// ConfigurationRecorder is the AWS shape of the recorder.
type ConfigurationRecorder struct {
	Arn              string          `json:"arn,omitempty"`
	Name             string          `json:"name,omitempty"`
	RoleARN          string          `json:"roleARN,omitempty"`
	RecordingGroup   *RecordingGroup `json:"recordingGroup,omitempty"`
	RecordingMode    *RecordingMode  `json:"recordingMode,omitempty"`
	RecordingScope   string          `json:"recordingScope,omitempty"`
	ServicePrincipal string          `json:"servicePrincipal,omitempty"`
}

// RecordingGroup says which resource types the recorder records.
type RecordingGroup struct {
	AllSupported               bool                      `json:"allSupported"`
	IncludeGlobalResourceTypes bool                      `json:"includeGlobalResourceTypes"`
	ResourceTypes              []string                  `json:"resourceTypes"`
	ExclusionByResourceTypes   *ExclusionByResourceTypes `json:"exclusionByResourceTypes,omitempty"`
	RecordingStrategy          *RecordingStrategy        `json:"recordingStrategy,omitempty"`
}

// ExclusionByResourceTypes lists the types an EXCLUSION_BY_RESOURCE_TYPES group leaves out.
type ExclusionByResourceTypes struct {
	ResourceTypes []string `json:"resourceTypes"`
}

// RecordingStrategy names the strategy of a recording group.
type RecordingStrategy struct {
	UseOnly string `json:"useOnly,omitempty"`
}

// RecordingMode is the recording frequency and its per-type overrides.
type RecordingMode struct {
	RecordingFrequency     string                  `json:"recordingFrequency"`
	RecordingModeOverrides []RecordingModeOverride `json:"recordingModeOverrides,omitempty"`
}

// RecordingModeOverride sets the frequency of some types.
type RecordingModeOverride struct {
	Description        string   `json:"description,omitempty"`
	ResourceTypes      []string `json:"resourceTypes"`
	RecordingFrequency string   `json:"recordingFrequency"`
}

// Tag is a resource tag of the Config API.
type Tag struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

// PutConfigurationRecorderInput is the input of PutConfigurationRecorder.
type PutConfigurationRecorderInput struct {
	ConfigurationRecorder *ConfigurationRecorder `json:"ConfigurationRecorder"`
	Tags                  []Tag                  `json:"Tags,omitempty"`
}

// PutConfigurationRecorderOutput is the (empty) output of PutConfigurationRecorder.
type PutConfigurationRecorderOutput struct{}

// DescribeConfigurationRecordersInput is the input of DescribeConfigurationRecorders.
type DescribeConfigurationRecordersInput struct {
	ConfigurationRecorderNames []string `json:"ConfigurationRecorderNames,omitempty"`
	ServicePrincipal           string   `json:"ServicePrincipal,omitempty"`
	Arn                        string   `json:"Arn,omitempty"`
}

// DescribeConfigurationRecordersOutput is the output of DescribeConfigurationRecorders.
type DescribeConfigurationRecordersOutput struct {
	ConfigurationRecorders []ConfigurationRecorder `json:"ConfigurationRecorders"`
}

// DescribeConfigurationRecorderStatusInput is the input of DescribeConfigurationRecorderStatus.
type DescribeConfigurationRecorderStatusInput struct {
	ConfigurationRecorderNames []string `json:"ConfigurationRecorderNames,omitempty"`
	ServicePrincipal           string   `json:"ServicePrincipal,omitempty"`
	Arn                        string   `json:"Arn,omitempty"`
}

// ConfigurationRecorderStatus is the status of the recorder.
type ConfigurationRecorderStatus struct {
	Arn                  string     `json:"arn,omitempty"`
	Name                 string     `json:"name"`
	LastStartTime        *time.Time `json:"lastStartTime,omitempty"`
	LastStopTime         *time.Time `json:"lastStopTime,omitempty"`
	Recording            bool       `json:"recording"`
	LastStatus           string     `json:"lastStatus,omitempty"`
	LastErrorCode        string     `json:"lastErrorCode,omitempty"`
	LastErrorMessage     string     `json:"lastErrorMessage,omitempty"`
	LastStatusChangeTime *time.Time `json:"lastStatusChangeTime,omitempty"`
	ServicePrincipal     string     `json:"servicePrincipal,omitempty"`
}

// DescribeConfigurationRecorderStatusOutput is the output of DescribeConfigurationRecorderStatus.
type DescribeConfigurationRecorderStatusOutput struct {
	ConfigurationRecordersStatus []ConfigurationRecorderStatus `json:"ConfigurationRecordersStatus"`
}

// StartConfigurationRecorderInput is the input of StartConfigurationRecorder.
type StartConfigurationRecorderInput struct {
	ConfigurationRecorderName string `json:"ConfigurationRecorderName"`
}

// StartConfigurationRecorderOutput is the (empty) output of StartConfigurationRecorder.
type StartConfigurationRecorderOutput struct{}

// StopConfigurationRecorderInput is the input of StopConfigurationRecorder.
type StopConfigurationRecorderInput struct {
	ConfigurationRecorderName string `json:"ConfigurationRecorderName"`
}

// StopConfigurationRecorderOutput is the (empty) output of StopConfigurationRecorder.
type StopConfigurationRecorderOutput struct{}

// DeleteConfigurationRecorderInput is the input of DeleteConfigurationRecorder.
type DeleteConfigurationRecorderInput struct {
	ConfigurationRecorderName string `json:"ConfigurationRecorderName"`
}

// DeleteConfigurationRecorderOutput is the (empty) output of DeleteConfigurationRecorder.
type DeleteConfigurationRecorderOutput struct{}

type recorder struct {
	name, roleARN, arn string
	group              RecordingGroup // normalised
	strategy           string
	mode               RecordingMode
	recording          bool
	lastStart          time.Time
	lastStop           time.Time
	lastChange         time.Time
	lastStatus         string
	daily              *bus.Timer
}

// records reports whether the recorder records type t ([API] RecordingGroup; the recorder's own
// type always).
func (r *recorder) records(t string) bool {
	if t == TypeRecorder {
		return true
	}
	switch r.strategy {
	case StrategyInclusion:
		for _, x := range r.group.ResourceTypes {
			if x == t {
				return true
			}
		}
		return false
	case StrategyExclusion:
		for _, x := range r.group.ExclusionByResourceTypes.ResourceTypes {
			if x == t {
				return false
			}
		}
	}
	// The types of this world, and any other AWS type a simulator of the user's own publishes (an
	// EC2 instance, a queue): AWS Config records those too [derived: watchsim does not copy AWS's
	// list of 500 supported types]. Log groups, composite alarms and Logs filters stay unrecorded,
	// as in AWS.
	return validResourceType(t)
}

// frequency returns the recording frequency of type t.
func (r *recorder) frequency(t string) string {
	if continuousOnly(t) {
		return Continuous
	}
	for _, o := range r.mode.RecordingModeOverrides {
		for _, x := range o.ResourceTypes {
			if x == t {
				return o.RecordingFrequency
			}
		}
	}
	return r.mode.RecordingFrequency
}

func (r *recorder) view() ConfigurationRecorder {
	g := r.group
	g.ResourceTypes = append([]string{}, g.ResourceTypes...)
	g.ExclusionByResourceTypes = &ExclusionByResourceTypes{ResourceTypes: append([]string{}, r.group.ExclusionByResourceTypes.ResourceTypes...)}
	g.RecordingStrategy = &RecordingStrategy{UseOnly: r.strategy}
	m := r.mode
	m.RecordingModeOverrides = append([]RecordingModeOverride(nil), r.mode.RecordingModeOverrides...)
	return ConfigurationRecorder{Arn: r.arn, Name: r.name, RoleARN: r.roleARN, RecordingGroup: &g, RecordingMode: &m, RecordingScope: "PAID"}
}

// PutConfigurationRecorder creates the one recorder of the region, or updates it.
func (s *Service) PutConfigurationRecorder(ctx context.Context, in *PutConfigurationRecorderInput) (*PutConfigurationRecorderOutput, error) {
	return bus.Call(ctx, s.b, op("PutConfigurationRecorder", false), in, func(ctx context.Context, in *PutConfigurationRecorderInput) (*PutConfigurationRecorderOutput, error) {
		cr := in.ConfigurationRecorder
		if cr == nil {
			return nil, clientErr(codeValidation, awserr.ValidationMessage(awserr.Violation{Null: true, Member: "configurationRecorder", Constraint: "Member must not be null"}))
		}
		name := cr.Name
		if name == "" {
			name = "default"
		}
		if v, bad := awserr.LengthViolation(name, "configurationRecorder.name", 1, 256); bad {
			return nil, clientErr(codeValidation, awserr.ValidationMessage(v))
		}
		if strings.HasPrefix(name, "AWSConfigurationRecorderFor") {
			return nil, clientErr("InvalidConfigurationRecorderNameException",
				"The configuration recorder name prefix AWSConfigurationRecorderFor is reserved for service-linked configuration recorders.")
		}
		if len(in.Tags) > 50 {
			return nil, clientErr(codeValidation, awserr.ValidationMessage(awserr.Violation{NoValue: true, Member: "tags", Constraint: "Member must have length less than or equal to 50"}))
		}
		if cr.ServicePrincipal != "" {
			return nil, bus.NotSimulated("config", "service-linked configuration recorders")
		}
		if strings.TrimSpace(cr.RoleARN) == "" {
			return nil, clientErr("InvalidRoleException", "The role ARN is not valid: a configuration recorder needs an IAM role.")
		}
		group, strategy, err := normaliseGroup(cr.RecordingGroup)
		if err != nil {
			return nil, err
		}
		mode, err := normaliseMode(cr.RecordingMode)
		if err != nil {
			return nil, err
		}
		r := s.recorder
		if r != nil && r.name != name {
			return nil, clientErrf("MaxNumberOfConfigurationRecordersExceededException",
				"Failed to put configuration recorder '%s' because the maximum number of configuration recorders: 1 is reached.", name)
		}
		if err := validateTags(in.Tags); err != nil {
			return nil, err
		}
		if r == nil {
			r = &recorder{name: name, arn: s.b.ARN("config", "configuration-recorder/"+name+"/"+s.b.HexID(16))}
			s.recorder = r
			if len(in.Tags) > 0 { // applied at creation only
				s.tagsOf(r.arn, in.Tags)
			}
		}
		r.roleARN, r.group, r.strategy, r.mode = cr.RoleARN, group, strategy, mode
		now := s.b.Now()
		s.recorderChangedLocked(ctx, now)
		if r.recording {
			s.rescheduleDailyLocked(now)
			s.discoverLocked(ctx, now)
		}
		return &PutConfigurationRecorderOutput{}, nil
	})
}

func (s *Service) recorderNamed(name string) (*recorder, error) {
	if s.recorder == nil || s.recorder.name != name {
		return nil, clientErrf(codeNoSuchRecorder, "Cannot find configuration recorder with the specified name '%s'.", name)
	}
	return s.recorder, nil
}

func checkRecorderNames(names []string) error {
	if len(names) > 1 {
		return clientErr(codeValidation, awserr.ValidationMessage(awserr.Violation{NoValue: true, Member: "configurationRecorderNames",
			Constraint: "Member must have length less than or equal to 1"}))
	}
	return nil
}

// DescribeConfigurationRecorders returns the recorder, or none.
func (s *Service) DescribeConfigurationRecorders(ctx context.Context, in *DescribeConfigurationRecordersInput) (*DescribeConfigurationRecordersOutput, error) {
	return bus.Call(ctx, s.b, op("DescribeConfigurationRecorders", true), in, func(ctx context.Context, in *DescribeConfigurationRecordersInput) (*DescribeConfigurationRecordersOutput, error) {
		if err := checkRecorderNames(in.ConfigurationRecorderNames); err != nil {
			return nil, err
		}
		out := &DescribeConfigurationRecordersOutput{ConfigurationRecorders: []ConfigurationRecorder{}}
		if in.ServicePrincipal != "" {
			return out, nil
		}
		r, err := s.recorderSelected(in.ConfigurationRecorderNames, in.Arn)
		if err != nil {
			return nil, err
		}
		if r != nil {
			out.ConfigurationRecorders = append(out.ConfigurationRecorders, r.view())
		}
		return out, nil
	})
}

// recorderSelected is the recorder a Describe call names (by name or ARN), or the recorder (nil
// when there is none) when it names none.
func (s *Service) recorderSelected(names []string, arn string) (*recorder, error) {
	r := s.recorder
	if len(names) == 1 {
		var err error
		if r, err = s.recorderNamed(names[0]); err != nil {
			return nil, err
		}
	}
	if arn != "" && (r == nil || r.arn != arn) {
		return nil, clientErrf(codeNoSuchRecorder, "Cannot find configuration recorder with the specified ARN '%s'.", arn)
	}
	return r, nil
}

func tp(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// DescribeConfigurationRecorderStatus returns the recorder's status: recording or not, the last
// start and stop, and the status of its last recording.
func (s *Service) DescribeConfigurationRecorderStatus(ctx context.Context, in *DescribeConfigurationRecorderStatusInput) (*DescribeConfigurationRecorderStatusOutput, error) {
	return bus.Call(ctx, s.b, op("DescribeConfigurationRecorderStatus", true), in, func(ctx context.Context, in *DescribeConfigurationRecorderStatusInput) (*DescribeConfigurationRecorderStatusOutput, error) {
		if err := checkRecorderNames(in.ConfigurationRecorderNames); err != nil {
			return nil, err
		}
		out := &DescribeConfigurationRecorderStatusOutput{ConfigurationRecordersStatus: []ConfigurationRecorderStatus{}}
		if in.ServicePrincipal != "" {
			return out, nil
		}
		r, err := s.recorderSelected(in.ConfigurationRecorderNames, in.Arn)
		if err != nil {
			return nil, err
		}
		if r != nil {
			out.ConfigurationRecordersStatus = append(out.ConfigurationRecordersStatus, ConfigurationRecorderStatus{Arn: r.arn, Name: r.name,
				LastStartTime: tp(r.lastStart), LastStopTime: tp(r.lastStop), Recording: r.recording, LastStatus: r.lastStatus,
				LastStatusChangeTime: tp(r.lastChange)})
		}
		return out, nil
	})
}

// StartConfigurationRecorder starts recording: every resource of a recorded type that exists
// and has no current configuration item is discovered at once.
func (s *Service) StartConfigurationRecorder(ctx context.Context, in *StartConfigurationRecorderInput) (*StartConfigurationRecorderOutput, error) {
	return bus.Call(ctx, s.b, op("StartConfigurationRecorder", false), in, func(ctx context.Context, in *StartConfigurationRecorderInput) (*StartConfigurationRecorderOutput, error) {
		r, err := s.recorderNamed(in.ConfigurationRecorderName)
		if err != nil {
			return nil, err
		}
		if s.channel == nil {
			return nil, clientErr(codeNoAvailableChannel, "Delivery channel is not available to start configuration recorder.")
		}
		if r.recording {
			return &StartConfigurationRecorderOutput{}, nil
		}
		now := s.b.Now()
		r.recording, r.lastStart, r.lastChange, r.lastStatus = true, now, now, StatusPending
		s.recorderChangedLocked(ctx, now)
		s.rescheduleDailyLocked(now)
		s.discoverLocked(ctx, now)
		s.startDeliveriesLocked(now)
		return &StartConfigurationRecorderOutput{}, nil
	})
}

// StopConfigurationRecorder stops recording.
func (s *Service) StopConfigurationRecorder(ctx context.Context, in *StopConfigurationRecorderInput) (*StopConfigurationRecorderOutput, error) {
	return bus.Call(ctx, s.b, op("StopConfigurationRecorder", false), in, func(ctx context.Context, in *StopConfigurationRecorderInput) (*StopConfigurationRecorderOutput, error) {
		r, err := s.recorderNamed(in.ConfigurationRecorderName)
		if err != nil {
			return nil, err
		}
		if !r.recording {
			return &StopConfigurationRecorderOutput{}, nil
		}
		now := s.b.Now()
		s.recorderChangedLocked(ctx, now)
		r.recording, r.lastStop, r.lastChange = false, now, now
		if r.daily != nil {
			r.daily.Stop()
			r.daily = nil
		}
		return &StopConfigurationRecorderOutput{}, nil
	})
}

// DeleteConfigurationRecorder deletes the recorder. The recorded history stays readable.
func (s *Service) DeleteConfigurationRecorder(ctx context.Context, in *DeleteConfigurationRecorderInput) (*DeleteConfigurationRecorderOutput, error) {
	return bus.Call(ctx, s.b, op("DeleteConfigurationRecorder", false), in, func(ctx context.Context, in *DeleteConfigurationRecorderInput) (*DeleteConfigurationRecorderOutput, error) {
		r, err := s.recorderNamed(in.ConfigurationRecorderName)
		if err != nil {
			return nil, err
		}
		if r.daily != nil {
			r.daily.Stop()
		}
		s.recorder = nil
		delete(s.tags, r.arn)
		s.delivery.stop()
		return &DeleteConfigurationRecorderOutput{}, nil
	})
}

// recorderChangedLocked records the AWS::Config::ConfigurationRecorder item of the recorder, which
// is always recorded ([DG] stop-start-recorder).
func (s *Service) recorderChangedLocked(ctx context.Context, now time.Time) {
	r := s.recorder
	v := r.view()
	doc := map[string]any{"Id": r.arn[strings.LastIndexByte(r.arn, '/')+1:], "Name": r.name, "Recording": r.recording, "RoleARN": r.roleARN,
		"RecordingGroup": map[string]any{"AllSupported": v.RecordingGroup.AllSupported, "IncludeGlobalResourceTypes": v.RecordingGroup.IncludeGlobalResourceTypes,
			"ResourceTypes": v.RecordingGroup.ResourceTypes, "ExclusionByResourceTypes": map[string]any{"ResourceTypes": v.RecordingGroup.ExclusionByResourceTypes.ResourceTypes},
			"RecordingStrategy": map[string]any{"UseOnly": r.strategy}},
		"RecordingMode": recorderModeDoc(r.mode)}
	s.applyChangeLocked(ctx, bus.ResourceChange{ChangeType: bus.ResourceUpdated, ResourceType: TypeRecorder, ResourceID: r.name, ResourceName: r.name,
		ARN: r.arn, Time: now, Configuration: doc}, true)
}

func recorderModeDoc(m RecordingMode) map[string]any {
	ovs := []map[string]any{}
	for _, o := range m.RecordingModeOverrides {
		ovs = append(ovs, map[string]any{"RecordingFrequency": o.RecordingFrequency, "ResourceTypes": o.ResourceTypes})
	}
	return map[string]any{"RecordingFrequency": m.RecordingFrequency, "RecordingModeOverrides": ovs}
}

// ListConfigurationRecordersInput is the input of ListConfigurationRecorders.
type ListConfigurationRecordersInput struct {
	Filters    []ConfigurationRecorderFilter `json:"Filters,omitempty"`
	MaxResults int32                         `json:"MaxResults,omitempty"`
	NextToken  string                        `json:"NextToken,omitempty"`
}

// ConfigurationRecorderFilter filters ListConfigurationRecorders.
type ConfigurationRecorderFilter struct {
	FilterName  string   `json:"filterName,omitempty"`
	FilterValue []string `json:"filterValue,omitempty"`
}

// ConfigurationRecorderSummary summarises a recorder.
type ConfigurationRecorderSummary struct {
	Arn              string `json:"arn"`
	Name             string `json:"name"`
	ServicePrincipal string `json:"servicePrincipal,omitempty"`
	RecordingScope   string `json:"recordingScope"`
}

// ListConfigurationRecordersOutput is the output of ListConfigurationRecorders.
type ListConfigurationRecordersOutput struct {
	ConfigurationRecorderSummaries []ConfigurationRecorderSummary `json:"ConfigurationRecorderSummaries"`
	NextToken                      string                         `json:"NextToken,omitempty"`
}

// ListConfigurationRecorders lists the recorders: the customer-managed one, if any
// (service-linked recorders are not simulated).
func (s *Service) ListConfigurationRecorders(ctx context.Context, in *ListConfigurationRecordersInput) (*ListConfigurationRecordersOutput, error) {
	return bus.Call(ctx, s.b, op("ListConfigurationRecorders", true), in, func(ctx context.Context, in *ListConfigurationRecordersInput) (*ListConfigurationRecordersOutput, error) {
		if _, err := limitOf(in.MaxResults, 20, 20, "maxResults", codeValidation); err != nil {
			return nil, err
		}
		if _, err := pageStart("ListConfigurationRecorders", in.NextToken, 1); err != nil {
			return nil, err
		}
		for _, f := range in.Filters {
			if f.FilterName != "recordingScope" {
				return nil, awserr.Validation(codeValidation, f.FilterName, "filters.member.filterName", "Member must satisfy enum value set: [recordingScope]")
			}
		}
		out := &ListConfigurationRecordersOutput{ConfigurationRecorderSummaries: []ConfigurationRecorderSummary{}}
		r := s.recorder
		if r == nil || in.NextToken != "" {
			return out, nil
		}
		for _, f := range in.Filters {
			match := false
			for _, v := range f.FilterValue {
				match = match || v == "PAID"
			}
			if !match {
				return out, nil
			}
		}
		out.ConfigurationRecorderSummaries = append(out.ConfigurationRecorderSummaries, ConfigurationRecorderSummary{Arn: r.arn, Name: r.name, RecordingScope: "PAID"})
		return out, nil
	})
}
