package plot

import "image/color"

// rows says which lines of a chart hold what; −1 marks a line left out.
// Small heights drop the axis line first, then the header, then the tick
// labels, so the plot itself always keeps at least one line.
type rows struct {
	header    int // axis title and legend
	plot0, ph int // first plot line and number of plot lines
	axis      int // the x axis line └──┬──
	ticks     int // x tick labels and the x axis title
	xtitle    int // the x axis title when it has a line of its own
}

// splitRows lays out h lines.
func splitRows(h int) rows {
	switch {
	case h >= 6:
		return rows{header: 0, plot0: 1, ph: h - 3, axis: h - 2, ticks: h - 1, xtitle: -1}
	case h == 5:
		return rows{header: 0, plot0: 1, ph: 3, axis: -1, ticks: 4, xtitle: -1}
	case h == 4:
		return rows{header: 0, plot0: 1, ph: 2, axis: -1, ticks: 3, xtitle: -1}
	case h == 3:
		return rows{header: -1, plot0: 0, ph: 2, axis: -1, ticks: 2, xtitle: -1}
	}
	return rows{header: -1, plot0: 0, ph: max(h, 1), axis: -1, ticks: -1, xtitle: -1}
}

// titledRows lays out h ≥ 6 lines with the x axis title on the last line,
// under the tick labels.
func titledRows(h int) rows {
	return rows{header: 0, plot0: 1, ph: h - 4, axis: h - 3, ticks: h - 2, xtitle: h - 1}
}

// yTickCount is how many y ticks to aim for on ph plot lines.
func yTickCount(ph int) int { return min(4, max(2, ph)) }

// xTickCount is how many x ticks to aim for on pw plot columns.
func xTickCount(pw int) int { return min(6, max(2, pw/10)) }

// tickLabels formats ticks spaced step apart and returns the widest label.
func tickLabels(ticks []float64, step float64) ([]string, int) {
	labels := make([]string, len(ticks))
	w := 0
	for i, t := range ticks {
		labels[i] = fmtTick(t, step)
		w = max(w, textWidth(labels[i]))
	}
	return labels, w
}

// yAxis draws the y axis in column x0−1 of the plot lines: "│" with "┤" at
// each tick and the tick labels right-aligned before it. rowOf maps a value
// to a plot line (0 = top) or −1; two ticks on one line keep the first.
func yAxis(f *frame, r rows, x0 int, ticks []float64, labels []string, rowOf func(float64) int, axis uint8) {
	if x0 < 1 {
		return
	}
	for y := 0; y < r.ph; y++ {
		f.set(x0-1, r.plot0+y, '│', axis)
	}
	used := -1
	for i, t := range ticks {
		y := rowOf(t)
		if y < 0 || y >= r.ph || y == used {
			continue
		}
		used = y
		f.set(x0-1, r.plot0+y, '┤', axis)
		l := labels[i]
		f.text(x0-1-textWidth(l), r.plot0+y, l, axis, x0-1)
	}
}

// xAxis draws the x axis line (when r.axis ≥ 0) with "┬" at each tick, and
// the tick labels centred under the ticks (when r.ticks ≥ 0) with the axis
// title right-aligned after them if it fits. colOf maps a value to a plot
// column (0 = left) or −1. Labels that would collide are skipped.
func xAxis(f *frame, r rows, x0, pw int, ticks []float64, labels []string, colOf func(float64) int, title string, axis, text uint8) {
	if r.axis >= 0 {
		if x0 >= 1 {
			f.set(x0-1, r.axis, '└', axis)
		}
		for x := 0; x < pw; x++ {
			f.set(x0+x, r.axis, '─', axis)
		}
		for _, t := range ticks {
			if c := colOf(t); c >= 0 && c < pw {
				f.set(x0+c, r.axis, '┬', axis)
			}
		}
	}
	if r.ticks < 0 {
		return
	}
	limit := f.w
	tw := textWidth(title)
	switch {
	case r.xtitle >= 0:
		f.text(max(0, f.w-tw), r.xtitle, title, text, f.w)
		title = ""
	case title != "" && tw+8 <= pw:
		limit = f.w - tw - 1
	default:
		title = ""
	}
	next := 0 // first free column
	lastEnd := 0
	for i, t := range ticks {
		c := colOf(t)
		if c < 0 || c >= pw {
			continue
		}
		l := labels[i]
		w := textWidth(l)
		x := x0 + c - w/2
		if x < 0 {
			x = 0
		}
		if x < next || x+w > limit {
			continue
		}
		lastEnd = f.text(x, r.ticks, l, axis, limit)
		next = lastEnd + 1
	}
	if title != "" && f.w-tw > lastEnd {
		f.text(f.w-tw, r.ticks, title, text, f.w)
	}
}

// legendItem is one entry of a legend line.
type legendItem struct {
	mark  rune
	name  string
	color color.Color
}

// header writes the y axis title and then the legend entries on line y,
// each a mark and a name in the entry's colour (the text colour if none),
// leaving out entries that do not fit whole.
func header(f *frame, y int, title string, items []legendItem, text uint8) {
	if y < 0 {
		return
	}
	x := 0
	if title != "" {
		x = f.text(0, y, truncate(title, f.w), text, f.w)
	}
	for _, it := range items {
		if it.name == "" {
			continue
		}
		gap := 2
		if x == 0 {
			gap = 0
		}
		w := 2 + textWidth(it.name)
		if x+gap+w > f.w {
			if x == 0 {
				w = f.w
			} else {
				return
			}
		}
		x += gap
		c := f.color(it.color)
		f.set(x, y, it.mark, c)
		if c == 0 {
			c = text
		}
		x = f.text(x+2, y, it.name, c, f.w)
	}
}
