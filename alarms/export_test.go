package alarms

import (
	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/metrics"
)

// NewWithoutFastPath is New with the single-metric fast path turned off: every alarm reads through
// the metrics engine's QueryLocked, so tests can compare the two paths.
func NewWithoutFastPath(b *bus.Bus, m *metrics.Service, opts ...Option) (*Service, error) {
	s, err := New(b, m, opts...)
	if err != nil {
		return nil, err
	}
	s.noFastPath = true
	return s, nil
}
