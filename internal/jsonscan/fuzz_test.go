package jsonscan

import (
	"strings"
	"testing"
)

// FuzzString checks the string tokenizer and the unescaper against encoding/json on arbitrary
// input: String accepts exactly the strings encoding/json accepts, AppendUnescaped decodes them
// to the same value and refuses what String refuses, and SkipString ends where String does.
func FuzzString(f *testing.F) {
	for _, s := range []string{`""`, `"abc"`, `"a\"b"`, `"\u00e9\ud83d\ude00"`, `"\ud83d"`, `"\x"`, "\"\x01\"", `"abc`,
		`"` + strings.Repeat("y", 30) + `\n"`, "\"\xff\xfe\""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) == 0 || s[0] != '"' {
			s = `"` + s
		}
		checkString(t, s)
	})
}

// FuzzValidate checks the strict validator against encoding/json.Valid on arbitrary input, and
// that Skip ends where Validate does on every valid value. Neither may panic.
func FuzzValidate(f *testing.F) {
	for _, s := range []string{`{}`, `[1,2.5e3,-0,"\u00e9"]`, `{"a":{"b":[null,true,false]}}`, `{"a":01}`, `[1,]`, `{"a" 1}`,
		`"s"`, `12`, `[[[[`, `{"a":"}"}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkValue(t, s)
		Skip(s, 0)
		Skip([]byte(s), 0)
	})
}

// FuzzNumber: Number never reads past a valid number and agrees with Validate.
func FuzzNumber(f *testing.F) {
	for _, s := range []string{"0", "-1.5e+3", "01", "1.", "-", "1e", "123abc"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Number(s)
		if n < 0 || n > len(s) {
			t.Fatalf("Number(%q) = %d", s, n)
		}
		if n > 0 {
			if end, fault := Validate(s[:n], 0, 0, 1); fault != NoFault || end != n {
				t.Fatalf("Number(%q) = %d, but Validate(%q) = %d, %v", s, n, s[:n], end, fault)
			}
		}
	})
}
