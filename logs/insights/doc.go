// Package insights is the CloudWatch Logs Insights query engine of watchsim (Logs Insights QL,
// queryLanguage CWLI): the pure core the Logs service runs from StartQuery and
// GetQueryResults. It holds no state and needs no clock: time is a parameter ([Window]). It
// depends only on the standard library, watchsim's AWS error type and JSON reader, and
// smithy-go. The language is AWS's ("CloudWatch Logs Insights language query syntax" in the
// CloudWatch Logs User Guide, https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax.html,
// and the pages under it).
//
// A query is compiled once (parse, then every field name resolved against what the commands
// before it define), then run over an event iterator: the fields, filter and parse commands
// stream, stats groups into a hash table, and when only limits (or a sort and limits) follow,
// just the rows that can be returned are kept. Fields of JSON events are discovered only when a
// query names a field that is not a system field.
//
// Every documented construct is simulated or refused: invalid syntax is AWS's
// MalformedQueryException, and valid syntax watchsim does not model is a not-simulated error —
// never silently ignored.
//
// # Compiling and running
//
//   - [Parse] compiles a query string into a [Query]; [Query.String] gives the text back.
//   - [Query.Run] executes it over an iter.Seq of [Event] within a [Window] (time range,
//     StartQuery's limit, query start time) and returns a [Result]: rows of [ResultField] and
//     [Statistics].
//   - What the service needs: [Query.Commands] (Infrequent Access class checks), [Query.Source]
//     and [Source] (the SOURCE command), [Query.Columns], [Query.IsAggregation].
//   - Field discovery for GetLogGroupFields: [DiscoverFields], [MaxDiscoveredFields].
//   - Limits: [DefaultLimit], [MaxLimit]. Timestamps render as [TimestampLayout].
//
// # Errors
//
//   - [MalformedQueryError] (code [MalformedQueryException], HTTP 400) with its [Location] and
//     message, AWS's queryCompileError: syntax errors, an unknown command (with the message AWS
//     returns for it), an alias defined twice, more than two stats, a sort or limit before the
//     second stats, a command other than limit after dedup, an aggregation outside stats,
//     unknown functions and wrong argument counts, bad periods and regular expressions.
//   - A *bus.NotSimulatedError (awserr.NotSimulatedError) for valid syntax watchsim does not
//     simulate, listed below.
//
// # What is simulated
//
// Commands: fields (expressions, "as"), display, filter (and its alias where), stats (at most
// two; by fields, expressions and bin(period), with "as"), parse (glob with '*' and regex with
// named groups; default field @message), sort (several keys, asc/desc), limit, dedup,
// SOURCE logGroups(namePrefix: [...], class: ...). Keywords are case-insensitive; '#' starts a
// comment; field names may be backticked (`foo-bar`, @`a.b`).
//
// Expressions: = != < <= > >=, and or not, like "text", like /re/, not like, =~, in [...],
// not in [...], + - * / ^ %, unary minus, map.key and list[i] on jsonParse results. Regular
// expressions are Go's RE2 ((?i) works; named groups are written (?<name>…)).
//
// Functions: numeric abs ceil floor greatest least log round sqrt haversine toNumber toInt
// toLong toDouble isNumeric; datetime bin datefloor dateceil fromMillis toMillis now
// queryStartTime queryEndTime queryTimeRange; general ispresent coalesce if case; string
// isempty isblank concat ltrim rtrim trim strlen toupper tolower substr replace regexReplace
// strcontains startsWith endsWith split urlencode urldecode base64encode base64decode
// hexToAscii hexToDec decToHex; JSON jsonParse jsonStringify jsonArraySize jsonArrayContains;
// IP isValidIp isValidIpV4 isValidIpV6 isIpInSubnet isIpv4InSubnet isIpv6InSubnet
// isPrivateIP ipv4ToNumber. Aggregations: count(*) count() count(f) count_distinct sum avg
// min max pct stddev earliest latest sortsFirst sortsLast. Function names are
// case-insensitive.
//
// Periods: ms/msec/millisecond, s/sec/second, m/min/minute, h/hr/hour, d/day, w/week,
// mo/mon/month, q/qtr/quarter, y/yr/year, plural "s" on names longer than one letter; counts
// above 1000 ms, 60 s, 60 m or 24 h behave as those caps (bin(300s) is bin(60s)).
//
// # Not simulated (a NotSimulated error at Parse)
//
// The commands pattern, diff, anomaly, unmask, filterIndex, lookup, join, unnest, addtotals,
// autoregress, logcompare, filldown, fillmissing, cidrlookup, outlier, accum, appendcols,
// sessionize, countFrequent, relevantfields, expand, search, head, tail, order, eval and
// subquery; limit any; parse's logfmt and csv modes; stats … offset; SOURCE with a quoted
// log group name or options other than namePrefix and class; the functions parseDate,
// formatDate, strftime, messageSize, isPublicIP, isReservedIP and the time-series functions
// rate, count_over_time, sum_over_time and histogram.
//
// # Where AWS is silent
//
// These behaviours are not documented; watchsim makes the choice shown ([derived]) and tests it:
//
//   - Result rows: columns are the last display's fields; else the stats output (by-keys first,
//     then aggregations) followed by fields added after the last stats; else the fields
//     commands' columns; else @timestamp and @message. parse adds no column. Event rows end
//     with @ptr; stats rows have none. An unaliased expression's column is named by its text
//     as written ("count(*)", "bin(5m)"). Repeated columns appear once.
//   - Values: computed numbers print without a fraction when integral ("3"), otherwise in the
//     shortest exact decimal ("2.5"), with an exponent only below 1e-7 or from 1e21; numbers
//     read from JSON print as the log wrote them ("2.50"); timestamps as [TimestampLayout];
//     @ingestionTime as epoch milliseconds; booleans as "true"/"false"; maps and lists as JSON.
//     Division by zero and other non-finite results are absent.
//   - Types: a string equals a number when it holds that number ("200" = 200); two strings
//     compare as text; ordering comparisons are numeric when both sides read as numbers.
//     Comparisons, like and in with an absent field are false, != and not like too. A filter
//     keeps a row when its condition is true or a non-zero number (the 1/0 functions).
//   - Order: without sort, newest first, ties by ingestion time (newest first), then log stream,
//     @ptr and message. sort without a direction is ascending; absent values sort last either
//     way. stats rows come in by-key order: timestamps newest first, other values ascending.
//   - Limits: a query returns at most Window.Limit rows ([DefaultLimit] when 0); a limit
//     command lowers that, never raises it; [MaxLimit] bounds both.
//   - stats: without by there is one row even over no events (count(*) = 0); sums, averages,
//     min, max and the like over no value are absent; stddev is the sample deviation (0 for one
//     value); pct is the nearest-rank percentile; count_distinct is exact; min/max and
//     sortsFirst/sortsLast order values as sort does; earliest/latest break timestamp ties by
//     value. Group keys compare by type and value (the number 200 and the string "200" are two
//     groups).
//   - parse: a glob's '*' captures the shortest text up to the next literal (newlines included)
//     and a final '*' the rest; the first literal may occur anywhere.
//   - Fields: JSON events are objects (white space around allowed); true and false are the
//     strings "true" and "false"; null, {} and [] give no field; only the first 200 leaves in
//     document order are discovered; a JSON key starting with '@' gets a second '@'. After stats
//     only the stats output exists.
//   - Statistics: recordsScanned counts events in the window; recordsMatched the events that
//     passed the filters before the first stats, sort, limit or dedup; bytesScanned adds
//     len(@message)+len(@logStream)+len(@log)+1 per scanned event (fits the one recorded example).
//   - Errors: locations are UTF-16 offsets with an inclusive end; messages other than the
//     recorded unknown-command one are watchsim's. Weeks start on Monday; months, quarters and
//     years are UTC calendar periods; now() is Window.Now in epoch seconds; queryStartTime()
//     and queryEndTime() are the window's bounds in epoch milliseconds.
package insights
