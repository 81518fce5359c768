package logs

import (
	"context"

	"github.com/watchsim/watchsim/bus"
)

// The CloudWatch Logs features below are valid AWS API calls that watchsim does not simulate. Each
// operation has its AWS name and input members, goes through the dispatcher (so it is recorded like
// any call) and returns a *bus.NotSimulatedError naming the feature — never an empty success.

// StartLiveTailInput is the input of StartLiveTail.
type StartLiveTailInput struct {
	LogGroupIdentifiers   []string `json:"logGroupIdentifiers"`
	LogStreamNames        []string `json:"logStreamNames,omitempty"`
	LogStreamNamePrefixes []string `json:"logStreamNamePrefixes,omitempty"`
	LogEventFilterPattern string   `json:"logEventFilterPattern,omitempty"`
}

// StartLiveTailOutput is the output of StartLiveTail (never returned: Live Tail is not simulated).
type StartLiveTailOutput struct{}

// StartLiveTail is not simulated (a streaming session of sampled events).
func (s *Service) StartLiveTail(ctx context.Context, in *StartLiveTailInput) (*StartLiveTailOutput, error) {
	return notSimulated[StartLiveTailInput, StartLiveTailOutput](ctx, s, "StartLiveTail", false, "Live Tail (StartLiveTail)", in)
}

// CreateLogAnomalyDetectorInput is the input of CreateLogAnomalyDetector.
type CreateLogAnomalyDetectorInput struct {
	LogGroupArnList       []string          `json:"logGroupArnList"`
	DetectorName          string            `json:"detectorName,omitempty"`
	EvaluationFrequency   string            `json:"evaluationFrequency,omitempty"`
	FilterPattern         string            `json:"filterPattern,omitempty"`
	KmsKeyID              string            `json:"kmsKeyId,omitempty"`
	AnomalyVisibilityTime *int64            `json:"anomalyVisibilityTime,omitempty"`
	Tags                  map[string]string `json:"tags,omitempty"`
}

// CreateLogAnomalyDetectorOutput is the output of CreateLogAnomalyDetector.
type CreateLogAnomalyDetectorOutput struct {
	AnomalyDetectorArn string `json:"anomalyDetectorArn,omitempty"`
}

// CreateLogAnomalyDetector is not simulated (log anomaly detection is machine learning).
func (s *Service) CreateLogAnomalyDetector(ctx context.Context, in *CreateLogAnomalyDetectorInput) (*CreateLogAnomalyDetectorOutput, error) {
	return notSimulated[CreateLogAnomalyDetectorInput, CreateLogAnomalyDetectorOutput](ctx, s, "CreateLogAnomalyDetector", false, "log anomaly detection", in)
}

// PutDataProtectionPolicyInput is the input of PutDataProtectionPolicy.
type PutDataProtectionPolicyInput struct {
	LogGroupIdentifier string `json:"logGroupIdentifier"`
	PolicyDocument     string `json:"policyDocument"`
}

// PutDataProtectionPolicyOutput is the output of PutDataProtectionPolicy.
type PutDataProtectionPolicyOutput struct {
	LogGroupIdentifier string `json:"logGroupIdentifier,omitempty"`
	PolicyDocument     string `json:"policyDocument,omitempty"`
	LastUpdatedTime    int64  `json:"lastUpdatedTime,omitempty"`
}

// PutDataProtectionPolicy is not simulated (masking of sensitive data).
func (s *Service) PutDataProtectionPolicy(ctx context.Context, in *PutDataProtectionPolicyInput) (*PutDataProtectionPolicyOutput, error) {
	return notSimulated[PutDataProtectionPolicyInput, PutDataProtectionPolicyOutput](ctx, s, "PutDataProtectionPolicy", false, "data protection policies", in)
}

// PutIndexPolicyInput is the input of PutIndexPolicy.
type PutIndexPolicyInput struct {
	LogGroupIdentifier string `json:"logGroupIdentifier"`
	PolicyDocument     string `json:"policyDocument"`
}

// PutIndexPolicyOutput is the output of PutIndexPolicy.
type PutIndexPolicyOutput struct{}

