package lab

import (
	"fmt"
	"math"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/neurotutor/neurotutor/sim"
	"github.com/neurotutor/neurotutor/ui/plot"
)

// minPlotLines is the fewest lines a plot is drawn in, its title
// included, for it to be read: a line chart, bars or a raster keep four
// rows of data with their legend and x axis; heat grids and square
// pictures need more. When not every plot gets its minimum, fewer are shown
// and v pages through them.
func minPlotLines(p sim.PlotSpec) int {
	switch {
	case p.Kind == sim.PlotGrid:
		return 11
	case p.Square:
		return 12
	}
	return 8
}

// View returns the lab as last rendered.
func (m Model) View() string { return m.view }

// refresh renders the whole pane into m.view. It runs in Update, after
// every change, never in View.
func (m *Model) refresh() {
	if m.width <= 0 || m.height <= 0 {
		m.view = ""
		return
	}
	w := m.width
	head := m.headerLines()
	params := m.paramLines(m.paramRows())
	metrics := m.metricLines()
	challenge := m.challengeLines()
	note := m.noteLines()

	fixed := func() int { return len(head) + len(params) + len(metrics) + len(challenge) + len(note) }
	room := m.height - fixed()
	if need := m.minPlotHeight(); room < need && len(params) > 3 { // fold the parameter list
		params = m.paramLines(max(3, len(params)-(need-room)))
		room = m.height - fixed()
	}
	var body []string
	body = append(body, head...)
	if m.failure != "" {
		body = append(body, wrap(m.theme.Bad.Render(m.failure), w)...)
	} else if !m.c.ready {
		body = append(body, m.theme.Subtle.Render("Computing the first run…"))
	} else {
		body = append(body, m.plotLines(room)...)
	}
	body = append(body, params...)
	body = append(body, metrics...)
	body = append(body, challenge...)
	body = append(body, note...)
	if len(body) > m.height {
		body = body[:m.height]
	}
	for len(body) < m.height {
		body = append(body, "")
	}
	for i, l := range body {
		if lipgloss.Width(l) > w {
			body[i] = ansi.Truncate(l, w, "")
		}
	}
	m.view = strings.Join(body, "\n")
}

// headerLines are the model's title and the run's state: running or
// paused, speed, simulated time and the ghost. When both do not fit on one
// line the state gets a line of its own, so the clock is never cut.
func (m *Model) headerLines() []string {
	th := m.theme
	state := th.Warn.Render("⏸ paused")
	if m.running {
		state = th.Good.Render("▶ running")
	}
	if m.Busy() {
		state = th.Warn.Render("◌ computing…")
	}
	speed := fmt.Sprintf("%g×", speeds[m.speed])
	t := m.run.Model.Time()
	clock := fmt.Sprintf("t = %s", formatTime(t))
	status := fmt.Sprintf("%s %s  %s", state, th.Subtle.Render(speed), th.Subtle.Render(clock))
	if m.hasGhost {
		g := "ghost off"
		if m.showGhost {
			g = "ghost on"
		}
		status += th.Subtle.Render("  " + g)
	}
	title := th.Title.Render(m.info.Title)
	if lipgloss.Width(title)+2+lipgloss.Width(status) <= m.width {
		return []string{title + "  " + status}
	}
	return append(wrap(title, m.width), wrap(status, m.width)...)
}

// formatTime writes a simulated time in ms or s.
func formatTime(ms float64) string {
	if ms >= 10_000 {
		return fmt.Sprintf("%.1f s", ms/1000)
	}
	return fmt.Sprintf("%.0f ms", ms)
}

// paramRows is how many parameter lines to show: all of them when the pane
// is tall, else a window around the selection that leaves room for plots.
func (m Model) paramRows() int {
	return min(len(m.controls), max(4, (m.height-12)/2))
}

// minPlotHeight is the height the first plot of the current page needs,
// 0 without plots.
func (m Model) minPlotHeight() int {
	if len(m.plots) == 0 {
		return 0
	}
	return minPlotLines(m.plots[m.firstPlot])
}

