package bus

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"
)

// SNSTopic is a fake Amazon SNS topic registered on a Bus. Every message delivered to its ARN is kept
// (list them with Messages) and fanned out to its subscriptions. As in SNS, a failed delivery to a
// subscriber does not fail the publish: it is recorded in Failures.
type SNSTopic struct {
	b    *Bus
	name string
	arn  string

	mu       sync.Mutex
	subs     []SNSSubscription
	msgs     []SNSMessage
	failures []DeliveryFailure
	met      snsMetrics // AWS/SNS metrics (sns_metrics.go)
}

// SNSSubscription is one subscription of an [SNSTopic].
type SNSSubscription struct {
	SubscriptionArn string
	// Endpoint is the ARN of the subscribed SQS queue, Lambda function, Firehose stream, … .
	Endpoint string
	// Protocol is "sqs", "lambda", "firehose", … (the endpoint ARN's service).
	Protocol string
	// RawMessageDelivery sends the bare message instead of the SNS JSON envelope (SQS and Firehose).
	RawMessageDelivery bool
}

// SNSMessage is one message published to an [SNSTopic].
type SNSMessage struct {
	MessageID  string
	Subject    string
	Message    string
	Attributes map[string]string
	Timestamp  time.Time
}

// DeliveryFailure records a delivery that a fake could not make to one of its targets.
type DeliveryFailure struct {
	Time     time.Time
	Endpoint string
	Err      error
}

// NewSNSTopic creates the topic name (1–256 letters, digits, hyphens and underscores, optional .fifo)
// and registers it at arn:partition:sns:region:account:name.
func NewSNSTopic(b *Bus, name string) (*SNSTopic, error) {
	if !validSNSName(name) {
		return nil, ClientError("InvalidParameter", "Invalid parameter: Topic Name")
	}
	t := &SNSTopic{b: b, name: name, arn: b.ARN("sns", name)}
	if err := b.Register(t.arn, t); err != nil {
		return nil, err
	}
	t.met.init(t)
	return t, nil
}

// ARN returns the topic ARN.
func (t *SNSTopic) ARN() string { return t.arn }

// Subscribe subscribes the resource at endpointARN and returns the subscription ARN.
func (t *SNSTopic) Subscribe(endpointARN string, raw bool) (string, error) {
	a, err := ParseARN(endpointARN)
	if err != nil {
		return "", ClientError("InvalidParameter", "Invalid parameter: Endpoint")
	}
	s := SNSSubscription{SubscriptionArn: t.arn + ":" + t.b.UUID(), Endpoint: endpointARN, Protocol: a.Service,
		RawMessageDelivery: raw}
	t.mu.Lock()
	t.subs = append(t.subs, s)
	t.mu.Unlock()
	return s.SubscriptionArn, nil
}

// Subscriptions returns the topic's subscriptions.
func (t *SNSTopic) Subscriptions() []SNSSubscription {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]SNSSubscription(nil), t.subs...)
}

// Messages returns every message published to the topic, oldest first.
func (t *SNSTopic) Messages() []SNSMessage {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]SNSMessage(nil), t.msgs...)
}

// Failures returns the deliveries to subscribers that failed.
func (t *SNSTopic) Failures() []DeliveryFailure {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]DeliveryFailure(nil), t.failures...)
}

// Deliver publishes p to the topic (the Sink method).
func (t *SNSTopic) Deliver(ctx context.Context, p Payload) error {
	_, err := t.Publish(ctx, p)
	return err
}

// Publish publishes p (Body is the message, Subject the subject) and fans it out to the subscribers.
// It returns the message id.
func (t *SNSTopic) Publish(ctx context.Context, p Payload) (string, error) {
	if err := t.b.closedErr("SNSTopic.Publish"); err != nil {
		return "", err
	}
	if len(p.Body) == 0 {
		return "", ClientError("InvalidParameter", "Invalid parameter: Empty message")
	}
	if len(p.Body) > 256*1024 {
		return "", ClientError("InvalidParameter", "Invalid parameter: Message too long")
	}
	m := SNSMessage{MessageID: t.b.UUID(), Subject: p.Subject, Message: string(p.Body), Attributes: p.Attributes,
		Timestamp: t.b.Now()}
	t.mu.Lock()
	t.msgs = append(t.msgs, m)
	subs := append([]SNSSubscription(nil), t.subs...)
	t.mu.Unlock()
	on := t.met.published.m.on()
	if on {
		t.met.published.observeAt(m.Timestamp, 1)
		t.met.size.observeAt(m.Timestamp, float64(len(p.Body)))
	}
	for _, s := range subs {
		body := []byte(m.Message)
		if !s.RawMessageDelivery || s.Protocol == "lambda" {
			body = t.envelope(m, s)
		}
		if err := t.b.Deliver(ctx, s.Endpoint, Payload{Body: body, Subject: p.Subject, Attributes: p.Attributes,
			GroupID: p.GroupID, DedupID: p.DedupID}); err != nil {
			t.mu.Lock()
			t.failures = append(t.failures, DeliveryFailure{Time: t.b.Now(), Endpoint: s.Endpoint, Err: err})
			t.mu.Unlock()
			if on {
				t.met.failed.Observe(1)
			}
		} else if on {
			t.met.delivered.Observe(1)
		}
	}
	return m.MessageID, nil
}

// envelope is the JSON SNS wraps a message in: the notification document for SQS/HTTP/Firehose
// subscribers, and the event record for Lambda.
func (t *SNSTopic) envelope(m SNSMessage, s SNSSubscription) []byte {
	type attr struct {
		Type  string `json:"Type"`
		Value string `json:"Value"`
	}
	attrs := map[string]attr{}
	for k, v := range m.Attributes {
		attrs[k] = attr{Type: "String", Value: v}
	}
	ts := m.Timestamp.UTC().Format("2006-01-02T15:04:05.000Z")
	unsub := fmt.Sprintf("https://sns.%s.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=%s", t.b.region, s.SubscriptionArn)
	cert := fmt.Sprintf("https://sns.%s.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem", t.b.region)
	var subject any
	if m.Subject != "" {
		subject = m.Subject
	}
	if s.Protocol == "lambda" {
		rec := map[string]any{"Records": []any{map[string]any{
			"EventSource": "aws:sns", "EventVersion": "1.0", "EventSubscriptionArn": s.SubscriptionArn,
			"Sns": map[string]any{"Type": "Notification", "MessageId": m.MessageID, "TopicArn": t.arn,
				"Subject": subject, "Message": m.Message, "Timestamp": ts, "SignatureVersion": "1",
				"Signature": "EXAMPLE", "SigningCertUrl": cert, "UnsubscribeUrl": unsub, "MessageAttributes": attrs},
		}}}
		out, _ := json.Marshal(rec)
		return out
	}
	doc := map[string]any{"Type": "Notification", "MessageId": m.MessageID, "TopicArn": t.arn, "Message": m.Message,
		"Timestamp": ts, "SignatureVersion": "1", "Signature": "EXAMPLE", "SigningCertURL": cert, "UnsubscribeURL": unsub}
	if m.Subject != "" {
		doc["Subject"] = m.Subject
	}
	if len(attrs) > 0 {
		doc["MessageAttributes"] = attrs
	}
	out, _ := json.Marshal(doc)
	return out
}
