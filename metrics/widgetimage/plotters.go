package widgetimage

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The layers of a time-series picture, each a gonum/plot Plotter drawn in the plot's data
// coordinates (x in Unix seconds), in this order: grid, alarm states, vertical fills, horizontal
// fills, stacked areas, lines, missing-data markers, annotation lines, action markers.

func rect(c draw.Canvas, col color.Color, x0, x1, y0, y1 vg.Length) {
	if x1 < x0 {
		x0, x1 = x1, x0
	}
	if y1 < y0 {
		y0, y1 = y1, y0
	}
	x0, x1 = max(x0, c.Min.X), min(x1, c.Max.X)
	y0, y1 = max(y0, c.Min.Y), min(y1, c.Max.Y)
	if x1 <= x0 || y1 <= y0 {
		return
	}
	c.FillPolygon(col, []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}})
}

// statesPlotter shades the periods of alarm states over the full height, with a stronger strip
// along the top.
type statesPlotter struct{ p *painter }

func (s *statesPlotter) Plot(c draw.Canvas, pl *plot.Plot) {
	trX, _ := pl.Transforms(&c)
	for _, b := range s.p.c.States {
		x0, x1 := trX(float64(b.From.Unix())), trX(float64(b.To.Unix()))
		col := stateColor(b.State)
		rect(c, col, x0, x1, c.Min.Y, c.Max.Y)
		rect(c, withAlpha(col, 0xb0), x0, x1, c.Max.Y-5, c.Max.Y)
	}
}

// vFillPlotter fills vertical bands and the before/after fills of vertical annotations.
type vFillPlotter struct{ p *painter }

func (v *vFillPlotter) Plot(c draw.Canvas, pl *plot.Plot) {
	trX, _ := pl.Transforms(&c)
	for _, a := range v.p.c.Vertical {
		col := withAlpha(annotationColor(a.Color), 0x30)
		x := trX(float64(a.At.Unix()))
		switch {
		case a.Band:
			rect(c, col, x, trX(float64(a.To.Unix())), c.Min.Y, c.Max.Y)
		case a.Fill == "before":
			rect(c, col, c.Min.X, x, c.Min.Y, c.Max.Y)
		case a.Fill == "after":
			rect(c, col, x, c.Max.X, c.Min.Y, c.Max.Y)
		}
	}
}

// hFillPlotter fills horizontal bands and the above/below fills of horizontal annotations.
type hFillPlotter struct {
	p      *painter
	toLeft func(float64) float64
}

func (h *hFillPlotter) Plot(c draw.Canvas, pl *plot.Plot) {
	_, trY := pl.Transforms(&c)
	for _, a := range h.p.c.Horizontal {
		y := func(v float64) vg.Length {
			if a.Right {
				v = h.toLeft(v)
			}
			return trY(v)
		}
		col := withAlpha(annotationColor(a.Color), 0x30)
		switch {
		case a.Band:
			rect(c, col, c.Min.X, c.Max.X, y(a.Value), y(a.To))
		case a.Fill == "above":
			rect(c, col, c.Min.X, c.Max.X, y(a.Value), c.Max.Y)
		case a.Fill == "below":
			rect(c, col, c.Min.X, c.Max.X, c.Min.Y, y(a.Value))
		}
	}
}

// hLinePlotter draws horizontal annotation lines (dashed) with their labels.
type hLinePlotter struct {
	p      *painter
	toLeft func(float64) float64
}

func (h *hLinePlotter) Plot(c draw.Canvas, pl *plot.Plot) {
	_, trY := pl.Transforms(&c)
	ts := textStyle(9, grey)
	ts.YAlign = draw.YBottom
	for _, a := range h.p.c.Horizontal {
		if a.Band {
			continue
		}
		v := a.Value
		if a.Right {
			v = h.toLeft(v)
		}
		y := trY(v)
		if !c.ContainsY(y) {
			continue
		}
		col := annotationColor(a.Color)
		c.StrokeLine2(draw.LineStyle{Color: col, Width: 1.5, Dashes: []vg.Length{6, 3}}, c.Min.X, y, c.Max.X, y)
		if a.Label != "" {
			ts.Color = col
			c.FillText(ts, vg.Point{X: c.Min.X + 4, Y: y + 2}, a.Label)
		}
	}
}

// vLinePlotter draws vertical annotation lines with their labels.
type vLinePlotter struct{ p *painter }

