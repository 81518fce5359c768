package transform

import (
	"sort"
	"sync"
	"time"

	"github.com/watchsim/watchsim/internal/awserr"
)

// InputTransformer is the AWS InputTransformer shape of a target: the variables to read from the
// event and the template they fill.
type InputTransformer struct {
	// InputPathsMap maps variable names to JSONPaths into the event (at most 100 entries; names
	// [A-Za-z0-9_-]+, 1..256 characters, not starting with "AWS"; paths at most 256 characters).
	InputPathsMap map[string]string `json:"InputPathsMap,omitempty"`
	// InputTemplate is the text sent to the target, with <name> placeholders (1..8192 characters).
	InputTemplate string `json:"InputTemplate"`
}

// Mode says which of a target's input settings a [Shaper] applies.
type Mode uint8

// The modes, one per way a target's input can be set.
const (
	// ModeEvent: no input setting; the whole event is sent.
	ModeEvent Mode = iota
	// ModeInput: the constant Input is sent instead of the event.
	ModeInput
	// ModeInputPath: the part of the event InputPath selects is sent.
	ModeInputPath
	// ModeInputTransformer: the InputTemplate, filled from the event, is sent.
	ModeInputTransformer
)

// String returns the name of the AWS target member the mode applies ("Input", …), or "Event".
func (m Mode) String() string {
	switch m {
	case ModeInput:
		return "Input"
	case ModeInputPath:
		return "InputPath"
	case ModeInputTransformer:
		return "InputTransformer"
	}
	return "Event"
}

// Context carries what the predefined template variables need besides the event.
type Context struct {
	// RuleARN fills <aws.events.rule-arn>.
	RuleARN string
	// RuleName fills <aws.events.rule-name>.
	RuleName string
	// IngestionTime fills <aws.events.event.ingestion-time>: when EventBridge received the
	// event (in watchsim, the virtual time of PutEvents). It is written in UTC as
	// 2006-01-02T15:04:05Z.
	IngestionTime time.Time
}

// DropReason says why EventBridge would not deliver a shaped event. It is the error Apply returns
// in that case; compare with errors.Is or ==.
type DropReason string

// Error returns the reason.
func (r DropReason) Error() string { return string(r) }

// The reasons for a dropped delivery.
const (
	// DropInvalidJSON: the template is JSON but the filled-in result is not (a value with a quote
	// inside a string, an object in quotes, …); EventBridge does not deliver it.
	DropInvalidJSON DropReason = "the transformed input is not valid JSON"
	// DropPathNotFound: the InputPath selects nothing in the event.
	DropPathNotFound DropReason = "the InputPath selects nothing in the event"
	// DropMalformedEvent: the event is not one JSON value (the service never passes one).
	DropMalformedEvent DropReason = "the event is not valid JSON"
)

// varKind is the source of a template variable's value.
type varKind uint8

const (
	varPath          varKind = iota // a JSONPath into the event (InputPathsMap, aws.events.event.json, envelope fields)
	varRuleARN                      // aws.events.rule-arn
	varRuleName                     // aws.events.rule-name
	varIngestionTime                // aws.events.event.ingestion-time
	varEvent                        // aws.events.event
)

// variable is one variable a template reads.
type variable struct {
	kind       varKind
	indefinite bool // a wildcard path: its value is the array of every match
}

// The predefined variables, reserved names of
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html#eb-transform-input-predefined.
const (
	predefRuleARN       = "aws.events.rule-arn"
	predefRuleName      = "aws.events.rule-name"
	predefIngestionTime = "aws.events.event.ingestion-time"
	predefEvent         = "aws.events.event"
	predefEventJSON     = "aws.events.event.json"
)

// envelopeField is one member of <aws.events.event>: the event field it copies and the name it
// has there. AWS writes detail-type as detailType in this variable, and this order (observed
// against AWS).
type envelopeField struct{ from, to string }

// envelopeFields returns the members of <aws.events.event> in the order AWS writes them.
func envelopeFields() [8]envelopeField {
	return [8]envelopeField{
		{"id", "id"}, {"account", "account"}, {"detail-type", "detailType"}, {"time", "time"},
		{"source", "source"}, {"region", "region"}, {"resources", "resources"}, {"version", "version"},
	}
}

// Shaper applies one target's input settings to events. It is immutable after [Compile] and safe
// for concurrent use.
type Shaper struct {
	mode  Mode
	input []byte // ModeInput: the constant

	trie trie       // the paths read from each event (ModeInputPath: variable 0 is the InputPath)
	vars []variable // ModeInputTransformer: the variables the template uses, then hidden ones
	segs []segment  // ModeInputTransformer: the template, cut at its placeholders
	json bool       // ModeInputTransformer: the template is JSON
	env  [8]int     // the variables of the envelope fields <aws.events.event> copies, or -1

	pool sync.Pool // *scratch
}

// scratch is the per-call working memory of Apply, reused through the shaper's pool.
type scratch struct {
	w    walker
	out  []byte
	aux  []byte
	last []int
}

