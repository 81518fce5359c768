package insights

import (
	"strconv"
	"strings"

	"github.com/watchsim/watchsim/internal/jsonscan"
)

// MaxDiscoveredFields is how many fields Logs Insights extracts from one JSON log event; the
// rest can be read with parse
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_AnalyzeLogData-discoverable-fields.html).
const MaxDiscoveredFields = 200

// maxJSONDepth is the nesting a JSON event may have and still be read (CloudWatch Logs' limit,
// as in package filterpattern).
const maxJSONDepth = 10_000

// jsonObjectStart returns the index of the '{' that starts msg when msg is a JSON object
// (leading white space allowed), or -1.
func jsonObjectStart(msg string) int {
	i := jsonscan.SkipSpace(msg, 0)
	if i < len(msg) && msg[i] == '{' {
		return i
	}
	return -1
}

// validJSONObject reports whether msg is exactly one JSON object (white space around it
// allowed) and returns where it starts.
func validJSONObject(msg string) (int, bool) {
	i := jsonObjectStart(msg)
	if i < 0 {
		return 0, false
	}
	end, f := jsonscan.Validate(msg, i, 0, maxJSONDepth)
	if f != jsonscan.NoFault || jsonscan.SkipSpace(msg, end) != len(msg) {
		return 0, false
	}
	return i, true
}

// flattener walks a validated JSON document and reports its leaves with dotted paths: objects
// add ".name", arrays ".index" (requestParameters.items.0.instanceId). Strings are leaves with
// their decoded text (a JSON-encoded string stays one leaf), numbers keep the text the log
// wrote, true and false are the strings "true" and "false"; null, {} and [] give no field
// ([derived]). At most limit leaves are reported, in document order.
type flattener struct {
	msg   string
	path  []byte
	count int
	limit int
	emit  func(path []byte, v value)
	buf   []byte
}

// walk reports the leaves of the validated value at msg[i] and returns the index after it.
func (f *flattener) walk(i int) int {
	s := f.msg
	i = jsonscan.SkipSpace(s, i)
	if f.count >= f.limit {
		end, _ := jsonscan.Skip(s, i)
		return end
	}
	switch s[i] {
	case '{':
		base := len(f.path)
		i = jsonscan.SkipSpace(s, i+1)
		if s[i] == '}' {
			return i + 1
		}
		for {
			i = jsonscan.SkipSpace(s, i)
			var key string
			key, i = f.str(i)
			f.path = f.path[:base]
			if base > 0 {
				f.path = append(f.path, '.')
			} else if strings.HasPrefix(key, "@") {
				// a log field whose name starts with @ is shown with a second @ (@@example.com)
				f.path = append(f.path, '@')
			}
			f.path = append(f.path, key...)
			i = jsonscan.SkipSpace(s, i)
			i = f.walk(i + 1) // past ':'
			i = jsonscan.SkipSpace(s, i)
			if s[i] == '}' {
				f.path = f.path[:base]
				return i + 1
			}
			i++ // ','
		}
	case '[':
		base := len(f.path)
		i = jsonscan.SkipSpace(s, i+1)
		if s[i] == ']' {
			return i + 1
		}
		for n := 0; ; n++ {
			f.path = f.path[:base]
			if base > 0 {
				f.path = append(f.path, '.')
			}
			f.path = strconv.AppendInt(f.path, int64(n), 10)
			i = f.walk(i)
			i = jsonscan.SkipSpace(s, i)
			if s[i] == ']' {
				f.path = f.path[:base]
				return i + 1
			}
			i++
		}
	case '"':
		v, end := f.str(i)
		f.leaf(str(v))
		return end
	case 't':
		f.leaf(str("true"))
		return i + 4
	case 'f':
		f.leaf(str("false"))
		return i + 5
	case 'n':
		return i + 4
	}
	n := jsonscan.Number(s[i:])
	raw := s[i : i+n]
	v, _ := strconv.ParseFloat(raw, 64)
	f.leaf(value{k: kNum, s: raw, f: v})
	return i + n
}

func (f *flattener) leaf(v value) {
	if f.count >= f.limit || len(f.path) == 0 {
		return
	}
	f.count++
	f.emit(f.path, v)
}

// str decodes the validated string at msg[i] and returns it with the index after it; a string
// without escapes is a substring of the message.
func (f *flattener) str(i int) (string, int) {
	end, escaped, _ := jsonscan.String(f.msg, i)
	if !escaped {
		return f.msg[i+1 : end-1], end
	}
	f.buf, _, _ = jsonscan.AppendUnescaped(f.buf[:0], f.msg[i+1:])
	return string(f.buf), end
}

// DiscoverFields returns the field names Logs Insights would discover in one event, as
// GetLogGroupFields counts them: the system fields @ingestionTime, @log, @logStream, @message
// and @timestamp, then, when the message is a JSON object, its leaves flattened with dots and
// array indexes (at most [MaxDiscoveredFields] of them, in document order; a name that
// repeats is reported once). @log and @logStream are left out when empty.
func DiscoverFields(e Event) []string {
	names := []string{"@ingestionTime"}
	if e.Log != "" {
		names = append(names, "@log")
	}
	if e.LogStream != "" {
		names = append(names, "@logStream")
	}
	names = append(names, "@message", "@timestamp")
	start, ok := validJSONObject(e.Message)
	if !ok {
		return names
	}
	seen := make(map[string]bool)
	fl := flattener{msg: e.Message, limit: MaxDiscoveredFields, emit: func(path []byte, _ value) {
		if !seen[string(path)] {
			seen[string(path)] = true
			names = append(names, string(path))
		}
	}}
	fl.walk(start)
	return names
}