func (v *vLinePlotter) Plot(c draw.Canvas, pl *plot.Plot) {
	trX, _ := pl.Transforms(&c)
	ts := textStyle(9, grey)
	ts.YAlign = draw.YTop
	for _, a := range v.p.c.Vertical {
		x := trX(float64(a.At.Unix()))
		col := annotationColor(a.Color)
		if !a.Band && c.ContainsX(x) {
			c.StrokeLine2(draw.LineStyle{Color: col, Width: 1.5}, x, c.Min.Y, x, c.Max.Y)
		}
		if a.Label != "" && c.ContainsX(x) {
			ts.Color = col
			c.FillText(ts, vg.Point{X: x + 3, Y: c.Max.Y - 7}, a.Label)
		}
	}
}

// linePlotter draws one series: polylines broken where a datapoint is missing (a gap longer than
// the period), a dot for a datapoint with no neighbour.
type linePlotter struct {
	p          *painter
	i          int
	toLeft     func(float64) float64
	stackTimes []int64
	tops       [][]float64
}

func (l *linePlotter) Plot(c draw.Canvas, pl *plot.Plot) {
	s := l.p.c.Series[l.i]
	trX, trY := pl.Transforms(&c)
	col := l.p.c.colorOf(l.i)
	xy := func(k int) (float64, float64) {
		t, v := float64(s.Times[k].Unix()), s.Values[k]
		switch {
		case l.tops != nil:
			v = l.tops[l.i][l.stackIndex(s.Times[k].Unix())]
		case s.Right:
			v = l.toLeft(v)
		}
		return t, v
	}
	pt := func(k int) vg.Point {
		t, v := xy(k)
		return vg.Point{X: trX(t), Y: trY(v)}
	}
	if rec := l.p.rec; rec != nil {
		if rec.points == nil {
			rec.points = map[int][]vg.Point{}
		}
		for k := range s.Times {
			if finite(s.Values[k]) {
				rec.points[l.i] = append(rec.points[l.i], pt(k))
			}
		}
		rec.transform = func(i int, t, v float64) vg.Point {
			if l.p.c.Series[i].Right {
				v = l.toLeft(v)
			}
			return vg.Point{X: trX(t), Y: trY(v)}
		}
	}
	sty := draw.LineStyle{Color: col, Width: 1.5}
	gap := s.Period.Seconds() * 1.5
	var seg []vg.Point
	flush := func() {
		switch {
		case len(seg) == 0:
		case len(seg) == 1:
			c.DrawGlyph(draw.GlyphStyle{Color: col, Radius: 2, Shape: draw.CircleGlyph{}}, seg[0])
		case !l.p.raster:
			c.StrokeLines(sty, c.ClipLinesXY(seg)...)
		default:
			for i := 0; i < len(seg)-1; i += rasterPiece {
				c.StrokeLines(sty, c.ClipLinesXY(seg[i:min(i+rasterPiece+1, len(seg))])...)
			}
		}
		seg = seg[:0]
	}
	for k := range s.Times {
		if !finite(s.Values[k]) { // a value that cannot be drawn breaks the line like a missing one
			flush()
			continue
		}
		if k > 0 && gap > 0 && s.Times[k].Sub(s.Times[k-1]).Seconds() > gap {
			flush()
		}
		seg = append(seg, pt(k))
	}
	flush()
}

