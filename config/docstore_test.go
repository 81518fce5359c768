package config

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/watchsim/watchsim/bus"
	"pgregory.net/rapid"
)

// TestPropertyDeltaHistory: whatever sequence of configurations a resource goes through, every
// state of its history — kept whole or as a delta against the state that replaced it, however long
// the chain — rebuilds to exactly the JSON encoding/json makes of what was published then, and the
// chain to a whole state never exceeds maxDeltaChain.
func TestPropertyDeltaHistory(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		b := bus.MustNew()
		defer b.Close()
		s, err := New(b)
		if err != nil {
			rt.Fatal(err)
		}
		names := []string{"a", "b"}
		var published [][]byte
		var states []*docState
		lastCur := map[string]*docState{}
		steps := rapid.IntRange(1, 80).Draw(rt, "steps")
		for i := 0; i < steps; i++ {
			n := rapid.SampledFrom(names).Draw(rt, "name")
			var conf any
			switch rapid.IntRange(0, 3).Draw(rt, "shape") {
			case 0: // a struct, as services publish
				conf = &struct {
					AlarmName string
					Threshold float64
					Actions   []string
					Note      string `json:",omitempty"`
				}{n, float64(rapid.IntRange(0, 3).Draw(rt, "th")), rapid.SliceOfN(rapid.SampledFrom([]string{"x", "yy", "<&>"}), 0, 3).Draw(rt, "acts"),
					rapid.StringN(0, 40, -1).Draw(rt, "note")}
			case 1: // a map
				conf = map[string]any{"AlarmName": n, "Period": rapid.IntRange(0, 2).Draw(rt, "p")}
			case 2: // raw JSON
				conf = json.RawMessage(fmt.Sprintf(`{"AlarmName":%q,"x":%d}`, n, rapid.IntRange(0, 99).Draw(rt, "x")))
			case 3:
				conf = nil
			}
			want := []byte("{}")
			if conf != nil {
				if want, err = json.Marshal(conf); err != nil {
					rt.Fatal(err)
				}
			}
			var del bool
			if del = rapid.IntRange(0, 9).Draw(rt, "del") == 0; del {
				bus.Publish(context.Background(), b, bus.ResourceChanges(), bus.ResourceChange{ChangeType: bus.ResourceDeleted, ResourceType: TypeAlarm, ResourceID: n})
			} else {
				bus.Publish(context.Background(), b, bus.ResourceChanges(), bus.ResourceChange{ChangeType: bus.ResourceUpdated, ResourceType: TypeAlarm,
					ResourceID: n, Configuration: conf})
			}
			b.Locked(func() {
				if r := s.res[resKey{TypeAlarm, n}]; r != nil && !del && r.cur != lastCur[n] {
					published, states = append(published, want), append(states, r.cur)
					lastCur[n] = r.cur
				}
				if del {
					lastCur[n] = nil
				}
				for j, d := range states {
					if got := d.full(); !bytes.Equal(got, published[j]) {
						rt.Fatalf("state %d rebuilds to %s, published %s", j, got, published[j])
					}
					hops := 0
					for x := d; x.next != nil; x = x.next {
						hops++
					}
					if hops > maxDeltaChain {
						rt.Fatalf("state %d is %d deltas from a whole state", j, hops)
					}
				}
			})
		}
	})
}

// TestEncoderMatchesMarshal: the reused encoder writes what json.Marshal writes (HTML escaped, no
// newline), for every configuration shape services publish, including an unencodable one.
func TestEncoderMatchesMarshal(t *testing.T) {
	var e encoder
	for _, conf := range []any{
		map[string]any{"a": "<b>&", "n": 1.5},
		&struct{ A []string }{},
		json.RawMessage(`{"x":1}`),
		[]byte(`{"y":2}`),
		nil,
		func() {},
	} {
		want, err := json.Marshal(conf)
		switch {
		case conf == nil:
			want = []byte("{}")
		case err != nil:
			want = []byte("{}")
		}
		if b, ok := conf.([]byte); ok {
			want = b
		}
		if got := e.encode(conf); !bytes.Equal(got, want) {
			t.Errorf("%T: encode %s, Marshal %s", conf, got, want)
		}
	}
}

// TestReusedBuffersAreNotShared: the JSON buffer of a state that became a delta is reused for a
// later state only when nothing built from it shares its bytes: an alarm parsed from a state
// keeps its strings through any number of later changes, and an unread state's buffer serves a
// later state.
func TestReusedBuffersAreNotShared(t *testing.T) {
	b := bus.MustNew()
	defer b.Close()
	s, err := New(b)
	if err != nil {
		t.Fatal(err)
	}
	var states []*docState
	publish := func(id, name string) *byte {
		bus.Publish(context.Background(), b, bus.ResourceChanges(), bus.ResourceChange{ChangeType: bus.ResourceUpdated, ResourceType: TypeAlarm,
			ResourceID: id, Configuration: json.RawMessage(`{"AlarmName":"` + name + `","AlarmActions":["x"]}`)})
		var p *byte
		b.Locked(func() {
			cur := s.res[resKey{TypeAlarm, id}].cur
			states, p = append(states, cur), &cur.src[0]
		})
		return p
	}
	// a parsed state's buffer is never reused
	first := publish("a", "first")
	var doc *AlarmDocument
	b.Locked(func() { doc = s.res[resKey{TypeAlarm, "a"}].cur.value().(*AlarmDocument) }) // scanAlarm: shares src
	for _, n := range []string{"secnd", "third", "forth", "fifth"} {
		if p := publish("a", n); p == first {
			t.Fatal("the buffer a parsed document shares was reused")
		}
	}
	if doc.AlarmName != "first" || doc.AlarmActions[0] != "x" {
		t.Fatalf("the parsed document changed under it: %+v", doc)
	}
	// an unread state's buffer serves the state after the next one
	b1 := publish("b", "one11")
	publish("b", "two22") // b1's state becomes a delta: its buffer is free
	if b3 := publish("b", "three"); b3 != b1 {
		t.Error("an unread replaced state's buffer was not reused")
	}
	b.Locked(func() {
		for i, want := range []string{"first", "secnd", "third", "forth", "fifth", "one11", "two22", "three"} {
			if got := string(states[i].full()); !strings.Contains(got, `"`+want+`"`) {
				t.Errorf("state %d rebuilds to %s", i, got)
			}
		}
	})
}
