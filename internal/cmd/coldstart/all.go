//go:build coldstart_all

package main

// Every other library package of the module, so that TestNothingRunsAtInit sees their initialisation
// too (TestColdStartLinksEveryPackage keeps this list complete). Behind a build tag, so that
// BenchmarkColdStart measures what a user's program links, without the test kits.
import (
	_ "github.com/watchsim/watchsim/alarms/alarmstest"
	_ "github.com/watchsim/watchsim/awsapi"
	_ "github.com/watchsim/watchsim/awsapi/awsapitest"
	_ "github.com/watchsim/watchsim/config"
	_ "github.com/watchsim/watchsim/config/conformance"
	_ "github.com/watchsim/watchsim/config/query"
	_ "github.com/watchsim/watchsim/events"
	_ "github.com/watchsim/watchsim/events/eventpattern"
	_ "github.com/watchsim/watchsim/events/schedule"
	_ "github.com/watchsim/watchsim/events/transform"
	_ "github.com/watchsim/watchsim/internal/cputime"
	_ "github.com/watchsim/watchsim/logs"
	_ "github.com/watchsim/watchsim/logs/emf"
	_ "github.com/watchsim/watchsim/logs/filterpattern"
	_ "github.com/watchsim/watchsim/logs/insights"
	_ "github.com/watchsim/watchsim/metrics/metricstest"
	_ "github.com/watchsim/watchsim/metrics/widgetimage"
	_ "github.com/watchsim/watchsim/trail"
	_ "github.com/watchsim/watchsim/watchsimtest"
	_ "github.com/watchsim/watchsim/watchsimtest/pictures"
)
