package config

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
	"pgregory.net/rapid"
)

type encDim struct {
	Name  string `json:"Name"`
	Value string `json:"value,omitempty"`
}

// encAlarm is shaped like the structs services publish, with every kind the plans know.
type encAlarm struct {
	AlarmName  string    `json:"AlarmName"`
	Updated    time.Time `json:"Updated"`
	UpdatedPtr *time.Time
	Enabled    bool     `json:"enabled,omitempty"`
	Actions    []string `json:"Actions"`
	Period     int32    `json:",omitempty"`
	Big        int64
	Count      uint16 `json:"count"`
	Small      uint8
	Raw        json.RawMessage `json:"raw,omitempty"`
	Any        any             `json:"any,omitempty"`
	Tags       map[string]string
	Threshold  *float64
	Ratio      float32 `json:"ratio,omitempty"`
	Dims       []encDim
	Nested     *encDim `json:"nested,omitempty"`
	Inline     encDim
	Skipped    string `json:"-"`
	//lint:ignore SA5008 the tag encoding/json reads as the name "-", on purpose
	Dash string `json:"-,"`
	//lint:ignore SA5008 an invalid member name encoding/json replaces by the field's, on purpose
	BadTag string `json:"a\"b"`
	hidden string
}

// encOdd has what the plans leave to encoding/json.
type encOdd struct {
	encDim
	M map[string]int
	A any
	R json.RawMessage
	S int `json:",string"`
	B []byte
}

// TestPropertyPlanEncoder: the encoder writes byte for byte what json.Marshal writes (and falls
// back to it, or to "{}" when it fails, for everything the plans do not cover).
func TestPropertyPlanEncoder(t *testing.T) {
	str := rapid.SampledFrom([]string{"", "a", "arn:aws:sns:us-east-1:123456789012:t", "<b>&", "x\"y\\z", "é", "\u2028", "\x01\n\t", "\xff", "ok ~"})
	fl := rapid.SampledFrom([]float64{0, 1, -1.5, 1e-7, 1e21, 1e20, 123456789.125, 3e-9, math.Inf(1), math.NaN(), math.SmallestNonzeroFloat64, math.Copysign(0, -1)})
	tm := rapid.SampledFrom([]time.Time{{}, time.Date(2026, 12, 3, 1, 2, 3, 4500000, time.UTC), time.Unix(1e9, 0).UTC(),
		time.Date(2026, 1, 1, 0, 0, 0, 0, time.FixedZone("x", 3600)), time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC)})
	rapid.Check(t, func(rt *rapid.T) {
		var e encoder
		a := &encAlarm{AlarmName: str.Draw(rt, "name"), Updated: tm.Draw(rt, "t"), Enabled: rapid.Bool().Draw(rt, "en"),
			Actions: rapid.SliceOfN(str, -1, 3).Draw(rt, "acts"), Period: rapid.Int32().Draw(rt, "period"), Big: rapid.Int64().Draw(rt, "big"),
			Count: rapid.Uint16().Draw(rt, "count"), Ratio: float32(fl.Draw(rt, "ratio")), Skipped: str.Draw(rt, "skip"), Dash: str.Draw(rt, "dash"),
			BadTag: str.Draw(rt, "bad"), hidden: "h"}
		if rapid.Bool().Draw(rt, "hasTh") {
			f := fl.Draw(rt, "th")
			a.Threshold = &f
		}
		a.Small = rapid.Uint8().Draw(rt, "small")
		a.Raw = json.RawMessage(rapid.SampledFrom([]string{"", `{"r":[1,2]}`, `{"a": 1}`, `"<"`, `[`}).Draw(rt, "raw1"))
		a.Any = rapid.SampledFrom([]any{nil, 1.5, "s<", []any{1, "x"}, map[string]any{"k": true}, time.Unix(1, 0).UTC(), math.NaN()}).Draw(rt, "any")
		if rapid.Bool().Draw(rt, "tags") {
			a.Tags = map[string]string{str.Draw(rt, "tk"): str.Draw(rt, "tv"), "b": "c"}
		}
		if rapid.Bool().Draw(rt, "hasPtr") {
			x := tm.Draw(rt, "tp")
			a.UpdatedPtr = &x
		}
		if rapid.Bool().Draw(rt, "nilActs") {
			a.Actions = nil
		}
		for i := rapid.IntRange(-1, 2).Draw(rt, "dims"); i >= 0; i-- {
			a.Dims = append(a.Dims, encDim{str.Draw(rt, "dn"), str.Draw(rt, "dv")})
		}
		if rapid.Bool().Draw(rt, "nested") {
			a.Nested = &encDim{str.Draw(rt, "nn"), str.Draw(rt, "nv")}
		}
		a.Inline = encDim{str.Draw(rt, "in"), str.Draw(rt, "iv")}
		var conf any = a
		raw := json.RawMessage(rapid.SampledFrom([]string{`{"r":1}`, `[1,"<"]`, `{"a": 1}`, `{"a":1`, `"\u2028"`, "\"\u2028\"", `01`, `1e5`, ``, `null`}).Draw(rt, "raw"))
		if rapid.IntRange(0, 5).Draw(rt, "nilRaw") == 0 {
			raw = nil
		}
		switch rapid.IntRange(0, 5).Draw(rt, "as") {
		case 4:
			conf = map[string]any{"a": a, "n": nil, "f": fl.Draw(rt, "mf"), "l": []any{str.Draw(rt, "l0"), 1, true, nil}, "raw": raw,
				str.Draw(rt, "key"): str.Draw(rt, "val"), "m": map[string]string{"z": "1", "<": str.Draw(rt, "mv")}, "t": tm.Draw(rt, "mt")}
		case 5:
			m := map[string]any{"raw": raw}
			if rapid.Bool().Draw(rt, "cyclic") {
				m["self"] = m
			}
			conf = m
		case 1:
			conf = *a // by value: not addressable
		case 2:
			conf = &encOdd{encDim: encDim{Name: str.Draw(rt, "on")}, M: map[string]int{"<": 1}, A: a, R: json.RawMessage(`{"r":1}`), S: 5, B: []byte("hi")}
		case 3:
			conf = []*encAlarm{a, nil}
		}
		want, err := json.Marshal(conf)
		if err != nil {
			want = []byte("{}")
		}
		if got := e.encode(conf); !bytes.Equal(got, want) {
			rt.Fatalf("encode:\n%s\njson.Marshal:\n%s", got, want)
		}
		if got := e.encode(conf); !bytes.Equal(got, want) { // the cached plan
			rt.Fatalf("second encode:\n%s\njson.Marshal:\n%s", got, want)
		}
	})
}

