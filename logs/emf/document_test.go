package emf

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The validation table: a document with two directives (A with metrics m1 and m2, B with m3),
// each case breaking one rule once. The expected survivors say which part the rule drops.

// doc builds a document from its pieces: Timestamp member, A's members, A's m1 definition, and
// extra root members (later members win over the defaults).
type doc struct {
	ts    string // the whole Timestamp member, "" for none
	a     string // A's Namespace and Dimensions members
	m1    string // A's first metric definition
	extra string // root members appended after the defaults
	defs  string // replaces A's Metrics member when set
}

func (d doc) String() string {
	ts := d.ts
	if ts != "" {
		ts += ","
	}
	metrics := `"Metrics":[` + d.m1 + `,{"Name":"m2"}]`
	if d.defs != "" {
		metrics = d.defs
	}
	s := `{"_aws":{` + ts + `"CloudWatchMetrics":[` +
		`{` + d.a + `,` + metrics + `},` +
		`{"Namespace":"B","Dimensions":[["svc"]],"Metrics":[{"Name":"m3"}]}]},` +
		`"svc":"api","m1":1,"m2":2,"m3":3`
	if d.extra != "" {
		s += "," + d.extra
	}
	return s + "}"
}

func base() doc {
	return doc{ts: `"Timestamp":1`, a: `"Namespace":"A","Dimensions":[["svc"]]`, m1: `{"Name":"m1","Unit":"Count"}`}
}

// summary renders datums as "namespace:metric:k=v,k=v".
func summary(ds []Datum) []string {
	var out []string
	for _, d := range ds {
		var dims []string
		for _, x := range d.Dimensions {
			dims = append(dims, x.Name+"="+x.Value)
		}
		out = append(out, d.Namespace+":"+d.MetricName+":"+strings.Join(dims, ","))
	}
	return out
}

var (
	all      = []string{"A:m1:svc=api", "A:m2:svc=api", "B:m3:svc=api"}
	onlyB    = []string{"B:m3:svc=api"}
	noM1     = []string{"A:m2:svc=api", "B:m3:svc=api"}
	undimA   = []string{"A:m1:", "A:m2:", "B:m3:svc=api"}
	nothing  []string
	long     = func(n int) string { return strings.Repeat("x", n) }
	keysJSON = func(keys []string) string {
		return `["` + strings.Join(keys, `","`) + `"]`
	}
)

func manyKeys(n int) (set, members string) {
	var keys, mem []string
	for i := 0; i < n; i++ {
		k := fmt.Sprintf("k%d", i)
		keys = append(keys, k)
		mem = append(mem, fmt.Sprintf(`"%s":"v"`, k))
	}
	return keysJSON(keys), strings.Join(mem, ",")
}

func manyDefs(n int) (defs, members string) {
	var d, mem []string
	for i := 0; i < n; i++ {
		d = append(d, fmt.Sprintf(`{"Name":"x%d"}`, i))
		mem = append(mem, fmt.Sprintf(`"x%d":%d`, i, i))
	}
	return `"Metrics":[` + strings.Join(d, ",") + `]`, strings.Join(mem, ",")
}

func numbers(n int) string {
	var v []string
	for i := 0; i < n; i++ {
		v = append(v, fmt.Sprint(i))
	}
	return "[" + strings.Join(v, ",") + "]"
}

