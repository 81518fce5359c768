package trail

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"math"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/jsonscan"
)

// Log-file delivery (CloudTrail User Guide, "Finding your CloudTrail log files",
// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-find-log-files.html, and
// "Configuring Amazon SNS notifications for CloudTrail",
// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/configure-sns-notifications-for-cloudtrail.html).

// uniqueAlphabet is the alphabet of the 16-character unique string of a log file name.
const uniqueAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// logFile is a delivered log file, as a digest lists it.
type logFile struct {
	bucket, key    string
	hash           string
	newest, oldest time.Time
}

// pendingRec is a record waiting for a trail's next log file: a management event by its position
// in Event history (which keeps it until it is written, see history.pin), a data event by its JSON.
type pendingRec struct {
	pos  int // absolute Event history position, -1 for none
	json []byte
	unix int64 // event time, seconds
}

// buffer queues rec for t's next delivery and schedules it (caller holds the state lock).
func (t *trail) buffer(s *Service, rec pendingRec) {
	t.pending = append(t.pending, rec)
	if t.flushTimer == nil && t.logging {
		p := s.opts.flushPeriod
		at := time.Unix(rec.unix, 0).Truncate(p).Add(p)
		if now := s.b.Now(); !at.After(now) {
			at = now.Truncate(p).Add(p)
		}
		t.flushTimer = s.b.Schedule(at, func(ctx context.Context) { s.flush(ctx, t) })
	}
}

// logKey is the S3 key of a log file delivered at t:
// [prefix/]AWSLogs/<acct>/CloudTrail/<region>/YYYY/MM/DD/<acct>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<16 chars>.json.gz.
func logKey(prefix, account, region string, at time.Time, unique string) string {
	at = at.UTC()
	var b []byte
	if prefix != "" {
		b = append(b, prefix...)
		b = append(b, '/')
	}
	b = append(b, "AWSLogs/"...)
	b = append(b, account...)
	b = append(b, "/CloudTrail/"...)
	b = append(b, region...)
	b = at.AppendFormat(append(b, '/'), "2006/01/02/")
	b = append(b, account...)
	b = append(b, "_CloudTrail_"...)
	b = append(b, region...)
	b = at.AppendFormat(append(b, '_'), "20060102T1504Z")
	b = append(b, '_')
	b = append(b, unique...)
	return string(append(b, ".json.gz"...))
}

// uniqueString draws the 16 characters of a log file name from the seeded generator.
func (s *Service) uniqueString() string {
	var b [16]byte
	for i := range b {
		b[i] = uniqueAlphabet[s.b.IntN(len(uniqueAlphabet))]
	}
	return string(b[:])
}

// renderFile writes the log file {"Records":[…]} of recs to dst and returns it, with where each
// record is in it (record i is file[starts[i]:ends[i]]) and the oldest and newest event times. A
// record Event history no longer holds (it keeps them while pending) is left out. Caller holds the
// state lock.
func (s *Service) renderFile(dst []byte, recs []pendingRec) (file []byte, starts, ends []int, oldest, newest int64) {
	file = append(dst, `{"Records":[`...)
	oldest, newest = math.MaxInt64, math.MinInt64
	for _, r := range recs {
		var e *histEvent
		if r.pos >= 0 {
			if e = s.history.at(r.pos); e == nil {
				continue
			}
		}
		if len(starts) > 0 {
			file = append(file, ',')
		}
		starts = append(starts, len(file))
		if e != nil {
			file = s.history.render(file, e)
		} else {
			file = append(file, r.json...)
		}
		ends = append(ends, len(file))
		oldest, newest = min(oldest, r.unix), max(newest, r.unix)
	}
	return append(file, "]}"...), starts, ends, oldest, newest
}

// logFileOf compresses a log file and hashes it (the digest hashes the uncompressed content): it
// returns the gzip bytes and the hex hash.
func (s *Service) logFileOf(file []byte) (gz []byte, hash string) {
	return s.gzip(file), sha256Hex(file)
}

// gzip compresses b with a writer reused through s.zip (log files and digests). The gzip header
// carries no time or name, so the output depends only on b.
func (s *Service) gzip(b []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(b)/8 + 64)
	zw, _ := s.zip.Get().(*gzip.Writer)
	if zw == nil {
		zw, _ = gzip.NewWriterLevel(&out, gzip.DefaultCompression)
	} else {
		zw.Reset(&out)
	}
	_, _ = zw.Write(b)
	_ = zw.Close()
	s.zip.Put(zw)
	return out.Bytes()
}

