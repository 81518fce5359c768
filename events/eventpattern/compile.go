package eventpattern

import (
	"sort"
	"unicode/utf8"

	"github.com/watchsim/watchsim/internal/awserr"
)

// MaxOrCombinations is the number of sub-rules a pattern's $or expressions may expand to
// (EventBridge quota "$or combinations per pattern", not adjustable).
const MaxOrCombinations = 1000

// field is one path of a sub-rule and the match values (ORed) the pattern gives it.
type field struct {
	path string
	ops  []*op
	// hasAbsent: some op is exists:false; hasPositive: some op is a leaf test.
	hasAbsent, hasPositive bool
}

// subRule is one branch of a pattern after $or expansion: every field must hold.
type subRule struct {
	fields []field // sorted by path, paths unique
}

// Pattern is a compiled, validated event pattern. It is immutable and safe for concurrent use.
type Pattern struct {
	src  string
	subs []subRule
}

// String returns the pattern's source text.
func (p *Pattern) String() string { return p.src }

// Compile validates and compiles an event pattern, with EventBridge's default limits unless opts
// say otherwise. An invalid pattern gives a *bus.Error (the AWS error type; errors.As with
// smithy-go's APIError works too) with code InvalidEventPatternException and AWS's message
// ("Event pattern is not valid. Reason: …"); a nil or invalid option gives a plain error.
func Compile(pattern string, opts ...Option) (*Pattern, error) {
	cfg, err := newConfig(opts)
	if err != nil {
		return nil, err
	}
	return cfg.compile(pattern)
}

// compile validates and compiles an event pattern with the limits of cfg.
func (cfg *config) compile(pattern string) (*Pattern, error) {
	if max := cfg.maxLength; len(pattern) > max && utf8.RuneCountInString(pattern) > max {
		return nil, patternError(reasonTooLong)
	}
	root, err := parsePatternJSON(pattern)
	if err != nil {
		return nil, toPatternError(err)
	}
	c := &compiler{wildcardLimit: cfg.wildcardLimit}
	rules, err := c.compile(root)
	if err != nil {
		if r, ok := err.(*reasonError); ok && (r.reason == reasonOrArray || r.reason == reasonOrObjects || r.reason == reasonOrTwo) {
			// event-ruler's Machine.addRule falls back to the legacy compiler, which reads "$or"
			// as an ordinary field name (event-ruler's GenericMachine.addRule; recorded AWS answers
			// agree).
			c = &compiler{wildcardLimit: cfg.wildcardLimit, legacy: true}
			rules, err = c.compile(root)
		}
		if err != nil {
			return nil, toPatternError(err)
		}
	}
	p := &Pattern{src: pattern}
	for _, r := range rules {
		var sr subRule
		for path, ops := range r {
			f := field{path: path, ops: ops}
			for _, o := range ops {
				if o.kind == opAbsent {
					f.hasAbsent = true
				} else {
					f.hasPositive = true
				}
			}
			sr.fields = append(sr.fields, f)
		}
		sort.Slice(sr.fields, func(i, j int) bool { return sr.fields[i].path < sr.fields[j].path })
		p.subs = append(p.subs, sr)
	}
	return p, nil
}

func toPatternError(err error) error {
	if r, ok := err.(*reasonError); ok {
		return patternError(r.reason)
	}
	return err
}

type ruleMap = map[string][]*op

type compiler struct {
	wildcardLimit int
	legacy        bool
}

func (c *compiler) compile(root *jval) ([]ruleMap, error) {
	if root.kind != jObj {
		return nil, fail(reasonNotObject)
	}
	var rules []ruleMap
	if err := c.object(&rules, "", root, false); err != nil {
		return nil, err
	}
	return rules, nil
}

// joinPath extends a path. Paths are built with a leading "." (the root is ""), which leaf strips,
// so that an empty key is a segment of its own: {"":{"a":…}} names the path ".a".
func joinPath(prefix, key string) string { return prefix + "." + key }

// reservedInOr reports whether event-ruler refuses name as a field name inside a $or branch
// (its reserved keywords; a switch rather than a package-level map, so nothing is built at init).
func reservedInOr(name string) bool {
	switch name {
	case "exactly", "equals-ignore-case", "prefix", "suffix", "anything-but", "exists", "wildcard",
		"numeric", "cidr", "=", "<", "<=", ">", ">=", "regex", "not-wildcard", "not-equals-ignore-case",
		"date-after", "date-on-or-after", "date-before", "date-on-or-before", "in-date-range",
		"ip-address-in-range", "ip-address-not-in-range":
		return true
	}
	return false
}

