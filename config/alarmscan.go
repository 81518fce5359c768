package config

import (
	"bytes"
	"strconv"
	"time"
	"unicode/utf8"
	"unsafe"

	"github.com/watchsim/watchsim/internal/jsonscan"
)

// A one-pass reader of the alarm configuration the alarms service publishes, for the managed
// rules that evaluate every alarm change: it fills the alarm document without encoding/json's
// reflection, reading only the members the document keeps and skipping the others. Any input it
// does not expect makes it give up, and alarmDocument falls back to encoding/json, so the two
// always agree (TestAlarmScanAgrees).

type alarmScanner struct {
	s   []byte
	i   int
	bad bool
}

func (p *alarmScanner) space() { p.i = jsonscan.SkipSpace(p.s, p.i) }

func (p *alarmScanner) peek() byte {
	p.space()
	if p.i >= len(p.s) {
		p.bad = true
		return 0
	}
	return p.s[p.i]
}

func (p *alarmScanner) expect(c byte) {
	if p.peek() != c {
		p.bad = true
		return
	}
	p.i++
}

// str reads a string (or null, as ""). An unescaped string shares the input's bytes (see
// scanAlarm); an escaped one, the buffer key unescaped it into.
func (p *alarmScanner) str() string {
	switch p.peek() {
	case 'n':
		p.literal()
		return ""
	case '"':
	default:
		p.bad = true
		return ""
	}
	b := p.key()
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

func (p *alarmScanner) literal() jsonscan.Kind {
	k, end := jsonscan.Literal(p.s, p.i)
	if k == jsonscan.KindNone {
		p.bad = true
		return k
	}
	p.i = end
	return k
}

func (p *alarmScanner) boolean() bool { return p.literal() == jsonscan.KindTrue }

// number reads a number; null gives ok=false.
func (p *alarmScanner) number() (float64, bool) {
	if p.peek() == 'n' {
		p.literal()
		return 0, false
	}
	n := jsonscan.Number(p.s[p.i:])
	if n == 0 {
		p.bad = true
		return 0, false
	}
	f, err := strconv.ParseFloat(string(p.s[p.i:p.i+n]), 64)
	if err != nil {
		p.bad = true
	}
	p.i += n
	return f, true
}

// each calls fn for each element of an array (or nothing for null).
func (p *alarmScanner) each(fn func()) {
	if p.peek() == 'n' {
		p.literal()
		return
	}
	p.expect('[')
	if p.peek() == ']' {
		p.i++
		return
	}
	for !p.bad {
		fn()
		switch p.peek() {
		case ',':
			p.i++
		case ']':
			p.i++
			return
		default:
			p.bad = true
		}
	}
}

// key reads a member name without allocating when it has no escapes.
func (p *alarmScanner) key() []byte {
	if p.peek() != '"' {
		p.bad = true
		return nil
	}
	end, escaped, f := jsonscan.String(p.s, p.i)
	if f != jsonscan.NoFault {
		p.bad = true
		return nil
	}
	raw := p.s[p.i+1 : end-1]
	body := p.s[p.i+1 : end]
	p.i = end
	if !utf8.Valid(raw) {
		p.bad = true
		return nil
	}
	if !escaped {
		return raw
	}
	out, _, f := jsonscan.AppendUnescaped(nil, body)
	if f != jsonscan.NoFault {
		p.bad = true
	}
	return out
}

// members calls fn with each member name of an object, positioned at its value.
func (p *alarmScanner) members(fn func(name []byte)) {
	p.expect('{')
	if p.peek() == '}' {
		p.i++
		return
	}
	for !p.bad {
		name := p.key()
		p.expect(':')
		if p.bad {
			return
		}
		fn(name)
		switch p.peek() {
		case ',':
			p.i++
		case '}':
			p.i++
			return
		default:
			p.bad = true
		}
	}
}

func (p *alarmScanner) skip() {
	p.space()
	end, f := jsonscan.Validate(p.s, p.i, 0, 10000)
	if f != jsonscan.NoFault {
		p.bad = true
		return
	}
	p.i = end
}

func (p *alarmScanner) strings() []string {
	out := []string{}
	p.each(func() { out = append(out, p.str()) })
	return out
}

// scanAlarm reads the published alarm into its document; ok is false when the input is not what
// the scanner expects. The document's strings without escapes share raw's bytes rather than copy
// them, so raw must never be written again: it is a configuration state's published JSON
// (docState.src), which is not.
func scanAlarm(raw []byte) (d *AlarmDocument, ok bool) {
	p := &alarmScanner{s: raw}
	d = &AlarmDocument{OKActions: []string{}, AlarmActions: []string{}, InsufficientDataActions: []string{}}
	var seen uint32
	p.members(func(name []byte) {
		// encoding/json matches member names case-insensitively and lets a null keep an earlier
		// value: leave duplicates and case variants to it.
		k, exact := foldedAlarmKey(name)
		if k >= 0 && (!exact || seen&(1<<k) != 0) {
			p.bad = true
			return
		}
		if k >= 0 {
			seen |= 1 << k
		}
		switch string(name) {
		case "AlarmName":
			d.AlarmName = p.str()
		case "AlarmArn":
			d.AlarmArn = p.str()
		case "AlarmDescription":
			d.AlarmDescription = p.str()
		case "AlarmConfigurationUpdatedTimestamp":
			if p.peek() != '"' {
				p.str() // null, or a refusal
				return
			}
			end, _, f := jsonscan.String(p.s, p.i)
			var t time.Time
			if f != jsonscan.NoFault || t.UnmarshalJSON(p.s[p.i:end]) != nil {
				p.bad = true
				return
			}
			p.i = end
			if !t.IsZero() {
				d.AlarmConfigurationUpdatedTimestamp = t.UnixMilli()
			}
		case "ActionsEnabled":
			d.ActionsEnabled = p.boolean()
		case "OKActions":
			d.OKActions = p.strings()
		case "AlarmActions":
			d.AlarmActions = p.strings()
		case "InsufficientDataActions":
			d.InsufficientDataActions = p.strings()
		case "MetricName":
			d.MetricName = p.str()
		case "Namespace":
			d.Namespace = p.str()
		case "Statistic":
			d.Statistic = p.str()
		case "ExtendedStatistic":
			d.ExtendedStatistic = p.str()
		case "Unit":
			d.Unit = p.str()
		case "ComparisonOperator":
			d.ComparisonOperator = p.str()
		case "TreatMissingData":
			d.TreatMissingData = p.str()
		case "EvaluateLowSampleCountPercentile":
			d.EvaluateLowSampleCountPercentile = p.str()
		case "ThresholdMetricId":
			d.ThresholdMetricID = p.str()
		case "Period", "EvaluationPeriods", "DatapointsToAlarm":
			if p.peek() == 'n' {
				p.literal()
				return
			}
			l := jsonscan.Number(p.s[p.i:])
			v, err := strconv.ParseInt(string(p.s[p.i:p.i+l]), 10, 32)
			if l == 0 || err != nil {
				p.bad = true
				return
			}
			p.i += l
			n := int32(v)
			switch string(name) {
			case "Period":
				d.Period = n
			case "EvaluationPeriods":
				d.EvaluationPeriods = n
			default:
				d.DatapointsToAlarm = &n
			}
		case "Threshold":
			if f, ok := p.number(); ok {
				d.Threshold = &f
			}
		case "Dimensions":
			p.each(func() {
				var dm docDimension
				var dseen int
				p.members(func(k []byte) {
					if bytes.EqualFold(k, []byte("Name")) || bytes.EqualFold(k, []byte("Value")) {
						if (string(k) != "Name" && string(k) != "Value") || dseen&(1<<len(k)) != 0 {
							p.bad = true
							return
						}
						dseen |= 1 << len(k)
					}
					switch string(k) {
					case "Name":
						dm.Name = p.str()
					case "Value":
						dm.Value = p.str()
					default:
						p.skip()
					}
				})
				d.Dimensions = append(d.Dimensions, dm)
			})
		default:
			p.skip()
		}
	})
	p.space()
	if p.bad || p.i != len(raw) {
		return nil, false
	}
	return d, true
}

// alarmKeys are the members scanAlarm reads (at most 32), indexed by the alarmField constants
// (alarmdirect.go): a member without its constant, or a constant without its member, fails to
// compile or leaves an empty key the tests see.
var alarmKeys = [afCount]string{afName: "AlarmName", afArn: "AlarmArn", afDescription: "AlarmDescription",
	afUpdated: "AlarmConfigurationUpdatedTimestamp", afEnabled: "ActionsEnabled", afOK: "OKActions", afAlarm: "AlarmActions",
	afInsufficient: "InsufficientDataActions", afMetric: "MetricName", afNamespace: "Namespace", afStatistic: "Statistic",
	afExtended: "ExtendedStatistic", afUnit: "Unit", afComparison: "ComparisonOperator", afTreat: "TreatMissingData",
	afLowSample: "EvaluateLowSampleCountPercentile", afThresholdMetric: "ThresholdMetricId", afPeriod: "Period",
	afEvalPeriods: "EvaluationPeriods", afDatapoints: "DatapointsToAlarm", afThreshold: "Threshold", afDimensions: "Dimensions",
	afMetrics: "Metrics"}

// foldedAlarmKey returns the index of the key equal to name without regard to case (-1 for
// none), and whether it is equal exactly.
func foldedAlarmKey(name []byte) (int, bool) {
	for i, k := range alarmKeys { // exact matches first: the common case
		if k == string(name) {
			return i, true
		}
	}
	for i, k := range alarmKeys {
		if bytes.EqualFold([]byte(k), name) {
			return i, false
		}
	}
	return -1, false
}
