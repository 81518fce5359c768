package trail

import (
	"context"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/hex"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/jsonscan"
)

// Digest files (CloudTrail User Guide, "CloudTrail digest file structure",
// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-digest-file-structure.html,
// and "Custom implementations of CloudTrail log file integrity validation",
// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-custom-validation.html).

// DigestPeriod is how often a digest is delivered while logging with validation on.
const DigestPeriod = time.Hour

// SignatureAlgorithm is the digest signature algorithm, in the digest and in S3 metadata.
const SignatureAlgorithm = "SHA256withRSA"

// digestRef is what the next digest says about its predecessor.
type digestRef struct {
	bucket, key, hash, signature string
}

// chain is a trail's running digest chain (guarded by the state lock).
type chain struct {
	start time.Time
	files []logFile
	prev  *digestRef
	timer *bus.Timer
}

// startChain starts a digest chain at the current time: its first digest is a starting digest
// (null previous-digest fields), delivered an hour later. Caller holds the state lock.
func (s *Service) startChain(t *trail) {
	if t.chain != nil {
		return
	}
	c := &chain{start: s.b.Now()}
	t.chain = c
	c.timer = s.b.Every(c.start.Add(DigestPeriod), DigestPeriod, func(ctx context.Context) { s.digest(ctx, t, c, false) })
}

// digestKey is the S3 key of a digest ending at end:
// [prefix/]AWSLogs/<acct>/CloudTrail-Digest/<region>/YYYY/MM/DD/<acct>_CloudTrail-Digest_<region>_<trail>_<home>_<YYYYMMDDTHHMMSSZ>.json.gz.
func digestKey(prefix, account, region, trailName, home string, end time.Time) string {
	end = end.UTC()
	var b []byte
	if prefix != "" {
		b = append(append(b, prefix...), '/')
	}
	b = append(b, "AWSLogs/"...)
	b = append(b, account...)
	b = append(b, "/CloudTrail-Digest/"...)
	b = append(b, region...)
	b = end.AppendFormat(append(b, '/'), "2006/01/02/")
	b = append(b, account...)
	b = append(b, "_CloudTrail-Digest_"...)
	b = append(b, region...)
	b = append(b, '_')
	b = append(b, trailName...)
	b = append(b, '_')
	b = append(b, home...)
	b = end.AppendFormat(append(b, '_'), "20060102T150405Z")
	return string(append(b, ".json.gz"...))
}

func appendTimeOrNull(b []byte, t time.Time) []byte {
	if t.IsZero() {
		return append(b, "null"...)
	}
	return jsonscan.AppendString(b, t.UTC().Format(time.RFC3339))
}

func appendStringOrNull(b []byte, s string, null bool) []byte {
	if null {
		return append(b, "null"...)
	}
	return jsonscan.AppendString(b, s)
}

