package awsapi

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/watchsim/watchsim"
	"github.com/watchsim/watchsim/bus"
)

// DefaultMaxRequestBytes is the default limit of a request body after decompression (see
// [WithMaxRequestBytes]); operations AWS limits further (PutMetricData: 1 MB) keep their own limit.
const DefaultMaxRequestBytes = 16 << 20

// Handler is an http.Handler that serves a [watchsim.Simulator] over the AWS wire protocols, so the
// AWS SDKs, the aws CLI and boto3 talk to it as they talk to AWS. See the package documentation.
//
// Concurrency: a Handler is safe for concurrent use, as the simulator is.
type Handler struct {
	opts   options
	cbor   cborCodec
	plans  *planner
	plMu   sync.Mutex // guards plans, built as operations are first called
	state  atomic.Pointer[state]
	seq    atomic.Uint64
	gzPool sync.Pool // *gzip.Reader
	// bufPool holds the body buffers of served operations (*[]byte), returned once the input is
	// decoded: every decoder copies what it keeps, so nothing refers to them after (see release).
	bufPool sync.Pool
}

// maxPooledBuf is the largest body buffer kept for reuse; larger ones are left to the collector.
const maxPooledBuf = 2 << 20

// state is what a reset replaces: the simulator, its served services and the wire fakes' registry.
type state struct {
	sim      *watchsim.Simulator
	services []*service
	byTarget map[string]*service // X-Amz-Target prefix and rpcv2 service name
	bySign   map[string]*service // SigV4 signing name
	byVer    map[string]*service // query Version
	fakes    *fakes
}

// New returns a Handler serving sim: every service the Simulator holds that the service table
// lists, every operation found on it by reflection.
func New(sim *watchsim.Simulator, opts ...Option) (*Handler, error) {
	if sim == nil || sim.Bus == nil {
		return nil, errors.New("awsapi: New needs a Simulator built by watchsim.New")
	}
	o, err := buildOptions(opts)
	if err != nil {
		return nil, err
	}
	h := &Handler{opts: o, plans: newPlanner()}
	if h.cbor, err = newCBORCodec(o.maxBody); err != nil {
		return nil, err
	}
	st, err := h.newState(sim)
	if err != nil {
		return nil, err
	}
	h.state.Store(st)
	return h, nil
}

func (h *Handler) newState(sim *watchsim.Simulator) (*state, error) {
	svcs, err := discover(sim)
	if err != nil {
		return nil, err
	}
	st := &state{sim: sim, services: svcs, byTarget: map[string]*service{}, bySign: map[string]*service{},
		byVer: map[string]*service{}, fakes: newFakes()}
	for _, s := range svcs {
		st.byTarget[s.target] = s
		for _, alias := range s.targetAliases {
			st.byTarget[alias] = s
		}
		st.bySign[s.signing] = s
		if s.protos&Query != 0 {
			st.byVer[s.version] = s
		}
	}
	return st, nil
}

// Simulator returns the simulator the Handler serves (a new one after a reset).
func (h *Handler) Simulator() *watchsim.Simulator { return h.state.Load().sim }

// Services returns the AWS services the Handler serves, with the number of operations of each, as
// "CloudWatch (21 operations)", in table order; the wire fakes (SQS, SNS, S3) are not listed.
func (h *Handler) Services() []string {
	var out []string
	for _, s := range h.state.Load().services {
		out = append(out, s.name+" ("+strconv.Itoa(len(s.ops))+" operations)")
	}
	return out
}

// wire is the protocol of one request.
type wire uint8

const (
	wireCBOR wire = iota + 1
	wireJSON10
	wireJSON11
	wireQuery
	wireREST
)

// exchange is one request being served.
type exchange struct {
	w        http.ResponseWriter
	r        *http.Request
	st       *state
	svc      *service // nil for the fakes
	op       string
	wire     wire
	reqID    string
	body     []byte   // decompressed
	rawBody  []byte   // as received, when it was compressed (what SigV4 signed)
	pooled   [][]byte // body buffers from the Handler's pool, returned by release
	form     url.Values
	cred     credential
	isFake   string                       // "sqs", "sns" or "s3"
	errNS    string                       // the fakes' error namespace
	queryEr  bool                         // send X-Amzn-Query-Error
	errShape func(op, code string) string // the fakes' error shapes
	xmlns    string
}

