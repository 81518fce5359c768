package logs

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/watchsim/watchsim/bus"
)

// What a subscription filter delivers ("Real-time processing of log data with subscriptions" in
// the CloudWatch Logs User Guide,
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Subscriptions.html): one JSON document
// per log stream and batch, gzip-compressed; Lambda functions receive it base64-encoded inside
// {"awslogs":{"data":…}}, Kinesis and Firehose streams receive the compressed bytes.

// deliveredEvent is one element of logEvents in a delivered document.
type deliveredEvent struct {
	ID        string `json:"id"`
	Timestamp int64  `json:"timestamp"`
	Message   string `json:"message"`
	// ExtractedFields carries the fields of a space-delimited pattern (names without '$').
	ExtractedFields map[string]string `json:"extractedFields,omitempty"`
}

// DeliveredMessage is the JSON document a subscription filter delivers (after gunzip and, for
// Lambda, base64 decoding). Tests decode deliveries into it.
type DeliveredMessage struct {
	// MessageType is DATA_MESSAGE, or CONTROL_MESSAGE for the health check sent when a Kinesis or
	// Firehose destination is subscribed.
	MessageType         string   `json:"messageType"`
	Owner               string   `json:"owner"`
	LogGroup            string   `json:"logGroup"`
	LogStream           string   `json:"logStream"`
	SubscriptionFilters []string `json:"subscriptionFilters"`
	LogEvents           []struct {
		ID              string            `json:"id"`
		Timestamp       int64             `json:"timestamp"`
		Message         string            `json:"message"`
		ExtractedFields map[string]string `json:"extractedFields,omitempty"`
	} `json:"logEvents"`
}

type document struct {
	MessageType         string           `json:"messageType"`
	Owner               string           `json:"owner"`
	LogGroup            string           `json:"logGroup"`
	LogStream           string           `json:"logStream"`
	SubscriptionFilters []string         `json:"subscriptionFilters"`
	LogEvents           []deliveredEvent `json:"logEvents"`
}

// DecodeDelivery decodes a payload a subscription filter delivered to a Lambda function (the
// {"awslogs":{"data":…}} event) or to a Kinesis or Firehose stream (gzip-compressed JSON).
func DecodeDelivery(body []byte) (*DeliveredMessage, error) {
	var lambda struct {
		Awslogs struct {
			Data string `json:"data"`
		} `json:"awslogs"`
	}
	if len(body) > 0 && body[0] == '{' {
		if err := json.Unmarshal(body, &lambda); err != nil {
			return nil, err
		}
		raw, err := base64.StdEncoding.DecodeString(lambda.Awslogs.Data)
		if err != nil {
			return nil, err
		}
		body = raw
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	var m DeliveredMessage
	if err := json.NewDecoder(zr).Decode(&m); err != nil {
		return nil, err
	}
	return &m, nil
}

func gzipJSON(v any) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, 6)
	_ = json.NewEncoder(zw).Encode(v)
	_ = zw.Close()
	return buf.Bytes()
}

// payloadFor wraps a compressed document for the destination kind.
func payloadFor(kind string, gz []byte, key string) bus.Payload {
	if kind == destLambda {
		body, _ := json.Marshal(map[string]map[string]string{"awslogs": {"data": base64.StdEncoding.EncodeToString(gz)}})
		return bus.Payload{Body: body}
	}
	return bus.Payload{Body: gz, Key: key}
}

// delivery is one batch on its way to a destination.
type delivery struct {
	group, filter string
	f             *subscriptionFilter
	kind, target  string
	events        int
	payload       bus.Payload
	first         int64 // time of the first attempt, epoch ms
	attempt       int
}

// Delivery retries: a retryable error (throttling, a failing target) is retried for up to 24
// hours; a non-retryable one (the target does not exist or refuses access) drops the batch and
// disables the filter for 10 minutes (Subscriptions page of the CloudWatch Logs User Guide).
const (
	retryWindow     = 24 * time.Hour
	disableDuration = 10 * time.Minute
	maxBatchBytes   = 1 << 20
)

func nonRetryable(err error) bool {
	switch bus.ErrorCode(err) {
	case "ResourceNotFoundException", "AccessDeniedException", "NotFound", "AWS.SimpleQueueService.NonExistentQueue", "NoSuchBucket", "InvalidParameterException":
		return true
	}
	return false
}

