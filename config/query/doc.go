// Package query is the AWS Config advanced-query engine of watchsim: the pure core behind
// SelectResourceConfig (https://docs.aws.amazon.com/config/latest/APIReference/API_SelectResourceConfig.html).
// It parses the SQL SELECT subset of the AWS Config Developer Guide
// (https://docs.aws.amazon.com/config/latest/developerguide/querying-AWS-resources.html,
// https://docs.aws.amazon.com/config/latest/developerguide/query-components.html) and runs it over
// configuration items given as decoded JSON documents. It needs no clock, and apart from [Set] (a
// keyed collection of items with its column caches) it holds no state; the Config service (package
// config) keeps the items and calls it.
//
// Every expression is understood or refused: what AWS rejects gives InvalidExpressionException
// with AWS's message where AWS's wording is known ("syntax error at line L, column C"), and
// grammar whose AWS behaviour is undocumented (the != and <> operators, double-quoted strings,
// SELECT * or ungrouped properties in an aggregate query, …) gives a *bus.NotSimulatedError.
//
// # Index
//
//   - [Parse] parses an expression into a [Query] (immutable, safe for concurrent use);
//     [Query.String] is its canonical text, which Parse reads back into an equivalent query;
//     [Query.Expression] the text as given.
//   - [Query.SelectFields] is QueryInfo.SelectFields; [Query.Aggregate] and [Query.Paginated]
//     describe the query.
//   - [Query.Select] answers one SelectResourceConfig page ([Page]: Results and NextToken) with the
//     Limit rules ([MaxLimit], [DefaultLimit], [DefaultAggregateLimit], [Query.PageSize]) and
//     NextTokens bound to the expression; [Query.Rows] returns every row, [Query.Count] counts
//     them, [Query.Match] tests the WHERE condition on one item.
//   - [Set] holds the current items keyed by resource ([NewSet], [Set.Put], [Set.PutDoc] for an
//     item read through its [Doc] methods only where a query reads it ([Leaves] is their reference),
//     [Set.Delete], [Set.Get], [Set.Len], [Set.Items]) and answers queries over them ([Set.Select], [Set.Rows],
//     [Set.Count]) exactly as the item-slice methods do, from dictionary-encoded columns it builds
//     on first use and keeps current: the form the service should use (WHERE over 100,000 CIs in
//     under a millisecond instead of tens).
//   - [Visible] turns a CI in its API form into the query-visible form below; [VisibleJSON] does it
//     from the CI's JSON.
//   - Limits: [MaxExpressionLength] (checked by the service), [MaxGroupBy], [MinLikePrefix].
//   - Error codes: [InvalidExpressionException], [InvalidLimitException],
//     [InvalidNextTokenException].
//
// # What the service feeds the engine
//
// One map[string]any per current, recorded configuration item (never history, never deleted or
// ResourceNotRecorded items), in the query-visible form that [Visible] makes from the API-form
// item. The service keeps one [Set]; before a query it puts each CI that became current since the
// last one, as a [Doc] that converts only the properties a query reads (Config's service does
// this), or as a ready map with [Set.Put]:
//
//	doc, ok := query.VisibleJSON(apiFormCIJSON) // ok false: an item advanced query does not see
//	set.Put(resourceType+"/"+resourceId, doc)
//
// and set.Delete(key) when the resource is deleted or its item is not visible. SelectResourceConfig is set.Select(q, in.Limit,
// in.NextToken) after q, err := Parse(in.Expression), with QueryInfo from q.SelectFields(). A Set keeps items in the order their keys were first put (discovery order);
// an item slice is read in its own order. The query-visible form:
//
//   - the API's top-level members under their API names: version, accountId,
//     configurationItemCaptureTime, configurationItemStatus, configurationStateId, arn,
//     resourceType, resourceId, resourceName, awsRegion, availabilityZone, resourceCreationTime,
//     recordingFrequency, configurationItemDeliveryTime, relationships (a list of
//     {resourceType, resourceId, resourceName, relationshipName});
//   - configuration as a decoded JSON value (an object), not the JSON string of the API; a custom
//     (third-party) resource's configuration as null, as AWS returns it;
//   - supplementaryConfiguration with each value decoded;
//   - tags as a list of {"key", "value", "tag"} objects, tag being "key=value";
//   - dates as ISO-8601 UTC strings with milliseconds ("2026-01-01T00:00:00.000Z").
//
// Numbers may be float64 (encoding/json's default), json.Number or Go integers. The engine never
// modifies the items, and reads them without locks: the caller must not change an item while a
// query runs over it (replace the map on change instead).
//
// # Semantics
//
//   - Properties are dotted paths; a path that crosses an array reaches every element, and a
//     condition on it holds when any element satisfies it (two conditions on one array may be
//     satisfied by different elements, as the DG describes).
//   - Comparisons follow the value's type: numbers numerically (a literal '5' reads as 5), booleans
//     (true/false or 'true'/'false'), the date properties as instants (literals in RFC 3339 or
//     YYYY-MM-DD form; another literal is InvalidExpressionException), other strings byte-wise and
//     case-sensitively. A missing property satisfies no comparison, so NOT of it holds [derived].
//   - Operators: =, <, <=, >, >=, IN, BETWEEN (inclusive), LIKE, and NOT before IN, BETWEEN and
//     LIKE. LIKE takes a literal prefix of at least three characters followed only by wildcards:
//     '%' (any run) and '_' (exactly one character).
//   - SELECT * returns the top-level scalars (accountId, awsRegion, arn, availabilityZone,
//     configurationItemCaptureTime, resourceCreationTime, resourceId, resourceName, resourceType,
//     version); other items may follow it ("SELECT *, tags").
//   - Rows nest selected paths as in the item ({"configuration":{"State":"ENABLED"}}); arrays keep
//     one entry per element. Without ORDER BY rows come in item order.
//   - GROUP BY takes up to three properties; an item joins one group per combination of its values
//     (each element of an array property counts), and none when a GROUP BY property is missing.
//     Groups come in order of first appearance unless ORDER BY sorts them. COUNT(*) counts items,
//     COUNT(p) counts values of p, SUM/AVG use numeric values, MIN/MAX numbers (or strings when
//     there are no numbers); AVG, MIN and MAX of nothing are null.
//   - ORDER BY sorts stably; a multi-valued property sorts by its smallest value ascending and its
//     largest descending; rows without the property come last; across types
//     boolean < number < string.
package query
