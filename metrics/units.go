package metrics

import "strings"

// StandardUnits lists the 27 values of the CloudWatch StandardUnit enum in the order the AWS
// error message prints them (spec §1.3, TV-PMD-1). CloudWatch gives units no meaning and never
// converts between them.
var standardUnits = [...]string{
	"Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes", "Gigabytes", "Terabytes",
	"Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent", "Count", "Bytes/Second",
	"Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second", "Bits/Second",
	"Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second", "None",
}

// UnitNone is the unit a datum without a Unit is stored with.
const UnitNone = "None"

// StandardUnits returns a fresh copy of the 27 StandardUnit values in AWS order.
func StandardUnits() []string { return append([]string(nil), standardUnits[:]...) }

// IsStandardUnit reports whether u is one of the 27 StandardUnit values (case-sensitive, as AWS).
func IsStandardUnit(u string) bool {
	for _, s := range standardUnits {
		if s == u {
			return true
		}
	}
	return false
}

// unitSetText is the "[ Seconds, …, None ]" list used in the Unit error message.
func unitSetText() string {
	return "[ " + strings.Join(standardUnits[:], ", ") + " ]"
}
