package config

import (
	"context"
	"strings"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/awserr"
)

// The delivery channel and the retention configuration (API reference: PutDeliveryChannel,
// https://docs.aws.amazon.com/config/latest/APIReference/API_PutDeliveryChannel.html, and
// PutRetentionConfiguration,
// https://docs.aws.amazon.com/config/latest/APIReference/API_PutRetentionConfiguration.html).

// Delivery frequencies (also the MaximumExecutionFrequency of rules).
const (
	OneHour          = "One_Hour"
	ThreeHours       = "Three_Hours"
	SixHours         = "Six_Hours"
	TwelveHours      = "Twelve_Hours"
	TwentyFourHours  = "TwentyFour_Hours"
	deliveryFreqEnum = "Member must satisfy enum value set: [One_Hour, Six_Hours, Three_Hours, Twelve_Hours, TwentyFour_Hours]"
)

// frequencyDuration returns the period of a frequency value, or 0 for an unknown one.
func frequencyDuration(f string) time.Duration {
	switch f {
	case OneHour:
		return time.Hour
	case ThreeHours:
		return 3 * time.Hour
	case SixHours:
		return 6 * time.Hour
	case TwelveHours:
		return 12 * time.Hour
	case TwentyFourHours:
		return 24 * time.Hour
	}
	return 0
}

// DeliveryChannel is the AWS shape of the delivery channel.
type DeliveryChannel struct {
	Name                             string                            `json:"name,omitempty"`
	S3BucketName                     string                            `json:"s3BucketName,omitempty"`
	S3KeyPrefix                      string                            `json:"s3KeyPrefix,omitempty"`
	S3KmsKeyArn                      string                            `json:"s3KmsKeyArn,omitempty"`
	SnsTopicARN                      string                            `json:"snsTopicARN,omitempty"`
	ConfigSnapshotDeliveryProperties *ConfigSnapshotDeliveryProperties `json:"configSnapshotDeliveryProperties,omitempty"`
}

// ConfigSnapshotDeliveryProperties sets how often snapshots are delivered.
type ConfigSnapshotDeliveryProperties struct {
	DeliveryFrequency string `json:"deliveryFrequency,omitempty"`
}

// PutDeliveryChannelInput is the input of PutDeliveryChannel.
type PutDeliveryChannelInput struct {
	DeliveryChannel *DeliveryChannel `json:"DeliveryChannel"`
}

// PutDeliveryChannelOutput is the (empty) output of PutDeliveryChannel.
type PutDeliveryChannelOutput struct{}

// DescribeDeliveryChannelsInput is the input of DescribeDeliveryChannels.
type DescribeDeliveryChannelsInput struct {
	DeliveryChannelNames []string `json:"DeliveryChannelNames,omitempty"`
}

// DescribeDeliveryChannelsOutput is the output of DescribeDeliveryChannels.
type DescribeDeliveryChannelsOutput struct {
	DeliveryChannels []DeliveryChannel `json:"DeliveryChannels"`
}

// DeleteDeliveryChannelInput is the input of DeleteDeliveryChannel.
type DeleteDeliveryChannelInput struct {
	DeliveryChannelName string `json:"DeliveryChannelName"`
}

// DeleteDeliveryChannelOutput is the (empty) output of DeleteDeliveryChannel.
type DeleteDeliveryChannelOutput struct{}

// DescribeDeliveryChannelStatusInput is the input of DescribeDeliveryChannelStatus.
type DescribeDeliveryChannelStatusInput struct {
	DeliveryChannelNames []string `json:"DeliveryChannelNames,omitempty"`
}

// ConfigExportDeliveryInfo is the status of snapshot or history deliveries.
type ConfigExportDeliveryInfo struct {
	LastStatus         string     `json:"lastStatus,omitempty"`
	LastErrorCode      string     `json:"lastErrorCode,omitempty"`
	LastErrorMessage   string     `json:"lastErrorMessage,omitempty"`
	LastAttemptTime    *time.Time `json:"lastAttemptTime,omitempty"`
	LastSuccessfulTime *time.Time `json:"lastSuccessfulTime,omitempty"`
	NextDeliveryTime   *time.Time `json:"nextDeliveryTime,omitempty"`
}

