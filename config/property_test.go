package config_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/config"
	"pgregory.net/rapid"
)

// TestPropertyOneItemPerChange: every recorded change yields exactly one item, in order, with the
// status of its place in the lifecycle; a change that does not alter the recorded state yields
// none; the history replays to the current state.
func TestPropertyOneItemPerChange(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		e := newEnv(rt)
		e.record(rt, &config.RecordingGroup{ResourceTypes: []string{config.TypeAlarm}})
		names := []string{"a", "b", "c"}
		type state struct {
			live    bool
			actions []string
			tags    map[string]string
		}
		cur := map[string]*state{}
		want := map[string][]string{} // expected statuses per resource
		wantLast := map[string]*state{}
		steps := rapid.IntRange(1, 40).Draw(rt, "steps")
		for i := 0; i < steps; i++ {
			n := rapid.SampledFrom(names).Draw(rt, "name")
			st := cur[n]
			switch op := rapid.IntRange(0, 3).Draw(rt, "op"); {
			case op == 0 && st != nil && st.live:
				e.change(bus.ResourceDeleted, config.TypeAlarm, n, nil, nil)
				st.live = false
				want[n] = append(want[n], config.ItemDeleted)
				wantLast[n] = nil
			case op == 3:
				e.advance(rt, time.Duration(rapid.IntRange(0, 3600).Draw(rt, "secs"))*time.Second)
			default:
				acts := rapid.SliceOfN(rapid.SampledFrom([]string{"arn:aws:sns:us-east-1:123456789012:x", "arn:aws:sns:us-east-1:123456789012:y"}), 0, 2).Draw(rt, "actions")
				tags := map[string]string{}
				if rapid.Bool().Draw(rt, "tagged") {
					tags["k"] = rapid.SampledFrom([]string{"1", "2"}).Draw(rt, "tag")
				}
				e.change(bus.ResourceUpdated, config.TypeAlarm, n, alarmConf(n, acts, nil, nil), tags)
				ns := &state{live: true, actions: acts, tags: tags}
				switch {
				case st == nil || !st.live:
					want[n] = append(want[n], config.ItemDiscovered)
				case fmt.Sprint(st.actions) != fmt.Sprint(acts) && !(len(st.actions) == 0 && len(acts) == 0) || fmt.Sprint(st.tags) != fmt.Sprint(tags):
					want[n] = append(want[n], config.ItemOK)
				}
				cur[n] = ns
				wantLast[n] = ns
			}
		}
		for _, n := range names {
			if len(want[n]) == 0 {
				_, err := e.s.GetResourceConfigHistory(ctx, &config.GetResourceConfigHistoryInput{ResourceType: config.TypeAlarm, ResourceID: n})
				wantCode(rt, err, "ResourceNotDiscoveredException")
				continue
			}
			var got []config.ConfigurationItem
			tok := ""
			for {
				h := get(e.s.GetResourceConfigHistory(ctx, &config.GetResourceConfigHistoryInput{ResourceType: config.TypeAlarm, ResourceID: n,
					ChronologicalOrder: "Forward", Limit: 7, NextToken: tok}))(rt)
				got = append(got, h.ConfigurationItems...)
				if tok = h.NextToken; tok == "" {
					break
				}
			}
			var sts []string
			for i, ci := range got {
				sts = append(sts, ci.ConfigurationItemStatus)
				if i > 0 && ci.ConfigurationStateID <= got[i-1].ConfigurationStateID && len(ci.ConfigurationStateID) <= len(got[i-1].ConfigurationStateID) {
					rt.Fatalf("state ids not increasing: %s after %s", ci.ConfigurationStateID, got[i-1].ConfigurationStateID)
				}
			}
			if fmt.Sprint(sts) != fmt.Sprint(want[n]) {
				rt.Fatalf("%s: statuses %v, want %v", n, sts, want[n])
			}
			last := got[len(got)-1]
			if w := wantLast[n]; w != nil {
				var doc config.AlarmDocument
				if err := json.Unmarshal([]byte(last.Configuration), &doc); err != nil {
					rt.Fatal(err)
				}
				if fmt.Sprint(doc.AlarmActions) != fmt.Sprint(append([]string{}, w.actions...)) || fmt.Sprint(last.Tags) != fmt.Sprint(w.tags) {
					rt.Fatalf("%s: history ends at %v %v, current %v %v", n, doc.AlarmActions, last.Tags, w.actions, w.tags)
				}
			}
		}
	})
}

