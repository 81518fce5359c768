package trail

import (
	"context"
	"crypto/md5"
	"crypto/rsa"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"os"
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
)

// testKey is a fixed RSA-2048 key (testdata/signing-key.pem, made with DeriveKey(1, "us-east-1", 0)),
// so that tests do not spend time making primes.
func testKey(t testing.TB) *rsa.PrivateKey { return loadKey(t, "testdata/signing-key.pem") }

// otherKey is a second fixed key (DeriveKey(2, "us-east-1", 0)).
func otherKey(t testing.TB) *rsa.PrivateKey { return loadKey(t, "testdata/other-key.pem") }

func loadKey(t testing.TB, path string) *rsa.PrivateKey {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	blk, _ := pem.Decode(raw)
	k, err := x509.ParsePKCS1PrivateKey(blk.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestDeriveKeyDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("makes RSA primes")
	}
	a := DeriveKey(1, "us-east-1", 0)
	if a.N.BitLen() != 2048 || a.E != 65537 || a.Validate() != nil {
		t.Fatal("not a valid RSA-2048 key")
	}
	if a.N.Cmp(testKey(t).N) != 0 {
		t.Fatal("DeriveKey(1, us-east-1, 0) differs from testdata/signing-key.pem: the derivation changed")
	}
	if b := DeriveKey(1, "us-east-1", 1); b.N.Cmp(a.N) == 0 {
		t.Fatal("rotation gives the same key")
	}
}

func TestListPublicKeys(t *testing.T) {
	e := newEnv(t, WithSigningKey(testKey(t)))
	ctx := context.Background()
	out := must(e.s.ListPublicKeys(ctx, &ListPublicKeysInput{}))
	if len(out.PublicKeyList) != 1 {
		t.Fatal(out)
	}
	k := out.PublicKeyList[0]
	sum := md5.Sum(k.Value)
	if hex.EncodeToString(sum[:]) != k.Fingerprint {
		t.Fatal("fingerprint is not the MD5 of the DER key")
	}
	if pub, err := x509.ParsePKCS1PublicKey(k.Value); err != nil || pub.N.Cmp(testKey(t).N) != 0 {
		t.Fatal("Value is not the PKCS #1 public key", err)
	}
	s, en := e.b.Now().Add(time.Hour), e.b.Now()
	if _, err := e.s.ListPublicKeys(ctx, &ListPublicKeysInput{StartTime: &s, EndTime: &en}); bus.ErrorCode(err) != ErrInvalidTimeRange {
		t.Fatal(err)
	}
}

func TestKeyRotationWindows(t *testing.T) {
	r := keyring{epoch: bus.DefaultStart()}
	if r.index(r.epoch.Add(KeyRotation-time.Second)) != 0 || r.index(r.epoch.Add(KeyRotation)) != 1 {
		t.Fatal("rotation boundary")
	}
	if KeyValidity-KeyRotation != 24*time.Hour {
		t.Fatal("windows must overlap by a day")
	}
}
