package metrics

import (
	"encoding/json"

	"github.com/watchsim/watchsim/internal/awsjson"
)

// The JSON form of PutMetricDataInput. encoding/json cannot write NaN or ±Inf, so an input holding
// one (which PutMetricData refuses) would not marshal — in the API-call record of the refused call,
// for example. These methods write such values as the AWS JSON protocol does ("NaN", "Infinity",
// "-Infinity"; see package internal/awsjson) and read them back; every other member keeps its
// ordinary form.

// jsonSet is StatisticSet with AWS JSON doubles.
type jsonSet struct {
	SampleCount awsjson.Double `json:"SampleCount"`
	Sum         awsjson.Double `json:"Sum"`
	Minimum     awsjson.Double `json:"Minimum"`
	Maximum     awsjson.Double `json:"Maximum"`
}

// jsonDatum is MetricDatum with AWS JSON doubles (the embedded datum's double members are shadowed).
type jsonDatum struct {
	MetricDatum
	Value           *awsjson.Double  `json:"Value,omitempty"`
	StatisticValues *jsonSet         `json:"StatisticValues,omitempty"`
	Values          []awsjson.Double `json:"Values,omitempty"`
	Counts          []awsjson.Double `json:"Counts,omitempty"`
}

// jsonInput is PutMetricDataInput with AWS JSON doubles.
type jsonInput struct {
	Namespace              string      `json:"Namespace"`
	MetricData             []jsonDatum `json:"MetricData,omitempty"`
	EntityMetricData       []any       `json:"EntityMetricData,omitempty"`
	StrictEntityValidation *bool       `json:"StrictEntityValidation,omitempty"`
}

// finiteDatum reports whether plain encoding/json can marshal d.
func finiteDatum(d *MetricDatum) bool {
	if d.Value != nil && !awsjson.Finite(*d.Value) {
		return false
	}
	if sv := d.StatisticValues; sv != nil && !awsjson.Finite(sv.SampleCount, sv.Sum, sv.Minimum, sv.Maximum) {
		return false
	}
	return awsjson.Finite(d.Values...) && awsjson.Finite(d.Counts...)
}

// MarshalJSON writes the input in its AWS JSON form: a non-finite Value, Values or Counts member
// or StatisticValues field is a string.
func (in PutMetricDataInput) MarshalJSON() ([]byte, error) {
	type plain PutMetricDataInput
	finite := true
	for i := range in.MetricData {
		if !finiteDatum(&in.MetricData[i]) {
			finite = false
			break
		}
	}
	if finite {
		return json.Marshal(plain(in))
	}
	out := jsonInput{Namespace: in.Namespace, EntityMetricData: in.EntityMetricData, StrictEntityValidation: in.StrictEntityValidation,
		MetricData: make([]jsonDatum, len(in.MetricData))}
	for i := range in.MetricData {
		d := &in.MetricData[i]
		jd := jsonDatum{MetricDatum: *d, Value: (*awsjson.Double)(d.Value), Values: awsjson.Doubles(d.Values), Counts: awsjson.Doubles(d.Counts)}
		if sv := d.StatisticValues; sv != nil {
			jd.StatisticValues = &jsonSet{awsjson.Double(sv.SampleCount), awsjson.Double(sv.Sum), awsjson.Double(sv.Minimum), awsjson.Double(sv.Maximum)}
		}
		out.MetricData[i] = jd
	}
	return json.Marshal(out)
}

// UnmarshalJSON reads the AWS JSON form; a double may also be "NaN", "Infinity" or "-Infinity".
func (in *PutMetricDataInput) UnmarshalJSON(b []byte) error {
	var aux jsonInput
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	in.Namespace, in.EntityMetricData, in.StrictEntityValidation = aux.Namespace, aux.EntityMetricData, aux.StrictEntityValidation
	in.MetricData = nil
	if aux.MetricData != nil {
		in.MetricData = make([]MetricDatum, len(aux.MetricData))
	}
	for i := range aux.MetricData {
		jd := &aux.MetricData[i]
		d := jd.MetricDatum
		d.Value = (*float64)(jd.Value)
		d.Values, d.Counts = floats(jd.Values), floats(jd.Counts)
		if sv := jd.StatisticValues; sv != nil {
			d.StatisticValues = &StatisticSet{SampleCount: float64(sv.SampleCount), Sum: float64(sv.Sum), Minimum: float64(sv.Minimum), Maximum: float64(sv.Maximum)}
		}
		in.MetricData[i] = d
	}
	return nil
}

func floats(ds []awsjson.Double) []float64 {
	if ds == nil {
		return nil
	}
	out := make([]float64, len(ds))
	for i, d := range ds {
		out[i] = float64(d)
	}
	return out
}