func (c *compiler) object(rules *[]ruleMap, path string, obj *jval, inOr bool) error {
	for i, k := range obj.keys {
		v := obj.vals[i]
		if k == "$or" && !c.legacy {
			if err := c.or(rules, path, v); err != nil {
				return err
			}
			continue
		}
		if inOr && reservedInOr(k) {
			return fail(k + " is Ruler reserved fieldName which cannot be used inside $or.")
		}
		switch v.kind {
		case jObj:
			if err := c.object(rules, joinPath(path, k), v, inOr); err != nil {
				return err
			}
		case jArr:
			if err := c.leaf(rules, joinPath(path, k), v); err != nil {
				return err
			}
		default:
			return fail("\"" + k + "\" must be an object or an array")
		}
	}
	if len(obj.keys) == 0 {
		return fail(reasonEmptyObject)
	}
	return nil
}

func copyRules(rules []ruleMap) []ruleMap {
	out := make([]ruleMap, len(rules))
	for i, r := range rules {
		m := make(ruleMap, len(r))
		for k, v := range r {
			m[k] = v
		}
		out[i] = m
	}
	return out
}

func (c *compiler) or(rules *[]ruleMap, path string, v *jval) error {
	current := copyRules(*rules)
	*rules = nil
	if v.kind != jArr {
		return fail(reasonOrArray)
	}
	for _, branch := range v.arr {
		if branch.kind != jObj {
			return fail(reasonOrObjects)
		}
		next := copyRules(current)
		if len(next) == 0 {
			next = append(next, ruleMap{})
		}
		if err := c.object(&next, path, branch, true); err != nil {
			return err
		}
		*rules = append(*rules, next...)
		if len(*rules) > MaxOrCombinations {
			return fail(reasonOrTooMany)
		}
	}
	if len(v.arr) < 2 {
		return fail(reasonOrTwo)
	}
	return nil
}

func (c *compiler) leaf(rules *[]ruleMap, name string, arr *jval) error {
	ops := make([]*op, 0, len(arr.arr))
	for _, e := range arr.arr {
		switch e.kind {
		case jObj:
			o, err := c.matchExpression(e)
			if err != nil {
				return err
			}
			ops = append(ops, o)
		case jStr:
			if r := singleIP(e.s); r != nil {
				ops = append(ops, &op{kind: opIP, s: e.s, ip: r})
			} else {
				ops = append(ops, &op{kind: opExactString, s: e.s})
			}
		case jNum:
			k, ok := parseNumKey(e.s)
			ops = append(ops, &op{kind: opExactNumber, s: e.s, key: k, numOK: ok})
		case jNull:
			ops = append(ops, &op{kind: opNull})
		case jTrue:
			ops = append(ops, &op{kind: opTrue})
		case jFalse:
			ops = append(ops, &op{kind: opFalse})
		default:
			return fail(reasonMatchValue)
		}
	}
	if len(ops) == 0 {
		return fail(reasonEmptyArray)
	}
	if len(*rules) == 0 {
		*rules = append(*rules, ruleMap{})
	}
	name = name[1:] // drop the leading "." (see joinPath)
	for _, r := range *rules {
		r[name] = ops // a later duplicate key overrides an earlier one
	}
	return nil
}

// tokenText is what Jackson's getText returns for a value's first token.
func tokenText(v *jval) string {
	switch v.kind {
	case jObj:
		return "{"
	case jArr:
		return "["
	default:
		return v.s
	}
}

