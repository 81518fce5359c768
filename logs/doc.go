// Package logs is where watchsim's Amazon CloudWatch Logs service will live: log groups and
// streams, PutLogEvents, FilterLogEvents, metric and subscription filters and the other Logs API
// operations, built on the kernel in package bus. The service is not built yet; this package
// holds no code.
//
// The filter-pattern engine the service will use is the subpackage
// [github.com/watchsim/watchsim/logs/filterpattern]: filter patterns (terms, JSON,
// space-delimited, %regex%) with AWS's exact errors, metric-filter values and dimensions, and
// TestMetricFilter as a pure function. It depends only on the standard library, watchsim's AWS
// error type and JSON reader, and smithy-go, so programs that only match log events do not import the kernel.
package logs
