package eventpattern

import (
	"math"
	"strings"
	"testing"

	"github.com/watchsim/watchsim/internal/awserr"
)

// TestPatternErrors covers validation reasons beyond the spec vectors (event-ruler's texts).
func TestPatternErrors(t *testing.T) {
	cases := []struct{ pattern, reason string }{
		{`"x"`, "Filter is not an object"},
		{`{}`, "Empty objects are not allowed"},
		{`{"a":{}}`, "Empty objects are not allowed"},
		{`{"a":5}`, `"a" must be an object or an array`},
		{`{"a":null}`, `"a" must be an object or an array`},
		{`{"a":[[1]]}`, "Match value must be String, number, true, false, or null"},
		{`{"a":[{}]}`, "Match expression name not found"},
		{`{"a":[{"prefix":"x","suffix":"y"}]}`, "Only one key allowed in match expression"},
		{`{"a":[{"prefix":{"suffix":"x"}}]}`, "Unsupported prefix pattern: suffix"},
		{`{"a":[{"suffix":{"equals-ignore-case":5}}]}`, "equals-ignore-case match pattern must be a string"},
		{`{"a":[{"suffix":["x"]}]}`, "suffix match pattern must be a string"},
		{`{"a":[{"numeric":[]}]}`, "Invalid member in numeric match: ]"},
		{`{"a":[{"numeric":[5]}]}`, "Invalid member in numeric match: 5"},
		{`{"a":[{"numeric":["!=",5]}]}`, "Unrecognized numeric range operator: !="},
		{`{"a":[{"numeric":["=","5"]}]}`, "Value of equals must be numeric"},
		{`{"a":[{"numeric":["<",5,6]}]}`, "Too many elements in numeric expression"},
		{`{"a":[{"numeric":[">",5,6]}]}`, "Bad value in numeric range: 6"},
		{`{"a":[{"numeric":[">",5,">",6]}]}`, "Bad numeric range operator: >"},
		{`{"a":[{"numeric":[">",5,"<","x"]}]}`, "Value of < must be numeric"},
		{`{"a":[{"numeric":[">",5,"<",6,7]}]}`, "Too many terms in numeric range expression"},
		{`{"a":[{"numeric":[">",6,"<",5]}]}`, "Bottom must be less than top"},
		{`{"a":[{"numeric":[">",5,"<",5]}]}`, "Bottom must be less than top"},
		{`{"a":[{"numeric":["<",1e400]}]}`, "Cannot compare number"},
		{`{"a":[{"numeric":["<",5],"x":1}]}`, "Too many elements in numeric expression"},
		{`{"a":[{"anything-but":[]}]}`, "Inside anything but list, either all values are number or string, mixed type is not supported"},
		{`{"a":[{"anything-but":["x",1]}]}`, "Inside anything but list, either all values are number or string, mixed type is not supported"},
		{`{"a":[{"anything-but":null}]}`, "Value of anything-but must be an array or single string/number value."},
		{`{"a":[{"anything-but":{}}]}`, "Anything-But expression name not found"},
		{`{"a":[{"anything-but":{"numeric":[1]}}]}`, "Unsupported anything-but pattern: numeric"},
		{`{"a":[{"anything-but":{"prefix":["x",""]}}]}`, "Null prefix/suffix not allowed"},
		{`{"a":[{"anything-but":{"wildcard":"a**"}}]}`, "Consecutive wildcard characters at pos 2"},
		{`{"a":[{"anything-but":{"equals-ignore-case":[1]}}]}`, "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported."},
		{`{"a":[{"anything-but":"x","y":1}]}`, "Too many elements in numeric expression"},
		{`{"a":[{"exists":"true"}]}`, "exists match pattern must be either true or false."},
		{`{"a":[{"exists":true,"x":1}]}`, "Only one key allowed in match expression"},
		{`{"a":[{"cidr":"10.0.0.0"}]}`, "Malformed CIDR, one '/' required"},
		{`{"a":[{"cidr":"10.0.0.0/x"}]}`, "Malformed CIDR, mask bits must be an integer"},
		{`{"a":[{"cidr":"10.0.0.0/-1"}]}`, "Malformed CIDR, mask bits must not be negative"},
		{`{"a":[{"cidr":"10.0.0.0/33"}]}`, "IPv4 mask bits must be <= 32"},
		{`{"a":[{"cidr":"::/129"}]}`, "IPv6 mask bits must be <= 128"},
		{`{"a":[{"cidr":"300.1.1.1/8"}]}`, "Invalid IP address: 300.1.1.1"},
		{`{"a":[{"wildcard":"a\\b"}]}`, "Invalid escape character at pos 2"},
		{`{"a":[{"wildcard":"a\\"}]}`, "Invalid escape character at pos 2"},
		{`{"a":[{"wildcard":"*a*b*c*d*e*f"}]}`, reasonWildcardComplex},
		{`{"a":[{"EXISTS":true}]}`, "Unrecognized match type EXISTS"},
		{`{"$or":[{"prefix":["x"]},{"b":["y"]}]}`, "prefix is Ruler reserved fieldName which cannot be used inside $or."},
		{`{"$or":[{"a":["x"]}]}`, "Unrecognized match type a"},
		{`{"a":["x"],}`, "Unexpected character"},
		{`{'a':["x"]}`, "Unexpected character (''' (code 39)): was expecting double-quote to start field name"},
		{`{"a":["x"]} {}`, "Unexpected character"},
	}
	for _, c := range cases {
		_, err := Compile(c.pattern)
		be, ok := err.(*awserr.Error)
		if !ok || be.Code != InvalidEventPatternCode {
			t.Errorf("%s: error %v, want InvalidEventPatternException", c.pattern, err)
			continue
		}
		want := "Event pattern is not valid. Reason: " + c.reason
		if !strings.HasPrefix(be.Message, want) {
			t.Errorf("%s:\n got %q\nwant %q", c.pattern, be.Message, want)
		}
	}
}

