package logs

import (
	"container/heap"
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unsafe"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/pagetoken"
	"github.com/watchsim/watchsim/logs/filterpattern"
)

// A cursor is a position between events in key order: the key (timestamp, sequence) of the first
// event at or after it. GetLogEvents tokens are "f/" or "b/" followed by 56 decimal digits, as
// AWS's are: the cursor's timestamp and sequence (20 digits each) and a 16-digit check.
type cursor struct {
	ts  int64
	seq uint64
}

func cursorDigits(c cursor) string {
	d := fmt.Sprintf("%020d%020d", uint64(c.ts)^(1<<63), c.seq)
	return d + fmt.Sprintf("%016d", uint64(pagetoken.Sum(d))*1000003%1e16)
}

func parseCursor(tok string) (forward bool, c cursor, err error) {
	bad := invalidParameter("The specified nextToken is invalid.")
	if len(tok) != 58 || tok[1] != '/' || (tok[0] != 'f' && tok[0] != 'b') {
		return false, c, bad
	}
	d := tok[2:]
	if d[40:] != fmt.Sprintf("%016d", uint64(pagetoken.Sum(d[:40]))*1000003%1e16) {
		return false, c, bad
	}
	ts, err1 := strconv.ParseUint(d[:20], 10, 64)
	seq, err2 := strconv.ParseUint(d[20:40], 10, 64)
	if err1 != nil || err2 != nil {
		return false, c, bad
	}
	return tok[0] == 'f', cursor{int64(ts ^ (1 << 63)), seq}, nil
}

// GetLogEvents reads one stream a page at a time (GetLogEvents API reference). startTime is
// inclusive and endTime exclusive. Without a token the first page holds the newest events, or the
// oldest with startFromHead; events within a page are in ascending order. Both tokens are always
// returned; at the end of the stream (in the direction of travel) the token passed in comes back
// unchanged, which is the only end signal, as with AWS. A page holds at most limit events (default
// as many as fit in 1 MB, at most 10,000). A token continues in its own direction (forward tokens
// read newer events, backward tokens older ones).
func (s *Service) GetLogEvents(ctx context.Context, in *GetLogEventsInput) (*GetLogEventsOutput, error) {
	return bus.Call(ctx, s.b, op("GetLogEvents", true), in, func(ctx context.Context, in *GetLogEventsInput) (*GetLogEventsOutput, error) {
		limit, err := checkLimit(in.Limit, "limit", MaxReadLimit, MaxReadLimit)
		if err != nil {
			return nil, err
		}
		if err := checkColonFreeName(in.LogStreamName, "logStreamName"); err != nil {
			return nil, err
		}
		if in.Unmask != nil && *in.Unmask {
			return nil, bus.NotSimulated("logs", "GetLogEvents unmask (data protection)")
		}
		forward := in.StartFromHead != nil && *in.StartFromHead
		var at cursor
		fromToken := in.NextToken != ""
		if fromToken {
			if forward, at, err = parseCursor(in.NextToken); err != nil {
				return nil, err
			}
		}
		g, err := s.lookupGroup(in.LogGroupName, in.LogGroupIdentifier)
		if err != nil {
			return nil, err
		}
		st := g.streams[in.LogStreamName]
		if st == nil {
			return nil, errStreamNotFound()
		}
		lo, hi := int64(math.MinInt64), int64(math.MaxInt64)
		if in.StartTime != nil {
			lo = *in.StartTime
		}
		if in.EndTime != nil {
			hi = *in.EndTime
		}
		es := &st.st
		n := es.len()
		// [wlo, whi) are the positions (key order) inside the time window.
		wlo, whi := es.lowerBound(lo), n
		if hi != math.MaxInt64 {
			whi = es.lowerBound(hi)
		}
		if !fromToken {
			if forward {
				at = cursor{lo, 0}
			} else if hi == math.MaxInt64 {
				at = cursor{math.MaxInt64, math.MaxUint64}
			} else {
				at = cursor{hi, 0}
			}
		}
		p := es.searchKey(at.ts, at.seq) // first position with key ≥ at
		p = min(max(p, wlo), max(whi, wlo))
		var from, to int // the page is positions [from, to)
		if forward {
			from, to = p, p
			for size := 0; to < whi && to-from < limit; to++ {
				size += len(es.message(es.at(to))) + eventOverhead
				if size > MaxReadBytes {
					break
				}
			}
		} else {
			from, to = p, p
			for size := 0; from > wlo && to-from < limit; from-- {
				size += len(es.message(es.at(from-1))) + eventOverhead
				if size > MaxReadBytes {
					break
				}
			}
		}
		out := &GetLogEventsOutput{Events: make([]OutputLogEvent, 0, to-from)}
		for k := from; k < to; k++ {
			i := es.at(k)
			out.Events = append(out.Events, OutputLogEvent{Timestamp: es.ts[i], Message: es.message(i), IngestionTime: es.ingestion(i)})
		}
		if from == to {
			d := cursorDigits(at)
			out.NextForwardToken, out.NextBackwardToken = "f/"+d, "b/"+d
			if fromToken {
				if forward {
					out.NextForwardToken = in.NextToken
				} else {
					out.NextBackwardToken = in.NextToken
				}
			}
			return out, nil
		}
		first, last := es.at(from), es.at(to-1)
		out.NextBackwardToken = "b/" + cursorDigits(cursor{es.ts[first], es.seq(first)})
		out.NextForwardToken = "f/" + cursorDigits(cursor{es.ts[last], es.seq(last) + 1})
		return out, nil
	})
}

