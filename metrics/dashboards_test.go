package metrics

import (
	"strings"
	"testing"

	"github.com/watchsim/watchsim/bus"
)

func TestDashboards(t *testing.T) {
	s, _ := newSvc(t)
	body := `{"widgets":[{"type":"text","x":0,"y":0,"width":6,"height":3,"properties":{"markdown":"hi"}}]}`
	if _, err := s.PutDashboard(ctx, &PutDashboardInput{DashboardName: "main", DashboardBody: body}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutDashboard(ctx, &PutDashboardInput{DashboardName: "b-2", DashboardBody: `{"widgets":[]}`}); err != nil {
		t.Fatal(err)
	}
	g, err := s.GetDashboard(ctx, &GetDashboardInput{DashboardName: "main"})
	if err != nil || g.DashboardBody != body || g.DashboardArn != "arn:aws:cloudwatch::123456789012:dashboard/main" {
		t.Fatalf("%+v %v", g, err)
	}
	l, _ := s.ListDashboards(ctx, &ListDashboardsInput{})
	if len(l.DashboardEntries) != 2 || l.DashboardEntries[0].DashboardName != "b-2" || l.DashboardEntries[1].Size != int64(len(body)) {
		t.Errorf("%+v", l)
	}
	l, _ = s.ListDashboards(ctx, &ListDashboardsInput{DashboardNamePrefix: "ma"})
	if len(l.DashboardEntries) != 1 {
		t.Errorf("prefix %+v", l)
	}
	for _, name := range []string{"bad name", "bad.name", "bad/name", "é", strings.Repeat("a", 256)} {
		_, err = s.PutDashboard(ctx, &PutDashboardInput{DashboardName: name, DashboardBody: body})
		wantErr(t, err, "InvalidParameterValue", "")
	}
	if _, err := s.PutDashboard(ctx, &PutDashboardInput{DashboardName: strings.Repeat("a", 255), DashboardBody: body}); err != nil {
		t.Errorf("255-character name: %v", err)
	}
	_, err = s.PutDashboard(ctx, &PutDashboardInput{DashboardName: "x", DashboardBody: "not json"})
	wantErr(t, err, "InvalidParameterInput", "The field DashboardBody must be a valid JSON object")
	_, err = s.PutDashboard(ctx, &PutDashboardInput{DashboardName: "x", DashboardBody: `{"widgets":[{"type":"metric"},{"type":"pie","properties":{}},{"type":"text","width":30,"properties":{}}]}`})
	wantErr(t, err, "InvalidParameterInput", "")
	if msg := err.(*bus.Error).Message; !strings.HasPrefix(msg, "The dashboard body is invalid, there are 4 validation errors:") || !strings.Contains(msg, `"dataPath": "/widgets/2/width"`) {
		t.Errorf("%s", msg)
	}
	_, err = s.DeleteDashboards(ctx, &DeleteDashboardsInput{DashboardNames: []string{"main", "nope"}})
	wantErr(t, err, "ResourceNotFound", "Dashboard nope does not exist")
	if _, err := s.DeleteDashboards(ctx, &DeleteDashboardsInput{DashboardNames: []string{"main"}}); err != nil {
		t.Fatal(err)
	}
	_, err = s.GetDashboard(ctx, &GetDashboardInput{DashboardName: "main"})
	wantErr(t, err, "ResourceNotFound", "Dashboard main does not exist")
}
