package metrics

import (
	"time"

	"github.com/watchsim/watchsim/internal/metricslink"
)

// The query engine the alarms service reads through (package internal/metricslink). Its methods
// are exported so that alarms can name them in an interface, but the type is not: the plumbing
// stays out of this package's documentation and API.

// link is the embedded metricslink.Link of a Service (an unexported name, so it adds nothing to
// the Service's documented fields or methods).
type link = metricslink.Link

// engine is what metricslink.Engine returns for a *Service.
type engine struct{ s *Service }

// QueryLocked evaluates MetricStat and metric-math queries over [start, end) holding the bus state
// lock (see Service.queryLocked for the contract).
func (e engine) QueryLocked(queries []MetricDataQuery, start, end time.Time) ([]MetricDataResult, error) {
	return e.s.queryLocked(queries, start, end)
}

// ValidateQueries checks MetricDataQueries as GetMetricData does, without evaluating them.
func (e engine) ValidateQueries(queries []MetricDataQuery) error { return validateQueries(queries) }

// CompileStat validates one MetricStat as QueryLocked would and returns its fast-path reader. The
// caller holds the bus state lock.
func (e engine) CompileStat(ms MetricStat) (metricslink.StatReader, error) {
	h, err := e.s.compileStat(ms)
	if err != nil {
		return nil, err
	}
	return h, nil
}

// AppendMetricKey appends the order-free identity key of a metric to dst without allocating when
// dst has room (two metrics are the same metric exactly when their keys are equal).
func (e engine) AppendMetricKey(dst []byte, namespace, name string, dims []Dimension) []byte {
	return appendKey(dst, namespace, name, dims)
}
