package trail

import (
	"context"
	"strings"
	"testing"
	"time"
)

// chainEnv is a trail with validation on that logged for six hours with two log files an hour,
// starting at 00:01:31 like the spec's verified run (digest ends at hh:01:31).
func chainEnv(t *testing.T) (*env, string) {
	t.Helper()
	e := newEnv(t, WithSigningKey(testKey(t)))
	ctx := context.Background()
	if err := e.b.AdvanceTo(e.b.Now().Add(91 * time.Second)); err != nil {
		t.Fatal(err)
	}
	tr := true
	e.logging(t, CreateTrailInput{Name: "audit", EnableLogFileValidation: &tr})
	for h := 0; h < 6; h++ {
		for _, m := range []time.Duration{10, 40} {
			if err := e.b.AdvanceTo(e.s.epoch.Add(time.Duration(h)*time.Hour + m*time.Minute)); err != nil {
				t.Fatal(err)
			}
			must(e.s.GetTrail(ctx, &GetTrailInput{Name: "audit"}))
		}
	}
	if err := e.b.AdvanceTo(e.s.epoch.Add(6*time.Hour + 5*time.Minute)); err != nil {
		t.Fatal(err)
	}
	return e, "arn:aws:cloudtrail:us-east-1:123456789012:trail/audit"
}

func (e *env) digestKeys() []string {
	var out []string
	for _, o := range e.bucket.List("AWSLogs/123456789012/CloudTrail-Digest/") {
		out = append(out, o.Key)
	}
	return out
}

func (e *env) validate(t *testing.T, arn string, strict bool) *ValidationReport {
	t.Helper()
	rep, err := e.s.ValidateLogs(ValidateLogsInput{TrailARN: arn, StartTime: e.s.epoch, EndTime: e.s.epoch.Add(6*time.Hour + 30*time.Minute), Strict: strict})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestDigestChainValidates(t *testing.T) {
	e, arn := chainEnv(t)
	keys := e.digestKeys()
	if len(keys) != 6 {
		t.Fatalf("%d digests: %v", len(keys), keys)
	}
	if want := "AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2026/01/01/123456789012_CloudTrail-Digest_us-east-1_audit_us-east-1_20260101T010131Z.json.gz"; keys[0] != want {
		t.Fatalf("first digest key %q, want %q", keys[0], want)
	}
	rep := e.validate(t, arn, false)
	want := "Validating log files for trail " + arn + " between 2026-01-01T00:00:00Z and 2026-01-01T06:30:00Z\n\n" +
		"Results requested for 2026-01-01T00:00:00Z to 2026-01-01T06:30:00Z\n" +
		"Results found for 2026-01-01T00:01:31Z to 2026-01-01T06:01:31Z:\n\n" +
		"6/6 digest files valid\n13/13 log files valid\n"
	if rep.Stdout != want || rep.Stderr != "" || rep.ExitCode != 0 {
		t.Fatalf("report:\n%s\nstderr:\n%s\nwant:\n%s", rep.Stdout, rep.Stderr, want)
	}
}

func TestValidateLogsTampering(t *testing.T) {
	type tamper func(e *env, digests, logs []string)
	first := func(e *env) string { return e.logFileKeys()[0] }
	_ = first
	cases := []struct {
		name          string
		tamper        tamper
		stderr        []string // substrings, in order
		digestInvalid int
		logInvalid    int
		exit          int
		strictExtra   int
	}{
		{name: "log modified", tamper: func(e *env, d, l []string) {
			o := must(e.bucket.Get(l[3]))
			_ = e.bucket.Put(l[3], gzipBytes([]byte(`{"Records":[]}`)), o.Metadata)
		}, stderr: []string{"Log file\ts3://trail-bucket/", "\tINVALID: hash value doesn't match"}, logInvalid: 1, exit: 1},
		{name: "log deleted", tamper: func(e *env, d, l []string) { e.bucket.Delete(l[5]) },
			stderr: []string{"\tINVALID: not found"}, logInvalid: 1, exit: 1},
		{name: "second gzip member", tamper: func(e *env, d, l []string) {
			o := must(e.bucket.Get(l[2]))
			_ = e.bucket.Put(l[2], append(o.Body, gzipBytes([]byte("x"))...), o.Metadata)
		}, stderr: []string{"\tINVALID: unexpected data after end of compressed stream"}, logInvalid: 1, exit: 1},
		{name: "digest modified", tamper: func(e *env, d, l []string) {
			o := must(e.bucket.Get(d[2]))
			raw := gunzipBytes(o.Body)
			_ = e.bucket.Put(d[2], gzipBytes([]byte(strings.Replace(string(raw), `"SHA-256"`, `"SHA-257"`, 1))), o.Metadata)
		}, stderr: []string{"\tINVALID: signature verification failed"}, digestInvalid: 1, exit: 1},
		{name: "signature removed", tamper: func(e *env, d, l []string) {
			o := must(e.bucket.Get(d[4]))
			_ = e.bucket.Put(d[4], o.Body, nil)
		}, stderr: []string{"\tINVALID: signature verification failed"}, digestInvalid: 1, exit: 1},
		{name: "digest moved", tamper: func(e *env, d, l []string) {
			o := must(e.bucket.Get(d[2]))
			_ = e.bucket.Put(d[3], o.Body, o.Metadata)
		}, stderr: []string{"\tINVALID: has been moved from its original location"}, digestInvalid: 1, exit: 1},
		{name: "re-signed with another key", tamper: func(e *env, d, l []string) {
			o := must(e.bucket.Get(d[1]))
			raw := string(gunzipBytes(o.Body))
			k := newSigningKey(otherKey(t), e.s.epoch, e.s.epoch.Add(KeyValidity))
			i := strings.Index(raw, `"digestPublicKeyFingerprint":"`) + len(`"digestPublicKeyFingerprint":"`)
			raw = raw[:i] + k.fingerprint + raw[i+32:]
			_ = e.bucket.Put(d[1], gzipBytes([]byte(raw)), map[string]string{"signature": sign(k.private, "x"), "signature-algorithm": SignatureAlgorithm})
		}, stderr: []string{"\tINVALID: public key not found in region us-east-1 for fingerprint "}, digestInvalid: 1, exit: 1},
		{name: "middle digest deleted", tamper: func(e *env, d, l []string) { e.bucket.Delete(d[2]) },
			stderr: []string{d2suffix, "\tINVALID: not found"}, digestInvalid: 1, exit: 1},
		{name: "two consecutive digests deleted (aws-cli#7054)", tamper: func(e *env, d, l []string) {
			e.bucket.Delete(d[2])
			e.bucket.Delete(d[3])
		}, stderr: []string{"\tINVALID: not found"}, digestInvalid: 1, exit: 1, strictExtra: 1},
		{name: "newest digest deleted", tamper: func(e *env, d, l []string) { e.bucket.Delete(d[5]) },
			digestInvalid: 0, exit: 0, strictExtra: 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e, arn := chainEnv(t)
			c.tamper(e, e.digestKeys(), e.logFileKeys())
			rep := e.validate(t, arn, false)
			if rep.DigestsInvalid != c.digestInvalid || rep.LogsInvalid != c.logInvalid || rep.ExitCode != c.exit {
				t.Fatalf("digests invalid %d, logs invalid %d, exit %d; want %d, %d, %d\n%s", rep.DigestsInvalid, rep.LogsInvalid,
					rep.ExitCode, c.digestInvalid, c.logInvalid, c.exit, rep.Output)
			}
			rest := rep.Stderr
			for _, s := range c.stderr {
				i := strings.Index(rest, s)
				if i < 0 {
					t.Fatalf("stderr lacks %q:\n%s", s, rep.Stderr)
				}
				rest = rest[i+len(s):]
			}
			strict := e.validate(t, arn, true)
			if strict.DigestsInvalid != c.digestInvalid+c.strictExtra || strict.ExitCode != 1 {
				t.Fatalf("strict: %d invalid digests (want %d), exit %d\n%s", strict.DigestsInvalid, c.digestInvalid+c.strictExtra, strict.ExitCode, strict.Output)
			}
		})
	}
}