// streamCursor walks one stream's events in key order within a time window, forwards or backwards.
// The event's sequence number is computed only when needed (ties between streams, matches).
type streamCursor struct {
	st      *stream
	pos     int // next position to read (forward) or one past it (backward)
	lo, hi  int // window positions [lo, hi)
	ts      int64
	seq     uint64
	seqOK   bool
	i       int // arrival index of the current event
	forward bool
	// pat, when it has a term every matching message contains, lets a forward cursor over a
	// stream stored in key order search the message chunks for that term and skip the events it
	// does not occur in (they cannot match).
	pat *filterpattern.Pattern
}

func (c *streamCursor) load() bool {
	es := &c.st.st
	if c.forward {
		if c.pat != nil && es.sorted {
			c.skip()
		}
		if c.pos >= c.hi {
			return false
		}
		c.i = es.at(c.pos)
	} else {
		if c.pos <= c.lo {
			return false
		}
		c.i = es.at(c.pos - 1)
	}
	c.ts, c.seqOK = es.ts[c.i], false
	return true
}

// skip moves a forward cursor over a stream in key (= arrival) order to the first event at or
// after pos whose message may hold c.term: it searches the chunk bytes from that event on and
// jumps to the event holding the first occurrence.
func (c *streamCursor) skip() {
	es := &c.st.st
	for c.pos < c.hi {
		r := es.ref[c.pos]
		chunk := int(r >> (refOffBits + refLenBits))
		off := int(r >> refLenBits & (1<<refOffBits - 1))
		buf := es.chunks[chunk]
		h := c.pat.IndexRequired(unsafeString(buf[off:]))
		if h < 0 {
			// Not in the rest of this chunk: go to the first event of the next chunk.
			c.pos = c.firstEventAfterChunk(chunk)
			continue
		}
		h += off
		// The last event of this chunk starting at or before h (refs grow with arrival).
		j := sort.Search(c.hi-c.pos, func(k int) bool {
			rk := es.ref[c.pos+k]
			return int(rk>>(refOffBits+refLenBits)) != chunk || int(rk>>refLenBits&(1<<refOffBits-1)) > h
		})
		c.pos += max(j-1, 0)
		return
	}
}

