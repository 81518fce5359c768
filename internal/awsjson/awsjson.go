package awsjson

import (
	"encoding/json"
	"errors"
	"math"
	"strconv"
)

// Double is a float64 whose JSON form is AWS's: a number, or one of the strings "NaN", "Infinity",
// "-Infinity".
type Double float64

// MarshalJSON implements json.Marshaler.
func (d Double) MarshalJSON() ([]byte, error) {
	f := float64(d)
	switch {
	case math.IsNaN(f):
		return []byte(`"NaN"`), nil
	case math.IsInf(f, 1):
		return []byte(`"Infinity"`), nil
	case math.IsInf(f, -1):
		return []byte(`"-Infinity"`), nil
	}
	return strconv.AppendFloat(nil, f, 'g', -1, 64), nil
}

// UnmarshalJSON implements json.Unmarshaler: a JSON number, or one of the three strings.
func (d *Double) UnmarshalJSON(b []byte) error {
	switch string(b) {
	case `"NaN"`:
		*d = Double(math.NaN())
		return nil
	case `"Infinity"`:
		*d = Double(math.Inf(1))
		return nil
	case `"-Infinity"`:
		*d = Double(math.Inf(-1))
		return nil
	}
	var f float64
	if err := json.Unmarshal(b, &f); err != nil {
		return errors.New("awsjson: a double must be a JSON number or one of \"NaN\", \"Infinity\", \"-Infinity\"")
	}
	*d = Double(f)
	return nil
}

// Finite reports whether every value is finite, so that plain encoding/json can marshal them.
func Finite(fs ...float64) bool {
	for _, f := range fs {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return false
		}
	}
	return true
}

// Doubles returns fs as Doubles (nil for nil).
func Doubles(fs []float64) []Double {
	if fs == nil {
		return nil
	}
	out := make([]Double, len(fs))
	for i, f := range fs {
		out[i] = Double(f)
	}
	return out
}
