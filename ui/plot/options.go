package plot

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// Palette holds the colours a plot may use. Every colour is optional: a nil
// colour (or an empty slice) draws that part without colour, so the zero
// Palette gives plain text for NO_COLOR and --plain.
type Palette struct {
	// Series colours, used in turn for the series of a line chart, the dots
	// of a raster and the bars of a bar chart. Choose colour-blind-safe
	// colours (see [OkabeIto]).
	Series []color.Color
	// Ghost draws the previous run underneath the current one.
	Ghost color.Color
	// Axis draws axis lines and tick labels.
	Axis color.Color
	// Text draws axis titles and legends.
	Text color.Color
	// Mark highlights the marked bar of a bar chart.
	Mark color.Color
	// Heat is the colour ramp of heat grids, low to high. When it has fewer
	// than two colours but Series is set, a built-in perceptually ordered
	// ramp (viridis) is used; when neither is set, grids use the shade ramp
	// " ░▒▓█".
	Heat []color.Color
}

// OkabeIto returns the eight colours of Okabe and Ito's colour-blind-safe
// palette, black last, suitable for Palette.Series (drop black on a dark
// background). Okabe & Ito (2008), "Color Universal Design".
func OkabeIto() []color.Color {
	return []color.Color{
		lipgloss.Color("#E69F00"), // orange
		lipgloss.Color("#56B4E9"), // sky blue
		lipgloss.Color("#009E73"), // bluish green
		lipgloss.Color("#F0E442"), // yellow
		lipgloss.Color("#0072B2"), // blue
		lipgloss.Color("#D55E00"), // vermillion
		lipgloss.Color("#CC79A7"), // reddish purple
		lipgloss.Color("#000000"), // black
	}
}

// series returns the colour of series i, cycling through p.Series, or nil.
func (p Palette) series(i int) color.Color {
	if len(p.Series) == 0 {
		return nil
	}
	return p.Series[i%len(p.Series)]
}

// Options are the size and look of one rendered plot.
type Options struct {
	// Width and Height are the size in terminal cells. Every renderer
	// returns exactly Height lines, each exactly Width columns wide.
	Width, Height int
	// Palette colours the plot; the zero value draws without colour.
	Palette Palette
	// XLabel and YLabel title the axes; Render fills them from the
	// PlotSpec when empty.
	XLabel, YLabel string
	// Square gives a line chart equal scales on both axes (braille dots are
	// about square), narrowing it as needed, so a circle stays a circle.
	Square bool
	// MinSpan is the least span of an automatic y axis, in the signal's
	// unit (1 mV, 1 Hz): a flat or nearly flat signal is drawn as flat on a
	// readable scale rather than as magnified rounding noise. Whatever it
	// is, an automatic axis spans at least a thousandth of its largest
	// value, and a flat one at zero spans −1…1.
	MinSpan float64
}

// Minimum sizes below which a chart shows "(too small)" instead.
const (
	minWidth  = 8
	minHeight = 2
)

// tooSmall reports whether o is below the minimum size, and if so returns
// the text to show instead (possibly empty for a non-positive size).
func tooSmall(o Options) (string, bool) {
	if o.Width <= 0 || o.Height <= 0 {
		return "", true
	}
	if o.Width < minWidth || o.Height < minHeight {
		return message(o.Width, o.Height, "(too small)"), true
	}
	return "", false
}
