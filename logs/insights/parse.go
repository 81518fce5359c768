package insights

import (
	"regexp"
	"strconv"
	"strings"
)

// parser compiles a query: it parses the commands in order and resolves every field name
// against what the commands before it defined, so the compiled stages read slots directly.
type parser struct {
	q          string
	toks       []token
	pos        int
	qry        *Query
	scope      map[string]int  // ephemeral fields in scope → slot
	defined    map[string]bool // every name defined by "as" or parse so far (aliases are unique)
	afterStats bool
	inStats    *[]aggSpec // the stats command whose aggregations are being parsed
	inAgg      bool

	fieldCols  []pendingColumn // fields columns since the last stats
	displayCol []pendingColumn // the last display
	hasDisplay bool
	statsCols  []pendingColumn
	nstats     int
	sortSeen   bool // a sort or limit appeared (before the current stats)
	dedupSeen  bool
}

// pendingColumn is a result column whose expression is resolved at the end of the query (a
// plain field name) or already known.
type pendingColumn struct {
	name string
	e    expr
	tok  token
}

// Parse compiles a Logs Insights QL query
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax.html).
//
// A query that does not compile gives a *[MalformedQueryError] (MalformedQueryException) with
// the offending text's location; valid syntax that watchsim does not simulate (pattern, diff,
// anomaly, unmask, filterIndex, lookup, join and the other newer commands, parse's logfmt and
// csv modes, limit any, SOURCE options other than namePrefix and class, and the functions
// listed in the package documentation) gives a *bus.NotSimulatedError naming it.
func Parse(query string) (*Query, error) {
	toks, err := lex(query)
	if err != nil {
		return nil, err
	}
	p := &parser{q: query, toks: toks, qry: &Query{text: query, disc: map[string]int{}},
		scope: map[string]int{}, defined: map[string]bool{}}
	if err := p.parseQuery(); err != nil {
		return nil, err
	}
	return p.qry, nil
}

func (p *parser) peek() token { return p.toks[p.pos] }
func (p *parser) peekAt(k int) token {
	if p.pos+k < len(p.toks) {
		return p.toks[p.pos+k]
	}
	return p.toks[len(p.toks)-1]
}
func (p *parser) next() token {
	t := p.toks[p.pos]
	if t.kind != tEOF {
		p.pos++
	}
	return t
}

// errAt reports a compile error at token t.
func (p *parser) errAt(t token, msg string) error {
	if t.kind == tEOF {
		return malformed(p.q, len(p.q), len(p.q), msg)
	}
	return malformed(p.q, t.start, t.end, msg)
}

// unexpected reports t where something else was expected, in ANTLR's words as AWS returns them.
func (p *parser) unexpected(t token, expecting string) error {
	if t.kind == tEOF {
		return p.errAt(t, "mismatched input '<EOF>' expecting "+expecting)
	}
	return p.errAt(t, "mismatched input '"+p.q[t.start:t.end]+"' expecting "+expecting)
}

func (p *parser) expect(kind tokKind, what string) (token, error) {
	t := p.peek()
	if t.kind != kind {
		return t, p.unexpected(t, what)
	}
	return p.next(), nil
}

func (p *parser) newSlot() int {
	p.qry.nslots++
	return p.qry.nslots - 1
}

// define makes name an ephemeral field and returns its slot. unique: name comes from "as" or
// parse, and defining it a second time is an error, as AWS reports it.
func (p *parser) define(name string, t token, unique bool) (int, error) {
	if unique {
		if p.defined[name] {
			return 0, p.errAt(t, "Ephemeral field is already defined: "+name)
		}
		p.defined[name] = true
	} else if slot, ok := p.scope[name]; ok {
		return slot, nil
	}
	slot := p.newSlot()
	p.scope[name] = slot
	return slot, nil
}

