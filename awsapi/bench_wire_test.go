package awsapi_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/watchsim/watchsim/awsapi/awsapitest"
	"github.com/watchsim/watchsim/internal/cputime"
)

// sdkRequest is one request as aws-sdk-go-v2 sends it: path, headers and body bytes (gzipped when
// the SDK gzipped it).
type sdkRequest struct {
	path   string
	header http.Header
	body   []byte
}

// captureClient is an aws.HTTPClient that keeps the request it is given and answers an empty CBOR
// map, so a test can see the exact bytes the SDK would put on the wire.
type captureClient struct{ got *sdkRequest }

func (c *captureClient) Do(r *http.Request) (*http.Response, error) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, err
	}
	c.got = &sdkRequest{path: r.URL.Path, header: r.Header.Clone(), body: body}
	return &http.Response{StatusCode: 200, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, Request: r,
		Header: http.Header{"Content-Type": {"application/cbor"}, "Smithy-Protocol": {"rpc-v2-cbor"}},
		Body:   io.NopCloser(bytes.NewReader([]byte{0xa0})), ContentLength: 1}, nil
}

// capturePutMetricData returns the request aws-sdk-go-v2 sends for in with the default compression
// threshold of awsapitest.Config (10 KiB), signed with awsapitest's credentials.
func capturePutMetricData(tb testing.TB, in *cloudwatch.PutMetricDataInput) *sdkRequest {
	tb.Helper()
	cc := &captureClient{}
	cw := cloudwatch.New(cloudwatch.Options{Region: "us-east-1", BaseEndpoint: aws.String("http://127.0.0.1"),
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: awsapitest.AccessKeyID, SecretAccessKey: awsapitest.SecretAccessKey}, nil
		}),
		HTTPClient: cc, RequestMinCompressSizeBytes: 10240, Retryer: aws.NopRetryer{}})
	if _, err := cw.PutMetricData(context.Background(), in); err != nil {
		tb.Fatal(err)
	}
	return cc.got
}

// BenchmarkWirePutMetricData: the "1,000-datum gzip PutMetricData through the wire" with the
// client's cost taken out. The request aws-sdk-go-v2 sends (rpcv2 CBOR with indefinite-length maps
// and arrays, gzipped, signed) is captured once; a plain net/http client then POSTs those bytes over
// loopback HTTP (keep-alive) to an httptest.Server serving the Handler — the handler `watchsim
// serve` runs. Each call is a full HTTP exchange: the server reads, inflates, decodes, validates
// and ingests all 1,000 datums, and answers. serial is one client goroutine, parallel GOMAXPROCS of
// them, parallel4 4 × GOMAXPROCS (enough requests in flight that a core never waits for the next).
func BenchmarkWirePutMetricData(b *testing.B) {
	for _, n := range []int{1, 1000} {
		for _, mode := range []string{"serial", "parallel", "parallel4"} {
			parallel := mode != "serial"
			b.Run(fmt.Sprintf("datums=%d/%s", n, mode), func(b *testing.B) {
				sim := benchSim(b)
				srv := awsapitest.Server(b, sim)
				req := capturePutMetricData(b, &cloudwatch.PutMetricDataInput{Namespace: aws.String("Bench"), MetricData: data(n, sim.Now())})
				if n >= 1000 && req.header.Get("Content-Encoding") != "gzip" {
					b.Fatalf("the SDK did not gzip the %d-datum body", n)
				}
				client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
				b.Cleanup(client.CloseIdleConnections)
				url := srv.URL + req.path
				var failed atomic.Value
				call := func() bool {
					r, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(req.body))
					if err != nil {
						failed.Store(err.Error())
						return false
					}
					r.Header = req.header.Clone()
					resp, err := client.Do(r)
					if err != nil {
						failed.Store(err.Error())
						return false
					}
					body, _ := io.ReadAll(resp.Body)
					_ = resp.Body.Close()
					if resp.StatusCode != 200 {
						failed.Store(fmt.Sprintf("status %d: %s", resp.StatusCode, strings.TrimSpace(string(body))))
						return false
					}
					return true
				}
				if !call() {
					b.Fatal(failed.Load())
				}
				b.SetBytes(int64(len(req.body)))
				b.ReportAllocs()
				b.ResetTimer()
				start, c0 := time.Now(), cputime.Process()
				if parallel {
					if mode == "parallel4" {
						b.SetParallelism(4)
					}
					b.RunParallel(func(pb *testing.PB) {
						for pb.Next() {
							if !call() {
								return
							}
						}
					})
				} else {
					for i := 0; i < b.N && call(); i++ {
					}
				}
				el, cpu := time.Since(start).Seconds(), (cputime.Process() - c0).Seconds()
				if f := failed.Load(); f != nil {
					b.Fatal(f)
				}
				b.ReportMetric(float64(b.N)/el, "calls/s")
				b.ReportMetric(float64(b.N*n)/el, "datapoints/s")
				b.ReportMetric(float64(b.N*n)/cpu, "datapoints/cpu-s")
			})
		}
	}
}

// BenchmarkSDKFloor: the one-datum PutMetricData of BenchmarkSDKPutMetricData, with the same client
// (awsapitest.Config's), against an httptest.Server whose handler only reads the body and answers an
// empty CBOR map. What it costs is aws-sdk-go-v2 and net/http on both sides of a loopback connection:
// a bound on the rate any server could reach with this client on this machine.
func BenchmarkSDKFloor(b *testing.B) {
	for _, mode := range []string{"serial", "parallel", "parallel4"} {
		b.Run("datums=1/"+mode, func(b *testing.B) {
			sim := benchSim(b)
			cfg := awsapitest.Config(b, sim)
			noop := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				_, _ = io.Copy(io.Discard, r.Body)
				h := w.Header()
				h["Content-Type"] = []string{"application/cbor"}
				h["Smithy-Protocol"] = []string{"rpc-v2-cbor"}
				h["Content-Length"] = []string{"1"}
				_, _ = w.Write([]byte{0xa0})
			}))
			b.Cleanup(noop.Close)
			cfg.BaseEndpoint = aws.String(noop.URL)
			cw := cloudwatch.NewFromConfig(cfg)
			in := &cloudwatch.PutMetricDataInput{Namespace: aws.String("Bench"), MetricData: data(1, sim.Now())}
			ctx := context.Background()
			b.ReportAllocs()
			b.ResetTimer()
			start, c0 := time.Now(), cputime.Process()
			if mode == "serial" {
				for i := 0; i < b.N; i++ {
					if _, err := cw.PutMetricData(ctx, in); err != nil {
						b.Fatal(err)
					}
				}
			} else {
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
			}
			el, cpu := time.Since(start).Seconds(), (cputime.Process() - c0).Seconds()
			b.ReportMetric(float64(b.N)/el, "calls/s")
			b.ReportMetric(float64(b.N)/cpu, "calls/cpu-s")
		})
	}
}
