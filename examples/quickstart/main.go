// Command quickstart runs the watchsim chain on virtual time and prints what happened:
//
//	application log lines, uploaded with PutLogEvents
//	  → a CloudWatch Logs metric filter (sim.Logs)        → one datapoint per log event on the bus
//	  → CloudWatch metrics                                → a metric alarm, evaluated every minute
//	  → ALARM: an SNS action (→ an SQS queue) and a "CloudWatch Alarm State Change" event
//	  → an EventBridge rule (sim.Events)                  → its Lambda target, and an SQS queue
//	                                                         through an InputTransformer
//	plus a scheduled EventBridge rule (rate(5 minutes))   → a heartbeat SQS queue
//	and finally reads the metric back with GetMetricStatistics.
//
// The audit half (sim.Trail): a trail records every call into an S3 bucket with signed digests;
// LookupEvents says who created the alarm, and the digest chain validates as
// `aws cloudtrail validate-logs` would check it.
//
// The compliance half (sim.Config): an alarm created without actions turns NON_COMPLIANT under the
// managed rule CLOUDWATCH_ALARM_ACTION_CHECK, its "Config Rules Compliance Change" event reaches an
// SQS queue through an EventBridge rule, and the automatic remediation adds the action.
//
// It also writes a picture of the alarm (SVG and PNG) into $WATCHSIM_PICTURES, or
// <temp dir>/watchsim-quickstart, and prints the paths.
//
// Run it with: go run ./examples/quickstart
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/watchsim/watchsim"
	"github.com/watchsim/watchsim/alarms"
	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/config"
	"github.com/watchsim/watchsim/events"
	"github.com/watchsim/watchsim/logs"
	"github.com/watchsim/watchsim/metrics"
	"github.com/watchsim/watchsim/trail"
	"github.com/watchsim/watchsim/watchsimtest/pictures"
)

func main() {
	if err := run(os.Stdout); err != nil {
		log.Fatal(err)
	}
}

func ptr[T any](v T) *T { return &v }

