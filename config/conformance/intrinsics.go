package conformance

import (
	"strings"
)

// Intrinsic functions and conditions. Supported, as the AWS sample conformance packs use them
// (https://github.com/awslabs/aws-config-rules/tree/master/aws-config-conformance-packs) and as
// CloudFormation defines them: Ref (to a parameter, to an AWS::Config::ConfigRule resource — its
// rule name —, AWS::NoValue, AWS::AccountId, AWS::Region, AWS::Partition), Fn::If, Fn::Join,
// Fn::Sub; in Conditions, Fn::Equals, Fn::Not, Fn::And, Fn::Or and Condition. The other
// CloudFormation functions (Fn::GetAtt, Fn::Select, Fn::Split, Fn::FindInMap, …) are refused with
// a NotSimulated error naming them.

// resolver evaluates references while one template is read.
type resolver struct {
	env      Env
	params   map[string]*node // parameter values: a scalar, or a list for list types
	condDefs *node            // the Conditions section
	conds    map[string]uint8 // condVisiting, condTrue, condFalse
	res      *node            // the Resources section
	included map[string]bool  // resources whose Condition holds (set before properties resolve)
	names    map[string]*node // rule names resolved for Ref, by logical id (nil while resolving)
}

// maxValueBytes bounds one resolved string: Fn::Join and Fn::Sub over references to other rules'
// names could otherwise double a value at every level.
const maxValueBytes = 1 << 20

const (
	condVisiting uint8 = iota + 1
	condTrue
	condFalse
)

// unsupportedFn reports whether name is a CloudFormation function watchsim does not evaluate.
func unsupportedFn(name string) bool {
	switch name {
	case "Fn::GetAtt", "Fn::Select", "Fn::Split", "Fn::FindInMap", "Fn::Base64", "Fn::Cidr", "Fn::GetAZs",
		"Fn::ImportValue", "Fn::Transform", "Fn::Length", "Fn::ToJsonString":
		return true
	}
	return strings.HasPrefix(name, "Fn::ForEach::")
}

func conditionFn(name string) bool {
	switch name {
	case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or":
		return true
	}
	return false
}

func unresolved(name string) error {
	return templateErr("Template format error: Unresolved resource dependencies [" + name + "] in the Resources block of the template")
}

// ref resolves Ref name.
func (r *resolver) ref(name string, depth int) (*node, error) {
	switch name {
	case "AWS::NoValue":
		return &node{kind: kindNoValue}, nil
	case "AWS::AccountId", "AWS::Region", "AWS::Partition":
		v := map[string]string{"AWS::AccountId": r.env.AccountID, "AWS::Region": r.env.Region, "AWS::Partition": r.env.Partition}[name]
		if v == "" {
			return nil, notSimulated("the pseudo parameter " + name + " without an Env that sets it (use Env.Parse)")
		}
		return scalar(v), nil
	}
	if strings.HasPrefix(name, "AWS::") {
		return nil, notSimulated("the pseudo parameter " + name)
	}
	if v, ok := r.params[name]; ok {
		return v, nil
	}
	res := r.res.get(name)
	if res == nil || !r.included[name] {
		return nil, unresolved(name)
	}
	if typ := res.get("Type"); typ == nil || typ.str != TypeConfigRule {
		return nil, notSimulated("Ref to the " + TypeRemediation + " resource " + name)
	}
	if v, seen := r.names[name]; seen {
		if v == nil {
			return nil, templateErr("Template format error: Circular dependency between resources: [" + name + "]")
		}
		return v, nil
	}
	rn := res.get("Properties").get("ConfigRuleName")
	if rn == nil {
		return nil, notSimulated("Ref to the rule " + name + ", which has no ConfigRuleName (a generated name)")
	}
	r.names[name] = nil
	v, err := r.resolve(rn, "/Resources/"+name+"/Properties/ConfigRuleName", depth+1)
	if err != nil {
		return nil, err
	}
	if v.kind != kindScalar {
		return nil, templateErr("Template format error: [/Resources/" + name + "/Properties/ConfigRuleName] must be a string")
	}
	r.names[name] = v
	return v, nil
}

