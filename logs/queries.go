package logs

import (
	"context"
	"iter"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/logs/insights"
)

// CloudWatch Logs Insights on the simulation clock ("Analyzing log data with CloudWatch Logs
// Insights" in the CloudWatch Logs User Guide; StartQuery, GetQueryResults, StopQuery,
// DescribeQueries, GetLogRecord and GetLogGroupFields API reference). The query language is the
// pure engine in package logs/insights. StartQuery checks the syntax at once (MalformedQueryException
// with its location) and runs the query over the events stored at that instant; the query is
// Running until WithQueryDuration has passed on the clock (default 0: Complete as soon as the
// caller looks), then Complete — or Timeout, with no results, when the duration is 60 minutes or
// more, as AWS ends queries after 60 minutes. While Running, GetQueryResults returns no rows yet
// [derived]. Results stay retrievable for 7 days. At most 100 queries run at once
// (WithMaxConcurrentQueries).

// Query statuses (QueryStatus in the API reference).
const (
	QueryScheduled = "Scheduled"
	QueryRunning   = "Running"
	QueryComplete  = "Complete"
	QueryFailed    = "Failed"
	QueryCancelled = "Cancelled"
	QueryTimeout   = "Timeout"
)

const (
	queryTimeout       = 60 * time.Minute
	queryResultsKept   = 7 * 24 * time.Hour
	maxQueryLogGroups  = 50
	maxQueryStringSize = 10000
)

// ResultField is the AWS shape ResultField: one column of a result row.
type ResultField = insights.ResultField

// QueryStatistics is the AWS shape QueryStatistics.
type QueryStatistics struct {
	RecordsMatched float64 `json:"recordsMatched"`
	RecordsScanned float64 `json:"recordsScanned"`
	BytesScanned   float64 `json:"bytesScanned"`
}

// QueryCompileErrorLocation is the AWS shape QueryCompileErrorLocation.
type QueryCompileErrorLocation = insights.Location

// StartQueryInput is the input of StartQuery. StartTime and EndTime are epoch seconds, both
// inclusive.
type StartQueryInput struct {
	// QueryLanguage is CWLI (default); SQL and PPL are not simulated.
	QueryLanguage       string   `json:"queryLanguage,omitempty"`
	LogGroupName        string   `json:"logGroupName,omitempty"`
	LogGroupNames       []string `json:"logGroupNames,omitempty"`
	LogGroupIdentifiers []string `json:"logGroupIdentifiers,omitempty"`
	StartTime           *int64   `json:"startTime"`
	EndTime             *int64   `json:"endTime"`
	QueryString         string   `json:"queryString"`
	Limit               *int32   `json:"limit,omitempty"`
}

// StartQueryOutput is the output of StartQuery.
type StartQueryOutput struct {
	QueryID string `json:"queryId"`
}

// GetQueryResultsInput is the input of GetQueryResults.
type GetQueryResultsInput struct {
	QueryID string `json:"queryId"`
}

// GetQueryResultsOutput is the output of GetQueryResults.
type GetQueryResultsOutput struct {
	QueryLanguage string           `json:"queryLanguage"`
	Results       [][]ResultField  `json:"results"`
	Statistics    *QueryStatistics `json:"statistics,omitempty"`
	Status        string           `json:"status"`
	EncryptionKey string           `json:"encryptionKey,omitempty"`
}

// StopQueryInput is the input of StopQuery.
type StopQueryInput struct {
	QueryID string `json:"queryId"`
}

// StopQueryOutput is the output of StopQuery.
type StopQueryOutput struct {
	Success bool `json:"success"`
}

// DescribeQueriesInput is the input of DescribeQueries.
type DescribeQueriesInput struct {
	LogGroupName  string `json:"logGroupName,omitempty"`
	Status        string `json:"status,omitempty"`
	QueryLanguage string `json:"queryLanguage,omitempty"`
	MaxResults    *int32 `json:"maxResults,omitempty"`
	NextToken     string `json:"nextToken,omitempty"`
}

