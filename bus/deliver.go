package bus

import (
	"context"
	"fmt"

	"github.com/watchsim/watchsim/internal/awserr"
)

// Payload is what one delivery carries to a sink: a message body and the few attributes some sinks
// use. Unused fields are ignored by sinks that have no such notion.
type Payload struct {
	// Body is the message: JSON for alarm notifications and events, raw bytes for log records.
	Body []byte
	// Subject is the SNS subject.
	Subject string
	// Attributes are SNS/SQS message attributes or S3 user metadata.
	Attributes map[string]string
	// Key is the S3 object key or the Kinesis partition key.
	Key string
	// GroupID and DedupID are the SQS FIFO MessageGroupId and MessageDeduplicationId.
	GroupID string
	DedupID string
}

// Sink receives deliveries for one ARN. Implementations must be safe for concurrent use; they run
// without any lock of the Bus held and may call back into the simulator.
type Sink interface {
	Deliver(ctx context.Context, p Payload) error
}

// SinkFunc adapts a function to [Sink].
type SinkFunc func(ctx context.Context, p Payload) error

// Deliver calls f.
func (f SinkFunc) Deliver(ctx context.Context, p Payload) error { return f(ctx, p) }

// Register makes s the sink for arn. Registering an ARN twice, a malformed ARN or a nil sink is an error.
func (b *Bus) Register(arn string, s Sink) error {
	if s == nil {
		return fmt.Errorf("bus: Register(%q): nil sink", arn)
	}
	if err := b.closedErr("Register"); err != nil {
		return err
	}
	if _, err := ParseARN(arn); err != nil {
		return err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, dup := b.sinks[arn]; dup {
		return fmt.Errorf("bus: Register(%q): a sink is already registered for this ARN", arn)
	}
	b.sinks[arn] = s
	return nil
}

// Unregister removes the sink for arn and reports whether there was one.
func (b *Bus) Unregister(arn string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	_, ok := b.sinks[arn]
	delete(b.sinks, arn)
	return ok
}

// SinkFor returns the sink registered for arn.
func (b *Bus) SinkFor(arn string) (Sink, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	s, ok := b.sinks[arn]
	return s, ok
}

// Deliver hands p to the sink registered for arn and returns its error. An ARN nobody registered
// fails with the error the target service would return for a missing resource (SNS NotFound, SQS
// AWS.SimpleQueueService.NonExistentQueue, Lambda/Kinesis/Firehose ResourceNotFoundException, S3
// NoSuchBucket, …), which is what retry and dead-letter logic sees.
//
// Call Deliver only from code that holds no lock of the Bus: scheduled work, handlers, [Defer]red
// work or user code — never from inside the fn of a [Call].
func (b *Bus) Deliver(ctx context.Context, arn string, p Payload) error {
	if ctx == nil {
		return misuse("Deliver", ErrNilContext)
	}
	if r, ok := RequestFrom(ctx); ok && r.locked {
		panic("bus: Deliver called from inside " + r.Operation.Name +
			" while it holds the state lock; use bus.Defer to deliver after it returns")
	}
	if err := b.closedErr("Deliver"); err != nil {
		return err
	}
	b.mu.Lock()
	s, ok := b.sinks[arn]
	b.mu.Unlock()
	if !ok {
		// Registered ARNs were checked by Register: only a miss needs parsing.
		a, err := ParseARN(arn)
		if err != nil {
			err = ClientError("InvalidParameterValue", err.Error())
		} else {
			err = missingTarget(a)
		}
		b.delivered(ctx, arn, p.Key, err)
		return err
	}
	ctx, t, owned := b.enter(ctx, false)
	if owned {
		defer t.abandon() // a panicking sink must not leave the turn open
	}
	err := s.Deliver(ctx, p)
	b.delivered(ctx, arn, p.Key, err)
	if owned {
		t.drain(ctx)
	}
	return err
}

// delivered publishes the record of a delivery on [Deliveries] when someone subscribes.
func (b *Bus) delivered(ctx context.Context, arn, key string, err error) {
	if !HasSubscribers(b, Deliveries()) {
		return
	}
	d := Delivery{Time: b.Now(), ARN: arn, Key: key}
	if err != nil {
		d.ErrorCode = ErrorCode(err)
	}
	Publish(ctx, b, Deliveries(), d)
}

// missingTarget is the error each service returns for a resource that does not exist.
func missingTarget(a ARN) error {
	name := a.Resource
	switch a.Service {
	case "sns":
		return ClientError("NotFound", "Topic does not exist").WithStatus(awserr.StatusNotFound)
	case "sqs":
		return ClientError("AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist.")
	case "lambda":
		return ClientError("ResourceNotFoundException", "Function not found: "+a.String()).WithStatus(awserr.StatusNotFound)
	case "kinesis":
		return ClientErrorf("ResourceNotFoundException", "Stream %s under account %s not found.", trimPrefix(name, "stream/"), a.AccountID)
	case "firehose":
		return ClientErrorf("ResourceNotFoundException", "Firehose %s under account %s not found.", trimPrefix(name, "deliverystream/"), a.AccountID)
	case "s3":
		return ClientError("NoSuchBucket", "The specified bucket does not exist").WithStatus(awserr.StatusNotFound)
	case "logs":
		return ClientError("ResourceNotFoundException", "The specified log group does not exist.")
	case "events":
		return ClientErrorf("ResourceNotFoundException", "Event bus %s does not exist.", trimPrefix(name, "event-bus/"))
	}
	return ClientErrorf("ResourceNotFoundException", "No resource is registered for %s", a.String())
}

func trimPrefix(s, p string) string {
	if len(s) >= len(p) && s[:len(p)] == p {
		return s[len(p):]
	}
	return s
}