// resolve compiles a reference to a field: an ephemeral field in scope, a member of a structure
// in scope (m.key), a system field, or a field discovered in JSON events. After stats only the
// stats output exists; any other name is absent.
func (p *parser) resolve(name string, segs []string) expr {
	if slot, ok := p.scope[name]; ok {
		return &slotRef{slot}
	}
	for k := len(segs) - 1; k >= 1; k-- {
		if slot, ok := p.scope[strings.Join(segs[:k], ".")]; ok {
			var e expr = &slotRef{slot}
			for _, s := range segs[k:] {
				e = &member{x: e, key: s}
			}
			return e
		}
	}
	if p.afterStats {
		return &literal{null()}
	}
	if f, ok := systemField(name); ok {
		return &sysRef{f}
	}
	slot, ok := p.qry.disc[name]
	if !ok {
		slot = p.newSlot()
		p.qry.disc[name] = slot
		p.qry.discAll = append(p.qry.discAll, slot)
	}
	return &discRef{slot}
}

func (p *parser) addCommand(name string) {
	for _, c := range p.qry.commands {
		if c == name {
			return
		}
	}
	p.qry.commands = append(p.qry.commands, name)
}

// parseQuery parses "[SOURCE …] command | command | …".
func (p *parser) parseQuery() error {
	if p.peek().kind == tEOF {
		return p.errAt(p.peek(), "mismatched input '<EOF>' expecting {K_PARSE, K_SEARCH, K_FIELDS, K_DISPLAY, K_FILTER, K_SORT, K_ORDER, K_HEAD, K_LIMIT, K_TAIL}")
	}
	first := true
	for {
		if err := p.parseCommand(first); err != nil {
			return err
		}
		first = false
		t := p.next()
		if t.kind == tEOF {
			break
		}
		if t.kind != tPipe {
			return p.errAt(t, "extraneous input '"+p.q[t.start:t.end]+"' expecting {<EOF>, '|'}")
		}
	}
	return p.finish()
}

// commandExpecting is the ANTLR message AWS returns for a word that is not a command (recorded
// for "fields @timestamp, custom_field | count()").
const commandExpecting = "{K_PARSE, K_SEARCH, K_FIELDS, K_DISPLAY, K_FILTER, K_SORT, K_ORDER, K_HEAD, K_LIMIT, K_TAIL}"

func (p *parser) parseCommand(first bool) error {
	t := p.peek()
	if t.kind != tIdent || t.quoted {
		return p.unexpected(t, commandExpecting)
	}
	name := strings.ToLower(t.text)
	if p.dedupSeen && name != "limit" {
		return p.errAt(t, "only limit can follow dedup")
	}
	switch name {
	case "source":
		if !first {
			return p.errAt(t, "SOURCE must be the first command of the query")
		}
	case "fields", "display", "filter", "where", "stats", "parse", "sort", "limit", "dedup":
	case "pattern", "diff", "anomaly", "unmask", "filterindex", "lookup", "join", "unnest", "addtotals",
		"autoregress", "logcompare", "filldown", "fillmissing", "cidrlookup", "outlier", "accum",
		"appendcols", "sessionize", "countfrequent", "relevantfields", "expand", "search", "head",
		"tail", "order", "eval", "subquery":
		return notSimulated("Logs Insights command '" + t.text + "'")
	default:
		return p.unexpected(t, commandExpecting)
	}
	p.next()
	if name == "where" {
		name = "filter"
	}
	p.addCommand(name)
	switch name {
	case "source":
		return p.parseSource()
	case "fields":
		return p.parseFields()
	case "display":
		return p.parseDisplay()
	case "filter":
		n, err := p.parseExpr()
		if err != nil {
			return err
		}
		p.qry.stages = append(p.qry.stages, &filterStage{e: n.e})
		return nil
	case "stats":
		return p.parseStats(t)
	case "parse":
		return p.parseParse()
	case "sort":
		return p.parseSort()
	case "limit":
		return p.parseLimit()
	}
	return p.parseDedup()
}

