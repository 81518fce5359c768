package insights

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// kind is the dynamic type of a value in a query.
type kind uint8

const (
	kNull kind = iota // absent field, failed conversion
	kStr              // text
	kNum              // number (float64)
	kTime             // timestamp (epoch milliseconds)
	kBool             // boolean (comparisons, ispresent, …)
	kMap              // jsonParse of an object
	kList             // jsonParse of an array
)

// value is one value a query computes. Log fields are strings or (from JSON) numbers; the
// query adds timestamps, booleans and, through jsonParse, maps and lists.
type value struct {
	k kind
	s string  // kStr: the text; kNum: the number as the log wrote it ("" when computed)
	f float64 // kNum; kBool: 1 or 0
	t int64   // kTime: epoch milliseconds
	x any     // kMap: *jsonMap; kList: []value
}

// jsonMap is an object jsonParse produced: members in document order.
type jsonMap struct {
	keys []string
	m    map[string]value
}

func null() value                 { return value{} }
func str(s string) value          { return value{k: kStr, s: s} }
func num(f float64) value         { return value{k: kNum, f: f} }
func timeVal(ms int64) value      { return value{k: kTime, t: ms} }
func listVal(l []value) value     { return value{k: kList, x: l} }
func mapVal(m *jsonMap) value     { return value{k: kMap, x: m} }
func (v value) isNull() bool      { return v.k == kNull }
func (v value) isStructure() bool { return v.k == kMap || v.k == kList }

func boolVal(b bool) value {
	if b {
		return value{k: kBool, f: 1}
	}
	return value{k: kBool}
}

// numResult returns f as a number, or null when f is not finite ([derived]: AWS does not
// document division by zero or the logarithm of a negative number; the result is absent).
func numResult(f float64) value {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return null()
	}
	return num(f)
}

// truthy is the value a filter tests: booleans as they are, numbers when not zero (the 1/0
// functions such as strcontains); anything else, including strings and absent fields, is false
// ([derived]).
func (v value) truthy() bool {
	switch v.k {
	case kBool, kNum:
		return v.f != 0
	case kTime:
		return v.t != 0
	}
	return false
}

// number returns v as a number: numbers, timestamps (epoch ms), booleans (1/0) and strings that
// hold a decimal number. Structures and other strings are not numbers.
func (v value) number() (float64, bool) {
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

// text returns v as a string, as string functions read it; maps, lists and absent fields are
// not strings.
func (v value) text() (string, bool) {
	switch v.k {
	case kStr:
		return v.s, true
	case kNum:
		if v.s != "" {
			return v.s, true
		}
		return formatNumber(v.f), true
	case kTime:
		return formatTimestamp(v.t), true
	case kBool:
		if v.f != 0 {
			return "true", true
		}
		return "false", true
	}
	return "", false
}

// render returns the string a result row shows for v, and false when the field is absent.
func (v value) render() (string, bool) {
	switch v.k {
	case kNull:
		return "", false
	case kMap, kList:
		return jsonStringify(v), true
	}
	return v.text()
}

// isNumericText reports whether s is a decimal number: an optional sign, digits with an
// optional fraction (or a fraction alone) and an optional exponent.
func isNumericText(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(s) && isDigit(s[i]) {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && isDigit(s[i]) {
			i++
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if i == len(s) || !isDigit(s[i]) {
			return false
		}
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	}
	return i == len(s)
}

// parseNumber parses a decimal number (no hexadecimal, infinities or NaN, no spaces).
func parseNumber(s string) (float64, bool) {
	if !isNumericText(s) {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && !math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// formatNumber prints a computed number ([derived]: AWS does not document the form): integral
// values below 2^53 in magnitude without a fraction ("3"), others in the shortest form that
// reads back exactly ("2.5", "0.3333333333333333"), with an exponent only for magnitudes from
// 1e21 or below 1e-7 ("1e+21").
func formatNumber(f float64) string {
	if f == math.Trunc(f) && math.Abs(f) < 1<<53 {
		return strconv.FormatInt(int64(f), 10)
	}
	if a := math.Abs(f); a >= 1e21 || a < 1e-7 {
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// TimestampLayout is how results show timestamps (@timestamp, bin(…), datefloor(…), …):
// UTC with milliseconds, "2024-05-19 06:10:35.743".
const TimestampLayout = "2006-01-02 15:04:05.000"

// formatTimestamp renders epoch milliseconds as [TimestampLayout].
func formatTimestamp(ms int64) string {
	return time.UnixMilli(ms).UTC().Format(TimestampLayout)
}

// compareValues is the ordering of the comparison operators: numerically when both sides are
// numbers (or text holding a number, when either side is a number or timestamp, or when both
// are numeric text), by code point otherwise. ok is false when either side is absent or a
// structure: such comparisons are false ([derived] for absent fields; documented for maps and
// lists).
func compareValues(a, b value) (c int, ok bool) {
	if a.k == kNull || b.k == kNull || a.isStructure() || b.isStructure() {
		return 0, false
	}
	if fa, okA := a.number(); okA {
		if fb, okB := b.number(); okB {
			return cmpFloat(fa, fb), true
		}
	}
	sa, _ := a.text()
	sb, _ := b.text()
	return strings.Compare(sa, sb), true
}

// equalValues is '=' (and 'in'): numbers compare numerically, anything else by its text. Two
// strings are equal only when their text is ("01" != "1"); a string equals a number when it
// holds that number ("200" = 200).
func equalValues(a, b value) bool {
	if a.k == kNull || b.k == kNull || a.isStructure() || b.isStructure() {
		return false
	}
	if a.k == kStr && b.k == kStr {
		return a.s == b.s
	}
	if fa, okA := a.number(); okA {
		if fb, okB := b.number(); okB {
			return fa == fb
		}
		return false
	}
	sa, _ := a.text()
	sb, _ := b.text()
	return sa == sb
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