func (c *compiler) matchExpression(e *jval) (*op, error) {
	if len(e.keys) == 0 {
		return nil, fail(reasonNoMatchName)
	}
	name, v := e.keys[0], e.vals[0]
	extra := len(e.keys) > 1
	onlyOne := func(o *op) (*op, error) {
		if extra {
			return nil, fail(reasonOnlyOneKey)
		}
		return o, nil
	}
	switch name {
	case "exactly":
		// event-ruler's "exactly" is not in the EventBridge User Guide's list of comparison
		// operators ("Content filtering in Amazon EventBridge event patterns").
		return nil, awserr.NotSimulated("events", `event pattern operator "exactly" (an event-ruler extension EventBridge does not document)`)
	case "prefix", "suffix":
		if v.kind == jObj {
			o, err := c.affixIgnoreCase(name, v)
			if err != nil {
				return nil, err
			}
			return onlyOne(o)
		}
		if v.kind != jStr {
			if name == "prefix" {
				return nil, fail(reasonPrefixStr)
			}
			return nil, fail(reasonSuffixStr)
		}
		k := opPrefix
		if name == "suffix" {
			k = opSuffix
		}
		return onlyOne(&op{kind: k, s: v.s})
	case "numeric":
		if v.kind != jArr {
			return nil, fail(reasonNumericArray)
		}
		o, err := numericExpression(v.arr)
		if err != nil {
			return nil, err
		}
		if extra {
			return nil, fail(reasonTooManyNumeric)
		}
		return o, nil
	case "anything-but":
		o, err := c.anythingBut(v)
		if err != nil {
			return nil, err
		}
		if extra {
			return nil, fail(reasonTooManyNumeric)
		}
		return o, nil
	case "exists":
		switch v.kind {
		case jTrue:
			return onlyOne(&op{kind: opExists})
		case jFalse:
			return onlyOne(&op{kind: opAbsent})
		}
		return nil, fail(reasonExistsBool)
	case "cidr":
		if v.kind != jStr {
			return nil, fail(reasonPrefixStr) // sic: event-ruler's text
		}
		r, err := parseCIDR(v.s)
		if err != nil {
			return nil, err
		}
		return onlyOne(&op{kind: opCIDR, s: v.s, ip: r})
	case "equals-ignore-case":
		if v.kind != jStr {
			return nil, fail(reasonEICStr)
		}
		return onlyOne(&op{kind: opEIC, s: foldString(v.s)})
	case "wildcard":
		if v.kind != jStr {
			return nil, fail(reasonWildcardStr)
		}
		w, err := c.wildcard(v.s)
		if err != nil {
			return nil, err
		}
		return onlyOne(&op{kind: opWildcard, s: v.s, wc: w})
	}
	return nil, fail("Unrecognized match type " + name)
}

func (c *compiler) wildcard(s string) (*wildcard, error) {
	w, err := parseWildcard(s)
	if err != nil {
		return nil, err
	}
	if wildcardComplexity(w) > c.wildcardLimit {
		return nil, fail(reasonWildcardComplex)
	}
	return w, nil
}

func (c *compiler) affixIgnoreCase(name string, inner *jval) (*op, error) {
	if len(inner.keys) == 0 {
		if name == "prefix" {
			return nil, fail("Prefix expression name not found")
		}
		return nil, fail("Suffix expression name not found")
	}
	if inner.keys[0] != "equals-ignore-case" {
		return nil, fail("Unsupported " + name + " pattern: " + inner.keys[0])
	}
	v := inner.vals[0]
	if v.kind != jStr {
		return nil, fail(reasonEICStr)
	}
	if len(inner.keys) > 1 {
		return nil, fail(reasonOnlyOneKey)
	}
	k := opPrefixEIC
	if name == "suffix" {
		k = opSuffixEIC
	}
	return &op{kind: k, s: foldString(v.s)}, nil
}

func isNumberOrEnd(es []*jval, i int) bool { return i < len(es) && es[i].kind == jNum }

// numericExpression compiles the array of a numeric operator with event-ruler's checks.
func numericExpression(es []*jval) (*op, error) {
	if len(es) == 0 {
		return nil, fail("Invalid member in numeric match: ]")
	}
	if es[0].kind != jStr {
		return nil, fail("Invalid member in numeric match: " + tokenText(es[0]))
	}
	operator := es[0].s
	value := func(i int, label string) (ord, error) {
		if !isNumberOrEnd(es, i) {
			return ord{}, fail("Value of " + label + " must be numeric")
		}
		x, ok := numberOrd(es[i].s)
		if !ok {
			return ord{}, fail(reasonCannotCompare)
		}
		return x, nil
	}
	o := &op{kind: opNumeric}
	switch operator {
	case "=":
		f, err := value(1, "equals")
		if err != nil {
			return nil, err
		}
		if len(es) > 2 {
			return nil, fail(reasonTooManyNumeric)
		}
		o.hasLo, o.hasHi, o.lo, o.hi = true, true, f, f
		return o, nil
	case ">=", ">":
		f, err := value(1, operator)
		if err != nil {
			return nil, err
		}
		o.hasLo, o.lo, o.loOpen = true, f, operator == ">"
		if len(es) == 2 {
			return o, nil
		}
		if es[2].kind != jStr {
			return nil, fail("Bad value in numeric range: " + tokenText(es[2]))
		}
		op2 := es[2].s
		if op2 != "<" && op2 != "<=" {
			return nil, fail("Bad numeric range operator: " + op2)
		}
		top, err := value(3, op2)
		if err != nil {
			return nil, err
		}
		if len(es) > 4 {
			return nil, fail("Too many terms in numeric range expression")
		}
		if cmpOrd(f, top) >= 0 {
			return nil, fail("Bottom must be less than top")
		}
		o.hasHi, o.hi, o.hiOpen = true, top, op2 == "<"
		return o, nil
	case "<=", "<":
		f, err := value(1, operator)
		if err != nil {
			return nil, err
		}
		if len(es) > 2 {
			return nil, fail(reasonTooManyNumeric)
		}
		o.hasHi, o.hi, o.hiOpen = true, f, operator == "<"
		return o, nil
	}
	return nil, fail("Unrecognized numeric range operator: " + operator)
}

