// Package p99property is a runnable example of property-testing your own alarm definition with
// watchsim: "the checkout p99 latency alarm never fires on a healthy diurnal pattern with noise and
// gaps, and always fires within 5 minutes of an outage". Run it with
//
//	go test ./examples/p99property
//
// rapid generates the scenario (baseline, diurnal swing, noise, outage start and length, a gap in
// the data); on failure it shrinks to a minimal counterexample and saves it under testdata/rapid/.
// Change userAlarm (try DatapointsToAlarm 1 with a lower threshold) to watch a property fail.
package p99property
