package filterpattern

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/watchsim/watchsim/internal/awserr"
)

// Behaviour beyond the spec vectors: the documented rules applied to new inputs, and the
// [derived] choices the doc comments announce.
func TestFilterMatchRules(t *testing.T) {
	cases := []struct {
		pattern, event string
		want           bool
	}{
		// unstructured terms
		{`ERROR`, `xERRORx`, true},
		{`?ERROR ?WARN -DEBUG`, `WARN x`, true},
		{`?ERROR ?WARN -DEBUG`, `INFO x`, true}, // ? terms ignored next to an exclusion
		{`?ERROR ?WARN -DEBUG`, `DEBUG ERROR`, false},
		{`-"level=DEBUG"`, `level=INFO`, true},
		{`-"level=DEBUG"`, `level=DEBUG`, false},
		{`?"a b" ?c`, `xa by`, true},
		{`?"a b" ?c`, `ab`, false},
		{`" " ?nope`, `zzz`, true}, // " " is a plain term: ? terms ignored
		{`?" " ?nope`, `zzz`, true},
		{`""`, `anything`, true},
		{`日本`, `ログ 日本語`, true},
		{`%\x3A%`, `a:b`, true},
		{`%\x28%`, `f(x)`, true},
		{`%a\sb%`, "a\tb", true},
		{`%a\sb%`, "a\rb", false}, // \s is tab, space, newline only
		{`%a\Sb%`, "axb", true},
		{`%^x{,2}$%`, "xx", true},
		{`%^x{,2}$%`, "xxx", false},
		{`%[\s]%`, " ", true},
		{`%\.%`, "a.b", true},
		{`%\.%`, "ab", false},
		{`%[[]%`, "[", true},
		// JSON
		{`{ $.status = 4* }`, `{"status": 404}`, false}, // string values test strings only
		{`{ $.status = 4* }`, `{"status": "404"}`, true},
		{`{ $.status = 404 }`, `{"status": "404"}`, false}, // numbers compare only with numbers
		{`{ $.status = "404" }`, `{"status": 404}`, false},
		{`{ $.status != "404" }`, `{"status": 404}`, false}, // != needs a string too
		{`{ $.status = %4% }`, `{"status": 404}`, false},
		{`{ $.x != "a" }`, `{"y": "a"}`, false},                    // missing field fails !=
		{`{ $.x != 1 }`, `{"x": "a"}`, false},                      // type mismatch fails !=
		{`{ $.x = * }`, `{"x": null}`, false},                      // presence: strings and numbers only
		{`{ $.x = * }`, `{"x": {"a": 1}}`, false},                  // not objects
		{`{ $.x = "*" }`, `{"x": false}`, false},                   //
		{`{ $.x = "*" }`, `{"x": ""}`, true},                       //
		{`{ $.x = true }`, `{"x": true}`, false},                   // bareword true is a string
		{`{ $.x IS FALSE }`, `{"x": false}`, true},                 //
		{`{ $.x NOT EXISTS }`, `{"x": null}`, false},               // null exists
		{`{ $.x NOT EXISTS }`, `{"x": {}}`, false},                 //
		{`{ $.a.b = 1 }`, `{"a": {"b": 1}, "a": {"b": 2}}`, false}, // a selected key repeated: no match
		{`{ $.a.b = 1 }`, `{"a": {"b": 1, "b": 1}}`, false},
		{`{ $.a NOT EXISTS }`, `{"b": 1, "b": 2}`, true}, // repeated keys no selector names do not matter
		{`{ $.* = 1 }`, `{"b": 1, "b": 2}`, true},
		{`{ $.k = "a\"b" }`, `{"k": "a\"b"}`, true},              // escapes in pattern and event
		{`{ $.k = "é" }`, `{"k": "\u00e9"}`, true},               //
		{`{ $.k = "😀" }`, `{"k": "\ud83d\ude00"}`, true},         // surrogate pair
		{`{ $['k.y'] = 1 }`, `{"k.y": 1}`, true},                 //
		{`{ $.* = 5 }`, `{"a": 1, "b": 5}`, true},                //
		{`{ $[1] = 5 }`, `[4, 5]`, true},                         // top-level array
		{`{ $[*].a = 5 }`, `[{"a": 4}, {"a": 5}]`, true},         //
		{`{ $.a = 1 }`, `{"a": 1} x`, false},                     // trailing text
		{`{ $.a = 1 }`, `{"a": 1,}`, false},                      // strict JSON
		{`{ $.a = 1 }`, `{"a": 01}`, false},                      //
		{`{ $.a = 1 }`, "{\"a\": 1, \"b\": \"x\ty\"}", false},    // control character in a string
		{`{ $.a = 1 }`, " \n{\"a\": 1}\n", true},                 // surrounding whitespace is fine
		{`{ $.a = 1 }`, `"a"`, false},                            // top level must be object/array
		{`{ $.a = 1 || $.b = 2 && $.c = 3 }`, `{"b": 2}`, false}, // && binds tighter
		{`{ ($.a = 1 || $.b = 2) && $.c = 3 }`, `{"b": 2, "c": 3}`, true},
		{`{ $.a > 1.5 && $.a < 2.5e0 }`, `{"a": 2}`, true},
		{`{ $.a >= -1 }`, `{"a": -1.0}`, true},
		{`{ $.a <= 1E2 }`, `{"a": 100}`, true},
		{`{ $.a != %^x% }`, `{"a": "yx"}`, true},
		{`{ $.a = "x y*" }`, `{"a": "x yz"}`, true},
		{`{ $.a = Ev*ent }`, `{"a": "Ev*ent"}`, true},
		{`{ $ = 1 }`, `{"a": 1}`, false}, // the root is an object: comparisons do not apply
		// space-delimited
		{`[a, b]`, `x`, false},
		{`[a, b]`, `x y z`, true},
		{`[...]`, ``, true},
		{`[]`, ``, true},
		{`[a=1]`, `1.0 x`, true},    // numeric equality
		{`[a=1]`, `one`, false},     //
		{`[a!=1]`, `one`, true},     // textual inequality for non-numbers
		{`[a>1]`, `abc`, false},     // numeric conditions need a number
		{`[a>=-2.5]`, `-2.5`, true}, //
		{`[a="[x]"]`, `[x]`, false}, // brackets are stripped from the field value: x
		{`[a=x]`, `[x]`, true},      //
		{`[a=x, b]`, `"x" y`, true}, //
		{`[a=x*, b]`, `[xa`, false}, // unterminated bracket is an ordinary character
		{`[a=[x*]`, `[x y`, false},  // (invalid-pattern check is elsewhere)
		{`[..., a=1, b=2]`, `0 0 1 2`, true},
		{`[..., a=1, b=2]`, `1 2 0`, false},
		{`[a=1, ..., b=2]`, `1 2`, true},
		{`[a=1, ..., b=2]`, `1`, false},
		{`[a=1 || a=2 && a=3, b]`, `2 x`, false},
		{`[a=1 || a=2 && a!=3, b]`, `2 x`, true},
		{`[a = %^\d+$%, b]`, `12 x`, true},
		{`[a, b = "x,y"]`, `1 "x,y"`, true},
		{"[a, b]", "x\ty", true},
	}
	for _, c := range cases {
		p, err := Compile(c.pattern)
		if err != nil {
			if c.pattern == `[a=[x*]` {
				continue
			}
			t.Errorf("Compile(%q): %v", c.pattern, err)
			continue
		}
		if got := p.Matches(c.event); got != c.want {
			t.Errorf("Compile(%q).Matches(%q) = %v, want %v", c.pattern, c.event, got, c.want)
		}
		if _, ok := p.Match(c.event); ok != c.want {
			t.Errorf("Compile(%q).Match(%q) = %v, want %v", c.pattern, c.event, ok, c.want)
		}
	}
}

