package insights

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The ascending order the sort page of the CloudWatch Logs User Guide shows.
func TestNaturalOrderMatchesTheDocumentation(t *testing.T) {
	want := []string{"!:", "#", "*%04", "0#", "5A", "111A", "2345_", "@", "@_", "A", "A9876fghj", "a12345hfh", "0"}
	got := slices.Clone(want)
	slices.Reverse(got)
	slices.SortFunc(got, func(a, b string) int { return sortCompare(str(a), str(b), false) })
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
}

func TestSortLimitDedupWindow(t *testing.T) {
	evs := msgEvents(t, "2023-01-01T00:00:00Z", `{"k":"b","v":10}`, `{"k":"a","v":9}`, `{"k":"a","v":100}`, `{"v":1}`, `{"k":"c"}`)
	for _, tc := range []struct {
		query string
		w     Window
		want  []string
	}{
		{`fields k, v | sort v desc`, everything, []string{"k=a v=100 @ptr=pc", "k=b v=10 @ptr=pa", "k=a v=9 @ptr=pb", "v=1 @ptr=pd", "k=c @ptr=pe"}},
		{`fields k, v | sort v | limit 2`, everything, []string{"v=1 @ptr=pd", "k=a v=9 @ptr=pb"}},
		{`fields k | sort k, @timestamp`, everything, []string{"k=a @ptr=pb", "k=a @ptr=pc", "k=b @ptr=pa", "k=c @ptr=pe", "@ptr=pd"}},
		{`fields k | limit 2`, everything, []string{"k=c @ptr=pe", "@ptr=pd"}},
		{`fields k`, Window{Start: 0, End: 1 << 50, Limit: 1}, []string{"k=c @ptr=pe"}},
		{`fields k | dedup k | limit 3`, everything, []string{"k=c @ptr=pe", "@ptr=pd", "k=a @ptr=pc"}},
		{`stats count(*) as n, sum(v) as total by k`, everything, []string{"k=a n=2 total=109", "k=b n=1 total=10", "k=c n=1", "n=1 total=1"}},
		{`stats count(*) as n by k | filter n > 1`, everything, []string{"k=a n=2"}},
		{`filter v > 1000 | stats count(*), sum(v)`, everything, []string{"count(*)=0"}},
		{`filter v > 1000 | stats count(*) by k`, everything, nil},
		{`stats earliest(v) as e, latest(v) as l, sortsFirst(k) as f, sortsLast(k) as s, count_distinct(k) as d, min(k) as mn`, everything,
			[]string{"e=10 l=1 f=a s=c d=3 mn=a"}},
		{`fields @message`, Window{Start: msgEvents(t, "2023-01-01T00:00:00Z", "")[0].Timestamp + 1000, End: msgEvents(t, "2023-01-01T00:00:00Z", "")[0].Timestamp + 2000},
			[]string{`@message={"k":"a","v":100} @ptr=pc`, `@message={"k":"a","v":9} @ptr=pb`}},
	} {
		if diff := cmp.Diff(tc.want, table(run(t, tc.query, evs, tc.w))); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.query, diff)
		}
	}
	q, _ := Parse(`fields k`)
	if _, err := q.Run(slices.Values(evs), Window{Limit: MaxLimit + 1}); err == nil {
		t.Error("a limit above MaxLimit is accepted")
	}
}

func TestDiscoverFields(t *testing.T) {
	ev := Event{Message: `{"a":{"b":[1,{"c":"x"}],"d":null,"e":{}},"@id":"1","s":"{\"not\":\"parsed\"}","t":true,"a.b.0":2}`, LogStream: "s", Log: "1:g"}
	want := []string{"@ingestionTime", "@log", "@logStream", "@message", "@timestamp", "a.b.0", "a.b.1.c", "@@id", "s", "t"}
	if diff := cmp.Diff(want, DiscoverFields(ev)); diff != "" {
		t.Errorf("DiscoverFields (-want +got):\n%s", diff)
	}
	if got := DiscoverFields(Event{Message: "not json {"}); len(got) != 3 {
		t.Errorf("text event: %v", got)
	}
	var b []byte
	b = append(b, '{')
	for i := range 250 {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `"f`...)
		b = append(b, byte('a'+i/26%26), byte('a'+i%26))
		b = append(b, `":1`...)
	}
	b = append(b, '}')
	if got := DiscoverFields(Event{Message: string(b)}); len(got) != 3+MaxDiscoveredFields {
		t.Errorf("wide event: %d fields", len(got))
	}
	// the 201st field is not discovered for queries either
	res := run(t, "fields faa, fhr, fhs", []Event{{Message: string(b)}}, everything)
	if diff := cmp.Diff([]string{"faa=1 fhr=1"}, table(res)); diff != "" {
		t.Errorf("wide event query (-want +got):\n%s", diff)
	}
}
