// Package events is the EventBridge event-pattern engine of watchsim: pattern validation with
// AWS's exact errors, TestEventPattern, and a compiled matcher that holds many rules.
//
// # Patterns
//
//   - [CompilePattern], [Options.CompilePattern]: validate a pattern and compile it into a [Pattern].
//     Invalid patterns give a *bus.Error with code [InvalidEventPatternCode] and AWS's message
//     ("Event pattern is not valid. Reason: …").
//   - [Pattern.Matches]: match one event against one pattern.
//   - [TestEventPattern]: the TestEventPattern API as a pure function (the event must carry the
//     envelope fields).
//   - [Options]: the pattern size limit (2,048 characters by default, a quota AWS lets you raise)
//     and the wildcard complexity limit.
//
// # Many rules
//
//   - [NewMatcher], [Matcher.AddPattern], [Matcher.AddCompiled], [Matcher.DeletePattern]: the rules of
//     one event bus, by rule id.
//   - [Matcher.MatchesForEvent], [Matcher.AppendMatches]: every rule matching an event. Safe for
//     concurrent use while rules change (see [Matcher]).
//
// # The pattern language
//
// Everything EventBridge documents is implemented (spec events.md §2): exact strings, numbers
// (compared by value: 300 matches 3.0e2), booleans and null; prefix and suffix (also with
// equals-ignore-case); equals-ignore-case; wildcard (with \* and \\ escapes and a complexity
// limit); anything-but with a value, a list, or prefix / suffix / equals-ignore-case / wildcard;
// numeric comparisons and ranges; cidr for IPv4 and IPv6 (and IP-shaped exact strings match any
// spelling of the address); exists true/false; $or (at least two objects; at most 1,000
// combinations); nested objects and dotted keys; a duplicate key's last value wins. Event arrays
// match when any element matches, and fields under one array of objects must be satisfied within
// one element (array-consistent matching). Unknown keys, operators and operand types are refused
// with AWS's message; event-ruler's undocumented "exactly" operator returns bus.NotSimulated.
//
// Numbers with more than 17 significant digits (or beyond the range of a double) are compared by
// their literal text, as event-ruler does for numbers a double cannot hold.
//
// Differences from AWS that are known: the Jackson location suffix AWS appends to some reasons is
// not reproduced; messages for malformed JSON follow Jackson's wording only approximately; the
// wildcard complexity measure is calibrated on AWS's examples, not on its unpublished threshold.
package events
