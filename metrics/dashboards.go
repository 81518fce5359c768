package metrics

import (
	"context"
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/watchsim/watchsim/bus"
)

// Dashboard limits ([API] PutDashboard; [UG:cloudwatch_limits]).
const (
	MaxDashboardWidgets  = 500
	MaxDashboardBodySize = 1 << 20
	dashboardsPageSize   = 1000
)

type dashboard struct {
	name     string
	body     string
	modified time.Time
}

// DashboardValidationMessage is the AWS shape DashboardValidationMessage.
type DashboardValidationMessage struct {
	DataPath string `json:"DataPath,omitempty"`
	Message  string `json:"Message,omitempty"`
}

// PutDashboardInput is the input of PutDashboard.
type PutDashboardInput struct {
	DashboardName string `json:"DashboardName"`
	DashboardBody string `json:"DashboardBody"`
}

// PutDashboardOutput is the output of PutDashboard.
type PutDashboardOutput struct {
	DashboardValidationMessages []DashboardValidationMessage `json:"DashboardValidationMessages,omitempty"`
}

// GetDashboardInput is the input of GetDashboard.
type GetDashboardInput struct {
	DashboardName string `json:"DashboardName"`
}

// GetDashboardOutput is the output of GetDashboard.
type GetDashboardOutput struct {
	DashboardArn  string `json:"DashboardArn"`
	DashboardBody string `json:"DashboardBody"`
	DashboardName string `json:"DashboardName"`
}

// ListDashboardsInput is the input of ListDashboards.
type ListDashboardsInput struct {
	DashboardNamePrefix string `json:"DashboardNamePrefix,omitempty"`
	NextToken           string `json:"NextToken,omitempty"`
}

// DashboardEntry is the AWS shape DashboardEntry.
type DashboardEntry struct {
	DashboardName string    `json:"DashboardName"`
	DashboardArn  string    `json:"DashboardArn"`
	LastModified  time.Time `json:"LastModified"`
	Size          int64     `json:"Size"`
}

// ListDashboardsOutput is the output of ListDashboards.
type ListDashboardsOutput struct {
	DashboardEntries []DashboardEntry `json:"DashboardEntries"`
	NextToken        string           `json:"NextToken,omitempty"`
}

// DeleteDashboardsInput is the input of DeleteDashboards.
type DeleteDashboardsInput struct {
	DashboardNames []string `json:"DashboardNames"`
}

// DeleteDashboardsOutput is the (empty) output of DeleteDashboards.
type DeleteDashboardsOutput struct{}

// dashboardARN: dashboards are global, so their ARN has no region.
func (s *Service) dashboardARN(name string) string {
	return "arn:" + s.b.Partition() + ":cloudwatch::" + s.b.Account() + ":dashboard/" + name
}

