package emf

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// The properties generate EMF documents from a model (never from text), render them to JSON,
// and compare Decode's datums with what the model says CloudWatch publishes. Mutations break one
// rule of a valid model and mark the part it drops; the rest must still be published.

type modelMetric struct {
	name   string // a key of model.metrics
	unit   string // "" for none
	res    int    // 0 for none
	badHow string // the mutation that breaks it, "" when valid
}

type modelDirective struct {
	ns      string
	hasDims bool
	sets    [][]string
	badSet  int // index of a set that a mutation broke, -1 for none
	metrics []modelMetric
	badNS   bool
}

type model struct {
	ts         int64
	dims       map[string]string    // root dimension members
	metrics    map[string][]float64 // root metric members; a one-element slice may be a scalar
	scalar     map[string]bool      // rendered as a number rather than an array
	directives []modelDirective
	order      []string // root member order, "_aws" included
}

var (
	unitPool = []string{"Seconds", "Milliseconds", "Bytes", "Count", "Percent", "Count/Second", "None", "Gigabits/Second"}
	dimPool  = []string{"Service", "Operation", "env", "k.1", "a b", `q"uote`, "x/y", "Region"}
	namePool = []string{"Latency", "Errors", "time", "m.1", "Δ latency", `back\slash`, "<html>", "Count"}
)

func genDimValue(t *rapid.T, label string) string {
	return rapid.StringMatching(`[!-~][ -~]{0,20}`).Draw(t, label)
}

func genValue(t *rapid.T, label string) float64 {
	switch rapid.IntRange(0, 3).Draw(t, label+"kind") {
	case 0:
		return float64(rapid.IntRange(-1000, 1000).Draw(t, label))
	case 1:
		return rapid.Float64Range(-1e12, 1e12).Draw(t, label)
	case 2:
		return rapid.Float64Range(-1e-6, 1e-6).Draw(t, label)
	default:
		return rapid.Float64Range(-1e100, 1e100).Draw(t, label)
	}
}