func sha256Hex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// flush delivers t's pending records: one log file in the bucket, an SNS notification, one log
// event per record in the CloudWatch Logs group.
func (s *Service) flush(ctx context.Context, t *trail) {
	var (
		file                      []byte
		starts, ends              []int
		oldest, newest            int64
		bucket, key, topic, group string
		account, region           = s.b.Account(), s.b.Region()
		now                       time.Time
	)
	bufp, _ := s.files.Get().(*[]byte)
	if bufp == nil {
		bufp = new([]byte)
	}
	defer func() {
		if file != nil && cap(file) <= 64<<20 {
			*bufp = file[:0]
		}
		s.files.Put(bufp)
	}()
	s.b.Locked(func() {
		t.flushTimer = nil
		if s.closed || len(t.pending) == 0 {
			return
		}
		file, starts, ends, oldest, newest = s.renderFile((*bufp)[:0], t.pending)
		clear(t.pending)
		t.pending = t.pending[:0]
		now = s.b.Now()
		bucket, topic, group = t.bucket, t.topicARN, t.cwlGroupARN
		key = logKey(t.prefix, account, region, now, s.uniqueString())
	})
	if len(ends) == 0 {
		return
	}
	gz, hash := s.logFileOf(file)
	f := logFile{bucket: bucket, key: key, hash: hash, oldest: time.Unix(oldest, 0).UTC(), newest: time.Unix(newest, 0).UTC()}
	err := s.b.Deliver(ctx, s.b.ARN("s3", bucket), bus.Payload{Key: key, Body: gz})
	var notifyErr error
	notified := false
	if err == nil && topic != "" {
		body := append([]byte(`{"s3Bucket":`), jsonscan.AppendString(nil, bucket)...)
		body = append(body, `,"s3ObjectKey":[`...)
		body = jsonscan.AppendString(body, key)
		body = append(body, "]}"...)
		notifyErr = s.b.Deliver(ctx, topic, bus.Payload{Body: body, Subject: "[AWS Notification] CloudTrail log file delivered"})
		notified = true
	}
	var cwlErr error
	cwl := false
	if group != "" {
		stream := account + "_CloudTrail_" + region
		for i, end := range ends {
			js := file[starts[i]:end]
			if len(js) > MaxEventSize {
				continue
			}
			cwl = true
			if e := s.b.Deliver(ctx, group, bus.Payload{Key: stream, Body: bytes.Clone(js)}); e != nil && cwlErr == nil {
				cwlErr = e
			}
		}
	}
	s.b.Locked(func() {
		st := &t.status
		st.deliveryAttempt = now
		st.deliveryAttemptOK = err == nil
		if err != nil {
			st.deliveryError = bus.ErrorCode(err)
		} else {
			st.deliveryTime, st.deliveryError = now, ""
			if t.chain != nil {
				t.chain.files = append(t.chain.files, f)
			}
		}
		if notified {
			st.notificationAttempt = now
			st.notificationAttemptOK = notifyErr == nil
			if notifyErr != nil {
				st.notificationError = bus.ErrorCode(notifyErr)
			} else {
				st.notificationTime, st.notificationError = now, ""
			}
		}
		if cwl {
			if cwlErr != nil {
				st.cwlError = bus.ErrorCode(cwlErr)
			} else {
				st.cwlTime, st.cwlError = now, ""
			}
		}
	})
}

// deferFinish arranges the end of t's logging period (StopLogging, DeleteTrail): the record of
// the call itself is still written (the handler finds t under the request id), then pending files
// are delivered and the digest chain gets its final digest. Caller holds the state lock.
func (s *Service) deferFinish(ctx context.Context, t *trail, stopping bool) {
	if stopping {
		if req, ok := bus.RequestFrom(ctx); ok {
			t.stopRequest = req.ID
			if s.finishing == nil {
				s.finishing = map[string][]*trail{}
			}
			s.finishing[req.ID] = append(s.finishing[req.ID], t)
			return
		}
	}
	c := t.chain
	t.chain = nil
	if c == nil {
		return
	}
	if c.timer != nil {
		c.timer.Stop()
	}
	bus.Defer(ctx, s.b, func(ctx context.Context) { s.digest(ctx, t, c, true) })
}

// finishStop delivers what t still holds and closes its chain, after the call that stopped it was
// recorded.
func (s *Service) finishStop(ctx context.Context, t *trail) {
	s.flush(ctx, t)
	var c *chain
	s.b.Locked(func() {
		t.stopRequest = ""
		if t.flushTimer != nil {
			t.flushTimer.Stop()
			t.flushTimer = nil
		}
		c, t.chain = t.chain, nil
		if c != nil && c.timer != nil {
			c.timer.Stop()
		}
	})
	if c != nil {
		s.digest(ctx, t, c, true)
	}
}
