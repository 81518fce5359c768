// Package queryid checks the Id of a CloudWatch metric data query, shared by GetMetricData and by
// the Metrics of PutMetricAlarm.
//
// # Index
//
//   - [Valid]: the Id rule, written by hand (no regular expression, nothing compiled at start-up).
package queryid
