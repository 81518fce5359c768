package pagetoken

import (
	"testing"

	"pgregory.net/rapid"
)

func TestRoundTripAndRefusal(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		kind := rapid.StringMatching(`[a-z-]{1,12}`).Draw(t, "kind")
		pos := rapid.String().Draw(t, "pos")
		tok := Encode(kind, pos)
		if got, ok := Decode(kind, tok); !ok || got != pos {
			t.Fatalf("Decode(Encode(%q, %q)) = %q, %v", kind, pos, got, ok)
		}
		if _, ok := Decode(kind+"x", tok); ok {
			t.Fatalf("a %q token was accepted for another kind", kind)
		}
	})
	for _, bad := range []string{"", "!!!", "bm90IGEgdG9rZW4", Encode("a", "b")[1:]} {
		if _, ok := Decode("a", bad); ok {
			t.Errorf("Decode accepted %q", bad)
		}
	}
}
