package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"testing"
	"time"
)

// BenchmarkBoto3PutMetricData times boto3 put_metric_data (one datum a call, botocore's AWS JSON
// 1.0 for CloudWatch, one client, sequential) against `watchsim serve` and against moto_server in
// the same run, on the same machine, and reports both rates and their ratio. Skipped where python3,
// boto3 or moto is missing. Run with -benchtime 1x: each iteration makes calls=2,000 calls to each
// server after 50 warm-up calls.
func BenchmarkBoto3PutMetricData(b *testing.B) {
	py, err := exec.LookPath("python3")
	if err != nil {
		b.Skip("python3 is not installed")
	}
	if err := exec.Command(py, "-c", "import boto3, moto.server").Run(); err != nil {
		b.Skip("boto3 or moto is not installed")
	}
	ws := serve(b)
	motoURL := startMoto(b, py)
	const script = `
import json, sys, time, boto3
out = {}
for name, url in (("watchsim", sys.argv[1]), ("moto", sys.argv[2])):
    cw = boto3.client("cloudwatch", endpoint_url=url, region_name="us-east-1",
                      aws_access_key_id="AKIAIOSFODNN7EXAMPLE", aws_secret_access_key="x")
    def put(i):
        cw.put_metric_data(Namespace="Bench", MetricData=[{"MetricName": "Latency", "Value": float(i % 97)}])
    for i in range(50):
        put(i)
    n = int(sys.argv[3])
    t0 = time.perf_counter()
    for i in range(n):
        put(i)
    out[name] = n / (time.perf_counter() - t0)
print(json.dumps(out))
`
	for b.Loop() {
		cmd := exec.Command(py, "-c", script, ws, motoURL, "2000")
		cmd.Env = append(os.Environ(), "AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			b.Fatalf("boto3: %v\n%s", err, stderr.String())
		}
		var rate struct{ Watchsim, Moto float64 }
		if err := json.Unmarshal(out, &rate); err != nil || rate.Moto == 0 {
			b.Fatalf("%v: %s", err, out)
		}
		b.ReportMetric(rate.Watchsim, "boto3→watchsim-calls/s")
		b.ReportMetric(rate.Moto, "boto3→moto-calls/s")
		b.ReportMetric(rate.Watchsim/rate.Moto, "ratio")
	}
}

// startMoto runs moto_server on a free loopback port until the benchmark ends and returns its URL.
func startMoto(b *testing.B, py string) string {
	b.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	_ = l.Close()
	cmd := exec.Command(py, "-m", "moto.server", "-H", "127.0.0.1", "-p", fmt.Sprint(port))
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	url := fmt.Sprintf("http://127.0.0.1:%d", port)
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if res, err := http.Get(url + "/moto-api/"); err == nil {
			_ = res.Body.Close()
			return url
		}
	}
	b.Fatal("moto_server did not start within 30 s")
	return ""
}
