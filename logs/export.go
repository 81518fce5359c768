package logs

import (
	"bytes"
	"compress/gzip"
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/watchsim/watchsim/bus"
)

// Export tasks ("Exporting log data to Amazon S3" in the CloudWatch Logs User Guide,
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/S3Export.html; CreateExportTask API
// reference). A task is PENDING when created, RUNNING from the next instant of simulation time,
// and COMPLETED after the export duration (WithExportDuration, default one minute), when its
// objects are written to the bucket: <prefix>/aws-logs-write-test, then for each stream with events
// in the range <prefix>/<taskId>/<stream>/000000.gz holding gzip-compressed lines
// "<RFC 3339 timestamp> <message>". One task may be active at a time in an account.

// ExportTaskStatus is the AWS shape ExportTaskStatus.
type ExportTaskStatus struct {
	// Code is PENDING, RUNNING, COMPLETED, CANCELLED, FAILED or PENDING_CANCEL.
	Code    string `json:"code"`
	Message string `json:"message,omitempty"`
}

// ExportTaskExecutionInfo is the AWS shape ExportTaskExecutionInfo.
type ExportTaskExecutionInfo struct {
	CreationTime   int64  `json:"creationTime"`
	CompletionTime *int64 `json:"completionTime,omitempty"`
}

// ExportTask is the AWS shape ExportTask.
type ExportTask struct {
	TaskID            string                  `json:"taskId"`
	TaskName          string                  `json:"taskName,omitempty"`
	LogGroupName      string                  `json:"logGroupName"`
	From              int64                   `json:"from"`
	To                int64                   `json:"to"`
	Destination       string                  `json:"destination"`
	DestinationPrefix string                  `json:"destinationPrefix"`
	Status            ExportTaskStatus        `json:"status"`
	ExecutionInfo     ExportTaskExecutionInfo `json:"executionInfo"`
}

// CreateExportTaskInput is the input of CreateExportTask.
type CreateExportTaskInput struct {
	TaskName            string `json:"taskName,omitempty"`
	LogGroupName        string `json:"logGroupName"`
	LogStreamNamePrefix string `json:"logStreamNamePrefix,omitempty"`
	// From and To bound the event timestamps exported, both inclusive (epoch ms).
	From *int64 `json:"from"`
	To   *int64 `json:"to"`
	// Destination is the S3 bucket name; DestinationPrefix defaults to "exportedlogs".
	Destination       string `json:"destination"`
	DestinationPrefix string `json:"destinationPrefix,omitempty"`
}

// CreateExportTaskOutput is the output of CreateExportTask.
type CreateExportTaskOutput struct {
	TaskID string `json:"taskId"`
}

// DescribeExportTasksInput is the input of DescribeExportTasks.
type DescribeExportTasksInput struct {
	TaskID     string `json:"taskId,omitempty"`
	StatusCode string `json:"statusCode,omitempty"`
	NextToken  string `json:"nextToken,omitempty"`
	Limit      *int32 `json:"limit,omitempty"`
}

// DescribeExportTasksOutput is the output of DescribeExportTasks.
type DescribeExportTasksOutput struct {
	ExportTasks []ExportTask `json:"exportTasks"`
	NextToken   string       `json:"nextToken,omitempty"`
}

// CancelExportTaskInput is the input of CancelExportTask.
type CancelExportTaskInput struct {
	TaskID string `json:"taskId"`
}

// CancelExportTaskOutput is the (empty) output of CancelExportTask.
type CancelExportTaskOutput struct{}

type exportTask struct {
	ExportTask
	prefix string // logStreamNamePrefix
	timers []*bus.Timer
}

func (t *exportTask) active() bool {
	return t.Status.Code == "PENDING" || t.Status.Code == "RUNNING"
}