// ConfigStreamDeliveryInfo is the status of the SNS configuration stream.
type ConfigStreamDeliveryInfo struct {
	LastStatus           string     `json:"lastStatus,omitempty"`
	LastErrorCode        string     `json:"lastErrorCode,omitempty"`
	LastErrorMessage     string     `json:"lastErrorMessage,omitempty"`
	LastStatusChangeTime *time.Time `json:"lastStatusChangeTime,omitempty"`
}

// DeliveryChannelStatus is the status of the delivery channel.
type DeliveryChannelStatus struct {
	Name                       string                    `json:"name"`
	ConfigSnapshotDeliveryInfo *ConfigExportDeliveryInfo `json:"configSnapshotDeliveryInfo,omitempty"`
	ConfigHistoryDeliveryInfo  *ConfigExportDeliveryInfo `json:"configHistoryDeliveryInfo,omitempty"`
	ConfigStreamDeliveryInfo   *ConfigStreamDeliveryInfo `json:"configStreamDeliveryInfo,omitempty"`
}

// DescribeDeliveryChannelStatusOutput is the output of DescribeDeliveryChannelStatus.
type DescribeDeliveryChannelStatusOutput struct {
	DeliveryChannelsStatus []DeliveryChannelStatus `json:"DeliveryChannelsStatus"`
}

type channel struct {
	DeliveryChannel
	snapshot, history ConfigExportDeliveryInfo
	stream            ConfigStreamDeliveryInfo
}

// Delivery statuses.
const (
	deliverySuccess       = "Success"
	deliveryFailure       = "Failure"
	deliveryNotApplicable = "Not_Applicable"
)

