package transform

import (
	"strconv"
	"strings"

	"github.com/watchsim/watchsim/internal/awserr"
)

// stepKind is the kind of one step of a JSONPath.
type stepKind uint8

const (
	stepName     stepKind = iota // .name or ['name']
	stepIndex                    // [3]
	stepAnyName                  // .* (every member of an object)
	stepAnyIndex                 // [*] (every element of an array)
)

// step is one step of a compiled JSONPath.
type step struct {
	kind  stepKind
	name  string
	index int
}

// path is a compiled JSONPath of the subset EventBridge documents.
type path struct {
	steps []step
	// never is set for a path that is not JSONPath at all: EventBridge does not validate the
	// paths of a target ("There is no validation when creating JSON path for your template",
	// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html),
	// so such a path is accepted and selects nothing.
	never bool
}

// indefinite reports whether the path may select several values (it has a wildcard); such a path
// selects a JSON array of every value it reaches, as JSONPath implementations return a list for
// indefinite paths.
func (p *path) indefinite() bool {
	for _, s := range p.steps {
		if s.kind == stepAnyName || s.kind == stepAnyIndex {
			return true
		}
	}
	return false
}

// parsePath compiles a JSONPath of the subset EventBridge supports: "$", dot notation
// ($.detail.instance-id), bracket notation ($['detail']['x y'], $["a"]), array indexes
// ($.resources[0]) and wildcards ($.detail.*, $.resources[*]) — the list of
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html.
//
// JSONPath features outside that list (deep scan "..", filters "[?(…)]", slices "[1:2]", unions
// "[0,1]", functions such as ".length()", negative indexes) give a NotSimulated error: AWS may
// evaluate some of them, watchsim does not. Text that is not JSONPath at all is accepted and
// selects nothing (see path.never).
func parsePath(s string) (path, error) {
	if !strings.HasPrefix(s, "$") {
		return path{never: true}, nil
	}
	var p path
	i := 1
	for i < len(s) {
		switch s[i] {
		case '.':
			i++
			if i < len(s) && s[i] == '.' {
				return path{}, notSimulatedPath(s, "deep scan (..)")
			}
			if i < len(s) && s[i] == '*' {
				p.steps = append(p.steps, step{kind: stepAnyName})
				i++
				continue
			}
			j := i
			for j < len(s) && s[j] != '.' && s[j] != '[' {
				if s[j] == '(' || s[j] == ')' {
					return path{}, notSimulatedPath(s, "functions")
				}
				j++
			}
			if j == i {
				return path{never: true}, nil
			}
			p.steps = append(p.steps, step{kind: stepName, name: s[i:j]})
			i = j
		case '[':
			st, n, err := parseBracket(s, i)
			if err != nil {
				return path{}, err
			}
			if n == 0 {
				return path{never: true}, nil
			}
			p.steps = append(p.steps, st)
			i += n
		default:
			return path{never: true}, nil
		}
	}
	return p, nil
}

// parseBracket reads the bracket step at s[i] ('['). It returns the step and its length, or a
// length of 0 when the text is not JSONPath.
func parseBracket(s string, i int) (step, int, error) {
	j := i + 1
	if j >= len(s) {
		return step{}, 0, nil
	}
	switch c := s[j]; {
	case c == '*':
		if j+1 < len(s) && s[j+1] == ']' {
			return step{kind: stepAnyIndex}, j + 2 - i, nil
		}
		return step{}, 0, nil
	case c == '\'' || c == '"':
		var b strings.Builder
		k := j + 1
		for k < len(s) && s[k] != c {
			if s[k] == '\\' && k+1 < len(s) {
				k++
			}
			b.WriteByte(s[k])
			k++
		}
		if k >= len(s) {
			return step{}, 0, nil
		}
		k++ // closing quote
		if k < len(s) && s[k] == ',' {
			return step{}, 0, notSimulatedPath(s, "unions ([a,b])")
		}
		if k >= len(s) || s[k] != ']' || b.Len() == 0 {
			return step{}, 0, nil
		}
		return step{kind: stepName, name: b.String()}, k + 1 - i, nil
	case c == '?' || c == '(':
		return step{}, 0, notSimulatedPath(s, "filter and script expressions")
	case c == '-' || c >= '0' && c <= '9' || c == ':':
		k := j
		for k < len(s) && s[k] != ']' {
			k++
		}
		if k >= len(s) {
			return step{}, 0, nil
		}
		body := s[j:k]
		switch {
		case strings.Contains(body, ":"):
			return step{}, 0, notSimulatedPath(s, "array slices ([a:b])")
		case strings.Contains(body, ","):
			return step{}, 0, notSimulatedPath(s, "unions ([a,b])")
		case strings.HasPrefix(body, "-"):
			if _, err := strconv.Atoi(body); err == nil {
				return step{}, 0, notSimulatedPath(s, "negative array indexes")
			}
			return step{}, 0, nil
		}
		n, err := strconv.Atoi(body)
		if err != nil || body[0] == '+' {
			return step{}, 0, nil
		}
		return step{kind: stepIndex, index: n}, k + 1 - i, nil
	}
	return step{}, 0, nil
}

// notSimulatedPath is the error for a JSONPath feature watchsim does not evaluate.
func notSimulatedPath(p, feature string) error {
	return awserr.NotSimulated("events", "JSONPath "+feature+" in "+strconv.Quote(p))
}
