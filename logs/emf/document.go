package emf

import (
	"math"
	"strconv"
	"time"

	"github.com/watchsim/watchsim/internal/jsonscan"
)

// metadata is the _aws object, read with its JSON types checked (a wrong type is a parsing
// error) but nothing validated yet. A member whose value is null counts as absent ([derived]).
type metadata struct {
	timestamp    span
	hasTimestamp bool
	hasMetrics   bool // CloudWatchMetrics
	directives   []directive
}

// directive is one MetricDirective.
type directive struct {
	namespace     string
	hasNamespace  bool
	sets          [][]string // Dimensions: the DimensionSets' keys
	hasDefinition bool       // Metrics is present
	definitions   []definition
}

// definition is one MetricDefinition.
type definition struct {
	name          string
	hasName       bool
	unit          string
	hasUnit       bool
	resolution    span
	hasResolution bool
}

// typeError is the parsing error of a member of the wrong JSON type.
func typeError(s, path string, v span, want string) error {
	return parseError(path + " is " + kindName(v.kind(s)) + ", not " + want)
}

// loc is where in _aws a problem lies. It is a value, rendered with String only when there is a
// problem to report, so that a valid document builds no path strings.
type loc struct {
	dir   int    // the directive's index in CloudWatchMetrics
	part  string // "", "Dimensions" or "Metrics"
	i, j  int    // the index in part and the key index in a dimension set, -1 for none
	field string // a member name after them, "" for none
}

func at(dir int) loc { return loc{dir: dir, i: -1, j: -1} }

func (l loc) in(part string, i int) loc { l.part, l.i = part, i; return l }
func (l loc) key(j int) loc             { l.j = j; return l }
func (l loc) member(f string) loc       { l.field = f; return l }

func (l loc) String() string {
	s := "_aws.CloudWatchMetrics[" + strconv.Itoa(l.dir) + "]"
	if l.part != "" {
		s += "." + l.part
		if l.i >= 0 {
			s += "[" + strconv.Itoa(l.i) + "]"
		}
		if l.j >= 0 {
			s += "[" + strconv.Itoa(l.j) + "]"
		}
	}
	if l.field != "" {
		s += "." + l.field
	}
	return s
}

// parseMetadata reads the _aws member's value v. Members the specification does not define are
// ignored ("Members not recognized by this specification MUST be ignored"); member names are
// case-sensitive.
func parseMetadata(s string, v span) (*metadata, error) {
	if v.kind(s) != jsonscan.KindObject {
		return nil, typeError(s, "_aws", v, "an object")
	}
	md := &metadata{}
	it := members(s, v.start)
	for {
		name, mv, ok := it.next()
		if !ok {
			return md, nil
		}
		k := mv.kind(s)
		if k == jsonscan.KindNull {
			switch name {
			case "Timestamp":
				md.hasTimestamp = false
			case "CloudWatchMetrics":
				md.hasMetrics, md.directives = false, nil
			}
			continue
		}
		switch name {
		case "Timestamp":
			if k != jsonscan.KindNumber {
				return nil, typeError(s, "_aws.Timestamp", mv, "a number")
			}
			md.timestamp, md.hasTimestamp = mv, true
		case "CloudWatchMetrics":
			if k != jsonscan.KindArray {
				return nil, typeError(s, "_aws.CloudWatchMetrics", mv, "an array")
			}
			md.hasMetrics, md.directives = true, md.directives[:0]
			el := elements(s, mv.start)
			for i := 0; ; i++ {
				dv, ok := el.next()
				if !ok {
					break
				}
				d, err := parseDirective(s, at(i), dv)
				if err != nil {
					return nil, err
				}
				md.directives = append(md.directives, d)
			}
		}
	}
}

