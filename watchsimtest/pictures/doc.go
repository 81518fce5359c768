// Package pictures draws a simulator's alarms as the CloudWatch console shows them, for tests:
// when a test fails, next to the timeline watchsimtest.New prints, a picture of each alarm it names
// — its metric, the threshold, the periods it spent in each state, the datapoints that were
// missing and the actions it took.
//
// It is a package of its own so that tests which never draw do not link a plotting library (the
// drawing is package metrics/widgetimage, built on gonum/plot: about 55 more packages and +6.8 MB
// in a test binary).
//
// # Index
//
//   - [AlarmChart]: the picture of one alarm over a time range as a widgetimage.Chart — a metric
//     alarm's evaluated series (GetMetricData), threshold line with the breaching side shaded, a
//     grey cross per period without a datapoint; a composite alarm's children as lanes; the
//     alarm's state bands (StateUpdate history) and action diamonds (Action history).
//   - [Write]: the picture as <alarm>.svg and <alarm>.png in a directory. The same simulation
//     writes the same bytes (golden files in testdata/: a threshold crossing, missing data treated
//     the four ways, a composite alarm; go test -update rewrites them).
//   - [OnFailure]: registered after watchsimtest.New, writes the pictures when the test fails and
//     logs their paths just before the timeline; into $WATCHSIM_PICTURES/<test> ([Env]), else
//     t.ArtifactDir() (kept with go test -artifacts), else t.TempDir().
package pictures
