package logs

// StoredMemory reports the memory the service's event stores hold (for the benchmarks).
func StoredMemory(s *Service) int64 {
	var n int64
	s.b.Locked(func() {
		for _, g := range s.groups {
			for _, st := range g.streams {
				n += st.st.memBytes()
			}
		}
	})
	return n
}
