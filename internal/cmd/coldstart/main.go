// Command coldstart is a fresh process's first answer: it builds a simulator, puts one datapoint,
// reads it back and closes. The root package's TestNothingRunsAtInit runs it with
// GODEBUG=inittrace=1 to prove no watchsim package does work at initialisation, and
// BenchmarkColdStart times it against an empty Go program.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/watchsim/watchsim"
	"github.com/watchsim/watchsim/metrics"

	// Every other library package of the module, so that TestNothingRunsAtInit sees their
	// initialisation too (TestColdStartLinksEveryPackage keeps this list complete).
	_ "github.com/watchsim/watchsim/alarms/alarmstest"
	_ "github.com/watchsim/watchsim/events"
	_ "github.com/watchsim/watchsim/events/eventpattern"
	_ "github.com/watchsim/watchsim/logs"
	_ "github.com/watchsim/watchsim/logs/filterpattern"
	_ "github.com/watchsim/watchsim/metrics/metricstest"
	_ "github.com/watchsim/watchsim/watchsimtest"
)

func main() {
	sim, err := watchsim.New()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer sim.Close()
	v := 42.0
	_, err = sim.Metrics.PutMetricData(context.Background(), &metrics.PutMetricDataInput{
		Namespace:  "App",
		MetricData: []metrics.MetricDatum{{MetricName: "Requests", Value: &v}},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