// resolve evaluates the functions in a property value. The result holds no function calls and no
// nulls; AWS::NoValue results are removed from maps and lists (a top-level one is returned).
func (r *resolver) resolve(n *node, path string, depth int) (*node, error) {
	if depth > maxDepth {
		return nil, templateErr("Template format error: [" + path + "] is nested too deeply (or refers to itself).")
	}
	switch n.kind {
	case kindNull:
		return nil, templateErr("Template format error: [" + path + "] 'null' values are not allowed in templates")
	case kindScalar, kindNoValue:
		return n, nil
	case kindList:
		out := &node{kind: kindList, list: make([]*node, 0, len(n.list))}
		for i, c := range n.list {
			v, err := r.resolve(c, path+"/"+itoa(i), depth+1)
			if err != nil {
				return nil, err
			}
			if v.kind != kindNoValue {
				out.list = append(out.list, v)
			}
		}
		return out, nil
	}
	if name, arg, ok := n.fn(); ok && name != "Condition" {
		return r.call(name, arg, path, depth)
	}
	out := newMap()
	for _, k := range n.keys {
		v, err := r.resolve(n.m[k], path+"/"+k, depth+1)
		if err != nil {
			return nil, err
		}
		if v.kind != kindNoValue {
			out.set(k, v)
		}
	}
	return out, nil
}

func (r *resolver) call(name string, arg *node, path string, depth int) (*node, error) {
	switch {
	case name == "Ref":
		if arg.kind != kindScalar {
			return nil, templateErr("Template format error: [" + path + "] Every Ref object must have a single String value.")
		}
		return r.ref(arg.str, depth)
	case name == "Fn::If":
		if arg.kind != kindList || len(arg.list) != 3 || arg.list[0].kind != kindScalar {
			return nil, templateErr("Template error: every Fn::If object requires three parameters, the condition, the value if true and the value if false")
		}
		b, err := r.condition(arg.list[0].str, depth+1)
		if err != nil {
			return nil, err
		}
		if b {
			return r.resolve(arg.list[1], path, depth+1)
		}
		return r.resolve(arg.list[2], path, depth+1)
	case name == "Fn::Join":
		return r.join(arg, path, depth)
	case name == "Fn::Sub":
		return r.sub(arg, path, depth)
	case unsupportedFn(name):
		return nil, notSimulated("the intrinsic function " + name)
	case conditionFn(name):
		return nil, templateErr("Template error: " + name + " can only be used in the Conditions section (found at " + path + ")")
	}
	return nil, templateErr("Template format error: Encountered unsupported function: " + name)
}

func (r *resolver) join(arg *node, path string, depth int) (*node, error) {
	bad := templateErr("Template error: every Fn::Join object requires two parameters, (1) a string delimiter and (2) a list of strings to be joined or a function that returns a list of strings (such as Fn::GetAZs) to be joined.")
	if arg.kind != kindList || len(arg.list) != 2 || arg.list[0].kind != kindScalar {
		return nil, bad
	}
	items, err := r.resolve(arg.list[1], path, depth+1)
	if err != nil {
		return nil, err
	}
	if items.kind != kindList {
		return nil, bad
	}
	parts := make([]string, len(items.list))
	for i, it := range items.list {
		if it.kind != kindScalar {
			return nil, bad
		}
		parts[i] = it.str
	}
	return capped(strings.Join(parts, arg.list[0].str), path)
}

