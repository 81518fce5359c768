package trail

import (
	"bytes"
	"context"
	"crypto/rsa"
	"errors"
	"fmt"
	"math"
	"sync"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/optonce"
)

// Source is the CloudTrail event source of the CloudTrail API.
const Source = SourceCloudTrail

type options struct {
	lookupDelay time.Duration
	flushPeriod time.Duration
	key         *rsa.PrivateKey
	maxTrails   int
	given       optonce.Set
}

func (o *options) once(name string) error { return o.given.Once("trail", name) }

// Option configures a [Service]. Options validate their arguments; [New] returns the first error,
// and an error for a nil Option or an option given twice.
type Option func(*options) error

// WithLookupDelay makes events visible to LookupEvents d after they happen, as Event history lags
// behind the calls by about the log delivery delay in AWS (default 0: visible at once, which keeps
// tests simple and deterministic).
func WithLookupDelay(d time.Duration) Option {
	return func(o *options) error {
		if err := o.once("WithLookupDelay"); err != nil {
			return err
		}
		if d < 0 || d > time.Hour {
			return errors.New("trail: lookup delay must be between 0 and 1h")
		}
		o.lookupDelay = d
		return nil
	}
}

// WithDeliveryPeriod sets how often log files are delivered (default 5 minutes: "CloudTrail
// publishes log files multiple times an hour, about every 5 minutes",
// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/how-cloudtrail-works.html). Files and
// CloudWatch Logs deliveries happen at the multiples of the period (counted from the Unix epoch)
// after the first waiting event.
func WithDeliveryPeriod(d time.Duration) Option {
	return func(o *options) error {
		if err := o.once("WithDeliveryPeriod"); err != nil {
			return err
		}
		if d < time.Second || d > time.Hour {
			return errors.New("trail: delivery period must be between 1s and 1h")
		}
		o.flushPeriod = d
		return nil
	}
}

// WithSigningKey makes digests be signed with key (RSA, 2048 to 4096 bits) instead of the keys
// watchsim derives from the seed; the key is then never rotated.
func WithSigningKey(key *rsa.PrivateKey) Option {
	return func(o *options) error {
		if err := o.once("WithSigningKey"); err != nil {
			return err
		}
		if key == nil {
			return errors.New("trail: WithSigningKey needs a key")
		}
		if n := key.N.BitLen(); n < 2048 || n > 4096 {
			return fmt.Errorf("trail: signing key of %d bits: CloudTrail signs with RSA keys of 2048 bits", n)
		}
		if err := key.Validate(); err != nil {
			return fmt.Errorf("trail: signing key: %w", err)
		}
		o.key = key
		return nil
	}
}

// WithMaxTrails sets the number of trails per region (default 5, which AWS does not raise:
// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/WhatIsCloudTrail-Limits.html).
func WithMaxTrails(n int) Option {
	return func(o *options) error {
		if err := o.once("WithMaxTrails"); err != nil {
			return err
		}
		if n < 1 || n > 1000 {
			return errors.New("trail: WithMaxTrails needs a limit between 1 and 1000")
		}
		o.maxTrails = n
		return nil
	}
}

// Service is the simulated AWS CloudTrail on one bus: it records every API call that goes through
// the bus, keeps Event history for LookupEvents, and runs trails that deliver log files and signed
// digests to S3 buckets, records to CloudWatch Logs and notifications to SNS. Create it with [New].
// All methods are safe for concurrent use.
type Service struct {
	b       *bus.Bus
	opts    options
	builder Builder
	zip     sync.Pool // *gzip.Writer, reused by log-file deliveries
	files   sync.Pool // *[]byte: the uncompressed log file being delivered
	unsub   func()
	epoch   time.Time // the start of the first signing key's validity

	// guarded by the bus state lock
	trails    map[string]*trail
	order     []*trail            // trails in name order (nil: to be rebuilt)
	finishing map[string][]*trail // request id of a StopLogging/DeleteTrail → the trails it ends
	history   history
	keys      keyring
	closed    bool
}

// New creates the CloudTrail service on b and starts recording the calls made through it. Options
// validate their arguments; a nil Option is an error, and so is a closed Bus.
func New(b *bus.Bus, opts ...Option) (*Service, error) {
	if b == nil {
		return nil, errors.New("trail: New needs a bus")
	}
	if b.Closed() {
		return nil, fmt.Errorf("trail: New: %w", bus.ErrClosed)
	}
	s := &Service{b: b, trails: map[string]*trail{}, epoch: b.Now()}
	s.opts.flushPeriod = 5 * time.Minute
	s.opts.maxTrails = 5
	for _, o := range opts {
		if o == nil {
			return nil, errors.New("trail: nil Option")
		}
		if err := o(&s.opts); err != nil {
			return nil, err
		}
	}
	s.keys = keyring{seed: b.Seed(), region: b.Region(), epoch: s.epoch, fixed: s.opts.key}
	s.history.init()
	s.history.pin = s.oldestPending
	s.history.delay = s.opts.lookupDelay
	s.unsub = bus.Subscribe(b, bus.APICalls(), s.onAPICall)
	return s, nil
}

