package query

import (
	"strconv"
	"strings"
	"time"
)

// aggFunc is an aggregate function of the SELECT list.
type aggFunc uint8

const (
	aggNone aggFunc = iota
	aggCount
	aggSum
	aggAvg
	aggMin
	aggMax
)

var aggNames = [...]string{aggNone: "", aggCount: "COUNT", aggSum: "SUM", aggAvg: "AVG", aggMin: "MIN", aggMax: "MAX"}

// aggByName returns the aggregate function named s (case-insensitive).
func aggByName(s string) aggFunc {
	for f := aggCount; f <= aggMax; f++ {
		if strings.EqualFold(s, aggNames[f]) {
			return f
		}
	}
	return aggNone
}

// path is a dotted property path, compiled into its segments once.
type path struct {
	text string
	segs []string
	date bool // a top-level date property: compared as instants
	idx  int  // position in Query.allPaths (a Set keeps one column per path)
}

// dateProperties are the CI properties whose type is date in every resource type's schema
// (https://github.com/awslabs/aws-config-resource-schema): they compare as instants, not as text.
func isDateProperty(p string) bool {
	switch p {
	case "configurationItemCaptureTime", "resourceCreationTime", "configurationItemDeliveryTime":
		return true
	}
	return false
}

func newPath(text string) *path {
	return &path{text: text, segs: strings.Split(text, "."), date: isDateProperty(text)}
}

// selItem is one entry of the SELECT list.
type selItem struct {
	name string  // as QueryInfo.SelectFields names it
	star bool    // SELECT *
	agg  aggFunc // aggNone for a property
	p    *path   // the property, or the aggregate's argument (nil for COUNT(*))
}

// orderItem is one entry of ORDER BY.
type orderItem struct {
	name string
	p    *path // a property (nil for an aggregate)
	agg  int   // index of the aggregate in the SELECT list, or -1
	desc bool
}

// cmpOp is a comparison operator.
type cmpOp uint8

const (
	opEq cmpOp = iota
	opLt
	opLe
	opGt
	opGe
)

var opText = [...]string{opEq: "=", opLt: "<", opLe: "<=", opGt: ">", opGe: ">="}

// condKind is the kind of a WHERE condition node.
type condKind uint8

const (
	condAnd condKind = iota
	condOr
	condNot
	condCmp
	condIn
	condBetween
	condLike
)

// cond is a node of the WHERE condition.
type cond struct {
	kind condKind
	leaf int     // predicates: position in Query.preds
	kids []*cond // AND, OR: two or more; NOT: one
	p    *path
	op   cmpOp
	lits []literal // Cmp: 1; In: 1 or more; Between: 2; Like: 1 (the pattern)
	like likePattern
}

// litKind is the kind of a literal as written.
type litKind uint8

const (
	litString litKind = iota
	litNumber
	litBool
)

// literal is a literal value, with every form a comparison may need computed once.
type literal struct {
	kind litKind
	text string // string value, number as written, "true"/"false"
	num  float64
	isN  bool // num holds the value (a number, or a string that reads as one)
	b    bool
	isB  bool  // b holds the value (a boolean, or the string 'true'/'false')
	ms   int64 // instant in Unix milliseconds (date properties only)
}

// likePattern is a LIKE pattern: a literal prefix followed only by wildcards.
type likePattern struct {
	prefix  string
	singles int  // number of '_' after the prefix (each exactly one character)
	any     bool // a '%' after the prefix (any number of characters)
}

// parseInstant reads a date literal or a date property value: RFC 3339 with or without fractional
// seconds, a date-time without zone (UTC), or a date alone (midnight UTC).
func parseInstant(s string) (int64, bool) {
	if ms, ok := parseISOMillis(s); ok {
		return ms, true
	}
	for _, layout := range [...]string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UnixMilli(), true
		}
	}
	return 0, false
}

// writeLiteral appends l as it can be written in an expression.
func writeLiteral(b *strings.Builder, l literal) {
	switch l.kind {
	case litString:
		b.WriteByte('\'')
		b.WriteString(strings.ReplaceAll(l.text, "'", "''"))
		b.WriteByte('\'')
	default:
		b.WriteString(l.text)
	}
}