// CreateExportTask starts exporting a log group's events in [from, to] to an S3 bucket (a bucket
// registered on the bus, such as a bus.NewS3Bucket fake).
func (s *Service) CreateExportTask(ctx context.Context, in *CreateExportTaskInput) (*CreateExportTaskOutput, error) {
	return bus.Call(ctx, s.b, op("CreateExportTask", false), in, func(ctx context.Context, in *CreateExportTaskInput) (*CreateExportTaskOutput, error) {
		if in.TaskName != "" {
			if err := checkLen(in.TaskName, "taskName", 1, 512); err != nil {
				return nil, err
			}
		}
		if err := checkGroupName(in.LogGroupName, "logGroupName"); err != nil {
			return nil, err
		}
		if in.From == nil {
			return nil, violation(nil, "from", "Member must not be null")
		}
		if in.To == nil {
			return nil, violation(nil, "to", "Member must not be null")
		}
		if err := checkLen(in.Destination, "destination", 1, 512); err != nil {
			return nil, err
		}
		if *in.From < 0 || *in.To < 0 || *in.From > *in.To {
			return nil, invalidParameter("Specified time range of '" + strconv.FormatInt(*in.From, 10) + "' and '" + strconv.FormatInt(*in.To, 10) +
				"' is not valid. Please make sure the values are non-negative and the start time is before the end time.")
		}
		g, err := s.lookupGroup(in.LogGroupName, "")
		if err != nil {
			return nil, err
		}
		if _, ok := s.b.SinkFor(s.b.ARN("s3", in.Destination)); !ok {
			return nil, invalidParameter("The given bucket does not exist. Please make sure the bucket is valid.")
		}
		for _, t := range s.exportOrder {
			if t.active() {
				return nil, bus.ClientError(LimitExceededException, "Resource limit exceeded.")
			}
		}
		prefix := in.DestinationPrefix
		if prefix == "" {
			prefix = "exportedlogs"
		}
		now := s.nowMillis()
		t := &exportTask{ExportTask: ExportTask{TaskID: s.b.UUID(), TaskName: in.TaskName, LogGroupName: g.name, From: *in.From,
			To: *in.To, Destination: in.Destination, DestinationPrefix: prefix, Status: ExportTaskStatus{Code: "PENDING"},
			ExecutionInfo: ExportTaskExecutionInfo{CreationTime: now}}, prefix: in.LogStreamNamePrefix}
		s.exports[t.TaskID] = t
		s.exportOrder = append(s.exportOrder, t)
		t.timers = append(t.timers,
			s.b.Schedule(s.b.Now(), func(context.Context) {
				s.b.Locked(func() {
					if t.Status.Code == "PENDING" {
						t.Status = ExportTaskStatus{Code: "RUNNING", Message: "Started successfully"}
					}
				})
			}),
			s.b.Schedule(s.b.Now().Add(s.opts.exportTime), func(ctx context.Context) { s.finishExport(ctx, t) }))
		return &CreateExportTaskOutput{TaskID: t.TaskID}, nil
	})
}

type exportObject struct {
	key  string
	body []byte
}

// finishExport writes the task's objects and completes it.
func (s *Service) finishExport(ctx context.Context, t *exportTask) {
	var objs []exportObject
	bucket := ""
	s.b.Locked(func() {
		if t.Status.Code != "RUNNING" && t.Status.Code != "PENDING" {
			return
		}
		bucket = s.b.ARN("s3", t.Destination)
		objs = append(objs, exportObject{key: t.DestinationPrefix + "/aws-logs-write-test", body: []byte("Permission Check Successful")})
		if g := s.groups[t.LogGroupName]; g != nil {
			g.expire(s.nowMillis())
			names := make([]string, 0, len(g.streams))
			for n := range g.streams {
				if strings.HasPrefix(n, t.prefix) {
					names = append(names, n)
				}
			}
			slices.Sort(names)
			for _, n := range names {
				es := &g.streams[n].st
				var buf bytes.Buffer
				zw, _ := gzip.NewWriterLevel(&buf, 6)
				count := 0
				for k := es.lowerBound(t.From); k < es.len(); k++ {
					i := es.at(k)
					if es.ts[i] > t.To {
						break
					}
					zw.Write([]byte(time.UnixMilli(es.ts[i]).UTC().Format("2006-01-02T15:04:05.000Z") + " "))
					zw.Write([]byte(es.message(i)))
					zw.Write([]byte{'\n'})
					count++
				}
				_ = zw.Close()
				if count > 0 {
					objs = append(objs, exportObject{key: t.DestinationPrefix + "/" + t.TaskID + "/" + n + "/000000.gz", body: buf.Bytes()})
				}
			}
		}
		now := s.nowMillis()
		t.Status = ExportTaskStatus{Code: "COMPLETED", Message: "Completed successfully"}
		t.ExecutionInfo.CompletionTime = &now
	})
	for _, o := range objs {
		if err := s.b.Deliver(ctx, bucket, bus.Payload{Key: o.key, Body: o.body}); err != nil {
			s.b.Locked(func() {
				t.Status = ExportTaskStatus{Code: "FAILED", Message: err.Error()}
			})
			return
		}
	}
}

