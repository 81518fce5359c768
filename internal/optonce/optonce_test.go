package optonce

import "testing"

func TestOnce(t *testing.T) {
	var s Set
	if err := s.Once("p", "WithA"); err != nil {
		t.Fatal(err)
	}
	if err := s.Once("p", "WithB"); err != nil {
		t.Fatal(err)
	}
	if err := s.Once("p", "WithA"); err == nil || err.Error() != "p: option WithA given twice" {
		t.Fatalf("second WithA: %v", err)
	}
}
