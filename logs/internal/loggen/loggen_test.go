package loggen

import (
	"bytes"
	"strings"
	"testing"
)

func TestLinesDeterministicAndMatchWrite(t *testing.T) {
	a, b := Lines(3000, 1), Lines(3000, 1)
	if strings.Join(a, "\n") != strings.Join(b, "\n") {
		t.Fatal("Lines is not deterministic")
	}
	var buf bytes.Buffer
	if err := Write(&buf, 3000, 1); err != nil {
		t.Fatal(err)
	}
	if buf.String() != strings.Join(a, "\n")+"\n" {
		t.Fatal("Write and Lines differ")
	}
	if avg := Size(a) / int64(len(a)); avg < 130 || avg > 170 {
		t.Fatalf("average line length %d, want about 150", avg)
	}
	if c := Lines(10, 2); c[0] == a[0] {
		t.Fatal("seed ignored")
	}
	for kind, prefix := range []string{"2026-", "{", "10."} {
		for _, l := range Only(a, kind) {
			if !strings.HasPrefix(l, prefix) {
				t.Fatalf("kind %d line %q", kind, l)
			}
		}
	}
}
