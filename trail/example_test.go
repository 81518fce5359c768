package trail_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/watchsim/watchsim"
	"github.com/watchsim/watchsim/alarms"
	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/trail"
)

// A trail writes log files and signed digests to an S3 bucket on the clock; ValidateLogs answers
// as `aws cloudtrail validate-logs` does, and catches a log file deleted from the bucket.
func Example() {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	sim, err := watchsim.New(watchsim.WithStart(start))
	if err != nil {
		panic(err)
	}
	defer sim.Close()
	ctx := context.Background()
	bucket, _ := bus.NewS3Bucket(sim.Bus, "audit-logs")
	yes := true
	created, err := sim.Trail.CreateTrail(ctx, &trail.CreateTrailInput{Name: "audit", S3BucketName: "audit-logs", EnableLogFileValidation: &yes})
	if err != nil {
		panic(err)
	}
	if _, err := sim.Trail.StartLogging(ctx, &trail.StartLoggingInput{Name: "audit"}); err != nil {
		panic(err)
	}
	for i := range 3 { // three management calls, ten minutes apart (with CreateTrail and StartLogging: four files)
		_ = sim.Advance(10 * time.Minute)
		if _, err := sim.Alarms.DeleteAlarms(ctx, &alarms.DeleteAlarmsInput{AlarmNames: []string{fmt.Sprint("old-", i)}}); err != nil {
			panic(err)
		}
	}
	_ = sim.Advance(2 * time.Hour) // log files every 5 minutes, a digest every hour

	validate := func() {
		rep, err := sim.Trail.ValidateLogs(trail.ValidateLogsInput{TrailARN: created.TrailARN, StartTime: start})
		if err != nil {
			panic(err)
		}
		fmt.Printf("exit %d: %d log file(s) valid, %d invalid\n", rep.ExitCode, rep.LogsValid, rep.LogsInvalid)
		for _, f := range rep.Findings {
			fmt.Println(strings.ReplaceAll(f, "\t", " "))
		}
	}
	validate()
	for _, o := range bucket.List("AWSLogs/") {
		if strings.Contains(o.Key, "/CloudTrail/") {
			bucket.Delete(o.Key) // someone removes the first log file
			break
		}
	}
	validate()
	// Output:
	// exit 0: 4 log file(s) valid, 0 invalid
	// exit 1: 3 log file(s) valid, 1 invalid
	// Log file s3://audit-logs/AWSLogs/123456789012/CloudTrail/us-east-1/2026/01/01/123456789012_CloudTrail_us-east-1_20260101T0005Z_xCTtEvbAQwmPUdiA.json.gz INVALID: not found
}