func TestValidationRules(t *testing.T) {
	set31, mem31 := manyKeys(31)
	defs101, mem101 := manyDefs(101)
	cases := []struct {
		name   string
		doc    func(*doc)
		want   []string
		reason string
	}{
		// The whole document.
		{"timestamp missing", func(d *doc) { d.ts = "" }, nothing, "Timestamp is missing"},
		{"timestamp null", func(d *doc) { d.ts = `"Timestamp":null` }, nothing, "Timestamp is missing"},
		{"timestamp fraction", func(d *doc) { d.ts = `"Timestamp":1.5` }, nothing, "not an integer number of milliseconds"},
		{"timestamp too large", func(d *doc) { d.ts = `"Timestamp":1e30` }, nothing, "not an integer number of milliseconds"},
		{"CloudWatchMetrics missing", func(d *doc) {}, nothing, "CloudWatchMetrics is missing"}, // built separately below

		// One directive.
		{"namespace missing", func(d *doc) { d.a = `"Dimensions":[["svc"]]` }, onlyB, "Namespace is missing"},
		{"namespace null", func(d *doc) { d.a = `"Namespace":null,"Dimensions":[["svc"]]` }, onlyB, "Namespace is missing"},
		{"namespace empty", func(d *doc) { d.a = `"Namespace":"","Dimensions":[["svc"]]` }, onlyB, "Namespace is empty"},
		{"namespace too long", func(d *doc) { d.a = `"Namespace":"` + long(256) + `","Dimensions":[["svc"]]` }, onlyB, "longer than 255"},
		{"namespace colon", func(d *doc) { d.a = `"Namespace":":x","Dimensions":[["svc"]]` }, onlyB, "starts with ':'"},
		{"namespace control", func(d *doc) { d.a = `"Namespace":"a\u0001","Dimensions":[["svc"]]` }, onlyB, "not printable ASCII"},
		{"namespace non-ASCII", func(d *doc) { d.a = `"Namespace":"café","Dimensions":[["svc"]]` }, onlyB, "not printable ASCII"},
		{"namespace blank", func(d *doc) { d.a = `"Namespace":"   ","Dimensions":[["svc"]]` }, onlyB, "only whitespace"},
		{"namespace reserved", func(d *doc) { d.a = `"Namespace":"AWS/EC2","Dimensions":[["svc"]]` }, onlyB, "reserved"},
		{"metrics missing", func(d *doc) { d.defs = `"X":1` }, onlyB, "Metrics is missing"},
		{"metrics null", func(d *doc) { d.defs = `"Metrics":null` }, onlyB, "Metrics is missing"},
		{"101 definitions", func(d *doc) { d.defs, d.extra = defs101, mem101 }, onlyB, "more than 100"},

		// One dimension set: the directive's metrics are published without it.
		{"31 keys", func(d *doc) { d.a, d.extra = `"Namespace":"A","Dimensions":[`+set31+`]`, mem31 }, undimA, "more than 30"},
		{"empty key", func(d *doc) { d.a = `"Namespace":"A","Dimensions":[[""]]` }, undimA, "dimension key is empty"},
		{"long key", func(d *doc) {
			d.a, d.extra = `"Namespace":"A","Dimensions":[["`+long(251)+`"]]`, `"`+long(251)+`":"v"`
		}, undimA, "longer than 250"},
		{"colon key", func(d *doc) { d.a, d.extra = `"Namespace":"A","Dimensions":[[":k"]]`, `":k":"v"` }, undimA, "starts with ':'"},
		{"non-ASCII key", func(d *doc) { d.a, d.extra = `"Namespace":"A","Dimensions":[["ké"]]`, `"ké":"v"` }, undimA, "not printable ASCII"},
		{"blank key", func(d *doc) { d.a, d.extra = `"Namespace":"A","Dimensions":[[" "]]`, `" ":"v"` }, undimA, "only whitespace"},
		{"key twice", func(d *doc) { d.a = `"Namespace":"A","Dimensions":[["svc","svc"]]` }, undimA, "twice"},
		{"key without target", func(d *doc) { d.a = `"Namespace":"A","Dimensions":[["nope"]]` }, undimA, "no root member"},
		{"number target", func(d *doc) { d.a = `"Namespace":"A","Dimensions":[["m2"]]` }, undimA, "targets a number, not a string"},
		{"null target", func(d *doc) { d.a, d.extra = `"Namespace":"A","Dimensions":[["n"]]`, `"n":null` }, undimA, "targets null"},
		{"empty value", func(d *doc) { d.a, d.extra = `"Namespace":"A","Dimensions":[["v"]]`, `"v":""` }, undimA, "empty value"},
		{"long value", func(d *doc) { d.a, d.extra = `"Namespace":"A","Dimensions":[["v"]]`, `"v":"`+long(1025)+`"` }, undimA, "longer than 1024"},
		{"non-ASCII value", func(d *doc) { d.a, d.extra = `"Namespace":"A","Dimensions":[["v"]]`, `"v":"é"` }, undimA, "not printable ASCII"},
		{"blank value", func(d *doc) { d.a, d.extra = `"Namespace":"A","Dimensions":[["v"]]`, `"v":"  "` }, undimA, "only whitespace"},
		{"tab in value", func(d *doc) { d.a, d.extra = `"Namespace":"A","Dimensions":[["v"]]`, `"v":"a\tb"` }, undimA, "not printable ASCII"},
		{"one bad set of two", func(d *doc) { d.a = `"Namespace":"A","Dimensions":[["nope"],["svc"]]` }, all, "no root member"},

		// One metric.
		{"name missing", func(d *doc) { d.m1 = `{"Unit":"Count"}` }, noM1, "Name is missing"},
		{"name null", func(d *doc) { d.m1 = `{"Name":null}` }, noM1, "Name is missing"},
		{"name empty", func(d *doc) { d.m1, d.extra = `{"Name":""}`, `"":1` }, noM1, "Name is empty"},
		{"name too long", func(d *doc) { d.m1, d.extra = `{"Name":"`+long(256)+`"}`, `"`+long(256)+`":1` }, noM1, "longer than 255"},
		{"name not UTF-8", func(d *doc) { d.m1, d.extra = `{"Name":"a`+"\xff"+`"}`, `"a`+"\xff"+`":1` }, noM1, "not valid UTF-8"},
		{"unit wrong case", func(d *doc) { d.m1 = `{"Name":"m1","Unit":"count"}` }, noM1, `Unit "count" is not`},
		{"unit unknown", func(d *doc) { d.m1 = `{"Name":"m1","Unit":"Requests"}` }, noM1, "standard unit"},
		{"resolution 30", func(d *doc) { d.m1 = `{"Name":"m1","StorageResolution":30}` }, noM1, "neither 1 nor 60"},
		{"resolution 0", func(d *doc) { d.m1 = `{"Name":"m1","StorageResolution":0}` }, noM1, "neither 1 nor 60"},
		{"resolution 1.5", func(d *doc) { d.m1 = `{"Name":"m1","StorageResolution":1.5}` }, noM1, "neither 1 nor 60"},
		{"target missing", func(d *doc) { d.m1 = `{"Name":"nope"}` }, noM1, "no root member"},
		{"target string", func(d *doc) { d.extra = `"m1":"1"` }, noM1, "targets a string"},
		{"target boolean", func(d *doc) { d.extra = `"m1":true` }, noM1, "targets a boolean"},
		{"target null", func(d *doc) { d.extra = `"m1":null` }, noM1, "targets null"},
		{"target object", func(d *doc) { d.extra = `"m1":{"Values":[1],"Counts":[1]}` }, noM1, "targets an object"},
		{"empty array", func(d *doc) { d.extra = `"m1":[]` }, noM1, "empty array"},
		{"101 values", func(d *doc) { d.extra = `"m1":` + numbers(101) }, noM1, "more than 100 values"},
		{"string in array", func(d *doc) { d.extra = `"m1":[1,"2"]` }, noM1, "a string at index 1"},
		{"value too large", func(d *doc) { d.extra = `"m1":1e400` }, noM1, "outside the range"},
		{"array value too large", func(d *doc) { d.extra = `"m1":[1,-1e109,1e300]` }, noM1, "outside the range"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := base()
			c.doc(&d)
			msg := d.String()
			if c.name == "CloudWatchMetrics missing" {
				msg = `{"_aws":{"Timestamp":1},"m1":1}`
			}
			got, err := Decode(msg)
			e := mustError(t, err, ValidationError)
			if len(e.Reasons) != 1 || !strings.Contains(e.Reasons[0], c.reason) {
				t.Fatalf("reasons = %q, want one containing %q", e.Reasons, c.reason)
			}
			if diff := cmp.Diff(c.want, summary(got)); diff != "" {
				t.Fatalf("datums (-want +got):\n%s\n%s", diff, msg)
			}
		})
	}
}

