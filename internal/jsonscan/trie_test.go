package jsonscan

import (
	"fmt"
	"testing"
)

func TestTrie(t *testing.T) {
	root := &Node[string]{}
	a := root.AddName("a")
	a.Value = "a"
	if root.AddName("a") != a {
		t.Fatal("AddName added a second child for one name")
	}
	ab := a.AddName("b")
	ab.Value = "a.b"
	a0 := a.AddIndex(0)
	a0.Value = "a[0]"
	if a.AddIndex(0) != a0 {
		t.Fatal("AddIndex added a second child for one index")
	}
	aAny := a.AddAnyName()
	aAny.Value = "a.*"
	if a.AddAnyName() != aAny {
		t.Fatal("AddAnyName added a second child")
	}
	aStar := a.AddAnyIndex()
	aStar.Value = "a[*]"
	if a.AddAnyIndex() != aStar {
		t.Fatal("AddAnyIndex added a second child")
	}
	wide := root.AddName("wide")
	for i := 0; i <= mapThreshold; i++ {
		wide.AddName(fmt.Sprintf("k%d", i)).Value = fmt.Sprintf("wide.k%d", i)
	}
	root.Seal()

	if root.Name("a") != a || root.NameBytes([]byte("a")) != a || root.Name("b") != nil || root.NameBytes([]byte("b")) != nil {
		t.Error("Name / NameBytes on a narrow node")
	}
	if a.Name("b") != ab || a.Index(0) != a0 || a.Index(1) != nil || a.AnyName() != aAny || a.AnyIndex() != aStar {
		t.Error("edges of a")
	}
	if !a.HasIndexes() || root.HasIndexes() || ab.AnyName() != nil || ab.AnyIndex() != nil {
		t.Error("HasIndexes / missing wildcards")
	}
	for i := 0; i <= mapThreshold; i++ {
		k := fmt.Sprintf("k%d", i)
		if n := wide.Name(k); n == nil || n.Value != "wide."+k {
			t.Errorf("wide node: Name(%q)", k)
		}
		if n := wide.NameBytes([]byte(k)); n == nil || n.Value != "wide."+k {
			t.Errorf("wide node: NameBytes(%q)", k)
		}
	}
	if wide.byName == nil || a.byName != nil {
		t.Error("Seal indexes exactly the wide nodes")
	}
	var order []string
	root.Walk(func(n *Node[string]) { order = append(order, n.Value) })
	if got := fmt.Sprint(order[:7]); got != "[ a a.b a[0] a.* a[*] ]" {
		t.Errorf("Walk order %s", got)
	}
	if len(order) != 7+mapThreshold+1 {
		t.Errorf("Walk visited %d nodes", len(order))
	}
}

func TestNameBytesDoesNotAllocate(t *testing.T) {
	root := &Node[int]{}
	root.AddName("abc")
	for i := 0; i <= mapThreshold; i++ {
		root.AddName(fmt.Sprint(i))
	}
	root.Seal()
	key := []byte("abc")
	if n := testing.AllocsPerRun(100, func() { root.NameBytes(key) }); n != 0 {
		t.Fatalf("NameBytes allocates %v times", n)
	}
}
