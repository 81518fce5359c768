package events

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/watchsim/watchsim/internal/optonce"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/events/eventpattern"
)

// Source is the CloudTrail event source of the EventBridge API.
const Source = "events.amazonaws.com"

// DefaultBusName is the name of the event bus every account and region has.
const DefaultBusName = "default"

// Quotas of EventBridge ("Amazon EventBridge quotas" in the EventBridge User Guide,
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html).
const (
	DefaultMaxRulesPerBus = 300
	DefaultMaxBuses       = 100
	MaxTargetsPerRule     = 5
	MaxEntriesPerPut      = 10
	MaxActiveReplays      = 10
	// DefaultMaxEntrySize is the PutEvents size limit of the current API reference ("less than 1MB");
	// ClassicMaxEntrySize is the 256 KB limit AWS enforced until 2026 (WithMaxEntrySize).
	DefaultMaxEntrySize = 1 << 20
	ClassicMaxEntrySize = 256 * 1024
)

type options struct {
	maxRules     int
	maxBuses     int
	maxEntrySize int
	given        optonce.Set
}

// once refuses an option given twice (which of the two was meant is not ours to guess).
func (o *options) once(name string) error { return o.given.Once("events", name) }

// Option configures a [Service]. Options validate their arguments; [New] returns the first error,
// and an error for a nil Option or an option given twice.
type Option func(*options) error

// WithMaxRulesPerBus sets the rules quota of each bus (default 300, adjustable at AWS).
func WithMaxRulesPerBus(n int) Option {
	return func(o *options) error {
		if err := o.once("WithMaxRulesPerBus"); err != nil {
			return err
		}
		if n < 1 {
			return errors.New("events: WithMaxRulesPerBus needs a positive limit")
		}
		o.maxRules = n
		return nil
	}
}

// WithMaxBuses sets the quota of event buses, the default bus included (default 100).
func WithMaxBuses(n int) Option {
	return func(o *options) error {
		if err := o.once("WithMaxBuses"); err != nil {
			return err
		}
		if n < 1 {
			return errors.New("events: WithMaxBuses needs a positive limit")
		}
		o.maxBuses = n
		return nil
	}
}

// WithMaxEntrySize sets the PutEvents size limit (default [DefaultMaxEntrySize], 1 MiB; pass
// [ClassicMaxEntrySize] for the 256 KB limit of the classic documentation).
func WithMaxEntrySize(n int) Option {
	return func(o *options) error {
		if err := o.once("WithMaxEntrySize"); err != nil {
			return err
		}
		if n < 1024 || n > 16<<20 {
			return errors.New("events: WithMaxEntrySize must be between 1 KiB and 16 MiB")
		}
		o.maxEntrySize = n
		return nil
	}
}

// Service is the simulated Amazon EventBridge API on one bus: event buses, rules (patterns and
// schedules), targets delivered by ARN with retries and dead-letter queues, PutEvents, archives
// and replays, and the AWS/Events metrics. Events other simulated services publish on bus.Events
// arrive on the default event bus. Create it with [New]. All methods are safe for concurrent use.
type Service struct {
	b    *bus.Bus
	opts options

	// guarded by the bus state lock
	buses    map[string]*eventBus
	archives map[string]*archive
	replays  map[string]*replay
	usage    meter
	closed   bool
	matchBuf []string
	buf      []byte // the envelope being routed
	arena    []byte // chunk the delivered envelopes are copied into
	sentSlab []sent
	days     dayFormat // the date of the last scheduled event
	// schedGroups are the timers of the scheduled rules (schedules.go).
	schedGroups map[schedKey]*schedGroup

	spare atomic.Pointer[scratch] // a scratch for the next call (not guarded: swapped)

	unsub func()
}

// New creates the EventBridge service on b, with its default event bus, and subscribes to
// bus.Events so that events of other services reach the default bus. A nil Option is an error, and
// so is a closed Bus.
func New(b *bus.Bus, opts ...Option) (*Service, error) {
	if b == nil {
		return nil, errors.New("events: New needs a bus")
	}
	if b.Closed() {
		return nil, fmt.Errorf("events: New: %w", bus.ErrClosed)
	}
	s := &Service{b: b, buses: map[string]*eventBus{}, archives: map[string]*archive{}, replays: map[string]*replay{}}
	s.opts.maxRules, s.opts.maxBuses, s.opts.maxEntrySize = DefaultMaxRulesPerBus, DefaultMaxBuses, DefaultMaxEntrySize
	for _, o := range opts {
		if o == nil {
			return nil, errors.New("events: nil Option")
		}
		if err := o(&s.opts); err != nil {
			return nil, err
		}
	}
	if _, err := s.newBus(DefaultBusName, b.Now()); err != nil {
		return nil, err
	}
	s.unsub = bus.Subscribe(b, bus.Events(), s.onServiceEvent)
	// The default bus exists from the start; AWS Config sees it as a created AWS::Events::EventBus.
	s.busChanged(context.Background(), bus.ResourceCreated, s.buses[DefaultBusName])
	return s, nil
}

// Bus returns the bus the service runs on.
func (s *Service) Bus() *bus.Bus { return s.b }

// Close detaches the service from its bus: it stops listening to bus.Events, removes the sinks of
// its event buses and stops its schedules, retries and replays. The state stays readable. It is
// idempotent.
func (s *Service) Close() error {
	if s.unsub != nil {
		s.unsub()
		s.unsub = nil
	}
	var arns []string
	s.b.Locked(func() {
		if s.closed {
			return
		}
		s.closed = true
		for _, eb := range s.buses {
			arns = append(arns, eb.arn)
		}
		// Every schedule group's timer stops at once (rule by rule would copy each group per rule).
		for _, g := range s.schedGroups {
			g.timer.Stop()
			for _, r := range g.rules {
				r.group = nil
			}
		}
		s.schedGroups = nil
		for _, rp := range s.replays {
			if rp.timer != nil {
				rp.timer.Stop()
			}
		}
		s.usage.stop()
	})
	for _, a := range arns {
		s.b.Unregister(a)
	}
	return nil
}

func op(name string, readOnly bool) bus.Operation {
	return bus.Operation{Source: Source, Name: name, ReadOnly: readOnly}
}

func newMatcher() *eventpattern.Matcher {
	m, _ := eventpattern.NewMatcher()
	return m
}

// publishChange announces a resource change on bus.ResourceChanges, if anyone listens.
func (s *Service) publishChange(ctx context.Context, ct bus.ChangeType, rtype, id, name, arn string, tags map[string]string, conf any) {
	if !bus.HasSubscribers(s.b, bus.ResourceChanges()) {
		return
	}
	if ct == bus.ResourceDeleted {
		conf = nil
	}
	bus.Publish(ctx, s.b, bus.ResourceChanges(), bus.ResourceChange{ChangeType: ct, ResourceType: rtype, ResourceID: id,
		ResourceName: name, ARN: arn, Time: s.b.Now(), Tags: copyTags(tags), Configuration: conf})
}

func copyTags(t map[string]string) map[string]string {
	if len(t) == 0 {
		return nil
	}
	c := make(map[string]string, len(t))
	for k, v := range t {
		c[k] = v
	}
	return c
}
