package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/watchsim/watchsim"
)

// serve starts the command's server on a free loopback port and returns its URL; it stops with the test.
func serve(t testing.TB, args ...string) string {
	t.Helper()
	ready := make(chan string, 1)
	stop := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- run(append([]string{"serve", "-addr", "127.0.0.1:0", "-quiet"}, args...), io.Discard, io.Discard, ready, stop)
	}()
	select {
	case addr := <-ready:
		t.Cleanup(func() {
			close(stop)
			if err := <-done; err != nil {
				t.Errorf("serve: %v", err)
			}
		})
		return "http://" + addr
	case err := <-done:
		t.Fatalf("serve: %v", err)
	}
	return ""
}

func control(t *testing.T, method, url string) string {
	t.Helper()
	req, _ := http.NewRequest(method, url, nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 {
		t.Fatalf("%s %s: %d %s", method, url, res.StatusCode, b)
	}
	return strings.TrimSpace(string(b))
}

// hasService reports whether the Simulator has the service field name.
func hasService(name string) bool {
	return reflect.ValueOf(watchsim.Simulator{}).FieldByName(name).IsValid()
}

func TestServeFlags(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"bogus"},
		{"serve", "-start", "yesterday"},
		{"serve", "-start", "2026-01-01T00:00:00Z", "-realtime"},
		{"serve", "-user", "no-colons"},
		{"serve", "-verify-sigv4"},
		{"serve", "extra"},
	} {
		if err := run(args, io.Discard, io.Discard, nil, nil); err == nil {
			t.Errorf("run(%q) accepted", args)
		}
	}
}

func TestServeControlAndSeed(t *testing.T) {
	url := serve(t, "-start", "2027-03-01T12:00:00Z", "-seed", "7")
	if got := control(t, "GET", url+"/_watchsim/now"); got != "2027-03-01T12:00:00Z" {
		t.Fatalf("now = %q", got)
	}
	if got := control(t, "POST", url+"/_watchsim/advance?by=90s"); got != "2027-03-01T12:01:30Z" {
		t.Fatalf("advance = %q", got)
	}
	if got := control(t, "POST", url+"/_watchsim/reset"); got != "2027-03-01T12:00:00Z" {
		t.Fatalf("reset = %q", got)
	}
}

// awsCLI runs the aws CLI against url; the test is skipped where the CLI is not installed.
func awsCLI(t *testing.T, url string, args ...string) []byte {
	t.Helper()
	path, err := exec.LookPath("aws")
	if err != nil {
		t.Skip("the aws CLI is not installed; skipping the wire-level test with it")
	}
	cmd := exec.Command(path, append([]string{"--endpoint-url", url, "--output", "json"}, args...)...)
	cmd.Env = append(os.Environ(), "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
		"AWS_DEFAULT_REGION=us-east-1", "AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null", "AWS_PAGER=")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("aws %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return out
}

// TestAWSCLI drives `watchsim serve` with the aws CLI (botocore: CloudWatch over AWS JSON 1.0 in
// query mode, CloudWatch Logs and EventBridge over JSON 1.1): put-metric-data, put-metric-alarm,
// describe-alarms after an advance, logs and events calls.
func TestAWSCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the aws CLI several times (seconds)")
	}
	url := serve(t)
	awsCLI(t, url, "cloudwatch", "put-metric-alarm", "--alarm-name", "HighLatency", "--namespace", "App", "--metric-name", "Latency",
		"--statistic", "Average", "--period", "60", "--evaluation-periods", "1", "--threshold", "100",
		"--comparison-operator", "GreaterThanThreshold")
	awsCLI(t, url, "cloudwatch", "put-metric-data", "--namespace", "App", "--metric-data",
		`[{"MetricName":"Latency","Value":250,"Timestamp":"2026-01-01T00:00:10Z"},{"MetricName":"Latency","Value":150,"Timestamp":"2026-01-01T00:00:20Z"}]`)
	control(t, "POST", url+"/_watchsim/advance?by=3m")
	var alarms struct {
		MetricAlarms []struct {
			AlarmName, StateValue string
			// the aws CLI v1 prints timestamps as the wire sent them: epoch seconds over JSON 1.0
			StateUpdatedTimestamp float64
			Threshold             float64
		}
	}
	if err := json.Unmarshal(awsCLI(t, url, "cloudwatch", "describe-alarms"), &alarms); err != nil {
		t.Fatal(err)
	}
	if len(alarms.MetricAlarms) != 1 || alarms.MetricAlarms[0].StateValue != "ALARM" || alarms.MetricAlarms[0].Threshold != 100 {
		t.Fatalf("describe-alarms = %+v", alarms)
	}
	if ts := alarms.MetricAlarms[0].StateUpdatedTimestamp; ts < float64(time.Date(2026, 1, 1, 0, 1, 0, 0, time.UTC).Unix()) {
		t.Errorf("StateUpdatedTimestamp = %v", ts)
	}
	var stats struct{ Datapoints []struct{ Maximum float64 } }
	if err := json.Unmarshal(awsCLI(t, url, "cloudwatch", "get-metric-statistics", "--namespace", "App", "--metric-name", "Latency",
		"--start-time", "2026-01-01T00:00:00Z", "--end-time", "2026-01-01T01:00:00Z", "--period", "3600", "--statistics", "Maximum"), &stats); err != nil {
		t.Fatal(err)
	}
	if len(stats.Datapoints) != 1 || stats.Datapoints[0].Maximum != 250 {
		t.Fatalf("get-metric-statistics = %+v", stats)
	}

	awsCLI(t, url, "logs", "create-log-group", "--log-group-name", "/app/api")
	awsCLI(t, url, "logs", "create-log-stream", "--log-group-name", "/app/api", "--log-stream-name", "web-1")
	awsCLI(t, url, "logs", "put-log-events", "--log-group-name", "/app/api", "--log-stream-name", "web-1",
		"--log-events", `[{"timestamp":1767225780000,"message":"ERROR boom"},{"timestamp":1767225781000,"message":"ok"}]`)
	var fe struct{ Events []struct{ Message string } }
	if err := json.Unmarshal(awsCLI(t, url, "logs", "filter-log-events", "--log-group-name", "/app/api", "--filter-pattern", "ERROR"), &fe); err != nil {
		t.Fatal(err)
	}
	if len(fe.Events) != 1 || fe.Events[0].Message != "ERROR boom" {
		t.Fatalf("filter-log-events = %+v", fe)
	}

	if !hasService("Events") {
		return // EventBridge is not on the Simulator yet
	}
	var buses struct{ EventBuses []struct{ Name string } }
	if err := json.Unmarshal(awsCLI(t, url, "events", "list-event-buses"), &buses); err != nil {
		t.Fatal(err)
	}
	if len(buses.EventBuses) == 0 || buses.EventBuses[0].Name != "default" {
		t.Fatalf("list-event-buses = %+v", buses)
	}
	var put struct{ FailedEntryCount int }
	if err := json.Unmarshal(awsCLI(t, url, "events", "put-events", "--entries",
		`[{"Source":"my.app","DetailType":"OrderPlaced","Detail":"{\"orderId\":\"42\"}"}]`), &put); err != nil {
		t.Fatal(err)
	}
	if put.FailedEntryCount != 0 {
		t.Fatalf("put-events = %+v", put)
	}

	if !hasService("Trail") {
		return
	}
	// CloudTrail's X-Amz-Target prefix holds dots (com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101).
	var look struct {
		Events []struct {
			EventName, EventSource, CloudTrailEvent string
			EventTime                               float64
		}
	}
	if err := json.Unmarshal(awsCLI(t, url, "cloudtrail", "lookup-events", "--lookup-attributes",
		"AttributeKey=EventName,AttributeValue=CreateLogGroup"), &look); err != nil {
		t.Fatal(err)
	}
	if len(look.Events) != 1 || look.Events[0].EventSource != "logs.amazonaws.com" ||
		!strings.Contains(look.Events[0].CloudTrailEvent, `"logGroupName":"/app/api"`) || look.Events[0].EventTime < 1.7e9 {
		t.Fatalf("lookup-events = %+v", look)
	}
}

