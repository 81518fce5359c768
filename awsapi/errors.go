package awsapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"github.com/aws/smithy-go"
)

// errorInfo is an error as the wire sends it.
type errorInfo struct {
	code, message string
	status        int
	sender        bool // client fault
}

// classify turns any error of an operation into its AWS code, message, HTTP status and fault. An
// error that is not an AWS error (it should not happen) is an InternalFailure with status 500.
func classify(err error, wire wire) errorInfo {
	var se *serializationError
	if errors.As(err, &se) {
		code := "SerializationException"
		if wire == wireQuery {
			code = "MalformedQueryString"
		}
		return errorInfo{code: code, message: se.msg, status: http.StatusBadRequest, sender: true}
	}
	var api smithy.APIError
	if errors.As(err, &api) {
		e := errorInfo{code: api.ErrorCode(), message: api.ErrorMessage(), sender: api.ErrorFault() != smithy.FaultServer}
		var hs interface{ HTTPStatusCode() int }
		if errors.As(err, &hs) && hs.HTTPStatusCode() >= 400 {
			e.status = hs.HTTPStatusCode()
		} else if e.sender {
			e.status = http.StatusBadRequest
		} else {
			e.status = http.StatusInternalServerError
		}
		return e
	}
	return errorInfo{code: "InternalFailure", message: err.Error(), status: http.StatusInternalServerError}
}

// writeError answers err in the shape of the request's protocol: for JSON and CBOR a body
// {"__type", "message"} (with the X-Amzn-Query-Error header on query-compatible services, and
// X-Amzn-ErrorType on JSON), for query an XML ErrorResponse, for S3 an XML Error.
func (h *Handler) writeError(x *exchange, err error) {
	e := classify(err, x.wire)
	hd := x.w.Header()
	hd.Set("X-Amzn-Requestid", x.reqID)
	fault := "Receiver"
	if e.sender {
		fault = "Sender"
	}
	shape := e.code
	ns := x.errNS
	queryCompat := x.queryEr
	if x.errShape != nil {
		shape = x.errShape(x.op, e.code)
	}
	if x.svc != nil {
		if x.svc.errorShape != nil {
			shape = x.svc.errorShape(x.op, e.code)
		}
		ns = x.svc.errorNS
		queryCompat = x.svc.queryCompatible
	}
	typ := shape
	if ns != "" {
		typ = ns + "#" + shape
	}
	var body []byte
	switch x.wire {
	case wireCBOR:
		hd.Set("Content-Type", "application/cbor")
		hd.Set("Smithy-Protocol", "rpc-v2-cbor")
		body = h.cbor.encodeMap(map[string]string{"__type": typ, "message": e.message})
	case wireQuery:
		hd.Set("Content-Type", "text/xml")
		var b bytes.Buffer
		xmlns := x.xmlns
		if xmlns == "" {
			xmlns = "http://monitoring.amazonaws.com/doc/2010-08-01/"
		}
		b.WriteString(`<ErrorResponse xmlns="` + xmlns + `"><Error><Type>` + fault + `</Type><Code>`)
		xmlText(&b, e.code)
		b.WriteString("</Code><Message>")
		xmlText(&b, e.message)
		b.WriteString("</Message></Error><RequestId>")
		xmlText(&b, x.reqID)
		b.WriteString("</RequestId></ErrorResponse>")
		body = b.Bytes()
	case wireREST:
		hd.Set("Content-Type", "application/xml")
		var b bytes.Buffer
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<Error><Code>")
		xmlText(&b, e.code)
		b.WriteString("</Code><Message>")
		xmlText(&b, e.message)
		b.WriteString("</Message><RequestId>")
		xmlText(&b, x.reqID)
		b.WriteString("</RequestId></Error>")
		if x.r.Method == http.MethodHead {
			b.Reset()
		}
		body = b.Bytes()
	default: // JSON 1.0 / 1.1, and a request not routed yet
		ct := "application/x-amz-json-1.1"
		if x.wire == wireJSON10 {
			ct = "application/x-amz-json-1.0"
		}
		hd.Set("Content-Type", ct)
		hd.Set("X-Amzn-Errortype", shape)
		body, _ = json.Marshal(map[string]string{"__type": typ, "message": e.message})
	}
	if queryCompat && x.wire != wireQuery && x.wire != wireREST {
		hd.Set("X-Amzn-Query-Error", e.code+";"+fault)
	}
	hd.Set("Content-Length", strconv.Itoa(len(body)))
	x.w.WriteHeader(e.status)
	_, _ = x.w.Write(body)
}