func validDashboardName(n string) bool {
	if n == "" || len(n) > 255 {
		return false
	}
	for i := 0; i < len(n); i++ {
		c := n[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

func invalidInput(msg string) error { return bus.ClientError("InvalidParameterInput", msg) }

// widgetType reports whether t is a widget type of the dashboard body structure
// ([UG:CloudWatch-Dashboard-Body-Structure]).
func widgetType(t string) bool {
	switch t {
	case "metric", "text", "log", "alarm", "explorer", "custom":
		return true
	}
	return false
}

// validateDashboardBody checks the dashboard body structure: a JSON object with a "widgets" array
// (at most 500) of objects, each with a known "type", a "properties" object (with "markdown" for
// text widgets and "metrics" or "annotations" for metric widgets) and, when given, numeric x, y,
// width (1–24) and height (1–1000). It returns every problem with its JSON path.
func validateDashboardBody(body string) ([]DashboardValidationMessage, error) {
	if body == "" {
		return nil, bus.ClientError("MissingParameter", "The parameter DashboardBody is required.")
	}
	if len(body) > MaxDashboardBodySize {
		return nil, invalidInput("The field DashboardBody must be at most 1 MB.")
	}
	var root map[string]json.RawMessage
	if err := json.Unmarshal([]byte(body), &root); err != nil || root == nil {
		return nil, invalidInput("The field DashboardBody must be a valid JSON object")
	}
	var msgs []DashboardValidationMessage
	bad := func(path, msg string) { msgs = append(msgs, DashboardValidationMessage{DataPath: path, Message: msg}) }
	raw, ok := root["widgets"]
	if !ok {
		bad("", "Should have required property 'widgets'")
		return msgs, nil
	}
	var widgets []json.RawMessage
	if err := json.Unmarshal(raw, &widgets); err != nil {
		bad("/widgets", "Should be array")
		return msgs, nil
	}
	if len(widgets) > MaxDashboardWidgets {
		bad("/widgets", "Should NOT have more than 500 items")
	}
	for i, w := range widgets {
		path := "/widgets/" + strconv.Itoa(i)
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(w, &obj); err != nil || obj == nil {
			bad(path, "Should be object")
			continue
		}
		var typ string
		if t, ok := obj["type"]; !ok {
			bad(path, "Should have required property 'type'")
		} else if json.Unmarshal(t, &typ) != nil || !widgetType(typ) {
			bad(path+"/type", "Should be equal to one of the allowed values")
		}
		for _, f := range []struct {
			name     string
			min, max float64
		}{{"x", 0, 23}, {"y", 0, 1e9}, {"width", 1, 24}, {"height", 1, 1000}} {
			v, ok := obj[f.name]
			if !ok {
				continue
			}
			var n float64
			if json.Unmarshal(v, &n) != nil {
				bad(path+"/"+f.name, "Should be number")
			} else if n < f.min || n > f.max || n != float64(int64(n)) {
				bad(path+"/"+f.name, "Should be an integer between "+fmtNum(f.min)+" and "+fmtNum(f.max))
			}
		}
		props, ok := obj["properties"]
		if !ok {
			bad(path, "Should have required property 'properties'")
			continue
		}
		var p map[string]json.RawMessage
		if json.Unmarshal(props, &p) != nil || p == nil {
			bad(path+"/properties", "Should be object")
			continue
		}
		switch typ {
		case "text":
			if _, ok := p["markdown"]; !ok {
				bad(path+"/properties", "Should have required property 'markdown'")
			}
		case "metric":
			_, m := p["metrics"]
			_, a := p["annotations"]
			if !m && !a {
				bad(path+"/properties", "Should have required property 'metrics'")
			}
			if m {
				var arr []json.RawMessage
				if json.Unmarshal(p["metrics"], &arr) != nil {
					bad(path+"/properties/metrics", "Should be array")
				}
			}
		case "alarm":
			if _, ok := p["alarms"]; !ok {
				bad(path+"/properties", "Should have required property 'alarms'")
			}
		case "log":
			if _, ok := p["query"]; !ok {
				bad(path+"/properties", "Should have required property 'query'")
			}
		}
	}
	return msgs, nil
}

// PutDashboard creates or replaces a dashboard ([API] PutDashboard). An invalid body is refused with
// InvalidParameterInput listing every problem ("The dashboard body is invalid, there are N
// validation errors: …").
func (s *Service) PutDashboard(ctx context.Context, in *PutDashboardInput) (*PutDashboardOutput, error) {
	op := bus.Operation{Source: Source, Name: "PutDashboard"}
	return bus.Call(ctx, s.b, op, in, func(ctx context.Context, in *PutDashboardInput) (*PutDashboardOutput, error) {
		if in.DashboardName == "" {
			return nil, bus.ClientError("MissingParameter", "The parameter DashboardName is required.")
		}
		if !validDashboardName(in.DashboardName) {
			// The name is a request parameter, so a bad one is InvalidParameterValue; only problems of
			// the body are InvalidParameterInput (PutDashboard API reference, Errors:
			// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutDashboard.html).
			return nil, bus.ClientError("InvalidParameterValue", "The value for field DashboardName contains invalid characters. It can only contain alphanumerics, dash (-) and underscore (_).")
		}
		msgs, err := validateDashboardBody(in.DashboardBody)
		if err != nil {
			return nil, err
		}
		if len(msgs) > 0 {
			type jm struct {
				DataPath string `json:"dataPath"`
				Message  string `json:"message"`
			}
			list := make([]jm, len(msgs))
			for i, m := range msgs {
				list[i] = jm(m)
			}
			js, _ := json.MarshalIndent(list, "", " ")
			return nil, invalidInput("The dashboard body is invalid, there are " + strconv.Itoa(len(msgs)) + " validation errors:\n" + string(js))
		}
		s.dash[in.DashboardName] = &dashboard{name: in.DashboardName, body: in.DashboardBody, modified: s.b.Now()}
		return &PutDashboardOutput{}, nil
	})
}

func dashboardNotFound(name string) error {
	return bus.ClientError("ResourceNotFound", "Dashboard "+name+" does not exist").WithStatus(404)
}

// GetDashboard returns a dashboard ([API] GetDashboard); a missing one is ResourceNotFound (404).
func (s *Service) GetDashboard(ctx context.Context, in *GetDashboardInput) (*GetDashboardOutput, error) {
	op := bus.Operation{Source: Source, Name: "GetDashboard", ReadOnly: true}
	return bus.Call(ctx, s.b, op, in, func(ctx context.Context, in *GetDashboardInput) (*GetDashboardOutput, error) {
		if in.DashboardName == "" {
			return nil, bus.ClientError("MissingParameter", "The parameter DashboardName is required.")
		}
		d, ok := s.dash[in.DashboardName]
		if !ok {
			return nil, dashboardNotFound(in.DashboardName)
		}
		return &GetDashboardOutput{DashboardArn: s.dashboardARN(d.name), DashboardBody: d.body, DashboardName: d.name}, nil
	})
}

// ListDashboards lists dashboards in name order, 1000 per page ([API] ListDashboards).
func (s *Service) ListDashboards(ctx context.Context, in *ListDashboardsInput) (*ListDashboardsOutput, error) {
	op := bus.Operation{Source: Source, Name: "ListDashboards", ReadOnly: true}
	return bus.Call(ctx, s.b, op, in, func(ctx context.Context, in *ListDashboardsInput) (*ListDashboardsOutput, error) {
		names := make([]string, 0, len(s.dash))
		for n := range s.dash {
			if strings.HasPrefix(n, in.DashboardNamePrefix) && n > in.NextToken {
				names = append(names, n)
			}
		}
		sort.Strings(names)
		out := &ListDashboardsOutput{DashboardEntries: []DashboardEntry{}}
		for i, n := range names {
			if i == dashboardsPageSize {
				out.NextToken = names[i-1]
				break
			}
			d := s.dash[n]
			out.DashboardEntries = append(out.DashboardEntries, DashboardEntry{DashboardName: n, DashboardArn: s.dashboardARN(n), LastModified: d.modified, Size: int64(len(d.body))})
		}
		return out, nil
	})
}

// DeleteDashboards deletes dashboards ([API] DeleteDashboards). If any name does not exist nothing
// is deleted and ResourceNotFound is returned.
func (s *Service) DeleteDashboards(ctx context.Context, in *DeleteDashboardsInput) (*DeleteDashboardsOutput, error) {
	op := bus.Operation{Source: Source, Name: "DeleteDashboards"}
	return bus.Call(ctx, s.b, op, in, func(ctx context.Context, in *DeleteDashboardsInput) (*DeleteDashboardsOutput, error) {
		if len(in.DashboardNames) == 0 {
			return nil, bus.ClientError("MissingParameter", "The parameter DashboardNames is required.")
		}
		for _, n := range in.DashboardNames {
			if _, ok := s.dash[n]; !ok {
				return nil, dashboardNotFound(n)
			}
		}
		for _, n := range in.DashboardNames {
			delete(s.dash, n)
		}
		return &DeleteDashboardsOutput{}, nil
	})
}
