package query

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/watchsim/watchsim/internal/awserr"
)

func TestPaging(t *testing.T) {
	items := world(t)
	q, err := Parse("SELECT resourceId")
	if err != nil {
		t.Fatal(err)
	}
	all := q.Rows(items)
	if len(all) != 14 {
		t.Fatalf("%d rows, want the 14 queryable items (the deleted one is not)", len(all))
	}
	var got []string
	tok := ""
	var sizes []int
	for {
		p, err := q.Select(items, 5, tok)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, p.Results...)
		sizes = append(sizes, len(p.Results))
		if p.NextToken == "" {
			break
		}
		tok = p.NextToken
	}
	if !slices.Equal(got, all) || !slices.Equal(sizes, []int{5, 5, 4}) {
		t.Fatalf("pages %v: %q", sizes, got)
	}
	// default page size: 25 for a plain query, 500 for an aggregate one
	if p, _ := q.Select(items, 0, ""); len(p.Results) != 14 || p.NextToken != "" {
		t.Fatalf("default page: %d rows, token %q", len(p.Results), p.NextToken)
	}
	if q.PageSize(0) != DefaultLimit {
		t.Fatalf("PageSize(0) = %d", q.PageSize(0))
	}
	agg, _ := Parse("SELECT resourceType, COUNT(*) GROUP BY resourceType")
	if agg.PageSize(0) != DefaultAggregateLimit || agg.PageSize(7) != 7 || !agg.Aggregate() || q.Aggregate() {
		t.Fatal("aggregate page size")
	}
	// exactly one full page: no token
	if p, _ := q.Select(items, 14, ""); len(p.Results) != 14 || p.NextToken != "" {
		t.Fatalf("full page: %d rows, token %q", len(p.Results), p.NextToken)
	}
	// an empty result is an empty list, not nil
	none, _ := Parse("SELECT resourceId WHERE resourceId = 'nothing'")
	if p, _ := none.Select(items, 0, ""); p.Results == nil || len(p.Results) != 0 || p.NextToken != "" {
		t.Fatalf("empty page: %#v", p)
	}

	// errors
	first, _ := q.Select(items, 5, "")
	other, _ := Parse("SELECT resourceId ")
	for _, c := range []struct {
		q     *Query
		limit int32
		tok   string
		code  string
		msg   string
	}{
		{q, -1, "", InvalidLimitException, msgInvalidLimit},
		{q, 101, "", InvalidLimitException, msgInvalidLimit},
		{q, 5, "garbage", InvalidNextTokenException, msgInvalidNextToken},
		{other, 5, first.NextToken, InvalidNextTokenException, msgInvalidNextToken}, // bound to the exact expression
		{agg, 5, first.NextToken, InvalidNextTokenException, msgInvalidNextToken},
	} {
		_, err := c.q.Select(items, c.limit, c.tok)
		if awserr.ErrorCode(err) != c.code || awserr.ErrorMessage(err) != c.msg {
			t.Errorf("%s limit %d token %q: %v, want %s", c.q.Expression(), c.limit, c.tok, err, c.code)
		}
	}
	if _, err := q.Select(items, 100, ""); err != nil {
		t.Fatal(err)
	}

	// ORDER BY an aggregate: one page, no token, and no token accepted
	ob, err := Parse("SELECT resourceType, COUNT(*) GROUP BY resourceType ORDER BY COUNT(*) DESC")
	if err != nil {
		t.Fatal(err)
	}
	if ob.Paginated() {
		t.Fatal("ORDER BY COUNT(*) is paginated")
	}
	p, err := ob.Select(items, 2, "")
	if err != nil || len(p.Results) != 2 || p.NextToken != "" {
		t.Fatalf("ORDER BY aggregate: %v %#v", err, p)
	}
	if !strings.Contains(p.Results[0], `"COUNT(*)":5`) {
		t.Fatalf("first row %s", p.Results[0])
	}
}

