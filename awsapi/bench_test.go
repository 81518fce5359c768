package awsapi_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/fxamacker/cbor/v2"
	"github.com/watchsim/watchsim"
	"github.com/watchsim/watchsim/awsapi"
	"github.com/watchsim/watchsim/awsapi/awsapitest"
	"github.com/watchsim/watchsim/internal/cputime"
)

// Benchmarks of the wire front-end. The SDK benchmarks go through a real loopback TCP connection
// (httptest.Server) with the client as aws-sdk-go-v2 builds it from awsapitest.Config, which
// gzips PutMetricData bodies of 10 KiB and more as config.LoadDefaultConfig does (so the 1,000-datum
// calls are gzipped and the one-datum calls are not); the Handler benchmarks replay a pre-encoded request into
// ServeHTTP, so they measure the server alone.

func benchSim(b *testing.B) *watchsim.Simulator {
	sim, err := watchsim.New()
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = sim.Close() })
	return sim
}

func data(n int, at time.Time) []types.MetricDatum {
	d := make([]types.MetricDatum, n)
	for i := range d {
		d[i] = types.MetricDatum{MetricName: aws.String("Latency"), Value: aws.Float64(float64(i % 97)),
			Timestamp:  aws.Time(at.Add(-time.Duration(i%60) * time.Second)),
			Dimensions: []types.Dimension{{Name: aws.String("Service"), Value: aws.String(fmt.Sprint("svc-", i%10))}}}
	}
	return d
}

// BenchmarkSDKPutMetricData: aws-sdk-go-v2 PutMetricData over loopback, rpcv2 CBOR, 1 and 1,000
// datums a call, one client goroutine, GOMAXPROCS of them and 4×GOMAXPROCS (parallel4: enough
// calls in flight to keep every core busy while others wait on loopback I/O).
//
// Every case also reports calls per CPU second of the whole process (client and server: both run
// here), which a loaded machine distorts much less than wall time. gzip=off is the same call with
// the client's request compression disabled, to show what the SDK's own gzip costs.
func BenchmarkSDKPutMetricData(b *testing.B) {
	for _, n := range []int{1, 1000} {
		for _, mode := range []string{"serial", "parallel", "parallel4", "serial/gzip=off"} {
			parallel, noGzip := strings.HasPrefix(mode, "parallel"), mode == "serial/gzip=off"
			b.Run(fmt.Sprintf("datums=%d/%s", n, mode), func(b *testing.B) {
				sim := benchSim(b)
				cw := cloudwatch.NewFromConfig(awsapitest.Config(b, sim), func(o *cloudwatch.Options) { o.DisableRequestCompression = noGzip })
				in := &cloudwatch.PutMetricDataInput{Namespace: aws.String("Bench"), MetricData: data(n, sim.Now())}
				ctx := context.Background()
				b.ReportAllocs()
				b.ResetTimer()
				start, c0 := time.Now(), cputime.Process()
				if parallel {
					if mode == "parallel4" {
						b.SetParallelism(4)
					}
					b.RunParallel(func(pb *testing.PB) {
						for pb.Next() {
							if _, err := cw.PutMetricData(ctx, in); err != nil {
								b.Error(err)
								return
							}
						}
					})
				} else {
					for i := 0; i < b.N; i++ {
						if _, err := cw.PutMetricData(ctx, in); err != nil {
							b.Fatal(err)
						}
					}
				}
				el, cpu := time.Since(start).Seconds(), (cputime.Process() - c0).Seconds()
				b.ReportMetric(float64(b.N)/el, "calls/s")
				b.ReportMetric(float64(b.N*n)/el, "datapoints/s")
				b.ReportMetric(float64(b.N)/cpu, "calls/cpu-s")
				b.ReportMetric(float64(b.N*n)/cpu, "datapoints/cpu-s")
			})
		}
	}
}

// BenchmarkSDKProtocols: one small read call per protocol through its SDK client over loopback.
func BenchmarkSDKProtocols(b *testing.B) {
	ctx := context.Background()
	for _, p := range cloudWatchProtocols {
		b.Run("CloudWatch-ListMetrics-"+p.name, func(b *testing.B) {
			sim := benchSim(b)
			cw := cloudwatch.NewFromConfig(awsapitest.Config(b, sim), p.set)
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := cw.ListMetrics(ctx, &cloudwatch.ListMetricsInput{Namespace: aws.String("x")}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "calls/s")
		})
	}
	b.Run("Logs-PutLogEvents-awsJson1_1", func(b *testing.B) {
		sim := benchSim(b)
		cl := cloudwatchlogs.NewFromConfig(awsapitest.Config(b, sim))
		if _, err := cl.CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String("g")}); err != nil {
			b.Fatal(err)
		}
		if _, err := cl.CreateLogStream(ctx, &cloudwatchlogs.CreateLogStreamInput{LogGroupName: aws.String("g"), LogStreamName: aws.String("s")}); err != nil {
			b.Fatal(err)
		}
		ms := sim.Now().UnixMilli()
		in := &cloudwatchlogs.PutLogEventsInput{LogGroupName: aws.String("g"), LogStreamName: aws.String("s"),
			LogEvents: []logtypes.InputLogEvent{{Message: aws.String("GET /index.html 200 12ms"), Timestamp: aws.Int64(ms)}}}
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := cl.PutLogEvents(ctx, in); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "calls/s")
	})
}