// digestBody writes a digest's JSON with the fields in the order of the published sample.
func digestBody(account string, start, end time.Time, bucket, key, fingerprint string, files []logFile, prev *digestRef) []byte {
	var newest, oldest time.Time
	for i, f := range files {
		if i == 0 || f.newest.After(newest) {
			newest = f.newest
		}
		if i == 0 || f.oldest.Before(oldest) {
			oldest = f.oldest
		}
	}
	b := make([]byte, 0, 1024+300*len(files))
	b = append(b, `{"awsAccountId":`...)
	b = jsonscan.AppendString(b, account)
	b = append(b, `,"digestStartTime":`...)
	b = appendTimeOrNull(b, start)
	b = append(b, `,"digestEndTime":`...)
	b = appendTimeOrNull(b, end)
	b = appendMember(b, "digestS3Bucket", bucket)
	b = appendMember(b, "digestS3Object", key)
	b = appendMember(b, "digestPublicKeyFingerprint", fingerprint)
	b = appendMember(b, "digestSignatureAlgorithm", SignatureAlgorithm)
	b = append(b, `,"newestEventTime":`...)
	b = appendTimeOrNull(b, newest)
	b = append(b, `,"oldestEventTime":`...)
	b = appendTimeOrNull(b, oldest)
	null := prev == nil
	var p digestRef
	if prev != nil {
		p = *prev
	}
	b = append(b, `,"previousDigestS3Bucket":`...)
	b = appendStringOrNull(b, p.bucket, null)
	b = append(b, `,"previousDigestS3Object":`...)
	b = appendStringOrNull(b, p.key, null)
	b = append(b, `,"previousDigestHashValue":`...)
	b = appendStringOrNull(b, p.hash, null)
	b = append(b, `,"previousDigestHashAlgorithm":`...)
	b = appendStringOrNull(b, "SHA-256", null)
	b = append(b, `,"previousDigestSignature":`...)
	b = appendStringOrNull(b, p.signature, null)
	b = append(b, `,"logFiles":[`...)
	for i, f := range files {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"s3Bucket":`...)
		b = jsonscan.AppendString(b, f.bucket)
		b = appendMember(b, "s3Object", f.key)
		b = appendMember(b, "hashValue", f.hash)
		b = appendMember(b, "hashAlgorithm", "SHA-256")
		b = append(b, `,"newestEventTime":`...)
		b = appendTimeOrNull(b, f.newest)
		b = append(b, `,"oldestEventTime":`...)
		b = appendTimeOrNull(b, f.oldest)
		b = append(b, '}')
	}
	return append(b, "]}"...)
}

// StringToSign is what a digest's signature covers: digestEndTime, bucket/key, the hex SHA-256 of
// the uncompressed digest, and the previous digest's signature or "null", one per line.
func StringToSign(digestEndTime, bucket, key string, digest []byte, previousSignature *string) string {
	prev := "null"
	if previousSignature != nil {
		prev = *previousSignature
	}
	return digestEndTime + "\n" + bucket + "/" + key + "\n" + sha256Hex(digest) + "\n" + prev
}

// sign returns the lowercase hex RSASSA-PKCS1-v1_5 SHA-256 signature of msg.
func sign(key *rsa.PrivateKey, msg string) string {
	h := sha256.Sum256([]byte(msg))
	sig, err := rsa.SignPKCS1v15(nil, key, crypto.SHA256, h[:])
	if err != nil {
		panic("trail: signing a digest: " + err.Error())
	}
	return hex.EncodeToString(sig)
}

// digest delivers the digest of chain c ending now; final ends the chain.
func (s *Service) digest(ctx context.Context, t *trail, c *chain, final bool) {
	var (
		body          []byte
		bucket, key   string
		sig           string
		skip          bool
		end           time.Time
		closedService bool
	)
	s.b.Locked(func() {
		if s.closed {
			closedService = true
			return
		}
		end = s.b.Now()
		if final && !end.After(c.start) && len(c.files) == 0 {
			skip = true // a regular digest just ended here: nothing left to cover
			return
		}
		bucket = t.bucket
		key = digestKey(t.prefix, s.b.Account(), s.b.Region(), t.name, s.b.Region(), end)
		k := s.keys.at(end)
		endText := end.UTC().Format(time.RFC3339)
		body = digestBody(s.b.Account(), c.start, end, bucket, key, k.fingerprint, c.files, c.prev)
		var prevSig *string
		if c.prev != nil {
			prevSig = &c.prev.signature
		}
		sig = sign(k.private, StringToSign(endText, bucket, key, body, prevSig))
		c.prev = &digestRef{bucket: bucket, key: key, hash: sha256Hex(body), signature: sig}
		c.start = end
		c.files = nil
	})
	if closedService || skip {
		return
	}
	err := s.b.Deliver(ctx, s.b.ARN("s3", bucket), bus.Payload{Key: key, Body: s.gzip(body),
		Attributes: map[string]string{"signature": sig, "signature-algorithm": SignatureAlgorithm}})
	s.b.Locked(func() {
		if err != nil {
			t.status.digestError = bus.ErrorCode(err)
			return
		}
		t.status.digestTime, t.status.digestError = end, ""
		t.digestKeys = append(t.digestKeys, key)
		t.digestBucketOf[key] = bucket
	})
}
