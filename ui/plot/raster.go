package plot

import (
	"fmt"
	"math"
	"strconv"

	"github.com/neurotutor/neurotutor/sim"
)

// Raster draws a spike raster: one braille dot per spike, rows
// 0…d.Rows−1 from top to bottom and time d.T0…d.T1 from left to right.
// Every row shown has a dot line of its own, so a raster never shows more
// rows than it has dot lines (four per text line): with more, an evenly
// spaced subset is drawn and the header says so ("20 of 50 rows, evenly
// spaced"); with fewer, rows are spread evenly. Spikes outside the window
// or in no row are left out. When T0 ≥ T1 the window follows the spike
// times. The y axis labels rows by d.RowLabels when given (one text line
// per row), else by number; the x axis shows time with o.XLabel, and the
// first line o.YLabel and the spike count.
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
	shown := min(nrows, dh) // rows drawn, one dot line each at most
	// slot maps a data row to its place among the rows shown (−1 for a
	// row left out), and dotRow a place to its dot line.
	slot := func(row int) int {
		if shown == nrows {
			return row
		}
		s := int(math.Round(float64(row) * float64(shown-1) / float64(nrows-1)))
		if pick(s, shown, nrows) != row {
			return -1
		}
		return s
	}
	dotRow := func(s int) int { return int((float64(s) + 0.5) * float64(dh) / float64(shown)) }
	rowOf := func(v float64) int { return dotRow(slot(int(v))) / 4 }

	var yt []float64
	var ylabels []string
	lw := 0
	if labelled := len(d.RowLabels) >= nrows && nrows <= r.ph; labelled {
		for row := range nrows {
			yt = append(yt, float64(row))
			ylabels = append(ylabels, d.RowLabels[row])
			lw = max(lw, textWidth(d.RowLabels[row]))
		}
	} else {
		yt, ylabels, lw = rowTicks(nrows, shown, r.ph)
	}
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
	count := 0
	for i := 0; i < n; i++ {
		t, row := d.SpikeT[i], d.SpikeRow[i]
		if row < 0 || row >= nrows || !(t >= t0 && t <= t1) {
			continue
		}
		s := slot(row)
		if s < 0 {
			continue
		}
		x := min(int((t-t0)*sx), c.dw-1)
		c.dot(x, dotRow(s), col)
		count++
	}
	c.draw(f, x0, r.plot0)

	yAxis(f, r, x0, yt, ylabels, rowOf, axis)
	xt, xstep := niceTicks(t0, t1, xTickCount(pw))
	xlabels, _ := tickLabels(xt, xstep)
	xAxis(f, r, x0, pw, xt, xlabels, colOf, o.XLabel, axis, text)
	items := []legendItem{{'⠿', spikeCount(count), o.Palette.series(0)}}
	if shown < nrows { // the longest note that fits
		w := o.Width - textWidth(o.YLabel) - 4 - textWidth(items[0].name) - 4
		note := fmt.Sprintf("%d of %d rows shown, evenly spaced", shown, nrows)
		if textWidth(note) > w {
			note = fmt.Sprintf("%d of %d rows", shown, nrows)
		}
		items = append(items, legendItem{'⋮', note, nil})
	}
	header(f, r.header, o.YLabel, items, text)
	return f.String()
}

// pick is the data row shown in place s of shown places out of nrows rows:
// evenly spaced, first and last included.
func pick(s, shown, nrows int) int {
	if shown <= 1 {
		return 0
	}
	return int(math.Round(float64(s) * float64(nrows-1) / float64(shown-1)))
}

// rowTicks numbers a few of the rows shown, near nice row numbers (a
// subset labels the row it shows nearest each), and returns them, their
// labels and the widest label.
func rowTicks(nrows, shown, ph int) ([]float64, []string, int) {
	nice, step := niceTicks(0, float64(nrows-1), yTickCount(ph))
	if step < 1 { // rows are whole numbers
		nice = []float64{0}
		if nrows > 1 {
			nice = append(nice, float64(nrows-1))
		}
	}
	var yt []float64
	var labels []string
	w := 0
	for _, v := range nice {
		row := int(v)
		if shown < nrows && shown > 1 {
			row = pick(int(math.Round(v*float64(shown-1)/float64(nrows-1))), shown, nrows)
		}
		if len(yt) > 0 && yt[len(yt)-1] == float64(row) {
			continue
		}
		l := strconv.Itoa(row)
		yt, labels, w = append(yt, float64(row)), append(labels, l), max(w, len(l))
	}
	return yt, labels, w
}

// spikeCount is "1 spike" or "n spikes".
func spikeCount(n int) string {
	if n == 1 {
		return "1 spike"
	}
	return strconv.Itoa(n) + " spikes"
}
