package queryid

// Valid reports whether id is a valid MetricDataQuery Id: it starts with a lowercase ASCII letter
// and contains only ASCII letters, digits and underscores — the pattern ^[a-z][a-zA-Z0-9_]*$ of the
// MetricDataQuery API reference
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDataQuery.html,
// member Id). The length limit (1–255) is checked by the callers, which report it separately.
func Valid(id string) bool {
	if id == "" || id[0] < 'a' || id[0] > 'z' {
		return false
	}
	for i := 1; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}