// TestPlansCoverPublishedShapes: the plain struct shapes services publish get a plan; the others
// none.
func TestPlansCoverPublishedShapes(t *testing.T) {
	var ps plans
	for _, tc := range []struct {
		v    any
		want bool
	}{
		{&encAlarm{}, true}, {encAlarm{}, true}, {[]*encAlarm{}, true}, {&alarmSource{}, true}, {&trailSource{}, true},
		{&EventBusDocument{}, true}, {&itemChangeDetail{}, true}, {map[string]any{}, true}, {&encOdd{}, false}, {map[int]string{}, false},
	} {
		if got := ps.of(reflect.TypeOf(tc.v), nil) != nil; got != tc.want {
			t.Errorf("%T: plan %v, want %v", tc.v, got, tc.want)
		}
	}
}

// TestRenderAndDetailMatchMarshal: an alarm document rendered through the plans, and the item
// change detail that carries it, are json.Marshal's bytes.
func TestRenderAndDetailMatchMarshal(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		var e encoder
		doc := genAlarmDoc(rt, "doc", nil)
		d := &docState{typ: TypeAlarm, c: &docCache{parsed: doc, decoded: true}}
		e.render(d)
		want, err := json.Marshal(doc)
		if err != nil {
			if d.c.rendered {
				rt.Fatalf("rendered %s where json.Marshal fails (%v)", d.c.out, err)
			}
			return
		}
		if !d.c.rendered || !bytes.Equal(d.c.out, want) {
			rt.Fatalf("render %s\njson.Marshal %s", d.c.out, want)
		}
		prev := &item{status: ItemOK, typ: TypeAlarm, id: "a", d: &docState{typ: TypeAlarm, c: &docCache{parsed: genAlarmDoc(rt, "prev", doc), decoded: true}},
			tags: map[string]string{"k": "<v>"}, rels: []bus.Relationship{{ResourceType: TypeTrail, ResourceID: "t"}}}
		it := &item{status: ItemOK, typ: TypeAlarm, id: "a", name: "a", arn: "arn:x", d: d, created: time.Unix(5, 0).UTC(), supp: map[string]string{"x": "y"},
			tags: map[string]string{"z": "1", "<b>": "&", "a": "é"}}
		detail := itemChangeDetail{RecordVersion: CIVersion, MessageType: MessageItemChange, NotificationCreationTime: "now",
			ConfigurationItem: it.notification("123456789012", "us-east-1"), ConfigurationItemDiff: &itemDiff{ChangedProperties: diffItems(prev, it, "UPDATE"), ChangeType: "UPDATE"}}
		if rapid.Bool().Draw(rt, "rels") {
			detail.ConfigurationItem.Relationships = append(detail.ConfigurationItem.Relationships,
				notificationRelationship{ResourceID: strp("r<1>"), ResourceType: TypeTrail, Name: "Is associated with "})
		}
		switch rapid.IntRange(0, 3).Draw(rt, "odd") {
		case 1:
			detail.ConfigurationItem.Tags, detail.ConfigurationItem.SupplementaryConfiguration, detail.ConfigurationItem.RelatedEvents = nil, nil, nil
		case 2:
			detail.ConfigurationItem.Configuration = json.RawMessage(`{"a": [1, "<\u2028>"]}`)
		case 3:
			detail.ConfigurationItemDiff = nil
		}
		want, werr := json.Marshal(detail)
		got, gerr := e.marshal(detail)
		if (werr != nil) != (gerr != nil) || !bytes.Equal(got, want) {
			rt.Fatalf("marshal %s (%v)\njson.Marshal %s (%v)", got, gerr, want, werr)
		}
		got, gerr = e.marshalItemChange(&detail)
		if (werr != nil) != (gerr != nil) || !bytes.Equal(got, want) {
			rt.Fatalf("marshalItemChange %s (%v)\njson.Marshal %s (%v)", got, gerr, want, werr)
		}
	})
}
