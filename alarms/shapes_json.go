package alarms

import (
	"encoding/json"

	"github.com/watchsim/watchsim/internal/awsjson"
)

// The JSON form of the input shapes that hold a double. encoding/json cannot write NaN or ±Inf, so
// an input holding one (which PutMetricAlarm refuses) would not marshal — in the API-call record of
// the refused call, for example. These methods write such values as the AWS JSON protocol does
// ("NaN", "Infinity", "-Infinity"; see package internal/awsjson) and read them back; every other
// member keeps its ordinary form.

// MarshalJSON writes the input in its AWS JSON form; a non-finite Threshold is a string.
func (in PutMetricAlarmInput) MarshalJSON() ([]byte, error) {
	type plain PutMetricAlarmInput
	return json.Marshal(struct {
		plain
		Threshold *awsjson.Double `json:"Threshold,omitempty"`
	}{plain(in), (*awsjson.Double)(in.Threshold)})
}

// UnmarshalJSON reads the AWS JSON form; Threshold may also be "NaN", "Infinity" or "-Infinity".
func (in *PutMetricAlarmInput) UnmarshalJSON(b []byte) error {
	type plain PutMetricAlarmInput
	aux := struct {
		*plain
		Threshold *awsjson.Double `json:"Threshold,omitempty"`
	}{plain: (*plain)(in), Threshold: (*awsjson.Double)(in.Threshold)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	in.Threshold = (*float64)(aux.Threshold)
	return nil
}