func (c *compiler) anythingBut(v *jval) (*op, error) {
	var kind opKind
	if v.kind == jObj {
		if len(v.keys) == 0 {
			return nil, fail("Anything-But expression name not found")
		}
		switch v.keys[0] {
		case "equals-ignore-case":
			kind = opABEIC
		case "prefix":
			kind = opABPrefix
		case "suffix":
			kind = opABSuffix
		case "wildcard":
			kind = opABWildcard
		default:
			return nil, fail("Unsupported anything-but pattern: " + v.keys[0])
		}
		innerExtra := len(v.keys) > 1
		v = v.vals[0]
		if v.kind != jArr && v.kind != jStr && v.kind != jNum {
			return nil, fail(reasonAnythingButValue)
		}
		o, err := c.anythingButSet(kind, v)
		if err != nil {
			return nil, err
		}
		if innerExtra {
			return nil, fail(reasonTooManyNumeric)
		}
		return o, nil
	}
	if v.kind != jArr && v.kind != jStr && v.kind != jNum {
		return nil, fail(reasonAnythingButValue)
	}
	o := &op{}
	if v.kind == jArr {
		hasNum, hasStr := false, false
		for _, e := range v.arr {
			switch e.kind {
			case jStr:
				hasStr = true
				o.set = append(o.set, e.s)
			case jNum:
				hasNum = true
				k, ok := parseNumKey(e.s)
				if !ok {
					return nil, fail(reasonCannotCompare)
				}
				o.nums = append(o.nums, k)
			default:
				return nil, fail(reasonABListType)
			}
		}
		if hasNum == hasStr {
			return nil, fail(reasonABListMixed)
		}
		o.kind = opABString
		if hasNum {
			o.kind = opABNumber
		}
		return o, nil
	}
	if v.kind == jStr {
		return &op{kind: opABString, set: []string{v.s}}, nil
	}
	k, ok := parseNumKey(v.s)
	if !ok {
		return nil, fail(reasonCannotCompare)
	}
	return &op{kind: opABNumber, nums: []numKey{k}}, nil
}

// anythingButSet compiles anything-but with prefix, suffix, equals-ignore-case or wildcard.
func (c *compiler) anythingButSet(kind opKind, v *jval) (*op, error) {
	typeReason := reasonPrefixSuffixStr
	switch kind {
	case opABEIC:
		typeReason = reasonABEICType
	case opABWildcard:
		typeReason = reasonWildcardStr
	}
	var vals []string
	if v.kind == jArr {
		for _, e := range v.arr {
			if e.kind != jStr {
				return nil, fail(typeReason)
			}
			if (kind == opABPrefix || kind == opABSuffix) && e.s == "" {
				return nil, fail(reasonNullPrefixSuffix)
			}
			vals = append(vals, e.s)
		}
	} else {
		if v.kind != jStr {
			return nil, fail(typeReason)
		}
		if (kind == opABPrefix || kind == opABSuffix) && v.s == "" {
			return nil, fail(reasonNullPrefixSuffix)
		}
		vals = []string{v.s}
	}
	o := &op{kind: kind}
	for _, s := range vals {
		switch kind {
		case opABEIC:
			o.set = append(o.set, foldString(s))
		case opABWildcard:
			w, err := c.wildcard(s)
			if err != nil {
				return nil, err
			}
			o.wcs = append(o.wcs, w)
			o.set = append(o.set, s)
		default:
			o.set = append(o.set, s)
		}
	}
	return o, nil
}
