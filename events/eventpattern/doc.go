// Package eventpattern is the Amazon EventBridge event-pattern engine of watchsim: pattern
// validation with AWS's exact errors, TestEventPattern as a pure function, and a compiled matcher
// that holds many rules. It has no state beyond a Matcher's rules and needs no clock; the
// EventBridge service (package events, to come) builds on it. It depends only on the standard
// library, watchsim's AWS error type and JSON reader, and smithy-go (whose APIError the error type
// satisfies).
//
// # Patterns
//
//   - [Compile]: validate a pattern and compile it into a [Pattern]. An invalid pattern gives a
//     *bus.Error (errors.As with smithy-go's APIError works too) with code
//     [InvalidEventPatternCode] and AWS's message ("Event pattern is not valid. Reason: …").
//   - [Pattern.Matches]: match one event against one pattern (the whole event is read).
//   - [Pattern.String]: the pattern's source.
//   - [TestEventPattern]: the TestEventPattern operation as a pure function (the event must carry
//     the envelope fields; otherwise [ValidationExceptionCode]).
//
// # Options
//
//   - [Option], [WithMaxPatternLength] ([DefaultMaxPatternLength], a quota AWS lets you raise),
//     [WithWildcardComplexity] ([DefaultWildcardComplexity]). Every option validates its value; a
//     nil Option, an out-of-range value or an option given twice is an error, never a panic.
//
// # Many rules
//
//   - [NewMatcher], [Matcher.AddPattern], [Matcher.AddCompiled], [Matcher.DeletePattern],
//     [Matcher.Pattern], [Matcher.Len]: the rules of one event bus, by rule id.
//   - [Matcher.MatchesForEvent], [Matcher.AppendMatches]: every rule matching an event. Safe for
//     concurrent use while rules change (see [Matcher]); a malformed event gives the error code
//     "MalformedDetail".
//
// # Limits
//
//   - [MaxOrCombinations]: $or expressions expand to at most 1,000 sub-rules (EventBridge quota).
//   - [MaxEventDepth]: events and patterns nest at most 1,000 levels (the Jackson parser's
//     default inside event-ruler).
//
// # The pattern language
//
// Everything the EventBridge User Guide documents ("Event patterns", "Content filtering in
// Amazon EventBridge event patterns", "Arrays in Amazon EventBridge event patterns") is
// implemented: exact strings, numbers (compared by value: 300 matches 3.0e2), booleans and null;
// prefix and suffix (also with equals-ignore-case); equals-ignore-case; wildcard (with \* and \\
// escapes and a complexity limit); anything-but with a value, a list, or prefix / suffix /
// equals-ignore-case / wildcard; numeric comparisons and ranges; cidr for IPv4 and IPv6 (and
// IP-shaped exact strings match any spelling of the address); exists true/false; $or (at least
// two objects; at most 1,000 combinations); nested objects and dotted keys; a duplicate key's last
// value wins. Event arrays match when any element matches, and fields under one array of objects
// must be satisfied within one element (array-consistent matching, as event-ruler, the engine
// inside EventBridge, does it: only object and array elements are members of an element, so a
// scalar element of an array is compatible with every sibling). Unknown keys, operators and
// operand types are refused with AWS's message; event-ruler's undocumented "exactly" operator
// returns a NotSimulated error.
//
// Numbers are compared by their exact decimal value (300 ≡ 300.0 ≡ 3.0e2), in exact matches,
// anything-but lists and numeric ranges alike, without floating point. event-ruler compares
// doubles, so the two differ only for decimals of 16–17 significant digits that round to the same
// double. Numbers with more than 17 significant digits (or beyond the range of a double) are
// compared by their literal text only, as event-ruler does for numbers a double cannot hold;
// inside "numeric" and anything-but number lists they are refused ("Cannot compare number").
//
// # How matching works
//
// All rules of a [Matcher] share one compiled snapshot: the field paths every pattern names form a
// tree, and each field has one index holding every rule's match values for it (hash maps for exact
// values, prefix/suffix tables probed once per distinct length, wildcards filed under their literal
// prefix or suffix, numeric ranges as sorted elementary intervals, anything-but as "all entries
// minus those the value excludes"). An event is read once by a streaming flattener (on watchsim's
// shared JSON reader) that descends only into keys some pattern names, skips everything else
// without decoding it, and stops as soon as every named field has been read. A number gets its
// exact decimal key in the same pass that checks its syntax, eight digits at a time. A rule with
// several fields is filed only under its most selective field and its other fields are checked
// when that one matches, so common values shared by many rules do not fan out. When the fields a
// rule uses lie inside arrays of objects, array consistency is decided in one pass over those
// leaves (linear in the array size; a backtracking search takes over beyond 64 fields or 4,096
// states). The common path allocates nothing when the caller reuses the
// result slice ([Matcher.AppendMatches]).
//
// Differences from AWS that are known: the Jackson location suffix AWS appends to some reasons is
// not reproduced; messages for malformed JSON follow Jackson's wording only approximately; the
// wildcard complexity measure (the number of stars, at most 5 by default) is calibrated on AWS's
// examples, not on its unpublished threshold; the texts for a pattern over the size limit and for
// more than 1,000 $or combinations are ours (AWS's are not documented); cidr accepts /32 and
// /128. The per-bus quota of 30 rules with wildcards belongs to the EventBridge service, not to
// this package.
package eventpattern