// parseFields: fields expr [as name], …
func (p *parser) parseFields() error {
	st := &fieldsStage{}
	for {
		n, err := p.parseExpr()
		if err != nil {
			return err
		}
		switch {
		case p.peek().isKeyword("as"):
			p.next()
			at, err := p.expect(tIdent, "an alias")
			if err != nil {
				return err
			}
			slot, err := p.define(at.text, at, true)
			if err != nil {
				return err
			}
			st.items = append(st.items, fieldItem{e: n.e, slot: slot})
			p.fieldCols = append(p.fieldCols, pendingColumn{name: at.text, e: &slotRef{slot}})
		case n.field != "":
			p.fieldCols = append(p.fieldCols, pendingColumn{name: n.field, tok: n.tok})
		default:
			text := p.q[n.start:n.end]
			slot, err := p.define(text, n.tok, false)
			if err != nil {
				return err
			}
			st.items = append(st.items, fieldItem{e: n.e, slot: slot})
			p.fieldCols = append(p.fieldCols, pendingColumn{name: text, e: &slotRef{slot}})
		}
		if p.peek().kind != tComma {
			break
		}
		p.next()
	}
	if len(st.items) > 0 {
		p.qry.stages = append(p.qry.stages, st)
	}
	return nil
}

// parseDisplay: display field, … (only the last display counts).
func (p *parser) parseDisplay() error {
	p.displayCol = p.displayCol[:0]
	p.hasDisplay = true
	for {
		t, err := p.expect(tIdent, "a field name")
		if err != nil {
			return err
		}
		p.displayCol = append(p.displayCol, pendingColumn{name: t.text, tok: t})
		if p.peek().kind != tComma {
			return nil
		}
		p.next()
	}
}

// parseStats: stats agg [as name], … [by expr [as name], …]
func (p *parser) parseStats(kw token) error {
	p.nstats++
	if p.nstats > 2 {
		return p.errAt(kw, "a query can contain at most two stats commands")
	}
	if p.nstats == 2 && p.sortSeen {
		return p.errAt(kw, "sort and limit must come after the second stats command")
	}
	st := &statsStage{ts: p.resolve("@timestamp", []string{"@timestamp"})}
	type out struct {
		name string
		tok  token
		e    expr
		as   bool
	}
	var items, by []out
	for {
		p.inStats = &st.aggs
		n, err := p.parseExpr()
		p.inStats = nil
		if err != nil {
			return err
		}
		if !n.agg {
			return p.errAt(n.tok, "stats needs an aggregation function: "+p.q[n.start:n.end])
		}
		o := out{name: p.q[n.start:n.end], tok: n.tok, e: n.e}
		if p.peek().isKeyword("as") {
			p.next()
			at, err := p.expect(tIdent, "an alias")
			if err != nil {
				return err
			}
			o.name, o.tok, o.as = at.text, at, true
		}
		items = append(items, o)
		if p.peek().kind != tComma {
			break
		}
		p.next()
	}
	if p.peek().isKeyword("by") {
		p.next()
		for {
			n, err := p.parseExpr()
			if err != nil {
				return err
			}
			o := out{name: p.q[n.start:n.end], tok: n.tok, e: n.e}
			if n.field != "" {
				o.name = n.field
			}
			if p.peek().isKeyword("as") {
				p.next()
				at, err := p.expect(tIdent, "an alias")
				if err != nil {
					return err
				}
				o.name, o.tok, o.as = at.text, at, true
			}
			by = append(by, o)
			if p.peek().kind != tComma {
				break
			}
			p.next()
		}
	}
	if p.peek().isKeyword("offset") {
		return notSimulated("Logs Insights stats … by bin(…) offset")
	}
	// the stats output replaces every field
	p.scope = map[string]int{}
	p.afterStats = true
	p.fieldCols = nil
	p.statsCols = nil
	for _, lists := range [][]out{by, items} {
		for _, o := range lists {
			if _, dup := p.scope[o.name]; dup && !o.as {
				return p.errAt(o.tok, "duplicate stats output: "+o.name)
			}
			slot, err := p.define(o.name, o.tok, o.as)
			if err != nil {
				return err
			}
			p.statsCols = append(p.statsCols, pendingColumn{name: o.name, e: &slotRef{slot}})
		}
	}
	for _, o := range by {
		st.by = append(st.by, o.e)
		st.bySlots = append(st.bySlots, p.scope[o.name])
	}
	for _, o := range items {
		st.items = append(st.items, o.e)
		st.slots = append(st.slots, p.scope[o.name])
	}
	p.qry.stages = append(p.qry.stages, st)
	p.qry.hasStats = true
	return nil
}

