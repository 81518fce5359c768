package insights

import (
	"encoding/base64"
	"math"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// stringFunc returns the string function named lower, or nil (the string functions of
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-operations-functions.html).
// A string function given an absent field, a map or a list returns an absent value; numbers
// and timestamps are read as their text.
func stringFunc(lower string) *funcSpec {
	switch lower {
	case "isempty":
		return fn("isempty", 1, 1, func(c *runCtx, r *record, e *call) value {
			s, ok := e.args[0].eval(c, r).text()
			return boolVal(!ok || s == "")
		})
	case "isblank":
		return fn("isblank", 1, 1, func(c *runCtx, r *record, e *call) value {
			s, ok := e.args[0].eval(c, r).text()
			return boolVal(!ok || strings.TrimSpace(s) == "")
		})
	case "concat":
		return fn("concat", 1, -1, func(c *runCtx, r *record, e *call) value {
			var b strings.Builder
			for _, a := range e.args {
				// [derived] an absent argument contributes nothing
				s, _ := a.eval(c, r).text()
				b.WriteString(s)
			}
			return str(b.String())
		})
	case "ltrim":
		return fn("ltrim", 1, 2, trimmer(strings.TrimLeftFunc, strings.TrimLeft))
	case "rtrim":
		return fn("rtrim", 1, 2, trimmer(strings.TrimRightFunc, strings.TrimRight))
	case "trim":
		return fn("trim", 1, 2, trimmer(strings.TrimFunc, strings.Trim))
	case "strlen":
		return fn("strlen", 1, 1, str1(func(s string) value { return num(float64(utf8.RuneCountInString(s))) }))
	case "toupper":
		return fn("toupper", 1, 1, str1(func(s string) value { return str(strings.ToUpper(s)) }))
	case "tolower":
		return fn("tolower", 1, 1, str1(func(s string) value { return str(strings.ToLower(s)) }))
	case "substr":
		return fn("substr", 2, 3, evalSubstr)
	case "replace":
		return fn("replace", 3, 3, func(c *runCtx, r *record, e *call) value {
			s, ok1 := e.args[0].eval(c, r).text()
			old, ok2 := e.args[1].eval(c, r).text()
			repl, ok3 := e.args[2].eval(c, r).text()
			if !ok1 || !ok2 || !ok3 {
				return null()
			}
			if old == "" {
				return str(s)
			}
			return str(strings.ReplaceAll(s, old, repl))
		})
	case "regexreplace":
		return fn("regexReplace", 3, 3, evalRegexReplace)
	case "strcontains":
		return fn("strcontains", 2, 2, str2(func(s, t string) value { return bit(strings.Contains(s, t)) }))
	case "startswith":
		return fn("startsWith", 2, 2, str2(func(s, t string) value { return bit(strings.HasPrefix(s, t)) }))
	case "endswith":
		return fn("endsWith", 2, 2, str2(func(s, t string) value { return bit(strings.HasSuffix(s, t)) }))
	case "split":
		return fn("split", 2, 2, str2(func(s, d string) value {
			var parts []string
			if d == "" {
				parts = []string{s}
			} else {
				parts = strings.Split(s, d)
			}
			l := make([]value, len(parts))
			for i, p := range parts {
				l[i] = str(p)
			}
			return listVal(l)
		}))
	case "urlencode":
		return fn("urlencode", 1, 1, str1(func(s string) value { return str(url.QueryEscape(s)) }))
	case "urldecode":
		return fn("urldecode", 1, 1, str1(func(s string) value {
			d, err := url.QueryUnescape(s)
			if err != nil {
				return null()
			}
			return str(d)
		}))
	case "base64encode":
		return fn("base64encode", 1, 1, str1(func(s string) value { return str(base64.StdEncoding.EncodeToString([]byte(s))) }))
	case "base64decode":
		return fn("base64decode", 1, 1, str1(func(s string) value {
			d, err := base64.StdEncoding.DecodeString(s)
			if err != nil || !utf8.Valid(d) {
				return null()
			}
			return str(string(d))
		}))
	case "hextoascii":
		return fn("hexToAscii", 1, 1, str1(func(s string) value {
			s = strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X")
			if len(s)%2 != 0 {
				return null()
			}
			b := make([]byte, len(s)/2)
			for i := range b {
				hi, lo := hexVal(s[2*i]), hexVal(s[2*i+1])
				if hi < 0 || lo < 0 {
					return null()
				}
				b[i] = byte(hi<<4 | lo)
			}
			if !utf8.Valid(b) {
				return null()
			}
			return str(string(b))
		}))
	case "hextodec":
		return fn("hexToDec", 1, 1, str1(func(s string) value {
			s = strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X")
			n, err := strconv.ParseUint(s, 16, 64)
			if err != nil {
				return null()
			}
			return num(float64(n))
		}))
	case "dectohex":
		return fn("decToHex", 1, 1, func(c *runCtx, r *record, e *call) value {
			f, ok := e.args[0].eval(c, r).number()
			if !ok || f < 0 || f != math.Trunc(f) || f >= 1<<63 {
				return null()
			}
			return str("0x" + strconv.FormatUint(uint64(f), 16))
		})
	}
	return nil
}

func hexVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// bit is the 1/0 result of strcontains, startsWith and endsWith.
func bit(b bool) value {
	if b {
		return num(1)
	}
	return num(0)
}

func str1(op func(string) value) func(c *runCtx, r *record, e *call) value {
	return func(c *runCtx, r *record, e *call) value {
		s, ok := e.args[0].eval(c, r).text()
		if !ok {
			return null()
		}
		return op(s)
	}
}

