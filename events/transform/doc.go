// Package transform shapes what an Amazon EventBridge target receives: the whole event, a constant
// Input, the part of the event an InputPath selects, or an InputTransformer's template filled from
// the event. The EventBridge service (package events) compiles a target's settings once at
// PutTargets and applies them to every event it delivers to the target. The package is pure: no
// clock, no state beyond a compiled [Shaper]; it depends only on the standard library and
// watchsim's AWS error type and JSON reader.
package transform
