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
// span the data of d (the ghost is clipped to them), at least o.MinSpan
// tall; flat data are padded. The y axis carries 3–4 ticks at nice
// numbers, the x axis its own ticks and o.XLabel (on a line of its own
// when it would hide a tick), and the first line o.YLabel and a legend of
// the series names ("┈ previous run" for a ghost).
//
// Without colour (Palette.Series empty) each series has its own dash
// pattern (━ ╍ ┅ ┉) or point shape, shown in the legend, and the ghost a
// sparser dotting, so that series stay apart under NO_COLOR. A Square
// chart is a picture: equal scales, no axes, centred.
func Line(d *sim.PlotData, ghost *sim.PlotData, o Options) string {
	if s, small := tooSmall(o); small {
		return s
	}
	xmin, xmax, ymin, ymax := lineRange(d, ghost)
	if !(d.YMin < d.YMax) {
		ymin, ymax = floorSpan(ymin, ymax, o.MinSpan)
	}
	if !(d.XMin < d.XMax) {
		xmin, xmax = floorSpan(xmin, xmax, 0)
	}
	f := newFrame(o.Width, o.Height)
	axis, text := f.color(o.Palette.Axis), f.color(o.Palette.Text)
	var l lineLayout
	if o.Square {
		l = squareLayout(o, xmin, xmax, ymin, ymax)
	} else {
		l = axesLayout(o, splitRows(o.Height), d.YMin < d.YMax, xmin, xmax, ymin, ymax)
		if !l.titleFits && o.XLabel != "" && o.Height >= 10 { // the title gets its own line, five data rows kept
			l = axesLayout(o, titledRows(o.Height), d.YMin < d.YMax, xmin, xmax, ymin, ymax)
		}
	}
	xmin, xmax, ymin, ymax = l.xmin, l.xmax, l.ymin, l.ymax
	r := l.r
	c := newCanvas(l.pw, r.ph)
	dh := 4*r.ph - 1
	sx := float64(c.dw-1) / (xmax - xmin)
	sy := float64(dh) / (ymax - ymin)

	plain := len(o.Palette.Series) == 0
	var items []legendItem
	if ghost != nil {
		g, gd := f.color(o.Palette.Ghost), ghostDot
		if plain {
			gd = ghostSparse
		}
		drawn := false
		for i := range ghost.Series {
			drawn = drawSeries(c, &ghost.Series[i], xmin, ymax, sx, sy, g, gd, 0) || drawn
		}
		if drawn {
			items = append(items, legendItem{'┈', "previous run", o.Palette.Ghost})
		}
	}
	var legend []legendItem
	lines, points := 0, 0 // series of each kind so far, for their styles
	for i := range d.Series {
		s := &d.Series[i]
		col := o.Palette.series(i)
		style, mark := solid, '━'
		shape := 0
		switch {
		case s.Points && plain:
			shape, mark = points%len(pointMarks), pointMarks[points%len(pointMarks)]
			points++
		case s.Points:
			mark = '•'
		case s.Dash != sim.DashNone: // the model's own stroke, in colour too
			k := int(s.Dash) % len(dashes) // DashLong, DashShort: the next two
			style, mark = dashes[k], marks[k]
			lines++
		case plain:
			style, mark = dashes[lines%len(dashes)], marks[lines%len(marks)]
			lines++
		}
		drawSeries(c, s, xmin, ymax, sx, sy, f.color(col), style, shape)
		legend = append(legend, legendItem{mark, s.Name, col})
	}
	c.draw(f, l.x0, r.plot0)

	if !o.Square {
		rowOf := func(v float64) int {
			return int(math.Round((ymax-v)/(ymax-ymin)*float64(dh))) / 4
		}
		colOf := func(v float64) int {
			return int(math.Round((v-xmin)*sx)) / 2
		}
		yAxis(f, r, l.x0, l.yt, l.ylabels, rowOf, axis)
		xAxis(f, r, l.x0, l.pw, l.xt, l.xlabels, colOf, o.XLabel, axis, text)
	}
	header(f, r.header, o.YLabel, append(legend, items...), text)
	return f.String()
}

// pointMarks picture the point shapes of series drawn as dots without
// colour: a dot, a 2×2 square, a vertical pair.
var pointMarks = [...]rune{'•', '▪', '⁚'}

// lineLayout is where a line chart's parts go.
type lineLayout struct {
	r                      rows
	x0, pw                 int // first plot column and plot width, cells
	xmin, xmax, ymin, ymax float64
	yt, xt                 []float64
	ylabels, xlabels       []string
	titleFits              bool // the x title fits on the tick line
}