// TestPropertyRollUp: after any sequence of evaluations, result deletions and rule deletions, the
// compliance APIs agree with a brute-force recomputation from the stored results.
func TestPropertyRollUp(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		e := newEnv(rt, config.WithEvaluationDelay(0))
		e.record(rt, &config.RecordingGroup{ResourceTypes: []string{config.TypeAlarm}})
		tokens := map[string]string{}
		fn, err := bus.NewLambdaFunction(e.b, "fn", func(_ context.Context, p []byte) error {
			var ev config.RuleEvent
			_ = json.Unmarshal(p, &ev)
			tokens[ev.ConfigRuleName] = ev.ResultToken
			return nil
		})
		if err != nil {
			rt.Fatal(err)
		}
		rules := []string{"r1", "r2", "r3"}
		for _, r := range rules {
			get(e.s.PutConfigRule(ctx, &config.PutConfigRuleInput{ConfigRule: &config.ConfigRule{ConfigRuleName: r, Source: &config.RuleSource{Owner: config.OwnerCustomLambda,
				SourceIdentifier: fn.ARN(), SourceDetails: []config.SourceDetail{{EventSource: "aws.config", MessageType: config.MessageScheduled}}}}}))(rt)
		}
		type key struct{ rule, typ, id string }
		model := map[key]string{}
		live := map[string]bool{"r1": true, "r2": true, "r3": true}
		resources := [][2]string{{config.TypeAlarm, "a"}, {config.TypeAlarm, "b"}, {"AWS::::Account", "123456789012"}, {"AWS::Logs::LogGroup", "/g"}}
		ts := e.b.Now()
		steps := rapid.IntRange(1, 40).Draw(rt, "steps")
		for i := 0; i < steps; i++ {
			r := rapid.SampledFrom(rules).Draw(rt, "rule")
			switch op := rapid.IntRange(0, 9).Draw(rt, "op"); {
			case op == 0 && live[r]:
				get(e.s.DeleteEvaluationResults(ctx, &config.DeleteEvaluationResultsInput{ConfigRuleName: r}))(rt)
				for k := range model {
					if k.rule == r {
						delete(model, k)
					}
				}
			case op == 1 && live[r] && len(live) > 1:
				get(e.s.DeleteConfigRule(ctx, &config.DeleteConfigRuleInput{ConfigRuleName: r}))(rt)
				e.advance(rt, 0)
				delete(live, r)
				for k := range model {
					if k.rule == r {
						delete(model, k)
					}
				}
			case live[r]:
				res := rapid.SampledFrom(resources).Draw(rt, "resource")
				ct := rapid.SampledFrom([]string{config.Compliant, config.NonCompliant, config.NotApplicable}).Draw(rt, "type")
				ts = ts.Add(time.Second)
				get(e.s.PutEvaluations(ctx, &config.PutEvaluationsInput{ResultToken: tokens[r], Evaluations: []config.Evaluation{{ComplianceResourceType: res[0],
					ComplianceResourceID: res[1], ComplianceType: ct, OrderingTimestamp: ts}}}))(rt)
				model[key{r, res[0], res[1]}] = ct
			}
		}
		roll := func(types []string) string {
			out := config.InsufficientData
			for _, t := range types {
				if t == config.NonCompliant {
					return t
				}
				if t == config.Compliant {
					out = t
				}
			}
			return out
		}
		byRule := map[string][]string{}
		byRes := map[[2]string][]string{}
		for k, ct := range model {
			byRule[k.rule] = append(byRule[k.rule], ct)
			byRes[[2]string{k.typ, k.id}] = append(byRes[[2]string{k.typ, k.id}], ct)
		}
		c := get(e.s.DescribeComplianceByConfigRule(ctx, nil))(rt)
		if len(c.ComplianceByConfigRules) != len(live) {
			rt.Fatalf("%d rules, want %d", len(c.ComplianceByConfigRules), len(live))
		}
		comp, non := 0, 0
		for _, cr := range c.ComplianceByConfigRules {
			want := roll(byRule[cr.ConfigRuleName])
			if cr.Compliance.ComplianceType != want {
				rt.Fatalf("rule %s: %s, want %s", cr.ConfigRuleName, cr.Compliance.ComplianceType, want)
			}
			switch want {
			case config.Compliant:
				comp++
			case config.NonCompliant:
				non++
			}
		}
		s := get(e.s.GetComplianceSummaryByConfigRule(ctx, nil))(rt)
		if int(s.ComplianceSummary.CompliantResourceCount.CappedCount) != comp || int(s.ComplianceSummary.NonCompliantResourceCount.CappedCount) != non {
			rt.Fatalf("summary %+v, want %d/%d", s.ComplianceSummary, comp, non)
		}
		var keys [][2]string
		for k := range byRes {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return keys[i][0]+"/"+keys[i][1] < keys[j][0]+"/"+keys[j][1] })
		rc := get(e.s.DescribeComplianceByResource(ctx, &config.DescribeComplianceByResourceInput{Limit: 100}))(rt)
		if len(rc.ComplianceByResources) != len(keys) {
			rt.Fatalf("%d resources, want %d", len(rc.ComplianceByResources), len(keys))
		}
		for _, cr := range rc.ComplianceByResources {
			if want := roll(byRes[[2]string{cr.ResourceType, cr.ResourceID}]); cr.Compliance.ComplianceType != want {
				rt.Fatalf("resource %s/%s: %s, want %s", cr.ResourceType, cr.ResourceID, cr.Compliance.ComplianceType, want)
			}
		}
	})
}

