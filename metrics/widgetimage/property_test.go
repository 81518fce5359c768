package widgetimage

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/watchsim/watchsim/metrics"
	"gonum.org/v1/plot/vg"
	"pgregory.net/rapid"
)

// TestEveryDatapointIsDrawn: for random data and random timeSeries widgets over it, every
// datapoint GetMetricData returns for the widget's queries over the widget's range is drawn: it is
// a vertex of a path in its series' colour (or the centre of a dot where it has no neighbour),
// inside the plot area, at the place the axes give it.
func TestEveryDatapointIsDrawn(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		n := rapid.IntRange(1, 3).Draw(rt, "metrics")
		minutes := rapid.IntRange(1, 150).Draw(rt, "minutes")
		gaps := rapid.SliceOfN(rapid.IntRange(0, 149), 0, 40).Draw(rt, "gaps")
		scale := rapid.SampledFrom([]float64{1, -1, 1e-3, 1e6}).Draw(rt, "scale")
		vals := rapid.SliceOfN(rapid.IntRange(-1000, 1000), 150*3, 150*3).Draw(rt, "values")
		missing := map[int]bool{}
		for _, g := range gaps {
			missing[g] = true
		}
		s, b := filled(rt, minutes, func(m, i int) float64 {
			if m >= n || (m == 0 && missing[i]) {
				return math.NaN()
			}
			return float64(vals[m*150+i]) * scale
		})
		_ = b
		period := rapid.SampledFrom([]int{60, 120, 300}).Draw(rt, "period")
		stat := rapid.SampledFrom([]string{"Average", "Sum", "Maximum", "p90"}).Draw(rt, "stat")
		names := []string{"Latency", "Errors", "Requests"}
		var entries []string
		for m := 0; m < n; m++ {
			axis := rapid.SampledFrom([]string{"left", "right"}).Draw(rt, fmt.Sprintf("axis%d", m))
			entries = append(entries, fmt.Sprintf(`["App",%q,{"yAxis":%q}]`, names[m], axis))
		}
		start := rapid.SampledFrom([]string{"-PT3H", "-PT1H", "-PT20M"}).Draw(rt, "start")
		doc := fmt.Sprintf(`{"metrics":[%s],"period":%d,"stat":%q,"start":%q}`, strings.Join(entries, ","), period, stat, start)
		w, data, err := s.WidgetData(ctx, doc)
		if err != nil {
			rt.Fatal(err)
		}
		gmd, err := s.GetMetricData(ctx, &metrics.GetMetricDataInput{MetricDataQueries: w.Queries(), StartTime: data.Start,
			EndTime: data.End, ScanBy: "TimestampAscending"})
		if err != nil {
			rt.Fatal(err)
		}
		c, err := FromWidget(w, data)
		if err != nil {
			rt.Fatal(err)
		}
		rec := &record{}
		svg, err := c.svg(rec)
		if err != nil {
			rt.Fatal(err)
		}
		drawn := pathVertices(string(svg))
		for i, res := range gmd.MetricDataResults {
			col := strings.ToUpper(c.Series[i].Color)
			if col == "" {
				col = strings.ToUpper(palette(i))
			}
			for k, ts := range res.Timestamps {
				p := rec.transform(i, float64(ts.Unix()), res.Values[k])
				if !near(drawn[col], p) && !near(drawn[col], vg.Point{X: p.X + 2, Y: p.Y}) {
					rt.Fatalf("series %d datapoint %v = %v (canvas %v) not drawn in %s", i, ts, res.Values[k], p, col)
				}
			}
		}
	})
}

// pathVertices returns, per stroke or fill colour, the M and L vertices of the SVG's paths.
func pathVertices(svg string) map[string][]vg.Point {
	re := regexp.MustCompile(`<path d="([^"]*)" style="[^"]*(?:stroke|fill):(#[0-9A-F]{6})`)
	pt := regexp.MustCompile(`[ML](-?[0-9.e+-]+),(-?[0-9.e+-]+)`)
	out := map[string][]vg.Point{}
	for _, m := range re.FindAllStringSubmatch(svg, -1) {
		for _, v := range pt.FindAllStringSubmatch(m[1], -1) {
			x, _ := strconv.ParseFloat(v[1], 64)
			y, _ := strconv.ParseFloat(v[2], 64)
			out[m[2]] = append(out[m[2]], vg.Point{X: vg.Length(x), Y: vg.Length(y)})
		}
	}
	return out
}

// near reports whether a vertex lies within the SVG's printing precision (5 digits) of p.
func near(ps []vg.Point, p vg.Point) bool {
	for _, q := range ps {
		if math.Abs(float64(q.X-p.X)) < 0.02 && math.Abs(float64(q.Y-p.Y)) < 0.02 {
			return true
		}
	}
	return false
}
