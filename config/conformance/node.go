package conformance

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The template as a tree of nodes. YAML and JSON bodies read into the same tree: every scalar is
// kept as its text (CloudFormation compares and substitutes parameter values as strings), null is
// its own kind, mappings keep their key order, and the YAML short-form intrinsic tags (!Ref, !If,
// !Sub, …) become their long forms ({"Ref": …}, {"Fn::If": …}, …), as CloudFormation reads them
// ("Intrinsic function reference",
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference.html).

type kind uint8

const (
	kindNull kind = iota
	kindScalar
	kindMap
	kindList
	kindNoValue // the result of Ref AWS::NoValue: the property or list element is removed
)

// node is one value of the template.
type node struct {
	kind kind
	str  string           // kindScalar
	keys []string         // kindMap, in document order
	m    map[string]*node // kindMap
	list []*node          // kindList
}

func scalar(s string) *node { return &node{kind: kindScalar, str: s} }

func newMap() *node { return &node{kind: kindMap, m: map[string]*node{}} }

// set adds a key to a map node; it reports false for a duplicate key.
func (n *node) set(k string, v *node) bool {
	if _, dup := n.m[k]; dup {
		return false
	}
	n.keys = append(n.keys, k)
	n.m[k] = v
	return true
}

// get returns the value of key k of a map node, or nil.
func (n *node) get(k string) *node {
	if n == nil || n.kind != kindMap {
		return nil
	}
	return n.m[k]
}

// fn returns the name and argument of an intrinsic function call: a map with exactly one key that
// is "Ref", "Condition" or starts with "Fn::".
func (n *node) fn() (string, *node, bool) {
	if n == nil || n.kind != kindMap || len(n.keys) != 1 {
		return "", nil, false
	}
	k := n.keys[0]
	if k == "Ref" || k == "Condition" || strings.HasPrefix(k, "Fn::") {
		return k, n.m[k], true
	}
	return "", nil, false
}

// maxNodes bounds the tree a template may expand to (YAML aliases can multiply a small body).
const maxNodes = 200_000

// maxDepth bounds nesting.
const maxDepth = 64

// shortForms maps the YAML short-form tags to the long-form function names.
func shortForm(tag string) (string, bool) {
	switch tag {
	case "!Ref":
		return "Ref", true
	case "!Condition":
		return "Condition", true
	case "!If", "!Equals", "!Not", "!And", "!Or", "!Join", "!Sub", "!GetAtt", "!Select", "!Split",
		"!FindInMap", "!Base64", "!Cidr", "!GetAZs", "!ImportValue", "!Transform", "!Length", "!ToJsonString":
		return "Fn::" + tag[1:], true
	}
	return "", false
}

// readTemplate reads a template body: as JSON when it starts with '{' (and, if that fails, as YAML,
// of which a flow mapping also starts with '{'; the JSON error is reported when both fail), as YAML
// otherwise.
func readTemplate(body string) (*node, error) {
	if strings.HasPrefix(strings.TrimLeft(body, " \t\r\n\ufeff"), "{") {
		n, err := readJSON(body)
		if err == nil {
			return n, nil
		}
		if y, yerr := readYAML(body); yerr == nil {
			return y, nil
		}
		return nil, err
	}
	return readYAML(body)
}

func readYAML(body string) (*node, error) {
	dec := yaml.NewDecoder(strings.NewReader(body))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, templateErr("Template format error: At least one Resources member must be defined.")
		}
		return nil, templateErr("Template format error: YAML not well-formed. " + err.Error())
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return nil, templateErr("Template format error: YAML not well-formed. A template holds one YAML document.")
	}
	b := &yamlBuilder{}
	return b.build(&doc, 0)
}

type yamlBuilder struct{ count int }

