package events

import (
	"context"
	"strings"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/awserr"
	"github.com/watchsim/watchsim/internal/jsonscan"
)

// PutEventsRequestEntry is the AWS shape PutEventsRequestEntry.
type PutEventsRequestEntry struct {
	// Time is the event's time (second precision in the envelope); the call's time when nil.
	Time       *time.Time `json:"Time,omitempty"`
	Source     string     `json:"Source,omitempty"`
	Resources  []string   `json:"Resources,omitempty"`
	DetailType string     `json:"DetailType,omitempty"`
	// Detail is a JSON object, as a string.
	Detail string `json:"Detail,omitempty"`
	// EventBusName is a bus name or ARN; the default bus when empty.
	EventBusName string `json:"EventBusName,omitempty"`
	// TraceHeader (an X-Ray trace header) is not simulated: a non-empty value fails the entry.
	TraceHeader string `json:"TraceHeader,omitempty"`
}

// PutEventsInput is the input of PutEvents.
type PutEventsInput struct {
	Entries []PutEventsRequestEntry `json:"Entries"`
	// EndpointId (global endpoints) is not simulated.
	EndpointId string `json:"EndpointId,omitempty"`
}

// PutEventsResultEntry is the AWS shape PutEventsResultEntry: an EventId, or an ErrorCode and
// ErrorMessage.
type PutEventsResultEntry struct {
	EventId      string `json:"EventId,omitempty"`
	ErrorCode    string `json:"ErrorCode,omitempty"`
	ErrorMessage string `json:"ErrorMessage,omitempty"`
}

// PutEventsOutput is the output of PutEvents: one entry per request entry, in order.
type PutEventsOutput struct {
	FailedEntryCount int32                  `json:"FailedEntryCount"`
	Entries          []PutEventsResultEntry `json:"Entries"`
}

// maxDetailDepth is how deep EventBridge processes nesting in Detail ("Nesting is processed only up
// to 1000 levels", PutEvents in the API reference).
const maxDetailDepth = 1000

func entryError(code, msg string) PutEventsResultEntry {
	return PutEventsResultEntry{ErrorCode: code, ErrorMessage: msg}
}

func requiredArgument(name string) PutEventsResultEntry {
	return entryError(InvalidArgument, "Parameter "+name+" is not valid. Reason: "+name+" is a required argument.")
}

// javaEntries renders the Entries member as AWS's validation message quotes it ([derived]: the
// shape of the service's Java toString).
func javaEntries(es []PutEventsRequestEntry) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, e := range es {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("PutEventsRequestEntry(Source=" + e.Source + ", DetailType=" + e.DetailType + ")")
	}
	b.WriteByte(']')
	return b.String()
}

// PutEvents sends custom events to event buses (PutEvents API reference,
// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html). Entries are
// processed in order; an entry that fails does not fail the call but gets an ErrorCode and
// ErrorMessage, counted in FailedEntryCount. The size limit applies to the whole request, computed
// as AWS computes it ("Calculating PutEvents event entry size",
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html). Sources
// starting with "aws." belong to AWS services and are refused. Matching rules' targets receive
// the events after the call's work is done and before PutEvents returns.
func (s *Service) PutEvents(ctx context.Context, in *PutEventsInput) (*PutEventsOutput, error) {
	return bus.Call(ctx, s.b, op("PutEvents", false), in, func(ctx context.Context, in *PutEventsInput) (*PutEventsOutput, error) {
		if len(in.Entries) == 0 {
			return nil, constraint(nil, "entries", "Member must not be null")
		}
		if len(in.Entries) > MaxEntriesPerPut {
			return nil, constraint(javaEntries(in.Entries), "entries", "Member must have length less than or equal to 10")
		}
		if in.EndpointId != "" {
			return nil, bus.NotSimulated("events", "global endpoints (PutEvents EndpointId)")
		}
		size := 0
		for _, e := range in.Entries {
			size += entrySize(e.Time != nil, e.Source, e.DetailType, e.Detail, e.Resources)
		}
		if size >= s.opts.maxEntrySize {
			return nil, validation("Total size of the entries in the request is over the limit.")
		}
		now := s.b.Now()
		out := &PutEventsOutput{Entries: make([]PutEventsResultEntry, len(in.Entries))}
		ds := make([]delivery, 0, len(in.Entries))
		slab := make([]event, len(in.Entries))
		for i := range in.Entries {
			e := &in.Entries[i]
			ev, eb, res := s.acceptEntry(e, now, &slab[i])
			if res.ErrorCode != "" {
				out.Entries[i] = res
				out.FailedEntryCount++
				continue
			}
			out.Entries[i] = PutEventsResultEntry{EventId: ev.id}
			ds = s.route(eb, ev, routeOptions{}, ds)
		}
		if out.FailedEntryCount > 0 {
			s.usage.account(s, "PutEventsFailedEntries", float64(out.FailedEntryCount))
		}
		if len(ds) > 0 {
			bus.Defer(ctx, s.b, func(ctx context.Context) { s.deliverAll(ctx, ds) })
		}
		return out, nil
	})
}

