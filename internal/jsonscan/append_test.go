package jsonscan

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"pgregory.net/rapid"
)

func TestAppendString(t *testing.T) {
	for in, want := range map[string]string{
		"":                `""`,
		"plain":           `"plain"`,
		"a\"b\\c":         `"a\"b\\c"`,
		"\n\r\t\x01\x1f":  `"\n\r\t\u0001\u001f"`,
		"<&>":             `"<&>"`,
		"é\u2028x":        "\"é\u2028x\"",
		"bad\xffutf8\xc3": `"bad\ufffdutf8\ufffd"`,
		"\x7f":            "\"\x7f\"",
	} {
		if got := string(AppendString(nil, in)); got != want {
			t.Errorf("AppendString(%q) = %s, want %s", in, got, want)
		}
	}
}

// TestAppendStringDecodes: whatever the input, the output is valid JSON that decodes to the input
// with invalid UTF-8 replaced by U+FFFD (what encoding/json gives for it).
func TestAppendStringDecodes(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := rapid.String().Draw(t, "s")
		if rapid.Bool().Draw(t, "raw") {
			s = string(rapid.SliceOf(rapid.Byte()).Draw(t, "bytes"))
		}
		out := AppendString([]byte("x"), s)[1:]
		var got string
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("%q → %s: %v", s, out, err)
		}
		if want := strings.ToValidUTF8(s, "\uFFFD"); got != want && !utf8.ValidString(s) {
			// encoding/json replaces each invalid byte; ToValidUTF8 each run: compare by re-encoding
			b, _ := json.Marshal(s)
			var ref string
			_ = json.Unmarshal(b, &ref)
			if got != ref {
				t.Fatalf("%q decoded to %q, want %q", s, got, ref)
			}
		} else if got != want {
			t.Fatalf("%q decoded to %q", s, got)
		}
	})
}
