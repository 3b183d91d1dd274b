package plot

import "github.com/neurotutor/neurotutor/sim"

// Render draws d (and the previous run's ghost, which may be nil) as the
// plot spec describes: Line for PlotTrace and PlotXY, Raster, Bars, or
// Heat for PlotGrid (Gallery when spec.Gallery). o.XLabel and o.YLabel
// default to the spec's labels ("t (ms)" for a trace or raster x axis),
// and spec.YMin < spec.YMax fixes the y axis of a line chart unless d
// fixes its own.
//
// The result has exactly o.Height lines, each exactly o.Width columns wide
// (ANSI colour sequences aside), for any data including none or NaN; sizes
// below 8×2 show "(too small)", and non-positive sizes give "".
func Render(spec sim.PlotSpec, d, ghost *sim.PlotData, o Options) string {
	if s, small := tooSmall(o); small {
		return s
	}
	if d == nil {
		d = &sim.PlotData{}
	}
	if o.XLabel == "" {
		o.XLabel = spec.XLabel
		if o.XLabel == "" && (spec.Kind == sim.PlotTrace || spec.Kind == sim.PlotRaster) {
			o.XLabel = "t (ms)"
		}
	}
	if o.YLabel == "" {
		o.YLabel = spec.YLabel
	}
	o.Square = o.Square || spec.Square
	switch spec.Kind {
	case sim.PlotTrace, sim.PlotXY:
		if spec.YMin < spec.YMax && !(d.YMin < d.YMax) {
			dd := *d
			dd.YMin, dd.YMax = spec.YMin, spec.YMax
			d = &dd
		}
		return Line(d, ghost, o)
	case sim.PlotRaster:
		return Raster(d, o)
	case sim.PlotBars:
		return Bars(d, ghost, o)
	case sim.PlotGrid:
		if spec.Gallery {
			return Gallery(d, o)
		}
		return Heat(d, o)
	}
	return message(o.Width, o.Height, "(unknown plot kind)")
}
