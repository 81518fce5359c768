package bus

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"github.com/watchsim/watchsim/internal/optonce"

	"github.com/benbjohnson/clock"
)

// DefaultStart returns the simulation time a new Bus starts at unless [WithStart] says otherwise:
// 2026-01-01T00:00:00Z. It is fixed, so that runs are reproducible.
func DefaultStart() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }

// Defaults for the simulated account and region.
const (
	DefaultAccount   = "123456789012"
	DefaultRegion    = "us-east-1"
	DefaultPartition = "aws"
	DefaultSeed      = 1
)

// ErrRealTime is returned by Advance and AdvanceTo on a Bus built with [WithClock]: its time follows
// that clock, and only that clock can move it.
var ErrRealTime = errors.New("bus: Advance is not available in real-time mode: time follows the clock given to WithClock")

// ErrTimeRange is wrapped by the error of Advance and AdvanceTo for a target after [MaxTime].
var ErrTimeRange = errors.New("bus: time out of the simulated range")

// ErrClosed is returned (wrapped, with the name of what was called) by every operation, Deliver,
// Register, Advance and AdvanceTo after [Bus.Close].
var ErrClosed = errors.New("bus: the bus is closed")

// Bus is one simulated AWS account in one region: its clock and scheduler, its message topics, its
// API dispatcher and its delivery registry. Every service of a simulator shares one Bus.
//
// Concurrency: every method is safe for concurrent use. Scheduled work, message handlers and sinks
// run without any lock of the Bus held, so they may call back into the simulator (see the package
// documentation for the full contract).
type Bus struct {
	// stateMu is the state lock: Call and Locked hold it while service code touches service state.
	stateMu sync.Mutex
	// advMu serialises Advance/AdvanceTo (and the real-time driver).
	advMu sync.Mutex

	// mu guards everything below. It is never held while user or service code runs.
	mu   sync.Mutex
	now  time.Time
	seq  uint64
	heap timerHeap
	// shut is set by Close (under mu, so push sees it with the heap) and read without a lock on hot
	// paths (Call, Publish).
	shut    atomic.Bool
	subs    atomic.Pointer[map[string]any] // topic name → *topicState[T]; copy-on-write under mu
	sinks   map[string]Sink
	rng     *rand.Rand
	view    *clockView
	wake    chan struct{} // real-time driver wake-up; nil in virtual mode
	done    chan struct{} // closed by Close in real-time mode
	stopped chan struct{} // closed when the real-time driver exits

	account   string
	region    string
	partition string
	seed      uint64
	real      clock.Clock // nil in virtual mode
	identity  Identity
	meter     atomic.Pointer[metering] // service metrics (servicemetrics.go), created on first use
}

// Option configures a Bus. Options validate their arguments: [New] returns the first error.
type Option func(*config) error

type config struct {
	start     time.Time
	account   string
	region    string
	partition string
	seed      uint64
	real      clock.Clock
	given     optonce.Set
}

func (c *config) once(name string) error { return c.given.Once("bus", name) }

// WithStart sets the simulation start time (default [DefaultStart]). It must not be the zero time.
// The time is kept in UTC.
func WithStart(t time.Time) Option {
	return func(c *config) error {
		if err := c.once("WithStart"); err != nil {
			return err
		}
		if t.IsZero() {
			return errors.New("bus: WithStart: the start time must not be the zero time")
		}
		if t.Year() < 1970 || t.Year() > 2200 {
			return fmt.Errorf("bus: WithStart: start time %s is outside the years 1970..2200", t.Format(time.RFC3339))
		}
		c.start = t.UTC()
		return nil
	}
}

// WithAccount sets the 12-digit AWS account id (default [DefaultAccount]).
func WithAccount(id string) Option {
	return func(c *config) error {
		if err := c.once("WithAccount"); err != nil {
			return err
		}
		if !validAccount(id) {
			return fmt.Errorf("bus: WithAccount: %q is not a 12-digit AWS account id", id)
		}
		c.account = id
		return nil
	}
}

// WithRegion sets the AWS region code, such as "eu-west-1" (default [DefaultRegion]). The partition
// follows from the region: "aws-cn" for cn-*, "aws-us-gov" for us-gov-*, "aws" otherwise.
func WithRegion(region string) Option {
	return func(c *config) error {
		if err := c.once("WithRegion"); err != nil {
			return err
		}
		if !validRegion(region) {
			return fmt.Errorf("bus: WithRegion: %q is not an AWS region code (like us-east-1)", region)
		}
		c.region = region
		c.partition = partitionOf(region)
		return nil
	}
}

func partitionOf(region string) string {
	switch {
	case len(region) > 3 && region[:3] == "cn-":
		return "aws-cn"
	case len(region) > 7 && region[:7] == "us-gov-":
		return "aws-us-gov"
	case len(region) > 7 && region[:7] == "us-iso-":
		return "aws-iso"
	case len(region) > 8 && region[:8] == "us-isob-":
		return "aws-iso-b"
	}
	return DefaultPartition
}

