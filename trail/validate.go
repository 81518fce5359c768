package trail

import (
	"bytes"
	"compress/gzip"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/watchsim/watchsim/bus"
)

// Log file integrity validation as `aws cloudtrail validate-logs` does it (aws-cli
// awscli/customizations/cloudtrail/validation.py; CloudTrail User Guide, "Validating CloudTrail log
// file integrity with the AWS CLI",
// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-cli.html):
// the same walk of the digest chain, the same verdicts and the same report lines. Strict mode adds
// what the CLI cannot see (aws/aws-cli#7054): a deleted newest digest and the older of two
// consecutive deleted digests, found by comparing the bucket with the digests the trail delivered.

// Objects is the part of an S3 bucket the validator reads; *bus.S3Bucket has it.
type Objects interface {
	Get(key string) (bus.S3Object, error)
	List(prefix string) []bus.S3Object
}

// ValidateLogsInput is what `validate-logs` takes: --trail-arn, --start-time, --end-time (zero:
// now), --s3-bucket and --s3-prefix (default: the trail's), --verbose. Strict also reports
// deleted digests the CLI misses ([Service.ValidateLogs] only).
type ValidateLogsInput struct {
	TrailARN  string
	StartTime time.Time
	EndTime   time.Time
	S3Bucket  string
	S3Prefix  string
	Verbose   bool
	Strict    bool
}

// ValidationReport is the outcome: the CLI's standard output and error text, its exit code (0
// all valid, 1 something invalid) and the counts of its summary.
type ValidationReport struct {
	Stdout, Stderr string
	// Output is stdout and stderr interleaved as a terminal shows them.
	Output         string
	ExitCode       int
	DigestsValid   int
	DigestsInvalid int
	LogsValid      int
	LogsInvalid    int
	// Findings are the INVALID lines (without the trailing blank line), in the order printed.
	Findings []string
}

// validator is one run.
type validator struct {
	rep        ValidationReport
	out, err   strings.Builder
	all        strings.Builder
	lastDouble bool
	keys       map[string]*rsa.PublicKey
	keyErr     map[string]bool
	home       string
	verbose    bool
	foundStart time.Time
	foundEnd   time.Time
	reported   map[string]bool // digest keys reported not found
}

const cliTime = "2006-01-02T15:04:05Z"

func (v *validator) stdout(s string) {
	v.out.WriteString(s)
	v.all.WriteString(s)
}

func (v *validator) valid(s string) {
	if v.verbose {
		v.stdout(s + "\n")
		v.lastDouble = false
	}
}

func (v *validator) invalid(s string) {
	v.err.WriteString(s + "\n\n")
	v.all.WriteString(s + "\n\n")
	v.rep.Findings = append(v.rep.Findings, s)
	v.lastDouble = true
}

// trailARNParts splits arn:<p>:cloudtrail:<region>:<12 digits>:trail/<name>.
func trailARNParts(arn string) (region, account, name string, ok bool) {
	a, err := bus.ParseARN(arn)
	if err != nil || a.Service != "cloudtrail" || a.Region == "" || len(a.AccountID) != 12 || !strings.HasPrefix(a.Resource, "trail/") || len(a.Resource) == 6 {
		return "", "", "", false
	}
	for _, c := range a.AccountID {
		if c < '0' || c > '9' {
			return "", "", "", false
		}
	}
	return a.Region, a.AccountID, a.Resource[6:], true
}

