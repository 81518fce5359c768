package trail

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/pagetoken"
)

// Event history (LookupEvents API reference,
// https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_LookupEvents.html): management
// events of the last 90 days, newest first, filtered by at most one attribute.

// HistoryRetention is how long Event history keeps an event.
const HistoryRetention = 90 * 24 * time.Hour

// attrIndex numbers the eight lookup attribute keys, in the order the API lists them; -1 for
// any other key.
func attrIndex(key string) int {
	switch key {
	case "EventId":
		return 0
	case "EventName":
		return 1
	case "ReadOnly":
		return 2
	case "Username":
		return 3
	case "ResourceType":
		return 4
	case "ResourceName":
		return 5
	case "EventSource":
		return 6
	case "AccessKeyId":
		return 7
	}
	return -1
}

// lookupQuery is a checked LookupEvents request.
type lookupQuery struct {
	attr       int // -1: none
	value      string
	start, end int64 // inclusive, seconds
	max        int
}

// errors of LookupEvents [derived wording: the API reference names the codes, not the messages].
func lookupErr(code, msg string) error { return bus.ClientError(code, msg) }

// lookupWeight is the length AWS counts for an attribute value: '_', ' ', ',' and '\n' count double.
func lookupWeight(v string) int {
	n := 0
	for _, c := range v {
		switch c {
		case '_', ' ', ',', '\n':
			n += 2
		default:
			n++
		}
	}
	return n
}

// tokenKind binds a token to the parameters of the lookup that issued it.
func (q *lookupQuery) tokenKind(start, end *time.Time) string {
	var b strings.Builder
	b.WriteString("LookupEvents")
	b.WriteString(strconv.Itoa(q.attr))
	b.WriteByte(0)
	b.WriteString(q.value)
	b.WriteByte(0)
	if start != nil {
		b.WriteString(strconv.FormatInt(start.UnixNano(), 36))
	}
	b.WriteByte(0)
	if end != nil {
		b.WriteString(strconv.FormatInt(end.UnixNano(), 36))
	}
	return "LookupEvents." + strconv.FormatUint(uint64(pagetoken.Sum(b.String())), 36)
}

// decodeLookupToken returns the position a LookupEvents token of the given kind carries; ok is
// false for any string LookupEvents did not issue for that kind.
func decodeLookupToken(kind, tok string) (pos int, ok bool) {
	p, ok := pagetoken.Decode(kind, tok)
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(p)
	if err != nil || n < 0 || strconv.Itoa(n) != p {
		return 0, false
	}
	return n, true
}

// LookupEvents returns management events of Event history, newest first. Data events never
// appear; trails and their selectors play no part.
func (s *Service) LookupEvents(ctx context.Context, in *LookupEventsInput) (*LookupEventsOutput, error) {
	return bus.Call(ctx, s.b, op("LookupEvents", true), in, func(ctx context.Context, in *LookupEventsInput) (*LookupEventsOutput, error) {
		now := s.b.Now()
		q := lookupQuery{attr: -1, max: 50}
		if in.EventCategory != "" {
			if in.EventCategory == "insight" {
				return nil, bus.NotSimulated("cloudtrail", "CloudTrail Insights events (LookupEvents EventCategory insight)")
			}
			return nil, lookupErr(ErrInvalidEventCategory, "Invalid EventCategory "+in.EventCategory+": the only supported value is insight.")
		}
		switch len(in.LookupAttributes) {
		case 0:
		case 1:
			a := in.LookupAttributes[0]
			q.attr = attrIndex(a.AttributeKey)
			if q.attr < 0 {
				return nil, lookupErr(ErrInvalidLookupAttributes, "Invalid attribute key "+a.AttributeKey+
					": it must be one of EventId, EventName, ReadOnly, Username, ResourceType, ResourceName, EventSource, AccessKeyId.")
			}
			if w := lookupWeight(a.AttributeValue); w < 1 || w > 2000 {
				return nil, lookupErr(ErrInvalidLookupAttributes, "Invalid attribute value: it must be 1 to 2000 characters long.")
			}
			q.value = a.AttributeValue
		default:
			return nil, lookupErr(ErrInvalidLookupAttributes, "You can specify at most one lookup attribute.")
		}
		if in.MaxResults != nil {
			if *in.MaxResults < 1 || *in.MaxResults > 50 {
				return nil, lookupErr(ErrInvalidMaxResults, "MaxResults must be between 1 and 50.")
			}
			q.max = int(*in.MaxResults)
		}
		q.start, q.end = now.Add(-HistoryRetention).Unix(), now.Unix()
		if in.StartTime != nil {
			q.start = max(q.start, in.StartTime.Unix())
		}
		if in.EndTime != nil {
			q.end = min(q.end, in.EndTime.Unix())
		}
		if in.StartTime != nil && in.EndTime != nil && in.StartTime.After(*in.EndTime) {
			return nil, lookupErr(ErrInvalidTimeRange, "Start time must be before end time.")
		}
		kind := q.tokenKind(in.StartTime, in.EndTime)
		from := -1
		if in.NextToken != "" {
			pos, ok := decodeLookupToken(kind, in.NextToken)
			if !ok || pos > s.history.base+s.history.events.n {
				return nil, lookupErr(ErrInvalidNextToken, "Invalid NextToken: it does not belong to a LookupEvents request with these parameters.")
			}
			from = max(pos-s.history.base, 0) // events below the cut are gone: nothing older to show
		}
		return s.history.lookup(&q, now.Unix(), from, kind), nil
	})
}

// lookup runs q: from is the position to continue below (exclusive), -1 for the first page.
func (h *history) lookup(q *lookupQuery, now int64, from int, kind string) *LookupEventsOutput {
	out := &LookupEventsOutput{Events: []Event{}}
	var memo eventMemo
	// The newest candidate: the last event at or before the end of the range and visible now
	// (both grow with the position), and below from when continuing.
	top := sort.Search(h.events.n, func(i int) bool {
		e := h.events.at(i)
		return e.unix() > q.end || h.visible(e.unix()) > now
	}) - 1
	if from >= 0 {
		top = min(top, from-1)
	}
	var list *posList // nil: every event
	if q.attr >= 0 {
		list = h.list(q.attr, q.value)
		if list == nil {
			return out
		}
	}
	it := list.positions(top)
	last := -1
	for {
		pos, ok := it.next()
		if !ok {
			break
		}
		e := h.events.at(pos)
		if e.unix() < q.start {
			break
		}
		if len(out.Events) == q.max {
			out.NextToken = pagetoken.Encode(kind, strconv.Itoa(h.base+last))
			break
		}
		out.Events = append(out.Events, h.event(e, &memo))
		last = pos
	}
	return out
}
