package insights

import (
	"cmp"
	"iter"
	"slices"
	"strings"

	"github.com/watchsim/watchsim/internal/awserr"
)

// Event is one log event as a query reads it. The service supplies it; the engine does not keep
// it after [Query.Run] returns.
type Event struct {
	// Timestamp is the event time in epoch milliseconds (@timestamp).
	Timestamp int64
	// IngestionTime is when CloudWatch Logs received the event, in epoch milliseconds
	// (@ingestionTime).
	IngestionTime int64
	// Message is the raw event text (@message).
	Message string
	// LogStream is the log stream's name (@logStream).
	LogStream string
	// Log is "<account-id>:<log-group-name>" (@log).
	Log string
	// Ptr is the opaque pointer GetLogRecord reads (@ptr); the service makes it.
	Ptr string
}

// Window is what StartQuery adds to a query: the time range, the row limit and the time the
// query started.
type Window struct {
	// Start and End bound @timestamp, in epoch milliseconds, both inclusive (StartQuery's
	// startTime and endTime are epoch seconds: pass startTime×1000 and endTime×1000+999).
	Start, End int64
	// Limit is StartQuery's limit: at most this many rows (1–[MaxLimit]); 0 means
	// [DefaultLimit]. A limit command lowers it further, never raises it.
	Limit int
	// Now is when the query started, in epoch milliseconds (now() reads it, in seconds).
	Now int64
}

// ResultField is one field of a result row, as GetQueryResults returns it.
type ResultField struct {
	Field string `json:"field"`
	Value string `json:"value"`
}

// Statistics are a query's QueryStatistics.
type Statistics struct {
	// RecordsMatched counts the events that passed every filter before the first stats, sort,
	// limit or dedup (all events in the window when there is no filter).
	RecordsMatched float64 `json:"recordsMatched"`
	// RecordsScanned counts the events in the window.
	RecordsScanned float64 `json:"recordsScanned"`
	// BytesScanned adds, for every scanned event, the bytes of @message, @logStream and @log plus
	// one ([derived]: AWS does not document the measure; this reproduces the one recorded
	// example, 141 bytes for three 16-byte messages).
	BytesScanned float64 `json:"bytesScanned"`
}

// Result is a finished query's rows and statistics.
type Result struct {
	// Rows holds the rows in result order; each row holds the query's columns in order,
	// leaving out fields the row does not have, with @ptr last for rows that are events.
	Rows [][]ResultField `json:"results"`
	// Statistics are the query's statistics.
	Statistics Statistics `json:"statistics"`
}

// record is one row while a query runs: an event (nil after stats) and the fields the query
// defined.
type record struct {
	ev     *Event
	evv    Event
	vals   []value
	loaded bool
}

// runCtx is the working state of one Run.
type runCtx struct {
	q      *Query
	w      Window
	group  *group
	stats  *statsStage
	empty  *record
	fl     flattener
	cur    *record
	keyBuf []byte
	free   []*record
}

func newRunCtx(q *Query, w Window) *runCtx {
	c := &runCtx{q: q, w: w, empty: &record{vals: make([]value, q.nslots), loaded: true}}
	c.fl = flattener{limit: MaxDiscoveredFields, emit: func(path []byte, v value) {
		if slot, ok := c.q.disc[string(path)]; ok {
			c.cur.vals[slot] = v
		}
	}}
	return c
}

// loadDiscovered fills r's discovered-field slots from its JSON message.
func (c *runCtx) loadDiscovered(r *record) {
	r.loaded = true
	if r.ev == nil {
		return
	}
	start, ok := validJSONObject(r.ev.Message)
	if !ok {
		return
	}
	c.cur = r
	c.fl.msg, c.fl.count, c.fl.path = r.ev.Message, 0, c.fl.path[:0]
	c.fl.walk(start)
	c.cur = nil
}

