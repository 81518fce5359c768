package widgetimage

import (
	"errors"
	"fmt"
	"image/color"
	"strconv"
	"time"
)

// Chart is a picture in data terms: series over a time range, annotations, alarm state bands and
// markers. [FromWidget] builds one from a metric widget and its data; the alarm pictures of package
// watchsimtest/pictures build theirs from an alarm's definition and history. [Chart.SVG] and [Chart.PNG]
// draw it; the same Chart always gives the same bytes.
type Chart struct {
	Title string
	// Width and Height are in pixels (1–2000); zero means 600 × 400.
	Width, Height int
	// Start and End bound the time axis.
	Start, End time.Time
	// Location labels the time axis (nil = UTC).
	Location *time.Location
	// Legend is "bottom" (default), "right" or "hidden".
	Legend string
	// View is "timeSeries" (default), "bar", "pie" or "singleValue".
	View string
	// Stacked draws time series as stacked areas.
	Stacked bool
	Series  []Series
	// Horizontal and Vertical are annotations: lines, bands and fills.
	Horizontal []HLine
	Vertical   []VLine
	// States are shaded periods of the time axis (alarm states).
	States []StateBand
	// Markers are symbols on the time axis: missing datapoints, actions taken.
	Markers []Marker
	// Lanes are rows of state bands, one per alarm, top to bottom, named on the y axis: the
	// children of a composite alarm. A chart has Lanes or Series, not both.
	Lanes       []Lane
	Left, Right Axis
}

// Lane is one row of a chart's Lanes: the states of one alarm over time.
type Lane struct {
	Label  string
	States []StateBand
}

// Series is one line (or bar, slice, value) of a chart.
type Series struct {
	Label string
	// Color is "#rrggbb"; empty takes the next palette colour.
	Color string
	// Right puts the series on the right y axis.
	Right  bool
	Times  []time.Time
	Values []float64
	// Period is the distance between datapoints: a longer gap breaks the line (missing data is
	// not drawn over). Zero never breaks it.
	Period time.Duration
}

// HLine is a horizontal annotation: a line at Value, or a band between Value and To.
type HLine struct {
	Value, To float64
	Band      bool
	Label     string
	Color     string
	// Fill is "", "above" or "below".
	Fill  string
	Right bool
}

// VLine is a vertical annotation: a line at At, or a band between At and To.
type VLine struct {
	At, To time.Time
	Band   bool
	Label  string
	Color  string
	// Fill is "", "before" or "after".
	Fill string
}

// StateBand is a period the alarm spent in State ("OK", "ALARM", "INSUFFICIENT_DATA").
type StateBand struct {
	From, To time.Time
	State    string
}

// MarkerKind says what a marker shows.
type MarkerKind int

// The marker kinds.
const (
	// MissingData marks a period without a datapoint (a grey cross on the time axis).
	MissingData MarkerKind = iota
	// Action marks an alarm action (a diamond at the top of the plot, with its label).
	Action
)

// Marker is a symbol at a time.
type Marker struct {
	At    time.Time
	Kind  MarkerKind
	Label string
}

// Axis is a y axis: fixed bounds (nil = from the data) and a label.
type Axis struct {
	Min, Max *float64
	Label    string
}

// palette is the order in which series without a colour are coloured ([derived]: the ten
// colours of the d3 "category10" scheme, which the CloudWatch console's default colours follow).
func palette(i int) string {
	switch i % 10 {
	case 0:
		return "#1f77b4"
	case 1:
		return "#ff7f0e"
	case 2:
		return "#2ca02c"
	case 3:
		return "#d62728"
	case 4:
		return "#9467bd"
	case 5:
		return "#8c564b"
	case 6:
		return "#e377c2"
	case 7:
		return "#7f7f7f"
	case 8:
		return "#bcbd22"
	}
	return "#17becf"
}

// parseColor reads "#rrggbb".
func parseColor(s string) (color.NRGBA, error) {
	if len(s) != 7 || s[0] != '#' {
		return color.NRGBA{}, fmt.Errorf("widgetimage: colour %q is not #rrggbb", s)
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return color.NRGBA{}, fmt.Errorf("widgetimage: colour %q is not #rrggbb", s)
	}
	return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 255}, nil
}

func withAlpha(c color.NRGBA, a uint8) color.NRGBA { c.A = a; return c }

// stateColor is the colour of an alarm state band: red for ALARM, green for OK, grey otherwise.
func stateColor(state string) color.NRGBA {
	switch state {
	case "ALARM":
		return color.NRGBA{R: 0xd6, G: 0x27, B: 0x28, A: 0x38}
	case "OK":
		return color.NRGBA{R: 0x2c, G: 0xa0, B: 0x2c, A: 0x20}
	}
	return color.NRGBA{R: 0x7f, G: 0x7f, B: 0x7f, A: 0x30}
}

// check validates a chart before drawing: sizes, colours, parallel slices, a time range.
func (c *Chart) check() error {
	if c == nil {
		return errors.New("widgetimage: nil *Chart")
	}
	if c.Width < 0 || c.Width > 2000 || c.Height < 0 || c.Height > 2000 {
		return errors.New("widgetimage: width and height must be between 1 and 2000 pixels")
	}
	switch c.View {
	case "", "timeSeries", "bar", "pie", "singleValue":
	default:
		return fmt.Errorf("widgetimage: unknown view %q", c.View)
	}
	switch c.Legend {
	case "", "bottom", "right", "hidden":
	default:
		return fmt.Errorf("widgetimage: unknown legend position %q", c.Legend)
	}
	if !c.Start.Before(c.End) {
		return errors.New("widgetimage: Start must be before End")
	}
	if len(c.Lanes) > 0 && (len(c.Series) > 0 || (c.View != "" && c.View != "timeSeries")) {
		return errors.New("widgetimage: a chart with Lanes draws no Series and only the timeSeries view")
	}
	for i, s := range c.Series {
		if len(s.Times) != len(s.Values) {
			return fmt.Errorf("widgetimage: series %d has %d times and %d values", i, len(s.Times), len(s.Values))
		}
		if s.Color != "" {
			if _, err := parseColor(s.Color); err != nil {
				return err
			}
		}
	}
	for _, h := range c.Horizontal {
		if h.Color != "" {
			if _, err := parseColor(h.Color); err != nil {
				return err
			}
		}
	}
	for _, v := range c.Vertical {
		if v.Color != "" {
			if _, err := parseColor(v.Color); err != nil {
				return err
			}
		}
	}
	return nil
}

func (c *Chart) size() (w, h int) {
	w, h = c.Width, c.Height
	if w == 0 {
		w = 600
	}
	if h == 0 {
		h = 400
	}
	return w, h
}

func (c *Chart) loc() *time.Location {
	if c.Location == nil {
		return time.UTC
	}
	return c.Location
}

// colorOf returns series i's colour: its own, or the palette's next.
func (c *Chart) colorOf(i int) color.NRGBA {
	s := c.Series[i].Color
	if s == "" {
		s = palette(i)
	}
	col, _ := parseColor(s)
	return col
}
