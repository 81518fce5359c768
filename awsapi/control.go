package awsapi

import (
	"net/http"
	"strings"
	"time"
)

const controlPrefix = "/_watchsim/"

// serveControl serves the time-control endpoints of [WithControlEndpoints].
func (h *Handler) serveControl(w http.ResponseWriter, r *http.Request) {
	text := func(status int, s string) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(s + "\n"))
	}
	st := h.state.Load()
	switch strings.TrimPrefix(r.URL.Path, controlPrefix) {
	case "now":
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			text(http.StatusMethodNotAllowed, "use GET")
			return
		}
		text(http.StatusOK, st.sim.Now().Format(time.RFC3339Nano))
	case "advance":
		if r.Method != http.MethodPost {
			text(http.StatusMethodNotAllowed, "use POST")
			return
		}
		q := r.URL.Query()
		by, to := q.Get("by"), q.Get("to")
		var err error
		switch {
		case by != "" && to == "":
			var d time.Duration
			if d, err = time.ParseDuration(by); err == nil {
				err = st.sim.Advance(d)
			}
		case to != "" && by == "":
			var t time.Time
			if t, err = time.Parse(time.RFC3339Nano, to); err == nil {
				err = st.sim.AdvanceTo(t)
			}
		default:
			text(http.StatusBadRequest, "give one of by=<duration> (5m, 1h30m) or to=<RFC 3339 time>")
			return
		}
		if err != nil {
			text(http.StatusBadRequest, err.Error())
			return
		}
		text(http.StatusOK, st.sim.Now().Format(time.RFC3339Nano))
	case "reset":
		if r.Method != http.MethodPost {
			text(http.StatusMethodNotAllowed, "use POST")
			return
		}
		if h.opts.reset == nil {
			text(http.StatusNotImplemented, "this server was started without a way to build a new simulator")
			return
		}
		sim, err := h.opts.reset()
		if err == nil {
			var ns *state
			if ns, err = h.newState(sim); err == nil {
				if h.state.CompareAndSwap(st, ns) {
					_ = st.sim.Close()
				} else {
					_ = sim.Close()
				}
			}
		}
		if err != nil {
			text(http.StatusInternalServerError, err.Error())
			return
		}
		text(http.StatusOK, h.state.Load().sim.Now().Format(time.RFC3339Nano))
	default:
		text(http.StatusNotFound, "unknown control endpoint; try GET /_watchsim/now, POST /_watchsim/advance?by=5m, POST /_watchsim/reset")
	}
}