// Run executes the query over events restricted to the window; events may come in any order.
// It returns an InvalidParameterException error for a limit outside 0–[MaxLimit] and does not
// otherwise fail.
func (q *Query) Run(events iter.Seq[Event], w Window) (*Result, error) {
	if w.Limit < 0 || w.Limit > MaxLimit {
		return nil, awserr.ClientErrorf("InvalidParameterException", "limit must be between 1 and %d", MaxLimit)
	}
	c := newRunCtx(q, w)
	first := 0
	for first < len(q.stages) && isStreaming(q.stages[first]) {
		first++
	}
	stream, rest := q.stages[:first], q.stages[first:]
	var res Result
	rec := &record{vals: make([]value, q.nslots)}
	rec.ev = &rec.evv

	var rows []*record
	var sr *statsRun
	var coll *collector
	if len(rest) > 0 {
		if st, ok := rest[0].(*statsStage); ok {
			sr = c.newStatsRun(st)
			rest = rest[1:]
		}
	}
	if sr == nil {
		coll = c.newCollector(rest, rowCap(w))
	}
	for ev := range events {
		if ev.Timestamp < w.Start || ev.Timestamp > w.End {
			continue
		}
		res.Statistics.RecordsScanned++
		res.Statistics.BytesScanned += float64(len(ev.Message) + len(ev.LogStream) + len(ev.Log) + 1)
		rec.evv = ev
		clear(rec.vals)
		rec.loaded = len(q.discAll) == 0
		if !c.runStream(stream, rec) {
			continue
		}
		res.Statistics.RecordsMatched++
		if sr != nil {
			sr.add(rec)
		} else {
			coll.add(rec)
		}
	}
	rec.evv = Event{}
	if sr != nil {
		rows = sr.finish()
	} else {
		rows = coll.finish()
	}
	rows = c.runRest(rest, rows)
	if limit := rowCap(w); len(rows) > limit {
		rows = rows[:limit]
	}
	res.Rows = make([][]ResultField, len(rows))
	for i, r := range rows {
		res.Rows[i] = c.render(r)
	}
	return &res, nil
}

// rowCap is the most rows a query returns.
func rowCap(w Window) int {
	if w.Limit > 0 {
		return w.Limit
	}
	return DefaultLimit
}

func isStreaming(s stage) bool {
	switch s.(type) {
	case *fieldsStage, *filterStage, *parseStage:
		return true
	}
	return false
}

// runStream applies fields, filter and parse commands to r; false means a filter dropped it.
func (c *runCtx) runStream(stages []stage, r *record) bool {
	for _, s := range stages {
		switch st := s.(type) {
		case *filterStage:
			if !st.e.eval(c, r).truthy() {
				return false
			}
		case *fieldsStage:
			for _, it := range st.items {
				r.vals[it.slot] = it.e.eval(c, r)
			}
		case *parseStage:
			c.runParse(st, r)
		}
	}
	return true
}

// runParse sets the parse command's fields, or leaves them absent when the pattern does not
// match (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-Parse.html).
func (c *runCtx) runParse(st *parseStage, r *record) {
	for _, s := range st.slots {
		r.vals[s] = null()
	}
	s, ok := st.src.eval(c, r).text()
	if !ok {
		return
	}
	if st.re != nil {
		m := st.re.FindStringSubmatchIndex(s)
		if m == nil {
			return
		}
		for i, g := range st.groups {
			if m[2*g] >= 0 {
				r.vals[st.slots[i]] = str(s[m[2*g]:m[2*g+1]])
			}
		}
		return
	}
	globMatch(s, st.lits, func(i int, v string) { r.vals[st.slots[i]] = str(v) })
}

// globMatch matches a parse glob: the literal parts must occur in order, the first anywhere; each
// '*' captures the shortest text up to the next literal part, and a final '*' captures the rest
// of the value. It calls set for every capture only when the whole pattern matches.
func globMatch(s string, lits []string, set func(i int, v string)) bool {
	pos := 0
	if lits[0] != "" {
		k := strings.Index(s, lits[0])
		if k < 0 {
			return false
		}
		pos = k + len(lits[0])
	}
	var caps [16]string
	out := caps[:0]
	for i := 1; i < len(lits); i++ {
		lit := lits[i]
		if lit == "" {
			if i == len(lits)-1 {
				out = append(out, s[pos:])
				pos = len(s)
			} else {
				out = append(out, "")
			}
			continue
		}
		k := strings.Index(s[pos:], lit)
		if k < 0 {
			return false
		}
		out = append(out, s[pos:pos+k])
		pos += k + len(lit)
	}
	for i, v := range out {
		set(i, v)
	}
	return true
}