// Bus returns the bus the service runs on.
func (s *Service) Bus() *bus.Bus { return s.b }

// Close stops recording and delivering: the subscription to API calls ends and pending
// deliveries are dropped. Its state stays readable. It is idempotent.
func (s *Service) Close() error {
	s.b.Locked(func() {
		if s.closed {
			return
		}
		s.closed = true
		for _, t := range s.trails {
			t.stopTimers()
		}
	})
	if s.unsub != nil {
		s.unsub()
	}
	return nil
}

// dataWanted reports whether some logging trail may select data events. (A trail whose logging is
// ending takes only the record of the call that ends it, a management event.)
func (s *Service) dataWanted() (yes bool) {
	s.b.Locked(func() {
		for _, t := range s.trails {
			if t.logging && t.mayLogData() {
				yes = true
				return
			}
		}
	})
	return yes
}

// op describes a CloudTrail operation for bus.Call.
func op(name string, readOnly bool) bus.Operation {
	return bus.Operation{Source: Source, Name: name, ReadOnly: readOnly}
}

// onAPICall records one call: Event history for management events, the buffers of every logging
// trail whose selectors match, and the EventBridge event. The record is written into a scratch
// buffer: Event history keeps it compactly and trails refer to it there, so a management event
// allocates nothing per call for its JSON.
func (s *Service) onAPICall(ctx context.Context, call bus.APICall) {
	// A data event (PutMetricData, GetMetricData, PutEvents, …) goes only to trails whose selectors
	// take it — never to Event history —, so it is not built when no trail could want it.
	if Classify(call.EventSource, call.EventName) == Data && !s.dataWanted() {
		return
	}
	sc := s.builder.getScratch()
	defer s.builder.putScratch(sc)
	var hs holes
	rec, ok := s.builder.build(&call, sc, &hs, true)
	if !ok {
		return
	}
	toEventBridge := rec.Category == Management
	var due []*trail
	s.b.Locked(func() {
		if s.closed {
			return
		}
		p := pendingRec{pos: -1, unix: rec.EventTime.Unix()}
		if rec.Category == Management {
			p.pos = s.history.add(&rec, sc, nil, &hs) // the JSON written only if it asks for it
		}
		take := func(t *trail) {
			if p.pos < 0 && p.json == nil { // a data event's JSON is copied for the first trail that takes it
				p.json = bytes.Clone(sc.recordJSON(&hs))
			}
			t.buffer(s, p)
		}
		var ending []*trail
		if len(s.finishing) > 0 {
			ending = s.finishing[call.RequestID]
			delete(s.finishing, call.RequestID)
		}
		for _, t := range s.ordered() {
			if t.logging && t.selects(&rec) {
				if rec.Category == Data {
					toEventBridge = true
				}
				take(t)
			}
		}
		for _, t := range ending {
			if t.selects(&rec) {
				take(t)
			}
			due = append(due, t)
		}
	})
	for _, t := range due {
		s.finishStop(ctx, t)
	}
	if !toEventBridge || !bus.HasSubscribers(s.b, bus.Events()) {
		return
	}
	if js := sc.recordJSON(&hs); len(js) <= MaxEventSize {
		bus.Publish(ctx, s.b, bus.Events(), bus.Event{Version: "0", ID: s.b.UUID(), DetailType: "AWS API Call via CloudTrail",
			Source: eventBridgeSource(rec.EventSource), Account: s.b.Account(), Time: rec.EventTime, Region: s.b.Region(),
			Resources: []string{}, Detail: bytes.Clone(js), EventBusName: "default"})
	}
}

// oldestPending returns the absolute Event history position of the oldest record a trail has
// still to write (math.MaxInt for none), which Event history keeps through its cuts. Caller holds
// the state lock.
func (s *Service) oldestPending() int {
	oldest := math.MaxInt
	scan := func(t *trail) {
		for _, p := range t.pending {
			if p.pos >= 0 {
				oldest = min(oldest, p.pos)
				return // positions grow along pending
			}
		}
	}
	for _, t := range s.trails {
		scan(t)
	}
	for _, ts := range s.finishing {
		for _, t := range ts {
			scan(t)
		}
	}
	return oldest
}