func run(w *os.File) error {
	sim, err := watchsim.New(watchsim.WithTimeline())
	if err != nil {
		return err
	}
	defer sim.Close()
	b, tl, ctx := sim.Bus, sim.Timeline(), context.Background()

	// 0. CloudTrail: a trail with log file validation into an S3 bucket. Every call below is recorded.
	if _, err := bus.NewS3Bucket(b, "audit-logs"); err != nil {
		return err
	}
	if _, err := sim.Trail.CreateTrail(ctx, &trail.CreateTrailInput{Name: "audit", S3BucketName: "audit-logs",
		EnableLogFileValidation: ptr(true)}); err != nil {
		return err
	}
	if _, err := sim.Trail.StartLogging(ctx, &trail.StartLoggingInput{Name: "audit"}); err != nil {
		return err
	}

	// 1. A log group, a stream, and a metric filter counting 5xx responses in space-delimited
	// access logs: 1 for each 5xx line, 0 for every other line.
	if _, err := sim.Logs.CreateLogGroup(ctx, &logs.CreateLogGroupInput{LogGroupName: "/myapp/access"}); err != nil {
		return err
	}
	if _, err := sim.Logs.CreateLogStream(ctx, &logs.CreateLogStreamInput{LogGroupName: "/myapp/access", LogStreamName: "web-1"}); err != nil {
		return err
	}
	if _, err := sim.Logs.PutMetricFilter(ctx, &logs.PutMetricFilterInput{LogGroupName: "/myapp/access", FilterName: "5xx",
		FilterPattern:         ptr(`[ip, user, ts, request, status = 5*, bytes]`),
		MetricTransformations: []logs.MetricTransformation{{MetricName: "Http5xx", MetricNamespace: "MyApp", MetricValue: "1", DefaultValue: ptr(0.0)}},
	}); err != nil {
		return err
	}

	// 2. An alarm: at least 2 of the last 3 minutes with more than 5 errors.
	pager, err := bus.NewSQSQueue(b, "pager")
	if err != nil {
		return err
	}
	ops, err := bus.NewSNSTopic(b, "ops")
	if err != nil {
		return err
	}
	if _, err := ops.Subscribe(pager.ARN(), false); err != nil {
		return err
	}
	// Alice creates it, from her laptop: CloudTrail records who.
	alice := bus.WithIdentity(ctx, bus.Identity{Type: "IAMUser", UserName: "alice", ARN: "arn:aws:iam::123456789012:user/alice",
		PrincipalID: "AIDAALICEEXAMPLE", AccessKeyID: "AKIAALICEEXAMPLE", SourceIP: "203.0.113.7", UserAgent: "aws-cli/2.27.0"})
	if _, err := sim.Alarms.PutMetricAlarm(alice, &alarms.PutMetricAlarmInput{
		AlarmName: "Http5xxHigh", Namespace: "MyApp", MetricName: "Http5xx", Statistic: "Sum",
		Period: 60, EvaluationPeriods: 3, DatapointsToAlarm: ptr(int32(2)), Threshold: ptr(5.0),
		ComparisonOperator: "GreaterThanThreshold", TreatMissingData: "notBreaching",
		AlarmActions: []string{ops.ARN()},
	}); err != nil {
		return err
	}

	// 3. EventBridge (sim.Events): a rule routes ALARM transitions of this alarm to a Lambda function,
	// and through an InputTransformer to an "incidents" SQS queue; a scheduled rule sends a heartbeat
	// every 5 minutes.
	if _, err := sim.Events.PutRule(ctx, &events.PutRuleInput{Name: "page-on-call", EventPattern: `{
		"source": ["aws.cloudwatch"],
		"detail-type": ["CloudWatch Alarm State Change"],
		"detail": {"alarmName": [{"prefix": "Http5xx"}], "state": {"value": ["ALARM"]}}
	}`}); err != nil {
		return err
	}
	oncall, err := bus.NewLambdaFunction(b, "page-on-call", func(ctx context.Context, payload []byte) error {
		var e struct {
			Detail struct {
				AlarmName string `json:"alarmName"`
			} `json:"detail"`
		}
		_ = json.Unmarshal(payload, &e)
		tl.Note("lambda", "page-on-call invoked for %s", e.Detail.AlarmName)
		return nil
	})
	if err != nil {
		return err
	}
	incidents, err := bus.NewSQSQueue(b, "incidents")
	if err != nil {
		return err
	}
	if _, err := sim.Events.PutTargets(ctx, &events.PutTargetsInput{Rule: "page-on-call", Targets: []events.Target{
		{Id: "lambda", Arn: oncall.ARN()},
		{Id: "incidents", Arn: incidents.ARN(), InputTransformer: &events.InputTransformer{
			InputPathsMap: map[string]string{"alarm": "$.detail.alarmName", "reason": "$.detail.state.reason", "at": "$.time"},
			InputTemplate: `{"incident": <alarm>, "opened": <at>, "why": <reason>, "rule": <aws.events.rule-name>}`}},
	}}); err != nil {
		return err
	}
	heartbeats, err := bus.NewSQSQueue(b, "heartbeats")
	if err != nil {
		return err
	}
	if _, err := sim.Events.PutRule(ctx, &events.PutRuleInput{Name: "heartbeat", ScheduleExpression: "rate(5 minutes)"}); err != nil {
		return err
	}
	if _, err := sim.Events.PutTargets(ctx, &events.PutTargetsInput{Rule: "heartbeat", Targets: []events.Target{{Id: "q", Arn: heartbeats.ARN()}}}); err != nil {
		return err
	}

	// 4. Traffic: ten minutes of access logs, with an outage in minutes 4–7. Each line goes through
	// PutLogEvents; the metric filter turns it into a datapoint stamped with the line's own time.
	for minute := 0; minute < 10; minute++ {
		in := &logs.PutLogEventsInput{LogGroupName: "/myapp/access", LogStreamName: "web-1"}
		for i := 0; i < 20; i++ {
			status := 200
			if minute >= 4 && minute < 8 && i%2 == 0 {
				status = 503
			}
			at := sim.Now().Add(time.Duration(i) * time.Second)
			in.LogEvents = append(in.LogEvents, logs.InputLogEvent{Timestamp: at.UnixMilli(), Message: fmt.Sprintf(
				`10.0.0.%d - [%s] "GET /orders HTTP/1.1" %d 512`, i, at.Format("02/Jan/2006:15:04:05 -0700"), status)})
		}
		if _, err := sim.Logs.PutLogEvents(ctx, in); err != nil {
			return err
		}
		if err := sim.Advance(time.Minute); err != nil {
			return err
		}
	}

	// 5. What reached the pager queue.
	msgs, err := pager.Receive(10)
	if err != nil {
		return err
	}
	for _, m := range msgs {
		var note struct{ Subject string }
		_ = json.Unmarshal([]byte(m.Body), &note)
		tl.Note("sqs", "pager received %q", note.Subject)
	}
	incident, err := incidents.Receive(10)
	if err != nil {
		return err
	}
	for _, m := range incident {
		tl.Note("sqs", "incidents received %s", m.Body)
	}
	beats, err := heartbeats.Receive(10)
	if err != nil {
		return err
	}
	for _, m := range beats {
		var e struct {
			Time string `json:"time"`
		}
		_ = json.Unmarshal([]byte(m.Body), &e)
		tl.Note("sqs", "heartbeats received a Scheduled Event of %s", e.Time)
	}
	state, err := sim.Alarms.DescribeAlarms(ctx, &alarms.DescribeAlarmsInput{AlarmNames: []string{"Http5xxHigh"}})
	if err != nil {
		return err
	}
	// 6. The metric itself, as GetMetricStatistics returns it: 5xx per 5 minutes.
	stats, err := sim.Metrics.GetMetricStatistics(ctx, &metrics.GetMetricStatisticsInput{
		Namespace: "MyApp", MetricName: "Http5xx", StartTime: sim.Now().Add(-10 * time.Minute), EndTime: sim.Now(),
		Period: 300, Statistics: []string{"Sum", "Maximum"},
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "watchsim quickstart: alarm Http5xxHigh is %s at %s; %d page(s), %d lambda invocation(s), %d incident(s), %d heartbeat(s)\n",
		state.MetricAlarms[0].StateValue, sim.Now().Format(time.RFC3339), len(msgs), len(oncall.Invocations()), len(incident), len(beats))
	for _, dp := range stats.Datapoints {
		fmt.Fprintf(w, "  Http5xx %s: Sum %.0f, Maximum %.0f per event\n", dp.Timestamp.Format("15:04"), *dp.Sum, *dp.Maximum)
	}
	fmt.Fprintln(w)
	fmt.Fprint(w, tl)
	// 7. A picture of the alarm's ten minutes: the metric, the threshold, the states, the SNS action.
	dir := os.Getenv(pictures.Env) // default: <temp>/watchsim-quickstart, overwritten by each run
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "watchsim-quickstart")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	svg, png, err := pictures.Write(ctx, sim, "Http5xxHigh", sim.Now().Add(-10*time.Minute), sim.Now(), dir)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\npicture of Http5xxHigh: %s and %s\n", svg, png)
	if err := audit(ctx, w, sim); err != nil {
		return err
	}
	return compliance(ctx, w, sim)
}

