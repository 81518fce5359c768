package insights

import (
	"errors"
	"slices"
	"testing"

	"github.com/watchsim/watchsim/internal/awserr"
)

// fuzzEvents are the events every fuzzed query runs over.
func fuzzEvents() []Event {
	return []Event{
		{Timestamp: 1_700_000_000_000, Message: `{"a":1,"b":"x","c":{"d":[1,2,{"e":"f"}]},"@x":true,"n":null}`, LogStream: "s", Log: "1:g", Ptr: "p1"},
		{Timestamp: 1_700_000_060_000, Message: "[ERROR] 10.0.0.1 user=alice latency=12ms", LogStream: "s", Ptr: "p2"},
		{Timestamp: 1_700_000_120_000, Message: `{"a":"2","b":["x","y"],"latency":350.5}`, Ptr: "p3"},
		{Timestamp: 1_700_000_120_000, Message: ""},
	}
}

// FuzzParse checks that Parse never panics; that a rejected query gets a MalformedQueryException
// with a location inside the query or a not-simulated error; and that an accepted query
// reparses from its String() and runs.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`fields @timestamp, @message | sort @timestamp desc | limit 20`,
		`filter @message like /ERROR/ | stats count(*) by bin(1m)`,
		`parse @message "[*] *" as level, msg | stats count(*) as n by level | sort n desc`,
		`fields jsonParse(@message) as j | filter j.c.d[2].e = "f" | display j`,
		"# comment\nfields `foo-bar`, @`x.y` | filter a in [1, 2] and not b like \"x\"",
		`stats avg(latency), pct(latency, 99), stddev(latency) by bin(5m) | stats max(avg(latency))`,
		`SOURCE logGroups(namePrefix: ["app"], class: "STANDARD") | fields @message`,
		`fields if(a > 1, "big", "small") as size, case(a = 1, "one", a = 2, "two", "many") as word`,
		`filter isIpInSubnet(ip, "10.0.0.0/8") | dedup ip | limit 5`,
		`pattern @message`,
	} {
		f.Add(s)
	}
	evs := fuzzEvents()
	f.Fuzz(func(t *testing.T, query string) {
		q, err := Parse(query)
		if err != nil {
			if awserr.IsNotSimulated(err) {
				return
			}
			var me *MalformedQueryError
			if !errors.As(err, &me) || me.Message == "" {
				t.Fatalf("Parse(%q) = %#v, want a MalformedQueryError", query, err)
			}
			n := charOffset(query, len(query))
			if me.Location.StartCharOffset < 0 || me.Location.StartCharOffset > n ||
				me.Location.EndCharOffset < me.Location.StartCharOffset || me.Location.EndCharOffset > n {
				t.Fatalf("Parse(%q): location %+v outside the query (%d characters)", query, me.Location, n)
			}
			return
		}
		if _, err := Parse(q.String()); err != nil {
			t.Fatalf("reparsing %q: %v", q.String(), err)
		}
		if _, err := q.Run(slices.Values(evs), Window{Start: 0, End: 1 << 50, Now: 1_700_000_200_000}); err != nil {
			t.Fatalf("Run(%q): %v", query, err)
		}
	})
}
