package sim

// Model is the lab contract. Every simulation the UI or the CLI shows
// implements it; callers never reach into a model's internals.
//
// A model describes itself with [Info], accepts parameter changes through Set
// (rejecting unknown keys and out-of-range values), returns to time zero with
// Reset, and advances one fixed step of Info().DT milliseconds with Step. The
// same parameters and seed give the same run, bit for bit. Step must not
// allocate.
type Model interface {
	// Info describes the model. It returns the same value on every call.
	Info() Info
	// Set changes a parameter. It returns a *ParamError for an unknown key
	// or a value outside the parameter's range, and leaves the model as it
	// was. Set does not reset the run; the caller decides whether to.
	Set(key string, v float64) error
	// Get returns a parameter's current value.
	Get(key string) (float64, bool)
	// Reset returns the model to time zero with its current parameters and
	// the given random seed.
	Reset(seed uint64)
	// Step advances simulated time by Info().DT milliseconds.
	Step()
	// Time is the simulated time since the last Reset, in ms.
	Time() float64
	// Sample writes the instantaneous value of each of Info().Signals into
	// dst, in order. len(dst) == len(Info().Signals).
	Sample(dst []float64)
	// Metrics writes the value of each of Info().Metrics into dst, in order.
	// len(dst) == len(Info().Metrics).
	Metrics(dst []float64)
	// Plot fills dst for one of the model's non-trace plots (raster, bars,
	// grid, x–y), reusing dst's slices. Trace plots are drawn from recorded
	// signals by [Run] and never reach Plot.
	Plot(key string, dst *PlotData)
}

// SignalFilter is implemented by models whose signals are not all in use
// at every setting (units beyond the current n). Trace plots leave out a
// signal for which SignalActive reports false.
type SignalFilter interface {
	SignalActive(key string) bool
}

// MetricFilter is implemented by models whose metrics do not all apply at
// every setting (a mode that makes some meaningless). The lab leaves out a
// metric for which MetricActive reports false; the CLI reports them all.
type MetricFilter interface {
	MetricActive(key string) bool
}

// Info is a model's static self-description.
type Info struct {
	ID      string // stable id used by lessons and the CLI: "lif"
	Title   string // "Leaky integrate-and-fire neuron"
	Summary string // one line for `neurotutor sim list`
	// DT is the fixed step in ms. Models whose step is not physical time
	// (a learning trial, a network update) still declare one, and say in
	// StepNote what a step is.
	DT       float64
	StepNote string // optional: "one training sample per step"
	// Window is the span of a time-trace plot, in ms of simulated time.
	Window float64
	// Speed is the default simulated ms advanced per wall-clock second in
	// the live lab.
	Speed   float64
	Params  []Param
	Metrics []Metric
	Signals []Signal // recorded every step for trace plots and the CLI
	Plots   []PlotSpec
}

// Param describes one parameter. A parameter with Choices takes the index of
// a choice (0, 1, …) as its value; Min and Max are then 0 and len(Choices)−1.
//
// A parameter has two ranges. ValidMin…ValidMax is where the model is
// valid: Set accepts any value in it and the model stays finite there
// (the model tests run every parameter at both ends), so `sim run` and
// `sim sweep` reach textbook protocols. Min…Max, inside it, is the
// slider's range in the lab, chosen for teaching; a lesson may narrow it
// further (its lab.ranges) within the valid range. A parameter that
// declares no valid range (both zero) is valid on Min…Max.
type Param struct {
	Key   string  // "tau_m"
	Label string  // "τ_m"
	Unit  string  // "ms"; empty for dimensionless
	Min   float64 // the slider's range, inclusive
	Max   float64 // inclusive
	// ValidMin and ValidMax bound the values the model is valid for,
	// inclusive; Bind sets them to Min and Max when both are zero.
	ValidMin, ValidMax float64
	Step               float64 // the small step of the lab's slider; large is 10×
	Default            float64
	Help               string   // one line: "membrane time constant"
	Choices            []string // named values; nil for a number
	Integer            bool     // only whole numbers are allowed
	// Live parameters change the running model in place; changing any
	// other parameter starts a new run (the old one becomes the ghost).
	Live bool
	// Log makes the lab's slider step by ratios rather than differences:
	// the R″10 series 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ᵏ, a decade
	// per ten steps (see [Param.Grid]). For rates and learning rates that
	// span decades. With Min = 0, Step is the first value above 0.
	Log bool
}

// Metric describes one scalar the model reports.
type Metric struct {
	Key   string // "rate_hz"
	Label string // "rate"
	Unit  string // "Hz"
	Help  string // one line
	// Resolution is the finest difference the metric resolves; the lab
	// rounds to it, so a value below it reads 0. Zero means the unit's
	// (see [Resolution]).
	Resolution float64
	// NoneBelowZero says a negative value means "none yet" (a decision
	// not made, a network not settled): the lab shows "—" for it.
	NoneBelowZero bool
	// Names, when set, name the metric's whole values: value i reads
	// Names[i] (a state such as none, damped, sustained).
	Names []string
}

// Signal is a quantity recorded every step: a membrane potential, a rate.
type Signal struct {
	Key   string
	Label string
	Unit  string
	// Gaps says the signal is NaN while it has no value (a stage not on
	// show); plots draw a gap there. Any other NaN is an error.
	Gaps bool
	// Dash is how trace plots draw the signal's line.
	Dash Dash
}

// Dash is the stroke of a line, so that curves drawn together stay apart
// without colour (NO_COLOR, plain text).
type Dash uint8

// The strokes.
const (
	DashNone  Dash = iota // a solid line
	DashLong              // long dashes
	DashShort             // short dashes
)

