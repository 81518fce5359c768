package awsapi

import (
	"bytes"
	"context"
	"encoding/hex"
	"net"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/watchsim/watchsim/bus"
)

// The S3 fake of package bus over the REST-XML protocol (path-style and virtual-hosted addressing):
// ListBuckets, CreateBucket, ListObjects and ListObjectsV2 (prefix, delimiter, paging), GetObject,
// HeadObject (user metadata as x-amz-meta-* headers), PutObject and DeleteObject — enough for code
// under test to read what a simulated service wrote to a bucket (export tasks, trail log files).
// Other requests are NotSimulated. Request and response shapes follow the Amazon S3 API Reference
// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_Operations_Amazon_Simple_Storage_Service.html).

const s3XMLNS = "http://s3.amazonaws.com/doc/2006-03-01/"

func (h *Handler) serveS3(_ context.Context, x *exchange) {
	r := x.r
	bucket, key := s3Address(r, x.st.sim.Bus)
	q := r.URL.Query()
	q.Del("x-id") // the SDKs name the operation there
	b := x.st.sim.Bus
	find := func() (*bus.S3Bucket, error) {
		s, ok := b.SinkFor(b.ARN("s3", bucket))
		bk, isB := s.(*bus.S3Bucket)
		if !ok || !isB {
			return nil, bus.ClientError("NoSuchBucket", "The specified bucket does not exist").WithStatus(http.StatusNotFound)
		}
		return bk, nil
	}
	var err error
	switch {
	case bucket == "" && r.Method == http.MethodGet:
		x.op = "ListBuckets"
		h.s3ListBuckets(x)
		return
	case bucket != "" && key == "" && r.Method == http.MethodPut && len(q) == 0:
		x.op = "CreateBucket"
		if _, err = bus.NewS3Bucket(b, bucket); err == nil {
			x.st.fakes.mu.Lock()
			x.st.fakes.buckets = append(x.st.fakes.buckets, bucket)
			x.st.fakes.created = append(x.st.fakes.created, b.Now())
			x.st.fakes.mu.Unlock()
			x.w.Header().Set("Location", "/"+bucket)
			h.s3Write(x, http.StatusOK, nil)
			return
		}
	case bucket != "" && key == "" && r.Method == http.MethodGet && s3ListQuery(q):
		x.op = "ListObjects"
		var bk *bus.S3Bucket
		if bk, err = find(); err == nil {
			err = h.s3List(x, bk, q)
		}
		if err == nil {
			return
		}
	case bucket != "" && key != "" && (r.Method == http.MethodGet || r.Method == http.MethodHead) && len(q) == 0:
		x.op = "GetObject"
		var bk *bus.S3Bucket
		if bk, err = find(); err == nil {
			var o bus.S3Object
			if o, err = bk.Get(key); err == nil {
				hd := x.w.Header()
				hd.Set("ETag", o.ETag)
				hd.Set("Last-Modified", o.LastModified.UTC().Format(http.TimeFormat))
				hd.Set("Content-Type", "binary/octet-stream")
				hd.Set("Accept-Ranges", "bytes")
				for k, v := range o.Metadata {
					hd.Set("X-Amz-Meta-"+k, v)
				}
				hd.Set("Content-Length", strconv.Itoa(len(o.Body)))
				hd.Set("X-Amz-Request-Id", x.reqID)
				x.w.WriteHeader(http.StatusOK)
				if r.Method == http.MethodGet {
					_, _ = x.w.Write(o.Body)
				}
				return
			}
		}
	case bucket != "" && key != "" && r.Method == http.MethodPut && len(q) == 0:
		x.op = "PutObject"
		if r.Header.Get("X-Amz-Copy-Source") != "" {
			err = bus.NotSimulated("s3", "CopyObject over the wire")
			break
		}
		var bk *bus.S3Bucket
		if bk, err = find(); err != nil {
			break
		}
		body := x.body
		if strings.Contains(r.Header.Get("Content-Encoding"), "aws-chunked") ||
			strings.HasPrefix(r.Header.Get("X-Amz-Content-Sha256"), "STREAMING-") {
			if body, err = decodeAWSChunked(x.body); err != nil {
				break
			}
		}
		md := map[string]string{}
		for k, v := range r.Header {
			if lk := strings.ToLower(k); strings.HasPrefix(lk, "x-amz-meta-") && len(v) > 0 {
				md[strings.TrimPrefix(lk, "x-amz-meta-")] = v[0]
			}
		}
		if err = bk.Put(key, body, md); err == nil {
			o, _ := bk.Get(key)
			x.w.Header().Set("ETag", o.ETag)
			h.s3Write(x, http.StatusOK, nil)
			return
		}
	case bucket != "" && key != "" && r.Method == http.MethodDelete && len(q) == 0:
		x.op = "DeleteObject"
		var bk *bus.S3Bucket
		if bk, err = find(); err == nil {
			bk.Delete(key)
			h.s3Write(x, http.StatusNoContent, nil)
			return
		}
	default:
		err = bus.NotSimulatedf("s3", "the S3 request %s %s over the wire", r.Method, r.URL.RequestURI())
	}
	h.writeError(x, err)
}