// TestValidationLimitsAccepted puts every limit at its maximum.
func TestValidationLimitsAccepted(t *testing.T) {
	set30, mem30 := manyKeys(30)
	defs100, mem100 := manyDefs(100)
	for _, c := range []struct {
		name string
		doc  func(*doc)
		n    int
	}{
		{"30 keys", func(d *doc) { d.a, d.extra = `"Namespace":"A","Dimensions":[`+set30+`]`, mem30 }, 3},
		{"100 definitions", func(d *doc) { d.defs, d.extra = defs100, mem100 }, 101},
		{"100 values", func(d *doc) { d.extra = `"m1":` + numbers(100) }, 3},
		{"255-character namespace", func(d *doc) { d.a = `"Namespace":"` + long(255) + `","Dimensions":[["svc"]]` }, 3},
		{"namespace characters", func(d *doc) { d.a = `"Namespace":"My App/v1.2#x:y_z-w","Dimensions":[["svc"]]` }, 3},
		{"1024-character value", func(d *doc) { d.extra = `"svc":"` + long(1024) + `"` }, 3},
		{"250-character key", func(d *doc) {
			d.a, d.extra = `"Namespace":"A","Dimensions":[["`+long(250)+`"]]`, `"`+long(250)+`":"v"`
		}, 3},
		{"255-character name", func(d *doc) { d.m1, d.extra = `{"Name":"`+long(255)+`"}`, `"`+long(255)+`":1` }, 3},
		{"resolution 1.0", func(d *doc) { d.m1 = `{"Name":"m1","StorageResolution":1.0}` }, 3},
		{"resolution 6e1", func(d *doc) { d.m1 = `{"Name":"m1","StorageResolution":6e1}` }, 3},
		{"unit null", func(d *doc) { d.m1 = `{"Name":"m1","Unit":null,"StorageResolution":null}` }, 3},
		{"2^360", func(d *doc) { d.extra = `"m1":[2.3485425827738332e108,-2.3485425827738332e108,1e-300,0]` }, 3},
		{"timestamp exponent", func(d *doc) { d.ts = `"Timestamp":1.5e12` }, 3},
		{"negative timestamp", func(d *doc) { d.ts = `"Timestamp":-1000` }, 3},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := base()
			c.doc(&d)
			got, err := Decode(d.String())
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != c.n {
				t.Fatalf("%d datums, want %d", len(got), c.n)
			}
		})
	}
}

