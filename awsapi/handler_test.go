package awsapi_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/smithy-go"
	"github.com/fxamacker/cbor/v2"
	"github.com/watchsim/watchsim"
	"github.com/watchsim/watchsim/awsapi"
	"github.com/watchsim/watchsim/awsapi/awsapitest"
	"github.com/watchsim/watchsim/metrics"
)

// post sends a raw request to h and returns the response.
func post(t testing.TB, h http.Handler, path string, headers map[string]string, body []byte) *http.Response {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, path, bytes.NewReader(body))
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	rr := httptest.NewRecorder()
	h.ServeHTTP(rr, req)
	return rr.Result()
}

func gzipped(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, _ = zw.Write(b)
	_ = zw.Close()
	return buf.Bytes()
}

// lyingSize sets a gzip stream's trailer ISIZE to 4 GiB − 1 (the reader checks it at the end).
func lyingSize(gz []byte) []byte {
	out := append([]byte(nil), gz...)
	copy(out[len(out)-4:], []byte{0xff, 0xff, 0xff, 0xff})
	return out
}

func newHandler(t *testing.T, opts ...awsapi.Option) (*awsapi.Handler, *watchsim.Simulator) {
	t.Helper()
	sim := newSim(t)
	h, err := awsapi.New(sim, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return h, sim
}

var (
	cborHeaders = map[string]string{"Smithy-Protocol": "rpc-v2-cbor", "Content-Type": "application/cbor", "X-Amzn-Query-Mode": "true"}
	json10CW    = map[string]string{"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "GraniteServiceVersion20100801.ListMetrics"}
	json11Logs  = map[string]string{"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "Logs_20140328.DescribeLogGroups"}
	queryForm   = map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
)

// TestMalformedBodies: a body the protocol cannot read is the protocol's serialization error, with
// status 400 and the protocol's error shape — never a panic or a 500.
func TestMalformedBodies(t *testing.T) {
	h, _ := newHandler(t)
	cases := []struct {
		name     string
		path     string
		headers  map[string]string
		body     []byte
		wantCode string
	}{
		{"cbor garbage", "/service/GraniteServiceVersion20100801/operation/ListMetrics", cborHeaders, []byte{0xbf, 0x61}, "SerializationException"},
		{"cbor not a map", "/service/GraniteServiceVersion20100801/operation/ListMetrics", cborHeaders, []byte{0x01}, "SerializationException"},
		{"cbor wrong member type", "/service/GraniteServiceVersion20100801/operation/ListMetrics", cborHeaders, []byte{0xa1, 0x69, 'N', 'a', 'm', 'e', 's', 'p', 'a', 'c', 'e', 0x01}, "SerializationException"},
		{"json truncated", "/", json10CW, []byte(`{"Namespace":`), "SerializationException"},
		{"json array", "/", json11Logs, []byte(`[1,2]`), "SerializationException"},
		{"json wrong type", "/", json11Logs, []byte(`{"limit":"ten"}`), "SerializationException"},
		{"json bad timestamp", "/", map[string]string{"Content-Type": "application/x-amz-json-1.0",
			"X-Amz-Target": "GraniteServiceVersion20100801.GetMetricStatistics"}, []byte(`{"StartTime":"yesterday"}`), "SerializationException"},
		{"gzip not gzip", "/", map[string]string{"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "Logs_20140328.DescribeLogGroups",
			"Content-Encoding": "gzip"}, []byte(`{}`), "SerializationException"},
		{"gzip with a lying size", "/", map[string]string{"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "Logs_20140328.DescribeLogGroups",
			"Content-Encoding": "gzip"}, lyingSize(gzipped([]byte(`{}`))), "SerializationException"},
		{"query bad index", "/", queryForm, []byte("Action=ListMetrics&Version=2010-08-01&Dimensions.member.x.Name=a"), "MalformedQueryString"},
		{"query bad integer", "/", queryForm, []byte("Action=DescribeAlarms&Version=2010-08-01&MaxRecords=many"), "MalformedQueryString"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := post(t, h, c.path, c.headers, c.body)
			body, _ := io.ReadAll(res.Body)
			if res.StatusCode != 400 || !bytes.Contains(body, []byte(c.wantCode)) {
				t.Fatalf("status %d, body %q", res.StatusCode, body)
			}
			if bytes.Contains(body, []byte("goroutine")) || bytes.Contains(body, []byte(".go:")) {
				t.Fatalf("a Go stack in the answer: %s", body)
			}
		})
	}
}

// TestCBORErrorShape checks the exact wire shape of a CBOR error of a query-compatible service.
func TestCBORErrorShape(t *testing.T) {
	h, _ := newHandler(t)
	body, _ := cbor.Marshal(map[string]string{"DashboardName": "nope"})
	res := post(t, h, "/prefix/cw/service/GraniteServiceVersion20100801/operation/GetDashboard", cborHeaders, body)
	if res.StatusCode != 404 || res.Header.Get("X-Amzn-Query-Error") != "ResourceNotFound;Sender" ||
		res.Header.Get("Content-Type") != "application/cbor" || res.Header.Get("Smithy-Protocol") != "rpc-v2-cbor" {
		t.Fatalf("status %d, headers %v", res.StatusCode, res.Header)
	}
	var m map[string]string
	b, _ := io.ReadAll(res.Body)
	if err := cbor.Unmarshal(b, &m); err != nil || m["__type"] != "com.amazonaws.cloudwatch#DashboardNotFoundError" || m["message"] == "" {
		t.Fatalf("body %v (%v)", m, err)
	}
}

// TestUnservedOperations: an operation the simulator does not have is a NotSimulated error (501) in
// the protocol's shape, for every protocol.
func TestUnservedOperations(t *testing.T) {
	h, _ := newHandler(t)
	for _, c := range []struct {
		path    string
		headers map[string]string
		body    string
	}{
		{"/service/GraniteServiceVersion20100801/operation/PutInsightRule", cborHeaders, ""},
		{"/", map[string]string{"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "Logs_20140328.CreateLogAnomalyDetectorX"}, "{}"},
		{"/", map[string]string{"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "DynamoDB_20120810.ListTables"}, "{}"},
		{"/", queryForm, "Action=PutInsightRule&Version=2010-08-01"},
		{"/", map[string]string{"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "AmazonSQS.PurgeQueue"}, "{}"},
	} {
		res := post(t, h, c.path, c.headers, []byte(c.body))
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != 501 || !bytes.Contains(b, []byte("NotSimulated")) {
			t.Errorf("%s %v: status %d, body %q", c.path, c.headers["X-Amz-Target"], res.StatusCode, b)
		}
	}
}

// TestRequestLimits: PutMetricData is limited to 1 MB after decompression, every body to the
// handler's limit, and a gzip body that expands past it (a decompression bomb) is refused without
// being expanded further.
func TestRequestLimits(t *testing.T) {
	h, _ := newHandler(t, awsapi.WithMaxRequestBytes(4<<20))
	big := append([]byte(`{"Namespace":"App","MetricData":[{"MetricName":"`), bytes.Repeat([]byte("a"), 1<<20)...)
	big = append(big, `"}]}`...)
	hd := map[string]string{"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "GraniteServiceVersion20100801.PutMetricData",
		"Content-Encoding": "gzip"}
	res := post(t, h, "/", hd, gzipped(big))
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != 413 || !bytes.Contains(b, []byte("RequestEntityTooLarge")) {
		t.Fatalf("1 MiB PutMetricData: status %d, %s", res.StatusCode, b)
	}
	bomb := gzipped(bytes.Repeat([]byte{' '}, 16<<20)) // 16 MiB of spaces, about 16 KiB compressed
	res = post(t, h, "/", map[string]string{"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "Logs_20140328.DescribeLogGroups",
		"Content-Encoding": "gzip"}, bomb)
	b, _ = io.ReadAll(res.Body)
	if res.StatusCode != 413 {
		t.Fatalf("gzip bomb: status %d, %s", res.StatusCode, b)
	}
	// a body over the size the Handler preallocates for (2 MiB), uncompressed, is read in full
	spaced := append(bytes.Repeat([]byte{' '}, 3<<20), `{}`...)
	res = post(t, h, "/", map[string]string{"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "Logs_20140328.DescribeLogGroups"}, spaced)
	b, _ = io.ReadAll(res.Body)
	if res.StatusCode != 200 {
		t.Fatalf("3 MiB body: status %d, %s", res.StatusCode, b)
	}
	if _, err := awsapi.New(newSim(t), awsapi.WithMaxRequestBytes(1)); err == nil {
		t.Fatal("WithMaxRequestBytes(1) accepted")
	}
	if _, err := awsapi.New(newSim(t), nil); err == nil {
		t.Fatal("a nil Option accepted")
	}
	if _, err := awsapi.New(newSim(t), awsapi.WithMaxRequestBytes(1<<20), awsapi.WithMaxRequestBytes(2<<20)); err == nil {
		t.Fatal("WithMaxRequestBytes twice accepted")
	}
}

// TestSigV4Verification: with verification on, the SDK's signatures (over a gzip body too) pass, and
// a wrong secret or an unknown access key is refused as AWS refuses it.
func TestSigV4Verification(t *testing.T) {
	sim := newSim(t)
	opts := []awsapi.Option{awsapi.WithUser(awsapitest.AccessKeyID, awsapitest.SecretAccessKey, "alice"), awsapi.WithSigV4Verification()}
	cfg := awsapitest.Config(t, sim, opts...)
	ctx := context.Background()
	cw := cloudwatch.NewFromConfig(cfg)
	if _, err := cw.PutMetricData(ctx, &cloudwatch.PutMetricDataInput{Namespace: aws.String("App"),
		MetricData: []types.MetricDatum{{MetricName: aws.String("m"), Value: aws.Float64(1)}}}); err != nil {
		t.Fatalf("signed PutMetricData: %v", err)
	}
	if _, err := cloudwatchlogs.NewFromConfig(cfg).DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{LogGroupNamePrefix: aws.String("/a")}); err != nil {
		t.Fatalf("signed DescribeLogGroups: %v", err)
	}
	bad := cfg.Copy()
	bad.Credentials = aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: awsapitest.AccessKeyID, SecretAccessKey: "wrong"}, nil
	})
	_, err := cloudwatch.NewFromConfig(bad).ListMetrics(ctx, &cloudwatch.ListMetricsInput{})
	var api smithy.APIError
	if !errors.As(err, &api) || api.ErrorCode() != "SignatureDoesNotMatch" {
		t.Fatalf("wrong secret: %v", err)
	}
	bad.Credentials = aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: "AKIDUNKNOWN", SecretAccessKey: "x"}, nil
	})
	_, err = cloudwatchlogs.NewFromConfig(bad).DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{})
	if !errors.As(err, &api) || api.ErrorCode() != "UnrecognizedClientException" {
		t.Fatalf("unknown key: %v", err)
	}
	if _, err := awsapi.New(sim, awsapi.WithSigV4Verification()); err == nil {
		t.Fatal("verification without credentials accepted")
	}
}

func TestControlEndpoints(t *testing.T) {
	resets := 0
	h, sim := newHandler(t, awsapi.WithControlEndpoints(func() (*watchsim.Simulator, error) {
		resets++
		return watchsim.New()
	}))
	t.Cleanup(func() { _ = h.Simulator().Close() })
	do := func(method, path string) (int, string) {
		req := httptest.NewRequest(method, path, nil)
		rr := httptest.NewRecorder()
		h.ServeHTTP(rr, req)
		return rr.Code, strings.TrimSpace(rr.Body.String())
	}
	if code, body := do("GET", "/_watchsim/now"); code != 200 || body != "2026-01-01T00:00:00Z" {
		t.Fatalf("now: %d %q", code, body)
	}
	if code, body := do("POST", "/_watchsim/advance?by=5m"); code != 200 || body != "2026-01-01T00:05:00Z" {
		t.Fatalf("advance by: %d %q", code, body)
	}
	if code, body := do("POST", "/_watchsim/advance?to=2026-01-02T00:00:00Z"); code != 200 || !sim.Now().Equal(time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("advance to: %d %q", code, body)
	}
	if code, _ := do("POST", "/_watchsim/advance?to=2025-01-01T00:00:00Z"); code != 400 {
		t.Fatalf("advance backwards: %d", code)
	}
	if code, _ := do("POST", "/_watchsim/advance?by=5m&to=2027-01-01T00:00:00Z"); code != 400 {
		t.Fatalf("advance with both: %d", code)
	}
	if code, _ := do("GET", "/_watchsim/advance?by=5m"); code != 405 {
		t.Fatalf("GET advance: %d", code)
	}
	if code, body := do("POST", "/_watchsim/reset"); code != 200 || body != "2026-01-01T00:00:00Z" || resets != 1 || h.Simulator() == sim {
		t.Fatalf("reset: %d %q", code, body)
	}
	if !sim.Bus.Closed() {
		t.Fatal("the old simulator was not closed")
	}
}

// TestBodyBuffersReused: request bodies are read into buffers the handler reuses once the input is
// decoded. Requests of different sizes, compressed and not, from several goroutines each store
// exactly their own metric names (a reused buffer holding a longer, older body leaks nothing), and
// a body shorter than its Content-Length is refused as incomplete.
func TestBodyBuffersReused(t *testing.T) {
	h, sim := newHandler(t)
	path := "/service/GraniteServiceVersion20100801/operation/PutMetricData"
	const workers, rounds = 4, 6
	var wg sync.WaitGroup
	errs := make(chan string, workers*rounds)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := rounds; r > 0; r-- { // largest bodies first, so later ones land in longer buffers
				ns := fmt.Sprintf("W%d-R%d", w, r)
				var data []any
				for i := 0; i < r*40; i++ {
					data = append(data, map[string]any{"MetricName": fmt.Sprintf("m%d-%s", i, strings.Repeat("x", r)), "Value": float64(i)})
				}
				body, _ := cbor.Marshal(map[string]any{"Namespace": ns, "MetricData": data})
				hd := cborHeaders
				if r%2 == 0 {
					body, hd = gzipped(body), map[string]string{"Content-Encoding": "gzip"}
					for k, v := range cborHeaders {
						hd[k] = v
					}
				}
				if res := post(t, h, path, hd, body); res.StatusCode != 200 {
					b, _ := io.ReadAll(res.Body)
					errs <- fmt.Sprintf("%s: status %d, %s", ns, res.StatusCode, b)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	for w := 0; w < workers; w++ {
		for r := 1; r <= rounds; r++ {
			ns := fmt.Sprintf("W%d-R%d", w, r)
			got := map[string]bool{}
			in := &metrics.ListMetricsInput{Namespace: ns}
			for {
				out, err := sim.Metrics.ListMetrics(context.Background(), in)
				if err != nil {
					t.Fatal(err)
				}
				for _, m := range out.Metrics {
					got[m.MetricName] = true
				}
				if in.NextToken = out.NextToken; in.NextToken == "" {
					break
				}
			}
			if len(got) != r*40 {
				t.Errorf("%s: %d metrics, want %d", ns, len(got), r*40)
			}
			for i := 0; i < r*40; i++ {
				if name := fmt.Sprintf("m%d-%s", i, strings.Repeat("x", r)); !got[name] {
					t.Errorf("%s: %s missing", ns, name)
				}
			}
		}
	}

	body, _ := cbor.Marshal(map[string]any{"Namespace": "Short"})
	req := httptest.NewRequest(http.MethodPost, path, bytes.NewReader(body))
	for k, v := range cborHeaders {
		req.Header.Set(k, v)
	}
	req.ContentLength = int64(len(body)) + 10
	rr := httptest.NewRecorder()
	h.ServeHTTP(rr, req)
	if rr.Code != 400 || !strings.Contains(rr.Body.String(), "IncompleteBody") {
		t.Fatalf("a short body: status %d, %q", rr.Code, rr.Body)
	}
}

// TestCloudTrailTargetPrefixes: CloudTrail answers under both X-Amz-Target prefixes real clients
// send — aws-sdk-go-v2's CloudTrail_20131101 and botocore's fully qualified
// com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.
func TestCloudTrailTargetPrefixes(t *testing.T) {
	h, _ := newHandler(t)
	for _, prefix := range []string{"CloudTrail_20131101", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101"} {
		resp := post(t, h, "/", map[string]string{"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": prefix + ".LookupEvents"}, []byte("{}"))
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK || !bytes.Contains(body, []byte(`"Events"`)) {
			t.Errorf("%s.LookupEvents: %d %s", prefix, resp.StatusCode, body)
		}
	}
}