// TestConcurrentUse runs one Query from many goroutines (run with -race).
func TestConcurrentUse(t *testing.T) {
	items := world(t)
	exprs := []string{
		"SELECT resourceId, configuration.dimensions.name WHERE configuration.actionsEnabled = true ORDER BY resourceId DESC",
		"SELECT resourceType, COUNT(*), MAX(configuration.threshold) GROUP BY resourceType ORDER BY COUNT(*)",
		"SELECT * WHERE tags.key = 'team' OR resourceName LIKE 'org%'",
	}
	for _, e := range exprs {
		q, err := Parse(e)
		if err != nil {
			t.Fatal(err)
		}
		want := q.Rows(items)
		var wg sync.WaitGroup
		errs := make(chan string, 64)
		for g := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range 50 {
					if got := q.Rows(items); !slices.Equal(got, want) {
						errs <- fmt.Sprintf("goroutine %d run %d: %q", g, i, got)
						return
					}
					if p, err := q.Select(items, int32(1+i%3), ""); err != nil || len(p.Results) == 0 {
						errs <- fmt.Sprintf("goroutine %d: Select: %v", g, err)
						return
					}
					if q.String() == "" || len(q.SelectFields()) == 0 {
						errs <- "empty String or SelectFields"
						return
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for e := range errs {
			t.Error(e)
		}
	}
}

func TestVisible(t *testing.T) {
	ci := map[string]any{
		"resourceType":                 "AWS::Test::Thing",
		"configurationItemStatus":      "OK",
		"configurationItemCaptureTime": 1614641951.442,
		"resourceCreationTime":         "2026-01-01T00:00:00Z",
		"configuration":                `{"a":{"b":[1,2]}}`,
		"supplementaryConfiguration":   map[string]any{"Tags": "[]", "Raw": "not json"},
		"tags":                         map[string]any{"b": "2", "a": "1"},
		"resourceId":                   "x",
	}
	doc, ok := Visible(ci)
	if !ok {
		t.Fatal("not visible")
	}
	got := string(appendJSON(nil, doc))
	want := `{"configuration":{"a":{"b":[1,2]}},"configurationItemCaptureTime":"2021-03-01T23:39:11.442Z","configurationItemStatus":"OK","resourceCreationTime":"2026-01-01T00:00:00.000Z","resourceId":"x","resourceType":"AWS::Test::Thing","supplementaryConfiguration":{"Raw":"not json","Tags":[]},"tags":[{"key":"a","tag":"a=1","value":"1"},{"key":"b","tag":"b=2","value":"2"}]}`
	if got != want {
		t.Fatalf("\n got %s\nwant %s", got, want)
	}
	if _, isStr := ci["configuration"].(string); !isStr {
		t.Fatal("Visible modified its input")
	}
	custom, _ := Visible(map[string]any{"resourceType": "MyCorp::Build::Runner", "configuration": `{"a":1}`, "resourceId": "x"})
	if v, ok := custom["configuration"]; !ok || v != nil {
		t.Fatalf("custom resource configuration %v, want null", v)
	}
	if d, ok := VisibleJSON([]byte(`{"resourceType":"AWS::X::Y","configuration":"{\"a\":1}","tags":{"k":"v"}}`)); !ok ||
		string(appendJSON(nil, d)) != `{"configuration":{"a":1},"resourceType":"AWS::X::Y","tags":[{"key":"k","tag":"k=v","value":"v"}]}` {
		t.Fatalf("VisibleJSON: %v", d)
	}
	for _, bad := range []string{"null", "[]", "{", `{"configurationItemStatus":"ResourceDeleted"}`} {
		if _, ok := VisibleJSON([]byte(bad)); ok {
			t.Errorf("VisibleJSON(%s) is visible", bad)
		}
	}
	for _, st := range []string{"ResourceNotRecorded", "ResourceDeleted", "ResourceDeletedNotRecorded"} {
		if _, ok := Visible(map[string]any{"configurationItemStatus": st}); ok {
			t.Errorf("%s is visible", st)
		}
	}
}

// TestRowJSON: strings are escaped as JSON requires, numbers written as encoding/json writes them.
func TestRowJSON(t *testing.T) {
	items := []map[string]any{{"resourceId": "a\"b\\c\n\x01\u00e9\xff<", "n": 1e21, "m": 0.000001, "k": 1e-7, "i": int64(3)}}
	q, _ := Parse("SELECT resourceId, n, m, k, i")
	got := q.Rows(items)[0]
	want := `{"resourceId":"a\"b\\c\n\u0001é\ufffd<","n":1e+21,"m":0.000001,"k":1e-7,"i":3}`
	if got != want {
		t.Fatalf("\n got %s\nwant %s", got, want)
	}
}

// TestSetCompaction: many deletions compact the Set (dropping its columns); order and answers stay.
func TestSetCompaction(t *testing.T) {
	set := NewSet()
	for i := range 3000 {
		set.Put(fmt.Sprintf("k%04d", i), map[string]any{"resourceId": fmt.Sprintf("r%04d", i), "n": float64(i % 10)})
	}
	q, _ := Parse("SELECT resourceId WHERE n = 3")
	if c := set.Count(q); c != 300 {
		t.Fatalf("Count %d", c)
	}
	for i := range 3000 {
		if i%5 != 0 {
			set.Delete(fmt.Sprintf("k%04d", i))
		}
	}
	set.Delete("absent")
	if set.Len() != 600 || len(set.docs) >= 3000 {
		t.Fatalf("Len %d, %d positions: not compacted", set.Len(), len(set.docs))
	}
	set.Put("k0005", map[string]any{"resourceId": "back", "n": 3.0})
	if rows := set.Rows(q); !slices.Equal(rows, []string{`{"resourceId":"back"}`}) {
		t.Fatalf("after compaction: %q", rows)
	}
	q5, _ := Parse("SELECT resourceId WHERE n = 5")
	rows := set.Rows(q5)
	if !slices.Equal(rows, q5.Rows(set.Items())) || len(rows) != 299 || rows[0] != `{"resourceId":"r0015"}` {
		t.Fatalf("after compaction: %d rows, first %q", len(rows), rows[0])
	}
	if d, ok := set.Get("k0005"); !ok || d["resourceId"] != "back" {
		t.Fatal("Get after compaction")
	}
	if _, ok := set.Get("k0001"); ok {
		t.Fatal("a deleted key is still there")
	}
}

// TestSetColumnBound: querying more distinct paths than a Set keeps columns for stays correct.
func TestSetColumnBound(t *testing.T) {
	set := NewSet()
	for i := range 10 {
		set.Put(fmt.Sprint(i), map[string]any{"resourceId": fmt.Sprint(i), "configuration": map[string]any{"p7": float64(i)}})
	}
	for i := range maxColumns + 10 {
		q, err := Parse(fmt.Sprintf("SELECT resourceId WHERE configuration.p%d = 7 OR configuration.p7 = 7", i))
		if err != nil {
			t.Fatal(err)
		}
		if rows := set.Rows(q); len(rows) != 1 || rows[0] != `{"resourceId":"7"}` {
			t.Fatalf("path %d: %q", i, rows)
		}
	}
	if len(set.cols) > maxColumns {
		t.Fatalf("%d columns kept", len(set.cols))
	}
}

// TestSetMultiValueCompaction: replacing items with array values many times compacts a column's
// value spans; answers stay those of the item slice.
func TestSetMultiValueCompaction(t *testing.T) {
	set := NewSet()
	doc := func(i, round int) map[string]any {
		return map[string]any{"resourceId": fmt.Sprint(i), "tags": []any{
			map[string]any{"key": "team", "value": fmt.Sprint(round % 3)},
			map[string]any{"key": "env", "value": fmt.Sprint((i + round) % 4)},
		}}
	}
	for i := range 200 {
		set.Put(fmt.Sprint(i), doc(i, 0))
	}
	qs := []string{
		"SELECT tags.value, COUNT(*) GROUP BY tags.value ORDER BY tags.value",
		"SELECT resourceId WHERE tags.value = '3' AND tags.key = 'team' OR tags.value = '2'",
	}
	var parsed []*Query
	for _, e := range qs {
		q, err := Parse(e)
		if err != nil {
			t.Fatal(err)
		}
		parsed = append(parsed, q)
		set.Count(q) // build the columns
	}
	for round := 1; round <= 40; round++ {
		for i := range 200 {
			set.Put(fmt.Sprint(i), doc(i, round))
		}
	}
	if c := set.cols["tags.value"]; c == nil || len(c.multi) > 2*200*2+4096 {
		t.Fatalf("value spans not compacted")
	}
	for _, q := range parsed {
		if got, want := set.Rows(q), q.Rows(set.Items()); !slices.Equal(got, want) || len(got) == 0 {
			t.Fatalf("%s:\n got %q\nwant %q", q.Expression(), got, want)
		}
	}
}

// TestSetConcurrentUse: queries over a Set from many goroutines while another puts and deletes
// items (run with -race); after the writer stops, answers equal those over the item slice.
func TestSetConcurrentUse(t *testing.T) {
	items := world(t)
	set := NewSet()
	for i, it := range items {
		set.Put(fmt.Sprint(i), it)
	}
	var qs []*Query
	for _, e := range []string{
		"SELECT resourceId WHERE configuration.actionsEnabled = true OR tags.tag = 'team=infra' ORDER BY resourceId",
		"SELECT resourceType, COUNT(*) GROUP BY resourceType",
		"SELECT tags.key, COUNT(*) GROUP BY tags.key",
	} {
		q, err := Parse(e)
		if err != nil {
			t.Fatal(err)
		}
		qs = append(qs, q)
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for n := 0; ; n++ {
			select {
			case <-stop:
				return
			default:
			}
			k := fmt.Sprint(n % len(items))
			switch n % 4 {
			case 0:
				set.Delete(k)
			case 1:
				it := items[(n*5)%len(items)]
				set.PutDoc(k, &lazyDoc{m: it})
			default:
				set.Put(k, items[(n*7)%len(items)])
			}
		}
	}()
	var readers sync.WaitGroup
	for g := range 4 {
		readers.Add(1)
		go func() {
			defer readers.Done()
			for i := range 100 {
				q := qs[(g+i)%len(qs)]
				if _, err := set.Select(q, 2, ""); err != nil {
					t.Error(err)
					return
				}
				set.Count(q)
			}
		}()
	}
	readers.Wait()
	close(stop)
	wg.Wait()
	for _, q := range qs {
		if got, want := set.Rows(q), q.Rows(set.Items()); !slices.Equal(got, want) {
			t.Fatalf("%s:\n got %q\nwant %q", q.Expression(), got, want)
		}
	}
}

// lazyDoc is a Doc over a map that counts how it is read.
type lazyDoc struct {
	m                     map[string]any
	leaves, maps, members int
}

func (d *lazyDoc) Leaves(dst []any, segs []string) []any {
	d.leaves++
	return Leaves(dst, d.m, segs)
}

func (d *lazyDoc) Member(key string) (any, bool) {
	d.members++
	v, ok := d.m[key]
	return v, ok
}

func (d *lazyDoc) Map() map[string]any {
	d.maps++
	return d.m
}

// TestSetPutDoc: an item put with PutDoc is read only where a query reads it: once per built
// column (Leaves), and member by member (Member) only for the rows rendered, never whole (Map)
// by a query; it survives compaction.
func TestSetPutDoc(t *testing.T) {
	set := NewSet()
	doc := func(id string, n float64) *lazyDoc {
		return &lazyDoc{m: map[string]any{"resourceId": id, "configuration": map[string]any{"n": n, "l": []any{n, n + 1}}}}
	}
	a, c := doc("a", 1), doc("c", 3)
	set.PutDoc("a", a)
	set.PutDoc("b", doc("b", 2))
	set.PutDoc("c", doc("c-old", 0))
	set.PutDoc("c", c) // replaces the item, keeps the position
	if a.leaves+a.maps != 0 {
		t.Fatal("read before any query")
	}
	q, _ := Parse("SELECT resourceId WHERE configuration.l = 4")
	if rows := set.Rows(q); !slices.Equal(rows, []string{`{"resourceId":"c"}`}) {
		t.Fatalf("rows %q", rows)
	}
	// two columns (configuration.l, resourceId), each built once; only c rendered
	if a.leaves != 2 || a.members != 0 || c.leaves != 2 || c.members != 1 || a.maps+c.maps != 0 {
		t.Fatalf("a read %d+%d+%d times, c %d+%d+%d", a.leaves, a.members, a.maps, c.leaves, c.members, c.maps)
	}
	set.Rows(q)
	if a.leaves != 2 || c.leaves != 2 || c.members != 2 {
		t.Fatalf("a second query rebuilt columns: a %d, c %d+%d", a.leaves, c.leaves, c.members)
	}
	if got, ok := set.Get("b"); !ok || got["resourceId"] != "b" || set.Len() != 3 {
		t.Fatalf("Get b %v %v, Len %d", got, ok, set.Len())
	}
	// many deletions: compaction keeps the live items and their order
	for i := range 3000 {
		set.Put(fmt.Sprint("x", i), map[string]any{"resourceId": fmt.Sprint("x", i)})
	}
	set.PutDoc("late", doc("late", 9))
	set.PutDoc("gone", doc("gone", 9))
	set.Delete("gone")
	for i := range 3000 {
		set.Delete(fmt.Sprint("x", i))
	}
	q, _ = Parse("SELECT resourceId")
	if rows := set.Rows(q); !slices.Equal(rows, []string{`{"resourceId":"a"}`, `{"resourceId":"b"}`, `{"resourceId":"c"}`, `{"resourceId":"late"}`}) {
		t.Fatalf("after compaction: %q", rows)
	}
	if len(set.docs) >= 3000 {
		t.Fatalf("%d positions: not compacted", len(set.docs))
	}
}
