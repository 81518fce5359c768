package eventpattern

import (
	"errors"
	"fmt"
)

// DefaultMaxPatternLength is the EventBridge quota on the size of an event pattern, in characters.
// AWS lets an account raise it ("Event pattern size" in the EventBridge quotas page of the
// Amazon EventBridge User Guide), hence [WithMaxPatternLength].
const DefaultMaxPatternLength = 2048

// DefaultWildcardComplexity is the wildcard complexity [Compile] accepts unless
// [WithWildcardComplexity] says otherwise (see [WithWildcardComplexity] for the measure).
const DefaultWildcardComplexity = 5

// Option tunes pattern validation; pass options to [Compile], [NewMatcher] or [TestEventPattern].
// Every option validates its argument, and a nil Option is an error, as in every package of
// watchsim.
type Option func(*config) error

// config holds the validated settings of a set of options.
type config struct {
	maxLength     int
	wildcardLimit int
	seen          uint8 // one bit per option, to refuse an option given twice
}

const (
	seenMaxLength = 1 << iota
	seenWildcard
)

// newConfig applies opts on top of EventBridge's defaults.
func newConfig(opts []Option) (config, error) {
	c := config{maxLength: DefaultMaxPatternLength, wildcardLimit: DefaultWildcardComplexity}
	for _, o := range opts {
		if o == nil {
			return config{}, errors.New("eventpattern: nil Option")
		}
		if err := o(&c); err != nil {
			return config{}, err
		}
	}
	return c, nil
}

func (c *config) once(bit uint8, name string) error {
	if c.seen&bit != 0 {
		return fmt.Errorf("eventpattern: option %s given twice", name)
	}
	c.seen |= bit
	return nil
}

// WithMaxPatternLength sets the largest pattern accepted, in characters (default
// [DefaultMaxPatternLength]), for an account whose quota was raised. n must be at least 1; pass
// math.MaxInt to accept any length.
func WithMaxPatternLength(n int) Option {
	return func(c *config) error {
		if err := c.once(seenMaxLength, "WithMaxPatternLength"); err != nil {
			return err
		}
		if n < 1 {
			return fmt.Errorf("eventpattern: WithMaxPatternLength: %d is not a length (want ≥ 1)", n)
		}
		c.maxLength = n
		return nil
	}
}

// WithWildcardComplexity sets the largest wildcard complexity accepted (default
// [DefaultWildcardComplexity]). The complexity of a wildcard is its number of unescaped stars:
// event-ruler, the engine inside EventBridge, measures how many wildcard prefixes one input can be
// inside at once, and for a single wildcard every star can be kept active at once. AWS does not
// publish its threshold; the default is calibrated on the examples of the EventBridge User Guide
// ("Wildcard matching" under "Content filtering in Amazon EventBridge event patterns"), which
// accept two stars and refuse "*:*:*:*:*:event-bus/*" (six). n must be at least 1; pass math.MaxInt
// to accept any wildcard.
func WithWildcardComplexity(n int) Option {
	return func(c *config) error {
		if err := c.once(seenWildcard, "WithWildcardComplexity"); err != nil {
			return err
		}
		if n < 1 {
			return fmt.Errorf("eventpattern: WithWildcardComplexity: %d is not a complexity (want ≥ 1)", n)
		}
		c.wildcardLimit = n
		return nil
	}
}
