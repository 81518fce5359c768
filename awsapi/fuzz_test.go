package awsapi

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/fxamacker/cbor/v2"
	"github.com/watchsim/watchsim"
)

// Fuzz targets for every decoder, through the whole Handler with a small body limit: whatever the
// body, the answer is a well-formed AWS answer — never a panic (which the handler would turn into
// an InternalFailure) and never a 500 except for a simulator fault.

func fuzzHandler(f *testing.F) *Handler {
	sim, err := watchsim.New()
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { _ = sim.Close() })
	h, err := New(sim, WithMaxRequestBytes(64<<10))
	if err != nil {
		f.Fatal(err)
	}
	return h
}

func serve(t *testing.T, h *Handler, method, path string, headers map[string]string, body []byte) *http.Response {
	req := httptest.NewRequest(method, "http://localhost"+path, bytes.NewReader(body))
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	rr := httptest.NewRecorder()
	h.ServeHTTP(rr, req)
	res := rr.Result()
	if res.StatusCode == http.StatusInternalServerError {
		b, _ := io.ReadAll(res.Body)
		if bytes.Contains(b, []byte("InternalFailure")) {
			t.Fatalf("%s %s: internal failure: %s", method, path, b)
		}
	}
	return res
}

func gz(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, _ = zw.Write(b)
	_ = zw.Close()
	return buf.Bytes()
}

// cloudWatchOps are the CloudWatch operations the fuzz targets pick from (the first byte of the
// input chooses).
var fuzzOps = []string{"PutMetricData", "GetMetricData", "GetMetricStatistics", "PutMetricAlarm", "DescribeAlarms",
	"PutCompositeAlarm", "ListMetrics", "PutDashboard", "SetAlarmState", "DescribeAlarmHistory"}

func FuzzCBOR(f *testing.F) {
	h := fuzzHandler(f)
	seed := func(v any) []byte { b, _ := cbor.Marshal(v); return b }
	f.Add(uint8(0), seed(map[string]any{"Namespace": "App", "MetricData": []any{map[string]any{"MetricName": "m", "Value": 1.5,
		"Timestamp": cbor.Tag{Number: 1, Content: 1767225600.5}}}}), false)
	f.Add(uint8(3), seed(map[string]any{"AlarmName": "a", "Threshold": 1.0, "Period": 60}), true)
	f.Add(uint8(1), []byte{0xbf, 0x69, 'N', 'a', 'm', 'e', 's', 'p', 'a', 'c', 'e', 0x61, 'x', 0xff}, false)
	f.Add(uint8(2), []byte{0x9f, 0xff}, false)
	f.Fuzz(func(t *testing.T, op uint8, body []byte, zip bool) {
		hd := map[string]string{"Smithy-Protocol": "rpc-v2-cbor", "Content-Type": "application/cbor"}
		if zip {
			body, hd["Content-Encoding"] = gz(body), "gzip"
		}
		serve(t, h, "POST", "/service/GraniteServiceVersion20100801/operation/"+fuzzOps[int(op)%len(fuzzOps)], hd, body)
	})
}

