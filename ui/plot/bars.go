package plot

import (
	"math"
	"slices"
	"strconv"

	"github.com/neurotutor/neurotutor/sim"
)

// lowerBlocks[k] fills the lower k eighths of a cell.
var lowerBlocks = [9]rune{' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'}

// Bars draws d.Bars as vertical bars in eighth-block characters. Negative
// values hang below a zero line (to the nearest half cell). The scale runs
// from min(0, values) to d.BarMax when it is positive, else to max(0,
// values); a y axis shows it at nice numbers. Under the bars are
// d.BarLabels (or 1…n); the bar d.Marked (if in range) is drawn in
// Palette.Mark with "▲" under it. The ghost's bars (the previous run; may
// be nil) appear as thin marks at their heights above or below the bars.
// When there are more bars than columns, each column shows the bar of
// largest magnitude among those it covers.
func Bars(d *sim.PlotData, ghost *sim.PlotData, o Options) string {
	if s, small := tooSmall(o); small {
		return s
	}
	var gv []float64
	if ghost != nil {
		gv = ghost.Bars
	}
	top, bot := 0.0, 0.0
	for _, vs := range [2][]float64{d.Bars, gv} {
		for _, v := range vs {
			if finite(v) {
				top, bot = math.Max(top, v), math.Min(bot, v)
			}
		}
	}
	if d.BarMax > 0 && finite(d.BarMax) {
		top = d.BarMax
	}
	if top == 0 && bot == 0 {
		top = 1
	}
	if !(d.BarMax > 0) { // round an automatic top up to a labelled value
		if _, _, _, hi := autoTicks(bot, top, 4); hi > top {
			top = hi
		}
	}

	f := newFrame(o.Width, o.Height)
	axis, text := f.color(o.Palette.Axis), f.color(o.Palette.Text)
	// Lines: header, plot, labels; small heights drop the header first.
	hdr, labelRow, plot0 := 0, o.Height-1, 1
	switch {
	case o.Height < 3:
		hdr, labelRow, plot0 = -1, -1, 0
	case o.Height < 5:
		hdr, plot0 = -1, 0
	}
	ph := o.Height - plot0
	if labelRow >= 0 {
		ph--
	}
	// Split the plot lines into positive, zero line and negative.
	posRows, zero, negRows := ph, -1, 0
	if bot < 0 && ph >= 3 {
		avail := ph - 1
		posRows = int(math.Round(float64(avail) * top / (top - bot)))
		posRows = min(max(posRows, 1), avail-1)
		if top <= 0 {
			posRows = 0
		}
		zero, negRows = posRows, avail-posRows
	}
	posUnit := top / float64(8*max(posRows, 1)) // value per eighth
	negUnit := -bot / float64(8*max(negRows, 1))
	rowOf := func(v float64) int {
		switch {
		case v > 0:
			e := v / posUnit
			return posRows - 1 - int(math.Floor((e-1e-9)/8))
		case v < 0 && zero >= 0:
			e := -v / negUnit
			return zero + 1 + int(math.Floor((e-1e-9)/8))
		case zero >= 0:
			return zero
		}
		return ph - 1
	}
	ticks, step := niceTicks(bot, top, yTickCount(ph))
	if wholeNumbers(d.Bars) && step < 1 { // counts get whole-number ticks only
		ticks = slices.DeleteFunc(ticks, func(v float64) bool { return v != math.Round(v) })
		step = 1
	}
	if zero < 0 { // negative values are not drawn
		for len(ticks) > 0 && ticks[0] < 0 {
			ticks = ticks[1:]
		}
	}
	labels, lw := tickLabels(ticks, step)
	x0 := lw + 1
	if o.Width-x0 < 2 {
		x0 = 0
	}
	avail := o.Width - x0
	plotRows := rows{plot0: plot0, ph: ph, xtitle: -1}
	yAxis(f, plotRows, x0, ticks, labels, rowOf, axis)
	if zero >= 0 {
		for x := x0; x < o.Width; x++ {
			f.set(x, plot0+zero, '─', axis)
		}
		if x0 > 0 {
			f.set(x0-1, plot0+zero, '┼', axis)
		}
	}

	n := len(d.Bars)
	if n == 0 || avail < 1 {
		header(f, hdr, o.YLabel, nil, text)
		return f.String()
	}
	// Slots: one per bar, or one per column when bars outnumber columns.
	slots := min(n, avail)
	bw, gap := 1, 0
	if slots == n {
		if 2*n-1 <= avail {
			gap = 1
		}
		bw = min(max((avail+gap)/n-gap, 1), 8)
	}
	mark := f.color(o.Palette.Mark)
	ghostCol := f.color(o.Palette.Ghost)
	lastEnd := 0
	for s := 0; s < slots; s++ {
		lo, hi := s*n/slots, (s+1)*n/slots
		i := largest(d.Bars, lo, hi)
		v := d.Bars[i]
		marked := d.Marked >= lo && d.Marked < hi
		col := f.color(o.Palette.series(0))
		if marked && o.Palette.Mark != nil {
			col = mark
		}
		x := x0 + s*(bw+gap)
		for k := 0; k < bw; k++ {
			drawBar(f, x+k, plot0, posRows, zero, negRows, v, posUnit, negUnit, col)
		}
		if len(gv) > 0 {
			if g := largest(gv, min(lo, len(gv)), min(hi, len(gv))); g < len(gv) {
				for k := 0; k < bw; k++ {
					drawGhostMark(f, x+k, plot0, posRows, zero, negRows, gv[g], posUnit, negUnit, ghostCol)
				}
			}
		}
		if labelRow < 0 {
			continue
		}
		l := strconv.Itoa(i + 1)
		if i < len(d.BarLabels) && d.BarLabels[i] != "" {
			l = d.BarLabels[i]
		}
		lc := text
		if marked {
			l, lc = "▲"+l, mark
			if textWidth(l) > bw+gap {
				l = "▲"
			}
		}
		w := textWidth(l)
		lx := max(x+(bw-w)/2, 0)
		if marked && lx < lastEnd { // the marker wins over a neighbour
			for c := lx; c < lastEnd; c++ {
				f.set(c, labelRow, ' ', 0)
			}
		} else if lx < lastEnd || lx+w > o.Width {
			continue
		}
		lastEnd = f.text(lx, labelRow, l, lc, o.Width) + 1
	}
	var items []legendItem
	if len(gv) > 0 {
		items = append(items, legendItem{'─', "previous run", o.Palette.Ghost})
	}
	header(f, hdr, o.YLabel, items, text)
	return f.String()
}