// acceptEntry validates one entry and makes its event, or returns the entry's error.
// The event is made in *ev.
func (s *Service) acceptEntry(e *PutEventsRequestEntry, now time.Time, ev *event) (*event, *eventBus, PutEventsResultEntry) {
	switch {
	case e.Source == "":
		return nil, nil, requiredArgument("Source")
	case e.DetailType == "":
		return nil, nil, requiredArgument("DetailType")
	case e.Detail == "":
		return nil, nil, requiredArgument("Detail")
	}
	if e.TraceHeader != "" {
		return nil, nil, entryError(bus.NotSimulatedCode, bus.NotSimulated("events", "X-Ray trace headers (TraceHeader)").Error())
	}
	if len(e.DetailType) > 128 {
		return nil, nil, entryError(InvalidArgument, "Parameter DetailType is not valid. Reason: DetailType length exceeds 128 characters.")
	}
	if len(e.Source) > 256 {
		return nil, nil, entryError(InvalidArgument, "Parameter Source is not valid. Reason: Source length exceeds 256 characters.")
	}
	if strings.HasPrefix(e.Source, "aws.") {
		return nil, nil, entryError(NotAuthorizedForSourceException, "Not authorized for the source.")
	}
	detail, ok := compactObject(e.Detail)
	if !ok {
		return nil, nil, entryError(MalformedDetail, "Detail is malformed.")
	}
	eb, err := s.lookupBus(e.EventBusName)
	if err != nil {
		return nil, nil, entryError(awserr.ErrorCode(err), awserr.ErrorMessage(err))
	}
	t := now
	if e.Time != nil {
		t = *e.Time
	}
	*ev = event{id: s.b.UUID(), detailType: e.DetailType, source: e.Source, account: s.b.Account(), region: s.b.Region(),
		time: t.UTC().Truncate(time.Second), resources: e.Resources, detail: detail, ingested: now,
		size: entrySize(e.Time != nil, e.Source, e.DetailType, e.Detail, e.Resources)}
	if ev.resources != nil {
		ev.resources = append([]string(nil), ev.resources...)
	}
	return ev, eb, PutEventsResultEntry{}
}

// compactObject checks that d is a JSON object (nesting at most 1000 deep) and returns it without
// insignificant whitespace (d itself when it has none).
func compactObject(d string) (string, bool) {
	i := jsonscan.SkipSpace(d, 0)
	if i >= len(d) || d[i] != '{' {
		return "", false
	}
	end, f := jsonscan.Validate(d, i, 0, maxDetailDepth)
	if f != 0 || jsonscan.SkipSpace(d, end) != len(d) {
		return "", false
	}
	return compactValid(d), true
}

// compactValid returns valid JSON d without the whitespace between its tokens (spaces inside
// strings stay): d itself when it has none, else a copy made in the same pass that found it.
func compactValid(d string) string {
	for i := 0; i < len(d); {
		switch c := d[i]; {
		case c == '"':
			i = jsonscan.SkipString(d, i) // eight bytes at a time
		case jsonscan.IsSpace(c):
			b := make([]byte, i, len(d))
			copy(b, d[:i])
			for i < len(d) {
				switch c := d[i]; {
				case c == '"':
					end := jsonscan.SkipString(d, i)
					b = append(b, d[i:end]...)
					i = end
				case jsonscan.IsSpace(c):
					i++
				default:
					b = append(b, c)
					i++
				}
			}
			return string(b)
		default:
			i++
		}
	}
	return d
}

// onServiceEvent routes an event another simulated service published on bus.Events (an alarm state
// change, a CloudTrail record, a Config notification) on the default event bus, where AWS service
// events arrive ("Events from AWS services",
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event.html).
func (s *Service) onServiceEvent(ctx context.Context, msg bus.Event) {
	s.collect(ctx, func(out []delivery) []delivery {
		name := msg.EventBusName
		if name == "" {
			name = DefaultBusName
		}
		eb := s.buses[name]
		if eb == nil || eb.matcher.Len() == 0 && !s.archivesOn(eb.name) {
			return out // nothing can match or keep it: no envelope to build
		}
		ev := fromBusEvent(msg, s.b.Now())
		return s.route(eb, ev, routeOptions{}, out)
	})
}

func fromBusEvent(msg bus.Event, now time.Time) *event {
	detail := string(msg.Detail)
	if d, ok := compactObject(detail); ok {
		detail = d
	}
	return &event{id: msg.ID, detailType: msg.DetailType, source: msg.Source, account: msg.Account, region: msg.Region,
		time: msg.Time, resources: msg.Resources, detail: detail, ingested: now}
}