func (l *linePlotter) stackIndex(t int64) int {
	lo, hi := 0, len(l.stackTimes)
	for lo < hi {
		m := (lo + hi) / 2
		if l.stackTimes[m] < t {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// rasterPiece is the number of segments of a line stroked at once in a raster image.
const rasterPiece = 32

// stackPlotter fills the areas between consecutive stacked series.
type stackPlotter struct {
	p     *painter
	times []int64
	tops  [][]float64
}

func (s *stackPlotter) Plot(c draw.Canvas, pl *plot.Plot) {
	if len(s.times) == 0 {
		return
	}
	trX, trY := pl.Transforms(&c)
	for i := range s.tops {
		var poly []vg.Point
		for k, t := range s.times {
			poly = append(poly, vg.Point{X: trX(float64(t)), Y: trY(s.tops[i][k])})
		}
		for k := len(s.times) - 1; k >= 0; k-- {
			base := 0.0
			if i > 0 {
				base = s.tops[i-1][k]
			}
			poly = append(poly, vg.Point{X: trX(float64(s.times[k])), Y: trY(base)})
		}
		c.FillPolygon(withAlpha(s.p.c.colorOf(i), 0x50), c.ClipPolygonXY(poly))
	}
}

// markerPlotter draws missing-data crosses along the bottom and action diamonds along the top.
type markerPlotter struct{ p *painter }

func (m *markerPlotter) Plot(c draw.Canvas, pl *plot.Plot) {
	trX, _ := pl.Transforms(&c)
	ts := textStyle(8, grey)
	ts.YAlign = draw.YTop
	purple := color.NRGBA{R: 0x94, G: 0x67, B: 0xbd, A: 255}
	for _, mk := range m.p.c.Markers {
		x := trX(float64(mk.At.Unix()))
		if !c.ContainsX(x) {
			continue
		}
		switch mk.Kind {
		case MissingData:
			c.DrawGlyph(draw.GlyphStyle{Color: grey, Radius: 3, Shape: draw.CrossGlyph{}}, vg.Point{X: x, Y: c.Min.Y + 5})
		case Action:
			y := c.Max.Y - 12
			c.FillPolygon(purple, []vg.Point{{X: x, Y: y + 5}, {X: x + 4, Y: y}, {X: x, Y: y - 5}, {X: x - 4, Y: y}})
			if mk.Label != "" {
				ts.Color = purple
				c.FillText(ts, vg.Point{X: x + 6, Y: y + 4}, mk.Label)
			}
		}
	}
}

// barPlotter draws one bar per series: its latest value.
type barPlotter struct{ p *painter }

func (b *barPlotter) Plot(c draw.Canvas, pl *plot.Plot) {
	trX, trY := pl.Transforms(&c)
	for i, s := range b.p.c.Series {
		v, ok := latest(s)
		if !ok {
			continue
		}
		rect(c, b.p.c.colorOf(i), trX(float64(i)-0.35), trX(float64(i)+0.35), trY(0), trY(v))
	}
}

// pie draws the latest positive value of every series as a slice.
func (p *painter) pie(area draw.Canvas) {
	c := p.c
	total := 0.0
	for _, s := range c.Series {
		if v, ok := latest(s); ok && v > 0 {
			total += v
		}
	}
	center := area.Center()
	r := min(area.Max.X-area.Min.X, area.Max.Y-area.Min.Y)/2 - 4
	if total == 0 || r <= 0 {
		ts := textStyle(11, grey)
		ts.XAlign, ts.YAlign = draw.XCenter, draw.YCenter
		area.FillText(ts, center, "No data available.")
		return
	}
	angle := math.Pi / 2
	for i, s := range c.Series {
		v, ok := latest(s)
		if !ok || v <= 0 {
			continue
		}
		sweep := -2 * math.Pi * v / total
		var path vg.Path
		path.Move(center)
		path.Line(vg.Point{X: center.X + r*vg.Length(math.Cos(angle)), Y: center.Y + r*vg.Length(math.Sin(angle))})
		path.Arc(center, r, angle, sweep)
		path.Close()
		area.SetColor(c.colorOf(i))
		area.Fill(path)
		angle += sweep
	}
}

// singleValue draws each series' latest value, large, under its label.
func (p *painter) singleValue(area draw.Canvas) {
	c := p.c
	n := len(c.Series)
	if n == 0 {
		return
	}
	w := (area.Max.X - area.Min.X) / vg.Length(n)
	lts := textStyle(10, grey)
	lts.YAlign = draw.YTop
	vts := textStyle(min(36, w/4), black)
	vts.YAlign = draw.YTop
	for i, s := range c.Series {
		x := area.Min.X + vg.Length(i)*w + 4
		area.FillText(lts, vg.Point{X: x, Y: area.Max.Y}, s.Label)
		txt := "–"
		if v, ok := latest(s); ok {
			txt = formatValue(v)
		}
		vts.Color = c.colorOf(i)
		area.FillText(vts, vg.Point{X: x, Y: area.Max.Y - 16}, txt)
	}
}

// laneY is the y of lane i of n: the first lane on top.
func laneY(i, n int) float64 { return float64(n - 1 - i) }

// lanesPlotter draws each lane's states as a strip at the lane's height.
type lanesPlotter struct{ p *painter }

func (l *lanesPlotter) Plot(c draw.Canvas, pl *plot.Plot) {
	trX, trY := pl.Transforms(&c)
	n := len(l.p.c.Lanes)
	for i, lane := range l.p.c.Lanes {
		y := laneY(i, n)
		for _, b := range lane.States {
			rect(c, withAlpha(stateColor(b.State), 0xc0), trX(float64(b.From.Unix())), trX(float64(b.To.Unix())), trY(y-0.3), trY(y+0.3))
		}
	}
}