// DescribeExportTasks lists export tasks (newest first), by id or status.
func (s *Service) DescribeExportTasks(ctx context.Context, in *DescribeExportTasksInput) (*DescribeExportTasksOutput, error) {
	return bus.Call(ctx, s.b, op("DescribeExportTasks", true), in, func(ctx context.Context, in *DescribeExportTasksInput) (*DescribeExportTasksOutput, error) {
		limit, err := checkLimit(in.Limit, "limit", MaxDescribeLimit, MaxDescribeLimit)
		if err != nil {
			return nil, err
		}
		switch in.StatusCode {
		case "", "CANCELLED", "COMPLETED", "FAILED", "PENDING", "PENDING_CANCEL", "RUNNING":
		default:
			return nil, violation(in.StatusCode, "statusCode", "Member must satisfy enum value set: [CANCELLED, COMPLETED, FAILED, PENDING, PENDING_CANCEL, RUNNING]")
		}
		start := 0
		if in.NextToken != "" {
			pos, err := decodeToken("exports", in.NextToken)
			if err != nil {
				return nil, err
			}
			if start, err = strconv.Atoi(pos); err != nil || start < 0 {
				return nil, invalidParameter("The specified nextToken is invalid.")
			}
		}
		out := &DescribeExportTasksOutput{ExportTasks: []ExportTask{}}
		k := 0
		for i := len(s.exportOrder) - 1; i >= 0; i-- {
			t := s.exportOrder[i]
			if in.TaskID != "" && t.TaskID != in.TaskID || in.StatusCode != "" && t.Status.Code != in.StatusCode {
				continue
			}
			if k++; k <= start {
				continue
			}
			if len(out.ExportTasks) == limit {
				out.NextToken = encodeToken("exports", strconv.Itoa(start+limit))
				break
			}
			out.ExportTasks = append(out.ExportTasks, t.ExportTask)
		}
		return out, nil
	})
}

// CancelExportTask cancels a PENDING or RUNNING export task.
func (s *Service) CancelExportTask(ctx context.Context, in *CancelExportTaskInput) (*CancelExportTaskOutput, error) {
	return bus.Call(ctx, s.b, op("CancelExportTask", false), in, func(ctx context.Context, in *CancelExportTaskInput) (*CancelExportTaskOutput, error) {
		if err := checkLen(in.TaskID, "taskId", 1, 512); err != nil {
			return nil, err
		}
		t := s.exports[in.TaskID]
		if t == nil {
			return nil, bus.ClientError(ResourceNotFoundException, "The specified export task does not exist.")
		}
		if !t.active() {
			return nil, bus.ClientError(InvalidOperationException, "The specified export task has already finished.")
		}
		for _, tm := range t.timers {
			tm.Stop()
		}
		now := s.nowMillis()
		t.Status = ExportTaskStatus{Code: "CANCELLED", Message: "Cancelled by user"}
		t.ExecutionInfo.CompletionTime = &now
		return &CancelExportTaskOutput{}, nil
	})
}
