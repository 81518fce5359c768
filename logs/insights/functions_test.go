package insights

import (
	"slices"
	"testing"
)

// eval1 runs "fields <expr> as v" over one event and returns v's rendered value ("<absent>" when
// the row leaves it out).
func eval1(t *testing.T, expr string, ev Event) string {
	t.Helper()
	q, err := Parse("fields " + expr + " as v | display v")
	if err != nil {
		t.Fatalf("Parse(%q): %v", expr, err)
	}
	res, err := q.Run(slices.Values([]Event{ev}), Window{Start: 0, End: 1 << 50, Now: 1_700_000_123_456})
	if err != nil || len(res.Rows) != 1 {
		t.Fatalf("Run(%q): %v, %d rows", expr, err, len(res.Rows))
	}
	for _, f := range res.Rows[0] {
		if f.Field == "v" {
			return f.Value
		}
	}
	return "<absent>"
}

func TestFunctions(t *testing.T) {
	ev := Event{Timestamp: 1_716_099_035_743, IngestionTime: 1_716_099_036_000, LogStream: "s", Log: "1:g",
		Message: `{"n":7,"f":2.50,"s":"Hello World","ip":"10.1.2.3","ip6":"2001:db8::1","list":[1,"two",{"x":3}],"blank":"  ","empty":"","neg":-4}`}
	for _, tc := range []struct{ expr, want string }{
		// documented results (CWL_QuerySyntax-operations-functions)
		{`ltrim("xyZxyfooxyZ", "xyZ")`, "fooxyZ"},
		{`rtrim("xyZfooxyxyZ", "xyZ")`, "xyZfoo"},
		{`trim("xyZxyfooxyxyZ", "xyZ")`, "foo"},
		{`substr("xyZfooxyZ", 3, 3)`, "foo"},
		{`toMillis("2022-01-14T13:18:031.000-08:00")`, "1642195111000"},
		{`replace("foo", "o", "0")`, "f00"},
		{`2 ^ 3`, "8"},
		{`10 % 3`, "1"},
		// arithmetic and numbers
		{`n * 2 + f`, "16.5"}, {`n / 2`, "3.5"}, {`-n`, "-7"}, {`1 / 0`, "<absent>"}, {`f`, "2.50"},
		{`abs(neg)`, "4"}, {`ceil(f)`, "3"}, {`floor(f)`, "2"}, {`greatest(n, f, 9)`, "9"}, {`least(n, f, "x")`, "2.5"},
		{`round(2.555, 2)`, "2.56"}, {`round(f)`, "3"}, {`sqrt(16)`, "4"}, {`log(1)`, "0"}, {`sqrt(-1)`, "<absent>"},
		{`toInt(3.9)`, "3"}, {`toLong("-12.5")`, "-12"}, {`toInt(3e10)`, "<absent>"}, {`toNumber("1e3")`, "1000"},
		{`round(haversine(0, 0, 0, 1), 3)`, "111.195"},
		// general
		{`ispresent(n)`, "true"}, {`ispresent(nope)`, "false"}, {`coalesce(nope, s)`, "Hello World"},
		{`if(n > 5, "big", "small")`, "big"}, {`case(n = 1, "one", n = 7, "seven", "many")`, "seven"},
		{`case(n = 1, "one")`, "<absent>"}, {`isNumeric(s)`, "false"}, {`isNumeric("12")`, "true"},
		// strings
		{`isempty(empty)`, "true"}, {`isempty(nope)`, "true"}, {`isempty(s)`, "false"}, {`isblank(blank)`, "true"},
		{`concat(s, "!", n)`, "Hello World!7"}, {`strlen("日本語")`, "3"}, {`toupper(s)`, "HELLO WORLD"},
		{`tolower(s)`, "hello world"}, {`substr(s, 6)`, "World"}, {`strcontains(s, "World")`, "1"},
		{`strcontains(s, "world")`, "0"}, {`startsWith(s, "Hell")`, "1"}, {`endsWith(s, "x")`, "0"},
		{`regexReplace(s, /o/, "0")`, "Hell0 W0rld"}, {`urlencode("a b&c")`, "a+b%26c"}, {`urldecode("a+b%26c")`, "a b&c"},
		{`base64encode("hi")`, "aGk="}, {`base64decode("aGk=")`, "hi"}, {`hexToAscii("6869")`, "hi"},
		{`hexToDec("ff")`, "255"}, {`decToHex(255)`, "0xff"}, {`split("a,b", ",")`, `["a","b"]`}, {`trim(blank)`, ""},
		// datetime
		{`@timestamp`, "2024-05-19 06:10:35.743"}, {`@ingestionTime`, "1716099036000"},
		{`datefloor(@timestamp, 1h)`, "2024-05-19 06:00:00.000"}, {`dateceil(@timestamp, 1h)`, "2024-05-19 07:00:00.000"},
		{`datefloor(@timestamp, 1mo)`, "2024-05-01 00:00:00.000"}, {`datefloor(@timestamp, 1q)`, "2024-04-01 00:00:00.000"},
		{`datefloor(@timestamp, 1y)`, "2024-01-01 00:00:00.000"}, {`datefloor(@timestamp, 1w)`, "2024-05-13 00:00:00.000"},
		{`datefloor(@timestamp, 300s)`, "2024-05-19 06:10:00.000"}, {`dateceil(datefloor(@timestamp, 1d), 1d)`, "2024-05-19 00:00:00.000"},
		{`fromMillis(0)`, "1970-01-01 00:00:00.000"}, {`toMillis(@timestamp)`, "1716099035743"},
		{`now()`, "1700000123"}, {`queryTimeRange()`, "1125899906842624"},
		// IP
		{`isValidIp(ip)`, "true"}, {`isValidIpV4(ip6)`, "false"}, {`isValidIpV6(ip6)`, "true"}, {`isValidIp(s)`, "false"},
		{`isIpInSubnet(ip, "10.0.0.0/8")`, "true"}, {`isIpv4InSubnet(ip, "192.168.0.0/16")`, "false"},
		{`isIpv6InSubnet(ip6, "2001:db8::/32")`, "true"}, {`isPrivateIP(ip)`, "true"}, {`ipv4ToNumber(ip)`, "167838211"},
		// JSON
		{`jsonParse(@message).list.1`, "two"}, {`jsonParse(@message).list[2].x`, "3"}, {`jsonArraySize(jsonParse(@message).list)`, "3"},
		{`jsonArrayContains(jsonParse(@message).list, "two")`, "true"}, {`jsonStringify(jsonParse("{\"a\": [1, true, null]}"))`, `{"a":[1,true,null]}`},
		{`jsonParse("not json")`, "{}"}, {`list.2.x`, "3"}, {`list.0`, "1"},
		// comparisons
		{`n = "7"`, "true"}, {`s = "Hello World"`, "true"}, {`n != 7`, "false"}, {`nope != 7`, "false"},
		{`n in [1, 7]`, "true"}, {`n not in [1, 7]`, "false"}, {`s like "World"`, "true"}, {`s not like /^H/`, "false"},
		{`s =~ /(?i)hello/`, "true"}, {`s like /world/`, "false"}, {`nope like "x"`, "false"}, {`"10" > "9"`, "true"},
		{`"b" > "a"`, "true"}, {`not ispresent(nope) and n >= 7 or false`, "true"},
	} {
		if got := eval1(t, tc.expr, ev); got != tc.want {
			t.Errorf("%s = %q, want %q", tc.expr, got, tc.want)
		}
	}
}

func TestPeriods(t *testing.T) {
	for _, tc := range []struct {
		text string
		n    int64
		unit unit
	}{
		{"5m", 5, uMinute}, {"300s", 60, uSecond}, {"2000ms", 1000, uMillisecond}, {"48h", 24, uHour}, {"90min", 60, uMinute},
		{"2hrs", 2, uHour}, {"3days", 3, uDay}, {"1mon", 1, uMonth}, {"2qtrs", 2, uQuarter}, {"1yr", 1, uYear}, {"400d", 400, uDay},
	} {
		p, ok := parsePeriod(tc.text)
		if !ok || p.n != tc.n || p.unit != tc.unit {
			t.Errorf("parsePeriod(%q) = %+v, %v", tc.text, p, ok)
		}
	}
	for _, bad := range []string{"m", "5", "0h", "5M", "5x", "1ss"} {
		if _, ok := parsePeriod(bad); ok {
			t.Errorf("parsePeriod(%q) accepted", bad)
		}
	}
}