func parseDirective(s string, l loc, v span) (directive, error) {
	var d directive
	if v.kind(s) != jsonscan.KindObject {
		return d, typeError(s, l.String(), v, "an object")
	}
	it := members(s, v.start)
	for {
		name, mv, ok := it.next()
		if !ok {
			return d, nil
		}
		k := mv.kind(s)
		switch name {
		case "Namespace":
			switch k {
			case jsonscan.KindNull:
				d.namespace, d.hasNamespace = "", false
			case jsonscan.KindString:
				d.namespace, _ = readString(s, mv.start)
				d.hasNamespace = true
			default:
				return d, typeError(s, l.member("Namespace").String(), mv, "a string")
			}
		case "Dimensions":
			switch k {
			case jsonscan.KindNull:
				d.sets = nil
			case jsonscan.KindArray:
				sets, err := parseDimensions(s, l, mv)
				if err != nil {
					return d, err
				}
				d.sets = sets
			default:
				return d, typeError(s, l.in("Dimensions", -1).String(), mv, "an array")
			}
		case "Metrics":
			switch k {
			case jsonscan.KindNull:
				d.definitions, d.hasDefinition = nil, false
			case jsonscan.KindArray:
				d.definitions, d.hasDefinition = d.definitions[:0], true
				el := elements(s, mv.start)
				for i := 0; ; i++ {
					ev, ok := el.next()
					if !ok {
						break
					}
					def, err := parseDefinition(s, l.in("Metrics", i), ev)
					if err != nil {
						return d, err
					}
					d.definitions = append(d.definitions, def)
				}
			default:
				return d, typeError(s, l.in("Metrics", -1).String(), mv, "an array")
			}
		}
	}
}

// parseDimensions reads a DimensionSet array: an array of arrays of strings.
func parseDimensions(s string, l loc, v span) ([][]string, error) {
	var sets [][]string
	el := elements(s, v.start)
	for i := 0; ; i++ {
		sv, ok := el.next()
		if !ok {
			return sets, nil
		}
		if sv.kind(s) != jsonscan.KindArray {
			return nil, typeError(s, l.in("Dimensions", i).String(), sv, "an array of dimension keys")
		}
		keys := []string{}
		kl := elements(s, sv.start)
		for j := 0; ; j++ {
			kv, ok := kl.next()
			if !ok {
				break
			}
			if kv.kind(s) != jsonscan.KindString {
				return nil, typeError(s, l.in("Dimensions", i).key(j).String(), kv, "a string")
			}
			key, _ := readString(s, kv.start)
			keys = append(keys, key)
		}
		sets = append(sets, keys)
	}
}

func parseDefinition(s string, l loc, v span) (definition, error) {
	var def definition
	if v.kind(s) != jsonscan.KindObject {
		return def, typeError(s, l.String(), v, "an object")
	}
	it := members(s, v.start)
	for {
		name, mv, ok := it.next()
		if !ok {
			return def, nil
		}
		k := mv.kind(s)
		switch name {
		case "Name":
			switch k {
			case jsonscan.KindNull:
				def.name, def.hasName = "", false
			case jsonscan.KindString:
				def.name, _ = readString(s, mv.start)
				def.hasName = true
			default:
				return def, typeError(s, l.member("Name").String(), mv, "a string")
			}
		case "Unit":
			switch k {
			case jsonscan.KindNull:
				def.unit, def.hasUnit = "", false
			case jsonscan.KindString:
				def.unit, _ = readString(s, mv.start)
				def.hasUnit = true
			default:
				return def, typeError(s, l.member("Unit").String(), mv, "a string")
			}
		case "StorageResolution":
			switch k {
			case jsonscan.KindNull:
				def.hasResolution = false
			case jsonscan.KindNumber:
				def.resolution, def.hasResolution = mv, true
			default:
				return def, typeError(s, l.member("StorageResolution").String(), mv, "a number")
			}
		}
	}
}

// parseMillis reads an integral JSON number of milliseconds ([derived]: the schema's "integer";
// 1.5e12 is accepted, 1.5 is not).
func parseMillis(text string) (int64, bool) {
	if n, err := strconv.ParseInt(text, 10, 64); err == nil {
		return n, true
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) >= 0x1p63 {
		return 0, false
	}
	return int64(f), true
}

