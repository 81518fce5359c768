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

// history is Event history: events in time order (the bus clock never goes back) and, per lookup
// attribute, the positions of the events with each value, so a lookup by attribute reads only its
// own events.
type history struct {
	events []histEvent
	// base is the absolute position of events[0]: events older than the retention are dropped in
	// batches (once they are half of the history), and NextToken positions stay absolute across
	// that. The index positions are relative to events and rebuilt when it is cut.
	base int
	// index[k] lists, per value of lookup attribute k, the positions of its events. EventId, unique
	// per event, has byID instead (index[0] stays empty): one map entry, no list per event.
	index [8]map[string][]int32
	byID  map[string]int32
}

type histEvent struct {
	unix    int64 // eventTime, seconds
	visible int64 // when LookupEvents may show it, seconds
	rec     *Record
}

func (h *history) init() {
	for i := range h.index {
		h.index[i] = map[string][]int32{}
	}
	h.byID = map[string]int32{}
}

func (h *history) add(rec *Record, delay time.Duration) {
	t := rec.EventTime.Unix()
	h.events = append(h.events, histEvent{unix: t, visible: rec.EventTime.Add(delay).Unix(), rec: rec})
	cut := rec.EventTime.Add(-HistoryRetention - delay).Unix()
	if n := len(h.events); n > 1024 && h.events[n/2].unix < cut {
		h.prune(cut)
		return
	}
	h.index1(int32(len(h.events)-1), rec)
}

// prune drops the events older than cut (no lookup can show them any more) and rebuilds the
// indexes over the rest: O(kept) work once per halving, O(1) amortised per event.
func (h *history) prune(cut int64) {
	i := sort.Search(len(h.events), func(i int) bool { return h.events[i].unix >= cut })
	h.base += i
	h.events = append(h.events[:0:0], h.events[i:]...)
	h.init()
	for j := range h.events {
		h.index1(int32(j), h.events[j].rec)
	}
}

// index1 adds the event at relative position pos to the attribute indexes.
func (h *history) index1(pos int32, rec *Record) {
	put := func(k int, v string) {
		if v == "" {
			return
		}
		l := h.index[k][v]
		if n := len(l); n > 0 && l[n-1] == pos {
			return
		}
		h.index[k][v] = append(l, pos)
	}
	if rec.EventID != "" {
		h.byID[rec.EventID] = pos
	}
	put(1, rec.EventName)
	put(2, strconv.FormatBool(rec.ReadOnly))
	put(3, rec.Username)
	for _, r := range rec.Resources {
		put(4, r.ResourceType)
		put(5, r.ResourceName)
	}
	put(6, rec.EventSource)
	put(7, rec.AccessKeyID)
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
			if !ok || pos > s.history.base+len(s.history.events) {
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
	var list []int32
	all := q.attr < 0
	if q.attr == 0 {
		if p, ok := h.byID[q.value]; ok {
			list = []int32{p}
		}
	} else if !all {
		list = h.index[q.attr][q.value]
	}
	n := len(h.events)
	if !all {
		n = len(list)
	}
	pos := func(i int) int {
		if all {
			return i
		}
		return int(list[i])
	}
	// The newest candidate: the last one at or before the end of the range and visible now.
	hi := sort.Search(n, func(i int) bool {
		e := &h.events[pos(i)]
		return e.unix > q.end || e.visible > now
	}) - 1
	if from >= 0 {
		// Continue strictly below position from.
		k := sort.Search(n, func(i int) bool { return pos(i) >= from }) - 1
		hi = min(hi, k)
	}
	for i := hi; i >= 0; i-- {
		e := &h.events[pos(i)]
		if e.unix < q.start {
			break
		}
		if len(out.Events) == q.max {
			out.NextToken = pagetoken.Encode(kind, strconv.Itoa(h.base+pos(i+1)))
			break
		}
		out.Events = append(out.Events, eventOf(e.rec))
	}
	return out
}

func eventOf(r *Record) Event {
	res := make([]Resource, len(r.Resources))
	copy(res, r.Resources)
	return Event{EventID: r.EventID, EventName: r.EventName, ReadOnly: strconv.FormatBool(r.ReadOnly), AccessKeyID: r.AccessKeyID,
		EventTime: r.EventTime, EventSource: r.EventSource, Username: r.Username, Resources: res, CloudTrailEvent: string(r.JSON)}
}