// TestBoto3 drives `watchsim serve` with boto3: CloudWatch, Logs, SQS and SNS; skipped where Python
// or boto3 is missing.
func TestBoto3(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Python (seconds)")
	}
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed; skipping the boto3 wire-level test")
	}
	if err := exec.Command(py, "-c", "import boto3").Run(); err != nil {
		t.Skip("boto3 is not installed; skipping the boto3 wire-level test")
	}
	url := serve(t)
	script := `
import json, sys, urllib.request, datetime, boto3, botocore
url = sys.argv[1]
kw = dict(endpoint_url=url, region_name="us-east-1", aws_access_key_id="AKIAIOSFODNN7EXAMPLE", aws_secret_access_key="x")
cw, logs, sqs, sns = (boto3.client(s, **kw) for s in ("cloudwatch", "logs", "sqs", "sns"))
q = sqs.create_queue(QueueName="pager")["QueueUrl"]
t = sns.create_topic(Name="ops")["TopicArn"]
sns.subscribe(TopicArn=t, Protocol="sqs", Endpoint="arn:aws:sqs:us-east-1:123456789012:pager")
cw.put_metric_alarm(AlarmName="hi", Namespace="App", MetricName="Errors", Statistic="Sum", Period=60,
    EvaluationPeriods=1, Threshold=5, ComparisonOperator="GreaterThanThreshold", AlarmActions=[t])
start = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
cw.put_metric_data(Namespace="App", MetricData=[{"MetricName": "Errors", "Value": 10, "Timestamp": start}])
urllib.request.urlopen(urllib.request.Request(url + "/_watchsim/advance?by=2m", method="POST")).read()
a = cw.describe_alarms(AlarmNames=["hi"])["MetricAlarms"][0]
msgs = sqs.receive_message(QueueUrl=q, MaxNumberOfMessages=10).get("Messages", [])
note = json.loads(json.loads(msgs[0]["Body"])["Message"]) if msgs else {}
try:
    cw.get_dashboard(DashboardName="nope")
    code = None
except botocore.exceptions.ClientError as e:
    code = e.response["Error"]["Code"]
logs.create_log_group(logGroupName="/b")
img = cw.get_metric_widget_image(MetricWidget=json.dumps({"metrics": [["App", "Errors"]], "start": "-PT1H", "width": 320, "height": 200}))["MetricWidgetImage"]
print(json.dumps({"state": a["StateValue"], "updated": a["StateUpdatedTimestamp"].isoformat(), "note": note.get("NewStateValue"),
    "code": code, "png": img[:8].hex(), "groups": [g["logGroupName"] for g in logs.describe_log_groups()["logGroups"]]}))
`
	cmd := exec.Command(py, "-c", script, url)
	cmd.Env = append(os.Environ(), "AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("boto3: %v\n%s", err, stderr.String())
	}
	var got struct {
		State, Updated, Note, Code, PNG string
		Groups                          []string
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if got.State != "ALARM" || got.Note != "ALARM" || got.Code != "ResourceNotFound" || len(got.Groups) != 1 ||
		got.PNG != "89504e470d0a1a0a" || // GetMetricWidgetImage drew a PNG
		!strings.HasPrefix(got.Updated, "2026-01-01T00:01:00") {
		t.Fatalf("boto3 saw %+v", got)
	}
}