func (r *resolver) sub(arg *node, path string, depth int) (*node, error) {
	bad := templateErr("Template error: One or more Fn::Sub intrinsic functions don't specify expected arguments. Specify a string as first argument, and an optional second argument to specify a mapping of values to replace in the string")
	var text string
	vars := map[string]*node{}
	switch {
	case arg.kind == kindScalar:
		text = arg.str
	case arg.kind == kindList && len(arg.list) == 2 && arg.list[0].kind == kindScalar && arg.list[1].kind == kindMap:
		text = arg.list[0].str
		for _, k := range arg.list[1].keys {
			v, err := r.resolve(arg.list[1].m[k], path+"/"+k, depth+1)
			if err != nil {
				return nil, err
			}
			vars[k] = v
		}
	default:
		return nil, bad
	}
	var b strings.Builder
	for {
		i := strings.Index(text, "${")
		if i < 0 {
			b.WriteString(text)
			break
		}
		j := strings.IndexByte(text[i:], '}')
		if j < 0 {
			b.WriteString(text)
			break
		}
		b.WriteString(text[:i])
		name := text[i+2 : i+j]
		text = text[i+j+1:]
		if strings.HasPrefix(name, "!") {
			b.WriteString("${" + name[1:] + "}") // ${!Literal} writes ${Literal}
			continue
		}
		v, ok := vars[name]
		if !ok {
			if strings.Contains(name, ".") && !strings.HasPrefix(name, "AWS::") {
				return nil, notSimulated("the intrinsic function Fn::GetAtt (as ${" + name + "} in Fn::Sub)")
			}
			var err error
			if v, err = r.ref(name, depth+1); err != nil {
				return nil, err
			}
		}
		if v.kind != kindScalar {
			return nil, templateErr("Template error: variable " + name + " in Fn::Sub expression does not resolve to a string")
		}
		b.WriteString(v.str)
		if b.Len() > maxValueBytes {
			break
		}
	}
	return capped(b.String(), path)
}

func capped(s, path string) (*node, error) {
	if len(s) > maxValueBytes {
		return nil, templateErr("Template format error: [" + path + "] resolves to a value over " + itoa(maxValueBytes) + " bytes")
	}
	return scalar(s), nil
}

// condition evaluates the named condition of the Conditions section.
func (r *resolver) condition(name string, depth int) (bool, error) {
	switch r.conds[name] {
	case condTrue:
		return true, nil
	case condFalse:
		return false, nil
	case condVisiting:
		return false, templateErr("Template error: found circular condition dependency " + name)
	}
	def := r.condDefs.get(name)
	if def == nil {
		return false, templateErr("Template error: unresolved condition dependency " + name + " in Fn::If")
	}
	r.conds[name] = condVisiting
	b, err := r.evalCond(def, "/Conditions/"+name, depth+1)
	if err != nil {
		return false, err
	}
	r.conds[name] = condFalse
	if b {
		r.conds[name] = condTrue
	}
	return b, nil
}

func (r *resolver) evalCond(n *node, path string, depth int) (bool, error) {
	if depth > maxDepth {
		return false, templateErr("Template format error: [" + path + "] is nested too deeply.")
	}
	name, arg, ok := n.fn()
	if !ok {
		return false, templateErr("Template format error: [" + path + "] a condition must be Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition")
	}
	switch name {
	case "Condition":
		if arg.kind != kindScalar {
			return false, templateErr("Template format error: [" + path + "] Condition must name a condition")
		}
		return r.condition(arg.str, depth+1)
	case "Fn::Equals":
		if arg.kind != kindList || len(arg.list) != 2 {
			return false, templateErr("Template error: every Fn::Equals object requires a list of 2 string parameters.")
		}
		var vals [2]string
		for i, x := range arg.list {
			v, err := r.resolve(x, path, depth+1)
			if err != nil {
				return false, err
			}
			if v.kind != kindScalar {
				return false, templateErr("Template error: every Fn::Equals object requires a list of 2 string parameters.")
			}
			vals[i] = v.str
		}
		return vals[0] == vals[1], nil
	case "Fn::Not":
		if arg.kind != kindList || len(arg.list) != 1 {
			return false, templateErr("Template error: every Fn::Not object requires a list of 1 condition")
		}
		b, err := r.evalCond(arg.list[0], path, depth+1)
		return !b, err
	case "Fn::And", "Fn::Or":
		if arg.kind != kindList || len(arg.list) < 2 || len(arg.list) > 10 {
			return false, templateErr("Template error: every " + name + " object requires a list of at least 2 and at most 10 conditions")
		}
		and := name == "Fn::And"
		res := and
		for _, x := range arg.list { // every operand is checked, as CloudFormation validates them all
			b, err := r.evalCond(x, path, depth+1)
			if err != nil {
				return false, err
			}
			if and {
				res = res && b
			} else {
				res = res || b
			}
		}
		return res, nil
	}
	if unsupportedFn(name) {
		return false, notSimulated("the intrinsic function " + name)
	}
	return false, templateErr("Template format error: [" + path + "] " + name + " cannot be used as a condition")
}
