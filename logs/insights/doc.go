// Package insights is the CloudWatch Logs Insights query engine of watchsim (Logs Insights QL,
// queryLanguage CWLI): the pure core the Logs service runs from StartQuery and
// GetQueryResults. It holds no state and needs no clock.
package insights