// s3Address finds the bucket and key of a request: virtual-hosted ("bucket.host/key") when the
// Host's first label names an existing bucket and the host is not an IP address, else path-style
// ("/bucket/key").
func s3Address(r *http.Request, b *bus.Bus) (bucket, key string) {
	host := r.Host
	if hst, _, err := net.SplitHostPort(host); err == nil {
		host = hst
	}
	if net.ParseIP(host) == nil {
		if label, _, ok := strings.Cut(host, "."); ok {
			if _, exists := b.SinkFor(b.ARN("s3", label)); exists {
				return label, strings.TrimPrefix(r.URL.Path, "/")
			}
		}
	}
	p := strings.TrimPrefix(r.URL.Path, "/")
	bucket, key, _ = strings.Cut(p, "/")
	return bucket, key
}

func s3ListQuery(q map[string][]string) bool {
	for k := range q {
		switch k {
		case "list-type", "prefix", "delimiter", "marker", "max-keys", "continuation-token", "start-after", "encoding-type", "fetch-owner":
		default:
			return false
		}
	}
	return true
}

func (h *Handler) s3Write(x *exchange, status int, body []byte) {
	hd := x.w.Header()
	hd.Set("X-Amz-Request-Id", x.reqID)
	if body != nil {
		hd.Set("Content-Type", "application/xml")
	}
	hd.Set("Content-Length", strconv.Itoa(len(body)))
	x.w.WriteHeader(status)
	_, _ = x.w.Write(body)
}