// parseParse: parse [field] "glob * pattern" as a, b | parse [field] /(?<name>re)/
func (p *parser) parseParse() error {
	st := &parseStage{src: &sysRef{sysMessage}}
	if p.afterStats {
		st.src = p.resolve("@message", []string{"@message"})
	}
	if t := p.peek(); t.kind == tIdent {
		p.next()
		st.src = p.resolve(t.text, t.segs)
	}
	t := p.next()
	switch t.kind {
	case tString:
		st.lits = strings.Split(t.text, "*")
		stars := len(st.lits) - 1
		if stars == 0 {
			return p.errAt(t, "the parse pattern has no '*'")
		}
		if !p.peek().isKeyword("as") {
			return p.unexpected(p.peek(), "AS")
		}
		p.next()
		var names []token
		for {
			n, err := p.expect(tIdent, "a field name")
			if err != nil {
				return err
			}
			names = append(names, n)
			if p.peek().kind != tComma {
				break
			}
			p.next()
		}
		if len(names) != stars {
			return p.errAt(t, "the parse pattern has "+strconv.Itoa(stars)+" '*' but "+strconv.Itoa(len(names))+" field names follow")
		}
		for _, n := range names {
			slot, err := p.define(n.text, n, true)
			if err != nil {
				return err
			}
			st.slots = append(st.slots, slot)
		}
	case tRegex:
		re, err := p.compileRegex(t)
		if err != nil {
			return err
		}
		st.re = re
		for i, name := range re.SubexpNames() {
			if name == "" {
				continue
			}
			slot, err := p.define(name, t, true)
			if err != nil {
				return err
			}
			st.slots = append(st.slots, slot)
			st.groups = append(st.groups, i)
		}
		if len(st.slots) == 0 {
			return p.errAt(t, "the parse regular expression has no named capture group")
		}
	case tIdent:
		return notSimulated("Logs Insights parse mode '" + t.text + "'")
	default:
		return p.unexpected(t, "a glob pattern string or a regular expression")
	}
	p.qry.stages = append(p.qry.stages, st)
	return nil
}

// parseSort: sort expr [asc|desc], …  Without a direction the order is ascending ([derived]).
func (p *parser) parseSort() error {
	st := &sortStage{}
	for {
		n, err := p.parseExpr()
		if err != nil {
			return err
		}
		desc := false
		if t := p.peek(); t.isKeyword("asc") || t.isKeyword("desc") {
			p.next()
			desc = t.isKeyword("desc")
		}
		st.keys = append(st.keys, n.e)
		st.desc = append(st.desc, desc)
		if p.peek().kind != tComma {
			break
		}
		p.next()
	}
	p.sortSeen = true
	p.qry.stages = append(p.qry.stages, st)
	return nil
}

// parseLimit: limit n, 1 ≤ n ≤ MaxLimit.
func (p *parser) parseLimit() error {
	t := p.next()
	if t.isKeyword("any") {
		return notSimulated("Logs Insights 'limit any'")
	}
	n, err := strconv.Atoi(t.text)
	if t.kind != tNumber || err != nil || n < 1 || n > MaxLimit {
		return p.errAt(t, "limit takes a whole number from 1 to "+strconv.Itoa(MaxLimit))
	}
	p.sortSeen = true
	p.qry.stages = append(p.qry.stages, &limitStage{n: n})
	return nil
}