// ServeHTTP serves one AWS request. It never panics and never answers with a Go stack: a failure
// is an AWS error in the protocol's shape.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	x := &exchange{w: w, r: r, st: h.state.Load(), reqID: h.requestID()}
	defer func() {
		if p := recover(); p != nil {
			h.writeError(x, bus.ServerError("InternalFailure",
				fmt.Sprintf("watchsim failed while serving %s: %v", x.op, p)))
		}
	}()
	if h.opts.control && strings.HasPrefix(r.URL.Path, controlPrefix) {
		h.serveControl(w, r)
		return
	}
	x.cred = parseAuthorization(r.Header.Get("Authorization"))
	if err := h.readBody(x); err != nil {
		h.route(x) // best effort, to answer in the right shape
		h.writeError(x, err)
		return
	}
	if err := h.route(x); err != nil {
		h.writeError(x, err)
		return
	}
	if limit := x.opLimit(); limit > 0 && int64(len(x.body)) > limit {
		h.writeError(x, tooLarge(int64(len(x.body)), limit))
		return
	}
	if err := h.authenticate(x); err != nil {
		h.writeError(x, err)
		return
	}
	ctx := bus.WithIdentity(r.Context(), h.identity(x))
	if x.isFake != "" {
		h.serveFake(ctx, x)
		return
	}
	h.serveOperation(ctx, x)
}

func (h *Handler) requestID() string {
	// "%08x-0000-4000-8000-%012x" of the sequence number's top 16 bits and its low 48 bits,
	// written without fmt (a request ID is made for every request)
	n := h.seq.Add(1)
	var b [36]byte
	copy(b[:], "00000000-0000-4000-8000-000000000000")
	putHex(b[:8], n>>48)
	putHex(b[24:], n&0xffffffffffff)
	return string(b[:])
}

// putHex writes v in lowercase hexadecimal, right-aligned in dst (zero-padded by the caller).
func putHex(dst []byte, v uint64) {
	const digits = "0123456789abcdef"
	for i := len(dst) - 1; i >= 0 && v != 0; i-- {
		dst[i] = digits[v&15]
		v >>= 4
	}
}

