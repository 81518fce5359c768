package insights

import (
	"regexp"
	"slices"
)

// DefaultLimit is the number of rows a query returns when neither StartQuery's limit nor a limit
// command says otherwise (the StartQuery API reference: "The default is 10,000").
const DefaultLimit = 10_000

// MaxLimit is the largest row count StartQuery's limit and the limit command accept ([derived]:
// the StartQuery API reference long bounded limit at 10,000 rows, newer API models allow more for
// Logs Insights QL; watchsim keeps 10,000, the rows one GetQueryResults call returns, and bounds
// the command the same way).
const MaxLimit = 10_000

// Query is a compiled Logs Insights QL query. It is immutable and safe for concurrent use:
// [Query.Run] keeps its working state per call.
type Query struct {
	text     string
	stages   []stage
	columns  []column
	withPtr  bool // rows carry @ptr (no stats)
	nslots   int
	disc     map[string]int // discovered field name → slot
	discAll  []int          // the discovered slots, to clear per event
	commands []string
	source   *Source
	hasStats bool
}

// Source is a query's SOURCE command
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-Source.html): the
// log groups it selects, by name prefix and log group class. The service resolves it.
type Source struct {
	// NamePrefixes are the namePrefix values: log groups whose names start with one of them.
	NamePrefixes []string
	// Class is "STANDARD" or "INFREQUENT_ACCESS", or "" when the command names none.
	Class string
}

// column is one field of a result row: its name and how to compute it at the end of the query.
type column struct {
	name string
	e    expr
}

// stage is one command of the compiled pipeline.
type stage interface{ isStage() }

type fieldsStage struct{ items []fieldItem }

type fieldItem struct {
	e    expr
	slot int
}

type filterStage struct{ e expr }

// parseStage extracts fields with a glob (lits: the text between the '*'s) or a regex.
type parseStage struct {
	src    expr
	lits   []string
	re     *regexp.Regexp
	groups []int // regex: the subexpression index of each slot
	slots  []int
}

type statsStage struct {
	by      []expr
	bySlots []int
	aggs    []aggSpec
	items   []expr
	slots   []int
	ts      expr // the records' @timestamp (earliest, latest)
}

type sortStage struct {
	keys []expr
	desc []bool
}

type limitStage struct{ n int }

type dedupStage struct{ keys []expr }

func (*fieldsStage) isStage() {}
func (*filterStage) isStage() {}
func (*parseStage) isStage()  {}
func (*statsStage) isStage()  {}
func (*sortStage) isStage()   {}
func (*limitStage) isStage()  {}
func (*dedupStage) isStage()  {}

// String returns the query text as it was given to [Parse]; it parses to the same query.
func (q *Query) String() string { return q.text }

// Commands returns the names of the commands the query uses, lower case, each once, in order of
// first use ("source" for a SOURCE command). The service checks them against the log group
// class: Infrequent Access groups do not support pattern, diff and unmask.
func (q *Query) Commands() []string { return slices.Clone(q.commands) }

// Source returns the query's SOURCE command, and false when it has none.
func (q *Query) Source() (Source, bool) {
	if q.source == nil {
		return Source{}, false
	}
	return Source{NamePrefixes: slices.Clone(q.source.NamePrefixes), Class: q.source.Class}, true
}

// Columns returns the names of the fields a result row can hold, in row order (@ptr last when
// rows carry it). A row leaves out the fields the event does not have.
func (q *Query) Columns() []string {
	names := make([]string, 0, len(q.columns)+1)
	for _, c := range q.columns {
		names = append(names, c.name)
	}
	if q.withPtr {
		names = append(names, "@ptr")
	}
	return names
}

// IsAggregation reports whether the query has a stats command (its rows are groups, not events,
// and carry no @ptr).
func (q *Query) IsAggregation() bool { return q.hasStats }