// PutDeliveryChannel creates the one delivery channel of the region, or updates it. The bucket
// must be an S3 bucket of the bus, and the topic, when given, an SNS topic of the bus.
func (s *Service) PutDeliveryChannel(ctx context.Context, in *PutDeliveryChannelInput) (*PutDeliveryChannelOutput, error) {
	return bus.Call(ctx, s.b, op("PutDeliveryChannel", false), in, func(ctx context.Context, in *PutDeliveryChannelInput) (*PutDeliveryChannelOutput, error) {
		dc := in.DeliveryChannel
		if dc == nil {
			return nil, clientErr(codeValidation, awserr.ValidationMessage(awserr.Violation{Null: true, Member: "deliveryChannel", Constraint: "Member must not be null"}))
		}
		name := dc.Name
		if name == "" {
			name = "default"
		}
		if strings.TrimSpace(name) == "" {
			return nil, clientErr("InvalidDeliveryChannelNameException", "The delivery channel name '"+name+"' is not valid, blank string.")
		}
		if v, bad := awserr.LengthViolation(name, "deliveryChannel.name", 1, 256); bad {
			return nil, clientErr(codeValidation, awserr.ValidationMessage(v))
		}
		if dc.ConfigSnapshotDeliveryProperties != nil && dc.ConfigSnapshotDeliveryProperties.DeliveryFrequency != "" &&
			frequencyDuration(dc.ConfigSnapshotDeliveryProperties.DeliveryFrequency) == 0 {
			return nil, awserr.Validation(codeValidation, dc.ConfigSnapshotDeliveryProperties.DeliveryFrequency,
				"deliveryChannel.configSnapshotDeliveryProperties.deliveryFrequency", deliveryFreqEnum)
		}
		if s.recorder == nil {
			return nil, clientErr(codeNoAvailableRecorder, "Configuration recorder is not available to put delivery channel.")
		}
		if s.channel != nil && s.channel.Name != name {
			return nil, clientErrf("MaxNumberOfDeliveryChannelsExceededException",
				"Failed to put delivery channel '%s' because the maximum number of delivery channels: 1 is reached.", name)
		}
		if dc.S3BucketName == "" {
			return nil, clientErr("NoSuchBucketException", "Cannot find a S3 bucket with an empty bucket name.")
		}
		if _, ok := s.b.SinkFor(s.bucketARN(dc.S3BucketName)); !ok {
			return nil, clientErrf("NoSuchBucketException", "Cannot find a S3 bucket with the name '%s'.", dc.S3BucketName)
		}
		if strings.HasPrefix(dc.S3KeyPrefix, "/") || strings.Contains(dc.S3KeyPrefix, "//") || len(dc.S3KeyPrefix) > 1024 {
			return nil, clientErrf("InvalidS3KeyPrefixException", "The s3 key prefix '%s' is not valid.", dc.S3KeyPrefix)
		}
		if dc.S3KmsKeyArn != "" {
			if a, err := bus.ParseARN(dc.S3KmsKeyArn); err != nil || a.Service != "kms" || a.Region != s.b.Region() {
				return nil, clientErrf("InvalidS3KmsKeyArnException", "The s3 kms key arn '%s' is not valid.", dc.S3KmsKeyArn)
			}
		}
		if dc.SnsTopicARN != "" {
			a, err := bus.ParseARN(dc.SnsTopicARN)
			_, ok := s.b.SinkFor(dc.SnsTopicARN)
			if err != nil || a.Service != "sns" || !ok {
				return nil, clientErrf("InvalidSNSTopicARNException", "The sns topic arn '%s' is not valid.", dc.SnsTopicARN)
			}
		}
		c := s.channel
		if c == nil {
			c = &channel{}
			c.snapshot.LastStatus, c.history.LastStatus = deliveryNotApplicable, deliveryNotApplicable
			s.channel = c
		}
		c.DeliveryChannel = *dc
		c.Name = name
		if c.ConfigSnapshotDeliveryProperties != nil {
			p := *c.ConfigSnapshotDeliveryProperties
			c.ConfigSnapshotDeliveryProperties = &p
		}
		c.stream.LastStatus = deliveryNotApplicable
		if c.SnsTopicARN != "" {
			c.stream.LastStatus = deliverySuccess
		}
		if s.recorder.recording {
			s.startDeliveriesLocked(s.b.Now())
		}
		return &PutDeliveryChannelOutput{}, nil
	})
}

func (s *Service) bucketARN(name string) string { return s.b.ARN("s3", name) }

func (s *Service) channelsNamed(names []string) ([]*channel, error) {
	if len(names) > 1 {
		return nil, clientErr(codeValidation, awserr.ValidationMessage(awserr.Violation{NoValue: true, Member: "deliveryChannelNames",
			Constraint: "Member must have length less than or equal to 1"}))
	}
	if len(names) == 1 {
		if s.channel == nil || s.channel.Name != names[0] {
			return nil, clientErrf(codeNoSuchChannel, "Cannot find delivery channel with specified name '%s'.", names[0])
		}
	}
	if s.channel == nil {
		return nil, nil
	}
	return []*channel{s.channel}, nil
}

// DescribeDeliveryChannels returns the delivery channel, or none.
func (s *Service) DescribeDeliveryChannels(ctx context.Context, in *DescribeDeliveryChannelsInput) (*DescribeDeliveryChannelsOutput, error) {
	return bus.Call(ctx, s.b, op("DescribeDeliveryChannels", true), in, func(ctx context.Context, in *DescribeDeliveryChannelsInput) (*DescribeDeliveryChannelsOutput, error) {
		cs, err := s.channelsNamed(in.DeliveryChannelNames)
		if err != nil {
			return nil, err
		}
		out := &DescribeDeliveryChannelsOutput{DeliveryChannels: []DeliveryChannel{}}
		for _, c := range cs {
			v := c.DeliveryChannel
			if v.ConfigSnapshotDeliveryProperties != nil {
				p := *v.ConfigSnapshotDeliveryProperties
				v.ConfigSnapshotDeliveryProperties = &p
			}
			out.DeliveryChannels = append(out.DeliveryChannels, v)
		}
		return out, nil
	})
}