// PlotKind says how a plot is drawn.
type PlotKind int

// The plot kinds.
const (
	PlotTrace  PlotKind = iota // signals against time, from recorded samples
	PlotRaster                 // spike times by row
	PlotBars                   // a vector of activities
	PlotGrid                   // one or more 2-D heat grids
	PlotXY                     // x–y curves and point sets
)

func (k PlotKind) String() string {
	switch k {
	case PlotTrace:
		return "trace"
	case PlotRaster:
		return "raster"
	case PlotBars:
		return "bars"
	case PlotGrid:
		return "grid"
	case PlotXY:
		return "xy"
	}
	return "unknown"
}

// PlotSpec describes one plot a model offers.
type PlotSpec struct {
	Key     string
	Title   string
	Kind    PlotKind
	Signals []string // PlotTrace: keys of the signals drawn
	XLabel  string   // PlotXY and PlotTrace (default "t (ms)")
	YLabel  string
	// YMin < YMax fixes the y axis; otherwise it follows the data.
	YMin, YMax float64
	// Square asks for equal scales on both axes of an x–y plot: a picture
	// (a network drawn on a ring) rather than a graph.
	Square bool
	// MaxRows caps the rows of data a bar chart is drawn with (0: as
	// many as there is room for); a chart of done/not-done flags needs 2.
	MaxRows int
	// Gallery asks a grid plot to draw its grids, all of one size, as
	// untitled tiles wrapped into rows under one shared scale (a
	// dictionary of learnt features) rather than side by side.
	Gallery bool
}

// Series is one curve or point set of an x–y or trace plot.
type Series struct {
	Name   string
	X, Y   []float64
	Points bool // draw as separate points rather than a line
	Dash   Dash // the stroke of a line
}

// Grid is one 2-D heat grid, row-major.
type Grid struct {
	Title      string
	Rows, Cols int
	V          []float64
	// Min < Max fixes the colour scale; otherwise it follows the data.
	Min, Max float64
}

// PlotData is what a plot draws. A model fills the fields of its kind and
// leaves the rest alone; callers reuse one PlotData per plot across frames.
type PlotData struct {
	// PlotTrace and PlotXY.
	Series []Series
	// PlotRaster: event i is a spike at time SpikeT[i] (ms) in row
	// SpikeRow[i]; rows run 0…Rows−1 and time T0…T1. RowLabels, when set,
	// name the rows ("pre", "glio") instead of numbering them.
	SpikeT    []float64
	SpikeRow  []int
	Rows      int
	T0, T1    float64
	RowLabels []string
	// PlotBars: one bar per value, optional labels, optional marked bar
	// (−1 for none), a fixed top if BarMax > 0.
	Bars      []float64
	BarLabels []string
	Marked    int
	BarMax    float64
	// PlotGrid.
	Grids []Grid
	// Axis ranges for PlotXY and PlotTrace; Min < Max fixes an axis.
	XMin, XMax, YMin, YMax float64
}

// Reset empties d for refilling, keeping its capacity.
func (d *PlotData) Reset() {
	for i := range d.Series {
		d.Series[i].X = d.Series[i].X[:0]
		d.Series[i].Y = d.Series[i].Y[:0]
	}
	d.Series = d.Series[:0]
	d.SpikeT = d.SpikeT[:0]
	d.SpikeRow = d.SpikeRow[:0]
	d.Rows, d.T0, d.T1 = 0, 0, 0
	d.RowLabels = d.RowLabels[:0]
	d.Bars = d.Bars[:0]
	d.BarLabels = d.BarLabels[:0]
	d.Marked = -1
	d.BarMax = 0
	d.Grids = d.Grids[:0]
	d.XMin, d.XMax, d.YMin, d.YMax = 0, 0, 0, 0
}

// AddSeries appends a series to d, reusing the backing arrays of a series
// that was there before Reset, and returns it for filling. The pointer is
// valid until the next AddSeries (which may move d.Series): fill each
// series before adding the next, or index d.Series afterwards.
func (d *PlotData) AddSeries(name string, points bool) *Series {
	n := len(d.Series)
	if n < cap(d.Series) {
		d.Series = d.Series[:n+1]
	} else {
		d.Series = append(d.Series, Series{})
	}
	s := &d.Series[n]
	s.Name, s.Points, s.Dash = name, points, DashNone
	s.X, s.Y = s.X[:0], s.Y[:0]
	return s
}

// AddGrid appends a rows×cols grid to d, reusing storage, and returns it.
// Like AddSeries, the pointer is valid until the next AddGrid.
func (d *PlotData) AddGrid(title string, rows, cols int) *Grid {
	n := len(d.Grids)
	if n < cap(d.Grids) {
		d.Grids = d.Grids[:n+1]
	} else {
		d.Grids = append(d.Grids, Grid{})
	}
	g := &d.Grids[n]
	g.Title, g.Rows, g.Cols, g.Min, g.Max = title, rows, cols, 0, 0
	if cap(g.V) < rows*cols {
		g.V = make([]float64, rows*cols)
	}
	g.V = g.V[:rows*cols]
	return g
}

// Add appends one point to s.
func (s *Series) Add(x, y float64) {
	s.X = append(s.X, x)
	s.Y = append(s.Y, y)
}

// MetricOf reads one metric of m by key. It panics on an unknown key,
// which is a programmer error; it allocates, so it is for tests, examples
// and tools rather than a simulation loop.
func MetricOf(m Model, key string) float64 {
	info := m.Info()
	dst := make([]float64, len(info.Metrics))
	m.Metrics(dst)
	for i, mt := range info.Metrics {
		if mt.Key == key {
			return dst[i]
		}
	}
	panic("sim: model " + info.ID + " has no metric " + key)
}