// parseDedup: dedup field, …
func (p *parser) parseDedup() error {
	st := &dedupStage{}
	for {
		t, err := p.expect(tIdent, "a field name")
		if err != nil {
			return err
		}
		st.keys = append(st.keys, p.resolve(t.text, t.segs))
		if p.peek().kind != tComma {
			break
		}
		p.next()
	}
	p.dedupSeen = true
	p.qry.stages = append(p.qry.stages, st)
	return nil
}

// parseSource: SOURCE logGroups(namePrefix: ["a", "b"], class: "STANDARD")
func (p *parser) parseSource() error {
	t := p.next()
	if !t.isKeyword("logGroups") {
		if t.kind == tString {
			return notSimulated("Logs Insights SOURCE with a log group name")
		}
		return p.unexpected(t, "logGroups")
	}
	if _, err := p.expect(tLParen, "'('"); err != nil {
		return err
	}
	src := &Source{}
	for p.peek().kind != tRParen {
		key, err := p.expect(tIdent, "namePrefix or class")
		if err != nil {
			return err
		}
		if c := p.next(); c.kind != tOp || c.text != ":" {
			return p.unexpected(c, "':'")
		}
		switch strings.ToLower(key.text) {
		case "nameprefix":
			if _, err := p.expect(tLBrack, "'['"); err != nil {
				return err
			}
			for {
				s, err := p.expect(tString, "a log group name prefix")
				if err != nil {
					return err
				}
				src.NamePrefixes = append(src.NamePrefixes, s.text)
				if p.peek().kind != tComma {
					break
				}
				p.next()
			}
			if _, err := p.expect(tRBrack, "']'"); err != nil {
				return err
			}
		case "class":
			v := p.next()
			class := strings.ToUpper(v.text)
			if (v.kind != tString && v.kind != tIdent) || (class != "STANDARD" && class != "INFREQUENT_ACCESS") {
				return p.errAt(v, "class must be STANDARD or INFREQUENT_ACCESS")
			}
			src.Class = class
		default:
			return notSimulated("Logs Insights SOURCE option '" + key.text + "'")
		}
		if p.peek().kind == tComma {
			p.next()
		}
	}
	p.next()
	if len(src.NamePrefixes) == 0 {
		return notSimulated("Logs Insights SOURCE without namePrefix")
	}
	p.qry.source = src
	return nil
}

// finish resolves the result columns in the final scope.
func (p *parser) finish() error {
	var pending []pendingColumn
	switch {
	case p.hasDisplay:
		pending = p.displayCol
	case p.afterStats:
		pending = append(append(pending, p.statsCols...), p.fieldCols...)
	case len(p.fieldCols) > 0:
		pending = p.fieldCols
	default:
		pending = []pendingColumn{{name: "@timestamp"}, {name: "@message"}}
	}
	seen := map[string]bool{}
	for _, c := range pending {
		if seen[c.name] {
			continue
		}
		seen[c.name] = true
		e := c.e
		if e == nil {
			segs := c.tok.segs
			if segs == nil {
				segs = strings.Split(c.name, ".")
			}
			e = p.resolve(c.name, segs)
		}
		if c.name == "@ptr" && !p.afterStats {
			continue // @ptr comes last
		}
		p.qry.columns = append(p.qry.columns, column{name: c.name, e: e})
	}
	p.qry.withPtr = !p.afterStats
	return nil
}

// compileRegex compiles a /…/ literal with Go's RE2 engine.
func (p *parser) compileRegex(t token) (*regexp.Regexp, error) {
	re, err := regexp.Compile(t.text)
	if err != nil {
		return nil, p.errAt(t, "invalid regular expression: "+strings.TrimPrefix(err.Error(), "error parsing regexp: "))
	}
	return re, nil
}
