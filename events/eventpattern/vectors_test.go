package eventpattern

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/watchsim/watchsim/internal/awserr"
)

type vector struct {
	ID          string          `json:"id"`
	Semantics   string          `json:"semantics"`
	Pattern     json.RawMessage `json:"pattern"`
	PatternText *string         `json:"pattern_text"`
	Event       json.RawMessage `json:"event"`
	Match       *bool           `json:"match"`
	Error       string          `json:"error"`
	Message     string          `json:"message"`
}

func loadVectors(t testing.TB) []vector {
	f, err := os.Open("testdata/event-pattern-vectors.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var vs []vector
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var v vector
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatal(err)
		}
		vs = append(vs, v)
	}
	return vs
}

func (v vector) patternText() string {
	if v.PatternText != nil {
		return *v.PatternText
	}
	return string(v.Pattern)
}

func hasEnvelope(event []byte) bool {
	var m map[string]json.RawMessage
	if json.Unmarshal(event, &m) != nil {
		return false
	}
	for _, f := range envelopeFields() {
		if _, ok := m[f]; !ok {
			return false
		}
	}
	return true
}

// TestVectors runs every vector of the spec's event-pattern-vectors.jsonl through the compiler,
// Pattern.Matches, a Matcher, the reference interpreter and (for events with the envelope)
// TestEventPattern.
func TestVectors(t *testing.T) {
	vs := loadVectors(t)
	if len(vs) != 262 {
		t.Fatalf("want 262 vectors, got %d", len(vs))
	}
	for _, v := range vs {
		t.Run(v.ID, func(t *testing.T) {
			pat := v.patternText()
			p, err := Compile(pat)
			if v.Error != "" {
				if err == nil {
					t.Fatalf("pattern %s compiled, want %s %q", pat, v.Error, v.Message)
				}
				if code := awserr.ErrorCode(err); code != v.Error {
					t.Fatalf("code %q, want %q (%v)", code, v.Error, err)
				}
				var be *awserr.Error
				if !asBusError(err, &be) || be.Message != v.Message {
					t.Fatalf("message %q, want %q", be.Message, v.Message)
				}
				if hasEnvelope(v.Event) {
					_, err := TestEventPattern(pat, string(v.Event))
					if !asBusError(err, &be) || be.Message != v.Message {
						t.Fatalf("TestEventPattern: %v, want %q", err, v.Message)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("compile %s: %v", pat, err)
			}
			want := *v.Match
			got, err := p.Matches(v.Event)
			if err != nil || got != want {
				t.Fatalf("Pattern.Matches = %v, %v; want %v\npattern %s\nevent %s", got, err, want, pat, v.Event)
			}
			m := mustMatcher()
			if err := m.AddPattern("r", pat); err != nil {
				t.Fatal(err)
			}
			ids, err := m.MatchesForEvent(v.Event)
			if err != nil || (len(ids) == 1) != want {
				t.Fatalf("Matcher = %v, %v; want %v", ids, err, want)
			}
			if o, ok := oMatchText(pat, v.Event); !ok || o != want {
				t.Fatalf("oracle = %v (ok %v); want %v", o, ok, want)
			}
			if hasEnvelope(v.Event) {
				got, err := TestEventPattern(pat, string(v.Event))
				if err != nil || got != want {
					t.Fatalf("TestEventPattern = %v, %v; want %v", got, err, want)
				}
			}
		})
	}
}

func asBusError(err error, target **awserr.Error) bool {
	be, ok := err.(*awserr.Error)
	if ok {
		*target = be
	} else {
		*target = &awserr.Error{}
	}
	return ok
}
