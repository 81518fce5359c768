package logs_test

import (
	"errors"
	"testing"
	"time"

	"github.com/watchsim/watchsim/logs"
)

func TestInsightsQueryLifecycle(t *testing.T) {
	s, b := newService(t, logs.WithQueryDuration(30*time.Second))
	mustGroup(t, s, "demo", "DemoStream")
	now := ms(b.Now())
	put(t, s, "demo", "DemoStream", []int64{now - 3000, now - 2000, now - 1000}, "Test BENCHMARK 1", "Test BENCHMARK 2", "Test ERROR 3")
	start, end := ptr((now-60000)/1000), ptr(now/1000)
	out, err := s.StartQuery(ctx, &logs.StartQueryInput{LogGroupName: "demo", StartTime: start, EndTime: end,
		QueryString: "fields @timestamp, @message, @logStream | sort @timestamp desc"})
	if err != nil {
		t.Fatal(err)
	}
	r, _ := s.GetQueryResults(ctx, &logs.GetQueryResultsInput{QueryID: out.QueryID})
	if r.Status != logs.QueryRunning || len(r.Results) != 0 {
		t.Fatalf("while running: %+v", r)
	}
	b.Advance(30 * time.Second)
	r, _ = s.GetQueryResults(ctx, &logs.GetQueryResultsInput{QueryID: out.QueryID})
	if r.Status != logs.QueryComplete || len(r.Results) != 3 || r.Statistics.RecordsMatched != 3 || r.Statistics.RecordsScanned != 3 {
		t.Fatalf("complete: %+v", r)
	}
	row := r.Results[0]
	if row[0].Field != "@timestamp" || row[0].Value != time.UnixMilli(now-1000).UTC().Format("2006-01-02 15:04:05.000") ||
		row[1].Value != "Test ERROR 3" || row[2].Value != "DemoStream" || row[len(row)-1].Field != "@ptr" {
		t.Errorf("row = %+v", row)
	}
	rec, err := s.GetLogRecord(ctx, &logs.GetLogRecordInput{LogRecordPointer: row[len(row)-1].Value})
	if err != nil || rec.LogRecord["@message"] != "Test ERROR 3" || rec.LogRecord["@log"] != "123456789012:demo" ||
		rec.LogRecord["@timestamp"] != itoa(now-1000) {
		t.Errorf("GetLogRecord = %+v, %v", rec, err)
	}
	d, _ := s.DescribeQueries(ctx, &logs.DescribeQueriesInput{LogGroupName: "demo"})
	want := `SOURCE "demo" START=` + itoa(*start) + `000 END=` + itoa(*end) + `999 | fields @timestamp, @message, @logStream | sort @timestamp desc`
	if len(d.Queries) != 1 || d.Queries[0].QueryString != want || d.Queries[0].Status != logs.QueryComplete {
		t.Errorf("DescribeQueries = %+v", d.Queries)
	}
	_, err = s.StopQuery(ctx, &logs.StopQueryInput{QueryID: out.QueryID})
	wantErr(t, err, logs.InvalidParameterException, "")

	// Stats by bin, stopped while running.
	out, _ = s.StartQuery(ctx, &logs.StartQueryInput{LogGroupName: "demo", StartTime: start, EndTime: end,
		QueryString: "filter @message like /BENCHMARK/ | stats count(*) as n by bin(1m)"})
	st, err := s.StopQuery(ctx, &logs.StopQueryInput{QueryID: out.QueryID})
	if err != nil || !st.Success {
		t.Fatalf("StopQuery = %+v, %v", st, err)
	}
	r, _ = s.GetQueryResults(ctx, &logs.GetQueryResultsInput{QueryID: out.QueryID})
	if r.Status != logs.QueryCancelled {
		t.Errorf("status = %s", r.Status)
	}

	_, err = s.StartQuery(ctx, &logs.StartQueryInput{LogGroupName: "demo", StartTime: start, EndTime: end, QueryString: "fields @timestamp, custom_field | count()"})
	wantErr(t, err, logs.MalformedQueryException, "")
	var qe *logs.QueryError
	if !errors.As(err, &qe) || qe.Location.StartCharOffset == 0 {
		t.Errorf("compile error location: %+v", qe)
	}
	_, err = s.StartQuery(ctx, &logs.StartQueryInput{LogGroupName: "missing", StartTime: start, EndTime: end, QueryString: "fields @message"})
	wantErr(t, err, logs.ResourceNotFoundException, "")
	_, err = s.StartQuery(ctx, &logs.StartQueryInput{LogGroupName: "demo", StartTime: start, EndTime: end, QueryString: "pattern @message"})
	wantErr(t, err, "NotSimulated", "")
	f, err := s.GetLogGroupFields(ctx, &logs.GetLogGroupFieldsInput{LogGroupName: "demo"})
	if err != nil || len(f.LogGroupFields) < 5 || f.LogGroupFields[0].Percent != 100 {
		t.Errorf("GetLogGroupFields = %+v, %v", f, err)
	}
}

func TestInsightsTimeoutAndConcurrency(t *testing.T) {
	s, b := newService(t, logs.WithQueryDuration(2*time.Hour), logs.WithMaxConcurrentQueries(2))
	mustGroup(t, s, "g", "s")
	start, end := ptr(ms(b.Now())/1000-60), ptr(ms(b.Now())/1000)
	var ids []string
	for i := range 3 {
		out, err := s.StartQuery(ctx, &logs.StartQueryInput{LogGroupName: "g", StartTime: start, EndTime: end, QueryString: "stats count(*)"})
		if i == 2 {
			wantErr(t, err, logs.LimitExceededException, "Account maximum query concurrency limit of [2] reached.")
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, out.QueryID)
	}
	b.Advance(time.Hour)
	r, _ := s.GetQueryResults(ctx, &logs.GetQueryResultsInput{QueryID: ids[0]})
	if r.Status != logs.QueryTimeout {
		t.Errorf("after 60 minutes: %s", r.Status)
	}
	b.Advance(8 * 24 * time.Hour)
	_, err := s.GetQueryResults(ctx, &logs.GetQueryResultsInput{QueryID: ids[0]})
	wantErr(t, err, logs.ResourceNotFoundException, "")
}
