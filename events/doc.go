// Package events is where watchsim's Amazon EventBridge service will live: event buses, rules,
// targets and the EventBridge API operations (PutEvents, PutRule, PutTargets, TestEventPattern,
// …), built on the kernel in package bus. The service is not built yet; this package holds no
// code.
//
// The event-pattern engine the service will use is the subpackage
// [github.com/watchsim/watchsim/events/eventpattern]: pattern validation with AWS's exact errors,
// TestEventPattern as a pure function, and a compiled matcher for many rules. It depends only on
// the standard library, watchsim's AWS error type and JSON reader, and smithy-go (whose APIError
// the error type satisfies), so programs that only match patterns do not import the kernel.
package events
