package awsapi

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/watchsim/watchsim/bus"
)

// The SQS and SNS fakes of package bus, over the wire, so code under test can read its alarm
// notifications with a real client: SQS over AWS JSON 1.0 (X-Amz-Target: AmazonSQS.<Op>, the
// protocol of current SDKs, query-compatible errors) and SNS over the query protocol. These are not
// simulated services (they have no API-call records); they are the bus's sinks made reachable.

const (
	sqsTarget  = "AmazonSQS"
	snsVersion = "2010-03-31"
	snsXMLNS   = "http://sns.amazonaws.com/doc/2010-03-31/"
)

// fakes remembers the queues, topics and buckets created over the wire, for the List operations
// (package bus has no listing of sinks).
type fakes struct {
	mu      sync.Mutex
	topics  []string // ARNs, in creation order
	buckets []string // names, in creation order
	created []time.Time
}

func newFakes() *fakes { return &fakes{} }

func (h *Handler) serveFake(ctx context.Context, x *exchange) {
	switch x.isFake {
	case "sqs":
		h.serveSQS(ctx, x)
	case "sns":
		h.serveSNS(ctx, x)
	default:
		h.serveS3(ctx, x)
	}
}

// sqsErrorShape names SQS's error shapes by their query codes (the SQS Smithy model).
func sqsErrorShape(_, code string) string {
	switch code {
	case "AWS.SimpleQueueService.NonExistentQueue":
		return "QueueDoesNotExist"
	case "QueueAlreadyExists":
		return "QueueNameExists"
	case "ReceiptHandleIsInvalid":
		return "ReceiptHandleIsInvalid"
	}
	return code
}

type sqsMessage struct {
	MessageID         string            `json:"MessageId"`
	ReceiptHandle     string            `json:"ReceiptHandle"`
	MD5OfBody         string            `json:"MD5OfBody"`
	Body              string            `json:"Body"`
	Attributes        map[string]string `json:"Attributes,omitempty"`
	MessageAttributes map[string]any    `json:"MessageAttributes,omitempty"`
}

func (h *Handler) serveSQS(ctx context.Context, x *exchange) {
	x.errShape = sqsErrorShape
	var in struct {
		QueueName              string
		QueueURL               string `json:"QueueUrl"`
		MessageBody            string
		MessageGroupID         string `json:"MessageGroupId"`
		MessageDeduplicationID string `json:"MessageDeduplicationId"`
		MaxNumberOfMessages    *int
		ReceiptHandle          string
		Attributes             map[string]string
		DelaySeconds           *int
		VisibilityTimeout      *int
	}
	if len(strings.TrimSpace(string(x.body))) > 0 {
		if err := json.Unmarshal(x.body, &in); err != nil {
			h.writeError(x, serialization("the request body is not valid JSON for "+x.op+": "+err.Error()))
			return
		}
	}
	b := x.st.sim.Bus
	queue := func(nameOrURL string) (*bus.SQSQueue, error) {
		name := nameOrURL
		if i := strings.LastIndexByte(name, '/'); i >= 0 {
			name = name[i+1:]
		}
		if name == "" {
			return nil, bus.ClientError("MissingParameter", "The request must contain the parameter QueueUrl.")
		}
		s, ok := b.SinkFor(b.ARN("sqs", name))
		q, isQ := s.(*bus.SQSQueue)
		if !ok || !isQ {
			return nil, bus.ClientError("AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist.")
		}
		return q, nil
	}
	url := func(q *bus.SQSQueue) string {
		host := x.r.Host
		scheme := "http"
		if x.r.TLS != nil {
			scheme = "https"
		}
		name := q.ARN()[strings.LastIndexByte(q.ARN(), ':')+1:]
		return scheme + "://" + host + "/" + b.Account() + "/" + name
	}
	var out any
	var err error
	switch x.op {
	case "CreateQueue":
		if in.QueueName == "" {
			err = bus.ClientError("MissingParameter", "The request must contain the parameter QueueName.")
			break
		}
		q, qerr := queue(in.QueueName)
		if qerr != nil {
			q, err = bus.NewSQSQueue(b, in.QueueName)
			if err != nil {
				break
			}
		}
		if v, ok := in.Attributes["VisibilityTimeout"]; ok {
			n, perr := strconv.Atoi(v)
			if perr != nil {
				err = bus.ClientError("InvalidAttributeValue", "Invalid value for the parameter VisibilityTimeout.")
				break
			}
			if err = q.SetVisibilityTimeout(secondsDuration(n)); err != nil {
				break
			}
		}
		if v, ok := in.Attributes["ContentBasedDeduplication"]; ok {
			if err = q.SetContentBasedDeduplication(v == "true"); err != nil {
				break
			}
		}
		out = map[string]string{"QueueUrl": url(q)}
	case "GetQueueUrl":
		var q *bus.SQSQueue
		if q, err = queue(in.QueueName); err == nil {
			out = map[string]string{"QueueUrl": url(q)}
		}
	case "SendMessage":
		var q *bus.SQSQueue
		if q, err = queue(in.QueueURL); err != nil {
			break
		}
		if in.DelaySeconds != nil && *in.DelaySeconds != 0 {
			err = bus.NotSimulated("sqs", "SendMessage DelaySeconds")
			break
		}
		var id string
		if id, err = q.Send(ctx, bus.Payload{Body: []byte(in.MessageBody), GroupID: in.MessageGroupID, DedupID: in.MessageDeduplicationID}); err == nil {
			out = map[string]string{"MessageId": id, "MD5OfMessageBody": md5Hex(in.MessageBody)}
		}
	case "ReceiveMessage":
		var q *bus.SQSQueue
		if q, err = queue(in.QueueURL); err != nil {
			break
		}
		if in.VisibilityTimeout != nil {
			err = bus.NotSimulated("sqs", "ReceiveMessage VisibilityTimeout (set it on the queue)")
			break
		}
		n := 1
		if in.MaxNumberOfMessages != nil {
			n = *in.MaxNumberOfMessages
		}
		var msgs []bus.SQSMessage
		if msgs, err = q.Receive(n); err == nil {
			// WaitTimeSeconds (long polling) returns at once: simulation time does not pass while
			// a request waits, so nothing could arrive.
			list := make([]sqsMessage, 0, len(msgs))
			for _, m := range msgs {
				attrs := map[string]string{"SentTimestamp": strconv.FormatInt(m.SentTimestamp.UnixMilli(), 10),
					"ApproximateReceiveCount": strconv.Itoa(m.ReceiveCount)}
				if m.GroupID != "" {
					attrs["MessageGroupId"], attrs["SequenceNumber"] = m.GroupID, m.SequenceNumber
				}
				list = append(list, sqsMessage{MessageID: m.MessageID, ReceiptHandle: m.ReceiptHandle, MD5OfBody: m.MD5OfBody,
					Body: m.Body, Attributes: attrs})
			}
			out = map[string]any{"Messages": list}
		}
	case "DeleteMessage":
		var q *bus.SQSQueue
		if q, err = queue(in.QueueURL); err != nil {
			break
		}
		if err = q.Delete(in.ReceiptHandle); err == nil {
			out = struct{}{}
		}
	default:
		err = bus.NotSimulatedf("sqs", "the SQS operation %s over the wire", x.op)
	}
	if err != nil {
		h.writeError(x, err)
		return
	}
	body, _ := json.Marshal(out)
	h.writeOK(x, body)
}