// QueryInfo is the AWS shape QueryInfo.
type QueryInfo struct {
	QueryLanguage string `json:"queryLanguage"`
	QueryID       string `json:"queryId"`
	QueryString   string `json:"queryString"`
	Status        string `json:"status"`
	CreateTime    int64  `json:"createTime"`
	LogGroupName  string `json:"logGroupName,omitempty"`
}

// DescribeQueriesOutput is the output of DescribeQueries.
type DescribeQueriesOutput struct {
	Queries   []QueryInfo `json:"queries"`
	NextToken string      `json:"nextToken,omitempty"`
}

// GetLogRecordInput is the input of GetLogRecord.
type GetLogRecordInput struct {
	LogRecordPointer string `json:"logRecordPointer"`
	Unmask           *bool  `json:"unmask,omitempty"`
}

// GetLogRecordOutput is the output of GetLogRecord: the event's fields, all as strings.
type GetLogRecordOutput struct {
	LogRecord map[string]string `json:"logRecord"`
}

// GetLogGroupFieldsInput is the input of GetLogGroupFields. Time is epoch seconds.
type GetLogGroupFieldsInput struct {
	LogGroupName       string `json:"logGroupName,omitempty"`
	LogGroupIdentifier string `json:"logGroupIdentifier,omitempty"`
	Time               *int64 `json:"time,omitempty"`
}

// LogGroupField is the AWS shape LogGroupField.
type LogGroupField struct {
	Name    string `json:"name"`
	Percent int32  `json:"percent"`
}

// GetLogGroupFieldsOutput is the output of GetLogGroupFields.
type GetLogGroupFieldsOutput struct {
	LogGroupFields []LogGroupField `json:"logGroupFields"`
}

type query struct {
	info    QueryInfo
	groups  []string
	created time.Time
	result  *insights.Result
	done    time.Time // when it becomes Complete (or Timeout)
	timeout bool
}

// status returns the query's status at now, settling Running → Complete/Timeout on the clock.
func (q *query) status(now time.Time) string {
	if q.info.Status == QueryRunning && !now.Before(q.done) {
		q.info.Status = QueryComplete
		if q.timeout {
			q.info.Status = QueryTimeout
		}
	}
	return q.info.Status
}

// QueryError is the MalformedQueryException of StartQuery: the compile error with its location.
type QueryError = insights.MalformedQueryError

