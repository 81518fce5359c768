package conformance

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/watchsim/watchsim/internal/awserr"
)

// Resource types a conformance pack template may hold (API reference, PutConformancePack
// TemplateBody).
const (
	TypeConfigRule  = "AWS::Config::ConfigRule"
	TypeRemediation = "AWS::Config::RemediationConfiguration"
)

// InputParameter is one ConformancePackInputParameter: it overrides the Default of the template
// parameter of that name.
type InputParameter struct {
	ParameterName  string `json:"ParameterName"`
	ParameterValue string `json:"ParameterValue"`
}

// Parameter is one template parameter with the value the pack was deployed with.
type Parameter struct {
	Name string
	Type string
	// Value is the input parameter's value, or the Default. List types keep the comma-separated
	// text.
	Value string
}

// Pack is a parsed conformance pack template: the rules and remediation configurations it
// deploys, in template order, with every parameter, condition and function resolved.
type Pack struct {
	Description  string
	Parameters   []Parameter // in template order
	Rules        []Rule
	Remediations []Remediation
}

// Env supplies the values of the pseudo parameters AWS::AccountId, AWS::Region and
// AWS::Partition. A template that refers to one the Env leaves empty is refused (NotSimulated).
type Env struct {
	AccountID string
	Region    string
	Partition string
}

// Parse reads a conformance pack template with no pseudo parameters; see [Env.Parse].
func Parse(templateBody string, inputs []InputParameter) (*Pack, error) {
	return Env{}.Parse(templateBody, inputs)
}

// Parse reads a conformance pack template (JSON when the body starts with '{' and reads as JSON,
// YAML otherwise) with its input parameters. Errors are *awserr.Error values with AWS's codes (ValidationException for the
// request members' limits, InvalidParameterValueException for a repeated input parameter,
// ConformancePackTemplateValidationException for the template) or *awserr.NotSimulatedError for
// valid CloudFormation that watchsim does not evaluate.
//
// AWS validates the template when PutConformancePack is called and deploys the rules afterwards;
// a rule property AWS's schema refuses (an unknown MaximumExecutionFrequency, a Description over
// 256 characters) fails the deployment there (ConformancePackState CREATE_FAILED). Parse refuses
// such a template at once, with the property named, so that every accepted Pack holds rules whose
// shape is valid ([Rule.Validate]); whether a managed rule exists or a Lambda function can be
// invoked is left to the service's PutConfigRule.
func (e Env) Parse(templateBody string, inputs []InputParameter) (*Pack, error) {
	if v, bad := awserr.LengthViolation(templateBody, "templateBody", 1, MaxTemplateBodyBytes); bad || len(templateBody) > MaxTemplateBodyBytes {
		if !bad {
			v = awserr.Violation{Member: "templateBody", Constraint: "Member must have length less than or equal to " + itoa(MaxTemplateBodyBytes)}
		}
		v.Value, v.NoValue = "", !v.Null
		return nil, awserr.ClientError(CodeValidation, awserr.ValidationMessage(v))
	}
	return e.parse(templateBody, inputs)
}

// ParseS3Object is [Env.Parse] for a template the service read from TemplateS3Uri: the object may
// hold up to [MaxTemplateS3Bytes] (300 KB) instead of TemplateBody's 51,200 bytes; a larger or
// empty object is a ConformancePackTemplateValidationException.
func (e Env) ParseS3Object(object string, inputs []InputParameter) (*Pack, error) {
	if len(object) > MaxTemplateS3Bytes {
		return nil, templateErr("Template format error: the template object is larger than 300 KB")
	}
	return e.parse(object, inputs)
}