func str2(op func(a, b string) value) func(c *runCtx, r *record, e *call) value {
	return func(c *runCtx, r *record, e *call) value {
		a, ok1 := e.args[0].eval(c, r).text()
		b, ok2 := e.args[1].eval(c, r).text()
		if !ok1 || !ok2 {
			return null()
		}
		return op(a, b)
	}
}

// trimmer removes white space, or with a second argument every character of that argument,
// from one or both ends: ltrim("xyZxyfooxyZ", "xyZ") is "fooxyZ".
func trimmer(space func(string, func(rune) bool) string, chars func(string, string) string) func(c *runCtx, r *record, e *call) value {
	return func(c *runCtx, r *record, e *call) value {
		s, ok := e.args[0].eval(c, r).text()
		if !ok {
			return null()
		}
		if len(e.args) == 1 {
			return str(space(s, unicode.IsSpace))
		}
		cut, ok := e.args[1].eval(c, r).text()
		if !ok {
			return null()
		}
		return str(chars(s, cut))
	}
}

// evalSubstr is substr(s, start[, length]) with a 0-based start in code points:
// substr("xyZfooxyZ", 3, 3) is "foo". A start or length beyond the string is clipped; a
// negative one is absent ([derived]).
func evalSubstr(c *runCtx, r *record, e *call) value {
	s, ok := e.args[0].eval(c, r).text()
	if !ok {
		return null()
	}
	start, ok := e.args[1].eval(c, r).number()
	if !ok || start < 0 {
		return null()
	}
	runes := []rune(s)
	st := int(math.Min(math.Trunc(start), float64(len(runes))))
	end := len(runes)
	if len(e.args) == 3 {
		n, ok := e.args[2].eval(c, r).number()
		if !ok || n < 0 {
			return null()
		}
		end = int(math.Min(float64(st)+math.Trunc(n), float64(len(runes))))
	}
	return str(string(runes[st:end]))
}

// evalRegexReplace is regexReplace(s, /re/ or "re", replacement): every match replaced; $1 and
// ${name} in the replacement refer to groups (RE2 syntax, [derived]).
func evalRegexReplace(c *runCtx, r *record, e *call) value {
	s, ok1 := e.args[0].eval(c, r).text()
	repl, ok2 := e.args[2].eval(c, r).text()
	if !ok1 || !ok2 {
		return null()
	}
	re := e.re
	if re == nil {
		pat, ok := e.args[1].eval(c, r).text()
		if !ok {
			return null()
		}
		var err error
		if re, err = regexp.Compile(pat); err != nil {
			return null()
		}
	}
	return str(re.ReplaceAllString(s, repl))
}

// parseISOTimestamp reads an ISO 8601 date-time as toMillis and the timestamp functions accept
// it: YYYY-MM-DD, then 'T' or ' ' and HH:MM[:SS[.fff]], then Z or ±HH:MM (UTC when absent).
// Seconds may carry a leading zero beyond two digits ("13:18:031" as the documentation's own
// example writes it).
func parseISOTimestamp(s string) (int64, bool) {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return 0, false
	}
	digits := func(t string) (int, bool) {
		if t == "" {
			return 0, false
		}
		n := 0
		for i := 0; i < len(t); i++ {
			if !isDigit(t[i]) {
				return 0, false
			}
			n = n*10 + int(t[i]-'0')
			if n > 1_000_000 {
				return 0, false
			}
		}
		return n, true
	}
	y, ok1 := digits(s[:4])
	mo, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 || mo < 1 || mo > 12 || d < 1 || d > 31 {
		return 0, false
	}
	rest := s[10:]
	var hh, mm, ss, ms int
	loc := 0 // offset seconds
	if rest != "" {
		if rest[0] != 'T' && rest[0] != ' ' {
			return 0, false
		}
		rest = rest[1:]
		end := strings.IndexAny(rest, "Z+-")
		clock := rest
		zone := ""
		if end >= 0 {
			clock, zone = rest[:end], rest[end:]
		}
		parts := strings.Split(clock, ":")
		if len(parts) < 2 || len(parts) > 3 {
			return 0, false
		}
		var ok bool
		if hh, ok = digits(parts[0]); !ok || hh > 23 {
			return 0, false
		}
		if mm, ok = digits(parts[1]); !ok || mm > 59 {
			return 0, false
		}
		if len(parts) == 3 {
			sec, frac, hasFrac := strings.Cut(parts[2], ".")
			if ss, ok = digits(sec); !ok || ss > 60 {
				return 0, false
			}
			if hasFrac {
				if len(frac) == 0 || len(frac) > 9 {
					return 0, false
				}
				f, ok := digits((frac + "000")[:3])
				if !ok {
					return 0, false
				}
				if _, ok := digits(frac); !ok {
					return 0, false
				}
				ms = f
			}
		}
		switch {
		case zone == "" || zone == "Z":
		case len(zone) == 6 && zone[3] == ':':
			zh, ok1 := digits(zone[1:3])
			zm, ok2 := digits(zone[4:6])
			if !ok1 || !ok2 || zh > 18 || zm > 59 {
				return 0, false
			}
			loc = zh*3600 + zm*60
			if zone[0] == '-' {
				loc = -loc
			}
		default:
			return 0, false
		}
	}
	t := time.Date(y, time.Month(mo), d, hh, mm, ss, ms*1_000_000, time.UTC)
	return t.UnixMilli() - int64(loc)*1000, true
}