func TestPatternLimits(t *testing.T) {
	long := `{"a":["` + strings.Repeat("x", 2048) + `"]}`
	if _, err := Compile(long); awserr.ErrorCode(err) != InvalidEventPatternCode {
		t.Fatalf("2,048+ characters: %v", err)
	}
	if _, err := Compile(long, WithMaxPatternLength(4096)); err != nil {
		t.Fatalf("raised limit: %v", err)
	}
	// 1,000 $or combinations are allowed, 1,001 are not
	branch := func(n int) string {
		var bs []string
		for i := 0; i < n; i++ {
			bs = append(bs, `{"k`+string(rune('a'+i%26))+`":["v"]}`)
		}
		return `[` + strings.Join(bs, ",") + `]`
	}
	ok := `{"a":{"$or":` + branch(10) + `},"b":{"$or":` + branch(10) + `},"c":{"$or":` + branch(10) + `}}`
	if _, err := Compile(ok, WithMaxPatternLength(math.MaxInt)); err != nil {
		t.Fatalf("1,000 combinations: %v", err)
	}
	tooMany := `{"a":{"$or":` + branch(10) + `},"b":{"$or":` + branch(10) + `},"c":{"$or":` + branch(11) + `}}`
	if _, err := Compile(tooMany, WithMaxPatternLength(math.MaxInt)); awserr.ErrorCode(err) != InvalidEventPatternCode {
		t.Fatalf("1,100 combinations: %v", err)
	}
	if _, err := Compile(`{"a":[{"wildcard":"*a*b*c*d*e*f"}]}`, WithWildcardComplexity(math.MaxInt)); err != nil {
		t.Fatalf("complexity check disabled: %v", err)
	}
	if _, err := Compile(`{"a":[{"exactly":"x"}]}`); !awserr.IsNotSimulated(err) {
		t.Fatalf("exactly: %v", err)
	}
}