func TestFilterPatternErrors(t *testing.T) {
	cases := []struct {
		pattern string
		message string // "" = "Invalid filter pattern"
	}{
		{`api.example.com`, `Invalid character(s) in term '.'`},
		{`foo-bar`, `Invalid character(s) in term '-'`},
		{`a\b`, `Invalid character(s) in term '\'`},
		{"a`b", "Invalid character(s) in term '`'"},
		{`a,b`, `Invalid character(s) in term ','`},
		{`[ERROR]x`, `If a filter pattern starts with '[' it must end with ']'`},
		{`x [ERROR]`, `Invalid character(s) in term '['`},
		{`foo::bar`, `Invalid character(s) in term '::'`},
		{`?`, `Invalid character(s) in term '?'`},
		{`-`, `Invalid character(s) in term '-'`},
		{`"ab"cd`, `Invalid character(s) in term 'c'`},
		{`%abc`, `Invalid character(s) in term '%'`},
		{`%a(b)%`, `Invalid character(s) in term '('`},
		{`%a\(b%`, `Invalid character(s) in term '('`},
		{`%something!%`, `Invalid character(s) in term '!'`},
		{`%é%`, `Invalid character(s) in term 'é'`},
		{`%%`, ``},
		{`%a\nb%`, ``},
		{`%a\x4%`, ``},
		{`%a{2000}%`, ``},
		{`{ $.a = 1`, `If a filter pattern starts with '{' it must end with '}'`},
		{`{}`, ``},
		{`{ $.a }`, ``},
		{`{ $.a = }`, ``},
		{`{ $.a = 1 && }`, ``},
		{`{ ($.a = 1 }`, ``},
		{`{ $.a EXISTS }`, ``},
		{`{ $.a IS NOT NULL }`, ``},
		{`{ $.a is null }`, ``},
		{`{ $.a > "x" }`, ``},
		{`{ $.a < abc }`, ``},
		{`{ $.a = %x% || $.b = %y% || $.c = %z% }`, ``},
		{`{ $.a = 1 $.b = 2 }`, `Invalid character(s) in term '$.'`},
		{`{ $.a == 1 }`, `Invalid character(s) in term '='`},
		{`{ $.a.'b' = 1 }`, `Invalid character(s) in term '$.a.''`},
		{`{ $.a[x] = 1 }`, `Invalid character(s) in term '$.a[x'`},
		{`{ $.a = 1, $.b = 2 }`, `Invalid character(s) in term ','`},
		{`[a, ..., b, ...]`, ``},
		{`[a=1 && b=2]`, ``},
		{`[1a]`, ``},
		{`[a b]`, ``},
		{`[a=%x%, b=%y%, c=%z%]`, ``},
		{`[a=<1]`, `Invalid character(s) in term '<'`},
		{`[w1=ERROR || W1=WARNING, w2]`, ``}, // names are case-sensitive: W1 is another field
		{`[status_code = 4* && bytes > 1000]`, ``},
		{strings.Repeat("a", 1025), "1 validation error detected: Value '" + strings.Repeat("a", 1025) + "' at 'filterPattern' failed to satisfy constraint: Member must have length less than or equal to 1024"},
	}
	for _, c := range cases {
		_, err := Compile(c.pattern)
		want := c.message
		if want == "" {
			want = "Invalid filter pattern"
		}
		var be *awserr.Error
		if !asBusError(err, &be) {
			t.Errorf("Compile(%q) = %v, want *awserr.Error %q", c.pattern, err, want)
			continue
		}
		if be.Code != InvalidParameterException || be.Message != want || be.StatusCode != 400 {
			t.Errorf("Compile(%q) = %s %q (%d), want InvalidParameterException %q", c.pattern, be.Code, be.Message, be.StatusCode, want)
		}
	}
	// 1024 characters (UTF-16 units) are fine; a 1024-rune pattern with astral characters is not.
	if _, err := Compile(strings.Repeat("a", 1024)); err != nil {
		t.Errorf("1024 characters: %v", err)
	}
	if _, err := Compile(strings.Repeat("😀", 600)); awserr.ErrorCode(err) != InvalidParameterException {
		t.Errorf("1200 UTF-16 units: %v", err)
	}
}

