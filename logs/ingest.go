package logs

import (
	"context"
	"strconv"
	"unicode/utf8"

	"github.com/watchsim/watchsim/bus"
)

// PutLogEvents uploads a batch of events to a stream, with every limit of the PutLogEvents API
// reference (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutLogEvents.html),
// checked in this order:
//
//  1. shape: 1–10,000 events, messages of at least one character (valid UTF-8), each event at
//     most 1,048,576 bytes counting the 26-byte overhead;
//  2. the group, then the stream, must exist (ResourceNotFoundException);
//  3. events must be in chronological order, else the whole call fails;
//  4. events more than 14 days old, older than the group's retention, or more than 2 hours in the
//     future are dropped and reported in rejectedLogEventsInfo;
//  5. the events kept must span at most 24 hours, else the whole call fails;
//  6. the batch (messages + 26 bytes per event) must be at most 1,048,576 bytes, else the whole call
//     fails.
//
// The sequence token is accepted and ignored, and nextSequenceToken is always returned, as AWS does
// today. Every kept event is stored with the simulation time as its ingestion time and passes, once,
// through every metric filter (publishing to metrics over the bus), every subscription filter and
// the embedded-metric-format reader of its group.
func (s *Service) PutLogEvents(ctx context.Context, in *PutLogEventsInput) (*PutLogEventsOutput, error) {
	return bus.Call(ctx, s.b, op("PutLogEvents", false), in, func(ctx context.Context, in *PutLogEventsInput) (*PutLogEventsOutput, error) {
		return s.putLogEvents(ctx, in, false)
	})
}

func (s *Service) putLogEvents(ctx context.Context, in *PutLogEventsInput, createStream bool) (*PutLogEventsOutput, error) {
	if err := checkGroupName(in.LogGroupName, "logGroupName"); err != nil {
		return nil, err
	}
	if err := checkColonFreeName(in.LogStreamName, "logStreamName"); err != nil {
		return nil, err
	}
	evs := in.LogEvents
	switch {
	case evs == nil:
		return nil, violation(nil, "logEvents", "Member must not be null")
	case len(evs) == 0:
		return nil, violation("[]", "logEvents", "Member must have length greater than or equal to 1")
	case len(evs) > MaxEventsPerBatch:
		return nil, invalidParameter(strconv.Itoa(len(evs)) + " log events exceeds the limit of 10000 events per PutLogEvents request.")
	}
	if in.Entity != nil {
		return nil, bus.NotSimulated("logs", "PutLogEvents entity")
	}
	total := 0
	for i := range evs {
		m := evs[i].Message
		if m == "" {
			return nil, violation("", "logEvents."+strconv.Itoa(i+1)+".member.message", "Member must have length greater than or equal to 1")
		}
		size := len(m) + eventOverhead
		if size > MaxEventBytes {
			return nil, invalidParameter("Log event too large: " + strconv.Itoa(size) + " bytes exceeds limit of " + strconv.Itoa(MaxEventBytes))
		}
		if !utf8.ValidString(m) {
			return nil, invalidParameter("Log event message " + strconv.Itoa(i) + " is not valid UTF-8.")
		}
		total += size
	}
	g, err := s.lookupGroup(in.LogGroupName, "")
	if err != nil {
		return nil, err
	}
	st := g.streams[in.LogStreamName]
	if st == nil {
		if !createStream {
			return nil, errStreamNotFound()
		}
		st = s.newStream(g, in.LogStreamName)
	}
	for i := 1; i < len(evs); i++ {
		if evs[i].Timestamp < evs[i-1].Timestamp {
			return nil, invalidParameter("Log events in a single PutLogEvents request must be in chronological order.")
		}
	}
	now := s.nowMillis()
	tooOld, expired, tooNew := 0, 0, len(evs)
	for tooOld < len(evs) && evs[tooOld].Timestamp < now-MaxEventAge {
		tooOld++
	}
	cut := g.cutoff(now)
	expired = tooOld
	for expired < len(evs) && evs[expired].Timestamp < cut {
		expired++
	}
	for tooNew > expired && evs[tooNew-1].Timestamp > now+MaxEventAhead {
		tooNew--
	}
	kept := evs[expired:tooNew]
	if len(kept) > 0 && kept[len(kept)-1].Timestamp-kept[0].Timestamp > MaxBatchSpan {
		return nil, invalidParameter("The batch of log events in a single PutLogEvents request cannot span more than 24 hours.")
	}
	if total > MaxBatchBytes {
		return nil, invalidParameter("Upload too large: " + strconv.Itoa(total) + " bytes exceeds limit of " + strconv.Itoa(MaxBatchBytes))
	}
	out := &PutLogEventsOutput{}
	if tooOld > 0 || expired > tooOld || tooNew < len(evs) {
		info := &RejectedLogEventsInfo{}
		if tooOld > 0 {
			v := int32(tooOld)
			info.TooOldLogEventEndIndex = &v
		}
		if expired > tooOld {
			v := int32(expired)
			info.ExpiredLogEventEndIndex = &v
		}
		if tooNew < len(evs) {
			v := int32(tooNew)
			info.TooNewLogEventStartIndex = &v
		}
		out.RejectedLogEventsInfo = info
	}
	if len(kept) > 0 {
		s.ingest(ctx, g, st, kept, now)
	}
	out.NextSequenceToken = sequenceToken(st.st.nextSeq())
	return out, nil
}

// ingest stores events (already validated) and runs them through the group's filters, once each.
func (s *Service) ingest(ctx context.Context, g *group, st *stream, evs []InputLogEvent, now int64) {
	first := st.st.len()
	st.st.reserve(len(evs))
	st.st.beginBatch(now, g.seq)
	g.seq += uint64(len(evs))
	bytes := 0
	for i := range evs {
		st.st.append(evs[i].Timestamp, evs[i].Message)
		bytes += len(evs[i].Message)
	}
	st.lastIngest = now
	s.usage.incoming(s, g.name, int64(len(evs)), int64(bytes))
	for _, f := range g.mfOrder {
		s.applyMetricFilter(ctx, g, f, st, first, now)
	}
	for _, name := range g.subNames() {
		s.applySubscription(ctx, g, g.subs[name], st, first, now)
	}
	if s.opts.emf == EMFAuto {
		s.applyEMF(ctx, g, st, first)
	}
}

// groupSink makes a log group a delivery target: each delivery to the group's ARN is one log event
// (the body as message, the delivery time as timestamp) in the stream named by the payload's Key,
// created if missing. This is how EventBridge rules and CloudTrail trails write to log groups.
type groupSink struct {
	s    *Service
	name string
}

// Deliver writes p as a log event (the bus.Sink method). It goes through the PutLogEvents path as a
// call made by an AWS service, so limits, filters and records apply as for any upload.
func (k groupSink) Deliver(ctx context.Context, p bus.Payload) error {
	stream := p.Key
	if stream == "" {
		stream = "watchsim-delivery"
	}
	ctx = bus.WithIdentity(ctx, bus.Identity{Type: "AWSService", InvokedBy: "delivery.logs.amazonaws.com"})
	in := &PutLogEventsInput{LogGroupName: k.name, LogStreamName: stream,
		LogEvents: []InputLogEvent{{Timestamp: k.s.b.Now().UnixMilli(), Message: string(p.Body)}}}
	_, err := bus.Call(ctx, k.s.b, op("PutLogEvents", false), in, func(ctx context.Context, in *PutLogEventsInput) (*PutLogEventsOutput, error) {
		return k.s.putLogEvents(ctx, in, true)
	})
	return err
}
