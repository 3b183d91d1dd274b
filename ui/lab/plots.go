package lab

import (
	"fmt"
	"strings"

	"github.com/neurotutor/neurotutor/sim"
	"github.com/neurotutor/neurotutor/ui/plot"
)

// minPlotLines is the fewest lines plot i is drawn in, its title
// included, for it to be read: a line chart, bars or a raster keep five
// rows of data with their legend and x axis (a raster of a few named rows
// needs one line per row); heat grids and square pictures need more, and a
// gallery of tiles most. When
// not every plot gets its minimum, fewer are shown and v pages through
// them.
func (m *Model) minPlotLines(i int) int {
	p := m.plots[i]
	switch {
	case p.Gallery:
		return 16
	case p.Kind == sim.PlotGrid:
		return 11
	case p.Square:
		return 14
	}
	return min(9, m.maxPlotLines(i))
}

// maxPlotLines is the most lines plot i can use: a raster of up to four
// rows draws each on one text line (title, legend, rows, axis, ticks), a
// bar chart its MaxRows (title, legend, rows, labels); other plots use
// what they get.
func (m *Model) maxPlotLines(i int) int {
	p, d := m.plots[i], &m.data[i]
	switch {
	case p.Kind == sim.PlotRaster && d.Rows > 0 && d.Rows <= 4:
		return d.Rows + 4
	case p.Kind == sim.PlotBars && p.MaxRows > 0:
		return p.MaxRows + 3
	}
	return 1 << 20
}

// plotWeight is the share of the spare height a plot asks for: images and
// square pictures gain more from rows than a line does.
func plotWeight(p sim.PlotSpec) int {
	switch {
	case p.Square:
		return 4
	case p.Kind == sim.PlotGrid:
		return 3
	}
	return 2
}

// minPlotHeight is the height the first plot of the current page needs,
// 0 without plots.
func (m Model) minPlotHeight() int {
	if len(m.plots) == 0 {
		return 0
	}
	return m.minPlotLines(min(m.firstPlot, len(m.plots)-1))
}

// page is the plots that fit in h lines from firstPlot on, at least one:
// plots firstPlot…end−1. Pages do not wrap around, so the pager's label
// names exactly the plots on screen.
func (m *Model) page(h int) (end int) {
	used := 0
	end = m.firstPlot
	for end < len(m.plots) {
		need := m.minPlotLines(end)
		if end > m.firstPlot && used+need > h {
			break
		}
		used += need
		end++
	}
	return end
}

// nextPage moves the plot pager on, back to the first plot after the last
// page.
func (m *Model) nextPage() {
	m.firstPlot = m.pageEnd
	if m.firstPlot >= len(m.plots) {
		m.firstPlot = 0
	}
}

// plotLines fills the plot data and renders the plots of the current page
// in h lines.
func (m *Model) plotLines(h int) []string {
	if m.firstPlot >= len(m.plots) {
		m.firstPlot = 0
	}
	if h < 3 || len(m.plots) == 0 {
		m.pageEnd = len(m.plots)
		return nil
	}
	end := m.page(h)
	m.pageEnd = end
	paged := m.firstPlot > 0 || end < len(m.plots)
	m.keys.Plots.SetEnabled(paged)
	heights := m.plotHeights(h, m.firstPlot, end)
	var out []string
	for i := m.firstPlot; i < end; i++ {
		spec := m.plots[i]
		d := &m.data[i]
		if key := (fillKey{m.gen + 1, m.run.Steps()}); m.filled[i] != key { // gen+1: the zero key is no fill
			if m.guard(func() { m.run.FillPlot(spec, d) }) {
				m.filled[i] = key
			}
		}
		ghost := m.ghostFor(i, d)
		title := m.theme.Subtle.Render(spec.Title)
		if paged && i == m.firstPlot {
			shown := fmt.Sprint(m.firstPlot + 1)
			if end-m.firstPlot > 1 {
				shown += fmt.Sprintf("–%d", end)
			}
			title = m.theme.Subtle.Render(fmt.Sprintf("[v: plot %s/%d] ", shown, len(m.plots))) + title
		}
		titles := wrap(title, m.width)
		ph := heights[i-m.firstPlot] - len(titles)
		if ph < 2 {
			titles, ph = titles[:1], heights[i-m.firstPlot]-1
		}
		opts := plot.Options{Width: m.width, Height: ph, Palette: m.theme.Palette, MinSpan: m.minSpan(spec)}
		out = append(out, titles...)
		out = append(out, strings.Split(plot.Render(spec, d, ghost, opts), "\n")...)
	}
	return out
}

// minSpan is the least span of an automatic y axis for spec: a hundred
// times the resolution of its unit (1 mV, 1 Hz), from its first signal or
// its y label.
func (m *Model) minSpan(spec sim.PlotSpec) float64 {
	unit := spec.YLabel
	if spec.Kind == sim.PlotTrace && len(spec.Signals) > 0 {
		for _, s := range m.info.Signals {
			if s.Key == spec.Signals[0] && s.Unit != "" {
				unit = s.Unit
			}
		}
	}
	return 100 * sim.Resolution(unit)
}

// plotHeights splits h lines among plots from…to−1: each gets its minimum,
// and what is left over goes in proportion to their weights, up to what
// each can use.
func (m *Model) plotHeights(h, from, to int) []int {
	n := to - from
	hs := make([]int, n)
	need := 0
	for j := range n {
		hs[j] = m.minPlotLines(from + j)
		need += hs[j]
	}
	if need > h { // one plot taller than the room: it gets the room
		hs[0] = h
		return hs
	}
	spare := h - need
	for spare > 0 { // hand out what is left, a round at a time
		total := 0
		for j := range n {
			if hs[j] < m.maxPlotLines(from+j) {
				total += plotWeight(m.plots[from+j])
			}
		}
		if total == 0 {
			break
		}
		given := 0
		for j := range n {
			if hs[j] >= m.maxPlotLines(from+j) {
				continue
			}
			extra := max(1, spare*plotWeight(m.plots[from+j])/total)
			extra = min(extra, spare-given, m.maxPlotLines(from+j)-hs[j])
			hs[j] += extra
			given += extra
		}
		spare -= given
		if given == 0 {
			break
		}
	}
	return hs
}

// ghostFor returns the ghost to draw under plot i, or nil. A trace ghost is
// the previous run's first window while this run is in its first window,
// then its last window shifted to end where this one ends.
func (m *Model) ghostFor(i int, cur *sim.PlotData) *sim.PlotData {
	if !m.showGhost || !m.hasGhost {
		return nil
	}
	g := &m.ghost[i]
	if m.plots[i].Kind != sim.PlotTrace {
		return &g.tail
	}
	now := m.run.Model.Time()
	if now <= m.info.Window {
		return &g.head
	}
	shift := now - g.end
	for k := range g.tail.Series {
		s := &g.tail.Series[k]
		for j := range s.X {
			s.X[j] += shift
		}
	}
	g.end = now
	return &g.tail
}