// readBody reads the body, honouring Content-Encoding: gzip, within the Handler's limit (a guard
// against decompression bombs as much as against large bodies). A body of known length is read
// into a pooled buffer (see release).
func (h *Handler) readBody(x *exchange) error {
	limit := h.opts.maxBody
	var raw []byte
	var err error
	// a declared length is trusted for the allocation only up to maxPooledBuf: a larger body is read
	// as it comes, so a client cannot make the Handler reserve the whole limit by announcing it
	if n := x.r.ContentLength; n > 0 && n <= min(limit, maxPooledBuf) {
		raw = h.getBuf(int(n))[:n]
		x.pooled = append(x.pooled, raw)
		if _, err = io.ReadFull(x.r.Body, raw); err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
	} else {
		raw, err = io.ReadAll(io.LimitReader(x.r.Body, limit+1))
	}
	if err != nil {
		return bus.ClientError("IncompleteBody", "The request body could not be read: "+err.Error())
	}
	if int64(len(raw)) > limit {
		return tooLarge(int64(len(raw)), limit)
	}
	x.body = raw
	switch enc := strings.ToLower(strings.TrimSpace(x.r.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip", "x-gzip":
		body, err := h.gunzip(x, raw, limit)
		if err != nil {
			return err
		}
		x.rawBody = raw
		x.body = body
	default:
		if x.r.Header.Get("X-Amz-Content-Sha256") == "" && !strings.Contains(enc, "aws-chunked") {
			return bus.ClientError("UnsupportedContentEncoding", "Content-Encoding "+enc+" is not supported; use gzip")
		}
	}
	return nil
}

// gunzip decompresses a gzip body, reading at most limit bytes: a larger result (a decompression
// bomb, or just a large body) is refused without expanding the rest. Readers and the output
// buffer are reused.
func (h *Handler) gunzip(x *exchange, raw []byte, limit int64) ([]byte, error) {
	zr, _ := h.gzPool.Get().(*gzip.Reader)
	var err error
	if zr == nil {
		zr, err = gzip.NewReader(bytes.NewReader(raw))
	} else {
		err = zr.Reset(bytes.NewReader(raw))
	}
	if err != nil {
		return nil, serialization("Content-Encoding is gzip but the body is not gzip data: " + err.Error())
	}
	defer h.gzPool.Put(zr)
	// the gzip trailer's ISIZE (the size mod 2^32) sizes the buffer, with room to see the end of the
	// stream without growing; it is only a hint (a sender may claim anything), trusted up to
	// maxPooledBuf, beyond which the buffer grows as the data comes
	size := int64(512)
	if len(raw) >= 4 {
		size = int64(binary.LittleEndian.Uint32(raw[len(raw)-4:])) + 512
	}
	out := h.getBuf(int(min(size, limit+1, maxPooledBuf)))[:0]
	for {
		if len(out) == cap(out) {
			out = append(out, 0)[:len(out)]
		}
		end := min(int64(cap(out)), limit+1)
		n, err := zr.Read(out[len(out):end])
		out = out[:len(out)+n]
		if int64(len(out)) > limit {
			x.pooled = append(x.pooled, out)
			return nil, tooLarge(int64(len(out)), limit)
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			x.pooled = append(x.pooled, out)
			return nil, serialization("the gzip body is corrupt: " + err.Error())
		}
	}
	x.pooled = append(x.pooled, out)
	return out, nil
}

// getBuf returns a buffer of capacity n or more, from the pool when it has one large enough.
func (h *Handler) getBuf(n int) []byte {
	if p, _ := h.bufPool.Get().(*[]byte); p != nil {
		if cap(*p) >= n {
			return (*p)[:0]
		}
		h.bufPool.Put(p)
	}
	return make([]byte, 0, n)
}

// release returns the exchange's pooled body buffers once nothing refers to them: the input has
// been decoded (the CBOR, JSON and query decoders copy every string and blob they keep) and the
// signature checked. The fakes keep bodies (an S3 object is its request body), so they never
// release.
func (h *Handler) release(x *exchange) {
	for _, b := range x.pooled {
		if cap(b) <= maxPooledBuf {
			b = b[:0]
			h.bufPool.Put(&b)
		}
	}
	x.pooled, x.body, x.rawBody = nil, nil, nil
}

func tooLarge(n, limit int64) error {
	return bus.ClientErrorf("RequestEntityTooLarge", "Request size %d exceeded %d bytes", n, limit).WithStatus(413)
}

func (x *exchange) opLimit() int64 {
	if x.svc == nil {
		return 0
	}
	return x.svc.maxBody[x.op]
}

// route finds the service, operation and protocol of a request: the rpcv2 path and Smithy-Protocol
// header, then X-Amz-Target, then a query Action, then S3's REST paths.
func (h *Handler) route(x *exchange) error {
	r := x.r
	if svcName, op, ok := rpcv2Path(r.URL.Path); ok {
		x.wire, x.op = wireCBOR, op
		if p := r.Header.Get("Smithy-Protocol"); p != "" && p != "rpc-v2-cbor" {
			return bus.ClientError("UnsupportedProtocol", "Smithy-Protocol "+p+" is not supported; use rpc-v2-cbor")
		}
		s := x.st.byTarget[svcName]
		if s == nil || s.protos&RPCv2CBOR == 0 {
			return bus.NotSimulatedf("watchsim", "the RPC v2 CBOR service %s", svcName)
		}
		x.svc = s
		return nil
	}
	if target := r.Header.Get("X-Amz-Target"); target != "" {
		// <prefix>.<Op>; the prefix may itself hold dots (CloudTrail's
		// "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101").
		prefix, op := target, ""
		if i := strings.LastIndexByte(target, '.'); i >= 0 {
			prefix, op = target[:i], target[i+1:]
		}
		x.op = op
		x.wire = wireJSON11
		ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if ct == "application/x-amz-json-1.0" {
			x.wire = wireJSON10
		}
		if prefix == sqsTarget {
			x.isFake, x.wire, x.errNS, x.queryEr = "sqs", wireJSON10, "com.amazonaws.sqs", true
			return nil
		}
		s := x.st.byTarget[prefix]
		if s == nil {
			return bus.NotSimulatedf("watchsim", "the service of X-Amz-Target %s", target)
		}
		want := JSON11
		if x.wire == wireJSON10 {
			want = JSON10
		}
		if s.protos&want == 0 {
			if s.protos&(JSON10|JSON11) == 0 {
				return bus.NotSimulatedf("watchsim", "the JSON protocol for %s", s.name)
			}
			// the body is JSON either way; answer in the version the service speaks
			x.wire = wireJSON10
			if s.protos&JSON11 != 0 {
				x.wire = wireJSON11
			}
		}
		x.svc = s
		return nil
	}
	if isForm(r) {
		form, err := h.parseForm(x)
		if err != nil {
			x.wire = wireQuery
			return err
		}
		x.form, x.wire, x.op = form, wireQuery, form.Get("Action")
		if x.cred.service == "sns" || form.Get("Version") == snsVersion {
			x.isFake, x.xmlns = "sns", snsXMLNS
			return nil
		}
		s := x.st.bySign[x.cred.service]
		if s == nil || s.protos&Query == 0 {
			s = x.st.byVer[form.Get("Version")]
		}
		if s == nil {
			return bus.NotSimulatedf("watchsim", "the query service of Version %q", form.Get("Version"))
		}
		x.svc, x.xmlns = s, s.xmlns
		if x.op == "" {
			return bus.ClientError("MissingAction", "The request must contain the parameter Action.")
		}
		return nil
	}
	x.isFake, x.wire = "s3", wireREST
	return nil
}

// rpcv2Path finds ".../service/<Service>/operation/<Op>" at the end of a path (a BaseEndpoint path
// prefix is kept by the SDK, so any prefix is allowed).
func rpcv2Path(p string) (svc, op string, ok bool) {
	i := strings.LastIndex(p, "/service/")
	if i < 0 {
		return "", "", false
	}
	svc, op, ok = strings.Cut(p[i+len("/service/"):], "/operation/")
	if !ok || svc == "" || op == "" || strings.Contains(op, "/") || strings.Contains(svc, "/") {
		return "", "", false
	}
	return svc, op, true
}

func isForm(r *http.Request) bool {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if r.Method == http.MethodPost && ct == "application/x-www-form-urlencoded" {
		return true
	}
	return r.Method == http.MethodGet && r.URL.Query().Get("Action") != ""
}

func (h *Handler) parseForm(x *exchange) (url.Values, error) {
	q := x.r.URL.Query()
	if len(x.body) > 0 {
		f, err := url.ParseQuery(string(x.body))
		if err != nil {
			return nil, bus.ClientError("MalformedQueryString", "The query string is malformed: "+err.Error())
		}
		for k, v := range f {
			q[k] = append(q[k], v...)
		}
	}
	return q, nil
}

// serveOperation decodes the input, calls the operation through the simulator and encodes its
// output.
func (h *Handler) serveOperation(ctx context.Context, x *exchange) {
	op := x.svc.ops[x.op]
	if op == nil {
		h.writeError(x, bus.NotSimulatedf(x.svc.signing, "the %s operation %s", x.svc.name, x.op))
		return
	}
	inPlan, outPlan := h.plansOf(op)
	in := reflect.New(op.in)
	var err error
	switch x.wire {
	case wireCBOR:
		err = h.cbor.decode(x.body, in.Interface(), inPlan)
	case wireJSON10, wireJSON11:
		err = decodeJSON(x.body, in.Interface(), inPlan)
	case wireQuery:
		err = decodeQuery(x.form, in.Interface(), inPlan)
	}
	h.release(x)
	if err != nil {
		h.writeError(x, err)
		return
	}
	// ctx as a Value of the interface type, so Call's assignability check is an identity test
	// rather than a walk of the dynamic type's method set
	res := op.method.Call([]reflect.Value{reflect.ValueOf(&ctx).Elem(), in})
	if e, _ := res[1].Interface().(error); e != nil {
		h.writeError(x, e)
		return
	}
	out := res[0].Interface()
	if res[0].IsNil() {
		out = struct{}{}
	}
	var body []byte
	switch x.wire {
	case wireCBOR:
		if op.outEmpty {
			body = []byte{0xa0} // the empty map, as the encoder writes a struct without members
			break
		}
		body, err = h.cbor.encode(out)
	case wireJSON10, wireJSON11:
		body, err = encodeJSON(out, outPlan)
	case wireQuery:
		body, err = encodeQueryXML(x.op, x.svc.xmlns, x.reqID, out, outPlan)
	}
	if err != nil {
		h.writeError(x, bus.ServerError("InternalFailure", "watchsim could not encode the output of "+x.op+": "+err.Error()))
		return
	}
	h.writeOK(x, body)
}

func (h *Handler) writeOK(x *exchange, body []byte) {
	// the header values share one backing array (capacity-limited slices, so an Add elsewhere
	// copies), set under their canonical keys
	v := make([]string, 4)
	v[0], v[1], v[3] = x.reqID, strconv.Itoa(len(body)), "rpc-v2-cbor"
	switch x.wire {
	case wireCBOR:
		v[2] = "application/cbor"
	case wireJSON10:
		v[2] = "application/x-amz-json-1.0"
	case wireJSON11:
		v[2] = "application/x-amz-json-1.1"
	case wireQuery:
		v[2] = "text/xml"
	}
	hd := x.w.Header()
	hd["X-Amzn-Requestid"] = v[0:1:1]
	if v[2] != "" {
		hd["Content-Type"] = v[2:3:3]
	}
	if x.wire == wireCBOR {
		hd["Smithy-Protocol"] = v[3:4:4]
	}
	hd["Content-Length"] = v[1:2:2]
	x.w.WriteHeader(http.StatusOK)
	_, _ = x.w.Write(body)
}

// Operations returns the operations the Handler serves for the AWS service named as in
// [Handler.Services] ("CloudWatch", "CloudWatch Logs", …), sorted; nil for a service it does not serve.
func (h *Handler) Operations(service string) []string {
	for _, s := range h.state.Load().services {
		if s.name == service {
			out := make([]string, 0, len(s.ops))
			for name := range s.ops {
				out = append(out, name)
			}
			sort.Strings(out)
			return out
		}
	}
	return nil
}
