package query

import (
	"strconv"

	"github.com/watchsim/watchsim/internal/awserr"
	"github.com/watchsim/watchsim/internal/pagetoken"
)

// Page sizes of SelectResourceConfig. Limit accepts 0–100
// (https://docs.aws.amazon.com/config/latest/APIReference/API_SelectResourceConfig.html). When it
// is 0 (not given), the page holds 500 rows for an aggregation query and 25 otherwise, as the API
// reference of SelectAggregateResourceConfig documents for the same query engine
// (https://docs.aws.amazon.com/config/latest/APIReference/API_SelectAggregateResourceConfig.html).
const (
	MaxLimit              = 100
	DefaultLimit          = 25
	DefaultAggregateLimit = 500
)

// Page is one page of SelectResourceConfig output.
type Page struct {
	// Results are the rows of this page, each a JSON object as a string.
	Results []string
	// NextToken continues the query on the next page; empty on the last page.
	NextToken string
}

// Aggregate reports whether the query aggregates (GROUP BY or an aggregate function).
func (q *Query) Aggregate() bool { return q.aggregate }

// Paginated reports whether AWS pages the query's results: every query except one whose ORDER BY
// names an aggregate function ("Pagination is supported for all aggregate queries except when ORDER
// BY clause has an aggregate function", DG querying-AWS-resources, Limitations). Such a query
// answers one page and no NextToken.
func (q *Query) Paginated() bool { return !q.orderByAgg }

// PageSize returns the number of rows a page holds for a request Limit (0: the default).
func (q *Query) PageSize(limit int32) int {
	switch {
	case limit > 0:
		return int(limit)
	case q.aggregate:
		return DefaultAggregateLimit
	}
	return DefaultLimit
}

// tokenKind binds a NextToken to the expression's exact text.
func (q *Query) tokenKind() string {
	return "config.select." + strconv.FormatUint(uint64(pagetoken.Sum(q.expr)), 36) + "." + strconv.Itoa(len(q.expr))
}

// Select answers one SelectResourceConfig page over items (CIs in the query-visible form, in
// capture order): limit is the request's Limit (0 when absent), nextToken its NextToken ("" for the
// first page). A limit outside 0–100 gives InvalidLimitException; a token that this query's
// expression did not produce gives InvalidNextTokenException. A token is an offset into the
// ordered result: pages read from a changing item set may repeat or skip rows.
func (q *Query) Select(items []map[string]any, limit int32, nextToken string) (*Page, error) {
	return q.selectFrom(&source{docs: items}, limit, nextToken)
}

func (q *Query) selectFrom(src *source, limit int32, nextToken string) (*Page, error) {
	if limit < 0 || limit > MaxLimit {
		return nil, awserr.ClientError(InvalidLimitException, msgInvalidLimit)
	}
	offset := 0
	if nextToken != "" {
		pos, ok := pagetoken.Decode(q.tokenKind(), nextToken)
		n, err := strconv.Atoi(pos)
		if !ok || err != nil || n <= 0 || !q.Paginated() {
			return nil, awserr.ClientError(InvalidNextTokenException, msgInvalidNextToken)
		}
		offset = n
	}
	size := q.PageSize(limit)
	o := q.run(src, offset+size)
	n := o.len()
	page := &Page{Results: []string{}}
	if offset >= n {
		return page, nil
	}
	end := min(offset+size, n)
	var buf []byte
	for i := offset; i < end; i++ {
		page.Results = append(page.Results, o.row(i, buf))
	}
	if q.Paginated() && (end < n || o.more) {
		page.NextToken = pagetoken.Encode(q.tokenKind(), strconv.Itoa(end))
	}
	return page, nil
}

// Expression returns the expression the query was parsed from, as given.
func (q *Query) Expression() string { return q.expr }

// SelectFields returns the names QueryInfo.SelectFields lists: each SELECT item as written, with
// aggregates in the form FUNC(argument) (for example "COUNT(*)").
func (q *Query) SelectFields() []string {
	out := make([]string, len(q.sel))
	for i, s := range q.sel {
		out[i] = s.name
	}
	return out
}