func (h *Handler) s3ListBuckets(x *exchange) {
	b := x.st.sim.Bus
	x.st.fakes.mu.Lock()
	names := append([]string(nil), x.st.fakes.buckets...)
	created := append([]time.Time(nil), x.st.fakes.created...)
	x.st.fakes.mu.Unlock()
	var buf bytes.Buffer
	buf.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<ListAllMyBucketsResult xmlns="` + s3XMLNS + `"><Owner><ID>`)
	buf.WriteString(canonicalUserID(b.Account()))
	buf.WriteString(`</ID><DisplayName>watchsim</DisplayName></Owner><Buckets>`)
	for i, n := range names {
		if _, ok := b.SinkFor(b.ARN("s3", n)); !ok {
			continue
		}
		buf.WriteString("<Bucket><Name>")
		xmlText(&buf, n)
		buf.WriteString("</Name><CreationDate>" + created[i].UTC().Format("2006-01-02T15:04:05.000Z") + "</CreationDate></Bucket>")
	}
	buf.WriteString("</Buckets></ListAllMyBucketsResult>")
	h.s3Write(x, http.StatusOK, buf.Bytes())
}

// canonicalUserID is a stable 64-hex-digit S3 canonical user id for the account.
func canonicalUserID(account string) string {
	return hex.EncodeToString(hmacSHA256([]byte("watchsim"), account))
}

// s3List serves ListObjects (V1, marker paging) and ListObjectsV2 (list-type=2, continuation tokens).
func (h *Handler) s3List(x *exchange, bk *bus.S3Bucket, q map[string][]string) error {
	get := func(k string) string {
		if v := q[k]; len(v) > 0 {
			return v[0]
		}
		return ""
	}
	v2 := get("list-type") == "2"
	if lt := get("list-type"); lt != "" && lt != "2" {
		return bus.ClientError("InvalidArgument", "Invalid List Type specified")
	}
	prefix, delim := get("prefix"), get("delimiter")
	maxKeys := 1000
	if s := get("max-keys"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return bus.ClientError("InvalidArgument", "Provided max-keys not an integer or within integer range")
		}
		maxKeys = min(n, 1000)
	}
	after := get("marker")
	if v2 {
		after = get("start-after")
		if tok := get("continuation-token"); tok != "" {
			k, err := hex.DecodeString(tok)
			if err != nil {
				return bus.ClientError("InvalidArgument", "The continuation token provided is incorrect")
			}
			after = string(k)
		}
	}
	// keys and common prefixes, in order, after the marker
	var entries []s3entry
	seen := map[string]bool{}
	for _, o := range bk.List(prefix) {
		if delim != "" {
			if i := strings.Index(o.Key[len(prefix):], delim); i >= 0 {
				cp := o.Key[:len(prefix)+i+len(delim)]
				if !seen[cp] {
					seen[cp] = true
					entries = append(entries, s3entry{common: cp})
				}
				continue
			}
		}
		entries = append(entries, s3entry{o: o})
	}
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].name() < entries[j].name() })
	start := sort.Search(len(entries), func(i int) bool { return entries[i].name() > after })
	entries = entries[start:]
	truncated := len(entries) > maxKeys
	if truncated {
		entries = entries[:maxKeys]
	}
	var buf bytes.Buffer
	buf.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<ListBucketResult xmlns="` + s3XMLNS + `">`)
	el := func(name, v string) {
		buf.WriteString("<" + name + ">")
		xmlText(&buf, v)
		buf.WriteString("</" + name + ">")
	}
	el("Name", bk.Name())
	el("Prefix", prefix)
	if v2 {
		el("KeyCount", strconv.Itoa(len(entries)))
		if tok := get("continuation-token"); tok != "" {
			el("ContinuationToken", tok)
		}
		if sa := get("start-after"); sa != "" {
			el("StartAfter", sa)
		}
	} else {
		el("Marker", get("marker"))
	}
	el("MaxKeys", strconv.Itoa(maxKeys))
	if delim != "" {
		el("Delimiter", delim)
	}
	el("IsTruncated", strconv.FormatBool(truncated))
	if truncated && len(entries) > 0 {
		last := entries[len(entries)-1].name()
		if v2 {
			el("NextContinuationToken", hex.EncodeToString([]byte(last)))
		} else if delim != "" {
			el("NextMarker", last)
		}
	}
	for _, e := range entries {
		if e.common != "" {
			continue
		}
		buf.WriteString("<Contents>")
		el("Key", e.o.Key)
		el("LastModified", e.o.LastModified.UTC().Format("2006-01-02T15:04:05.000Z"))
		el("ETag", e.o.ETag)
		el("Size", strconv.Itoa(len(e.o.Body)))
		el("StorageClass", "STANDARD")
		buf.WriteString("</Contents>")
	}
	for _, e := range entries {
		if e.common != "" {
			buf.WriteString("<CommonPrefixes>")
			el("Prefix", e.common)
			buf.WriteString("</CommonPrefixes>")
		}
	}
	buf.WriteString("</ListBucketResult>")
	h.s3Write(x, http.StatusOK, buf.Bytes())
	return nil
}

// decodeAWSChunked reads an "aws-chunked" body (SigV4 streaming, as the SDKs send PutObject with a
// trailing checksum): hex size[;chunk-signature=…]\r\n data \r\n … 0\r\n trailers \r\n.
func decodeAWSChunked(b []byte) ([]byte, error) {
	var out []byte
	for {
		line, rest, ok := bytes.Cut(b, []byte("\r\n"))
		if !ok {
			return nil, bus.ClientError("IncompleteBody", "The aws-chunked body ends inside a chunk header")
		}
		sizeText, _, _ := bytes.Cut(line, []byte(";"))
		n, err := strconv.ParseInt(string(bytes.TrimSpace(sizeText)), 16, 64)
		if err != nil || n < 0 || n > int64(len(rest)) {
			return nil, bus.ClientError("IncompleteBody", "The aws-chunked body has a malformed chunk size")
		}
		if n == 0 {
			return out, nil // trailers (the checksum) follow; the simulator does not check them
		}
		out = append(out, rest[:n]...)
		b = bytes.TrimPrefix(rest[n:], []byte("\r\n"))
	}
}

// s3entry is a key or a common prefix of a listing.
type s3entry struct {
	o      bus.S3Object
	common string
}

func (e s3entry) name() string {
	if e.common != "" {
		return e.common
	}
	return e.o.Key
}