// axesLayout lays out a chart with axes in the rows r.
func axesLayout(o Options, r rows, fixedY bool, xmin, xmax, ymin, ymax float64) lineLayout {
	l := lineLayout{r: r, xmin: xmin, xmax: xmax, ymin: ymin, ymax: ymax}
	var ystep float64
	if fixedY {
		l.yt, ystep = niceTicks(ymin, ymax, yTickCount(r.ph))
	} else {
		l.yt, ystep, l.ymin, l.ymax = autoTicks(ymin, ymax, yTickCount(r.ph))
	}
	var lw int
	l.ylabels, lw = tickLabels(l.yt, ystep)
	l.x0 = lw + 1
	if o.Width-l.x0 < 4 {
		l.x0 = 0
	}
	l.pw = o.Width - l.x0
	xt, xstep := niceTicks(xmin, xmax, xTickCount(l.pw))
	l.xt = xt
	l.xlabels, _ = tickLabels(xt, xstep)
	l.titleFits = r.xtitle >= 0 || titleFits(o.Width, l.x0, l.pw, xmin, xmax, xt, l.xlabels, o.XLabel)
	return l
}

// squareLayout lays out a picture: equal scales on both axes, every line
// but the legend's for the drawing, centred across the width.
func squareLayout(o Options, xmin, xmax, ymin, ymax float64) lineLayout {
	r := rows{header: 0, plot0: 1, ph: o.Height - 1, axis: -1, ticks: -1, xtitle: -1}
	if o.Height < 4 {
		r = rows{header: -1, plot0: 0, ph: o.Height, axis: -1, ticks: -1, xtitle: -1}
	}
	pw := o.Width
	// A cell is two dots wide and four tall.
	if want := int(math.Round(float64(4*r.ph) * (xmax - xmin) / (ymax - ymin) / 2)); want >= 4 && want < pw {
		pw = want
	}
	return lineLayout{r: r, x0: (o.Width - pw) / 2, pw: pw, xmin: xmin, xmax: xmax, ymin: ymin, ymax: ymax, titleFits: true}
}

// titleFits reports whether the x axis title fits to the right of every
// tick label on the tick line.
func titleFits(w, x0, pw int, xmin, xmax float64, ticks []float64, labels []string, title string) bool {
	if title == "" {
		return true
	}
	tw := textWidth(title)
	if tw+8 > pw {
		return false
	}
	sx := float64(2*pw-1) / (xmax - xmin)
	end := 0
	for i, t := range ticks {
		c := int(math.Round((t-xmin)*sx)) / 2
		lw := textWidth(labels[i])
		x := max(0, x0+c-lw/2)
		if c < 0 || c >= pw || x+lw > w { // not drawn, title or not
			continue
		}
		end = max(end, x+lw)
	}
	return end < w-tw
}

// drawSeries draws one series on c, mapping x to dots by (x−xmin)·sx and y
// by (ymax−y)·sy: a line in the dash d, or points of the given shape
// (0 a dot, 1 a 2×2 square, 2 a vertical pair). It reports whether the
// series had any finite point.
func drawSeries(c *canvas, s *sim.Series, xmin, ymax, sx, sy float64, col uint8, d dash, shape int) bool {
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
			switch shape {
			case 1:
				c.point(dx+1, dy, col)
				c.point(dx, dy+1, col)
				c.point(dx+1, dy+1, col)
			case 2:
				c.point(dx, dy+1, col)
			}
		case havePrev:
			// Skip zero-length segments inside one dot: dense traces have
			// many samples per dot column.
			if math.Abs(dx-px) < 0.5 && math.Abs(dy-py) < 0.5 && i+1 < n {
				continue
			}
			c.line(px, py, dx, dy, col, d)
		default:
			c.line(dx, dy, dx, dy, col, d)
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

// relSpan is the least span of an automatic axis relative to its largest
// value: finer detail is rounding noise, not signal.
const relSpan = 1e-3

// floorSpan widens lo…hi about its middle to span at least min, and at
// least relSpan of its largest magnitude.
func floorSpan(lo, hi, min float64) (float64, float64) {
	need := math.Max(min, relSpan*math.Max(math.Abs(lo), math.Abs(hi)))
	if span := hi - lo; !(span < need) || !finite(need) {
		return lo, hi
	}
	mid := lo/2 + hi/2
	return mid - need/2, mid + need/2
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