func (e Env) parse(templateBody string, inputs []InputParameter) (*Pack, error) {
	in, err := checkInputs(inputs)
	if err != nil {
		return nil, err
	}
	root, err := readTemplate(templateBody)
	if err != nil {
		return nil, err
	}
	if root.kind != kindMap {
		return nil, templateErr("Template format error: unsupported structure.")
	}
	r := &resolver{env: e, params: map[string]*node{}, conds: map[string]uint8{}, included: map[string]bool{}, names: map[string]*node{}}
	p := &Pack{}
	for _, k := range root.keys {
		v := root.m[k]
		switch k {
		case "AWSTemplateFormatVersion":
			if v.kind != kindScalar || v.str != "2010-09-09" {
				return nil, templateErr("Template format error: Unsupported template version")
			}
		case "Description":
			if v.kind != kindScalar {
				return nil, templateErr("Template format error: Every Description member must be a string.")
			}
			if len(v.str) > 1024 {
				return nil, templateErr("Template format error: The template description must be at most 1024 bytes.")
			}
			p.Description = v.str
		case "Metadata": // information only: CloudFormation gives it no behaviour either
		case "Parameters", "Conditions", "Resources":
			if v.kind != kindMap {
				return nil, templateErr("Template format error: " + k + " must be an object")
			}
		case "Mappings", "Outputs", "Rules", "Transform":
			return nil, notSimulated("the template section " + k)
		default:
			return nil, templateErr("Template format error: Invalid template property or properties [" + k + "]")
		}
	}
	if p.Parameters, err = r.parameters(root.get("Parameters"), in); err != nil {
		return nil, err
	}
	r.condDefs = root.get("Conditions")
	if r.condDefs == nil {
		r.condDefs = newMap()
	}
	for _, name := range r.condDefs.keys { // every condition is evaluated once, used or not
		if _, err := r.condition(name, 0); err != nil {
			return nil, err
		}
	}
	r.res = root.get("Resources")
	if r.res == nil || len(r.res.keys) == 0 {
		return nil, templateErr("Template format error: At least one Resources member must be defined.")
	}
	if err := r.resources(p); err != nil {
		return nil, err
	}
	return p, nil
}

// checkInputs applies the request limits of ConformancePackInputParameters.
func checkInputs(inputs []InputParameter) (map[string]string, error) {
	if len(inputs) > MaxInputParameters {
		return nil, awserr.ClientError(CodeValidation, awserr.ValidationMessage(awserr.Violation{NoValue: true,
			Member: "conformancePackInputParameters", Constraint: "Member must have length less than or equal to " + itoa(MaxInputParameters)}))
	}
	in := make(map[string]string, len(inputs))
	for i, ip := range inputs {
		member := "conformancePackInputParameters." + itoa(i+1) + ".member."
		if v, bad := awserr.LengthViolation(ip.ParameterName, member+"parameterName", 0, MaxParameterNameLength); bad {
			return nil, awserr.ClientError(CodeValidation, awserr.ValidationMessage(v))
		}
		if v, bad := awserr.LengthViolation(ip.ParameterValue, member+"parameterValue", 0, MaxParameterValueLength); bad {
			v.Value, v.NoValue = "", true
			return nil, awserr.ClientError(CodeValidation, awserr.ValidationMessage(v))
		}
		if _, dup := in[ip.ParameterName]; dup {
			return nil, awserr.ClientError(CodeInvalidParameterValue, "The ConformancePackInputParameters hold the parameter "+ip.ParameterName+" more than once.")
		}
		in[ip.ParameterName] = ip.ParameterValue
	}
	return in, nil
}

// parameterType classifies a parameter Type: list types give a list to Ref, number types are
// checked as numbers. The Developer Guide's rule-parameter types (int, double, CSV, boolean,
// StringMap) are taken as strings, as AWS passes rule parameters as strings.
func parameterType(t string) (list, number bool, err error) {
	switch t {
	case "String", "int", "double", "CSV", "boolean", "StringMap":
		return false, false, nil
	case "Number":
		return false, true, nil
	case "CommaDelimitedList":
		return true, false, nil
	case "List<Number>":
		return true, true, nil
	}
	if strings.HasPrefix(t, "AWS::") || strings.HasPrefix(t, "List<AWS::") {
		return false, false, notSimulated("the parameter type " + t)
	}
	return false, false, templateErr("Template format error: Unrecognized parameter type: " + t)
}