// DescribeDeliveryChannelStatus returns the status of snapshot, history and stream deliveries.
func (s *Service) DescribeDeliveryChannelStatus(ctx context.Context, in *DescribeDeliveryChannelStatusInput) (*DescribeDeliveryChannelStatusOutput, error) {
	return bus.Call(ctx, s.b, op("DescribeDeliveryChannelStatus", true), in, func(ctx context.Context, in *DescribeDeliveryChannelStatusInput) (*DescribeDeliveryChannelStatusOutput, error) {
		cs, err := s.channelsNamed(in.DeliveryChannelNames)
		if err != nil {
			return nil, err
		}
		out := &DescribeDeliveryChannelStatusOutput{DeliveryChannelsStatus: []DeliveryChannelStatus{}}
		for _, c := range cs {
			snap, hist, stream := c.snapshot, c.history, c.stream
			snap.NextDeliveryTime = s.delivery.nextSnapshot()
			hist.NextDeliveryTime = s.delivery.nextHistory()
			out.DeliveryChannelsStatus = append(out.DeliveryChannelsStatus, DeliveryChannelStatus{Name: c.Name,
				ConfigSnapshotDeliveryInfo: &snap, ConfigHistoryDeliveryInfo: &hist, ConfigStreamDeliveryInfo: &stream})
		}
		return out, nil
	})
}

// DeleteDeliveryChannel deletes the delivery channel; the recorder must be stopped first.
func (s *Service) DeleteDeliveryChannel(ctx context.Context, in *DeleteDeliveryChannelInput) (*DeleteDeliveryChannelOutput, error) {
	return bus.Call(ctx, s.b, op("DeleteDeliveryChannel", false), in, func(ctx context.Context, in *DeleteDeliveryChannelInput) (*DeleteDeliveryChannelOutput, error) {
		if s.channel == nil || s.channel.Name != in.DeliveryChannelName {
			return nil, clientErrf(codeNoSuchChannel, "Cannot find delivery channel with specified name '%s'.", in.DeliveryChannelName)
		}
		if s.recorder != nil && s.recorder.recording {
			return nil, clientErrf("LastDeliveryChannelDeleteFailedException",
				"Failed to delete last specified delivery channel with name '%s', because there is a running configuration recorder.", in.DeliveryChannelName)
		}
		s.channel = nil
		s.delivery.stop()
		return &DeleteDeliveryChannelOutput{}, nil
	})
}

// RetentionConfiguration is how long configuration items are kept.
type RetentionConfiguration struct {
	Name                  string `json:"Name"`
	RetentionPeriodInDays int32  `json:"RetentionPeriodInDays"`
}

// PutRetentionConfigurationInput is the input of PutRetentionConfiguration.
type PutRetentionConfigurationInput struct {
	RetentionPeriodInDays int32 `json:"RetentionPeriodInDays"`
}

// PutRetentionConfigurationOutput is the output of PutRetentionConfiguration.
type PutRetentionConfigurationOutput struct {
	RetentionConfiguration *RetentionConfiguration `json:"RetentionConfiguration,omitempty"`
}

// DescribeRetentionConfigurationsInput is the input of DescribeRetentionConfigurations.
type DescribeRetentionConfigurationsInput struct {
	RetentionConfigurationNames []string `json:"RetentionConfigurationNames,omitempty"`
	NextToken                   string   `json:"NextToken,omitempty"`
}

// DescribeRetentionConfigurationsOutput is the output of DescribeRetentionConfigurations.
type DescribeRetentionConfigurationsOutput struct {
	RetentionConfigurations []RetentionConfiguration `json:"RetentionConfigurations"`
	NextToken               string                   `json:"NextToken,omitempty"`
}

// DeleteRetentionConfigurationInput is the input of DeleteRetentionConfiguration.
type DeleteRetentionConfigurationInput struct {
	RetentionConfigurationName string `json:"RetentionConfigurationName"`
}

// DeleteRetentionConfigurationOutput is the (empty) output of DeleteRetentionConfiguration.
type DeleteRetentionConfigurationOutput struct{}