// StartQuery starts a Logs Insights query over one or more log groups, or the groups a SOURCE
// command selects.
func (s *Service) StartQuery(ctx context.Context, in *StartQueryInput) (*StartQueryOutput, error) {
	return bus.Call(ctx, s.b, op("StartQuery", false), in, func(ctx context.Context, in *StartQueryInput) (*StartQueryOutput, error) {
		if in.StartTime == nil {
			return nil, violation(nil, "startTime", "Member must not be null")
		}
		if in.EndTime == nil {
			return nil, violation(nil, "endTime", "Member must not be null")
		}
		if len(in.QueryString) > maxQueryStringSize {
			return nil, violation(in.QueryString, "queryString", "Member must have length less than or equal to 10000")
		}
		limit, err := checkLimit(in.Limit, "limit", insights.MaxLimit, 0)
		if err != nil {
			return nil, err
		}
		switch in.QueryLanguage {
		case "", "CWLI":
		case "SQL", "PPL":
			return nil, bus.NotSimulated("logs", "Logs Insights query language "+in.QueryLanguage)
		default:
			return nil, violation(in.QueryLanguage, "queryLanguage", "Member must satisfy enum value set: [CWLI, SQL, PPL]")
		}
		if *in.EndTime < *in.StartTime {
			return nil, invalidParameter("endTime must be greater than or equal to startTime.")
		}
		q, err := insights.Parse(in.QueryString)
		if err != nil {
			return nil, err
		}
		scopes := 0
		for _, set := range []bool{in.LogGroupName != "", len(in.LogGroupNames) > 0, len(in.LogGroupIdentifiers) > 0} {
			if set {
				scopes++
			}
		}
		src, hasSource := q.Source()
		if hasSource {
			scopes++
		}
		if scopes != 1 {
			return nil, invalidParameter("Exactly one of logGroupName, logGroupNames, logGroupIdentifiers or a SOURCE command must be specified.")
		}
		if len(in.LogGroupNames) > maxQueryLogGroups || len(in.LogGroupIdentifiers) > maxQueryLogGroups {
			return nil, invalidParameter("A query can search at most 50 log groups.")
		}
		var names []string
		switch {
		case in.LogGroupName != "":
			names = []string{in.LogGroupName}
		case len(in.LogGroupNames) > 0:
			names = in.LogGroupNames
		case len(in.LogGroupIdentifiers) > 0:
			for _, id := range in.LogGroupIdentifiers {
				names = append(names, strings.TrimPrefix(id, s.b.ARN("logs", "log-group:")))
			}
		default:
			for _, g := range s.sortedGroups() {
				if (src.Class == "" || g.class == src.Class) && slices.ContainsFunc(src.NamePrefixes, func(p string) bool { return strings.HasPrefix(g.name, p) }) {
					names = append(names, g.name)
				}
			}
			if len(names) > maxQueryLogGroups {
				names = names[:maxQueryLogGroups]
			}
		}
		var groups []*group
		for _, n := range names {
			g := s.groups[n]
			if g == nil {
				return nil, bus.ClientErrorf(ResourceNotFoundException, "Log group '%s' does not exist for account ID '%s' (Service: AWSLogs; Status Code: 400; Error Code: ResourceNotFoundException; Request ID: %s; Proxy: null)",
					n, s.b.Account(), s.b.UUID())
			}
			g.expire(s.nowMillis())
			groups = append(groups, g)
		}
		running := 0
		now := s.b.Now()
		for _, other := range s.queryOrder {
			if st := other.status(now); st == QueryRunning || st == QueryScheduled {
				running++
			}
		}
		if running >= s.opts.maxQueries {
			return nil, bus.ClientErrorf(LimitExceededException, "Account maximum query concurrency limit of [%d] reached.", s.opts.maxQueries)
		}
		w := insights.Window{Start: *in.StartTime * 1000, End: *in.EndTime*1000 + 999, Limit: limit, Now: now.UnixMilli()}
		res, err := q.Run(s.queryEvents(groups, w.Start, w.End), w)
		if err != nil {
			return nil, err
		}
		qr := &query{groups: names, created: now, result: res, done: now.Add(s.opts.queryDuration)}
		if s.opts.queryDuration >= queryTimeout {
			qr.timeout, qr.done = true, now.Add(queryTimeout)
		}
		quoted := make([]string, len(names))
		for i, n := range names {
			quoted[i] = strconv.Quote(n)
		}
		stored := in.QueryString
		if !hasSource {
			stored = "SOURCE " + strings.Join(quoted, " ") + " START=" + strconv.FormatInt(*in.StartTime, 10) + "000 END=" +
				strconv.FormatInt(*in.EndTime, 10) + "999 | " + in.QueryString
		}
		qr.info = QueryInfo{QueryLanguage: "CWLI", QueryID: s.b.UUID(), QueryString: stored, Status: QueryRunning, CreateTime: now.UnixMilli()}
		if len(names) > 0 {
			qr.info.LogGroupName = names[0]
		}
		s.queries[qr.info.QueryID] = qr
		s.queryOrder = append(s.queryOrder, qr)
		return &StartQueryOutput{QueryID: qr.info.QueryID}, nil
	})
}

// queryEvents yields the events of groups with timestamps in [lo, hi].
func (s *Service) queryEvents(groups []*group, lo, hi int64) iter.Seq[insights.Event] {
	acct := s.b.Account()
	return func(yield func(insights.Event) bool) {
		for _, g := range groups {
			log := acct + ":" + g.name
			for _, st := range g.streams {
				es := &st.st
				for k := es.lowerBound(lo); k < es.len(); k++ {
					i := es.at(k)
					if es.ts[i] > hi {
						break
					}
					seq := es.seq(i)
					e := insights.Event{Timestamp: es.ts[i], IngestionTime: es.ingestion(i), Message: es.message(i), LogStream: st.name,
						Log: log, Ptr: recordPointer(g.num, seq, st.name)}
					if !yield(e) {
						return
					}
				}
			}
		}
	}
}