func genModel(t *rapid.T) *model {
	m := &model{
		ts:      rapid.Int64Range(-1e13, 1e13).Draw(t, "ts"),
		dims:    map[string]string{},
		metrics: map[string][]float64{},
		scalar:  map[string]bool{},
	}
	dimKeys := rapid.SliceOfNDistinct(rapid.SampledFrom(dimPool), 0, len(dimPool), rapid.ID[string]).Draw(t, "dimKeys")
	for _, k := range dimKeys {
		m.dims[k] = genDimValue(t, "dimValue")
	}
	names := rapid.SliceOfNDistinct(rapid.SampledFrom(namePool), 1, len(namePool), rapid.ID[string]).Draw(t, "names")
	for _, n := range names {
		if rapid.Bool().Draw(t, "scalar") {
			m.metrics[n] = []float64{genValue(t, "value")}
			m.scalar[n] = true
		} else {
			k := rapid.IntRange(1, MaxValuesPerMetric).Draw(t, "nvalues")
			vs := make([]float64, k)
			for i := range vs {
				vs[i] = genValue(t, "value")
			}
			m.metrics[n] = vs
		}
	}
	nd := rapid.IntRange(0, 3).Draw(t, "directives")
	for i := 0; i < nd; i++ {
		d := modelDirective{
			ns:      rapid.StringMatching(`[A-Za-z0-9._#/-][A-Za-z0-9 ._#:/-]{0,30}`).Filter(func(s string) bool { return !strings.HasPrefix(s, "AWS/") }).Draw(t, "ns"),
			hasDims: rapid.IntRange(0, 5).Draw(t, "hasDims") > 0,
			badSet:  -1,
		}
		if d.hasDims {
			ns := rapid.IntRange(0, 3).Draw(t, "sets")
			for j := 0; j < ns; j++ {
				var set []string
				if len(dimKeys) > 0 {
					set = rapid.SliceOfNDistinct(rapid.SampledFrom(dimKeys), 0, len(dimKeys), rapid.ID[string]).Draw(t, "set")
				}
				d.sets = append(d.sets, set)
			}
		}
		nm := rapid.IntRange(0, 4).Draw(t, "metrics")
		for j := 0; j < nm; j++ {
			mm := modelMetric{name: rapid.SampledFrom(names).Draw(t, "name")}
			if rapid.Bool().Draw(t, "hasUnit") {
				mm.unit = rapid.SampledFrom(unitPool).Draw(t, "unit")
			}
			mm.res = rapid.SampledFrom([]int{0, 0, 1, 60}).Draw(t, "res")
			d.metrics = append(d.metrics, mm)
		}
		m.directives = append(m.directives, d)
	}
	m.order = append(m.order, "_aws")
	for k := range m.dims {
		m.order = append(m.order, k)
	}
	for k := range m.metrics {
		m.order = append(m.order, k)
	}
	m.order = append(m.order, "requestId", "nested")
	// Map iteration order is random; sort the drawn permutation deterministically first.
	sortStrings(m.order)
	m.order = rapid.Permutation(m.order).Draw(t, "order")
	return m
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func jstr(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func jnum(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// render writes the model as an EMF document.
func (m *model) render() string {
	var b strings.Builder
	b.WriteByte('{')
	for i, k := range m.order {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(jstr(k))
		b.WriteByte(':')
		switch {
		case k == "_aws":
			m.renderAWS(&b)
		case k == "requestId":
			b.WriteString(`"989ffbf8-9ace-4817-a57c-e4dd734019ee"`)
		case k == "nested":
			b.WriteString(`{"_aws": {"Timestamp": "x"}, "a": [1, "two", null, true]}`)
		case m.scalar[k]:
			b.WriteString(jnum(m.metrics[k][0]))
		default:
			if vs, ok := m.metrics[k]; ok {
				b.WriteByte('[')
				for j, v := range vs {
					if j > 0 {
						b.WriteByte(',')
					}
					b.WriteString(jnum(v))
				}
				b.WriteByte(']')
			} else {
				b.WriteString(jstr(m.dims[k]))
			}
		}
	}
	b.WriteByte('}')
	return b.String()
}

func (m *model) renderAWS(b *strings.Builder) {
	fmt.Fprintf(b, `{"Timestamp": %d, "CloudWatchMetrics": [`, m.ts)
	for i, d := range m.directives {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(`{"Namespace": ` + jstr(d.ns))
		if d.hasDims {
			b.WriteString(`, "Dimensions": [`)
			for j, set := range d.sets {
				if j > 0 {
					b.WriteByte(',')
				}
				b.WriteByte('[')
				for k, key := range set {
					if k > 0 {
						b.WriteByte(',')
					}
					b.WriteString(jstr(key))
				}
				b.WriteByte(']')
			}
			b.WriteByte(']')
		}
		b.WriteString(`, "Metrics": [`)
		for j, mm := range d.metrics {
			if j > 0 {
				b.WriteByte(',')
			}
			b.WriteString(`{"Name": ` + jstr(mm.name))
			if mm.unit != "" {
				b.WriteString(`, "Unit": ` + jstr(mm.unit))
			}
			if mm.res != 0 {
				fmt.Fprintf(b, `, "StorageResolution": %d`, mm.res)
			}
			b.WriteByte('}')
		}
		b.WriteString("]}")
	}
	b.WriteString("]}")
}

// expect is what CloudWatch publishes for the model (its broken parts dropped).
func (m *model) expect() []Datum {
	var out []Datum
	for _, d := range m.directives {
		if d.badNS {
			continue
		}
		var sets [][]Dimension
		for j, set := range d.sets {
			if j == d.badSet {
				continue
			}
			var dims []Dimension
			for _, k := range set {
				dims = append(dims, Dimension{k, m.dims[k]})
			}
			sets = append(sets, dims)
		}
		if len(sets) == 0 {
			sets = [][]Dimension{nil}
		}
		for _, mm := range d.metrics {
			if mm.badHow != "" {
				continue
			}
			unit, res := mm.unit, int32(mm.res)
			if unit == "" {
				unit = DefaultUnit
			}
			if res == 0 {
				res = DefaultStorageResolution
			}
			for _, dims := range sets {
				out = append(out, Datum{
					Namespace: d.ns, MetricName: mm.name, Dimensions: dims, Values: m.metrics[mm.name],
					Unit: unit, StorageResolution: res, Timestamp: ms(m.ts),
				})
			}
		}
	}
	return out
}

func TestPropertyValidDocuments(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := genModel(t)
		msg := m.render()
		got, err := Decode(msg)
		if err != nil {
			t.Fatalf("Decode: %v\n%s", err, msg)
		}
		if d := cmp.Diff(m.expect(), got); d != "" {
			t.Fatalf("Decode (-want +got):\n%s\n%s", d, msg)
		}
		if !IsEMF(msg) {
			t.Fatalf("IsEMF = false\n%s", msg)
		}
		again, err := Decode(msg)
		if err != nil || !cmp.Equal(got, again) {
			t.Fatal("Decode is not deterministic")
		}
	})
}

// TestPropertyOneBrokenRule breaks one rule of a valid document: Decode reports exactly one
// validation problem and publishes everything else.
func TestPropertyOneBrokenRule(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := genModel(t)
		if len(m.directives) == 0 {
			m.directives = append(m.directives, modelDirective{ns: "N", badSet: -1})
		}
		k := rapid.IntRange(0, len(m.directives)-1).Draw(t, "directive")
		d := &m.directives[k]
		kinds := []string{"namespace", "set"}
		if len(d.metrics) > 0 {
			kinds = append(kinds, "unit", "resolution", "target missing", "target string", "too many values")
		}
		switch kind := rapid.SampledFrom(kinds).Draw(t, "mutation"); kind {
		case "namespace":
			d.ns = rapid.SampledFrom([]string{"", ":x", "AWS/Lambda", " ", "caf\u00e9", strings.Repeat("n", 256)}).Draw(t, "badNS")
			d.badNS = true
		case "set":
			d.hasDims = true
			j := rapid.IntRange(0, len(d.sets)).Draw(t, "set")
			bad := append([]string{}, rapid.SampledFrom([][]string{{"missing"}, {"Service", "Service"}, {""}, {":k"}}).Draw(t, "badSet")...)
			if bad[0] == "Service" {
				m.dims["Service"] = "svc"
				m.order = append(m.order, "Service")
				m.order = dedupe(m.order)
			}
			d.sets = append(d.sets[:j], append([][]string{bad}, d.sets[j:]...)...)
			d.badSet = j
		default:
			i := rapid.IntRange(0, len(d.metrics)-1).Draw(t, "metric")
			mm := &d.metrics[i]
			mm.badHow = kind
			switch kind {
			case "unit":
				mm.unit = rapid.SampledFrom([]string{"Requests", "count", "NONE"}).Draw(t, "badUnit")
			case "resolution":
				mm.res = rapid.SampledFrom([]int{-1, 5, 30, 61, 3600}).Draw(t, "badRes")
			case "target missing":
				mm.name = "no such member"
			case "target string":
				mm.name = "stringly"
				m.dims["stringly"] = "12"
				m.order = append(m.order, "stringly")
			case "too many values":
				mm.name = "many"
				m.metrics["many"] = make([]float64, MaxValuesPerMetric+1)
				m.order = append(m.order, "many")
			}
		}
		msg := m.render()
		got, err := Decode(msg)
		e := mustError(t, err, ValidationError)
		if len(e.Reasons) != 1 {
			t.Fatalf("reasons = %q, want one\n%s", e.Reasons, msg)
		}
		if d := cmp.Diff(m.expect(), got); d != "" {
			t.Fatalf("Decode (-want +got):\n%s\n%s", d, msg)
		}
	})
}

func dedupe(s []string) []string {
	seen := map[string]bool{}
	out := s[:0]
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// TestPropertyDocumentProblems: a problem with the whole document publishes nothing.
func TestPropertyDocumentProblems(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := genModel(t)
		msg := m.render()
		ts := fmt.Sprintf(`"Timestamp": %d, `, m.ts)
		if !strings.Contains(msg, ts) {
			t.Fatalf("no timestamp in %s", msg)
		}
		kind := ValidationError
		var repl string
		switch rapid.IntRange(0, 4).Draw(t, "how") {
		case 0:
			repl = ""
		case 1:
			repl = `"Timestamp": 0.5, `
		case 2:
			repl = `"Timestamp": "1", `
			kind = ParsingError
		case 3:
			repl = `"Timestamp": null, `
		default:
			repl = `"Timestamp": [], `
			kind = ParsingError
		}
		msg = strings.Replace(msg, ts, repl, 1)
		got, err := Decode(msg)
		mustError(t, err, kind)
		if got != nil {
			t.Fatalf("datums %v from a broken document", got)
		}
	})
}