// audit is the CloudTrail half: who created the alarm (Event history), then, two hours later, the
// trail's log files and digests validated as `aws cloudtrail validate-logs` validates them.
func audit(ctx context.Context, w *os.File, sim *watchsim.Simulator) error {
	start := sim.Now().Add(-10 * time.Minute)
	look, err := sim.Trail.LookupEvents(ctx, &trail.LookupEventsInput{
		LookupAttributes: []trail.LookupAttribute{{AttributeKey: "EventName", AttributeValue: "PutMetricAlarm"}}})
	if err != nil {
		return err
	}
	fmt.Fprintln(w)
	for _, e := range look.Events {
		var rec struct {
			SourceIPAddress   string `json:"sourceIPAddress"`
			UserAgent         string `json:"userAgent"`
			RequestParameters struct {
				AlarmName string `json:"alarmName"`
			} `json:"requestParameters"`
		}
		if err := json.Unmarshal([]byte(e.CloudTrailEvent), &rec); err != nil {
			return err
		}
		fmt.Fprintf(w, "audit: %s %s by %s from %s (%s) at %s\n", e.EventName, rec.RequestParameters.AlarmName,
			e.Username, rec.SourceIPAddress, rec.UserAgent, e.EventTime.Format(time.RFC3339))
	}
	if err := sim.Advance(2 * time.Hour); err != nil { // log files every 5 minutes, a digest every hour
		return err
	}
	tr, err := sim.Trail.GetTrail(ctx, &trail.GetTrailInput{Name: "audit"})
	if err != nil {
		return err
	}
	rep, err := sim.Trail.ValidateLogs(trail.ValidateLogsInput{TrailARN: tr.Trail.TrailARN, StartTime: start})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "audit: validate-logs exit %d: %d digest file(s) and %d log file(s) valid, %d invalid\n",
		rep.ExitCode, rep.DigestsValid, rep.LogsValid, rep.DigestsInvalid+rep.LogsInvalid)
	return nil
}

