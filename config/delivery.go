package config

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/watchsim/watchsim/bus"
)

// Delivery to the channel's S3 bucket: configuration history files every six hours (one per type
// that changed) and configuration snapshots at the channel's frequency or on demand
// (DeliverConfigSnapshot), under AWS's key layout ("Example Configuration History Notification",
// https://docs.aws.amazon.com/config/latest/developerguide/example-configuration-history-notification.html;
// months and days are not zero-padded).

// HistoryPeriod is the period of configuration history files.
const HistoryPeriod = 6 * time.Hour

type snapshotInfo struct{ id, key, bucket string }

type deliveryState struct {
	windowStart  time.Time
	history      *bus.Timer
	snapshot     *bus.Timer
	lastSnapshot snapshotInfo
	files        int
}

func (d *deliveryState) stop() {
	if d.history != nil {
		d.history.Stop()
		d.history = nil
	}
	if d.snapshot != nil {
		d.snapshot.Stop()
		d.snapshot = nil
	}
}

func (d *deliveryState) nextHistory() *time.Time {
	if d.history == nil {
		return nil
	}
	if t, ok := d.history.When(); ok {
		return &t
	}
	return nil
}

func (d *deliveryState) nextSnapshot() *time.Time {
	if d.snapshot == nil {
		return nil
	}
	if t, ok := d.snapshot.When(); ok {
		return &t
	}
	return nil
}

// startDeliveriesLocked starts the history and snapshot timers of a running recorder with a
// channel.
func (s *Service) startDeliveriesLocked(now time.Time) {
	if s.channel == nil || s.recorder == nil || !s.recorder.recording {
		return
	}
	d := &s.delivery
	if d.history == nil {
		d.windowStart = now
		d.history = s.b.Every(now.Add(HistoryPeriod), HistoryPeriod, s.deliverHistory)
	}
	if d.snapshot != nil {
		d.snapshot.Stop()
		d.snapshot = nil
	}
	if p := s.snapshotPeriod(); p > 0 {
		d.snapshot = s.b.Every(now.Add(p), p, func(ctx context.Context) {
			s.b.Locked(func() {
				if !s.closed && s.channel != nil {
					s.snapshotLocked(ctx, s.b.UUID())
				}
			})
		})
	}
}

// keyPrefix returns "[prefix/]AWSLogs/<acct>/Config/<region>/<yyyy>/<m>/<d>/<kind>/".
func (s *Service) keyPrefix(t time.Time, kind string) string {
	p := ""
	if s.channel != nil && s.channel.S3KeyPrefix != "" {
		p = strings.TrimSuffix(s.channel.S3KeyPrefix, "/") + "/"
	}
	t = t.UTC()
	return p + "AWSLogs/" + s.b.Account() + "/Config/" + s.b.Region() + "/" + strconv.Itoa(t.Year()) + "/" +
		strconv.Itoa(int(t.Month())) + "/" + strconv.Itoa(t.Day()) + "/" + kind + "/"
}

func (s *Service) historyLocation() string {
	if s.channel == nil {
		return ""
	}
	return "s3://" + s.channel.S3BucketName + "/" + s.keyPrefix(s.b.Now(), "ConfigHistory")
}

