package awsapi

import (
	"reflect"
	"time"

	"github.com/fxamacker/cbor/v2"
)

// The Smithy RPC v2 CBOR protocol (https://smithy.io/2.0/additional-specs/protocols/smithy-rpc-v2.html),
// which aws-sdk-go-v2's CloudWatch client speaks. Bodies are decoded straight into the input shape by
// github.com/fxamacker/cbor/v2, which reads the same member names as encoding/json (a shape's json
// tags), definite- and indefinite-length maps and arrays, and tag-1 timestamps (integer or float epoch
// seconds). Outputs are written with tag-1 timestamps; a zero time becomes null, which clients skip.

// cborCodec holds the CBOR modes of one Handler (built in New, never at package level).
type cborCodec struct {
	dec cbor.DecMode
	enc cbor.EncMode
}

func newCBORCodec(maxBody int64) (cborCodec, error) {
	maxItems := int(min(maxBody, 1<<24))
	if maxItems < 16 {
		maxItems = 16
	}
	dec, err := cbor.DecOptions{
		DefaultMapType:   reflect.TypeFor[map[string]any](),
		MaxNestedLevels:  64,
		MaxArrayElements: min(maxItems, 2147483647),
		MaxMapPairs:      min(maxItems, 2147483647),
		DupMapKey:        cbor.DupMapKeyEnforcedAPF,
		TimeTag:          cbor.DecTagOptional,
		// member names are case-sensitive in Smithy protocols (and matching them so is faster)
		FieldNameMatching: cbor.FieldNameMatchingCaseSensitive,
	}.DecMode()
	if err != nil {
		return cborCodec{}, err
	}
	enc, err := cbor.EncOptions{
		Time:    cbor.TimeUnixDynamic,
		TimeTag: cbor.EncTagRequired,
	}.EncMode()
	if err != nil {
		return cborCodec{}, err
	}
	return cborCodec{dec: dec, enc: enc}, nil
}

// decode reads a CBOR request body into in (a pointer to the input shape); an empty body is an
// empty input. Timestamps are normalised to UTC, to the microsecond.
func (c cborCodec) decode(body []byte, in any, pl *plan) error {
	if len(body) == 0 {
		return nil
	}
	if err := c.dec.Unmarshal(body, in); err != nil {
		return serialization("the request body is not a valid CBOR map for this operation: " + err.Error())
	}
	if pl.times {
		normTimes(reflect.ValueOf(in), pl)
	}
	return nil
}

// normTimes rounds every timestamp under v to the microsecond in UTC (float seconds carry noise below
// that, and the decoder returns local times).
func normTimes(v reflect.Value, pl *plan) {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	switch pl.kind {
	case planTime:
		if v.CanAddr() {
			normTime(v)
		}
	case planStruct:
		normStruct(v, pl)
	case planList:
		n := v.Len()
		if el := pl.elem; el.kind == planStruct && v.Type().Elem().Kind() == reflect.Struct {
			// a list of structures (PutMetricData's datums): no walk of each element's kind
			for i := 0; i < n; i++ {
				normStruct(v.Index(i), el)
			}
			return
		}
		for i := 0; i < n; i++ {
			normTimes(v.Index(i), pl.elem)
		}
	case planMap:
		// map values are not addressable; no service shape holds a map of timestamps
	}
}

// normStruct normalises the timestamps under the members of structure v (of plan pl) that can
// reach one; a time.Time member is handled in place.
func normStruct(v reflect.Value, pl *plan) {
	for _, i := range pl.timeKids {
		f := v.FieldByIndex(pl.index[i])
		if pl.kids[i].kind == planTime && f.Kind() == reflect.Struct {
			if f.CanAddr() {
				normTime(f)
			}
			continue
		}
		normTimes(f, pl.kids[i])
	}
}

// normTime normalises the addressable time.Time v.
func normTime(v reflect.Value) {
	if t, ok := v.Addr().Interface().(*time.Time); ok && !t.IsZero() {
		*t = t.Round(time.Microsecond).UTC()
	}
}

// encode writes out (an output shape) as a CBOR map.
func (c cborCodec) encode(out any) ([]byte, error) { return c.enc.Marshal(out) }

// encodeMap writes an error body or another small map.
func (c cborCodec) encodeMap(m map[string]string) []byte {
	b, _ := c.enc.Marshal(m)
	return b
}