func TestFilterPatternNotSimulated(t *testing.T) {
	for _, p := range []string{`ERROR %x%`, `%x% %y%`, `-%x%`, `{ $.a != * }`} {
		_, err := Compile(p)
		if !awserr.IsNotSimulated(err) {
			t.Errorf("Compile(%q) = %v, want NotSimulated", p, err)
		}
	}
}

func TestFilterPatternAccessors(t *testing.T) {
	cases := []struct {
		pattern string
		kind    Kind
		regexes int
		dims    bool
		names   []string
	}{
		{"", PatternMatchAll, 0, false, nil},
		{"  ", PatternMatchAll, 0, false, nil},
		{`" "`, PatternTerms, 0, false, nil},
		{`%a%`, PatternTerms, 1, false, nil},
		{` { $.a = %x% && $.b = %y% } `, PatternJSON, 2, true, nil},
		{`[a=%x%, , b, ...]`, PatternDelimited, 1, true, []string{"a", "b"}},
	}
	for _, c := range cases {
		p, err := Compile(c.pattern)
		if err != nil {
			t.Fatalf("Compile(%q): %v", c.pattern, err)
		}
		if p.Kind() != c.kind || p.RegexCount() != c.regexes || p.SupportsDimensions() != c.dims || p.String() != c.pattern {
			t.Errorf("%q: kind %v regexes %d dims %v string %q", c.pattern, p.Kind(), p.RegexCount(), p.SupportsDimensions(), p.String())
		}
		if strings.Join(p.FieldNames(), ",") != strings.Join(c.names, ",") {
			t.Errorf("%q: FieldNames %v, want %v", c.pattern, p.FieldNames(), c.names)
		}
		if c.kind.String() == "" {
			t.Errorf("empty kind name")
		}
	}
}