// Mode returns which input setting the shaper applies.
func (s *Shaper) Mode() Mode { return s.mode }

// IsJSON reports whether the shaper's output is JSON: true for the whole event, an Input, an
// InputPath and a JSON InputTemplate; false for an InputTemplate that is plain text.
func (s *Shaper) IsJSON() bool { return s.mode != ModeInputTransformer || s.json }

// Compile validates one target's input settings, as PutTargets does, and prepares them for
// [Shaper.Apply]. targetID is the target's Id (AWS names it in its messages); input, inputPath
// and t are the target's Input, InputPath and InputTransformer ("" and nil for absent). At most
// one of the three may be set.
//
// The errors are *awserr.Error with code [ValidationExceptionCode] — the member constraints of
// [Violations], then "Only one of Input, InputPath, or InputTransformer must be provided for
// target <id>.", an Input that is not JSON, an InputPathsMap key starting with "AWS", and
// "InputTemplate for target <id> contains invalid placeholder <name>." — or a NotSimulated error
// for JSONPath features watchsim does not evaluate.
func Compile(targetID, input, inputPath string, t *InputTransformer) (*Shaper, error) {
	if vs := Violations("", input, inputPath, t); len(vs) > 0 {
		return nil, awserr.ClientError(ValidationExceptionCode, awserr.ValidationMessage(vs...))
	}
	set := 0
	for _, b := range []bool{input != "", inputPath != "", t != nil} {
		if b {
			set++
		}
	}
	if set > 1 {
		return nil, validationError("Only one of Input, InputPath, or InputTransformer must be provided for target " + targetID + ".")
	}
	s := &Shaper{trie: newTrie()}
	for i := range s.env {
		s.env[i] = -1
	}
	switch {
	case input != "":
		if err := checkInput(targetID, input); err != nil {
			return nil, err
		}
		s.mode = ModeInput
		s.input = []byte(input)
	case inputPath != "":
		p, err := parsePath(inputPath)
		if err != nil {
			return nil, err
		}
		s.mode = ModeInputPath
		s.vars = []variable{{kind: varPath, indefinite: p.indefinite()}}
		s.trie.add(p, 0)
	case t != nil:
		if err := s.compileTransformer(targetID, t); err != nil {
			return nil, err
		}
		s.mode = ModeInputTransformer
	}
	s.trie.root.Seal()
	return s, nil
}

// compileTransformer validates an InputTransformer and cuts its template.
func (s *Shaper) compileTransformer(targetID string, t *InputTransformer) error {
	keys := make([]string, 0, len(t.InputPathsMap))
	for k := range t.InputPathsMap {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	paths := make(map[string]path, len(keys))
	for _, k := range keys {
		if len(k) >= 3 && k[:3] == "AWS" {
			return validationError("InputPathsMap for target " + targetID + " contains reserved key " + k + ".")
		}
	}
	for _, k := range keys {
		p, err := parsePath(t.InputPathsMap[k])
		if err != nil {
			return err
		}
		paths[k] = p
	}
	tmpl := t.InputTemplate
	ps := scanTemplate(tmpl)
	ids := make(map[string]int, len(ps))
	for _, p := range ps {
		if _, ok := ids[p.name]; ok {
			continue
		}
		v := variable{kind: varPath}
		var pth path
		switch p.name {
		case predefRuleARN:
			v.kind = varRuleARN
		case predefRuleName:
			v.kind = varRuleName
		case predefIngestionTime:
			v.kind = varIngestionTime
		case predefEvent:
			v.kind = varEvent
		case predefEventJSON:
			pth = path{} // "$": the whole event
		default:
			mp, ok := paths[p.name]
			if !ok {
				return validationError("InputTemplate for target " + targetID + " contains invalid placeholder " + p.name + ".")
			}
			pth = mp
			v.indefinite = mp.indefinite()
		}
		id := len(s.vars)
		ids[p.name] = id
		s.vars = append(s.vars, v)
		if v.kind == varPath {
			s.trie.add(pth, id)
		}
		if v.kind == varEvent && s.env[0] < 0 {
			for i, f := range envelopeFields() {
				s.env[i] = len(s.vars)
				s.vars = append(s.vars, variable{kind: varPath})
				s.trie.add(path{steps: []step{{kind: stepName, name: f.from}}}, s.env[i])
			}
		}
	}
	s.json = classify(tmpl, ps)
	last := 0
	inString := false
	for _, p := range ps {
		seg := segment{v: ids[p.name], place: p.place}
		if s.json {
			seg.lit, inString = minify(nil, []byte(tmpl[last:p.start]), inString)
		} else {
			seg.lit = []byte(tmpl[last:p.start])
			seg.place = placeText
		}
		s.segs = append(s.segs, seg)
		last = p.end
	}
	tail := segment{v: -1}
	if s.json {
		tail.lit, _ = minify(nil, []byte(tmpl[last:]), inString)
	} else {
		tail.lit = []byte(tmpl[last:])
	}
	s.segs = append(s.segs, tail)
	return nil
}
