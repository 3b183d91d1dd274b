package plot

import (
	"math"
	"strconv"
	"strings"

	"github.com/neurotutor/neurotutor/sim"
)

// Summary describes a plot in one line of plain text, for screen readers
// and --plain output. It starts with title (or the kind's name) and then:
//
//	trace, xy  per series "V: −65 → +38 mV (min −70, max 38)": first and
//	           last finite value, then the range
//	raster     "12 rows, 48 spikes over 0–500 ms"
//	bars       "0.1, 7.9, 0 (max at 2)": the values (or their count and
//	           range when there are more than 12), the largest by label
//	grid       per grid "W 8×8: min −1, max 1"; more than 8 untitled
//	           grids of one size as "64 grids 8×8: min −1, max 1"
//
// unit follows the values (the time unit of a raster is always ms).
func Summary(kind sim.PlotKind, title string, d *sim.PlotData, unit string) string {
	head := title
	if head == "" {
		head = kind.String()
	}
	var b strings.Builder
	b.WriteString(head)
	b.WriteString(": ")
	if d == nil {
		b.WriteString("no data")
		return b.String()
	}
	u := ""
	if unit != "" {
		u = " " + unit
	}
	switch kind {
	case sim.PlotTrace, sim.PlotXY:
		summarySeries(&b, d, u)
	case sim.PlotRaster:
		summaryRaster(&b, d)
	case sim.PlotBars:
		summaryBars(&b, d, u)
	case sim.PlotGrid:
		summaryGrids(&b, d, u)
	default:
		b.WriteString("no data")
	}
	return b.String()
}

func summarySeries(b *strings.Builder, d *sim.PlotData, u string) {
	if len(d.Series) == 0 {
		b.WriteString("no data")
		return
	}
	for i := range d.Series {
		s := &d.Series[i]
		if i > 0 {
			b.WriteString("; ")
		}
		name := s.Name
		if name == "" {
			name = "series " + strconv.Itoa(i+1)
		}
		b.WriteString(name)
		b.WriteString(": ")
		first, last := math.NaN(), math.NaN()
		lo, hi := math.Inf(1), math.Inf(-1)
		n := 0
		for j := 0; j < min(len(s.X), len(s.Y)); j++ {
			y := s.Y[j]
			if !finite(y) || !finite(s.X[j]) {
				continue
			}
			if n == 0 {
				first = y
			}
			last = y
			if y < lo {
				lo = y
			}
			if y > hi {
				hi = y
			}
			n++
		}
		if n == 0 {
			b.WriteString("no data")
			continue
		}
		if s.Points && n == 1 {
			b.WriteString("1 point at ")
			b.WriteString(fmtNum(lo))
			b.WriteString(u)
			continue
		}
		if s.Points {
			b.WriteString(strconv.Itoa(n))
			b.WriteString(" points, ")
			b.WriteString(fmtNum(lo))
			b.WriteString(" to ")
			b.WriteString(fmtNum(hi))
			b.WriteString(u)
			continue
		}
		f, l := fmtNum(first), fmtNum(last)
		if lo < 0 && hi > 0 { // sign matters: show it on both ends
			f, l = signed(first), signed(last)
		}
		b.WriteString(f)
		b.WriteString(" → ")
		b.WriteString(l)
		b.WriteString(u)
		b.WriteString(" (min ")
		b.WriteString(fmtNum(lo))
		b.WriteString(", max ")
		b.WriteString(fmtNum(hi))
		b.WriteString(")")
	}
}

func summaryRaster(b *strings.Builder, d *sim.PlotData) {
	n := min(len(d.SpikeT), len(d.SpikeRow))
	b.WriteString(strconv.Itoa(d.Rows))
	if d.Rows == 1 {
		b.WriteString(" row, ")
	} else {
		b.WriteString(" rows, ")
	}
	b.WriteString(spikeCount(n))
	b.WriteString(" over ")
	b.WriteString(fmtNum(d.T0))
	b.WriteString("–")
	b.WriteString(fmtNum(d.T1))
	b.WriteString(" ms")
}

func summaryBars(b *strings.Builder, d *sim.PlotData, u string) {
	n := len(d.Bars)
	if n == 0 {
		b.WriteString("no data")
		return
	}
	label := func(i int) string {
		if i < len(d.BarLabels) && d.BarLabels[i] != "" {
			return d.BarLabels[i]
		}
		return strconv.Itoa(i + 1)
	}
	imax := -1
	lo := math.Inf(1)
	for i, v := range d.Bars {
		if !finite(v) {
			continue
		}
		if imax < 0 || v > d.Bars[imax] {
			imax = i
		}
		lo = math.Min(lo, v)
	}
	if n <= 12 {
		for i, v := range d.Bars {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(fmtNum(v))
		}
		b.WriteString(u)
	} else {
		b.WriteString(strconv.Itoa(n))
		b.WriteString(" bars")
		if imax >= 0 {
			b.WriteString(", ")
			b.WriteString(fmtNum(lo))
			b.WriteString(" to ")
			b.WriteString(fmtNum(d.Bars[imax]))
			b.WriteString(u)
		}
	}
	if imax >= 0 {
		b.WriteString(" (max at ")
		b.WriteString(label(imax))
		if d.Marked >= 0 && d.Marked < n && d.Marked != imax {
			b.WriteString(", marked ")
			b.WriteString(label(d.Marked))
		}
		b.WriteString(")")
	}
}

func summaryGrids(b *strings.Builder, d *sim.PlotData, u string) {
	if len(d.Grids) == 0 {
		b.WriteString("no data")
		return
	}
	if gallery(d) {
		g := &d.Grids[0]
		lo, hi := math.Inf(1), math.Inf(-1)
		for i := range d.Grids {
			for _, v := range d.Grids[i].V {
				if finite(v) {
					lo, hi = math.Min(lo, v), math.Max(hi, v)
				}
			}
		}
		b.WriteString(strconv.Itoa(len(d.Grids)) + " grids " + strconv.Itoa(g.Rows) + "×" + strconv.Itoa(g.Cols))
		if lo > hi {
			b.WriteString(": no data")
			return
		}
		b.WriteString(": min " + fmtNum(lo) + ", max " + fmtNum(hi) + u)
		return
	}
	for i := range d.Grids {
		g := &d.Grids[i]
		if i > 0 {
			b.WriteString("; ")
		}
		if g.Title != "" {
			b.WriteString(g.Title)
			b.WriteString(" ")
		}
		b.WriteString(strconv.Itoa(g.Rows))
		b.WriteString("×")
		b.WriteString(strconv.Itoa(g.Cols))
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, v := range g.V {
			if finite(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
		if lo > hi {
			b.WriteString(": no data")
			continue
		}
		b.WriteString(": min ")
		b.WriteString(fmtNum(lo))
		b.WriteString(", max ")
		b.WriteString(fmtNum(hi))
		b.WriteString(u)
	}
}

// gallery reports whether d holds more than 8 untitled grids of one size,
// summarised together.
func gallery(d *sim.PlotData) bool {
	if len(d.Grids) <= 8 {
		return false
	}
	for i := range d.Grids {
		g := &d.Grids[i]
		if g.Title != "" || g.Rows != d.Grids[0].Rows || g.Cols != d.Grids[0].Cols {
			return false
		}
	}
	return true
}