// copyRecord returns a record of its own holding r's event and fields.
func (c *runCtx) copyRecord(r *record) *record {
	var n *record
	if k := len(c.free); k > 0 {
		n, c.free = c.free[k-1], c.free[:k-1]
	} else {
		n = &record{vals: make([]value, len(r.vals))}
	}
	copy(n.vals, r.vals)
	n.loaded = r.loaded
	if r.ev != nil {
		n.evv = *r.ev
		n.ev = &n.evv
	} else {
		n.ev = nil
	}
	return n
}

// defaultOrder is the order of events without sort: newest first, ties broken by ingestion time
// (newest first), then log stream, @ptr and message ([derived]), so the result does not depend
// on the order events arrive in.
func defaultOrder(a, b *record) int {
	if a.ev == nil || b.ev == nil {
		return 0
	}
	x, y := a.ev, b.ev
	if c := cmp.Compare(y.Timestamp, x.Timestamp); c != 0 {
		return c
	}
	if c := cmp.Compare(y.IngestionTime, x.IngestionTime); c != 0 {
		return c
	}
	if c := strings.Compare(x.LogStream, y.LogStream); c != 0 {
		return c
	}
	if c := strings.Compare(x.Ptr, y.Ptr); c != 0 {
		return c
	}
	return strings.Compare(x.Message, y.Message)
}

// collector gathers the events that pass the streaming commands. When only limits (or a sort and
// limits) follow, it keeps just the rows that can be returned, so a query over many events holds
// few of them.
type collector struct {
	c     *runCtx
	rows  []*record
	k     int // rows to keep; 0 keeps all
	order func(a, b *record) int
}

func (c *runCtx) newCollector(rest []stage, limit int) *collector {
	co := &collector{c: c, order: defaultOrder}
	i := 0
	if len(rest) > 0 {
		if s, ok := rest[0].(*sortStage); ok {
			co.order = c.sortOrder(s)
			i = 1
		}
	}
	k := limit
	for ; i < len(rest); i++ {
		l, ok := rest[i].(*limitStage)
		if !ok {
			return &collector{c: c, order: defaultOrder}
		}
		k = min(k, l.n)
	}
	co.k = k
	return co
}

func (co *collector) add(r *record) {
	co.rows = append(co.rows, co.c.copyRecord(r))
	if co.k > 0 && len(co.rows) >= 2*co.k+64 {
		co.trim()
	}
}

func (co *collector) trim() {
	slices.SortStableFunc(co.rows, co.order)
	co.c.free = append(co.c.free, co.rows[co.k:]...)
	clear(co.rows[co.k:])
	co.rows = co.rows[:co.k]
}

// finish returns the rows in default order (or the following sort's, when it was folded in).
func (co *collector) finish() []*record {
	if co.k > 0 && len(co.rows) > co.k {
		co.trim()
		return co.rows
	}
	slices.SortStableFunc(co.rows, co.order)
	return co.rows
}

// sortOrder is the comparison of a sort command, ties in default order.
func (c *runCtx) sortOrder(s *sortStage) func(a, b *record) int {
	return func(a, b *record) int {
		for i, k := range s.keys {
			if r := sortCompare(k.eval(c, a), k.eval(c, b), s.desc[i]); r != 0 {
				return r
			}
		}
		return defaultOrder(a, b)
	}
}

// runRest applies the commands after the first stats, sort, limit or dedup to rows.
func (c *runCtx) runRest(stages []stage, rows []*record) []*record {
	for i := 0; i < len(stages); i++ {
		switch st := stages[i].(type) {
		case *fieldsStage, *filterStage, *parseStage:
			j := i
			for j < len(stages) && isStreaming(stages[j]) {
				j++
			}
			kept := rows[:0]
			for _, r := range rows {
				if c.runStream(stages[i:j], r) {
					kept = append(kept, r)
				}
			}
			rows = kept
			i = j - 1
		case *sortStage:
			slices.SortStableFunc(rows, c.sortOrder(st))
		case *limitStage:
			if len(rows) > st.n {
				rows = rows[:st.n]
			}
		case *dedupStage:
			rows = c.dedup(st, rows)
		case *statsStage:
			sr := c.newStatsRun(st)
			for _, r := range rows {
				sr.add(r)
			}
			rows = sr.finish()
		}
	}
	return rows
}

