package config

import (
	"github.com/watchsim/watchsim/internal/awserr"
)

// Validation of the recording group and the recording mode (API reference: RecordingGroup,
// https://docs.aws.amazon.com/config/latest/APIReference/API_RecordingGroup.html, RecordingStrategy
// and RecordingMode).

func invalidGroup() error {
	return clientErr("InvalidRecordingGroupException", "The recording group provided is not valid")
}

func typeViolation(t, member string) error {
	return awserr.Validation(codeValidation, t, member,
		"Member must satisfy constraint: [Member must satisfy enum value set: [AWS::CloudWatch::Alarm, AWS::CloudWatch::MetricStream, AWS::Events::EventBus, AWS::Events::Rule, AWS::CloudTrail::Trail, …]]")
}

// normaliseGroup validates a recording group ([API] RecordingGroup, RecordingStrategy,
// InvalidRecordingGroupException) and returns it with its strategy.
func normaliseGroup(g *RecordingGroup) (RecordingGroup, string, error) {
	if g == nil {
		return RecordingGroup{AllSupported: true, ExclusionByResourceTypes: &ExclusionByResourceTypes{}}, StrategyAll, nil
	}
	out := RecordingGroup{AllSupported: g.AllSupported, IncludeGlobalResourceTypes: g.IncludeGlobalResourceTypes,
		ResourceTypes: append([]string{}, g.ResourceTypes...), ExclusionByResourceTypes: &ExclusionByResourceTypes{}}
	var excl []string
	if g.ExclusionByResourceTypes != nil {
		excl = append([]string{}, g.ExclusionByResourceTypes.ResourceTypes...)
	}
	out.ExclusionByResourceTypes.ResourceTypes = excl
	useOnly := ""
	if g.RecordingStrategy != nil {
		useOnly = g.RecordingStrategy.UseOnly
	}
	switch useOnly {
	case "", StrategyAll, StrategyInclusion, StrategyExclusion:
	default:
		return out, "", awserr.Validation(codeValidation, useOnly, "configurationRecorder.recordingGroup.recordingStrategy.useOnly",
			"Member must satisfy enum value set: [ALL_SUPPORTED_RESOURCE_TYPES, INCLUSION_BY_RESOURCE_TYPES, EXCLUSION_BY_RESOURCE_TYPES]")
	}
	for _, t := range out.ResourceTypes {
		if !validResourceType(t) {
			return out, "", typeViolation(t, "configurationRecorder.recordingGroup.resourceTypes")
		}
	}
	for _, t := range excl {
		if !validResourceType(t) {
			return out, "", typeViolation(t, "configurationRecorder.recordingGroup.exclusionByResourceTypes.resourceTypes")
		}
	}
	switch {
	case g.AllSupported:
		if len(out.ResourceTypes) > 0 || len(excl) > 0 || (useOnly != "" && useOnly != StrategyAll) {
			return out, "", invalidGroup()
		}
		return out, StrategyAll, nil
	case useOnly == StrategyExclusion:
		if len(excl) == 0 || len(out.ResourceTypes) > 0 || g.IncludeGlobalResourceTypes {
			return out, "", invalidGroup()
		}
		return out, StrategyExclusion, nil
	case len(out.ResourceTypes) > 0:
		if len(excl) > 0 || g.IncludeGlobalResourceTypes || (useOnly != "" && useOnly != StrategyInclusion) {
			return out, "", invalidGroup()
		}
		return out, StrategyInclusion, nil
	}
	return out, "", invalidGroup()
}

func frequencyOK(f string) bool { return f == Continuous || f == Daily }

// normaliseMode validates a recording mode ([API] RecordingMode).
func normaliseMode(m *RecordingMode) (RecordingMode, error) {
	if m == nil {
		return RecordingMode{RecordingFrequency: Continuous}, nil
	}
	const freqSet = "Member must satisfy enum value set: [CONTINUOUS, DAILY]"
	if !frequencyOK(m.RecordingFrequency) {
		if m.RecordingFrequency == "" {
			return RecordingMode{}, clientErr(codeValidation, awserr.ValidationMessage(awserr.Violation{Null: true,
				Member: "configurationRecorder.recordingMode.recordingFrequency", Constraint: "Member must not be null"}))
		}
		return RecordingMode{}, awserr.Validation(codeValidation, m.RecordingFrequency, "configurationRecorder.recordingMode.recordingFrequency", freqSet)
	}
	if len(m.RecordingModeOverrides) > 1 {
		return RecordingMode{}, clientErr(codeValidation, awserr.ValidationMessage(awserr.Violation{NoValue: true,
			Member: "configurationRecorder.recordingMode.recordingModeOverrides", Constraint: "Member must have length less than or equal to 1"}))
	}
	out := RecordingMode{RecordingFrequency: m.RecordingFrequency}
	for _, o := range m.RecordingModeOverrides {
		if !frequencyOK(o.RecordingFrequency) {
			return RecordingMode{}, awserr.Validation(codeValidation, o.RecordingFrequency,
				"configurationRecorder.recordingMode.recordingModeOverrides.1.member.recordingFrequency", freqSet)
		}
		if len(o.ResourceTypes) == 0 {
			return RecordingMode{}, clientErr(codeValidation, awserr.ValidationMessage(awserr.Violation{NoValue: true,
				Member: "configurationRecorder.recordingMode.recordingModeOverrides.1.member.resourceTypes", Constraint: "Member must have length greater than or equal to 1"}))
		}
		for _, t := range o.ResourceTypes {
			if !validResourceType(t) {
				return RecordingMode{}, typeViolation(t, "configurationRecorder.recordingMode.recordingModeOverrides.1.member.resourceTypes")
			}
			if o.RecordingFrequency == Daily && continuousOnly(t) {
				return RecordingMode{}, clientErr(codeValidation, "The resource type "+t+" can only be recorded with CONTINUOUS recording frequency.")
			}
		}
		if len(o.Description) > 256 {
			return RecordingMode{}, awserr.Validation(codeValidation, o.Description,
				"configurationRecorder.recordingMode.recordingModeOverrides.1.member.description", "Member must have length less than or equal to 256")
		}
		out.RecordingModeOverrides = append(out.RecordingModeOverrides, RecordingModeOverride{Description: o.Description,
			ResourceTypes: append([]string{}, o.ResourceTypes...), RecordingFrequency: o.RecordingFrequency})
	}
	return out, nil
}
