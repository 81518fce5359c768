package awsapi

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/watchsim/watchsim/bus"
)

// credential is what the Authorization header says (AWS Signature Version 4,
// https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html).
type credential struct {
	present       bool
	accessKey     string
	date, region  string
	service       string // the credential scope's service: the signing name
	signedHeaders string // as sent: "host;x-amz-date;…"
	signature     string
}

func parseAuthorization(h string) credential {
	alg, rest, ok := strings.Cut(strings.TrimSpace(h), " ")
	if !ok || alg != "AWS4-HMAC-SHA256" {
		return credential{}
	}
	c := credential{present: true}
	// "Credential=<key>/<date>/<region>/<service>/aws4_request, SignedHeaders=a;b, Signature=…",
	// read without splitting into slices (every request carries one)
	for more := true; more; {
		var part string
		part, rest, more = strings.Cut(rest, ",")
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch k {
		case "Credential": // exactly five fields
			key, r, ok1 := strings.Cut(v, "/")
			date, r, ok2 := strings.Cut(r, "/")
			region, r, ok3 := strings.Cut(r, "/")
			service, term, ok4 := strings.Cut(r, "/")
			if ok1 && ok2 && ok3 && ok4 && !strings.Contains(term, "/") {
				c.accessKey, c.date, c.region, c.service = key, date, region, service
			}
		case "SignedHeaders":
			c.signedHeaders = v
		case "Signature":
			c.signature = v
		}
	}
	return c
}

// identity is the caller of a request as CloudTrail reports it: the IAM user of a configured access
// key (or the default user with the request's access key), the source IP and the user agent.
func (h *Handler) identity(x *exchange) bus.Identity {
	b := x.st.sim.Bus
	id := bus.Identity{AccessKeyID: x.cred.accessKey, UserAgent: x.r.Header.Get("User-Agent")}
	if u, ok := h.opts.users[x.cred.accessKey]; ok && x.cred.accessKey != "" {
		id.Type = "IAMUser"
		id.UserName = u.name
		id.ARN = b.ARN("iam", "user/"+u.name)
		id.AccountID = b.Account()
		id.PrincipalID = principalID(u.name)
	}
	if host, _, err := net.SplitHostPort(x.r.RemoteAddr); err == nil {
		id.SourceIP = host
	}
	return id
}

// principalID is a stable IAM user id ("AIDA" and 17 characters) derived from the user name.
func principalID(name string) string {
	sum := sha256.Sum256([]byte("watchsim-user/" + name))
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	var b strings.Builder
	b.WriteString("AIDA")
	for i := 0; i < 17; i++ {
		b.WriteByte(alphabet[sum[i]&31])
	}
	return b.String()
}

// authenticate verifies the request's signature when [WithSigV4Verification] is on.
func (h *Handler) authenticate(x *exchange) error {
	if !h.opts.strict {
		return nil
	}
	if !x.cred.present || x.cred.signature == "" {
		return bus.ClientError("MissingAuthenticationToken", "Request is missing Authentication Token").WithStatus(http.StatusForbidden)
	}
	u, ok := h.opts.users[x.cred.accessKey]
	if !ok {
		if x.wire == wireJSON11 || x.wire == wireJSON10 && x.svc == nil {
			return bus.ClientError("UnrecognizedClientException", "The security token included in the request is invalid.")
		}
		return bus.ClientError("InvalidClientTokenId", "The security token included in the request is invalid.").WithStatus(http.StatusForbidden)
	}
	body := x.body
	if x.rawBody != nil {
		body = x.rawBody
	}
	if !hmac.Equal([]byte(signature(x.r, x.cred, u.secret, body)), []byte(x.cred.signature)) {
		return bus.ClientError("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. "+
			"Check your AWS Secret Access Key and signing method. Consult the service documentation for details.").WithStatus(http.StatusForbidden)
	}
	return nil
}

// signature computes the SigV4 signature of r as a client would have, over the headers it signed.
func signature(r *http.Request, c credential, secret string, body []byte) string {
	payload := r.Header.Get("X-Amz-Content-Sha256")
	if payload == "" {
		sum := sha256.Sum256(body)
		payload = hex.EncodeToString(sum[:])
	}
	var canon strings.Builder
	canon.WriteString(r.Method + "\n")
	path := r.URL.EscapedPath()
	if path == "" {
		path = "/"
	}
	if c.service != "s3" {
		path = escapePath(path) // every service but S3 signs the escaped path escaped once more
	}
	canon.WriteString(path + "\n")
	canon.WriteString(canonicalQuery(r.URL.Query()) + "\n")
	for _, name := range strings.Split(c.signedHeaders, ";") {
		var v string
		if name == "host" {
			v = r.Host
		} else if name == "content-length" {
			v = r.Header.Get("Content-Length")
			if v == "" && r.ContentLength >= 0 {
				v = itoa(r.ContentLength)
			}
		} else {
			v = strings.Join(r.Header.Values(name), ",")
		}
		canon.WriteString(name + ":" + strings.Join(strings.Fields(v), " ") + "\n")
	}
	canon.WriteString("\n" + c.signedHeaders + "\n" + payload)
	creq := sha256.Sum256([]byte(canon.String()))
	scope := c.date + "/" + c.region + "/" + c.service + "/aws4_request"
	toSign := "AWS4-HMAC-SHA256\n" + r.Header.Get("X-Amz-Date") + "\n" + scope + "\n" + hex.EncodeToString(creq[:])
	k := hmacSHA256([]byte("AWS4"+secret), c.date)
	k = hmacSHA256(k, c.region)
	k = hmacSHA256(k, c.service)
	k = hmacSHA256(k, "aws4_request")
	return hex.EncodeToString(hmacSHA256(k, toSign))
}

func hmacSHA256(key []byte, s string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(s))
	return m.Sum(nil)
}

func itoa(n int64) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// escapePath percent-encodes every byte of p but the unreserved characters and '/'.
func escapePath(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~' || c == '/' {
			b.WriteByte(c)
		} else {
			b.WriteString("%" + strings.ToUpper(hex.EncodeToString([]byte{c})))
		}
	}
	return b.String()
}

func canonicalQuery(q url.Values) string {
	var parts []string
	for k, vs := range q {
		for _, v := range vs {
			parts = append(parts, escapePath2(k)+"="+escapePath2(v))
		}
	}
	sort.Strings(parts)
	return strings.Join(parts, "&")
}

// escapePath2 is the query-component escaping of SigV4 ('/' escaped too).
func escapePath2(s string) string { return strings.ReplaceAll(escapePath(s), "/", "%2F") }
