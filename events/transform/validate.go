package transform

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/watchsim/watchsim/internal/awserr"
	"github.com/watchsim/watchsim/internal/jsonscan"
)

// ValidationExceptionCode is the AWS error code of every input setting PutTargets refuses.
const ValidationExceptionCode = "ValidationException"

// The member constraints of the PutTargets request model (api-2.json: TargetInput,
// TargetInputPath, TransformerPaths, InputTransformerPathKey, TransformerInput).
const (
	// MaxInputLength is the longest Input, in characters.
	MaxInputLength = 8192
	// MaxInputPathLength is the longest InputPath or InputPathsMap value, in characters.
	MaxInputPathLength = 256
	// MaxInputPathsMapEntries is the most entries an InputPathsMap may have.
	MaxInputPathsMapEntries = 100
	// MaxInputPathsMapKeyLength is the longest InputPathsMap key, in characters.
	MaxInputPathsMapKeyLength = 256
	// MaxInputTemplateLength is the longest InputTemplate, in characters.
	MaxInputTemplateLength = 8192
)

// validationError is a ValidationException with message msg.
func validationError(msg string) *awserr.Error {
	return awserr.ClientError(ValidationExceptionCode, msg)
}

// Violations checks one target's input settings against the member constraints of the PutTargets
// request (lengths, the number of InputPathsMap entries, the pattern of its keys, a missing
// InputTemplate) and returns what fails, in AWS's wording. member is the target's member path in
// the request, for example "targets.1.member"; the service gathers the violations of every target
// into one "N validation errors detected: …" message with [awserr.ValidationMessage]. With an
// empty member the paths are relative ("inputTransformer.inputTemplate"), which is what [Compile]
// reports when called alone.
//
// Lengths are counted in characters (runes). An empty InputTemplate counts as absent ("Member must
// not be null").
func Violations(member, input, inputPath string, t *InputTransformer) []awserr.Violation {
	at := func(field string) string {
		if member == "" {
			return field
		}
		return member + "." + field
	}
	var vs []awserr.Violation
	if utf8.RuneCountInString(input) > MaxInputLength {
		vs = append(vs, awserr.Violation{Value: input, Member: at("input"),
			Constraint: "Member must have length less than or equal to " + strconv.Itoa(MaxInputLength)})
	}
	if utf8.RuneCountInString(inputPath) > MaxInputPathLength {
		vs = append(vs, awserr.Violation{Value: inputPath, Member: at("inputPath"),
			Constraint: "Member must have length less than or equal to " + strconv.Itoa(MaxInputPathLength)})
	}
	if t == nil {
		return vs
	}
	if m := t.InputPathsMap; len(m) > 0 {
		mapMember := at("inputTransformer.inputPathsMap")
		text := javaMap(m)
		if len(m) > MaxInputPathsMapEntries {
			vs = append(vs, awserr.Violation{Value: text, Member: mapMember,
				Constraint: "Member must have length less than or equal to " + strconv.Itoa(MaxInputPathsMapEntries)})
		}
		badKey, badValue := false, false
		for k, v := range m {
			badKey = badKey || !validKey(k)
			badValue = badValue || utf8.RuneCountInString(v) > MaxInputPathLength
		}
		if badKey {
			vs = append(vs, awserr.Violation{Value: text, Member: mapMember,
				Constraint: "Map keys must satisfy constraint: [Member must have length less than or equal to " +
					strconv.Itoa(MaxInputPathsMapKeyLength) + ", Member must have length greater than or equal to 1, " +
					`Member must satisfy regular expression pattern: [A-Za-z0-9\_\-]+]`})
		}
		if badValue {
			vs = append(vs, awserr.Violation{Value: text, Member: mapMember,
				Constraint: "Map value must satisfy constraint: [Member must have length less than or equal to " +
					strconv.Itoa(MaxInputPathLength) + "]"})
		}
	}
	switch n := utf8.RuneCountInString(t.InputTemplate); {
	case n == 0:
		vs = append(vs, awserr.Violation{Null: true, Member: at("inputTransformer.inputTemplate"),
			Constraint: "Member must not be null"})
	case n > MaxInputTemplateLength:
		vs = append(vs, awserr.Violation{Value: t.InputTemplate, Member: at("inputTransformer.inputTemplate"),
			Constraint: "Member must have length less than or equal to " + strconv.Itoa(MaxInputTemplateLength)})
	}
	return vs
}

// validKey reports whether k satisfies the InputTransformerPathKey shape: 1..256 characters of
// [A-Za-z0-9_-].
func validKey(k string) bool {
	if k == "" || len(k) > MaxInputPathsMapKeyLength {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// javaMap writes a map the way AWS's request validation prints one ({k1=v1, k2=v2}), with the keys
// sorted so that the message is deterministic.
func javaMap(m map[string]string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(m[k])
	}
	b.WriteByte('}')
	return b.String()
}

// checkInput refuses an Input that is not one JSON value, with the message AWS returns (its JSON
// parser's, Jackson's): "JSON syntax error in input for target <id>: [Source: (String)"<input>";
// line: L, column: C]". The position follows Jackson's convention only approximately: the column
// after the offending character, or after the offending word for an unquoted word.
func checkInput(targetID, input string) error {
	i := jsonscan.SkipSpace(input, 0)
	end, f := jsonscan.Validate(input, i, 0, maxOutputDepth)
	if f == jsonscan.NoFault {
		if end = jsonscan.SkipSpace(input, end); end == len(input) {
			return nil
		}
		f = jsonscan.FaultSyntax
	}
	line, lineStart := 1, 0
	for k := 0; k < end && k < len(input); k++ {
		if input[k] == '\n' {
			line++
			lineStart = k + 1
		}
	}
	col := end - lineStart + 2
	switch {
	case end >= len(input):
		col = len(input) - lineStart + 1
	case f == jsonscan.FaultSyntax || f == jsonscan.FaultLiteral:
		k := end
		for k < len(input) && isWordByte(input[k]) {
			k++
		}
		if k > end {
			col = k - lineStart + 1
		}
	}
	return validationError("JSON syntax error in input for target " + targetID + ": [Source: (String)\"" +
		input + "\"; line: " + strconv.Itoa(line) + ", column: " + strconv.Itoa(col) + "]")
}

// isWordByte reports whether c continues an unquoted word in Jackson's error positions.
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$'
}
