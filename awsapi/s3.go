package awsapi

import (
	"context"
	"net/http"

	"github.com/watchsim/watchsim/bus"
)

// serveS3 serves the S3 fake's REST-XML subset.
func (h *Handler) serveS3(_ context.Context, x *exchange) {
	h.writeError(x, bus.NotSimulatedf("s3", "the request %s %s", x.r.Method, x.r.URL.Path))
	_ = http.MethodGet
}