// ---- jsonParse and friends ----

// jsonFunc returns the JSON function named lower, or nil
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-operations-functions.html).
func jsonFunc(lower string) *funcSpec {
	switch lower {
	case "jsonparse":
		return fn("jsonParse", 1, 1, func(c *runCtx, r *record, e *call) value {
			s, ok := e.args[0].eval(c, r).text()
			if !ok {
				return null()
			}
			return jsonParse(s)
		})
	case "jsonstringify":
		return fn("jsonStringify", 1, 1, func(c *runCtx, r *record, e *call) value {
			v := e.args[0].eval(c, r)
			if !v.isStructure() {
				return null()
			}
			return str(jsonStringify(v))
		})
	case "jsonarraysize":
		return fn("jsonArraySize", 1, 1, func(c *runCtx, r *record, e *call) value {
			v := e.args[0].eval(c, r)
			if v.k != kList {
				return null()
			}
			return num(float64(len(v.x.([]value))))
		})
	case "jsonarraycontains":
		return fn("jsonArrayContains", 2, 2, func(c *runCtx, r *record, e *call) value {
			v := e.args[0].eval(c, r)
			want := e.args[1].eval(c, r)
			if v.k != kList || want.isNull() {
				return boolVal(false)
			}
			for _, m := range v.x.([]value) {
				if equalValues(m, want) {
					return boolVal(true)
				}
			}
			return boolVal(false)
		})
	}
	return nil
}

// jsonParse turns JSON text into a map or a list; text that is not a JSON object or array
// gives an empty map (the documentation: "empty if not JSON").
func jsonParse(s string) value {
	i := jsonscan.SkipSpace(s, 0)
	if i < len(s) && (s[i] == '{' || s[i] == '[') {
		end, f := jsonscan.Validate(s, i, 0, maxJSONDepth)
		if f == jsonscan.NoFault && jsonscan.SkipSpace(s, end) == len(s) {
			v, _ := buildJSON(s, i)
			return v
		}
	}
	return mapVal(&jsonMap{m: map[string]value{}})
}

// buildJSON builds the value of the validated JSON at s[i].
func buildJSON(s string, i int) (value, int) {
	i = jsonscan.SkipSpace(s, i)
	switch s[i] {
	case '{':
		m := &jsonMap{m: map[string]value{}}
		i = jsonscan.SkipSpace(s, i+1)
		if s[i] == '}' {
			return mapVal(m), i + 1
		}
		for {
			i = jsonscan.SkipSpace(s, i)
			var key string
			key, i = decodeString(s, i)
			i = jsonscan.SkipSpace(s, i)
			var v value
			v, i = buildJSON(s, i+1)
			if _, dup := m.m[key]; !dup {
				m.keys = append(m.keys, key)
			}
			m.m[key] = v
			i = jsonscan.SkipSpace(s, i)
			if s[i] == '}' {
				return mapVal(m), i + 1
			}
			i++
		}
	case '[':
		var l []value
		i = jsonscan.SkipSpace(s, i+1)
		if s[i] == ']' {
			return listVal([]value{}), i + 1
		}
		for {
			var v value
			v, i = buildJSON(s, i)
			l = append(l, v)
			i = jsonscan.SkipSpace(s, i)
			if s[i] == ']' {
				return listVal(l), i + 1
			}
			i++
		}
	case '"':
		t, end := decodeString(s, i)
		return str(t), end
	case 't':
		return boolVal(true), i + 4
	case 'f':
		return boolVal(false), i + 5
	case 'n':
		return null(), i + 4
	}
	n := jsonscan.Number(s[i:])
	f, _ := strconv.ParseFloat(s[i:i+n], 64)
	return value{k: kNum, s: s[i : i+n], f: f}, i + n
}

func decodeString(s string, i int) (string, int) {
	end, escaped, _ := jsonscan.String(s, i)
	if !escaped {
		return s[i+1 : end-1], end
	}
	b, _, _ := jsonscan.AppendUnescaped(nil, s[i+1:])
	return string(b), end
}

// jsonStringify writes a value as JSON: map members in document order, numbers as written or
// computed, absent values as null.
func jsonStringify(v value) string {
	var b []byte
	return string(appendJSON(b, v))
}

func appendJSON(b []byte, v value) []byte {
	switch v.k {
	case kMap:
		m := v.x.(*jsonMap)
		b = append(b, '{')
		for i, k := range m.keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = jsonscan.AppendString(b, k)
			b = append(b, ':')
			b = appendJSON(b, m.m[k])
		}
		return append(b, '}')
	case kList:
		b = append(b, '[')
		for i, e := range v.x.([]value) {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSON(b, e)
		}
		return append(b, ']')
	case kNull:
		return append(b, "null"...)
	case kNum, kBool:
		t, _ := v.text()
		return append(b, t...)
	}
	t, _ := v.text()
	return jsonscan.AppendString(b, t)
}