// d2suffix is the key time of the third digest (D2) of chainEnv.
const d2suffix = "_20260101T030131Z.json.gz"

func (e *env) logFileKeys() []string {
	var out []string
	for _, o := range e.bucket.List("AWSLogs/123456789012/CloudTrail/") {
		out = append(out, o.Key)
	}
	return out
}

func gunzipBytes(b []byte) []byte {
	raw, _, err := gunzipOne(b)
	if err != nil {
		panic(err)
	}
	return raw
}

func TestDigestChainRestartAndStop(t *testing.T) {
	e := newEnv(t, WithSigningKey(testKey(t)))
	ctx := context.Background()
	tr := true
	e.logging(t, CreateTrailInput{Name: "audit", EnableLogFileValidation: &tr})
	_ = e.b.Advance(90 * time.Minute)
	must(e.s.StopLogging(ctx, &StopLoggingInput{Name: "audit"}))
	_ = e.b.Advance(3 * time.Hour)
	must(e.s.StartLogging(ctx, &StartLoggingInput{Name: "audit"}))
	_ = e.b.Advance(61 * time.Minute)
	keys := e.digestKeys()
	// 01:00 (start), 01:30 (final, at StopLogging), 05:30 (restart: a starting digest).
	if len(keys) != 3 || !strings.HasSuffix(keys[1], "_20260101T013000Z.json.gz") {
		t.Fatalf("digests %v", keys)
	}
	st := must(e.s.GetTrailStatus(ctx, &GetTrailStatusInput{Name: "audit"}))
	if st.LatestDigestDeliveryTime == nil || !st.LatestDigestDeliveryTime.Equal(e.s.epoch.Add(5*time.Hour+30*time.Minute)) {
		t.Fatalf("status %+v", st)
	}
	rep, err := e.s.ValidateLogs(ValidateLogsInput{TrailARN: "arn:aws:cloudtrail:us-east-1:123456789012:trail/audit", StartTime: e.s.epoch})
	if err != nil {
		t.Fatal(err)
	}
	if rep.ExitCode != 0 || rep.DigestsValid != 3 ||
		!strings.Contains(rep.Stderr, "No log files were delivered by CloudTrail between 2026-01-01T01:30:00Z and 2026-01-01T04:30:00Z") {
		t.Fatalf("%+v\n%s", rep, rep.Output)
	}
	// Deleting the bucket makes deliveries fail, as GetTrailStatus shows.
	e.b.Unregister(e.bucket.ARN())
	must(e.s.GetTrail(ctx, &GetTrailInput{Name: "audit"}))
	_ = e.b.Advance(5 * time.Minute)
	st = must(e.s.GetTrailStatus(ctx, &GetTrailStatusInput{Name: "audit"}))
	if st.LatestDeliveryError != "NoSuchBucket" || st.LatestDeliveryAttemptSucceeded != "false" {
		t.Fatalf("status after the bucket is gone: %+v", st)
	}
}
