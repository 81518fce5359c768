package metrics

import (
	"sort"
	"strconv"
	"strings"

	"github.com/watchsim/watchsim/bus"
)

// Metrics Insights queries in GetMetricData ([UG:cloudwatch-metrics-insights-querylanguage],
// [UG:cloudwatch-metrics-insights-inference], [UG:cloudwatch-metrics-insights-limits]):
//
//	SELECT FUNCTION(metricName) FROM namespace | SCHEMA(namespace [, labelKey …])
//	[ WHERE labelKey = 'value' | labelKey != 'value' [ AND … ] ]
//	[ GROUP BY labelKey [, …] ]
//	[ ORDER BY FUNCTION() [ ASC | DESC ] ]
//	[ LIMIT n ]
//
// Keywords are case-insensitive, identifiers case-sensitive; identifiers that are not letters,
// digits and underscores are double-quoted, label values single-quoted. FUNCTION is AVG, COUNT,
// MAX, MIN or SUM, applied per period bucket to every observation of the matching metrics (per
// group). SCHEMA keeps only metrics whose dimension names are exactly the listed keys (none when
// only the namespace is given). ORDER BY sorts the groups by FUNCTION over each group's whole
// window (default ASC, as in SQL). At most 500 series are returned. Sub-minute data is aggregated
// at one minute. Metrics lacking a GROUP BY key are left out (AWS does not document them). Other
// operators (LIKE, IN, OR, …) are refused as not simulated.

const maxInsightsSeries = 500

type insightsCond struct {
	key, value string
	neg        bool
}

type insightsQuery struct {
	fn         string // AVG COUNT MAX MIN SUM
	metric     string
	namespace  string
	schema     bool
	schemaKeys []string
	where      []insightsCond
	groupBy    []string
	orderFn    string
	desc       bool
	limit      int
}

type itok struct {
	kind byte // 'w' word, 'q' double-quoted, 's' single-quoted, 'n' number, 'p' punctuation, 0 end
	text string
}

func lexInsights(src string) ([]itok, error) {
	var out []itok
	i := 0
	for i < len(src) {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '"' || c == '\'':
			text, end, ok := scanQuoted(src, i)
			if !ok {
				return nil, insightsErr("unterminated quoted string")
			}
			kind := byte('q')
			if c == '\'' {
				kind = 's'
			}
			out = append(out, itok{kind, text})
			i = end
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9':
			j := i
			for j < len(src) && (src[j] == '_' || src[j] >= 'a' && src[j] <= 'z' || src[j] >= 'A' && src[j] <= 'Z' || src[j] >= '0' && src[j] <= '9') {
				j++
			}
			kind := byte('w')
			if c >= '0' && c <= '9' {
				kind = 'n'
			}
			out = append(out, itok{kind, src[i:j]})
			i = j
		case c == '!' && i+1 < len(src) && src[i+1] == '=':
			out = append(out, itok{'p', "!="})
			i += 2
		case c == '<' && i+1 < len(src) && src[i+1] == '>':
			out = append(out, itok{'p', "!="})
			i += 2
		case strings.IndexByte("(),=<>", c) >= 0:
			out = append(out, itok{'p', string(c)})
			i++
		default:
			return nil, insightsErr("unexpected character " + strconv.QuoteRune(rune(c)))
		}
	}
	return append(out, itok{}), nil
}

func insightsErr(msg string) error {
	return validationError("Error in Metrics Insights query: " + msg + ".")
}

type iparser struct {
	t []itok
	i int
}

func (p *iparser) peek() itok { return p.t[p.i] }
func (p *iparser) next() itok { x := p.t[p.i]; p.i++; return x }
func (p *iparser) kw(w string) bool {
	if t := p.peek(); t.kind == 'w' && strings.EqualFold(t.text, w) {
		p.i++
		return true
	}
	return false
}
func (p *iparser) punct(s string) bool {
	if t := p.peek(); t.kind == 'p' && t.text == s {
		p.i++
		return true
	}
	return false
}
func (p *iparser) ident() (string, bool) {
	t := p.peek()
	if (t.kind == 'w' || t.kind == 'q') && t.text != "" {
		p.i++
		return t.text, true
	}
	return "", false
}