func TestDelimitedExtraction(t *testing.T) {
	cases := []struct {
		pattern, event string
		want           map[string]string
	}{
		{`[a, b]`, `x y z`, map[string]string{"$a": "x", "$b": "y", "$3": "z"}},
		{`[a, ..., b]`, `1 2 3 4`, map[string]string{"$a": "1", "$2": "2", "$3": "3", "$b": "4"}},
		{`[, b]`, `1 "2 3"`, map[string]string{"$1": "1", "$b": "2 3"}},
		{`[...]`, `[a b] c`, map[string]string{"$1": "a b", "$2": "c"}},
	}
	for _, c := range cases {
		p, err := Compile(c.pattern)
		if err != nil {
			t.Fatal(err)
		}
		m, ok := p.Match(c.event)
		if !ok {
			t.Fatalf("%q does not match %q", c.pattern, c.event)
		}
		got := m.ExtractedValues()
		if len(got) != len(c.want) {
			t.Errorf("%q on %q: %v, want %v", c.pattern, c.event, got, c.want)
		}
		for k, v := range c.want {
			if got[k] != v {
				t.Errorf("%q on %q: %s = %q, want %q", c.pattern, c.event, k, got[k], v)
			}
			if f, ok := m.Field(k); !ok || f != v {
				t.Errorf("Field(%s) = %q, %v", k, f, ok)
			}
		}
		if _, ok := m.Field("$99"); ok {
			t.Errorf("Field($99) resolved")
		}
		if m.Message() != c.event || m.Pattern() != p {
			t.Errorf("accessors")
		}
	}
}

