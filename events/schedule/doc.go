// Package schedule is the Amazon EventBridge schedule-expression engine of watchsim: it parses
// the ScheduleExpression of a scheduled rule, rate(value unit) or cron(fields), with AWS's
// validation, and computes when the rule fires. It holds no state and reads no clock — time is
// always a parameter; the EventBridge service (package events) builds on it. It depends only on
// the standard library, watchsim's AWS error type and smithy-go (whose APIError the error type
// satisfies).
//
// The grammar is the one of "Using cron and rate expressions to schedule rules in Amazon
// EventBridge" (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html),
// with the details of
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html and
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rate-expressions.html.
// Schedules are in UTC with a resolution of one minute.
//
// # Parsing
//
//   - [Parse] validates an expression and returns a [Schedule] (immutable, safe for concurrent
//     use); [Schedule.String] returns the input unchanged, as DescribeRule echoes it.
//   - A refused expression gives a *bus.Error with code [ValidationExceptionCode] and message
//     [InvalidMessage] — the one error EventBridge gives for any bad expression, without a reason.
//   - Syntax whose meaning AWS does not document gives a *bus.NotSimulatedError instead of a guess
//     (see "Where AWS is silent").
//
// # Firing times
//
//   - [Schedule.Next]: the first firing strictly after an instant (for a rate, that instant is
//     the anchor: Next(t) is t plus one period).
//   - [Schedule.NextFrom]: the first firing strictly after an instant for a rule created at an
//     anchor — rate firings at anchor + k·period (k ≥ 1), cron firings after both instants.
//
// Both return ok=false when a cron schedule has no firing left (its years are past, or its day
// never occurs, like 30 February). Next walks the fields from the year down, jumping to the next
// set bit of each field's mask and carrying into the field above, so a call costs tens of
// nanoseconds and allocates nothing whatever the gap between firings; a schedule that never fires
// is answered after one pass over the remaining months.
//
// # The grammar in brief
//
// rate(value unit): a positive integer, one space, and minute|hour|day for 1 or
// minutes|hours|days for more.
//
// cron(Minutes Hours Day-of-month Month Day-of-week Year), six fields separated by spaces:
// minutes 0–59, hours 0–23, day-of-month 1–31, month 1–12 or JAN–DEC, day-of-week 1–7 or SUN–SAT
// (1 = SUN), year 1970–2199. Every field takes lists (,), ranges (-, wrapping past the end of the
// field: hours 22-2, FRI-MON) and *; every field but day-of-week takes steps (a/n, */n, a-b/n; a
// step counts across a wrap). Exactly one of day-of-month and day-of-week is ?. Day-of-month also
// takes L (last day), LW (last weekday) and nW (the weekday nearest day n, within the month: a
// Saturday 1st moves to Monday the 3rd, a Sunday last day to the Friday before); day-of-week also
// takes L (Saturday, every week), dL or FRIL (the last Friday of the month) and d#n or TUE#2 (the
// n-th, 1–5; a month without it does not fire). L, LW, nW, dL and d#n stand alone in their field.
//
// # Where AWS is silent
//
// These choices are [derived] — AWS does not document them — and each is tested:
//
//   - Letters (names, L, W) are accepted in any case: users report that the EventBridge console
//     takes "Wed-Fri". The words rate and cron and the rate units are case-sensitive
//     (rate(10 MINUTES) is refused by AWS).
//   - A rate counts from the rule's creation instant to the nanosecond; its first firing is one
//     period after it. Cron firings are at second 0 of the minute (AWS fires somewhere within the
//     minute). Nothing fires at or before the creation instant.
//   - Refused as invalid: * inside a list (*,5); a range with a name at one end and a number at
//     the other; a step of 0 or larger than the field has values (0/61); a year range that runs
//     backwards (years do not wrap); / in day-of-week (not among its documented wildcards); L, LW,
//     nW, dL or d#n together with other terms in a list, as the documentation says of #; d#0 and
//     d#6 and beyond; leading or trailing spaces outside the parentheses, and any space inside
//     rate(…) but the one separator.
//   - nW for a day the month lacks (31W in April) does not fire that month, as 31 does not.
//   - Leading zeros in cron numbers (08) are accepted, as cron has always accepted them.
//   - Not simulated: cron fields separated by several spaces or by tabs, or spaces just inside
//     cron(…); the Quartz form L-n (n days before the last); rate values with a leading zero or
//     above 2147483647.
//
// The ScheduleExpression length limit (256 characters), the rule that only the default event bus
// takes schedules, and the EventBridge Scheduler forms (at(…), time zones) belong to the services,
// not to this package.
//
// # Why not an existing cron library
//
// General cron libraries parse five- or six-field Unix or Quartz dialects with seconds and
// without AWS's year field, accept or refuse different things (? anywhere, both day fields, steps
// in day-of-week, no wrapping ranges), and report their own errors; EventBridge needs its exact
// six-field dialect with ?, L, W, # and wrapping ranges, and its single ValidationException.
// Adapting one would have meant validating twice and still differing on the edges, so the
// package is its own: a small parser and a bit-mask walker, property-tested against a brute-force
// minute scan.
package schedule
