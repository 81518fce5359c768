package insights

import (
	"errors"
	"slices"
	"testing"

	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"
	"github.com/watchsim/watchsim/internal/awserr"
)

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		query      string
		msg        string
		start, end int64
	}{
		// recorded against AWS (boto/boto3#3450)
		{`fields @timestamp, custom_field | count()`, "mismatched input 'count' expecting {K_PARSE, K_SEARCH, K_FIELDS, K_DISPLAY, K_FILTER, K_SORT, K_ORDER, K_HEAD, K_LIMIT, K_TAIL}", 34, 38},
		{``, "mismatched input '<EOF>' expecting {K_PARSE, K_SEARCH, K_FIELDS, K_DISPLAY, K_FILTER, K_SORT, K_ORDER, K_HEAD, K_LIMIT, K_TAIL}", 0, 0},
		{`fields a as x | fields b as x`, "Ephemeral field is already defined: x", 28, 28},
		{`fields a as x | parse @message "* *" as y, x`, "Ephemeral field is already defined: x", 43, 43},
		{`stats count(*) | stats count(*) | stats count(*)`, "a query can contain at most two stats commands", 34, 38},
		{`stats count(*) by x | sort x | stats count(*)`, "sort and limit must come after the second stats command", 31, 35},
		{`stats count(*) by x | limit 3 | stats count(*)`, "sort and limit must come after the second stats command", 32, 36},
		{`fields a | dedup a | sort a`, "only limit can follow dedup", 21, 24},
		{`filter a = `, "mismatched input '<EOF>' expecting an expression", 11, 11},
		{`fields a b`, "extraneous input 'b' expecting {<EOF>, '|'}", 9, 9},
		{`filter x like /a(/`, "invalid regular expression: missing closing ): `a(`", 14, 17},
		{`stats count(*) by bin(5x)`, "invalid time period: 5x", 22, 23},
		{`stats count(*) by bin(0m)`, "invalid time period: 0m", 22, 23},
		{`fields sum(a)`, "the aggregation function sum can only be used in stats", 7, 9},
		{`stats a`, "stats needs an aggregation function: a", 6, 6},
		{`stats sum(max(a))`, "aggregation functions cannot be nested: max", 10, 12},
		{`fields nosuchfn(a)`, "Unknown function: nosuchfn", 7, 14},
		{`fields strlen(a, b)`, "wrong number of arguments to strlen: 2", 7, 12},
		{`parse @message "[*] *" as a`, "the parse pattern has 2 '*' but 1 field names follow", 15, 21},
		{`parse @message /(x)/`, "the parse regular expression has no named capture group", 15, 19},
		{`limit 0`, "limit takes a whole number from 1 to 10000", 6, 6},
		{`filter @message like "日本" | fields ~`, "token recognition error at: '~'", 35, 35},
		{`filter a = "unterminated`, "unterminated string literal", 11, 23},
	} {
		_, err := Parse(tc.query)
		var me *MalformedQueryError
		if !errors.As(err, &me) {
			t.Errorf("Parse(%q) = %v, want a MalformedQueryError", tc.query, err)
			continue
		}
		if me.Message != tc.msg || me.Location != (Location{tc.start, tc.end}) {
			t.Errorf("Parse(%q) = %q at %+v, want %q at {%d %d}", tc.query, me.Message, me.Location, tc.msg, tc.start, tc.end)
		}
	}
}

func TestMalformedQueryErrorIsAnAWSError(t *testing.T) {
	_, err := Parse(`fields | x`)
	var api smithy.APIError
	if !errors.As(err, &api) || api.ErrorCode() != MalformedQueryException || api.ErrorFault() != smithy.FaultClient {
		t.Fatalf("errors.As APIError: %#v", err)
	}
	var ae *awserr.Error
	if !errors.As(err, &ae) || ae.Code != MalformedQueryException || ae.StatusCode != 400 || ae.Message != api.ErrorMessage() {
		t.Fatalf("errors.As *awserr.Error: %#v", ae)
	}
	if err.(*MalformedQueryError).HTTPStatusCode() != 400 || err.Error() != "MalformedQueryException: "+api.ErrorMessage() {
		t.Fatalf("status or text: %v", err)
	}
}

func TestParseNotSimulated(t *testing.T) {
	for _, q := range []string{
		`pattern @message`, `fields @message | diff`, `anomaly`, `unmask(@message)`, `filterIndex requestId = "x"`,
		`lookup t k`, `fields a | join x`, `unnest a`, `head 5`, `tail 5`, `limit any`,
		`parse @message logfmt`, `SOURCE logGroups(namePrefix: ["a"], accountIdentifiers: ["1"]) | fields a`,
		`SOURCE "group" START=1 END=2 | fields a`, `fields parseDate(a, "yyyy")`, `fields strftime(@timestamp, "%Y")`,
		`stats rate(latency, 1m) by bin(1m)`, `stats count(*) by bin(5m) offset 1h`, `fields isPublicIP(ip)`,
	} {
		if _, err := Parse(q); !awserr.IsNotSimulated(err) {
			t.Errorf("Parse(%q) = %v, want a NotSimulated error", q, err)
		}
	}
}

func TestQueryAccessors(t *testing.T) {
	q, err := Parse("SOURCE logGroups(namePrefix: [\"app/\", \"web\"], class: \"INFREQUENT_ACCESS\")\n| FIELDS @message | where @message like /x/ | filter a = 1 | stats count(*) as n by bin(1h) | sort n desc")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"source", "fields", "filter", "stats", "sort"}, q.Commands()); diff != "" {
		t.Errorf("Commands (-want +got):\n%s", diff)
	}
	src, ok := q.Source()
	if !ok || !slices.Equal(src.NamePrefixes, []string{"app/", "web"}) || src.Class != "INFREQUENT_ACCESS" {
		t.Errorf("Source = %+v, %v", src, ok)
	}
	if diff := cmp.Diff([]string{"bin(1h)", "n"}, q.Columns()); diff != "" || !q.IsAggregation() {
		t.Errorf("Columns (-want +got):\n%s", diff)
	}
	if _, err := Parse(q.String()); err != nil {
		t.Errorf("String() does not reparse: %v", err)
	}
	q, _ = Parse(`filter a = 1`)
	if _, ok := q.Source(); ok || !slices.Equal(q.Columns(), []string{"@timestamp", "@message", "@ptr"}) || q.IsAggregation() {
		t.Errorf("plain query: %v %v", q.Columns(), q.IsAggregation())
	}
}

func TestColumns(t *testing.T) {
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{`fields a, b | fields c`, []string{"a", "b", "c", "@ptr"}},
		{`fields a, strlen(b), a + 1 as x | display x, a`, []string{"x", "a", "@ptr"}},
		{`display a | display b`, []string{"b", "@ptr"}},
		{`fields a | stats count(*), avg(b) as m by c, bin(5m) as t | fields m * 2 as d`, []string{"c", "t", "count(*)", "m", "d"}},
		{`stats count() as c by bin(5m) | stats avg(c)`, []string{"avg(c)"}},
		{`fields @ptr, @message`, []string{"@message", "@ptr"}},
		{`parse @message "* *" as a, b`, []string{"@timestamp", "@message", "@ptr"}},
	} {
		q, err := Parse(tc.query)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.query, err)
			continue
		}
		if diff := cmp.Diff(tc.want, q.Columns()); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.query, diff)
		}
	}
}
