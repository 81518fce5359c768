package bus

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"
)

var (
	topicA = Topic[string]{Name: "test.a"}
	topicB = Topic[int]{Name: "test.b"}
)

// TestRunToCompletion checks that a message published inside a handler is delivered after that
// handler returns, after messages published before it, and before the outermost call returns.
func TestRunToCompletion(t *testing.T) {
	b := MustNew()
	var got []string
	Subscribe(b, topicA, func(ctx context.Context, m string) {
		got = append(got, "h1 start "+m)
		if m == "first" {
			Publish(ctx, b, topicA, "nested")
			Publish(ctx, b, topicB, 7)
		}
		got = append(got, "h1 end "+m)
	})
	Subscribe(b, topicA, func(ctx context.Context, m string) { got = append(got, "h2 "+m) })
	Subscribe(b, topicB, func(ctx context.Context, n int) { got = append(got, "b") })
	_, err := Call(context.Background(), b, Operation{Name: "Op"}, nil, func(ctx context.Context, _ *noIn) (*noOut, error) {
		Publish(ctx, b, topicA, "first")
		Publish(ctx, b, topicA, "second")
		got = append(got, "call end")
		return nil, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"call end",
		"h1 start first", "h1 end first", "h2 first",
		"h1 start second", "h1 end second", "h2 second",
		"h1 start nested", "h1 end nested", "h2 nested", "b"}
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("delivery order (-want +got):\n%s", d)
	}
}

func TestPublishOutsideBusDeliversAtOnce(t *testing.T) {
	b := MustNew()
	n := 0
	un := Subscribe(b, topicB, func(ctx context.Context, v int) { n += v })
	Publish(context.Background(), b, topicB, 2)
	if n != 2 {
		t.Fatalf("n = %d after Publish, want 2", n)
	}
	un()
	un()
	Publish(context.Background(), b, topicB, 2)
	if n != 2 {
		t.Fatal("unsubscribed handler still called")
	}
	if HasSubscribers(b, topicB) {
		t.Fatal("HasSubscribers after unsubscribe")
	}
}

func TestCallRecordsAPICall(t *testing.T) {
	b := MustNew()
	var recs []APICall
	Subscribe(b, APICalls(), func(_ context.Context, c APICall) { recs = append(recs, c) })
	type in struct{ Name string }
	ctx := WithIdentity(context.Background(), Identity{UserAgent: "my-tests/1.0", SourceIP: "203.0.113.9"})
	op := Operation{Source: "monitoring.amazonaws.com", Name: "DescribeAlarms", ReadOnly: true}
	out := "out"
	if _, err := Call(ctx, b, op, &in{"x"}, func(ctx context.Context, _ *in) (*string, error) {
		r, ok := RequestFrom(ctx)
		if !ok || r.ID == "" || !r.Time.Equal(b.Now()) {
			t.Errorf("RequestFrom = %+v, %v", r, ok)
		}
		return &out, nil
	}); err != nil {
		t.Fatal(err)
	}
	_, err := Call(ctx, b, Operation{Source: "monitoring.amazonaws.com", Name: "PutMetricAlarm"}, &in{"y"},
		func(ctx context.Context, _ *in) (*string, error) {
			return nil, ClientError("ValidationError", "bad alarm")
		})
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) || apiErr.ErrorCode() != "ValidationError" || apiErr.ErrorFault() != smithy.FaultClient {
		t.Fatalf("error %v is not a client smithy.APIError with code ValidationError", err)
	}
	if len(recs) != 2 {
		t.Fatalf("%d API-call records, want 2", len(recs))
	}
	r := recs[0]
	if r.EventName != "DescribeAlarms" || !r.ReadOnly || r.ResponseElements.(*string) != &out || *r.RequestParameters.(*in) != (in{"x"}) ||
		r.Identity.UserAgent != "my-tests/1.0" || r.Identity.SourceIP != "203.0.113.9" ||
		r.Identity.ARN != "arn:aws:iam::123456789012:user/watchsim" || r.AWSRegion != "us-east-1" || r.RequestID == "" {
		t.Fatalf("record = %+v", r)
	}
	if e := recs[1]; e.ErrorCode != "ValidationError" || e.ErrorMessage != "bad alarm" || e.ResponseElements != nil {
		t.Fatalf("error record = %+v", e)
	}
}

