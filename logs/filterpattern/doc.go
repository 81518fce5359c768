// Package filterpattern is the Amazon CloudWatch Logs filter-pattern engine of watchsim: the pure
// core that metric filters, subscription filters, FilterLogEvents, TestMetricFilter and Live Tail
// share, and the metric-filter value extraction. It holds no state and needs no clock; the Logs
// service (package logs, to come) builds on it. It depends only on the standard library,
// watchsim's AWS error type and JSON reader, and smithy-go (whose APIError the error type
// satisfies). The syntax is AWS's ("Filter pattern syntax for metric filters, subscription
// filters, filter log events, and Live Tail" in the CloudWatch Logs User Guide and the pages under
// it).
//
// Every documented pattern is understood or refused: an invalid pattern returns AWS's
// InvalidParameterException with AWS's message, and a pattern whose AWS behaviour is not
// documented returns a not-simulated error — a pattern is never silently treated as
// "match everything".
//
// # Compiling and matching patterns
//
//   - [Compile] parses a filter pattern once; [Pattern] matches many events.
//   - [Pattern.Matches] is the cheap, allocation-free test (FilterLogEvents, Live Tail).
//   - [Pattern.Match] also returns a [Match] with the event's fields:
//     [Match.ExtractedValues], [Match.Field] ("$name", "$N", "$.path"), [Match.Message],
//     [Match.Pattern].
//   - [Pattern.Kind] ([Kind]: [PatternMatchAll], [PatternTerms],
//     [PatternJSON], [PatternDelimited]), [Pattern.RegexCount] (for the five-regex-filters
//     per log group quota), [Pattern.SupportsDimensions], [Pattern.FieldNames],
//     [Pattern.String].
//   - [MaxPatternLength] is the 1024-character limit; [MaxJSONDepth] the nesting a JSON event
//     may have and still match.
//   - %regex% terms and values run on the package's own bit-parallel engine (a position
//     automaton simulated in 64-bit words; compiling costs about 1–3 µs, matching does not
//     allocate); a regex whose alternative needs more than 63 positions (a large {m,n}) is
//     matched by Go's regexp instead, compiled on first use.
//   - Terms and quoted phrases are case-sensitive substring searches compiled per term: the
//     search scans for the term's rarest byte in log text (a static table), with
//     strings.IndexByte when that byte is rare and eight positions per word operation when it is
//     common, so a term of common letters (timeout, 404) is not several times slower than one of
//     rare ones (ERROR).
//
// # Metric filters
//
//   - [MetricTransformation] is the PutMetricFilter shape; [ValidateMetricTransformation]
//     applies PutMetricFilter's rules (value forms, dimensions only for JSON and
//     space-delimited patterns, at most three, never with a default value).
//   - [CompileMetricFilter] / [NewMetricFilterEvaluator] build a [MetricFilterEvaluator];
//     [MetricFilterEvaluator.Evaluate] turns one ingested event into a [MetricObservation]
//     (metric value and dimensions on a match, the default value otherwise, or nothing);
//     [MetricFilterEvaluator.Pattern] and [MetricFilterEvaluator.Transformation] return its parts.
//   - [ResolveMetricValue] and [ResolveDimensions] resolve metricValue and dimension
//     references for a [Match].
//
// # TestMetricFilter
//
//   - [TestMetricFilter] is the TestMetricFilter operation; it returns
//     [MetricFilterMatchRecord] values numbered from 1.
//   - [MinTestMetricFilterMessages], [MaxTestMetricFilterMessages] bound its input.
//
// # Errors
//
//   - [InvalidParameterException] is the error code of every invalid pattern or
//     transformation; errors are *bus.Error values (errors.As with smithy-go's APIError works
//     too), and patterns watchsim does not simulate give a *bus.NotSimulatedError.
//
// # The grammar in brief
//
// Unstructured patterns: ERROR (case-sensitive substring), "quoted phrase", ERROR ARGUMENTS
// (AND), ?ERROR ?WARN (OR; ignored when mixed with plain terms), ERROR -DEBUG (exclusion), " "
// (every event), %regex% (standalone). Unquoted terms are letters, digits and '_'; anything else
// must be quoted ("Invalid character(s) in term ':'").
//
// JSON patterns: { $.eventType = "UpdateTrail" && ($.latency > 500 || $.error IS NULL) },
// selectors with .name, ['key'], [n], [*] and .*, values that are strings (with '*' at either
// end), numbers, %regex% or *, and IS NULL / IS TRUE / IS FALSE / NOT EXISTS. Only whole-JSON
// events match.
//
// Space-delimited patterns: [ip, user, ..., status = 4* || status = 5*, bytes > 1000]; fields
// are separated by spaces, "quoted" and [bracketed] text is one field.
//
// # Where AWS is silent
//
// These behaviours are not documented by AWS; watchsim makes the choice shown (the strict one
// where a guess could make a test pass on a match AWS might not make) and tests it:
//
//   - Unquoted terms may hold only letters, digits and '_': foo-bar and api.example.com must be
//     quoted ("Invalid character(s) in term '-'").
//   - A %regex% combined with other terms, or written ?%re% / -%re%, is refused as not simulated.
//   - " " matches every event, even one without a space; -" " keeps its literal meaning.
//   - Regex: \s is tab, space or newline; '.' does not match a newline; escapes other than
//     \d \D \w \W \s \S \xhh and escaped punctuation are "Invalid filter pattern".
//   - JSON: a numeric value matches only JSON numbers, a string value (quoted, bareword,
//     wildcard or regex) only JSON strings ({ $.status = 4* } does not match "status": 404).
//     Comparisons, including !=, fail on missing fields and on objects and arrays. = * is true
//     for strings and numbers only (not null or booleans); != * is refused as not simulated.
//     An event that repeats a key a selector names never matches. Keywords (IS NULL,
//     NOT EXISTS, …) are upper case. An event nested deeper than [MaxJSONDepth] never matches.
//   - Space-delimited: an event with more fields than a pattern without "..." still matches, and
//     the surplus fields are reported positionally ($N). = and != with a number compare
//     numerically when the field is a number and textually otherwise. Slot names are
//     case-sensitive and must not start with a digit. '[' without ']' is
//     "If a filter pattern starts with '[' it must end with ']'".
//   - TestMetricFilter reports an empty extractedValues for JSON patterns and numbers events
//     from 1.
//   - A metric filter publishes nothing for a matching event whose metricValue field is
//     missing or not a decimal number (a JSON string holding a number counts), or whose
//     dimension field is missing.
//
// The doc comments of [Compile], [ValidateMetricTransformation] and [MetricFilterEvaluator.Evaluate]
// give the error messages; docs/logs.md in the repository has the full table with sources.
package filterpattern