func TestJSONFieldReferences(t *testing.T) {
	p, _ := Compile(`{ $.a = * }`)
	m, ok := p.Match(`{"a": 1.5, "s": "x", "b": {"c": [true, null, "7"]}, "k.y": 3}`)
	if !ok {
		t.Fatal("no match")
	}
	for ref, want := range map[string]string{"$.a": "1.5", "$.s": "x", "$.b.c[0]": "true", "$.b.c[2]": "7", "$.['k.y']": "3"} {
		if got, ok := m.Field(ref); !ok || got != want {
			t.Errorf("Field(%s) = %q, %v; want %q", ref, got, ok, want)
		}
	}
	for _, ref := range []string{"$.b", "$.b.c[1]", "$.b.c[9]", "$.zz", "$.b.c[*]", "$name", "$1", "$", "x"} {
		if got, ok := m.Field(ref); ok {
			t.Errorf("Field(%s) = %q, want unresolved", ref, got)
		}
	}
	if len(m.ExtractedValues()) != 0 {
		t.Errorf("JSON ExtractedValues not empty")
	}
}

// A compiled pattern is shared by concurrent goroutines (run with -race).
func TestFilterPatternConcurrentUse(t *testing.T) {
	patterns := []string{`ERROR -x`, `{ $.a[*] = %^x% || $.b > 1 }`, `[a, ..., b = 2*]`, `%\d+%`}
	msgs := []string{`ERROR y`, `{"a": ["xy"], "b": 0}`, `{"b": 2}`, `1 q 25`, `zzz`}
	for _, src := range patterns {
		p, err := Compile(src)
		if err != nil {
			t.Fatal(err)
		}
		want := make([]bool, len(msgs))
		for i, m := range msgs {
			want[i] = p.Matches(m)
		}
		done := make(chan bool)
		for g := 0; g < 4; g++ {
			go func() {
				ok := true
				for r := 0; r < 200; r++ {
					for i, m := range msgs {
						if p.Matches(m) != want[i] {
							ok = false
						}
						if mm, matched := p.Match(m); matched != want[i] || (matched && mm.ExtractedValues() == nil) {
							ok = false
						}
					}
				}
				done <- ok
			}()
		}
		for g := 0; g < 4; g++ {
			if !<-done {
				t.Errorf("%q: concurrent results differ", src)
			}
		}
	}
}

// The JSON string scanner skips eight bytes at a time; put every kind of special byte at every
// offset of a long string and compare with encoding/json.
func TestJSONStringScanBlocks(t *testing.T) {
	p, err := Compile(`{ $.a = * }`)
	if err != nil {
		t.Fatal(err)
	}
	specials := []string{`"`, `\\`, `\n`, `\"`, `\u00e9`, `\x`, "\x00", "\x01", "\x1f", "\x7f", "\xff", "é", " ", "\t"}
	for pos := 0; pos < 20; pos++ {
		for _, sp := range specials {
			body := strings.Repeat("x", pos) + sp + strings.Repeat("y", 11)
			msg := `{"a":"` + body + `"}`
			want := json.Valid([]byte(msg))
			if got := p.Matches(msg); got != want {
				t.Errorf("Matches(%q) = %v, encoding/json valid = %v", msg, got, want)
			}
		}
	}
}

func TestRequiredTerm(t *testing.T) {
	for _, tc := range []struct {
		pattern, want string
		ok            bool
	}{
		{`ERROR`, "ERROR", true},
		{`ERROR "bad request" -DEBUG`, "bad request", true},
		{`?ERROR ?WARN`, "", false},
		{`?ERROR ?WARN REQUEST`, "REQUEST", true},
		{``, "", false},
		{`" "`, "", false},
		{`%ERR.R%`, "", false},
		{`{ $.level = "ERROR" }`, "", false},
		{`[ip, status = 5*]`, "", false},
	} {
		p, err := Compile(tc.pattern)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := p.RequiredTerm()
		if got != tc.want || ok != tc.ok {
			t.Errorf("%q: RequiredTerm = %q, %v; want %q, %v", tc.pattern, got, ok, tc.want, tc.ok)
		}
		hay := "xx ERROR bad request REQUEST"
		if want := strings.Index(hay, got); ok && p.IndexRequired(hay) != want || !ok && p.IndexRequired(hay) != -1 {
			t.Errorf("%q: IndexRequired = %d", tc.pattern, p.IndexRequired(hay))
		}
	}
}