// recordPointer is an event's @ptr: the group's number, the event's sequence number and its stream.
func recordPointer(group, seq uint64, stream string) string {
	return "C" + strconv.FormatUint(group, 36) + "." + strconv.FormatUint(seq, 36) + "." + stream
}

func (s *Service) lookupQuery(id string) (*query, error) {
	if err := checkLen(id, "queryId", 1, 256); err != nil {
		return nil, err
	}
	q := s.queries[id]
	if q == nil || !s.b.Now().Before(q.created.Add(queryResultsKept)) {
		return nil, bus.ClientError(ResourceNotFoundException, "Query does not exist.")
	}
	return q, nil
}

// GetQueryResults returns a query's rows (arrays of field/value pairs in column order, @ptr last)
// and statistics once it is Complete.
func (s *Service) GetQueryResults(ctx context.Context, in *GetQueryResultsInput) (*GetQueryResultsOutput, error) {
	return bus.Call(ctx, s.b, op("GetQueryResults", true), in, func(ctx context.Context, in *GetQueryResultsInput) (*GetQueryResultsOutput, error) {
		q, err := s.lookupQuery(in.QueryID)
		if err != nil {
			return nil, err
		}
		out := &GetQueryResultsOutput{QueryLanguage: "CWLI", Status: q.status(s.b.Now()), Results: [][]ResultField{}, Statistics: &QueryStatistics{}}
		if out.Status == QueryComplete {
			out.Results = q.result.Rows
			st := q.result.Statistics
			*out.Statistics = QueryStatistics{RecordsMatched: st.RecordsMatched, RecordsScanned: st.RecordsScanned, BytesScanned: st.BytesScanned}
		}
		return out, nil
	})
}

// StopQuery cancels a Scheduled or Running query; stopping a query that has ended is an error.
func (s *Service) StopQuery(ctx context.Context, in *StopQueryInput) (*StopQueryOutput, error) {
	return bus.Call(ctx, s.b, op("StopQuery", false), in, func(ctx context.Context, in *StopQueryInput) (*StopQueryOutput, error) {
		q, err := s.lookupQuery(in.QueryID)
		if err != nil {
			return nil, err
		}
		if st := q.status(s.b.Now()); st != QueryRunning && st != QueryScheduled {
			return nil, invalidParameter("Query " + q.info.QueryID + " is not running (status " + st + ").")
		}
		q.info.Status = QueryCancelled
		q.result = nil
		return &StopQueryOutput{Success: true}, nil
	})
}

// DescribeQueries lists queries of the last 7 days, newest first.
func (s *Service) DescribeQueries(ctx context.Context, in *DescribeQueriesInput) (*DescribeQueriesOutput, error) {
	return bus.Call(ctx, s.b, op("DescribeQueries", true), in, func(ctx context.Context, in *DescribeQueriesInput) (*DescribeQueriesOutput, error) {
		limit, err := checkLimit(in.MaxResults, "maxResults", 1000, 1000)
		if err != nil {
			return nil, err
		}
		switch in.Status {
		case "", QueryScheduled, QueryRunning, QueryComplete, QueryFailed, QueryCancelled, QueryTimeout, "Unknown":
		default:
			return nil, violation(in.Status, "status", "Member must satisfy enum value set: [Scheduled, Running, Complete, Failed, Cancelled, Timeout, Unknown]")
		}
		start := 0
		if in.NextToken != "" {
			pos, err := decodeToken("queries", in.NextToken)
			if err != nil {
				return nil, err
			}
			if start, err = strconv.Atoi(pos); err != nil {
				return nil, invalidParameter("The specified nextToken is invalid.")
			}
		}
		now := s.b.Now()
		out := &DescribeQueriesOutput{Queries: []QueryInfo{}}
		k := 0
		for i := len(s.queryOrder) - 1; i >= 0; i-- {
			q := s.queryOrder[i]
			st := q.status(now)
			if !now.Before(q.created.Add(queryResultsKept)) || in.Status != "" && st != in.Status ||
				in.LogGroupName != "" && !slices.Contains(q.groups, in.LogGroupName) || in.QueryLanguage != "" && in.QueryLanguage != "CWLI" {
				continue
			}
			if k++; k <= start {
				continue
			}
			if len(out.Queries) == limit {
				out.NextToken = encodeToken("queries", strconv.Itoa(start+limit))
				break
			}
			out.Queries = append(out.Queries, q.info)
		}
		return out, nil
	})
}

