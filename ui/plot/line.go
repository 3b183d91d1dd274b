package plot

import (
	"math"

	"github.com/neurotutor/neurotutor/sim"
)

// Line draws d's series as a braille line chart, for PlotTrace and PlotXY.
//
// Each series is a line through its points, or separate dots when
// Series.Points is set; NaN and infinite points are skipped (a line breaks
// there). The ghost's series (the previous run; may be nil) are drawn first,
// dotted and in Palette.Ghost, so the current run stays on top. The axes
// follow d.XMin…d.XMax and d.YMin…d.YMax where Min < Max, and otherwise
// span the data of d (the ghost is clipped to them); flat data are padded. The y axis
// carries 3–4 ticks at nice numbers, the x axis its own ticks and
// o.XLabel, and the first line o.YLabel and a legend of the series names
// in their colours ("· previous run" for a ghost).
func Line(d *sim.PlotData, ghost *sim.PlotData, o Options) string {
	if s, small := tooSmall(o); small {
		return s
	}
	xmin, xmax, ymin, ymax := lineRange(d, ghost)

	f := newFrame(o.Width, o.Height)
	r := splitRows(o.Height)
	axis, text := f.color(o.Palette.Axis), f.color(o.Palette.Text)

	// y ticks decide the width of the label column.
	var yt []float64
	var ystep float64
	if d.YMin < d.YMax {
		yt, ystep = niceTicks(ymin, ymax, yTickCount(r.ph))
	} else {
		yt, ystep, ymin, ymax = autoTicks(ymin, ymax, yTickCount(r.ph))
	}
	dh := 4*r.ph - 1
	rowOf := func(v float64) int {
		return int(math.Round((ymax-v)/(ymax-ymin)*float64(dh))) / 4
	}
	ylabels, lw := tickLabels(yt, ystep)
	x0 := lw + 1
	if o.Width-x0 < 4 {
		x0 = 0
	}
	pw := o.Width - x0
	if o.Square { // a cell is two dots wide and four tall
		want := int(math.Round(float64(dh+1) * (xmax - xmin) / (ymax - ymin) / 2))
		if want >= 4 && want < pw {
			pw = want
		}
	}
	c := newCanvas(pw, r.ph)
	dw := float64(c.dw - 1)
	sx := dw / (xmax - xmin)
	sy := float64(dh) / (ymax - ymin)
	colOf := func(v float64) int {
		return int(math.Round((v-xmin)*sx)) / 2
	}

	var items []legendItem
	if ghost != nil {
		g := f.color(o.Palette.Ghost)
		drawn := false
		for i := range ghost.Series {
			drawn = drawSeries(c, &ghost.Series[i], xmin, ymax, sx, sy, g, dotted) || drawn
		}
		if drawn {
			items = append(items, legendItem{'·', "previous run", o.Palette.Ghost})
		}
	}
	var legend []legendItem
	for i := range d.Series {
		s := &d.Series[i]
		col := o.Palette.series(i)
		drawSeries(c, s, xmin, ymax, sx, sy, f.color(col), dashStroke(s.Dash))
		mark := legendMark(s)
		legend = append(legend, legendItem{mark, s.Name, col})
	}
	c.draw(f, x0, r.plot0)

	yAxis(f, r, x0, yt, ylabels, rowOf, axis)
	xt, xstep := niceTicks(xmin, xmax, xTickCount(pw))
	xlabels, _ := tickLabels(xt, xstep)
	xAxis(f, r, x0, pw, xt, xlabels, colOf, o.XLabel, axis, text)
	header(f, r.header, o.YLabel, append(legend, items...), text)
	return f.String()
}

// legendMark is the legend's sample of a series: a dot for points, else a
// stretch of its stroke.
func legendMark(s *sim.Series) rune {
	switch {
	case s.Points:
		return '•'
	case s.Dash == sim.DashLong:
		return '╍'
	case s.Dash == sim.DashShort:
		return '┅'
	}
	return '━'
}

// drawSeries draws one series on c in stroke st, mapping x to dots by
// (x−xmin)·sx and y by (ymax−y)·sy. It reports whether the series had any
// finite point.
func drawSeries(c *canvas, s *sim.Series, xmin, ymax, sx, sy float64, col uint8, st stroke) bool {
	n := min(len(s.X), len(s.Y))
	any := false
	c.startPath()
	havePrev := false
	var px, py float64
	for i := 0; i < n; i++ {
		x, y := s.X[i], s.Y[i]
		if !finite(x) || !finite(y) {
			havePrev = false
			continue
		}
		any = true
		dx, dy := (x-xmin)*sx, (ymax-y)*sy
		switch {
		case s.Points:
			c.point(dx, dy, col)
		case havePrev:
			// Skip zero-length segments inside one dot: dense traces have
			// many samples per dot column.
			if math.Abs(dx-px) < 0.5 && math.Abs(dy-py) < 0.5 && i+1 < n {
				continue
			}
			c.line(px, py, dx, dy, col, st)
		default:
			if st != solid {
				c.line(dx, dy, dx, dy, col, st)
			} else {
				c.point(dx, dy, col)
			}
		}
		px, py, havePrev = dx, dy, true
	}
	return any
}

// lineRange returns the axis ranges of a line chart: the fixed ranges of d
// where Min < Max, else the extent of the finite data of d — of the ghost
// only while d has none, so a previous run on another scale never squashes
// the current one (the ghost is clipped instead) — with flat or empty
// ranges widened so that Min < Max always holds.
func lineRange(d, ghost *sim.PlotData) (xmin, xmax, ymin, ymax float64) {
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	fixX, fixY := d.XMin < d.XMax, d.YMin < d.YMax
	for _, p := range [2]*sim.PlotData{d, ghost} {
		if p == nil || (p == ghost && !math.IsInf(xmin, 1)) {
			continue
		}
		for i := range p.Series {
			s := &p.Series[i]
			n := min(len(s.X), len(s.Y))
			for j := 0; j < n; j++ {
				x, y := s.X[j], s.Y[j]
				if !finite(x) || !finite(y) {
					continue
				}
				if x < xmin {
					xmin = x
				}
				if x > xmax {
					xmax = x
				}
				if fixX && (x < d.XMin || x > d.XMax) {
					continue
				}
				if y < ymin {
					ymin = y
				}
				if y > ymax {
					ymax = y
				}
			}
		}
	}
	if fixX {
		xmin, xmax = d.XMin, d.XMax
	}
	if fixY {
		ymin, ymax = d.YMin, d.YMax
	}
	xmin, xmax = pad(xmin, xmax)
	ymin, ymax = pad(ymin, ymax)
	return
}

// pad widens a flat range around its value (by 10 % of it, or by 1 around
// zero) and replaces an empty or non-finite one by 0…1.
func pad(lo, hi float64) (float64, float64) {
	if !finite(lo) || !finite(hi) || lo > hi {
		return 0, 1
	}
	if lo < hi && finite(hi-lo) {
		return lo, hi
	}
	if lo < hi { // span overflows: halve it
		return lo / 2, hi / 2
	}
	p := math.Abs(lo) * 0.1
	if p == 0 || !finite(lo+p) {
		p = 1
	}
	if !(lo-p < lo+p) || !finite(lo-p) || !finite(lo+p) {
		return 0, 1
	}
	return lo - p, lo + p
}