func insightsFunc(fn string) bool {
	switch fn {
	case "AVG", "COUNT", "MAX", "MIN", "SUM":
		return true
	}
	return false
}

func (p *iparser) function() (string, error) {
	t := p.next()
	fn := strings.ToUpper(t.text)
	if t.kind != 'w' || !insightsFunc(fn) {
		return "", insightsErr("the function must be AVG, COUNT, MAX, MIN or SUM")
	}
	return fn, nil
}

// parseInsights parses a Metrics Insights query.
func parseInsights(src string) (*insightsQuery, error) {
	toks, err := lexInsights(src)
	if err != nil {
		return nil, err
	}
	p := &iparser{t: toks}
	q := &insightsQuery{}
	if !p.kw("SELECT") {
		return nil, insightsErr("the query must start with SELECT")
	}
	if q.fn, err = p.function(); err != nil {
		return nil, err
	}
	var ok bool
	if !p.punct("(") {
		return nil, insightsErr("expected ( after " + q.fn)
	}
	if q.metric, ok = p.ident(); !ok || !p.punct(")") {
		return nil, insightsErr("expected FUNCTION(metricName)")
	}
	if !p.kw("FROM") {
		return nil, insightsErr("expected FROM")
	}
	if p.kw("SCHEMA") {
		q.schema = true
		if !p.punct("(") {
			return nil, insightsErr("expected ( after SCHEMA")
		}
		if q.namespace, ok = p.ident(); !ok {
			return nil, insightsErr("SCHEMA needs the namespace as its first argument")
		}
		for p.punct(",") {
			k, ok := p.ident()
			if !ok {
				return nil, insightsErr("expected a label key in SCHEMA")
			}
			q.schemaKeys = append(q.schemaKeys, k)
		}
		if !p.punct(")") {
			return nil, insightsErr("expected ) after SCHEMA arguments")
		}
	} else if q.namespace, ok = p.ident(); !ok {
		return nil, insightsErr("expected a namespace or SCHEMA(...) after FROM")
	}
	if p.kw("WHERE") {
		for {
			k, ok := p.ident()
			if !ok {
				return nil, insightsErr("expected a label key in WHERE")
			}
			var c insightsCond
			c.key = k
			switch {
			case p.punct("="):
			case p.punct("!="):
				c.neg = true
			default:
				t := p.peek()
				if t.kind == 'w' || t.kind == 'p' {
					return nil, bus.NotSimulated("monitoring", "Metrics Insights WHERE operator "+strings.ToUpper(t.text))
				}
				return nil, insightsErr("expected = or != in WHERE")
			}
			v := p.next()
			if v.kind != 's' && v.kind != 'n' {
				return nil, insightsErr("label values must be in single quotes")
			}
			c.value = v.text
			q.where = append(q.where, c)
			if p.kw("AND") {
				continue
			}
			if t := p.peek(); t.kind == 'w' && strings.EqualFold(t.text, "OR") {
				return nil, bus.NotSimulated("monitoring", "Metrics Insights WHERE with OR")
			}
			break
		}
	}
	if p.kw("GROUP") {
		if !p.kw("BY") {
			return nil, insightsErr("expected GROUP BY")
		}
		for {
			k, ok := p.ident()
			if !ok {
				return nil, insightsErr("expected a label key in GROUP BY")
			}
			q.groupBy = append(q.groupBy, k)
			if !p.punct(",") {
				break
			}
		}
	}
	if p.kw("ORDER") {
		if !p.kw("BY") {
			return nil, insightsErr("expected ORDER BY")
		}
		if q.orderFn, err = p.function(); err != nil {
			return nil, err
		}
		if !p.punct("(") || !p.punct(")") {
			return nil, insightsErr("expected FUNCTION() in ORDER BY")
		}
		if p.kw("DESC") {
			q.desc = true
		} else {
			p.kw("ASC")
		}
	}
	if p.kw("LIMIT") {
		t := p.next()
		n, err := strconv.Atoi(t.text)
		if t.kind != 'n' || err != nil || n < 1 {
			return nil, insightsErr("LIMIT takes a positive integer")
		}
		q.limit = n
	}
	if t := p.peek(); t.kind != 0 {
		return nil, insightsErr("unexpected " + strconv.Quote(t.text))
	}
	return q, nil
}

