package logs

import "context"

// applyEMF reads the events of st from arrival index first as embedded metric format.
// (Filled in when the EMF decoder lands.)
func (s *Service) applyEMF(ctx context.Context, g *group, st *stream, first int) {}
