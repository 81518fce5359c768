package bus

import (
	"encoding/hex"

	"github.com/watchsim/watchsim/internal/uuidv4"
)

// UUID returns a random (version 4) UUID drawn from the Bus's seeded source: the same seed and the
// same sequence of calls give the same ids.
func (b *Bus) UUID() string {
	b.mu.Lock()
	x, y := b.rng.Uint64(), b.rng.Uint64()
	b.mu.Unlock()
	return uuidv4.String(x, y)
}

// Uint64 returns a random number from the Bus's seeded source.
func (b *Bus) Uint64() uint64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.rng.Uint64()
}

// Float64 returns a random number in [0, 1) from the Bus's seeded source (for jitter and sampling).
func (b *Bus) Float64() float64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.rng.Float64()
}

// IntN returns a random number in [0, n) from the Bus's seeded source. n ≤ 0 panics.
func (b *Bus) IntN(n int) int {
	if n <= 0 {
		panic("bus: IntN with n <= 0")
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.rng.IntN(n)
}

// HexID returns n random lowercase hex characters from the Bus's seeded source, for ids such as
// log stream suffixes and message ids.
func (b *Bus) HexID(n int) string {
	buf := make([]byte, (n+1)/2)
	b.mu.Lock()
	for i := range buf {
		buf[i] = byte(b.rng.Uint64())
	}
	b.mu.Unlock()
	return hex.EncodeToString(buf)[:n]
}
