package metricslink

import "testing"

type host struct{ link }

type link = Link

func TestEngineThroughEmbedding(t *testing.T) {
	h := &host{}
	if Engine(h) != nil {
		t.Fatal("unbound link has an engine")
	}
	Bind(&h.link, "engine")
	if Engine(h) != "engine" {
		t.Fatalf("Engine = %v", Engine(h))
	}
	if Engine(struct{}{}) != nil || Engine(nil) != nil {
		t.Fatal("a value without a Link has an engine")
	}
}