// scheduleFlush makes sure f's pending events go out after the batching delay (or when the filter
// is enabled again).
func (s *Service) scheduleFlush(ctx context.Context, group string, f *subscriptionFilter, now int64) {
	if f.flush != nil {
		return
	}
	at := now + s.opts.batchDelay.Milliseconds()
	if f.disabledUntil > at {
		at = f.disabledUntil
	}
	if at <= now {
		s.flushNow(ctx, group, f)
		return
	}
	f.flush = s.b.Schedule(time.UnixMilli(at), func(ctx context.Context) {
		var ds []*delivery
		s.b.Locked(func() {
			f.flush = nil
			ds = s.takeBatches(group, f)
		})
		for _, d := range ds {
			s.deliver(ctx, d)
		}
	})
}

// flushNow hands f's pending events to Defer: they are delivered when the current call returns.
func (s *Service) flushNow(ctx context.Context, group string, f *subscriptionFilter) {
	if f.flush != nil {
		f.flush.Stop()
		f.flush = nil
	}
	ds := s.takeBatches(group, f)
	bus.Defer(ctx, s.b, func(ctx context.Context) {
		for _, d := range ds {
			s.deliver(ctx, d)
		}
	})
}

// takeBatches turns f's pending events into deliveries: one document per log stream (streams in
// name order), split to stay under 1 MB of messages.
func (s *Service) takeBatches(group string, f *subscriptionFilter) []*delivery {
	if len(f.pending) == 0 {
		return nil
	}
	target, kind := f.dest, f.kind
	if a, err := bus.ParseARN(f.dest); err == nil && a.Service == "logs" {
		if d := s.destination[strings.TrimPrefix(a.Resource, "destination:")]; d != nil {
			target, kind = d.target, d.kind
		}
	}
	names := make([]string, 0, len(f.pending))
	for n := range f.pending {
		names = append(names, n)
	}
	slices.Sort(names)
	now := s.nowMillis()
	var out []*delivery
	for _, stream := range names {
		evs := f.pending[stream]
		for len(evs) > 0 {
			n, size := 0, 0
			for n < len(evs) && n < MaxEventsPerBatch && (n == 0 || size+len(evs[n].Message) <= maxBatchBytes) {
				size += len(evs[n].Message)
				n++
			}
			doc := document{MessageType: "DATA_MESSAGE", Owner: s.b.Account(), LogGroup: group, LogStream: stream,
				SubscriptionFilters: []string{f.name}, LogEvents: evs[:n]}
			key := stream
			if f.distribution == "Random" {
				key = s.b.HexID(16)
			}
			out = append(out, &delivery{group: group, filter: f.name, f: f, kind: kind, target: target, events: n,
				payload: payloadFor(kind, gzipJSON(doc), key), first: now})
			evs = evs[n:]
		}
	}
	clear(f.pending)
	return out
}

// deliver makes one delivery attempt (without any lock held) and records its outcome.
func (s *Service) deliver(ctx context.Context, d *delivery) {
	err := s.b.Deliver(ctx, d.target, d.payload)
	s.b.Locked(func() {
		now := s.nowMillis()
		if err == nil {
			s.usage.forwarded(s, d.group, d.kind, d.filter, int64(d.events), int64(len(d.payload.Body)))
			return
		}
		s.usage.deliveryError(s, d.group, d.kind, d.filter, int64(d.events))
		if nonRetryable(err) {
			d.f.disabledUntil = now + disableDuration.Milliseconds()
			return
		}
		if time.Duration(now-d.first)*time.Millisecond >= retryWindow {
			return
		}
		d.attempt++
		backoff := time.Second << min(d.attempt, 12) // 2 s … about an hour
		s.b.After(backoff, func(ctx context.Context) { s.deliver(ctx, d) })
	})
}

// sendControlMessage queues the health check CloudWatch Logs sends when a Kinesis or Firehose
// destination is subscribed.
func (s *Service) sendControlMessage(ctx context.Context, f *subscriptionFilter) {
	target, kind := f.dest, f.kind
	if a, err := bus.ParseARN(f.dest); err == nil && a.Service == "logs" {
		if d := s.destination[strings.TrimPrefix(a.Resource, "destination:")]; d != nil {
			target = d.target
		}
	}
	what := "Kinesis stream"
	if kind == destFirehose {
		what = "Firehose"
	}
	doc := document{MessageType: "CONTROL_MESSAGE", Owner: "CloudwatchLogs", SubscriptionFilters: []string{},
		LogEvents: []deliveredEvent{{Timestamp: s.nowMillis(), Message: "CWL CONTROL MESSAGE: Checking health of destination " + what + "."}}}
	p := payloadFor(kind, gzipJSON(doc), "CloudwatchLogs")
	bus.Defer(ctx, s.b, func(ctx context.Context) { _ = s.b.Deliver(ctx, target, p) })
}
