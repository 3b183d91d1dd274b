package plot

import (
	"math"
	"strconv"

	"github.com/neurotutor/neurotutor/sim"
)

// Raster draws a spike raster: one braille dot per spike, rows
// 0…d.Rows−1 from top to bottom and time d.T0…d.T1 from left to right.
// With more rows than dot lines (4 per text line) several rows share a dot
// line; with fewer, rows are spread evenly. Spikes outside the window or
// in no row are left out. When T0 ≥ T1 the window follows the spike times.
// The y axis labels row numbers, the x axis time with o.XLabel, and the
// first line shows o.YLabel and the spike count.
func Raster(d *sim.PlotData, o Options) string {
	if s, small := tooSmall(o); small {
		return s
	}
	t0, t1 := d.T0, d.T1
	if !(t0 < t1) || !finite(t1-t0) {
		t0, t1 = math.Inf(1), math.Inf(-1)
		for _, t := range d.SpikeT {
			if finite(t) {
				t0, t1 = math.Min(t0, t), math.Max(t1, t)
			}
		}
		t0, t1 = pad(t0, t1)
	}
	nrows := d.Rows
	if nrows < 1 {
		for _, r := range d.SpikeRow {
			nrows = max(nrows, r+1)
		}
		nrows = max(nrows, 1)
	}

	f := newFrame(o.Width, o.Height)
	r := splitRows(o.Height)
	axis, text := f.color(o.Palette.Axis), f.color(o.Palette.Text)

	dh := 4 * r.ph
	dotRow := func(row int) int { // dot line of a raster row
		return int((float64(row) + 0.5) * float64(dh) / float64(nrows))
	}
	rowOf := func(v float64) int { return dotRow(int(v)) / 4 }
	yt, ystep := niceTicks(0, float64(nrows-1), yTickCount(r.ph))
	if ystep < 1 { // rows are whole numbers
		yt, ystep = []float64{0}, 1
		if nrows > 1 {
			yt = append(yt, float64(nrows-1))
		}
	}
	ylabels, lw := tickLabels(yt, ystep)
	x0 := lw + 1
	if o.Width-x0 < 4 {
		x0 = 0
	}
	pw := o.Width - x0
	c := newCanvas(pw, r.ph)
	sx := float64(c.dw) / (t1 - t0)
	colOf := func(t float64) int {
		x := int((t - t0) * sx)
		return min(x, c.dw-1) / 2
	}

	col := f.color(o.Palette.series(0))
	n := min(len(d.SpikeT), len(d.SpikeRow))
	shown := 0
	for i := 0; i < n; i++ {
		t, row := d.SpikeT[i], d.SpikeRow[i]
		if row < 0 || row >= nrows || !(t >= t0 && t <= t1) {
			continue
		}
		x := min(int((t-t0)*sx), c.dw-1)
		c.dot(x, dotRow(row), col)
		shown++
	}
	c.draw(f, x0, r.plot0)

	yAxis(f, r, x0, yt, ylabels, rowOf, axis)
	xt, xstep := niceTicks(t0, t1, xTickCount(pw))
	xlabels, _ := tickLabels(xt, xstep)
	xAxis(f, r, x0, pw, xt, xlabels, colOf, o.XLabel, axis, text)
	header(f, r.header, o.YLabel, []legendItem{{'⠿', spikeCount(shown), o.Palette.series(0)}}, text)
	return f.String()
}

// spikeCount is "1 spike" or "n spikes".
func spikeCount(n int) string {
	if n == 1 {
		return "1 spike"
	}
	return strconv.Itoa(n) + " spikes"
}