// WithSeed sets the seed of every id and every random choice the simulator makes (default
// [DefaultSeed]). The same seed and the same calls give the same ids and the same outputs.
func WithSeed(seed uint64) Option {
	return func(c *config) error {
		if err := c.once("WithSeed"); err != nil {
			return err
		}
		c.seed = seed
		return nil
	}
}

// WithClock switches the Bus to real-time mode: simulation time follows c, and a goroutine started by
// [New] runs due work as c reaches it until [Bus.Close]. Pass clock.New() for wall-clock time.
//
// Under testing/synctest, clock.New() reads the bubble's fake clock, so a Bus built with
// WithClock(clock.New()) inside synctest.Test runs on fake time that advances whenever every
// goroutine in the bubble is blocked: build it inside the bubble and register t.Cleanup(b.Close).
//
// Without WithClock the Bus is virtual: time stands still until [Bus.Advance] or [Bus.AdvanceTo].
func WithClock(c clock.Clock) Option {
	return func(cfg *config) error {
		if err := cfg.once("WithClock"); err != nil {
			return err
		}
		if c == nil {
			return errors.New("bus: WithClock: the clock must not be nil")
		}
		cfg.real = c
		return nil
	}
}

// New returns a Bus. Without options it is virtual, starts at [DefaultStart], and simulates account
// [DefaultAccount] in [DefaultRegion] with seed [DefaultSeed].
func New(opts ...Option) (*Bus, error) {
	cfg := config{start: DefaultStart(), account: DefaultAccount, region: DefaultRegion,
		partition: DefaultPartition, seed: DefaultSeed}
	for _, o := range opts {
		if o == nil {
			return nil, errors.New("bus: nil Option")
		}
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	b := &Bus{
		now:       cfg.start,
		sinks:     map[string]Sink{},
		rng:       rand.New(rand.NewPCG(cfg.seed, 0x9e3779b97f4a7c15)),
		account:   cfg.account,
		region:    cfg.region,
		partition: cfg.partition,
		seed:      cfg.seed,
		real:      cfg.real,
	}
	b.subs.Store(&map[string]any{})
	b.identity = b.makeDefaultIdentity()
	if b.real != nil {
		if t := b.real.Now(); t.After(MaxTime()) {
			return nil, fmt.Errorf("%w: WithClock: the clock reads %s, after %s", ErrTimeRange,
				t.UTC().Format(time.RFC3339), MaxTime().Format(time.RFC3339Nano))
		}
		b.now = b.real.Now()
		b.wake = make(chan struct{}, 1)
		b.done = make(chan struct{})
		b.stopped = make(chan struct{})
		go b.drive()
	}
	return b, nil
}

// MustNew is [New] that panics on error, for tests and examples with constant options.
func MustNew(opts ...Option) *Bus {
	b, err := New(opts...)
	if err != nil {
		panic(err)
	}
	return b
}

// Account returns the simulated 12-digit account id.
func (b *Bus) Account() string { return b.account }

// Region returns the simulated region code.
func (b *Bus) Region() string { return b.region }

// Partition returns the partition of the region ("aws", "aws-cn", …).
func (b *Bus) Partition() string { return b.partition }

// Seed returns the seed the Bus was built with.
func (b *Bus) Seed() uint64 { return b.seed }

// RealTime reports whether the Bus follows a clock given to [WithClock].
func (b *Bus) RealTime() bool { return b.real != nil }

// Close ends the simulation: it stops the real-time driver, if any, and drops pending work. After
// Close, every operation of every service and [Bus.Deliver], [Bus.Register], [Bus.Advance] and
// [Bus.AdvanceTo] return an error wrapping [ErrClosed]; [Publish] and [Defer] do nothing; [Bus.Schedule],
// [Bus.After] and [Bus.Every] return a Timer that is not pending and never runs. Reads (Now, ARNs,
// sinks' recorded messages) keep working, so a test can inspect the final state.
//
// Close is idempotent and safe to call from any goroutine, but not from inside scheduled work of a
// real-time Bus (it waits for the driver, which would be waiting for it).
func (b *Bus) Close() error {
	b.mu.Lock()
	if b.shut.Load() {
		b.mu.Unlock()
		return nil
	}
	b.shut.Store(true)
	b.heap.clear()
	b.mu.Unlock()
	if b.done != nil {
		close(b.done)
		<-b.stopped
	}
	return nil
}

// Locked runs fn while holding the state lock, the lock every [Call] holds. Service code uses it in
// scheduled work and message handlers to touch its state. The lock is not re-entrant: fn must not
// call Locked, [Call] or any service method — doing so panics with an explanation (whatever ctx the
// inner call is given), where a plain mutex would deadlock. fn may [Publish] (delivery waits until
// fn returns) and schedule work.
func (b *Bus) Locked(fn func()) {
	b.lockState("Bus.Locked")
	defer b.stateMu.Unlock()
	fn()
}

// background returns a context for work the kernel starts itself (timers, real-time driver).
func background() context.Context { return context.Background() }