// extract validates the document against the root r and builds the datums of the parts that
// pass.
func (md *metadata) extract(s string, r *root) ([]Datum, error) {
	var p problems
	var ms int64
	if !md.hasTimestamp {
		p.add("_aws", "Timestamp is missing")
	} else if n, ok := parseMillis(s[md.timestamp.start:md.timestamp.end]); ok {
		ms = n
	} else {
		p.add("_aws.Timestamp", s[md.timestamp.start:md.timestamp.end]+" is not an integer number of milliseconds")
	}
	if !md.hasMetrics {
		p.add("_aws", "CloudWatchMetrics is missing")
	}
	if len(p.reasons) > 0 {
		return nil, p.err()
	}
	ts := time.UnixMilli(ms).UTC()
	var out []Datum
	for i := range md.directives {
		out = md.directives[i].extract(s, r, i, ts, out, &p)
	}
	return out, p.err()
}

// extract appends the datums of one directive to out.
func (d *directive) extract(s string, r *root, dir int, ts time.Time, out []Datum, p *problems) []Datum {
	dropped := false
	if !d.hasNamespace {
		p.add(at(dir).String(), "Namespace is missing")
		dropped = true
	} else if msg := namespaceProblem(d.namespace); msg != "" {
		p.add(at(dir).String(), msg)
		dropped = true
	}
	if !d.hasDefinition {
		p.add(at(dir).String(), "Metrics is missing")
		dropped = true
	} else if len(d.definitions) > MaxMetricsPerDirective {
		p.add(at(dir).String(), "Metrics has "+strconv.Itoa(len(d.definitions))+" definitions, more than "+strconv.Itoa(MaxMetricsPerDirective))
		dropped = true
	}
	if dropped {
		return out
	}
	sets := d.dimensionSets(s, r, dir, p)
	for i := range d.definitions {
		def := &d.definitions[i]
		values, unit, res, ok := def.check(s, r, at(dir).in("Metrics", i), p)
		if !ok {
			continue
		}
		for _, dims := range sets {
			out = append(out, Datum{
				Namespace:         d.namespace,
				MetricName:        def.name,
				Dimensions:        dims,
				Values:            values,
				Unit:              unit,
				StorageResolution: res,
				Timestamp:         ts,
			})
		}
	}
	return out
}

// dimensionSets resolves the directive's dimension sets against the root. A set with a problem is
// dropped (one reason per set); when no set remains — or the directive has none, or no
// Dimensions member at all — the metrics are published once without dimensions ([derived], see
// the package documentation).
func (d *directive) dimensionSets(s string, r *root, dir int, p *problems) [][]Dimension {
	var sets [][]Dimension
	for i, keys := range d.sets {
		if dims, msg := resolveSet(s, r, keys); msg != "" {
			p.add(at(dir).in("Dimensions", i).String(), msg)
		} else {
			sets = append(sets, dims)
		}
	}
	if len(sets) == 0 {
		sets = append(sets, nil)
	}
	return sets
}

// resolveSet returns the dimensions of one DimensionSet, or why it cannot be used.
func resolveSet(s string, r *root, keys []string) ([]Dimension, string) {
	if len(keys) > MaxDimensionsPerSet {
		return nil, "has " + strconv.Itoa(len(keys)) + " dimension keys, more than " + strconv.Itoa(MaxDimensionsPerSet)
	}
	if len(keys) == 0 {
		return nil, "" // "A DimensionSet MAY be empty."
	}
	dims := make([]Dimension, 0, len(keys))
	for j, key := range keys {
		if msg := dimensionKeyProblem(key); msg != "" {
			return nil, msg
		}
		for _, prev := range keys[:j] {
			if prev == key {
				return nil, "names dimension " + strconv.Quote(key) + " twice"
			}
		}
		v, ok := r.lookup(key)
		if !ok {
			return nil, "dimension " + strconv.Quote(key) + " has no root member (the target member is missing)"
		}
		if v.kind(s) != jsonscan.KindString {
			return nil, "dimension " + strconv.Quote(key) + " targets " + kindName(v.kind(s)) + ", not a string"
		}
		value, _ := readString(s, v.start)
		if msg := dimensionValueProblem(key, value); msg != "" {
			return nil, msg
		}
		dims = append(dims, Dimension{Name: key, Value: value})
	}
	return dims, ""
}

