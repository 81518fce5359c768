package transform

import (
	"strconv"
	"strings"
	"testing"

	"github.com/watchsim/watchsim/internal/awserr"
)

// TestValidation: each PutTargets validation rule once, with its message.
func TestValidation(t *testing.T) {
	tr := func(paths map[string]string, template string) *InputTransformer {
		return &InputTransformer{InputPathsMap: paths, InputTemplate: template}
	}
	manyPaths := map[string]string{}
	for i := 0; i <= MaxInputPathsMapEntries; i++ {
		manyPaths["k"+strconv.Itoa(i)] = "$.a"
	}
	cases := []struct {
		name             string
		input, inputPath string
		t                *InputTransformer
		want             string
	}{
		// Observed against AWS.
		{"InputPath and InputTransformer", "", "$.detail", tr(nil, `"x"`),
			"Only one of Input, InputPath, or InputTransformer must be provided for target t1."},
		{"Input and InputPath", `{}`, "$.detail", nil,
			"Only one of Input, InputPath, or InputTransformer must be provided for target t1."},
		{"undefined placeholder", "", "", tr(map[string]string{"detail-type": "$.detail-type"}, `"Event of <detail-type> type, with not defined key <notdefinedkey>"`),
			"InputTemplate for target t1 contains invalid placeholder notdefinedkey."},
		{"Input not JSON (word)", "env:dev", "", nil,
			`JSON syntax error in input for target t1: [Source: (String)"env:dev"; line: 1, column: 4]`},
		{"Input not JSON (single quote)", "{'db_name':'x'}", "", nil,
			`JSON syntax error in input for target t1: [Source: (String)"{'db_name':'x'}"; line: 1, column: 3]`},
		// The request model's member constraints.
		{"Input too long", strings.Repeat(" ", MaxInputLength+1), "", nil,
			"1 validation error detected: Value '" + strings.Repeat(" ", MaxInputLength+1) + "' at 'input' failed to satisfy constraint: Member must have length less than or equal to 8192"},
		{"InputPath too long", "", "$." + strings.Repeat("a", 255), nil,
			"1 validation error detected: Value '$." + strings.Repeat("a", 255) + "' at 'inputPath' failed to satisfy constraint: Member must have length less than or equal to 256"},
		{"InputTemplate missing", "", "", tr(nil, ""),
			"1 validation error detected: Value null at 'inputTransformer.inputTemplate' failed to satisfy constraint: Member must not be null"},
		{"InputTemplate too long", "", "", tr(nil, strings.Repeat("x", MaxInputTemplateLength+1)),
			"1 validation error detected: Value '" + strings.Repeat("x", MaxInputTemplateLength+1) + "' at 'inputTransformer.inputTemplate' failed to satisfy constraint: Member must have length less than or equal to 8192"},
		{"bad key", "", "", tr(map[string]string{"a.b": "$.a"}, "x"),
			`1 validation error detected: Value '{a.b=$.a}' at 'inputTransformer.inputPathsMap' failed to satisfy constraint: Map keys must satisfy constraint: ` +
				`[Member must have length less than or equal to 256, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [A-Za-z0-9\_\-]+]`},
		{"long path value", "", "", tr(map[string]string{"a": strings.Repeat("a", 257)}, "x"),
			"1 validation error detected: Value '{a=" + strings.Repeat("a", 257) + "}' at 'inputTransformer.inputPathsMap' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 256]"},
		{"too many paths", "", "", tr(manyPaths, "x"), ""}, // checked below: the map is long
		// [derived] wording.
		{"key starting with AWS", "", "", tr(map[string]string{"AWSRegion": "$.region"}, "<AWSRegion>"),
			"InputPathsMap for target t1 contains reserved key AWSRegion."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Compile("t1", tc.input, tc.inputPath, tc.t)
			e, ok := err.(*awserr.Error)
			if !ok || e.Code != ValidationExceptionCode || e.StatusCode != 400 {
				t.Fatalf("err = %#v", err)
			}
			if tc.want == "" {
				if !strings.HasSuffix(e.Message, "failed to satisfy constraint: Member must have length less than or equal to 100") {
					t.Fatalf("message %q", e.Message)
				}
				return
			}
			if e.Message != tc.want {
				t.Fatalf("message\n got %q\nwant %q", e.Message, tc.want)
			}
		})
	}
}

// TestViolationsMemberPath: the service gathers the violations of every target under its member
// path, in one message.
func TestViolationsMemberPath(t *testing.T) {
	vs := Violations("targets.2.member", strings.Repeat("1", 8193), "", &InputTransformer{})
	got := awserr.ValidationMessage(vs...)
	want := "2 validation errors detected: Value '" + strings.Repeat("1", 8193) + "' at 'targets.2.member.input' failed to satisfy constraint: " +
		"Member must have length less than or equal to 8192; Value null at 'targets.2.member.inputTransformer.inputTemplate' failed to satisfy constraint: Member must not be null"
	if got != want {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
	if vs := Violations("", "é", "", nil); len(vs) != 0 {
		t.Fatalf("violations %v", vs)
	}
}

// TestNotSimulatedPaths: JSONPath features beyond the documented subset are refused as not
// simulated, in an InputPath and in an InputPathsMap alike; text that is not JSONPath is accepted.
func TestNotSimulatedPaths(t *testing.T) {
	for _, p := range []string{"$..a", "$.a[?(@.b)]", "$.a[1:2]", "$.a[0,1]", "$['a','b']", "$.a.length()", "$.a[-1]", "$[(@.length-1)]"} {
		if _, err := Compile("t1", "", p, nil); !awserr.IsNotSimulated(err) {
			t.Errorf("InputPath %q: %v", p, err)
		}
		if _, err := Compile("t1", "", "", &InputTransformer{InputPathsMap: map[string]string{"a": p}, InputTemplate: "<a>"}); !awserr.IsNotSimulated(err) {
			t.Errorf("path %q: %v", p, err)
		}
	}
	for _, p := range []string{"detail", "$x", "$.", "$.a.", "$[", "$[x]", "$['a'", "$[01", "$.a[1]b", "$[*", "$['']"} {
		if _, err := Compile("t1", "", p, nil); err != nil {
			t.Errorf("InputPath %q: %v", p, err)
		}
	}
}
