package config

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Conformance-pack templates: the CloudFormation subset AWS Config accepts
// ("Conformance Pack Sample Templates",
// https://docs.aws.amazon.com/config/latest/developerguide/conformancepack-sample-templates.html) —
// Parameters (with Default), Conditions (Fn::Equals, Fn::Not, Fn::And, Fn::Or, Condition), and
// Resources of type AWS::Config::ConfigRule and AWS::Config::RemediationConfiguration whose
// properties may use Ref (a parameter, AWS::NoValue, AWS::AccountId, AWS::Region, AWS::Partition)
// and Fn::If, in long or short (!Ref) form. YAML (JSON is YAML) is read with go.yaml.in/yaml/v3.
// Other intrinsic functions are refused.

// MaxPackRules is the number of rules one conformance pack may hold.
const MaxPackRules = 130

// templateResource is one resource of a template, its properties resolved.
type templateResource struct {
	logicalID string
	typ       string
	props     map[string]any
}

// templateError is a ConformancePackTemplateValidationException message.
type templateError struct{ msg string }

func (e *templateError) Error() string { return e.msg }

func tplErr(format string, args ...any) error {
	return &templateError{msg: fmt.Sprintf(format, args...)}
}

// yamlValue converts a YAML node into plain values (map[string]any, []any, string, bool, float64,
// nil), the short-form intrinsic tags into their long form.
func yamlValue(n *yaml.Node, depth int) (any, error) {
	if depth > 100 {
		return nil, tplErr("The template is nested too deeply.")
	}
	var v any
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return yamlValue(n.Content[0], depth+1)
	case yaml.AliasNode:
		return yamlValue(n.Alias, depth+1)
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i].Value
			if _, dup := m[k]; dup {
				return nil, tplErr("The template has a duplicate key %s.", k)
			}
			val, err := yamlValue(n.Content[i+1], depth+1)
			if err != nil {
				return nil, err
			}
			m[k] = val
		}
		v = m
	case yaml.SequenceNode:
		l := []any{}
		for _, c := range n.Content {
			val, err := yamlValue(c, depth+1)
			if err != nil {
				return nil, err
			}
			l = append(l, val)
		}
		v = l
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			v = nil
		case "!!bool":
			b, _ := strconv.ParseBool(strings.ToLower(n.Value))
			v = b
		case "!!int", "!!float":
			f, err := strconv.ParseFloat(n.Value, 64)
			if err != nil {
				v = n.Value
			} else {
				v = f
			}
		default:
			v = n.Value
		}
	}
	switch n.Tag {
	case "!Ref", "!Condition":
		return map[string]any{strings.TrimPrefix(n.Tag, "!"): v}, nil
	case "!If", "!Equals", "!Not", "!And", "!Or":
		return map[string]any{"Fn::" + strings.TrimPrefix(n.Tag, "!"): v}, nil
	}
	if strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!") {
		return nil, tplErr("The intrinsic function %s is not supported in conformance pack templates.", n.Tag)
	}
	return v, nil
}

// templateEnv resolves references while a template is read.
type templateEnv struct {
	params     map[string]string
	conditions map[string]any
	condCache  map[string]bool
	account    string
	region     string
	partition  string
}

// noValue marks a property removed by Ref AWS::NoValue.
type noValue struct{}

func (e *templateEnv) ref(name string) (any, error) {
	switch name {
	case "AWS::NoValue":
		return noValue{}, nil
	case "AWS::AccountId":
		return e.account, nil
	case "AWS::Region":
		return e.region, nil
	case "AWS::Partition":
		return e.partition, nil
	}
	if v, ok := e.params[name]; ok {
		return v, nil
	}
	return nil, tplErr("Unresolved resource dependencies [%s] in the Resources block of the template", name)
}

func (e *templateEnv) condition(name string, depth int) (bool, error) {
	if b, ok := e.condCache[name]; ok {
		return b, nil
	}
	c, ok := e.conditions[name]
	if !ok {
		return false, tplErr("Condition %s is not defined in the template.", name)
	}
	b, err := e.evalCondition(c, depth+1)
	if err != nil {
		return false, err
	}
	e.condCache[name] = b
	return b, nil
}

func asList(v any, n int, fn string) ([]any, error) {
	l, ok := v.([]any)
	if !ok || (n > 0 && len(l) != n) {
		return nil, tplErr("Template error: %s takes a list of %d arguments.", fn, n)
	}
	return l, nil
}

func (e *templateEnv) evalCondition(c any, depth int) (bool, error) {
	if depth > 50 {
		return false, tplErr("The template's conditions are nested too deeply (or circular).")
	}
	m, ok := c.(map[string]any)
	if !ok || len(m) != 1 {
		return false, tplErr("Template error: a condition must be one function.")
	}
	for fn, arg := range m {
		switch fn {
		case "Condition":
			name, _ := arg.(string)
			return e.condition(name, depth)
		case "Fn::Equals":
			l, err := asList(arg, 2, fn)
			if err != nil {
				return false, err
			}
			var vals [2]string
			for i, x := range l {
				r, err := e.resolve(x, depth+1)
				if err != nil {
					return false, err
				}
				vals[i] = scalarString(r)
			}
			return vals[0] == vals[1], nil
		case "Fn::Not":
			l, err := asList(arg, 1, fn)
			if err != nil {
				return false, err
			}
			b, err := e.evalCondition(l[0], depth+1)
			return !b, err
		case "Fn::And", "Fn::Or":
			l, err := asList(arg, 0, fn)
			if err != nil {
				return false, err
			}
			if len(l) < 2 || len(l) > 10 {
				return false, tplErr("Template error: %s takes 2 to 10 conditions.", fn)
			}
			and := fn == "Fn::And"
			for _, x := range l {
				b, err := e.evalCondition(x, depth+1)
				if err != nil {
					return false, err
				}
				if and && !b {
					return false, nil
				}
				if !and && b {
					return true, nil
				}
			}
			return and, nil
		}
		return false, tplErr("Template error: %s is not a condition function.", fn)
	}
	return false, nil
}

