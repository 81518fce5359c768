package config

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/optonce"
)

// Source is the CloudTrail event source of the AWS Config API.
const Source = "config.amazonaws.com"

// Quotas and fixed values of AWS Config ("Service Limits",
// https://docs.aws.amazon.com/config/latest/developerguide/configlimits.html, and the API reference).
const (
	// DefaultMaxRules is the number of Config rules per account and region.
	DefaultMaxRules = 1000
	// DefaultRetentionDays is the retention of configuration items without a retention
	// configuration: seven years.
	DefaultRetentionDays = 2557
	// DefaultEvaluationDelay is the time from a configuration item (or a periodic trigger) to the
	// rule's evaluation: captured results show 14–33 s between the two [derived: 15 s].
	DefaultEvaluationDelay = 15 * time.Second
	// CIVersion is the configurationItemVersion of every item.
	CIVersion = "1.3"
)

type options struct {
	maxRules  int
	evalDelay time.Duration
	given     optonce.Set
}

func (o *options) once(name string) error { return o.given.Once("config", name) }

// Option configures a [Service]. Options validate their arguments; [New] returns the first error,
// and an error for a nil Option or an option given twice.
type Option func(*options) error

// WithMaxRules sets the quota of Config rules (default [DefaultMaxRules]).
func WithMaxRules(n int) Option {
	return func(o *options) error {
		if err := o.once("WithMaxRules"); err != nil {
			return err
		}
		if n < 1 {
			return errors.New("config: WithMaxRules needs a positive limit")
		}
		o.maxRules = n
		return nil
	}
}

// WithEvaluationDelay sets the time between a trigger (a configuration item, a periodic tick, a
// StartConfigRulesEvaluation call) and the rule's evaluation (default [DefaultEvaluationDelay]; 0
// evaluates in the same step as the trigger).
func WithEvaluationDelay(d time.Duration) Option {
	return func(o *options) error {
		if err := o.once("WithEvaluationDelay"); err != nil {
			return err
		}
		if d < 0 || d > time.Hour {
			return errors.New("config: WithEvaluationDelay must be between 0 and 1h")
		}
		o.evalDelay = d
		return nil
	}
}

// Service is the simulated AWS Config API on one bus: the configuration recorder and delivery
// channel, configuration items recorded from every resource change other services publish on
// bus.ResourceChanges, history and inventory, managed and custom Lambda rules evaluated on the
// bus clock, the compliance APIs and their EventBridge events, and remediation by registered Go
// functions. Create it with [New]. All methods are safe for concurrent use.
type Service struct {
	b    *bus.Bus
	opts options
	zip  sync.Pool // *gzip.Writer, reused by history and snapshot deliveries

	// guarded by the bus state lock
	closed      bool
	recorder    *recorder
	channel     *channel
	retention   int // days; 0: no retention configuration
	res         map[resKey]*resource
	resOrder    []*resource
	byType      map[string][]*resource // resOrder by type
	world       world
	rules       []*rule
	ruleByKey   map[string]*rule // by name, id and ARN
	tokens      map[string]invocation
	queue       evalQueue
	rem         remediations
	delivery    deliveryState
	query       queryState
	enc         encoder // of published configurations
	stored      map[string]*StoredQuery
	packs       map[string]*pack
	packOrder   []string
	storedOrder []string
	tags        map[string]map[string]string // by Config ARN
	customTypes map[string]string            // registered third-party type → schema version id

	unsub []func()
}

// New creates the Config service on b and subscribes to bus.ResourceChanges, so that it knows
// every resource from the start (and discovers them when recording starts). A nil Option is an
// error, and so is a closed Bus.
func New(b *bus.Bus, opts ...Option) (*Service, error) {
	if b == nil {
		return nil, errors.New("config: New needs a bus")
	}
	if b.Closed() {
		return nil, fmt.Errorf("config: New: %w", bus.ErrClosed)
	}
	s := &Service{b: b, res: map[resKey]*resource{}, ruleByKey: map[string]*rule{}, tokens: map[string]invocation{},
		stored: map[string]*StoredQuery{}, packs: map[string]*pack{}, byType: map[string][]*resource{}, tags: map[string]map[string]string{}, customTypes: map[string]string{}}
	s.opts.maxRules, s.opts.evalDelay = DefaultMaxRules, DefaultEvaluationDelay
	for _, o := range opts {
		if o == nil {
			return nil, errors.New("config: nil Option")
		}
		if err := o(&s.opts); err != nil {
			return nil, err
		}
	}
	s.rem.init()
	s.world.init()
	s.unsub = append(s.unsub,
		bus.Subscribe(b, bus.ResourceChanges(), s.onResourceChange),
		bus.Subscribe(b, bus.APICalls(), s.onAPICall))
	return s, nil
}

// Bus returns the bus the service runs on.
func (s *Service) Bus() *bus.Bus { return s.b }

// Close detaches the service from its bus: it stops listening to resource changes and stops its
// periodic rules, evaluations and deliveries. The state stays readable. It is idempotent.
func (s *Service) Close() error {
	for _, u := range s.unsub {
		u()
	}
	s.unsub = nil
	var unsubDl func()
	defer func() {
		if unsubDl != nil {
			unsubDl()
		}
	}()
	s.b.Locked(func() {
		unsubDl, s.world.unsubDl = s.world.unsubDl, nil
		if s.closed {
			return
		}
		s.closed = true
		for _, r := range s.rules {
			r.stopTimers()
		}
		s.queue.stop()
		s.delivery.stop()
		if s.recorder != nil && s.recorder.daily != nil {
			s.recorder.daily.Stop()
		}
	})
	return nil
}

func op(name string, readOnly bool) bus.Operation {
	return bus.Operation{Source: Source, Name: name, ReadOnly: readOnly}
}

// notSimulatedOp answers an operation watchsim does not simulate, through the dispatcher (so
// CloudTrail records the attempt).
func notSimulatedOp[In, Out any](ctx context.Context, s *Service, name, feature string, in *In) (*Out, error) {
	return bus.Call(ctx, s.b, op(name, false), in, func(context.Context, *In) (*Out, error) {
		return nil, bus.NotSimulated("config", feature)
	})
}

// Error codes of the AWS Config API.
const (
	codeValidation                   = "ValidationException"
	codeInvalidParameterValue        = "InvalidParameterValueException"
	codeNoSuchRecorder               = "NoSuchConfigurationRecorderException"
	codeNoAvailableRecorder          = "NoAvailableConfigurationRecorderException"
	codeNoRunningRecorder            = "NoRunningConfigurationRecorderException"
	codeNoAvailableChannel           = "NoAvailableDeliveryChannelException"
	codeNoSuchChannel                = "NoSuchDeliveryChannelException"
	codeNoSuchRule                   = "NoSuchConfigRuleException"
	codeInvalidLimit                 = "InvalidLimitException"
	codeInvalidNextToken             = "InvalidNextTokenException"
	codeResourceInUse                = "ResourceInUseException"
	codeLimitExceeded                = "LimitExceededException"
	codeResourceNotDiscovered        = "ResourceNotDiscoveredException"
	codeInvalidTimeRange             = "InvalidTimeRangeException"
	codeNoSuchRemediationConfig      = "NoSuchRemediationConfigurationException"
	codeInsufficientPermissions      = "InsufficientPermissionsException"
	codeInvalidResultToken           = "InvalidResultTokenException"
	codeNoSuchRetentionConfiguration = "NoSuchRetentionConfigurationException"
)

func clientErr(code, message string) error { return bus.ClientError(code, message) }

func clientErrf(code, format string, args ...any) error {
	return bus.ClientErrorf(code, format, args...)
}
