package conformance

import "testing"

// BenchmarkParseCloudWatchPack: parsing the CloudWatch best-practices pack (YAML, 5 rules,
// 6 parameters, 6 conditions), what PutConformancePack pays per call.
func BenchmarkParseCloudWatchPack(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Parse(CloudWatchPackTemplate, nil); err != nil {
			b.Fatal(err)
		}
	}
}