func scalarString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

// resolve replaces Ref and Fn::If in a property value.
func (e *templateEnv) resolve(v any, depth int) (any, error) {
	if depth > 100 {
		return nil, tplErr("The template is nested too deeply.")
	}
	switch x := v.(type) {
	case map[string]any:
		if len(x) == 1 {
			for fn, arg := range x {
				switch fn {
				case "Ref":
					name, _ := arg.(string)
					return e.ref(name)
				case "Fn::If":
					l, err := asList(arg, 3, fn)
					if err != nil {
						return nil, err
					}
					name, _ := l[0].(string)
					b, err := e.condition(name, depth)
					if err != nil {
						return nil, err
					}
					if b {
						return e.resolve(l[1], depth+1)
					}
					return e.resolve(l[2], depth+1)
				}
				if strings.HasPrefix(fn, "Fn::") {
					return nil, tplErr("The intrinsic function %s is not supported in conformance pack templates.", fn)
				}
			}
		}
		out := map[string]any{}
		for k, val := range x {
			if len(x) > 1 && (k == "Ref" || k == "Condition" || strings.HasPrefix(k, "Fn::")) {
				return nil, tplErr("Template error: %s must be the only key of its map.", k)
			}
			r, err := e.resolve(val, depth+1)
			if err != nil {
				return nil, err
			}
			if _, drop := r.(noValue); !drop {
				out[k] = r
			}
		}
		return out, nil
	case []any:
		out := make([]any, 0, len(x))
		for _, val := range x {
			r, err := e.resolve(val, depth+1)
			if err != nil {
				return nil, err
			}
			if _, drop := r.(noValue); !drop {
				out = append(out, r)
			}
		}
		return out, nil
	}
	return v, nil
}

// parseTemplate reads a conformance-pack template with its input parameters and returns its
// resources in logical-id order.
func parseTemplate(body string, inputs map[string]string, account, region, partition string) ([]templateResource, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(body), &doc); err != nil {
		return nil, tplErr("Template is not valid YAML or JSON: %v", err)
	}
	root, err := yamlValue(&doc, 0)
	if err != nil {
		return nil, err
	}
	top, ok := root.(map[string]any)
	if !ok {
		return nil, tplErr("Template format error: the template must be a map.")
	}
	for k := range top {
		switch k {
		case "AWSTemplateFormatVersion", "Description", "Metadata", "Parameters", "Conditions", "Resources":
		default:
			return nil, tplErr("Template format error: %s is not a supported section of a conformance pack template.", k)
		}
	}
	env := &templateEnv{params: map[string]string{}, conditions: map[string]any{}, condCache: map[string]bool{}, account: account, region: region, partition: partition}
	if ps, ok := top["Parameters"].(map[string]any); ok {
		for name, p := range ps {
			pm, _ := p.(map[string]any)
			if v, ok := inputs[name]; ok {
				env.params[name] = v
				continue
			}
			d, has := pm["Default"]
			if !has {
				return nil, tplErr("Parameters: [%s] must have values", name)
			}
			env.params[name] = scalarString(d)
		}
	}
	for name := range inputs {
		if _, ok := env.params[name]; !ok {
			return nil, tplErr("Parameters: [%s] do not exist in the template", name)
		}
	}
	if cs, ok := top["Conditions"].(map[string]any); ok {
		env.conditions = cs
	}
	rs, ok := top["Resources"].(map[string]any)
	if !ok || len(rs) == 0 {
		return nil, tplErr("Template format error: At least one Resources member must be defined.")
	}
	if len(rs) > MaxPackRules {
		return nil, tplErr("Number of resources provided in the template exceeds the allowed limit")
	}
	ids := make([]string, 0, len(rs))
	for id := range rs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var out []templateResource
	for _, id := range ids {
		r, ok := rs[id].(map[string]any)
		if !ok {
			return nil, tplErr("Template format error: resource %s must be a map.", id)
		}
		typ, _ := r["Type"].(string)
		if typ != "AWS::Config::ConfigRule" && typ != "AWS::Config::RemediationConfiguration" {
			return nil, tplErr("Template format error: resource %s of type %s: only AWS::Config::ConfigRule and AWS::Config::RemediationConfiguration are allowed.", id, typ)
		}
		if c, ok := r["Condition"].(string); ok {
			b, err := env.condition(c, 0)
			if err != nil {
				return nil, err
			}
			if !b {
				continue
			}
		}
		props, err := env.resolve(r["Properties"], 0)
		if err != nil {
			return nil, err
		}
		pm, _ := props.(map[string]any)
		if pm == nil {
			return nil, tplErr("Template format error: resource %s has no Properties.", id)
		}
		out = append(out, templateResource{logicalID: id, typ: typ, props: pm})
	}
	return out, nil
}