func compactTime(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

type configFile struct {
	FileVersion        string             `json:"fileVersion"`
	ConfigSnapshotID   string             `json:"configSnapshotId,omitempty"`
	ConfigurationItems []notificationItem `json:"configurationItems"`
}

func (s *Service) gzipJSON(v any) []byte {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	var buf bytes.Buffer
	// a flate writer is ~1 MB to allocate and clear: reuse one across deliveries
	zw, _ := s.zip.Get().(*gzip.Writer)
	if zw == nil {
		zw = gzip.NewWriter(&buf)
	} else {
		zw.Reset(&buf)
	}
	_, _ = zw.Write(raw)
	_ = zw.Close()
	s.zip.Put(zw)
	return buf.Bytes()
}

type s3Put struct {
	key  string
	body []byte
}

// deliverHistory writes the history files of the six hours that ended (a timer's work).
func (s *Service) deliverHistory(ctx context.Context) {
	var puts []s3Put
	var bucket string
	s.b.Locked(func() {
		d := &s.delivery
		if s.closed || s.channel == nil {
			return
		}
		now := s.b.Now()
		start := d.windowStart
		d.windowStart = now
		// the items captured in [start, now), by type, in capture order
		byType := map[string][]*item{}
		for _, r := range s.resOrder {
			i := len(r.cis)
			for i > 0 && !r.cis[i-1].capture.Before(start) {
				i--
			}
			j := i
			for j < len(r.cis) && r.cis[j].capture.Before(now) {
				j++
			}
			if i < j {
				byType[r.key.typ] = append(byType[r.key.typ], r.cis[i:j]...)
			}
		}
		types := make([]string, 0, len(byType))
		for t, items := range byType {
			types = append(types, t)
			sort.SliceStable(items, func(i, j int) bool { return items[i].capture.Before(items[j].capture) })
		}
		sort.Strings(types)
		for _, t := range types {
			f := configFile{FileVersion: "1.0"}
			for _, it := range byType[t] {
				f.ConfigurationItems = append(f.ConfigurationItems, it.notification(s.b.Account(), s.b.Region()))
			}
			d.files++
			key := s.keyPrefix(now, "ConfigHistory") + s.b.Account() + "_Config_" + s.b.Region() + "_ConfigHistory_" + t + "_" +
				compactTime(start) + "_" + compactTime(now) + "_" + strconv.Itoa(d.files) + ".json.gz"
			puts = append(puts, s3Put{key: key, body: s.gzipJSON(f)})
		}
		bucket = s.channel.S3BucketName
	})
	if len(puts) == 0 {
		return
	}
	arn := s.bucketARN(bucket)
	for _, p := range puts {
		err := s.b.Deliver(ctx, arn, bus.Payload{Key: p.key, Body: p.body})
		s.b.Locked(func() {
			c := s.channel
			if c == nil {
				return
			}
			now := s.b.Now()
			c.history.LastAttemptTime = tp(now)
			if err != nil {
				c.history.LastStatus, c.history.LastErrorCode, c.history.LastErrorMessage = deliveryFailure, bus.ErrorCode(err), err.Error()
				body, _ := json.Marshal(map[string]any{"s3ObjectKey": p.key, "s3Bucket": bucket, "notificationCreationTime": isoMillis(now),
					"messageType": "ConfigurationHistoryDeliveryFailed", "recordVersion": "1.1",
					"s3DeliverySummary": map[string]any{"s3BucketLocation": nil, "errorCode": bus.ErrorCode(err), "errorMessage": err.Error()}})
				s.notifyLocked(ctx, DetailHistoryStatus, nil, body, s.subject("Configuration History Delivery Failed for Account "+s.b.Account()))
				return
			}
			c.history.LastStatus, c.history.LastSuccessfulTime = deliverySuccess, tp(now)
			body, _ := json.Marshal(map[string]string{"s3ObjectKey": p.key, "s3Bucket": bucket, "notificationCreationTime": isoMillis(now),
				"messageType": "ConfigurationHistoryDeliveryCompleted", "recordVersion": "1.1"})
			s.notifyLocked(ctx, DetailHistoryStatus, nil, body, s.subject("Configuration History Delivery Completed for Account "+s.b.Account()))
		})
	}
}

// snapshotLocked starts a snapshot: the Started notification now, the file and the Completed (or
// Failed) notification once the lock is released.
func (s *Service) snapshotLocked(ctx context.Context, id string) {
	now := s.b.Now()
	c := s.channel
	bucket := c.S3BucketName
	f := configFile{FileVersion: "1.0", ConfigSnapshotID: id, ConfigurationItems: []notificationItem{}}
	for _, r := range s.resOrder {
		if it := r.last(); it != nil && !deletedStatus(it.status) && s.recorder != nil && s.recorder.records(r.key.typ) {
			f.ConfigurationItems = append(f.ConfigurationItems, it.notification(s.b.Account(), s.b.Region()))
		}
	}
	key := s.keyPrefix(now, "ConfigSnapshot") + s.b.Account() + "_Config_" + s.b.Region() + "_ConfigSnapshot_" + compactTime(now) + "_" + id + ".json.gz"
	body := s.gzipJSON(f)
	started, _ := json.Marshal(map[string]string{"configSnapshotId": id, "notificationCreationTime": isoMillis(now),
		"messageType": "ConfigurationSnapshotDeliveryStarted", "recordVersion": "1.1"})
	s.notifyLocked(ctx, DetailSnapshotStatus, nil, started, s.subject("Configuration Snapshot Delivery Started for Account "+s.b.Account()))
	bus.Defer(ctx, s.b, func(ctx context.Context) {
		err := s.b.Deliver(ctx, s.bucketARN(bucket), bus.Payload{Key: key, Body: body})
		s.b.Locked(func() {
			if s.channel != c {
				return
			}
			t := s.b.Now()
			c.snapshot.LastAttemptTime = tp(t)
			msg := map[string]any{"configSnapshotId": id, "notificationCreationTime": isoMillis(t), "recordVersion": "1.1"}
			subject := "Configuration Snapshot Delivery Completed for Account " + s.b.Account()
			if err != nil {
				c.snapshot.LastStatus, c.snapshot.LastErrorCode, c.snapshot.LastErrorMessage = deliveryFailure, bus.ErrorCode(err), err.Error()
				msg["messageType"] = "ConfigurationSnapshotDeliveryFailed"
				msg["s3DeliverySummary"] = map[string]any{"s3BucketLocation": nil, "errorCode": bus.ErrorCode(err), "errorMessage": err.Error()}
				subject = "Configuration Snapshot Delivery Failed for Account " + s.b.Account()
			} else {
				c.snapshot.LastStatus, c.snapshot.LastSuccessfulTime = deliverySuccess, tp(t)
				msg["messageType"], msg["s3ObjectKey"], msg["s3Bucket"] = "ConfigurationSnapshotDeliveryCompleted", key, bucket
				s.delivery.lastSnapshot = snapshotInfo{id: id, key: key, bucket: bucket}
			}
			b, _ := json.Marshal(msg)
			s.notifyLocked(ctx, DetailSnapshotStatus, nil, b, s.subject(subject))
		})
	})
}

// DeliverConfigSnapshotInput is the input of DeliverConfigSnapshot.
type DeliverConfigSnapshotInput struct {
	DeliveryChannelName string `json:"deliveryChannelName"`
}

// DeliverConfigSnapshotOutput is the output of DeliverConfigSnapshot.
type DeliverConfigSnapshotOutput struct {
	ConfigSnapshotID string `json:"configSnapshotId,omitempty"`
}

// DeliverConfigSnapshot delivers a snapshot of the current items of every recorded resource to
// the channel's bucket.
func (s *Service) DeliverConfigSnapshot(ctx context.Context, in *DeliverConfigSnapshotInput) (*DeliverConfigSnapshotOutput, error) {
	return bus.Call(ctx, s.b, op("DeliverConfigSnapshot", false), in, func(ctx context.Context, in *DeliverConfigSnapshotInput) (*DeliverConfigSnapshotOutput, error) {
		if s.channel == nil || s.channel.Name != in.DeliveryChannelName {
			return nil, clientErrf(codeNoSuchChannel, "Cannot find delivery channel with specified name '%s'.", in.DeliveryChannelName)
		}
		if err := s.needRecorder(); err != nil {
			return nil, err
		}
		if !s.recorder.recording {
			return nil, clientErr(codeNoRunningRecorder, "There is no configuration recorder running.")
		}
		id := s.b.UUID()
		s.snapshotLocked(ctx, id)
		return &DeliverConfigSnapshotOutput{ConfigSnapshotID: id}, nil
	})
}
