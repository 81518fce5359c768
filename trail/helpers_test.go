package trail

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/watchsim/watchsim/bus"
)

// env is a bus with the CloudTrail service and a bucket named "trail-bucket".
type env struct {
	b      *bus.Bus
	s      *Service
	bucket *bus.S3Bucket
}

func newEnv(t testing.TB, opts ...Option) *env {
	t.Helper()
	b := bus.MustNew()
	t.Cleanup(func() { b.Close() })
	s, err := New(b, opts...)
	if err != nil {
		t.Fatal(err)
	}
	bk, err := bus.NewS3Bucket(b, "trail-bucket")
	if err != nil {
		t.Fatal(err)
	}
	return &env{b: b, s: s, bucket: bk}
}

// must returns v, and panics (failing the test) on an error.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// logging creates trail name on the env's bucket and starts it.
func (e *env) logging(t testing.TB, in CreateTrailInput) {
	t.Helper()
	if in.S3BucketName == "" {
		in.S3BucketName = e.bucket.Name()
	}
	ctx := context.Background()
	must(e.s.CreateTrail(ctx, &in))
	must(e.s.StartLogging(ctx, &StartLoggingInput{Name: in.Name}))
}

func gunzip(t testing.TB, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// logRecords returns every record of every log file in the bucket, in key order.
func (e *env) logRecords(t testing.TB) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, o := range e.bucket.List("") {
		if !strings.Contains(o.Key, "/CloudTrail/") {
			continue
		}
		var f struct {
			Records []map[string]any `json:"Records"`
		}
		if err := json.Unmarshal(gunzip(t, o.Body), &f); err != nil {
			t.Fatal(err)
		}
		out = append(out, f.Records...)
	}
	return out
}

func names(recs []map[string]any) []string {
	var out []string
	for _, r := range recs {
		out = append(out, r["eventName"].(string))
	}
	return out
}

// gzipBytes compresses b, for tests that tamper with a trail's bucket.
func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, _ = zw.Write(b)
	_ = zw.Close()
	return buf.Bytes()
}
