// Command coldstart is a fresh process's first answer: it builds a simulator, puts one datapoint,
// closes — what a user's process links and runs. With the build tag coldstart_all it also links every
// other library package of the module (all.go). The root package's TestNothingRunsAtInit runs it with
// GODEBUG=inittrace=1 to prove no watchsim package does work at initialisation, and
// BenchmarkColdStart times it against an empty Go program.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/watchsim/watchsim"
	"github.com/watchsim/watchsim/metrics"
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