// page is the plots that fit in h lines from firstPlot on, at least one:
// plots firstPlot…end−1. Pages do not wrap around, so the pager's label
// names exactly the plots on screen.
func (m *Model) page(h int) (end int) {
	used := 0
	end = m.firstPlot
	for end < len(m.plots) {
		need := minPlotLines(m.plots[end])
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
		m.guard(func() { m.run.FillPlot(spec, d) })
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
		opts := plot.Options{Width: m.width, Height: ph, Palette: m.theme.Palette}
		out = append(out, titles...)
		out = append(out, strings.Split(plot.Render(spec, d, ghost, opts), "\n")...)
	}
	return out
}

// plotWeight is the share of the spare height a plot asks for: images and
// square pictures gain more from rows than a line does.
func plotWeight(p sim.PlotSpec) int {
	if p.Kind == sim.PlotGrid || p.Square {
		return 3
	}
	return 2
}

// plotHeights splits h lines among plots from…to−1: each gets its minimum,
// and what is left over goes in proportion to their weights.
func (m *Model) plotHeights(h, from, to int) []int {
	n := to - from
	hs := make([]int, n)
	need, total := 0, 0
	for j := range n {
		p := m.plots[from+j]
		hs[j] = minPlotLines(p)
		need += hs[j]
		total += plotWeight(p)
	}
	if need > h { // one plot taller than the room: it gets the room
		hs[0] = h
		return hs
	}
	spare, left := h-need, h-need
	for j := range n {
		extra := spare * plotWeight(m.plots[from+j]) / total
		if j == n-1 {
			extra = left
		}
		hs[j] += extra
		left -= extra
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

// paramLines renders up to n controls, a window around the selection.
func (m *Model) paramLines(n int) []string {
	if len(m.controls) == 0 {
		return nil
	}
	n = min(n, len(m.controls))
	start := min(max(0, m.sel-n/2), len(m.controls)-n)
	labelW := 0
	for _, p := range m.controls {
		labelW = max(labelW, lipgloss.Width(p.Label))
	}
	valueW := 13
	barW := max(4, min(24, m.width-labelW-valueW-6))
	var out []string
	for i := start; i < start+n; i++ {
		p := m.controls[i]
		v := m.paramValue(p.Key)
		mark := "  "
		if i == m.sel {
			mark = "▸ "
		}
		label := p.Label + strings.Repeat(" ", labelW-lipgloss.Width(p.Label))
		value := formatParam(p, v)
		value += strings.Repeat(" ", max(0, valueW-lipgloss.Width(value)))
		line := mark + label + "  " + value + " " + bar(p, v, barW)
		if i == m.sel && m.focused {
			line = m.theme.Selected.Render(line)
		} else if i == m.sel {
			line = m.theme.Accent.Render(line)
		}
		out = append(out, line)
	}
	if n < len(m.controls) {
		out[len(out)-1] = out[len(out)-1] + m.theme.Subtle.Render(fmt.Sprintf("  (%d of %d, ↑↓)", n, len(m.controls)))
	}
	return out
}

// bar draws a slider for v within p's range.
func bar(p sim.Param, v float64, w int) string {
	frac := 0.0
	if p.Max > p.Min {
		frac = (v - p.Min) / (p.Max - p.Min)
	}
	filled := int(math.Round(frac * float64(w)))
	return strings.Repeat("━", filled) + strings.Repeat("─", w-filled)
}

// formatParam writes a parameter value with its unit, at the precision of
// its step.
func formatParam(p sim.Param, v float64) string {
	if len(p.Choices) > 0 {
		return p.Format(v)
	}
	dec := 0
	if p.Step < 1 {
		dec = int(math.Ceil(-math.Log10(p.Step) - 1e-9))
	}
	s := fmt.Sprintf("%.*f", dec, v)
	if p.Unit != "" {
		s += " " + p.Unit
	}
	return s
}

// formatMetric writes a metric value compactly.
func formatMetric(v float64) string {
	switch a := math.Abs(v); {
	case v == math.Trunc(v) && a < 1e6:
		return fmt.Sprintf("%.0f", v)
	case a >= 100:
		return fmt.Sprintf("%.0f", v)
	case a >= 10:
		return fmt.Sprintf("%.1f", v)
	case a >= 0.01:
		return fmt.Sprintf("%.2f", v)
	}
	return fmt.Sprintf("%.2g", v)
}

// metricLines lays the metrics out as "label value unit" items, wrapped.
func (m *Model) metricLines() []string {
	var items []string
	filter, _ := m.run.Model.(sim.MetricFilter)
	for i, mt := range m.info.Metrics {
		if i >= len(m.metrics) {
			break
		}
		if filter != nil && !filter.MetricActive(mt.Key) {
			continue
		}
		item := mt.Label + " " + m.theme.Title.Render(formatMetric(m.metrics[i]))
		if mt.Unit != "" {
			item += " " + mt.Unit
		}
		items = append(items, item)
	}
	return flow(items, m.width, m.theme.Subtle.Render(" · "))
}

// flow joins items into lines no wider than w.
func flow(items []string, w int, sep string) []string {
	var lines []string
	cur := ""
	for _, it := range items {
		switch {
		case cur == "":
			cur = it
		case lipgloss.Width(cur)+lipgloss.Width(sep)+lipgloss.Width(it) <= w:
			cur += sep + it
		default:
			lines = append(lines, cur)
			cur = it
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// challengeLines shows the challenge count and the current challenge with
// its progress, and its hint when revealed.
func (m *Model) challengeLines() []string {
	if len(m.checks) == 0 {
		return nil
	}
	th := m.theme
	done := 0
	for _, k := range m.checks {
		if k.Solved {
			done++
		}
	}
	cur := m.current()
	if cur == nil {
		return []string{th.Good.Render(fmt.Sprintf("★ All %d challenges met.", len(m.checks))) +
			th.Subtle.Render(" Try the presets, or the next lesson (n).")}
	}
	idx := 0
	for i, k := range m.checks {
		if k == cur {
			idx = i
		}
	}
	now := m.run.Model.Time()
	status := th.Subtle.Render("○ not yet")
	if held := cur.Held(now); held > 0 || cur.Challenge.HoldsAll(m.value) {
		status = th.Warn.Render(fmt.Sprintf("◐ holding %.0f/%.0f ms", held, cur.Challenge.HoldMS))
	}
	head := th.Accent.Render(fmt.Sprintf("Challenge %d/%d", idx+1, len(m.checks))) +
		th.Subtle.Render(fmt.Sprintf(" (%d met) ", done)) + status
	lines := []string{head}
	lines = append(lines, wrap(cur.Challenge.Prompt, m.width)...)
	if m.hint {
		lines = append(lines, wrap(th.Subtle.Render("Hint: "+cur.Challenge.Hint), m.width)...)
	}
	return lines
}

// noteLines are the transient message, else the selected parameter's
// help, wrapped to the pane.
func (m *Model) noteLines() []string {
	th := m.theme
	switch {
	case m.note != "" && m.noteBad:
		return wrap(th.Bad.Render(m.note), m.width)
	case m.note != "":
		return wrap(th.Good.Render(m.note), m.width)
	case len(m.controls) > 0:
		p := m.controls[m.sel]
		s := p.Label + ": " + p.Help + " (" + p.Allowed() + ")"
		if !p.Live {
			s += " · restarts the run"
		}
		return wrap(th.Subtle.Render(s), m.width)
	}
	return nil
}

// wrap word-wraps s to w columns, keeping every line: nothing the lab
// says is cut off.
func wrap(s string, w int) []string {
	return strings.Split(lipgloss.Wrap(s, max(1, w), " "), "\n")
}
