package bus

import (
	"context"
	"errors"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/watchsim/watchsim/internal/awserr"
)

// LambdaFunction is a fake AWS Lambda function: a Go func invoked with each payload delivered to its
// ARN. The func's error is a failed invocation, which the deliverer sees. Every invocation is recorded.
type LambdaFunction struct {
	b    *Bus
	name string
	arn  string
	fn   func(ctx context.Context, payload []byte) error

	mu          sync.Mutex
	invocations []Invocation
	run         lambdaRun     // declared duration, reserved concurrency, in-flight invocations
	met         lambdaMetrics // AWS/Lambda metrics (lambda_metrics.go)
}

// Invocation records one call of a [LambdaFunction].
type Invocation struct {
	Time    time.Time
	Payload []byte
	Err     error
}

// NewLambdaFunction registers fn as the function name at arn:partition:lambda:region:account:function:name.
// fn runs without any lock of the Bus held and may call back into the simulator.
func NewLambdaFunction(b *Bus, name string, fn func(ctx context.Context, payload []byte) error) (*LambdaFunction, error) {
	if !validLambdaName(name) {
		return nil, awserr.Validation("ValidationException", name, "functionName",
			"Member must satisfy regular expression pattern: [a-zA-Z0-9-_]+")
	}
	if fn == nil {
		return nil, errors.New("bus: NewLambdaFunction: nil func: pass the function's handler")
	}
	f := &LambdaFunction{b: b, name: name, arn: b.ARN("lambda", "function:"+name), fn: fn}
	if err := b.Register(f.arn, f); err != nil {
		return nil, err
	}
	f.run.reserved = -1
	f.met.init(f)
	return f, nil
}

// ARN returns the function ARN.
func (f *LambdaFunction) ARN() string { return f.arn }

// Deliver invokes the function with p.Body (the Sink method). With a reserved concurrency set
// ([LambdaFunction.SetReservedConcurrency]), an invocation that would exceed it is throttled: the
// func does not run and Deliver returns TooManyRequestsException.
func (f *LambdaFunction) Deliver(ctx context.Context, p Payload) error {
	if err := f.b.closedErr("LambdaFunction.Deliver"); err != nil {
		return err
	}
	now := f.b.Now()
	if err := f.admit(now); err != nil {
		return err
	}
	body := append([]byte(nil), p.Body...)
	rep := &durationReport{}
	err := f.fn(context.WithValue(ctx, durationKey{}, rep), body)
	f.mu.Lock()
	f.invocations = append(f.invocations, Invocation{Time: f.b.Now(), Payload: body, Err: err})
	f.mu.Unlock()
	f.finish(now, rep, err)
	return err
}

// Invocations returns every invocation, oldest first.
func (f *LambdaFunction) Invocations() []Invocation {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]Invocation(nil), f.invocations...)
}

// StreamRecord is one record in a fake Kinesis or Firehose stream.
type StreamRecord struct {
	Data           []byte
	PartitionKey   string
	SequenceNumber string
	ArrivalTime    time.Time
}

// Stream is a fake Amazon Kinesis data stream or Amazon Data Firehose delivery stream: it keeps every
// record delivered to its ARN.
type Stream struct {
	b       *Bus
	arn     string
	name    string
	service string // "kinesis" or "firehose"
	met     streamMetrics

	mu      sync.Mutex
	records []StreamRecord
}

// NewKinesisStream registers the Kinesis stream name at arn:partition:kinesis:region:account:stream/name.
func NewKinesisStream(b *Bus, name string) (*Stream, error) {
	return newStream(b, name, "kinesis", "stream/")
}

// NewFirehoseStream registers the Firehose stream name at
// arn:partition:firehose:region:account:deliverystream/name.
func NewFirehoseStream(b *Bus, name string) (*Stream, error) {
	return newStream(b, name, "firehose", "deliverystream/")
}

func newStream(b *Bus, name, service, prefix string) (*Stream, error) {
	if !validStreamName(name) {
		return nil, awserr.Validation("ValidationException", name, "streamName",
			"Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")
	}
	s := &Stream{b: b, arn: b.ARN(service, prefix+name), name: name, service: service}
	if err := b.Register(s.arn, s); err != nil {
		return nil, err
	}
	s.met.init(s)
	return s, nil
}

// ARN returns the stream ARN.
func (s *Stream) ARN() string { return s.arn }