// PutIndexPolicy is not simulated (field indexes).
func (s *Service) PutIndexPolicy(ctx context.Context, in *PutIndexPolicyInput) (*PutIndexPolicyOutput, error) {
	return notSimulated[PutIndexPolicyInput, PutIndexPolicyOutput](ctx, s, "PutIndexPolicy", false, "field index policies", in)
}

// PutDeliverySourceInput is the input of PutDeliverySource.
type PutDeliverySourceInput struct {
	Name        string            `json:"name"`
	ResourceArn string            `json:"resourceArn"`
	LogType     string            `json:"logType"`
	Tags        map[string]string `json:"tags,omitempty"`
}

// PutDeliverySourceOutput is the output of PutDeliverySource.
type PutDeliverySourceOutput struct{}

// PutDeliverySource is not simulated (vended-log deliveries: PutDeliverySource,
// PutDeliveryDestination, CreateDelivery and the rest of that API family).
func (s *Service) PutDeliverySource(ctx context.Context, in *PutDeliverySourceInput) (*PutDeliverySourceOutput, error) {
	return notSimulated[PutDeliverySourceInput, PutDeliverySourceOutput](ctx, s, "PutDeliverySource", false, "vended-log deliveries", in)
}

// PutDeliveryDestinationInput is the input of PutDeliveryDestination.
type PutDeliveryDestinationInput struct {
	Name                             string            `json:"name"`
	OutputFormat                     string            `json:"outputFormat,omitempty"`
	DeliveryDestinationConfiguration map[string]any    `json:"deliveryDestinationConfiguration,omitempty"`
	Tags                             map[string]string `json:"tags,omitempty"`
}

// PutDeliveryDestinationOutput is the output of PutDeliveryDestination.
type PutDeliveryDestinationOutput struct{}

// PutDeliveryDestination is not simulated (vended-log deliveries).
func (s *Service) PutDeliveryDestination(ctx context.Context, in *PutDeliveryDestinationInput) (*PutDeliveryDestinationOutput, error) {
	return notSimulated[PutDeliveryDestinationInput, PutDeliveryDestinationOutput](ctx, s, "PutDeliveryDestination", false, "vended-log deliveries", in)
}

// CreateDeliveryInput is the input of CreateDelivery.
type CreateDeliveryInput struct {
	DeliverySourceName     string            `json:"deliverySourceName"`
	DeliveryDestinationArn string            `json:"deliveryDestinationArn"`
	Tags                   map[string]string `json:"tags,omitempty"`
}

// CreateDeliveryOutput is the output of CreateDelivery.
type CreateDeliveryOutput struct{}

// CreateDelivery is not simulated (vended-log deliveries).
func (s *Service) CreateDelivery(ctx context.Context, in *CreateDeliveryInput) (*CreateDeliveryOutput, error) {
	return notSimulated[CreateDeliveryInput, CreateDeliveryOutput](ctx, s, "CreateDelivery", false, "vended-log deliveries", in)
}

// PutResourcePolicyInput is the input of PutResourcePolicy.
type PutResourcePolicyInput struct {
	PolicyName     string `json:"policyName,omitempty"`
	PolicyDocument string `json:"policyDocument,omitempty"`
}

// PutResourcePolicyOutput is the output of PutResourcePolicy.
type PutResourcePolicyOutput struct{}

// PutResourcePolicy is not simulated (watchsim evaluates no IAM resource policies).
func (s *Service) PutResourcePolicy(ctx context.Context, in *PutResourcePolicyInput) (*PutResourcePolicyOutput, error) {
	return notSimulated[PutResourcePolicyInput, PutResourcePolicyOutput](ctx, s, "PutResourcePolicy", false, "resource policies", in)
}

func notSimulated[In, Out any](ctx context.Context, s *Service, name string, readOnly bool, feature string, in *In) (*Out, error) {
	return bus.Call(ctx, s.b, op(name, readOnly), in, func(context.Context, *In) (*Out, error) {
		return nil, bus.NotSimulated("logs", feature)
	})
}