func TestValidationReportsEveryProblem(t *testing.T) {
	msg := `{"_aws":{"Timestamp":1,"CloudWatchMetrics":[` +
		`{"Namespace":"","Metrics":[{"Name":"x"}]},` +
		`{"Namespace":"B","Dimensions":[["nope"],["svc"]],"Metrics":[{"Name":"m","Unit":"u"},{"Name":"ok"},{"Name":"s"}]}]},` +
		`"svc":"api","m":1,"ok":2,"s":"x"}`
	got, err := Decode(msg)
	e := mustError(t, err, ValidationError)
	want := []string{
		`_aws.CloudWatchMetrics[0]: Namespace is empty`,
		`_aws.CloudWatchMetrics[1].Dimensions[0]: dimension "nope" has no root member (the target member is missing)`,
		`_aws.CloudWatchMetrics[1].Metrics[0]: Unit "u" is not a CloudWatch standard unit`,
		`_aws.CloudWatchMetrics[1].Metrics[2]: metric "s" targets a string, not a number or an array of numbers`,
	}
	if d := cmp.Diff(want, e.Reasons); d != "" {
		t.Fatalf("reasons (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"B:ok:svc=api"}, summary(got)); d != "" {
		t.Fatalf("datums (-want +got):\n%s", d)
	}
}

func TestParseMillis(t *testing.T) {
	for text, want := range map[string]int64{"0": 0, "-5": -5, "1574109732004": 1574109732004, "1e3": 1000, "2.5e1": 25, "-0": 0} {
		if got, ok := parseMillis(text); !ok || got != want {
			t.Errorf("parseMillis(%q) = %d, %v; want %d", text, got, ok, want)
		}
	}
	for _, text := range []string{"0.5", "1e19", "-1e19", "9223372036854775808"} {
		if _, ok := parseMillis(text); ok {
			t.Errorf("parseMillis(%q) accepted", text)
		}
	}
}
