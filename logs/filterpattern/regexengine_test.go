package filterpattern

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// The bit-parallel engine must accept exactly the patterns Go's regexp accepts for the
// translated syntax, and match exactly the same strings. These properties compare the two on
// generated AWS-subset bodies (every operator, anchors, classes, escapes, quantifier bounds
// including {0}, {,n}, {m,} and malformed ones, alternation, bounds large enough to need the
// fallback) and generated strings (ASCII, newlines, multi-byte runes and invalid UTF-8).

// genRegexAtom generates one atom of a regex body (generators are built when used, not at init).
func genRegexAtom() *rapid.Generator[string] {
	return rapid.OneOf(
		rapid.SampledFrom([]string{"a", "b", "x", "0", "5", ":", "-", " ", "_", "=", "/", "{", "}", "]", ",", "#"}),
		rapid.SampledFrom([]string{".", "^", "$", `\d`, `\D`, `\s`, `\S`, `\w`, `\W`, `\x61`, `\xe9`, `\xff`, `\x0a`,
			`\.`, `\-`, `\*`, `\[`, `\]`, `\{`, `\ `, `\|`, `\^`, `\$`}),
		rapid.Custom(genRegexClass),
	)
}

// genClassElem generates one element of a character class.
func genClassElem() *rapid.Generator[string] {
	return rapid.SampledFrom([]string{"a", "b", "x", "0", "-", " ", ":", "]", "^", "[", "a-c", "0-9", "x-z",
		"c-a", `\d`, `\D`, `\s`, `\S`, `\w`, `\W`, `\x61`, `\xe9`, `\x00-\xff`, `\x80-\xff`, `a-\x7a`, `\-`, `\]`, `\.`, `\\`})
}

func genRegexClass(t *rapid.T) string {
	var b strings.Builder
	b.WriteByte('[')
	if rapid.Bool().Draw(t, "neg") {
		b.WriteByte('^')
	}
	n := rapid.IntRange(0, 3).Draw(t, "n")
	for i := 0; i < n; i++ {
		b.WriteString(genClassElem().Draw(t, "elem"))
	}
	if rapid.IntRange(0, 9).Draw(t, "close") > 0 {
		b.WriteByte(']')
	}
	return b.String()
}

func genRegexQuant(t *rapid.T) string {
	small := rapid.IntRange(0, 4)
	switch rapid.IntRange(0, 14).Draw(t, "q") {
	case 0, 1, 2, 3:
		return ""
	case 4:
		return "?"
	case 5:
		return "*"
	case 6:
		return "+"
	case 7:
		return "{" + strconv.Itoa(small.Draw(t, "m")) + "}"
	case 8:
		return "{" + strconv.Itoa(small.Draw(t, "m")) + ",}"
	case 9:
		m := small.Draw(t, "m")
		return "{" + strconv.Itoa(m) + "," + strconv.Itoa(m+small.Draw(t, "d")) + "}"
	case 10:
		return "{," + strconv.Itoa(small.Draw(t, "n")) + "}"
	case 11:
		return rapid.SampledFrom([]string{"{0}", "{0,0}", "{,}", "{3,1}", "{01}", "{1001}", "{2", "{,x", "**", "+?", "?*", "{2}{3}", "*?"}).Draw(t, "odd")
	case 12:
		return "{" + strconv.Itoa(rapid.IntRange(20, 70).Draw(t, "big")) + "}"
	default:
		return "{" + strconv.Itoa(small.Draw(t, "m")) + "," + strconv.Itoa(rapid.IntRange(30, 70).Draw(t, "n")) + "}"
	}
}

func genRegexBody(t *rapid.T) string {
	var b strings.Builder
	alts := rapid.IntRange(1, 3).Draw(t, "alts")
	for a := 0; a < alts; a++ {
		if a > 0 {
			b.WriteByte('|')
		}
		n := rapid.IntRange(0, 5).Draw(t, "pieces")
		for i := 0; i < n; i++ {
			b.WriteString(genRegexAtom().Draw(t, "atom"))
			b.WriteString(genRegexQuant(t))
		}
	}
	return b.String()
}

// genRegexSubject generates a subject string.
func genRegexSubject() *rapid.Generator[string] {
	return rapid.Custom(func(t *rapid.T) string {
		parts := rapid.SliceOfN(rapid.SampledFrom([]string{"a", "b", "x", "0", "5", ":", "-", " ", "_", "\n", "\t", "\r",
			"{", "}", ".", "[", "é", "ÿ", "€", "\xe9", "\xff", "\xc3", "A", "=", "aa", "ab", "00"}), 0, 12).Draw(t, "parts")
		return strings.Join(parts, "")
	})
}

func TestRegexEngineMatchesGoRegexp(t *testing.T) {
	rounds := 12
	if testing.Short() {
		rounds = 1
	}
	checks, compiled, fallbacks := 0, 0, 0
	for r := 0; r < rounds; r++ {
		rapid.Check(t, func(t *rapid.T) {
			body := genRegexBody(t)
			src, err := translateFilterRegex(body)
			if err != nil {
				return
			}
			goRe, goErr := regexp.Compile(src)
			f, ok := newFilterRegex(src)
			checks++
			if ok != (goErr == nil) {
				t.Fatalf("%%%s%% (Go %q): engine accepts=%v, Go error %v", body, src, ok, goErr)
			}
			if !ok {
				return
			}
			compiled++
			if f.fallback != "" {
				fallbacks++
			}
			for i := 0; i < 30; i++ {
				s := genRegexSubject().Draw(t, "s")
				checks++
				if got, want := f.MatchString(s), goRe.MatchString(s); got != want {
					t.Fatalf("%%%s%% (Go %q) on %q: engine %v, Go %v", body, src, s, got, want)
				}
			}
		})
	}
	t.Logf("%d checks, %d patterns compiled, %d via the fallback", checks, compiled, fallbacks)
	if !testing.Short() && checks < 10000 {
		t.Errorf("only %d checks", checks)
	}
}