// largest returns the index in lo…hi−1 of the value of largest magnitude
// (NaN counts as 0), or lo when the range is empty.
func largest(v []float64, lo, hi int) int {
	best, bi := -1.0, lo
	for i := lo; i < hi; i++ {
		a := math.Abs(v[i])
		if !finite(a) {
			a = 0
		}
		if a > best {
			best, bi = a, i
		}
	}
	return bi
}

// drawBar draws column x of a bar of value v. Positive bars grow up from
// the bottom of the posRows positive lines in eighths; negative bars hang
// below the zero line into the negRows lines under it, in half cells.
func drawBar(f *frame, x, plot0, posRows, zero, negRows int, v, posUnit, negUnit float64, col uint8) {
	if !finite(v) || v == 0 {
		return
	}
	if v > 0 {
		e := min(int(math.Round(v/posUnit)), 8*posRows)
		for y := posRows - 1; e > 0 && y >= 0; y-- {
			f.set(x, plot0+y, lowerBlocks[min(e, 8)], col)
			e -= 8
		}
		return
	}
	if zero < 0 {
		return
	}
	e := min(int(math.Round(-v/negUnit)), 8*negRows)
	for y := zero + 1; e > 0; y++ {
		r := '█'
		switch {
		case e <= 2:
			r = '▔'
		case e <= 6:
			r = '▀'
		}
		f.set(x, plot0+y, r, col)
		e -= 8
	}
}

// drawGhostMark draws a thin mark in column x at the level of the ghost
// value g, where that cell is still empty.
func drawGhostMark(f *frame, x, plot0, posRows, zero, negRows int, g, posUnit, negUnit float64, col uint8) {
	if !finite(g) || g == 0 {
		return
	}
	var y int
	var r rune
	if g > 0 {
		e := min(int(math.Round(g/posUnit)), 8*posRows)
		if e == 0 {
			return
		}
		y = posRows - 1 - (e-1)/8
		switch k := e % 8; { // level in eighths from the cell's bottom
		case k == 0 || k >= 6:
			r = '▔'
		case k <= 2:
			r = '▁'
		default:
			r = '─'
		}
	} else {
		if zero < 0 {
			return
		}
		e := min(int(math.Round(-g/negUnit)), 8*negRows)
		if e == 0 {
			return
		}
		y = zero + 1 + (e-1)/8
		switch k := e % 8; { // level in eighths from the cell's top
		case k == 0 || k >= 6:
			r = '▁'
		case k <= 2:
			r = '▔'
		default:
			r = '─'
		}
	}
	if f.at(x, plot0+y) != ' ' {
		return
	}
	f.set(x, plot0+y, r, col)
}

// wholeNumbers reports whether every finite value of xs is an integer, as
// with spike counts.
func wholeNumbers(xs []float64) bool {
	for _, x := range xs {
		if !math.IsInf(x, 0) && !math.IsNaN(x) && x != math.Round(x) {
			return false
		}
	}
	return len(xs) > 0
}