func (b *yamlBuilder) build(y *yaml.Node, depth int) (*node, error) {
	b.count++
	if b.count > maxNodes || depth > maxDepth {
		return nil, templateErr("Template format error: the template is nested too deeply or expands to too many values.")
	}
	var n *node
	switch y.Kind {
	case yaml.DocumentNode:
		if len(y.Content) == 0 {
			return &node{kind: kindNull}, nil
		}
		return b.build(y.Content[0], depth+1)
	case yaml.AliasNode:
		return b.build(y.Alias, depth+1)
	case yaml.ScalarNode:
		if y.ShortTag() == "!!null" {
			n = &node{kind: kindNull}
		} else {
			n = scalar(y.Value)
		}
	case yaml.MappingNode:
		n = newMap()
		for i := 0; i+1 < len(y.Content); i += 2 {
			k := y.Content[i]
			if k.ShortTag() == "!!merge" {
				return nil, notSimulated("YAML merge keys (<<) in conformance pack templates")
			}
			if k.Kind != yaml.ScalarNode {
				return nil, templateErr("Template format error: YAML not well-formed. A mapping key must be a string (line " + itoa(k.Line) + ").")
			}
			v, err := b.build(y.Content[i+1], depth+1)
			if err != nil {
				return nil, err
			}
			if !n.set(k.Value, v) {
				return nil, templateErr("Template format error: YAML not well-formed. Duplicate key " + k.Value + " (line " + itoa(k.Line) + ").")
			}
		}
	case yaml.SequenceNode:
		n = &node{kind: kindList, list: make([]*node, 0, len(y.Content))}
		for _, c := range y.Content {
			v, err := b.build(c, depth+1)
			if err != nil {
				return nil, err
			}
			n.list = append(n.list, v)
		}
	default:
		return nil, templateErr("Template format error: YAML not well-formed.")
	}
	tag := y.Tag
	if tag == "" || strings.HasPrefix(tag, "!!") || tag == "!" || strings.HasPrefix(tag, "tag:yaml.org,2002:") {
		return n, nil
	}
	name, ok := shortForm(tag)
	if !ok {
		return nil, templateErr("Template format error: YAML not well-formed. Unknown tag " + tag + " (line " + itoa(y.Line) + ").")
	}
	if name == "Fn::GetAtt" && n.kind == kindScalar {
		// !GetAtt Resource.Attribute is the long form's [Resource, Attribute].
		res, attr, _ := strings.Cut(n.str, ".")
		n = &node{kind: kindList, list: []*node{scalar(res), scalar(attr)}}
	}
	f := newMap()
	f.set(name, n)
	return f, nil
}

func readJSON(body string) (*node, error) {
	dec := json.NewDecoder(strings.NewReader(body))
	dec.UseNumber()
	count := 0
	n, err := jsonValue(dec, &count, 0)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, templateErr("Template format error: JSON not well-formed. Unexpected text after the template object.")
	}
	return n, nil
}

func jsonErr(err error) error {
	return templateErr("Template format error: JSON not well-formed. " + err.Error())
}

func jsonValue(dec *json.Decoder, count *int, depth int) (*node, error) {
	*count++
	if *count > maxNodes || depth > maxDepth {
		return nil, templateErr("Template format error: the template is nested too deeply or expands to too many values.")
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, jsonErr(err)
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			n := newMap()
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, jsonErr(err)
				}
				k, _ := kt.(string)
				v, err := jsonValue(dec, count, depth+1)
				if err != nil {
					return nil, err
				}
				if !n.set(k, v) {
					return nil, templateErr("Template format error: JSON not well-formed. Duplicate key " + k + ".")
				}
			}
			if _, err := dec.Token(); err != nil {
				return nil, jsonErr(err)
			}
			return n, nil
		case '[':
			n := &node{kind: kindList, list: []*node{}}
			for dec.More() {
				v, err := jsonValue(dec, count, depth+1)
				if err != nil {
					return nil, err
				}
				n.list = append(n.list, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, jsonErr(err)
			}
			return n, nil
		}
		return nil, templateErr("Template format error: JSON not well-formed.")
	case string:
		return scalar(t), nil
	case json.Number:
		return scalar(t.String()), nil
	case bool:
		if t {
			return scalar("true"), nil
		}
		return scalar("false"), nil
	case nil:
		return &node{kind: kindNull}, nil
	}
	return nil, templateErr("Template format error: JSON not well-formed.")
}

// plain converts a resolved node into plain Go values for encoding/json: strings, []any,
// map[string]any.
func (n *node) plain() any {
	switch n.kind {
	case kindScalar:
		return n.str
	case kindList:
		out := make([]any, len(n.list))
		for i, c := range n.list {
			out[i] = c.plain()
		}
		return out
	case kindMap:
		out := make(map[string]any, len(n.keys))
		for _, k := range n.keys {
			out[k] = n.m[k].plain()
		}
		return out
	}
	return nil
}

// jsonText encodes a resolved node as compact JSON with sorted keys, without HTML escaping.
func (n *node) jsonText() string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(n.plain()) // plain values always encode
	return strings.TrimSuffix(buf.String(), "\n")
}