func (r *resolver) parameters(sec *node, in map[string]string) ([]Parameter, error) {
	var out []Parameter
	var missing []string
	if sec != nil {
		for _, name := range sec.keys {
			if !alphanumeric(name) {
				return nil, templateErr("Template format error: Parameter name " + name + " is non alphanumeric.")
			}
			def := sec.m[name]
			if def.kind != kindMap {
				return nil, templateErr("Template format error: Parameter " + name + " must be an object")
			}
			for _, a := range def.keys {
				switch a {
				case "Type", "Default", "Description", "AllowedValues", "AllowedPattern", "MinLength", "MaxLength",
					"MinValue", "MaxValue", "ConstraintDescription", "NoEcho":
					if a != "AllowedValues" && def.m[a].kind != kindScalar {
						return nil, templateErr("Template format error: Every " + a + " member of parameter " + name + " must be a string")
					}
				default:
					return nil, templateErr("Template format error: Invalid template parameter property '" + a + "'")
				}
			}
			typ := def.get("Type")
			if typ == nil {
				return nil, templateErr("Template format error: Every Parameters object must contain a Type member.")
			}
			list, number, err := parameterType(typ.str)
			if err != nil {
				return nil, err
			}
			val, ok := in[name]
			if !ok {
				d := def.get("Default")
				if d == nil {
					missing = append(missing, name)
					continue
				}
				val = d.str
			}
			if err := checkConstraints(name, def, val, list, number); err != nil {
				return nil, err
			}
			v := scalar(val)
			if list {
				v = &node{kind: kindList}
				for _, part := range strings.Split(val, ",") {
					v.list = append(v.list, scalar(strings.TrimSpace(part)))
				}
			}
			r.params[name] = v
			out = append(out, Parameter{Name: name, Type: typ.str, Value: val})
		}
	}
	if len(missing) > 0 {
		return nil, templateErr("Parameters: [" + strings.Join(missing, ", ") + "] must have values")
	}
	var unknown []string
	for name := range in {
		if _, ok := r.params[name]; !ok {
			unknown = append(unknown, name)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return nil, templateErr("Parameters: [" + strings.Join(unknown, ", ") + "] do not exist in the template")
	}
	return out, nil
}

// checkConstraints applies a parameter's AllowedValues, AllowedPattern, MinLength, MaxLength,
// MinValue and MaxValue, with CloudFormation's messages (or "failed to satisfy constraint:
// <ConstraintDescription>" when the template gives one).
func checkConstraints(name string, def *node, val string, list, number bool) error {
	fail := func(msg string) error {
		if cd := def.get("ConstraintDescription"); cd != nil {
			msg = "Parameter '" + name + "' failed to satisfy constraint: " + cd.str
		}
		return templateErr(msg)
	}
	values := []string{val}
	if list {
		values = strings.Split(val, ",")
		for i := range values {
			values[i] = strings.TrimSpace(values[i])
		}
	}
	for _, v := range values {
		if number {
			if _, err := strconv.ParseFloat(v, 64); err != nil {
				return templateErr("Parameter '" + name + "' must be a number.")
			}
		}
		if av := def.get("AllowedValues"); av != nil {
			if av.kind != kindList {
				return templateErr("Template format error: Every AllowedValues member of parameter " + name + " must be a list")
			}
			found := false
			for _, a := range av.list {
				found = found || (a.kind == kindScalar && a.str == v)
			}
			if !found {
				return fail("Parameter '" + name + "' must be one of AllowedValues")
			}
		}
		if ap := def.get("AllowedPattern"); ap != nil {
			re, err := regexp.Compile("^(?:" + ap.str + ")$")
			if err != nil {
				return notSimulated("the AllowedPattern " + ap.str + " of parameter " + name + " (not an RE2 expression)")
			}
			if !re.MatchString(v) {
				return fail("Parameter '" + name + "' must match pattern " + ap.str)
			}
		}
	}
	bound := func(attr string) (float64, bool, error) {
		b := def.get(attr)
		if b == nil {
			return 0, false, nil
		}
		f, err := strconv.ParseFloat(b.str, 64)
		if err != nil {
			return 0, false, templateErr("Template format error: " + attr + " of parameter " + name + " must be a number")
		}
		return f, true, nil
	}
	for _, c := range []struct {
		attr string
		bad  func(lim float64) bool
		msg  string
	}{
		{"MinLength", func(l float64) bool { return float64(len(val)) < l }, "must contain at least %s characters"},
		{"MaxLength", func(l float64) bool { return float64(len(val)) > l }, "must contain at most %s characters"},
		{"MinValue", func(l float64) bool { f, _ := strconv.ParseFloat(val, 64); return number && !list && f < l }, "must be a number not less than %s"},
		{"MaxValue", func(l float64) bool { f, _ := strconv.ParseFloat(val, 64); return number && !list && f > l }, "must be a number not greater than %s"},
	} {
		lim, ok, err := bound(c.attr)
		if err != nil {
			return err
		}
		if ok && c.bad(lim) {
			return fail("Parameter '" + name + "' " + strings.Replace(c.msg, "%s", def.get(c.attr).str, 1))
		}
	}
	return nil
}

// resources reads the Resources section into the pack.
func (r *resolver) resources(p *Pack) error {
	rules := 0
	if len(r.res.keys) > MaxResources {
		return templateErr("Template format error: Number of resources, " + itoa(len(r.res.keys)) + ", is greater than maximum allowed, " + itoa(MaxResources))
	}
	for _, id := range r.res.keys {
		res := r.res.m[id]
		if !alphanumeric(id) {
			return templateErr("Template format error: Resource name " + id + " is non alphanumeric.")
		}
		if _, clash := r.params[id]; clash {
			return templateErr("Template format error: the logical ID " + id + " names both a parameter and a resource")
		}
		if res.kind != kindMap {
			return templateErr("Template format error: [/Resources/" + id + "] Every Resources object must be an object")
		}
		typ := res.get("Type")
		if typ == nil || typ.kind != kindScalar {
			return templateErr("Template format error: [/Resources/" + id + "] Every Resources object must contain a Type member.")
		}
		switch typ.str {
		case TypeConfigRule:
			rules++
		case TypeRemediation:
		default:
			return templateErr("Template format error: Unrecognized resource types: [" + typ.str + "]")
		}
		for _, a := range res.keys {
			switch a {
			case "Type", "Properties", "Condition", "DependsOn", "Metadata":
			case "DeletionPolicy", "UpdateReplacePolicy", "CreationPolicy", "UpdatePolicy":
				return notSimulated("the resource attribute " + a + " (resource " + id + ")")
			default:
				return templateErr("Template format error: Invalid resource attribute " + a + " (resource " + id + ")")
			}
		}
	}
	if rules > MaxRulesPerPack {
		return templateErr("Number of resources provided in the template exceeds the allowed limit")
	}
	// Conditions first, so that a Ref to a resource left out reads as unresolved.
	for _, id := range r.res.keys {
		res := r.res.m[id]
		r.included[id] = true
		if c := res.get("Condition"); c != nil {
			if c.kind != kindScalar {
				return templateErr("Template format error: [/Resources/" + id + "/Condition] must be a string")
			}
			if r.condDefs.get(c.str) == nil {
				return templateErr("Template format error: Unresolved condition dependency " + c.str + " in resource " + id)
			}
			b, err := r.condition(c.str, 0)
			if err != nil {
				return err
			}
			r.included[id] = b
		}
		if d := res.get("DependsOn"); d != nil {
			deps := []*node{d}
			if d.kind == kindList {
				deps = d.list
			}
			for _, x := range deps {
				if x.kind != kindScalar || r.res.get(x.str) == nil {
					return unresolved(x.str)
				}
			}
		}
	}
	names := map[string]string{} // rule name → logical id
	for _, id := range r.res.keys {
		res := r.res.m[id]
		if !r.included[id] || res.get("Type").str != TypeConfigRule {
			continue
		}
		rule, err := r.rule(id, res.get("Properties"))
		if err != nil {
			return err
		}
		if other, dup := names[rule.ConfigRuleName]; dup {
			return templateErr("Template format error: resources " + other + " and " + id + " have the same ConfigRuleName " + rule.ConfigRuleName)
		}
		names[rule.ConfigRuleName] = id
		p.Rules = append(p.Rules, *rule)
	}
	seen := map[string]string{}
	for _, id := range r.res.keys {
		res := r.res.m[id]
		if !r.included[id] || res.get("Type").str != TypeRemediation {
			continue
		}
		rem, err := r.remediation(id, res.get("Properties"))
		if err != nil {
			return err
		}
		if _, ok := names[rem.ConfigRuleName]; !ok {
			return templateErr("Template format error: the remediation " + id + " names the rule " + rem.ConfigRuleName + ", which the template does not deploy")
		}
		key := rem.ConfigRuleName + "\x00" + rem.ResourceType
		if other, dup := seen[key]; dup {
			return templateErr("Template format error: remediations " + other + " and " + id + " are for the same rule and resource type")
		}
		seen[key] = id
		p.Remediations = append(p.Remediations, *rem)
	}
	return nil
}

// alphanumeric reports whether a logical ID is CloudFormation's [A-Za-z0-9]+.
func alphanumeric(id string) bool {
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return id != ""
}