// TestSemantics pins behaviours the spec states that the vectors do not cover directly.
func TestSemantics(t *testing.T) {
	cases := []struct {
		pattern, event string
		want           bool
	}{
		{`{"a":[300]}`, `{"a":3.0e2}`, true},
		{`{"a":[300]}`, `{"a":"300"}`, false},
		{`{"a":["300"]}`, `{"a":300}`, false},
		{`{"a":[12345678901234567890]}`, `{"a":12345678901234567890}`, true},
		{`{"a":[12345678901234567890]}`, `{"a":12345678901234567891}`, false},
		{`{"a":[-122.462852294185280]}`, `{"a":-122.46285229418528}`, true},
		{`{"a":["2001:db8::1"]}`, `{"a":"2001:0db8:0:0:0:0:0:1"}`, true},
		{`{"a":["10.0.0.1"]}`, `{"a":"::ffff:a00:1"}`, true},
		{`{"a":[{"prefix":""}]}`, `{"a":""}`, true},
		{`{"a":[{"prefix":""}]}`, `{"a":1}`, false},
		{`{"a":[{"wildcard":"a\\*b"}]}`, `{"a":"a*b"}`, true},
		{`{"a":[{"wildcard":"a\\*b"}]}`, `{"a":"axb"}`, false},
		{`{"a":[{"wildcard":"*/x"}]}`, `{"a":"p/q/x"}`, true},
		{`{"a":[{"anything-but":"x"}]}`, `{"a":null}`, true},
		{`{"a":[{"anything-but":"x"}]}`, `{}`, false},
		{`{"a":[{"anything-but":"x"}]}`, `{"a":[]}`, false},
		{`{"a":[{"exists":false}]}`, `{"a":[]}`, true},
		{`{"a":[{"exists":true}]}`, `{"a":null}`, true},
		{`{"a":[{"exists":true}]}`, `{"a":{"b":1}}`, false},
		{`{"a":{"b":["x"],"c":["y"]}}`, `{"a":[{"b":"x"},{"c":"y"}]}`, false},
		{`{"a":{"b":["x"],"c":["y"]}}`, `{"a":[{"b":"x"},{"b":"x","c":"y"}]}`, true},
		{`{"a":{"b":["x"],"c":[{"exists":false}]}}`, `{"a":[{"b":"x"},{"c":"y"}]}`, true},
		{`{"a":{"b":["x"],"c":[{"exists":false}]}}`, `{"a":[{"b":"x","c":"z"},{"c":"y"}]}`, false},
		{`{"a.b":["x"]}`, `{"a":{"b":"x"}}`, true},
		{`{"a":{"b":["x"]}}`, `{"a.b":"x"}`, true},
		{`{"$or":{"m":["v"]}}`, `{"$or":{"m":"v"}}`, true},
		{`{"a":[{"equals-ignore-case":"ÄB"}]}`, `{"a":"äb"}`, true},
		{`{"a":[{"suffix":{"equals-ignore-case":".PNG"}}]}`, `{"a":"x.png"}`, true},
		{`{"a":[{"anything-but":{"equals-ignore-case":["X","y"]}}]}`, `{"a":"Y"}`, false},
		{`{"a":[{"numeric":[">=",-1e300,"<",1e300]}]}`, `{"a":5}`, true},
		{`{"":{"a":[1]}}`, `{"":{"a":1}}`, true},
		{`{"":{"a":[1]}}`, `{"a":1}`, false},
		{`{".a":[1]}`, `{"":{"a":1}}`, true},
		{`{"a":{"":[1]}}`, `{"a.":1}`, true},
	}
	for _, c := range cases {
		p, err := Compile(c.pattern)
		if err != nil {
			t.Fatalf("%s: %v", c.pattern, err)
		}
		got, err := p.Matches([]byte(c.event))
		if err != nil || got != c.want {
			t.Errorf("%s on %s = %v, %v; want %v", c.pattern, c.event, got, err, c.want)
		}
		if o, _ := oMatchText(c.pattern, []byte(c.event)); o != c.want {
			t.Errorf("oracle: %s on %s = %v; want %v", c.pattern, c.event, o, c.want)
		}
	}
}

func TestTestEventPatternEnvelope(t *testing.T) {
	const env = `{"id":"1","account":"123456789012","source":"s","time":"2022-01-01T00:00:00Z","region":"us-east-1","detail-type":"t","detail":{"x":1}}`
	if ok, err := TestEventPattern(`{"detail":{"x":[1]}}`, env); err != nil || !ok {
		t.Fatalf("envelope event: %v %v", ok, err)
	}
	for _, ev := range []string{`"x"`, `[1]`, `{"detail":{"x":1}}`, `{"id":"1","account":"1","source":"s","time":"t","region":"r"}`, `{`} {
		_, err := TestEventPattern(`{"detail":{"x":[1]}}`, ev)
		be, ok := err.(*awserr.Error)
		if !ok || be.Code != ValidationExceptionCode || be.Message != "Parameter Event is not valid." {
			t.Errorf("event %s: %v", ev, err)
		}
	}
}