// compliance is the AWS Config half: the recorder, a managed rule that wants an ALARM action on
// every alarm, an EventBridge rule sending NON_COMPLIANT changes to a queue, and a remediation (a Go
// function standing in for the SSM document) that adds the missing action.
func compliance(ctx context.Context, w *os.File, sim *watchsim.Simulator) error {
	if _, err := bus.NewS3Bucket(sim.Bus, "config-logs"); err != nil {
		return err
	}
	if _, err := sim.Config.PutConfigurationRecorder(ctx, &config.PutConfigurationRecorderInput{ConfigurationRecorder: &config.ConfigurationRecorder{
		RoleARN: "arn:aws:iam::123456789012:role/config-recorder"}}); err != nil {
		return err
	}
	if _, err := sim.Config.PutDeliveryChannel(ctx, &config.PutDeliveryChannelInput{DeliveryChannel: &config.DeliveryChannel{S3BucketName: "config-logs"}}); err != nil {
		return err
	}
	if _, err := sim.Config.StartConfigurationRecorder(ctx, &config.StartConfigurationRecorderInput{ConfigurationRecorderName: "default"}); err != nil {
		return err
	}
	queue, err := bus.NewSQSQueue(sim.Bus, "compliance")
	if err != nil {
		return err
	}
	if _, err := sim.Events.PutRule(ctx, &events.PutRuleInput{Name: "non-compliant", EventPattern: `{"source": ["aws.config"],
		"detail-type": ["Config Rules Compliance Change"], "detail": {"newEvaluationResult": {"complianceType": ["NON_COMPLIANT"]}}}`}); err != nil {
		return err
	}
	if _, err := sim.Events.PutTargets(ctx, &events.PutTargetsInput{Rule: "non-compliant", Targets: []events.Target{{Id: "q", Arn: queue.ARN()}}}); err != nil {
		return err
	}
	// The remediation: re-put the alarm with the ops topic as its ALARM action.
	topic := sim.Bus.ARN("sns", "ops")
	if err := sim.Config.RegisterRemediationDocument("AddAlarmAction", func(ctx context.Context, req config.RemediationRequest) error {
		out, err := sim.Alarms.DescribeAlarms(ctx, &alarms.DescribeAlarmsInput{AlarmNames: req.Parameters["AlarmName"]})
		if err != nil || len(out.MetricAlarms) != 1 {
			return fmt.Errorf("alarm %v: %v", req.Parameters["AlarmName"], err)
		}
		a := out.MetricAlarms[0]
		_, err = sim.Alarms.PutMetricAlarm(ctx, &alarms.PutMetricAlarmInput{AlarmName: a.AlarmName, Namespace: a.Namespace, MetricName: a.MetricName,
			Statistic: a.Statistic, Period: a.Period, EvaluationPeriods: a.EvaluationPeriods, Threshold: a.Threshold,
			ComparisonOperator: a.ComparisonOperator, AlarmActions: req.Parameters["Action"]})
		return err
	}); err != nil {
		return err
	}
	if _, err := sim.Config.PutConfigRule(ctx, &config.PutConfigRuleInput{ConfigRule: &config.ConfigRule{ConfigRuleName: "cloudwatch-alarm-action-check",
		InputParameters: `{"alarmActionRequired":"true","insufficientDataActionRequired":"false"}`,
		Source:          &config.RuleSource{Owner: config.OwnerAWS, SourceIdentifier: "CLOUDWATCH_ALARM_ACTION_CHECK"}}}); err != nil {
		return err
	}
	if _, err := sim.Config.PutRemediationConfigurations(ctx, &config.PutRemediationConfigurationsInput{RemediationConfigurations: []config.RemediationConfiguration{{
		ConfigRuleName: "cloudwatch-alarm-action-check", TargetType: "SSM_DOCUMENT", TargetID: "AddAlarmAction", Automatic: true,
		Parameters: map[string]config.RemediationParameterValue{"AlarmName": {ResourceValue: &config.ResourceValue{Value: "RESOURCE_ID"}},
			"Action": {StaticValue: &config.StaticValue{Values: []string{topic}}}}}}}); err != nil {
		return err
	}
	// An alarm created without actions.
	if _, err := sim.Alarms.PutMetricAlarm(ctx, &alarms.PutMetricAlarmInput{AlarmName: "DiskFull", Namespace: "MyApp", MetricName: "DiskUsedPercent",
		Statistic: "Maximum", Period: 300, EvaluationPeriods: 1, Threshold: ptr(90.0), ComparisonOperator: "GreaterThanThreshold"}); err != nil {
		return err
	}
	if err := sim.Advance(2 * time.Minute); err != nil { // evaluation 15 s after each change
		return err
	}
	fmt.Fprintln(w)
	msgs, err := queue.Receive(10)
	if err != nil {
		return err
	}
	for _, m := range msgs {
		var e struct {
			Detail struct {
				ResourceID          string `json:"resourceId"`
				ConfigRuleName      string `json:"configRuleName"`
				NewEvaluationResult struct {
					ComplianceType string `json:"complianceType"`
				} `json:"newEvaluationResult"`
			} `json:"detail"`
		}
		_ = json.Unmarshal([]byte(m.Body), &e)
		fmt.Fprintf(w, "compliance: queue received %s is %s under %s\n", e.Detail.ResourceID, e.Detail.NewEvaluationResult.ComplianceType, e.Detail.ConfigRuleName)
	}
	st, err := sim.Config.DescribeRemediationExecutionStatus(ctx, &config.DescribeRemediationExecutionStatusInput{ConfigRuleName: "cloudwatch-alarm-action-check"})
	if err != nil {
		return err
	}
	for _, x := range st.RemediationExecutionStatuses {
		fmt.Fprintf(w, "compliance: remediation of %s %s\n", x.ResourceKey.ResourceID, x.State)
	}
	res, err := sim.Config.DescribeComplianceByResource(ctx, &config.DescribeComplianceByResourceInput{ResourceType: config.TypeAlarm})
	if err != nil {
		return err
	}
	for _, r := range res.ComplianceByResources {
		fmt.Fprintf(w, "compliance: %s is now %s\n", r.ResourceID, r.Compliance.ComplianceType)
	}
	return nil
}