// BenchmarkHandler replays one encoded request per protocol into ServeHTTP (no network, no client).
func BenchmarkHandler(b *testing.B) {
	at := float64(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Unix())
	datum := func(i int) map[string]any {
		return map[string]any{"MetricName": "Latency", "Value": float64(i % 97), "Timestamp": cbor.Tag{Number: 1, Content: at - float64(i%60)},
			"Dimensions": []any{map[string]any{"Name": "Service", "Value": fmt.Sprint("svc-", i%10)}}}
	}
	cborBody := func(n int) []byte {
		d := make([]any, n)
		for i := range d {
			d[i] = datum(i)
		}
		body, _ := cbor.Marshal(map[string]any{"Namespace": "Bench", "MetricData": d})
		return gzipped(body)
	}
	jsonBody := func(n int) []byte {
		var buf bytes.Buffer
		buf.WriteString(`{"Namespace":"Bench","MetricData":[`)
		for i := 0; i < n; i++ {
			if i > 0 {
				buf.WriteByte(',')
			}
			fmt.Fprintf(&buf, `{"MetricName":"Latency","Value":%d,"Timestamp":%d,"Dimensions":[{"Name":"Service","Value":"svc-%d"}]}`, i%97, int64(at)-int64(i%60), i%10)
		}
		buf.WriteString(`]}`)
		return gzipped(buf.Bytes())
	}
	queryBody := func(n int) []byte {
		var buf bytes.Buffer
		buf.WriteString("Action=PutMetricData&Version=2010-08-01&Namespace=Bench")
		for i := 1; i <= n; i++ {
			fmt.Fprintf(&buf, "&MetricData.member.%d.MetricName=Latency&MetricData.member.%d.Value=%d&MetricData.member.%d.Timestamp=2025-12-31T23%%3A59%%3A%02dZ"+
				"&MetricData.member.%d.Dimensions.member.1.Name=Service&MetricData.member.%d.Dimensions.member.1.Value=svc-%d", i, i, (i-1)%97, i, (60-(i-1)%60)%60, i, i, (i-1)%10)
		}
		return gzipped(buf.Bytes())
	}
	gz := func(h map[string]string) map[string]string {
		c := map[string]string{"Content-Encoding": "gzip"}
		for k, v := range h {
			c[k] = v
		}
		return c
	}
	cases := []struct {
		name    string
		path    string
		headers map[string]string
		body    func(n int) []byte
	}{
		{"rpcv2Cbor", "/service/GraniteServiceVersion20100801/operation/PutMetricData", gz(cborHeaders), cborBody},
		{"awsJson1_0", "/", gz(map[string]string{"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "GraniteServiceVersion20100801.PutMetricData"}), jsonBody},
		{"awsQuery", "/", gz(queryForm), queryBody},
		// the request exactly as aws-sdk-go-v2 sends it (indefinite-length maps and arrays; gzipped
		// from 10 KiB, so the one-datum body is not), filled in below
		{"rpcv2Cbor-sdk", "", nil, nil},
	}
	for _, c := range cases {
		for _, n := range []int{1, 1000} {
			b.Run(fmt.Sprintf("%s/PutMetricData/datums=%d", c.name, n), func(b *testing.B) {
				sim := benchSim(b)
				h, err := awsapi.New(sim)
				if err != nil {
					b.Fatal(err)
				}
				path, headers, body := c.path, c.headers, []byte(nil)
				if c.body != nil {
					body = c.body(n)
				} else {
					req := capturePutMetricData(b, &cloudwatch.PutMetricDataInput{Namespace: aws.String("Bench"), MetricData: data(n, sim.Now())})
					path, headers, body = req.path, map[string]string{}, req.body
					for k := range req.header {
						headers[k] = req.header.Get(k)
					}
				}
				check := post(b, h, path, headers, body)
				if check.StatusCode != 200 {
					b.Fatalf("status %d", check.StatusCode)
				}
				b.ReportAllocs()
				b.ResetTimer()
				c0 := cputime.Process()
				for i := 0; i < b.N; i++ {
					req := httptest.NewRequest(http.MethodPost, path, bytes.NewReader(body))
					for k, v := range headers {
						req.Header.Set(k, v)
					}
					rr := httptest.NewRecorder()
					h.ServeHTTP(rr, req)
					if rr.Code != 200 {
						b.Fatalf("status %d: %s", rr.Code, rr.Body)
					}
				}
				cpu := (cputime.Process() - c0).Seconds()
				b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "requests/s")
				b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "datapoints/s")
				b.ReportMetric(float64(b.N*n)/cpu, "datapoints/cpu-s")
			})
		}
	}
}

// BenchmarkServerStart: a Handler and an httptest.Server for a simulator, started and closed.
func BenchmarkServerStart(b *testing.B) {
	sim := benchSim(b)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		h, err := awsapi.New(sim)
		if err != nil {
			b.Fatal(err)
		}
		srv := httptest.NewServer(h)
		srv.Close()
	}
}