// ValidateLogs validates the digest chain of one region (region: the CLI's --region) of a trail
// whose files are in the bucket bucketFor returns, with the public keys ListPublicKeys returned for
// [StartTime, EndTime + 2 h]. It does what validate-logs does and reports what it reports. S3Bucket
// must be set (the service method fills it from the trail). An argument error (bad ARN, bad range,
// no keys, unknown bucket) is returned as an error, where the CLI exits with 255.
func ValidateLogs(bucketFor func(name string) (Objects, bool), keys []PublicKey, region string, in ValidateLogsInput) (*ValidationReport, error) {
	home, account, name, ok := trailARNParts(in.TrailARN)
	if !ok {
		//lint:ignore ST1005 the aws CLI prints this message verbatim and users compare against it
		return nil, fmt.Errorf("Invalid trail ARN provided: %s", in.TrailARN)
	}
	start, end := in.StartTime.UTC().Truncate(time.Second), in.EndTime.UTC().Truncate(time.Second)
	if !start.Before(end) {
		//lint:ignore ST1005 the aws CLI prints this message verbatim and users compare against it
		return nil, errors.New("Invalid time range specified: start-time must occur before end-time")
	}
	if len(keys) == 0 {
		//lint:ignore ST1005 the aws CLI prints this message verbatim and users compare against it
		return nil, fmt.Errorf("No public keys found between %s and %s", start.Format(cliTime), end.Add(2*time.Hour).Format(cliTime))
	}
	objs, ok := bucketFor(in.S3Bucket)
	if !ok {
		//lint:ignore ST1005 the aws CLI prints this message verbatim and users compare against it
		return nil, fmt.Errorf("An error occurred (NoSuchBucket) when calling the ListObjects operation: The specified bucket does not exist")
	}
	v := &validator{home: home, verbose: in.Verbose, keys: map[string]*rsa.PublicKey{}, keyErr: map[string]bool{}, reported: map[string]bool{}}
	for _, k := range keys {
		pub, err := x509.ParsePKCS1PublicKey(k.Value)
		if err != nil {
			v.keyErr[k.Fingerprint] = true
			continue
		}
		v.keys[k.Fingerprint] = pub
	}
	v.stdout(fmt.Sprintf("Validating log files for trail %s between %s and %s\n\n", in.TrailARN, start.Format(cliTime), end.Format(cliTime)))
	v.lastDouble = true

	prefix := ""
	if in.S3Prefix != "" {
		prefix = in.S3Prefix + "/"
	}
	listPrefix := prefix + "AWSLogs/" + account + "/CloudTrail-Digest/" + region
	fileHead := account + "_CloudTrail-Digest_" + region + "_" + name + "_" + home + "_"
	marker := digestKey(in.S3Prefix, account, region, name, home, start.Add(-time.Minute))
	startTS, endTS := start.Format("20060102T150405Z"), end.Add(time.Hour).Format("20060102T150405Z")
	var listing []string
	for _, o := range objs.List(listPrefix) {
		k := o.Key
		if k <= marker || !digestKeyMatches(k, listPrefix, fileHead) || strings.HasSuffix(k, "_backfill.json.gz") {
			continue
		}
		ts := k[len(k)-24 : len(k)-8]
		if ts < startTS {
			continue
		}
		if ts > endTS {
			break
		}
		listing = append(listing, k)
	}
	v.traverse(objs, in.S3Bucket, listing, start, end)
	v.summary(start, end)
	v.rep.Stdout, v.rep.Stderr, v.rep.Output = v.out.String(), v.err.String(), v.all.String()
	if v.rep.DigestsInvalid > 0 || v.rep.LogsInvalid > 0 {
		v.rep.ExitCode = 1
	}
	return &v.rep, nil
}

// digestKeyMatches is the CLI's key pattern: <listPrefix>/<d+>/<d+>/<d+>/<fileHead>.+\.json\.gz.
func digestKeyMatches(k, listPrefix, fileHead string) bool {
	if !strings.HasPrefix(k, listPrefix+"/") || !strings.HasSuffix(k, ".json.gz") {
		return false
	}
	rest := k[len(listPrefix)+1:]
	for i := 0; i < 3; i++ {
		j := strings.IndexByte(rest, '/')
		if j <= 0 {
			return false
		}
		for _, c := range rest[:j] {
			if c < '0' || c > '9' {
				return false
			}
		}
		rest = rest[j+1:]
	}
	return strings.HasPrefix(rest, fileHead) && len(rest) > len(fileHead)+len(".json.gz") && len(k) >= 24
}

// olderThan returns the newest listed key older than k.
func olderThan(listing []string, k string) (string, bool) {
	i := sort.SearchStrings(listing, k)
	if i == 0 {
		return "", false
	}
	return listing[i-1], true
}

type digestDoc struct {
	start, end             time.Time
	prevBucket, prevObject *string
	logFiles               []struct {
		S3Bucket  string `json:"s3Bucket"`
		S3Object  string `json:"s3Object"`
		HashValue string `json:"hashValue"`
	}
}

// traverse walks the chain from the newest listed digest, as the CLI does.
func (v *validator) traverse(objs Objects, bucket string, listing []string, start, end time.Time) {
	if len(listing) == 0 {
		return
	}
	key := listing[len(listing)-1]
	lastStart := end
	for key != "" && !start.After(lastStart) {
		d, msg := v.loadDigest(objs, bucket, key)
		if msg != "" {
			v.rep.DigestsInvalid++
			if msg == "not found" {
				v.reported[key] = true
			}
			v.invalid(fmt.Sprintf("Digest file\ts3://%s/%s\tINVALID: %s", bucket, key, msg))
			next, ok := olderThan(listing, key)
			if !ok {
				return
			}
			key = next
			continue
		}
		v.rep.DigestsValid++
		v.valid(fmt.Sprintf("Digest file\ts3://%s/%s\tvalid", bucket, key))
		fs, fe := d.start, d.end
		if fs.Before(start) {
			fs = start
		}
		if fe.After(end) {
			fe = end
		}
		if v.foundStart.IsZero() || fs.Before(v.foundStart) {
			v.foundStart = fs
		}
		if fe.After(v.foundEnd) {
			v.foundEnd = fe
		}
		for _, lf := range d.logFiles {
			v.checkLog(objs, lf.S3Bucket, lf.S3Object, lf.HashValue)
		}
		lastStart = d.start
		if d.prevBucket != nil && d.prevObject != nil {
			key = *d.prevObject
			continue
		}
		// A chain start: continue with the next older listed digest, after a gap notice.
		next, ok := olderThan(listing, key)
		if !ok {
			return
		}
		ts, _ := time.Parse("20060102T150405Z", next[len(next)-24:len(next)-8])
		v.invalidNotice(fmt.Sprintf("No log files were delivered by CloudTrail between %s and %s", ts.Format(cliTime), d.start.Format(cliTime)))
		key = next
	}
}