// Hand-picked cases for the corners of the engine: anchors in the middle, nullable
// alternatives, optional runs, packing several alternatives, prefix skipping, multi-byte input.
func TestRegexEngineCorners(t *testing.T) {
	bodies := []string{
		`a^b`, `^`, `$`, `^$`, `a*^b`, `a*$b*`, `a*$^b*`, `x$^`, `^*a`, `$?a`, `a{0}b`, `a|`, `|b`, `a||b`,
		`ab?c?d`, `a?b?c?`, `^a?b?$`, `[0-9]{1,3}\.[0-9]{1,3}`, `^[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$`,
		`latency.:1[0-9]{3},`, `ERROR|WARN|INFO|DEBUG|TRACE|FATAL|a{20}|b{30}`, `a{40}|b{40}`, `.{63}`, `.{64}`,
		`x{1000}`, `\xe9.`, `[^a]`, `^.$`, `^..$`, `\D\W`, `[\S]+$`, `ab+c`, `aab`, `a{2,}b`, `a{,2}b`, `{,}`, `a{,x`,
	}
	subjects := []string{"", "a", "b", "ab", "abcd", "ad", "acd", "abd", "aab", "aaab", "abbbc", "xab", "\n", "é", "\xe9",
		"éé", "ÿ", "10.0.0.1", "a 10.1.2.3 b", "latency\":1234,", "latency\":123,", strings.Repeat("a", 40),
		strings.Repeat("b", 40), strings.Repeat("x", 63), strings.Repeat("x", 64), strings.Repeat("x", 1000), "{0,", "a{,x"}
	for _, body := range bodies {
		src, err := translateFilterRegex(body)
		if err != nil {
			t.Fatalf("%q: %v", body, err)
		}
		goRe, goErr := regexp.Compile(src)
		f, ok := newFilterRegex(src)
		if ok != (goErr == nil) {
			t.Fatalf("%q: engine accepts=%v, Go error %v", body, ok, goErr)
		}
		if !ok {
			continue
		}
		for _, s := range subjects {
			if got, want := f.MatchString(s), goRe.MatchString(s); got != want {
				t.Errorf("%%%s%% on %q: engine %v, Go %v", body, s, got, want)
			}
		}
	}
}

// FuzzRegexEngine compares the engine with Go's regexp on the translation of arbitrary bodies:
// both must accept the same bodies and match the same subjects.
func FuzzRegexEngine(f *testing.F) {
	for _, s := range []string{`a^b`, `^$`, `a*$^b*`, `x{,3}y`, `[^\s]+\d{2,}`, `\xe9.`, `{,x`, `a{70}`, `[]a-]|b??`,
		`^[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$`, `latency.:1[0-9]{3},`} {
		f.Add(s, "a 10.0.0.1 b\n\xe9é latency\":1234,")
	}
	f.Fuzz(func(t *testing.T, body, subject string) {
		src, err := translateFilterRegex(body)
		if err != nil {
			return
		}
		goRe, goErr := regexp.Compile(src)
		fr, ok := newFilterRegex(src)
		if ok != (goErr == nil) {
			t.Fatalf("%%%s%% (Go %q): engine accepts=%v, Go error %v", body, src, ok, goErr)
		}
		if !ok {
			return
		}
		if got, want := fr.MatchString(subject), goRe.MatchString(subject); got != want {
			t.Fatalf("%%%s%% (Go %q) on %q: engine %v, Go %v", body, src, subject, got, want)
		}
	})
}

// BenchmarkRegexEngine compares the bit-parallel %regex% engine with Go's regexp running the
// same translated pattern (what Matches used before the engine existed) on the mixed corpus.
func BenchmarkRegexEngine(b *testing.B) {
	for _, c := range []struct{ name, body string }{
		{"prefix", `latency.:1[0-9]{3},`},                                // literal prefix: skips with strings.Index
		{"alternation", `ERROR|WARN`},                                    // two chains in one word
		{"class-led", `\d{3}ms`},                                         // no literal prefix: every byte stepped
		{"anchored", `^[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3} `}, // ^: stops when the state dies
		{"dot-star", `user=[a-z]+ .*/api/v1/.*HTTP`},                     // loops
		{"fallback", `status.:5\d{2}.{0,70}ERROR`},                       // 74+ positions: Go's regexp
	} {
		src, err := translateFilterRegex(c.body)
		if err != nil {
			b.Fatal(err)
		}
		f, ok := newFilterRegex(src)
		if !ok {
			b.Fatal(c.body)
		}
		re := regexp.MustCompile(src)
		b.Run(c.name+"/engine", func(b *testing.B) { benchScanFunc(b, f.MatchString, benchCorpus()) })
		b.Run(c.name+"/goregexp", func(b *testing.B) { benchScanFunc(b, re.MatchString, benchCorpus()) })
	}
}