func dimValue(dims []Dimension, key string) (string, bool) {
	for _, d := range dims {
		if d.Name == key {
			return d.Value, true
		}
	}
	return "", false
}

func (q *insightsQuery) matches(m *metricEntry) bool {
	if m.metric.Namespace != q.namespace || m.metric.MetricName != q.metric {
		return false
	}
	dims := m.metric.Dimensions
	if q.schema {
		if len(dims) != len(q.schemaKeys) {
			return false
		}
		for _, k := range q.schemaKeys {
			if _, ok := dimValue(dims, k); !ok {
				return false
			}
		}
	}
	for _, c := range q.where {
		v, ok := dimValue(dims, c.key)
		if c.neg == (ok && v == c.value) {
			return false
		}
	}
	for _, k := range q.groupBy {
		if _, ok := dimValue(dims, k); !ok {
			return false
		}
	}
	return true
}

func insightsValue(fn string, b *Accumulator) float64 {
	switch fn {
	case "AVG":
		return b.Sum / b.SampleCount
	case "COUNT":
		return b.SampleCount
	case "MAX":
		return b.Maximum
	case "MIN":
		return b.Minimum
	}
	return b.Sum
}

// insightsSeries evaluates the query over [start, end) with period p (at least 60 s).
func (r *run) insightsSeries(q *insightsQuery, start, end, p int64) MathValue {
	if p < 60 {
		p = 60
	}
	br := bucketRange{start: start, end: end, period: p}
	n := br.count()
	type group struct {
		label   string
		buckets []Accumulator
	}
	groups := map[string]*group{}
	var order []string
	for _, m := range r.s.store.metrics() {
		if !q.matches(m) {
			continue
		}
		var parts []string
		for _, k := range q.groupBy {
			v, _ := dimValue(m.metric.Dimensions, k)
			parts = append(parts, v)
		}
		key := strings.Join(parts, "\x00")
		g := groups[key]
		if g == nil {
			g = &group{label: strings.Join(parts, " "), buckets: make([]Accumulator, n)}
			groups[key] = g
			order = append(order, key)
		}
		tmp := make([]Accumulator, n)
		for _, u := range m.units {
			clear(tmp)
			u.collect(br, tmp, false, &r.s.scratch)
			for i := range tmp {
				g.buckets[i].Merge(&tmp[i])
			}
		}
	}
	var out []*Series
	var keys []float64
	for _, k := range order {
		g := groups[k]
		s := &Series{Label: g.label, Period: p}
		var whole Accumulator
		for i := range g.buckets {
			b := &g.buckets[i]
			if b.SampleCount == 0 {
				continue
			}
			s.Times = append(s.Times, start+int64(i)*p)
			s.Values = append(s.Values, insightsValue(q.fn, b))
			whole.Merge(b)
		}
		if len(s.Times) == 0 {
			continue
		}
		out = append(out, s)
		if q.orderFn != "" {
			keys = append(keys, insightsValue(q.orderFn, &whole))
		}
	}
	if q.orderFn != "" {
		idx := make([]int, len(out))
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(a, b int) bool {
			if q.desc {
				return keys[idx[a]] > keys[idx[b]]
			}
			return keys[idx[a]] < keys[idx[b]]
		})
		sorted := make([]*Series, len(out))
		for i, j := range idx {
			sorted[i] = out[j]
		}
		out = sorted
	}
	limit := maxInsightsSeries
	if q.limit > 0 && q.limit < limit {
		limit = q.limit
	}
	if len(out) > limit {
		out = out[:limit]
	}
	if len(q.groupBy) == 0 {
		if len(out) == 0 {
			return SeriesValue(&Series{Period: p})
		}
		return SeriesValue(out[0])
	}
	return ArrayValue(out)
}
