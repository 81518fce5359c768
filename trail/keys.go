package trail

import (
	"context"
	"crypto/md5"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/binary"
	"encoding/hex"
	"math/big"
	"math/rand/v2"
	"time"

	"github.com/watchsim/watchsim/bus"
)

// Signing keys (ListPublicKeys API reference,
// https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_ListPublicKeys.html): one RSA
// key pair per region, each published key valid for 30 days, windows overlapping.
//
// Determinism. Since Go 1.20 rsa.GenerateKey may ignore its random source (and Go 1.26 always does),
// so watchsim does not call it: it draws the two 1024-bit primes itself from a ChaCha8 stream seeded
// with SHA-256(seed, region, key number) — a candidate odd number with its two top bits set, then
// the next number that passes big.Int.ProbablyPrime (Baillie-PSW plus 20 Miller-Rabin rounds, all
// deterministic for a given number) and is coprime with e − 1 — and builds the rsa.PrivateKey from
// N, E = 65537, D and the primes, checked with Validate. The same seed gives the same keys, hence
// byte-identical signatures (PKCS #1 v1.5 signing is deterministic).

const (
	// KeyRotation is how often a new signing key takes over.
	KeyRotation = 29 * 24 * time.Hour
	// KeyValidity is how long a published key is valid (2,592,000 s in every AWS sample).
	KeyValidity = 30 * 24 * time.Hour
)

// signingKey is one key pair with its published form.
type signingKey struct {
	private     *rsa.PrivateKey
	der         []byte // PKCS #1 RSAPublicKey
	fingerprint string
	start, end  time.Time
}

// keyring holds the keys of the region, generated on first use (guarded by the state lock).
type keyring struct {
	seed   uint64
	region string
	epoch  time.Time
	fixed  *rsa.PrivateKey
	keys   []*signingKey
}

func newSigningKey(k *rsa.PrivateKey, start, end time.Time) *signingKey {
	der := x509.MarshalPKCS1PublicKey(&k.PublicKey)
	sum := md5.Sum(der)
	return &signingKey{private: k, der: der, fingerprint: hex.EncodeToString(sum[:]), start: start, end: end}
}

// index is the number of the key that signs at t.
func (r *keyring) index(t time.Time) int {
	if r.fixed != nil || t.Before(r.epoch) {
		return 0
	}
	return int(t.Sub(r.epoch) / KeyRotation)
}

// get returns key number i.
func (r *keyring) get(i int) *signingKey {
	for len(r.keys) <= i {
		n := len(r.keys)
		if r.fixed != nil {
			r.keys = append(r.keys, newSigningKey(r.fixed, r.epoch, bus.MaxTime()))
			continue
		}
		start := r.epoch.Add(time.Duration(n) * KeyRotation)
		r.keys = append(r.keys, newSigningKey(DeriveKey(r.seed, r.region, n), start, start.Add(KeyValidity)))
	}
	return r.keys[i]
}

// at returns the key that signs at t.
func (r *keyring) at(t time.Time) *signingKey { return r.get(r.index(t)) }

// DeriveKey returns the RSA-2048 key number n of a region for a seed: the same arguments always
// give the same key (see the package's key notes).
func DeriveKey(seed uint64, region string, n int) *rsa.PrivateKey {
	var in []byte
	in = binary.BigEndian.AppendUint64(in, seed)
	in = binary.BigEndian.AppendUint64(in, uint64(n))
	in = append(in, region...)
	s := sha256.Sum256(append([]byte("watchsim/trail signing key\x00"), in...))
	rng := rand.NewChaCha8(s)
	e := big.NewInt(65537)
	one := big.NewInt(1)
	prime := func() *big.Int {
		buf := make([]byte, 128)
		_, _ = rng.Read(buf)
		buf[0] |= 0xc0
		buf[127] |= 1
		p := new(big.Int).SetBytes(buf)
		two := big.NewInt(2)
		pm1 := new(big.Int)
		g := new(big.Int)
		for {
			if p.ProbablyPrime(20) {
				pm1.Sub(p, one)
				if g.GCD(nil, nil, e, pm1).Cmp(one) == 0 {
					return p
				}
			}
			p.Add(p, two)
		}
	}
	for {
		p, q := prime(), prime()
		if p.Cmp(q) == 0 {
			continue
		}
		if p.Cmp(q) < 0 {
			p, q = q, p
		}
		nMod := new(big.Int).Mul(p, q)
		if nMod.BitLen() != 2048 {
			continue
		}
		phi := new(big.Int).Mul(new(big.Int).Sub(p, one), new(big.Int).Sub(q, one))
		d := new(big.Int).ModInverse(e, phi)
		if d == nil {
			continue
		}
		k := &rsa.PrivateKey{PublicKey: rsa.PublicKey{N: nMod, E: 65537}, D: d, Primes: []*big.Int{p, q}}
		k.Precompute()
		if k.Validate() == nil {
			return k
		}
	}
}

// ListPublicKeys returns the public keys that sign digests in the time range (default: the key in
// use now), as PKCS #1 DER with their MD5 fingerprints and validity windows.
func (s *Service) ListPublicKeys(ctx context.Context, in *ListPublicKeysInput) (*ListPublicKeysOutput, error) {
	return bus.Call(ctx, s.b, op("ListPublicKeys", true), in, func(ctx context.Context, in *ListPublicKeysInput) (*ListPublicKeysOutput, error) {
		if in.NextToken != "" {
			return nil, bus.ClientError(ErrInvalidToken, "Invalid token.")
		}
		now := s.b.Now()
		end := now
		if in.EndTime != nil {
			end = *in.EndTime
		}
		start := end
		if in.StartTime != nil {
			start = *in.StartTime
		}
		if start.After(end) {
			return nil, bus.ClientError(ErrInvalidTimeRange, "Start time must be before end time.")
		}
		if end.After(now) {
			end = now // no key signs in the future
		}
		out := &ListPublicKeysOutput{PublicKeyList: []PublicKey{}}
		if start.After(end) {
			return out, nil
		}
		for i := s.keys.index(start); i <= s.keys.index(end); i++ {
			k := s.keys.get(i)
			out.PublicKeyList = append(out.PublicKeyList, PublicKey{Value: append([]byte(nil), k.der...),
				ValidityStartTime: k.start, ValidityEndTime: k.end, Fingerprint: k.fingerprint})
		}
		// Newest first [derived: the CLI examples list one key at a time].
		for i, j := 0, len(out.PublicKeyList)-1; i < j; i, j = i+1, j-1 {
			out.PublicKeyList[i], out.PublicKeyList[j] = out.PublicKeyList[j], out.PublicKeyList[i]
		}
		return out, nil
	})
}