// check validates one metric definition and reads its target; ok is false (and a reason added)
// when the metric is not published.
func (def *definition) check(s string, r *root, l loc, p *problems) (values []float64, unit string, res int32, ok bool) {
	if !def.hasName {
		p.add(l.String(), "Name is missing")
		return nil, "", 0, false
	}
	if msg := metricNameProblem(def.name); msg != "" {
		p.add(l.String(), msg)
		return nil, "", 0, false
	}
	unit = DefaultUnit
	if def.hasUnit {
		if !IsStandardUnit(def.unit) {
			p.add(l.String(), "Unit "+strconv.Quote(def.unit)+" is not a CloudWatch standard unit")
			return nil, "", 0, false
		}
		unit = def.unit
	}
	res = DefaultStorageResolution
	if def.hasResolution {
		text := s[def.resolution.start:def.resolution.end]
		switch f, _ := strconv.ParseFloat(text, 64); f {
		case 1:
			res = 1
		case 60:
			res = 60
		default:
			p.add(l.String(), "StorageResolution "+text+" is neither 1 nor 60")
			return nil, "", 0, false
		}
	}
	values, msg := targetValues(s, r, def.name)
	if msg != "" {
		p.add(l.String(), msg)
		return nil, "", 0, false
	}
	return values, unit, res, true
}

// targetValues reads the metric target member name: a number, or an array of 1 to
// MaxValuesPerMetric numbers ("A metric target MUST be a numeric value or an array of numeric
// values. Numeric array metric targets MUST NOT have more than 100 members"). Every value must be
// one MetricDatum accepts.
func targetValues(s string, r *root, name string) ([]float64, string) {
	v, ok := r.lookup(name)
	if !ok {
		return nil, "metric " + strconv.Quote(name) + " has no root member (the target member is missing)"
	}
	switch k := v.kind(s); k {
	case jsonscan.KindNumber:
		text := s[v.start:v.end]
		f, _ := strconv.ParseFloat(text, 64)
		if !validValue(f) {
			return nil, "metric " + strconv.Quote(name) + " has the value " + text + ", outside the range CloudWatch stores (±2^360)"
		}
		return []float64{f}, ""
	case jsonscan.KindArray:
		var values []float64
		el := elements(s, v.start)
		for i := 0; ; i++ {
			ev, ok := el.next()
			if !ok {
				break
			}
			if i == MaxValuesPerMetric {
				return nil, "metric " + strconv.Quote(name) + " has more than " + strconv.Itoa(MaxValuesPerMetric) + " values"
			}
			if ev.kind(s) != jsonscan.KindNumber {
				return nil, "metric " + strconv.Quote(name) + " has " + kindName(ev.kind(s)) + " at index " + strconv.Itoa(i) + ", not a number"
			}
			text := s[ev.start:ev.end]
			f, _ := strconv.ParseFloat(text, 64)
			if !validValue(f) {
				return nil, "metric " + strconv.Quote(name) + " has the value " + text + ", outside the range CloudWatch stores (±2^360)"
			}
			values = append(values, f)
		}
		if len(values) == 0 {
			return nil, "metric " + strconv.Quote(name) + " is an empty array"
		}
		return values, ""
	default:
		return nil, "metric " + strconv.Quote(name) + " targets " + kindName(k) + ", not a number or an array of numbers"
	}
}