// write appends the condition in canonical form (fully parenthesised where precedence needs it).
func (c *cond) write(b *strings.Builder) {
	switch c.kind {
	case condAnd, condOr:
		sep := " AND "
		if c.kind == condOr {
			sep = " OR "
		}
		for i, k := range c.kids {
			if i > 0 {
				b.WriteString(sep)
			}
			paren := k.kind == condOr || (k.kind == condAnd && c.kind == condOr)
			if paren {
				b.WriteByte('(')
			}
			k.write(b)
			if paren {
				b.WriteByte(')')
			}
		}
	case condNot:
		b.WriteString("NOT ")
		k := c.kids[0]
		paren := k.kind == condAnd || k.kind == condOr
		if paren {
			b.WriteByte('(')
		}
		k.write(b)
		if paren {
			b.WriteByte(')')
		}
	case condCmp:
		b.WriteString(c.p.text)
		b.WriteByte(' ')
		b.WriteString(opText[c.op])
		b.WriteByte(' ')
		writeLiteral(b, c.lits[0])
	case condIn:
		b.WriteString(c.p.text)
		b.WriteString(" IN (")
		for i, l := range c.lits {
			if i > 0 {
				b.WriteString(", ")
			}
			writeLiteral(b, l)
		}
		b.WriteByte(')')
	case condBetween:
		b.WriteString(c.p.text)
		b.WriteString(" BETWEEN ")
		writeLiteral(b, c.lits[0])
		b.WriteString(" AND ")
		writeLiteral(b, c.lits[1])
	case condLike:
		b.WriteString(c.p.text)
		b.WriteString(" LIKE ")
		writeLiteral(b, c.lits[0])
	}
}

// String returns the query in a canonical form that [Parse] reads back into an equivalent query:
// upper-case keywords, single spaces, parentheses only where precedence needs them.
func (q *Query) String() string {
	var b strings.Builder
	b.WriteString("SELECT ")
	for i, s := range q.sel {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(s.name)
	}
	if q.where != nil {
		b.WriteString(" WHERE ")
		q.where.write(&b)
	}
	if len(q.groupBy) > 0 {
		b.WriteString(" GROUP BY ")
		for i, p := range q.groupBy {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(p.text)
		}
	}
	if len(q.orderBy) > 0 {
		b.WriteString(" ORDER BY ")
		for i, o := range q.orderBy {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(o.name)
			if o.desc {
				b.WriteString(" DESC")
			}
		}
	}
	return b.String()
}

// appendNumber appends f as a JSON number the way encoding/json does.
func appendNumber(dst []byte, f float64) []byte {
	abs := f
	if abs < 0 {
		abs = -abs
	}
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	n := len(dst)
	dst = strconv.AppendFloat(dst, f, format, -1, 64)
	if format == 'e' {
		// e-07 → e-7, as encoding/json writes it
		if m := len(dst) - n; m >= 4 && dst[len(dst)-4] == 'e' && dst[len(dst)-3] == '-' && dst[len(dst)-2] == '0' {
			dst[len(dst)-2] = dst[len(dst)-1]
			dst = dst[:len(dst)-1]
		}
	}
	return dst
}

// parseISOMillis reads the form the query-visible items carry, "2006-01-02T15:04:05.000Z",
// without time.Parse (a date comparison reads one per item or dictionary entry).
func parseISOMillis(s string) (int64, bool) {
	if len(s) != 24 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != '.' || s[23] != 'Z' {
		return 0, false
	}
	num := func(i, n int) (int, bool) {
		v := 0
		for _, c := range []byte(s[i : i+n]) {
			if c < '0' || c > '9' {
				return 0, false
			}
			v = v*10 + int(c-'0')
		}
		return v, true
	}
	y, ok1 := num(0, 4)
	mo, ok2 := num(5, 2)
	d, ok3 := num(8, 2)
	h, ok4 := num(11, 2)
	mi, ok5 := num(14, 2)
	se, ok6 := num(17, 2)
	ms, ok7 := num(20, 3)
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && ok7) || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 59 {
		return 0, false
	}
	t := time.Date(y, time.Month(mo), d, h, mi, se, ms*1e6, time.UTC)
	if t.Day() != d {
		return 0, false // 31 April and the like
	}
	return t.UnixMilli(), true
}