func TestCallInsideCallPanics(t *testing.T) {
	b := MustNew()
	defer func() {
		r := recover()
		if r == nil || !strings.Contains(r.(string), "holds the state lock") {
			t.Fatalf("recover() = %v, want the state-lock explanation", r)
		}
	}()
	Call(context.Background(), b, Operation{Name: "Outer"}, nil, func(ctx context.Context, _ *noIn) (*noOut, error) {
		return Call(ctx, b, Operation{Name: "Inner"}, nil, func(ctx context.Context, _ *noIn) (*noOut, error) { return nil, nil })
	})
}

// TestCallbacksMayReenter checks that a Lambda function invoked from deferred work of a call may call
// the simulator again, and that everything finishes before the outermost call returns.
func TestCallbacksMayReenter(t *testing.T) {
	b := MustNew()
	var order []string
	op := func(name string) Operation { return Operation{Name: name} }
	fn, err := NewLambdaFunction(b, "reenter", func(ctx context.Context, p []byte) error {
		order = append(order, "lambda "+string(p))
		_, err := Call(ctx, b, op("FromLambda"), nil, func(ctx context.Context, _ *noIn) (*noOut, error) {
			order = append(order, "inner call")
			Publish(ctx, b, topicA, "from inner")
			return nil, nil
		})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	Subscribe(b, topicA, func(ctx context.Context, m string) { order = append(order, "handler "+m) })
	_, err = Call(context.Background(), b, op("Outer"), nil, func(ctx context.Context, _ *noIn) (*noOut, error) {
		Defer(ctx, b, func(ctx context.Context) {
			if err := b.Deliver(ctx, fn.ARN(), Payload{Body: []byte("hi")}); err != nil {
				t.Error(err)
			}
		})
		order = append(order, "outer")
		return nil, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"outer", "lambda hi", "inner call", "handler from inner"}
	if d := cmp.Diff(want, order); d != "" {
		t.Fatalf("(-want +got):\n%s", d)
	}
	if inv := fn.Invocations(); len(inv) != 1 || inv[0].Err != nil {
		t.Fatalf("invocations = %+v", inv)
	}
}

func TestDeliverInsideCallPanics(t *testing.T) {
	b := MustNew()
	q, _ := NewSQSQueue(b, "q")
	defer func() {
		if recover() == nil {
			t.Fatal("Deliver under the state lock did not panic")
		}
	}()
	Call(context.Background(), b, Operation{Name: "Op"}, nil, func(ctx context.Context, _ *noIn) (*noOut, error) {
		return nil, b.Deliver(ctx, q.ARN(), Payload{Body: []byte("x")})
	})
}

func TestScheduledWorkPublishes(t *testing.T) {
	b := MustNew()
	var at []time.Duration
	start := b.Now()
	Subscribe(b, topicB, func(ctx context.Context, n int) {
		at = append(at, b.Now().Sub(start))
		if n < 3 {
			b.Schedule(b.Now().Add(time.Minute), func(ctx context.Context) { Publish(ctx, b, topicB, n+1) })
		}
	})
	b.Schedule(start.Add(time.Minute), func(ctx context.Context) { Publish(ctx, b, topicB, 1) })
	if err := b.Advance(10 * time.Minute); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]time.Duration{time.Minute, 2 * time.Minute, 3 * time.Minute}, at); d != "" {
		t.Fatalf("cascade (-want +got):\n%s", d)
	}
}

// noIn and noOut are the input and output shapes of test operations that need none.
type (
	noIn  struct{}
	noOut struct{}
)
