package insights

import (
	"math"
	"regexp"
	"strings"
)

// expr is a compiled expression. eval never fails: an operation on absent or unsuitable values
// yields an absent value (or false), as Logs Insights treats missing fields.
type expr interface {
	eval(c *runCtx, r *record) value
}

// sysKind names a system field.
type sysKind uint8

const (
	sysMessage sysKind = iota
	sysTimestamp
	sysIngestionTime
	sysLogStream
	sysLog
	sysPtr
)

// systemField maps a system field name to its kind.
func systemField(name string) (sysKind, bool) {
	switch name {
	case "@message":
		return sysMessage, true
	case "@timestamp":
		return sysTimestamp, true
	case "@ingestionTime":
		return sysIngestionTime, true
	case "@logStream":
		return sysLogStream, true
	case "@log":
		return sysLog, true
	case "@ptr":
		return sysPtr, true
	}
	return 0, false
}

type sysRef struct{ f sysKind }

func (e *sysRef) eval(_ *runCtx, r *record) value {
	if r.ev == nil {
		return null()
	}
	switch e.f {
	case sysMessage:
		return str(r.ev.Message)
	case sysTimestamp:
		return timeVal(r.ev.Timestamp)
	case sysIngestionTime:
		// [derived] rendered as epoch milliseconds, as GetLogRecord shows it
		return value{k: kNum, f: float64(r.ev.IngestionTime)}
	case sysLogStream:
		return optStr(r.ev.LogStream)
	case sysLog:
		return optStr(r.ev.Log)
	}
	return optStr(r.ev.Ptr)
}

func optStr(s string) value {
	if s == "" {
		return null()
	}
	return str(s)
}

// slotRef reads a field the query defined (fields … as, parse, stats output).
type slotRef struct{ slot int }

func (e *slotRef) eval(_ *runCtx, r *record) value { return r.vals[e.slot] }

// discRef reads a field discovered in the event's JSON message, loading them on first use.
type discRef struct{ slot int }

func (e *discRef) eval(c *runCtx, r *record) value {
	if !r.loaded {
		c.loadDiscovered(r)
	}
	return r.vals[e.slot]
}

type literal struct{ v value }

func (e *literal) eval(*runCtx, *record) value { return e.v }

type negExpr struct{ x expr }

func (e *negExpr) eval(c *runCtx, r *record) value {
	f, ok := e.x.eval(c, r).number()
	if !ok {
		return null()
	}
	return num(-f)
}

// arith is + - * / ^ %: numbers in, a number out; anything else gives an absent value.
// A timestamp operand counts as its epoch milliseconds.
type arith struct {
	op   byte
	l, r expr
}

func (e *arith) eval(c *runCtx, r *record) value {
	a, okA := e.l.eval(c, r).number()
	b, okB := e.r.eval(c, r).number()
	if !okA || !okB {
		return null()
	}
	switch e.op {
	case '+':
		return numResult(a + b)
	case '-':
		return numResult(a - b)
	case '*':
		return numResult(a * b)
	case '/':
		return numResult(a / b)
	case '^':
		return numResult(math.Pow(a, b))
	}
	return numResult(math.Mod(a, b))
}

type logic struct {
	and  bool
	l, r expr
}

func (e *logic) eval(c *runCtx, r *record) value {
	a := e.l.eval(c, r).truthy()
	if e.and {
		return boolVal(a && e.r.eval(c, r).truthy())
	}
	return boolVal(a || e.r.eval(c, r).truthy())
}

type notExpr struct{ x expr }

func (e *notExpr) eval(c *runCtx, r *record) value { return boolVal(!e.x.eval(c, r).truthy()) }

// cmpExpr is = != < <= > >=. A comparison with an absent field or a structure is false,
// including != ([derived] for absent fields).
type cmpExpr struct {
	op   string
	l, r expr
}

func (e *cmpExpr) eval(c *runCtx, r *record) value {
	a, b := e.l.eval(c, r), e.r.eval(c, r)
	switch e.op {
	case "=":
		return boolVal(equalValues(a, b))
	case "!=":
		if a.isNull() || b.isNull() || a.isStructure() || b.isStructure() {
			return boolVal(false)
		}
		return boolVal(!equalValues(a, b))
	}
	n, ok := compareValues(a, b)
	if !ok {
		return boolVal(false)
	}
	switch e.op {
	case "<":
		return boolVal(n < 0)
	case "<=":
		return boolVal(n <= 0)
	case ">":
		return boolVal(n > 0)
	}
	return boolVal(n >= 0)
}

// matcher is the right side of like / =~: a substring ("…") or a regular expression (/…/),
// matched anywhere in the value (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-Filter.html).
type matcher struct {
	sub string         // substring, or the literal a regex reduces to
	re  *regexp.Regexp // nil when sub is used
}

func (m *matcher) match(s string) bool {
	if m.re == nil {
		return strings.Contains(s, m.sub)
	}
	return m.re.MatchString(s)
}

// likeExpr is "x like m", "x not like m" and "x =~ m". An absent value never matches, and
// "not like" on an absent value is false too ([derived]).
type likeExpr struct {
	x   expr
	m   matcher
	not bool
}

func (e *likeExpr) eval(c *runCtx, r *record) value {
	v := e.x.eval(c, r)
	s, ok := v.text()
	if !ok {
		return boolVal(false)
	}
	return boolVal(e.m.match(s) != e.not)
}

// inExpr is "x in [a, b]" and "x not in [a, b]": whole-value equality with any member.
type inExpr struct {
	x    expr
	list []expr
	not  bool
}

func (e *inExpr) eval(c *runCtx, r *record) value {
	v := e.x.eval(c, r)
	if v.isNull() || v.isStructure() {
		return boolVal(false)
	}
	found := false
	for _, m := range e.list {
		if equalValues(v, m.eval(c, r)) {
			found = true
			break
		}
	}
	return boolVal(found != e.not)
}

// member is map.key on a structure from jsonParse.
type member struct {
	x   expr
	key string
}

func (e *member) eval(c *runCtx, r *record) value {
	v := e.x.eval(c, r)
	switch v.k {
	case kMap:
		if m, ok := v.x.(*jsonMap).m[e.key]; ok {
			return m
		}
	case kList:
		// list.0 reads like list[0] ([derived])
		if f, ok := parseNumber(e.key); ok {
			return listIndex(v, f)
		}
	}
	return null()
}

// index is list[i] (or map["key"]).
type index struct{ x, i expr }

func (e *index) eval(c *runCtx, r *record) value {
	v := e.x.eval(c, r)
	i := e.i.eval(c, r)
	switch v.k {
	case kList:
		if f, ok := i.number(); ok {
			return listIndex(v, f)
		}
	case kMap:
		if s, ok := i.text(); ok {
			if m, ok := v.x.(*jsonMap).m[s]; ok {
				return m
			}
		}
	}
	return null()
}

func listIndex(v value, f float64) value {
	l := v.x.([]value)
	if f != math.Trunc(f) || f < 0 || f >= float64(len(l)) {
		return null()
	}
	return l[int(f)]
}

// call is a scalar function call.
type call struct {
	fn   *funcSpec
	args []expr
	per  period         // the period argument of bin, datefloor, dateceil
	re   *regexp.Regexp // a regex argument (regexReplace)
}

func (e *call) eval(c *runCtx, r *record) value { return e.fn.eval(c, r, e) }
