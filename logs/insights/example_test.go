package insights_test

import (
	"errors"
	"fmt"
	"slices"

	"github.com/watchsim/watchsim/logs/insights"
)

func events() []insights.Event {
	return []insights.Event{
		{Timestamp: 1716099016682, Message: `{"level":"INFO","latency":120}`, LogStream: "web", Log: "123456789012:app", Ptr: "p1"},
		{Timestamp: 1716099027559, Message: `{"level":"ERROR","latency":950}`, LogStream: "web", Log: "123456789012:app", Ptr: "p2"},
		{Timestamp: 1716099335743, Message: `{"level":"ERROR","latency":400}`, LogStream: "web", Log: "123456789012:app", Ptr: "p3"},
	}
}

func ExampleParse() {
	q, err := insights.Parse(`filter level = "ERROR" | fields @timestamp, latency`)
	if err != nil {
		panic(err)
	}
	res, _ := q.Run(slices.Values(events()), insights.Window{Start: 1716099000000, End: 1716099999999})
	for _, row := range res.Rows {
		fmt.Println(row)
	}
	fmt.Printf("%+v\n", res.Statistics)
	// Output:
	// [{@timestamp 2024-05-19 06:15:35.743} {latency 400} {@ptr p3}]
	// [{@timestamp 2024-05-19 06:10:27.559} {latency 950} {@ptr p2}]
	// {RecordsMatched:2 RecordsScanned:3 BytesScanned:152}
}

func ExampleQuery_Run_stats() {
	q, _ := insights.Parse(`stats count(*) as n, avg(latency) by bin(5m)`)
	res, _ := q.Run(slices.Values(events()), insights.Window{Start: 0, End: 1 << 50})
	for _, row := range res.Rows {
		fmt.Println(row)
	}
	// Output:
	// [{bin(5m) 2024-05-19 06:15:00.000} {n 1} {avg(latency) 400}]
	// [{bin(5m) 2024-05-19 06:10:00.000} {n 2} {avg(latency) 535}]
}

func ExampleParse_malformed() {
	_, err := insights.Parse(`fields @timestamp, custom_field | count()`)
	var me *insights.MalformedQueryError
	if errors.As(err, &me) {
		fmt.Println(me.ErrorCode())
		fmt.Println(me.Message)
		fmt.Printf("%+v\n", me.Location)
	}
	// Output:
	// MalformedQueryException
	// mismatched input 'count' expecting {K_PARSE, K_SEARCH, K_FIELDS, K_DISPLAY, K_FILTER, K_SORT, K_ORDER, K_HEAD, K_LIMIT, K_TAIL}
	// {StartCharOffset:34 EndCharOffset:38}
}

func ExampleDiscoverFields() {
	fmt.Println(insights.DiscoverFields(insights.Event{Message: `{"user":{"id":7},"tags":["a","b"]}`, LogStream: "s", Log: "1:g"}))
	// Output: [@ingestionTime @log @logStream @message @timestamp user.id tags.0 tags.1]
}
