package bus

import (
	"encoding/hex"
)

// UUID returns a random (version 4) UUID drawn from the Bus's seeded source: the same seed and the
// same sequence of calls give the same ids.
func (b *Bus) UUID() string {
	var u [16]byte
	b.mu.Lock()
	x, y := b.rng.Uint64(), b.rng.Uint64()
	b.mu.Unlock()
	for i := 0; i < 8; i++ {
		u[i] = byte(x >> (8 * i))
		u[8+i] = byte(y >> (8 * i))
	}
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	var s [36]byte
	hex.Encode(s[0:8], u[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], u[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], u[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], u[8:10])
	s[23] = '-'
	hex.Encode(s[24:], u[10:])
	return string(s[:])
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
