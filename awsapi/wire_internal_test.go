package awsapi

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/watchsim/watchsim"
)

// Tests of the Handler's per-request shortcuts against the plain code they replace.

// parseAuthorizationReference is the straightforward reading of a SigV4 Authorization header that
// parseAuthorization must agree with.
func parseAuthorizationReference(h string) credential {
	alg, rest, ok := strings.Cut(strings.TrimSpace(h), " ")
	if !ok || alg != "AWS4-HMAC-SHA256" {
		return credential{}
	}
	c := credential{present: true}
	for _, part := range strings.Split(rest, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch k {
		case "Credential":
			if f := strings.Split(v, "/"); len(f) == 5 {
				c.accessKey, c.date, c.region, c.service = f[0], f[1], f[2], f[3]
			}
		case "SignedHeaders":
			c.signedHeaders = v
		case "Signature":
			c.signature = v
		}
	}
	return c
}

// FuzzParseAuthorization: parseAuthorization reads every header as the reference does.
func FuzzParseAuthorization(f *testing.F) {
	for _, s := range []string{
		"AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/monitoring/aws4_request, " +
			"SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-date, Signature=0123abcd",
		"AWS4-HMAC-SHA256 Credential=K/20260101/eu-west-1/logs/aws4_request,SignedHeaders=host,Signature=ff",
		"AWS4-HMAC-SHA256 Credential=K/20260101/eu-west-1/logs/aws4_request/extra, Signature=ff",
		"AWS4-HMAC-SHA256 Credential=K/20260101/eu-west-1, Signature=",
		"AWS4-HMAC-SHA256 ",
		"AWS4-HMAC-SHA256 ,,, Credential=a/b/c/d/e ,",
		"AWS AKIA:sig",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		if got, want := parseAuthorization(h), parseAuthorizationReference(h); got != want {
			t.Fatalf("%q: %+v, want %+v", h, got, want)
		}
	})
}

// TestEmptyOutputsEncodeAsEmptyMap: the CBOR answer of an operation whose output has no members is
// written as the empty map without the encoder; the encoder writes exactly that for each of them.
func TestEmptyOutputsEncodeAsEmptyMap(t *testing.T) {
	sim, err := watchsim.New()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sim.Close() })
	h, err := New(sim)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, s := range h.state.Load().services {
		for name, op := range s.ops {
			if !op.outEmpty {
				continue
			}
			n++
			for _, v := range []any{reflect.New(op.outT.Elem()).Interface(), struct{}{}} {
				if b, err := h.cbor.encode(v); err != nil || !bytes.Equal(b, []byte{0xa0}) {
					t.Errorf("%s %s: %x (%v)", s.name, name, b, err)
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no operation with an empty output")
	}
}

// TestRequestID: request IDs are the sequence number formatted as before ("%08x-0000-4000-8000-%012x"
// of its top 16 and low 48 bits).
func TestRequestID(t *testing.T) {
	h := &Handler{}
	for _, seq := range []uint64{0, 1, 0xfe, 1 << 47, 1<<48 - 2, 1<<48 - 1, 1 << 56, 1<<64 - 2} {
		h.seq.Store(seq)
		n := seq + 1
		want := fmt.Sprintf("%08x-0000-4000-8000-%012x", uint32(n>>48), n&0xffffffffffff)
		if got := h.requestID(); got != want {
			t.Errorf("seq %d: %s, want %s", n, got, want)
		}
	}
}

// normTimesReference is the plain recursive walk normTimes replaced.
func normTimesReference(v reflect.Value, pl *plan) {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	switch pl.kind {
	case planTime:
		if v.CanAddr() {
			if t, ok := v.Addr().Interface().(*time.Time); ok && !t.IsZero() {
				*t = t.Round(time.Microsecond).UTC()
			}
		}
	case planStruct:
		for i, f := range pl.kids {
			if f.times {
				normTimesReference(v.FieldByIndex(pl.index[i]), f)
			}
		}
	case planList:
		for i := 0; i < v.Len(); i++ {
			normTimesReference(v.Index(i), pl.elem)
		}
	}
}

type normInner struct {
	T time.Time
	P *time.Time
	S string
}

type normEmbedded struct {
	E time.Time `json:"E"`
}

type normOuter struct {
	normEmbedded
	T   time.Time
	P   *time.Time
	L   []normInner
	LP  []*normInner
	LL  [][]normInner
	Arr [2]normInner
	N   *normInner
	M   map[string]normInner
	Ts  []time.Time
}

// TestNormTimesMatchesReference: the timestamps normTimes normalises, through direct, pointer,
// promoted, list, array and nested members, are those the plain walk normalises, to the same values.
func TestNormTimesMatchesReference(t *testing.T) {
	zone := time.FixedZone("z", 5*3600+1800)
	n := 0
	at := func() time.Time { n++; return time.Unix(1700000000+int64(n), int64(n)*123457).In(zone) }
	ptr := func() *time.Time { v := at(); return &v }
	inner := func() normInner { return normInner{T: at(), P: ptr(), S: "s"} }
	innerP := func() *normInner { v := inner(); return &v }
	full := func() *normOuter {
		return &normOuter{normEmbedded: normEmbedded{E: at()}, T: at(), P: ptr(), L: []normInner{inner(), {}, inner()},
			LP: []*normInner{innerP(), nil, innerP()}, LL: [][]normInner{{inner()}, nil, {inner(), inner()}},
			Arr: [2]normInner{inner(), {P: ptr()}}, N: innerP(), M: map[string]normInner{"k": inner()}, Ts: []time.Time{at(), {}, at()}}
	}
	p := newPlanner()
	pl := p.of(reflect.TypeFor[normOuter]())
	p.finish()
	for _, v := range []func() *normOuter{full, func() *normOuter { return &normOuter{} }, func() *normOuter { return &normOuter{L: []normInner{{}}, N: &normInner{}} }} {
		mk := func() *normOuter { n = 0; return v() }
		got, want, orig := mk(), mk(), mk()
		normTimes(reflect.ValueOf(got), pl)
		normTimesReference(reflect.ValueOf(want), pl)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("normTimes:\n%+v\nthe plain walk:\n%+v", got, want)
		}
		if !got.T.IsZero() && (reflect.DeepEqual(got, orig) || got.L[2].T.Location() != time.UTC || got.Arr[1].P.Nanosecond()%1000 != 0) {
			t.Fatalf("nothing normalised: %+v", got)
		}
	}
}
