package emf

import "testing"

// The benchmarks measure the three kinds of line the Logs service feeds Decode at ingest:
//
//	go test -run XXX -bench . -benchmem ./logs/emf/
const (
	benchPlain = `2024-05-01T12:00:00.123Z INFO [worker-3] processed request id=8f1c2 path=/api/v1/orders/checkout status=200 latency_ms=42 cache=miss`
	benchJSON  = `{"timestamp":"2024-05-01T12:00:00.123Z","level":"INFO","logger":"worker-3","msg":"processed request","path":"/api/v1/orders/checkout","status":200,"latency_ms":42}`
	// benchEMF is what a Lambda Powertools handler writes: one directive, one dimension set, two metrics.
	benchEMF = `{"_aws":{"Timestamp":1714564800123,"CloudWatchMetrics":[{"Namespace":"ServerlessAirline","Dimensions":[["service","function_name"]],` +
		`"Metrics":[{"Name":"SuccessfulBooking","Unit":"Count"},{"Name":"Latency","Unit":"Milliseconds"}]}]},` +
		`"service":"booking","function_name":"confirm-booking","SuccessfulBooking":1,"Latency":[42.5,17],"requestId":"989ffbf8-9ace-4817-a57c-e4dd734019ee"}`
)

func benchDecode(b *testing.B, msg string, wantDatums int) {
	b.ReportAllocs()
	b.SetBytes(int64(len(msg)))
	for b.Loop() {
		got, err := Decode(msg)
		if err != nil || len(got) != wantDatums {
			b.Fatalf("Decode = %d datums, %v", len(got), err)
		}
	}
}

func BenchmarkDecodePlainLine(b *testing.B) { benchDecode(b, benchPlain, 0) }
func BenchmarkDecodeJSONLine(b *testing.B)  { benchDecode(b, benchJSON, 0) }
func BenchmarkDecodeEMFLine(b *testing.B)   { benchDecode(b, benchEMF, 2) }

func BenchmarkIsEMF(b *testing.B) {
	for _, c := range []struct{ name, msg string }{{"plain", benchPlain}, {"json", benchJSON}, {"emf", benchEMF}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				IsEMF(c.msg)
			}
		})
	}
}

// TestNotEMFDoesNotAllocate holds the hot ingest path to zero allocations.
func TestNotEMFDoesNotAllocate(t *testing.T) {
	for _, msg := range []string{benchPlain, benchJSON, `{"nested":{"_aws":1},"x":"` + benchPlain + `"}`} {
		if n := testing.AllocsPerRun(100, func() { _, _ = Decode(msg) }); n != 0 {
			t.Errorf("Decode(%.40q…) allocates %v times", msg, n)
		}
		if n := testing.AllocsPerRun(100, func() { IsEMF(msg) }); n != 0 {
			t.Errorf("IsEMF(%.40q…) allocates %v times", msg, n)
		}
	}
}