// dedup keeps the first row of each combination of the fields' values; rows where any of them
// is absent are all kept (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-Dedup.html).
func (c *runCtx) dedup(st *dedupStage, rows []*record) []*record {
	seen := map[string]bool{}
	kept := rows[:0]
	for _, r := range rows {
		key := c.keyBuf[:0]
		absent := false
		for _, k := range st.keys {
			v := k.eval(c, r)
			if v.isNull() || v.isStructure() {
				absent = true
				break
			}
			key = appendKey(key, v)
		}
		c.keyBuf = key
		if absent {
			kept = append(kept, r)
			continue
		}
		if !seen[string(key)] {
			seen[string(key)] = true
			kept = append(kept, r)
		}
	}
	return kept
}

// render builds a result row.
func (c *runCtx) render(r *record) []ResultField {
	row := make([]ResultField, 0, len(c.q.columns)+1)
	for _, col := range c.q.columns {
		if s, ok := col.e.eval(c, r).render(); ok {
			row = append(row, ResultField{Field: col.name, Value: s})
		}
	}
	if c.q.withPtr && r.ev != nil && r.ev.Ptr != "" {
		row = append(row, ResultField{Field: "@ptr", Value: r.ev.Ptr})
	}
	return row
}

// statsRun is one stats command accumulating its groups.
type statsRun struct {
	c       *runCtx
	st      *statsStage
	index   map[string]int
	groups  []*group
	keyVals []value
	needTs  bool
}

func (c *runCtx) newStatsRun(st *statsStage) *statsRun {
	sr := &statsRun{c: c, st: st, index: map[string]int{}, keyVals: make([]value, len(st.by))}
	for _, a := range st.aggs {
		if a.kind == aggEarliest || a.kind == aggLatest {
			sr.needTs = true
		}
	}
	return sr
}

func (sr *statsRun) add(r *record) {
	c := sr.c
	key := c.keyBuf[:0]
	for i, e := range sr.st.by {
		v := e.eval(c, r)
		if v.isStructure() {
			v = null()
		}
		sr.keyVals[i] = v
		key = appendKey(key, v)
	}
	c.keyBuf = key
	gi, ok := sr.index[string(key)]
	if !ok {
		g := &group{keys: slices.Clone(sr.keyVals), accs: make([]acc, len(sr.st.aggs))}
		for i := range g.keys {
			if g.keys[i].k == kNum {
				g.keys[i].s = "" // one spelling whatever the arrival order
			}
		}
		gi = len(sr.groups)
		sr.groups = append(sr.groups, g)
		sr.index[string(key)] = gi
	}
	g := sr.groups[gi]
	var ts int64
	if sr.needTs {
		ts, _ = timestampOf(sr.st.ts.eval(c, r))
	}
	for i := range sr.st.aggs {
		a := &sr.st.aggs[i]
		var v value
		if a.arg != nil {
			v = a.arg.eval(c, r)
		}
		g.accs[i].add(a, v, ts)
	}
}

// finish returns the groups as rows holding the stats output, in [compareGroups] order. Without
// by there is always one row, even over no events ([derived]).
func (sr *statsRun) finish() []*record {
	c := sr.c
	if len(sr.st.by) == 0 && len(sr.groups) == 0 {
		sr.groups = append(sr.groups, &group{accs: make([]acc, len(sr.st.aggs))})
	}
	slices.SortStableFunc(sr.groups, func(a, b *group) int { return compareGroups(a.keys, b.keys) })
	rows := make([]*record, len(sr.groups))
	c.stats = sr.st
	for i, g := range sr.groups {
		r := &record{vals: make([]value, c.q.nslots), loaded: true}
		for j, s := range sr.st.bySlots {
			r.vals[s] = g.keys[j]
		}
		c.group = g
		for j, e := range sr.st.items {
			r.vals[sr.st.slots[j]] = e.eval(c, c.empty)
		}
		rows[i] = r
	}
	c.group, c.stats = nil, nil
	return rows
}