func FuzzJSON(f *testing.F) {
	h := fuzzHandler(f)
	f.Add(uint8(0), []byte(`{"Namespace":"App","MetricData":[{"MetricName":"m","Value":"NaN","Timestamp":1767225600.123}]}`), false)
	f.Add(uint8(2), []byte(`{"StartTime":1.7e9,"EndTime":"2026-01-01T00:00:00Z","Period":60}`), true)
	f.Add(uint8(100), []byte(`{"logGroupName":"/a","logEvents":[{"timestamp":1767225600000,"message":"x"}]}`), false)
	f.Add(uint8(101), []byte(`{"limit":"x"}`), false)
	f.Fuzz(func(t *testing.T, op uint8, body []byte, zip bool) {
		hd := map[string]string{"Content-Type": "application/x-amz-json-1.0",
			"X-Amz-Target": "GraniteServiceVersion20100801." + fuzzOps[int(op)%len(fuzzOps)]}
		if op >= 100 {
			logsOps := []string{"PutLogEvents", "DescribeLogGroups", "FilterLogEvents", "CreateLogGroup", "StartQuery"}
			hd = map[string]string{"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "Logs_20140328." + logsOps[int(op)%len(logsOps)]}
		}
		if zip {
			body, hd["Content-Encoding"] = gz(body), "gzip"
		}
		serve(t, h, "POST", "/", hd, body)
	})
}

func FuzzQuery(f *testing.F) {
	h := fuzzHandler(f)
	f.Add("Action=PutMetricData&Version=2010-08-01&Namespace=App&MetricData.member.1.MetricName=m&MetricData.member.1.Value=1")
	f.Add("Action=DescribeAlarms&Version=2010-08-01&AlarmNames.member.1=a&MaxRecords=10")
	f.Add("Action=PutMetricAlarm&Version=2010-08-01&AlarmName=a&Tags.member.1.Key=k&Tags.member.1.Value=v&Threshold=NaN")
	f.Add("Action=Publish&Version=2010-03-31&TopicArn=arn:aws:sns:us-east-1:123456789012:t&Message=x")
	f.Add("Action=GetMetricStatistics&Version=2010-08-01&StartTime=2026-01-01T00:00:00Z&Dimensions=&Statistics.member.99=Sum")
	f.Fuzz(func(t *testing.T, form string) {
		serve(t, h, "POST", "/", map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, []byte(form))
	})
}

func FuzzS3(f *testing.F) {
	h := fuzzHandler(f)
	f.Add("PUT", "/bucket", "", []byte(nil))
	f.Add("PUT", "/bucket/a/b", "", []byte("data"))
	f.Add("GET", "/bucket", "list-type=2&prefix=a/&delimiter=/&max-keys=1&continuation-token=6162", []byte(nil))
	f.Add("PUT", "/bucket/k", "", []byte("5;chunk-signature=x\r\nhello\r\n0\r\nx-amz-checksum-crc32:AAAA\r\n\r\n"))
	f.Add("GET", "/", "", []byte(nil))
	f.Fuzz(func(t *testing.T, method, path, query string, body []byte) {
		if !strings.HasPrefix(path, "/") {
			path = "/" + path
		}
		if strings.IndexFunc(query, func(r rune) bool { return r <= ' ' || r == 0x7f }) >= 0 {
			t.Skip("not a request target an HTTP client can send (net/http refuses it before any handler)")
		}
		u := &url.URL{Path: path, RawQuery: query}
		switch method {
		case "GET", "PUT", "HEAD", "DELETE", "POST":
		default:
			method = "GET"
		}
		hd := map[string]string{}
		if bytes.Contains(body, []byte("chunk-signature")) {
			hd["Content-Encoding"] = "aws-chunked"
		}
		if method == "POST" {
			hd["Content-Type"] = "application/octet-stream"
		}
		serve(t, h, method, u.RequestURI(), hd, body)
	})
}

// FuzzAWSChunked checks the aws-chunked reader alone: no panic, and a well-formed body reads back.
func FuzzAWSChunked(f *testing.F) {
	f.Add([]byte("hello world"), 3)
	f.Fuzz(func(t *testing.T, data []byte, chunk int) {
		if chunk < 1 || chunk > 64 {
			chunk = 7
		}
		var enc bytes.Buffer
		for i := 0; i < len(data); i += chunk {
			end := min(i+chunk, len(data))
			enc.WriteString(strings.ToUpper(strconvHex(end-i)) + ";chunk-signature=0\r\n")
			enc.Write(data[i:end])
			enc.WriteString("\r\n")
		}
		enc.WriteString("0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n")
		got, err := decodeAWSChunked(enc.Bytes())
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("decoded %q, %v; want %q", got, err, data)
		}
		_, _ = decodeAWSChunked(data) // arbitrary input: no panic
	})
}

func strconvHex(n int) string {
	const digits = "0123456789abcdef"
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{digits[n%16]}, b...)
		n /= 16
	}
	return string(b)
}
