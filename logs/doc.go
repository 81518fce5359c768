// Package logs simulates Amazon CloudWatch Logs. This first part is its pure core: the
// filter-pattern engine that metric filters, subscription filters, FilterLogEvents,
// TestMetricFilter and Live Tail share, and the metric-filter value extraction. It holds no
// state and needs no clock; the Logs service (log groups, streams, PutLogEvents, filters) is
// built on top of it in this package.
//
// Every documented pattern is understood or refused: an invalid pattern returns AWS's
// InvalidParameterException with AWS's message, and a pattern whose AWS behaviour is not
// documented returns a not-simulated error — a pattern is never silently treated as
// "match everything".
//
// # Compiling and matching patterns
//
//   - [Compile] parses a filter pattern once; [FilterPattern] matches many events.
//   - [FilterPattern.Matches] is the cheap, allocation-free test (FilterLogEvents, Live Tail).
//   - [FilterPattern.Match] also returns a [Match] with the event's fields:
//     [Match.ExtractedValues], [Match.Field] ("$name", "$N", "$.path"), [Match.Message],
//     [Match.Pattern].
//   - [FilterPattern.Kind] ([FilterPatternKind]: [PatternMatchAll], [PatternTerms],
//     [PatternJSON], [PatternDelimited]), [FilterPattern.RegexCount] (for the five-regex-filters
//     per log group quota), [FilterPattern.SupportsDimensions], [FilterPattern.FieldNames],
//     [FilterPattern.String].
//   - [MaxFilterPatternLength] is the 1024-character limit.
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
//     transformation; errors are *bus.Error values (see package bus).
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
// The doc comments of [Compile] and of the internal matchers record, rule by rule, which
// behaviour is documented by AWS and which is watchsim's choice where AWS is silent
// (marked [derived]).
package logs
