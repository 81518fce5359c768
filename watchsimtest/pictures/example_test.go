package pictures_test

import (
	"testing"

	"github.com/watchsim/watchsim/watchsimtest"
	"github.com/watchsim/watchsim/watchsimtest/pictures"
)

// A test of an alarm asks for its picture right after building the simulator: if the test fails,
// the log shows where the SVG and PNG of HighLatency are, just before the timeline.
func ExampleOnFailure() {
	var t *testing.T // the test's t
	sim := watchsimtest.New(t)
	pictures.OnFailure(t, sim, "HighLatency")
	// … PutMetricAlarm, PutMetricData, sim.Advance, assertions …
}