// PutRetentionConfiguration sets the retention period of configuration items (30–2557 days); the
// configuration is always named "default".
func (s *Service) PutRetentionConfiguration(ctx context.Context, in *PutRetentionConfigurationInput) (*PutRetentionConfigurationOutput, error) {
	return bus.Call(ctx, s.b, op("PutRetentionConfiguration", false), in, func(ctx context.Context, in *PutRetentionConfigurationInput) (*PutRetentionConfigurationOutput, error) {
		d := in.RetentionPeriodInDays
		if d < 30 {
			return nil, awserr.Validation(codeValidation, itoa(int(d)), "retentionPeriodInDays", "Member must have value greater than or equal to 30")
		}
		if d > 2557 {
			return nil, awserr.Validation(codeValidation, itoa(int(d)), "retentionPeriodInDays", "Member must have value less than or equal to 2557")
		}
		s.retention = int(d)
		return &PutRetentionConfigurationOutput{RetentionConfiguration: &RetentionConfiguration{Name: "default", RetentionPeriodInDays: d}}, nil
	})
}

func validRetentionName(n string) bool {
	if n == "" || len(n) > 256 {
		return false
	}
	for i := 0; i < len(n); i++ {
		c := n[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// DescribeRetentionConfigurations returns the retention configuration, if one was put.
func (s *Service) DescribeRetentionConfigurations(ctx context.Context, in *DescribeRetentionConfigurationsInput) (*DescribeRetentionConfigurationsOutput, error) {
	return bus.Call(ctx, s.b, op("DescribeRetentionConfigurations", true), in, func(ctx context.Context, in *DescribeRetentionConfigurationsInput) (*DescribeRetentionConfigurationsOutput, error) {
		if in.NextToken != "" {
			return nil, clientErr(codeInvalidNextToken, "The nextToken provided is invalid")
		}
		if len(in.RetentionConfigurationNames) > 1 {
			return nil, clientErr(codeValidation, awserr.ValidationMessage(awserr.Violation{NoValue: true, Member: "retentionConfigurationNames",
				Constraint: "Member must have length less than or equal to 1"}))
		}
		out := &DescribeRetentionConfigurationsOutput{RetentionConfigurations: []RetentionConfiguration{}}
		for _, n := range in.RetentionConfigurationNames {
			if !validRetentionName(n) {
				return nil, clientErrf(codeInvalidParameterValue, "The retention configuration name '%s' is not valid.", n)
			}
			if n != "default" || s.retention == 0 {
				return nil, clientErrf(codeNoSuchRetentionConfiguration, "Cannot find retention configuration with the specified name '%s'.", n)
			}
		}
		if s.retention != 0 {
			out.RetentionConfigurations = append(out.RetentionConfigurations, RetentionConfiguration{Name: "default", RetentionPeriodInDays: int32(s.retention)})
		}
		return out, nil
	})
}

// DeleteRetentionConfiguration deletes the retention configuration: items are then kept for the
// default seven years.
func (s *Service) DeleteRetentionConfiguration(ctx context.Context, in *DeleteRetentionConfigurationInput) (*DeleteRetentionConfigurationOutput, error) {
	return bus.Call(ctx, s.b, op("DeleteRetentionConfiguration", false), in, func(ctx context.Context, in *DeleteRetentionConfigurationInput) (*DeleteRetentionConfigurationOutput, error) {
		n := in.RetentionConfigurationName
		if !validRetentionName(n) {
			return nil, clientErrf(codeInvalidParameterValue, "The retention configuration name '%s' is not valid.", n)
		}
		if n != "default" || s.retention == 0 {
			return nil, clientErrf(codeNoSuchRetentionConfiguration, "Cannot find retention configuration with the specified name '%s'.", n)
		}
		s.retention = 0
		return &DeleteRetentionConfigurationOutput{}, nil
	})
}

// retentionDays returns the retention period in force.
func (s *Service) retentionDays() int {
	if s.retention == 0 {
		return DefaultRetentionDays
	}
	return s.retention
}