// invalidNotice prints a gap notice (stderr, not a finding that changes the exit code).
func (v *validator) invalidNotice(s string) {
	v.err.WriteString(s + "\n\n")
	v.all.WriteString(s + "\n\n")
	v.lastDouble = true
}

// loadDigest reads and checks one digest; msg is the INVALID reason, "" when valid.
func (v *validator) loadDigest(objs Objects, bucket, key string) (*digestDoc, string) {
	o, err := objs.Get(key)
	if err != nil {
		return nil, "not found"
	}
	raw, _, err := gunzipOne(o.Body)
	if err != nil {
		return nil, "invalid format"
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return nil, "invalid format"
	}
	sig, hasSig := o.Metadata["signature"]
	if _, hasAlg := o.Metadata["signature-algorithm"]; !hasSig || !hasAlg {
		return nil, "signature verification failed"
	}
	for _, k := range []string{"digestPublicKeyFingerprint", "digestS3Bucket", "digestS3Object", "previousDigestSignature", "digestEndTime", "digestStartTime", "logFiles"} {
		if _, ok := m[k]; !ok {
			return nil, "invalid format"
		}
	}
	str := func(k string) *string {
		var s *string
		_ = json.Unmarshal(m[k], &s)
		return s
	}
	val := func(k string) string {
		if p := str(k); p != nil {
			return *p
		}
		return ""
	}
	if val("digestS3Bucket") != bucket || val("digestS3Object") != key {
		return nil, "has been moved from its original location"
	}
	fp := val("digestPublicKeyFingerprint")
	if v.keyErr[fp] {
		return nil, "Unable to load PKCS #1 key with fingerprint " + fp
	}
	pub, ok := v.keys[fp]
	if !ok {
		return nil, "public key not found in region " + v.home + " for fingerprint " + fp
	}
	sigBytes, err := hex.DecodeString(sig)
	if err != nil {
		return nil, "signature verification failed"
	}
	msg := StringToSign(val("digestEndTime"), bucket, key, raw, str("previousDigestSignature"))
	h := sha256.Sum256([]byte(msg))
	if rsa.VerifyPKCS1v15(pub, crypto.SHA256, h[:], sigBytes) != nil {
		return nil, "signature verification failed"
	}
	d := &digestDoc{prevBucket: str("previousDigestS3Bucket"), prevObject: str("previousDigestS3Object")}
	if d.start, err = time.Parse(time.RFC3339, val("digestStartTime")); err != nil {
		return nil, "invalid format"
	}
	if d.end, err = time.Parse(time.RFC3339, val("digestEndTime")); err != nil {
		return nil, "invalid format"
	}
	if json.Unmarshal(m["logFiles"], &d.logFiles) != nil {
		return nil, "invalid format"
	}
	return d, ""
}

// gunzipOne decompresses the first gzip member of b; extra reports data after it.
func gunzipOne(b []byte) (raw []byte, extra bool, err error) {
	br := bytes.NewReader(b)
	zr, err := gzip.NewReader(br)
	if err != nil {
		return nil, false, err
	}
	zr.Multistream(false)
	raw, err = io.ReadAll(zr)
	if err != nil {
		return nil, false, err
	}
	return raw, br.Len() > 0, nil
}

func (v *validator) checkLog(objs Objects, bucket, key, hash string) {
	line := fmt.Sprintf("Log file\ts3://%s/%s\t", bucket, key)
	o, err := objs.Get(key)
	if err != nil {
		v.rep.LogsInvalid++
		v.invalid(line + "INVALID: not found")
		return
	}
	raw, extra, err := gunzipOne(o.Body)
	switch {
	case err != nil:
		v.rep.LogsInvalid++
		v.invalid(line + "INVALID: invalid format")
	case extra:
		v.rep.LogsInvalid++
		v.invalid(line + "INVALID: unexpected data after end of compressed stream")
	case sha256Hex(raw) != hash:
		v.rep.LogsInvalid++
		v.invalid(line + "INVALID: hash value doesn't match")
	default:
		v.rep.LogsValid++
		v.valid(line + "valid")
	}
}