// Deliver appends a record (the Sink method). p.Key is the partition key; without one, a random key is used.
func (s *Stream) Deliver(_ context.Context, p Payload) error {
	if err := s.b.closedErr("Stream.Deliver"); err != nil {
		return err
	}
	if len(p.Body) > 1024*1024 {
		return ClientError("ValidationException", "Record size exceeds the maximum of 1 MiB")
	}
	key := p.Key
	if key == "" {
		key = s.b.UUID()
	}
	now := s.b.Now()
	s.mu.Lock()
	seq := strconv.FormatUint(uint64(len(s.records))+1, 10)
	s.records = append(s.records, StreamRecord{Data: append([]byte(nil), p.Body...), PartitionKey: key,
		SequenceNumber: strings.Repeat("0", 56-len(seq)) + seq, ArrivalTime: now})
	s.mu.Unlock()
	s.met.put(now, len(p.Body))
	return nil
}

// Records returns every record, oldest first.
func (s *Stream) Records() []StreamRecord {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]StreamRecord(nil), s.records...)
}

// S3Object is an object in a fake S3 bucket.
type S3Object struct {
	Key          string
	Body         []byte
	Metadata     map[string]string
	LastModified time.Time
	ETag         string
}

// S3Bucket is a fake Amazon S3 bucket: an object store with user metadata. Deliveries to its ARN put
// an object under p.Key.
type S3Bucket struct {
	b    *Bus
	name string
	arn  string

	mu      sync.Mutex
	objects map[string]S3Object
	bytes   int64     // total size of the objects, for BucketSizeBytes
	met     s3Metrics // AWS/S3 metrics (s3_metrics.go)
}

// NewS3Bucket registers the bucket name (3–63 lowercase letters, digits, dots and hyphens) at
// arn:partition:s3:::name.
func NewS3Bucket(b *Bus, name string) (*S3Bucket, error) {
	if !validBucketName(name) || strings.Contains(name, "..") {
		return nil, ClientError("InvalidBucketName", "The specified bucket is not valid.")
	}
	s := &S3Bucket{b: b, name: name, arn: b.ARN("s3", name), objects: map[string]S3Object{}}
	if err := b.Register(s.arn, s); err != nil {
		return nil, ClientError("BucketAlreadyOwnedByYou",
			"Your previous request to create the named bucket succeeded and you already own it.").WithStatus(409)
	}
	s.met.init(s)
	return s, nil
}

// ARN returns the bucket ARN.
func (s *S3Bucket) ARN() string { return s.arn }

// Name returns the bucket name.
func (s *S3Bucket) Name() string { return s.name }

// Deliver puts p.Body under p.Key with p.Attributes as user metadata (the Sink method).
func (s *S3Bucket) Deliver(_ context.Context, p Payload) error {
	return s.Put(p.Key, p.Body, p.Attributes)
}

// Put stores an object, replacing any object with the same key.
func (s *S3Bucket) Put(key string, body []byte, metadata map[string]string) error {
	if err := s.b.closedErr("S3Bucket.Put"); err != nil {
		return err
	}
	if key == "" || len(key) > 1024 {
		s.met.request(s, s3Put, key, 0, true)
		return ClientError("KeyTooLongError", "Your key is too long")
	}
	md := make(map[string]string, len(metadata))
	for k, v := range metadata {
		md[strings.ToLower(k)] = v
	}
	o := S3Object{Key: key, Body: append([]byte(nil), body...), Metadata: md, LastModified: s.b.Now(),
		ETag: `"` + md5hex(body) + `"`}
	s.mu.Lock()
	s.bytes += int64(len(o.Body)) - int64(len(s.objects[key].Body))
	s.objects[key] = o
	s.mu.Unlock()
	s.met.changed()
	s.met.request(s, s3Put, key, len(body), false)
	return nil
}

// Get returns the object stored under key.
func (s *S3Bucket) Get(key string) (S3Object, error) {
	s.mu.Lock()
	o, ok := s.objects[key]
	s.mu.Unlock()
	if !ok {
		s.met.request(s, s3Get, key, 0, true)
		return S3Object{}, ClientError("NoSuchKey", "The specified key does not exist.").WithStatus(404)
	}
	s.met.request(s, s3Get, key, len(o.Body), false)
	return o, nil
}

// Delete removes the object under key; deleting a missing key succeeds, as in S3.
func (s *S3Bucket) Delete(key string) {
	s.mu.Lock()
	s.bytes -= int64(len(s.objects[key].Body))
	delete(s.objects, key)
	s.mu.Unlock()
	s.met.changed()
	s.met.request(s, s3Delete, key, 0, false)
}

// List returns the objects whose keys start with prefix, in key order.
func (s *S3Bucket) List(prefix string) []S3Object {
	s.mu.Lock()
	var out []S3Object
	for k, o := range s.objects {
		if strings.HasPrefix(k, prefix) {
			out = append(out, o)
		}
	}
	s.mu.Unlock()
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	s.met.request(s, s3List, prefix, 0, false)
	return out
}
