package events

import (
	"pgregory.net/rapid"
	"testing"
)

func TestNumKeyFastSlow(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ip := rapid.StringMatching(`-?(0|[1-9][0-9]{0,17})`).Draw(t, "i")
		fp := rapid.StringMatching(`(\.[0-9]{1,19})?`).Draw(t, "f")
		s := ip + fp
		k1, ok1, done := fastNumKey([]byte(s))
		k2, ok2 := slowNumKey([]byte(s))
		if done && (ok1 != ok2 || (ok1 && k1 != k2)) {
			t.Fatalf("%s: fast %v %v slow %v %v", s, k1, ok1, k2, ok2)
		}
	})
}
