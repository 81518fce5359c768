package logs_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"strconv"
	"testing"
	"time"

	"github.com/aws/smithy-go"
	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/logs"
)

var ctx = context.Background()

// tb is what the helpers need of a *testing.T or a *rapid.T.
type tb interface {
	Fatal(args ...any)
	Cleanup(func())
}

func ptr[T any](v T) *T { return &v }

// newService returns a Logs service on a fresh virtual bus.
func newService(t tb, opts ...logs.Option) (*logs.Service, *bus.Bus) {
	helper(t)
	b := bus.MustNew()
	s, err := logs.New(b, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return s, b
}

// mustGroup creates a group and a stream in it.
func mustGroup(t tb, s *logs.Service, group, stream string) {
	helper(t)
	if _, err := s.CreateLogGroup(ctx, &logs.CreateLogGroupInput{LogGroupName: group}); err != nil {
		t.Fatal(err)
	}
	if stream != "" {
		if _, err := s.CreateLogStream(ctx, &logs.CreateLogStreamInput{LogGroupName: group, LogStreamName: stream}); err != nil {
			t.Fatal(err)
		}
	}
}

// put uploads messages at the given epoch-ms timestamps.
func put(t tb, s *logs.Service, group, stream string, ts []int64, msgs ...string) *logs.PutLogEventsOutput {
	helper(t)
	in := &logs.PutLogEventsInput{LogGroupName: group, LogStreamName: stream}
	for i, m := range msgs {
		in.LogEvents = append(in.LogEvents, logs.InputLogEvent{Timestamp: ts[i], Message: m})
	}
	out, err := s.PutLogEvents(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func ms(t time.Time) int64 { return t.UnixMilli() }

// wantErr checks that err is the AWS error code with message (message "" = any).
func wantErr(t testing.TB, err error, code, message string) {
	t.Helper()
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v, want %s", err, code)
	}
	if apiErr.ErrorCode() != code || message != "" && apiErr.ErrorMessage() != message {
		t.Fatalf("err = %s: %q\nwant %s: %q", apiErr.ErrorCode(), apiErr.ErrorMessage(), code, message)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func gunzip(t testing.TB, b []byte) string {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func helper(t tb) {
	if h, ok := t.(interface{ Helper() }); ok {
		h.Helper()
	}
}