// GetLogRecord returns every field of the event a result row's @ptr points to, as strings.
func (s *Service) GetLogRecord(ctx context.Context, in *GetLogRecordInput) (*GetLogRecordOutput, error) {
	return bus.Call(ctx, s.b, op("GetLogRecord", true), in, func(ctx context.Context, in *GetLogRecordInput) (*GetLogRecordOutput, error) {
		if in.Unmask != nil && *in.Unmask {
			return nil, bus.NotSimulated("logs", "GetLogRecord unmask (data protection)")
		}
		if in.LogRecordPointer == "" {
			return nil, violation(nil, "logRecordPointer", "Member must not be null")
		}
		bad := invalidParameter("The specified log record pointer is invalid.")
		parts := strings.SplitN(strings.TrimPrefix(in.LogRecordPointer, "C"), ".", 3)
		if len(parts) != 3 || !strings.HasPrefix(in.LogRecordPointer, "C") {
			return nil, bad
		}
		num, err1 := strconv.ParseUint(parts[0], 36, 64)
		seq, err2 := strconv.ParseUint(parts[1], 36, 64)
		if err1 != nil || err2 != nil {
			return nil, bad
		}
		for _, g := range s.groups {
			if g.num != num {
				continue
			}
			g.expire(s.nowMillis())
			st := g.streams[parts[2]]
			if st == nil {
				break
			}
			es := &st.st
			// The batches of a stream hold increasing sequence numbers.
			k := sort.Search(len(es.batches), func(k int) bool { return es.batches[k].seq > seq }) - 1
			if k < 0 {
				break
			}
			b := es.batches[k]
			end := es.len()
			if k+1 < len(es.batches) {
				end = es.batches[k+1].start
			}
			i := b.start + int(seq-b.seq)
			if i >= end {
				break
			}
			return &GetLogRecordOutput{LogRecord: map[string]string{
				"@ingestionTime": strconv.FormatInt(b.ingest, 10),
				"@log":           s.b.Account() + ":" + g.name,
				"@logStream":     st.name,
				"@message":       strings.Clone(es.message(i)),
				"@timestamp":     strconv.FormatInt(es.ts[i], 10),
			}}, nil
		}
		return nil, bus.ClientError(ResourceNotFoundException, "The specified log record does not exist.")
	})
}

// GetLogGroupFields lists the fields of a group's events in the 8 minutes either side of time (or
// the last 15 minutes), with the percentage of events holding each, most frequent first.
func (s *Service) GetLogGroupFields(ctx context.Context, in *GetLogGroupFieldsInput) (*GetLogGroupFieldsOutput, error) {
	return bus.Call(ctx, s.b, op("GetLogGroupFields", true), in, func(ctx context.Context, in *GetLogGroupFieldsInput) (*GetLogGroupFieldsOutput, error) {
		g, err := s.lookupGroup(in.LogGroupName, in.LogGroupIdentifier)
		if err != nil {
			return nil, err
		}
		if g.class != ClassStandard {
			return nil, invalidParameter("Field discovery is only supported for log groups of the STANDARD log group class.")
		}
		now := s.nowMillis()
		lo, hi := now-15*60000, now
		if in.Time != nil {
			lo, hi = *in.Time*1000-8*60000, *in.Time*1000+8*60000
		}
		counts := map[string]int{}
		total := 0
		for e := range s.queryEvents([]*group{g}, lo, hi) {
			total++
			for _, f := range insights.DiscoverFields(e) {
				counts[f]++
			}
		}
		out := &GetLogGroupFieldsOutput{LogGroupFields: []LogGroupField{}}
		for f, n := range counts {
			out.LogGroupFields = append(out.LogGroupFields, LogGroupField{Name: f, Percent: int32(n * 100 / total)})
		}
		slices.SortFunc(out.LogGroupFields, func(a, b LogGroupField) int {
			if a.Percent != b.Percent {
				return int(b.Percent - a.Percent)
			}
			return strings.Compare(a.Name, b.Name)
		})
		return out, nil
	})
}
