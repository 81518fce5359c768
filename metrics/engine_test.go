package metrics_test

import (
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/metricslink"
	"github.com/watchsim/watchsim/metrics"
)

// engineT is the engine interface as the alarms service sees it.
type engineT interface {
	QueryLocked(queries []metrics.MetricDataQuery, start, end time.Time) ([]metrics.MetricDataResult, error)
	ValidateQueries(queries []metrics.MetricDataQuery) error
	CompileStat(ms metrics.MetricStat) (metricslink.StatReader, error)
	AppendMetricKey(dst []byte, namespace, name string, dims []metrics.Dimension) []byte
}

func engineOf(s *metrics.Service) engineT { return metricslink.Engine(s).(engineT) }

// TestEngineLink: every Service carries the engine the alarms service asserts, and nothing else does.
func TestEngineLink(t *testing.T) {
	s, err := metrics.New(bus.MustNew())
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := metricslink.Engine(s).(engineT); !ok {
		t.Fatalf("metrics.Service engine %T lacks the alarms interface", metricslink.Engine(s))
	}
	if metricslink.Engine(metrics.Service{}) != nil || metricslink.Engine(&metrics.Service{}) != nil {
		t.Fatal("a Service not built by New has an engine")
	}
	if engineOf(s).ValidateQueries([]metrics.MetricDataQuery{{Id: "Bad", Expression: "1"}}) == nil {
		t.Error("ValidateQueries accepted a bad Id")
	}
}
