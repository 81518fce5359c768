package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/watchsim/watchsim/watchsimtest/pictures"
)

// TestQuickstart runs the tour and checks the chain it promises: the alarm went to ALARM and back, the
// pager queue got the SNS notification, the EventBridge rule invoked its Lambda target once and sent
// the transformed incident to its queue, the scheduled rule fired every 5 minutes, CloudTrail says who
// created the alarm and the trail's digest chain validates.
func TestQuickstart(t *testing.T) {
	t.Setenv(pictures.Env, t.TempDir()) // the picture goes to the test's own directory
	f, err := os.Create(filepath.Join(t.TempDir(), "out.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := run(f); err != nil {
		t.Fatal(err)
	}
	_ = f.Close()
	out, err := os.ReadFile(f.Name())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"alarm Http5xxHigh is OK at 2026-01-01T00:10:00Z; 1 page(s), 1 lambda invocation(s), 1 incident(s), 2 heartbeat(s)",
		`incidents received {"incident":"Http5xxHigh","opened":"2026-01-01T00:0`,
		`"rule":"page-on-call"}`,
		"heartbeats received a Scheduled Event of 2026-01-01T00:05:00Z",
		"heartbeats received a Scheduled Event of 2026-01-01T00:10:00Z",
		"Http5xxHigh OK → ALARM: Threshold Crossed: 2 out of the last 3 datapoints",
		"page-on-call invoked for Http5xxHigh",
		`pager received "ALARM: \"Http5xxHigh\" in US East (N. Virginia)"`,
		"Http5xx 00:05: Sum 30, Maximum 1 per event",
		"logs       PutLogEvents",
		"metrics    20 datapoint(s) in MyApp: Http5xx",
		"audit: PutMetricAlarm Http5xxHigh by alice from 203.0.113.7 (aws-cli/2.27.0) at 2026-01-01T00:00:00Z",
		"audit: validate-logs exit 0: 2 digest file(s) and 2 log file(s) valid, 0 invalid",
		"picture of Http5xxHigh: ",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
