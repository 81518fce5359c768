package awsapi

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"strconv"
	"time"

	"github.com/watchsim/watchsim/bus"
)

// serveSNS serves the SNS fake over the query protocol: CreateTopic, ListTopics, Subscribe, Publish.
func (h *Handler) serveSNS(ctx context.Context, x *exchange) {
	b := x.st.sim.Bus
	f := x.form
	topic := func(arn string) (*bus.SNSTopic, error) {
		if arn == "" {
			return nil, bus.ClientError("InvalidParameter", "Invalid parameter: TopicArn")
		}
		s, ok := b.SinkFor(arn)
		t, isT := s.(*bus.SNSTopic)
		if !ok || !isT {
			return nil, bus.ClientError("NotFound", "Topic does not exist").WithStatus(404)
		}
		return t, nil
	}
	var res bytes.Buffer
	var err error
	switch x.op {
	case "CreateTopic":
		name := f.Get("Name")
		arn := b.ARN("sns", name)
		t, terr := topic(arn)
		if terr != nil {
			if t, err = bus.NewSNSTopic(b, name); err != nil {
				break
			}
			x.st.fakes.mu.Lock()
			x.st.fakes.topics = append(x.st.fakes.topics, t.ARN())
			x.st.fakes.mu.Unlock()
		}
		res.WriteString("<TopicArn>")
		xmlText(&res, t.ARN())
		res.WriteString("</TopicArn>")
	case "ListTopics":
		x.st.fakes.mu.Lock()
		arns := append([]string(nil), x.st.fakes.topics...)
		x.st.fakes.mu.Unlock()
		res.WriteString("<Topics>")
		for _, a := range arns {
			if _, ok := b.SinkFor(a); ok {
				res.WriteString("<member><TopicArn>")
				xmlText(&res, a)
				res.WriteString("</TopicArn></member>")
			}
		}
		res.WriteString("</Topics>")
	case "Subscribe":
		var t *bus.SNSTopic
		if t, err = topic(f.Get("TopicArn")); err != nil {
			break
		}
		raw := false
		for i := 1; ; i++ {
			k := f.Get("Attributes.entry." + strconv.Itoa(i) + ".key")
			if k == "" {
				break
			}
			if k == "RawMessageDelivery" {
				raw = f.Get("Attributes.entry."+strconv.Itoa(i)+".value") == "true"
			}
		}
		switch p := f.Get("Protocol"); p {
		case "sqs", "lambda", "firehose":
		default:
			err = bus.NotSimulatedf("sns", "subscriptions with protocol %q over the wire (sqs, lambda and firehose are)", p)
		}
		if err != nil {
			break
		}
		var sub string
		if sub, err = t.Subscribe(f.Get("Endpoint"), raw); err != nil {
			break
		}
		res.WriteString("<SubscriptionArn>")
		xmlText(&res, sub)
		res.WriteString("</SubscriptionArn>")
	case "Publish":
		var t *bus.SNSTopic
		if t, err = topic(f.Get("TopicArn")); err != nil {
			break
		}
		var id string
		if id, err = t.Publish(ctx, bus.Payload{Body: []byte(f.Get("Message")), Subject: f.Get("Subject"),
			GroupID: f.Get("MessageGroupId"), DedupID: f.Get("MessageDeduplicationId")}); err != nil {
			break
		}
		res.WriteString("<MessageId>")
		xmlText(&res, id)
		res.WriteString("</MessageId>")
	default:
		err = bus.NotSimulatedf("sns", "the SNS operation %s over the wire", x.op)
	}
	if err != nil {
		h.writeError(x, err)
		return
	}
	var out bytes.Buffer
	out.WriteString(`<` + x.op + `Response xmlns="` + snsXMLNS + `"><` + x.op + `Result>`)
	out.Write(res.Bytes())
	out.WriteString(`</` + x.op + `Result><ResponseMetadata><RequestId>` + x.reqID + `</RequestId></ResponseMetadata></` + x.op + `Response>`)
	h.writeOK(x, out.Bytes())
}

func md5Hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

func secondsDuration(n int) time.Duration { return time.Duration(n) * time.Second }
