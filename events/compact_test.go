package events

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// jsonValue draws a JSON value nested at most depth deep, with strings that hold spaces, quotes,
// backslashes and non-ASCII text.
func jsonValue(depth int) *rapid.Generator[any] {
	return rapid.Custom(func(t *rapid.T) any {
		kind := rapid.IntRange(0, 5).Draw(t, "kind")
		if depth == 0 && kind >= 4 {
			kind = 0
		}
		switch kind {
		case 0:
			return rapid.SampledFrom([]string{"", "a b", ` "q" `, `back\slash`, "tab\there", "é ü", "{ [ , : ] }"}).Draw(t, "s")
		case 1:
			return rapid.Float64Range(-1e6, 1e6).Draw(t, "n")
		case 2:
			return rapid.Bool().Draw(t, "b")
		case 3:
			return nil
		case 4:
			return rapid.SliceOfN(jsonValue(depth-1), 0, 3).Draw(t, "arr")
		default:
			return rapid.MapOfN(rapid.SampledFrom([]string{"k", "a b", "x\"y"}), jsonValue(depth-1), 0, 3).Draw(t, "obj")
		}
	})
}

// TestCompactObjectMatchesEncodingJSON: for objects written with any indentation and spacing,
// compactObject returns what json.Compact returns, and the text itself when there is nothing to
// remove; for text that is not one JSON object it reports false, as json.Valid and the first byte
// say.
func TestCompactObjectMatchesEncodingJSON(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		obj := rapid.MapOfN(rapid.SampledFrom([]string{"k", "a b", "x\"y", "z"}), jsonValue(3), 0, 4).Draw(t, "detail")
		indent := rapid.SampledFrom([]string{"", " ", "\t", "  \r"}).Draw(t, "indent")
		var raw []byte
		var err error
		if indent == "" {
			raw, err = json.Marshal(obj)
		} else {
			raw, err = json.MarshalIndent(obj, rapid.SampledFrom([]string{"", " "}).Draw(t, "prefix"), indent)
		}
		if err != nil {
			t.Fatal(err)
		}
		d := rapid.SampledFrom([]string{"", " ", "\n"}).Draw(t, "lead") + string(raw) + rapid.SampledFrom([]string{"", " ", "\r\n"}).Draw(t, "trail")
		if cut := rapid.IntRange(0, 9).Draw(t, "cut"); cut == 0 && len(d) > 1 {
			d = d[:rapid.IntRange(1, len(d)-1).Draw(t, "at")] // most cuts make it invalid
		}
		var want bytes.Buffer
		valid := json.Valid([]byte(d)) && strings.TrimLeft(d, " \t\r\n")[0] == '{'
		if valid {
			if err := json.Compact(&want, []byte(d)); err != nil {
				t.Fatal(err)
			}
		}
		got, ok := compactObject(d)
		if ok != valid {
			t.Fatalf("compactObject(%q) ok = %v, want %v", d, ok, valid)
		}
		if ok && got != want.String() {
			t.Fatalf("compactObject(%q) = %q, want %q", d, got, want.String())
		}
	})
}
