package query

import (
	"fmt"
	"testing"
)

// TestSetNilDocDeletes: putting a nil item deletes it (it used to keep the key counted, and a
// compaction then left the key naming another item's position).
func TestSetNilDocDeletes(t *testing.T) {
	s := NewSet()
	const n = 3000
	for i := range n {
		s.Put(fmt.Sprint("k", i), map[string]any{"resourceId": fmt.Sprint("k", i)})
	}
	s.Put("k0", nil)
	s.PutDoc("k1", nil)
	for i := 2; i < 2000; i++ { // enough holes to compact
		s.Delete(fmt.Sprint("k", i))
	}
	if s.Len() != n-2000 {
		t.Fatalf("Len = %d, want %d", s.Len(), n-2000)
	}
	for _, k := range []string{"k0", "k1", "k5"} {
		if d, ok := s.Get(k); ok {
			t.Fatalf("Get(%s) = %v, true after deletion", k, d)
		}
	}
	s.Put("k0", map[string]any{"resourceId": "k0 again"})
	for i := 2000; i < n; i++ {
		k := fmt.Sprint("k", i)
		if d, ok := s.Get(k); !ok || d["resourceId"] != k {
			t.Fatalf("Get(%s) = %v, %v", k, d, ok)
		}
	}
	if d, ok := s.Get("k0"); !ok || d["resourceId"] != "k0 again" {
		t.Fatalf("Get(k0) = %v, %v", d, ok)
	}
}