func (v *validator) summary(start, end time.Time) {
	if !v.lastDouble {
		v.stdout("\n")
	}
	v.stdout(fmt.Sprintf("Results requested for %s to %s\n", start.Format(cliTime), end.Format(cliTime)))
	if v.rep.DigestsValid+v.rep.DigestsInvalid == 0 {
		v.stdout("No digests found\n")
		return
	}
	if v.foundStart.IsZero() {
		v.stdout("No valid digests found in range\n")
	} else {
		v.stdout(fmt.Sprintf("Results found for %s to %s:\n", v.foundStart.Format(cliTime), v.foundEnd.Format(cliTime)))
	}
	v.ratio(v.rep.DigestsValid, v.rep.DigestsInvalid, "digest")
	v.ratio(v.rep.LogsValid, v.rep.LogsInvalid, "log")
	v.stdout("\n")
}

func (v *validator) ratio(valid, invalid int, name string) {
	total := valid + invalid
	if total == 0 {
		return
	}
	s := fmt.Sprintf("\n%d/%d %s files valid", valid, total, name)
	if invalid > 0 {
		s += fmt.Sprintf(", %d/%d %s files INVALID", invalid, total, name)
	}
	v.stdout(s)
}

// ValidateLogs runs [ValidateLogs] against the service's buckets and keys, as validate-logs run
// against this region would: the trail is found by ARN among the service's trails (unless
// S3Bucket is given), the keys are ListPublicKeys for [StartTime, EndTime + 2 h], EndTime defaults
// to now. With Strict, every digest the trail delivered in the range that is no longer in the
// bucket and that the walk did not report is reported too ("INVALID: not found") — the newest
// digest, and the older of two consecutive deleted digests, which the CLI misses.
func (s *Service) ValidateLogs(in ValidateLogsInput) (*ValidationReport, error) {
	if s.b.Closed() {
		return nil, fmt.Errorf("trail: ValidateLogs: %w", bus.ErrClosed)
	}
	var (
		keys   []PublicKey
		ledger []string
		found  bool
	)
	now := s.b.Now()
	if in.EndTime.IsZero() {
		in.EndTime = now
	}
	s.b.Locked(func() {
		for _, t := range s.trails {
			if t.arn == in.TrailARN {
				found = true
				if in.S3Bucket == "" {
					in.S3Bucket, in.S3Prefix = t.bucket, t.prefix
				}
				ledger = append(ledger, t.digestKeys...)
			}
		}
		end := in.EndTime.Add(2 * time.Hour)
		if end.After(now) {
			end = now
		}
		if !in.StartTime.After(end) {
			for i := s.keys.index(in.StartTime); i <= s.keys.index(end); i++ {
				k := s.keys.get(i)
				keys = append(keys, PublicKey{Value: k.der, ValidityStartTime: k.start, ValidityEndTime: k.end, Fingerprint: k.fingerprint})
			}
		}
	})
	if !found && in.S3Bucket == "" {
		//lint:ignore ST1005 the aws CLI prints this message verbatim and users compare against it
		return nil, fmt.Errorf("A trail could not be found for %s", in.TrailARN)
	}
	bucketFor := func(name string) (Objects, bool) {
		sk, ok := s.b.SinkFor(s.b.ARN("s3", name))
		if !ok {
			return nil, false
		}
		bk, ok := sk.(*bus.S3Bucket)
		return bk, ok
	}
	rep, err := ValidateLogs(bucketFor, keys, s.b.Region(), in)
	if err != nil || !in.Strict {
		return rep, err
	}
	objs, _ := bucketFor(in.S3Bucket)
	reported := map[string]bool{}
	for _, f := range rep.Findings {
		if strings.HasSuffix(f, "\tINVALID: not found") && strings.HasPrefix(f, "Digest file\t") {
			reported[strings.TrimSuffix(strings.TrimPrefix(f, "Digest file\ts3://"+in.S3Bucket+"/"), "\tINVALID: not found")] = true
		}
	}
	startTS, endTS := in.StartTime.UTC().Format("20060102T150405Z"), in.EndTime.UTC().Add(time.Hour).Format("20060102T150405Z")
	var extra strings.Builder
	for _, k := range ledger {
		ts := k[len(k)-24 : len(k)-8]
		if ts < startTS || ts > endTS || reported[k] {
			continue
		}
		if _, err := objs.Get(k); err == nil {
			continue
		}
		line := fmt.Sprintf("Digest file\ts3://%s/%s\tINVALID: not found", in.S3Bucket, k)
		rep.Findings = append(rep.Findings, line)
		rep.DigestsInvalid++
		extra.WriteString(line + "\n\n")
	}
	if extra.Len() > 0 {
		rep.Stderr += extra.String()
		rep.Output += extra.String()
		rep.ExitCode = 1
	}
	return rep, nil
}
