package logs

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/watchsim/watchsim/bus"
)

// CreateLogStream creates a log stream in a group. There is no limit on streams per group.
func (s *Service) CreateLogStream(ctx context.Context, in *CreateLogStreamInput) (*CreateLogStreamOutput, error) {
	return bus.Call(ctx, s.b, op("CreateLogStream", false), in, func(ctx context.Context, in *CreateLogStreamInput) (*CreateLogStreamOutput, error) {
		if err := checkGroupAndName(in.LogGroupName, in.LogStreamName, "logStreamName"); err != nil {
			return nil, err
		}
		g, err := s.lookupGroup(in.LogGroupName, "")
		if err != nil {
			return nil, err
		}
		if _, dup := g.streams[in.LogStreamName]; dup {
			return nil, bus.ClientError(ResourceAlreadyExistsException, "The specified log stream already exists")
		}
		s.newStream(g, in.LogStreamName)
		return &CreateLogStreamOutput{}, nil
	})
}

func (s *Service) newStream(g *group, name string) *stream {
	st := &stream{name: name, arn: g.arn + ":log-stream:" + name, created: s.nowMillis(), st: newEventStore()}
	g.streams[name] = st
	return st
}

// DeleteLogStream deletes a stream and its events.
func (s *Service) DeleteLogStream(ctx context.Context, in *DeleteLogStreamInput) (*DeleteLogStreamOutput, error) {
	return bus.Call(ctx, s.b, op("DeleteLogStream", false), in, func(ctx context.Context, in *DeleteLogStreamInput) (*DeleteLogStreamOutput, error) {
		if err := checkGroupAndName(in.LogGroupName, in.LogStreamName, "logStreamName"); err != nil {
			return nil, err
		}
		g, err := s.lookupGroup(in.LogGroupName, "")
		if err != nil {
			return nil, err
		}
		if _, ok := g.streams[in.LogStreamName]; !ok {
			return nil, errStreamNotFound()
		}
		if g.protected {
			return nil, bus.ClientErrorf(ValidationException, "Log group %s has deletion protection enabled. Disable deletion protection before deleting log streams.", g.name)
		}
		delete(g.streams, in.LogStreamName)
		return &DeleteLogStreamOutput{}, nil
	})
}

func (st *stream) describe() LogStream {
	out := LogStream{LogStreamName: st.name, CreationTime: st.created, Arn: st.arn}
	if n := st.st.len(); n > 0 {
		first, last := st.st.ts[st.st.at(0)], st.st.ts[st.st.at(n-1)]
		ing := st.lastIngest
		out.FirstEventTimestamp, out.LastEventTimestamp, out.LastIngestionTime = &first, &last, &ing
		out.UploadSequenceToken = sequenceToken(uint64(st.st.nextSeq()))
	}
	return out
}

// sequenceToken renders the deprecated upload sequence token: 56 decimal digits, as AWS's are.
func sequenceToken(n uint64) string { return fmt.Sprintf("49%054d", n) }

// DescribeLogStreams lists a group's streams ordered by name (default) or by last event time, up
// to 50 per page. logStreamNamePrefix cannot be combined with ordering by LastEventTime.
func (s *Service) DescribeLogStreams(ctx context.Context, in *DescribeLogStreamsInput) (*DescribeLogStreamsOutput, error) {
	return bus.Call(ctx, s.b, op("DescribeLogStreams", true), in, func(ctx context.Context, in *DescribeLogStreamsInput) (*DescribeLogStreamsOutput, error) {
		limit, err := checkLimit(in.Limit, "limit", MaxDescribeLimit, MaxDescribeLimit)
		if err != nil {
			return nil, err
		}
		if in.LogStreamNamePrefix != "" {
			if err := checkColonFreeName(in.LogStreamNamePrefix, "logStreamNamePrefix"); err != nil {
				return nil, err
			}
		}
		byTime := false
		switch in.OrderBy {
		case "", "LogStreamName":
		case "LastEventTime":
			byTime = true
			if in.LogStreamNamePrefix != "" {
				return nil, invalidParameter("Cannot order by LastEventTime with a logStreamNamePrefix.")
			}
		default:
			return nil, violation(in.OrderBy, "orderBy", "Member must satisfy enum value set: [LogStreamName, LastEventTime]")
		}
		g, err := s.lookupGroup(in.LogGroupName, in.LogGroupIdentifier)
		if err != nil {
			return nil, err
		}
		desc := in.Descending != nil && *in.Descending
		items := make([]LogStream, 0, len(g.streams))
		for _, st := range g.streams {
			if strings.HasPrefix(st.name, in.LogStreamNamePrefix) {
				items = append(items, st.describe())
			}
		}
		key := func(l LogStream) int64 {
			if l.LastEventTimestamp == nil {
				return 0
			}
			return *l.LastEventTimestamp
		}
		slices.SortFunc(items, func(a, b LogStream) int {
			c := 0
			if byTime {
				c = cmp.Compare(key(a), key(b))
			}
			if c == 0 {
				c = strings.Compare(a.LogStreamName, b.LogStreamName)
			}
			if desc {
				c = -c
			}
			return c
		})
		start := 0
		if in.NextToken != "" {
			pos, err := decodeToken("streams", in.NextToken)
			if err != nil {
				return nil, err
			}
			// The token names the last stream returned; continue after it (or where it would be).
			start = len(items)
			for i, it := range items {
				if it.LogStreamName == pos {
					start = i + 1
					break
				}
			}
		}
		items = items[start:]
		out := &DescribeLogStreamsOutput{LogStreams: items}
		if len(items) > limit {
			out.LogStreams = items[:limit]
			out.NextToken = encodeToken("streams", items[limit-1].LogStreamName)
		}
		return out, nil
	})
}