// TestDeterministicFiles: the same seed and calls give byte-identical snapshots and history files.
func TestDeterministicFiles(t *testing.T) {
	run := func() map[string]string {
		e := newEnv(t)
		e.record(t, nil)
		for i := 0; i < 20; i++ {
			n := fmt.Sprintf("a%d", i%5)
			e.change(bus.ResourceUpdated, config.TypeAlarm, n, alarmConf(n, []string{fmt.Sprintf("arn:aws:sns:us-east-1:123456789012:t%d", i)}, nil, nil), map[string]string{"i": fmt.Sprint(i)})
			e.advance(t, 40*time.Minute)
		}
		get(e.s.DeliverConfigSnapshot(ctx, &config.DeliverConfigSnapshotInput{DeliveryChannelName: "default"}))(t)
		e.advance(t, 12*time.Hour)
		out := map[string]string{}
		for _, o := range e.bucket.List("") {
			out[o.Key] = string(o.Body)
		}
		return out
	}
	a, b := run(), run()
	if len(a) < 4 || fmt.Sprint(a) != fmt.Sprint(b) {
		for k := range a {
			if a[k] != b[k] {
				t.Logf("%s differs:\n%s\n%s", k, gunzip(t, []byte(a[k])), gunzip(t, []byte(b[k])))
			}
		}
		t.Fatalf("runs differ or too few files: %d vs %d", len(a), len(b))
	}
}

// TestPropertySelectStaysCurrent: after any sequence of changes, deletions and queries, an
// advanced query answers what a brute-force count over the current state says (the query set is
// brought up to date with exactly the resources that changed).
func TestPropertySelectStaysCurrent(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		e := newEnv(rt)
		e.record(rt, &config.RecordingGroup{ResourceTypes: []string{config.TypeAlarm}})
		enabled := map[string]bool{} // live alarms → actionsEnabled
		names := []string{"a", "b", "c", "d", "e"}
		count := func(expr string) string {
			out := get(e.s.SelectResourceConfig(ctx, &config.SelectResourceConfigInput{Expression: expr}))(rt)
			return out.Results[0]
		}
		steps := rapid.IntRange(1, 50).Draw(rt, "steps")
		for i := 0; i < steps; i++ {
			n := rapid.SampledFrom(names).Draw(rt, "name")
			switch rapid.IntRange(0, 3).Draw(rt, "op") {
			case 0:
				if _, live := enabled[n]; live {
					e.change(bus.ResourceDeleted, config.TypeAlarm, n, nil, nil)
					delete(enabled, n)
				}
			case 1:
				want := 0
				for _, on := range enabled {
					if on {
						want++
					}
				}
				if got := count("SELECT COUNT(*) WHERE configuration.actionsEnabled = true"); got != fmt.Sprintf(`{"COUNT(*)":%d}`, want) {
					rt.Fatalf("enabled count %s, want %d (%v)", got, want, enabled)
				}
				if got := count("SELECT COUNT(*) WHERE resourceType = 'AWS::CloudWatch::Alarm'"); got != fmt.Sprintf(`{"COUNT(*)":%d}`, len(enabled)) {
					rt.Fatalf("count %s, want %d", got, len(enabled))
				}
			default:
				c := alarmConf(n, nil, nil, nil)
				on := rapid.Bool().Draw(rt, "enabled")
				c["ActionsEnabled"] = on
				e.change(bus.ResourceUpdated, config.TypeAlarm, n, c, nil)
				enabled[n] = on
			}
		}
	})
}