// firstEventAfterChunk returns the position of the first event (from c.pos on, within the window)
// stored in a later chunk than chunk, or c.hi.
func (c *streamCursor) firstEventAfterChunk(chunk int) int {
	es := &c.st.st
	return c.pos + sort.Search(c.hi-c.pos, func(k int) bool { return int(es.ref[c.pos+k]>>(refOffBits+refLenBits)) > chunk })
}

func (c *streamCursor) sequence() uint64 {
	if !c.seqOK {
		c.seq, c.seqOK = c.st.st.seq(c.i), true
	}
	return c.seq
}

func (c *streamCursor) next() bool {
	if c.forward {
		c.pos++
	} else {
		c.pos--
	}
	return c.load()
}

type cursorHeap []*streamCursor

func (h cursorHeap) Len() int { return len(h) }
func (h cursorHeap) Less(a, b int) bool {
	x, y := h[a], h[b]
	if x.ts != y.ts {
		return x.ts < y.ts == x.forward
	}
	return x.sequence() < y.sequence() == x.forward
}
func (h cursorHeap) Swap(a, b int) { h[a], h[b] = h[b], h[a] }
func (h *cursorHeap) Push(x any)   { *h = append(*h, x.(*streamCursor)) }
func (h *cursorHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// eventID renders an event id: 56 decimal digits, unique per event of the account.
func eventID(group, seq uint64, ts int64) string {
	var b [56]byte
	putDigits(b[0:19], uint64(ts)%1e19)
	putDigits(b[19:38], group%1e19)
	putDigits(b[38:56], seq%1e18)
	return string(b[:])
}

// idArena renders event ids into shared blocks, one allocation per 256 ids instead of one per id.
type idArena struct{ block []byte }

func (a *idArena) eventID(group, seq uint64, ts int64) string {
	if cap(a.block)-len(a.block) < 56 {
		a.block = make([]byte, 0, 56*256)
	}
	n := len(a.block)
	a.block = a.block[:n+56]
	b := a.block[n : n+56]
	putDigits(b[0:19], uint64(ts)%1e19)
	putDigits(b[19:38], group%1e19)
	putDigits(b[38:56], seq%1e18)
	return unsafe.String(&b[0], 56)
}

// putDigits writes n into dst as decimal digits, zero-padded on the left to len(dst).
func putDigits(dst []byte, n uint64) {
	for i := len(dst) - 1; i >= 0; i-- {
		dst[i] = byte('0' + n%10)
		n /= 10
	}
}

// startFromHeadFloor is 2024-01-01T00:00:00Z in epoch ms: FilterLogEvents returns newest events
// first only for start times from then on.
const startFromHeadFloor = 1704067200000

// FilterLogEvents searches a group's streams (all, listed ones, or those with a name prefix) with a
// filter pattern (FilterLogEvents API reference). startTime and endTime are both inclusive. Events
// from all streams are interleaved in (timestamp, ingestion) order, oldest first, or newest first
// with startFromHead false (which needs a startTime from 2024 on). A page holds at most limit
// matches (default and maximum 10,000) and 1 MB; paging ends when nextToken is absent.
func (s *Service) FilterLogEvents(ctx context.Context, in *FilterLogEventsInput) (*FilterLogEventsOutput, error) {
	return bus.Call(ctx, s.b, op("FilterLogEvents", true), in, func(ctx context.Context, in *FilterLogEventsInput) (*FilterLogEventsOutput, error) {
		limit, err := checkLimit(in.Limit, "limit", MaxReadLimit, MaxReadLimit)
		if err != nil {
			return nil, err
		}
		if len(in.LogStreamNames) > 0 && in.LogStreamNamePrefix != "" {
			return nil, invalidParameter("Cannot specify both logStreamNames and logStreamNamePrefix.")
		}
		if in.LogStreamNames != nil && len(in.LogStreamNames) == 0 {
			return nil, violation("[]", "logStreamNames", "Member must have length greater than or equal to 1")
		}
		if len(in.LogStreamNames) > 100 {
			return nil, violation("[…]", "logStreamNames", "Member must have length less than or equal to 100")
		}
		if in.Unmask != nil && *in.Unmask {
			return nil, bus.NotSimulated("logs", "FilterLogEvents unmask (data protection)")
		}
		pat, err := filterpattern.Compile(in.FilterPattern)
		if err != nil {
			return nil, err
		}
		forward := in.StartFromHead == nil || *in.StartFromHead
		if !forward && (in.StartTime == nil || *in.StartTime < startFromHeadFloor) {
			return nil, invalidParameter("startFromHead=false is only supported with a startTime on or after 2024-01-01T00:00:00Z.")
		}
		var after *cursor
		if in.NextToken != "" {
			pos, err := decodeToken("filter", in.NextToken)
			if err != nil {
				return nil, err
			}
			dir, c, err := parseCursor(pos)
			if err != nil {
				return nil, err
			}
			forward, after = dir, &c
		}
		g, err := s.lookupGroup(in.LogGroupName, in.LogGroupIdentifier)
		if err != nil {
			return nil, err
		}
		lo, hi := int64(math.MinInt64), int64(math.MaxInt64)
		if in.StartTime != nil {
			lo = *in.StartTime
		}
		if in.EndTime != nil {
			hi = *in.EndTime
		}
		var skipper *filterpattern.Pattern
		if _, ok := pat.RequiredTerm(); ok {
			skipper = pat
		}
		var streams []*stream
		if len(in.LogStreamNames) > 0 {
			for _, n := range in.LogStreamNames {
				if st := g.streams[n]; st != nil {
					streams = append(streams, st)
				}
			}
		} else {
			for _, st := range g.streams {
				if strings.HasPrefix(st.name, in.LogStreamNamePrefix) {
					streams = append(streams, st)
				}
			}
		}
		h := make(cursorHeap, 0, len(streams))
		for _, st := range streams {
			es := &st.st
			c := &streamCursor{st: st, forward: forward, lo: es.lowerBound(lo), hi: es.len(), pat: skipper}
			if hi != math.MaxInt64 {
				c.hi = es.lowerBound(hi + 1)
			}
			if forward {
				c.pos = c.lo
				if after != nil {
					c.pos = max(c.pos, es.searchKey(after.ts, after.seq))
				}
			} else {
				c.pos = c.hi
				if after != nil {
					c.pos = min(c.pos, es.searchKey(after.ts, after.seq))
				}
			}
			if c.load() {
				h = append(h, c)
			}
		}
		heap.Init(&h)
		out := &FilterLogEventsOutput{Events: []FilteredLogEvent{}, SearchedLogStreams: []SearchedLogStream{}}
		size := 0
		var ids idArena
		for len(h) > 0 {
			c := h[0]
			msg := c.st.st.message(c.i)
			if pat.Matches(msg) {
				if len(out.Events) == limit || size+len(msg)+eventOverhead > MaxReadBytes {
					// More events remain to search: the token resumes at this one.
					out.NextToken = encodeToken("filter", tokenAt(forward, c.ts, c.sequence()))
					break
				}
				size += len(msg) + eventOverhead
				out.Events = append(out.Events, FilteredLogEvent{LogStreamName: c.st.name, Timestamp: c.ts, Message: msg,
					IngestionTime: c.st.st.ingestion(c.i), EventID: ids.eventID(g.num, c.sequence(), c.ts)})
			}
			if !c.next() {
				heap.Pop(&h)
			} else if len(h) > 1 {
				heap.Fix(&h, 0)
			}
		}
		return out, nil
	})
}

// tokenAt is the cursor token that resumes a FilterLogEvents search at the event (ts, seq),
// inclusive, in the given direction.
func tokenAt(forward bool, ts int64, seq uint64) string {
	if forward {
		return "f/" + cursorDigits(cursor{ts, seq})
	}
	return "b/" + cursorDigits(cursor{ts, seq + 1})
}

func unsafeString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}
