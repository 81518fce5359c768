package insights

import "strings"

// Sorting follows "sort" in the CloudWatch Logs User Guide
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-Sort.html): in
// ascending order every non-number value comes before every number value; numbers compare
// numerically; non-number values compare chunk by chunk, where a chunk is a run of digits or
// a run of other characters: two digit runs compare by length first and then by value, any
// other pair of chunks by code point.

// naturalCompare orders two present, non-structure values ascending.
func naturalCompare(a, b value) int {
	fa, na := sortNumber(a)
	fb, nb := sortNumber(b)
	switch {
	case na && nb:
		return cmpFloat(fa, fb)
	case na:
		return 1
	case nb:
		return -1
	}
	sa, _ := a.text()
	sb, _ := b.text()
	return naturalCompareText(sa, sb)
}

// sortNumber reports whether v is a "number value" for sorting: a number, a timestamp, or
// text made only of a decimal number.
func sortNumber(v value) (float64, bool) {
	switch v.k {
	case kNum, kBool:
		return v.f, true
	case kTime:
		return float64(v.t), true
	case kStr:
		return parseNumber(v.s)
	}
	return 0, false
}

// naturalCompareText compares two non-number strings chunk by chunk.
func naturalCompareText(a, b string) int {
	for a != "" && b != "" {
		ca, ra := nextChunk(a)
		cb, rb := nextChunk(b)
		da, db := isDigit(ca[0]), isDigit(cb[0])
		if da && db {
			if len(ca) != len(cb) {
				return cmpInt(int64(len(ca)), int64(len(cb)))
			}
		}
		if c := strings.Compare(ca, cb); c != 0 {
			return c
		}
		a, b = ra, rb
	}
	return cmpInt(int64(len(a)), int64(len(b)))
}

// nextChunk splits s (not empty) into its first chunk and the rest.
func nextChunk(s string) (string, string) {
	d := isDigit(s[0])
	i := 1
	for i < len(s) && isDigit(s[i]) == d {
		i++
	}
	return s[:i], s[i:]
}

// sortCompare orders values for sort, dedup and stats output: absent values and structures
// last whatever the direction ([derived]), others by [naturalCompare].
func sortCompare(a, b value, desc bool) int {
	an := a.k == kNull || a.isStructure()
	bn := b.k == kNull || b.isStructure()
	switch {
	case an && bn:
		return 0
	case an:
		return 1
	case bn:
		return -1
	}
	c := naturalCompare(a, b)
	if desc {
		return -c
	}
	return c
}
